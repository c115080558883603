"""Rep scorecards and the team's weekly summary: data, then templates, then one writer each.

build_rep_scorecard() / build_team_summary() -> plain dataclasses (numbers from weekly.py);
render_rep_scorecard() / render_team_summary() -> str (reports/*.j2; the HTML gets inline SVG
charts from charts.py); write_rep_scorecard() / write_team_summary() -> Path, the only functions
that touch the file system. write_week_reports() calls both writers for a whole week, so the
summary's links to each rep's scorecard resolve.

All inputs are plain data (a list of StoredCall, the store's failure rows, a Rubric), so every
report can be built and tested without a database.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import quote as url_quote

import pandas as pd
from jinja2 import Environment

from . import charts, weekly
from .overrides import effective_score
from .presentation import MOMENTS, band, clock, long_date
from .reporting import Quote, safe_name
from .rubric import Rubric, cached_rubric
from .store import StoredCall
from .templating import environment, report_loader

TEMPLATES = {"rep": {"html": "rep_scorecard.html.j2", "md": "rep_scorecard.md.j2"},
             "team": {"html": "team_summary.html.j2", "md": "team_summary.md.j2"}}


# --- data ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OverrideView:
    call_id: str
    rep: str
    item: str  # the item's title
    status: str  # the manager's verdict
    machine: str | None  # the analyzer's
    note: str
    author: str


@dataclass(frozen=True)
class CallLine:
    call_id: str
    title: str  # account, else call id
    call_date: str
    moment: str | None
    score: int
    band: str
    close_type: str
    href: str | None  # relative link to the call report
    pitfalls: tuple[str, ...]
    overrides: tuple[OverrideView, ...]


@dataclass(frozen=True)
class TrendRow:
    week: str
    rep: float | None
    team: float | None
    calls: int


@dataclass(frozen=True)
class RateRow:
    item_id: str
    title: str
    rep: float | None
    team: float | None


@dataclass(frozen=True)
class ExampleView:
    call_id: str
    rep: str
    title: str
    week: str
    score: int
    status: str
    explanation: str
    quote: Quote | None
    override: OverrideView | None


@dataclass(frozen=True)
class MostMissed:
    item_id: str
    title: str
    rep: float
    team: float | None
    coaching: str
    example: ExampleView | None  # a teammate who passed it


@dataclass(frozen=True)
class RepScorecard:
    rep: str
    week: str
    calls: tuple[CallLine, ...]
    mean_score: float | None
    band: str
    team_mean: float | None
    trend: tuple[TrendRow, ...]
    rates: tuple[RateRow, ...]
    most_missed: MostMissed | None
    overrides: int
    rubric: str


@dataclass(frozen=True)
class RepRow:
    rep: str
    calls: int
    mean_score: float
    rates: tuple[float | None, ...]  # in TeamSummary.items order
    href: str  # the rep's scorecard, same folder and format


@dataclass(frozen=True)
class CountRow:
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class CountTable:
    columns: tuple[str, ...]
    rows: tuple[CountRow, ...]
    totals: CountRow  # the team


@dataclass(frozen=True)
class PriorityView:
    rank: int
    item_id: str
    title: str
    rate: float
    missed: int
    calls: int
    coaching: str
    failing: ExampleView | None
    passing: ExampleView | None


@dataclass(frozen=True)
class Bin:
    label: str
    count: int


@dataclass(frozen=True)
class TeamSummary:
    week: str
    calls: int
    mean_score: float | None
    band: str
    items: tuple[str, ...]  # item titles, rubric order
    reps: tuple[RepRow, ...]
    team_rates: tuple[float | None, ...]
    scores: tuple[int, ...]
    bins: tuple[Bin, ...]
    pitfalls: CountTable
    close_types: CountTable
    priorities: tuple[PriorityView, ...]
    overrides: tuple[OverrideView, ...]
    failures: tuple[weekly.Failure, ...]
    rubric: str


# --- building -----------------------------------------------------------------------------------
def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _title(rubric: Rubric, item_id: str) -> str:
    return rubric.titles.get(item_id) or item_id.replace("_", " ")


def _coaching(rubric: Rubric, item_id: str) -> str:
    spec = next((i for i in rubric.items if i.id == item_id), None)
    return (spec.coaching.get("fail") or spec.coaching.get("partial") or "") if spec else ""


def _href(target: str | None, link_from: str | Path | None) -> str | None:
    """A relative URL from the folder `link_from` to `target` (as given when no folder)."""
    if not target:
        return None
    try:
        rel = os.path.relpath(target, link_from) if link_from is not None else target
    except ValueError:  # another drive
        return Path(target).resolve().as_uri()
    return url_quote(Path(rel).as_posix())


def _overrides(call: StoredCall, rubric: Rubric) -> tuple[OverrideView, ...]:
    items = call.scorecard.get("items", {})
    return tuple(OverrideView(call.call_id, call.rep, _title(rubric, k), o["status"],
                              (items.get(k) or {}).get("status"), o.get("note", ""),
                              o.get("author", ""))
                 for k, o in sorted(call.overrides.items(),
                                    key=lambda kv: weekly.item_ids([call], rubric).index(kv[0])))


def _call_line(call: StoredCall, rubric: Rubric, link_from) -> CallLine:
    card = call.scorecard
    pitfall_titles = {p.id: p.title for p in rubric.pitfalls}
    score = effective_score(call, rubric)
    return CallLine(
        call.call_id, call.account or call.call_id, long_date(call.call_date),
        MOMENTS.get(call.moment, call.moment) if call.moment else None, score,
        band(score), card.get("close_type_label") or rubric.close_label(card.get("close_type") or "none"),
        _href(call.report_path, link_from),
        tuple(pitfall_titles.get(p["id"], p["id"]) for p in card.get("pitfalls") or ()),
        _overrides(call, rubric))


def _example(ex: weekly.Example | None, rubric: Rubric, item_id: str) -> ExampleView | None:
    if ex is None:
        return None
    quote = Quote(ex.speaker or "", ex.quote, ex.turn if ex.turn is not None else 0,
                  clock(ex.start), start=ex.start) if ex.quote else None
    override = OverrideView(ex.call_id, ex.rep, _title(rubric, item_id), ex.status,
                            ex.machine_status, ex.override_note, ex.override_author) \
        if ex.overridden else None
    return ExampleView(ex.call_id, ex.rep, ex.account or ex.call_id, ex.week, ex.score, ex.status,
                       ex.explanation, quote, override)


@dataclass(frozen=True)
class Prepared:
    """Calls with their frames built once, for writing many reports from the same calls."""
    calls: tuple[StoredCall, ...]
    frame: pd.DataFrame
    findings: pd.DataFrame


def scored_with(calls: Iterable[StoredCall], rubric: Rubric) -> list[StoredCall]:
    """The calls a rubric scored (a store may hold several rubrics' cards)."""
    return [c for c in calls if (c.scorecard.get("rubric") or {}).get("id", rubric.id) == rubric.id]


def prepare(calls: Sequence[StoredCall] | Prepared, rubric: Rubric | None = None) -> Prepared:
    if isinstance(calls, Prepared):
        return calls
    rubric = rubric or cached_rubric()
    calls = scored_with(calls, rubric)
    return Prepared(tuple(calls), weekly.calls_frame(calls, rubric), weekly.findings_frame(calls))


def build_rep_scorecard(calls: Sequence[StoredCall] | Prepared, rep: str, week: str,
                        rubric: Rubric | None = None,
                        link_from: str | Path | None = None) -> RepScorecard:
    """One rep's week: calls, trend over every week <= `week`, hit rates against the team's,
    the most-missed item with a teammate's best quote for it. `calls` may span all weeks;
    call report links are made relative to the folder `link_from`."""
    rubric = rubric or cached_rubric()
    data = prepare(calls, rubric)
    frame, findings = data.frame, data.findings
    now = weekly.in_week(frame, week)
    items = [i.id for i in rubric.items]
    mine = now[now["rep"] == rep]
    team_rates = weekly.team_hit_rates(now, items, rubric.status_points)
    rep_rates = weekly.hit_rates(mine, items, rubric.status_points).reindex([rep]).iloc[0]
    trend = weekly.score_trend(frame, week, rep)
    missed = weekly.most_missed(rep_rates, rubric.weights) if len(mine) else None
    most = None
    if missed:
        most = MostMissed(missed, _title(rubric, missed), float(rep_rates[missed]),
                          _num(team_rates[missed]), _coaching(rubric, missed),
                          _example(weekly.passing_example(frame, findings, missed, week,
                                                          exclude_rep=rep), rubric, missed))
    week_calls = sorted((c for c in data.calls if c.week == week and c.rep == rep),
                        key=lambda c: (c.call_date, c.call_id))
    mean = _num(mine["score"].mean()) if len(mine) else None
    return RepScorecard(
        rep=rep, week=week, calls=tuple(_call_line(c, rubric, link_from) for c in week_calls),
        mean_score=mean, band=band(mean), team_mean=_num(now["score"].mean()) if len(now) else None,
        trend=tuple(TrendRow(w, _num(r.rep), _num(r.team), int(r.calls)) for w, r in trend.iterrows()),
        rates=tuple(RateRow(i, _title(rubric, i), _num(rep_rates[i]), _num(team_rates[i]))
                    for i in items),
        most_missed=most, overrides=sum(len(c.overrides) for c in week_calls),
        rubric=f"{rubric.id} {rubric.version}")


def _count_table(table: pd.DataFrame, labels: Mapping[str, str]) -> CountTable:
    rows = tuple(CountRow(rep, tuple(int(v) for v in row), int(row.sum()))
                 for rep, row in table.iterrows())
    sums = table.sum()
    return CountTable(tuple(labels.get(c, c) for c in table.columns), rows,
                      CountRow("Team", tuple(int(v) for v in sums), int(sums.sum())))


def _rep_rows(now: pd.DataFrame, items: Sequence[str], week: str, fmt: str,
              points: Mapping[str, float]) -> tuple[RepRow, ...]:
    rates = weekly.hit_rates(now, items, points)
    scores = now.groupby("rep")["score"]
    return tuple(RepRow(rep, int(scores.size()[rep]), float(scores.mean()[rep]),
                        tuple(_num(rates.loc[rep, i]) for i in items),
                        url_quote(rep_file(rep, week, fmt)))
                 for rep in sorted(now["rep"].unique()))


def _priority(n: int, p: weekly.Priority, rubric: Rubric) -> PriorityView:
    return PriorityView(n, p.item_id, _title(rubric, p.item_id), p.hit_rate, p.missed, p.calls,
                        _coaching(rubric, p.item_id), _example(p.failing, rubric, p.item_id),
                        _example(p.passing, rubric, p.item_id))


def build_team_summary(calls: Sequence[StoredCall] | Prepared,
                       failures: Iterable[Mapping[str, Any]], week: str,
                       rubric: Rubric | None = None, link_fmt: str = "html") -> TeamSummary:
    """The team's week: reps x items hit rates, score distribution, pitfalls and close types by
    rep, top 3 coaching priorities with quotes, overrides, files that failed to process.
    `calls` may span all weeks; `link_fmt` is the format of the rep scorecards it links to."""
    rubric = rubric or cached_rubric()
    data = prepare(calls, rubric)
    now = weekly.in_week(data.frame, week)
    items = [i.id for i in rubric.items]
    mean = _num(now["score"].mean()) if len(now) else None
    priorities = weekly.coaching_priorities(data.frame, data.findings, week, rubric.weights,
                                            points=rubric.status_points)
    week_calls = sorted((c for c in data.calls if c.week == week),
                        key=lambda c: (c.call_date, c.call_id))
    return TeamSummary(
        week=week, calls=len(now), mean_score=mean, band=band(mean),
        items=tuple(_title(rubric, i) for i in items),
        reps=_rep_rows(now, items, week, link_fmt, rubric.status_points),
        team_rates=tuple(_num(v) for v in weekly.team_hit_rates(now, items, rubric.status_points)),
        scores=tuple(int(s) for s in now["score"]),
        bins=tuple(Bin(label, n) for label, n in weekly.score_bands(now["score"])),
        pitfalls=_count_table(weekly.pitfall_counts(now, [p.id for p in rubric.pitfalls]),
                              {p.id: p.title for p in rubric.pitfalls}),
        close_types=_count_table(weekly.close_type_counts(now, [c.id for c in rubric.close_types]),
                                 {c.id: c.label for c in rubric.close_types}),
        priorities=tuple(_priority(n, p, rubric) for n, p in enumerate(priorities, start=1)),
        overrides=tuple(o for c in week_calls for o in _overrides(c, rubric)),
        failures=tuple(weekly.week_failures(failures, week)),
        rubric=f"{rubric.id} {rubric.version}")


# --- rendering ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _env() -> Environment:
    return environment(report_loader())


def _template(kind: str, fmt: str):
    if fmt not in TEMPLATES[kind]:
        raise ValueError(f"unknown report format {fmt!r}; use 'html' or 'md'")
    return _env().get_template(TEMPLATES[kind][fmt])


def rep_charts(card: RepScorecard) -> dict[str, str]:
    return {"trend": charts.score_trend([t.week for t in card.trend], [t.rep for t in card.trend],
                                        [t.team for t in card.trend], card.rep),
            "rates": charts.hit_rate_bars([r.title for r in card.rates], [r.rep for r in card.rates],
                                          [r.team for r in card.rates], card.rep)}


def team_charts(summary: TeamSummary) -> dict[str, str]:
    if not summary.reps:
        return {}
    return {"heatmap": charts.heatmap([r.rep for r in summary.reps], summary.items,
                                      [r.rates for r in summary.reps]),
            "scores": charts.score_histogram(summary.scores, summary.mean_score)}


def render_rep_scorecard(card: RepScorecard, fmt: str) -> str:
    """Render as 'html' (with inline SVG charts) or 'md' (tables instead of charts)."""
    template = _template("rep", fmt)
    return template.render(r=card, charts=rep_charts(card) if fmt == "html" else {})


def render_team_summary(summary: TeamSummary, fmt: str) -> str:
    template = _template("team", fmt)
    return template.render(r=summary, charts=team_charts(summary) if fmt == "html" else {})


# --- writing ------------------------------------------------------------------------------------
def rep_file(rep: str, week: str, fmt: str) -> str:
    return f"rep-{safe_name(rep)}-{week}.{fmt}"


def team_file(week: str, fmt: str) -> str:
    return f"team-{week}.{fmt}"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_rep_scorecard(calls: Sequence[StoredCall] | Prepared, rep: str, week: str, out_dir: str | Path,
                        fmt: str = "html", rubric: Rubric | None = None) -> Path:
    """Write rep-<rep>-<week>.<fmt> under out_dir and return its path."""
    card = build_rep_scorecard(calls, rep, week, rubric, link_from=out_dir)
    return _write(Path(out_dir) / rep_file(rep, week, fmt), render_rep_scorecard(card, fmt))


def write_team_summary(calls: Sequence[StoredCall] | Prepared, failures: Iterable[Mapping[str, Any]],
                       week: str, out_dir: str | Path, fmt: str = "html",
                       rubric: Rubric | None = None) -> Path:
    """Write team-<week>.<fmt> under out_dir and return its path."""
    summary = build_team_summary(calls, failures, week, rubric, fmt)
    return _write(Path(out_dir) / team_file(week, fmt), render_team_summary(summary, fmt))


def write_week_reports(calls: Sequence[StoredCall] | Prepared, failures: Iterable[Mapping[str, Any]],
                       week: str, out_dir: str | Path, formats: Sequence[str] = ("html", "md"),
                       rubric: Rubric | None = None) -> list[Path]:
    """The team summary, then every rep's scorecard for the week, in each format; the team
    summary comes first in the returned list for each format."""
    rubric = rubric or cached_rubric()
    failures = list(failures)
    data = prepare(calls, rubric)  # frames built once for every report
    paths = []
    for fmt in formats:
        paths.append(write_team_summary(data, failures, week, out_dir, fmt, rubric))
        paths += [write_rep_scorecard(data, rep, week, out_dir, fmt, rubric)
                  for rep in weekly.week_reps(data.frame, week)]
    return paths
