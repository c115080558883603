"""The JSON API: the same data and the same access rules as the pages (401 without a session,
403 for another rep's scorecard or a manager-only resource, 404 for another rep's call)."""
from __future__ import annotations

import dataclasses
from typing import Any, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..rubric import cached_rubric

from . import jobs, views
from .api_models import CallDetail, CallList, JobList, JobOut, Me, Problem
from .auth import api_session, manager_api
from .listing import PER_PAGE, SORTS, BadQuery, CallQuery
from .sessions import Session
from .state import WebState, get_state

ERRORS = {401: {"model": Problem, "description": "not signed in"},
          403: {"model": Problem, "description": "not allowed for this user"},
          404: {"model": Problem, "description": "no such thing, or not this user's"}}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


@router.get("/me", response_model=Me, summary="Who is signed in")
def me(session: Session = Depends(api_session)):
    u = session.user
    return Me(name=u.name, role=u.role, rep_label=u.rep_label)


@router.get("/calls", response_model=CallList,
            summary="Calls this user may see: searched, filtered, sorted, a page at a time")
def list_calls(request: Request, q: str = Query("", description="account, rep or words said (a phrase)"),
               rep: str = "", week: str = Query("", description="e.g. 2026-W48"),
               moment: str = "", band: str = Query("", description="pass (75+), partial (50-74), fail (<50)"),
               close: str = Query("", description="close type: " + ", ".join(c.id for c in cached_rubric().close_types)),
               failed: str = Query("", description="calls that failed this item id"),
               sort: str = Query("newest", description=", ".join(SORTS)),
               page: str = "1", per_page: str = str(PER_PAGE),
               state: WebState = Depends(get_state), session: Session = Depends(api_session)):
    try:
        query = CallQuery.parse(request.query_params, items=state.item_ids,
                                close_types=tuple(state.close_types))
    except BadQuery as exc:
        raise HTTPException(422, str(exc)) from None
    found = views.visible_calls(state, session.user, query)
    return {"calls": [views.listed_summary(c) for c in found.calls], "total": found.total,
            "page": query.page, "per_page": query.per_page, "pages": found.pages}


@router.get("/calls/{call_id}", response_model=CallDetail, summary="One call with its scorecard")
def get_call(call_id: int, state: WebState = Depends(get_state),
             session: Session = Depends(api_session)):
    return views.call_detail(state, views.visible_call(state, session.user, call_id))


@router.get("/reps/{rep:path}/weeks/{week}", response_model=dict[str, Any],
            summary="A rep's weekly scorecard (a rep: only their own)")
def rep_week(rep: str, week: str, state: WebState = Depends(get_state),
             session: Session = Depends(api_session)):
    return dataclasses.asdict(views.rep_scorecard(state, session.user, rep, week))


@router.get("/team/weeks/{week}", response_model=dict[str, Any],
            summary="The team's weekly summary (managers)")
def team_week(week: str, state: WebState = Depends(get_state),
              session: Session = Depends(manager_api)):
    return dataclasses.asdict(views.team_summary(state, week))


@router.get("/jobs", response_model=JobList, summary="Upload jobs, newest first (managers)")
def list_jobs(ids: Optional[str] = None, state: WebState = Depends(get_state),
              session: Session = Depends(manager_api)):
    wanted = None
    if ids:
        try:
            wanted = [int(i) for i in ids.split(",")[:200] if i.strip()]
        except ValueError:
            raise HTTPException(422, "ids: comma-separated job numbers.") from None
        wanted = [i for i in wanted if views.valid_key(i)]
    return {"jobs": [j.to_api() for j in jobs.recent(state.store, ids=wanted)],
            "counts": jobs.counts(state.store)}


@router.get("/jobs/{job_id}", response_model=JobOut, summary="One upload job (managers)")
def get_job(job_id: int, state: WebState = Depends(get_state),
            session: Session = Depends(manager_api)):
    job = jobs.get(state.store, job_id) if views.valid_key(job_id) else None
    if job is None:
        raise HTTPException(404, "There is no such job.")
    return job.to_api()
