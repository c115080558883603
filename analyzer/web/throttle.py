"""Sign-in throttling, per account name and per client address, kept in the store.

Every attempt is counted before the password is checked (so parallel guesses cannot slip
past the count). An account gets 5 tries and an address 20; from then on each failed try
locks that account (or address) for a while that doubles each time: 30 s, 60 s, 2 min ...
up to 15 min for an account, 1 min, 2 min ... up to 15 min for an address. A locked sign-in
is answered 429 with Retry-After, without checking the password, so the right one does not
work either until the lock ends. A success clears the account's count; an hour without tries
clears any count. Unknown user names are counted like real ones (no probing for names).
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..store import Store
from .clock import utcnow

log = logging.getLogger("callreview.web")


@dataclass(frozen=True)
class Limit:
    scope: str  # account | address
    free: int  # tries before the first lock
    first_lock_s: int
    max_lock_s: int = 15 * 60

    def lock_s(self, failures: int) -> int:
        return min(self.first_lock_s * 2 ** (failures - self.free), self.max_lock_s)


ACCOUNT = Limit("account", free=5, first_lock_s=30)
ADDRESS = Limit("address", free=20, first_lock_s=60)
FORGET_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Refusal:
    scope: str  # account | address
    retry_after: int  # seconds

    @property
    def message(self) -> str:
        wait = duration(self.retry_after)
        if self.scope == "account":
            return (f"Too many failed sign-ins for this account: it is locked for {wait}. "
                    "Try again then, or ask a manager to reset the password.")
        return f"Too many failed sign-ins from your address: try again in {wait}."


@dataclass
class Attempt:
    """One counted sign-in attempt: the locks it set if it turns out to be a failure."""
    name: str
    address: str
    locks: dict[str, int] = field(default_factory=dict)  # scope -> seconds


def duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} second{'' if seconds == 1 else 's'}"
    return f"{math.ceil(seconds / 60)} minutes"


def _key(limit: Limit, value: str) -> str:
    return f"{limit.scope}:{value.casefold()[:250]}"


class Throttle:
    def __init__(self, store: Store):
        self.store = store

    @property
    def _t(self) -> sa.Table:
        return self.store.t["signin_throttle"]

    def begin(self, name: str, address: str) -> Refusal | Attempt:
        """Count an attempt, or refuse it while the account or the address is locked."""
        for _ in range(3):
            try:
                return self._count(name, address)
            except sa.exc.IntegrityError:  # a parallel first try made the row: count again
                continue
        return self._count(name, address)

    def _count(self, name: str, address: str) -> Refusal | Attempt:
        now = utcnow()
        keys = {_key(ACCOUNT, name): ACCOUNT, _key(ADDRESS, address): ADDRESS}
        t = self._t
        with self.store.engine.begin() as conn:
            rows = {r["key"]: r for r in conn.execute(
                sa.select(t).where(t.c.key.in_(list(keys)))).mappings()}
            for key, limit in keys.items():
                row = rows.get(key)
                if row is not None and row["blocked_until"] and row["blocked_until"] > now:
                    wait = math.ceil((row["blocked_until"] - now).total_seconds())
                    return Refusal(limit.scope, max(1, wait))
            attempt = Attempt(name, address)
            for key, limit in keys.items():
                row = rows.get(key)
                stale = row is None or row["last_at"] < now - FORGET_AFTER
                failures = 1 if stale else row["failures"] + 1
                blocked = None
                if failures >= limit.free:
                    attempt.locks[limit.scope] = limit.lock_s(failures)
                    blocked = now + timedelta(seconds=attempt.locks[limit.scope])
                values = dict(failures=failures, last_at=now, blocked_until=blocked)
                if row is None:
                    conn.execute(t.insert().values(key=key, **values))
                else:
                    conn.execute(t.update().where(t.c.key == key).values(**values))
        return attempt

    def failed(self, attempt: Attempt) -> None:
        """The password was wrong: the locks this attempt set stand; say so in the log."""
        for scope, seconds in attempt.locks.items():
            who = f"account '{attempt.name}'" if scope == "account" else f"address {attempt.address}"
            log.warning("sign-in: %s locked for %d s after repeated failed sign-ins "
                        "(last from %s)", who, seconds, attempt.address)

    def succeeded(self, attempt: Attempt) -> None:
        """The password was right: the account starts afresh; the address gives back this try."""
        t = self._t
        address = _key(ADDRESS, attempt.address)
        with self.store.engine.begin() as conn:
            conn.execute(t.delete().where(t.c.key == _key(ACCOUNT, attempt.name)))
            conn.execute(t.update().where(t.c.key == address, t.c.failures > 0)
                         .values(failures=t.c.failures - 1))
            conn.execute(t.update().where(t.c.key == address, t.c.failures < ADDRESS.free)
                         .values(blocked_until=None))

    def clear(self, name: str) -> None:
        """Forget an account's failed tries (a manager enabled it or reset its password)."""
        with self.store.engine.begin() as conn:
            conn.execute(self._t.delete().where(self._t.c.key == _key(ACCOUNT, name)))

    def locked_until(self, name: str) -> datetime | None:
        t = self._t
        with self.store.engine.connect() as conn:
            until = conn.execute(sa.select(t.c.blocked_until)
                                 .where(t.c.key == _key(ACCOUNT, name))).scalar()
        return until if until and until > utcnow() else None
