"""A path told in short pointers (session 7, from blind set O): "That's the date.", "So working
backward." point at the day named just before, even across turns; a list "closing the 12th,
appraisal the 24th" dates each clause; an offer's "and that ends Sunday" dates no step."""
from __future__ import annotations

from datetime import date

from callmaker import make_call, score


def test_thats_the_date_and_working_backward_point_at_the_day_before(tmp_path):
    card = score(make_call(tmp_path, [
        "Carla: So what's driving the timing?",
        "Jenna: First day of school is Thursday, August 20th. That's the date.",
        "Carla: Got it.",
        "Jenna: So working backward. We need to close by Wednesday, August 12th.",
        "Carla: Closing the 12th, appraisal July 24th, inspection the 17th, accepted offer by Friday the 10th.",
        "Jenna: Yes.",
    ], rep="Carla", call_date="2026-07-06"))
    assert card.target is not None and card.target.date == date(2026, 8, 20)
    assert {m.date for m in card.milestones} >= {date(2026, 8, 12), date(2026, 7, 24), date(2026, 7, 17)}


def test_a_buyer_confirming_the_sellers_date_outweighs_a_doubtful_head(tmp_path):
    card = score(make_call(tmp_path, [
        "Farrah: And everything has to be running before winter routes start on November 2nd, right?",
        "Glen: Yes, that's the date.",
        "Farrah: Working back from that: go-live October 26, driver training October 19, "
        "route import September 28, and signature September 14.",
        "Glen: Okay.",
    ], rep="Farrah", call_date="2026-09-02"))
    assert card.target is not None and card.target.date == date(2026, 11, 2)
    assert len(card.milestones) == 4


def test_an_offer_that_ends_on_a_day_dates_no_step(tmp_path):
    card = score(make_call(tmp_path, [
        "Gina: Ha, exactly.",
        "Gina: ok so the other thing, emerald trails has an early bird on their private departures, "
        "it's ten percent off land, and that ends this sunday the twelfth. after that it's regular price",
        "Pat: ok",
    ], rep="Gina", call_date="2026-04-08"))
    assert len(card.milestones) == 0


def test_the_date_is_left_open_for_the_buyer_to_fill_in(tmp_path):
    card = score(make_call(tmp_path, [
        "Maya: I know exactly the kind. So remind me, the date is...",
        "Jordan: October 10th. At Willow Creek Farm.",
        "Maya: Oh, I love that barn.",
    ], rep="Maya", call_date="2026-01-15"))
    assert card.target is not None and card.target.date == date(2026, 10, 10)
    assert card.target.anchored_by == "buyer"


def test_a_buyers_own_event_the_seller_plans_toward_is_the_finish_line(tmp_path):
    lines = ["Mike: so what's got you looking at training",
             "Alyssa: ok so i'm getting married june twentieth and um i have not been to a gym in like two years",
             "Mike: got it"]
    planned = score(make_call(tmp_path, lines + ["Alyssa: so like twice a week",
                                                 "Mike: twice a week till the wedding pretty much yeah"],
                              rep="Mike", call_date="2026-04-06"))
    assert planned.target is not None and planned.target.date == date(2026, 6, 20)
    nod = score(make_call(tmp_path, [
        "Mike: so what's new", "Alyssa: my birthday is the nineteenth and we're doing a barbecue",
        "Mike: oh happy early birthday", "Alyssa: thanks"], rep="Mike", call_date="2026-04-06"))
    assert nod.target is None


def test_a_step_named_before_an_aside_and_tomorrow_with_its_calendar_date(tmp_path):
    card = score(make_call(tmp_path, [
        "Maya: I'm due September 14th and I want it done before she's here.",
        "Gloria: So working back from the 14th. Underwriting decision August 28th. Labs back August 12th. "
        "The paramed exam — they come to your house — Friday, August 7th. "
        "And the application submitted tomorrow, August 4th.",
        "Maya: Okay.",
    ], rep="Gloria", call_date="2026-08-03"))
    assert {m.date for m in card.milestones} == {date(2026, 8, 28), date(2026, 8, 12), date(2026, 8, 7), date(2026, 8, 4)}


def test_a_plan_read_out_by_name_gives_its_steps_owners(tmp_path):
    card = score(make_call(tmp_path, [
        "Rachel: The vans land April 20th and I need them charging that first night.",
        "Kofi: Working back from that: commissioning April 15th, install April 8th, permit April 1st.",
        "Rachel: Okay.",
        "Kofi: I'll put all of this on a one-page timeline with owners and dates, Priya on the permit, "
        "Marco on the install.",
        "Rachel: Great.",
    ], rep="Kofi", call_date="2026-03-12"))
    owners = {m.step: m.owner for m in card.milestones}
    assert card.items["map_captured"].status == "pass"
    assert any(o in ("Priya", "Marco") for o in owners.values()), owners
