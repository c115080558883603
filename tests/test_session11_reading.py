"""Readings fixed in session 11: plans told across turns, days said again, everyday recaps,
offers and promises."""
from __future__ import annotations

from datetime import date

from analyzer.ingest import load_call
from analyzer.nlp import CallView
from callmaker import make_call, score


def _steps(card):
    return sorted(m.date.isoformat() for m in card.milestones)


def _dates(path, needle):
    view = CallView(load_call(path))
    return [d.date for s in view.sentences if needle in s.lower for d in s.dates]


def test_a_bare_day_means_the_one_named_last(tmp_path):
    path = make_call(tmp_path, [
        "Rosa: the deck stain goes on may twelfth",
        "Tom: okay",
        "Rosa: and before that we frame it april twelfth",
        "Tom: and to frame on the twelfth what do you need from us",
        "Rosa: just the railing colour"], rep="Rosa", call_date="2026-03-02")
    assert _dates(path, "to frame on") == [date(2026, 4, 12)]


def test_a_bare_day_with_two_earlier_namings_long_ago_stays_unresolved(tmp_path):
    lines = ["Rosa: the stain is may twelfth", "Tom: ok", "Rosa: the frame is april twelfth"]
    lines += ["Tom: right", "Rosa: sure"] * 5
    lines += ["Tom: so what happens on the twelfth"]
    path = make_call(tmp_path, lines, rep="Rosa", call_date="2026-03-02")
    assert _dates(path, "what happens on") == [date(2026, 3, 12)]  # the next 12th: no referent near


def test_the_saturday_after_that_counts_from_the_day_just_named(tmp_path):
    path = make_call(tmp_path, [
        "Ann: the surveyor comes out June 3rd. So, the Saturday after that.",
        "Dana: okay"], call_date="2026-05-01")
    assert _dates(path, "saturday after that") == [date(2026, 6, 6)]
    path = make_call(tmp_path, ["Ann: we'll talk two weeks before that meeting"], call_date="2026-05-01")
    assert _dates(path, "before that meeting") == []  # "that meeting" is no day said before


def test_a_step_that_one_refers_back_to_is_dated_and_two_inspections_stay_two(tmp_path):
    card = score(make_call(tmp_path, [
        "Lee: the party is july eleventh and the patio has to be done",
        "Dana: ok so working back from the eleventh the final inspection is june twenty ninth",
        "Lee: ok",
        "Dana: before that theres an electrical inspection the city checks the wiring for the lights that one's june tenth",
        "Lee: got it"], call_date="2026-04-01"))
    assert _steps(card) == ["2026-06-10", "2026-06-29"]


def test_everything_works_back_from_that_points_back(tmp_path):
    from analyzer.path import PathFinder
    from analyzer.rubric import load_rubric

    path = make_call(tmp_path, ["Jo: April thirtieth. Everything works back from that.",
                                "Jo: Everything works out fine."], call_date="2026-03-24")
    finder, view = PathFinder(load_rubric().path), CallView(load_call(path))
    strengths = {s.text: finder._refers_back(s) for s in view.sentences}
    assert strengths["Everything works back from that."] == 3
    assert strengths["Everything works out fine."] == 0


def test_everything_works_back_from_that_points_at_the_buyers_day(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: what's driving the timing?",
        "Jo: The day that matters is the handover of the flat. June 30th. Everything works back from that.",
        "Dana: Okay.",
        "Jo: The bank's valuer comes June 2nd.",
        "Dana: Got it."], call_date="2026-04-01"))
    assert card.target is not None and card.target.date == date(2026, 6, 30)


def test_a_buyer_who_works_back_lays_out_the_plan_over_several_turns(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: so walk me through your dates",
        "Jo: The closing on Dad's condo is May 29th. Everything works back from that.",
        "Dana: Okay, May 29th.",
        "Jo: So he has to be moved in here before that. I was thinking the twenty-second, that Friday.",
        "Dana: And what has to happen first?",
        "Jo: The yard sale. My sister's organising it. They'd do it the Saturday after the appraisal.",
        "Dana: And when's the appraisal?",
        "Jo: The appraiser is coming May 8th.",
        "Dana: Great."], call_date="2026-04-06"))
    assert card.target is not None and card.target.date == date(2026, 5, 29)
    assert _steps(card) == ["2026-05-08", "2026-05-09", "2026-05-22"]


