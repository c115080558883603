"""A speaker timeline supplied beside a mono recording: `NAME.turns.json` or `NAME.rttm`.

turns.json: a list (or {"turns": [...]}) of {"speaker", "start", "end"} in seconds.
RTTM (diarization output): `SPEAKER <file> <channel> <onset> <duration> <NA> <NA> <name> ...`.
"""
from __future__ import annotations

import json
from pathlib import Path

from analyzer.model import InputError

from .turns import Span

SUFFIXES = (".turns.json", ".rttm")


def find(audio: Path) -> Path | None:
    for suffix in SUFFIXES:
        side = audio.with_name(audio.stem + suffix)
        if side.is_file():
            return side
    return None


def read(path: Path) -> list[Span]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot read speaker timeline: {e}") from None
    spans = _rttm(path, text) if path.suffix == ".rttm" else _json(path, text)
    if not spans:
        raise InputError(path, "speaker timeline has no turns")
    return sorted(spans, key=lambda s: s.start)


def _rttm(path: Path, text: str) -> list[Span]:
    spans = []
    for n, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields or fields[0] != "SPEAKER":
            continue
        try:
            onset, duration, name = float(fields[3]), float(fields[4]), fields[7]
        except (IndexError, ValueError):
            raise InputError(path, "bad RTTM line: expected 'SPEAKER file channel onset "
                                   "duration <NA> <NA> name <NA> <NA>'", n) from None
        spans.append(Span(name, onset, onset + duration))
    return spans


def _json(path: Path, text: str) -> list[Span]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(path, f"invalid JSON: {e.msg}", e.lineno) from None
    items = data.get("turns") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(path, 'speaker timeline must be a list of {"speaker", "start", "end"}')
    spans = []
    for i, item in enumerate(items, 1):
        try:
            speaker, start, end = str(item["speaker"]).strip(), float(item["start"]), float(item["end"])
        except (KeyError, TypeError, ValueError):
            raise InputError(path, f'turn {i} needs "speaker", "start" and "end" (seconds)') from None
        if not speaker or end < start:
            raise InputError(path, f"turn {i}: empty speaker or end before start")
        spans.append(Span(speaker, start, end))
    return spans
