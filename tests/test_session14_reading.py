"""Readings fixed in session 14: redo promises and clause-scoped warranty vetoes in risk relief,
billing terms and company pilots that offer nothing, a raw-ASR deposit ask, sentences that raw ASR
splits after "by", the buyer's own start amid a path, the seller's own work named with an event
word, reported deadlines, a seller naming the event the buyer is going to, and small talk that
the meaning layer alone cannot make a finish line."""
from __future__ import annotations

from datetime import date

from callmaker import make_call, score


def _card(tmp_path, lines, rep="Dana", call_date="2026-03-02"):
    return score(make_call(tmp_path, lines, rep=rep, call_date=call_date))


def _days(card):
    return {m.date for m in card.milestones}


# --- risk relief ---------------------------------------------------------------------------

def test_a_redo_at_no_charge_before_the_event_is_risk_relief(tmp_path):
    card = _card(tmp_path, [
        "Joe: the gala is Saturday the 21st and the harp has to sound right",
        "Dana: Got it. If it goes out of tune before the gala, our tech comes back and re-strings it, no charge.",
        "Joe: good to know"], call_date="2026-03-02")
    assert card.items["risk_relief"].status == "pass"


def test_a_repair_of_what_breaks_is_a_warranty_not_risk_relief(tmp_path):
    card = _card(tmp_path, [
        "Joe: what if a hinge snaps",
        "Dana: if a hinge snaps we fix it no charge, that's covered",
        "Joe: ok"], call_date="2026-03-02")
    assert card.items["risk_relief"].status == "fail"


def test_a_warranty_in_another_clause_does_not_veto_the_exit_offered(tmp_path):
    card = _card(tmp_path, [
        "joe: what if the grant falls through",
        "dana: then you cancel you wont owe us anything and the paint has a ten year warranty on top of that",
        "joe: ok that helps"], call_date="2026-03-02")
    assert card.items["risk_relief"].status == "pass"


def test_a_warranty_in_the_offers_own_clause_still_vetoes_it(tmp_path):
    card = _card(tmp_path, [
        "Joe: and if the motor dies?",
        "Dana: The five year warranty means you don't pay a thing for the motor.",
        "Joe: ok"], call_date="2026-03-02")
    assert card.items["risk_relief"].status == "fail"


def test_billing_by_head_is_no_exit(tmp_path):
    card = _card(tmp_path, [
        "Joe: how does billing work for seasonal staff",
        "Dana: If a picker isn't on the schedule that month, you don't pay for them that month.",
        "Joe: makes sense"], call_date="2026-03-02")
    assert card.items["risk_relief"].status == "fail"


def test_the_sellers_own_pilot_sites_are_no_offer(tmp_path):
    card = _card(tmp_path, [
        "Joe: do you have the electric mowers here",
        "Dana: not yet, that's only in the pilot stores up north this year",
        "Joe: ah ok"], call_date="2026-03-02")
    assert card.items["risk_relief"].status == "fail"


def test_a_quick_medical_test_is_no_trial(tmp_path):
    card = _card(tmp_path, [
        "Joe: is that everything",
        "Dana: one more quick test, I just shine a light in each eye for a minute",
        "Joe: sure"], call_date="2026-03-02")
    assert card.items["risk_relief"].status == "fail"


def test_sending_empties_back_to_be_recycled_is_no_return_offer(tmp_path):
    card = _card(tmp_path, [
        "Joe: what about all the jars",
        "Dana: you can send the jars back in the mailer and they get recycled",
        "Joe: nice"], call_date="2026-03-02")
    assert card.items["risk_relief"].status == "fail"


# --- asks ----------------------------------------------------------------------------------

def test_putting_the_deposit_down_is_a_commitment_ask(tmp_path):
    card = _card(tmp_path, [
        "joe: we leave on the trip may thirtieth",
        "dana: ok so to keep may thirtieth safe can we put the deposit down on the camper today",
        "joe: yeah lets do it"], call_date="2026-03-02")
    assert card.items["dated_ask"].status == "pass"


def test_confirming_a_date_of_birth_is_no_ask(tmp_path):
    card = _card(tmp_path, [
        "Joe: hi, I'm calling about the consult",
        "Dana: Great. Can I ask you to confirm your date of birth for me?",
        "Joe: March 3rd, 1980"], call_date="2026-03-02")
    assert card.items["dated_ask"].status == "fail"


# --- path ----------------------------------------------------------------------------------

