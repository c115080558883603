"""Readings fixed in session 13: steps asked about by the buyer and dated by the seller, plans
the buyer works back a few turns on, days counted from holidays and from earlier steps, owners
said in everyday words, and deadlines that serve a finish line already named."""
from __future__ import annotations

from datetime import date

from analyzer.dates import find_dates
from analyzer.ingest import load_call
from analyzer.nlp import CallView
from callmaker import make_call, score


def _card(tmp_path, lines, rep="Dana", call_date="2026-03-02"):
    return score(make_call(tmp_path, lines, rep=rep, call_date=call_date))


def _steps(card):
    return {m.date: m for m in card.milestones}


def test_a_step_the_buyer_asks_about_is_dated_by_the_sellers_answer(tmp_path):
    card = _card(tmp_path, [
        "Joe: the open house is Saturday, April 18th, I need the floors done for that",
        "Dana: So working back from that, the final coat goes on Thursday, April 16th.",
        "Joe: And the first coat, when's that?",
        "Dana: Monday the 13th. We sand the week before, Wednesday the 8th.",
        "Joe: And the walk-through?",
        "Dana: Friday the 10th.",
        "Joe: okay"], call_date="2026-04-01")
    days = _steps(card)
    assert date(2026, 4, 13) in days and date(2026, 4, 10) in days, [(m.step, m.date) for m in card.milestones]


def test_a_day_that_pins_down_the_week_just_named_dates_the_step(tmp_path):
    card = _card(tmp_path, [
        "Joe: the show is Friday the 27th",
        "Dana: So working back from that, the frame needs to be finished by Thursday the 19th.",
        "Joe: okay",
        "Dana: And for that, we do the measuring and the mat cutting this week, Thursday the 5th.",
        "Joe: fine"], call_date="2026-03-02")
    assert date(2026, 3, 5) in _steps(card), [(m.step, m.date) for m in card.milestones]


def test_the_line_after_a_steps_day_can_say_who_does_it(tmp_path):
    card = _card(tmp_path, [
        "Joe: the interview is Friday the 27th",
        "Dana: So working back from that, the crown goes on by Thursday the 19th.",
        "Joe: And the first fitting, when's that?",
        "Dana: Friday the 13th. The lab sends it over that morning and Okafor tries it in.",
        "Joe: and Okafor is who",
        "Dana: our dentist"], call_date="2026-03-02")
    owners = {m.date: m.owner for m in card.milestones}
    assert owners.get(date(2026, 3, 13)) == "Okafor", owners


def test_a_buyer_who_works_back_a_few_turns_on_lays_out_the_plan(tmp_path):
    card = _card(tmp_path, [
        "Kay: Okay, so here's my thing. I'm due April tenth.",
        "Dana: Okay.",
        "Kay: I want everything done before the baby. So I sort of worked it backwards last night.",
        "Dana: Walk me through it.",
        "Kay: If I'm due the tenth, I want the album picked by April first.",
        "Dana: Sure.",
        "Kay: So the portrait session has to be Saturday the twenty-first. Of March.",
        "Dana: That works on my end.",
        "Kay: Can the stylist come too?",
        "Dana: Of course."], rep="Dana", call_date="2026-02-24")
    days = _steps(card)
    assert date(2026, 4, 1) in days and date(2026, 3, 21) in days, [(m.step, m.date) for m in card.milestones]


def test_days_read_out_in_a_row_keep_their_dates():
    mentions = find_dates("ok so signed the tenth install the twentieth water test the twenty seventh",
                          date(2026, 4, 1))
    assert [m.date for m in mentions] == [date(2026, 4, 10), date(2026, 4, 20), date(2026, 4, 27)]


def test_a_plan_read_back_in_a_row_is_not_read_as_the_past(tmp_path):
    path = make_call(tmp_path, [
        "Jess: they want our first pallets on the dock may eighteenth that's the launch",
        "Marco: so the install is monday april twentieth",
        "Jess: ok so signed the tenth install the twentieth water test the twenty seventh beer test may fourth",
        "Marco: that's the whole path"], rep="Marco", call_date="2026-04-01")
    view = CallView(load_call(path))
    said = [d.date for s in view.sentences if s.text.startswith("ok so signed") for d in s.dates]
    assert said == [date(2026, 4, 10), date(2026, 4, 20), date(2026, 4, 27), date(2026, 5, 4)], said


def test_holidays_and_days_counted_from_them_resolve():
    call = date(2026, 8, 13)
    assert [m.date for m in find_dates("before Black Friday", call)] == [date(2026, 11, 27)]
    assert [m.date for m in find_dates("by the Monday after Halloween", call)] == [date(2026, 11, 2)]
    assert [m.date for m in find_dates("two days before Christmas", call)] == [date(2026, 12, 23)]
    assert [m.date for m in find_dates("last Black Friday the site went down", call)] == [date(2025, 11, 28)]


