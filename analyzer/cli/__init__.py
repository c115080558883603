"""The `callreview` command line. Imports run one way: `app` holds the Typer app and the helpers
every command shares; each command module imports `app` and registers its commands; this module
imports them all. No command module imports another."""
from __future__ import annotations

from ..logs import current_fault
from . import meaning, rubric, score, team, users, web  # noqa: F401  (register their commands)
from .app import app, err


def main():
    try:
        app()
    except Exception:  # a fault in the analyzer: one line here, the traceback in the log
        err.print(f"[red]error:[/red] callreview: {current_fault('callreview', 'stopped')}",
                  highlight=False)
        raise SystemExit(1) from None
