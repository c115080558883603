"""The words said on every call, searchable: `call_words` (rowid/call_pk, body).

SQLite: an FTS5 table when the SQLite build has FTS5 (the usual case), searched as a phrase
with MATCH; PostgreSQL: a plain table with a GIN index on its `simple` text vector, searched
with phraseto_tsquery; any other store, or SQLite without FTS5: a plain table searched with
LIKE. Which one a store has is decided once, when the table is made, and read back from it.
"""
from __future__ import annotations

import sqlalchemy as sa

TABLE = "call_words"


def _fts5(conn) -> bool:
    try:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        conn.exec_driver_sql("DROP TABLE temp._fts5_probe")
        return True
    except sa.exc.OperationalError:
        return False


def create_table(conn) -> None:
    name = conn.dialect.name
    if name == "sqlite" and _fts5(conn):
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(body, "
                             "tokenize = 'unicode61 remove_diacritics 2')")
        return
    conn.exec_driver_sql(f"CREATE TABLE {TABLE} (call_pk INTEGER PRIMARY KEY "
                         "REFERENCES calls(id) ON DELETE CASCADE, body TEXT NOT NULL)")
    if name == "postgresql":
        conn.exec_driver_sql(f"CREATE INDEX ix_{TABLE}_body ON {TABLE} "
                             "USING gin (to_tsvector('simple', body))")


def kind(conn) -> str:
    """fts5 | postgresql | like: how this store searches words."""
    if conn.dialect.name == "postgresql":
        return "postgresql"
    if conn.dialect.name == "sqlite":
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (TABLE,)).scalar()
        if sql and "fts5" in sql.lower():
            return "fts5"
    return "like"


def key_column(conn) -> str:
    return "rowid" if kind(conn) == "fts5" else "call_pk"


def put(conn, call_pk: int, body: str) -> None:
    """Keep (or replace) the words of one call."""
    col = key_column(conn)
    conn.execute(sa.text(f"DELETE FROM {TABLE} WHERE {col} = :k"), {"k": call_pk})
    conn.execute(sa.text(f"INSERT INTO {TABLE} ({col}, body) VALUES (:k, :b)"),
                 {"k": call_pk, "b": body})


def matching(conn, words: str, calls_id) -> sa.ColumnElement | None:
    """A condition on `calls_id` (the calls table's key column): the call's words contain
    `words` as a phrase (case-insensitive). None when `words` holds no word."""
    terms = words.split()
    if not terms:
        return None
    how = kind(conn)
    if how == "fts5":
        phrase = '"' + " ".join(terms).replace('"', '""') + '"'
        sub = sa.text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :phrase") \
            .bindparams(phrase=phrase).columns(sa.column("rowid"))
        return calls_id.in_(sub)
    if how == "postgresql":
        sub = sa.text(f"SELECT call_pk FROM {TABLE} WHERE to_tsvector('simple', body) @@ "
                      "phraseto_tsquery('simple', :phrase)").bindparams(phrase=" ".join(terms)) \
            .columns(sa.column("call_pk"))
        return calls_id.in_(sub)
    like = "%" + " ".join(terms).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sub = sa.text(f"SELECT call_pk FROM {TABLE} WHERE lower(body) LIKE lower(:like) ESCAPE '\\'") \
        .bindparams(like=like).columns(sa.column("call_pk"))
    return calls_id.in_(sub)
