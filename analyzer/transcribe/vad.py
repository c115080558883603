"""Shorten long silences (Silero VAD, as shipped with faster-whisper) before either engine runs.

One channel of a two-channel call is silent while the other side talks; Whisper hallucinates
in long silences, stretches word timings across them and spends time on them. Both engines
therefore get the same audio: the speech, with every silence cut to at most KEEP_GAP_S (a
pause still reads as a pause), and their timestamps are mapped back onto the recording's clock.
Word edges are then snapped to the voiced frames of the channel (`tighten`).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

import numpy as np
from faster_whisper.vad import VadOptions, get_speech_timestamps

from analyzer.model import Word

from .decode import RATE

OPTIONS = VadOptions(min_silence_duration_ms=1000, speech_pad_ms=300)
KEEP_GAP_S = 1.0


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # the speech chunks with shortened silences between them
    starts: tuple[int, ...]  # where each chunk starts in `samples`
    ends: tuple[int, ...]  # ... and ends
    origins: tuple[int, ...]  # where it starts in the original audio

    @property
    def empty(self) -> bool:
        return not self.starts

    def chunk_at(self, t: float) -> int:
        """The chunk holding time `t` of the shortened audio (in a kept gap: the nearer one)."""
        x = round(t * RATE)
        i = max(bisect.bisect_right(self.starts, x) - 1, 0)
        if i + 1 < len(self.starts) and x - self.ends[i] > self.starts[i + 1] - x:
            return i + 1
        return i

    def original_time(self, t: float, chunk: int | None = None) -> float:
        """A time on the shortened audio, on the recording's clock."""
        if self.empty:
            return t
        i = self.chunk_at(t) if chunk is None else chunk
        return round(t + (self.origins[i] - self.starts[i]) / RATE, 3)


def speech_only(samples: np.ndarray) -> Speech:
    chunks = get_speech_timestamps(samples, OPTIONS, sampling_rate=RATE)
    pieces, starts, ends, origins, pos, prev_end = [], [], [], [], 0, None
    for c in chunks:
        if prev_end is not None:
            gap = min(c["start"] - prev_end, int(KEEP_GAP_S * RATE))
            pieces.append(np.zeros(gap, dtype=np.float32))
            pos += gap
        starts.append(pos)
        origins.append(c["start"])
        pieces.append(samples[c["start"]:c["end"]])
        pos += c["end"] - c["start"]
        ends.append(pos)
        prev_end = c["end"]
    joined = np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)
    return Speech(joined, tuple(starts), tuple(ends), tuple(origins))


def restore(speech: Speech, segments: list, samples: np.ndarray) -> list:
    """Map AsrSegments timed on the shortened audio back to the recording's clock (a word
    stays in the chunk that holds its middle), then tighten the words against `samples`."""
    mapped = []
    for seg in segments:
        for w in seg.words:
            chunk = speech.chunk_at((w.start + w.end) / 2)
            mapped.append(Word(w.text, speech.original_time(w.start, chunk),
                               speech.original_time(w.end, chunk)))
    tight = iter(tighten(mapped, samples))
    out = []
    for seg in segments:
        words = [next(tight) for _ in seg.words]
        if words:
            out.append(replace(seg, start=words[0].start, end=words[-1].end, words=tuple(words)))
        elif seg.text:
            out.append(replace(seg, start=speech.original_time(seg.start),
                               end=speech.original_time(seg.end)))
    return out


FRAME = RATE // 100  # 10 ms


def tighten(words: list[Word], samples: np.ndarray) -> list[Word]:
    """Snap word edges to the voiced frames of `samples` (the word's own channel), so a
    silence between two words measures the silence in the audio, not Whisper's padding: an
    edge moves inward to the first/last voiced frame inside the word, then outward over a
    run of voiced frames it cut off (never past the neighbouring words)."""
    if not words:
        return words
    voiced = _voiced_frames(samples)
    n = len(voiced)
    frames = [(min(int(w.start * 100), n), min(max(int(np.ceil(w.end * 100)), 0), n))
              for w in words]
    out = []
    for i, (w, (s, e)) in enumerate(zip(words, frames)):
        hits = np.flatnonzero(voiced[s:e])
        if not len(hits):
            out.append(w)
            continue
        s2, e2 = s + int(hits[0]), s + int(hits[-1]) + 1
        lo = out[-1].end * 100 if out else 0
        hi = frames[i + 1][0] if i + 1 < len(frames) else n
        while e2 < hi and voiced[e2]:
            e2 += 1
        while s2 - 1 >= lo and voiced[s2 - 1]:
            s2 -= 1
        out.append(Word(w.text, round(s2 / 100, 2), round(e2 / 100, 2)))
    return out


def _voiced_frames(samples: np.ndarray) -> np.ndarray:
    """10 ms frames louder than 10 dB over the noise floor (and over -55 dBFS)."""
    n = len(samples) // FRAME
    if n == 0:
        return np.zeros(0, dtype=bool)
    rms = np.sqrt(np.mean(samples[: n * FRAME].reshape(n, FRAME) ** 2, axis=1) + 1e-12)
    db = 20 * np.log10(rms)
    floor = float(np.percentile(db, 10))
    return db > max(floor + 10, -55.0)
