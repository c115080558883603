"""Subtitle transcripts: WebVTT (webvtt-py) and SubRip (srt).

The speaker is a Teams voice tag `<v Name>text</v>` or a Zoom/SRT `Name: text` prefix; a cue
without one continues the previous speaker. Cues are sorted by start time and consecutive cues
of one speaker merge into one Turn that keeps one Segment per cue.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from pathlib import Path

import srt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from analyzer.model import InputError, Segment, Turn, Word

from . import markers, meta, roles, text as plain


@dataclass(frozen=True)
class Cue:
    speaker: str | None
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()


def parse_vtt(path: Path, source: str, overrides: dict | None = None):
    try:
        captions = webvtt.from_string(source, strict=True)
    except MalformedFileError:
        raise InputError(path, "not a WebVTT file: the first line must be 'WEBVTT'", 1) from None
    except MalformedCaptionError as e:
        raise InputError(path, "malformed WebVTT cue (check its timestamps "
                               "'00:01:02.000 --> 00:01:05.000' and the blank line before it)",
                         _vtt_error_line(source, e)) from None
    known = plain.recurring_labels(" ".join(c.text.split("\n")) for c in captions if c.voice is None)
    cues = []
    for c in captions:
        body = " ".join(c.text.split("\n"))
        speaker = c.voice
        if speaker is None:
            speaker, body = _split_speaker(body, known)
        cues.append(Cue(speaker, c.start_time.in_milliseconds() / 1000,
                        c.end_time.in_milliseconds() / 1000, body))
    return _finish(path, "vtt", cues, overrides)


def parse_srt(path: Path, source: str, overrides: dict | None = None):
    try:
        subs = list(srt.parse(source))
    except srt.SRTParseError as e:
        skipped = len(e.unmatched_content) - len(e.unmatched_content.lstrip("\r\n"))
        line = source.count("\n", 0, e.expected_start + skipped) + 1
        raise InputError(path, "malformed SubRip cue: expected a number, a line "
                               "'00:01:02,000 --> 00:01:05,000', then the text", line) from None
    known = plain.recurring_labels(" ".join(s.content.splitlines()) for s in subs)
    cues = []
    for s in subs:
        speaker, body = _split_speaker(" ".join(s.content.splitlines()), known)
        cues.append(Cue(speaker, s.start.total_seconds(), s.end.total_seconds(), body))
    return _finish(path, "srt", cues, overrides)


def merge_cues(cues: list[Cue]) -> list[Turn]:
    """Consecutive cues of one speaker -> one Turn with a Segment per cue (cues pre-sorted)."""
    turns: list[Turn] = []
    speaker = "Unknown"
    for cue in cues:
        text, pauses = markers.clean(cue.text)
        last = turns[-1] if turns else None
        if not text:  # a lone [pause] cue: a pause at the end of the current turn
            if pauses and last is not None:
                turns[-1] = replace(last, pauses=tuple(sorted({*last.pauses, len(last.text)})))
            continue
        speaker = cue.speaker or speaker
        name, note = roles.split_label(speaker)
        if last is not None and last.speaker == name:
            offset = len(last.text) + 1
            turns[-1] = replace(
                last, text=f"{last.text} {text}", end=cue.end, words=last.words + cue.words,
                pauses=last.pauses + tuple(offset + p for p in pauses),
                segments=last.segments + (Segment(offset, offset + len(text), cue.start,
                                                  cue.end),))
        else:
            turns.append(Turn(index=len(turns), speaker=name, role="buyer", text=text,
                              start=cue.start, end=cue.end, pauses=pauses, words=cue.words,
                              segments=(Segment(0, len(text), cue.start, cue.end),),
                              label_note=note))
    return turns


def _finish(path: Path, fmt: str, cues: list[Cue], overrides: dict | None):
    if not cues:
        raise InputError(path, f"no turns found: the {fmt.upper()} file has no cues")
    turns = merge_cues(sorted(cues, key=lambda c: (c.start, c.end)))
    if not turns:
        raise InputError(path, f"no turns found: every {fmt.upper()} cue is empty")
    fields = meta.resolve(path, None, overrides)
    return roles.finish(path, fmt, turns, fields)


def _split_speaker(body: str, known: set[str]) -> tuple[str | None, str]:
    found = plain.speaker_prefix(body, known)
    if found is None:
        return None, body
    known.add(roles.norm(found[0]))
    return found


def _vtt_error_line(source: str, error: Exception) -> int | None:
    """Line of the cue block quoted in webvtt-py's message ("Invalid cue block [...]")."""
    m = re.search(r"(\[.*\])\s*$", str(error), re.DOTALL)
    try:
        block = ast.literal_eval(m.group(1)) if m else None
    except (ValueError, SyntaxError):
        block = None
    lines = [ln.strip() for ln in source.split("\n")]
    if block:
        block = [ln.strip() for ln in block]
        for i in range(len(lines)):
            if lines[i:i + len(block)] == block:
                return i + 1
    for i, ln in enumerate(lines, 1):  # fall back to the first cue timing line
        if "-->" in ln:
            return i
    return None
