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
from pathlib import Path

import pytest

from analyzer.batch import run_batch
from analyzer.ingest import AUDIO_SUFFIXES
from analyzer.store import Store
from cluster_helpers import (batch, batch_cmd, batch_on_cluster, cards, counted_row, files,
                             require_ray, schema, stored_once, wait_for_scorecards)
from recordings import make_recordings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import local_ray  # noqa: E402
from synth import write_calls  # noqa: E402

BROKEN_VTT = "WEBVTT\n\n00:00:01.000 --> nonsense\nDana: hi\n"


@pytest.fixture(scope="module")
def cluster():
    """A head and one more node, one CPU each: two Analysts, one on each node."""
    require_ray()
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


def _analysts(cluster: local_ray.LocalRay, busy: bool) -> list[int]:
    """Process ids of our cluster's Analyst actors (busy: in the middle of a call)."""
    return cluster.processes("ray::Analyst.score" if busy else "ray::Analyst")


def test_cluster_batch_equals_the_local_batch_call_for_call(cluster, week_inbox, pg_url, tmp_path):
    on_ray, local = schema(pg_url), schema(pg_url)
    ray_run = batch(week_inbox, on_ray, tmp_path / "ray", "--cluster", "ray",
                     env=cluster.driver_env())
    local_run = batch(week_inbox, local, tmp_path / "local", "--workers", "2",
                       env={**os.environ, "CALLREVIEW_CACHE": str(tmp_path / "local-cache")})
    for run in (ray_run, local_run):  # the broken file fails with one line; the rest went on
        assert run.returncode == 1, run.stderr[-3000:]
        assert counted_row(run.stdout) == [203, 0, 1]
        failed = [line for line in run.stderr.splitlines() if line.startswith("failed:")]
        assert len(failed) == 1
        assert failed[0].startswith(f"failed: {week_inbox / 'broken.vtt'}: line 3: malformed WebVTT cue")
    on_ray_cards = cards(on_ray)
    assert len(on_ray_cards) == 203 and on_ray_cards == cards(local)
    audio = [c for c in Store.open(on_ray).calls() if c.source_path.endswith(AUDIO_SUFFIXES)]
    assert len(audio) == 3 and all(c.scorecard["items"] for c in audio)
    assert Store.open(on_ray).failures() and (
        [f["reason"] for f in Store.open(on_ray).failures()]
        == [f["reason"] for f in Store.open(local).failures()])
    ray_files, local_files = files(tmp_path / "ray"), files(tmp_path / "local")
    assert len([n for n in ray_files if n.startswith("calls/")]) == 203
    assert any(n.startswith("team-") for n in ray_files) and ray_files == local_files
    again = batch(week_inbox, on_ray, tmp_path / "ray", "--cluster", "ray",
                   env=cluster.driver_env())
    assert counted_row(again.stdout) == [0, 203, 1]  # what this rubric version scored: skipped
    stored_once(on_ray, 203)


def test_a_ray_worker_killed_mid_batch_the_batch_completes_every_call_stored_once(
        cluster, pg_url, tmp_path):
    inbox = tmp_path / "inbox"
    write_calls(inbox, 200, seed=13)
    db = schema(pg_url)
    proc = batch_on_cluster(inbox, db, tmp_path / "out", cluster.driver_env())
    try:
        assert wait_for_scorecards(db, 20, proc) >= 20
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
    assert counted_row(out) == [200, 0, 0]
    assert busy[0] not in _analysts(cluster, busy=False)
    stored_once(db, 200)


def test_a_driver_killed_mid_batch_is_run_again_to_completion(cluster, pg_url, tmp_path):
    inbox = tmp_path / "inbox"
    write_calls(inbox, 120, seed=14)
    db = schema(pg_url)
    cmd = batch_cmd(inbox, db, tmp_path / "out", "--cluster", "ray", "--no-reports")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=cluster.driver_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    assert wait_for_scorecards(db, 10, proc) >= 10
    assert proc.poll() is None, "batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = Store.open(db).count("scorecards")
    assert 10 <= stored < 120
    done = batch(inbox, db, tmp_path / "out", "--cluster", "ray", "--no-reports",
                  env=cluster.driver_env())
    assert done.returncode == 0, done.stderr[-3000:]
    assert counted_row(done.stdout) == [120 - stored, stored, 0]
    stored_once(db, 120)


def test_recordings_through_transcriber_actors_and_shipped_files(tmp_path, monkeypatch):
    """The GPU path's two stages (Transcriber, then Analyst) on CPU, with every file sent
    through the object store: the local batch's scorecards, and failures that name the files
    as the driver knows them."""
    from analyzer.cluster import ray_runner

    require_ray()
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
    assert cards(str(tmp_path / "ray.db")) == cards(str(tmp_path / "local.db"))
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
        res = batch(inbox, str(tmp_path / "u.db"), tmp_path / "out", *extra)
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
    far = batch(inbox, str(tmp_path / "far.db"), tmp_path / "far", "--cluster", cluster.client,
                 "--ship-files", env=env)
    near = batch(inbox, str(tmp_path / "near.db"), tmp_path / "near", "--workers", "1")
    assert far.returncode == near.returncode == 1, far.stderr[-3000:]
    assert counted_row(far.stdout) == [6, 0, 1]
    failed = [line for line in far.stderr.splitlines() if line.startswith("failed:")]
    assert failed == [line for line in near.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1
    assert failed[0].startswith(f"failed: {inbox / 'c.txt'}: {inbox / 'c.meta.yaml'}:2: call_date")
    assert cards(str(tmp_path / "far.db")) == cards(str(tmp_path / "near.db"))
    assert files(tmp_path / "far") == files(tmp_path / "near")


def test_without_ray_installed_the_cluster_is_a_one_line_error(monkeypatch, tmp_path):
    from analyzer.cluster import ClusterError, ray_runner

    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` meets without the extra
    inbox = tmp_path / "inbox"
    write_calls(inbox, 2, seed=18)
    store = Store.open(str(tmp_path / "x.db"))
    with pytest.raises(ClusterError, match=r"^--cluster needs Ray: pip install 'callreview\[cluster\]'$"):
        run_batch(inbox, store, runner=ray_runner("auto"))
    assert store.count("calls") == 0 and store.failures() == []


def test_a_ray_client_refused_once_is_tried_again(monkeypatch):
    """The Ray Client server can refuse a first connection under load ("Initialization
    failure from server"); a ray:// address is tried again before the batch gives up."""
    from analyzer import cluster

    class FlakyRay:
        def __init__(self, failures):
            self.failures, self.calls, self.shut = failures, 0, False

        def init(self, **kwargs):
            self.calls += 1
            if self.calls <= self.failures:
                raise ConnectionError("Initialization failure from server:")

        def shutdown(self):
            self.shut = True

    monkeypatch.setattr(cluster, "CLIENT_RETRY_S", 0.0)
    monkeypatch.setattr(cluster, "_check_reachable", lambda address: None)
    ray = FlakyRay(failures=1)
    with cluster._connected(ray, "ray://127.0.0.1:10001", None):
        pass
    assert ray.calls == 2 and ray.shut
    ray = FlakyRay(failures=cluster.CLIENT_TRIES)
    with pytest.raises(cluster.ClusterError, match="cannot reach the Ray cluster"):
        with cluster._connected(ray, "ray://127.0.0.1:10001", None):
            pass
