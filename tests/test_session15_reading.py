"""Readings fixed in session 15: a schedule read out date by date, a buyer answering the seller's
"when would you want X done" a few turns on, a "can't" far from the date, a raw-ASR ask that turns
mid-sentence, risk words the buyer pays or vouches for, lengths used as words, plans read out with
no path, questions about the current contract, one or two dated things with no finish line, busy
weeks, a precondition said in the same breath as the buyer's own event, hedged days, the name that
answers "who does it", a cancellation cut-off, and a plan said as a note ("contract signed Feb 6")."""
from __future__ import annotations

from datetime import date

from analyzer.dates import find_dates
from callmaker import make_call, score


def _card(tmp_path, lines, rep="Dana", call_date="2026-05-04"):
    return score(make_call(tmp_path, lines, rep=rep, call_date=call_date))


def _days(card):
    return {m.date for m in card.milestones}


# --- the path -----------------------------------------------------------------------------

def test_a_schedule_read_out_date_by_date_counts_each_day(tmp_path):
    card = _card(tmp_path, [
        "Omar: My driving test is July 30th. I have to pass it, the new job needs a licence.",
        "Dana: Okay, so from now to July 30th.",
        "Dana: We start Tuesday, May 12th, a first drive around the lot. "
        "Highway evening on Thursday, June 4th. Thursday, June 18th, parallel parking and three-point turns. "
        "Tuesday, July 7th, a full route on the test course. And then Friday, July 24th, a mock test with another instructor.",
        "Omar: Wow, that's a lot."], call_date="2026-05-04")
    assert card.target is not None and card.target.date == date(2026, 7, 30)
    assert {date(2026, 5, 12), date(2026, 6, 4), date(2026, 6, 18), date(2026, 7, 7), date(2026, 7, 24)} <= _days(card)


def test_a_chatty_turn_whose_days_jump_about_is_no_schedule(tmp_path):
    card = _card(tmp_path, [
        "Omar: My driving test is July 30th.",
        "Dana: Nice. I'm off myself June 20th, back June 2nd for a wedding first, and my kid's recital is May 28th.",
        "Omar: Busy.",
        "Dana: Totally."], call_date="2026-05-04")
    assert not ({date(2026, 6, 20), date(2026, 6, 2), date(2026, 5, 28)} & _days(card))


def test_the_buyers_answer_a_few_turns_on_dates_the_step_the_seller_asked_about(tmp_path):
    card = _card(tmp_path, [
        "Rosa: Our son graduates June 20th, that's the whole point, the smile in the photos.",
        "Dana: Lovely, June 20th it is. So when would you want the last check-up done, ideally?",
        "Rosa: Hmm, Luis, what did we say?",
        "Luis: June 9th.",
        "Rosa: And the first scan May 12th.",
        "Dana: Okay, I can make both work."], call_date="2026-05-04")
    assert card.target is not None and card.target.date == date(2026, 6, 20)
    assert date(2026, 6, 9) in _days(card)


def test_the_second_one_takes_its_kind_from_the_plural_before_it(tmp_path):
    card = _card(tmp_path, [
        "Rosa: The ceremony is June 20th.",
        "Dana: Working back from that, we'd want two weeks between the fittings, so the second one Tuesday June 2nd, "
        "and the first one Tuesday May 19th.",
        "Rosa: Fine."], call_date="2026-05-04")
    assert {date(2026, 6, 2), date(2026, 5, 19)} <= _days(card)


def test_a_date_then_what_it_is_for_names_the_step(tmp_path):
    card = _card(tmp_path, [
        "Maria: the buyers walk through june twenty second",
        "dana: ok so permit back monday the eighth then we come back wednesday the seventeenth for the stump "
        "and then the friday before the walk through we do the final rake so it looks nice",
        "maria: ok"], call_date="2026-06-02")
    assert {date(2026, 6, 8), date(2026, 6, 17), date(2026, 6, 19)} <= _days(card)


def test_one_dated_thing_with_no_finish_line_is_no_milestone(tmp_path):
    card = _card(tmp_path, [
        "Kim: what's new with the course",
        "Dana: Our installer could come out May 20th to measure the windows.",
        "Kim: cool, I'll think about it"], call_date="2026-05-04")
    assert card.target is None
    assert card.milestones == ()


