"""The data behind each page and its JSON twin, with the access rules applied.

Pages and the API call the same functions here, so they cannot disagree about who sees what.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException

from ..overrides import effective_score
from ..reporting import CallReport
from ..store import StoredCall
from ..stored_reports import stored_call_report
from ..team_reports import (ExampleView, RepScorecard, TeamSummary, build_rep_scorecard,
                            build_team_summary)
from ..weekly import latest_week
from .accounts import User, same_rep
from .listing import WEEK, CallPage, CallQuery, ListedCall, find_calls
from .state import WebState
from .teammates import teammate_view

NO_CALL = "There is no call with this number that you can see."
OWN_SCORECARD = "A rep can only see their own scorecard."
MAX_KEY = 2 ** 63 - 1  # keys are signed 64-bit integers in every store


def call_url(call_pk: int) -> str:
    return f"/calls/{call_pk}"


def rep_url(rep: str, week: str) -> str:
    return f"/reps/{quote(rep, safe='')}/weeks/{week}"


def rep_home(rep: str) -> str:
    """The rep's latest scorecard (a redirect)."""
    return f"/reps/{quote(rep, safe='')}"


def check_week(week: str) -> str:
    if not WEEK.match(week or ""):
        raise HTTPException(404, f"There is no week {week!r}: weeks look like 2026-W48.")
    return week


# --- calls ------------------------------------------------------------------------------------
def visible_calls(state: WebState, user: User, query: CallQuery) -> CallPage:
    """One page of the calls this user may see (a manager: all; a rep: their own) that match
    `query`, from the store's listing columns."""
    return find_calls(state.store, user, query)


def valid_key(key: int) -> bool:
    """Whether `key` can name a row at all (1 .. 2**63-1); anything else is answered 404."""
    return 0 < key <= MAX_KEY


def visible_call(state: WebState, user: User, call_pk: int) -> StoredCall:
    found = state.store.calls(call_pk=call_pk) if valid_key(call_pk) else []
    if not found or not user.sees_rep(found[0].rep):
        raise HTTPException(404, NO_CALL)  # the same answer whether it exists or not
    return found[0]


def score(state: WebState, c: StoredCall) -> int:
    """The call's score with the manager's verdicts applied."""
    return effective_score(c, card_rubric(state, c))


def listed_summary(c: ListedCall) -> dict[str, Any]:
    """A row of the calls list as the API gives it."""
    return {"id": c.call_pk, "call_id": c.call_id, "rep": c.rep, "account": c.account,
            "call_date": c.call_date.isoformat(), "week": c.week, "moment": c.moment,
            "score": c.score, "machine_score": c.machine_score, "close_type": c.close_type,
            "overrides": c.overrides, "recorded": c.recorded, "url": call_url(c.call_pk)}


def call_summary(state: WebState, c: StoredCall) -> dict[str, Any]:
    card = c.scorecard
    return {"id": c.call_pk, "call_id": c.call_id, "rep": c.rep, "account": c.account,
            "call_date": c.call_date.isoformat(), "week": c.week, "moment": c.moment,
            "score": score(state, c), "machine_score": int(card["score"]),
            "close_type": card.get("close_type"), "overrides": len(c.overrides),
            "recorded": bool(c.audio_name), "url": call_url(c.call_pk)}


def call_detail(state: WebState, c: StoredCall) -> dict[str, Any]:
    return call_summary(state, c) | {"scorecard": c.scorecard, "manager_overrides": c.overrides,
                                     "effective_items": c.effective_items}


def call_report(state: WebState, c: StoredCall) -> CallReport:
    """The command line's call report, rebuilt from the stored scorecard and transcript, with
    the manager's verdicts applied and the analyzer's beside them."""
    return stored_call_report(state.store, c, card_rubric(state, c))


@dataclass(frozen=True)
class ReviewRow:
    item_id: str
    title: str
    machine: str  # the analyzer's status
    override: dict[str, str] | None  # the manager's: status, note, author


