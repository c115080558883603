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
