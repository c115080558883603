"""How sure the heads must be: below `veto` a rule's candidate is dropped; at or above `accept`
a sentence counts even when no cue phrase matched. Rubric: facts.meaning.{veto,accept}.ROLE."""
from __future__ import annotations

from dataclasses import dataclass, field

from .roles import ROLES

# Calibrated on the development calls and on blind probes only after their first look: the heads
# are trusted only where they are sure, and rules decide the rest. An accept of 1.0 switches the
# head's "count it without a cue" off (value recap: the head keys on "you said" more than on
# what is restated, measured on probe E).
DEFAULT_VETO = {"value_recap": 0.01, "buyer_outcome": 0.03, "path_step": 0.0, "commitment_ask": 0.1,
                "risk_relief": 0.05, "shared_plan": 0.15, "approver_missing": 0.15,
                "seller_urgency": 0.15, "ultimatum": 0.15}
# Wide nets: which sentences the heads read at all (the rest are left to the rules). Each is
# deliberately broad, a cascade's cheap first stage; a sentence with a date or a question
# mark is always read. Side: which speakers a role can belong to.
SELLER, BUYER, ANY = "seller", "buyer", "any"
DEFAULT_NETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "value_recap": (SELLER, (
        r"you(?:'re|'ve| are| have)?\s+(?:\w+\s+){0,2}(?:said|say|told|mentioned|want\w*|need\w*|looking|"
        r"trying|hoping|care\w*|worried|after|shared|described|explained|goal)",
        r"your (?:goal|priorit\w+|main|big|biggest|concern|worr\w+|focus|reason|whole)", r"sounds like",
        r"recap\w*", r"heard", r"so what", r"matters?", r"important to", r"the (?:big|main|key|real) thing",
        r"if i'?ve got", r"understand", r"summar\w+", r"bottom line", r"we agreed", r"for you")),
    "commitment_ask": (SELLER, (r"shall", r"let'?s", r"ready", r"how about", r"go ahead", r"get (?:you|it|this|that)",
                                r"put you", r"book\w*", r"sign\w*", r"start\w*", r"today", r"tomorrow",
                                r"recommend\w*", r"if you", r"happy to", r"okay to", r"ok to", r"work for you",
                                r"want (?:me|to)", r"(?:do|would) you want", r"lock", r"reserve", r"enrol\w*", r"join", r"order",
                                r"work\b", r"go for", r"would you like", r"pencil", r"set (?:you|it) up",
                                r"slot", r"spot", r"secure", r"deposit", r"pay\w*", r"buy", r"purchase",
                                r"proceed", r"move forward", r"take (?:it|the|that|this)", r"grab",
                                # "can you submit this for the board agenda by this Friday?"
                                r"submit\w*", r"by (?:this|next|end of|the end of) \w+")),
    "risk_relief": (SELLER, (r"risk", r"trial", r"free", r"refund\w*", r"money", r"guarantee\w*", r"cancel\w*",
                             r"pilot", r"phase\w*", r"small", r"test", r"try", r"if (?:it|you|they|we)",
                             r"opt", r"hold", r"contingent", r"exit", r"commitment", r"locked", r"worry",
                             r"safe", r"pause", r"return", r"back out", r"walk away")),
    "shared_plan": (SELLER, (r"plan", r"timeline", r"schedule", r"steps", r"dates", r"owners?", r"checklist",
                             r"calendar", r"\bmap\b", r"together", r"write (?:it|this|that|up)",
                             r"send (?:you|it|over|the)", r"share")),
    "seller_urgency": (SELLER, (r"only", r"left", r"expire\w*", r"ends?", r"until", r"last", r"pric\w+",
                                r"discount", r"offer", r"deal", r"quarter", r"spots?", r"slots?", r"going up",
                                r"gone", r"rate", r"promo\w*", r"limited")),
    "ultimatum": (SELLER, (r"today", r"now", r"never", r"gone", r"last", r"walk", r"yes or no")),
    "approver_missing": (BUYER, (
        r"wife", r"husband", r"partner", r"spouse", r"boss", r"manager", r"director", r"cfo", r"ceo", r"owner",
        r"board", r"legal", r"finance", r"procurement", r"committee", r"council", r"dad", r"mom", r"parents?",
        r"family", r"accountant", r"lawyer", r"attorney", r"gm", r"vp", r"head of", r"president", r"principal",
        r"dean", r"approv\w*", r"sign(?:s|ed)? off", r"decid\w*", r"run (?:it|this|that) by", r"check with",
        r"talk (?:to|with)", r"ask (?:my|our|the)", r"loop", r"seen (?:it|this|that)", r"say so")),
    "buyer_outcome": (ANY, ()),  # read where a date is
    "path_step": (ANY, ()),
}
DEFAULT_ACCEPT = {"value_recap": 1.0, "buyer_outcome": 0.97, "path_step": 0.95, "commitment_ask": 0.95,
                  "risk_relief": 1.0, "shared_plan": 0.97, "approver_missing": 1.0,
                  "seller_urgency": 1.0, "ultimatum": 1.0}


@dataclass(frozen=True)
class MeaningParams:
    veto: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_VETO))
    accept: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_ACCEPT))
    nets: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=lambda: dict(DEFAULT_NETS))

    @classmethod
    def from_rubric(cls, data: dict | None) -> "MeaningParams":
        data = data or {}
        unknown = set(data) - {"veto", "accept"}
        if unknown:
            raise KeyError(sorted(unknown)[0])
        out = {}
        for key, base in (("veto", DEFAULT_VETO), ("accept", DEFAULT_ACCEPT)):
            given = dict(data.get(key) or {})
            for role, value in given.items():
                if role not in ROLES:
                    raise KeyError(f"{key}.{role}")
                if not 0.0 <= float(value) <= 1.0:
                    raise ValueError(f"{key}.{role} must lie between 0 and 1")
            out[key] = {**base, **{r: float(v) for r, v in given.items()}}
        return cls(**out)
