"""Call metadata: front matter, sidecar `NAME.meta.yaml`, a JSON "meta" object, overrides.

Precedence: overrides (command line) > in-file (front matter / JSON meta) > sidecar > defaults.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analyzer.model import CallMeta, InputError

from .encoding import read_text

MOMENTS = ("post_demo", "proposal_review", "final_decision", "renewal_expansion")
KEYS = ("call_id", "rep", "call_date", "account", "moment", "team", "rep_channel")
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings, so a bad date gets our own error message."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@dataclass
class MetaSource:
    """Raw metadata from one place, with the line each key sits on (for error messages)."""

    path: str
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def parse_yaml(path: Path | str, text: str, first_line: int = 1) -> MetaSource:
    """Parse a YAML mapping; `first_line` is the file line the text starts on."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = first_line + mark.line if mark else None
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise InputError(path, f"bad YAML metadata: {problem}", line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(path, "metadata must be a YAML mapping of key: value lines", first_line)
    lines = {}
    for i, row in enumerate(text.splitlines()):
        m = re.match(r"(\w+)\s*:", row)
        if m and m.group(1) in KEYS:
            lines.setdefault(m.group(1), first_line + i)
    return MetaSource(str(path), {str(k): v for k, v in data.items()}, lines)


def split_front_matter(path: Path, text: str) -> tuple[MetaSource | None, str]:
    """Split `---` YAML front matter off `text`: (meta or None, body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            meta = parse_yaml(path, "".join(lines[1:i]), first_line=2)
            return meta, "".join(lines[i + 1:])
    raise InputError(path, "front matter opened with '---' on line 1 is never closed "
                           "with a second '---' line", 1)


def sidecar_for(path: Path) -> Path | None:
    """`x.meta.yaml` beside `x.vtt` (or `x.meta.yml`), if present."""
    for suffix in SIDECAR_SUFFIXES:
        side = path.with_name(path.stem + suffix)
        if side.is_file():
            return side
    return None


def read_sidecar(path: Path) -> MetaSource | None:
    side = sidecar_for(path)
    if side is None:
        return None
    return parse_yaml(side, read_text(side).text)


def json_meta_lines(text: str) -> dict[str, int]:
    """Best-effort line numbers of metadata keys in a JSON file."""
    lines = {}
    for i, row in enumerate(text.splitlines(), 1):
        for key in KEYS:
            if f'"{key}"' in row:
                lines.setdefault(key, i)
    return lines


def resolve(path: Path, in_file: MetaSource | None, overrides: dict | None = None,
            defaults: dict | None = None) -> dict[str, Any]:
    """Merge and validate metadata; returns CallMeta fields (rep may be None)."""
    sources = [MetaSource(str(path), dict(defaults or {})), read_sidecar(path), in_file,
               MetaSource("command line", dict(overrides or {}))]
    merged: dict[str, tuple[Any, MetaSource]] = {}
    for src in filter(None, sources):
        for key, value in src.values.items():
            if key in KEYS and value is not None and value != ():  # empty keys don't override
                merged[key] = (value, src)

    def fail(key: str, message: str):
        src = merged[key][1]
        if src.path == "command line":
            raise InputError(path, f"--{key.replace('_', '-')}: {message}")
        raise InputError(src.path, message, src.lines.get(key))

    out: dict[str, Any] = {"call_id": path.stem, "rep": None, "account": None, "moment": None,
                           "team": (), "rep_channel": None}
    for key, (value, _) in merged.items():
        if key == "call_date":
            out[key] = _to_date(value, lambda m: fail(key, m))
        elif key == "team":
            out[key] = _to_team(value, lambda m: fail(key, m))
        elif key == "moment":
            out[key] = _to_moment(value, lambda m: fail(key, m))
        elif key == "rep_channel":
            chan = str(value).strip().lower() if value not in (None, "") else None
            if chan not in (None, "left", "right"):
                fail(key, f"rep_channel must be 'left' or 'right', not {value!r}")
            out[key] = chan
        elif value is not None and str(value).strip():
            out[key] = " ".join(str(value).split())
    if out.get("call_date") is None:
        raise InputError(path, "no call_date (YYYY-MM-DD): add it to the YAML front matter, "
                               f"a sidecar {path.stem}.meta.yaml, a JSON \"meta\" object, "
                               "or pass --call-date")
    return out


def make_meta(fields: dict[str, Any], rep: str) -> CallMeta:
    return CallMeta(call_id=fields["call_id"], rep=rep, call_date=fields["call_date"],
                    account=fields["account"], moment=fields["moment"], team=fields["team"],
                    rep_channel=fields["rep_channel"])


def _to_date(value: Any, fail) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)(?:[T ].*)?", text)  # a date, or an ISO timestamp
    if m:
        try:
            return dt.date.fromisoformat(m.group(1))
        except ValueError:
            pass
    fail(f"call_date {text!r} is not a valid ISO date (YYYY-MM-DD)")


def _to_team(value: Any, fail) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        fail("team must be a list of speaker names or a comma-separated string")
    return tuple(" ".join(str(v).split()) for v in value if v is not None and str(v).strip())


def _to_moment(value: Any, fail) -> str | None:
    if value is None or not str(value).strip():
        return None
    moment = re.sub(r"[\s-]+", "_", str(value).strip().lower())
    if moment not in MOMENTS:
        fail(f"moment {value!r} is not one of {', '.join(MOMENTS)}")
    return moment
