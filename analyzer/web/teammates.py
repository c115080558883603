"""What a rep may see of a teammate.

A rep's own scorecard keeps the command line's comparison: team averages, hit rates and, for
the rep's most-missed item, an example of a teammate who passed it. For a rep that example is
the teammate's name, the account of the call and the quote (with who said it) — never the
call's id or link, its score, week, verdicts, the analyzer's explanation or a manager's note.
The teammate's call itself stays closed (404).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..team_reports import ExampleView, RepScorecard


@dataclass(frozen=True)
class TeammateQuote:
    rep: str
    account: str | None
    speaker: str
    quote: str


def teammate_quote(ex: ExampleView) -> TeammateQuote | None:
    if ex.quote is None:
        return None
    account = ex.title if ex.title != ex.call_id else None  # the title falls back to the call id
    return TeammateQuote(ex.rep, account, ex.quote.speaker, ex.quote.quote)


def teammate_view(card: RepScorecard) -> RepScorecard:
    """The scorecard as a rep may read it: the teammate example cut to TeammateQuote."""
    missed = card.most_missed
    if missed is None or missed.example is None:
        return card
    return replace(card, most_missed=replace(missed, example=teammate_quote(missed.example)))
