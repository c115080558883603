"""Batch wall time for a generated week of 1,000 medium calls: 1 worker vs 2 workers, then a
no-change re-run, each through the real `callreview batch` command, side by side in one run."""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import write_calls  # noqa: E402


def run(inbox: Path, db: Path, out: Path, workers: int, *extra: str, env=None) -> float:
    """Wall seconds of one `callreview batch` (extra: more options, e.g. --cluster ray)."""
    cmd = [sys.executable, "-m", "analyzer", "batch", str(inbox), "--db", str(db), "--workers",
           str(workers), "--out", str(out), "--no-reports", *extra]
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if res.returncode != 0:
        raise SystemExit(res.stderr)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = write_calls(tmp / "inbox", args.calls)
        words = sum(len(p.read_text().split()) for p in paths)
        one = run(tmp / "inbox", tmp / "one.db", tmp / "out1", 1)
        two = run(tmp / "inbox", tmp / "two.db", tmp / "out2", 2)
        again = run(tmp / "inbox", tmp / "two.db", tmp / "out2", 2)
    print(f"{args.calls} calls, {words / args.calls:.0f} words each on average (reports written)")
    print(f"{'run':34}{'wall s':>8}{'calls/s':>9}")
    print(f"{'batch, 1 worker':34}{one:>8.1f}{args.calls / one:>9.1f}")
    print(f"{'batch, 2 workers':34}{two:>8.1f}{args.calls / two:>9.1f}")
    print(f"{'no-change re-run, 2 workers':34}{again:>8.1f}{'':>9}")
    print(f"speed-up 2 vs 1 workers: {one / two:.2f}x (targets: 2 workers <= 180 s, re-run <= 5 s)")
    # the largest single process of every run above (a worker or the batch parent), from rusage
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of one process (worker or parent): {peak:.0f} MB (target <= 1,536 MB per worker)")


if __name__ == "__main__":
    main()
