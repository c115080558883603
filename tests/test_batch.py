"""Batch scoring: skip, rescore, parallel workers, a bad file in the middle, kill -9 and resume."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from analyzer.batch import content_hash, run_batch
from analyzer.store import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import write_calls  # noqa: E402


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    write_calls(folder, 12, seed=3)
    (folder / "sub").mkdir()
    (folder / "sub" / "broken.vtt").write_text("WEBVTT\n\n00:00:01.000 --> nonsense\nDana: hi\n")
    return folder


def test_batch_scores_skips_and_reports_failures(inbox: Path, tmp_path: Path):
    store = Store.open(str(tmp_path / "b.db"))
    first = run_batch(inbox, store, workers=2, report_dir=tmp_path / "reports")
    assert len(first.scored) == 12 and len(first.failed) == 1
    assert first.failed[0][0].endswith("broken.vtt") and "\n" not in first.failed[0][1]
    assert first.failed[0][1].startswith("line 3: malformed WebVTT cue")
    assert len(list((tmp_path / "reports").glob("*.html"))) == 12
    again = run_batch(inbox, store, workers=2)
    assert again.scored == [] and len(again.skipped) == 12 and len(again.failed) == 1
    assert store.count("scorecards") == 12 and store.count("calls") == 12
    assert [f["source_path"] for f in store.failures()] == [str(inbox / "sub" / "broken.vtt")]


def test_changed_call_and_rescore(inbox: Path, tmp_path: Path):
    store = Store.open(str(tmp_path / "b.db"))
    run_batch(inbox, store, workers=1)
    victim = sorted(inbox.glob("*.txt"))[0]
    victim.write_text(victim.read_text().replace("Thanks for the time today", "Thanks for joining"))
    changed = run_batch(inbox, store, workers=1)
    assert changed.scored == [str(victim)]
    redo = run_batch(inbox, store, workers=2, rescore=True)
    assert len(redo.scored) == 12
    with store.engine.connect() as conn:  # one scorecard per call and rubric version, always
        dup = conn.execute(sa.text("SELECT call_pk, COUNT(*) FROM scorecards GROUP BY call_pk, "
                                   "rubric_id, rubric_version HAVING COUNT(*) > 1")).all()
    assert dup == []


def test_parallel_and_serial_give_the_same_scores(inbox: Path, tmp_path: Path):
    a, b = Store.open(str(tmp_path / "a.db")), Store.open(str(tmp_path / "b.db"))
    run_batch(inbox, a, workers=1)
    run_batch(inbox, b, workers=2)
    scores = lambda s: sorted((c.call_id, c.scorecard["score"]) for c in s.calls())  # noqa: E731
    assert scores(a) == scores(b)


CALL = """Lee: We need the new scheduler live before the spring audit on April 30.
Dana: Working back from April 30, training ends April 20 and the data import is done by April 6.
Dana: Can you approve phase one by this Friday?
Lee: Yes, I can do that.
"""


@pytest.mark.parametrize("sidecar", [".meta.yaml", ".meta.yml", ".rttm", ".turns.json"])
def test_every_sidecar_that_shapes_the_scorecard_is_in_the_content_hash(tmp_path: Path, sidecar):
    call = tmp_path / "c.txt"
    call.write_text(CALL)
    bare = content_hash(call)
    assert bare == hashlib.sha256(call.read_bytes()).hexdigest()  # what the store already holds
    side = tmp_path / f"c{sidecar}"
    side.write_text("rep: Dana\n")
    with_side = content_hash(call)
    side.write_text("rep: Lee\n")
    assert len({bare, with_side, content_hash(call)}) == 3


def test_a_changed_meta_yml_sidecar_is_scored_again(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "c.txt").write_text(CALL)
    side = inbox / "c.meta.yml"
    side.write_text("call_id: c1\nrep: Dana\ncall_date: 2026-03-02\n")
    store = Store.open(str(tmp_path / "b.db"))
    assert len(run_batch(inbox, store, workers=1).scored) == 1
    side.write_text("call_id: c1\nrep: Lee\ncall_date: 2026-03-02\n")
    again = run_batch(inbox, store, workers=1)
    assert again.scored == [str(inbox / "c.txt")]
    assert [c.rep for c in store.calls() if c.call_id == "c1"][-1] == "Lee"


def test_failure_reasons_name_the_file_once(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "notes.txt").write_text("just some notes\nnothing said by anyone\n")
    (inbox / "c.txt").write_text(CALL)
    (inbox / "c.meta.yaml").write_text("rep: Dana\ncall_date: 2026-13-02\n")
    store = Store.open(str(tmp_path / "b.db"))
    summary = run_batch(inbox, store, workers=1)
    reasons = dict(summary.failed)
    assert reasons[str(inbox / "notes.txt")].startswith("no turns found")
    assert reasons[str(inbox / "c.txt")].startswith(f"{inbox / 'c.meta.yaml'}:2: call_date")
    assert {f["reason"] for f in store.failures()} == set(reasons.values())


def test_a_fault_in_the_analyzer_is_logged_with_its_traceback(tmp_path: Path, monkeypatch, caplog):
    import analyzer.engine

    def broken(*_args, **_kwargs):
        return {}["a bug"]

    monkeypatch.setattr(analyzer.engine, "analyze", broken)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "c.txt").write_text(CALL)
    (inbox / "c.meta.yaml").write_text("rep: Dana\ncall_date: 2026-03-02\n")
    store = Store.open(str(tmp_path / "b.db"))
    with caplog.at_level("ERROR", logger="analyzer"):
        summary = run_batch(inbox, store, workers=1)
    [(path, reason)] = summary.failed
    assert reason.startswith("could not be analyzed: an unexpected error in the analyzer (KeyError)")
    assert "\n" not in reason and "cannot read" not in reason
    [record] = caplog.records
    assert str(inbox / "c.txt") in record.getMessage()
    assert "Traceback" in record.getMessage() and "KeyError: 'a bug'" in record.getMessage()


def test_kill_9_half_way_then_resume_scores_every_call_exactly_once(tmp_path: Path):
    inbox = tmp_path / "inbox"
    paths = write_calls(inbox, 300, seed=11)
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "analyzer", "batch", str(inbox), "--db", str(db),
           "--workers", "1", "--no-reports", "--out", str(tmp_path / "out")]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    engine = sa.create_engine(f"sqlite:///{db}")
    deadline, scored = time.time() + 240, 0
    while time.time() < deadline and proc.poll() is None:
        try:
            with engine.connect() as conn:
                scored = conn.execute(sa.text("SELECT COUNT(*) FROM scorecards")).scalar()
        except sa.exc.OperationalError:
            scored = 0  # tables not created yet
        if scored >= 5:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    engine.dispose()
    assert 5 <= scored < len(paths)
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    store = Store.open(str(db))
    assert store.count("calls") == len(paths)
    with store.engine.connect() as conn:
        per_call = conn.execute(sa.text("SELECT COUNT(*) FROM scorecards GROUP BY call_pk")).scalars().all()
    assert per_call == [1] * len(paths)
