"""The calls list, answered by the store: search, filters, sort and pages in SQL over the
listing columns (store migration 4), so a request never loads a scorecard. The page and
`/api/calls` both go through `find_calls`, with the access rule (a rep: their own calls) in
the query itself."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any, Mapping, Sequence

import sqlalchemy as sa

from .. import store_words
from ..listing import rep_key
from ..presentation import BAND_RANGES as BANDS, MOMENTS
from ..rubric import cached_rubric
from ..store import CallFacts, Store
from .accounts import User

WEEK = re.compile(r"^\d{4}-W\d{2}$")
PER_PAGE = 50
MAX_PER_PAGE = 200
SORTS = {"newest": "newest first", "oldest": "oldest first", "score_high": "highest score",
         "score_low": "lowest score", "rep": "rep A–Z", "account": "account A–Z"}


class BadQuery(ValueError):
    """A filter value the list cannot take; one line for the user."""


@dataclass(frozen=True)
class CallQuery:
    q: str = ""  # account, rep or words said on the call
    rep: str = ""
    week: str = ""
    moment: str = ""
    band: str = ""
    close: str = ""
    failed: str = ""  # an item id
    sort: str = "newest"
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def parse(cls, params: Mapping[str, str], per_page: int = PER_PAGE,
              items: Sequence[str] | None = None,
              close_types: Sequence[str] | None = None) -> "CallQuery":
        """From query parameters; BadQuery names the first bad one. Empty values mean 'any'.
        `items` and `close_types` are the ids the rubrics in use know (default: the built-in
        rubric's)."""
        if items is None or close_types is None:
            rubric = cached_rubric()
            items = rubric.item_ids if items is None else items
            close_types = [c.id for c in rubric.close_types] if close_types is None else close_types
        raw = {f.name: " ".join(str(params.get(f.name) or "").split()) for f in fields(cls)}
        for name, allowed in (("moment", MOMENTS), ("band", BANDS), ("close", close_types),
                              ("failed", items), ("sort", SORTS)):
            if raw[name] and raw[name] not in allowed:
                raise BadQuery(f"{name} must be one of: {', '.join(allowed)}.")
        if raw["week"] and not WEEK.match(raw["week"]):
            raise BadQuery(f"week {raw['week']!r}: weeks look like 2026-W48.")
        numbers = {}
        for name, default, top in (("page", 1, 10 ** 6), ("per_page", per_page, MAX_PER_PAGE)):
            value = raw[name] or str(default)
            if not value.isdigit() or not 1 <= int(value) <= top:
                raise BadQuery(f"{name} must be a whole number from 1 to {top}.")
            numbers[name] = int(value)
        return cls(q=raw["q"][:200], rep=raw["rep"][:200], week=raw["week"],
                   moment=raw["moment"], band=raw["band"], close=raw["close"],
                   failed=raw["failed"], sort=raw["sort"] or "newest", **numbers)

    def params(self, **changes) -> dict[str, Any]:
        """The non-default parameters, with `changes` (for links to other pages and sorts)."""
        values = asdict(self) | changes
        defaults = asdict(CallQuery(per_page=self.per_page))
        return {k: v for k, v in values.items() if v != defaults[k]}

    @property
    def filtered(self) -> bool:
        return any((self.q, self.rep, self.week, self.moment, self.band, self.close, self.failed))


@dataclass(frozen=True)
class ListedCall(CallFacts):
    """One row of the list: what the page and the API show, from the listing columns."""
    score: int
    machine_score: int
    close_type: str
    overrides: int
    recorded: bool


@dataclass(frozen=True)
class CallPage:
    calls: list[ListedCall]
    total: int
    query: CallQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def first(self) -> int:
        return (self.query.page - 1) * self.query.per_page + 1 if self.calls else 0

    @property
    def last(self) -> int:
        return self.first + len(self.calls) - 1 if self.calls else 0


def _visible(c: sa.Table, user: User):
    """The access rule in SQL: a manager every scored call, a rep the calls with their label."""
    scored = c.c.score.is_not(None)
    if user.is_manager:
        return scored
    return scored & (c.c.rep_key == rep_key(user.rep_label)) if user.rep_label else sa.false()


def _conditions(conn, c: sa.Table, user: User, query: CallQuery) -> list:
    where = [_visible(c, user)]
    if query.q:
        like = "%" + query.q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        either = [sa.func.lower(c.c.account).like(like, escape="\\"), c.c.rep_key.like(like, escape="\\"),
                  sa.func.lower(c.c.call_id).like(like, escape="\\")]
        said = store_words.matching(conn, query.q, c.c.id)
        where.append(sa.or_(*either, *([said] if said is not None else [])))
    if query.rep:
        where.append(c.c.rep_key == rep_key(query.rep))
    if query.week:
        where.append(c.c.week == query.week)
    if query.moment:
        where.append(c.c.moment == query.moment)
    if query.band:
        low, high = BANDS[query.band]
        where += ([c.c.score >= low] if low is not None else []) + \
                 ([c.c.score <= high] if high is not None else [])
    if query.close:
        where.append(c.c.close_type == query.close)
    if query.failed:
        where.append(c.c.failed.like(f"% {query.failed} %"))
    return where


def _order(c: sa.Table, sort: str) -> list:
    newest = [c.c.call_date.desc(), c.c.id.desc()]
    return {"newest": newest, "oldest": [c.c.call_date, c.c.id],
            "score_high": [c.c.score.desc()] + newest, "score_low": [c.c.score] + newest,
            "rep": [c.c.rep_key] + newest,
            "account": [sa.func.lower(sa.func.coalesce(c.c.account, c.c.call_id))] + newest}[sort]


def find_calls(store: Store, user: User, query: CallQuery) -> CallPage:
    c = store.t["calls"]
    cols = [c.c.id, c.c.call_id, c.c.rep, c.c.account, c.c.call_date, c.c.week, c.c.moment,
            c.c.score, c.c.machine_score, c.c.close_type, c.c.overrides, c.c.audio_name]
    with store.engine.connect() as conn:
        where = _conditions(conn, c, user, query)
        total = conn.execute(sa.select(sa.func.count()).select_from(c).where(*where)).scalar()
        rows = conn.execute(sa.select(*cols).where(*where).order_by(*_order(c, query.sort))
                            .limit(query.per_page)
                            .offset((query.page - 1) * query.per_page)).all()
    calls = [ListedCall(r.id, r.call_id, r.rep, r.account, r.call_date, r.week, r.moment,
                        r.score, r.machine_score, r.close_type, r.overrides or 0,
                        r.audio_name is not None) for r in rows]
    return CallPage(calls, total, query)


def week_counts(store: Store, user: User) -> list[tuple[str, int]]:
    """Weeks with calls this user may see, newest first, with how many."""
    c = store.t["calls"]
    q = (sa.select(c.c.week, sa.func.count()).where(_visible(c, user))
         .group_by(c.c.week).order_by(c.c.week.desc()))
    with store.engine.connect() as conn:
        return [(w, n) for w, n in conn.execute(q)]


def reps(store: Store, user: User) -> list[str]:
    """Reps with calls this user may see (one spelling each), A–Z."""
    c = store.t["calls"]
    q = (sa.select(c.c.rep_key, sa.func.min(c.c.rep)).where(_visible(c, user))
         .group_by(c.c.rep_key).order_by(c.c.rep_key))
    with store.engine.connect() as conn:
        return [rep for _, rep in conn.execute(q)]
