"""Readings fixed in session 10: two steps of one kind at two dates in one plan."""
from __future__ import annotations

from callmaker import make_call, score


def _steps(tmp_path, lines, call_date="2026-09-01"):
    card = score(make_call(tmp_path, lines, rep="Dana", call_date=call_date))
    return sorted(m.date.isoformat() for m in card.milestones)


def test_two_runs_of_one_kind_in_one_plan_are_two_steps(tmp_path):
    dates = _steps(tmp_path, [
        "Kim: Payroll has to be live for January 15th, that's our first pay date.",
        "Dana: Then working back from that. Kickoff October 5. First parallel run December 1. "
        "Second parallel run December 15. Training December 20.",
        "Kim: Okay."])
    assert dates == ["2026-10-05", "2026-12-01", "2026-12-15", "2026-12-20"]


def test_a_step_moved_to_a_new_date_stays_one_step(tmp_path):
    dates = _steps(tmp_path, [
        "Kim: Payroll has to be live for January 15th, that's our first pay date.",
        "Dana: Then working back from that. Kickoff October 5. Training December 1.",
        "Kim: Hmm, December 1 is bad for us.",
        "Dana: Okay, training gets pushed to December 8 then.",
        "Kim: Okay."])
    assert dates == ["2026-10-05", "2026-12-08"]


def test_a_laid_out_series_goes_on_with_more_of_the_step_before(tmp_path):
    dates = _steps(tmp_path, [
        "Marcus: so the wedding is september nineteenth and i want it gone by then",
        "Dana: okay totally doable",
        "Dana: so wed do a patch test first this thursday the twelfth then your first full session "
        "two weeks after the patch test so the twenty sixth then april twenty third june eighteenth "
        "and the last one august thirteenth which gives you like five weeks to heal",
        "Marcus: okay"], call_date="2026-02-09")
    assert dates == ["2026-02-12", "2026-02-26", "2026-04-23", "2026-06-18", "2026-08-13"]


def test_a_schedule_of_two_days_a_month_is_no_series(tmp_path):
    dates = _steps(tmp_path, [
        "Rachel: she starts june twelfth that's our date",
        "Dana: sure and so tuition drafts twice a month on the first and the fifteenth through the portal",
        "Rachel: okay"], call_date="2026-04-20")
    assert "2026-05-15" not in dates and "2026-06-15" not in dates  # the second draft day is no step


def test_a_step_set_back_from_the_buyers_event_builds_on_it(tmp_path):
    card = score(make_call(tmp_path, [
        "Greg: yeah and lauren's running the booth this year the show opens june 9 in vegas",
        "Dana: got it how many people on the booth",
        "Greg: like six",
        "Dana: and then we do a staff briefing on site the day before the show so june 8 at your booth",
        "Greg: cool"], rep="Dana", call_date="2026-04-22"))
    assert card.target is not None and card.target.date.isoformat() == "2026-06-09"
    assert [m.date.isoformat() for m in card.milestones] == ["2026-06-08"]


def _value(tmp_path, line):
    card = score(make_call(tmp_path, [
        "Kim: our exam rate is stuck at 38 percent, patients never make it to the referral, "
        "and I want to stop being the one who gets handed the plan.",
        line,
        "Dana: So working back from your launch on October 1, training is September 14.",
        "Dana: Can we get the order signed by Friday the 4th?", "Kim: Yes."], rep="Dana", call_date="2026-09-01"))
    return card.items["value_summary"].status


def test_what_the_seller_heard_from_the_buyer_is_a_recap(tmp_path):
    assert _value(tmp_path, "Dana: So what I've heard from you: your exam rate is stuck at 38 percent "
                            "because patients don't make it to the referral.") == "pass"


def test_the_buyers_wish_reported_back_is_no_advice(tmp_path):
    assert _value(tmp_path, "Dana: What you told me is you want to stop being the person who gets handed the plan "
                            "and start being in the room.") == "pass"
    assert _value(tmp_path, "Dana: What you're telling me is the referral rate is the whole problem "
                            "and the patients never make it.") == "pass"


def test_what_the_seller_heard_from_other_patients_is_hearsay(tmp_path):
    assert _value(tmp_path, "Dana: Honestly, from what I've heard from patients who came from there, "
                            "the referral rate is the whole problem.") == "fail"


