"""A local Ray cluster, started the way a deployment starts one: `ray start --head`, then
`ray start --address HEAD` once per worker node, each node with a few CPUs and a small object
store, token authentication with a token of its own. Used by tests/test_cluster.py and
bench_cluster.py. Every process of the cluster carries MARK in its environment, so `stop()`
ends exactly those (not `ray stop`, which ends every Ray process of the user on the machine).
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MARK = "CALLREVIEW_LOCAL_RAY"  # in the environment of every process of the cluster: its folder
OBJECT_STORE_BYTES = 200 * 1024 * 1024


def ray_cli() -> str:
    beside = Path(sys.executable).with_name("ray")
    return str(beside) if beside.exists() else shutil.which("ray") or "ray"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class LocalRay:
    address: str  # the head's GCS, host:port
    client: str  # the head's Ray Client server, ray://host:port
    base: Path  # Ray's temp folder for this cluster
    env: dict[str, str]  # of every process of the cluster: auth token, MARK, the caller's extras

    def driver_env(self, **extra: str) -> dict[str, str]:
        """The environment for `callreview batch --cluster ray` on this cluster."""
        auth = {k: self.env[k] for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN")}
        return {**os.environ, **auth, "RAY_ADDRESS": self.address, **extra}

    def alive_nodes(self) -> int:
        probe = subprocess.run(
            [sys.executable, "-c", "import ray; ray.init(logging_level='ERROR'); "
             "print('alive nodes:', sum(n['Alive'] for n in ray.nodes()))"],
            env=self.driver_env(), capture_output=True, text=True, timeout=120)
        found = re.search(r"^alive nodes: (\d+)$", probe.stdout, re.M)
        if not found:
            raise RuntimeError(f"cannot count the nodes: {probe.stderr[-2000:]}")
        return int(found.group(1))

    def processes(self, named: str = "") -> list[int]:
        """Process ids of this cluster (MARK in their environment), `named`: cmdline contains."""
        found = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit() or int(proc.name) == os.getpid():
                continue
            try:
                environ = (proc / "environ").read_bytes().split(b"\0")
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if f"{MARK}={self.base}".encode() in environ and named in cmdline:
                found.append(int(proc.name))
        return found

    def stop(self) -> None:
        """End this cluster's processes (not any other Ray on the machine), then its folder."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in self.processes():
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.time() + 15
            while self.processes() and time.time() < deadline:
                time.sleep(0.2)
        shutil.rmtree(self.base, ignore_errors=True)


def start(worker_nodes: int, head_cpus: int = 1, cpus_per_node: int = 1,
          extra_env: dict[str, str] | None = None) -> LocalRay:
    """A head of `head_cpus` CPUs (0: it only schedules) and `worker_nodes` nodes of
    `cpus_per_node`; raises RuntimeError with Ray's message when a node does not start."""
    base = Path(tempfile.mkdtemp(prefix="cr-ray-"))  # short: Ray's socket paths are limited
    port, client = _free_port(), _free_port()
    env = {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32),
           "RAY_USAGE_STATS_ENABLED": "0", MARK: str(base), **(extra_env or {})}
    cluster = LocalRay(f"127.0.0.1:{port}", f"ray://127.0.0.1:{client}", base, env)
    common = [f"--object-store-memory={OBJECT_STORE_BYTES}", "--disable-usage-stats"]
    commands = [[ray_cli(), "start", "--head", f"--port={port}", f"--num-cpus={head_cpus}",
                 f"--ray-client-server-port={client}", "--include-dashboard=false",
                 f"--temp-dir={base}", *common]]
    commands += [[ray_cli(), "start", f"--address={cluster.address}",
                  f"--num-cpus={cpus_per_node}", *common]] * worker_nodes
    for cmd in commands:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
        if done.returncode != 0:
            cluster.stop()
            raise RuntimeError(f"{' '.join(cmd[1:3])} failed: {done.stderr[-2000:]}")
    return cluster