def test_a_buyer_who_only_says_it_must_be_done_by_then_lays_out_no_plan(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: What's driving the timing?",
        "Jo: The audit is August 20. Everything has to be clean by then.",
        "Dana: Understood.",
        "Jo: Send me the paperwork and I'll read it over the weekend."], call_date="2026-07-08"))
    assert _steps(card) == []


def test_an_everyday_restatement_the_buyer_confirms_is_a_recap(tmp_path):
    card = score(make_call(tmp_path, [
        "Sam: we dont need anything fancy we just need the yard usable and the lights on for the party",
        "Dana: sure",
        "Sam: and the kids want the fire pit working",
        "Dana: so for you guys it has to be a usable yard with the lights on and the fire pit "
        "working for the kids at the party and the planting can wait",
        "Sam: yes thats exactly it",
        "Dana: ok so the party is june sixth and we finish june first",
        "Sam: ok"], call_date="2026-04-01"))
    assert card.items["value_summary"].status == "pass"


def test_a_fact_checked_back_is_no_recap(tmp_path):
    card = score(make_call(tmp_path, [
        "Sam: i saw doctor reyes last thursday about my left shoulder and the physio referral",
        "Dana: so you saw doctor reyes last thursday for the left shoulder and the physio referral came through",
        "Sam: yes thats exactly it",
        "Dana: ok we have openings next week"], call_date="2026-04-01"))
    assert card.items["value_summary"].status == "fail"


def test_a_deposit_refundable_up_to_a_day_is_risk_relief(tmp_path, monkeypatch):
    from analyzer.meaning import SentenceRoles

    # the head once read "fully refundable right up to move-in day" as no offer: the words decide
    monkeypatch.setattr(SentenceRoles, "vetoes", lambda self, sent, role: role == "risk_relief")
    card = score(make_call(tmp_path, [
        "Pat: what if the house sale falls through",
        "Dana: The deposit's fully refundable right up to move-in day. No penalty.",
        "Pat: okay"], call_date="2026-04-01"))
    assert card.items["risk_relief"].status == "pass"
    card = score(make_call(tmp_path, [
        "Pat: what if the house sale falls through",
        "Dana: The deposit is non-refundable, I'm afraid.",
        "Pat: okay"], call_date="2026-04-01"))
    assert card.items["risk_relief"].status == "fail"


def test_a_promise_of_one_page_with_who_does_what_is_a_shared_plan(tmp_path):
    card = score(make_call(tmp_path, [
        "Jo: my brother Ray is handling the movers",
        "Dana: I'll put all of this on one page for you and Ray, the dates and who's doing what, "
        "so nobody's guessing.",
        "Jo: perfect"], call_date="2026-04-01"))
    assert card.items["map_captured"].status != "fail"
    assert "one page" in card.items["map_captured"].evidence[0].quote


def test_a_step_that_is_locked_on_a_day_is_a_step_ahead(tmp_path):
    card = score(make_call(tmp_path, [
        "Ivy: applications close december first",
        "Dana: okay so here's how I'd lay it out. Your portfolio is locked November 20th, "
        "that leaves a week for the forms.",
        "Ivy: okay",
        "Dana: And the cover letter is finished by November 6th.",
        "Ivy: fine"], call_date="2026-09-01"))
    assert "2026-11-20" in _steps(card)


def test_a_plan_goes_on_past_a_short_word_from_the_buyer(tmp_path):
    card = score(make_call(tmp_path, [
        "Ivy: the audition is march twentieth",
        "Dana: so working back, your final run-through is locked march twelfth.",
        "Ivy: ok",
        "Dana: The first full recording, start to end, by february twenty sixth.",
        "Ivy: a whole recording by then?",
        "Dana: A rough one. Then a mock audition on March fifth.",
        "Ivy: wow"], call_date="2026-01-20"))
    assert len(card.milestones) >= 3


def test_the_closing_date_written_in_a_contract_is_the_closing(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: So, your closing date on the contract is Friday, March 26th, right? "
        "So we need clear-to-close by March 19th. To get there, the appraisal gets ordered "
        "by February 16th, and the file goes to underwriting by February 23rd.",
        "Lee: Sounds right."], call_date="2027-02-08"))
    assert card.target is not None and card.target.date == date(2027, 3, 26)