def test_a_step_the_seller_asks_about_is_dated_by_the_buyers_answer(tmp_path):
    dates = _steps(tmp_path, [
        "Janelle: tom's parents are flying in november twentieth. that's the date. the windows have to be in before they land",
        "Dana: okay got it and you mentioned the hoa when do they meet",
        "Janelle: first tuesday of october so the sixth they do all the architecture stuff at that meeting",
        "Dana: okay and the install i'd hold thursday november twelfth on the install board for you",
        "Janelle: perfect"], call_date="2026-09-15")
    assert dates == ["2026-10-06", "2026-11-12"]


def test_a_buyers_answer_about_their_own_weekend_dates_no_step(tmp_path):
    dates = _steps(tmp_path, [
        "Janelle: tom's parents are flying in november twentieth. that's the date. the windows have to be in before they land",
        "Dana: nice and when do you guys get back from the lake",
        "Janelle: oh the lake sunday the twentieth it was lovely",
        "Dana: okay and the install i'd hold thursday november twelfth on the install board for you",
        "Janelle: perfect"], call_date="2026-09-15")
    assert "2026-09-20" not in dates


def _map(tmp_path, plan_line):
    card = score(make_call(tmp_path, [
        "Hannah: I'm back at the hospital June 1st. That's fixed.",
        "Dana: Then working back from June 1st: interviews start Tuesday the 10th of March, "
        "the match by Friday the 27th, and the visa interview on April 16th.",
        "Hannah: Dev's going to be around for some of it.",
        plan_line, "Hannah: Great."], rep="Dana", call_date="2026-03-04"))
    return card.items["map_captured"].status


def test_a_plan_read_out_as_names_and_steps_hands_out_owners(tmp_path):
    assert _map(tmp_path, "Dana: I'll set up the shared timeline tonight with every date and a name "
                          "against each one, Dev on the interviews, you on the visa paperwork.") == "pass"
    assert _map(tmp_path, "Dana: I'll send you the schedule tonight with who's doing what, "
                          "Dev, your brother, on the 27th.") == "pass"


def test_a_place_before_a_step_owns_nothing(tmp_path):
    assert _map(tmp_path, "Dana: I'll set up the shared timeline tonight with every date, "
                          "and the interview in Dev on the 10th.") == "partial"


def _owners(tmp_path, line):
    card = score(make_call(tmp_path, [
        "Ray: We leave for the coast on June 15th, that's the trip.",
        "Dana: So working back from the fifteenth. Pickup and the walkthrough here, Monday, June 1st. " + line,
        "Ray: Sounds good."], rep="Dana", call_date="2026-04-10"))
    return [m.owner for m in card.milestones if m.owner]


def test_the_person_who_does_a_step_owns_it(tmp_path):
    assert _owners(tmp_path, "Jerome puts the hitch and brake controller on the truck Wednesday, May 20th.") == ["Jerome"]


def test_who_did_something_or_takes_part_owns_no_step(tmp_path):
    assert _owners(tmp_path, "Jerome started the hitch and brake controller on the truck Wednesday, May 20th.") == []
    assert _owners(tmp_path, "Jerome starts the hitch and brake controller class Wednesday, May 20th.") == []


def test_a_plan_that_reads_out_its_owners_is_a_shared_plan_with_owners(tmp_path):
    assert _map(tmp_path, "Dana: And tonight I'll send you the timeline with every date we just said and a name "
                          "next to each one: Owen on the paperwork, Priya on the import.") == "pass"
    assert _map(tmp_path, "Dana: I'll put together a one-page schedule for the three of us — the match, Luis's paint, "
                          "our install, Dev's photos — with who's on what and when, so nobody's texting around at night.") == "pass"


def test_a_firm_named_with_a_possessive_owns_no_step(tmp_path):
    card = score(make_call(tmp_path, [
        "Helen: The upgrade has to be done by March 20th, the inspection is that day.",
        "Dana: Working back from that, the upgrade itself on Monday March 9th.",
        "Helen: I got three quotes. One was from Sparky's. They were cheaper.",
        "Dana: Sure. Sparky's upgrade work is fine. I'll put together a joint plan for us.",
        "Helen: Okay."], rep="Dana", call_date="2026-02-20"))
    assert [m.owner for m in card.milestones if m.owner] == []


