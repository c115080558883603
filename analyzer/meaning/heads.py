"""Trained heads: one logistic regression per role over [sentence, previous turn, side].

A head is a small JSON file (weights, bias, what it was trained on and how well it did in
cross-validation, and the digest of the encoder it expects). Loading checks the encoder digest.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .encoder import DIM
from .roles import SIDE_FREE

HEADS_DIR = Path(__file__).parent / "heads"


def heads_dir() -> Path:
    """$CALLREVIEW_HEADS (heads a team retrained) or the built-in heads."""
    import os

    return Path(os.environ.get("CALLREVIEW_HEADS") or HEADS_DIR)
FEATURES = 2 * DIM + 1


def features(text_vecs: np.ndarray, prev_vecs: np.ndarray, seller: np.ndarray) -> np.ndarray:
    """The head input: the sentence, the other side's turn before it (zeros when none), the side."""
    return np.hstack([text_vecs, prev_vecs, seller.reshape(-1, 1).astype(np.float32)])


def for_role(x: np.ndarray, role: str) -> np.ndarray:
    """A side-free role's head does not see the side column."""
    if role not in SIDE_FREE:
        return x
    out = x.copy()
    out[:, -1] = 0.0
    return out


@dataclass(frozen=True)
class Head:
    role: str
    weights: tuple[float, ...]
    bias: float
    encoder_sha256: str
    version: str = ""
    trained_on: dict = field(default_factory=dict)  # positives, negatives, feedback examples
    metrics: dict = field(default_factory=dict)  # cross-validated precision/recall/F1

    def predict(self, x: np.ndarray) -> np.ndarray:
        w = np.asarray(self.weights, dtype=np.float32)
        return 1.0 / (1.0 + np.exp(-(x @ w + self.bias)))

    def save(self, folder: Path = HEADS_DIR) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.role}.json"
        data = asdict(self)
        data["weights"] = [round(float(v), 6) for v in self.weights]
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        return path


class HeadError(RuntimeError):
    pass


def load_heads(folder: Path | None = None, digest: str | None = None) -> dict[str, Head]:
    heads = {}
    folder = folder or heads_dir()
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        head = Head(**{**data, "weights": tuple(data["weights"])})
        if len(head.weights) != FEATURES:
            raise HeadError(f"{path}: expects {len(head.weights)} features, the encoder gives {FEATURES}")
        if digest and head.encoder_sha256 != digest:
            raise HeadError(f"{path}: trained on another encoder; run `callreview train`")
        heads[head.role] = head
    return heads
