"""Pages to read: the calls list, a call's report with the manager review, a rep's weekly
scorecard and the team's weekly summary."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from .. import comments
from ..rubric import STATUSES
from ..team_reports import rep_charts, team_charts
from ..weekly import latest_week
from . import listing, views
from .listing import BadQuery, CallQuery
from .moments import LEAD_IN_S, call_moments
from .audio import recording
from .auth import manager_page, page_session
from .forms import checked_form, text
from .sessions import Session
from .state import WebState, get_state
from .templating import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(session: Session = Depends(page_session)):
    return RedirectResponse("/calls", 303)


@router.get("/calls")
def calls_page(request: Request, state: WebState = Depends(get_state),
               session: Session = Depends(page_session)):
    user = session.user
    try:
        query = CallQuery.parse(request.query_params, items=state.item_ids,
                                close_types=tuple(state.close_types))
    except BadQuery as exc:
        raise HTTPException(400, str(exc)) from None
    found = views.visible_calls(state, user, query)
    return render(request, "calls.html.j2", found=found, query=query,
                  weeks=listing.week_counts(state.store, user),
                  reps=listing.reps(state.store, user) if user.is_manager else (),
                  sorts=listing.SORTS, bands=listing.BANDS, items=views.item_titles(state),
                  close_types=state.close_types,
                  link=lambda **changes: "/calls?" + urlencode(query.params(**changes)))


@router.get("/calls/{call_pk}")
def call_page(request: Request, call_pk: int, state: WebState = Depends(get_state),
              session: Session = Depends(page_session)):
    call = views.visible_call(state, session.user, call_pk)
    n = len(call.overrides)
    banner = (f"Your manager changed {n} of the analyzer's verdicts on this call."
              if n and not session.user.is_manager else None)
    jump = ("Review verdicts ↓" if session.user.is_manager else "Manager review ↓" if n else None)
    crumbs = [("Calls" if session.user.is_manager else "My calls", "/calls"),
              (call.account or call.call_id, None)]
    recorded = recording(state.cfg.upload_dir, call.audio_name) is not None
    return render(request, "call_page.html.j2", r=views.call_report(state, call), call=call,
                  review=views.review_rows(state, call), crumbs=crumbs, banner=banner,
                  jump=(jump, "#review") if jump else None,
                  moments=call_moments(state.store, call, views.item_titles(state)),
                  audio_url=f"{views.call_url(call.call_pk)}/audio" if recorded else None,
                  audio_deleted_at=call.audio_deleted_at, keep_audio_days=state.cfg.keep_audio_days,
                  lead_in=LEAD_IN_S, thread=comments.thread(state.store, call.call_pk),
                  scripts=("call.js",))


@router.post("/calls/{call_pk}/overrides")
async def add_override(request: Request, call_pk: int, state: WebState = Depends(get_state),
                       session: Session = Depends(manager_page)):
    form = await checked_form(request, session)
    call = views.visible_call(state, session.user, call_pk)
    item, status = text(form, "item", 40), text(form, "status", 10)
    if item not in (call.scorecard.get("items") or {}):
        raise HTTPException(400, f"This call has no checklist item {item!r}.")
    if status not in STATUSES:
        raise HTTPException(400, "The verdict must be pass, partial or fail.")
    state.store.add_override(call.call_id, item, status, text(form, "note", 500),
                             session.user.name, call_pk=call.call_pk)
    return RedirectResponse(f"{views.call_url(call.call_pk)}#review-{item}", 303)


@router.post("/calls/{call_pk}/overrides/{item}/withdraw")
async def withdraw_override(request: Request, call_pk: int, item: str,
                            state: WebState = Depends(get_state),
                            session: Session = Depends(manager_page)):
    await checked_form(request, session)
    call = views.visible_call(state, session.user, call_pk)
    if item not in call.overrides:
        raise HTTPException(404, f"There is no manager verdict on {item!r} to withdraw.")
    state.store.withdraw_override(call.call_id, item, session.user.name, call_pk=call.call_pk)
    return RedirectResponse(f"{views.call_url(call.call_pk)}#review-{item}", 303)


# a rep label may hold a slash ("Dana Ruiz / EMEA"): {rep:path}, and the longer route first
@router.get("/reps/{rep:path}/weeks/{week}")
def rep_page(request: Request, rep: str, week: str, state: WebState = Depends(get_state),
             session: Session = Depends(page_session)):
    card = views.rep_scorecard(state, session.user, rep, week)
    weeks = sorted({c.week for c in state.store.calls() if c.rep == card.rep}, reverse=True)
    crumbs = [("Team", f"/team/weeks/{week}"), (card.rep, None)] if session.user.is_manager else ()
    return render(request, "rep_scorecard.html.j2", r=card, charts=rep_charts(card), crumbs=crumbs,
                  weeknav=[(w, views.rep_url(card.rep, w), w == week) for w in weeks[:12]])


@router.get("/reps/{rep:path}")
def rep_latest(rep: str, state: WebState = Depends(get_state),
               session: Session = Depends(page_session)):
    if not session.user.sees_rep(rep):
        raise HTTPException(403, views.OWN_SCORECARD)
    week = views.latest_rep_week(state, rep)
    if week is None:
        raise HTTPException(404, f"No calls have been scored for {rep} yet.")
    return RedirectResponse(views.rep_url(rep, week), 303)


@router.get("/team")
def team_latest(request: Request, state: WebState = Depends(get_state),
                session: Session = Depends(manager_page)):
    week = latest_week(state.store.calls())
    if week is None:
        return render(request, "error.html.j2", code=None, heading="No calls yet",
                      message="The team summary appears once calls are scored.",
                      back="/upload", back_label="Upload calls", title="Team")
    return RedirectResponse(f"/team/weeks/{week}", 303)


@router.get("/team/weeks/{week}")
def team_page(request: Request, week: str, rubric: str = "", state: WebState = Depends(get_state),
              session: Session = Depends(manager_page)):
    """The team's week under one rubric (`?rubric=ID`; default: the served one)."""
    if rubric and rubric not in state.rubrics:
        raise HTTPException(404, f"No rubric '{rubric}' (known: {', '.join(state.rubrics)}).")
    summary = views.team_summary(state, week, rubric or None)
    weeks = state.store.weeks()[::-1]
    keep = f"?rubric={rubric}" if rubric else ""
    return render(request, "team_summary.html.j2", r=summary, charts=team_charts(summary),
                  weeknav=[(w, f"/team/weeks/{w}{keep}", w == week) for w in weeks[:12]],
                  rubricnav=[(r.name, f"/team/weeks/{week}?rubric={rid}", rid == (rubric or state.rubric.id))
                             for rid, r in state.rubrics.items()])
