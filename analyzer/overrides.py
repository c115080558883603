"""Manager overrides applied to a scorecard: the verdicts a manager changed replace the
analyzer's, the score and the checklist follow them, and the analyzer's verdicts are kept
beside them so every report can show both.

The close type stays the analyzer's: it names the close the rep attempted, not a verdict.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Mapping

from .model import ItemResult, Scorecard
from .rubric import Rubric, load_rubric
from .scoring import score, seed_checklist
from .store import StoredCall


@dataclass(frozen=True)
class ManagerVerdict:
    item_id: str
    status: str  # the manager's
    machine: str  # the analyzer's
    note: str
    author: str


@dataclass(frozen=True)
class Review:
    """What the overrides changed on one call: the analyzer's score and each manager verdict."""
    machine_score: int
    verdicts: dict[str, ManagerVerdict]


@lru_cache(maxsize=1)
def _default_rubric() -> Rubric:
    return load_rubric()


def _rescore(items: Mapping[str, ItemResult], pitfalls, rubric: Rubric) -> int:
    return score(dict(items), tuple(pitfalls), rubric.status_points, rubric.pitfall_penalty)


def apply_overrides(card: Scorecard, overrides: Mapping[str, Mapping[str, str]],
                    rubric: Rubric) -> tuple[Scorecard, Review | None]:
    """The scorecard as the manager's verdicts leave it, and what they changed (None when
    nothing was overridden). `overrides` maps item id -> {status, note, author}, as the store
    keeps them; the coaching text follows the new verdict."""
    verdicts = {k: ManagerVerdict(k, o["status"], card.items[k].status, o.get("note") or "",
                                  o.get("author") or "")
                for k, o in overrides.items() if k in card.items}
    if not verdicts:
        return card, None
    coaching = {i.id: i.coaching for i in rubric.items}
    items = {k: replace(item, status=verdicts[k].status,
                        coaching=coaching.get(k, {}).get(verdicts[k].status, item.coaching))
             if k in verdicts else item for k, item in card.items.items()}
    effective = replace(card, items=items, score=_rescore(items, card.pitfalls, rubric),
                        checklist=seed_checklist(items, card.credible))
    return effective, Review(card.score, verdicts)


def effective_score(call: StoredCall, rubric: Rubric | None = None) -> int:
    """A stored call's score with its manager overrides applied (the stored score when none).
    Weights and points come from `rubric` (default: the built-in one)."""
    return effective_score_of(call.scorecard, call.overrides, rubric)


def effective_score_of(card: Mapping, overrides: Mapping[str, Mapping[str, str]],
                       rubric: Rubric | None = None) -> int:
    """The same from a scorecard's JSON and the overrides the store keeps for it."""
    if not overrides:
        return int(card.get("score", 0))
    rubric = rubric or _default_rubric()
    weights = {i.id: i.weight for i in rubric.items}
    statuses = {k: v["status"] for k, v in (card.get("items") or {}).items()}
    statuses.update({k: o["status"] for k, o in overrides.items()})
    items = {k: ItemResult(k, status, (), "", weight=weights.get(k, 0.0))
             for k, status in statuses.items()}
    return _rescore(items, card.get("pitfalls") or (), rubric)
