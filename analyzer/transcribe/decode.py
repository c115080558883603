"""Decode any audio file with ffmpeg into 16 kHz float32 PCM, one array per channel.

Two channels stay two (a call recorder's rep/buyer split) unless they carry the same signal or
one is silent; any other layout is mixed down to one. Unreadable, empty or silent audio is an
InputError with one line.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analyzer.model import InputError

from .errors import SetupError

RATE = 16000
SILENT_PEAK = 10 ** (-60 / 20)  # below -60 dBFS everywhere: nothing to transcribe
SAME_SIGNAL = 0.01  # relative difference under which two channels count as one


@dataclass(frozen=True)
class Audio:
    channels: tuple[np.ndarray, ...]  # 1 or 2 float32 arrays at RATE
    duration: float  # seconds

    @property
    def stereo(self) -> bool:
        return len(self.channels) == 2


def decode(path: Path) -> Audio:
    """Read `path` (wav, mp3, m4a, ogg, flac, webm, ...) with ffmpeg."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            raise InputError(path, "audio file is empty")
    except OSError as e:
        raise InputError(path, f"cannot read file: {e.strerror or e}") from None
    count = _channel_count(path)
    raw = _ffmpeg(path, "-ac", "2" if count == 2 else "1")
    pcm = np.frombuffer(raw, dtype="<f4")
    width = 2 if count == 2 else 1
    pcm = pcm[: len(pcm) // width * width].reshape(-1, width)
    if len(pcm) < RATE // 10:
        raise InputError(path, "no audio: the file decodes to less than 0.1 s of sound")
    channels = tuple(np.ascontiguousarray(pcm[:, i]) for i in range(width))
    loud = [c for c in channels if float(np.max(np.abs(c))) >= SILENT_PEAK]
    if not loud:
        raise InputError(path, "the recording is silent (no sound above -60 dBFS)")
    if width == 2 and (len(loud) == 1 or _same_signal(*channels)):
        channels = (loud[0],) if len(loud) == 1 else (((channels[0] + channels[1]) / 2),)
    return Audio(channels, round(len(pcm) / RATE, 3))


def _same_signal(a: np.ndarray, b: np.ndarray) -> bool:
    scale = float(np.linalg.norm(a) + np.linalg.norm(b))
    return scale == 0 or float(np.linalg.norm(a - b)) / scale < SAME_SIGNAL


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise SetupError(f"{name} not found: install ffmpeg (apt-get install ffmpeg) to read audio")
    return found


def _channel_count(path: Path) -> int:
    res = subprocess.run([_tool("ffprobe"), "-v", "error", "-select_streams", "a:0",
                          "-show_entries", "stream=channels", "-of", "json", str(path)],
                         capture_output=True, text=True)
    streams = []
    if res.returncode == 0:
        try:
            streams = json.loads(res.stdout or "{}").get("streams") or []
        except ValueError:
            streams = []
    if not streams:
        raise InputError(path, "cannot decode audio: " + _reason(res.stderr, path,
                                                                 "no audio stream found"))
    return int(streams[0].get("channels") or 1)


def _ffmpeg(path: Path, *args: str) -> bytes:
    res = subprocess.run([_tool("ffmpeg"), "-nostdin", "-v", "error", "-i", str(path), "-vn",
                          *args, "-ar", str(RATE), "-f", "f32le", "-acodec", "pcm_f32le", "-"],
                         capture_output=True)
    if res.returncode != 0 and not res.stdout:
        raise InputError(path, "cannot decode audio: "
                               + _reason(res.stderr.decode(errors="replace"), path, "ffmpeg failed"))
    return res.stdout


def _reason(stderr: str, path: Path, default: str) -> str:
    """ffmpeg's first error line, without the file name it repeats."""
    for line in stderr.splitlines():
        line = line.strip().replace(f"{path}: ", "")
        if line:
            return line
    return default
