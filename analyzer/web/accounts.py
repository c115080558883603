"""User accounts: managers see the whole team, a rep sees the calls whose rep is their label.

Passwords follow the policy in passwords.py and are hashed with argon2id (argon2-cffi's
defaults); a hash made with weaker parameters is upgraded on the next successful sign-in.
A disabled account keeps its data but cannot sign in (admin.py disables, enables, resets and
removes accounts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..listing import rep_key
from ..store import Store
from .clock import utcnow
from .passwords import password_problem

ROLES = ("manager", "rep")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked when the user name is unknown, so that answer takes as long as a wrong password."""
    return _hasher.hash("not a password anyone has")


class AccountError(ValueError):
    """A bad user name, role or password; one line for the user."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    rep_label: str | None
    created_at: datetime
    disabled_at: datetime | None = None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"

    def sees_rep(self, rep: str | None) -> bool:
        """Whether this user may read calls and scorecards of `rep`."""
        if self.is_manager:
            return True
        return bool(rep and self.rep_label) and same_rep(rep, self.rep_label)


def same_rep(a: str, b: str) -> bool:
    """Rep labels match ignoring case and runs of spaces ("Dana  Ruiz" is "dana ruiz")."""
    return rep_key(a) == rep_key(b)


def _user(row) -> User:
    return User(row["id"], row["name"], row["role"], row["rep_label"], row["created_at"],
                row["disabled_at"])


def add_user(store: Store, name: str, role: str, password: str,
             rep_label: str | None = None) -> User:
    """Create an account. A rep without a label gets their user name as the label."""
    if not NAME.match(name or ""):
        raise AccountError("user name: 1-100 letters, digits, '.', '_', '@' or '-', "
                           "starting with a letter or digit")
    if role not in ROLES:
        raise AccountError(f"role must be manager or rep, not {role!r}")
    label = " ".join((rep_label or "").split()) or (name if role == "rep" else None)
    check_password(password, name, label)
    u = store.t["users"]
    with store.engine.begin() as conn:
        if conn.execute(sa.select(u.c.id).where(u.c.name == name)).first():
            raise AccountError(f"a user named {name!r} already exists")
        conn.execute(u.insert().values(name=name, role=role, rep_label=label,
                                       password_hash=hash_password(password),
                                       created_at=utcnow()))
    return get_user(store, name)


def check_password(password: str, *user_inputs: str | None) -> None:
    """AccountError with the reason when `password` does not meet the policy."""
    problem = password_problem(password, user_inputs)
    if problem:
        raise AccountError(problem)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def get_user(store: Store, name: str) -> User | None:
    u = store.t["users"]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(u).where(u.c.name == name)).mappings().first()
    return _user(row) if row else None


def user_by_id(store: Store, user_id: int) -> User | None:
    u = store.t["users"]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(u).where(u.c.id == user_id)).mappings().first()
    return _user(row) if row else None


def list_users(store: Store) -> list[User]:
    u = store.t["users"]
    with store.engine.connect() as conn:
        return [_user(r) for r in conn.execute(sa.select(u).order_by(u.c.name)).mappings()]


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user if the password is right, else None (same work either way: no user-name
    probing by timing). A disabled user is returned too: the caller refuses them."""
    u = store.t["users"]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(u).where(u.c.name == (name or ""))).mappings().first()
    stored = row["password_hash"] if row else _dummy_hash()
    try:
        _hasher.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(stored):
        with store.engine.begin() as conn:
            conn.execute(u.update().where(u.c.id == row["id"])
                         .values(password_hash=_hasher.hash(password)))
    return _user(row)
