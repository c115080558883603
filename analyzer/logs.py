"""Unexpected errors: one clear line for the user, the traceback in a log file.

An InputError is about the user's file and is shown as it is. Anything else is a fault in the
analyzer: the user gets one line that says so and where the details are, and the traceback
goes to the log file through `logging` (the command line sets it up: `--log-file`,
$CALLREVIEW_LOG, or ./callreview.log). The file is created only when something is written.
Used as a library, the analyzer logs to the "analyzer" logger and leaves handlers to the
caller.
"""
from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

LOG = logging.getLogger("analyzer")
LOG.addHandler(logging.NullHandler())  # a library stays quiet unless its caller sets logging up
ENV_LOG = "CALLREVIEW_LOG"
DEFAULT_LOG = Path("callreview.log")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _LogFile(logging.FileHandler):
    """Our handler, told apart from any the caller added."""


def log_to_file(path: str | Path | None = None) -> Path:
    """Send the analyzer's warnings and errors, with tracebacks, to `path` (default
    $CALLREVIEW_LOG or ./callreview.log), replacing an earlier log file of ours."""
    path = Path(path or os.environ.get(ENV_LOG) or DEFAULT_LOG)
    for old in [h for h in LOG.handlers if isinstance(h, _LogFile)]:
        LOG.removeHandler(old)
        old.close()
    handler = _LogFile(path, encoding="utf-8", delay=True)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(_FORMAT))
    LOG.addHandler(handler)
    return path


def log_file() -> Path | None:
    """The log file set up by log_to_file(), if any."""
    return next((Path(h.baseFilename) for h in LOG.handlers if isinstance(h, _LogFile)), None)


def fault(where: str, kind: str, trace: str, doing: str = "could not be analyzed") -> str:
    """Log an unexpected error (`kind`: its class name; `trace`: its formatted traceback, as
    traceback.format_exc() gives it, also from a worker process) and return the line for
    the user, without `where` (the caller names the file)."""
    LOG.error("%s: %s: unexpected %s\n%s", where, doing, kind, trace.rstrip())
    found = log_file()
    see = f"; the details are in {found}" if found else ""
    return f"{doing}: an unexpected error in the analyzer ({kind}){see}. Please report it."


def current_fault(where: str, doing: str = "could not be analyzed") -> str:
    """fault() for the exception being handled."""
    return fault(where, sys.exc_info()[0].__name__, traceback.format_exc(), doing)
