"""The store on SQLite and a real PostgreSQL server: migrations, transactions, overrides."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from analyzer.engine import analyze
from analyzer.ingest import load_call
from analyzer.store import MIGRATIONS, Store, StoreError

ROOT = Path(__file__).resolve().parents[1]
CALL = ROOT / "sample_calls" / "s01_bramblewood_vet_final_decision.txt"


@pytest.fixture(scope="module")
def scored():
    transcript = load_call(CALL)
    return transcript, analyze(transcript)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store.open(str(tmp_path / "calls.db"))
    url = request.getfixturevalue("pg_url")
    schema = f"t_{uuid.uuid4().hex[:8]}"  # one fresh schema per test on the shared server
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return Store(f"{url}?options=-csearch_path%3D{schema}")


def test_migrations_run_once_and_record_the_version(store):
    assert store.schema_version() == len(MIGRATIONS)
    assert store.migrate() == len(MIGRATIONS)  # idempotent
    assert {"calls", "transcripts", "scorecards", "findings", "overrides", "failures"} <= set(store.t)


def test_save_is_idempotent_per_rubric_version(store, scored):
    transcript, card = scored
    store.save(transcript, card, "hash-1", str(CALL))
    store.save(transcript, card, "hash-1", str(CALL))
    assert store.count("calls") == 1 and store.count("scorecards") == 1
    assert store.is_scored("hash-1", card.rubric_id, card.rubric_version)
    assert not store.is_scored("hash-1", card.rubric_id, "9.9.9")
    n_evidence = sum(max(1, len(i.evidence)) for i in card.items.values()) + \
        sum(max(1, len(p.evidence)) for p in card.pitfalls)
    assert store.count("findings") == n_evidence
    [call] = store.calls()
    assert call.scorecard["score"] == card.score and call.week == "2026-W15"


def test_a_failed_write_leaves_nothing_behind(store, scored, monkeypatch):
    transcript, card = scored
    import analyzer.store as mod

    def boom(*_a, **_k):
        yield {"scorecard_id": None}  # violates NOT NULL: the insert fails mid-transaction
    monkeypatch.setattr(mod, "_finding_rows", boom)
    with pytest.raises(sa.exc.IntegrityError):
        store.save(transcript, card, "hash-2", str(CALL))
    assert store.count("calls") == 0 and store.count("scorecards") == 0
    assert store.count("transcripts") == 0


def test_overrides_are_applied_and_kept_beside_the_machine_verdict(store, scored):
    transcript, card = scored
    store.save(transcript, card, "hash-3", str(CALL))
    store.add_override(card.call_id, "pause", "fail", "talked over the buyer in the recording", "mgr")
    [call] = store.calls()
    assert call.scorecard["items"]["pause"]["status"] == card.items["pause"].status
    assert call.effective_items["pause"] == "fail"
    assert call.overrides["pause"]["note"].startswith("talked over")
    with pytest.raises(StoreError):
        store.add_override("no-such-call", "pause", "fail")


def test_failures_are_recorded(store):
    store.record_failure("inbox/bad.json", "inbox/bad.json:1: invalid JSON", "h", "2026-W15")
    assert [f["reason"] for f in store.failures("2026-W15")] == ["inbox/bad.json:1: invalid JSON"]
    store.clear_failure("inbox/bad.json")
    assert store.failures() == []


def test_unreachable_database_is_one_line_error():
    with pytest.raises(StoreError) as err:
        Store("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "cannot open the store" in str(err.value) and "\n" not in str(err.value)
