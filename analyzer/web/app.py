"""The app factory: one FastAPI app on one store, with its routers, middleware and errors."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ..store import Store
from . import errors, routes_api, routes_auth, routes_pages, routes_upload
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
    for module in (routes_auth, routes_pages, routes_upload, routes_api):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("analyzer.web", "static")]), name="static")
    errors.install(app)
    app.add_middleware(BodyLimit, limit_for=lambda path: cfg.max_request_bytes
                       if path == "/upload" else FORM_LIMIT)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory analyzer.web.app:app_from_env` ($CALLREVIEW_DB, $CALLREVIEW_DATA)."""
    return create_app(WebConfig.from_env())
