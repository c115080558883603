"""General causes behind misses on the regression probes and blind set M (first look in
docs/status.md): plans laid out in plain words, people handed steps without dates, choice asks
between packages, and exits offered without the word "refund". Each test states the behaviour
a coach would expect."""
from __future__ import annotations

from datetime import date

from callmaker import make_call, score
from test_everyday_language import _risk


def test_undated_steps_handed_to_named_people_make_a_process_close(tmp_path):
    path = make_call(tmp_path, [
        "Dana: Thanks for walking me through the fleet.",
        "Sam: Sure. So what happens now?",
        "Dana: So here's how it goes from here. Deb Okafor on our underwriting team will pull your "
        "report, and Ray Castillo may ask for photos of the depot. Then we'll see where it lands.",
        "Sam: Send it over and we'll see.",
    ])
    assert score(path).close_type == "process"


def test_one_named_person_in_passing_is_no_process(tmp_path):
    path = make_call(tmp_path, [
        "Dana: Thanks for walking me through the fleet.",
        "Sam: Sure. Anything else?",
        "Dana: If you email and don't hear back, Marcus covers my inbox next week.",
        "Sam: Okay.",
    ])
    assert score(path).close_type == "none"


def test_a_choice_between_two_packages_is_an_option_ask(tmp_path):
    path = make_call(tmp_path, [
        "Dana: So those are the two packages.",
        "Sam: Right, the basic and the premium.",
        "Dana: So do you wanna do the essentials or the pro package?",
        "Sam: Probably the pro.",
    ])
    card = score(path)
    assert card.items["dated_ask"].status == "partial" and card.close_type == "option"


def test_a_logistics_choice_is_no_ask(tmp_path):
    path = make_call(tmp_path, [
        "Dana: I'll send you the comparison.",
        "Sam: Great.",
        "Dana: Do you want the comparison as a PDF or as a Google Sheet?",
        "Sam: PDF is fine.",
    ])
    assert score(path).items["dated_ask"].status == "fail"


def _buyer_plan(tmp_path, lines):
    return score(make_call(tmp_path, lines, call_date="2026-05-20"))


def test_the_day_a_buyer_works_back_from_is_the_target_not_the_steps(tmp_path):
    card = _buyer_plan(tmp_path, [
        "Tasha: So talk me through your dates.",
        "Greg: We hand the keys over on the old house Friday June 12th. That's fixed, the buyers "
        "move in that weekend. So working back from that, the truck has to load Thursday the 11th. "
        "Packing the two days before, so the 9th and 10th.",
        "Tasha: Yes, that's exactly how I'd do it.",
    ])
    assert card.target is not None and card.target.date == date(2026, 6, 12)
    assert len(card.milestones) == 2


def test_a_yes_to_the_sellers_date_question_anchors_the_target(tmp_path):
    card = score(make_call(tmp_path, [
        "Denise: And she needs to be settled before Riya goes back. Riya's first day back is Monday March 2nd?",
        "Aaron: Yes, March 2nd. That's the date.",
        "Denise: OK. So the way enrollment works for a March start: the application deadline is Friday January 30th.",
        "Aaron: OK. The 30th. Got it.",
    ], call_date="2026-01-14"))
    assert card.target is not None and card.target.date == date(2026, 3, 2)


def test_a_shared_schedule_with_whose_step_is_whose_is_a_plan_with_owners(tmp_path):
    card = score(make_call(tmp_path, [
        "Tasha: The big thing for you is being out by the handover on June 12th. Working back from "
        "that, the truck loads June 11th and the survey is on June 2nd.",
        "Greg: Right.",
        "Tasha: Can you book the truck today?",
        "Greg: Yes.",
        "Tasha: I'll email you the move plan tonight with every date and who's on it: Marco does "
        "your survey on the 2nd.",
    ], call_date="2026-05-20"))
    assert card.items["map_captured"].status == "pass"


def test_walking_away_from_the_rest_of_the_contract_is_risk_relief(tmp_path):
    assert _risk(tmp_path, "If we haven't finished the rollout by April 17, you can walk away "
                           "from the rest of the contract, no termination fee.") == "pass"


def test_no_exit_fee_at_the_current_vendor_is_no_offer(tmp_path):
    assert _risk(tmp_path, "Usually there's no exit fee on their side to worry about.") == "fail"


def test_a_weekly_routine_names_no_date(tmp_path):
    from analyzer.dates import find_dates
    call = date(2026, 3, 2)
    assert find_dates("Live sessions are Monday, Wednesday and Thursday evenings.", call) == []
    assert find_dates("There's one optional session a week, usually Tuesday.", call) == []
    assert [m.text for m in find_dates("Then kickoff a week from Monday.", call)] == ["Monday"]


def test_a_statement_about_signing_is_no_ask(tmp_path):
    path = make_call(tmp_path, [
        "Tony: That's the price on the lot.",
        "Jasmine: What if something goes wrong in the first week, can I bring it back?",
        "Tony: no so we don't do returns once it's signed it's yours",
        "Jasmine: Okay.",
    ])
    assert score(path).items["dated_ask"].status == "fail"


def test_an_offer_read_aloud_by_the_buyer_is_no_target(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: Did you get our mailer?",
        "Sam: It says take $300 off your treatment when you book your scan by March 28.",
        "Dana: That's the one.",
    ]))
    assert card.items["buyer_anchored_date"].status == "fail"


def test_a_summary_of_the_offer_is_no_value_recap(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: So let me put it together for you real quick on the essentials plan, you're at "
        "thirty five minus five for autopay, so thirty plus the phone.",
        "Sam: Okay.",
        "Dana: Can you sign the order by Friday, March 6?",
        "Sam: Sure.",
    ]))
    assert card.items["value_summary"].status == "fail"


