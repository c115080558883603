"""Audio -> timed words, offline: ffmpeg decoding, speech detection, a Whisper engine, a cache.

    rec = transcribe("call.ogg", engine="faster-whisper", model="tiny.en")
    rec.channels  # one list of AsrSegment per channel (2 for a rep/buyer stereo recording)

Transcripts are cached by the SHA-256 of the audio bytes, the engine and the model, so a
recording is transcribed once. Long recordings show a progress bar; every transcription ends
with a real-time-factor line on stderr.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analyzer.model import InputError

from . import cache, decode
from .engines import (DEFAULT_ENGINE, ENGINES, AsrSegment, get_engine, model_id,
                      resolve_model)
from .errors import SetupError
from .models import MODELS, ModelError
from .progress import Stopwatch, report, rtf_line, tracker

__all__ = ["transcribe", "Recording", "AsrSegment", "ENGINES", "MODELS", "DEFAULT_ENGINE",
           "SetupError", "ModelError"]


@dataclass(frozen=True)
class Recording:
    duration: float
    channels: tuple[tuple[AsrSegment, ...], ...]  # 1 or 2 (rep/buyer split) channels
    engine: str
    model: str  # tiny.en, base or custom-<hash>
    cached: bool = False


def transcribe(path: str | Path, engine: str | None = None, model: str | None = None,
               threads: int | None = None) -> Recording:
    """Timed words of every channel of `path`, from the cache when this audio was done before.
    InputError for unreadable or speechless audio, SetupError for missing tools or weights."""
    path = Path(path)
    engine = engine or DEFAULT_ENGINE
    model = resolve_model(engine, model)
    mid = model_id(model)
    try:
        where = cache.path_for(cache.audio_hash(path), engine, mid)
    except OSError as e:
        raise InputError(path, f"cannot read file: {e.strerror or e}") from None
    hit = cache.load(where)
    if hit is not None:
        return Recording(hit[0], tuple(map(tuple, hit[1])), engine, mid, cached=True)
    clock = Stopwatch()
    audio = decode.decode(path)
    try:
        from . import vad  # loads faster-whisper's VAD; not needed for a cached transcript
    except ImportError as e:
        raise SetupError(f"faster-whisper is not installed ({e}): run `make setup`") from None

    decoding = clock.seconds
    asr = get_engine(engine, model, threads)  # loading the weights is not transcription time
    clock = Stopwatch()
    channels = []
    with tracker(f"transcribing {path.name}", audio.duration * len(audio.channels)) as advance:
        for i, samples in enumerate(audio.channels):
            done = i * audio.duration
            speech = vad.speech_only(samples)
            if speech.empty:
                channels.append([])
                continue
            segments = asr.transcribe(speech.samples,
                                      lambda t: advance(done + speech.original_time(t)))
            channels.append(vad.restore(speech, segments, samples))
    if not any(s.words for segs in channels for s in segs):
        raise InputError(path, "no speech recognised in the recording")
    cache.save(where, audio.duration, channels,
               {"engine": engine, "model": mid, "source": path.name})
    report(rtf_line(path.name, audio.duration, len(audio.channels), decoding + clock.seconds,
                    f"{engine} {model if mid == model else mid}, {asr.detail}"))
    return Recording(audio.duration, tuple(map(tuple, channels)), engine, mid)
