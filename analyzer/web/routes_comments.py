"""The comment thread of a call: whoever may open the call may read it; a manager writes
coaching notes (on a moment of the call, if they like), the call's rep replies and marks a
note read. Pages post forms (CSRF-checked); the API reads the thread."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from .. import comments
from . import views
from .auth import api_session, page_session
from .forms import checked_form, text
from .sessions import Session
from .state import WebState, get_state

router = APIRouter()


def _back(call_pk: int, anchor: str = "comments") -> RedirectResponse:
    return RedirectResponse(f"{views.call_url(call_pk)}#{anchor}", 303)


@router.post("/calls/{call_pk}/comments", include_in_schema=False)
async def add_comment(request: Request, call_pk: int, state: WebState = Depends(get_state),
                      session: Session = Depends(page_session)):
    form = await checked_form(request, session)
    call = views.visible_call(state, session.user, call_pk)
    try:
        at_s = comments.parse_moment(text(form, "at", 20))
        new = comments.add(state.store, call.call_pk, session.user.name, session.user.role,
                           text(form, "body", comments.MAX_BODY + 1), at_s)
    except comments.CommentError as exc:
        raise HTTPException(400, str(exc)) from None
    return _back(call.call_pk, f"comment-{new}")


@router.post("/calls/{call_pk}/comments/{comment_id}/read", include_in_schema=False)
async def mark_read(request: Request, call_pk: int, comment_id: int,
                    state: WebState = Depends(get_state),
                    session: Session = Depends(page_session)):
    await checked_form(request, session)
    call = views.visible_call(state, session.user, call_pk)
    if session.user.is_manager:
        raise HTTPException(403, "Only the call's rep marks a manager's note read.")
    if not views.valid_key(comment_id) or \
            not comments.mark_read(state.store, call.call_pk, comment_id):
        raise HTTPException(404, "There is no unread note with this number on this call.")
    return _back(call.call_pk, f"comment-{comment_id}")


@router.get("/api/calls/{call_pk}/comments", tags=["api"],
            summary="The comment thread of one call, oldest first")
def list_comments(call_pk: int, state: WebState = Depends(get_state),
                  session: Session = Depends(api_session)) -> dict:
    call = views.visible_call(state, session.user, call_pk)
    return {"comments": [c.to_api() for c in comments.thread(state.store, call.call_pk)]}
