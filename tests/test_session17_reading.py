"""Readings fixed in session 17 (false-pass set 19): an exit refused or a remedy waved off is
no risk relief, the buyer's household news (a trip, family landing, a busy week) is no finish
line even when the seller's own dates touch the same day, and a day told in the past tense is
history, not a step."""
from __future__ import annotations

from datetime import date

from callmaker import make_call, score


def _card(tmp_path, lines, rep="Nadia", call_date="2026-05-12"):
    return score(make_call(tmp_path, lines, rep=rep, call_date=call_date))


def _status(card, item):
    return card.items[item].status


# --- risk relief: the words without the offer ------------------------------------------------

def test_an_exit_refused_or_a_remedy_waved_off_is_no_risk_relief(tmp_path):
    card = _card(tmp_path, [
        "Owen: so what if the opener doesnt work with my car",
        "Nadia: the motor is covered for defects but once the remote is paired you cant change your mind and send it back, that's the maker's rule",
        "Owen: huh ok",
        "Nadia: the shop across the road has that thirty day money back thing and you pay for it in the price",
        "Owen: right",
        "Nadia: honestly skip their extended plan. Don't pay for it.",
        "Owen: ok",
        "Nadia: our install crew guarantees the day, which just means they show up, it's not like a money back thing",
        "Owen: got it",
        "Nadia: i used to do a free trial week on these but people never returned the units so i dropped it",
        "Owen: makes sense",
        "Nadia: so do you want the quiet model or the standard one?"])
    assert _status(card, "risk_relief") == "fail", card.items["risk_relief"].evidence


def test_a_plain_offer_to_cancel_still_relieves_risk(tmp_path):
    card = _card(tmp_path, [
        "Owen: we need the opener working before my mother moves in on June 20",
        "Nadia: June 20. So we measure on the 26th, order the motor on the 28th and install on June 9.",
        "Nadia: Can you approve the quote by Friday the 15th so we keep June 9?",
        "Owen: yes I can do that",
        "Nadia: and if it doesn't work out, you can cancel up to the day before install with no fee."])
    assert _status(card, "risk_relief") == "pass"


# --- targets: the buyer's household news ---------------------------------------------------------

_SHOWROOM = ["Nadia: thanks for coming in, so this is the twenty-two footer we talked about",
             "Owen: she's a beauty", "Nadia: it is, and the trailer is included"]
_WRITE_UP = ["Nadia: so the total with the trailer is thirty-one five",
             "Owen: ok that's about what we figured",
             "Nadia: so do you want me to go ahead and write her up?", "Owen: let me talk to my wife"]


def _boat_call(tmp_path, lines):
    return _card(tmp_path, _SHOWROOM + lines + _WRITE_UP, call_date="2026-02-05")


def test_a_trip_the_buyer_mentions_is_no_finish_line(tmp_path):
    card = _boat_call(tmp_path, ["Owen: We leave on a cruise March 6th.",
                                 "Nadia: So how many people would usually be on the boat?", "Owen: four of us"])
    assert _status(card, "buyer_anchored_date") != "pass", card.items["buyer_anchored_date"].evidence


def test_family_landing_is_no_finish_line_when_the_seller_only_names_her_own_days_off(tmp_path):
    card = _boat_call(tmp_path, [
        "Nadia: just so you know I'm out February twenty-eighth through the sixth, my colleague covers",
        "Owen: ok. my sister lands Friday the sixth from Lagos, she's staying with us two weeks",
        "Nadia: got it", "Nadia: if it's the twenty-eighth to the sixth, call Marco instead of me",
        "Owen: sure"])
    assert _status(card, "buyer_anchored_date") != "pass", card.items["buyer_anchored_date"].evidence


def test_a_busy_week_is_no_finish_line(tmp_path):
    card = _boat_call(tmp_path, ["Owen: our new hires start Monday the sixteenth, so the office is going to be chaos",
                                 "Nadia: understood"])
    assert _status(card, "buyer_anchored_date") != "pass", card.items["buyer_anchored_date"].evidence