def test_where_or_whether_you_want_is_no_recap(tmp_path):
    assert _value(tmp_path, "Dana: so it's really about where you want the money you either pay it up front "
                            "or you pay it over the months") == "fail"
    assert _value(tmp_path, "Dana: We do a placement questionnaire, allergies, pets, whether you want "
                            "other students in the house, that kind of thing.") == "fail"


def test_a_trial_the_buyer_already_had_is_no_risk_relief(tmp_path):
    assert _risk(tmp_path, "Dana: I saw you did our free trial week on the online studio back in April?") == "fail"


def _risk(tmp_path, line):
    card = score(make_call(tmp_path, ["Sam: What if it doesn't work out for us?", line, "Sam: Okay, that helps."]))
    return card.items["risk_relief"].status


def test_a_plan_read_out_date_first_names_its_steps_after_the_dates(tmp_path):
    card = score(make_call(tmp_path, [
        "Jordan: I turn seventeen February nineteenth.",
        "Dana: Nice. So I'd aim you at the March fourteenth SAT.",
        "Jordan: Okay, yeah, March.",
        "Dana: So, working back from the fourteenth. Thursday, March twelfth is our last session, light review. "
        "Saturday, February twenty-eighth, second full practice test. Saturday, February seventh, first full "
        "practice test. And this Saturday, the twenty-fourth, the diagnostic, so we know where the points are.",
        "Jordan: Cool."], rep="Dana", call_date="2026-01-20"))
    assert card.target is not None and card.target.date.isoformat() == "2026-03-14"  # not the birthday
    assert sorted(m.date.isoformat() for m in card.milestones) == ["2026-01-24", "2026-02-07", "2026-02-28", "2026-03-12"]


def _ask(tmp_path, lines):
    card = score(make_call(tmp_path, ["Dan: my mom comes home from the hospital on the twenty sixth", *lines,
                                      "Dan: yeah okay"], rep="Dana", call_date="2026-03-16"))
    return card.items["dated_ask"].status


def test_do_that_today_asks_for_the_commitment_named_just_before(tmp_path):
    assert _ask(tmp_path, ["Dana: so dan what i'd love to do is get the intake paperwork going today. "
                           "so i can hold monday the twenty third for the nurse can we do that today"]) == "pass"


def test_do_that_after_small_talk_asks_nothing(tmp_path):
    assert _ask(tmp_path, ["Dana: so dan my cousin painted her whole kitchen yellow last week. "
                           "can we do that today ha no i'm kidding"]) == "fail"


def test_the_answer_may_open_with_a_filler_sentence(tmp_path):
    dates = _steps(tmp_path, [
        "Tessa: January 8th has to be on the new system. That's the date.",
        "Dana: Okay. So, the data import by November 20th. So, when do you think your side realistically signs?",
        "Tessa: Um. Owen thinks Friday the 23rd. If he gets final paper from me this week.",
        "Dana: Great."], call_date="2026-10-14")
    assert dates == ["2026-10-23", "2026-11-20"]


def test_what_you_really_want_is_a_recap(tmp_path):
    assert _value(tmp_path, "Dana: So what you really want out of this is the exam rate up and the patients "
                            "actually making it to the referral.") == "pass"
    assert _value(tmp_path, "Dana: So, what you two actually want is the referral rate fixed and "
                            "the patients seen.") == "pass"


def _recital(tmp_path, question):
    card = score(make_call(tmp_path, [
        "Jenna: and she has her recital in june so that's really why we're here now",
        question,
        "Jenna: at the community music school downtown saturday june thirteenth and she's playing the sonatina",
        "Dana: okay so you want her sitting down at the recital on something that feels like the real thing",
        "Jenna: yeah exactly"], rep="Dana", call_date="2026-05-05"))
    return card.target.date.isoformat() if card.target else None


def test_the_buyers_answer_to_where_is_the_event_dates_it(tmp_path):
    assert _recital(tmp_path, "Dana: oh nice where's the recital") == "2026-06-13"


def test_an_answer_to_an_unrelated_question_gets_no_such_weight(tmp_path):
    assert _recital(tmp_path, "Dana: oh nice where do you park downtown") is None


def test_a_reply_to_how_is_the_league_going_is_small_talk(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: hey man how's the little league going",
        "Benji: opening day saturday so my whole weekend is hot dogs and folding chairs",
        "Dana: ha love it ok so let's go over the quote for the restaurant opening day",
        "Carla: yeah the old register crashes all the time"], rep="Dana", call_date="2026-04-16"))
    assert card.target is None