def item_titles(state: WebState) -> dict[str, str]:
    """Checklist item id -> title, in rubric order (the served rubric's, then the others')."""
    titles: dict[str, str] = {}
    for rubric in state.rubrics.values():
        titles.update({k: t for k, t in rubric.titles.items() if k not in titles})
    return titles


def review_rows(state: WebState, c: StoredCall) -> list[ReviewRow]:
    """One row per checklist finding, in report order, with any manager override."""
    items = c.scorecard.get("items") or {}
    titles = item_titles(state)
    return [ReviewRow(k, v.get("title") or titles.get(k, k), v["status"], c.overrides.get(k))
            for k, v in items.items()]


# --- rep scorecards and the team summary ------------------------------------------------------
def _canonical_rep(calls: list[StoredCall], rep: str) -> str:
    """The rep's name as the calls spell it (labels match ignoring case and spacing)."""
    return next((c.rep for c in calls if same_rep(c.rep, rep)), rep)


def card_rubric(state: WebState, c: StoredCall):
    """The rubric a stored call was scored with (the served one when unknown)."""
    return state.rubric_for((c.scorecard.get("rubric") or {}).get("id"))


def rep_scorecard(state: WebState, user: User, rep: str, week: str,
                  rubric_id: str | None = None) -> RepScorecard:
    """`rep`'s week (a rep may only ask for their own). Team figures come from every call, as
    in the command line's scorecard; links go to this app's call pages."""
    check_week(week)
    if not user.sees_rep(rep):
        raise HTTPException(403, OWN_SCORECARD)
    calls = state.store.calls()
    rep = _canonical_rep(calls, rep)
    if not any(c.week == week for c in calls):
        raise HTTPException(404, f"No calls were scored in {week}.")
    card = build_rep_scorecard(calls, rep, week, state.rubric_for(rubric_id))
    mine = sorted((c for c in calls if c.week == week and c.rep == rep),
                  key=lambda c: (c.call_date, c.call_id))  # the order the builder uses
    lines = tuple(replace(line, href=call_url(c.call_pk)) for line, c in zip(card.calls, mine))
    card = replace(card, calls=lines)
    if card.most_missed is not None:
        card = replace(card, most_missed=replace(
            card.most_missed, example=linked_example(card.most_missed.example, calls)))
    return card if user.is_manager else teammate_view(card)


def latest_rep_week(state: WebState, rep: str) -> str | None:
    return latest_week(c for c in state.store.calls() if same_rep(c.rep, rep))


def team_summary(state: WebState, week: str, rubric_id: str | None = None) -> TeamSummary:
    """The team's week under one rubric (default: the served one); the store may hold others."""
    check_week(week)
    calls = state.store.calls()
    if not any(c.week == week for c in calls):
        raise HTTPException(404, f"No calls were scored in {week}.")
    summary = build_team_summary(calls, state.store.failures(week), week,
                                 state.rubric_for(rubric_id))
    priorities = tuple(replace(p, failing=linked_example(p.failing, calls),
                               passing=linked_example(p.passing, calls))
                       for p in summary.priorities)
    return replace(summary, reps=tuple(replace(r, href=rep_url(r.rep, week)) for r in summary.reps),
                   priorities=priorities)


def moment_url(call_pk: int, turn: int | None) -> str:
    """A call's page, opened at one turn (call.js seeks the player there)."""
    return call_url(call_pk) + (f"#turn-{turn}" if turn is not None else "")


def linked_example(ex: ExampleView | None, calls: list[StoredCall]) -> ExampleView | None:
    """An example whose quote links to its call at the quote's turn."""
    if ex is None or ex.quote is None:
        return ex
    call = next((c for c in calls if c.call_id == ex.call_id and c.week == ex.week
                 and c.rep == ex.rep), None)
    if call is None:
        return ex
    return replace(ex, quote=replace(ex.quote, href=moment_url(call.call_pk, ex.quote.turn)))
