"""Jobs a manager can follow and steer: a long recording's progress (share done, time left)
from the transcription's own progress; cancel a waiting or running job; retry a failed one."""
from __future__ import annotations

import pytest

from analyzer.transcribe.progress import listening, tracker
from analyzer.web import jobs
from analyzer.web.progress import JobCancelled, JobProgress
from analyzer.web.worker import Worker
from test_web_kit import TESSA_CALL, page_token, seeded_db, web  # noqa: F401
from test_web_uploads import upload


class Ticks:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_transcription_progress_becomes_the_jobs_share_done_and_time_left(web):
    job_id = jobs.enqueue(web.store, "long.ogg", "a" * 32 + ".ogg", "audio", 1, {}, None)
    job = jobs.claim_next(web.store, "w1")
    clock = Ticks()
    with listening(JobProgress(web.store, job.id, "w1", clock=clock)):
        with tracker("long.ogg", 600.0) as advance:  # 10 minutes of audio, over all channels
            advance(0.0)
            clock.now += 30
            advance(150.0)  # a quarter in 30 s: 90 s to go
            after_quarter = jobs.get(web.store, job_id)
            clock.now += 1
            advance(160.0)  # too soon after the last report: not written
    assert (after_quarter.progress, after_quarter.eta_s) == (0.25, 90.0)
    assert jobs.get(web.store, job_id).progress == 0.25
    api = web.signed_in("maria").get(f"/api/jobs/{job_id}").json()
    assert api["progress"] == 0.25 and api["eta_s"] == 90.0
    page = web.signed_in("maria").get("/jobs").text
    assert "25% transcribed · about 2 min left" in page and "<progress" in page


def test_cancelling_a_running_job_stops_its_transcription(web):
    jobs.enqueue(web.store, "long.ogg", "b" * 32 + ".ogg", "audio", 1, {}, None)
    job = jobs.claim_next(web.store, "w1")
    assert jobs.cancel(web.store, job.id) == "running" and jobs.get(web.store, job.id).cancel_requested
    clock = Ticks()
    with pytest.raises(JobCancelled):
        with listening(JobProgress(web.store, job.id, "w1", clock=clock)):
            with tracker("long.ogg", 600.0) as advance:
                advance(10.0)
    assert jobs.stop_cancelled(web.store, job.id, "w1")
    done = jobs.get(web.store, job.id)
    assert done.status == "cancelled" and done.reason == jobs.CANCELLED and done.can_retry


def test_a_manager_cancels_a_waiting_job_and_retries_it(web):
    client = web.signed_in("maria")
    upload(client, [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    [job] = jobs.recent(web.store)
    csrf = page_token(client, "/jobs")
    assert web.signed_in("tessa").post(f"/jobs/{job.id}/cancel", data={"csrf_token": csrf}).status_code == 403
    assert client.post(f"/jobs/{job.id}/cancel", data={}).status_code == 403  # no form token
    assert client.post(f"/jobs/{job.id}/cancel", data={"csrf_token": csrf}).status_code == 303
    assert jobs.get(web.store, job.id).status == "cancelled"
    worker = Worker(web.store, web.cfg, log=lambda line: None)
    assert worker.run_once() is None  # a cancelled job is not taken
    assert client.post(f"/jobs/{job.id}/cancel", data={"csrf_token": csrf}).status_code == 409
    assert 'action="/jobs/%d/retry"' % job.id in client.get("/jobs").text
    assert client.post(f"/jobs/{job.id}/retry", data={"csrf_token": csrf}).status_code == 303
    assert worker.run_once().id == job.id and jobs.get(web.store, job.id).status == "done"
    assert client.post(f"/jobs/{job.id}/retry", data={"csrf_token": csrf}).status_code == 409


def test_a_failed_job_is_retried_once_its_problem_is_fixed(web):
    client = web.signed_in("maria")
    upload(client, [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    [job] = jobs.recent(web.store)
    path = web.cfg.upload_dir / job.stored_name
    good = path.read_bytes()
    path.write_text("not a call at all\n")
    Worker(web.store, web.cfg, log=lambda line: None).run_once()
    assert jobs.get(web.store, job.id).status == "failed"
    path.write_bytes(good)
    csrf = page_token(client, "/jobs")
    assert client.post(f"/jobs/{job.id}/retry", data={"csrf_token": csrf}).status_code == 303
    again = jobs.get(web.store, job.id)
    assert again.status == "queued" and again.reason is None and again.attempts == 0
    Worker(web.store, web.cfg, log=lambda line: None).run_once()
    assert jobs.get(web.store, job.id).status == "done"


def test_a_job_whose_file_is_gone_is_not_retried(web):
    client = web.signed_in("maria")
    upload(client, [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    [job] = jobs.recent(web.store)
    jobs.cancel(web.store, job.id)
    (web.cfg.upload_dir / job.stored_name).unlink()
    response = client.post(f"/jobs/{job.id}/retry", data={"csrf_token": page_token(client, "/jobs")})
    assert response.status_code == 409 and "upload it again" in response.text
    assert jobs.get(web.store, job.id).status == "cancelled"
