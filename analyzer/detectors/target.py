"""buyer_anchored_date: the target outcome date, said or confirmed by the buyer."""
from __future__ import annotations

from dataclasses import dataclass

from .base import Detector, Facts, Finding, register


@register("buyer_anchored_date")
@dataclass(frozen=True)
class BuyerAnchoredDate(Detector):
    def evaluate(self, facts: Facts) -> Finding:
        t = facts.path.target
        if t is None:
            return Finding("fail", (), "No target outcome date was named.")
        if facts.closing and not facts.closing.short_call and facts.closing_ask is None \
                and not facts.path.milestones:
            # a long call that never moved to a plan or an ask: a date said in passing anchors nothing
            return Finding("fail", (), "A date came up in passing, but no plan or ask was built on it.")
        day = f"{t.date:%d %b}".lstrip("0")
        ev = [t.sentence.evidence()]
        if t.anchored_by == "buyer":
            return Finding("pass", tuple(ev), f"The buyer named the target date ({day}).")
        if t.anchored_by == "confirmed":
            ev.append(t.confirmed_by.evidence())
            return Finding("pass", tuple(ev), f"You named {day} and the buyer confirmed it.")
        return Finding("partial", tuple(ev),
                       f"You named {day} as the target, but the buyer never confirmed it.")
