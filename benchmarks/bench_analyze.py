"""Analysis cost vs the bare spaCy parse of the same text, side by side in one run.

Builds a 30-minute call (about 4,500 words at 150 words a minute) from the sample calls,
then times (a) the spaCy pipeline alone over its turns, (b) the full analysis with the meaning
layer switched off and (c) the full analysis with it (encoder + heads over every sentence),
each best-of-N, and prints words/s, seconds per call and the ratios. Target: (c) <= 2.0x (a).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

from analyzer.engine import analyze  # noqa: E402
from analyzer.meaning import load_layer  # noqa: E402
from analyzer.ingest import iter_call_files, load_call  # noqa: E402
from analyzer.model import InputError, Transcript  # noqa: E402
from analyzer.nlp import load_pipeline  # noqa: E402
from analyzer.rubric import load_rubric  # noqa: E402

WORDS_PER_30_MIN = 4500


def thirty_minute_call(folder: Path) -> Transcript:
    calls = []
    for path in iter_call_files(folder):
        try:
            calls.append(load_call(path))
        except InputError:
            continue
    turns, words, i = [], 0, 0
    while words < WORDS_PER_30_MIN:
        call = calls[i % len(calls)]
        for t in call.turns:
            turns.append(replace(t, index=len(turns), start=None, end=None, segments=(), words=()))
            words += len(t.text.split())
        i += 1
    return Transcript(calls[0].meta, tuple(turns), source="benchmark", format="txt")


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", type=Path, default=ROOT / "sample_calls")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    call = thirty_minute_call(args.calls)
    words = sum(len(t.text.split()) for t in call.turns)
    nlp, rubric = load_pipeline(), load_rubric()
    texts = [t.text for t in call.turns]
    list(nlp.pipe(texts))  # warm up
    if load_layer() is None:
        sys.exit("the meaning layer is off or has no heads: run `callreview train` first")
    analyze(call, rubric)
    sentences = None
    parse_best, parse_med = best_of(lambda: list(nlp.pipe(texts)), args.repeat)
    full_best, full_med = best_of(lambda: analyze(call, rubric), args.repeat)
    os.environ["CALLREVIEW_MEANING"] = "off"
    load_layer.cache_clear()
    rules_best, rules_med = best_of(lambda: analyze(call, rubric), args.repeat)
    from analyzer.nlp import CallView
    sentences = len(CallView(call).sentences)
    print(f"30-minute call: {len(call.turns)} turns, {sentences} sentences, {words} words; "
          f"best of {args.repeat} (median)")
    print(f"{'':30}{'words/s':>10}{'s per call':>12}{'median s':>10}")
    print(f"{'spaCy parse only':30}{words / parse_best:>10.0f}{parse_best:>12.3f}{parse_med:>10.3f}")
    print(f"{'analysis, rules only':30}{words / rules_best:>10.0f}{rules_best:>12.3f}{rules_med:>10.3f}")
    print(f"{'analysis with meaning layer':30}{words / full_best:>10.0f}{full_best:>12.3f}{full_med:>10.3f}")
    print(f"ratio rules only / parse: {rules_best / parse_best:.2f}x")
    print(f"ratio with meaning layer / parse: {full_best / parse_best:.2f}x (target <= 2.0x)")


if __name__ == "__main__":
    main()