def test_each_consumer_appointment_is_its_own_step(tmp_path):
    card = score(make_call(tmp_path, [
        "Walter: My granddaughter is getting married September 19th, I want to hear the speeches.",
        "Priya: Then I'd want your final fine-tuning visit on Tuesday September 8th. Before that, "
        "your two-week check on Tuesday August 25th. And the fitting itself on Tuesday August 11th.",
        "Walter: Okay.",
    ], rep="Priya", call_date="2026-07-28"))
    assert len(card.milestones) == 3


def test_thanks_for_fitting_this_in_is_no_step(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: Thanks for fitting this in. I know Thursday is payroll day.",
        "Sam: No problem.",
    ]))
    assert not card.milestones


def test_the_start_and_the_finish_of_a_rollout_are_two_steps(tmp_path):
    card = score(make_call(tmp_path, [
        "Tom: Our policy renews May 1. That's the date.",
        "Dana: OK. So working back from May 1. Dev's team finishes the rollout by April 17. "
        "Rollout starts March 30. Kickoff with Lisa on March 23.",
        "Tom: Makes sense.",
    ], call_date="2026-03-10"))
    assert len(card.milestones) == 3


def test_a_product_named_by_its_days_dates_no_ask(tmp_path):
    card = score(make_call(tmp_path, [
        "Priya: So those are the two tracks.",
        "Sam: Right.",
        "Priya: So, which one do you want to sign up for, the intensive or the weekend track?",
        "Sam: Probably the weekend one.",
    ], rep="Priya"))
    assert card.items["dated_ask"].status == "partial"


def test_a_trailing_that_is_what_you_wanted_restates_the_sentence_before(tmp_path):
    card = score(make_call(tmp_path, [
        "Gary: So can we get your credit application in today?",
        "Linda: Yes, let's do it.",
        "Gary: Great. Linda, you get your walk-around bed, and Ron, you're towing it with room to spare. "
        "That's the two things you wanted.",
        "Ron: It is.",
    ], rep="Gary"))
    item = card.items["value_summary"]
    assert item.status == "partial" and "walk-around bed" in item.evidence[0].quote


def test_everyday_commitment_asks(tmp_path):
    for line in ("Could you get the p o issued by friday march sixth?",
                 "So which way do you want to go, the full tear off or the hybrid?",
                 "So which works better for Sophie, the Tuesday class or Saturday mornings?"):
        card = score(make_call(tmp_path, ["Dana: That's the quote.", "Sam: Okay.", f"Dana: {line}", "Sam: Hmm."]))
        assert card.items["dated_ask"].status in ("pass", "partial"), line


def test_owing_nothing_and_a_share_back_are_risk_relief(tmp_path):
    assert _risk(tmp_path, "If she's miserable, you just tell us before February 28th and you owe nothing for March.") == "pass"
    assert _risk(tmp_path, "If you go through the three cycles and it doesn't work, you get seventy percent of the package back.") == "pass"


def test_what_youre_after_in_raw_asr_tells_not_asks(tmp_path):
    card = score(make_call(tmp_path, [
        "walt: so we looked at the dock doors", "", "kim: yeah the leaks are killing us", "",
        "walt: what you're after is the leaks over the dock doors gone for good and you don't shut the docks down to do it",
        "", "kim: exactly", "",
        "walt: so which way do you want to go the full tear off or the hybrid", "", "kim: the hybrid",
    ], rep="walt"))
    assert card.items["value_summary"].status == "pass"
    assert "binary_trap" not in {p.id for p in card.pitfalls}


def test_a_timeline_emailed_so_the_buyer_sees_every_date_is_a_plan(tmp_path):
    card = score(make_call(tmp_path, [
        "Kevin: The install is April 20th and the inspection is May 1st.",
        "Raj: Okay.",
        "Kevin: I'll email you the project timeline tonight so Raj can see every date.",
        "Raj: Great.",
    ], rep="Kevin"))
    assert card.items["map_captured"].status in ("partial", "pass")


def test_a_choice_between_two_dated_slots_is_a_dated_ask(tmp_path):
    card = score(make_call(tmp_path, [
        "Anneliese: The prep takes about an hour.",
        "Gloria: Okay.",
        "Anneliese: So do you want the prep on Tuesday the 10th at nine-thirty, or Thursday the 12th at three?",
        "Gloria: Tuesday.",
    ], rep="Anneliese"))
    assert card.items["dated_ask"].status == "pass"


def test_where_you_book_the_lessons_describes_and_does_not_ask(tmp_path):
    card = score(make_call(tmp_path, [
        "Hector: The app is the other piece.",
        "Maria: Okay.",
        "Hector: so the portal is where you book the lessons can you sign in with google on it",
        "Maria: I think so.",
    ], rep="Hector"))
    assert card.items["dated_ask"].status == "fail"


def test_named_people_taking_undated_steps_in_one_turn(tmp_path):
    from analyzer.ingest import load_call
    from analyzer.nlp import CallView
    from analyzer.path.handoffs import handoffs
    path = make_call(tmp_path, [
        "Greg: What happens next?",
        "Dwayne: Tomasz, he's our inspector, gets up on the roof next week. Then Beth in our office "
        "takes his notes and writes the proposal, and then you and Carol look it over.",
        "Greg: Okay.",
    ], rep="Dwayne")
    names = {h.name for h in handoffs(CallView(load_call(path)))}
    assert {"Tomasz", "Beth"} <= names
