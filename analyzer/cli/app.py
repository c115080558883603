"""The Typer app and what every command shares: the consoles, one-line usage errors, loading
the rubric and opening the store. Command modules import this; it imports none of them."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..logs import ENV_LOG, log_to_file
from ..rubric import Rubric, RubricError, load_rubric
from ..store import ENV_DB, Store, StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Score sales calls against a coaching rubric (built in: the Backwards Close) and write coaching reports.")
rubric_app = typer.Typer(no_args_is_help=True, help="Work with rubric files.")
app.add_typer(rubric_app, name="rubric")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
WEEK = re.compile(r"^\d{4}-W\d{2}$")
DB_HELP = f"SQLite file or SQLAlchemy URL (default: ${ENV_DB} or ./callreview.db)."
RUBRIC_HELP = "Rubric YAML (default: the built-in Backwards Close)."


@app.callback()
def _setup(log_file: Optional[Path] = typer.Option(
        None, "--log-file", envvar=ENV_LOG, show_default=False,
        help="Where the tracebacks of unexpected errors go (default: ./callreview.log, "
             "written only when one happens).")):
    log_to_file(log_file)


def fail_usage(message: str):
    """Each line of `message` as an error on stderr, then exit 2."""
    for line in str(message).splitlines():
        err.print(f"[red]error:[/red] {line}", highlight=False)
    raise typer.Exit(2)


def rubric_or_exit(path: Optional[Path]) -> Rubric:
    """The rubric at `path` (the built-in one when None); a bad file is a usage error."""
    try:
        return load_rubric(path)
    except RubricError as exc:
        fail_usage(str(exc))


def open_store(db: Optional[str]) -> Store:
    try:
        return Store.open(db)
    except StoreError as exc:
        fail_usage(str(exc))


def check_week(week: Optional[str]) -> None:
    if week and not WEEK.match(week):
        fail_usage(f"--week must look like 2026-W48, got '{week}'")
