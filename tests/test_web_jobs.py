"""Jobs: an upload returns at once, the worker scores it off the request path, failures keep
their reason, and jobs a stopped server left behind run again after a restart."""
from __future__ import annotations

import re

import pytest

import analyzer.engine
from analyzer.web import create_app, jobs
from analyzer.web.worker import Worker
from test_web_kit import RENATA_CALL, SAMPLES, TESSA_CALL, seeded_db, web  # noqa: F401
from test_web_uploads import upload


@pytest.fixture()
def worker(web):
    return Worker(web.store, web.cfg, log=lambda line: None)


def test_an_upload_returns_queued_and_the_worker_makes_a_report(web, worker):
    client = web.signed_in("maria")
    call = SAMPLES / "s03_larchmont_admissions_proposal_review.txt"
    response = upload(client, [(call.name, call.read_bytes(), "text/plain")])
    assert response.status_code == 200 and 'data-status="queued"' in response.text
    [job] = client.get("/api/jobs").json()["jobs"]
    assert job["status"] == "queued" and job["call"] is None
    assert worker.run_pending() == 1
    job = client.get(f"/api/jobs/{job['id']}").json()
    assert job["status"] == "done" and job["reason"] is None
    assert f'href="/calls/{job["call"]}"' in client.get("/jobs").text
    report = client.get(f"/calls/{job['call']}").text
    assert "Larchmont" in report and "Checklist items" in report and "Manager review" in report
    assert f"source {call.name}" in report  # the uploaded name, not the stored one


def test_a_failed_job_shows_its_reason(web, worker, monkeypatch):
    client = web.signed_in("maria")
    upload(client, [("gone.txt", TESSA_CALL.read_bytes(), "text/plain")])
    upload(client, [("crash.txt", RENATA_CALL.read_bytes(), "text/plain")])
    [gone] = [j for j in jobs.recent(web.store) if j.filename == "gone.txt"]
    (web.cfg.upload_dir / gone.stored_name).unlink()

    def boom(*args, **kwargs):
        raise RuntimeError("detector exploded")
    monkeypatch.setattr(analyzer.engine, "analyze", boom)
    assert worker.run_pending() == 2
    reasons = {j["filename"]: j["reason"] for j in client.get("/api/jobs").json()["jobs"]}
    assert reasons == {
        "gone.txt": "gone.txt: the uploaded file is no longer in the upload folder",
        "crash.txt": "crash.txt: could not be analyzed (RuntimeError: detector exploded)"}
    page = client.get("/jobs").text
    assert "status-failed" in page and "detector exploded" in page
    assert web.cfg.upload_dir.name not in page


def test_jobs_a_stopped_server_was_running_are_resumed_after_a_restart(web):
    client = web.signed_in("maria")
    upload(client, [("a.txt", TESSA_CALL.read_bytes(), "text/plain"),
                    ("b.txt", RENATA_CALL.read_bytes(), "text/plain")])
    # the server stops here, mid-job; its worker's lease (none left here) has run out
    claimed = jobs.claim_next(web.store, "stopped-worker", lease_s=0)
    assert claimed.status == "running" and jobs.counts(web.store)["running"] == 1
    restarted = create_app(web.cfg)  # a new server on the same store and upload folder
    assert jobs.requeue_interrupted(restarted.state.web.store) == 1
    assert jobs.counts(web.store) == {"queued": 2, "running": 0, "done": 0, "failed": 0, "cancelled": 0}
    Worker(restarted.state.web.store, web.cfg, log=lambda line: None).run_pending()
    assert jobs.counts(web.store)["done"] == 2 and web.store.count("calls") == 2 + 2  # 2 seeded


def test_a_job_that_keeps_stopping_the_worker_fails_instead_of_looping(web):
    upload(web.signed_in("maria"), [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    for _ in range(jobs.MAX_ATTEMPTS):
        assert jobs.claim_next(web.store, "crashing-worker", lease_s=0) is not None
        jobs.requeue_interrupted(web.store)
    [job] = jobs.recent(web.store)
    assert job.status == "failed" and "stopped 3 times" in job.reason


def test_a_job_is_claimed_by_one_worker_only(web):
    upload(web.signed_in("maria"), [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    first, second = jobs.claim_next(web.store, "a"), jobs.claim_next(web.store, "b")
    assert first is not None and second is None


def test_the_same_file_twice_is_one_call_and_form_metadata_makes_another(web, worker):
    client = web.signed_in("maria")
    text = (SAMPLES / "s03_larchmont_admissions_proposal_review.txt").read_bytes()
    upload(client, [("x.txt", text, "text/plain")])
    upload(client, [("x-again.txt", text, "text/plain")])
    upload(client, [("x.txt", text, "text/plain")], rep="Tessa")
    worker.run_pending()
    done = {j["filename"] + str(j["id"]): j["call"] for j in client.get("/api/jobs").json()["jobs"]}
    assert done["x.txt1"] == done["x-again.txt2"] != done["x.txt3"]
    calls = {c["id"]: c for c in client.get("/api/calls").json()["calls"]}
    assert calls[done["x.txt3"]]["rep"] == "Tessa"
    assert calls[done["x.txt3"]]["call_id"] != calls[done["x.txt1"]]["call_id"]  # kept distinct


def test_a_call_without_a_call_id_is_named_after_the_uploaded_file(web, worker):
    client = web.signed_in("maria")
    body = b"---\ncall_date: 2026-04-10\nrep: Tessa\naccount: Kestrel Labs\n---\n" \
           b"Tessa: When do you need this live?\nBuyer: By June 1.\n"
    upload(client, [("Kestrel kickoff (final).txt", body, "text/plain")])
    worker.run_pending()
    [call] = [c for c in client.get("/api/calls").json()["calls"] if c["account"] == "Kestrel Labs"]
    assert call["call_id"] == "Kestrel_kickoff_final"
    assert not re.search(r"[0-9a-f]{32}", client.get(call["url"]).text.split("rubric")[0][-300:])
