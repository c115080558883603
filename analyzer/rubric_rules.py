"""Conditions a rubric declares on a call (checklist ticks, close types), checked one way.

A condition maps item ids to the status (or statuses) they must have, and facts of the call to
the value they must have; it holds when every entry does."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Union

Value = Union[str, list, bool, int]


@dataclass(frozen=True)
class CallFacts:
    """What a condition may ask of a call beside its item statuses."""
    milestones: int = 0
    path_credible: bool = False
    has_owner: bool = False
    choice_ask: bool = False
    owned_steps: int = 0  # steps with a named owner: owned milestones, and undated hand-offs


# fact name -> (what it reads, whether its value is a minimum)
FACTS = {"path_credible": ("path_credible", False), "has_owner": ("has_owner", False),
         "choice_ask": ("choice_ask", False), "milestones_at_least": ("milestones", True),
         "owned_steps_at_least": ("owned_steps", True)}


def condition_problems(when: Mapping[str, Value], items: set[str]) -> list[str]:
    """Names in `when` that are neither an item of the rubric nor a fact."""
    return [f"'{key}' is neither an item nor a fact ({', '.join(FACTS)})"
            for key in when if key not in items and key not in FACTS]


def holds(when: Mapping[str, Value], statuses: Mapping[str, str], facts: CallFacts) -> bool:
    for key, want in when.items():
        if key in FACTS:
            attr, minimum = FACTS[key]
            got = getattr(facts, attr)
            if (got < want) if minimum else (got != want):
                return False
        elif statuses.get(key) not in (want if isinstance(want, list) else [want]):
            return False
    return True
