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


def _risk(tmp_path, line):
    card = score(make_call(tmp_path, ["Sam: What if it doesn't work out for us?", line, "Sam: Okay, that helps."]))
    return card.items["risk_relief"].status


def test_a_remedy_when_it_goes_wrong_lowers_the_risk(tmp_path):
    for line in ("Dana: If any suit isn't right at the final fitting, I remake it. My cost, not yours.",
                 "Dana: If after the first ninety days the trucks aren't working in your aisles, you can send "
                 "them back and walk away.",
                 "Dana: If the array makes less than ninety percent of what we projected, we pay you the difference.",
                 "Dana: If the pad isn't ready, you call me and you get the whole five hundred back.",
                 "Dana: If the match isn't working in the first sixty days, we rematch you at no extra fee."):
        assert _risk(tmp_path, line) == "pass", line


def test_retaking_an_entrance_test_is_no_risk_relief(tmp_path):
    assert _risk(tmp_path, "Dana: You can retake it. Most people who fail once pass the second time.") == "fail"


def test_a_buyers_day_the_seller_only_wishes_luck_on_is_no_target(tmp_path):
    card = score(make_call(tmp_path, [
        "Natalia: so the pre primary class is saturday at nine thirty and there's a second one on wednesday at four fifteen",
        "Megan: wednesday might be tricky because um school starts wednesday actually she's going into year two",
        "Natalia: no problem saturday it is then",
        "Megan: what does the term cost",
        "Natalia: seventy eight pounds for the term",
        "Natalia: oh and good luck with the first day wednesday"], rep="Natalia", call_date="2025-09-01"))
    assert card.target is None
    assert card.items["buyer_anchored_date"].status == "fail"


def test_the_sellers_price_ending_is_no_step(tmp_path):
    card = score(make_call(tmp_path, [
        "Priya: We're away the week of the sixth anyway.",
        "Tom: Monday it goes back to full price, so that's just something to keep in mind, "
        "because that's what you'd pay to get it installed.",
        "Priya: Okay."], rep="Tom", call_date="2026-03-30"))
    assert card.milestones == () or len(card.milestones) == 0


def test_the_sellers_turn_working_back_from_the_buyers_day_lays_out_its_steps(tmp_path):
    card = score(make_call(tmp_path, [
        "Gary: So when does everybody land?",
        "Denise: The whole family's here by Friday the 3rd of July. That's the date.",
        "Gary: Then working back from that Friday: I want the sauna tested and warm by Monday June 29th. "
        "Our crew sets the cabin on Monday the 22nd. The power has to be in first, so the wiring done by June 15th. "
        "And the base needs two weeks, so it's poured by June 1st.",
        "Denise: Okay."], rep="Gary", call_date="2026-05-05"))
    assert card.target.date.isoformat() == "2026-07-03"
    assert len(card.milestones) >= 3
    assert card.credible


def test_a_run_on_turn_lays_out_steps_before_its_ask(tmp_path):
    card = score(make_call(tmp_path, [
        "[01:10] amara: the survey window opens april 20 and we cannot have another finding",
        "[01:20] kevin: okay so you said the big thing is every file in one place with the check offs signed before "
        "the surveyors walk in and that window opens april 20 so working back from that the content loaded by your "
        "educators by march 16 and tom's team has the s s o through the change board by march 6 so can we get the "
        "agreement signed this friday the 13th and then i'll get our lead on a call with tom",
        "[01:50] amara: um friday i think so yes"], rep="kevin", call_date="2026-02-10"))
    assert card.items["dated_ask"].status == "pass"
    assert "2026-03-16" in [m.date.isoformat() for m in card.milestones]  # said before the ask, in its sentence


def test_steps_handed_to_named_staff_make_a_process_close(tmp_path):
    for line in ("Lauren: So what I'll do, Priya in our office will email you the registration packet and the "
                 "medical forms, and Dan will give you a call about the swim assessment.",
                 "Lauren: So what I'll do, I'll get Jess at the front desk to email you the course pack, and "
                 "Tony will give you a ring about the pool evenings."):
        card = score(make_call(tmp_path, ["Mark: Okay, send me what you have and we'll look at it.", line,
                                          "Mark: Great, thanks."], rep="Lauren"))
        assert card.close_type == "process", line


def test_a_supposed_start_mid_sentence_plans_nothing(tmp_path):
    card = score(make_call(tmp_path, [
        "Rosa: so if someone joined partway say you started on tuesday the tenth you'd miss knife skills "
        "but you'd still get the recipe cards",
        "Ann: okay"], rep="Rosa", call_date="2026-01-20"))
    assert len(card.milestones) == 0


def _recap(tmp_path, lines):
    card = score(make_call(tmp_path, lines, rep="Antonio", call_date="2026-04-11"))
    return card.items["value_summary"].status


def test_a_say_back_lead_in_stands_on_what_it_leads_into(tmp_path):
    assert _recap(tmp_path, [
        "Jordan: We want all six of us in the same navy, and nothing shiny, it photographs terribly.",
        "Antonio: Right. Let me say back what I've got, then we talk dates. Six of you in the same navy, nothing "
        "shiny in the photos, and a cloth that won't cook you in a barn in August.",
        "Antonio: So the wedding's the 22nd of August. Working back from that, measurements in by Saturday the "
        "2nd of May. Can we lock in the cloth today with the deposit?", "Jordan: Today works."]) == "pass"


def test_what_the_buyers_daughter_needs_restated_is_a_recap(tmp_path):
    assert _recap(tmp_path, [
        "Darren: she panics on roundabouts and she's never been on the dual carriageway",
        "Antonio: ok so what she needs is them roundabouts sorted and getting her up to speed on the dual carriageway",
        "Antonio: so her test is march the twelfth do you want me to put her down for this saturday at nine",
        "Darren: yeah go on then"]) == "pass"


def test_steps_of_other_trades_and_signs_off(tmp_path):
    card = score(make_call(tmp_path, [
        "Greg: Your renewal is July first, so working back from that.",
        "Greg: Underwriting from the markets by Monday, June fifteenth. Ray signs off on the carrier on "
        "Wednesday the seventeenth. Rough-in inspection on Friday, June 19th.",
        "Carla: Okay."], rep="Greg", call_date="2026-05-27"))
    steps = {m.step for m in card.milestones}
    assert {"underwriting", "approval"} <= steps, steps


def test_a_buyers_locked_date_with_the_past_in_another_clause(tmp_path):
    card = score(make_call(tmp_path, [
        "Marco: So what's the event?",
        "Ines: So it's our company offsite. October 15th — that's locked, our CEO announced it at the all-hands.",
        "Marco: Lovely. And what do you want people to walk away with?", "Ines: Energy, mostly."],
        rep="Marco", call_date="2026-06-03"))
    assert card.target is not None and card.target.date.isoformat() == "2026-10-15"