def test_the_buyers_real_day_still_anchors_the_path(tmp_path):
    card = _card(tmp_path, [
        "Owen: we need the garage door in before we close on the house sale on June 19",
        "Nadia: June 19 it is. Working back: we measure May 20, the door ships June 1, install June 8.",
        "Nadia: Can you sign off on the quote by Friday so June 8 holds?",
        "Owen: yes"])
    assert card.target is not None and card.target.date == date(2026, 6, 19)


# --- steps: a day already gone ------------------------------------------------------------------

def test_a_day_told_in_the_past_tense_is_no_step(tmp_path):
    card = _card(tmp_path, [
        "Owen: we need the boat in the water before the regatta on May 16",
        "Nadia: May 16, got it. The new tracker app launched January twenty-first, by the way, most owners use it",
        "Nadia: So working back from the regatta: sea trial May 9, rigging done May 1, the hull ships April 10.",
        "Nadia: Can you sign the order by Friday the 13th so the hull ships April 10?",
        "Owen: yes"], call_date="2026-02-05")
    assert {m.date for m in card.milestones} == {date(2026, 5, 9), date(2026, 5, 1), date(2026, 4, 10)}



# --- the buyer counting back from their own day, a line at a time ---------------------------------

_MOVE = ["Kim: so where are we with the new office",
         "Sam: We move into the new floor on Monday, June 22. That's the day.",
         "Sam: The furniture people come Thursday the 18th.",
         "Kim: ok",
         "Sam: The electricians have to be finished by June 12.",
         "Sam: And the lease addendum gets signed by Friday, June 5.",
         "Kim: got it"]


def test_the_buyers_days_counted_back_a_line_at_a_time_are_the_path(tmp_path):
    card = _card(tmp_path, _MOVE + [
        "Kim: So to hold June 22, can you approve the network quote by this Friday?", "Sam: yes"],
        rep="Kim", call_date="2026-05-19")
    assert card.target is not None and card.target.date == date(2026, 6, 22)
    assert {date(2026, 6, 18), date(2026, 6, 12), date(2026, 6, 5)} <= {m.date for m in card.milestones}


def test_a_day_said_alone_or_someones_time_away_is_no_step_in_that_run(tmp_path):
    card = _card(tmp_path, _MOVE[:4] + [
        "Sam: Thursday morning.",
        "Sam: Our CFO is hiking in Patagonia until June 10, so she hasn't seen it.",
        "Sam: The electricians have to be finished by June 12.",
        "Kim: So to hold June 22, can you approve the network quote by this Friday?", "Sam: yes"],
        rep="Kim", call_date="2026-05-19")
    assert not {date(2026, 6, 10)} & {m.date for m in card.milestones}
    assert sum(1 for m in card.milestones if m.date == date(2026, 6, 18)) <= 1


# --- owners: half a hyphenated word, or a word opening a sentence, is no name --------------------

def test_wi_fi_or_a_capitalised_opening_word_is_no_name(tmp_path):
    from analyzer.ingest import load_call
    from analyzer.nlp import CallView

    view = CallView(load_call(make_call(tmp_path, [
        "Sam: we move in on June 22, and the firewall is the big worry",
        "Kim: June 22. So the cabling is done June 12.",
        "Sam: Firewall, Wi-Fi, phones on the desks. That's Tuesday the 16th.",
        "Sam: ok. Renee in our office handles it. Arthur does the cabling.",
        "Kim: Great, and Arthur's on the 12th."], rep="Kim", call_date="2026-05-19")))
    names = view.mentioned_names
    assert "arthur" in names
    assert not {"wi", "fi", "firewall"} & names, names


# --- asks: raw ASR's "wanna" carries its "to" ------------------------------------------------------

def test_you_wanna_come_in_today_and_sign_is_a_dated_ask(tmp_path):
    card = _card(tmp_path, [
        "Gail: so the grey one is the one i think",
        "Nadia: okay so you want the bigger trunk for the dogs and you want to stay around four hundred a month right",
        "Gail: yeah that's it",
        "Nadia: so you wanna come in today and sign the paperwork",
        "Gail: today hmm i gotta run it by my partner first"])
    assert _status(card, "dated_ask") == "pass"
    assert "wanna" in card.items["dated_ask"].evidence[0].quote
