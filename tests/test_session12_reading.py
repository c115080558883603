"""Readings fixed in session 12: offers that are no longer made, claims read out, plans
promised in plain words and owners named apart from their steps."""
from __future__ import annotations

from callmaker import make_call, score


def _risk(tmp_path, line, lead="Pat: what's the catch"):
    card = score(make_call(tmp_path, [lead, f"Dana: {line}", "Pat: okay"], call_date="2026-04-01"))
    return card.items["risk_relief"].status


def test_offers_past_withdrawn_quoted_or_belonging_to_others_are_no_risk_relief(tmp_path):
    for line in (
            "the app used to have like a thirty day free trial on the premium features but they got rid of that",
            "So I can see on your account that you did the seven-day free trial back in January.",
            "I'd look carefully at what that guarantee actually says, because it's a guarantee that they'll "
            "send a second contractor, not that you get your money back.",
            "Once you send it back, Omar comes out and does the initial check.",
            "That's the script. \"Money-back guarantee, thirty days.\" Nobody honest guarantees an exit."):
        assert _risk(tmp_path, line) == "fail", line


def test_offers_in_plain_words_still_relieve_risk(tmp_path):
    for line in ("If you change your mind for any reason, you send it back and you get every cent back.",
                 "You can send them back and walk away, no penalty.",
                 "You get a thirty day free trial, and if it's not for you, you cancel."):
        assert _risk(tmp_path, line) == "pass", line


def _map(tmp_path, lines, call_date="2026-03-02", rep="Dana"):
    return score(make_call(tmp_path, lines, rep=rep, call_date=call_date)).items["map_captured"].status


def test_a_plain_promise_to_send_the_whole_timeline_of_a_dated_path_is_a_shared_plan(tmp_path):
    lines = ["Ned: we need it done for Thanksgiving, November 26th",
             "Carla: The install needs to be done by Friday, November 20th. The order goes to the factory "
             "Monday, October 19th, and the measure is this Friday, the 16th.",
             "Ned: okay",
             "Carla: I'll email you the whole timeline tonight, so you can stick it on the fridge.",
             "Ned: great"]
    assert _map(tmp_path, lines, "2026-10-13", "Carla") == "partial"  # the promise, with no named owner
    # with no dated path, "the schedule" is a class timetable, not a plan
    assert _map(tmp_path, ["Ned: what days do you run", "Carla: I'll email you the whole schedule tonight.",
                           "Ned: great"], "2026-10-13", "Carla") == "fail"


def test_owners_named_in_a_sentence_of_their_own_own_the_steps(tmp_path):
    lines = ["Greg: the audit is May 19th",
             "Nadia: Traceability has to be live by April 20th, and the data migration has to be done by April 3rd.",
             "Greg: Priya owns the data migration, the item master, all of it.",
             "Nadia: I'll write up what we just walked through as a mutual plan, every date with who owns it.",
             "Greg: good"]
    card = score(make_call(tmp_path, lines, rep="Nadia", call_date="2026-03-10"))
    assert {m.step: m.owner for m in card.milestones}.get("data migration") == "Priya"
    assert card.items["map_captured"].status == "pass"


def test_a_step_on_its_day_with_a_named_person_is_theirs(tmp_path):
    # (session 15: with no finish line one or two dated things are no path, so the call names one)
    lines = ["Anita: the car comes May 2nd and I want the charger working before it gets here. Luis, your installer, came out last year",
             "Derek: Survey's Friday the 10th with Luis. We install Thursday the 23rd.",
             "Anita: ok"]
    card = score(make_call(tmp_path, lines, rep="Derek", call_date="2026-04-07"))
    assert {m.step: m.owner for m in card.milestones}.get("survey") == "Luis"


def test_a_promise_that_hands_steps_out_with_everyday_verbs_is_a_shared_plan(tmp_path):
    lines = ["Emily: the interview is June 23rd",
             "Farah: Biometrics are on the 19th of May and the mock interview is June 2nd.",
             "Emily: okay",
             "Farah: I'll put every date and who owns it into a checklist on our portal. "
             "Tomás has the medical, Emily pulls together the photos.",
             "Emily: perfect"]
    assert _map(tmp_path, lines, "2026-05-12", "Farah") == "pass"


