"""The one Jinja2 environment factory: the reports and the web pages get the same settings
(strict undefined, autoescaped HTML and SVG, trimmed blocks) and the same formatting filters."""
from __future__ import annotations

from importlib.resources import files
from typing import Any, Callable

from jinja2 import BaseLoader, Environment, FunctionLoader, StrictUndefined, select_autoescape

from . import presentation as p

FILTERS: dict[str, Callable[..., Any]] = {
    "md": p.md_escape, "day_month": p.day_month, "long_date": p.date_or_blank, "clock": p.clock,
    "pct": p.pct, "whole": p.whole, "week_label": p.week_label}


def package_loader(package: str, folder: str | None = None) -> FunctionLoader:
    """Templates read from an installed package (package data), not from the working folder."""
    def load(name: str):
        res = files(package)
        res = res.joinpath(folder, name) if folder else res.joinpath(name)
        if not res.is_file():
            return None
        return res.read_text(encoding="utf-8"), None, lambda: True
    return FunctionLoader(load)


def environment(loader: BaseLoader, filters: dict[str, Callable[..., Any]] | None = None,
                **globals_: Any) -> Environment:
    env = Environment(loader=loader, undefined=StrictUndefined,
                      autoescape=select_autoescape(("html.j2", "svg.j2"), default=False,
                                                   default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTERS, **(filters or {}))
    env.globals.update(band=p.band, moments=p.MOMENTS, **globals_)
    return env


def report_loader() -> FunctionLoader:
    return package_loader("analyzer.reports")
