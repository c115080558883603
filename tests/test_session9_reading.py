"""Readings fixed in session 9: the buyer's own pointer at their day across a split ASR turn,
a stay's end is not the day pointed at, and a buyer's dated answer to the seller's "when would
you…" question lays out a step of the path."""
from __future__ import annotations

from callmaker import make_call, score


def _plan(tmp_path, pointer):
    lines = ["Rick: so um what's your timing like what are you working towards",
             "Janelle: okay so the real thing is my in-laws are flying in november twentieth "
             "and they're staying through christmas",
             f"Janelle: {pointer}",
             "Rick: okay now the windows are built to order so when would you two be able to sign",
             "Janelle: well tom's traveling that first part of october so we'd sign the tuesday he's back the thirteenth",
             "Rick: the thirteenth okay and i'd hold thursday november twelfth on the install board for you",
             "Janelle: perfect"]
    card = score(make_call(tmp_path, lines, rep="Rick", call_date="2026-09-15"))
    return (card.target.date.isoformat() if card.target else None,
            sorted(m.date.isoformat() for m in card.milestones))


def test_the_buyers_pointer_in_their_next_turn_names_their_day(tmp_path):
    target, milestones = _plan(tmp_path, "so like that's the date it has to be done i'm not doing the space heater thing again")
    assert target == "2026-11-20"
    # the sign date came out in answer to "when would you two be able to sign": a step of the path
    assert milestones == ["2026-10-13", "2026-11-12"]


def test_a_pointer_never_lands_on_the_end_of_a_stay(tmp_path):
    target, _ = _plan(tmp_path, "that's the date")
    assert target != "2026-12-25"


def test_a_stated_weekday_keeps_a_date_ahead_beside_past_participles(tmp_path):
    # "menu loaded, everything tested" reads as past tense, yet Friday, May 1 2026 is a Friday
    card = score(make_call(tmp_path, [
        "Maya: Your opening is Friday, May fifteenth, so working back from that.",
        "Maya: Priya's install day on Friday, May first, hardware in, menu loaded, everything tested.",
        "Maya: And the agreement needs to be signed by this Friday, the tenth.", "Tom: Okay."],
        rep="Maya", call_date="2026-04-08"))
    assert "2026-05-01" in [m.date.isoformat() for m in card.milestones]
    assert card.credible


def test_offering_to_talk_next_steps_is_no_shared_plan(tmp_path):
    card = score(make_call(tmp_path, [
        "Peter: I need a think, I want to ring my wife first.",
        "Nadia: Of course. Shall we talk next steps, or would you like me to send you the information first?",
        "Peter: Send me the information, please."], rep="Nadia"))
    assert card.items["map_captured"].status == "fail"
