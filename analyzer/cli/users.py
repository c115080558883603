"""`callreview users`: the web app's accounts. add, list, disable, enable, reset-password,
remove; every change to an existing account ends that user's sessions at once."""
from __future__ import annotations

import sys
from typing import Optional

import typer
from rich.table import Table

from .app import DB_HELP, app, err, open_store, out

users_app = typer.Typer(no_args_is_help=True, help="Web app accounts: managers and reps.")
app.add_typer(users_app, name="users")
PASSWORD_RULE = "at least 12 characters, not a common password"


def _password(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt(f"Password ({PASSWORD_RULE})", hide_input=True, confirmation_prompt=True)


def _fail(exc: Exception, code: int) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(code)


def _sessions(n: int) -> str:
    return f"ended {n} session{'' if n == 1 else 's'}"


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
    from ..web.accounts import AccountError, add_user

    if role not in ("manager", "rep"):
        _fail(f"--role must be manager or rep, not '{role}'", 2)
    store = open_store(db)
    try:
        user = add_user(store, name, role, _password(password_stdin), rep_label)
    except AccountError as exc:
        _fail(exc, 2)
    label = f", sees calls of rep '{user.rep_label}'" if user.role == "rep" else ""
    out.print(f"added {user.role} '{user.name}'{label}", highlight=False)


@users_app.command("list")
def users_list(db: Optional[str] = typer.Option(None, help=DB_HELP)):
    """List the accounts, with who is disabled or locked out after failed sign-ins."""
    from ..web.accounts import list_users
    from ..web.throttle import Throttle

    store = open_store(db)
    throttle = Throttle(store)
    table = Table(title="Users")
    for col in ("name", "role", "rep label", "status", "created (UTC)"):
        table.add_column(col)
    for u in list_users(store):
        locked = throttle.locked_until(u.name)
        status = ("disabled" if u.disabled else
                  f"locked until {locked:%H:%M:%S} UTC" if locked else "active")
        table.add_row(u.name, u.role, u.rep_label or "—", status,
                      u.created_at.strftime("%Y-%m-%d %H:%M"))
    out.print(table)


def _change(what: str, name: str, db: Optional[str], action, *args) -> None:
    from ..web.accounts import AccountError
    from ..web.admin import NoSuchUser

    store = open_store(db)
    try:
        ended = action(store, name, *args)
    except NoSuchUser as exc:
        _fail(exc, 1)
    except AccountError as exc:  # the policy or the last manager
        _fail(exc, 1 if "last manager" in str(exc) else 2)
    out.print(f"{what} '{name}'; {_sessions(ended)}", highlight=False)


@users_app.command("disable")
def users_disable(name: str = typer.Argument(..., help="User name."),
                  db: Optional[str] = typer.Option(None, help=DB_HELP)):
    """Stop a user signing in (their calls and data stay); ends their sessions."""
    from ..web.admin import disable

    _change("disabled", name, db, disable)


@users_app.command("enable")
def users_enable(name: str = typer.Argument(..., help="User name."),
                 db: Optional[str] = typer.Option(None, help=DB_HELP)):
    """Let a disabled (or locked-out) user sign in again; ends their sessions."""
    from ..web.admin import enable

    _change("enabled", name, db, enable)


@users_app.command("reset-password")
def users_reset_password(
    name: str = typer.Argument(..., help="User name."),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the new password from the first line of standard input."),
    db: Optional[str] = typer.Option(None, help=DB_HELP),
):
    """Set a new password (asked for, or read with --password-stdin); ends their sessions."""
    from ..web.admin import reset_password

    _change("new password set for", name, db, reset_password, _password(password_stdin))


@users_app.command("remove")
def users_remove(name: str = typer.Argument(..., help="User name."),
                 db: Optional[str] = typer.Option(None, help=DB_HELP)):
    """Delete an account; ends their sessions (uploads they made stay)."""
    from ..web.admin import remove

    _change("removed", name, db, remove)
