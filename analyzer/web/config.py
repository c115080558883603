"""Settings of one web app instance: where the store and the uploads live, and the limits."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..store import DEFAULT_DB, ENV_DB
from .jobs import DEFAULT_LEASE_S
from .limits import WORKER_MEMORY_MB

ENV_DATA = "CALLREVIEW_DATA"
ENV_MAX_UPLOAD_MB = "CALLREVIEW_MAX_UPLOAD_MB"
ENV_JOB_LEASE_S = "CALLREVIEW_JOB_LEASE_S"
DEFAULT_MAX_UPLOAD_MB = 200


@dataclass(frozen=True)
class WebConfig:
    db: str  # SQLite path or SQLAlchemy URL, as `--db` takes it
    data_dir: Path  # uploads are kept under data_dir/uploads/<uuid>.<suffix>
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024  # per file
    max_files: int = 50  # per upload request
    session_hours: float = 12.0
    secure_cookies: bool = False  # set the Secure flag (serve behind HTTPS)
    rubric: str | None = None  # rubric YAML; None: the built-in one
    job_lease_s: float = DEFAULT_LEASE_S  # a job's claim lapses this long after its worker died
    worker_memory_mb: int = WORKER_MEMORY_MB  # each worker's data memory cap
    keep_audio_days: float | None = None  # delete recordings older than this; None: keep

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def max_request_bytes(self) -> int:
        """Largest upload request body: every file at its limit plus the form fields."""
        return self.max_upload_bytes * self.max_files + 1024 * 1024

    @classmethod
    def from_env(cls, db: str | None = None, data_dir: str | Path | None = None,
                 max_upload_mb: float | None = None, **kw) -> "WebConfig":
        """Defaults: $CALLREVIEW_DB or ./callreview.db; uploads in $CALLREVIEW_DATA or in
        `<db name>-data/` beside a SQLite file (./callreview-data for a server URL)."""
        db = db or os.environ.get(ENV_DB) or DEFAULT_DB
        if data_dir is None:
            data_dir = os.environ.get(ENV_DATA) or default_data_dir(db)
        mb = max_upload_mb if max_upload_mb is not None else \
            float(os.environ.get(ENV_MAX_UPLOAD_MB) or DEFAULT_MAX_UPLOAD_MB)
        if os.environ.get(ENV_JOB_LEASE_S):
            kw.setdefault("job_lease_s", float(os.environ[ENV_JOB_LEASE_S]))
        return cls(db=db, data_dir=Path(data_dir).expanduser(),
                   max_upload_bytes=int(mb * 1024 * 1024), **kw)


def default_data_dir(db: str) -> Path:
    if "://" in db:
        return Path("callreview-data")
    path = Path(db).expanduser()
    return path.with_name(path.stem + "-data")
