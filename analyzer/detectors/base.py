"""Detector registry (presidio-style): small classes registered by name whose dataclass
fields are their parameter schema; the rubric names a detector and passes parameters."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from ..asks import Ask, PauseFact
from ..closing import ClosingSequence, first_timeline
from ..model import Evidence
from ..nlp import CallView
from ..path import PathFacts

REGISTRY: dict[str, type["Detector"]] = {}


def register(name: str):
    def wrap(cls):
        cls.name = name
        REGISTRY[name] = cls
        return cls
    return wrap


@dataclass(frozen=True)
class Facts:
    """What the shared extractors found, once per call."""

    view: CallView
    path: PathFacts
    asks: tuple[Ask, ...]
    closing_ask: Ask | None
    pause: PauseFact
    time_frame_only: Ask | None = None  # a dated wish when there is no ask at all
    closing: ClosingSequence | None = None  # where the ordered items count (None: the whole call)

    def in_closing(self, sentence) -> bool:
        return self.closing is None or self.closing.holds(sentence)

    @property
    def first_timeline(self):
        """The first sentence stating the path inside the closing sequence (a seller's step, or
        a step the buyer laid out)."""
        return first_timeline(self.path, self.closing) if self.closing else None


@dataclass(frozen=True)
class Finding:
    """A detector's verdict. `status` for items; for pitfalls `status` is 'flag' or 'clear'."""

    status: str
    evidence: tuple[Evidence, ...]
    explanation: str


@dataclass(frozen=True)
class Detector:
    name: ClassVar[str] = ""
    kind: ClassVar[str] = "item"  # item | pitfall

    def evaluate(self, facts: Facts) -> Finding:  # pragma: no cover - interface
        raise NotImplementedError

    def read_first(self, facts: Facts):
        """Sentences `evaluate` will ask the meaning layer about beyond its nets: the engine
        reads every detector's in one encoder pass instead of one pass per sentence."""
        return ()

    @classmethod
    def parameters(cls) -> dict[str, Any]:
        out = {}
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                out[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
                out[f.name] = f.default_factory()  # type: ignore[misc]
        return out

    @classmethod
    def build(cls, params: dict[str, Any] | None) -> "Detector":
        """Instantiate from rubric parameters; unknown names raise KeyError(name)."""
        params = dict(params or {})
        known = {f.name: f for f in dataclasses.fields(cls)}
        for key in params:
            if key not in known:
                raise KeyError(key)
        for key, value in list(params.items()):
            if isinstance(value, list):
                params[key] = tuple(value)
        return cls(**params)


def flag(evidence, explanation: str) -> Finding:
    return Finding("flag", tuple(evidence), explanation)


def clear(explanation: str = "") -> Finding:
    return Finding("clear", (), explanation)