def test_three_laid_out_steps_count_even_when_no_finish_line_is_found(tmp_path):
    card = _card(tmp_path, [
        "Kim: so what happens next",
        "Dana: Contract signed by May 8th, data import by May 15th, training on May 22nd.",
        "Kim: ok"], call_date="2026-05-04")
    assert len(card.milestones) == 3


# --- the target ---------------------------------------------------------------------------

def test_a_cant_far_from_the_date_leaves_the_buyers_day_standing(tmp_path):
    card = _card(tmp_path, [
        "Dana: so whats the date youre looking at",
        "Ben: my lease ends may thirty first i gotta hand the keys back that day and the landlord already said they're not doing a day past its a sunday",
        "Dana: got it",
        "Ben: yeah"], call_date="2026-05-04")
    assert card.target is not None and card.target.date == date(2026, 5, 31)


def test_a_precondition_said_in_the_buyers_breath_before_their_event_is_no_finish_line(tmp_path):
    card = _card(tmp_path, [
        "Lina: so the landlord hands over the keys april twentieth thats locked and we open may twenty ninth",
        "Dana: ok so we bring everything the day you get the keys and the inspection two weeks before you open",
        "Lina: right"], call_date="2026-04-07")
    assert card.target is not None and card.target.date == date(2026, 5, 29)


def test_a_hedged_day_is_no_finish_line(tmp_path):
    card = _card(tmp_path, [
        "Dana: when do you open for the season",
        "Marty: depends on snow honestly opening day is whenever we have enough base could be mid november could be december",
        "Dana: ok"], call_date="2026-09-01")
    assert card.target is None


def test_the_days_of_a_busy_notice_are_no_finish_line(tmp_path):
    card = _card(tmp_path, [
        "Nadia: Sorry, my schedule is kind of chaotic. We're shooting a wedding Saturday, March 7th, then I'm at a festival. "
        "So if I'm slow on email, that's why.",
        "Dana: Oh, a festival, how fun! Is your film in the festival?",
        "Nadia: Ha, yeah."], call_date="2026-02-24")
    assert card.target is None


# --- the ask ------------------------------------------------------------------------------

def test_a_run_on_turns_to_the_ask_mid_sentence(tmp_path):
    card = _card(tmp_path, [
        "Ben: the move is saturday the thirtieth",
        "dana: i cant hold the truck for you so do you wanna put the deposit down today",
        "ben: yeah lets do it"], call_date="2026-05-05")
    assert card.items["dated_ask"].status == "pass"


def test_a_question_about_the_current_contract_is_no_ask(tmp_path):
    card = _card(tmp_path, [
        "Rita: We have a cleaning company already.",
        "Dana: So what's your contract like with them? Are you locked in?",
        "Rita: Thirty days notice I think."], call_date="2026-05-04")
    assert card.items["dated_ask"].status == "fail"


# --- risk relief ----------------------------------------------------------------------------

def test_the_buyer_paying_the_difference_is_no_relief(tmp_path):
    card = _card(tmp_path, [
        "Tom: so the plan doesn't cover a whole new furnace?",
        "Dana: It covers up to two thousand. So yes, you'd pay the difference.",
        "Tom: ok"], call_date="2026-05-04")
    assert card.items["risk_relief"].status == "fail"


def test_what_other_installers_offer_is_no_relief(tmp_path):
    card = _card(tmp_path, [
        "Tom: another company talked about a production guarantee?",
        "Dana: Some installers offer that, they guarantee the output and pay you the difference. It doesn't apply here.",
        "Tom: ok"], call_date="2026-05-04")
    assert card.items["risk_relief"].status == "fail"


def test_a_guarantee_the_buyer_gives_is_no_relief(tmp_path):
    card = _card(tmp_path, [
        "Tom: what's this clause",
        "Dana: so thats standard on every deal its a performance guarantee basically youre guaranteeing you wont move the deposits to another bank",
        "Tom: ok"], call_date="2026-05-04")
    assert card.items["risk_relief"].status == "fail"


# --- dates and the plan ---------------------------------------------------------------------

def test_a_length_used_as_a_word_is_no_date():
    said = [m.text for m in find_dates("In a week-long outage the generator wins, but we install in a week.", date(2026, 5, 4))]
    assert said == ["in a week"]


