"""Sign in (throttled: see throttle.py) and sign out."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from .accounts import authenticate
from .auth import current_session, safe_next
from .csrf import PRE_COOKIE, new_nonce
from .forms import CSRF_REFUSED, MAX_FIELDS, checked_form, set_cookie, text
from .sessions import COOKIE, Session
from .state import WebState, get_state
from .templating import render
from .throttle import Refusal

router = APIRouter(include_in_schema=False)


def _nonce(request: Request) -> str:
    value = request.cookies.get(PRE_COOKIE) or ""
    return value if 16 <= len(value) <= 64 else new_nonce()


def _signin_page(request: Request, state: WebState, next_path: str, error: str | None = None,
                 name: str = "", status: int = 200, headers: dict[str, str] | None = None):
    nonce = _nonce(request)
    response = render(request, "signin.html.j2", status, title="Sign in", error=error, name=name,
                      next=safe_next(next_path), signin_token=state.csrf.signin_token(nonce))
    set_cookie(response, PRE_COOKIE, nonce, state, max_age=None)
    response.headers.update(headers or {})
    return response


@router.get("/signin")
def signin_form(request: Request, next: str = "/", state: WebState = Depends(get_state),
                session: Session | None = Depends(current_session)):
    if session is not None:
        return RedirectResponse(safe_next(next), 303)
    return _signin_page(request, state, next)


@router.post("/signin")
async def signin(request: Request, state: WebState = Depends(get_state)):
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    if not state.csrf.signin_ok(text(form, "csrf_token", 200), request.cookies.get(PRE_COOKIE)):
        raise HTTPException(403, CSRF_REFUSED)
    name, password = text(form, "name", 100), text(form, "password", 1000)
    next_path = text(form, "next")
    attempt = state.throttle.begin(name, request.client.host if request.client else "unknown")
    if isinstance(attempt, Refusal):
        return _signin_page(request, state, next_path, attempt.message, name, status=429,
                            headers={"Retry-After": str(attempt.retry_after)})
    user = await run_in_threadpool(authenticate, state.store, name, password)
    if user is None:
        state.throttle.failed(attempt)
        return _signin_page(request, state, next_path, "Wrong user name or password.",
                            name, status=401)
    state.throttle.succeeded(attempt)
    if user.disabled:
        return _signin_page(request, state, next_path, "This account is disabled. Ask a manager "
                            "to enable it.", name, status=403)
    old = state.sessions.lookup(request.cookies.get(COOKIE))
    if old is not None:  # signing in again (maybe as someone else) ends the old session
        state.sessions.end(old)
    cookie, _ = state.sessions.start(user)
    response = RedirectResponse(safe_next(text(form, "next")), 303)
    set_cookie(response, COOKIE, cookie, state, max_age=state.sessions.max_age)
    response.delete_cookie(PRE_COOKIE, path="/")
    return response


@router.post("/signout")
async def signout(request: Request, state: WebState = Depends(get_state),
                  session: Session | None = Depends(current_session)):
    if session is None:
        return RedirectResponse("/signin", 303)
    await checked_form(request, session)
    state.sessions.end(session)
    response = RedirectResponse("/signin", 303)
    response.delete_cookie(COOKIE, path="/")
    return response
