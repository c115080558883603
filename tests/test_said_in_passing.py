"""Words said in passing that only look like an item (session 7, from the misses on the
regression probes and false-pass sets): a recap must speak to the buyer about something the
buyer said; small talk with "that's what matters" or "the whole thing" restates nothing."""
from __future__ import annotations

from callmaker import make_call, score

_ASK = "Dana: So can we get the agreement signed by Friday March 6th?"


def _recap(tmp_path, line, buyer="Sam: We keep losing tips when hours get typed in by hand."):
    card = score(make_call(tmp_path, [
        "Dana: Thanks for making time.", buyer, line, "Sam: Yeah.", _ASK, "Sam: Friday works."]))
    return card.items["value_summary"].status


def test_small_talk_with_a_broad_cue_is_no_recap(tmp_path):
    for line in ("Dana: Nah, he's having fun, that's what matters, he just likes the snacks honestly.",
                 "Dana: He fell over in the bounce house, it was the highlight of the whole thing.",
                 "Dana: So the big thing is the new dashboard, it refreshes every hour on its own."):
        assert _recap(tmp_path, line) == "fail", line


def test_a_broad_cue_about_what_the_buyer_said_is_a_recap(tmp_path):
    assert _recap(tmp_path, "Dana: So the big thing for you is no more tips lost when hours get typed in by hand.") == "pass"


def test_whenever_you_want_and_a_recap_email_restate_nothing(tmp_path):
    for line in ("Dana: Or you can do the flexible dining where you just show up when you want.",
                 "Dana: I'll send you a recap email with the comparison and the pricing sheet.",
                 "Dana: You'd stay with Dr. Kim unless you need a different time slot."):
        assert _recap(tmp_path, line) == "fail", line


def _count(tmp_path, line, call_date="2026-03-02"):
    card = score(make_call(tmp_path, [
        "Dana: Thanks for coming in.", "Sam: Sure, happy to.", line, "Sam: Okay, good to know."],
        call_date=call_date))
    return len(card.milestones)


def test_closures_days_off_and_the_sellers_own_events_date_no_step(tmp_path):
    for line in ("Dana: Oh and just so you know the d m v is closed monday the sixteenth for presidents day.",
                 "Dana: Sorry, I'm off Friday the 13th, I have a training thing for the new licensing.",
                 "Dana: The 12th we have team training, so the office is quiet.",
                 "Dana: We're running a job fair at our Hamilton branch on Saturday, March 14th.",
                 "Dana: This Saturday the 7th the nine o'clock is the kickoff class, with a DJ and smoothies."):
        assert _count(tmp_path, line) == 0, line


def test_a_supposed_start_in_raw_asr_plans_nothing(tmp_path):
    line = ("Dana: the part time just spreads it out like say you started on a monday the ninth "
            "you'd finish the install training in june")
    assert _count(tmp_path, line) == 0


def test_a_step_already_done_before_the_call_is_history(tmp_path):
    assert _count(tmp_path, "Dana: The inspection was February 24th and it passed.") == 0
    # (session 15: one dated step counts only on the way to a finish line)
    card = score(make_call(tmp_path, ["Dana: Thanks for coming in.", "Sam: Sure, we open the new store April 30th.",
                                      "Dana: The inspection is March 24th, then we install.", "Sam: Okay, good to know."],
                           call_date="2026-03-02"))
    assert len(card.milestones) == 1


def test_a_broad_cue_naming_the_buyers_family_and_words_is_a_recap(tmp_path):
    buyer = "Maya: If something happens to Dev I am not moving the girls out of this house, and I want something for college."
    line = ("Dana: So the whole point of this is that if something happens to Dev, Maya and the girls stay "
            "in the house, and there's something left for college.")
    assert _recap(tmp_path, line, buyer=buyer) == "pass"


def test_broad_cues_over_the_product_or_people_in_general_restate_nothing(tmp_path):
    buyer = "Sam: The Toast hours and the tips get typed in by hand every pay period."
    for line in ("Dana: so the big thing is the toast integration so hours and tips come in automatically from toast",
                 "Dana: i hear you but at the end of the day that's what matters is you guys drive off happy",
                 "Dana: if they deny it you owe us nothing the whole thing's void you don't pay a dime",
                 "Dana: Some people only ever do the Toast basics, some people want the whole thing."):
        assert _recap(tmp_path, line, buyer=buyer) == "fail", line


def test_what_were_going_for_and_a_trailing_what_you_told_me_restate(tmp_path):
    assert _recap(tmp_path, "Dana: what we're going for is you walking down the aisle feeling strong "
                            "and not dying on those stairs at work",
                  buyer="Sam: i want to feel strong at my wedding and stop dying on the stairs at work") == "pass"
    assert _recap(tmp_path, "Dana: You're a family in the Lincoln zone with a fenced yard for the dog. "
                            "Which is exactly what you told me you wanted back in April.") == "pass"


def test_a_requirement_is_no_recap(tmp_path):
    assert _recap(tmp_path, "Dana: And there's a twenty-five dollar admin fee, one time, and you need a lock.") == "fail"


def test_other_sellers_guarantees_and_refund_limits_relieve_nothing(tmp_path):
    from test_everyday_language import _risk
    for line in ("So, honestly, some places, like SkinLab over on Fifth, they advertise a results guarantee, "
                 "money back if you're not happy.",
                 "Princeton Review and a couple of the big companies have a score guarantee, like a higher "
                 "score or your money back.",
                 "ha so um some photographers do like a satisfaction guarantee i don't do that",
                 "so you won't get a refund for the partial month when you leave",
                 "if you cancel with less than twenty four hours notice its the full session fee"):
        assert _risk(tmp_path, line) == "fail", line


def test_a_first_phase_on_its_own_and_a_plain_exit_relieve_risk(tmp_path):
    from test_everyday_language import _risk
    for line in ("And that's partly why phase one is payroll only.",
                 "If something weird happens with the loan, you cancel the order. No restocking fee, you're out nothing."):
        assert _risk(tmp_path, line) == "pass", line


def test_sending_a_brochure_is_logistics_not_an_ask(tmp_path):
    for line in ("Do you want me to mail the grey one?",
                 "um do you want the the brochure emailed or texted it has all the plans on it"):
        card = score(make_call(tmp_path, ["Dana: That's the quote.", "Sam: Okay.", f"Dana: {line}", "Sam: Sure."]))
        assert card.items["dated_ask"].status == "fail" and card.items["pause"].status == "fail", line


def test_advice_and_an_invitation_to_talk_restate_nothing(tmp_path):
    for line in ("Dana: At minimum you want eighty-eight weighted keys and a sustain pedal.",
                 "Dana: So I read through the form, but I'd love to just hear it in your words."):
        assert _recap(tmp_path, line) == "fail", line
