"""Readings fixed in session 16: a buyer's plan counted back from their own event over several
turns, a day set back from the event without naming it again, a step the buyer asks about in so
many words, a holiday something is due by, who wants a step versus the step, the buyer's own
calendar (trips, visitors, school) as no finish line, sending a document as no step, the call's
opening question as no closing ask, owners named by their role in raw ASR, and approvers not in
the loop said in everyday words."""
from __future__ import annotations

from datetime import date

from callmaker import make_call, score


def _card(tmp_path, lines, rep="Tomas", call_date="2026-04-07"):
    return score(make_call(tmp_path, lines, rep=rep, call_date=call_date))


def _days(card):
    return {m.date for m in card.milestones}


# --- the buyer's own plan, counted back from their event --------------------------------------

def test_the_buyers_event_is_the_finish_line_when_the_call_counts_back_from_it(tmp_path):
    card = _card(tmp_path, [
        "Denise: so the wedding is june thirteenth thats a saturday its in the back yard",
        "Tomas: june thirteenth ok",
        "Denise: and the tent company comes the thursday before so the eleventh to put it up",
        "Tomas: got it",
        "Denise: and my florist says the planting has to be done two weeks before the wedding so may thirtieth",
        "Tomas: ok",
        "Denise: and my husband wants the sprinklers fixed by memorial day",
        "Tomas: ok so youre basically already working backwards which i love",
        "Tomas: so i'd want to lay the patio may fifth",
        "Denise: may fifth ok"])
    assert card.target is not None and card.target.date == date(2026, 6, 13)
    assert {date(2026, 6, 11), date(2026, 5, 30), date(2026, 5, 25), date(2026, 5, 5)} <= _days(card)
    # who wants a step does not name it: "my husband wants the sprinklers fixed by memorial day"
    assert "sprinkler" in {m.date: m.step for m in card.milestones}[date(2026, 5, 25)]


def test_a_step_the_buyer_asks_about_is_dated_by_the_sellers_answer(tmp_path):
    card = _card(tmp_path, [
        "Denise: the wedding is june thirteenth, everything works back from that",
        "Tomas: june thirteenth. so the patio goes in may fifth and the planting is done may thirtieth",
        "Denise: may fifth ok and when does the the soil test thing happen that you mentioned",
        "Tomas: uh next wednesday the fifteenth i can come out myself and pull the samples",
        "Denise: ok"])
    assert date(2026, 4, 15) in _days(card)


def test_the_buyers_side_counting_back_over_several_turns_names_the_end_first(tmp_path):
    card = _card(tmp_path, [
        "Jonah: Their procurement told us they'll countersign on March 31, but only with the report.",
        "Priya: Who picked the 31st?",
        "Jonah: Them. So here's how we've been thinking about it.",
        "Jonah: Their team wants the report uploaded two weeks before they sign. So March 17.",
        "Priya: Okay.",
        "Jonah: So we figured the auditor arrives Monday, February 23rd.",
        "Priya: The 23rd works on our side.",
        "Amara: And the policies have to be final before that.",
        "Amara: The Friday before the auditor arrives, so the 20th."],
        rep="Priya", call_date="2026-01-28")
    assert card.target is not None and card.target.date == date(2026, 3, 31)
    assert {date(2026, 3, 17), date(2026, 2, 23), date(2026, 2, 20)} <= _days(card)


def test_a_day_taken_back_starts_no_count_back(tmp_path):
    card = _card(tmp_path, [
        "Beth: The plan was to show it at the board review on December 1st.",
        "Gary: One correction. The review isn't December 1st anymore.",
        "Gary: The board moved it up to Monday, November 23rd, so they can vote before it.",
        "Beth: Okay, so working back from the 23rd, training wraps November 18th and go-live is November 9th.",
        "Gary: I think we can sign by the 25th."], rep="Beth", call_date="2026-09-14")
    assert card.target is not None and card.target.date == date(2026, 11, 23)


# --- the buyer's calendar is no finish line --------------------------------------------------

def test_a_trip_the_buyer_mentions_in_passing_is_no_finish_line(tmp_path):
    card = _card(tmp_path, [
        "Priya: So the hub is two forty nine and the cameras are extra.",
        "Tom: And sorry if I'm distracted, we're leaving on a cruise March 6th, it's our anniversary.",
        "Priya: Oh how lovely! Okay, so the door sensors come in a four pack.",
        "Tom: Right.",
        "Priya: And the app is free."], rep="Priya", call_date="2026-02-17")
    assert card.target is None
    assert card.items["buyer_anchored_date"].status == "fail"


def test_visitors_and_school_are_no_finish_line(tmp_path):
    card = _card(tmp_path, [
        "Leah: So the unlimited plan is one forty a month.",
        "Omar: ok and my sister is visiting, she lands friday the thirteenth",
        "Leah: ha friday the thirteenth",
        "Omar: yeah and school starts wednesday so its chaos, we're at the lake this weekend, well, before then we leave thursday",
        "Leah: gotcha, so the class pass is twenty a class."], rep="Leah", call_date="2026-02-05")
    assert card.target is None


