"""ASGI middleware: a cap on request bodies, and security headers on every response."""
from __future__ import annotations

from typing import Callable

from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy",
     b"default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
     b"media-src 'self'; "
     b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
]


def add_security_headers(response) -> None:
    """The same headers on a response built outside this middleware (the 500 answer, which
    Starlette sends from the outermost layer)."""
    for key, value in HEADERS + [(b"cache-control", b"no-store")]:
        response.headers[key.decode()] = value.decode()


class SecurityHeaders:
    """No sniffing, no framing, scripts only from this site; pages and data never cached."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope["path"].startswith("/static/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + HEADERS
                if not static and not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuse request bodies over `limit_for(path)` bytes: at once when Content-Length says
    so, else as soon as the streamed body passes the limit (413 either way)."""

    def __init__(self, app, limit_for: Callable[[str], int]):
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["path"])
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            response = PlainTextResponse(too_large(limit), status_code=413,
                                         headers={"connection": "close"})
            return await response(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, too_large(limit))
            return message

        await self.app(scope, counted, send)


def too_large(limit: int) -> str:
    return (f"The upload is too large: at most {limit / (1024 * 1024):.3g} MB can be sent at once. "
            "Send fewer or smaller files.")
