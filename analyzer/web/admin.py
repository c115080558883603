"""Running the team's accounts: disable, enable, reset a password, remove. Each ends every
session of that user at once (a stolen or shared cookie dies with it). The last active
manager cannot be disabled or removed: someone must be able to run the app.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..store import Store
from .accounts import AccountError, User, check_password, get_user, hash_password
from .clock import utcnow
from .throttle import Throttle


class NoSuchUser(AccountError):
    pass


def _user(store: Store, name: str) -> User:
    user = get_user(store, name)
    if user is None:
        raise NoSuchUser(f"no user named {name!r}")
    return user


def _end_sessions(conn, store: Store, user_id: int) -> int:
    s = store.t["sessions"]
    return conn.execute(s.delete().where(s.c.user_id == user_id)).rowcount


def _keep_a_manager(store: Store, user: User, doing: str) -> None:
    if not user.is_manager or user.disabled:
        return
    u = store.t["users"]
    with store.engine.connect() as conn:
        others = conn.execute(sa.select(sa.func.count()).select_from(u).where(
            u.c.role == "manager", u.c.disabled_at.is_(None), u.c.id != user.id)).scalar()
    if not others:
        raise AccountError(f"cannot {doing} {user.name!r}: the last manager who can sign in; "
                           "add another manager first")


def _update(store: Store, user: User, **values) -> int:
    u = store.t["users"]
    with store.engine.begin() as conn:
        conn.execute(u.update().where(u.c.id == user.id).values(**values))
        return _end_sessions(conn, store, user.id)


def disable(store: Store, name: str) -> int:
    """Stop `name` signing in; returns how many sessions were ended."""
    user = _user(store, name)
    _keep_a_manager(store, user, "disable")
    return _update(store, user, disabled_at=user.disabled_at or utcnow())


def enable(store: Store, name: str) -> int:
    """Let `name` sign in again (and forget its failed sign-ins)."""
    user = _user(store, name)
    ended = _update(store, user, disabled_at=None)
    Throttle(store).clear(name)
    return ended


def reset_password(store: Store, name: str, password: str) -> int:
    """Give `name` a new password (the policy applies) and forget its failed sign-ins."""
    user = _user(store, name)
    check_password(password, user.name, user.rep_label)
    ended = _update(store, user, password_hash=hash_password(password))
    Throttle(store).clear(name)
    return ended


def remove(store: Store, name: str) -> int:
    """Delete the account; its uploads stay (jobs keep no link to it)."""
    user = _user(store, name)
    _keep_a_manager(store, user, "remove")
    u = store.t["users"]
    with store.engine.begin() as conn:
        ended = _end_sessions(conn, store, user.id)
        conn.execute(u.delete().where(u.c.id == user.id))
    Throttle(store).clear(name)
    return ended
