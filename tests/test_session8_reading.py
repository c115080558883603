"""Readings fixed in session 8 from the misses on probe_p: a pause measured between two cues of
one speaker in unpunctuated ASR, a choice between two products, plain-words risk relief, the
tense of a date's own clause, and the buyer naming the day that counts."""
from __future__ import annotations

from callmaker import make_call, score


def _pause(tmp_path, gap_s):
    ask_end = 63.4
    lines = [("Rick", 50.0, 55.0, "so the blue one has the bigger tower and the swim platform"),
             ("Jen", 56.0, 57.0, "okay"),
             ("Rick", 58.0, ask_end, "so can i get you booked in for the blue one today"),
             ("Rick", ask_end + gap_s, ask_end + gap_s + 4, "you guys still there i think you froze on my end"),
             ("Jen", ask_end + gap_s + 5, ask_end + gap_s + 8, "no no we're here we're just looking at each other")]
    card = score(make_call(tmp_path, lines, rep="Rick", fmt="vtt"))
    return card.items["pause"].status, card.pause_seconds


def test_silence_between_two_cues_of_the_seller_is_a_pause(tmp_path):
    assert _pause(tmp_path, 3.6) == ("pass", 3.6)


def test_a_subtitle_wrapped_mid_sentence_is_no_silence(tmp_path):
    status, _ = _pause(tmp_path, 0.1)
    assert status == "fail"


def _ask(tmp_path, line):
    card = score(make_call(tmp_path, ["Tanya: We just want her to stop hiding her smile.",
                                      "Jess: That makes sense.", line, "Tanya: What's the price difference?"],
                           rep="Jess"))
    return card.items["dated_ask"].status, card.close_type


def test_a_choice_between_two_products_is_an_option_ask(tmp_path):
    assert _ask(tmp_path, "Jess: So would you rather go with the clear aligners or the traditional braces?") \
        == ("partial", "option")


def test_a_choice_of_colour_for_a_brochure_is_no_ask(tmp_path):
    status, _ = _ask(tmp_path, "Jess: Do you want the blue or the grey brochure?")
    assert status == "fail"


def _risk(tmp_path, line):
    card = score(make_call(tmp_path, ["Sam: The board will ask what happens if it doesn't pay off.",
                                      line, "Sam: Okay, that helps."]))
    return card.items["risk_relief"].status


def test_plain_words_that_lower_the_buyers_risk(tmp_path):
    for line in ("Dana: It's fully refundable right up until the assessment.",
                 "Dana: If year one comes in short, we write the district a check for the difference.",
                 "Dana: Phase two is the last two chargers, whenever you add vans."):
        assert _risk(tmp_path, line) == "pass", line


def test_a_guarantee_waved_off_offers_nothing(tmp_path):
    assert _risk(tmp_path, "Dana: It's a good company, the satisfaction guarantee thing, if you read it, "
                           "they charge you the removal.") == "fail"


def _target(tmp_path, lines, call_date="2026-04-14"):
    card = score(make_call(tmp_path, lines, rep="Tom", call_date=call_date))
    return card.target.date.isoformat() if card.target else None, len(card.milestones)


def test_a_date_in_a_clause_of_its_own_is_ahead_even_after_a_past_verb(tmp_path):
    from analyzer.ingest import load_call
    from analyzer.nlp import CallView

    view = CallView(load_call(make_call(tmp_path, [
        "Ray: We figured we want the final inspection done by October 16th.",
        "Ray: We ordered the windows on the 14th of October."], rep="Tom", call_date="2026-04-14")))
    ahead, ordered = (s.dates[0].date.isoformat() for s in view.sentences)
    assert ahead == "2026-10-16"  # "we want it done by …" is its own clause: this October
    assert ordered == "2025-10-14"  # "we ordered them on …": the last October


