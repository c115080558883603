"""The jobs table: one row per uploaded call file, queued -> running -> done | failed.

The upload handler only adds rows; worker processes claim them one at a time (an UPDATE that
only one claimant can win). A claim is a lease: the worker renews it while it works, and only
the lease holder can finish the job. A worker that dies (with its server, or alone) stops
renewing, so its job waits again once the lease ends, or at once when the server saw the
worker exit (release); a restarted server never takes a job whose lease still runs. So a job
is never run twice at once and never lost; after MAX_ATTEMPTS interrupted runs it fails with
a reason instead of looping.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from ..store import Store
from .clock import utcnow

STATUSES = ("queued", "running", "done", "failed", "cancelled")
MAX_ATTEMPTS = 3
CANCELLED = "cancelled by a manager"
DEFAULT_LEASE_S = 30.0  # a worker renews its lease every third of this


@dataclass(frozen=True)
class Job:
    id: int
    status: str
    filename: str  # the client's file name: display text only, never a path
    stored_name: str  # <uuid>.<suffix> under the upload folder
    sidecar_name: str | None
    kind: str  # audio | text
    size: int
    meta: dict[str, str]
    reason: str | None
    attempts: int
    call_pk: int | None
    uploaded_by: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    claimed_by: str | None = None  # the worker holding the lease
    lease_until: datetime | None = None
    progress: float | None = None  # share of the recording transcribed (0-1)
    eta_s: float | None = None  # seconds of transcription left, estimated
    cancel_requested: bool = False  # a manager cancelled it while it ran

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed", "cancelled")

    @property
    def can_cancel(self) -> bool:
        return self.status in ("queued", "running") and not self.cancel_requested

    @property
    def can_retry(self) -> bool:
        return self.status in ("failed", "cancelled")

    def to_api(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "filename": self.filename,
                "kind": self.kind, "size": self.size, "reason": self.reason,
                "call": self.call_pk, "created_at": self.created_at.isoformat(),
                "finished_at": self.finished_at.isoformat() if self.finished_at else None,
                "progress": self.progress, "eta_s": self.eta_s,
                "cancel_requested": self.cancel_requested}


def _job(row) -> Job:
    return Job(row["id"], row["status"], row["filename"], row["stored_name"], row["sidecar_name"],
               row["kind"], row["size"], json.loads(row["meta"] or "{}"), row["reason"],
               row["attempts"], row["call_pk"], row["uploaded_by"], row["created_at"],
               row["started_at"], row["finished_at"], row["claimed_by"], row["lease_until"],
               row["progress"], row["eta_s"], bool(row["cancel_requested"]))


def enqueue(store: Store, filename: str, stored_name: str, kind: str, size: int,
            meta: dict[str, str], uploaded_by: int | None, sidecar_name: str | None = None) -> int:
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        return conn.execute(t.insert().values(
            status="queued", filename=filename, stored_name=stored_name, sidecar_name=sidecar_name,
            kind=kind, size=size, meta=json.dumps(meta, sort_keys=True), attempts=0,
            uploaded_by=uploaded_by, created_at=utcnow())).inserted_primary_key[0]


def get(store: Store, job_id: int) -> Job | None:
    t = store.t["jobs"]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t).where(t.c.id == job_id)).mappings().first()
    return _job(row) if row else None


def recent(store: Store, limit: int = 200, ids: list[int] | None = None) -> list[Job]:
    """Newest first."""
    t = store.t["jobs"]
    q = sa.select(t).order_by(t.c.id.desc()).limit(limit)
    if ids is not None:
        q = q.where(t.c.id.in_(ids))
    with store.engine.connect() as conn:
        return [_job(r) for r in conn.execute(q).mappings()]


def _expired(t: sa.Table, now: datetime):
    """Running, but its worker stopped renewing the lease (or it never had one)."""
    return (t.c.status == "running") & (t.c.lease_until.is_(None) | (t.c.lease_until <= now))


def _give_up(conn, t: sa.Table, where) -> None:
    """Jobs that stopped MAX_ATTEMPTS times fail with a reason instead of looping."""
    conn.execute(t.update().where(where, t.c.attempts >= MAX_ATTEMPTS).values(
        status="failed", finished_at=utcnow(), claimed_by=None, lease_until=None,
        reason=f"processing stopped {MAX_ATTEMPTS} times before it finished "
               "(the server was stopped or the worker crashed); upload the file again to retry"))


def claim_next(store: Store, owner: str, lease_s: float = DEFAULT_LEASE_S) -> Job | None:
    """Mark the oldest waiting job running for `owner`, with a lease of `lease_s` seconds that
    the owner renews while it works (renew); None when nothing waits. A running job whose
    lease ran out (its worker died) waits again."""
    t = store.t["jobs"]
    while True:
        now = utcnow()
        claimable = (t.c.status == "queued") | _expired(t, now)
        with store.engine.begin() as conn:
            conn.execute(t.update().where(_expired(t, now), t.c.cancel_requested).values(
                status="cancelled", finished_at=now, claimed_by=None, lease_until=None,
                reason=CANCELLED))  # its worker died after it was cancelled
            _give_up(conn, t, _expired(t, now))
            job_id = conn.execute(sa.select(t.c.id).where(claimable)
                                  .order_by(t.c.id).limit(1)).scalar()
            if job_id is None:
                return None
            won = conn.execute(t.update().where(t.c.id == job_id, claimable).values(
                status="running", started_at=now, attempts=t.c.attempts + 1, claimed_by=owner,
                lease_until=now + timedelta(seconds=lease_s), progress=None,
                eta_s=None)).rowcount
        if won:
            return get(store, job_id)


def renew(store: Store, job_id: int, owner: str, lease_s: float = DEFAULT_LEASE_S) -> bool:
    """Extend `owner`'s lease on a running job; False when the job is no longer theirs."""
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        return conn.execute(t.update().where(
            t.c.id == job_id, t.c.claimed_by == owner, t.c.status == "running").values(
            lease_until=utcnow() + timedelta(seconds=lease_s))).rowcount > 0


