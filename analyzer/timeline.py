"""Geometry for the backward-path picture: call date, milestones and target in, plain numbers out.

The SVG markup lives in reports/_timeline.svg.j2; this module only decides where things go.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from .model import Milestone, Target

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

WIDTH = 760.0
MARGIN = 56.0          # space left and right of the axis
LINE_H = 14.0          # distance between label lines
CHAR_W = 7.0           # rough width of one label character at 12px
LABEL_PAD = 10.0       # horizontal room added around a label
ROW_GAP = 8.0          # vertical room between label rows
LABEL_CLEAR = 14.0     # space between the axis and the lowest label row
MAX_LABEL = 30         # longer step names are shortened
TICK_STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364)
MIN_TICK_PX = 58.0


def day_month(d: date) -> str:
    """'6 Mar' (locale-independent)."""
    return f"{d.day} {MONTHS[d.month - 1]}"


def long_date(d: date) -> str:
    """'6 Mar 2026' (locale-independent)."""
    return f"{day_month(d)} {d.year}"


def short_date(d: date, ref: date) -> str:
    """'6 Mar', or '31 Dec 2025' when the year differs from `ref`'s."""
    return day_month(d) if d.year == ref.year else long_date(d)


@dataclass(frozen=True)
class Mark:
    """One point on the axis with its label box. `lines[0]` is the heading."""

    kind: str  # call | milestone | target
    x: float
    day: str  # "6 Mar"
    owner: str | None
    lines: tuple[str, ...]
    row: int
    label_x: float  # centre of the label box
    label_y: float  # baseline of the first line
    leader_top: float  # where the leader line from the axis meets the label
    flagged: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Undated:
    step: str
    date_text: str
    owner: str | None


@dataclass(frozen=True)
class TimelineLayout:
    width: float
    height: float
    x0: float
    x1: float
    axis_y: float
    tick_y: float
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    note: str  # "" or e.g. "no target date"
    note_y: float
    undated: tuple[Undated, ...]
    undated_y: float  # baseline of the "undated" heading
    line_h: float = LINE_H

    @property
    def target(self) -> Mark | None:
        return next((m for m in self.marks if m.kind == "target"), None)

    @property
    def milestones(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.kind == "milestone")


def _monotone_keep(days: Sequence[int]) -> set[int]:
    """Indices of the longest monotone subsequence, in stated order (backward wins ties)."""
    best: tuple[int, list[int]] = (-1, [])
    for sign in (-1, 1):  # -1: stated backward (dates fall), 1: stated forward
        n = len(days)
        length, prev = [1] * n, [-1] * n
        for i in range(n):
            for j in range(i):
                if sign * (days[i] - days[j]) >= 0 and length[j] + 1 > length[i]:
                    length[i], prev[i] = length[j] + 1, j
        if n:
            i = max(range(n), key=lambda k: length[k])
            chain = []
            while i != -1:
                chain.append(i)
                i = prev[i]
            if len(chain) > best[0]:
                best = (len(chain), chain)
    return set(best[1])


def flag_milestones(call_date: date, milestones: Sequence[Milestone],
                    target_date: date | None) -> list[str]:
    """One reason per milestone ('' when it keeps the path credible), in stated order."""
    dated = [i for i, m in enumerate(milestones) if m.date is not None]
    keep = _monotone_keep([milestones[i].date.toordinal() for i in dated])
    in_order = {dated[k] for k in keep}
    reasons = []
    for i, m in enumerate(milestones):
        if m.date is None:
            reasons.append("no date")
        elif m.date < call_date:
            reasons.append("before the call date")
        elif target_date is not None and m.date > target_date:
            reasons.append("after the target")
        elif i not in in_order:
            reasons.append("out of order")
        else:
            reasons.append("")
    return reasons


def _short(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _ticks(start: date, span: int, scale: float, x0: float) -> tuple[Tick, ...]:
    if span == 0:
        return (Tick(x0, day_month(start)),)
    step = next((s for s in TICK_STEPS if s * scale >= MIN_TICK_PX), TICK_STEPS[-1])
    return tuple(Tick(round(x0 + k * scale, 1), day_month(date.fromordinal(start.toordinal() + k)))
                 for k in range(0, span + 1, step))


def _stagger(points: list[dict]) -> list[dict]:
    """Greedy row assignment: each label goes to the lowest row where it does not overlap."""
    rows_right: list[float] = []
    for p in points:
        x, lines = p["x"], p["lines"]
        w = max(len(s) for s in lines) * CHAR_W + LABEL_PAD
        left = min(max(x - w / 2, 4.0), WIDTH - 4.0 - w)
        row = next((r for r, right in enumerate(rows_right) if right + 6 <= left), len(rows_right))
        if row == len(rows_right):
            rows_right.append(left + w)
        else:
            rows_right[row] = left + w
        p.update(row=row, label_x=round(left + w / 2, 1))
    return points


def build_timeline(call_date: date, milestones: Sequence[Milestone],
                   target: Target | None) -> TimelineLayout:
    """Lay out the backward path: call date at the left, target (or last milestone) at the right."""
    target_date = target.date if target else None
    reasons = flag_milestones(call_date, milestones, target_date)
    dated = [(m, r) for m, r in zip(milestones, reasons) if m.date is not None]
    all_dates = [call_date] + [m.date for m, _ in dated] + ([target_date] if target_date else [])
    start, end = min(all_dates), max(all_dates)
    span = end.toordinal() - start.toordinal()
    x0, x1 = MARGIN, WIDTH - MARGIN
    scale = (x1 - x0) / span if span else 0.0

    def x_of(d: date) -> float:
        return round(x0 + (d.toordinal() - start.toordinal()) * scale, 1)

    def point(kind: str, d: date, head: str, owner: str | None = None, reason: str = "") -> dict:
        day = short_date(d, call_date)
        sub = day + (f" · {owner}" if owner else "")
        lines = (head, sub) + ((f"⚠ {reason}",) if reason else ())
        return dict(kind=kind, x=x_of(d), day=day, owner=owner, lines=lines,
                    flagged=bool(reason), reason=reason)

    points = [point("call", call_date, "Call")]
    points += [point("milestone", m.date, _short(m.step), m.owner, reason)
               for m, reason in sorted(dated, key=lambda p: p[0].date)]
    if target_date:
        points.append(point("target", target_date, "Target"))
    placed = _stagger(sorted(points, key=lambda p: p["x"]))

    max_lines = max(len(p["lines"]) for p in placed)
    row_h = max_lines * LINE_H + ROW_GAP
    n_rows = max(p["row"] for p in placed) + 1
    axis_y = 8.0 + max_lines * LINE_H + (n_rows - 1) * row_h + LABEL_CLEAR
    marks = []
    for p in placed:
        bottom = axis_y - LABEL_CLEAR - p["row"] * row_h
        label_y = bottom - (len(p["lines"]) - 1) * LINE_H - 3
        marks.append(Mark(label_y=round(label_y, 1), leader_top=round(bottom, 1), **p))

    tick_y = axis_y + 20
    note = "" if target_date else ("target has no date" if target else "no target date")
    note_y = tick_y + (20 if note else 0)
    undated = tuple(Undated(_short(m.step), m.date_text, m.owner)
                    for m in milestones if m.date is None)
    undated_y = note_y + 24
    height = (undated_y + LINE_H * len(undated) + 10) if undated else note_y + 12
    return TimelineLayout(WIDTH, round(height, 1), x0, x1, round(axis_y, 1), round(tick_y, 1),
                          tuple(marks), _ticks(start, span, scale, x0), note, round(note_y, 1),
                          undated, round(undated_y, 1))
