"""A worker's heartbeat: while it works on a job, a thread renews the job's lease every third
of its length, so the lease runs out only when the worker is gone."""
from __future__ import annotations

import threading

from ..store import Store
from . import jobs


class Heartbeat:
    def __init__(self, store: Store, job_id: int, owner: str, lease_s: float):
        self.store, self.job_id, self.owner, self.lease_s = store, job_id, owner, lease_s
        self.lost = False  # another worker took the job over (this one was too slow)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{job_id}", daemon=True)

    def _beat(self) -> None:
        while not self._stop.wait(self.lease_s / 3):
            try:
                if not jobs.renew(self.store, self.job_id, self.owner, self.lease_s):
                    self.lost = True
                    return
            except Exception:  # noqa: BLE001  (the store is busy: try at the next beat)
                continue

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
