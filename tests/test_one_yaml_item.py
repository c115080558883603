"""Adding a checklist item touches one YAML file (plus its example sentences): a temporary
rubric adds one, and it shows in the scorecard JSON, the call reports, the rep scorecard, the
team heatmap, the CSV export, the web app's override form and `eval`; and the stand-alone
discovery rubric scores its own sample calls end to end."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from analyzer.cli import app as cli_app
from analyzer.engine import analyze
from analyzer.exports import export
from analyzer.ingest import load_call
from analyzer.reporting import write_call_report
from analyzer.rubric import builtin_rubric_path, default_rubric_path, load_rubric
from analyzer.store import Store
from analyzer.team_reports import build_team_summary, write_week_reports
from analyzer.web import WebConfig, create_app
from analyzer.web.accounts import add_user

ROOT = Path(__file__).resolve().parents[1]
CALLS = [ROOT / "sample_calls" / "s01_bramblewood_vet_final_decision.txt",  # sets an agenda
         ROOT / "sample_calls" / "s03_larchmont_admissions_proposal_review.txt"]  # does not
TITLE = "Agenda agreed up front"


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """The built-in rubric plus one item, written the way a manager would: one YAML entry
    and a file of example sentences."""
    folder = tmp_path_factory.mktemp("rubric")
    shutil.copy(ROOT / "rubrics" / "discovery_examples" / "agenda_set.yaml", folder / "agenda.yaml")
    data = yaml.safe_load(default_rubric_path().read_text())
    data["version"] = "1.0.0+agenda"
    data["items"]["agenda_agreed"] = {
        "title": TITLE, "weight": 10, "examples": "agenda.yaml",
        "coaching": {"pass": "The buyer knew the plan.", "fail": "Open with a short agenda."}}
    path = folder / "team_rubric.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    rubric = load_rubric(path)
    cards = {p: analyze(load_call(p), rubric) for p in CALLS}
    return folder, path, rubric, cards


def test_the_item_is_in_the_scorecard_json_and_both_reports(added, tmp_path):
    _, _, rubric, cards = added
    card = cards[CALLS[0]]
    item = card.to_dict()["items"]["agenda_agreed"]
    assert item["status"] == "pass" and item["title"] == TITLE and item["weight"] == 10
    assert "plan for the next half hour" in item["evidence"][0]["quote"]
    assert list(card.items)[-1] == "agenda_agreed"  # rubric order
    for fmt in ("html", "md"):
        text = write_call_report(card, tmp_path, fmt).read_text()
        assert TITLE in text and "Open with a short agenda" not in text
    failed = cards[CALLS[1]].items["agenda_agreed"]
    assert failed.status == "fail" and failed.coaching == "Open with a short agenda."


def test_the_item_is_in_the_rep_scorecard_team_heatmap_and_csv(added, tmp_path):
    _, _, rubric, cards = added
    store = Store.open(str(tmp_path / "team.db"))
    for path, card in cards.items():
        store.save(load_call(path), card, f"h-{path.stem}", str(path))
    calls = store.calls()
    week = max(c.week for c in calls)
    summary = build_team_summary(calls, [], week, rubric)
    assert summary.items[-1] == TITLE and len(summary.reps[0].rates) == len(rubric.items)
    paths = write_week_reports(calls, [], week, tmp_path / "batch", rubric=rubric)
    team_html = paths[0].read_text()
    assert TITLE in team_html[team_html.index("<svg"):]  # a heatmap row label
    assert all(TITLE in p.read_text() for p in paths if p.name.startswith("rep-"))
    rows = list(csv.DictReader(export(calls, "csv", tmp_path / "calls.csv", rubric=rubric)
                               .open(encoding="utf-8-sig")))
    assert {r["agenda_agreed"] for r in rows} <= {"pass", "fail"} and "agenda_agreed" in rows[0]


def test_a_manager_overrides_the_item_in_the_web_app(added, tmp_path):
    _, path, _, cards = added
    store = Store.open(str(tmp_path / "web.db"))
    add_user(store, "maria", "manager", "manager-pass-1")
    pk = store.save(load_call(CALLS[1]), cards[CALLS[1]], "h-web", str(CALLS[1]))
    cfg = WebConfig.from_env(db=str(tmp_path / "web.db"), data_dir=tmp_path / "data",
                             rubric=str(path))
    client = TestClient(create_app(cfg, store), follow_redirects=False)
    from test_web_kit import signin, token

    signin(client, "maria", "manager-pass-1")
    page = client.get(f"/calls/{pk}").text
    row = page[page.index('id="review-agenda_agreed"'):]
    assert TITLE in row[:row.index("</tr>")]
    before = client.get(f"/api/calls/{pk}").json()["score"]
    response = client.post(f"/calls/{pk}/overrides", data={"csrf_token": token(page),
                                                           "item": "agenda_agreed", "status": "pass"})
    assert response.status_code == 303
    after = client.get(f"/api/calls/{pk}").json()
    assert after["effective_items"]["agenda_agreed"] == "pass" and after["score"] > before


def test_eval_reports_the_items_agreement(added, tmp_path):
    _, path, rubric, _ = added
    folder = tmp_path / "labelled"
    folder.mkdir()
    for p in CALLS:
        shutil.copy(p, folder / p.name)
    ids = rubric.item_ids
    with (folder / "labels.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", *ids])
        w.writerow([CALLS[0].name, *["pass"] * len(ids)])
        w.writerow([CALLS[1].name, *["pass"] * (len(ids) - 1), "fail"])
    res = CliRunner().invoke(cli_app, ["eval", str(folder), "--rubric", str(path), "--json"])
    data = json.loads(res.stdout)
    assert data["items"]["agenda_agreed"]["agreement"] == 1.0
    assert data["close_type_accuracy"] is None  # not labelled, not compared


def test_the_discovery_rubric_scores_its_sample_calls_end_to_end():
    rubric = load_rubric(builtin_rubric_path("discovery_call"))
    res = CliRunner().invoke(cli_app, ["eval", str(ROOT / "sample_calls_discovery"), "--rubric",
                                       str(builtin_rubric_path("discovery_call")), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["calls"] == 4 and not data["failed"]
    assert set(data["items"]) == set(rubric.item_ids) == {
        "agenda_set", "pains_restated", "decision_process_asked", "next_meeting_booked"}
    # first look, written before the calls were scored: every item at least 3 of 4
    assert all(v["agreement"] >= 0.75 for v in data["items"].values()), data["mismatches"]


def test_rubric_check_trains_and_validates_each_example_item(tmp_path):
    res = CliRunner().invoke(cli_app, ["rubric", "check", str(builtin_rubric_path("discovery_call"))])
    assert res.exit_code == 0, res.output
    assert "pains_restated" in res.stdout and "held-out agreement" in res.stdout
    # sentences that do it and don't are the same kind of sentence: the head cannot learn it
    weather = [f"The weather in {city} was lovely this week." for city in
               ("Denver", "Boston", "Austin", "Seattle", "Miami", "Chicago", "Phoenix", "Dallas",
                "Atlanta", "Portland", "Detroit", "Houston", "Tampa")]
    weak = tmp_path / "weak.yaml"
    weak.write_text(yaml.safe_dump({"id": "weak", "version": "1", "items": {"small_talk": {
        "examples": {"does": weather[:10], "doesnt": weather[10:]}}}}))
    res = CliRunner().invoke(cli_app, ["rubric", "check", str(weak)])
    assert res.exit_code == 1, res.output
    assert f"error: {weak}: item 'small_talk': its examples agree only" in res.stderr


def test_a_malformed_rubric_is_one_line_naming_the_file_and_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: 1\nitems:\n  agenda:\n    weight: heavy\n    detector: phrase\n")
    res = CliRunner().invoke(cli_app, ["rubric", "check", str(bad)])
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines == [f"error: {bad}: item 'agenda': weight: Input should be a valid number, "
                     "unable to parse string as a number"]
    few = tmp_path / "few.yaml"
    few.write_text("id: x\nversion: 1\nitems:\n  agenda:\n    examples: {does: [Here is our plan.], doesnt: []}\n")
    res = CliRunner().invoke(cli_app, ["rubric", "check", str(few)])
    assert res.exit_code == 2 and "item 'agenda': examples: 1 sentences that do it" in res.stderr


def test_one_store_holds_two_rubrics_and_the_team_view_picks_one(tmp_path):
    discovery = load_rubric(builtin_rubric_path("discovery_call"))
    d01 = ROOT / "sample_calls_discovery" / "d01_harbourline_dental_discovery.txt"
    store = Store.open(str(tmp_path / "two.db"))
    add_user(store, "maria", "manager", "manager-pass-1")
    store.save(load_call(d01), analyze(load_call(d01), discovery), "h-d01", str(d01))
    store.save(load_call(CALLS[0]), analyze(load_call(CALLS[0])), "h-s01", str(CALLS[0]))
    cfg = WebConfig.from_env(db=str(tmp_path / "two.db"), data_dir=tmp_path / "data")
    client = TestClient(create_app(cfg, store), follow_redirects=False)
    from test_web_kit import signin

    signin(client, "maria", "manager-pass-1")
    week = {c.rubric: c.week for c in (_Row(c) for c in store.calls())}
    mine = client.get(f"/team/weeks/{week['discovery_call']}?rubric=discovery_call").text
    theirs = client.get(f"/team/weeks/{week['backwards_close']}").text
    assert "Agenda set at the start" in mine and "Value recap before the timeline" not in mine
    assert "Value recap before the timeline" in theirs and "Agenda set at the start" not in theirs
    assert 'aria-label="Rubrics"' in mine and "Discovery call" in mine
    # a week with no call under the chosen rubric is an empty summary, not an error
    assert client.get(f"/team/weeks/{week['backwards_close']}?rubric=discovery_call").status_code == 200
    assert client.get(f"/team/weeks/{week['discovery_call']}?rubric=nope").status_code == 404


class _Row:
    def __init__(self, call):
        self.rubric, self.week = call.scorecard["rubric"]["id"], call.week
