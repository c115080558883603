"""The job worker: read, transcribe and score uploaded calls off the request path.

`callreview serve` starts one or more of these as separate processes (pool.py). Each caps its
memory (limits.py), builds the rubric and the spaCy pipeline once, then claims waiting jobs
from the store one at a time, renewing each job's lease while it works, until it is stopped.
It dies with its server, even one killed with SIGKILL (lifeline.py): a job it was running
waits again once its lease runs out, and only the worker holding the lease can finish it.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from ..batch import content_hash
from ..model import InputError, Transcript
from ..reporting import safe_name
from ..store import Store
from ..transcribe.progress import listening
from . import jobs
from .config import WebConfig
from .heartbeat import Heartbeat
from .lifeline import die_with_parent
from .limits import SPLIT, call_too_long, limit_memory, out_of_memory, peak_mb
from .progress import JobCancelled, JobProgress
from .uploads import public_reason


def upload_hash(path: Path, meta: dict[str, str]) -> str:
    """The batch's content hash (file + sidecar), with the form's metadata when there is any:
    the same file uploaded for another rep is another call; the same file as the batch saw
    it is the same call."""
    base = content_hash(path)
    if not meta:
        return base
    return hashlib.sha256(f"{base}\0web\0{json.dumps(meta, sort_keys=True)}".encode()).hexdigest()


class Worker:
    def __init__(self, store: Store, cfg: WebConfig, owner: str | None = None, log=None):
        from ..rubric import load_rubric

        self.store, self.cfg = store, cfg
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.rubric = load_rubric(cfg.rubric)
        if cfg.rubric:
            store.rubric = self.rubric  # weighs the listed score of an overridden call
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.should_exit = False  # after running out of memory: start afresh

    def run_once(self) -> jobs.Job | None:
        """Claim and process the oldest waiting job; None when there was none."""
        job = jobs.claim_next(self.store, self.owner, self.cfg.job_lease_s)
        if job is not None:
            self.process(job)
        return job

    def run_pending(self) -> int:
        done = 0
        while not self.should_exit and self.run_once() is not None:
            done += 1
        return done

    def _say(self, job: jobs.Job, what: str) -> None:
        self.log(f"worker {os.getpid()}: job {job.id} ({job.filename}): {what}")

    def process(self, job: jobs.Job) -> None:
        started = time.perf_counter()
        path = self.cfg.upload_dir / job.stored_name
        names = {str(path): job.filename, path.stem: Path(job.filename).stem}
        if job.sidecar_name:
            names[str(path.with_name(path.stem + ".meta.yaml"))] = job.sidecar_name
        self._say(job, "started")
        with Heartbeat(self.store, job.id, self.owner, self.cfg.job_lease_s) as beat:
            try:
                call_pk = self._score(job, path)
            except JobCancelled:
                if jobs.stop_cancelled(self.store, job.id, self.owner):
                    self._say(job, "cancelled by a manager")
                return
            except InputError as exc:
                return self._fail(job, public_reason(exc.one_line(), names))
            except Exception as exc:  # one bad upload never stops the worker
                if out_of_memory(exc):
                    self.should_exit = True  # its memory may stay fragmented: start afresh
                    return self._fail(job, f"{job.filename}: the worker ran out of memory "
                                           f"({self.cfg.worker_memory_mb} MB) on this call; {SPLIT}")
                return self._fail(job, f"{job.filename}: could not be analyzed "
                                       f"({exc.__class__.__name__}: {public_reason(str(exc), names)})")
        if call_pk is None or beat.lost or not jobs.finish(self.store, job.id, self.owner, call_pk):
            return self._say(job, "another worker took it over after this one's lease ran out")
        self._say(job, f"done, call {call_pk}, {time.perf_counter() - started:.1f} s, "
                       f"peak {peak_mb()} MB")

    def _score(self, job: jobs.Job, path: Path) -> int | None:
        """Read, check, analyze and store the call; the call's key (None: the lease was lost)."""
        from ..engine import analyze
        from ..ingest import load_call

        if not path.is_file():
            raise InputError(path, "the uploaded file is no longer in the upload folder")
        digest = upload_hash(path, job.meta)
        call_pk = self._scored(digest)
        if call_pk is not None:
            return self._keep_audio(job, call_pk)
        with listening(JobProgress(self.store, job.id, self.owner)):
            transcript = load_call(path, job.meta)  # parsed here, never in the upload request
        problem = call_too_long(transcript)
        if problem:
            raise InputError(path, problem)
        transcript = self._named(transcript, path, job, digest)
        card = analyze(transcript, self.rubric)
        if not jobs.renew(self.store, job.id, self.owner, self.cfg.job_lease_s):
            return None  # too late: another worker has it; do not store it twice
        if jobs.is_cancelled(self.store, job.id):
            raise JobCancelled()
        return self._keep_audio(job, self.store.save(transcript, card, digest, str(path)))

    def _keep_audio(self, job: jobs.Job, call_pk: int) -> int:
        """A recording stays with its call (its generated name), for the call page's player."""
        if job.kind == "audio":
            self.store.set_audio(call_pk, job.stored_name)
        return call_pk

    def _fail(self, job: jobs.Job, reason: str) -> None:
        if jobs.fail(self.store, job.id, self.owner, reason):
            self._say(job, f"failed: {reason}")

    def _scored(self, digest: str) -> int | None:
        """The call already scored from these bytes by this rubric version, if any."""
        if not self.store.is_scored(digest, self.rubric.id, self.rubric.version):
            return None
        c = self.store.t["calls"]
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(c.c.id).where(c.c.content_hash == digest)).scalar()

    def _named(self, t: Transcript, path: Path, job: jobs.Job, digest: str) -> Transcript:
        """Name the call after the uploaded file when nothing else named it (the stored file's
        name is a uuid), keep call ids distinct, and show the uploaded name as the source."""
        call_id = t.meta.call_id
        if call_id == path.stem:
            call_id = safe_name(Path(job.filename).stem)
        c = self.store.t["calls"]
        with self.store.engine.connect() as conn:
            taken = conn.execute(sa.select(c.c.id).where(
                c.c.call_id == call_id, c.c.content_hash != digest)).first()
        if taken:
            call_id = f"{call_id}-{job.id}"
        return replace(t, meta=replace(t.meta, call_id=call_id), source=job.filename)


def serve_jobs(cfg: WebConfig, parent_pid: int | None = None, owner: str | None = None,
               poll_s: float = 1.0) -> None:
    """Process jobs until SIGTERM/SIGINT, until the parent process (the server) is gone, or
    until this worker ran out of memory (the server then starts a fresh one)."""
    if parent_pid is not None:
        die_with_parent(parent_pid)
    limit_memory(cfg.worker_memory_mb)
    stop = False

    def _stop(*_):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which stops us
    worker = Worker(Store.open(cfg.db), cfg, owner)
    from ..nlp import load_pipeline

    load_pipeline()  # once, before the first job
    worker.log(f"worker {os.getpid()}: ready")
    while not stop and not worker.should_exit:
        try:
            job = worker.run_once()
        except Exception as exc:  # the store is busy or away: wait and try again
            worker.log(f"worker {os.getpid()}: {exc.__class__.__name__}: {exc}")
            job = None
        if job is None:
            time.sleep(poll_s)
