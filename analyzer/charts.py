"""Small matplotlib charts as SVG text, ready to embed inline in an HTML report.

Deterministic (fixed hash salt, no date, no creator metadata, the bundled DejaVu font for
layout) so golden files are stable; text stays text (svg.fonttype none) and falls back to the
page's sans-serif. Element ids are prefixed per chart so several charts can share a page, and the
XML prologue and namespace declarations are dropped: the output holds no http(s) reference.
Colours: the Okabe-Ito colour-blind-safe palette; the heatmap uses ColorBrewer's RdYlBu
(colour-blind safe) in five bands, with every cell also labelled. No pyplot: each chart is a bare
Figure drawn by matplotlib's own SVG backend, so there is no GUI backend, no global figure list
and no network or font download.
"""
from __future__ import annotations

import html
import io
import math
import re
import textwrap
from typing import Sequence

from matplotlib import colormaps, rc_context
from matplotlib.colors import BoundaryNorm, to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .presentation import pct, whole

REP = "#0072B2"   # Okabe-Ito blue
TEAM = "#E69F00"  # Okabe-Ito orange
INK, MUTED, GRID = "#1b2430", "#4f5b6b", "#d9dee5"
HEAT_CMAP = "RdYlBu"
HEAT_BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
RC = {
    "svg.fonttype": "none", "svg.hashsalt": "callreview", "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial"], "font.size": 9,
    "text.parse_math": False, "text.color": INK, "axes.labelcolor": MUTED,
    "axes.edgecolor": "#8a95a5", "axes.titlesize": 10.5, "axes.titleweight": "bold",
    "axes.titlelocation": "left", "xtick.color": MUTED, "ytick.color": MUTED,
    "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False,
    "figure.dpi": 72, "path.simplify": False, "hatch.linewidth": 0.6,
}
_DROP = re.compile(r'<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|\s+xmlns(:\w+)?="[^"]*"')


