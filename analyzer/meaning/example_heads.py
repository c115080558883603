"""Heads taught by example sentences: a manager writes 10-30 sentences that do a thing and
some that come close but don't; a small logistic head over the meaning layer's encoder learns it.

The head is trained when the item is first used in a process (deterministic: the same examples
give the same head), on the item's own sentences plus everyday sentences from the corpus that do
none of the roles, as background the item must not fire on. `validate` cross-validates it on the
item's own sentences for `callreview rubric check`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .corpus import CORPUS_DIR, load_corpus

MIN_DOES, MIN_DOESNT, MIN_WORDS = 10, 3, 3
BACKGROUND = 400  # everyday sentences kept from the corpus (every n-th, so always the same)
C = 4.0  # the sentences are few: a light penalty lets the head fit them


def example_problems(does, doesnt) -> list[str]:
    """What is wrong with a set of examples before any training (no encoder needed)."""
    problems = []
    if len(does) < MIN_DOES:
        problems.append(f"examples: {len(does)} sentences that do it; write at least {MIN_DOES}")
    if len(doesnt) < MIN_DOESNT:
        problems.append(f"examples: {len(doesnt)} sentences that don't; write at least {MIN_DOESNT}")
    short = [s for s in (*does, *doesnt) if len(str(s).split()) < MIN_WORDS]
    if short:
        problems.append(f"examples: {short[0]!r} is too short to judge (at least {MIN_WORDS} words)")
    both = set(does) & set(doesnt)
    if both:
        problems.append(f"examples: {sorted(both)[0]!r} is listed as doing it and as not doing it")
    return problems


@dataclass(frozen=True)
class ExampleHead:
    weights: np.ndarray
    bias: float

    def predict(self, vecs: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(vecs @ self.weights + self.bias)))


@dataclass(frozen=True)
class Validation:
    """Cross-validated agreement on the item's own sentences (each held out once)."""
    does: int
    doesnt: int
    agreement: float
    precision: float
    recall: float
    missed: tuple[str, ...]  # sentences that do it, judged as not
    false: tuple[str, ...]  # sentences that don't, judged as doing it


def encode_sentences(texts: list[str]) -> np.ndarray:
    """Unit vectors for the texts a head reads (the encoder's float32 weights)."""
    from .encoder import exact_encoder

    return exact_encoder().encode(texts)


@lru_cache(maxsize=1)
def _background(side: str) -> tuple[str, ...]:
    rows = [e.text for e in load_corpus(CORPUS_DIR)
            if not e.roles and (side == "any" or e.seller == (side == "seller"))]
    step = max(1, len(rows) // BACKGROUND)
    return tuple(rows[::step][:BACKGROUND])


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> ExampleHead:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=3000, solver="lbfgs")
    model.fit(x, y, sample_weight=w * len(y))
    return ExampleHead(model.coef_[0].astype(np.float32), float(model.intercept_[0]))


def _training(does, doesnt, side):
    """Vectors, labels and weights: the sentences that do it weigh as much as all the others
    together, and the manager's near misses as much as the whole background."""
    background = [t for t in _background(side) if t not in set(does) | set(doesnt)]
    texts = [*does, *doesnt, *background]
    y = np.array([1] * len(does) + [0] * (len(doesnt) + len(background)))
    w = np.array([0.5 / len(does)] * len(does)
                 + [(0.25 / len(doesnt)) if doesnt else 0.0] * len(doesnt)
                 + [0.25 / max(1, len(background))] * len(background))
    return encode_sentences(texts), y, w


@lru_cache(maxsize=32)
def train_head(does: tuple[str, ...], doesnt: tuple[str, ...], side: str) -> ExampleHead:
    return _fit(*_training(does, doesnt, side))


def validate(does: tuple[str, ...], doesnt: tuple[str, ...], side: str, threshold: float) -> Validation:
    x, y, w = _training(does, doesnt, side)
    own = len(does) + len(doesnt)
    pred = np.zeros(own, dtype=bool)
    for i in range(own):  # leave one out: 20-60 sentences, a fit is milliseconds
        keep = np.arange(len(y)) != i
        pred[i] = _fit(x[keep], y[keep], w[keep]).predict(x[i:i + 1])[0] >= threshold
    truth = y[:own] == 1
    tp, fp = int((pred & truth).sum()), int((pred & ~truth).sum())
    texts = [*does, *doesnt]
    return Validation(len(does), len(doesnt), float((pred == truth).mean()),
                      tp / (tp + fp) if tp + fp else 0.0, tp / len(does) if does else 0.0,
                      tuple(t for t, p, g in zip(texts, pred, truth) if g and not p),
                      tuple(t for t, p, g in zip(texts, pred, truth) if p and not g))


def fingerprint(does, doesnt, side) -> str:
    return hashlib.sha256(repr((tuple(does), tuple(doesnt), side)).encode()).hexdigest()[:12]
