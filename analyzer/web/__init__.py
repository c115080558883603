"""The web app: managers upload calls and review the team; reps read their own scorecards.

FastAPI + Jinja2 on the same store as the command line. `callreview serve` runs it with
worker processes that transcribe and score uploads (see docs/web.md). Importing this package
is cheap; `create_app` loads the framework on first use.
"""
from __future__ import annotations

__all__ = ["create_app", "app_from_env", "WebConfig"]


def __getattr__(name: str):
    if name in ("create_app", "app_from_env"):
        from . import app
        return getattr(app, name)
    if name == "WebConfig":
        from .config import WebConfig
        return WebConfig
    raise AttributeError(name)
