"""Server-side sessions behind a signed cookie, and the key that signs it.

The cookie holds a random token signed with itsdangerous (so a forged or edited cookie is
refused before the store is asked); the store keeps only the token's SHA-256 with its user,
its CSRF token and its expiry. Signing out deletes the row, so a copied cookie dies with it.
The signing key is made once per store (settings table), never written in the code.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from itsdangerous import BadSignature, TimestampSigner

from ..store import Store
from .accounts import User, user_by_id
from .clock import utcnow

COOKIE = "callreview_session"
SECRET_KEY = "session_secret"


@dataclass(frozen=True)
class Session:
    user: User
    csrf_token: str
    expires_at: datetime
    token: str  # the raw token: only to sign out


def secret_key(store: Store) -> str:
    """The store's signing key, made on first use (random, 256 bits)."""
    s = store.t["settings"]
    with store.engine.begin() as conn:
        value = conn.execute(sa.select(s.c.value).where(s.c.key == SECRET_KEY)).scalar()
        if value is None:
            try:
                conn.execute(s.insert().values(key=SECRET_KEY, value=secrets.token_urlsafe(32)))
            except sa.exc.IntegrityError:  # another process made it first
                pass
    with store.engine.connect() as conn:
        return conn.execute(sa.select(s.c.value).where(s.c.key == SECRET_KEY)).scalar()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    def __init__(self, store: Store, secret: str, hours: float):
        self.store, self.hours = store, hours
        self.signer = TimestampSigner(secret, salt="callreview.session")

    @property
    def max_age(self) -> int:
        return int(self.hours * 3600)

    def start(self, user: User) -> tuple[str, Session]:
        """A new session for `user`: (cookie value, session)."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = utcnow()
        expires = now + timedelta(hours=self.hours)
        t = self.store.t["sessions"]
        with self.store.engine.begin() as conn:
            conn.execute(t.delete().where(t.c.expires_at < now))  # tidy up old ones
            conn.execute(t.insert().values(token_hash=_hash(token), user_id=user.id,
                                           csrf_token=csrf, created_at=now, expires_at=expires))
        return self.signer.sign(token).decode(), Session(user, csrf, expires, token)

    def lookup(self, cookie: str | None) -> Session | None:
        """The live session a cookie names, or None (missing, forged, expired, signed out)."""
        if not cookie:
            return None
        try:
            token = self.signer.unsign(cookie, max_age=self.max_age).decode()
        except BadSignature:  # includes SignatureExpired
            return None
        t = self.store.t["sessions"]
        with self.store.engine.connect() as conn:
            row = conn.execute(sa.select(t).where(t.c.token_hash == _hash(token))).mappings().first()
        if row is None or row["expires_at"] <= utcnow():
            return None
        user = user_by_id(self.store, row["user_id"])
        if user is None or user.disabled:
            return None
        return Session(user, row["csrf_token"], row["expires_at"], token)

    def end(self, session: Session) -> None:
        t = self.store.t["sessions"]
        with self.store.engine.begin() as conn:
            conn.execute(t.delete().where(t.c.token_hash == _hash(session.token)))
