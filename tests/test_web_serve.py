"""`callreview serve` and `callreview users` as a person runs them: real processes, real HTTP."""
from __future__ import annotations

import re
import signal
import time

import httpx

from analyzer.store import Store
from analyzer.web.accounts import authenticate, list_users
from test_web_kit import PASSWORDS, SAMPLES, Server, cli, http_signin, token


def test_users_add_and_list(tmp_path):
    db = str(tmp_path / "cr.db")
    done = cli("users", "add", "maria", "--role", "manager", "--password-stdin", "--db", db,
               stdin="manager-pass-1\n")
    assert done.returncode == 0 and "added manager 'maria'" in done.stdout
    done = cli("users", "add", "dana", "--role", "rep", "--password-stdin", "--db", db,
               stdin="dana-pass-12\n")
    assert done.returncode == 0 and "sees calls of rep 'dana'" in done.stdout  # label = name
    done = cli("users", "add", "dr", "--role", "rep", "--rep-label", "Dana  Ruiz", "--db", db,
               "--password-stdin", stdin="dana-pass-12\n")
    assert "'Dana Ruiz'" in done.stdout
    for args, stdin, message in (
            (["maria", "--role", "manager"], "another-pass-1\n", "already exists"),
            (["kim", "--role", "boss"], "long-enough-1\n", "--role must be manager or rep"),
            (["kim", "--role", "rep"], "short\n", "at least 12 characters"),
            (["../kim", "--role", "rep"], "long-enough-1\n", "user name")):
        done = cli("users", "add", *args, "--password-stdin", "--db", db, stdin=stdin)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
    listing = cli("users", "list", "--db", db).stdout
    assert "maria" in listing and "Dana Ruiz" in listing and "pass" not in listing
    store = Store.open(db)
    with store.engine.connect() as conn:
        hashes = [r[0] for r in conn.exec_driver_sql("SELECT password_hash FROM users")]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert authenticate(store, "maria", "manager-pass-1").role == "manager"
    assert authenticate(store, "maria", "manager-pass-2") is None
    assert [u.name for u in list_users(store)] == ["dana", "dr", "maria"]


