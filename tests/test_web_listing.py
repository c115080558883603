"""The calls list answered by the store: search (account, rep, words said), filters, sort and
pages, on the page and /api/calls, with the access rule in the query; the listing columns
follow overrides; an existing store gets them by migration; SQLite and PostgreSQL."""
from __future__ import annotations

import json
import uuid
from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from analyzer import store as store_module
from analyzer.store import Store
from analyzer.web.accounts import add_user
from analyzer.web.listing import BadQuery, CallQuery, find_calls, week_counts
from many_calls import fill_store
from test_web_kit import make_web, seeded_db, signin  # noqa: F401

ORDER_FORM = "s02_ironbark_freight_proposal_review.txt"  # the sample that says "order form"


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    """A store of 120 calls with a manager and a rep (Tessa), and what each call is."""
    folder = tmp_path_factory.mktemp("listing")
    store = Store.open(str(folder / "list.db"))
    made = fill_store(store, 120)
    manager = add_user(store, "maria", "manager", "manager-pass-1")
    rep = add_user(store, "tessa", "rep", "tessa-pass-1", "  TESSA ")
    return store, made, manager, rep


def _ids(store, user, **params) -> list[int]:
    query = CallQuery.parse({k: str(v) for k, v in params.items()} | {"per_page": "200"})
    return [c.call_pk for c in find_calls(store, user, query).calls]


def test_each_filter_finds_exactly_the_calls_it_names(listed):
    store, made, manager, _ = listed
    some = made[7]
    cases = {
        "rep": (some.rep, lambda m: m.rep == some.rep),
        "week": (some.week, lambda m: m.week == some.week),
        "moment": ("renewal_expansion", lambda m: m.moment == "renewal_expansion"),
        "band": ("fail", lambda m: m.score < 50),
        "close": ("none", lambda m: m.close_type == "none"),
        "failed": ("dated_ask", lambda m: "dated_ask" in m.failed),
    }
    for name, (value, expected) in cases.items():
        want = {m.call_pk for m in made if expected(m)}
        assert want and set(_ids(store, manager, **{name: value})) == want, name
    both = set(_ids(store, manager, rep=some.rep, failed="pause", band="partial"))
    assert both == {m.call_pk for m in made if m.rep == some.rep and "pause" in m.failed
                    and 50 <= m.score < 75}


def test_search_finds_accounts_reps_and_words_said(listed):
    store, made, manager, _ = listed
    assert _ids(store, manager, q="alder foods 3") == \
        [m.call_pk for m in sorted(made, key=lambda m: (m.call_date, m.call_pk), reverse=True)
         if m.account.lower().startswith("alder foods 3")]
    assert set(_ids(store, manager, q="carmen")) == {m.call_pk for m in made if m.rep == "Carmen Ortiz"}
    said = {m.call_pk for m in made if m.sample == ORDER_FORM}
    assert said and set(_ids(store, manager, q="  ORDER   form ")) == said  # a phrase, any case
    assert _ids(store, manager, q="form order zebra") == []
    assert _ids(store, manager, q='"; DROP TABLE calls; --') == [] and store.count("calls") == 120


def test_sort_and_pages_cover_every_call_once(listed):
    store, made, manager, _ = listed
    scores = [c.score for c in find_calls(store, manager, CallQuery.parse(
        {"sort": "score_low", "per_page": "200"})).calls]
    assert scores == sorted(scores) and len(scores) == 120
    seen, page = [], 1
    while True:
        found = find_calls(store, manager, CallQuery.parse({"page": str(page), "per_page": "50"}))
        seen += [c.call_pk for c in found.calls]
        if page == found.pages:
            break
        page += 1
    assert found.total == 120 and found.pages == 3 and sorted(seen) == sorted(m.call_pk for m in made)
    dates = [(c.call_date, c.call_pk) for c in find_calls(store, manager, CallQuery.parse({})).calls]
    assert dates == sorted(dates, reverse=True)


def test_a_rep_lists_only_their_own_calls_whatever_the_filters(listed):
    store, made, manager, rep = listed
    own = {m.call_pk for m in made if m.rep == "Tessa"}
    assert own and set(_ids(store, rep)) == own  # label matched ignoring case and spaces
    assert _ids(store, rep, rep="Dev Patel") == []
    assert set(_ids(store, rep, q="order form")) <= own
    assert sum(n for _, n in week_counts(store, rep)) == len(own)
    assert sum(n for _, n in week_counts(store, manager)) == 120


