"""Speaker roles: the rep, the rep's team (other seller-side speakers), everyone else the buyer.

Labels match case-insensitively with whitespace normalised and any "(AE)" note ignored. A
one-word name ("Dana") also matches one speaker "Dana Ruiz", and a full name ("Dana Ruiz")
also matches a speaker labelled just "Dana", when no other speaker shares that first name.
Without a usable rep name the rep is guessed from seller phrases (roles_guessed=True).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from analyzer.model import InputError, Transcript, Turn

from .meta import make_meta

SELLER_CUES = re.compile(
    r"\b(?:our team|our platform|our product|our solution|our customers|our pricing|"
    r"we can|we could|we offer|we'll (?:hold|send|set|get)|i'll send|i can send|"
    r"pricing|the order form|order form|proposal|contract|discount|onboarding|"
    r"implementation|demo|sign(?:ed|ing|ature)?|licen[cs]es?)\b", re.IGNORECASE)
BUYER_CUES = re.compile(
    r"\b(?:your (?:platform|product|team|pricing|proposal|contract|tool|system)|our budget|"
    r"we need|we'd need|we're looking|our board|my boss|you guys|how much)\b", re.IGNORECASE)
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")


def split_label(label: str) -> tuple[str, str | None]:
    """'Hannah  (AE)' -> ('Hannah', 'AE'); whitespace normalised."""
    notes = [n.strip() for n in _PAREN.findall(label) if n.strip()]
    name = " ".join(_PAREN.sub(" ", label).split())
    return name or " ".join(label.split()), ("; ".join(notes) or None)


def norm(name: str) -> str:
    return split_label(name)[0].casefold()


def match_speakers(name: str, speakers: Iterable[str]) -> list[str]:
    """The speaker labels that the metadata name `name` refers to."""
    speakers = list(dict.fromkeys(speakers))
    n = norm(name)
    exact = [s for s in speakers if norm(s) == n]
    if exact or not n:
        return exact
    first = n.split()[0]
    same_first = [s for s in speakers if norm(s).split()[:1] == [first]]
    if len(same_first) == 1 and (n == first or norm(same_first[0]) == first):
        return same_first
    return []


def seller_score(text: str) -> int:
    return len(SELLER_CUES.findall(text))


def guess_rep(turns: Iterable[Turn], exclude: set[str] = frozenset()) -> str | None:
    """The speaker with the most seller phrases; ties go to whoever spoke first."""
    scores: Counter[str] = Counter()
    for t in turns:
        if t.speaker not in exclude:
            scores[t.speaker] += seller_score(t.text)  # insertion order = first to speak
    return max(scores, key=scores.__getitem__) if scores else None


def guess_turn_role(text: str) -> str:
    """Role of one turn from its own words (for transcripts with no speaker labels)."""
    return "rep" if seller_score(text) > len(BUYER_CUES.findall(text)) else "buyer"


def assign(turns: list[Turn], rep: str | None, team: Iterable[str]
           ) -> tuple[list[Turn], str | None, bool]:
    """Set each turn's role; returns (turns, rep label, roles_guessed)."""
    speakers = [t.speaker for t in turns]
    team_set = {s for member in team for s in match_speakers(member, speakers)}
    rep_set = set(match_speakers(rep, speakers)) - team_set if rep else set()
    guessed = not rep_set
    if guessed:
        found = guess_rep(turns, exclude=team_set)
        rep_set = {found} if found else set()
        rep = rep or found
    roles = {s: "rep" if s in rep_set else "team" if s in team_set else "buyer"
             for s in speakers}
    return [replace(t, role=roles[t.speaker]) for t in turns], rep, guessed


def finish(path: Path, fmt: str, turns: list[Turn], fields: dict[str, Any], *,
           roles_done: bool = False, rep: str | None = None,
           guessed: bool = False) -> Transcript:
    """Assign roles (unless done), number the turns and build the Transcript."""
    if not turns:
        raise InputError(path, "no turns found")
    unmatched = ""
    if not roles_done:
        given = fields["rep"]
        turns, rep, guessed = assign(turns, given, fields["team"])
        if given and not match_speakers(given, [t.speaker for t in turns]):
            # the metadata names a rep nobody on the call is called: the card stays theirs,
            # the rep's lines are guessed, and the report and batch say so
            unmatched = next((t.speaker for t in turns if t.role == "rep"), None) or "?"
    numbered = tuple(replace(t, index=i) for i, t in enumerate(turns))
    meta = make_meta(fields, rep or fields["rep"] or "")
    return Transcript(meta=meta, turns=numbered, source=str(path), format=fmt,
                      roles_guessed=guessed, rep_unmatched=unmatched)
