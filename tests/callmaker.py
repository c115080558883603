"""Small helper for detector tests: write a short call file and score it.

`make_call(tmp_path, lines, ...)` writes either
- a plain-text call (`fmt="txt"`): YAML front matter, then one `Speaker: text` line per entry
  of `lines` (strings are written verbatim, so `[pause]` marker lines and `[mm:ss]` stamps
  pass through), or
- a Zoom-style WebVTT call (`fmt="vtt"`) from `(speaker, start, end, text)` tuples, with a
  sidecar `NAME.meta.yaml` holding the metadata.

`score(path)` loads and analyzes the call and returns the Scorecard.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from analyzer.engine import analyze
from analyzer.ingest import load_call

_counter = itertools.count(1)
_LABEL = re.compile(r"^\s*(?:\[[0-9:]+\]\s*)?[^:\[\]()]+?(?:\s*\([^)]*\))?:\s*")


def _meta(call_id: str, rep: str, call_date: str, team) -> str:
    out = [f"call_id: {call_id}", f"rep: {rep}", f"call_date: {call_date}",
           "account: Test Account"]
    if team:
        names = [team] if isinstance(team, str) else list(team)
        out.append("team: [" + ", ".join(names) + "]")
    return "\n".join(out) + "\n"


def _ts(seconds: float) -> str:
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"


def make_call(tmp_path: Path, lines, rep: str = "Dana", call_date: str = "2026-03-02",
              team=None, fmt: str = "txt") -> Path:
    n = next(_counter)
    call_id = f"t{n:03d}"
    if fmt == "txt":
        body = "\n".join(lines) + "\n"
        path = Path(tmp_path) / f"{call_id}.txt"
        path.write_text("---\n" + _meta(call_id, rep, call_date, team) + "---\n" + body,
                        encoding="utf-8")
        return path
    if fmt == "vtt":
        cues = ["WEBVTT", ""]
        for i, (speaker, start, end, text) in enumerate(lines, 1):
            cues += [str(i), f"{_ts(start)} --> {_ts(end)}", f"{speaker}: {text}", ""]
        path = Path(tmp_path) / f"{call_id}.vtt"
        path.write_text("\n".join(cues), encoding="utf-8")
        (Path(tmp_path) / f"{call_id}.meta.yaml").write_text(
            _meta(call_id, rep, call_date, team), encoding="utf-8")
        return path
    raise ValueError(f"unknown fmt {fmt!r}")


def score(path: Path):
    return analyze(load_call(path))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def spoken_text(lines) -> str:
    """All spoken text of a call as written by make_call (labels, stamps and markers removed),
    whitespace-normalised and lowercased, for evidence substring checks."""
    parts = []
    for line in lines:
        text = line[3] if isinstance(line, tuple) else _LABEL.sub("", line, count=1)
        parts.append(text)
    return _norm(" \n ".join(parts))


def quote_in_call(quote: str, lines) -> bool:
    q = _norm(quote)
    if not q:
        return False
    if q in spoken_text(lines):
        return True
    # a quote may span one speaker's consecutive lines or cues; check turn by turn too
    return any(q in _norm(line[3] if isinstance(line, tuple) else line) for line in lines)