def test_bad_filter_values_are_refused_in_one_line():
    for params, word in (({"band": "great"}, "band"), ({"week": "2026-48"}, "week"),
                         ({"page": "0"}, "page"), ({"per_page": "5000"}, "per_page"),
                         ({"failed": "<script>"}, "failed"), ({"sort": "score"}, "sort")):
        with pytest.raises(BadQuery, match=word) as caught:
            CallQuery.parse(params)
        assert "\n" not in str(caught.value)


def test_the_page_and_the_api_filter_alike_and_refuse_bad_values(tmp_path, seeded_db):
    web = make_web(tmp_path, seeded_db)
    client = web.signed_in("maria")
    page = client.get("/calls?q=bramblewood&sort=score_low")
    assert page.status_code == 200 and 'data-total="1"' in page.text
    assert f'href="/calls/{web.tessa_call}"' in page.text and f'/calls/{web.renata_call}"' not in page.text
    api = client.get("/api/calls?q=bramblewood").json()
    assert [c["id"] for c in api["calls"]] == [web.tessa_call] and api["total"] == 1
    assert client.get("/api/calls?week=2026-W17").json()["total"] == 1
    assert client.get("/calls?band=great").status_code == 400
    bad = client.get("/api/calls?band=great")
    assert bad.status_code == 422 and "band must be one of" in bad.json()["detail"]
    week_picker = page.text[page.text.index('id="f-week"'):]
    assert '<optgroup label="2026">' in week_picker and 'value="2026-W15"' in week_picker


def test_the_listing_follows_overrides_and_their_withdrawal(tmp_path):
    store = Store.open(str(tmp_path / "o.db"))
    made = fill_store(store, 3)
    user = add_user(store, "maria", "manager", "manager-pass-1")
    call = next(m for m in made if "pause" not in m.failed)
    store.add_override("", "pause", "fail", call_pk=call.call_pk)
    assert call.call_pk in _ids(store, user, failed="pause")
    [row] = [c for c in find_calls(store, user, CallQuery()).calls if c.call_pk == call.call_pk]
    assert row.overrides == 1 and row.score < call.score and row.machine_score == call.score
    store.withdraw_override("", "pause", call_pk=call.call_pk)
    assert call.call_pk not in _ids(store, user, failed="pause")


def test_a_store_made_before_the_listing_gets_it_by_migration(tmp_path, monkeypatch):
    made_with = tmp_path / "fresh.db"
    fresh = Store.open(str(made_with))
    [m] = fill_store(fresh, 1)
    with fresh.engine.connect() as conn:
        calls = [dict(r) for r in conn.execute(sa.select(fresh.t["calls"])).mappings()]
        cards = [dict(r) for r in conn.execute(sa.select(fresh.t["scorecards"])).mappings()]
        bodies = [dict(r) for r in conn.execute(sa.select(fresh.t["transcripts"])).mappings()]
    old = tmp_path / "old.db"  # the same call in a store at schema version 3
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:3])
    Store.open(str(old)).engine.dispose()
    monkeypatch.undo()
    engine = sa.create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:
        meta = sa.MetaData()
        meta.reflect(conn)
        old_cols = {c.name for c in meta.tables["calls"].columns}
        conn.execute(meta.tables["calls"].insert(), [{k: v for k, v in r.items() if k in old_cols}
                                                     for r in calls])
        conn.execute(meta.tables["scorecards"].insert(), cards)
        conn.execute(meta.tables["transcripts"].insert(), bodies)
        conn.execute(meta.tables["jobs"].insert().values(
            status="done", filename="x.ogg", stored_name="a" * 32 + ".ogg", kind="audio", size=1,
            meta="{}", call_pk=m.call_pk, created_at=datetime(2026, 1, 1)))
    engine.dispose()
    migrated = Store.open(str(old))
    assert migrated.schema_version() == 4
    user = add_user(migrated, "maria", "manager", "manager-pass-1")
    [row] = find_calls(migrated, user, CallQuery()).calls
    assert (row.score, row.close_type, row.recorded) == (m.score, m.close_type, True)
    said = json.loads(bodies[0]["body"])["turns"][0]["text"].split()[:3]
    assert _ids(migrated, user, q=" ".join(said)) == [m.call_pk]


def test_listing_and_words_search_on_postgresql(pg_url):
    schema = f"l_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    store = Store(f"{pg_url}?options=-csearch_path%3D{schema}")
    made = fill_store(store, 30)
    user = add_user(store, "maria", "manager", "manager-pass-1")
    said = {m.call_pk for m in made if m.sample == ORDER_FORM}
    assert said and set(_ids(store, user, q="Order Form")) == said
    assert set(_ids(store, user, failed="dated_ask")) == {m.call_pk for m in made if "dated_ask" in m.failed}
    assert _ids(store, user, q="zebra crossing") == []
