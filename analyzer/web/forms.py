"""Reading posted forms: the CSRF check every form goes through, and plain text fields."""
from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.datastructures import FormData

from .sessions import Session
from .state import WebState

CSRF_REFUSED = ("This form did not come from a page of this site, or the page is too old. "
                "Go back, reload the page and try again.")
MAX_FIELDS = 50


def text(form: FormData, key: str, limit: int = 500) -> str:
    """A text field, trimmed and cut to `limit` characters; "" if absent or a file."""
    value = form.get(key)
    return value.strip()[:limit] if isinstance(value, str) else ""


async def checked_form(request: Request, session: Session, max_files: int = 0) -> FormData:
    """The posted form, after its CSRF token matched the session's; 403 otherwise."""
    state: WebState = request.app.state.web
    form = await request.form(max_files=max_files, max_fields=MAX_FIELDS)
    submitted = text(form, "csrf_token", 200) or request.headers.get("x-csrf-token")
    if not state.csrf.session_ok(submitted, session):
        raise HTTPException(403, CSRF_REFUSED)
    return form


def set_cookie(response, name: str, value: str, state: WebState, max_age: int | None) -> None:
    """HttpOnly, SameSite=Lax, whole site; Secure when the app is served over HTTPS."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="lax",
                        secure=state.cfg.secure_cookies)


