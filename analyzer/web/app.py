"""The app factory: one FastAPI app on one store, with its routers, middleware and errors."""
from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI, Response
from fastapi.staticfiles import StaticFiles

from ..store import Store
from . import (errors, routes_api, routes_auth, routes_comments, routes_media, routes_pages,
               routes_upload)
from .config import WebConfig
from .csrf import Csrf
from .middleware import BodyLimit, SecurityHeaders
from .sessions import SessionStore, secret_key
from .state import WebState

FORM_LIMIT = 1024 * 1024  # every request but an upload


def create_app(cfg: WebConfig, store: Store | None = None) -> FastAPI:
    store = store or Store.open(cfg.db)
    secret = secret_key(store)
    app = FastAPI(title="callreview", version="1",
                  description="Sales call reviews: calls, scorecards and team summaries. Every "
                              "endpoint needs a signed-in session (the cookie the sign-in page "
                              "sets); a rep sees only their own calls.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.web = WebState(cfg, store, SessionStore(store, secret, cfg.session_hours),
                             Csrf(secret))
    store.rubric = app.state.web.rubric if cfg.rubric else None  # weighs listed scores
    for module in (routes_auth, routes_pages, routes_media, routes_comments, routes_upload,
                   routes_api):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("analyzer.web", "static")]), name="static")
    app.add_api_route("/favicon.ico", favicon, include_in_schema=False)
    errors.install(app)
    app.add_middleware(BodyLimit, limit_for=lambda path: cfg.max_request_bytes
                       if path == "/upload" else FORM_LIMIT)
    app.add_middleware(SecurityHeaders)
    return app


def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page says: the app's icon, not a 404."""
    icon = files("analyzer.web").joinpath("static", "favicon.svg").read_bytes()
    return Response(icon, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


def app_from_env() -> FastAPI:
    """For `uvicorn --factory analyzer.web.app:app_from_env` ($CALLREVIEW_DB, $CALLREVIEW_DATA)."""
    return create_app(WebConfig.from_env())