def test_names_read_out_with_no_path_and_no_ask_make_no_plan_with_owners(tmp_path):
    card = _card(tmp_path, [
        "Paul: We want Jordan somewhere good, that's all.",
        "Dana: So here's what I'll do. I'll put together a short plan of who does what on both sides, you, Jordan, Jordan's mom, and us, and send it.",
        "Paul: That would help."], call_date="2026-05-04")
    assert card.items["map_captured"].status != "pass"


def test_the_name_that_answers_who_does_a_step_owns_it(tmp_path):
    card = _card(tmp_path, [
        "Maria: the appraiser comes june twenty second",
        "dana: ok so permit back monday the eighth then crane day monday the fifteenth then the stump wednesday the seventeenth",
        "maria: who's gonna be here on the crane day do i need to be home",
        "dana: luis my foreman he runs all the crane jobs you dont have to be home",
        "maria: ok"], call_date="2026-06-02")
    crane = [m for m in card.milestones if m.date == date(2026, 6, 15)]
    assert crane and crane[0].owner and crane[0].owner.lower() == "luis"


def test_a_cancellation_cut_off_dates_no_step(tmp_path):
    card = _card(tmp_path, [
        "Priya: the new tenants move in April first",
        "Dana: Working back, sanding starts Monday the 16th, last coat Monday the 23rd, walk-through Friday the 27th.",
        "Dana: The deposit's three hundred, and you can cancel up to Thursday the 12th and get all of it back.",
        "Priya: ok"], call_date="2026-03-09")
    assert date(2026, 3, 12) not in _days(card)
    assert {date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 27)} <= _days(card)


def test_a_plan_said_as_a_note_stays_ahead(tmp_path):
    card = _card(tmp_path, [
        "Leah: Our lease is up June 30th, we have to be out.",
        "Dana: Working back: cutover weekend is May 30th, first dry run April 25th.",
        "Dana: And contract signed February 6th, because the cage build takes seven weeks.",
        "Leah: ok"], call_date="2026-01-20")
    assert date(2026, 2, 6) in _days(card)


# --- the shared plan --------------------------------------------------------------------------

_PATH_WITH_A_DAY = ["Kayla: The party is June 27th, that's the whole reason.",
                    "Dana: Working back: permit May 20th, dig June 1st, final inspection June 12th."]


def test_owners_read_out_a_sentence_or_two_after_the_promise_count(tmp_path):
    card = _card(tmp_path, _PATH_WITH_A_DAY + [
        "Dana: And I'll put everything we just said into your project portal.",
        "Dana: Every date, who owns it.",
        "Dana: Marco on the permit, Rita on the inspection, you on unlocking the gate.",
        "Kayla: Perfect."], call_date="2026-05-04")
    assert card.items["map_captured"].status == "pass"


def test_a_gonna_promise_of_every_date_and_who_does_what_is_a_plan(tmp_path):
    card = _card(tmp_path, _PATH_WITH_A_DAY + [
        "Dana: I'm gonna email you both a checklist tonight, every date we just said and who's doing what.",
        "Kayla: Great."], call_date="2026-05-04")
    assert card.items["map_captured"].status in ("partial", "pass")
    assert card.items["map_captured"].evidence and "checklist" in card.items["map_captured"].evidence[0].quote


# --- pitfalls ---------------------------------------------------------------------------------

def _vague(card):
    return "vague_timeline" in {p.id for p in card.pitfalls}


def test_a_margin_and_the_past_are_no_vague_timeline(tmp_path):
    card = _card(tmp_path, [
        "Priya: The deadline is November 1st.",
        "Dana: Everything submitted by October 26, so there's a few days of buffer.",
        "Dana: I talked to the counselor this morning and the application gets signed off October 20th.",
        "Priya: ok"], call_date="2026-09-24")
    assert not _vague(card)


def test_a_vague_signing_is_still_a_vague_timeline(tmp_path):
    card = _card(tmp_path, [
        "Priya: The deadline is November 1st.",
        "Dana: We'd get the paperwork signed in a few days and go from there.",
        "Priya: ok"], call_date="2026-09-24")
    assert _vague(card)
