"""The command line: exit codes, one-line errors, formats, eval, rubric check."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = """---
call_id: cli-good
rep: Dana
call_date: 2026-03-02
---
Lee: We need the new scheduler live before the spring audit on April 30.
Dana: Working back from April 30, training ends April 20 and the data import is done by April 6.
Dana: Can you approve phase one by this Friday?
Lee: Yes, I can do that.
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyzer", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture()
def calls(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "broken.json").write_text('{"turns": [ {"speaker": "A", "text": "hi"}, ]}')
    (tmp_path / "nodate.txt").write_text("---\nrep: Dana\n---\nDana: hello\nLee: hi\n")
    return tmp_path


def test_bad_files_fail_alone_with_one_line_each(calls: Path, tmp_path: Path):
    out = tmp_path / "reports"
    res = run("score", str(calls), "--out", str(out), "--format", "html", "--format", "json")
    assert res.returncode == 1
    assert "Traceback" not in res.stderr + res.stdout
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("broken.json:1" in e for e in errors)
    assert any("nodate.txt" in e and "call_date" in e for e in errors)
    assert (out / "cli-good.html").exists() and (out / "cli-good.json").exists()
    assert str(out / "cli-good.html") in res.stdout


def test_json_to_stdout_has_the_stable_keys(calls: Path):
    res = run("score", str(calls / "good.txt"), "--format", "json")
    assert res.returncode == 0, res.stderr
    card = json.loads(res.stdout)
    for key in ("call_id", "rep", "call_date", "score", "items", "milestones", "target",
                "pitfalls", "close_type", "checklist", "rubric", "stats"):
        assert key in card
    assert card["target"]["anchored_by"] == "buyer"
    assert card["milestones"]["count"] == 2
    assert card["items"]["dated_ask"]["status"] == "pass"
    assert card["items"]["dated_ask"]["evidence"][0]["quote"].startswith("Can you approve")


def test_metadata_options_override(calls: Path):
    res = run("score", str(calls / "nodate.txt"), "--call-date", "2026-03-02", "--format", "json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["call_date"] == "2026-03-02"


def test_usage_errors_exit_2(calls: Path):
    assert run("score", str(calls / "missing.txt")).returncode == 2
    assert run("score", str(calls / "good.txt"), "--format", "pdf").returncode == 2
    assert run("frobnicate").returncode == 2


def test_rubric_check_names_the_item(tmp_path: Path):
    ok = run("rubric", "check", str(ROOT / "rubrics" / "backwards_close.yaml"))
    assert ok.returncode == 0 and "ok" in ok.stdout
    text = (ROOT / "rubrics" / "backwards_close.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("detector: risk_relief", "detector: risk_releif"))
    res = run("rubric", "check", str(bad))
    assert res.returncode == 2
    assert "item 'risk_relief'" in res.stderr and "risk_releif" in res.stderr
    assert "Traceback" not in res.stderr


def test_detectors_lists_registry():
    res = run("detectors")
    assert res.returncode == 0
    for name in ("value_recap", "milestone_count", "pause_after_ask", "phrase", "missing_stakeholder"):
        assert name in res.stdout


def test_eval_reports_agreement(calls: Path, tmp_path: Path):
    folder = tmp_path / "labelled"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "labels.csv").write_text(
        "file,value_summary,buyer_anchored_date,milestones,milestone_count,credible,dated_ask,"
        "pause,risk_relief,map_captured,pitfalls,close_type\n"
        "good.txt,fail,pass,partial,2,true,pass,pass,pass,fail,,backwards\n")
    res = run("eval", str(folder), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["calls"] == 1
    assert data["close_type_accuracy"] == 1.0
    assert data["items"]["dated_ask"]["agreement"] == 1.0