def test_a_trip_the_sale_is_built_on_is_still_the_finish_line(tmp_path):
    card = _card(tmp_path, [
        "Dave: We leave on our trip June 20th. That's locked.",
        "Rico: Okay, June 20th. So working back from that, delivery and the walkthrough June 6th,",
        "Rico: and the hitch goes on Friday, May 29th.",
        "Dave: Works."], rep="Rico", call_date="2026-05-05")
    assert card.target is not None and card.target.date == date(2026, 6, 20)


def test_the_sellers_own_event_on_the_buyers_day_builds_nothing(tmp_path):
    card = _card(tmp_path, [
        "Linda: our daughter and the grandkids are coming in saturday for the weekend",
        "Gina: oh fun. this saturday actually theres the owners holiday party by the pool",
        "Linda: oh",
        "Gina: so the gold is nine a year."], rep="Gina", call_date="2025-12-09")
    assert card.target is None


# --- documents, openings, risk words ------------------------------------------------------------

def test_sending_a_document_is_no_step_but_signing_it_is(tmp_path):
    card = _card(tmp_path, [
        "Beth: The sale is November 2nd. That's the date everything's built around.",
        "Sam: So working back from that, live October 19th, and the designs signed off by August 28th.",
        "Sam: I'll get you the SOW by Friday, and we'd need the contract signed by July 31st."],
        rep="Sam", call_date="2026-07-22")
    days = _days(card)
    assert date(2026, 7, 31) in days
    assert date(2026, 7, 24) not in days


def test_the_calls_opening_question_is_not_its_closing_ask(tmp_path):
    lines = ["Nadia: Thanks for hopping on. Do you want to start with the cedar or the vinyl?",
             "Chris: Either. Start with the cedar."]
    lines += [f"Nadia: The cedar runs about {20 + i} a foot with posts every eight feet." if i % 2 == 0
              else "Chris: Okay, makes sense." for i in range(20)]
    lines += ["Nadia: So which way do you want to go, the cedar shadowbox or the vinyl privacy?",
              "Chris: Let me think about it."]
    card = _card(tmp_path, lines, rep="Nadia", call_date="2026-05-06")
    assert card.close_type == "option"
    assert "which way" in card.items["dated_ask"].evidence[0].quote


def test_walking_out_of_an_appointment_is_no_way_out_of_the_deal(tmp_path):
    card = _card(tmp_path, [
        "Tina: so the zoom is in office, its three or four rounds of fifteen minutes and you walk out whiter that day",
        "Kim: nice",
        "Tina: so do you want to do the zoom or the take home trays?",
        "Kim: hmm"], rep="Tina", call_date="2026-03-12")
    assert card.items["risk_relief"].status == "fail"
    assert card.items["dated_ask"].status == "partial" and card.close_type == "option"


def test_why_the_buyer_got_in_touch_is_no_recap(tmp_path):
    card = _card(tmp_path, [
        "Leah: thanks for filling out the form, you said you were interested in membership and you had some questions",
        "Omar: yeah mostly about the schedule",
        "Leah: sure, so the unlimited is one forty a month"], rep="Leah", call_date="2026-02-05")
    assert card.items["value_summary"].status == "fail"


# --- owners and approvers ------------------------------------------------------------------------

def test_owners_named_by_their_role_in_raw_asr_make_a_process_close(tmp_path):
    card = _card(tmp_path, [
        "Bob: ok so what happens now",
        "Derek: so as far as how it works from here kayla in our office writes up the formal quote and emails it to you "
        "then once the cabinets are in danny our templater comes out and does the laser template",
        "Bob: ok we'll see"], rep="Derek", call_date="2026-03-10")
    assert card.close_type == "process"


def test_the_one_who_handles_it_is_an_owner(tmp_path):
    card = _card(tmp_path, [
        "Ana: Okay, so what happens from here?",
        "Priya: Dr. Kim will write up his treatment notes in your chart, and Tasha in billing is the one "
        "who handles the financing application if you go that route.",
        "Ana: Okay."], rep="Priya", call_date="2026-02-17")
    assert card.close_type == "process"


def test_a_place_is_no_owner_of_the_plan(tmp_path):
    card = _card(tmp_path, [
        "Mark: So what now?",
        "Nadia: I'll email you a next-steps page that lists each of those, who's doing what, with our fax number on it "
        "so Dr. Feld's office has it.",
        "Mark: Great."], rep="Nadia", call_date="2026-03-02")
    assert card.items["map_captured"].status == "partial"


def test_approvers_not_in_the_loop_in_everyday_words(tmp_path):
    for line in ("i gotta talk to my wife about it first she does all the money stuff and honestly its kind of her call",
                 "dale does all the money stuff and he hasnt even seen the quote honestly he'd have to be the one to say yes",
                 "i cant do anything until i talk to my brother, he's going to want to see it"):
        card = _card(tmp_path, [
            "Gary: so thats the quote, eleven four installed",
            f"Sam: {line}",
            "Gary: totally understand"], rep="Gary", call_date="2026-05-19")
        assert "missing_stakeholder" in {p.id for p in card.pitfalls}, line


