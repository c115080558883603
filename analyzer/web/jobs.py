"""The jobs table: one row per uploaded call file, queued -> running -> done | failed.

The upload handler only adds rows; worker processes claim them one at a time (an UPDATE that
only one claimant can win), so a job is never run twice at once. A job left `running` by a
stopped server is queued again when the server starts; after MAX_ATTEMPTS such restarts it
fails with a reason instead of looping.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..store import Store
from .clock import utcnow

STATUSES = ("queued", "running", "done", "failed")
MAX_ATTEMPTS = 3


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

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    def to_api(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "filename": self.filename,
                "kind": self.kind, "size": self.size, "reason": self.reason,
                "call": self.call_pk, "created_at": self.created_at.isoformat(),
                "finished_at": self.finished_at.isoformat() if self.finished_at else None}


def _job(row) -> Job:
    return Job(row["id"], row["status"], row["filename"], row["stored_name"], row["sidecar_name"],
               row["kind"], row["size"], json.loads(row["meta"] or "{}"), row["reason"],
               row["attempts"], row["call_pk"], row["uploaded_by"], row["created_at"],
               row["started_at"], row["finished_at"])


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


def claim_next(store: Store) -> Job | None:
    """Mark the oldest queued job running and return it; None when the queue is empty."""
    t = store.t["jobs"]
    while True:
        with store.engine.begin() as conn:
            job_id = conn.execute(sa.select(t.c.id).where(t.c.status == "queued")
                                  .order_by(t.c.id).limit(1)).scalar()
            if job_id is None:
                return None
            won = conn.execute(t.update().where(t.c.id == job_id, t.c.status == "queued").values(
                status="running", started_at=utcnow(), attempts=t.c.attempts + 1)).rowcount
        if won:
            return get(store, job_id)


def finish(store: Store, job_id: int, call_pk: int) -> None:
    _close(store, job_id, status="done", call_pk=call_pk, reason=None)


def fail(store: Store, job_id: int, reason: str) -> None:
    _close(store, job_id, status="failed", reason=reason)


def _close(store: Store, job_id: int, **values) -> None:
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        conn.execute(t.update().where(t.c.id == job_id).values(finished_at=utcnow(), **values))


def requeue_interrupted(store: Store) -> int:
    """At server start: jobs a stopped server left running go back in the queue (or fail after
    MAX_ATTEMPTS tries). Returns how many were queued again."""
    t = store.t["jobs"]
    with store.engine.begin() as conn:
        conn.execute(t.update().where(t.c.status == "running", t.c.attempts >= MAX_ATTEMPTS).values(
            status="failed", finished_at=utcnow(),
            reason=f"processing stopped {MAX_ATTEMPTS} times before it finished "
                   "(the server was stopped or the worker crashed); upload the file again to retry"))
        return conn.execute(t.update().where(t.c.status == "running").values(
            status="queued", started_at=None)).rowcount


def counts(store: Store) -> dict[str, int]:
    t = store.t["jobs"]
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.status, sa.func.count()).group_by(t.c.status)).all()
    return {s: 0 for s in STATUSES} | {s: n for s, n in rows}
