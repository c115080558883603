"""The weekly batch on Ray: a real local cluster (a head and one more node, each started with
`ray start`) scoring into PostgreSQL gives the local batch's scorecards, failures and reports,
call for call; a Ray worker killed mid-batch and a driver killed mid-batch both end with every
call stored once; recordings through Transcriber actors, files shipped by the object store.

Skips without Ray, unless $CALLREVIEW_REQUIRE_RAY is set (CI sets it, and `make test`
installs the 'cluster' extra), so there a missing Ray fails the run.
"""
from __future__ import annotations

import importlib.util
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from analyzer.batch import run_batch
from analyzer.ingest import AUDIO_SUFFIXES
from analyzer.store import Store
from recordings import make_recordings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import local_ray  # noqa: E402
from synth import write_calls  # noqa: E402

BROKEN_VTT = "WEBVTT\n\n00:00:01.000 --> nonsense\nDana: hi\n"


def _require_ray() -> None:
    if importlib.util.find_spec("ray") is None:
        if os.environ.get("CALLREVIEW_REQUIRE_RAY"):
            pytest.fail("Ray is not installed: pip install '.[cluster]'")
        pytest.skip("Ray is not installed (pip install '.[cluster]')")


@pytest.fixture(scope="module")
def cluster():
    """A head and one more node, one CPU each: two Analysts, one on each node."""
    _require_ray()
    started = local_ray.start(worker_nodes=1, head_cpus=1,
                              extra_env={"CALLREVIEW_CACHE": tempfile.mkdtemp(prefix="cr-cache-")})
    try:
        assert started.alive_nodes() == 2
        yield started
    finally:
        started.stop()
        shutil.rmtree(started.env["CALLREVIEW_CACHE"], ignore_errors=True)


@pytest.fixture(scope="module")
def week_inbox(tmp_path_factory) -> Path:
    """200 generated transcripts, a broken one, and 3 short recordings: stereo, mono with its
    speaker timeline, and mono without one (speakers guessed)."""
    inbox = tmp_path_factory.mktemp("week")
    write_calls(inbox, 200, seed=12)
    (inbox / "broken.vtt").write_text(BROKEN_VTT)
    made = make_recordings(inbox / "recorded")
    mono = next(p for p in made.values() if p.suffix == ".mp3")
    guessed = mono.with_name("kestrel_guessed.wav")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(mono), str(guessed)], check=True)
    meta = mono.with_name(mono.stem + ".meta.yaml").read_text()
    guessed.with_name(guessed.stem + ".meta.yaml").write_text(
        re.sub(r"(?m)^call_id: .*$", "call_id: kestrel-guessed", meta))
    return inbox


def _schema(pg_url: str) -> str:
    """A fresh, empty schema on the test server: the URL of a store in it."""
    name = f"r_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    engine.dispose()
    return f"{pg_url}?options=-csearch_path%3D{name}"


def _batch_cmd(inbox: Path, db: str, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "analyzer", "batch", str(inbox), "--db", db, "--out", str(out),
            *extra]


def _batch(inbox: Path, db: str, out: Path, *extra: str, env=None):
    return subprocess.run(_batch_cmd(inbox, db, out, *extra), cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1200)


def _cards(db: str) -> dict[str, dict]:
    return {c.call_id: c.scorecard for c in Store.open(db).calls()}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _counted_row(stdout: str) -> list[int]:
    """scored, skipped, failed from the batch's table."""
    row = next(line for line in stdout.splitlines() if re.match(r"^\W*\d+\W+\d+\W+\d+\W*$", line))
    return [int(n) for n in re.findall(r"\d+", row)]


def _stored_once(db: str, n: int) -> None:
    store = Store.open(db)
    with store.engine.connect() as conn:
        per_call = conn.execute(sa.text("SELECT COUNT(*) FROM scorecards GROUP BY call_pk")).scalars().all()
        per_hash = conn.execute(sa.text("SELECT COUNT(*) FROM calls GROUP BY content_hash")).scalars().all()
        ids = conn.execute(sa.text("SELECT COUNT(DISTINCT call_id) FROM calls")).scalar()
    assert per_call == [1] * n and per_hash == [1] * n and ids == n


def _wait_for_scorecards(db: str, at_least: int, proc, seconds: float = 600) -> int:
    engine = sa.create_engine(db)
    deadline, scored = time.time() + seconds, 0
    try:
        while time.time() < deadline and proc.poll() is None and scored < at_least:
            try:
                with engine.connect() as conn:
                    scored = conn.execute(sa.text("SELECT COUNT(*) FROM scorecards")).scalar()
            except sa.exc.ProgrammingError:
                scored = 0  # tables not created yet
            time.sleep(0.1)
    finally:
        engine.dispose()
    return scored


