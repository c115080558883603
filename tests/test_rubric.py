"""Rubric loading fails early and names the item; scoring and close type are pure rules."""
from __future__ import annotations

from pathlib import Path

import json

import pytest
import yaml

from analyzer.model import ItemResult
from analyzer.rubric import RubricError, default_rubric_path, load_rubric, parse_rubric
from analyzer.rubric_rules import CallFacts
from analyzer.scoring import close_type, score, seed_checklist

ITEM_IDS = ("value_summary", "buyer_anchored_date", "milestones", "dated_ask", "pause",
            "risk_relief", "map_captured")


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
    (lambda d: d["items"]["dated_ask"].update(weight=-1), "item 'dated_ask': weight: Input should be greater than or equal to 0"),
    (lambda d: d["items"]["dated_ask"].update(coaching={"good": "x"}), "item 'dated_ask': coaching.good: Input should be 'pass', 'partial' or 'fail'"),
    (lambda d: d["pitfalls"].update(rude_rep={"detector": "rudeness"}), "pitfall 'rude_rep': unknown detector 'rudeness'"),
    (lambda d: d["items"]["pause"].update(titel="x"), "item 'pause': titel: Extra inputs are not permitted"),
    (lambda d: d["items"]["pause"].pop("detector"), "item 'pause': name a 'detector' or give 'examples'"),
    (lambda d: d["checklist"]["map_updated"]["when"].update(map_capturd="pass"), "checklist 'map_updated': 'map_capturd' is neither an item nor a fact"),
    (lambda d: d["checklist"]["map_updated"]["when"].update(choice_ask=True), "checklist 'map_updated': 'choice_ask' cannot be used here"),
    (lambda d: d["facts"]["path"].update(extend={"max_pair_gap": [1]}), "facts.path.extend.max_pair_gap: only a list parameter"),
    (lambda d: d["facts"]["ask"].update(extend={"commit_verb": ["x"]}), "facts.ask.extend: unknown parameter 'commit_verb'"),
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


def test_a_stand_alone_rubric_needs_none_of_the_built_in_items():
    data = base()
    data["items"] = {"pause": data["items"]["pause"]}
    data["checklist"] = {"paused": {"label": "Paused", "when": {"pause": "pass"}}}
    data["close_types"] = {}
    r = parse_rubric(data, "mine.yaml")
    assert r.item_ids == ("pause",) and [t.id for t in r.checklist] == ["paused"]


def test_yaml_extends_the_default_word_lists_instead_of_replacing_them():
    from analyzer.asks import AskParams
    from analyzer.path import PathParams

    data = base()
    data["facts"]["ask"] = {"extend": {"commit_verbs": ["shake on it"]}}
    data["facts"]["path"] = {"extend": {"steps": {"soil test": ["soil tests?"]}}}
    data["pitfalls"]["binary_trap"]["params"]["extend"] = {"patterns": ["final offer"]}
    r = parse_rubric(data)
    assert r.ask.commit_verbs == (*AskParams().commit_verbs, "shake on it")
    assert r.path.steps["soil test"] == ("soil tests?",)
    assert set(PathParams().steps) < set(r.path.steps)
    trap = next(p for p in r.pitfalls if p.id == "binary_trap").detector
    assert trap.patterns[-1] == "final offer" and "last chance" in trap.patterns


def test_published_json_schema_matches_the_model():
    from analyzer.rubric_schema import json_schema

    published = Path(__file__).resolve().parents[1] / "rubrics" / "rubric.schema.json"
    assert json.loads(published.read_text()) == json_schema()
    assert "items" in json_schema()["required"]


BUILT_IN = load_rubric()


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
    ({"buyer_anchored_date": "fail", "dated_ask": "fail"}, 0, True, False, "process"),  # hand-offs, no dates
])
def test_close_type_order(statuses, count, owner, choice, expected):
    facts = CallFacts(milestones=count, has_owner=owner, choice_ask=choice, owned_steps=int(owner))
    assert close_type(BUILT_IN.close_types, items(**statuses), facts) == expected


def test_seed_checklist_needs_credibility_and_both_ask_items():
    it = items(milestones="pass", dated_ask="pass", pause="fail", buyer_anchored_date="pass")
    ticks = seed_checklist(BUILT_IN.checklist, it, CallFacts(path_credible=False))
    assert ticks == {"outcome_date_confirmed": True, "backward_path_credible": False,
                     "dated_ask_and_pause": False, "risk_relief_offered": False, "map_updated": False}
    assert seed_checklist(BUILT_IN.checklist, it, CallFacts(path_credible=True))["backward_path_credible"] is True
