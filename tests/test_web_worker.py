"""The worker does the heavy lifting: uploads are parsed there, not in the request; a call too
long for a worker's memory is refused with a clear message; a claimed job carries a lease that
expires, so a job is never run twice and never lost."""
from __future__ import annotations

import resource
import subprocess
import sys
from datetime import timedelta

import pytest

import analyzer.ingest
import analyzer.web.jobs as jobs_mod
from analyzer.web import jobs
from analyzer.web.limits import MAX_CALL_WORDS, MAX_TRANSCRIPT_BYTES
from analyzer.web.worker import Worker
from test_web_kit import ROOT, SAMPLES, TESSA_CALL, Clock, seeded_db, web  # noqa: F401
from test_web_uploads import rejected, stored_files, upload


@pytest.fixture()
def worker(web):
    return Worker(web.store, web.cfg, owner="test-worker", log=lambda line: None)


def long_call(words: int) -> bytes:
    head = b"---\ncall_date: 2026-04-08\nrep: Tessa\naccount: Long Call Co\n---\n"
    line = b"Tessa: We went through the rollout plan step by step with the whole team today.\n"
    per = len(line.split()) - 1
    return head + line * (words // per + 1)


# --- parsing happens in the worker ------------------------------------------------------------
def test_an_upload_is_parsed_in_the_worker_not_in_the_request(web, worker, monkeypatch):
    calls = []
    real = analyzer.ingest.load_call

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)
    monkeypatch.setattr(analyzer.ingest, "load_call", counted)
    client = web.signed_in("maria")
    call = SAMPLES / "s03_larchmont_admissions_proposal_review.txt"
    response = upload(client, [(call.name, call.read_bytes(), "text/plain"),
                               ("no-date.txt", b"Tessa: Hello there.\nBuyer: Hi.\n", "text/plain")])
    assert response.status_code == 200 and rejected(response.text) == {}
    assert calls == []  # the request only stored the files
    assert worker.run_pending() == 2 and len(calls) == 2
    reasons = {j.filename: (j.status, j.reason) for j in jobs.recent(web.store)}
    assert reasons[call.name] == ("done", None)
    status, reason = reasons["no-date.txt"]
    assert status == "failed" and reason.startswith("no-date.txt: no call_date (YYYY-MM-DD)")
    assert reason.endswith("or fill in Call date on the upload form")
    assert web.cfg.upload_dir.name not in reason


def test_a_transcript_over_the_size_cap_is_refused_at_upload_with_a_clear_message(web):
    client = web.signed_in("maria")
    big = long_call(MAX_TRANSCRIPT_BYTES // 5)
    assert len(big) > MAX_TRANSCRIPT_BYTES
    response = upload(client, [("marathon.txt", big, "text/plain")])
    assert response.status_code == 400
    assert rejected(response.text)["marathon.txt"] == (
        f"larger than the {MAX_TRANSCRIPT_BYTES // (1024 * 1024)} MB limit for a transcript: "
        "split the call into parts and upload them one by one")
    assert web.store.count("jobs") == 0 and stored_files(web) == []


def test_a_call_over_the_word_cap_fails_its_job_before_it_is_analyzed(web, worker, monkeypatch):
    import analyzer.engine

    def never(*args, **kwargs):
        raise AssertionError("a call over the cap must not be analyzed")
    monkeypatch.setattr(analyzer.engine, "analyze", never)
    client = web.signed_in("maria")
    body = long_call(MAX_CALL_WORDS + 500)
    assert len(body) < MAX_TRANSCRIPT_BYTES
    assert upload(client, [("long.txt", body, "text/plain")]).status_code == 200
    worker.run_pending()
    [job] = jobs.recent(web.store)
    assert job.status == "failed"
    assert job.reason.startswith("long.txt: this call is 60,5") and \
        f"at most {MAX_CALL_WORDS:,} words" in job.reason and "split" in job.reason


def test_a_worker_limits_its_own_memory():
    code = ("import resource; from analyzer.web.limits import limit_memory; limit_memory(1500); "
            "print(resource.getrlimit(resource.RLIMIT_DATA)[0])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == 1500 * 1024 * 1024
    assert resource.getrlimit(resource.RLIMIT_DATA)[0] == resource.RLIM_INFINITY  # not ours


def test_a_job_that_runs_out_of_memory_fails_with_a_clear_message(web, worker, monkeypatch):
    import analyzer.engine

    def hungry(*args, **kwargs):
        raise RuntimeError("[enforce fail at alloc_cpu.cpp:127] DefaultCPUAllocator: can't "
                           "allocate memory: you tried to allocate 2408448 bytes.")
    monkeypatch.setattr(analyzer.engine, "analyze", hungry)
    upload(web.signed_in("maria"), [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    worker.run_pending()
    [job] = jobs.recent(web.store)
    assert job.status == "failed" and job.reason.startswith("a.txt: the worker ran out of memory")
    assert "alloc_cpu" not in job.reason and worker.should_exit  # it starts afresh


# --- leases -----------------------------------------------------------------------------------
@pytest.fixture()
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(jobs_mod, "utcnow", c)
    return c


def test_a_claimed_job_carries_a_lease_that_expires(web, clock):
    upload(web.signed_in("maria"), [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    first = jobs.claim_next(web.store, "worker-a", lease_s=30)
    assert first.status == "running" and first.claimed_by == "worker-a"
    assert first.lease_until == clock.now + timedelta(seconds=30)
    # a restarted server does not take a job whose lease is live: it may still be running
    assert jobs.requeue_interrupted(web.store) == 0
    assert jobs.claim_next(web.store, "worker-b", lease_s=30) is None
    clock.now += timedelta(seconds=20)
    assert jobs.renew(web.store, first.id, "worker-a", lease_s=30)  # the owner's heartbeat
    clock.now += timedelta(seconds=20)
    assert jobs.claim_next(web.store, "worker-b", lease_s=30) is None  # renewed: still live
    clock.now += timedelta(seconds=31)  # the owner died: no more heartbeats
    second = jobs.claim_next(web.store, "worker-b", lease_s=30)
    assert second.id == first.id and second.claimed_by == "worker-b" and second.attempts == 2
    # the first owner lost the job: its late heartbeat and result are refused
    assert not jobs.renew(web.store, first.id, "worker-a", lease_s=30)
    assert not jobs.finish(web.store, first.id, "worker-a", 1)
    assert jobs.finish(web.store, first.id, "worker-b", 1)
    assert jobs.get(web.store, first.id).status == "done"


def test_a_server_restart_queues_jobs_whose_lease_ran_out(web, clock):
    upload(web.signed_in("maria"), [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    jobs.claim_next(web.store, "worker-a", lease_s=30)
    clock.now += timedelta(seconds=31)
    assert jobs.requeue_interrupted(web.store) == 1
    assert jobs.counts(web.store)["queued"] == 1


def test_a_dead_workers_jobs_are_released_at_once(web, clock):
    upload(web.signed_in("maria"), [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    jobs.claim_next(web.store, "worker-a", lease_s=30)
    assert jobs.release(web.store, "worker-b") == 0
    assert jobs.release(web.store, "worker-a") == 1
    assert jobs.claim_next(web.store, "worker-b", lease_s=30).attempts == 2
