"""Manager overrides applied to a scorecard: the verdicts a manager changed replace the
analyzer's, the score and the checklist follow them, and the analyzer's verdicts are kept
beside them so every report can show both.

The close type stays the analyzer's: it names the close the rep attempted, not a verdict.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Mapping

from .model import ItemResult, Scorecard
from .rubric import Rubric, cached_rubric
from .rubric_rules import CallFacts
from .scoring import score, seed_checklist

if TYPE_CHECKING:
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
    owned = sum(1 for m in card.milestones if m.owner)
    facts = CallFacts(len(card.milestones), card.credible, owned > 0, owned_steps=owned)
    effective = replace(card, items=items, score=_rescore(items, card.pitfalls, rubric),
                        checklist=seed_checklist(rubric.checklist, items, facts))
    return effective, Review(card.score, verdicts)


def effective_score(call: "StoredCall", rubric: Rubric | None = None) -> int:
    """A stored call's score with its manager overrides applied (the stored score when none).
    Points come from `rubric` (default: the built-in one), weights from the card."""
    return effective_score_of(call.scorecard, call.overrides, rubric)


def effective_score_of(card: Mapping, overrides: Mapping[str, Mapping[str, str]],
                       rubric: Rubric | None = None) -> int:
    """The same from a scorecard's JSON and the overrides the store keeps for it."""
    if not overrides:
        return int(card.get("score", 0))
    rubric = rubric or cached_rubric()
    stored = card.get("items") or {}
    statuses = {k: v["status"] for k, v in stored.items()}
    statuses.update({k: o["status"] for k, o in overrides.items()})
    # the weight the card was scored with (cards stored before weights were kept: the rubric's)
    items = {k: ItemResult(k, status, (), "", weight=(stored.get(k) or {}).get("weight")
                           or rubric.weights.get(k, 0.0))
             for k, status in statuses.items()}
    return _rescore(items, card.get("pitfalls") or (), rubric)
