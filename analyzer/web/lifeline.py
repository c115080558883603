"""A worker dies with its server, however the server died (even SIGKILL, which runs no
clean-up): on Linux the kernel sends the worker SIGKILL when its parent exits
(PR_SET_PDEATHSIG); elsewhere a thread checks for the parent every half second."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def _pdeathsig() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)


def die_with_parent(parent_pid: int) -> None:
    """Make this process end as soon as `parent_pid` (its parent) is gone."""
    armed = _pdeathsig()
    if os.getppid() != parent_pid:  # the parent died before we could ask
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch, args=(parent_pid,), name="lifeline", daemon=True).start()
