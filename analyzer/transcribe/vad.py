"""Keep only the speech (Silero VAD, as shipped with faster-whisper) before either engine runs.

One channel of a two-channel call is silent while the other side talks; Whisper hallucinates
in long silences and stretches word timings across them. Both engines therefore get the same
speech-only audio, and their timestamps are mapped back onto the recording's own clock.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from faster_whisper.vad import SpeechTimestampsMap, VadOptions, get_speech_timestamps

from analyzer.model import Word

from .decode import RATE

OPTIONS = VadOptions(min_silence_duration_ms=1000, speech_pad_ms=300)


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # the speech chunks, back to back
    chunks: list[dict]  # {"start", "end"} in samples of the original audio

    @property
    def empty(self) -> bool:
        return not self.chunks

    def original_time(self, t: float) -> float:
        """A time on the speech-only audio, on the recording's clock."""
        return SpeechTimestampsMap(self.chunks, RATE, 3).get_original_time(t) if self.chunks else t


def speech_only(samples: np.ndarray) -> Speech:
    chunks = get_speech_timestamps(samples, OPTIONS, sampling_rate=RATE)
    if not chunks:
        return Speech(np.zeros(0, dtype=np.float32), [])
    joined = np.concatenate([samples[c["start"]:c["end"]] for c in chunks]).astype(np.float32)
    return Speech(joined, chunks)


def restore(speech: Speech, segments: list, samples: np.ndarray) -> list:
    """Map AsrSegments timed on the speech-only audio back to the recording's clock (a word
    stays in the chunk that holds its middle), then tighten the words against `samples`."""
    ts = SpeechTimestampsMap(speech.chunks, RATE, 3)
    mapped = []
    for seg in segments:
        for w in seg.words:
            chunk = ts.get_chunk_index((w.start + w.end) / 2)
            mapped.append(Word(w.text, ts.get_original_time(w.start, chunk),
                               ts.get_original_time(w.end, chunk)))
    tight = iter(tighten(mapped, samples))
    out = []
    for seg in segments:
        words = [next(tight) for _ in seg.words]
        if words:
            out.append(replace(seg, start=words[0].start, end=words[-1].end, words=tuple(words)))
        elif seg.text:
            out.append(replace(seg, start=ts.get_original_time(seg.start),
                               end=ts.get_original_time(seg.end, is_end=True)))
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