def test_a_bare_day_said_as_a_holidays_day_is_that_day(tmp_path):
    card = _card(tmp_path, [
        "Rick: Black Friday's the twenty-seventh this year, and I want pickup working in every store by then.",
        "Dana: So working back, the catalogue migrated by Friday, September 18th, and the load test on "
        "Friday, October 2nd.",
        "Rick: okay"], call_date="2026-08-13")
    assert card.target is not None and card.target.date == date(2026, 11, 27), card.target


def test_a_step_word_that_only_names_money_dates_no_step(tmp_path):
    card = _card(tmp_path, [
        "Rick: we go live for the holidays, Black Friday is November 27th",
        "Dana: The migration has to be done by Friday, September 18th, and the load test is October 2nd.",
        "Rick: ok",
        "Dana: One thing to flag: the migration credits in the proposal expire September 30th.",
        "Rick: noted"], call_date="2026-08-13")
    assert date(2026, 9, 30) not in _steps(card), [(m.step, m.date) for m in card.milestones]
    assert date(2026, 9, 18) in _steps(card)


def test_days_counted_from_an_earlier_step_or_the_finish_line_date_steps(tmp_path):
    card = _card(tmp_path, [
        "carol: closing is november twentieth",
        "hank: first step is the appraisal i can have our guy out there friday the ninth",
        "carol: ok",
        "hank: good then the monday after the appraisal we start tagging everything",
        "carol: ok",
        "hank: and then the house gets broom clean two days before closing",
        "carol: great"], rep="hank", call_date="2026-10-01")
    days = _steps(card)
    assert date(2026, 10, 12) in days and date(2026, 11, 18) in days, [(m.step, m.date) for m in card.milestones]


def test_the_targets_own_event_word_is_no_small_talk_on_the_path(tmp_path):
    card = _card(tmp_path, [
        "derek: so its the harbor city marathon october fourth",
        "rosa: ok so working back from that your last long run is sunday september thirteenth and then "
        "before that you do a half marathon tune up race on august thirtieth",
        "derek: ok"], rep="rosa", call_date="2026-06-16")
    assert date(2026, 8, 30) in _steps(card), [(m.step, m.date) for m in card.milestones]


def test_owners_said_in_everyday_words(tmp_path):
    card = _card(tmp_path, [
        "Ren: I'm hosting on the twenty-sixth of November, eighteen people",
        "Carl: Working from that, your install is Monday, November sixteenth, and the measure is Friday, "
        "October 30th.",
        "Ren: ok",
        "Carl: So Marco's going to be your installer, he's my best guy.",
        "Ren: And the measure? My husband Tom is going to do the measuring with you.",
        "Carl: Great."], rep="Carl", call_date="2026-10-20")
    owners = {m.date: m.owner for m in card.milestones}
    assert owners.get(date(2026, 11, 16)) == "Marco", owners


def test_raw_asr_hands_out_steps_one_after_another(tmp_path):
    card = _card(tmp_path, [
        "carol: closing is november twentieth my brother kevin lives close by",
        "hank: so working back from that pickup day is saturday november fourteenth and tagging starts monday "
        "october twelfth",
        "carol: ok whos doing what",
        "hank: ill write this all up the dates and whos doing what denise on the tagging kevin on pickup day",
        "carol: great"], rep="hank", call_date="2026-10-01")
    owners = {m.date: (m.owner or "").lower() for m in card.milestones}
    assert owners.get(date(2026, 11, 14)) == "kevin", owners


def test_plain_promises_to_send_the_dates_are_the_plan(tmp_path):
    lines = ["Greg: the interview is Friday the 27th",
             "Tasha: So the crown goes on Thursday the 19th, and the fitting is Friday the 13th.",
             "Greg: ok",
             "Tasha: I'll text you all three dates tonight with what happens at each one.",
             "Greg: great"]
    assert _card(tmp_path, lines, rep="Tasha").items["map_captured"].status in ("partial", "pass")
    lines[3] = "Tasha: I'll text you a little schedule tonight with the dates and who's coming when."
    assert _card(tmp_path, lines, rep="Tasha").items["map_captured"].status in ("partial", "pass")


def test_a_buyer_counting_back_through_one_turn_names_the_finish_line_first(tmp_path):
    card = _card(tmp_path, [
        "Dana: so what are you working toward",
        "Luis: So okay, I've worked it out. I booked the exam for May twenty-eighth. I want two weeks of "
        "mocks, so I need to be done with the lectures by May fourteenth. At my pace I have to start by "
        "March second.",
        "Dana: got it"], call_date="2026-02-19")
    assert card.target is not None and card.target.date == date(2026, 5, 28), card.target


