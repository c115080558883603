"""A detector declared in YAML alone: flag (or pass) when a side of the call says a phrase."""
from __future__ import annotations

from dataclasses import dataclass

from ..cues import cues
from .base import Detector, Facts, Finding, clear, flag, register


@register("phrase")
@dataclass(frozen=True)
class PhraseDetector(Detector):
    """Flags sentences by `side` (seller | buyer | any) matching `patterns` and none of
    `unless` (checked in the same sentence)."""

    kind = "pitfall"
    patterns: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    side: str = "seller"
    explanation: str = ""
    role: str = ""  # a meaning-layer role that confirms or vetoes each match (optional)

    def read_first(self, facts: Facts):
        hit = cues(*self.patterns)
        return (s for s in facts.view.sentences if self.role and hit.search(s.text))

    def evaluate(self, facts: Facts) -> Finding:
        hit, veto = cues(*self.patterns), cues(*self.unless)
        meaning = facts.view.meaning
        found = []
        for s in facts.view.sentences:
            if self.side == "seller" and not s.is_seller or self.side == "buyer" and s.is_seller:
                continue
            if self.unless and veto.search(s.text):
                continue
            if self.role:
                if hit.search(s.text) and not meaning.vetoes(s, self.role) or meaning.confirms(s, self.role):
                    found.append(meaning.evidence(s, self.role))
            elif hit.search(s.text):
                found.append(s.evidence())
        if not found:
            return clear()
        return flag(found[:3], self.explanation or f"said: “{found[0].quote}”")
