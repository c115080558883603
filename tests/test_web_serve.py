"""`callreview serve` and `callreview users` as a person runs them: real processes, real HTTP."""
from __future__ import annotations

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
            (["kim", "--role", "rep"], "short\n", "at least 8 characters"),
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
