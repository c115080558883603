"""Two Whisper engines behind one interface: `engine.transcribe(samples, progress) -> [AsrSegment]`.

faster-whisper (default; CTranslate2, int8 on CPU, float16 on CUDA) and openai-whisper
(PyTorch, float32 on CPU, float16 on CUDA; the pinned weights are converted once into its
checkpoint format). Both decode English with word timestamps. `model` is tiny.en, base, or a
path: a CTranslate2 folder (either engine) or an openai-whisper .pt checkpoint (openai-whisper).
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Protocol

import numpy as np

from analyzer.model import Word

from . import models
from .errors import SetupError

ENGINES = ("faster-whisper", "openai-whisper")
DEFAULT_ENGINE = "faster-whisper"
CHECKPOINT_ENV = "CALLREVIEW_WHISPER_CHECKPOINT"  # openai-whisper: use this .pt by default
# faster-whisper: decode this many 30-second windows at once (its batched pipeline; for a GPU,
# where the cluster's transcription actors set it). Unset or 1: one window after another.
BATCH_ENV = "CALLREVIEW_WHISPER_BATCH"
BEAM_SIZE = 1  # greedy, as openai-whisper defaults to: fast, and both engines agree
SEED = 0  # the temperature fallback samples: seeded, the same audio gives the same words
Progress = Callable[[float], None]  # seconds of audio done


@dataclass(frozen=True)
class AsrSegment:
    start: float
    end: float
    text: str
    words: tuple[Word, ...]


class Engine(Protocol):
    name: str
    model_id: str  # tiny.en, base, or custom-<hash> (part of the transcript cache key)
    detail: str  # device and precision, for the log line

    def transcribe(self, samples: np.ndarray, progress: Progress) -> list[AsrSegment]: ...


def default_threads() -> int:
    return int(os.environ.get("CALLREVIEW_THREADS") or min(os.cpu_count() or 1, 8))


def resolve_model(engine: str, model: str | None) -> str:
    """The model to use: as given, else $CALLREVIEW_WHISPER_CHECKPOINT for openai-whisper,
    else tiny.en."""
    if engine not in ENGINES:
        raise SetupError(f"unknown engine {engine!r}: use {' or '.join(ENGINES)}")
    if model:
        return model
    if engine == "openai-whisper" and os.environ.get(CHECKPOINT_ENV):
        return os.environ[CHECKPOINT_ENV]
    return models.DEFAULT_MODEL


def model_id(model: str) -> str:
    """Cache-key name of a model: the pinned name, or custom-<hash of path, size, mtime>."""
    if model in models.MODELS:
        return model
    p = Path(model).expanduser().resolve()
    target = p / "model.bin" if p.is_dir() else p
    try:
        st = target.stat()
    except OSError:
        raise SetupError(f"model {model!r}: no such file or folder (use "
                         f"{' or '.join(models.MODELS)}, or a path)") from None
    key = f"{target}|{st.st_size}|{st.st_mtime_ns}".encode()
    return "custom-" + hashlib.sha256(key).hexdigest()[:12]


@lru_cache(maxsize=4)
def get_engine(engine: str, model: str | None = None, threads: int | None = None) -> Engine:
    """A loaded engine (kept for the process, so a batch loads the weights once)."""
    model = resolve_model(engine, model)
    threads = threads or default_threads()
    cls = FasterWhisper if engine == "faster-whisper" else OpenAIWhisper
    return cls(model, threads)


def _import(name: str, package: str):
    try:
        return __import__(name)
    except ImportError:
        raise SetupError(f"{package} is not installed: run `make setup`") from None


class FasterWhisper:
    name = "faster-whisper"

    def __init__(self, model: str, threads: int):
        # Intel MKL's reproducible mode (CTranslate2's advice where the same input decoded
        # differently between runs); read when the library loads, so set before the import
        os.environ.setdefault("MKL_CBWR", "AUTO,STRICT")
        fw = _import("faster_whisper", "faster-whisper")
        import ctranslate2

        self._seed = ctranslate2.set_random_seed
        self.model_id = model_id(model)
        folder = models.ct2_dir(model) if model in models.MODELS else _ct2_folder(model)
        cuda = ctranslate2.get_cuda_device_count() > 0
        device, compute = ("cuda", "float16") if cuda else ("cpu", "int8")
        self.detail = f"{compute} on {device}"
        self._model = fw.WhisperModel(str(folder), device=device, compute_type=compute,
                                      cpu_threads=threads)
        self._batch = int(os.environ.get(BATCH_ENV) or 1)
        self._run, extra = self._model.transcribe, {}
        if self._batch > 1:
            self._run = fw.BatchedInferencePipeline(self._model).transcribe
            extra = {"batch_size": self._batch}
            self.detail += f", batches of {self._batch}"
        self._extra = extra

    def transcribe(self, samples: np.ndarray, progress: Progress) -> list[AsrSegment]:
        self._seed(SEED)
        segments, _ = self._run(samples, language="en", beam_size=BEAM_SIZE,
                                word_timestamps=True, condition_on_previous_text=False,
                                **self._extra)
        out = []
        for s in segments:
            words = tuple(Word(w.word.strip(), round(w.start, 3), round(w.end, 3))
                          for w in s.words or () if w.word.strip())
            out.append(AsrSegment(round(s.start, 3), round(s.end, 3), s.text.strip(), words))
            progress(s.end)
        return out


class OpenAIWhisper:
    name = "openai-whisper"

    def __init__(self, model: str, threads: int):
        _import("whisper", "openai-whisper")
        import torch
        from whisper.model import ModelDimensions, Whisper

        self.model_id = model_id(model)
        checkpoint = _checkpoint(model)
        device = "cuda" if torch.cuda.is_available() else "cpu"
        self._fp16 = device == "cuda"
        self.detail = f"{'float16' if self._fp16 else 'float32'} on {device}"
        torch.set_num_threads(threads)
        self._torch = torch
        saved = torch.load(checkpoint, map_location="cpu", weights_only=True)  # as load_model()
        self._model = Whisper(ModelDimensions(**saved["dims"]))
        self._model.load_state_dict(saved["model_state_dict"])
        self._model.to(device)
        if saved.get("alignment_heads"):  # converted weights: faster-whisper's timing heads
            self._model.set_alignment_heads(saved["alignment_heads"])

    def transcribe(self, samples: np.ndarray, progress: Progress) -> list[AsrSegment]:
        wt = sys.modules["whisper.transcribe"]
        self._torch.manual_seed(SEED)
        real_tqdm = wt.tqdm
        wt.tqdm = SimpleNamespace(tqdm=lambda **kw: _FrameProgress(progress))
        try:
            result = self._model.transcribe(
                samples, language="en", word_timestamps=True, fp16=self._fp16, verbose=False,
                beam_size=BEAM_SIZE if BEAM_SIZE > 1 else None,
                condition_on_previous_text=False)
        finally:
            wt.tqdm = real_tqdm
        out = []
        for s in result["segments"]:
            words = tuple(Word(w["word"].strip(), round(float(w["start"]), 3),
                               round(float(w["end"]), 3))
                          for w in s.get("words") or () if w["word"].strip())
            out.append(AsrSegment(round(float(s["start"]), 3), round(float(s["end"]), 3),
                                  s["text"].strip(), words))
        return out


class _FrameProgress:
    """Stands in for the tqdm bar inside openai-whisper's transcribe (counts 10 ms frames)."""

    def __init__(self, progress: Progress):
        self._progress, self._frames = progress, 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        self._frames += n
        self._progress(self._frames / 100)


def _ct2_folder(model: str) -> Path:
    folder = Path(model).expanduser()
    if not (folder / "model.bin").is_file():
        raise SetupError(f"model {model!r}: faster-whisper needs a CTranslate2 folder with "
                         "model.bin (or use tiny.en / base)")
    return folder


def _checkpoint(model: str) -> Path:
    """An openai-whisper checkpoint: the user's .pt, or the pinned weights converted once."""
    from .convert import convert

    path = Path(model).expanduser()
    if model not in models.MODELS and path.is_file():
        return path
    folder = models.ct2_dir(model) if model in models.MODELS else _ct2_folder(model)
    out = models.cache_root() / "models" / "openai-whisper" / f"{model_id(model)}.pt"
    if model in models.MODELS:
        out = out.with_name(f"{model}-{models.PINS[model].sha256[:12]}.pt")
    if not out.is_file():
        convert(folder, out)
    return out
