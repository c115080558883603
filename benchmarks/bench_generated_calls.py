"""10,000 (or more) generated calls through load, analyze and every report format: how many
were scored, how many refused with an InputError, and how many raised anything else (the
target is zero), with the wall time.

The calls come from tests/generated_calls.py, the strategy the unit test uses with a few
hundred: the repo's own calls joined, shuffled, truncated, dates moved, speakers swapped,
raw ASR, in every transcript format, sometimes cut off mid-write. Short calls by default
(--max-turns) so that 10,000 run in minutes. Each unexpected exception is printed once with
its traceback and the call that raised it is kept under --keep for replay.
"""
from __future__ import annotations

import argparse
import collections
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from analyzer.rubric import load_rubric  # noqa: E402
from generated_calls import calls, score_or_refuse  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--max-turns", type=int, default=12)
    ap.add_argument("--min-turns", type=int, default=1)
    ap.add_argument("--joined", type=int, nargs=2, default=(1, 3), metavar=("MIN", "MAX"),
                    help="How many of our calls each generated call joins.")
    ap.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random).")
    ap.add_argument("--keep", type=Path, default=ROOT / "out" / "generated-failures",
                    help="Folder for the calls that raised something unexpected.")
    args = ap.parse_args()
    run_seed = args.seed if args.seed is not None else random.randrange(2**32)
    rubric = load_rubric()
    tally: collections.Counter[str] = collections.Counter()
    seen: set[str] = set()

    @seed(run_seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(calls(min_turns=args.min_turns, max_turns=args.max_turns, joined=tuple(args.joined)))
    def one(call):
        try:
            tally[score_or_refuse(call, rubric)] += 1
        except Exception as exc:  # counted and shown, never stops the run
            tally["unexpected"] += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{exc.__class__.__name__} at {Path(where.filename).name}:{where.lineno}"
            if key not in seen:
                seen.add(key)
                folder = args.keep / f"{len(seen):02d}"
                folder.mkdir(parents=True, exist_ok=True)
                call.write(folder)
                print(f"unexpected {key} (call kept in {folder}):", file=sys.stderr)
                traceback.print_exc()

    started = time.perf_counter()
    one()
    wall = time.perf_counter() - started
    total = sum(tally.values())
    print(f"generated calls: {total:,} (seed {run_seed}, {args.min_turns}-{args.max_turns} "
          f"turns each, from {args.joined[0]}-{args.joined[1]} of our calls)")
    for outcome in ("scored", "refused", "unexpected"):
        print(f"  {outcome:<11}{tally[outcome]:>8,}")
    print(f"wall {wall:,.0f} s, {1000 * wall / max(total, 1):.0f} ms per call "
          f"(load, analyze, html + md + json reports)")
    if tally["unexpected"]:
        print(f"{len(seen)} distinct unexpected exceptions; calls kept under {args.keep}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
