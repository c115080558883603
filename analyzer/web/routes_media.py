"""A call's recording, streamed (HTTP Range requests answered 206 by Starlette's FileResponse)
to exactly the users who may open the call's page: anyone else gets the page's 404."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse

from . import views
from .audio import MEDIA_TYPES, recording
from .auth import page_session
from .sessions import Session
from .state import WebState, get_state

router = APIRouter(include_in_schema=False)
NOT_KEPT = "This call's recording is not kept."


@router.get("/calls/{call_pk}/audio")
def call_audio(call_pk: int, state: WebState = Depends(get_state),
               session: Session = Depends(page_session)):
    call = views.visible_call(state, session.user, call_pk)  # 404 before anything else
    path = recording(state.cfg.upload_dir, call.audio_name)
    if path is None:
        raise HTTPException(404, NOT_KEPT)
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix])