def test_a_steps_own_deadline_beside_the_later_day_it_serves_is_no_target(tmp_path):
    card = score(make_call(tmp_path, [
        "Hal: Trial starts November 30th, and the judge does not move trial dates.",
        "Claire: Okay. So where does that leave you on discovery?",
        "Hal: Let me walk you backwards. The judge wants exhibit lists by November 9th.",
        "Jo: And before that we produce. When does the court need it? October 30th. Hard date.",
        "Hal: And to produce clean on the 30th, first-pass review has to be done by October 23rd, "
        "so my associates get a week on privilege.",
        "Jo: We'd start collection the Monday after legal signs.",
        "Claire: So collection starts Monday the 28th.",
        "Jo: The 28th, yes."], rep="Claire", call_date="2026-09-22"))
    assert card.target is not None and card.target.date.isoformat() == "2026-11-30"


def test_a_deadline_someone_said_you_gotta_meet_is_ahead_and_to_make_it_points_at_it(tmp_path):
    card = score(make_call(tmp_path, [
        "gary: okay um did you call your insurance yet",
        "denise: yeah the adjuster came out already and he said i gotta get the repair done and send them the "
        "final invoice and the pictures by may fifteenth or they close it or something",
        "gary: mhm yeah they do that",
        "denise: so i need somebody fast",
        "gary: so to make the fifteenth the repair needs to be done by may eleventh so ricky has time to get "
        "the final pictures and i get the invoice over to your adjuster",
        "denise: okay"], rep="gary", call_date="2026-04-21"))
    assert card.target is not None and card.target.date.isoformat() == "2026-05-15"
    assert _steps(card) == ["2026-05-11"]


def _steps(card):
    return sorted(m.date.isoformat() for m in card.milestones)


def test_a_step_counted_back_from_the_finish_line_in_the_buyers_words_is_dated(tmp_path):
    card = score(make_call(tmp_path, [
        "Kara: She comes home on the twenty-seventh.",
        "Kara: Of March, yes. That's the discharge date.",
        "Denise: Okay.",
        "Kara: And the OT from rehab wants to do a home visit two days before she's discharged.",
        "Denise: Got it. We'd have the final walk-through Monday the twenty-third.",
        "Kara: good"], rep="Denise", call_date="2026-03-04"))
    assert _steps(card) == ["2026-03-23", "2026-03-25"]  # a visit and a walk-through: two steps


def test_a_bare_day_named_before_in_the_past_stays_in_the_past(tmp_path):
    card = score(make_call(tmp_path, [
        "Denise: our furnace went out last week. The inspection guy came out on the third.",
        "Greg: sorry to hear that",
        "Denise: yeah",
        "Greg: If you have the report from the inspection on the third, that actually helps you.",
        "Denise: okay"], rep="Greg", call_date="2026-02-24"))
    assert card.milestones == ()


def test_a_line_that_sets_up_a_question_is_no_recap(tmp_path):
    lines = ["Anita: the car comes Saturday, May 2nd, and I don't want to sit at the Safeway chargers",
             "Derek: You mentioned in your email they're swapping your meter. Do you know when?",
             "Anita: April 20th.",
             "Derek: Then the survey is Friday the 10th and we install Thursday the 23rd.",
             "Derek: So can I put you down for the survey this Friday, the 10th?",
             "Anita: yes"]
    card = score(make_call(tmp_path, lines, rep="Derek", call_date="2026-04-07"))
    assert card.items["value_summary"].status == "fail"