def test_a_sentence_the_parser_ends_on_by_is_joined_to_the_next():
    from spacy.tokens import Doc
    from analyzer.nlp import _joined, load_pipeline
    words = "the vet check has to be done by wednesday june tenth and that is it".split()
    starts = [1 if i in (0, 8) else 0 for i in range(len(words))]  # raw ASR: split after "by"
    doc = Doc(load_pipeline().vocab, words=words, sent_starts=starts)
    assert [s.text for s in _joined(doc.sents)] == [" ".join(words)]
    doc = Doc(load_pipeline().vocab, words=words, sent_starts=[1 if i in (0, 10) else 0 for i in range(len(words))])
    assert len(list(_joined(doc.sents))) == 2  # a split after a full clause stays


def test_the_buyers_start_amid_a_path_is_its_first_step(tmp_path):
    card = _card(tmp_path, [
        "Kim: The recital is May 30th.",
        "Dana: Okay. Working back from that, your last lesson would be May 23rd and the second fitting May 9th.",
        "Kim: Okay.",
        "Kim: So I begin March 14th then.",
        "Dana: Right."], call_date="2026-03-02")
    assert date(2026, 3, 14) in _days(card), [(m.step, m.date) for m in card.milestones]


def test_the_sellers_own_work_named_with_an_event_word_is_a_step(tmp_path):
    card = _card(tmp_path, [
        "Sam: The customer's renewal is August 31st, that's the date.",
        "Dana: So working back from that, the report goes out by August 3rd.",
        "Sam: ok.",
        "Dana: We'd do fieldwork July 6th through the 17th.",
        "Sam: ok"], call_date="2026-05-04")
    assert date(2026, 7, 6) in _days(card), [(m.step, m.date) for m in card.milestones]


def test_a_deadline_told_by_someone_else_is_still_ahead(tmp_path):
    from analyzer.path.steps import _told_in_the_past
    from analyzer.nlp import load_pipeline
    doc = load_pipeline()("They told us they need the report in their hands by June 1st.")
    assert not _told_in_the_past(next(doc.sents).root)
    doc = load_pipeline()("They sent the report on June 1st.")
    assert _told_in_the_past(next(doc.sents).root)


def test_the_seller_naming_where_the_buyer_is_going_names_the_target(tmp_path):
    card = _card(tmp_path, [
        "dana: and i've got here you're going to the county fair rodeo on the twenty fourth right",
        "joe: uh how many head fit in the trailer",
        "dana: six",
        "joe: ok"], call_date="2026-07-08")
    assert card.target is not None and card.target.date == date(2026, 7, 24)
    assert card.items["buyer_anchored_date"].status == "partial"


def test_asking_whether_the_buyer_goes_to_an_event_names_no_target(tmp_path):
    card = _card(tmp_path, [
        "Dana: Are you going to the craft fair on the 24th?",
        "Joe: probably not",
        "Dana: ok"], call_date="2026-07-08")
    assert card.items["buyer_anchored_date"].status == "fail"


def test_small_talk_the_head_likes_is_no_finish_line_unless_built_on(tmp_path):
    card = _card(tmp_path, [
        "Dana: so the panel goes by the front door and the sensors on each window",
        "Tina: sorry, I'm looking at the fridge calendar, my son's birthday party is Saturday the 8th and I still have to order the cake",
        "Dana: oh fun, how old",
        "Tina: eleven",
        "Dana: big one. Anyway, the monthly is thirty nine"], call_date="2026-11-02")
    assert card.items["buyer_anchored_date"].status == "fail"


def test_paydays_are_no_finish_line(tmp_path):
    card = _card(tmp_path, [
        "Dana: the monthly comes out whenever you like",
        "Tina: I get paid on the first and the fifteenth so",
        "Dana: we can bill on the sixteenth then"], call_date="2026-11-02")
    assert card.items["buyer_anchored_date"].status == "fail"


def test_a_step_finished_with_a_named_speaker_is_theirs(tmp_path):
    card = _card(tmp_path, [
        "joe: we leave june thirteenth",
        "dana: so working back from that delivery is june sixth the inspection is may twenty eighth and the financing has to be wrapped up with ashley by may fifteenth",
        "Ashley: hi guys",
        "joe: hi"], call_date="2026-05-04")
    owners = {m.date: m.owner for m in card.milestones}
    assert owners.get(date(2026, 5, 15), "").lower() == "ashley", owners


# --- false passes on long calls without a close (false-pass set 16) -------------------------

def test_advice_and_offers_to_the_buyer_are_no_recap(tmp_path):
    card = _card(tmp_path, [
        "Joe: how dry does firewood need to be",
        "Dana: fresh oak is like forty percent water, you want under twenty before you burn it.",
        "Joe: ok",
        "Dana: you want me to resend the flyer with the prices on it",
        "Joe: sure"], call_date="2026-03-02")
    assert card.items["value_summary"].status == "fail"


