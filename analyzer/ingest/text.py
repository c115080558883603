"""Plain-text transcripts (.txt, .md): `Speaker: text` lines or paragraphs, and Otter.ai exports.

Plain text: optional `[mm:ss]` / `[hh:mm:ss]` stamp, then `Speaker (Role): text`. Lines
without a speaker prefix (and lone markers such as `[pause]`) continue the previous turn.

Otter.ai: a header line `Name  0:05` or `Name  1:02:05` (two or more spaces before the stamp)
followed by the text on the next line(s); lines before the first header are ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.model import InputError, Turn

from . import markers, meta, roles

_STAMP = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?"
_WORD = r"[^\W\d_][\w.'’&-]*|\d+"
_SPEAKER_LINE = re.compile(
    rf"^\s*(?:\[(?P<ts>{_STAMP})\]\s*)?"
    rf"(?P<label>(?:{_WORD})(?: (?:{_WORD})){{0,3}}(?:\s*\([^()\n]{{1,30}}\))?)"
    r"\s*:(?:\s+(?P<text>.*))?$")
_STAMPED_TEXT = re.compile(rf"^\s*\[(?P<ts>{_STAMP})\]\s*(?P<text>.*)$")
_OTTER_HEADER = re.compile(rf"^(?P<label>\S(?:.{{0,40}}?\S)?) {{2,}}(?P<ts>{_STAMP})\s*$")
_NAME_PARTICLES = {"de", "da", "del", "der", "di", "du", "la", "le", "van", "von", "bin", "al"}


@dataclass
class _Draft:
    label: str
    start: float | None
    parts: list[str] = field(default_factory=list)


def parse(path: Path, text: str, overrides: dict | None = None):
    """Parse a .txt/.md call file into a Transcript."""
    front, body = meta.split_front_matter(path, text)
    lines = body.splitlines()
    if _is_otter(lines):
        drafts, fmt = _otter_drafts(lines), "otter"
    else:
        rep = front.values.get("rep") if front else None
        drafts, fmt = _plain_drafts(lines, rep), "text"
    turns = _to_turns(drafts)
    if not turns:
        raise InputError(path, "no turns found: expected lines like 'Speaker: text' "
                               "(or an Otter.ai export with 'Name  0:05' headers)")
    fields = meta.resolve(path, front, overrides)
    return roles.finish(path, fmt, turns, fields)


def parse_stamp(stamp: str) -> float:
    """'01:02:05' / '2:05' / '2:05.5' -> seconds."""
    secs = 0.0
    for part in stamp.replace(",", ".").split(":"):
        secs = secs * 60 + float(part)
    return secs


def _is_otter(lines: list[str]) -> bool:
    headers = [ln for ln in lines if _OTTER_HEADER.match(ln)]
    speaker_lines = sum(1 for ln in lines if _SPEAKER_LINE.match(ln))
    first = next((ln for ln in lines if ln.strip()), "")
    return bool(headers) and (len(headers) >= 2 or bool(_OTTER_HEADER.match(first))) \
        and len(headers) > speaker_lines


def _otter_drafts(lines: list[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for ln in lines:
        m = _OTTER_HEADER.match(ln)
        if m:
            drafts.append(_Draft(m["label"], parse_stamp(m["ts"])))
        elif drafts and ln.strip():
            drafts[-1].parts.append(ln.strip())
    return drafts


def speaker_prefix(line: str, known: set[str]) -> tuple[str, str] | None:
    """(label, rest) when `line` starts with a speaker label and ': ' (subtitle cue text)."""
    m = _SPEAKER_LINE.match(line)
    if m and not m["ts"] and _looks_like_label(m["label"], known):
        return m["label"], m["text"] or ""
    return None


def _looks_like_label(label: str, known: set[str]) -> bool:
    """A new speaker label: capitalised words (names, 'Speaker 1'), or one already seen."""
    name = roles.split_label(label)[0]
    if roles.norm(name) in known:
        return True
    words = name.split()
    return words[0][0].isupper() and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_PARTICLES for w in words)


_LABEL_AT_START = re.compile(r"^\s*(?:\[[\d:.,]+\]\s*)?([^\W\d][\w'.-]*(?: [\w'.-]+){0,2}):\s")


def recurring_labels(bodies) -> set[str]:
    """Labels that open two or more lines or cues are speakers, even lowercase ones from raw
    ASR ("paula: hi omar…"); a one-off "note:" is not."""
    seen: dict[str, int] = {}
    for body in bodies:
        m = _LABEL_AT_START.match(body)
        if m:
            key = roles.norm(m.group(1))
            seen[key] = seen.get(key, 0) + 1
    return {k for k, n in seen.items() if n >= 2}


def _plain_drafts(lines: list[str], rep: object) -> list[_Draft]:
    known = ({roles.norm(str(rep))} if rep else set()) | recurring_labels(lines)
    paragraphs = _uses_paragraphs(lines)
    drafts: list[_Draft] = []
    for i, ln in enumerate(lines):
        if not ln.strip():
            continue
        m = _SPEAKER_LINE.match(ln)
        starts_paragraph = i == 0 or not lines[i - 1].strip()
        if m and (m["ts"] or _looks_like_label(m["label"], known)) and (
                not paragraphs or starts_paragraph or roles.norm(m["label"]) in known):
            known.add(roles.norm(m["label"]))
            start = parse_stamp(m["ts"]) if m["ts"] else None
            drafts.append(_Draft(m["label"], start, [m["text"] or ""]))
        elif drafts:
            s = _STAMPED_TEXT.match(ln)  # a stamped line with no speaker: same speaker
            drafts[-1].parts.append(s["text"] if s else ln.strip())
    return drafts


def _uses_paragraphs(lines: list[str]) -> bool:
    """True when turns are separated by blank lines (so a 'Word:' inside one is text)."""
    starts = [i for i, ln in enumerate(lines) if i and (m := _SPEAKER_LINE.match(ln))
              and _looks_like_label(m["label"], set())]
    blank_before = sum(1 for i in starts if not lines[i - 1].strip())
    return bool(starts) and blank_before >= 0.6 * len(starts)


def _to_turns(drafts: list[_Draft]) -> list[Turn]:
    turns = []
    for d in drafts:
        text, pauses = markers.clean(" ".join(p for p in d.parts if p))
        if not text:
            continue
        speaker, note = roles.split_label(d.label)
        turns.append(Turn(index=len(turns), speaker=speaker, role="buyer", text=text,
                          start=d.start, pauses=pauses, label_note=note))
    # Start stamps only: a turn's end is unknown (the next stamp may follow a long silence),
    # so no gap is ever measured from these files.
    return turns