def _svg(fig, name: str) -> str:
    """The figure as an inline SVG fragment, ids prefixed with `name`."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None,
                                             "Type": None})
    text = _DROP.sub("", buf.getvalue()).replace("<style type=\"text/css\">*{",
                                                 "<style type=\"text/css\">.chart-svg *{")
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r'url\(#([^)]+)\)', rf'url(#{name}-\1)', text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{name}-\1"', text)
    return re.sub(r"<svg ([^>]*)>", lambda m: (
        f'<svg class="chart-svg" role="img" aria-labelledby="{name}-title" {m.group(1)}>'
        f'<title id="{name}-title">{html.escape(fig.get_label())}</title>'), text, count=1).strip() + "\n"


def _figure(label: str, size: tuple[float, float]):
    fig = Figure(figsize=size, layout="constrained")  # no pyplot: no global state
    ax = fig.subplots()
    fig.set_label(label)
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


def _pct_axis(axis) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _: pct(v)))


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def week_labels(weeks: Sequence[str], most: int = 12) -> list[str]:
    """'2026-W15' -> 'W15', with the year under the first label and wherever it changes;
    past `most` weeks only every n-th label is kept (the latest always is)."""
    step = max(1, math.ceil(len(weeks) / most))
    labels, year = [], None
    for i, week in enumerate(weeks):
        y, _, w = week.partition("-")
        shown = (len(weeks) - 1 - i) % step == 0
        labels.append((f"{w}\n{y}" if y != year else w) if shown else "")
        if shown:
            year = y
    return labels


def score_trend(weeks: Sequence[str], rep: Sequence[float | None], team: Sequence[float | None],
                rep_name: str) -> str:
    """Mean score per week, the rep against the team."""
    with rc_context(RC):
        fig, ax = _figure(f"Score trend: {rep_name} against the team, by week", (6.4, 2.6))
        x = range(len(weeks))
        ax.plot(x, _nan(team), color=TEAM, linestyle="--", marker="s", markersize=5,
                linewidth=1.6, label="Team mean")
        ax.plot(x, _nan(rep), color=REP, marker="o", markersize=6, linewidth=2.2,
                label=f"{rep_name} mean")
        for i, (v, t) in enumerate(zip(_nan(rep), _nan(team))):
            if not math.isnan(v):  # label above the rep's point, below when the team's is higher
                below = not math.isnan(t) and t > v
                ax.annotate(whole(v), (i, v), textcoords="offset points",
                            xytext=(0, -14 if below else 7), ha="center", color=REP,
                            fontweight="bold", fontsize=8.5)
        ax.set_xticks(list(x), week_labels(weeks))
        ax.set_xlim(-0.5, len(weeks) - 0.5)
        ax.set_ylim(0, 108)
        ax.set_yticks(range(0, 101, 25))
        ax.set_ylabel("Mean score (0–100)")
        ax.set_xlabel("ISO week")
        ax.set_title("Mean score per week")
        fig.legend(loc="outside lower center", ncols=2, fontsize=8.5)
        return _svg(fig, "trend")


def hit_rate_bars(titles: Sequence[str], rep: Sequence[float | None],
                  team: Sequence[float | None], rep_name: str) -> str:
    """Per-item hit rate, rep bars beside team bars, items top to bottom in rubric order."""
    with rc_context(RC):
        fig, ax = _figure(f"Checklist hit rates: {rep_name} against the team", (6.4, 0.5 * len(titles) + 1.1))
        y = [len(titles) - 1 - i for i in range(len(titles))]
        h = 0.38
        ax.barh([v + h / 2 for v in y], _nan(rep), height=h, color=REP, label=rep_name)
        ax.barh([v - h / 2 for v in y], _nan(team), height=h, color=TEAM, label="Team",
                hatch="//", edgecolor="white", linewidth=0)
        for v, r in zip(y, rep):
            if r is not None and not math.isnan(r):
                ax.text(r + 0.01, v + h / 2, pct(r), va="center", fontsize=8, color=INK)
        ax.set_yticks(y, [textwrap.fill(t, 34) for t in titles])
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, 1.08)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        _pct_axis(ax.xaxis)
        ax.grid(False, axis="y")
        ax.set_xlabel("Hit rate (pass = 1, partial = ½)")
        ax.set_title("Hit rate per checklist item")
        fig.legend(loc="outside lower center", ncols=2, fontsize=8.5)
        return _svg(fig, "rates")


def heatmap(reps: Sequence[str], titles: Sequence[str],
            rates: Sequence[Sequence[float | None]]) -> str:
    """Reps (rows) by checklist items (columns), each cell the rep's hit rate, annotated.
    Five colour bands (vector cells and colour bar: no raster image in the SVG)."""
    with rc_context(RC):
        fig, ax = _figure("Hit rate per rep and checklist item", (7.6, 0.42 * len(reps) + 1.9))
        ax.grid(False)
        data = [_nan(row) for row in rates]
        cmap = colormaps[HEAT_CMAP].resampled(len(HEAT_BANDS) - 1).with_extremes(bad="#eef1f5")
        norm = BoundaryNorm(HEAT_BANDS, cmap.N)
        mesh = ax.pcolormesh(data, cmap=cmap, norm=norm, edgecolors="white", linewidth=2)
        for r, row in enumerate(data):
            for c, v in enumerate(row):
                ax.text(c + 0.5, r + 0.5, pct(v), ha="center", va="center", fontsize=8.5,
                        color=INK if math.isnan(v) or _light(cmap(norm(v))) else "white")
        ax.set_xticks([c + 0.5 for c in range(len(titles))],
                      [textwrap.fill(t, 14) for t in titles], fontsize=7.5)
        ax.set_yticks([r + 0.5 for r in range(len(reps))], list(reps))
        ax.invert_yaxis()
        ax.tick_params(length=0)
        ax.xaxis.tick_top()
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        bar = fig.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02, ticks=HEAT_BANDS)
        _pct_axis(bar.ax.yaxis)
        bar.outline.set_visible(False)
        bar.set_label("Hit rate")
        ax.set_title("Hit rate by rep and checklist item", pad=8)
        return _svg(fig, "heatmap")


def _light(rgba) -> bool:
    r, g, b = to_rgb(rgba)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45


def score_histogram(scores: Sequence[int], mean: float | None = None) -> str:
    """Calls per 10-point score band this week, with the team mean marked."""
    with rc_context(RC):
        fig, ax = _figure("Distribution of call scores this week", (6.4, 2.5))
        ax.hist(list(scores), bins=range(0, 101, 10), color=REP, edgecolor="white", linewidth=1)
        if mean is not None:
            ax.axvline(mean, color=TEAM, linestyle="--", linewidth=2, label=f"Team mean {whole(mean)}")
            ax.legend(loc="lower right", bbox_to_anchor=(1, 1.02), fontsize=8.5, borderaxespad=0)
        ax.set_xlim(0, 100)
        ax.set_xticks(range(0, 101, 10))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(False, axis="x")
        ax.set_xlabel("Call score")
        ax.set_ylabel("Calls")
        ax.set_title("Calls per score band")
        return _svg(fig, "scores")
