"""A running job's progress, from the transcription's own progress: the share of the recording
done and, from the pace so far, the time left; written to the job at most every few seconds.
When a manager has cancelled the job meanwhile, the next report stops the transcription."""
from __future__ import annotations

import time

from ..store import Store
from . import jobs

EVERY_S = 2.0


class JobCancelled(Exception):
    """A manager cancelled the job while it ran."""


class JobProgress:
    def __init__(self, store: Store, job_id: int, owner: str, clock=time.monotonic):
        self.store, self.job_id, self.owner, self.clock = store, job_id, owner, clock
        self.started: float | None = None
        self.last = float("-inf")

    def __call__(self, done_s: float, total_s: float) -> None:
        now = self.clock()
        if self.started is None:
            self.started = now
        if now - self.last < EVERY_S and done_s < total_s:
            return
        self.last = now
        share = done_s / total_s if total_s else 0.0
        elapsed = now - self.started
        eta = round(elapsed * (1 - share) / share, 1) if share > 0.01 and elapsed > 0 else None
        if jobs.report_progress(self.store, self.job_id, self.owner, share, eta):
            raise JobCancelled()
