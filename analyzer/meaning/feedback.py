"""Managers teach the layer: an override that takes a verdict away, or a quote marked wrong or
right, becomes a labelled example for the role behind the item."""
from __future__ import annotations

import json
from pathlib import Path

from .corpus import Example, read_jsonl

# the sentence role each checklist item's evidence rests on
ITEM_ROLE = {"value_summary": "value_recap", "buyer_anchored_date": "buyer_outcome",
             "dated_ask": "commitment_ask", "risk_relief": "risk_relief",
             "map_captured": "shared_plan", "manufactured_deadline": "seller_urgency",
             "binary_trap": "ultimatum", "missing_stakeholder": "approver_missing"}
BUYER_ROLES = {"buyer_outcome", "approver_missing"}
FEEDBACK_WEIGHT = 3.0  # a manager's correction counts for three written examples


def add_feedback(path: Path, role: str, text: str, does: bool, prev: str = "",
                 side: str | None = None, source: str = "") -> dict:
    """Append one example to a feedback file (JSON Lines, the corpus format)."""
    row = {"text": text.strip(), "prev": prev, "side": side or ("buyer" if role in BUYER_ROLES else "seller"),
           "roles": [role] if does else [], "near_miss": None if does else role,
           "style": "clean", "group": "feedback", "source": source}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")
    return row


def from_overrides(stored_calls) -> list[dict]:
    """A pass the manager took away: each quote the machine cited did not do the item's act."""
    rows = []
    for call in stored_calls:
        for item, o in call.overrides.items():
            role = ITEM_ROLE.get(item)
            machine = call.scorecard.get("items", {}).get(item, {})
            if role is None or machine.get("status") != "pass" or o["status"] == "pass":
                continue
            for ev in machine.get("evidence", [])[:1]:
                side = "buyer" if role in BUYER_ROLES else "seller"
                rows.append({"text": ev["quote"], "prev": "", "side": side, "roles": [],
                             "near_miss": role, "style": "clean", "group": "feedback",
                             "source": f"override {call.call_id} {item}"})
    return rows


def load_feedback(path: Path) -> list[Example]:
    if not path.exists():
        return []
    return read_jsonl(path, group="feedback", weight=FEEDBACK_WEIGHT)
