"""dated_ask and pause: the present-day commitment, its time frame, and the silence after it."""
from __future__ import annotations

from dataclasses import dataclass

from .base import Detector, Facts, Finding, register


@register("dated_ask")
@dataclass(frozen=True)
class DatedAsk(Detector):
    def evaluate(self, facts: Facts) -> Finding:
        ask = facts.closing_ask
        if ask is None and facts.time_frame_only is not None:
            wish = facts.time_frame_only
            return Finding("partial", (wish.sentence.evidence(),),
                           f"Named a time frame ({wish.frame.text}) but never asked for the commitment.")
        if ask is None:
            return Finding("fail", (), "No commitment was asked for.")
        ev = (facts.view.meaning.evidence(ask.sentence, "commitment_ask"),)
        if ask.dated:
            return Finding("pass", ev, f"Asked for a commitment with a time frame ({ask.frame.text}).")
        return Finding("partial", ev, "Asked for a commitment but gave no time frame.")


@register("pause_after_ask")
@dataclass(frozen=True)
class PauseAfterAsk(Detector):
    """Reads the pause the engine measured with the rubric's `thresholds`."""

    def evaluate(self, facts: Facts) -> Finding:
        p = facts.pause
        ask = facts.closing_ask
        if ask is None:
            return Finding("fail", (), "There was no ask to pause after.")
        ev = [ask.sentence.evidence()]
        unmeasured = "" if _timed_end(ask) else " (the gap was not measured: the transcript has no end times)"
        if p.ok:
            secs = f" ({p.seconds:.1f} s)" if p.seconds is not None and p.seconds > 0 else ""
            why = {"marker": "a pause", "gap": "silence", "buyer_next": "the buyer's answer"}[p.how]
            return Finding("pass", tuple(ev), f"Stopped after the ask and left room for {why}{secs}.{unmeasured}".rstrip())
        if p.talk_on is not None:
            ev.append(p.talk_on.evidence())
        secs = f" {p.seconds:.1f} s later" if p.seconds is not None and p.seconds >= 0 else ""
        return Finding("fail", tuple(ev),
                       f"Kept talking{secs} after the ask instead of waiting for an answer.{unmeasured}")


def _timed_end(ask) -> bool:
    """Whether the transcript says when the ask ended (cue ends, word timings)."""
    turn = ask.sentence.turn
    return turn.end is not None or bool(turn.segments) or bool(turn.words)
