"""Shared pieces of the web app tests (no tests here): a seeded store with a manager and two
reps, each rep with a scored call, and helpers to sign in and read CSRF tokens."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from analyzer.engine import analyze
from analyzer.ingest import load_call
from analyzer.store import Store
from analyzer.web import WebConfig, create_app
from analyzer.web.accounts import add_user

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_calls"
TESSA_CALL = SAMPLES / "s01_bramblewood_vet_final_decision.txt"  # rep: Tessa, 2026-W15
RENATA_CALL = SAMPLES / "s02_ironbark_freight_proposal_review.txt"  # rep: Renata, 2026-W17
PASSWORDS = {"maria": "manager-pass-1", "tessa": "tessa-pass-1", "renata": "renata-pass-1"}
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Web:
    cfg: WebConfig
    store: Store
    app: object
    tessa_call: int  # call keys
    renata_call: int

    def client(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)

    def signed_in(self, name: str) -> TestClient:
        client = self.client()
        signin(client, name, PASSWORDS[name])
        return client


def token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "no csrf_token field on the page"
    return found.group(1)


def signin(client: TestClient, name: str, password: str, next_path: str = "/"):
    page = client.get("/signin")
    response = client.post("/signin", data={"csrf_token": token(page.text), "name": name,
                                            "password": password, "next": next_path})
    assert response.status_code == 303, response.text[:500]
    return response


def page_token(client: TestClient, path: str = "/calls") -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return token(response.text)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> tuple[Path, int, int]:
    """A SQLite store with three accounts and two scored calls, built once and copied."""
    folder = tmp_path_factory.mktemp("web-seed")
    store = Store.open(str(folder / "seed.db"))
    add_user(store, "maria", "manager", PASSWORDS["maria"])
    add_user(store, "tessa", "rep", PASSWORDS["tessa"], "Tessa")
    add_user(store, "renata", "rep", PASSWORDS["renata"], "Renata")
    keys = []
    for path in (TESSA_CALL, RENATA_CALL):
        transcript = load_call(path)
        keys.append(store.save(transcript, analyze(transcript), f"seed-{path.stem}", str(path)))
    store.engine.dispose()  # checkpoints the WAL into the file
    return folder / "seed.db", keys[0], keys[1]


def make_web(tmp_path: Path, seeded_db, **cfg) -> Web:
    db, tessa, renata = seeded_db
    shutil.copy(db, tmp_path / "web.db")
    config = WebConfig.from_env(db=str(tmp_path / "web.db"), data_dir=tmp_path / "data", **cfg)
    store = Store.open(config.db)
    return Web(config, store, create_app(config, store), tessa, renata)


@pytest.fixture()
def web(tmp_path, seeded_db) -> Web:
    return make_web(tmp_path, seeded_db)


class Clock:
    """A stand-in for clock.utcnow that moves only when told (monkeypatch it in)."""

    def __init__(self):
        from analyzer.web.clock import utcnow

        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.now += timedelta(seconds=seconds)


# --- a real server in a subprocess ------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyzer", *args], input=stdin, text=True,
                          capture_output=True, timeout=120, cwd=ROOT)


class Server:
    """`callreview serve` on 127.0.0.1 and a free port, stopped like Ctrl-C stops it."""

    def __init__(self, db: Path, data_dir: Path, workers: int = 1, log: Path | None = None,
                 env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log or data_dir.parent / f"serve-{self.port}.log"
        self._log = open(self.log, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "analyzer", "serve", "--db", str(db), "--data-dir",
             str(data_dir), "--host", "127.0.0.1", "--port", str(self.port), "--workers",
             str(workers)], cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})})

    def wait_ready(self, timeout: float = 60) -> "Server":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/signin", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        raise AssertionError(f"server not ready in {timeout} s: {self.log.read_text()[-2000:]}")

    def wait_log(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log.read_text():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"no {text!r} in the server log: {self.log.read_text()[-2000:]}")
            time.sleep(0.25)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()


def http_signin(base: str, name: str) -> httpx.Client:
    """An httpx client signed in to a running server."""
    client = httpx.Client(base_url=base, timeout=30)
    page = client.get("/signin")
    response = client.post("/signin", data={"csrf_token": token(page.text), "name": name,
                                            "password": PASSWORDS[name]})
    assert response.status_code == 303, response.text[:300]
    return client