def test_a_date_after_before_and_an_event_is_the_events_day(tmp_path):
    card = _card(tmp_path, [
        "Gus: So you want it set up before your party on the nineteenth, right?",
        "Terrell: what's the difference between the slate ones",
        "Gus: the slate comes in from the warehouse on the ninth and we install on the tenth"],
        rep="Gus", call_date="2026-06-30")
    assert card.target is not None and card.target.date == date(2026, 7, 19), card.target
    assert card.items["buyer_anchored_date"].status == "partial"


def test_sizing_advice_and_a_pitch_are_no_value_recap(tmp_path):
    for line in ("Okay, so with an eight-footer you want about five feet of clearance all the way around.",
                 "But for what you want, the floor models are gonna be perfect, honestly."):
        card = _card(tmp_path, ["Terrell: the room is about fourteen by twelve", f"Gus: {line}",
                                "Terrell: ok"], rep="Gus", call_date="2026-06-30")
        assert card.items["value_summary"].status == "fail", line


def test_getting_someone_enrolled_this_week_is_a_dated_ask(tmp_path):
    card = _card(tmp_path, [
        "Linda: her deadline is November first",
        "Priya: So can we get Maya enrolled this week, so the first session on Saturday happens?",
        "Linda: yes"], rep="Priya", call_date="2026-09-08")
    assert card.items["dated_ask"].status == "pass"


def test_a_raw_asr_choice_ask_runs_to_its_last_option(tmp_path):
    card = _card(tmp_path, [
        "dolores: the new contract kicks in july first",
        "brent: so do you wanna start with just the two units as like a pilot or go house wide from day one",
        "dolores: the two units definitely"], rep="brent", call_date="2026-05-12")
    assert card.items["pause"].status == "pass"


def test_a_refund_window_answers_no_question_about_a_step(tmp_path):
    card = _card(tmp_path, [
        "Bride: the wedding is May 8th next year",
        "Dana: So the tasting is Saturday, March 6th, and invitations go out by January 15th.",
        "Bride: And the deposit?",
        "Dana: It's fully refundable until January 31st, so if something changes you're covered.",
        "Bride: ok"], call_date="2026-09-01")
    assert date(2027, 1, 31) not in _steps(card), [(m.step, m.date) for m in card.milestones]


def test_a_weekday_in_a_past_clause_is_the_last_one(tmp_path):
    card = _card(tmp_path, [
        "tyler: hey monique its tyler from the gym you came by saturday for the walk through with jess",
        "monique: yeah", "tyler: so any questions", "monique: not really"],
        rep="tyler", call_date="2026-01-05")
    assert not card.milestones, [(m.step, m.date) for m in card.milestones]


def test_picking_one_of_the_sellers_options_names_no_target(tmp_path):
    card = _card(tmp_path, [
        "Owen: The bill date can be the first or the fifteenth, whichever lines up with paychecks.",
        "Marisol: The fifteenth would be better, our clients usually pay at the start of the month.",
        "Owen: Sure."], rep="Owen", call_date="2026-11-10")
    assert card.target is None or card.target.date != date(2026, 11, 15), card.target


def test_a_deadline_on_the_way_to_an_event_already_named_is_a_step(tmp_path):
    card = _card(tmp_path, [
        "dolores: so the new contract kicks in july first and it changes a lot",
        "brent: got it",
        "dolores: and schedules get posted four weeks ahead so the july one has to be posted by june third",
        "brent: june third ok"], rep="brent", call_date="2026-05-12")
    assert card.target is not None and card.target.date == date(2026, 7, 1), card.target


def test_the_first_one_is_another_of_the_step_just_named(tmp_path):
    card = _card(tmp_path, [
        "Lena: we're getting married June 20th",
        "Tessa: So, working back from June 6th when they come off, your second check-in would be Saturday "
        "May 9th, and the first one would be Saturday March 21st.",
        "Lena: okay"], rep="Tessa", call_date="2026-01-14")
    days = _steps(card)
    assert date(2026, 5, 9) in days and date(2026, 3, 21) in days, [(m.step, m.date) for m in card.milestones]


def test_a_day_followed_by_a_tag_question_is_still_a_day(tmp_path):
    view = CallView(load_call(make_call(tmp_path, [
        "kayla: and you're going to the summer classic on the twenty fourth right", "jim: uh huh"],
        rep="kayla", call_date="2026-07-08")))
    assert [d.date for d in view.sentences[0].dates] == [date(2026, 7, 24)]