def test_the_buyer_naming_the_day_that_counts_outweighs_a_step_date(tmp_path):
    target, _ = _target(tmp_path, [
        "Tom: Where do you want to start?",
        "Angela: Timing. Her lease at the Willows is up October 31st. So she's out on the 31st no matter what. "
        "That's the date.",
        "Ray: We want the final inspection done by October 16th, that gives us two weeks to paint.",
        "Tom: When were you thinking we'd break ground?",
        "Ray: We break ground June 22nd at the latest.",
        "Tom: Priya submitting June 1st, permit the 12th, breaking ground the 22nd, final inspection the 16th "
        "of October."])
    assert target == "2026-10-31"


def test_a_weekday_that_names_a_thing_is_no_date(tmp_path):
    from analyzer.ingest import load_call
    from analyzer.nlp import CallView

    view = CallView(load_call(make_call(tmp_path, [
        "Carol: it's monday energy on a tuesday you know",
        "Frank: I've played Tuesday bridge for thirty-one years.",
        "Dana: How about monday delivery?"])))
    assert [len(s.dates) for s in view.sentences] == [0, 0, 1]


def _buyer_date(tmp_path, lines):
    card = score(make_call(tmp_path, lines, call_date="2026-08-31"))
    return card.items["buyer_anchored_date"].status


def test_a_buyers_day_nothing_builds_on_is_small_talk(tmp_path):
    for line in ("Rachel: School starts Wednesday.", "Rachel: He starts puppy class on Saturday."):
        assert _buyer_date(tmp_path, [
            "Dana: How's everything at home?", line, "Dana: Oh nice. So, about the lessons, we have two plans.",
            "Rachel: What do they cost?", "Dana: The monthly one is ninety a month."]) == "fail", line


def test_a_buyers_day_the_seller_asks_about_is_their_goal(tmp_path):
    assert _buyer_date(tmp_path, [
        "Rachel: My sister's getting married and I'm in the wedding party.",
        "Dana: That's great to have a date on it. When is it?", "Rachel: Saturday, October 10th.",
        "Dana: Okay, so twice a week till then and we'll have you ready."]) == "pass"


def test_a_term_that_runs_out_then_working_back_maps_the_steps(tmp_path):
    card = score(make_call(tmp_path, [
        "Wei: I really don't want any gap where I can't work.",
        "Carmen: so your e a d on the form runs out august fifteenth so working back we'd want all the "
        "letters in by may fifteenth and then we file by june first with premium processing",
        "Wei: okay"], rep="Carmen", call_date="2026-04-08"))
    assert card.target is not None and card.target.date.isoformat() == "2026-08-15"
    assert len(card.milestones) == 2


def test_releasing_an_order_and_a_board_vote_are_steps_of_their_own(tmp_path):
    card = score(make_call(tmp_path, [
        "Sharon: Kids are back August 24th, and I am not doing that again.",
        "Dan: So working back from August 24th. Crews on site June 15th. We have to release the equipment "
        "order by April 6th. That means a signed contract by March 30th, and that means the board votes on "
        "it March 24th.", "Sharon: Okay."], rep="Dan", call_date="2026-03-11"))
    assert sorted(m.date.isoformat() for m in card.milestones) == [
        "2026-03-24", "2026-03-30", "2026-04-06", "2026-06-15"]


def test_a_step_held_with_a_named_person_has_that_owner(tmp_path):
    card = score(make_call(tmp_path, [
        "Linda: Early decision is due November 1st.",
        "Nkechi: So working back from it: a final application review with me on October 20th. "
        "The menu tasting with Marisol is September 15th.",
        "Nkechi: I'll send you a shared calendar with all the dates and who owns each one.",
        "Linda: Great."], rep="Nkechi", call_date="2026-06-16"))
    owners = {m.date.isoformat(): m.owner for m in card.milestones}
    assert owners.get("2026-10-20") == "Nkechi"
    assert card.items["map_captured"].status == "pass"


def test_the_weekend_told_in_the_past_is_the_last_one(tmp_path):
    from analyzer.ingest import load_call
    from analyzer.nlp import CallView

    view = CallView(load_call(make_call(tmp_path, [
        "Greg: So I went through your assessment over the weekend.",
        "Greg: We can do the site visit over the weekend."], call_date="2026-03-04")))
    past, ahead = (s.dates[0].date for s in view.sentences)
    assert past.isoformat() < "2026-03-04" < ahead.isoformat()


