"""The closing sequence: the stretch of a call around the closing ask. In a long call that
covers several topics, the ordered items (recap before the timeline, the ask, the pause) and the
offers that go with them (risk relief, the shared plan) count only inside it, so matches
scattered over unrelated parts do not add up to a Backwards Close."""
from __future__ import annotations

from dataclasses import dataclass

from .path import names_finish_line

LONG_CALL_TURNS = 80  # shorter calls are one sequence
REACH_TURNS = 40  # turns either side of the closing ask


@dataclass(frozen=True)
class ClosingSequence:
    first_turn: int
    last_turn: int
    whole_call: bool
    short_call: bool = False

    def holds(self, sentence) -> bool:
        return self.first_turn <= sentence.turn.index <= self.last_turn


def closing_sequence(view, closing_ask, path) -> ClosingSequence:
    n = len(view.turns)
    if n <= LONG_CALL_TURNS:
        return ClosingSequence(0, n - 1, True, short_call=True)
    anchor = closing_ask.sentence.turn.index if closing_ask else None
    if anchor is None:
        seller_steps = [m.sentence.turn.index for m in path.dated_steps if m.sentence.is_seller]
        anchor = seller_steps[-1] if seller_steps else None
    if anchor is None:
        return ClosingSequence(0, n - 1, True)
    return ClosingSequence(max(0, anchor - REACH_TURNS), min(n - 1, anchor + REACH_TURNS), False)


def first_timeline(path, sequence: ClosingSequence):
    """The first sentence stating the path inside the closing sequence: a seller's dated step,
    or a milestone the buyer laid out themselves."""
    # the buyer's own steps state the path when they lay out a plan (two steps or more), not
    # one date answered in discovery ("The mock recall has to be done by May 5th.")
    buyer_plan = len({m.step for m in path.dated_steps if m.laid_out_by_buyer and not m.sentence.is_seller}) >= 2
    inside = [m.sentence for m in path.dated_steps if sequence.holds(m.sentence)
              and (m.sentence.is_seller or m.laid_out_by_buyer and buyer_plan)
              and not names_finish_line(m, path.target)]
    return min(inside, key=lambda s: s.index, default=None)
