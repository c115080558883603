"""Interaction statistics that every call-review tool reports."""
from __future__ import annotations

import re

from .model import Stats, Transcript

_WORD = re.compile(r"[A-Za-z0-9']+")


def interaction_stats(transcript: Transcript, rep_questions: int) -> Stats:
    turns = transcript.turns
    words = [len(_WORD.findall(t.text)) for t in turns]
    rep = sum(w for t, w in zip(turns, words) if t.role == "rep")
    buyer = sum(w for t, w in zip(turns, words) if t.role == "buyer")
    total = sum(words) or 1
    longest_words, longest_s, run_words, run_start = 0, None, 0, None
    for t, w in zip(turns, words):
        if t.role == "rep":
            run_start = t.start if run_words == 0 else run_start
            run_words += w
            if run_words > longest_words:
                longest_words = run_words
                if run_start is not None and t.end is not None:
                    longest_s = round(t.end - run_start, 1)
        else:
            run_words, run_start = 0, None
    gaps = [round(b.start - a.end, 2) for a, b in zip(turns, turns[1:])
            if a.role == "buyer" and b.role == "rep" and a.end is not None and b.start is not None
            and b.start >= a.end]
    patience = round(sum(gaps) / len(gaps), 2) if gaps else None
    return Stats(round(rep / total, 3), rep, buyer, longest_words, longest_s, rep_questions, patience)