def test_a_recap_that_leads_into_the_timeline_comes_before_it(tmp_path):
    card = score(make_call(tmp_path, [
        "Sam: We cannot have empty shelves in November again, that cost us the season.",
        "Dana: So, to make sure I have it: what matters to you is no empty shelves this November, which "
        "means delivery to Rotterdam by October 16.",
        "Dana: Working back, the booking is confirmed by September 20 and the order is signed by September 4.",
        "Dana: Can we get the order signed by September 4?", "Sam: Yes."], call_date="2026-08-25"))
    assert card.items["value_summary"].status == "pass"


def test_a_verbless_note_is_not_told_in_the_past(tmp_path):
    from analyzer.ingest import load_call
    from analyzer.nlp import CallView

    view = CallView(load_call(make_call(tmp_path, [
        "Dana: Kickoff Tuesday April 14th. Agent rollout for the on-prem apps April 28th."],
        call_date="2026-04-07")))
    assert view.sentences[-1].dates[0].date.isoformat() == "2026-04-28"


def test_a_product_worked_with_is_no_owner(tmp_path):
    card = score(make_call(tmp_path, [
        "Sam: The audit fieldwork starts June 15th.",
        "Dana: So working back from June 15th: SSO integration with Okta done by April 21st, "
        "policy tuning wrapped by May 8th.", "Sam: Okay."], call_date="2026-04-07"))
    assert [m.owner for m in card.milestones if m.step == "integration"] == [None]


def test_words_that_only_look_like_risk_relief(tmp_path):
    for line in ("Dana: pilot sorry my screen here autocorrects everything its this new software",
                 "Dana: It's a thirty-day satisfaction guarantee, but if you read the back, it's minus a forty "
                 "percent restocking and removal fee.",
                 "Dana: There are a million of them and half of them say guaranteed a hundred points in thirty "
                 "days or your money back."):
        assert _risk(tmp_path, line) == "fail", line
    assert _risk(tmp_path, "Dana: To keep the risk low, we can pilot at the Elm Street center first.") == "pass"


def test_confirming_an_email_address_is_no_commitment_ask(tmp_path):
    card = score(make_call(tmp_path, [
        "Dana: okay awesome so real quick can you confirm the email for me is it marcus at gmail dot com",
        "Sam: yep that's it"]))
    assert card.items["dated_ask"].status == "fail"


def test_how_it_works_is_a_statement(tmp_path):
    from analyzer.ingest import load_call
    from analyzer.nlp import CallView

    view = CallView(load_call(make_call(tmp_path, [
        "Dana: so how it works every week you pick your meals by wednesday at noon in the app",
        "Dana: how does wednesday work for you"])))
    assert [s.is_question for s in view.sentences] == [False, True]


def test_the_buyers_time_away_and_family_events_are_no_finish_line(tmp_path):
    for line in ("Renee: And we're away for February break, the fourteenth through the twenty-second.",
                 "Kelly: oh and this week is kind of a zoo my son's first communion is sunday"):
        assert _buyer_date(tmp_path, [
            "Dana: So those are the two session options.", line, "Dana: Oh fun. Anyway, the early session "
            "fills fast.", "Kelly: Okay, I'll think about it."]) == "fail", line


def test_a_choice_between_two_named_packages_is_an_option_ask(tmp_path):
    assert _ask(tmp_path, "Jess: So do you want the Full Summer, or the Explorer Four?") == ("partial", "option")


def test_a_choice_between_two_days_is_not_read_as_two_products(tmp_path):
    status, close = _ask(tmp_path, "Jess: Do you remember if it was the Monday or the Tuesday Marco came by?")
    assert (status, close) == ("fail", "none")


def test_asking_for_the_deposit_that_holds_a_spot_is_a_commitment_ask(tmp_path):
    for line in ("Jess: Can you get me the deposit by Friday the 17th?",
                 "Jess: Shall I hold Bruno's spot for the April session?"):
        status, _ = _ask(tmp_path, line)
        assert status in ("pass", "partial"), line
