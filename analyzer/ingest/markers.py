"""Stage directions in transcript text.

Pause markers ([pause], (silence), [long pause], a trailing … or ...) are removed and their
character offsets kept; other directions ([laughs], [crosstalk], (inaudible)) are just removed.
"""
from __future__ import annotations

import re

_PAUSE_WORDS = r"(?:long\s+|short\s+)?(?:pause|silence)[^\[\]()]{0,20}"
_NOISE_WORDS = (r"inaudible|unintelligible|indistinct|crosstalk|cross-talk|overlapping|"
                r"laughs?|laughter|laughing|chuckles?|sighs?|coughs?|clears throat|"
                r"music|noise|background noise|applause|static|beep|phone rings?")
# A pause marker, or any other square-bracketed note, or a known parenthesised direction.
_MARKER = re.compile(
    rf"(?P<pause>\[\s*{_PAUSE_WORDS}\]|\(\s*{_PAUSE_WORDS}\))"
    rf"|\[[^\[\]\n]{{1,40}}\]"
    rf"|\(\s*(?:{_NOISE_WORDS})[^()\n]{{0,20}}\)",
    re.IGNORECASE,
)
_TRAILING_ELLIPSIS = re.compile(r"(?:\.{3,}|…)+$")
_PAUSE = "\x00"  # placeholder for a pause marker while tidying


def is_marker_only(text: str) -> bool:
    """True when `text` holds nothing but stage directions (e.g. a lone `[pause]` line)."""
    return bool(text.strip()) and not _MARKER.sub("", text).strip()


def clean(text: str) -> tuple[str, tuple[int, ...]]:
    """Remove stage directions; return (tidy text, pause offsets into it)."""
    marked = _MARKER.sub(lambda m: f" {_PAUSE} " if m.group("pause") else " \x01 ", text)
    out: list[str] = []
    pauses: list[int] = []
    pending_space = removed = False
    for ch in marked:
        if ch == _PAUSE or ch == "\x01":
            removed = True
            if ch == _PAUSE:
                pauses.append(len(out))
        elif ch.isspace():
            pending_space = bool(out)
        else:
            # no space before punctuation left dangling by a removed marker: "ok [laughs] ."
            if pending_space and not (removed and ch in ",.;:?!"):
                out.append(" ")
            out.append(ch)
            pending_space = removed = False
    tidy = "".join(out)
    m = _TRAILING_ELLIPSIS.search(tidy)
    if m and m.start() > 0:  # a turn that is only "..." keeps its text
        tidy = tidy[: m.start()].rstrip()
        pauses.append(len(tidy))
    return tidy, tuple(sorted({min(p, len(tidy)) for p in pauses}))
