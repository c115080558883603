"""The job worker: transcribe and score uploaded calls off the request path.

`callreview serve` starts one or more of these as separate processes. Each builds the rubric
and the spaCy pipeline once, then claims queued jobs from the store one at a time until it is
stopped or its parent (the server) goes away. A job a stopped worker was running stays in the
store as `running` and is queued again at the next server start (jobs.requeue_interrupted).
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from ..batch import content_hash
from ..model import InputError, Transcript
from ..reporting import safe_name
from ..store import Store
from . import jobs
from .config import WebConfig
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
    def __init__(self, store: Store, cfg: WebConfig, log=None):
        from ..rubric import load_rubric

        self.store, self.cfg = store, cfg
        self.rubric = load_rubric(cfg.rubric)
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))

    def run_once(self) -> jobs.Job | None:
        """Claim and process the oldest queued job; None when there was none."""
        job = jobs.claim_next(self.store)
        if job is not None:
            self.process(job)
        return job

    def run_pending(self) -> int:
        done = 0
        while self.run_once() is not None:
            done += 1
        return done

    def process(self, job: jobs.Job) -> None:
        from ..engine import analyze
        from ..ingest import load_call

        started = time.perf_counter()
        path = self.cfg.upload_dir / job.stored_name
        names = {str(path): job.filename, path.stem: Path(job.filename).stem}
        if job.sidecar_name:
            names[str(path.with_name(path.stem + ".meta.yaml"))] = job.sidecar_name
        try:
            if not path.is_file():
                raise InputError(path, "the uploaded file is no longer in the upload folder")
            digest = upload_hash(path, job.meta)
            call_pk = self._scored(digest)
            if call_pk is None:
                transcript = self._named(load_call(path, job.meta), path, job, digest)
                card = analyze(transcript, self.rubric)
                call_pk = self.store.save(transcript, card, digest, str(path))
            jobs.finish(self.store, job.id, call_pk)
            self.log(f"job {job.id} ({job.filename}): done, call {call_pk}, "
                     f"{time.perf_counter() - started:.1f} s")
        except InputError as exc:
            self._fail(job, public_reason(exc.one_line(), names))
        except Exception as exc:  # one bad upload never stops the worker
            self._fail(job, f"{job.filename}: could not be analyzed ({exc.__class__.__name__}: "
                            f"{public_reason(str(exc), names)})")

    def _fail(self, job: jobs.Job, reason: str) -> None:
        jobs.fail(self.store, job.id, reason)
        self.log(f"job {job.id} ({job.filename}): failed: {reason}")

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


def serve_jobs(cfg: WebConfig, parent_pid: int | None = None, poll_s: float = 1.0) -> None:
    """Process jobs until SIGTERM/SIGINT or until the parent process is gone."""
    stop = False

    def _stop(*_):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which stops us
    worker = Worker(Store.open(cfg.db), cfg)
    from ..nlp import load_pipeline

    load_pipeline()  # once, before the first job
    worker.log(f"worker {os.getpid()}: ready")
    while not stop and (parent_pid is None or os.getppid() == parent_pid):
        try:
            job = worker.run_once()
        except Exception as exc:  # the store is busy or away: wait and try again
            worker.log(f"worker {os.getpid()}: {exc.__class__.__name__}: {exc}")
            job = None
        if job is None:
            time.sleep(poll_s)
