"""Web commands: `serve` (the app and its job workers) and `users add/list`. Registered on the
main `callreview` app."""
from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from .cli import app, err, out
from .cli_team import DB_HELP, _open  # one way to open the store for every command

users_app = typer.Typer(no_args_is_help=True, help="Web app accounts: managers and reps.")
app.add_typer(users_app, name="users")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    db: Optional[str] = typer.Option(None, help=DB_HELP),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir",
                                            help="Folder for uploaded files (default: $CALLREVIEW_DATA, or <db>-data/ beside a SQLite file)."),
    max_upload_mb: Optional[float] = typer.Option(None, "--max-upload-mb", min=0.001,
                                                  help="Largest file an upload may hold, in MB (default: $CALLREVIEW_MAX_UPLOAD_MB or 200)."),
    workers: int = typer.Option(1, min=0, help="Job worker processes (0: queue only, no processing)."),
    rubric: Optional[Path] = typer.Option(None, help="Rubric YAML (default: the built-in one)."),
    secure_cookies: bool = typer.Option(False, "--secure-cookies",
                                        help="Mark cookies Secure (when served over HTTPS)."),
):
    """Serve the web app: sign in, upload calls, read reports (Ctrl-C stops it)."""
    import uvicorn

    from .web import WebConfig, create_app
    from .web.jobs import requeue_interrupted
    from .web.worker import serve_jobs

    cfg = WebConfig.from_env(db, data_dir, max_upload_mb, secure_cookies=secure_cookies,
                             rubric=str(rubric) if rubric else None)
    store = _open(cfg.db)
    cfg.upload_dir.mkdir(parents=True, exist_ok=True)
    again = requeue_interrupted(store)
    if again:
        err.print(f"{again} interrupted job(s) queued again", highlight=False)
    from .web.accounts import list_users

    if not any(u.is_manager for u in list_users(store)):
        err.print("[yellow]no manager account yet:[/yellow] create one with "
                  "`callreview users add NAME --role manager`", highlight=False)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=serve_jobs, args=(cfg, os.getpid()), daemon=True,
                         name=f"callreview-worker-{i}") for i in range(workers)]
    for p in procs:
        p.start()
    err.print(f"callreview on http://{host}:{port}/ (store {store.url.split('://')[0]}, "
              f"uploads in {cfg.data_dir}, {workers} worker(s))", highlight=False)
    try:
        uvicorn.run(create_app(cfg, store), host=host, port=port, log_level="info",
                    proxy_headers=False, server_header=False)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()


def _password(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="User name for signing in."),
    role: str = typer.Option(..., help="manager (sees the team, uploads) or rep (sees their own calls)."),
    rep_label: Optional[str] = typer.Option(None, "--rep-label",
                                            help="A rep's name as calls spell it (default: NAME)."),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the password from the first line of standard input."),
    db: Optional[str] = typer.Option(None, help=DB_HELP),
):
    """Create an account (the password is asked for, or read with --password-stdin)."""
    from .web.accounts import AccountError, add_user

    if role not in ("manager", "rep"):
        err.print(f"[red]error:[/red] --role must be manager or rep, not '{role}'", highlight=False)
        raise typer.Exit(2)
    store = _open(db)
    try:
        user = add_user(store, name, role, _password(password_stdin), rep_label)
    except AccountError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2)
    label = f", sees calls of rep '{user.rep_label}'" if user.role == "rep" else ""
    out.print(f"added {user.role} '{user.name}'{label}", highlight=False)


@users_app.command("list")
def users_list(db: Optional[str] = typer.Option(None, help=DB_HELP)):
    """List the accounts."""
    from .web.accounts import list_users

    table = Table(title="Users")
    for col in ("name", "role", "rep label", "created (UTC)"):
        table.add_column(col)
    for u in list_users(_open(db)):
        table.add_row(u.name, u.role, u.rep_label or "—", u.created_at.strftime("%Y-%m-%d %H:%M"))
    out.print(table)
