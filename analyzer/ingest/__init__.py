"""Ingest: read one call file (text, Otter, WebVTT, SRT, JSON, audio) into a Transcript.

Every problem with the input is raised as analyzer.model.InputError (path, message, line).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from analyzer.model import InputError, Transcript
from analyzer.transcribe import timeline

from . import audio, jsonfile, subtitles, text
from .encoding import read_text
from .meta import SIDECAR_SUFFIXES
from .options import LoadOptions

AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".flac", ".webm")
TEXT_SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".json")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + AUDIO_SUFFIXES
_PARSERS = {".txt": text.parse, ".md": text.parse, ".vtt": subtitles.parse_vtt,
            ".srt": subtitles.parse_srt, ".json": jsonfile.parse}
_SRT_START = re.compile(r"\A\s*\d+\s*\n\s*\d[\d:,.]*\s*-->")
# files beside a call that shape its scorecard: metadata, a mono recording's speaker timeline
SIDECARS = SIDECAR_SUFFIXES + timeline.SUFFIXES

__all__ = ["LoadOptions", "load_call", "iter_call_files", "sidecars", "SUPPORTED_SUFFIXES", "AUDIO_SUFFIXES"]


def load_call(path: str | Path, options: LoadOptions | Mapping[str, Any] | None = None) -> Transcript:
    """Read a call file into a Transcript. The options' metadata (from the command line, such
    as {"rep": "Dana", "call_date": "2026-03-02"}) beats the file's own and the sidecar's; a
    plain mapping is read as LoadOptions.of(mapping)."""
    path = Path(path)
    options = LoadOptions.of(options)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(no suffix)'!r}: expected "
                               f"one of {' '.join(SUPPORTED_SUFFIXES)}")
    if path.is_dir():
        raise InputError(path, "is a folder, not a call file")
    if not path.exists():
        raise InputError(path, "file not found")
    if suffix in AUDIO_SUFFIXES:
        return audio.load_audio(path, options)
    decoded = read_text(path)
    source = decoded.text
    parser = _PARSERS[suffix]
    if suffix in (".txt", ".md"):  # subtitles saved as .txt
        if source.lstrip().startswith("WEBVTT"):
            parser = subtitles.parse_vtt
        elif _SRT_START.match(source):
            parser = subtitles.parse_srt
    # a parser raises InputError for every problem with the file; anything else is a bug in
    # the parser and propagates as it is (the command line logs its traceback)
    transcript = parser(path, source, dict(options.meta))
    return replace(transcript, encoding=decoded.encoding) if decoded.encoding else transcript


def sidecars(path: str | Path) -> list[Path]:
    """The sidecars beside the call `path` that exist (NAME.meta.yaml, .meta.yml, .turns.json,
    .rttm)."""
    path = Path(path)
    return [side for suffix in SIDECARS if (side := path.with_name(path.stem + suffix)).is_file()]


def iter_call_files(folder: str | Path) -> list[Path]:
    """Call files under `folder` (recursive, sorted), skipping README*, labels.csv,
    sidecars, hidden files and unsupported suffixes."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "not a folder")
    found = []
    for p in folder.rglob("*"):
        rel = p.relative_to(folder)
        name = p.name.lower()
        if (not p.is_file() or any(part.startswith(".") for part in rel.parts)
                or name.startswith("readme") or name == "labels.csv"
                or name.endswith(SIDECARS)
                or p.suffix.lower() not in SUPPORTED_SUFFIXES):
            continue
        found.append(p)
    return sorted(found)
