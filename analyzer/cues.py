"""Cue phrases: lists of regular expressions (from the rubric) compiled once into one pattern."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=512)
def compile_cues(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive alternation with word boundaries around each phrase."""
    if not patterns:
        return re.compile(r"(?!x)x")
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.I)


@dataclass(frozen=True)
class Cues:
    """A named set of cue phrases; `find` returns (start, end, text) spans."""

    patterns: tuple[str, ...]

    @property
    def regex(self) -> re.Pattern[str]:
        return compile_cues(self.patterns)

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        """A cue at the very start of `text`."""
        return self.regex.match(text)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group(0)) for m in self.regex.finditer(text)]


def cues(*patterns: str) -> Cues:
    return Cues(tuple(patterns))
