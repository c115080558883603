"""Words said in passing that only look like an item (session 7, from the misses on the
regression probes and false-pass sets): a recap must speak to the buyer about something the
buyer said; small talk with "that's what matters" or "the whole thing" restates nothing."""
from __future__ import annotations

from callmaker import make_call, score

_ASK = "Dana: So can we get the agreement signed by Friday March 6th?"


def _recap(tmp_path, line, buyer="Sam: We keep losing tips when hours get typed in by hand."):
    card = score(make_call(tmp_path, [
        "Dana: Thanks for making time.", buyer, line, "Sam: Yeah.", _ASK, "Sam: Friday works."]))
    return card.items["value_summary"].status


def test_small_talk_with_a_broad_cue_is_no_recap(tmp_path):
    for line in ("Dana: Nah, he's having fun, that's what matters, he just likes the snacks honestly.",
                 "Dana: He fell over in the bounce house, it was the highlight of the whole thing.",
                 "Dana: So the big thing is the new dashboard, it refreshes every hour on its own."):
        assert _recap(tmp_path, line) == "fail", line


def test_a_broad_cue_about_what_the_buyer_said_is_a_recap(tmp_path):
    assert _recap(tmp_path, "Dana: So the big thing for you is no more tips lost when hours get typed in by hand.") == "pass"


def test_whenever_you_want_and_a_recap_email_restate_nothing(tmp_path):
    for line in ("Dana: Or you can do the flexible dining where you just show up when you want.",
                 "Dana: I'll send you a recap email with the comparison and the pricing sheet.",
                 "Dana: You'd stay with Dr. Kim unless you need a different time slot."):
        assert _recap(tmp_path, line) == "fail", line
