"""Pure scoring: item statuses + pitfalls -> a 0-100 score, the seeded checklist and the close
type, by the rules the rubric declares."""
from __future__ import annotations

from typing import Mapping, Sequence

from .model import ItemResult, Pitfall
from .rubric_rules import CallFacts, holds


def score(items: dict[str, ItemResult], pitfalls: tuple[Pitfall, ...], points: dict[str, float],
          penalty: float) -> int:
    total = sum(i.weight for i in items.values()) or 1.0
    got = sum(i.weight * points.get(i.status, 0.0) for i in items.values())
    return max(0, min(100, round(100 * got / total - penalty * len(pitfalls))))


def _statuses(items: Mapping[str, ItemResult]) -> dict[str, str]:
    return {k: v.status for k, v in items.items()}


def seed_checklist(rules: Sequence, items: Mapping[str, ItemResult], facts: CallFacts) -> dict[str, bool]:
    """Each of the rubric's checklist ticks, set when its condition holds on this call."""
    st = _statuses(items)
    return {r.id: holds(r.when, st, facts) for r in rules}


def close_type(rules: Sequence, items: Mapping[str, ItemResult], facts: CallFacts) -> str:
    """The first of the rubric's close types whose condition holds ('none' when none does)."""
    st = _statuses(items)
    return next((r.id for r in rules if holds(r.when, st, facts)), "none")
