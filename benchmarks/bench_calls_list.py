"""The calls page and /api/calls on a SQLite store of 10,000 calls: each request answered from
the listing columns and the words index (store migration 4), never from the scorecards.

Builds the store (the sample calls analyzed once, saved again under a year of dates and six
reps: tests/many_calls.py), signs a manager and a rep in, then times each request in-process
(FastAPI's TestClient: routing, access check, SQL, template) and prints the median and the
95th percentile. Target: every request <= 200 ms.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from many_calls import fill_store  # noqa: E402

TARGET_MS = 200
REQUESTS = [  # (who, path)
    ("maria", "/calls"),
    ("maria", "/calls?page=150"),
    ("maria", "/calls?q=order+form"),
    ("maria", "/calls?q=Birch"),
    ("maria", "/calls?rep=Dev+Patel&band=fail&sort=score_low"),
    ("maria", "/calls?week=2026-W20&moment=final_decision"),
    ("maria", "/calls?failed=dated_ask&close=none&sort=account"),
    ("tessa", "/calls"),
    ("maria", "/api/calls"),
    ("maria", "/api/calls?q=order+form&per_page=200"),
    ("maria", "/api/calls?failed=pause&band=partial&sort=score_high&page=3"),
    ("tessa", "/api/calls?q=signature"),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from analyzer.store import Store
    from analyzer.web import WebConfig, create_app
    from analyzer.web.accounts import add_user
    from test_web_kit import signin

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        store = Store.open(str(Path(tmp) / "calls.db"))
        fill_store(store, args.calls)
        add_user(store, "maria", "manager", "manager-pass-1")
        add_user(store, "tessa", "rep", "tessa-pass-1", "Tessa")
        print(f"store of {store.count('calls'):,} calls built in {time.perf_counter() - started:.0f} s")
        app = create_app(WebConfig.from_env(db=str(Path(tmp) / "calls.db"),
                                            data_dir=Path(tmp) / "data"), store)
        clients = {}
        for name, password in (("maria", "manager-pass-1"), ("tessa", "tessa-pass-1")):
            clients[name] = TestClient(app, follow_redirects=False)
            signin(clients[name], name, password)
        worst = 0.0
        print(f"{'who':7}{'request':58}{'rows':>7}{'median ms':>11}{'p95 ms':>8}")
        for who, path in REQUESTS:
            client, times = clients[who], []
            first = client.get(path)
            assert first.status_code == 200, (path, first.status_code, first.text[:300])
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
            rows = first.json()["total"] if path.startswith("/api") else \
                first.text.split('data-total="', 1)[1].split('"', 1)[0]
            p95 = statistics.quantiles(times, n=20)[-1]
            worst = max(worst, p95)
            print(f"{who:7}{path:58}{rows:>7}{statistics.median(times):>11.1f}{p95:>8.1f}")
    print(f"slowest p95 {worst:.1f} ms: {'within' if worst <= TARGET_MS else 'OVER'} the "
          f"{TARGET_MS} ms target")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
