"""Jinja2 for the pages: this package's templates first, then the report templates.

The web `base.html.j2` stands in for the reports' own, so the call report, the rep scorecard
and the team summary render from their usual templates inside the app's frame (navigation,
sign-out), with the reports' style sheet. The web `_macros.html.j2` likewise stands in for the
reports' macros (it re-exports them from `report/_macros.html.j2`) and gives every timed quote
a play button and a link to its turn.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PrefixLoader

from ..templating import environment as make_environment, package_loader, report_loader
from .uploads import mb, size
from .views import call_url, rep_home, rep_url


@lru_cache(maxsize=1)
def environment() -> Environment:
    reports = report_loader()
    loader = ChoiceLoader([package_loader("analyzer.web", "templates"), reports,
                           PrefixLoader({"report": reports})])
    return make_environment(loader, dict(mb=mb, size=size, when=_when, groupby_year=groupby_year,
                                         eta=eta),
                            call_url=call_url, rep_url=rep_url, rep_home=rep_home)


def groupby_year(weeks):
    """(year, [(week, count), ...]) groups, in the order given."""
    return [(year, list(group)) for year, group in groupby(weeks, key=lambda w: w[0][:4])]


def eta(seconds: float) -> str:
    """'40 s', '3 min', '1 h 5 min': a transcription's time left."""
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


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
    context.setdefault("scripts", ())
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)
