"""Helpers of the Ray cluster tests: skip without Ray (unless required), a fresh PostgreSQL
schema per run, the real `callreview batch` command, and what the store holds afterwards."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from analyzer.store import Store

ROOT = Path(__file__).resolve().parents[1]


def require_ray() -> None:
    if importlib.util.find_spec("ray") is None:
        if os.environ.get("CALLREVIEW_REQUIRE_RAY"):
            pytest.fail("Ray is not installed: pip install '.[cluster]'")
        pytest.skip("Ray is not installed (pip install '.[cluster]')")


def schema(pg_url: str) -> str:
    """A fresh, empty schema on the test server: the URL of a store in it."""
    name = f"r_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    engine.dispose()
    return f"{pg_url}?options=-csearch_path%3D{name}"


def batch_cmd(inbox: Path, db: str, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "analyzer", "batch", str(inbox), "--db", db, "--out", str(out),
            *extra]


def batch_on_cluster(inbox: Path, db: str, out: Path, env: dict) -> subprocess.Popen:
    """`callreview batch --cluster ray` started (not waited for), its output piped."""
    return subprocess.Popen(batch_cmd(inbox, db, out, "--cluster", "ray", "--no-reports"),
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def batch(inbox: Path, db: str, out: Path, *extra: str, env=None):
    return subprocess.run(batch_cmd(inbox, db, out, *extra), cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1200)


def cards(db: str) -> dict[str, dict]:
    return {c.call_id: c.scorecard for c in Store.open(db).calls()}


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def counted_row(stdout: str) -> list[int]:
    """scored, skipped, failed from the batch's table."""
    row = next(line for line in stdout.splitlines() if re.match(r"^\W*\d+\W+\d+\W+\d+\W*$", line))
    return [int(n) for n in re.findall(r"\d+", row)]


def stored_once(db: str, n: int) -> None:
    store = Store.open(db)
    with store.engine.connect() as conn:
        per_call = conn.execute(sa.text("SELECT COUNT(*) FROM scorecards GROUP BY call_pk")).scalars().all()
        per_hash = conn.execute(sa.text("SELECT COUNT(*) FROM calls GROUP BY content_hash")).scalars().all()
        ids = conn.execute(sa.text("SELECT COUNT(DISTINCT call_id) FROM calls")).scalar()
    assert per_call == [1] * n and per_hash == [1] * n and ids == n


def wait_for_scorecards(db: str, at_least: int, proc, seconds: float = 600) -> int:
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
