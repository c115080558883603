"""Rubric loading fails early and names the item; scoring and close type are pure rules."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analyzer.model import ItemResult
from analyzer.rubric import ITEM_IDS, RubricError, default_rubric_path, load_rubric, parse_rubric
from analyzer.scoring import close_type, score, seed_checklist


def base() -> dict:
    return yaml.safe_load(default_rubric_path().read_text())


def test_builtin_rubric_loads_every_item_and_pitfall():
    r = load_rubric()
    assert [i.id for i in r.items] == list(ITEM_IDS)
    assert {p.id for p in r.pitfalls} == {"manufactured_deadline", "binary_trap", "over_detailing",
                                          "vague_timeline", "missing_stakeholder"}
    assert r.pause_seconds == 2.0
    assert all(i.coaching.get("pass") and i.coaching.get("fail") for i in r.items)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["items"]["pause"].update(detector="pause_aftr_ask"), "item 'pause': unknown detector 'pause_aftr_ask'"),
    (lambda d: d["items"]["milestones"].update(params={"min_pas": 3}), "item 'milestones': detector 'milestone_count' has no parameter 'min_pas'"),
    (lambda d: d["items"].pop("risk_relief"), "items missing: risk_relief"),
    (lambda d: d["items"]["dated_ask"].update(weight=-1), "item 'dated_ask': weight must be a number >= 0"),
    (lambda d: d["items"]["dated_ask"].update(coaching={"good": "x"}), "item 'dated_ask': coaching must map"),
    (lambda d: d["pitfalls"].update(rude_rep={"detector": "phrase"}), "unknown pitfall 'rude_rep'"),
    (lambda d: d.pop("version"), "missing top-level key 'version'"),
    (lambda d: d["facts"].update(path={"stepz": {}}), "facts.path: unknown parameter 'stepz'"),
])
def test_bad_rubrics_name_the_problem(mutate, message):
    data = base()
    mutate(data)
    with pytest.raises(RubricError) as err:
        parse_rubric(data, "my.yaml")
    assert message in str(err.value)
    assert str(err.value).startswith("my.yaml: ")


@pytest.mark.parametrize("mutate, key, reason", [
    (lambda d: d["items"]["risk_relief"].setdefault("params", {}).update(cues=["pilot", "free (trial"]),
     "items.risk_relief.params.cues[1]", "missing ), unterminated subpattern"),
    (lambda d: d["facts"].update(path={"steps": {"kickoff": ["kick ?off", "*start"]}}),
     "facts.path.steps.kickoff[1]", "nothing to repeat"),
    (lambda d: d["facts"].update(ask={"request": ["(?P<x>a)", "(?P<x>b)"]}),
     "facts.ask.request", "redefinition of group name"),
])
def test_every_pattern_compiles_at_load_time(mutate, key, reason):
    data = base()
    mutate(data)
    with pytest.raises(RubricError) as err:
        parse_rubric(data, "my.yaml")
    assert str(err.value).startswith(f"my.yaml: {key}: ")
    assert reason in str(err.value)


def test_bad_yaml_gives_the_line(tmp_path: Path):
    p = tmp_path / "r.yaml"
    p.write_text("id: x\nversion: 1\nitems:\n  pause: [unclosed\n")
    with pytest.raises(RubricError) as err:
        load_rubric(p)
    assert f"{p}:" in str(err.value) and "not valid YAML" in str(err.value)


def test_rubric_parameters_reach_the_detectors():
    data = base()
    data["items"]["milestones"]["params"] = {"min_pass": 2, "max_pass": 4}
    data["thresholds"]["pause_seconds"] = 3.5
    r = parse_rubric(data)
    assert r.item("milestones").detector.min_pass == 2
    assert r.pause_seconds == 3.5


def items(**statuses) -> dict[str, ItemResult]:
    st = {i: "fail" for i in ITEM_IDS} | statuses
    return {i: ItemResult(i, s, (), "", weight=10) for i, s in st.items()}


def test_score_is_weighted_and_penalised():
    all_pass = items(**{i: "pass" for i in ITEM_IDS})
    assert score(all_pass, (), {"pass": 1, "partial": 0.5, "fail": 0}, 5) == 100
    half = items(**{i: "partial" for i in ITEM_IDS})
    assert score(half, (), {"pass": 1, "partial": 0.5, "fail": 0}, 5) == 50
    assert score(half, ("a", "b"), {"pass": 1, "partial": 0.5, "fail": 0}, 5) == 40
    assert score(items(), ("a",) * 30, {"pass": 1, "partial": 0.5, "fail": 0}, 5) == 0


@pytest.mark.parametrize("statuses, count, owner, choice, expected", [
    ({"buyer_anchored_date": "partial", "dated_ask": "pass"}, 2, False, False, "backwards"),
    ({"buyer_anchored_date": "pass", "dated_ask": "pass"}, 2, False, True, "backwards"),
    ({"buyer_anchored_date": "pass", "dated_ask": "partial"}, 4, True, True, "option"),
    ({"buyer_anchored_date": "fail", "dated_ask": "pass"}, 3, True, False, "date"),
    ({"buyer_anchored_date": "fail", "dated_ask": "pass"}, 0, False, True, "option"),
    ({"buyer_anchored_date": "pass", "dated_ask": "pass"}, 1, False, False, "date"),
    ({"buyer_anchored_date": "pass", "dated_ask": "partial"}, 3, True, False, "process"),
    ({"buyer_anchored_date": "pass", "dated_ask": "fail"}, 0, False, False, "none"),
    ({"buyer_anchored_date": "pass", "dated_ask": "partial"}, 3, False, False, "none"),
])
def test_close_type_order(statuses, count, owner, choice, expected):
    assert close_type(items(**statuses), count, owner, choice) == expected


def test_seed_checklist_needs_credibility_and_both_ask_items():
    it = items(milestones="pass", dated_ask="pass", pause="fail", buyer_anchored_date="pass")
    ticks = seed_checklist(it, credible=False)
    assert ticks == {"outcome_date_confirmed": True, "backward_path_credible": False,
                     "dated_ask_and_pause": False, "risk_relief_offered": False, "map_updated": False}
    assert seed_checklist(it, credible=True)["backward_path_credible"] is True