def test_a_day_of_every_month_and_opening_hours_are_no_dates(tmp_path):
    path = make_call(tmp_path, [
        "Dana: your card is charged on the 9th of every month after that.",
        "Dana: Office hours are nine to six, Sunday ten to four.",
        "Dana: The install is Sunday 9 to 5."], call_date="2026-07-02")
    assert _dates(path, "every month") == [] and _dates(path, "office hours") == []
    assert _dates(path, "install is sunday") == [date(2026, 7, 5)]


def test_a_step_counted_from_an_undated_event_takes_the_day_said_again(tmp_path):
    card = score(make_call(tmp_path, [
        "tanya: the hospital says she comes home friday the twenty seventh",
        "dana: ok so working back the install we'd do two days before she's discharged so the wednesday "
        "the twenty fifth that way it's tested",
        "tanya: ok"], call_date="2026-03-17"))
    assert [(m.step, m.date.isoformat()) for m in card.milestones] == [("installation", "2026-03-25")]


def test_people_raw_asr_introduces_own_the_steps_read_out_with_them(tmp_path):
    card = score(make_call(tmp_path, [
        "tanya: she comes home friday the twenty seventh",
        "dana: perfect",
        "tanya: i'm away that week but my brother mike is off so he'll let your guy in",
        "dana: great and carlos does most of our installs he's great",
        "dana: so the measure is thursday the nineteenth and the install the wednesday the twenty fifth",
        "tanya: ok",
        "dana: i'll text you the schedule the measure on the nineteenth with mike the install on the "
        "twenty fifth with carlos so everybody's on the same page",
        "tanya: perfect"], call_date="2026-03-17"))
    assert card.items["map_captured"].status == "pass"
    assert {m.owner for m in card.milestones} >= {"mike", "carlos"}


def test_a_guarantee_with_no_remedy_is_no_risk_relief(tmp_path):
    lines = ["Meg: what if the colours come out wrong", "Dana: {}", "Meg: okay"]
    card = score(make_call(tmp_path, [lines[0], lines[1].format("We guarantee you'll love the print."),
                                      lines[2]], call_date="2026-03-18"))
    assert card.items["risk_relief"].status == "fail"
    card = score(make_call(tmp_path, [lines[0], lines[1].format(
        "We guarantee you'll love the print, or we reprint the whole run free."), lines[2]], call_date="2026-03-18"))
    assert card.items["risk_relief"].status == "pass"


def test_what_would_have_been_due_plans_nothing(tmp_path):
    card = score(make_call(tmp_path, [
        "Meg: we're in the stores starting August 3rd, that's the date",
        "Dana: What if you'd gone for the holiday reset instead? Proofs would've been due September 4th "
        "and samples to them October 13th.",
        "Meg: right"], call_date="2026-03-18"))
    assert not any(m.date.month in (9, 10) for m in card.milestones)


def test_a_seller_who_is_closed_or_out_on_a_day_dates_no_step(tmp_path):
    card = score(make_call(tmp_path, [
        "Ann: the wedding is august twenty second",
        "Dana: Then the first fitting is Tuesday the 16th of June. And we're closed the spring bank holiday, "
        "the 25th of May. Oh and full disclosure i'm gonna be out the twenty second through the twenty fifth.",
        "Ann: okay"], call_date="2026-04-20"))
    assert [m.date.isoformat() for m in card.milestones] == ["2026-06-16"]


def test_perks_others_offer_and_offers_refused_are_no_risk_relief(tmp_path):
    for line in ("Some of the app-based companies offer a satisfaction guarantee where they'll send someone back.",
                 "we dont really do the first month free stuff we just keep the rate flat",
                 "first box of checks is free on plus on basic its like twenty"):
        card = score(make_call(tmp_path, ["Pat: what's the catch", f"Dana: {line}", "Pat: okay"],
                               call_date="2026-04-01"))
        assert card.items["risk_relief"].status == "fail", line
    card = score(make_call(tmp_path, ["Pat: what's the catch", "Dana: your first cleaning is free, on us.",
                                      "Pat: okay"], call_date="2026-04-01"))
    assert card.items["risk_relief"].status == "pass"