def test_owners_said_in_other_turns_in_everyday_words(tmp_path):
    base = [
        "Gary: The new rates take effect with the January 1 payroll. That's the date that matters.",
        "Marisol: Okay. So working back from January 1. The last step is a parallel run on December 16.",
        "Marisol: The Acroprint integration and the new differential table configured by November 18.",
        "Marisol: And the order form gets signed by Wednesday the 21st.",
        "Gary: Okay."]
    for said, owner in (("Devin: On the owners, I'll take the Acroprint integration myself.", "Devin"),
                        ("Gary: Devin's running the integration on our side.", "Devin"),
                        ("Marisol: Devin, the integration is yours.", "Devin")):
        card = _card(tmp_path, base + [said, "Marisol: Perfect."], rep="Marisol", call_date="2026-10-14")
        owners = {m.date: m.owner for m in card.milestones}
        assert owners.get(date(2026, 11, 18)) == owner, (said, owners)


def test_a_raw_asr_dont_rules_a_day_out_of_the_buyers_plan(tmp_path):
    card = _card(tmp_path, [
        "Denise: the wedding is june thirteenth and everything works back from that",
        "Denise: the planting has to be done may thirtieth",
        "Denise: oh and dont plan anything on the ninth of may thats the bridal shower",
        "Tomas: got it, and the patio goes in may fifth"])
    assert date(2026, 5, 9) not in _days(card)


def test_getting_the_order_for_a_product_in_today_is_a_dated_ask(tmp_path):
    card = _card(tmp_path, [
        "Walter: The wedding is June 13th. I want to hear the toasts.",
        "Hannah: So can we get the order for the Lumen 7s in today?",
        "Walter: Yes, let's do it."], rep="Hannah", call_date="2026-04-20")
    assert card.items["dated_ask"].status == "pass"


def test_as_soon_as_they_come_in_is_no_vague_timeline(tmp_path):
    card = _card(tmp_path, [
        "Walter: Okay, we'll take them.",
        "Hannah: Great, I'll have you sign the purchase agreement, and then I'll call you as soon as they come in."],
        rep="Hannah", call_date="2026-04-20")
    assert "vague_timeline" not in {p.id for p in card.pitfalls}


def test_the_weekend_before_an_event_counts_back_from_it():
    from analyzer.dates import find_dates
    found = find_dates("the weekend before the wedding we do the rehearsal", date(2026, 5, 5))
    assert found and found[0].kind == "relative" and found[0].anchor == "wedding"
    found = find_dates("The weekend before that, a shakedown trip.", date(2026, 5, 5))
    assert found and found[0].kind == "relative" and found[0].text == "The weekend before that"


def test_a_run_on_line_that_lays_steps_back_from_a_day_names_it_whatever_the_head_reads(tmp_path):
    card = _card(tmp_path, [
        "Michelle: so what happens now with mom",
        "Gloria: so i talked to the case manager this morning and sounds like they're looking at discharge tuesday "
        "the thirty first so heres how i see it monica the discharge planner is getting her p t evaluation done "
        "friday the twenty seventh then brenda the nurse does her assessment at the hospital saturday the twenty eighth",
        "Gloria: and the hospital doctor signs the transfer orders monday the thirtieth",
        "Michelle: okay"], rep="Gloria", call_date="2026-03-26")
    assert card.target is not None and card.target.date == date(2026, 3, 31)
    assert {date(2026, 3, 27), date(2026, 3, 28), date(2026, 3, 30)} <= _days(card)


def test_a_step_asked_by_when_after_a_dated_lead_in_is_dated_by_the_answer(tmp_path):
    card = _card(tmp_path, [
        "Nadia: may nineteenth is burned into my brain the show opens the nineteenth",
        "Rick: yeah so um working backwards from the nineteenth the first thing i need is design sign off",
        "Nadia: by when",
        "Rick: march twentieth thats a friday",
        "Nadia: okay",
        "Rick: and then freight ships may twelfth and our crew meets it at the hall"],
        rep="Rick", call_date="2026-03-05")
    assert {date(2026, 3, 20), date(2026, 5, 12)} <= _days(card)


def test_a_closed_day_or_a_goodbye_dates_no_step_named_before_it(tmp_path):
    card = _card(tmp_path, [
        "Maria: the appraisal is june twenty second so it has to be gone before that",
        "Gus: so working back the permit'd be back monday the eighth then crane day monday the fifteenth "
        "then we come back wednesday the seventeenth for the stump",
        "Maria: ok",
        "Gus: sure i'll email you the quote tonight itll have everything on it the permit the crane the stump",
        "Gus: and just so you know we're closed friday the third for the fourth of july weekend",
        "Gus: see you friday"], rep="Gus", call_date="2026-06-01")
    days = _days(card)
    assert date(2026, 6, 8) in days
    assert not {date(2026, 7, 3), date(2026, 6, 5)} & days

