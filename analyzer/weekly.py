"""Weekly aggregation: stored calls -> pandas frames -> the numbers the team reports show.

Everything here is a pure function of plain data (a list of StoredCall, the store's failure
rows); nothing reads the database or writes files.

Conventions, used by every report and export:
- Statuses and scores are EFFECTIVE: a manager override replaces the machine's status, and the
  call's score is recomputed from the effective statuses (`machine_score` keeps the analyzer's).
- Hit rate = mean credit over calls, the rubric's status points (built in: pass = 1, partial =
  0.5, fail = 0; a call whose scorecard lacks the item does not count). "Missed" means any status other than pass.
- Ties between items (most-missed, coaching priorities) go to the higher rubric weight, then
  to rubric order: a miss on a heavier item costs more points.
- Example quotes: the first evidence quote of a call. A passing example is the highest-scoring
  call (any week up to the chosen one; ties: the later week, then call id) whose effective
  status is pass and that has a quote. A failing example comes from the chosen week: a call
  with a quote if any, then fail before partial, then the lowest score.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from .overrides import effective_score
from .rubric import Rubric, cached_rubric
from .store import StoredCall

CALL_COLUMNS = ("call_id", "rep", "account", "call_date", "week", "moment", "score", "close_type")
FINDING_COLUMNS = ("call_id", "rep", "week", "kind", "item_id", "status", "machine_status",
                   "overridden", "override_note", "override_author", "explanation", "quote",
                   "speaker", "turn", "start")


@dataclass(frozen=True)
class Example:
    """One call's evidence for one item: who, which call, the status and its first quote."""
    call_id: str
    rep: str
    account: str | None
    week: str
    score: int
    status: str  # effective
    machine_status: str | None
    overridden: bool
    override_note: str
    override_author: str
    explanation: str
    quote: str | None
    speaker: str | None
    turn: int | None
    start: float | None


@dataclass(frozen=True)
class Priority:
    item_id: str
    hit_rate: float
    missed: int  # calls this week with any status other than pass
    calls: int
    failing: Example | None
    passing: Example | None  # from a teammate of the failing example's rep


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


# --- frames -------------------------------------------------------------------------------------
def item_ids(calls: Iterable[StoredCall], rubric: Rubric | None = None) -> list[str]:
    """The rubric's items in rubric order, then any other item the scorecards carry."""
    ids = list((rubric or cached_rubric()).item_ids)
    for c in calls:
        ids += [k for k in c.effective_items if k not in ids]
    return ids


def calls_frame(calls: Sequence[StoredCall], rubric: Rubric | None = None) -> pd.DataFrame:
    """One row per call; one column per item holding the effective status; `score` with the
    manager's verdicts applied (weights from `rubric`, default the built-in one)."""
    items = item_ids(calls, rubric)
    rows = []
    for c in calls:
        card, eff = c.scorecard, c.effective_items
        row: dict[str, Any] = dict(
            call_id=c.call_id, rep=c.rep, account=c.account, call_date=c.call_date, week=c.week,
            moment=c.moment, score=effective_score(c, rubric),
            close_type=card.get("close_type") or "none")
        row.update({i: eff.get(i) for i in items})
        row["overridden"] = ";".join(i for i in items if i in c.overrides)
        row["machine_score"] = int(card.get("score", 0))
        row["pitfalls"] = ";".join(p["id"] for p in card.get("pitfalls") or ())
        row["report_path"] = c.report_path
        rows.append(row)
    columns = [*CALL_COLUMNS, *items, "overridden", "machine_score", "pitfalls", "report_path"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["score"] = frame["score"].astype("int64")
    frame["machine_score"] = frame["machine_score"].astype("int64")
    return _sorted(frame)


def findings_frame(calls: Sequence[StoredCall]) -> pd.DataFrame:
    """One row per finding: each evidence quote of each item (one row with no quote when an
    item has none), then each pitfall's evidence (status 'flag')."""
    rows = []
    for c in _sorted_calls(calls):
        card, eff = c.scorecard, c.effective_items
        base = dict(call_id=c.call_id, rep=c.rep, week=c.week)
        for item_id in item_ids([c]):
            if item_id not in eff:
                continue
            found = card["items"].get(item_id) or {"status": None, "evidence": [], "explanation": ""}
            over = c.overrides.get(item_id)
            head = dict(base, kind="item", item_id=item_id, status=eff[item_id],
                        machine_status=found["status"], overridden=over is not None,
                        override_note=(over or {}).get("note", ""),
                        override_author=(over or {}).get("author", ""),
                        explanation=found.get("explanation", ""))
            rows += [dict(head, **_evidence(e)) for e in found.get("evidence") or [None]]
        for p in card.get("pitfalls") or ():
            head = dict(base, kind="pitfall", item_id=p["id"], status="flag", machine_status="flag",
                        overridden=False, override_note="", override_author="",
                        explanation=p.get("explanation", ""))
            rows += [dict(head, **_evidence(e)) for e in p.get("evidence") or [None]]
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    frame["turn"] = frame["turn"].astype("Int64")
    frame["start"] = frame["start"].astype("float64")
    frame["overridden"] = frame["overridden"].astype(bool)
    return frame


def _evidence(e: Mapping[str, Any] | None) -> dict[str, Any]:
    e = e or {}
    return dict(quote=e.get("quote"), speaker=e.get("speaker"), turn=e.get("turn"),
                start=e.get("start"))


def _sorted_calls(calls: Sequence[StoredCall]) -> list[StoredCall]:
    return sorted(calls, key=lambda c: (c.week, c.call_date, c.rep, c.call_id))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["week", "call_date", "rep", "call_id"], kind="stable") \
        .reset_index(drop=True)


