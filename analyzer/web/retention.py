"""`serve --keep-audio DAYS`: a thread of the server that deletes recordings older than DAYS
at start and then every hour (audio.purge_old_audio), and says how many it deleted."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from ..store import Store
from .audio import purge_old_audio

EVERY_S = 3600.0


class Retention(threading.Thread):
    def __init__(self, store: Store, upload_dir: Path, days: float, log: Callable[[str], None]):
        super().__init__(name="audio-retention", daemon=True)
        self.store, self.upload_dir, self.days, self.log = store, upload_dir, days, log

    def run(self) -> None:
        while True:
            try:
                gone = purge_old_audio(self.store, self.upload_dir, self.days)
                if gone:
                    self.log(f"deleted {gone} recording(s) older than {self.days:g} days (--keep-audio)")
            except Exception as exc:  # noqa: BLE001  (the store is away: try again later)
                self.log(f"audio retention: {exc.__class__.__name__}: {exc}")
            threading.Event().wait(EVERY_S)
