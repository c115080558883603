"""General causes behind the misses of blind probe set H and false-pass set 2 (first look in
docs/status.md): everyday wording that does the act, and words that appear without their
meaning. Each test states the behaviour in words a coach would use."""
from __future__ import annotations

from datetime import date

from analyzer.ingest import load_call
from analyzer.nlp import CallView
from callmaker import make_call, score


def _pitfalls(card) -> set[str]:
    return {p.id for p in card.pitfalls}


def test_lowercase_speaker_labels_in_plain_text_are_separate_turns(tmp_path):
    """Raw ASR exports write "kevin:" in lowercase; each such line is that speaker's turn,
    not part of the rep's."""
    path = make_call(tmp_path, ["tasha: hi is this kevin", "", "kevin: yeah this is kevin", "",
                                "tasha: so what got you looking", "", "kevin: my sister's wedding"],
                     rep="tasha")
    turns = load_call(path).turns
    assert [t.speaker for t in turns] == ["tasha", "kevin", "tasha", "kevin"]
    assert [t.role for t in turns][:2] == ["rep", "buyer"]


def _dates(tmp_path, buyer_line: str, call_date: str, word: str):
    path = make_call(tmp_path, ["Dana: Tell me more.", f"Kevin: {buyer_line}"], call_date=call_date)
    view = CallView(load_call(path))
    return [d for s in view.sentences for d in s.dates if word in d.text.lower()]


def test_a_date_in_a_present_clause_of_a_past_sentence_lies_ahead(tmp_path):
    june = _dates(tmp_path, "I put on twenty pounds last year and my sister is getting married "
                            "June 6th.", "2026-01-05", "june")
    assert june and june[0].date == date(2026, 6, 6)


def test_a_past_clause_still_looks_back(tmp_path):
    october = _dates(tmp_path, "We ordered them on the 14th of October.", "2026-01-05", "october")
    assert october and october[0].date == date(2025, 10, 14)


def test_we_got_a_crew_open_means_we_have_one(tmp_path):
    may = _dates(tmp_path, "and then install we got a crew open may fourth", "2026-04-06", "may")
    assert may and may[0].date == date(2026, 5, 4)


def test_holidays_named_after_a_weekday_are_no_upcoming_day(tmp_path):
    # the holiday is its own day now (Black Friday is the day after Thanksgiving), and told in
    # the past it is last year's, never the Friday after the call
    said = _dates(tmp_path, "I bought the serum in the Black Friday sale.", "2026-04-20", "friday")
    assert all(m.date is None or m.date < date(2026, 4, 20) for m in said), said


def _risk(tmp_path, seller_line: str) -> str:
    path = make_call(tmp_path, [
        "Dana: So to protect your June 12 opening, can you sign the order by Friday?",
        "Sam: Maybe. What if it goes wrong?",
        f"Dana: {seller_line}",
        "Sam: Okay.",
    ])
    return score(path).items["risk_relief"].status


def test_a_refund_refused_is_no_risk_relief(tmp_path):
    assert _risk(tmp_path, "The retainer is non refundable, it covers my time.") == "fail"
    assert _risk(tmp_path, "Unused classes aren't refunded, I should say that clearly.") == "fail"
    assert _risk(tmp_path, "I guarantee you'll get the best rate we can find.") == "fail"


def test_everyday_refunds_and_trials_are_risk_relief(tmp_path):
    assert _risk(tmp_path, "If the permit isn't back in time, you can cancel and we refund the "
                           "deposit, all of it.") == "pass"
    assert _risk(tmp_path, "There's a free first week too, so it's zero risk if you hate it.") == "pass"
    assert _risk(tmp_path, "You have until the 20th to cancel, and the deposit comes back to "
                           "you in full.") == "pass"


def test_an_approver_out_of_the_loop_across_two_sentences_is_flagged(tmp_path):
    path = make_call(tmp_path, [
        "Dana: Who else weighs in on this?",
        "Sam: Anything over five grand goes through Nina. She hasn't seen the SOW yet.",
        "Dana: Understood.",
    ])
    assert "missing_stakeholder" in _pitfalls(score(path))


def test_an_aligned_approver_is_not_flagged(tmp_path):
    path = make_call(tmp_path, [
        "Dana: Who else weighs in on this?",
        "Sam: Rob already said, whatever I decide, just get it done. He hasn't seen the quote but he trusts me.",
    ])
    assert "missing_stakeholder" not in _pitfalls(score(path))


def test_everyday_scarcity_is_a_manufactured_deadline(tmp_path):
    for line in ("Honestly there's only like forty spots at that price.",
                 "Once these are gone they're gone and I'd have to requote you.",
                 "I've got a couple coming back at four to look at the blue one."):
        path = make_call(tmp_path, ["Sam: What do you think?", f"Dana: {line}", "Sam: Hm."])
        assert "manufactured_deadline" in _pitfalls(score(path)), line


def test_a_price_that_will_not_rise_is_no_deadline(tmp_path):
    path = make_call(tmp_path, ["Sam: Does the premium change?",
                                "Dana: The price is guaranteed not to go up for the whole thirty years.",
                                "Sam: Good."])
    assert "manufactured_deadline" not in _pitfalls(score(path))


def test_steps_named_by_a_verb_or_a_purpose_count_in_a_path_turn(tmp_path):
    """Any kind of sale: "we'd file it April 24th" and "comes out April 17th to do the load
    calculation" are dated steps on the way to the buyer's date."""
    path = make_call(tmp_path, [
        "Dana: When does the new system have to be in?",
        "Rob: My father-in-law moves in on May 22nd, that's the date.",
        "Dana: So if he's in on May 22nd, I want the system running by May 15th. That means install "
        "is May 12th. The permit takes two weeks, so we'd file it April 24th. And before that, Priya "
        "comes out April 17th to do the load calculation.",
        "Rob: Okay.",
    ], call_date="2026-04-06")
    card = score(path)
    dates = {m.date for m in card.milestones}
    assert {date(2026, 4, 24), date(2026, 4, 17), date(2026, 5, 12)} <= dates
    assert card.credible


def test_a_plan_promised_in_everyday_words_counts(tmp_path):
    """"I'll email you the whole timeline tonight so we're both working off the same dates" is a
    shared plan; "I'll send you the class schedule" is not."""
    def plan(line: str) -> str:
        path = make_call(tmp_path, ["Sam: What happens next?", f"Dana: {line}", "Sam: Great."])
        return score(path).items["map_captured"].status

    assert plan("I'll email you the whole treatment timeline tonight so we're both working off "
                "the same dates.") == "partial"
    assert plan("I'll send you the class schedule tonight.") == "fail"