def _analysts(cluster: local_ray.LocalRay, busy: bool) -> list[int]:
    """Process ids of our cluster's Analyst actors (busy: in the middle of a call)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            title = (proc / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if (title.startswith("ray::Analyst" + (".score" if busy else ""))
                and f"{local_ray.MARK}={cluster.base}".encode() in environ.split(b"\0")):
            found.append(int(proc.name))
    return found


def test_cluster_batch_equals_the_local_batch_call_for_call(cluster, week_inbox, pg_url, tmp_path):
    on_ray, local = _schema(pg_url), _schema(pg_url)
    ray_run = _batch(week_inbox, on_ray, tmp_path / "ray", "--cluster", "ray",
                     env=cluster.driver_env())
    local_run = _batch(week_inbox, local, tmp_path / "local", "--workers", "2",
                       env={**os.environ, "CALLREVIEW_CACHE": str(tmp_path / "local-cache")})
    for run in (ray_run, local_run):  # the broken file fails with one line; the rest went on
        assert run.returncode == 1, run.stderr[-3000:]
        assert _counted_row(run.stdout) == [203, 0, 1]
        failed = [line for line in run.stderr.splitlines() if line.startswith("failed:")]
        assert len(failed) == 1
        assert failed[0].startswith(f"failed: {week_inbox / 'broken.vtt'}: line 3: malformed WebVTT cue")
    cards = _cards(on_ray)
    assert len(cards) == 203 and cards == _cards(local)
    audio = [c for c in Store.open(on_ray).calls() if c.source_path.endswith(AUDIO_SUFFIXES)]
    assert len(audio) == 3 and all(c.scorecard["items"] for c in audio)
    assert Store.open(on_ray).failures() and (
        [f["reason"] for f in Store.open(on_ray).failures()]
        == [f["reason"] for f in Store.open(local).failures()])
    ray_files, local_files = _files(tmp_path / "ray"), _files(tmp_path / "local")
    assert len([n for n in ray_files if n.startswith("calls/")]) == 203
    assert any(n.startswith("team-") for n in ray_files) and ray_files == local_files
    again = _batch(week_inbox, on_ray, tmp_path / "ray", "--cluster", "ray",
                   env=cluster.driver_env())
    assert _counted_row(again.stdout) == [0, 203, 1]  # what this rubric version scored: skipped
    _stored_once(on_ray, 203)


def test_a_ray_worker_killed_mid_batch_the_batch_completes_every_call_stored_once(
        cluster, pg_url, tmp_path):
    inbox = tmp_path / "inbox"
    write_calls(inbox, 200, seed=13)
    db = _schema(pg_url)
    proc = subprocess.Popen(_batch_cmd(inbox, db, tmp_path / "out", "--cluster", "ray",
                                       "--no-reports"),
                            cwd=ROOT, env=cluster.driver_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for_scorecards(db, 20, proc) >= 20
        assert len(_analysts(cluster, busy=False)) == 2  # one on each node
        busy = []
        for _ in range(100):
            busy = _analysts(cluster, busy=True)
            if busy:
                break
            time.sleep(0.05)
        assert busy and proc.poll() is None, "no Analyst was mid-call"
        os.kill(busy[0], signal.SIGKILL)
        out, err = proc.communicate(timeout=1200)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-3000:]
    assert _counted_row(out) == [200, 0, 0]
    assert busy[0] not in _analysts(cluster, busy=False)
    _stored_once(db, 200)


def test_a_driver_killed_mid_batch_is_run_again_to_completion(cluster, pg_url, tmp_path):
    inbox = tmp_path / "inbox"
    write_calls(inbox, 120, seed=14)
    db = _schema(pg_url)
    cmd = _batch_cmd(inbox, db, tmp_path / "out", "--cluster", "ray", "--no-reports")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=cluster.driver_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    assert _wait_for_scorecards(db, 10, proc) >= 10
    assert proc.poll() is None, "batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = Store.open(db).count("scorecards")
    assert 10 <= stored < 120
    done = _batch(inbox, db, tmp_path / "out", "--cluster", "ray", "--no-reports",
                  env=cluster.driver_env())
    assert done.returncode == 0, done.stderr[-3000:]
    assert _counted_row(done.stdout) == [120 - stored, stored, 0]
    _stored_once(db, 120)


def test_recordings_through_transcriber_actors_and_shipped_files(tmp_path, monkeypatch):
    """The GPU path's two stages (Transcriber, then Analyst) on CPU, with every file sent
    through the object store: the local batch's scorecards, and failures that name the files
    as the driver knows them."""
    from analyzer.cluster import ray_runner

    _require_ray()
    inbox = tmp_path / "inbox"
    make_recordings(inbox)
    write_calls(inbox, 3, seed=15)
    (inbox / "c.txt").write_text("Lee: We need it live before April 30.\nDana: Can you sign by Friday?\n")
    (inbox / "c.meta.yaml").write_text("rep: Dana\ncall_date: 2026-13-02\n")
    monkeypatch.setenv("CALLREVIEW_CACHE", str(tmp_path / "cache-local"))
    local = run_batch(inbox, Store.open(str(tmp_path / "local.db")), workers=2)
    monkeypatch.setenv("CALLREVIEW_CACHE", str(tmp_path / "cache-ray"))
    # Ray's default for a new local instance is token auth, which it sets in os.environ:
    # set it here, so it does not outlive this test
    monkeypatch.setenv("RAY_AUTH_MODE", "token")
    monkeypatch.setenv("RAY_AUTH_TOKEN", secrets.token_hex(32))
    runner = ray_runner("auto", ship_files=True, local_cpus=1, transcribers=1)
    shipped = run_batch(inbox, Store.open(str(tmp_path / "ray.db")), workers=1, runner=runner,
                        report_dir=tmp_path / "reports")
    assert sorted(shipped.scored) == sorted(local.scored) and len(shipped.scored) == 5
    assert shipped.failed == local.failed
    [(path, reason)] = shipped.failed
    assert path == str(inbox / "c.txt") and reason.startswith(f"{inbox / 'c.meta.yaml'}:2: call_date")
    assert _cards(str(tmp_path / "ray.db")) == _cards(str(tmp_path / "local.db"))
    assert len(list((tmp_path / "reports").glob("*.html"))) == 5
    sources = {c.call_id: c.source_path for c in Store.open(str(tmp_path / "ray.db")).calls()}
    assert all(Path(s).parent == inbox for s in sources.values())
    assert list((tmp_path / "cache-ray").rglob("*.json"))  # transcribed by the actor, not cached before


def test_cluster_usage_errors_are_one_line(tmp_path):
    inbox = tmp_path / "inbox"
    write_calls(inbox, 1, seed=16)
    cases = {("--cluster", "yarn"): "--cluster must be 'ray', 'ray://HOST:PORT' or 'auto', got 'yarn'",
             ("--max-tasks-per-node", "2"): "--max-tasks-per-node and --ship-files need --cluster"}
    if importlib.util.find_spec("ray") is not None:
        cases[("--cluster", "ray://127.0.0.1:1")] = "cannot reach the Ray cluster at ray://127.0.0.1:1"
    for extra, message in cases.items():
        res = _batch(inbox, str(tmp_path / "u.db"), tmp_path / "out", *extra)
        assert res.returncode == 2, res.stderr
        assert res.stderr.strip().startswith(f"error: {message}") and "\n" not in res.stderr.strip()


def test_through_the_ray_client_with_shipped_files(cluster, tmp_path):
    """From outside the cluster (ray://), the files sent through the object store: the local
    batch's scorecards, and a sidecar's error named by the driver's path."""
    inbox = tmp_path / "inbox"
    write_calls(inbox, 6, seed=17)
    (inbox / "c.txt").write_text("Lee: We need it live before April 30.\nDana: Can you sign by Friday?\n")
    (inbox / "c.meta.yaml").write_text("rep: Dana\ncall_date: 2026-13-02\n")
    env = {**cluster.driver_env(), "RAY_ADDRESS": ""}
    far = _batch(inbox, str(tmp_path / "far.db"), tmp_path / "far", "--cluster", cluster.client,
                 "--ship-files", env=env)
    near = _batch(inbox, str(tmp_path / "near.db"), tmp_path / "near", "--workers", "1")
    assert far.returncode == near.returncode == 1, far.stderr[-3000:]
    assert _counted_row(far.stdout) == [6, 0, 1]
    failed = [line for line in far.stderr.splitlines() if line.startswith("failed:")]
    assert failed == [line for line in near.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1
    assert failed[0].startswith(f"failed: {inbox / 'c.txt'}: {inbox / 'c.meta.yaml'}:2: call_date")
    assert _cards(str(tmp_path / "far.db")) == _cards(str(tmp_path / "near.db"))
    assert _files(tmp_path / "far") == _files(tmp_path / "near")
