"""A node of the Ray cluster lost mid-batch (its raylet killed): the calls it held go to the
node that is left, the batch completes, every call stored once. A cluster of its own (a head
and one more node, one CPU each), since this test takes a node away.

Skips without Ray, unless $CALLREVIEW_REQUIRE_RAY is set (CI sets it).
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from cluster_helpers import (ROOT, batch_on_cluster, counted_row, require_ray, schema,
                             stored_once, wait_for_scorecards)

sys.path.insert(0, str(ROOT / "benchmarks"))
import local_ray  # noqa: E402
from synth import write_calls  # noqa: E402


def _worker_raylets(cluster: local_ray.LocalRay) -> list[int]:
    """The raylets of the nodes that are not the head."""
    found = []
    for pid in cluster.processes("/raylet"):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if args[0].endswith(b"/raylet") and b"--head" not in args:
            found.append(pid)
    return found


def test_a_node_lost_mid_batch_its_calls_go_to_the_node_left(pg_url, tmp_path):
    require_ray()
    inbox = tmp_path / "inbox"
    write_calls(inbox, 400, seed=19)
    db = schema(pg_url)
    cluster = local_ray.start(worker_nodes=1, head_cpus=1)
    try:
        assert cluster.alive_nodes() == 2
        proc = batch_on_cluster(inbox, db, tmp_path / "out", cluster.driver_env())
        try:
            assert wait_for_scorecards(db, 20, proc) >= 20
            [raylet] = _worker_raylets(cluster)
            assert proc.poll() is None, "batch finished before the node could be lost"
            os.kill(raylet, signal.SIGKILL)
            out, err = proc.communicate(timeout=600)  # a call stuck on the lost node: a hang
        finally:
            if proc.poll() is None:
                proc.kill()
        assert cluster.alive_nodes() == 1
    finally:
        cluster.stop()
    assert proc.returncode == 0, err[-3000:]
    assert counted_row(out) == [400, 0, 0]
    stored_once(db, 400)
