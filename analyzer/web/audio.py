"""Recordings kept with their calls: where a call's recording is, its media type, and the
retention (`serve --keep-audio DAYS`) that deletes old ones and marks their calls.

A recording stays in the upload folder under the generated name it was stored with
(<uuid>.<suffix>); the call row keeps that name (`calls.audio_name`). The call page streams
it through the same access check as the page itself (routes_media.py)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from ..store import Store
from .clock import utcnow

MEDIA_TYPES = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
               ".flac": "audio/flac", ".m4a": "audio/mp4", ".webm": "audio/webm"}
STORED_NAME = r"^[0-9a-f]{32}\.[a-z0-9]{2,5}$"


def recording(upload_dir: Path, audio_name: str | None) -> Path | None:
    """The kept recording of a call, if it is still there (a generated name, never a path)."""
    if not audio_name or not re.match(STORED_NAME, audio_name):
        return None
    path = upload_dir / audio_name
    return path if path.suffix in MEDIA_TYPES and path.is_file() else None


def purge_old_audio(store: Store, upload_dir: Path, days: float,
                    now: datetime | None = None) -> int:
    """Delete the recordings of calls stored more than `days` ago and mark those calls;
    returns how many were deleted. The transcript, scorecard and report stay."""
    c = store.t["calls"]
    cutoff = (now or utcnow()) - timedelta(days=days)
    with store.engine.connect() as conn:
        old = conn.execute(sa.select(c.c.id, c.c.audio_name).where(
            c.c.audio_name.is_not(None), c.c.created_at < cutoff)).all()
    for call_pk, name in old:
        path = recording(upload_dir, name)
        if path is not None:
            path.unlink(missing_ok=True)
        store.set_audio(call_pk, None)
    return len(old)
