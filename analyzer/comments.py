"""A comment thread per call: a manager's coaching note on a moment of the call, the rep's
replies, and when the rep marked a note read. Kept in the store's `comments` table (migration
4); the web app checks who may read and write (routes_comments.py); `callreview export --kind
comments` writes them out."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .presentation import clock
from .store import Store, _now

MAX_BODY = 2000
_MOMENT = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$|^(\d+(?:\.\d+)?)$")


class CommentError(ValueError):
    """A comment the thread cannot take; one line for the user."""


@dataclass(frozen=True)
class Comment:
    id: int
    call_pk: int
    author: str
    role: str  # manager | rep
    body: str
    at_s: float | None
    created_at: datetime
    read_at: datetime | None

    @property
    def at(self) -> str | None:
        return clock(self.at_s)

    def to_api(self) -> dict[str, Any]:
        return {"id": self.id, "author": self.author, "role": self.role, "body": self.body,
                "at_s": self.at_s, "created_at": self.created_at.isoformat(),
                "read_at": self.read_at.isoformat() if self.read_at else None}


def parse_moment(text: str) -> float | None:
    """'12:05', '1:02:05' or seconds; None for blank. CommentError otherwise."""
    text = text.strip()
    if not text:
        return None
    found = _MOMENT.match(text)
    if not found:
        raise CommentError(f"The moment {text[:20]!r} is not a time on the call: write it like 12:05.")
    if found.group(4):
        return float(found.group(4))
    hours, minutes, seconds = (int(g or 0) for g in found.group(1, 2, 3))
    if seconds >= 60:
        raise CommentError(f"The moment {text!r} has {seconds} seconds: write it like 12:05.")
    return float(hours * 3600 + minutes * 60 + seconds)


def add(store: Store, call_pk: int, author: str, role: str, body: str,
        at_s: float | None = None) -> int:
    body = body.strip()
    if not body:
        raise CommentError("Write something first: the comment is empty.")
    if len(body) > MAX_BODY:
        raise CommentError(f"A comment holds at most {MAX_BODY} characters; this one has {len(body)}.")
    t = store.t["comments"]
    with store.engine.begin() as conn:
        return conn.execute(t.insert().values(call_pk=call_pk, author=author, role=role,
                                              body=body, at_s=at_s, created_at=_now())
                            ).inserted_primary_key[0]


def thread(store: Store, call_pk: int) -> list[Comment]:
    """Oldest first."""
    t = store.t["comments"]
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t).where(t.c.call_pk == call_pk).order_by(t.c.id)).mappings()
        return [_comment(r) for r in rows]


def mark_read(store: Store, call_pk: int, comment_id: int) -> bool:
    """Mark a manager's note on this call read; False when there is no such unread note."""
    t = store.t["comments"]
    with store.engine.begin() as conn:
        return conn.execute(t.update().where(
            t.c.id == comment_id, t.c.call_pk == call_pk, t.c.role == "manager",
            t.c.read_at.is_(None)).values(read_at=_now())).rowcount > 0


def export_rows(store: Store, week: str | None = None) -> list[dict[str, Any]]:
    """One row per comment with its call, for `callreview export --kind comments`."""
    t, c = store.t["comments"], store.t["calls"]
    q = (sa.select(c.c.call_id, c.c.rep, c.c.account, c.c.week, t.c.author, t.c.role, t.c.body,
                   t.c.at_s, t.c.created_at, t.c.read_at)
         .join(c, c.c.id == t.c.call_pk).order_by(c.c.call_date, c.c.id, t.c.id))
    if week:
        q = q.where(c.c.week == week)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def _comment(r) -> Comment:
    return Comment(r["id"], r["call_pk"], r["author"], r["role"], r["body"], r["at_s"],
                   r["created_at"], r["read_at"])
