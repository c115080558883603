"""What the calls list needs of a stored call, kept beside it in the store so that listing,
filtering and sorting never load a scorecard: the score with the manager's verdicts applied,
the analyzer's score, the close type, the items that end up failed and how many verdicts a
manager overrode. The store writes these whenever a scorecard or an override changes."""
from __future__ import annotations

from typing import Any, Mapping

from .rubric import Rubric


def rep_key(rep: str | None) -> str:
    """A rep label as the access rules compare it: case and runs of spaces ignored."""
    return " ".join((rep or "").split()).casefold()


def failed_marks(items: Mapping[str, str]) -> str:
    """' dated_ask pause ': the failed item ids, space-delimited so that LIKE '% id %' finds one."""
    return " " + " ".join(sorted(k for k, s in items.items() if s == "fail")) + " "


def listing_values(card: Mapping[str, Any], overrides: Mapping[str, Mapping[str, str]],
                   rubric: Rubric | None = None) -> dict[str, Any]:
    """The listing columns of one call from its latest scorecard JSON and active overrides."""
    from .overrides import effective_score_of  # overrides imports the store

    items = {k: v["status"] for k, v in (card.get("items") or {}).items()}
    effective = items | {k: o["status"] for k, o in overrides.items() if k in items}
    return {"score": effective_score_of(card, overrides, rubric),
            "machine_score": int(card.get("score", 0)),
            "close_type": card.get("close_type") or "none",
            "failed": failed_marks(effective),
            "overrides": sum(1 for k in overrides if k in items)}