def test_serve_keeps_uploads_across_a_restart_and_its_worker_finishes_them(tmp_path):
    db, data = tmp_path / "cr.db", tmp_path / "uploads"
    assert cli("users", "add", "maria", "--role", "manager", "--password-stdin", "--db", str(db),
               stdin=PASSWORDS["maria"] + "\n").returncode == 0
    call = SAMPLES / "s03_larchmont_admissions_proposal_review.txt"
    server = Server(db, data, workers=0).wait_ready()  # a server whose worker never runs
    try:
        client = http_signin(server.url, "maria")
        csrf = token(client.get("/upload").text)
        response = client.post("/upload", data={"csrf_token": csrf},
                               files={"files": (call.name, call.read_bytes(), "text/plain")})
        assert response.status_code == 200
        [job] = client.get("/api/jobs").json()["jobs"]
        assert job["status"] == "queued"
    finally:
        server.stop()
    assert server.proc.returncode is not None
    server = Server(db, data, workers=1).wait_ready()  # restarted, now with a worker
    try:
        client = http_signin(server.url, "maria")
        deadline = time.monotonic() + 120
        while (job := client.get(f"/api/jobs/{job['id']}").json())["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline, server.log.read_text()[-2000:]
            time.sleep(0.5)
        assert job["status"] == "done", job
        assert "Larchmont" in client.get(f"/calls/{job['call']}").text
        assert httpx.get(server.url + "/api/calls").status_code == 401
    finally:
        server.stop()
    assert "worker" in server.log.read_text() and "done, call" in server.log.read_text()


# --- workers: memory, parallelism, and dying with the server ----------------------------------
def _long_call(words: int, account: str) -> bytes:
    head = f"---\ncall_date: 2026-04-08\nrep: Tessa\naccount: {account}\n---\n".encode()
    line = b"Tessa: We went through the rollout plan step by step with the whole team today.\n"
    return head + line * (words // 14 + 1)


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper is dead)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait_job(client: httpx.Client, job_id: int, server: Server, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while (job := client.get(f"/api/jobs/{job_id}").json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, server.log.read_text()[-2000:]
        time.sleep(0.5)
    return job


def _upload(client: httpx.Client, files) -> list[int]:
    csrf = token(client.get("/upload").text)
    response = client.post("/upload", data={"csrf_token": csrf},
                           files=[("files", (name, body, "text/plain")) for name, body in files])
    assert response.status_code == 200, response.text[-500:]
    return sorted(j["id"] for j in client.get("/api/jobs").json()["jobs"])


def test_serve_runs_n_workers_and_each_stays_under_the_memory_cap(tmp_path):
    from analyzer.web.limits import MAX_CALL_WORDS, WORKER_MEMORY_MB

    db, data = tmp_path / "cr.db", tmp_path / "uploads"
    assert cli("users", "add", "maria", "--role", "manager", "--password-stdin", "--db", str(db),
               stdin=PASSWORDS["maria"] + "\n").returncode == 0
    server = Server(db, data, workers=2).wait_ready()
    try:
        client = http_signin(server.url, "maria")
        ids = _upload(client, [(f"long-{n}.txt", _long_call(MAX_CALL_WORDS - 100, f"Long {n}"))
                               for n in (1, 2)])
        assert [_wait_job(client, i, server)["status"] for i in ids] == ["done", "done"]
    finally:
        server.stop()
    log = server.log.read_text()
    ready = set(re.findall(r"worker (\d+): ready", log))
    done = re.findall(r"worker (\d+): job \d+ \(long-\d\.txt\): done, call \d+, [\d.]+ s, peak (\d+) MB", log)
    assert len(ready) == 2 and len(done) == 2, log[-3000:]
    assert {pid for pid, _ in done} == ready  # the two calls ran in the two workers at once
    assert all(int(peak) < WORKER_MEMORY_MB for _, peak in done), done


def test_serve_killed_with_sigkill_mid_job_runs_the_job_exactly_once_after_a_restart(tmp_path):
    db, data = tmp_path / "cr.db", tmp_path / "uploads"
    assert cli("users", "add", "maria", "--role", "manager", "--password-stdin", "--db", str(db),
               stdin=PASSWORDS["maria"] + "\n").returncode == 0
    env = {"CALLREVIEW_JOB_LEASE_S": "4"}
    first = Server(db, data, workers=1, env=env, log=tmp_path / "first.log").wait_ready()
    try:
        client = http_signin(first.url, "maria")
        [job_id] = _upload(client, [("long.txt", _long_call(40_000, "Long Call Co"))])
        deadline = time.monotonic() + 120
        while client.get(f"/api/jobs/{job_id}").json()["status"] != "running":
            assert time.monotonic() < deadline, first.log.read_text()[-2000:]
            time.sleep(0.2)
        time.sleep(1)
        [worker] = [int(p) for p in re.findall(r"worker (\d+): ready", first.log.read_text())]
        assert _alive(worker)
        first.proc.send_signal(signal.SIGKILL)  # mid-job
        first.proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while _alive(worker):  # the worker dies with its server
            assert time.monotonic() < deadline, f"worker {worker} outlived its server"
            time.sleep(0.1)
    finally:
        first.stop()
    store = Store.open(str(db))
    with store.engine.connect() as conn:
        status, attempts = conn.exec_driver_sql(
            f"SELECT status, attempts FROM jobs WHERE id = {job_id}").one()
    assert (status, attempts) == ("running", 1)  # claimed, leased, never finished

    second = Server(db, data, workers=1, env=env, log=tmp_path / "second.log").wait_ready()
    try:
        job = _wait_job(http_signin(second.url, "maria"), job_id, second)
    finally:
        second.stop()
    assert job["status"] == "done", job
    logs = first.log.read_text() + second.log.read_text()
    assert len(re.findall(rf"job {job_id} \(long\.txt\): done", logs)) == 1, logs[-3000:]
    assert "done" not in first.log.read_text()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql(f"SELECT attempts FROM jobs WHERE id = {job_id}").scalar() == 2
    assert store.count("calls") == 1
