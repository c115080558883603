"""Shared fixtures: a real PostgreSQL server for store tests."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

PG_BIN_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"]


def _pg_bin(name: str) -> str | None:
    for d in PG_BIN_DIRS:
        if Path(d, name).exists():
            return str(Path(d, name))
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the 'postgres' user."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def pg_url():
    """A URL of a real, private PostgreSQL server: $CALLREVIEW_PG_URL, or one started here.
    Skips when no server can be had, unless $CALLREVIEW_REQUIRE_PG is set (CI sets it)."""
    if os.environ.get("CALLREVIEW_PG_URL"):
        yield os.environ["CALLREVIEW_PG_URL"]
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        if os.environ.get("CALLREVIEW_REQUIRE_PG"):
            pytest.fail("PostgreSQL server binaries not found (apt-get install postgresql)")
        pytest.skip("PostgreSQL server not installed")
    base = Path(tempfile.mkdtemp(prefix="callreview-pg-"))
    data = base / "data"
    os.chmod(base, 0o777)
    port = _free_port()
    subprocess.run(_as_postgres([initdb, "-D", str(data), "-U", "callreview", "--auth=trust", "-E", "UTF8"]),
                   check=True, capture_output=True)
    subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w", "-o",
                                 f"-p {port} -k {base} -c listen_addresses=127.0.0.1", "start"]),
                   check=True, capture_output=True)
    try:
        subprocess.run(_as_postgres([_pg_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port),
                                     "-U", "callreview", "callreview_test"]), check=True, capture_output=True)
        yield f"postgresql+psycopg://callreview@127.0.0.1:{port}/callreview_test"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
