"""Spreadsheet / BI exports of stored calls: one row per call, or one row per finding.

CSV is UTF-8 with a byte-order mark (so Excel reads quotes with accents and dashes correctly),
no index column, ISO dates; Parquet keeps types (dates, integers, booleans) via pyarrow.
Item statuses and scores are effective: a manager override replaces the analyzer's verdict
and the score is recomputed; the `overridden` and `machine_score` columns (calls) and the
`machine_status`, `overridden`, `override_note` columns (findings) keep the analyzer's.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pandas as pd

from .rubric import Rubric
from .store import StoredCall
from .weekly import calls_frame, findings_frame

FORMATS = ("csv", "parquet")
KINDS = ("calls", "findings")


def export_frame(calls: Sequence[StoredCall], kind: str = "calls",
                 rubric: Rubric | None = None) -> pd.DataFrame:
    """`rubric` gives the weights of scores recomputed after overrides (default: built-in)."""
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}; use 'calls' or 'findings'")
    return calls_frame(calls, rubric) if kind == "calls" else findings_frame(calls)


def export(calls: Sequence[StoredCall], fmt: str, out_path: str | Path,
           kind: str = "calls", rubric: Rubric | None = None) -> Path:
    """Write the calls (or their findings) to out_path as csv or parquet; returns the path."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use 'csv' or 'parquet'")
    return write_frame(export_frame(calls, kind, rubric), fmt, out_path)


def write_frame(frame: pd.DataFrame, fmt: str, out_path: str | Path) -> Path:
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig", date_format="%Y-%m-%d")
    else:
        frame.to_parquet(path, index=False, engine="pyarrow")
    return path


COMMENT_COLUMNS = ("call_id", "rep", "account", "week", "author", "role", "body", "at_s",
                   "created_at", "read_at")


def comments_frame(rows: Sequence[dict]) -> pd.DataFrame:
    """The coaching notes and replies of the calls (comments.export_rows), one row each."""
    return pd.DataFrame(list(rows), columns=list(COMMENT_COLUMNS))