# --- selections ---------------------------------------------------------------------------------
def latest_week(calls: Iterable[StoredCall]) -> str | None:
    return max((c.week for c in calls), default=None)


def in_week(frame: pd.DataFrame, week: str) -> pd.DataFrame:
    return frame[frame["week"] == week]


def up_to(frame: pd.DataFrame, week: str) -> pd.DataFrame:
    """Rows of the chosen week and every earlier one (ISO weeks sort as text)."""
    return frame[frame["week"] <= week]


def week_reps(calls: pd.DataFrame, week: str) -> list[str]:
    return sorted(in_week(calls, week)["rep"].unique())


# --- hit rates and scores -----------------------------------------------------------------------
def _points(points: Mapping[str, float] | None) -> Mapping[str, float]:
    return points if points is not None else cached_rubric().status_points


def _credit(calls: pd.DataFrame, items: Sequence[str] | None,
            points: Mapping[str, float] | None) -> pd.DataFrame:
    items = cached_rubric().item_ids if items is None else items
    credit = _points(points)
    return calls[list(items)].apply(lambda col: col.map(credit)).astype("float64")


def hit_rates(calls: pd.DataFrame, items: Sequence[str] | None = None,
              points: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Index rep, one column per item (default: the built-in rubric's): mean credit, by the
    rubric's status points."""
    return _credit(calls, items, points).groupby(calls["rep"]).mean()


def team_hit_rates(calls: pd.DataFrame, items: Sequence[str] | None = None,
                   points: Mapping[str, float] | None = None) -> pd.Series:
    return _credit(calls, items, points).mean()


def score_trend(calls: pd.DataFrame, week: str, rep: str | None = None) -> pd.DataFrame:
    """Index week (every week <= `week` with any call); columns team (mean score), rep (the
    rep's mean, NaN in weeks without a call of theirs) and calls (the rep's call count)."""
    past = up_to(calls, week)
    team = past.groupby("week")["score"].mean()
    mine = past[past["rep"] == rep].groupby("week")["score"]
    return pd.DataFrame({"team": team, "rep": mine.mean().reindex(team.index),
                         "calls": mine.size().reindex(team.index).fillna(0).astype("int64")})


def score_bands(scores: Iterable[int]) -> list[tuple[str, int]]:
    """Calls per 10-point band: 0–9, 10–19, ... 80–89, then 90–100."""
    counts = [0] * 10
    for s in scores:
        counts[min(int(s) // 10, 9)] += 1
    return [(f"{lo}–{lo + 9 if lo < 90 else 100}", n) for lo, n in zip(range(0, 100, 10), counts)]


def ranked_misses(rates: pd.Series, weights: Mapping[str, float]) -> list[str]:
    """Items below a perfect hit rate, worst first; ties by weight (heavier first), then order."""
    order = {k: n for n, k in enumerate(rates.index)}
    missed = [k for k, v in rates.items() if pd.notna(v) and v < 1.0]
    return sorted(missed, key=lambda k: (rates[k], -weights.get(k, 0.0), order[k]))


def most_missed(rates: pd.Series, weights: Mapping[str, float]) -> str | None:
    ranked = ranked_misses(rates, weights)
    return ranked[0] if ranked else None


# --- example quotes -----------------------------------------------------------------------------
def _candidates(calls: pd.DataFrame, findings: pd.DataFrame, item_id: str) -> pd.DataFrame:
    """Each call's first evidence row for the item, with the call's score and account."""
    rows = findings[(findings["kind"] == "item") & (findings["item_id"] == item_id)]
    rows = rows.drop_duplicates(["call_id", "week"], keep="first")
    return rows.merge(calls[["call_id", "week", "score", "account"]], on=["call_id", "week"])


def _example(row: pd.Series) -> Example:
    def opt(v):
        return None if pd.isna(v) else v

    return Example(row["call_id"], row["rep"], opt(row["account"]), row["week"], int(row["score"]),
                   row["status"], opt(row["machine_status"]), bool(row["overridden"]),
                   row["override_note"] or "", row["override_author"] or "", row["explanation"] or "", opt(row["quote"]), opt(row["speaker"]),
                   None if pd.isna(row["turn"]) else int(row["turn"]), opt(row["start"]))


def passing_example(calls: pd.DataFrame, findings: pd.DataFrame, item_id: str, week: str,
                    exclude_rep: str | None = None) -> Example | None:
    """The best quote of someone (other than `exclude_rep`) who passed the item."""
    rows = _candidates(up_to(calls, week), findings, item_id)
    rows = rows[(rows["status"] == "pass") & rows["quote"].notna() & (rows["rep"] != exclude_rep)]
    if rows.empty:
        return None
    rows = rows.sort_values(["score", "week", "call_id"], ascending=[False, False, True],
                            kind="stable")
    return _example(rows.iloc[0])


def failing_example(calls: pd.DataFrame, findings: pd.DataFrame, item_id: str,
                    week: str, points: Mapping[str, float] | None = None) -> Example | None:
    """A representative miss this week: a call with a quote if any, fail before partial,
    lowest score first."""
    rows = _candidates(in_week(calls, week), findings, item_id)
    rows = rows[rows["status"] != "pass"].assign(
        _noquote=lambda r: r["quote"].isna(), _credit=lambda r: r["status"].map(_points(points)))
    if rows.empty:
        return None
    rows = rows.sort_values(["_noquote", "_credit", "score", "call_id"], kind="stable")
    return _example(rows.iloc[0])


def coaching_priorities(calls: pd.DataFrame, findings: pd.DataFrame, week: str,
                        weights: Mapping[str, float], n: int = 3,
                        points: Mapping[str, float] | None = None) -> list[Priority]:
    """The n items with the lowest team hit rate this week, each with a failing quote and a
    passing quote from a teammate of the rep who missed it."""
    now = in_week(calls, week)
    items = [k for k in weights if k in now.columns]
    rates = team_hit_rates(now, items, points)
    out = []
    for item_id in ranked_misses(rates, weights)[:n]:
        statuses = now[item_id].dropna()
        failing = failing_example(calls, findings, item_id, week, points)
        passing = passing_example(calls, findings, item_id, week,
                                  exclude_rep=failing.rep if failing else None)
        out.append(Priority(item_id, float(rates[item_id]), int((statuses != "pass").sum()),
                            int(statuses.size), failing, passing))
    return out


# --- counts -------------------------------------------------------------------------------------
def _counts(calls: pd.DataFrame, values: pd.Series, order: Sequence[str]) -> pd.DataFrame:
    """Index rep (every rep in `calls`), one column per value in `order` (then any other);
    `values` is indexed like `calls`, one entry per thing counted."""
    pairs = pd.DataFrame({"rep": calls.loc[values.index, "rep"].to_numpy(),
                          "value": values.to_numpy()})
    table = pd.crosstab(pairs["rep"], pairs["value"])
    columns = list(order) + sorted(c for c in table.columns if c not in order)
    table = table.reindex(index=sorted(calls["rep"].unique()), columns=columns, fill_value=0)
    table.index.name, table.columns.name = "rep", None
    return table.astype("int64")


def pitfall_counts(calls: pd.DataFrame, pitfall_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Calls flagged with each pitfall (default: the built-in rubric's), per rep."""
    flags = calls["pitfalls"].str.split(";").explode()
    flags = flags[flags.notna() & (flags != "")]
    return _counts(calls, flags, cached_rubric().pitfall_ids if pitfall_ids is None else pitfall_ids)


def close_type_counts(calls: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Calls per close type (in the rubric's precedence order), per rep; the team's counts are
    the column sums."""
    order = [c.id for c in cached_rubric().close_types] if order is None else order
    return _counts(calls, calls["close_type"], order)


# --- failures -----------------------------------------------------------------------------------
def week_failures(failures: Iterable[Mapping[str, Any]], week: str) -> list[Failure]:
    """Files that failed to process in the week (or with no week), one per path, latest reason."""
    latest: dict[str, str] = {}
    for f in failures:
        if f.get("week") in (week, None):
            latest.pop(f["source_path"], None)
            latest[f["source_path"]] = f["reason"]
    return [Failure(path, reason) for path, reason in latest.items()]
