"""The sentence roles the detectors rest on."""
from __future__ import annotations

ROLE_TITLES = {
    "value_recap": "restates the value or outcome the buyer cares about",
    "buyer_outcome": "names the buyer's target outcome with a date",
    "path_step": "dates a step that must happen before the outcome",
    "commitment_ask": "asks the buyer to commit now",
    "risk_relief": "offers a way to lower the buyer's risk",
    "shared_plan": "commits the seller to a shared plan",
    "approver_missing": "says a needed approver is not in the loop",
    "seller_urgency": "creates urgency from the seller's calendar or scarcity",
    "ultimatum": "puts an all-or-nothing ultimatum",
}
ROLES: tuple[str, ...] = tuple(ROLE_TITLES)

# Roles either side performs alike: their heads do not see who speaks ("training ends May 20" dates
# a step whether the rep or a buyer laying out the plan says it).
SIDE_FREE = frozenset({"path_step"})