def test_handing_over_the_floor_is_no_ask(tmp_path):
    card = _card(tmp_path, [
        "Joe: sorry, you were saying",
        "Dana: ok go ahead, can you hear me alright, the wind's loud up here",
        "Joe: yeah I hear you"], call_date="2026-03-02")
    assert card.items["dated_ask"].status == "fail"


def test_an_offer_ending_and_a_letter_in_the_mail_date_no_step(tmp_path):
    card = _card(tmp_path, [
        "Joe: we're thinking about the lease for my wife, her car's done in June",
        "Dana: there's a spring promo on the hybrid, that ends Tuesday the 31st.",
        "Dana: And your rate sheet should arrive in the mail by the twelfth.",
        "Joe: ok"], call_date="2026-03-02")
    assert not card.milestones, [(m.step, m.date) for m in card.milestones]


def test_a_list_of_class_dates_read_out_is_no_path(tmp_path):
    card = _card(tmp_path, [
        "Joe: when are the free design workshops",
        "Dana: The next ones are March 14th, March 21st, March 28th, April 4th, April 11th, and April 18th.",
        "Joe: ok"], call_date="2026-03-02")
    assert card.items["milestones"].status != "pass", [(m.step, m.date) for m in card.milestones]


def test_steps_handed_to_a_named_person_and_a_persons_team_are_a_process(tmp_path):
    card = _card(tmp_path, [
        "Joe: so what happens after I apply",
        "Dana: I'll email you the packet. Once it's back, it goes to Ramon in underwriting. "
        "Then Kim's team orders the appraisal. And then we'd set up the closing.",
        "Joe: ok, I'll look for it"], call_date="2026-03-02")
    assert card.close_type == "process", card.close_type


# --- set X misses read after the first fixes ------------------------------------------------

def test_a_verb_whose_past_has_the_same_form_dates_ahead_without_a_past_mark(tmp_path):
    card = _card(tmp_path, [
        "karen: so the thing is the first trucks hit the dock october fifth thats when we need the shelving",
        "dana: ok so the install has to be done by september twenty first",
        "karen: yeah"], call_date="2026-08-19")
    assert card.target is not None and card.target.date == date(2026, 10, 5), card.target


def test_a_bare_day_takes_its_event_from_the_line_before(tmp_path):
    card = _card(tmp_path, [
        "Dana: so what's the occasion",
        "Ann: My daughter's graduating and we're hosting the party in the yard.",
        "Ann: Saturday the 20th. June 20th.",
        "Dana: Lovely. The turf needs to go down by the 6th, two weeks before, so it takes root.",
        "Dana: If it goes in the week of the party it won't hold.",
        "Ann: ok"], call_date="2026-04-21")
    assert card.target is not None and card.target.date == date(2026, 6, 20), card.target
    assert date(2026, 6, 6) in _days(card), [(m.step, m.date) for m in card.milestones]
    assert all(m.owner is None for m in card.milestones), [(m.step, m.owner) for m in card.milestones]


def test_on_the_way_names_no_step(tmp_path):
    card = _card(tmp_path, [
        "Ann: the party is June 20th",
        "Dana: I'll text you when the crew's on the way Thursday.",
        "Ann: ok"], call_date="2026-04-21")
    assert not card.milestones, [(m.step, m.date) for m in card.milestones]


def test_so_thatd_be_dates_the_step_named_in_the_line_before(tmp_path):
    card = _card(tmp_path, [
        "omar: the police academy starts august third",
        "dana: ok so here's how it works first we do an allergy test on a small spot doctor reyes does those. "
        "and she's only in on wednesdays so that'd be wednesday the eighteenth",
        "omar: ok"], call_date="2026-02-10")
    assert date(2026, 2, 18) in _days(card), [(m.step, m.date) for m in card.milestones]


def test_march_first_after_a_copula_or_an_event_word_is_a_day():
    from analyzer.dates import find_dates
    call = date(2026, 11, 16)
    assert [d.date for d in find_dates("so the launch is march first germany and france", call)] == [date(2027, 3, 1)]
    assert [d.date for d in find_dates("commercial launch march first thats the date", call)] == [date(2027, 3, 1)]
    assert find_dates("we may first check the labels", call) == []


def test_a_deadline_done_by_a_day_before_the_named_launch_is_a_step_not_the_target(tmp_path):
    card = _card(tmp_path, [
        "Tom: so the launch is march first in all five markets",
        "Anke: and for that the printed inserts have to be done by january fifteenth",
        "dana: january fifteenth ok"], call_date="2026-11-16")
    assert card.target is not None and card.target.date == date(2027, 3, 1), card.target
