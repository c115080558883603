"""Pure scoring: item statuses + pitfalls -> close type, seed checklist and a 0-100 score."""
from __future__ import annotations

from .model import ItemResult, Pitfall


def score(items: dict[str, ItemResult], pitfalls: tuple[Pitfall, ...], points: dict[str, float],
          penalty: float) -> int:
    total = sum(i.weight for i in items.values()) or 1.0
    got = sum(i.weight * points.get(i.status, 0.0) for i in items.values())
    return max(0, min(100, round(100 * got / total - penalty * len(pitfalls))))


def seed_checklist(items: dict[str, ItemResult], credible: bool) -> dict[str, bool]:
    st = {k: v.status for k, v in items.items()}
    return {
        "outcome_date_confirmed": st["buyer_anchored_date"] == "pass",
        "backward_path_credible": st["milestones"] == "pass" and credible,
        "dated_ask_and_pause": st["dated_ask"] == "pass" and st["pause"] == "pass",
        "risk_relief_offered": st["risk_relief"] == "pass",
        "map_updated": st["map_captured"] == "pass",
    }


def close_type(items: dict[str, ItemResult], milestone_count: int, has_owner: bool,
               choice_ask: bool) -> str:
    """The first close type that applies, in the checklist's order."""
    st = {k: v.status for k, v in items.items()}
    if st["buyer_anchored_date"] in ("pass", "partial") and milestone_count >= 2 \
            and st["dated_ask"] == "pass":
        return "backwards"
    if choice_ask:  # an A-vs-B ask without a backward path, dated or not
        return "option"
    if st["dated_ask"] == "pass":
        return "date"
    if milestone_count >= 1 and has_owner:
        return "process"
    return "none"
