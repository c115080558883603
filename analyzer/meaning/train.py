"""`callreview train`: fit one head per role, deterministically, and say how well each does on
writers it has not seen (group cross-validation)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .corpus import Example, with_asr_variants
from .encoder import DIM, Encoder, weights_digest
from .heads import HEADS_DIR, Head, features, for_role
from .roles import ROLES

C_GRID = (0.5, 1.0, 2.0, 4.0)
HEAD_VERSION = "1"


@dataclass
class RoleReport:
    role: str
    positives: int
    negatives: int
    c: float
    precision: float
    recall: float
    f1: float


def embed_examples(examples: list[Example], encoder: Encoder) -> np.ndarray:
    texts = sorted({e.text for e in examples} | {e.prev for e in examples if e.prev})
    vecs = dict(zip(texts, encoder.encode(texts)))
    zero = np.zeros(DIM, dtype=np.float32)
    return features(np.stack([vecs[e.text] for e in examples]),
                    np.stack([vecs[e.prev] if e.prev else zero for e in examples]),
                    np.array([e.seller for e in examples], dtype=np.float32))


def _fit(x, y, w, c):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, solver="lbfgs")
    model.fit(x, y, sample_weight=w)
    return model


def _cv(x, y, w, groups, c) -> tuple[float, float, float]:
    """Precision/recall/F1 at 0.5, each writer held out in turn."""
    tp = fp = fn = 0
    for g in sorted(set(groups)):
        test = groups == g
        if y[~test].sum() == 0 or y[test].sum() == 0:
            continue
        pred = _fit(x[~test], y[~test], w[~test], c).predict_proba(x[test])[:, 1] >= 0.5
        tp += int((pred & (y[test] == 1)).sum())
        fp += int((pred & (y[test] == 0)).sum())
        fn += int((~pred & (y[test] == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def train(examples: list[Example], encoder: Encoder, out: Path = HEADS_DIR,
          roles: tuple[str, ...] = ROLES, cross_validate: bool = True) -> list[RoleReport]:
    examples = with_asr_variants(examples)
    x = embed_examples(examples, encoder)
    groups = np.array([e.group for e in examples])
    w = np.array([e.weight for e in examples], dtype=np.float64)
    digest = weights_digest()
    reports = []
    for role in roles:
        y = np.array([role in e.roles for e in examples], dtype=int)
        if y.sum() < 5:
            continue
        xr = for_role(x, role)
        scored = [(c, _cv(xr, y, w, groups, c)) for c in (C_GRID if cross_validate else (1.0,))]
        c, (p, r, f1) = max(scored, key=lambda item: (item[1][2], -item[0]))
        model = _fit(xr, y, w, c)
        head = Head(role, tuple(float(v) for v in model.coef_[0]), float(model.intercept_[0]), digest,
                    HEAD_VERSION, {"positives": int(y.sum()), "negatives": int(len(y) - y.sum()),
                                   "feedback": int(sum(1 for e in examples if e.group == "feedback"))},
                    {"cv_by_writer": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)},
                     "C": c})
        head.save(out)
        reports.append(RoleReport(role, int(y.sum()), int(len(y) - y.sum()), c, p, r, f1))
    return reports
