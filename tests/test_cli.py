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


# --- in-process (no interpreter start per command) ----------------------------------------------
def invoke(*args: str):
    """Run a command in this process; a fault's log goes to the temp folder, not the repo."""
    import tempfile

    from typer.testing import CliRunner

    from analyzer.cli import app

    log = Path(tempfile.gettempdir()) / "callreview-tests.log"
    return CliRunner().invoke(app, list(args), env={"CALLREVIEW_LOG": str(log)})


@pytest.mark.parametrize("form", ["--out={}", "-o{}", "--out {}"])
def test_out_option_in_every_form_writes_the_file_not_stdout(calls: Path, tmp_path: Path, form):
    out = tmp_path / "reports"
    res = invoke("score", str(calls / "good.txt"), "--format", "json", *form.format(out).split())
    assert res.exit_code == 0, res.output
    assert (out / "cli-good.json").exists()
    assert not res.stdout.lstrip().startswith("{")  # the JSON went to the file, not stdout


def test_rubric_check_compiles_every_pattern_and_names_file_key_and_reason(tmp_path: Path):
    text = (ROOT / "rubrics" / "backwards_close.yaml").read_text()
    bad = tmp_path / "bad_regex.yaml"
    bad.write_text(text.replace("- yes[- ]or[- ]no", "- yes[- ]or[- no").replace(
        "- last chance", "- (?i)last chance"))
    res = invoke("rubric", "check", str(bad))
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 2, res.stderr
    assert all(str(bad) in ln for ln in lines)
    assert "pitfalls.binary_trap.params.patterns[0]" in lines[0]
    assert "unterminated character set" in lines[0]
    assert "pitfalls.binary_trap.params.patterns[7]" in lines[1]
    assert "global flags not at the start" in lines[1]


def test_a_fault_in_the_analyzer_is_one_line_with_the_traceback_in_the_log(
        calls: Path, tmp_path: Path, monkeypatch):
    import analyzer.engine

    def broken(*_args, **_kwargs):
        return {}["a bug"]

    monkeypatch.setattr(analyzer.engine, "analyze", broken)
    log = tmp_path / "callreview.log"
    res = invoke("--log-file", str(log), "score", str(calls / "good.txt"), "--out", str(tmp_path))
    assert res.exit_code == 1
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in res.stderr
    assert "good.txt" in errors[0] and "KeyError" in errors[0] and str(log) in errors[0]
    assert "cannot read" not in errors[0]  # a bug is not the file's fault
    logged = log.read_text()
    assert "Traceback" in logged and "KeyError: 'a bug'" in logged and "good.txt" in logged


def test_no_log_file_when_nothing_went_wrong(calls: Path, tmp_path: Path):
    log = tmp_path / "callreview.log"
    res = invoke("--log-file", str(log), "score", str(calls / "good.txt"), "--out", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert not log.exists()


def test_an_overlong_turn_is_refused_in_our_words(tmp_path: Path):
    call = tmp_path / "long.txt"
    call.write_text(GOOD + "Lee: " + "We need it live before the audit. " * 30_000 + "\n")
    res = invoke("score", str(call), "--out", str(tmp_path / "reports"))
    assert res.exit_code == 1
    [line] = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert line.count("long.txt") == 1 and "turn 5 (Lee)" in line and "1,000,000" in line
    for raw in ("max_length", "E088", "ValueError", "spaCy"):
        assert raw not in res.stderr


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-02"])
def test_a_call_date_out_of_range_is_refused_in_our_words(tmp_path: Path, day):
    call = tmp_path / "far.txt"
    call.write_text(GOOD.replace("2026-03-02", day) + "Lee: By the 31st of December next year.\n")
    res = invoke("score", str(call), "--out", str(tmp_path / "reports"))
    assert res.exit_code == 1
    [line] = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert f"far.txt: call_date {day} is not a date the analyzer can work with" in line


def test_a_fault_outside_any_call_is_one_line_and_logged(tmp_path: Path, monkeypatch, capsys):
    import analyzer.cli as cli
    from analyzer.logs import log_to_file

    def crash():
        raise RuntimeError("store schema drifted")

    log = log_to_file(tmp_path / "cr.log")
    monkeypatch.setattr(cli, "app", crash)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError" in err and str(log) in err
    assert "Traceback" in log.read_text() and "store schema drifted" in log.read_text()
