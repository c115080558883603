"""What the analyzer can read, checked before it reads: a call outside these limits is refused
with an InputError in our words, not with a library's message or a crash half-way.

- One turn is parsed at once, and the language model takes at most its max_length characters
  (a transcript with no line breaks is often one giant turn).
- Dates are worked out around the call date, a few years either way: the call date must lie
  in the years FIRST_YEAR to LAST_YEAR.
"""
from __future__ import annotations

from .model import InputError, Transcript
from .nlp import load_pipeline

FIRST_YEAR, LAST_YEAR = 1900, 2999


def require_within_limits(transcript: Transcript) -> None:
    where = transcript.source or transcript.meta.call_id
    day = transcript.meta.call_date
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(where, f"call_date {day.isoformat()} is not a date the analyzer can "
                                f"work with (years {FIRST_YEAR} to {LAST_YEAR})")
    limit = load_pipeline().max_length
    for turn in transcript.turns:
        if len(turn.text) > limit:
            raise InputError(where, f"turn {turn.index + 1} ({turn.speaker}) is "
                                    f"{len(turn.text):,} characters long; the analyzer reads "
                                    f"at most {limit:,} in one turn. Give each turn its own "
                                    f"line, or split this one")
