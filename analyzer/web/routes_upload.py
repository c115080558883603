"""Upload calls (manager) and follow their jobs."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from ..ingest import AUDIO_SUFFIXES, TEXT_SUFFIXES
from ..presentation import MOMENTS
from . import jobs, uploads, views
from .auth import manager_page
from .forms import checked_form, text
from .sessions import Session
from .state import WebState, get_state
from .templating import render

router = APIRouter(include_in_schema=False)
OVER = 4  # a form may hold this many times max_files before it is not read at all
FIELDS = ("rep", "call_date", "account", "moment", "rep_channel")


def _upload_page(request: Request, state: WebState, status: int = 200, **context):
    if context.get("form") is None:
        context["form"] = {k: "" for k in FIELDS}
    context.setdefault("outcome", None)
    context.setdefault("error", None)
    context.setdefault("jobs", [])
    reps = sorted({c.rep for c in state.store.calls()})
    return render(request, "upload.html.j2", status, title="Upload calls", reps=reps,
                  audio_types=AUDIO_SUFFIXES, text_types=TEXT_SUFFIXES,
                  max_bytes=state.cfg.max_upload_bytes, max_files=state.cfg.max_files,
                  **context)


def form_meta(values: dict[str, str]) -> dict[str, str]:
    """The metadata fields that were filled in, checked; ValueError names a bad one."""
    meta = {k: " ".join(v.split()) for k, v in values.items() if v.strip()}
    if "call_date" in meta:
        try:
            date.fromisoformat(meta["call_date"])
        except ValueError:
            raise ValueError(f"Call date {meta['call_date']!r} is not a date (YYYY-MM-DD).") from None
    if meta.get("moment") not in (None, *MOMENTS):
        raise ValueError("Moment must be one of: " + ", ".join(MOMENTS.values()) + ".")
    if meta.get("rep_channel") not in (None, "left", "right"):
        raise ValueError("Rep channel must be left or right.")
    return meta


def too_many(state: WebState) -> str:
    return (f"At most {state.cfg.max_files} files can be uploaded at a time; nothing was "
            "uploaded. Choose fewer files and upload the rest next")


@router.get("/upload")
def upload_form(request: Request, state: WebState = Depends(get_state),
                session: Session = Depends(manager_page)):
    return _upload_page(request, state)


@router.post("/upload")
async def upload(request: Request, state: WebState = Depends(get_state),
                 session: Session = Depends(manager_page)):
    try:  # room for more files than allowed, so that too many are refused on the form
        form = await checked_form(request, session, max_files=state.cfg.max_files * OVER)
    except HTTPException as exc:
        if exc.status_code != 400:
            raise
        return _upload_page(request, state, 400, error=f"{too_many(state)} ({exc.detail}).")
    values = {k: text(form, k, 200) for k in FIELDS}
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and (f.filename or f.size)]
    try:
        meta = form_meta(values)
        if not files:
            raise ValueError("Choose at least one recording or transcript to upload.")
        if len(files) > state.cfg.max_files:
            raise ValueError(f"{too_many(state)}: this upload has {len(files)}.")
    except ValueError as exc:
        return _upload_page(request, state, 400, form=values, error=str(exc))
    try:
        outcome = await run_in_threadpool(
            uploads.receive, [uploads.Incoming(f.filename, f.file) for f in files], meta,
            state.cfg, state.store, session.user.id)
    finally:
        for f in files:
            await f.close()
    queued = jobs.recent(state.store, ids=[job_id for job_id, _ in outcome.queued])
    # after an upload that queued files the fields start blank again, so that the next files
    # do not silently get this upload's rep or date; after a refusal they stay for a retry
    return _upload_page(request, state, 200 if outcome.queued else 400,
                        form=None if outcome.queued else values, outcome=outcome, jobs=queued,
                        refresh=bool(queued))


@router.post("/jobs/{job_id}/cancel")
async def cancel_job(request: Request, job_id: int, state: WebState = Depends(get_state),
                     session: Session = Depends(manager_page)):
    await checked_form(request, session)
    if not views.valid_key(job_id) or jobs.cancel(state.store, job_id) is None:
        raise HTTPException(409, "This job has already finished: there is nothing to cancel.")
    return RedirectResponse(f"/jobs#job-{job_id}", 303)


@router.post("/jobs/{job_id}/retry")
async def retry_job(request: Request, job_id: int, state: WebState = Depends(get_state),
                    session: Session = Depends(manager_page)):
    await checked_form(request, session)
    job = jobs.get(state.store, job_id) if views.valid_key(job_id) else None
    if job is None or not job.can_retry:
        raise HTTPException(409, "Only a failed or cancelled job can be tried again.")
    if not (state.cfg.upload_dir / job.stored_name).is_file():
        raise HTTPException(409, f"{job.filename} is no longer in the upload folder: upload it again.")
    jobs.retry(state.store, job_id)
    return RedirectResponse(f"/jobs#job-{job_id}", 303)


@router.get("/jobs")
def jobs_page(request: Request, state: WebState = Depends(get_state),
              session: Session = Depends(manager_page)):
    recent = jobs.recent(state.store)
    return render(request, "jobs.html.j2", title="Jobs", jobs=recent, counts=jobs.counts(state.store),
                  refresh=any(not j.finished for j in recent))
