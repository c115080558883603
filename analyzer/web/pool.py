"""The server's job workers: N processes, watched. A worker that exits (it ran out of memory,
or crashed) has its job released at once and is replaced; at shutdown each is asked to stop,
then killed if it does not, and its job released. Workers die with the server on their own
(lifeline.py), so nothing here needs to run for that."""
from __future__ import annotations

import multiprocessing
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Callable

from ..store import Store
from . import jobs
from .config import WebConfig
from .worker import serve_jobs

RESPAWN_PAUSE_S = 5.0  # a worker that keeps dying is not restarted in a tight loop


@dataclass
class Slot:
    number: int
    owner: str = ""
    process: multiprocessing.Process | None = None
    started: float = 0.0


class WorkerPool:
    def __init__(self, cfg: WebConfig, store: Store, size: int, log: Callable[[str], None]):
        self.cfg, self.store, self.log = cfg, store, log
        self.slots = [Slot(n) for n in range(size)]
        self._ctx = multiprocessing.get_context("spawn")  # torch in a forked child deadlocks
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="worker-pool", daemon=True)

    def start(self) -> None:
        for slot in self.slots:
            self._spawn(slot)
        if self.slots:
            self._watcher.start()

    def _spawn(self, slot: Slot) -> None:
        slot.owner = f"{socket.gethostname()}:{os.getpid()}:w{slot.number}:{uuid.uuid4().hex[:8]}"
        slot.process = self._ctx.Process(target=serve_jobs, args=(self.cfg, os.getpid(), slot.owner),
                                         daemon=True, name=f"callreview-worker-{slot.number}")
        slot.process.start()
        slot.started = time.monotonic()

    def _watch(self) -> None:
        while not self._stopping.wait(1.0):
            for slot in self.slots:
                if slot.process is None or slot.process.is_alive() or self._stopping.is_set():
                    continue
                self._released(slot, f"worker {slot.process.pid} exited "
                                      f"(code {slot.process.exitcode}); starting another")
                if time.monotonic() - slot.started < RESPAWN_PAUSE_S:
                    time.sleep(RESPAWN_PAUSE_S)
                if not self._stopping.is_set():
                    self._spawn(slot)

    def _released(self, slot: Slot, why: str) -> None:
        try:
            again = jobs.release(self.store, slot.owner)
        except Exception as exc:  # noqa: BLE001  (the lease runs out on its own)
            self.log(f"{why}; its job waits for its lease to end ({exc.__class__.__name__})")
            return
        self.log(why + (f"; {again} job(s) it was running wait again" if again else ""))

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        live = [s for s in self.slots if s.process is not None]
        for slot in live:
            slot.process.terminate()
        for slot in live:
            slot.process.join(timeout=timeout)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(timeout=timeout)
            self._released(slot, f"worker {slot.process.pid} stopped")
