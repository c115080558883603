"""The 1,000-call week on a local Ray cluster beside the plain batch, side by side in one run,
each through the real `callreview batch` command; then recordings on one worker.

The cluster is started the way a deployment starts one (benchmarks/local_ray.py): a head that
only schedules (0 CPUs; the driver, the one writer, runs there) and 1 or 2 worker nodes of one
CPU each, so "1 worker" is one Analyst actor, like `--workers 1` is one worker process. Ray's
overhead is the extra wall time over the plain batch with as many workers. Recordings: the
sample call (espeak-ng, 1.5 minutes, stereo) saved N times with a different tail of silence, so
each is transcribed afresh (empty transcript cache), scored on one worker: audio minutes per hour.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
import local_ray  # noqa: E402
from bench_batch import run  # noqa: E402
from synth import write_calls  # noqa: E402


ONE_THREAD = {"CALLREVIEW_THREADS": "1"}  # every worker one core: as Ray's Analysts and --workers 2


def plain(inbox: Path, db: Path, out: Path, workers: int, **env: str) -> float:
    return run(inbox, db, out, workers, env={**os.environ, **ONE_THREAD, **env})


def on_cluster(workers: int, inbox: Path, db: Path, out: Path, **env: str) -> float:
    cluster = local_ray.start(worker_nodes=workers, head_cpus=0, extra_env={**ONE_THREAD, **env})
    try:
        return run(inbox, db, out, 1, "--cluster", "ray", env=cluster.driver_env(**env))
    finally:
        cluster.stop()


def recordings(folder: Path, n: int) -> float:
    """n distinct copies of the stereo sample call; returns their total minutes."""
    import make_sample_audio as sample

    made = sample.make_calls(folder / "made")
    stereo = next(p for p in made.values() if p.suffix == ".ogg")
    meta = stereo.with_name(stereo.stem + ".meta.yaml").read_text()
    seconds = 0.0
    for i in range(n):
        copy = folder / f"rec{i:02d}.ogg"
        subprocess.run(["sox", str(stereo), str(copy), "pad", "0", f"{0.1 * (i + 1):.1f}"], check=True)
        copy.with_name(copy.stem + ".meta.yaml").write_text(
            "\n".join(f"call_id: rec-{i:02d}" if line.startswith("call_id:") else line
                      for line in meta.splitlines()) + "\n")
        seconds += float(subprocess.run(["soxi", "-D", str(copy)], capture_output=True,
                                        text=True, check=True).stdout)
    for extra in (folder / "made").iterdir():
        extra.unlink()
    (folder / "made").rmdir()
    return seconds / 60


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--recordings", type=int, default=8)
    args = ap.parse_args()
    rows: list[tuple[str, float, float]] = []  # (run, wall s, plain batch wall s to compare)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_calls(tmp / "inbox", args.calls)
        for w in (1, 2):
            base = plain(tmp / "inbox", tmp / f"plain{w}.db", tmp / "out", w)
            rows.append((f"batch --workers {w}", base, base))
            wall = on_cluster(w, tmp / "inbox", tmp / f"ray{w}.db", tmp / "out")
            rows.append((f"batch --cluster ray, {w} worker node{'s' * (w > 1)}", wall, base))
        minutes = recordings(tmp / "rec", args.recordings)
        audio_plain = plain(tmp / "rec", tmp / "rec-plain.db", tmp / "out", 1,
                            CALLREVIEW_CACHE=str(tmp / "c1"))
        audio_ray = on_cluster(1, tmp / "rec", tmp / "rec-ray.db", tmp / "out",
                               CALLREVIEW_CACHE=str(tmp / "c2"))
    print(f"{args.calls} generated calls (benchmarks/synth.py), no reports written, "
          "one thread per worker")
    print(f"{'run':36}{'wall s':>8}{'calls/s':>9}   Ray overhead")
    for name, wall, base in rows:
        extra = "" if wall == base else f"{(wall - base) / base:+.0%} ({wall - base:+.1f} s)"
        print(f"{name:36}{wall:>8.1f}{args.calls / wall:>9.1f}   {extra}")
    print(f"\n{args.recordings} recordings, {minutes:.1f} audio minutes (stereo, faster-whisper "
          "tiny.en int8 on CPU, 1 thread), transcribed and scored on one worker:")
    for name, wall in (("batch --workers 1", audio_plain),
                       ("batch --cluster ray, 1 worker node", audio_ray)):
        print(f"{name:36}{wall:>8.1f} s  {minutes / wall * 3600:>6.0f} audio minutes per hour")


if __name__ == "__main__":
    main()
