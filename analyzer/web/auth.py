"""Who is asking, enforced on the server for every page and JSON endpoint.

Pages: no session -> 303 to the sign-in page (which returns here after). JSON: no session
-> 401. A signed-in user without the right role -> 403. Data of another rep is answered as
if it did not exist (404), so a rep cannot even learn which call ids are taken.
"""
from __future__ import annotations

from fastapi import Depends, HTTPException, Request

from .sessions import COOKIE, Session
from .state import WebState, get_state


class SignInRequired(Exception):
    """A page was asked for without a session: redirect to sign in."""

    def __init__(self, next_path: str):
        self.next_path = next_path


def current_session(request: Request, state: WebState = Depends(get_state)) -> Session | None:
    if not hasattr(request.state, "session"):
        request.state.session = state.sessions.lookup(request.cookies.get(COOKIE))
    return request.state.session


def page_session(request: Request, session: Session | None = Depends(current_session)) -> Session:
    if session is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(target)
    return session


def api_session(session: Session | None = Depends(current_session)) -> Session:
    if session is None:
        raise HTTPException(401, "Sign in first.", headers={"WWW-Authenticate": "Cookie"})
    return session


def manager_page(session: Session = Depends(page_session)) -> Session:
    require_manager(session)
    return session


def manager_api(session: Session = Depends(api_session)) -> Session:
    require_manager(session)
    return session


def require_manager(session: Session) -> None:
    if not session.user.is_manager:
        raise HTTPException(403, "Only a manager can open this.")


def safe_next(target: str | None) -> str:
    """A local path to go to after signing in; anything else (another site) goes home."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
