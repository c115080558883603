"""milestones: 3-5 distinct dated steps on the path to the target."""
from __future__ import annotations

from dataclasses import dataclass

from .base import Detector, Facts, Finding, register


@register("milestone_count")
@dataclass(frozen=True)
class MilestoneCount(Detector):
    min_pass: int = 3
    max_pass: int = 5

    def evaluate(self, facts: Facts) -> Finding:
        ms = facts.path.milestones
        ev = tuple(m.evidence for m in ms)
        steps = ", ".join(f"{m.step} {m.date:%d %b}" for m in ms if m.date)
        n = len(ms)
        if n == 0:
            return Finding("fail", (), "No dated milestones: the path back from the target was not mapped.")
        if self.min_pass <= n <= self.max_pass:
            return Finding("pass", ev, f"{n} dated milestones: {steps}.")
        if n > self.max_pass:
            return Finding("partial", ev, f"{n} dated milestones is more than the buyer can hold: {steps}.")
        return Finding("partial", ev, f"Only {n} dated milestone{'s' if n > 1 else ''}: {steps}.")
