"""Regression bars on the blind probe sets written for the meaning-layer issue (probe_d/e/f/h/m/n/o/p/q/r/s/t/u/v/w/x/y/z/ab)
and on the fifteen false-pass sets: calls written from the checklist alone, never seen by the rules' authors
before their first look. Their first-look numbers are in docs/status.md; these bars guard what
was reached since, so a change that loses it fails here."""
from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.engine import analyze
from analyzer.evaluation import evaluate_folder
from analyzer.ingest import load_call
from analyzer.rubric import load_rubric

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROBES = ["probe_d", "probe_e", "probe_f", "probe_h", "probe_m", "probe_n", "probe_o", "probe_p", "probe_q", "probe_r", "probe_s", "probe_t",
          "probe_u", "probe_v", "probe_w", "probe_x", "probe_y", "probe_z", "probe_ab"]
# pooled pitfall precision held per set; probe_r (session 9) stood at 0.83 on its first look,
# probe_t (session 11) at 0.85, probe_y (session 14) at 11 of 13
PITFALL_PRECISION = {"probe_r": 0.8, "probe_t": 0.8, "probe_y": 0.8}
# precision held per pitfall; probe_x (session 13) flags vague_timeline twice, once wrongly
# and probe_y (session 14) flags over_detailing twice, once wrongly
PER_PITFALL_PRECISION = {"probe_x": 0.5, "probe_y": 0.5}


def _report(folder: Path):
    rubric = load_rubric()
    report = evaluate_folder(folder, lambda p: analyze(load_call(p), rubric), rubric)
    assert not report.failed, report.failed
    return report.to_dict()


@pytest.mark.parametrize("name", PROBES)
def test_blind_probe_regression_bar(name):
    data = _report(FIXTURES / name)
    for item in load_rubric().item_ids:
        assert data["items"][item]["agreement"] >= 0.5, (item, data["mismatches"])
    assert data["close_type_accuracy"] >= 0.6, data["mismatches"]
    pits = data["pitfalls"].values()
    tp, fp = sum(s.get("tp", 0) for s in pits), sum(s.get("fp", 0) for s in pits)
    assert tp / max(tp + fp, 1) >= PITFALL_PRECISION.get(name, 0.85), data["pitfalls"]  # pooled pitfall precision
    assert all(s["precision"] >= PER_PITFALL_PRECISION.get(name, 0.6) for s in pits), data["pitfalls"]


@pytest.mark.parametrize("name", ["false_pass", "false_pass_2", "false_pass_3"])
def test_false_pass_set_rarely_passes_an_item(name):
    """Long calls with no Backwards Close (34, 30 and 30): the recap, the ask, the plan and risk
    relief almost never pass; the items that still pass too often (target, milestones, pause)
    are held where they are."""
    data = _report(FIXTURES / name)
    n = data["calls"]
    passes = {item: sum(v["pass"] for v in data["items"][item]["confusion"].values()) for item in load_rubric().item_ids}
    for item in ("value_summary", "dated_ask", "map_captured"):
        assert passes[item] <= 0.03 * n, (item, passes)
    assert passes["risk_relief"] <= 0.06 * n and passes["milestones"] <= 0.07 * n, passes
    assert passes["pause"] <= 0.2 * n and passes["buyer_anchored_date"] <= 0.25 * n, passes


@pytest.mark.parametrize("name", ["false_pass_4", "false_pass_5", "false_pass_6", "false_pass_7", "false_pass_8",
                                  "false_pass_9", "false_pass_11", "false_pass_12", "false_pass_13",
                                  "false_pass_14", "false_pass_15"])
def test_later_false_pass_sets_pass_an_item_on_one_call_at_most(name):
    """The false-pass sets of sessions 6 to 17 (30 long consumer and service calls each):
    no item but the target passes on more than one call, the target on at most 10 %."""
    data = _report(FIXTURES / name)
    n = data["calls"]
    passes = {item: sum(v["pass"] for v in data["items"][item]["confusion"].values()) for item in load_rubric().item_ids}
    assert all(passes[item] <= 1 for item in passes if item != "buyer_anchored_date"), passes
    assert passes["buyer_anchored_date"] <= 0.1 * n, passes


def test_false_pass_set_10_passes_an_item_on_two_calls_at_most():
    """The last false-pass set (session 11, 30 long calls), held at its first look: no item
    passes on more than two calls, the target on at most 10 %."""
    data = _report(FIXTURES / "false_pass_10")
    passes = {item: sum(v["pass"] for v in data["items"][item]["confusion"].values()) for item in load_rubric().item_ids}
    assert all(passes[item] <= 2 for item in passes if item != "buyer_anchored_date"), passes
    assert passes["buyer_anchored_date"] <= 0.1 * data["calls"], passes
