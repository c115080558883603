"""The web app's tables on SQLite and a real PostgreSQL server: accounts, sessions, the key,
jobs; and the store methods the pages use (one call by key, its transcript, overrides by key)."""
from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from analyzer.engine import analyze
from analyzer.ingest import load_call
from analyzer.store import Store
from analyzer.web import jobs
from analyzer.web.accounts import AccountError, add_user, authenticate
from analyzer.rebuild import transcript_from_json
from analyzer.web.sessions import SessionStore, secret_key
from test_web_kit import TESSA_CALL


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store.open(str(tmp_path / "web.db"))
    url = request.getfixturevalue("pg_url")
    schema = f"w_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return Store(f"{url}?options=-csearch_path%3D{schema}")


def test_accounts_sessions_and_the_key(store):
    assert {"users", "sessions", "jobs", "settings"} <= set(store.t)
    key = secret_key(store)
    assert len(key) >= 40 and secret_key(store) == key  # made once, then kept
    user = add_user(store, "dana", "rep", "dana-harbor-pass-1", " Dana   Ruiz ")
    assert user.rep_label == "Dana Ruiz" and user.sees_rep("dana ruiz") and not user.sees_rep("Ana")
    with pytest.raises(AccountError):
        add_user(store, "dana", "rep", "another-pass")
    assert authenticate(store, "dana", "dana-harbor-pass-1") == user
    assert authenticate(store, "dana", "Dana-harbor-pass-1") is None
    sessions = SessionStore(store, key, hours=1)
    cookie, session = sessions.start(user)
    assert sessions.lookup(cookie).user == user
    assert SessionStore(store, "another key", hours=1).lookup(cookie) is None
    sessions.end(session)
    assert sessions.lookup(cookie) is None


def test_jobs_lifecycle(store):
    first = jobs.enqueue(store, "a.txt", "0" * 32 + ".txt", "text", 10, {"rep": "Dana"}, None)
    second = jobs.enqueue(store, "b.wav", "1" * 32 + ".wav", "audio", 20, {}, None)
    job = jobs.claim_next(store, "w1", lease_s=0)  # a lease that has run out at once
    assert job.id == first and job.status == "running" and job.attempts == 1 and job.meta == {"rep": "Dana"}
    assert job.claimed_by == "w1"
    assert jobs.requeue_interrupted(store) == 1
    assert [j.status for j in jobs.recent(store)] == ["queued", "queued"]
    assert jobs.fail(store, jobs.claim_next(store, "w1").id, "w1", "a.txt: broken")
    assert jobs.claim_next(store, "w2").id == second
    assert jobs.claim_next(store, "w3") is None  # w2's lease runs
    assert not jobs.finish(store, second, "w3", 1) and jobs.renew(store, second, "w2")
    assert jobs.counts(store) == {"queued": 0, "running": 1, "done": 0, "failed": 1, "cancelled": 0}
    assert jobs.get(store, first).reason == "a.txt: broken"


def test_one_call_by_key_its_transcript_and_an_override_on_exactly_it(store):
    transcript = load_call(TESSA_CALL)
    card = analyze(transcript)
    one = store.save(transcript, card, "hash-1", str(TESSA_CALL))
    two = store.save(transcript, card, "hash-2", str(TESSA_CALL))  # same call_id, another call
    [call] = store.calls(call_pk=one)
    assert call.call_pk == one and store.calls(call_pk=999) == []
    assert transcript_from_json(store.transcript_body(one)) == transcript
    store.add_override(card.call_id, "pause", "fail", "note", "maria", call_pk=one)
    overrides = {c.call_pk: c.overrides for c in store.calls()}
    assert overrides[one]["pause"]["status"] == "fail" and overrides[two] == {}
    store.add_override(card.call_id, "pause", "partial")  # by call_id: the newest call
    assert store.calls(call_pk=two)[0].overrides["pause"]["status"] == "partial"
