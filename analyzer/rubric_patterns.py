"""The cue patterns a rubric sets, compiled when it loads.

A pattern is any string in a list under an item's or pitfall's `params`, or under
`facts.path` / `facts.ask` (one level of mapping deeper too, as in `facts.path.steps`, and
under `extend`). Each
is compiled alone and each list as the one alternation the detectors build (analyzer.cues),
so a bad regular expression is reported with its key and the reason, not found later by
every call that then fails.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from .cues import compile_cues


def pattern_problems(data: dict[str, Any]) -> list[str]:
    """'key: reason' for every pattern (and every list of patterns) that does not compile."""
    problems = []
    for key, values in _pattern_lists(data):
        patterns = {i: v for i, v in enumerate(values) if isinstance(v, str)}
        bad = False
        for i, pattern in patterns.items():
            reason = _reason(pattern)
            if reason:
                bad = True
                problems.append(f"{key}[{i}]: invalid regular expression {pattern!r}: {reason}")
        if patterns and not bad:
            try:
                compile_cues(tuple(patterns.values()))
            except re.error as exc:
                problems.append(f"{key}: these patterns do not work together: {exc.msg}")
    return problems


def _reason(pattern: str) -> str | None:
    """Why `pattern` does not compile, alone (the position is in the pattern) or as a cue."""
    try:
        re.compile(pattern, re.I)
    except re.error as exc:
        return str(exc)
    try:
        compile_cues((pattern,))
    except re.error as exc:
        return f"{exc.msg} (it is used inside a larger expression)"
    return None


def _pattern_lists(data: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    for section in ("items", "pitfalls"):
        for name, spec in _mapping(data.get(section)).items():
            yield from _lists(_mapping(_mapping(spec).get("params")), f"{section}.{name}.params")
    facts = _mapping(data.get("facts"))
    for name in ("path", "ask"):
        yield from _lists(_mapping(facts.get(name)), f"facts.{name}")


def _lists(params: dict[str, Any], where: str, depth: int = 0) -> Iterator[tuple[str, list[Any]]]:
    for key, value in params.items():
        if isinstance(value, list):
            yield f"{where}.{key}", value
        elif key == "extend" and isinstance(value, dict):  # lists added to the defaults
            yield from _lists(value, f"{where}.{key}", depth)
        elif isinstance(value, dict) and depth == 0:
            yield from _lists(value, f"{where}.{key}", 1)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