def test_thanks_for_booking_and_a_coffee_are_no_asks(tmp_path):
    card = score(make_call(tmp_path, [
        "dana: hey chris thanks for booking the call can you hear me ok",
        "chris: yeah",
        "Dana: Can I get you a coffee or a water before we set off?",
        "Chris: water please"], call_date="2026-04-01"))
    assert card.items["dated_ask"].status == "fail" and card.items["pause"].status == "fail"


def test_the_answer_to_hows_everybody_is_small_talk(tmp_path):
    card = score(make_call(tmp_path, [
        "dana: so uh how's everybody doing over there",
        "maria: oh you know busy we're planning my mom's eightieth. it's saturday the twenty first at my sister's place",
        "dana: oh nice",
        "maria: and school's out on the 12th so summer's easier"], call_date="2026-03-10"))
    assert card.target is None


def test_the_whole_thing_as_an_object_restates_nothing(tmp_path):
    card = score(make_call(tmp_path, [
        "omar: linda has to sign off on any agency contract and she wants to see the credentialing",
        "dana: ok so next steps ill get the agreement over and put it in one timeline so linda can see the "
        "whole thing when she signs off on the credentialing",
        "omar: ok"], call_date="2026-05-06"))
    assert card.items["value_summary"].status == "fail"


def test_a_plan_that_reads_out_owners_makes_a_process_close(tmp_path):
    card = score(make_call(tmp_path, [
        "omar: janet in my office does all the credentialing paperwork on our end",
        "dana: great",
        "dana: ok so next steps ill put it all in one timeline with whos doing what janet on credentialing "
        "and us on the interviews",
        "omar: sounds good"], call_date="2026-05-06"))
    assert card.items["map_captured"].status == "pass"
    assert card.close_type == "process"


def test_the_sellers_answer_to_when_will_it_be_done_dates_the_step(tmp_path):
    card = score(make_call(tmp_path, [
        "omar: the new wing opens july first and we need the nurses on the floor that day",
        "dana: ok",
        "omar: when would the credentialing actually be done though",
        "dana: credentialing wed have wrapped by june nineteenth for everybody we place",
        "omar: ok"], call_date="2026-05-06"))
    assert [m.date.isoformat() for m in card.milestones] == ["2026-06-19"]


def test_a_run_on_sentence_dates_the_clause_of_its_last_subject(tmp_path):
    card = score(make_call(tmp_path, [
        "kevin: timing wise youd wanna have everything loaded before open enrollment which opens november second",
        "tanya: ok",
        "kevin: so the way it works i get the letter i send the census out to the carriers they come back with "
        "quotes by september eleventh and then um wed want your materials printed and ready by october sixteenth",
        "tanya: mm ok"], rep="kevin", call_date="2026-08-18"))
    assert "2026-09-11" in [m.date.isoformat() for m in card.milestones]


def test_heres_how_it_works_backwards_opens_the_plan(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: And the photos are Saturday, August 22nd, right?",
        "Renee: Yes, the 22nd.",
        "Dana: Okay. Then here's how it works, backwards. Dr. Okafor takes the braces off on Tuesday, "
        "August 11th. Before that, her last adjustment is July 28th.",
        "Renee: Okay."], call_date="2026-06-30"))
    assert "2026-08-11" in _steps(card)


def test_say_yes_today_asks_and_the_promise_in_its_breath_is_no_talking_on(tmp_path):
    card = score(make_call(tmp_path, [
        "jess: the classic is september twenty sixth",
        "dana: ok so can we say yes today and ill put his name on the stall",
        "jess: um yes"], call_date="2026-08-11"))
    assert card.items["dated_ask"].status == "pass" and card.items["pause"].status == "pass"


def test_plain_opt_outs_are_risk_relief(tmp_path):
    for line in ("If at the end of that Monday you don't like how it's going, you stop there.",
                 "theres a break at month twelve so if the contract falls through you give notice and you walk"):
        card = score(make_call(tmp_path, ["Bev: what if it doesn't work", f"Dana: {line}", "Bev: okay"],
                               call_date="2026-04-01"))
        assert card.items["risk_relief"].status == "pass", line


def test_what_you_both_need_is_a_recap(tmp_path):
    card = score(make_call(tmp_path, [
        "Luis: we need every lecture captioned and nobody pressing record",
        "Dana: So what you both need is every big lecture recorded and captioned from day one, nobody "
        "having to press record.",
        "Luis: yes"], call_date="2026-06-16"))
    assert card.items["value_summary"].status == "pass"

