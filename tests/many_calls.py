"""A store with many calls, fast: the sample transcripts are analyzed once, then saved again
and again under other reps, accounts, dates and moments (no test here). The calls list tests,
the browser test (300 calls) and benchmarks/bench_calls_list.py (10,000 calls) use it.

`fill_store(store, n)` returns one `Made` per call, so a test can count what a filter must
find without asking the code under test.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from analyzer.engine import analyze
from analyzer.ingest import iter_call_files, load_call
from analyzer.store import Store, iso_week

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_calls"
REPS = ["Avery Chen", "Bruno Silva", "Carmen Ortiz", "Dev Patel", "Elena Novak", "Tessa"]
ACCOUNTS = ["Alder Foods", "Birch Logistics", "Cedar Dental", "Dogwood Schools", "Elm Credit Union",
            "Fir Hotels", "Grove Labs", "Hazel Retail", "Ivy Clinics", "Juniper Energy"]
MOMENTS = ["post_demo", "proposal_review", "final_decision", "renewal_expansion"]
LAST_DAY = date(2026, 12, 4)


@dataclass(frozen=True)
class Made:
    call_pk: int
    sample: str  # the sample file the call's words come from
    rep: str
    account: str
    call_date: date
    week: str
    moment: str
    score: int
    close_type: str
    failed: frozenset[str]


@lru_cache(maxsize=1)
def _bases() -> list[tuple[str, object, object]]:
    out = []
    for path in iter_call_files(SAMPLES):
        if path.suffix.lower() in (".txt", ".vtt", ".srt", ".json") and "team_week" not in str(path):
            transcript = load_call(path)
            out.append((path.name, transcript, analyze(transcript)))
    return out


def fill_store(store: Store, n: int, seed: int = 10) -> list[Made]:
    """Save `n` calls spread over a year of weeks (up to LAST_DAY) and six reps."""
    rng = random.Random(seed)
    bases = _bases()
    made = []
    for i in range(n):
        name, transcript, card = bases[i % len(bases)]
        rep, account = rng.choice(REPS), f"{rng.choice(ACCOUNTS)} {i}"
        day, moment = LAST_DAY - timedelta(days=rng.randrange(364)), rng.choice(MOMENTS)
        meta = replace(transcript.meta, call_id=f"call-{i}", rep=rep, account=account,
                       call_date=day, moment=moment)
        this = replace(card, call_id=meta.call_id, rep=rep, account=account, call_date=day,
                       moment=moment)
        pk = store.save(replace(transcript, meta=meta), this, f"many-{seed}-{i}", name)
        made.append(Made(pk, name, rep, account, day, iso_week(day), moment, card.score,
                         card.close_type,
                         frozenset(k for k, it in card.items.items() if it.status == "fail")))
    return made
