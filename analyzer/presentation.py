"""How numbers, dates and scores read in every report and page: score bands, percentages,
clock times and calendar dates, one definition each.

The calendar-date helpers are defined in timeline.py (its axis labels need them) and are
re-exported here so that reports, pages and coaching read dates from one place."""
from __future__ import annotations

import math
import re
from datetime import date

from .timeline import day_month, long_date, short_date

PASS_SCORE, PARTIAL_SCORE = 75, 50  # a score's band: pass >= 75, partial >= 50, else fail
# the bands as inclusive (low, high) score ranges, for filters (None: open-ended)
BAND_RANGES = {"pass": (PASS_SCORE, None), "partial": (PARTIAL_SCORE, PASS_SCORE - 1),
               "fail": (None, PARTIAL_SCORE - 1)}
MOMENTS = {"post_demo": "Post-demo", "proposal_review": "Proposal review",
           "final_decision": "Final decision", "renewal_expansion": "Renewal / expansion"}
MD_SPECIAL = re.compile(r"([\\`*_<>\[\]|])")

__all__ = ["BAND_RANGES", "MOMENTS", "band", "clock", "date_or_blank", "day_month", "long_date",
           "md_escape", "pct", "short_date", "week_label", "whole"]


def band(score: float | None) -> str:
    """The badge colour of a score: pass, partial or fail ('none' without a score)."""
    if score is None:
        return "none"
    return "pass" if score >= PASS_SCORE else "partial" if score >= PARTIAL_SCORE else "fail"


def pct(ratio: float | None) -> str:
    """0.625 -> '63%' (half up, unlike format's half-even); None or NaN -> '–'."""
    if ratio is None or math.isnan(ratio):
        return "–"
    return f"{math.floor(ratio * 100 + 0.5)}%"


def whole(value: float | None) -> str:
    """A score as a whole number, half up; None or NaN -> '–'."""
    if value is None or math.isnan(value):
        return "–"
    return str(math.floor(value + 0.5))


def clock(seconds: float | None) -> str | None:
    """12:05, or 1:02:05 past an hour."""
    if seconds is None:
        return None
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def date_or_blank(d: date | None) -> str:
    return long_date(d) if d else ""


def week_label(week: str) -> str:
    """'W48 · from 23 Nov' for 2026-W48 (the week's Monday)."""
    year, number = int(week[:4]), int(week[6:])
    return f"W{number:02d} · from {day_month(date.fromisocalendar(year, number, 1))}"


def md_escape(text: object) -> str:
    """Inline Markdown text: backslash-escape markup characters, fold newlines."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