def test_one_date_the_buyer_answered_in_discovery_does_not_open_the_timeline(tmp_path):
    lines = ["Greg: the audit is May 19th and we can't lose that customer",
             "Nadia: And the mock recall, when does that have to happen?",
             "Priya: The mock recall has to be done by May 5th.",
             "Nadia: Got it. How many people run traces today?",
             "Priya: Three, and it takes two days.",
             "Nadia: So, what you're after, just so I have it straight: a trace pulled in minutes when the "
             "auditors ask, and that customer kept.",
             "Greg: exactly",
             "Nadia: Working back, go-live is April 20th and the data migration is done by April 3rd.",
             "Nadia: Can you sign the order form by this Friday?",
             "Greg: yes"]
    card = score(make_call(tmp_path, lines, rep="Nadia", call_date="2026-03-10"))
    assert card.items["value_summary"].status == "pass"


def test_the_sellers_goal_for_a_holiday_date_is_a_seller_only_target(tmp_path):
    card = score(make_call(tmp_path, [
        "Ned: we've got family coming for the holidays",
        "Carla: So the goal is everything's up and looking good for Thanksgiving, November 26th.",
        "Ned: Can you even do a shutter on the bay window, though?",
        "Carla: We can. The install needs to be done by Friday, November 20th, and the order goes to the "
        "factory Monday, October 19th.",
        "Ned: okay"], rep="Carla", call_date="2026-10-13"))
    assert card.target is not None and card.target.date.isoformat() == "2026-11-26"
    assert card.items["buyer_anchored_date"].status == "partial"


def test_which_one_then_a_choice_of_packages_is_an_option_ask(tmp_path):
    card = score(make_call(tmp_path, [
        "Bride: I just want it to fit on the day",
        "Rosa: So which one are you thinking? The basic with the bustle and the straps, or the full package "
        "with the sleeves?",
        "Bride: the full one"], rep="Rosa", call_date="2026-02-18"))
    assert card.items["dated_ask"].status == "partial" and card.items["pause"].status == "pass"


def test_an_offer_that_holds_if_done_by_a_day_dates_no_step(tmp_path):
    card = score(make_call(tmp_path, [
        "tanya: we need the vans tracked before peak, and peak starts november first",
        "kevin: ok so working back, we'd have all eighty vans done by october thirtieth",
        "tanya: ok",
        "kevin: and the install fee's waived if we get it done by monday",
        "tanya: hm"], rep="kevin", call_date="2026-08-25"))
    assert [m.date.isoformat() for m in card.milestones] == ["2026-10-30"]


def test_a_request_to_approve_with_its_own_time_frame_stands_in_raw_asr(tmp_path):
    card = score(make_call(tmp_path, [
        "denise: the buses roll august nineteenth",
        "jordan: ha okay so then the thing to get gary's file moving is the data privacy agreement can you "
        "approve the dee pee a this week? and um the other thing just so you have it the parent app needs the "
        "stop locations too",
        "denise: yeah i can do that"], rep="jordan", call_date="2026-06-16"))
    assert card.items["dated_ask"].status == "pass"


def test_a_medical_exam_is_a_step(tmp_path):
    card = score(make_call(tmp_path, [
        "Emily: the interview is June 23rd",
        "Farah: First mock interview, Tuesday June 2nd. When can Tomás get in for the medical?",
        "Emily: They said June 9th.",
        "Farah: So the 9th for the medical, then the second mock interview on the 16th.",
        "Emily: okay"], rep="Farah", call_date="2026-05-12"))
    assert "2026-06-09" in _steps(card)


def test_a_deadline_then_said_to_sit_weeks_before_the_event_is_a_step(tmp_path):
    card = score(make_call(tmp_path, [
        "Marta: And the expo opens May nineteenth, so that's the date everything has to be real.",
        "Leo: May nineteenth. So, kickoff Monday, April sixth. First review with you on the fourteenth. "
        "Then, and this is the one that actually scares me, the print files have to be done by May fifth. "
        "That's two weeks before the expo. Oh, and the final review comes before that, April twenty-eighth.",
        "Marta: okay"], rep="Leo", call_date="2026-03-31"))
    assert card.target is not None and card.target.date.isoformat() == "2026-05-19"
