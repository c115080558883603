"""Jinja2 for the pages: this package's templates first, then the report templates.

The web `base.html.j2` stands in for the reports' own, so the call report, the rep scorecard
and the team summary render from their usual templates inside the app's frame (navigation,
sign-out), with the reports' style sheet.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import (ChoiceLoader, Environment, FunctionLoader, StrictUndefined,
                    select_autoescape)

from .. import charts
from ..reporting import CLOSE_TYPES, MOMENTS, md_escape
from ..team_reports import band
from ..timeline import day_month, long_date
from .uploads import mb, size
from .views import call_url, rep_home, rep_url


def _loader(package: str, folder: str | None = None) -> FunctionLoader:
    def load(name: str):
        res = files(package)
        res = res.joinpath(folder, name) if folder else res.joinpath(name)
        if not res.is_file():
            return None
        return res.read_text(encoding="utf-8"), None, lambda: True
    return FunctionLoader(load)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=ChoiceLoader([_loader("analyzer.web", "templates"),
                                           _loader("analyzer.reports")]),
                      undefined=StrictUndefined,
                      autoescape=select_autoescape(("html.j2", "svg.j2"), default=False,
                                                   default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(md=md_escape, day_month=day_month, pct=charts.pct, whole=charts.whole,
                       long_date=lambda d: long_date(d) if d else "", mb=mb, size=size, when=_when)
    env.globals.update(call_url=call_url, rep_url=rep_url, rep_home=rep_home, band=band,
                       moments=MOMENTS, close_types=CLOSE_TYPES)
    return env


def _when(value) -> str:
    return value.strftime("%d %b %Y %H:%M") + " UTC" if value else ""


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """A full page. Every page gets `viewer` (the signed-in user or None), `csrf` (the token
    its forms carry) and `path` (for the navigation)."""
    session = getattr(request.state, "session", None)
    context.setdefault("viewer", session.user if session else None)
    context.setdefault("csrf", session.csrf_token if session else "")
    context.setdefault("path", request.url.path)
    context.setdefault("title", "")
    context.setdefault("crumbs", ())
    context.setdefault("refresh", False)
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)
