"""A checklist item taught by example sentences (rubric `examples:`): it passes when a sentence
of the call, on the right side, does what the examples do, as a head trained on them judges."""
from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

import numpy as np

from .detectors.base import Detector, Facts, Finding, register
from .meaning.encoder import EncoderMissing
from .meaning.example_heads import MIN_WORDS, encode_sentences, train_head

_vectors: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _sentence_vectors(view) -> dict[int, np.ndarray]:
    cached = _vectors.get(view)
    if cached is None:
        rows = [s for s in view.sentences if len(s.text.split()) >= MIN_WORDS]
        vecs = encode_sentences([s.text.strip() for s in rows]) if rows else np.zeros((0, 1))
        cached = {s.index: v for s, v in zip(rows, vecs)}
        _vectors[view] = cached
    return cached


@register("examples")
@dataclass(frozen=True)
class ExampleItem(Detector):
    """Passes when a sentence of `side` does what the example sentences do (the trained head is
    sure of it at `threshold` or more); with `needs_date`, a sentence without a future date is
    partial; with `question`, only questions count."""

    does: tuple[str, ...] = ()
    doesnt: tuple[str, ...] = ()
    side: str = "seller"
    threshold: float = 0.5
    needs_date: bool = False
    question: bool = False

    def _candidates(self, view):
        for s in view.sentences:
            if self.side != "any" and s.is_seller != (self.side == "seller"):
                continue
            if self.question and not s.is_question:
                continue
            yield s

    def _dated(self, s, view) -> bool:
        return any(d.date and not d.vague and d.date >= view.call_date for d in s.dates)

    def evaluate(self, facts: Facts) -> Finding:
        view = facts.view
        try:
            head = train_head(self.does, self.doesnt, self.side)
            vectors = _sentence_vectors(view)
        except EncoderMissing as exc:
            return Finding("fail", (), f"not judged: {exc}")
        scored = [(s, float(head.predict(vectors[s.index][None, :])[0]))
                  for s in self._candidates(view) if s.index in vectors]
        hits = [(s, p) for s, p in scored if p >= self.threshold]
        if not hits:
            return Finding("fail", (), "No sentence on the call did this.")
        dated = [(s, p) for s, p in hits if self._dated(s, view)] if self.needs_date else hits
        best = sorted(dated or hits, key=lambda sp: -sp[1])[:3]
        evidence = tuple(replace(s.evidence(), confidence=round(p, 2)) for s, p in best)
        if self.needs_date and not dated:
            return Finding("partial", evidence, "Said, but with no date on it.")
        return Finding("pass", evidence, f"Said: “{evidence[0].quote}”")
