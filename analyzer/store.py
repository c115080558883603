"""Durable store for calls, transcripts, scorecards, findings and manager overrides.

SQLite by default (one file, no server); any SQLAlchemy URL works, PostgreSQL is tested.
Schema changes are numbered migrations (Alembic operations) applied on open; every write is one
transaction, so a crash never leaves half a scorecard behind.
"""
from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from . import store_words as words
from .listing import listing_values, rep_key
from .model import Scorecard, Transcript

DEFAULT_DB = "callreview.db"
ENV_DB = "CALLREVIEW_DB"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# --- migrations: append, never edit ------------------------------------------------------------
def _m1_initial(op: Operations) -> None:
    op.create_table(
        "calls",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("call_id", sa.String(200), nullable=False),
        sa.Column("rep", sa.String(200), nullable=False),
        sa.Column("account", sa.String(200)),
        sa.Column("call_date", sa.Date, nullable=False),
        sa.Column("week", sa.String(8), nullable=False, index=True),
        sa.Column("moment", sa.String(40)),
        sa.Column("format", sa.String(20)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "transcripts",
        sa.Column("call_pk", sa.Integer, sa.ForeignKey("calls.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "scorecards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("call_pk", sa.Integer, sa.ForeignKey("calls.id", ondelete="CASCADE"), nullable=False),
        sa.Column("rubric_id", sa.String(100), nullable=False),
        sa.Column("rubric_version", sa.String(40), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("close_type", sa.String(20), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("report_path", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("call_pk", "rubric_id", "rubric_version", name="uq_scorecard_rubric"),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("kind", sa.String(10), nullable=False),  # item | pitfall
        sa.Column("item_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("explanation", sa.Text),
        sa.Column("quote", sa.Text),
        sa.Column("speaker", sa.String(200)),
        sa.Column("turn", sa.Integer),
        sa.Column("start_s", sa.Float),
    )
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("call_pk", sa.Integer, sa.ForeignKey("calls.id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("author", sa.String(200)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("week", sa.String(8)),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def _m2_web(op: Operations) -> None:
    """Web app: accounts, server-side sessions, upload jobs, settings (the session key)."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(10), nullable=False),  # manager | rep
        sa.Column("rep_label", sa.String(200)),  # a rep sees the calls whose rep is this label
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(10), nullable=False, index=True),  # queued|running|done|failed
        sa.Column("filename", sa.String(255), nullable=False),  # the client's name: display only
        sa.Column("stored_name", sa.String(80), nullable=False, unique=True),  # <uuid>.<suffix>
        sa.Column("sidecar_name", sa.String(255)),  # display name of an uploaded NAME.meta.yaml
        sa.Column("kind", sa.String(10), nullable=False),  # audio | text
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("meta", sa.Text, nullable=False),  # JSON: metadata typed into the upload form
        sa.Column("reason", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("call_pk", sa.Integer, sa.ForeignKey("calls.id", ondelete="SET NULL")),
        sa.Column("uploaded_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("started_at", sa.DateTime),
        sa.Column("finished_at", sa.DateTime),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def _m3_accounts_and_leases(op: Operations) -> None:
    """Withdrawn overrides (kept for the record), disabled accounts, sign-in throttling, and
    the lease a worker holds on the job it runs."""
    op.add_column("overrides", sa.Column("withdrawn_at", sa.DateTime))
    op.add_column("overrides", sa.Column("withdrawn_by", sa.String(200)))
    op.add_column("users", sa.Column("disabled_at", sa.DateTime))
    op.add_column("jobs", sa.Column("claimed_by", sa.String(100)))  # the worker holding it
    op.add_column("jobs", sa.Column("lease_until", sa.DateTime))  # its claim ends then
    op.create_table(
        "signin_throttle",
        sa.Column("key", sa.String(300), primary_key=True),  # account:<name> | address:<ip>
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_at", sa.DateTime, nullable=False),
        sa.Column("blocked_until", sa.DateTime),
    )


def _m4_listing_audio_comments(op: Operations) -> None:
    """A calls list that scales: the listing columns (score, close type, failed items...) on
    `calls`, indexed, and the words of every call searchable (`call_words`: FTS5 on SQLite
    when it has it, a GIN text index on PostgreSQL, else LIKE); the recording a call was
    transcribed from; job progress and cancelling; a comment thread per call."""
    for column in (sa.Column("rep_key", sa.String(200)), sa.Column("score", sa.Integer),
                   sa.Column("machine_score", sa.Integer), sa.Column("close_type", sa.String(20)),
                   sa.Column("failed", sa.String(400)), sa.Column("overrides", sa.Integer),
                   sa.Column("audio_name", sa.String(80)),  # <uuid>.<suffix> in the upload folder
                   sa.Column("audio_deleted_at", sa.DateTime)):  # removed by the retention
        op.add_column("calls", column)
    for name, cols in (("ix_calls_date", ["call_date", "id"]),
                       ("ix_calls_rep_date", ["rep_key", "call_date"]),
                       ("ix_calls_score", ["score"]), ("ix_calls_moment", ["moment"]),
                       ("ix_calls_close_type", ["close_type"])):
        op.create_index(name, "calls", cols)
    bind = op.get_bind()
    words.create_table(bind)
    op.add_column("jobs", sa.Column("progress", sa.Float))  # share of the audio transcribed
    op.add_column("jobs", sa.Column("eta_s", sa.Float))  # seconds of transcription left
    op.add_column("jobs", sa.Column("cancel_requested", sa.Boolean, nullable=False,
                                    server_default=sa.false()))
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("call_pk", sa.Integer, sa.ForeignKey("calls.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("author", sa.String(100), nullable=False),  # the user's name when written
        sa.Column("role", sa.String(10), nullable=False),  # manager | rep
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("at_s", sa.Float),  # the moment of the call it is about (seconds)
        sa.Column("turn", sa.Integer),  # ... or its turn
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("read_at", sa.DateTime),  # a manager's note: when the rep marked it read
    )
    _backfill_listing(bind)


def _backfill_listing(conn) -> None:
    """Listing columns, words and recordings of the calls a store had before migration 4."""
    meta = sa.MetaData()
    meta.reflect(conn, only=["calls", "transcripts", "jobs", "scorecards", "overrides"])
    t = meta.tables
    c, tr, j = t["calls"], t["transcripts"], t["jobs"]
    for call_pk, rep in conn.execute(sa.select(c.c.id, c.c.rep)).all():
        conn.execute(c.update().where(c.c.id == call_pk).values(rep_key=rep_key(rep)))
        refresh_listing(conn, t, call_pk)
    for call_pk, body in conn.execute(sa.select(tr.c.call_pk, tr.c.body)).all():
        words.put(conn, call_pk, words_of(json.loads(body).get("turns") or ()))
    for call_pk, name in conn.execute(sa.select(j.c.call_pk, j.c.stored_name).where(
            j.c.kind == "audio", j.c.status == "done", j.c.call_pk.is_not(None))).all():
        conn.execute(c.update().where(c.c.id == call_pk).values(audio_name=name))


def words_of(turns) -> str:
    """The words said on a call, one turn a line (turns as objects or as their JSON)."""
    return "\n".join(t["text"] if isinstance(t, dict) else t.text for t in turns)


def refresh_listing(conn, tables, call_pk: int, rubric=None) -> None:
    """Write the listing columns of one call from its latest scorecard and active overrides
    (`tables`: the store's tables by name; `rubric` weighs overridden scores)."""
    c, s, o = (tables[n] for n in ("calls", "scorecards", "overrides"))
    body = conn.execute(sa.select(s.c.body).where(s.c.call_pk == call_pk)
                        .order_by(s.c.id.desc()).limit(1)).scalar()
    if body is None:
        return
    over = {r.item_id: {"status": r.status} for r in conn.execute(
        sa.select(o.c.item_id, o.c.status).where(o.c.call_pk == call_pk,
                                                 o.c.withdrawn_at.is_(None)).order_by(o.c.id))}
    conn.execute(c.update().where(c.c.id == call_pk)
                 .values(**listing_values(json.loads(body), over, rubric)))


MIGRATIONS = [_m1_initial, _m2_web, _m3_accounts_and_leases, _m4_listing_audio_comments]

class StoreError(RuntimeError):
    """The store cannot be opened or written; one line for the user."""


@dataclass(frozen=True)
class CallFacts:
    """Who, when and what of a stored call (the calls list shows these)."""
    call_pk: int
    call_id: str
    rep: str
    account: str | None
    call_date: date
    week: str
    moment: str | None


@dataclass(frozen=True)
class StoredCall(CallFacts):
    source_path: str
    scorecard: dict[str, Any]
    report_path: str | None
    overrides: dict[str, dict[str, str]]
    audio_name: str | None = None  # the recording, in the upload folder, while it is kept
    audio_deleted_at: datetime | None = None  # when the retention deleted it

    @property
    def effective_items(self) -> dict[str, str]:
        """Item statuses with manager overrides applied."""
        items = {k: v["status"] for k, v in self.scorecard["items"].items()}
        items.update({k: v["status"] for k, v in self.overrides.items()})
        return items


class Store:
    rubric = None  # weighs the listing's score of an overridden call (None: the built-in rubric)

    def __init__(self, url: str):
        self.url = url
        try:
            self.engine = sa.create_engine(url, future=True)
            if url.startswith("sqlite"):
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.migrate()
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{_safe_url(url)}: cannot open the store ({exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]})") from None
        self.meta = sa.MetaData()
        self.meta.reflect(self.engine)
        self.t = self.meta.tables

    @classmethod
    def open(cls, db: str | None = None) -> "Store":
        """A path (SQLite file) or an SQLAlchemy URL; default from $CALLREVIEW_DB."""
        db = db or os.environ.get(ENV_DB) or DEFAULT_DB
        if "://" not in db:
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
            db = f"sqlite:///{Path(db).expanduser()}"
        if db.startswith("postgresql://"):
            db = "postgresql+psycopg://" + db[len("postgresql://"):]
        return cls(db)

    # --- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table("schema_version"):
                return 0
            return conn.execute(sa.text("SELECT version FROM schema_version")).scalar() or 0

    def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction; returns the new version."""
        with self.engine.begin() as conn:
            if not sa.inspect(conn).has_table("schema_version"):
                conn.execute(sa.text("CREATE TABLE schema_version (version INTEGER NOT NULL)"))
                conn.execute(sa.text("INSERT INTO schema_version (version) VALUES (0)"))
        current = self.schema_version()
        for number, step in enumerate(MIGRATIONS, start=1):
            if number <= current:
                continue
            with self.engine.begin() as conn:
                step(Operations(MigrationContext.configure(conn)))
                conn.execute(sa.text("UPDATE schema_version SET version = :v"), {"v": number})
        return len(MIGRATIONS)

    # --- writes ---------------------------------------------------------------------------------
    def is_scored(self, content_hash: str, rubric_id: str, rubric_version: str) -> bool:
        c, s = self.t["calls"], self.t["scorecards"]
        q = (sa.select(s.c.id).join(c, c.c.id == s.c.call_pk)
             .where(c.c.content_hash == content_hash, s.c.rubric_id == rubric_id,
                    s.c.rubric_version == rubric_version))
        with self.engine.connect() as conn:
            return conn.execute(q).first() is not None

    def scored_hashes(self, rubric_id: str, rubric_version: str) -> set[str]:
        c, s = self.t["calls"], self.t["scorecards"]
        q = (sa.select(c.c.content_hash).join(s, c.c.id == s.c.call_pk)
             .where(s.c.rubric_id == rubric_id, s.c.rubric_version == rubric_version))
        with self.engine.connect() as conn:
            return {row[0] for row in conn.execute(q)}

    def save(self, transcript: Transcript, card: Scorecard, content_hash: str,
             source_path: str, report_path: str | None = None) -> int:
        """Store one scored call in a single transaction; replaces an older scorecard of the
        same rubric version. Returns the call's key."""
        c, s, f, tr = self.t["calls"], self.t["scorecards"], self.t["findings"], self.t["transcripts"]
        m = transcript.meta
        with self.engine.begin() as conn:
            call_pk = conn.execute(sa.select(c.c.id).where(c.c.content_hash == content_hash)).scalar()
            values = dict(source_path=source_path, call_id=m.call_id, rep=m.rep, account=m.account,
                          call_date=m.call_date, week=iso_week(m.call_date), moment=m.moment,
                          format=transcript.format, rep_key=rep_key(m.rep))
            if call_pk is None:
                call_pk = conn.execute(c.insert().values(content_hash=content_hash, created_at=_now(),
                                                         **values)).inserted_primary_key[0]
                conn.execute(tr.insert().values(call_pk=call_pk, body=transcript_json(transcript)))
                words.put(conn, call_pk, words_of(transcript.turns))
            else:
                conn.execute(c.update().where(c.c.id == call_pk).values(**values))
            conn.execute(s.delete().where(s.c.call_pk == call_pk, s.c.rubric_id == card.rubric_id,
                                          s.c.rubric_version == card.rubric_version))
            card_id = conn.execute(s.insert().values(
                call_pk=call_pk, rubric_id=card.rubric_id, rubric_version=card.rubric_version,
                score=card.score, close_type=card.close_type, body=json.dumps(card.to_dict()),
                report_path=report_path, created_at=_now())).inserted_primary_key[0]
            rows = list(_finding_rows(card, card_id))
            if rows:
                conn.execute(f.insert(), rows)
            refresh_listing(conn, self.t, call_pk, self.rubric)
        return call_pk

    def set_audio(self, call_pk: int, stored_name: str | None) -> None:
        """The recording a call was transcribed from (its generated name in the upload folder);
        None once the retention deleted it."""
        c = self.t["calls"]
        values = {"audio_name": stored_name, "audio_deleted_at": None} if stored_name else \
            {"audio_name": None, "audio_deleted_at": _now()}
        with self.engine.begin() as conn:
            conn.execute(c.update().where(c.c.id == call_pk).values(**values))

    def record_failure(self, source_path: str, reason: str, content_hash: str | None = None,
                       week: str | None = None) -> None:
        f = self.t["failures"]
        with self.engine.begin() as conn:
            conn.execute(f.delete().where(f.c.source_path == source_path))
            conn.execute(f.insert().values(
                source_path=source_path, content_hash=content_hash, week=week, reason=reason,
                created_at=_now()))

    def clear_failure(self, source_path: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(self.t["failures"].delete().where(self.t["failures"].c.source_path == source_path))

    def add_override(self, call_id: str, item_id: str, status: str, note: str = "",
                     author: str = "", call_pk: int | None = None) -> None:
        """Override on the newest call with this call_id, or on exactly `call_pk` if given."""
        c = self.t["calls"]
        with self.engine.begin() as conn:
            pick = c.c.id == call_pk if call_pk is not None else c.c.call_id == call_id
            call_pk = conn.execute(sa.select(c.c.id).where(pick).order_by(c.c.id.desc())).scalar()
            if call_pk is None:
                raise StoreError(f"no call '{call_id}' in the store")
            conn.execute(self.t["overrides"].insert().values(
                call_pk=call_pk, item_id=item_id, status=status, note=note, author=author,
                created_at=_now()))
            refresh_listing(conn, self.t, call_pk, self.rubric)

    def withdraw_override(self, call_id: str, item_id: str, by: str = "",
                          call_pk: int | None = None) -> bool:
        """Take back the manager's verdict on one item of the newest call with this call_id (or
        of exactly `call_pk`): the analyzer's verdict counts again. The override stays in the
        table, marked withdrawn. False when the item had no override."""
        c, o = self.t["calls"], self.t["overrides"]
        with self.engine.begin() as conn:
            pick = c.c.id == call_pk if call_pk is not None else c.c.call_id == call_id
            call_pk = conn.execute(sa.select(c.c.id).where(pick).order_by(c.c.id.desc())).scalar()
            if call_pk is None:
                raise StoreError(f"no call '{call_id}' in the store")
            withdrawn = conn.execute(o.update().where(
                o.c.call_pk == call_pk, o.c.item_id == item_id, o.c.withdrawn_at.is_(None))
                .values(withdrawn_at=_now(), withdrawn_by=by)).rowcount > 0
            refresh_listing(conn, self.t, call_pk, self.rubric)
            return withdrawn

    def reviewed_calls(self) -> set[int]:
        """Keys of calls that have or had a manager override (withdrawn ones too)."""
        o = self.t["overrides"]
        with self.engine.connect() as conn:
            return {row[0] for row in conn.execute(sa.select(o.c.call_pk).distinct())}

    # --- reads ----------------------------------------------------------------------------------
    def calls(self, week: str | None = None, rep: str | None = None,
              rubric_id: str | None = None, call_pk: int | None = None) -> list[StoredCall]:
        """Latest scorecard per call (newest rubric version), with overrides."""
        c, s, o = self.t["calls"], self.t["scorecards"], self.t["overrides"]
        q = sa.select(c, s.c.body, s.c.report_path, s.c.id.label("card_id")).join(s, c.c.id == s.c.call_pk)
        if call_pk is not None:
            q = q.where(c.c.id == call_pk)
        if week:
            q = q.where(c.c.week == week)
        if rep:
            q = q.where(c.c.rep == rep)
        if rubric_id:
            q = q.where(s.c.rubric_id == rubric_id)
        q = q.order_by(c.c.call_date, c.c.call_id, s.c.id)
        with self.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
            active = o.c.withdrawn_at.is_(None)
            if call_pk is not None:
                active = active & (o.c.call_pk == call_pk)
            over = conn.execute(sa.select(o).where(active).order_by(o.c.id)).mappings().all()
        by_call: dict[int, dict[str, dict[str, str]]] = {}
        for r in over:
            by_call.setdefault(r["call_pk"], {})[r["item_id"]] = {
                "status": r["status"], "note": r["note"] or "", "author": r["author"] or ""}
        latest: dict[int, StoredCall] = {}
        for r in rows:  # later rows (newer scorecards) win
            latest[r["id"]] = StoredCall(
                r["id"], r["call_id"], r["rep"], r["account"], r["call_date"], r["week"],
                r["moment"], r["source_path"], json.loads(r["body"]), r["report_path"],
                by_call.get(r["id"], {}), r["audio_name"], r["audio_deleted_at"])
        return list(latest.values())

    def transcript_body(self, call_pk: int) -> str | None:
        """The stored transcript JSON of one call (see transcript_json), or None."""
        tr = self.t["transcripts"]
        with self.engine.connect() as conn:
            return conn.execute(sa.select(tr.c.body).where(tr.c.call_pk == call_pk)).scalar()

    def failures(self, week: str | None = None) -> list[dict[str, Any]]:
        f = self.t["failures"]
        q = sa.select(f).order_by(f.c.id)
        if week:
            q = q.where((f.c.week == week) | (f.c.week.is_(None)))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def weeks(self) -> list[str]:
        c = self.t["calls"]
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(c.c.week).distinct().order_by(c.c.week))]

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(self.t[table])).scalar()


def _finding_rows(card: Scorecard, card_id: int) -> Iterator[dict[str, Any]]:
    for item in card.items.values():
        evidence = item.evidence or (None,)
        for ev in evidence:
            yield _row(card_id, "item", item.id, item.status, item.explanation, ev)
    for p in card.pitfalls:
        for ev in p.evidence or (None,):
            yield _row(card_id, "pitfall", p.id, "flag", p.explanation, ev)


def _row(card_id, kind, item_id, status, explanation, ev) -> dict[str, Any]:
    return dict(scorecard_id=card_id, kind=kind, item_id=item_id, status=status,
                explanation=explanation, quote=ev.quote if ev else None,
                speaker=ev.speaker if ev else None, turn=ev.turn if ev else None,
                start_s=ev.start if ev else None)


def transcript_json(t: Transcript) -> str:
    return json.dumps(dataclasses.asdict(t), default=str)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def _safe_url(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True) if "://" in url else url