def finish(store: Store, job_id: int, owner: str, call_pk: int) -> bool:
    return _close(store, job_id, owner, status="done", call_pk=call_pk, reason=None)


def fail(store: Store, job_id: int, owner: str, reason: str) -> bool:
    return _close(store, job_id, owner, status="failed", reason=reason)


def stop_cancelled(store: Store, job_id: int, owner: str) -> bool:
    """The worker stopped a job a manager cancelled while it ran."""
    return _close(store, job_id, owner, status="cancelled", reason=CANCELLED)


def report_progress(store: Store, job_id: int, owner: str, share: float,
                    eta_s: float | None) -> bool:
    """Record how far the owner is; True when a manager has cancelled the job meanwhile."""
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        conn.execute(t.update().where(t.c.id == job_id, t.c.claimed_by == owner,
                                      t.c.status == "running")
                     .values(progress=round(share, 4), eta_s=eta_s))
        return cancel_requested(conn, t, job_id)


def cancel_requested(conn, t: sa.Table, job_id: int) -> bool:
    return bool(conn.execute(sa.select(t.c.cancel_requested).where(t.c.id == job_id)).scalar())


def is_cancelled(store: Store, job_id: int) -> bool:
    with store.engine.connect() as conn:
        return cancel_requested(conn, store.t["jobs"], job_id)


def cancel(store: Store, job_id: int) -> str | None:
    """A waiting job is cancelled at once; a running one when its worker next reports
    (transcription progress) or before it stores the call. Returns the job's status after,
    None when it had already finished."""
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        if conn.execute(t.update().where(t.c.id == job_id, t.c.status == "queued").values(
                status="cancelled", finished_at=utcnow(), reason=CANCELLED)).rowcount:
            return "cancelled"
        if conn.execute(t.update().where(t.c.id == job_id, t.c.status == "running")
                        .values(cancel_requested=True)).rowcount:
            return "running"
    return None


def retry(store: Store, job_id: int) -> bool:
    """A failed or cancelled job waits again, as if just uploaded; False when it is not one."""
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        return conn.execute(t.update().where(
            t.c.id == job_id, t.c.status.in_(("failed", "cancelled"))).values(
            status="queued", reason=None, attempts=0, started_at=None, finished_at=None,
            claimed_by=None, lease_until=None, progress=None, eta_s=None,
            cancel_requested=False)).rowcount > 0


def _close(store: Store, job_id: int, owner: str, **values) -> bool:
    """Only the job's current owner closes it: False when another worker took it over."""
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        return conn.execute(t.update().where(
            t.c.id == job_id, t.c.claimed_by == owner, t.c.status == "running").values(
            finished_at=utcnow(), lease_until=None, **values)).rowcount > 0


def _requeue(store: Store, where) -> int:
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        _give_up(conn, t, where)
        return conn.execute(t.update().where(where).values(
            status="queued", started_at=None, claimed_by=None, lease_until=None)).rowcount


def requeue_interrupted(store: Store) -> int:
    """At server start: jobs whose lease ran out (their server stopped, their worker died)
    wait again, or fail after MAX_ATTEMPTS tries. A job whose lease still runs is left alone:
    its worker may still be at it; it waits again once the lease ends. Returns how many wait
    again now."""
    return _requeue(store, _expired(store.t["jobs"], utcnow()))


def release(store: Store, owner: str) -> int:
    """The jobs of a worker known to be dead (the server saw it exit) wait again at once."""
    t = store.t["jobs"]
    return _requeue(store, (t.c.status == "running") & (t.c.claimed_by == owner))


def counts(store: Store) -> dict[str, int]:
    t = store.t["jobs"]
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.status, sa.func.count()).group_by(t.c.status)).all()
    return {s: 0 for s in STATUSES} | {s: n for s, n in rows}
