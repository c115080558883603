"""Errors as people and programs expect them: JSON under /api, a page elsewhere, and a
redirect to the sign-in page when a page needs a session."""
from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from starlette.exceptions import HTTPException

from .auth import SignInRequired, current_session
from .middleware import add_security_headers
from .templating import render

log = logging.getLogger("callreview.web")
SERVER_ERROR = "Something went wrong on the server; it has been logged. Try again later."

HEADINGS = {400: "That did not work", 401: "Sign in first", 403: "Not allowed",
            404: "Not found", 405: "Not allowed", 409: "Not now", 413: "Too large", 422: "That did not work",
            429: "Too many tries", 500: "Server error"}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _page(request: Request, status: int, message: str, headers=None):
    try:
        current_session(request, request.app.state.web)  # the frame shows who is signed in
    except Exception:  # noqa: BLE001  (an error page must render even if the store is down)
        request.state.session = None
    response = render(request, "error.html.j2", status, code=status,
                      heading=HEADINGS.get(status, "Error"),
                      message=message, title=HEADINGS.get(status, "Error"), back=None,
                      back_label=None)
    for key, value in (headers or {}).items():
        if key.lower() != "www-authenticate":
            response.headers[key] = value
    return response


async def http_error(request: Request, exc: HTTPException):
    if _is_api(request):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    message = exc.detail if isinstance(exc.detail, str) else "The request could not be handled."
    if exc.status_code == 404 and message == "Not Found":
        message = "There is no page at this address."
    return _page(request, exc.status_code, message, exc.headers)


async def validation_error(request: Request, exc: RequestValidationError):
    if _is_api(request):
        return await request_validation_exception_handler(request, exc)
    return _page(request, 404, "There is no page at this address.")


async def server_error(request: Request, exc: Exception):
    """Anything unexpected: a 500 with our headers and one line, the traceback in the log."""
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    try:
        response = JSONResponse({"detail": SERVER_ERROR}, 500) if _is_api(request) \
            else _page(request, 500, SERVER_ERROR)
    except Exception:  # noqa: BLE001  (the error page itself failed: plain text will do)
        response = PlainTextResponse(SERVER_ERROR, 500)
    add_security_headers(response)
    return response


async def sign_in_first(request: Request, exc: SignInRequired):
    return RedirectResponse(f"/signin?next={quote(exc.next_path, safe='/')}", 303)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(SignInRequired, sign_in_first)
    app.add_exception_handler(Exception, server_error)
