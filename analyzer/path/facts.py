"""What the path extractor finds: dated steps, the target, the whole path."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..dates import DateMention
from ..model import Evidence
from ..nlp import Sentence


@dataclass(frozen=True)
class DatedStep:
    step: str  # canonical name
    step_text: str  # the words used
    mention: DateMention
    date: date | None
    sentence: Sentence
    owner: str | None = None
    laid_out_by_buyer: bool = False  # a step the buyer named in their own backward plan

    @property
    def evidence(self) -> Evidence:
        return self.sentence.evidence()


@dataclass(frozen=True)
class TargetFact:
    date: date
    text: str
    anchored_by: str  # buyer | confirmed | seller
    sentence: Sentence
    confirmed_by: Sentence | None = None


@dataclass(frozen=True)
class PathFacts:
    target: TargetFact | None
    milestones: tuple[DatedStep, ...]  # distinct steps, first-mention order, last date
    credible: bool
    problems: tuple[str, ...]
    dated_steps: tuple[DatedStep, ...]  # every pairing found, before de-duplication
    first_timeline: Sentence | None  # first seller sentence stating the path

    @property
    def owned(self) -> tuple[DatedStep, ...]:
        return tuple(m for m in self.milestones if m.owner)
