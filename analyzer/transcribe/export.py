"""Write an audio Transcript as a file people can correct by hand and score again.

json: `{"meta": {...}, "turns": [{"speaker", "start", "end", "text"}]}` (the JSON turn list).
vtt: Zoom-style WebVTT, `Name: text` cues; consecutive cues of one speaker merge back into one
turn and keep their timing. txt: YAML front matter, then `[mm:ss] Name: text` lines.
A turn is cut where SPLIT_S of silence falls inside it, so a correction keeps that pause
measurable; txt marks silences of PAUSE_S or more with `[pause N.N s]`.
"""
from __future__ import annotations

import json
from typing import Iterator

import yaml

from analyzer.model import Transcript, Turn, Word

FORMATS = ("json", "vtt", "txt")
SPLIT_S = 1.0
PAUSE_S = 2.0  # the rubric's default pause threshold
CUE_MAX_S = 8.0  # vtt: start a new cue after a sentence once a cue is this long


def render(transcript: Transcript, fmt: str, unknown_date=None) -> str:
    meta = _meta(transcript, unknown_date)
    if fmt == "json":
        return json.dumps({"meta": meta, "turns": [
            {"speaker": t.speaker, "start": p[0].start, "end": p[-1].end, "text": _text(p)}
            for t in transcript.turns for p in _pieces(t, SPLIT_S)]}, indent=2) + "\n"
    if fmt == "vtt":
        return _vtt(transcript)
    if fmt == "txt":
        return _txt(transcript, meta)
    raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")


def _meta(transcript: Transcript, unknown_date) -> dict:
    m = transcript.meta
    out = {"call_id": m.call_id, "rep": m.rep,
           "call_date": None if m.call_date == unknown_date else m.call_date.isoformat(),
           "account": m.account, "moment": m.moment, "team": list(m.team) or None,
           "rep_channel": m.rep_channel}
    return {k: v for k, v in out.items() if v not in (None, "")}


def _pieces(turn: Turn, split_s: float) -> Iterator[list[Word]]:
    """The turn's words, cut wherever `split_s` of silence falls between two of them."""
    piece: list[Word] = []
    for w in turn.words:
        if piece and w.start - piece[-1].end >= split_s:
            yield piece
            piece = []
        piece.append(w)
    if piece:
        yield piece


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _vtt(transcript: Transcript) -> str:
    cues = []
    for t in transcript.turns:
        for piece in _pieces(t, SPLIT_S):
            cue: list[Word] = []
            for w in piece:
                cue.append(w)
                if w.text.endswith((".", "?", "!")) and w.end - cue[0].start >= CUE_MAX_S:
                    cues.append((t.speaker, cue))
                    cue = []
            if cue:
                cues.append((t.speaker, cue))
    blocks = [f"{i}\n{_clock(c[0].start, True)} --> {_clock(c[-1].end, True)}\n{s}: {_text(c)}"
              for i, (s, c) in enumerate(cues, 1)]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def _txt(transcript: Transcript, meta: dict) -> str:
    lines = ["---", yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).strip(), "---", ""]
    turns = transcript.turns
    for i, t in enumerate(turns):
        parts = []
        for piece in _pieces(t, PAUSE_S):
            if parts:
                parts.append(f"[pause {piece[0].start - prev_end:.1f} s]")
            parts.append(_text(piece))
            prev_end = piece[-1].end
        nxt = turns[i + 1] if i + 1 < len(turns) else None
        if nxt is not None and nxt.start - t.end >= PAUSE_S:
            parts.append(f"[pause {nxt.start - t.end:.1f} s]")
        lines.append(f"[{_clock(t.start)}] {t.speaker}: {' '.join(parts)}")
    return "\n".join(lines) + "\n"


def _clock(seconds: float, millis: bool = False) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if millis:
        return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}" if h else f"{int(m):02d}:{int(s):02d}"
