"""Overrides in the command line's outputs: the call report file, the rep scorecard and the
team summary, and the exports show the manager's verdict and the score it gives, with the
analyzer's beside it; `callreview override --withdraw` takes one back."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analyzer.engine import analyze
from analyzer.exports import export_frame
from analyzer.ingest import load_call
from analyzer.overrides import apply_overrides, effective_score
from analyzer.reporting import build_call_report, render_call_report, write_call_report
from analyzer.rubric import load_rubric
from analyzer.store import Store
from analyzer.team_reports import build_rep_scorecard, build_team_summary
from test_web_kit import TESSA_CALL, cli


@pytest.fixture(scope="module")
def scored():
    transcript = load_call(TESSA_CALL)
    return transcript, analyze(transcript)


@pytest.fixture()
def store(tmp_path, scored):
    transcript, card = scored
    store = Store.open(str(tmp_path / "team.db"))
    report = write_call_report(card, tmp_path / "calls", "html", transcript)
    store.save(transcript, card, "hash-tessa", str(TESSA_CALL), str(report))
    return store


def test_apply_overrides_recomputes_score_and_checklist_and_keeps_the_analyzers(scored):
    _, card = scored
    rubric = load_rubric()
    effective, review = apply_overrides(card, {"pause": {"status": "fail", "note": "n", "author": "mia"}},
                                        rubric)
    assert effective.items["pause"].status == "fail" and card.items["pause"].status == "pass"
    assert effective.score == 88 and review.machine_score == 100
    assert effective.checklist["dated_ask_and_pause"] is False
    assert effective.items["pause"].coaching == rubric.item("pause").coaching["fail"]
    verdict = review.verdicts["pause"]
    assert (verdict.status, verdict.machine, verdict.note, verdict.author) == ("fail", "pass", "n", "mia")
    assert apply_overrides(card, {}, rubric) == (card, None)
    md = render_call_report(build_call_report(effective, None, review), "md")
    assert "**Score 88/100**" in md and "analyzer: 100" in md
    assert "manager: ✗ fail (analyzer: ✓ pass)" in md


def test_reports_and_exports_from_the_store_use_the_overridden_verdict(store):
    store.add_override("s01-bramblewood-final-2026-04-07", "pause", "fail", "talked over", "mia")
    [call] = store.calls()
    assert effective_score(call) == 88
    frame = export_frame([call])
    assert frame.loc[0, "score"] == 88 and frame.loc[0, "machine_score"] == 100
    assert frame.loc[0, "pause"] == "fail" and frame.loc[0, "overridden"] == "pause"
    card = build_rep_scorecard([call], "Tessa", "2026-W15")
    assert card.mean_score == 88 and card.calls[0].score == 88
    summary = build_team_summary([call], [], "2026-W15")
    assert summary.mean_score == 88 and summary.scores == (88,)


def test_the_override_command_rewrites_the_call_report_and_withdraw_takes_it_back(store, tmp_path):
    [call] = store.calls()
    report = Path(call.report_path)
    assert "analyzer:" not in report.read_text()
    db = str(tmp_path / "team.db")
    done = cli("override", call.call_id, "pause", "fail", "--note", "talked over", "--db", db)
    assert done.returncode == 0, done.stderr
    html = report.read_text()
    assert ">88<" in html and "analyzer: 100" in html and "talked over" in html
    done = cli("export", "--out", str(tmp_path / "calls.csv"), "--db", db)
    assert done.returncode == 0, done.stderr
    row = pd.read_csv(tmp_path / "calls.csv").iloc[0]
    assert (row["score"], row["machine_score"], row["pause"]) == (88, 100, "fail")

    done = cli("override", call.call_id, "pause", "--withdraw", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "withdrawn" in done.stdout
    assert store.calls()[0].overrides == {} and "analyzer:" not in report.read_text()
    assert ">100<" in report.read_text()
    done = cli("override", call.call_id, "pause", "--withdraw", "--db", db)
    assert done.returncode == 1 and "no manager override" in done.stderr
    done = cli("override", call.call_id, "pause", "--db", db)
    assert done.returncode == 2 and "pass, partial or fail" in done.stderr


def test_the_batchs_team_reports_rewrite_the_report_files_of_reviewed_calls(store, tmp_path):
    from analyzer.cli.team import _write_team_reports

    [call] = store.calls()
    report = Path(call.report_path)
    store.add_override(call.call_id, "pause", "fail", "in the app", "maria")  # as the web app does
    paths = _write_team_reports(store, None, tmp_path / "out", None)
    assert "analyzer: 100" in report.read_text() and "in the app" in report.read_text()
    rep_md = next(p for p in paths if p.name.startswith("rep-") and p.suffix == ".md")
    assert "**Mean score 88/100**" in rep_md.read_text()
    store.withdraw_override(call.call_id, "pause", "maria")
    _write_team_reports(store, None, tmp_path / "out", None)
    assert "analyzer:" not in report.read_text() and ">100<" in report.read_text()
