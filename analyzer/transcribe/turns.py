"""Timed words -> speaker turns, each Turn keeping its words and one Segment per word.

One Segment per word lets the analyzer measure any silence inside a turn (asks._gap_at) at
word precision. Three ways to know who spoke: the channel of a two-channel recording, a
supplied speaker timeline (turns file / RTTM), or nothing (each stretch of speech is a turn).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from analyzer.model import Segment, Turn, Word

SPLIT_GAP_S = 1.0  # untagged speech: a silence this long starts a new turn


@dataclass(frozen=True)
class Span:
    """Who spoke when, from a turns file."""

    speaker: str
    start: float
    end: float


def make_turn(speaker: str, words: Sequence[Word], role: str = "buyer") -> Turn:
    """A turn whose text is the words joined by spaces, with one Segment per word."""
    parts, segments, pos = [], [], 0
    for w in words:
        segments.append(Segment(pos, pos + len(w.text), w.start, w.end))
        parts.append(w.text)
        pos += len(w.text) + 1
    return Turn(index=0, speaker=speaker, role=role, text=" ".join(parts),
                start=words[0].start, end=words[-1].end, words=tuple(words),
                segments=tuple(segments))


def group(tagged: Iterable[tuple[str, Word]]) -> list[Turn]:
    """(speaker, word) pairs in time order -> turns: a new turn whenever the speaker changes."""
    turns: list[tuple[str, list[Word]]] = []
    for speaker, word in tagged:
        if turns and turns[-1][0] == speaker:
            turns[-1][1].append(word)
        else:
            turns.append((speaker, [word]))
    return [make_turn(s, ws) for s, ws in turns]


def by_channel(channels: Sequence[Sequence[Word]], speakers: Sequence[str]) -> list[Turn]:
    """Words of each channel merged by start time; a turn = consecutive words of one channel."""
    tagged = [(w.start, i, speakers[i], w) for i, words in enumerate(channels) for w in words]
    tagged.sort(key=lambda t: (t[0], t[1]))
    return group((s, w) for _, _, s, w in tagged)


def by_timeline(words: Sequence[Word], spans: Sequence[Span]) -> list[Turn]:
    """Each word goes to the span it overlaps most (else the nearest one)."""
    def owner(w: Word) -> str:
        def score(sp: Span) -> tuple[float, float]:
            overlap = min(w.end, sp.end) - max(w.start, sp.start)
            distance = max(sp.start - w.end, w.start - sp.end, 0.0)
            return (overlap, -distance)
        return max(spans, key=score).speaker

    return group((owner(w), w) for w in sorted(words, key=lambda w: w.start))


def by_pauses(segments: Sequence[Sequence[Word]]) -> list[list[Word]]:
    """Untagged speech: Whisper's segments, split again wherever SPLIT_GAP_S of silence falls."""
    runs: list[list[Word]] = []
    for words in segments:
        for i, w in enumerate(words):
            if i == 0 or w.start - words[i - 1].end >= SPLIT_GAP_S:
                runs.append([w])
            else:
                runs[-1].append(w)
    return runs
