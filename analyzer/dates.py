"""Date layer: find and resolve the date language of sales calls.

`find_dates(text, call_date)` returns the dates in one piece of text (a sentence or a turn):
calendar dates ("Friday, Mar 6", "9/18", ASR "april twentieth"), days of the month ("the
13th"), weekdays ("by this Friday"), relative frames ("end of next week", "in three weeks",
"Q2"), holidays, dates relative to an event ("two weeks before go-live") and vague time
language ("soon", "sometime next quarter").

It runs on every sentence of every call, so it is hand-written regexes plus small word
tables, no parser. Each rule names trigger words; a rule runs only when the text holds one.

Resolution conventions (all against `call_date`):
- No year: the year that puts the date in [call_date - 120 days, call_date + 245 days] (for
  a bare month or a quarter: its first day). A stated weekday that fits another year within a
  year of the call wins ("Mon Nov 23"). "since March" / "back in October" look back.
- Bare weekday and "this <weekday>": the next one on or after call_date (today counts).
  "next <weekday>": that weekday in the following Monday-based week. "last <weekday>": the
  latest one strictly before call_date. Tense is not read: "met on Thursday" looks forward.
- Day of month only ("the 12th"): the next such day on or after call_date. With a weekday
  ("Friday the 25th"): the next one that falls on that weekday (within 8 months).
- A range keeps its last day in `date` (deadline semantics) and its first in `first`.
  "this week/month/quarter/year" run from call_date; a week's range ends on Friday.
- Spans drop a leading preposition ("by this Friday" -> "this Friday", prep "by") unless it
  carries the meaning ("in three weeks", "within 30 days", "in a bit" keep it).
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable, NamedTuple

__all__ = ["DateMention", "find_dates", "resolve_relative"]


@dataclass(frozen=True)
class DateMention:
    start: int  # char offsets into the text given
    end: int
    text: str  # the original words, without a leading "by"/"on"/"until"
    date: date | None  # resolved day; for a range its last day
    first: date | None  # first day of a range (== date for a single day)
    kind: str  # "day" | "range" | "relative" | "vague"
    vague: bool  # vague time language (date is None)
    offset_days: int | None = None  # "two weeks before go-live" -> -14
    anchor: str | None = None  # ... -> "go-live" (the caller dates the event)
    prep: str | None = None  # preposition just before the span: "by", "on", "in", ...
    weekday: int | None = None  # "the Monday after legal signs": the first Monday past the event


# --------------------------------------------------------------------------- word tables

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
FULL_MONTHS = [m for m in MONTHS if len(m) > 4] + ["may", "june", "july"]
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "weds": 2,
    "wed": 2, "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
FULL_WEEKDAYS = [w for w in WEEKDAYS if w.endswith("day")]
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
CARDINALS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "hundred": 100, **TENS,
}
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}

# Prepositions recorded in DateMention.prep.
PREPOSITIONS = [
    "no later than", "not later than", "prior to", "ahead of", "up until", "as of",
    "starting", "through", "before", "during", "within", "around", "until", "after",
    "since", "from", "till", "thru", "over", "til", "by", "on", "in", "at", "of", "for", "to",
]
# A bare month ("in March") is a date only after one of these.
MONTH_PREPS = {"in", "by", "during", "until", "till", "til", "up until", "through", "thru",
               "before", "after", "since", "from", "around", "no later than", "prior to",
               "ahead of", "starting", "as of"}
# "the first/second/third" and "may first" are days only after one of these.
DOM_PREPS = {"by", "on", "until", "till", "til", "up until", "before", "after", "from",
             "since", "through", "thru", "starting", "no later than", "as of", "around", "of"}
DATE_PREPS = DOM_PREPS | MONTH_PREPS
# A word right after "the 4th" / "the fourteenth" that makes it a counter, not a day.
ORDINAL_NOUNS = {
    "time", "times", "hour", "floor", "grade", "party", "parties", "place", "round", "century",
    "amendment", "anniversary", "quarter", "half", "year", "years", "week", "weeks", "day",
    "month", "question", "questions", "step", "steps", "thing", "things", "one", "ones",
    "person", "row", "phase", "item", "point", "option", "shift", "call", "meeting", "version",
    "level", "tier", "page", "slide", "line", "piece", "part", "wave", "site", "location",
    "batch", "draft", "attempt", "try", "reason", "issue", "priority", "largest", "biggest",
    "few", "couple", "several", "many", "other", "last", "next",
} | set(CARDINALS) | set(WEEKDAYS)
# A word right before a weekday that makes it generic: "on a Friday", "every Monday".
NOT_A_DAY_BEFORE = {"a", "an", "every", "each", "any", "the", "that", "of", "one",
                    # holidays named after a weekday: "Black Friday", "Good Friday", "Easter Monday"
                    "black", "cyber", "good", "easter", "holy", "super", "ash", "palm", "whit"} | set(ORDINALS)
# Words that end an event anchor ("a week before training starts" -> "training").
ANCHOR_STOP = {
    "a", "an", "and", "or", "but", "so", "then", "to", "that", "this", "which", "who", "we",
    "i", "you", "they", "he", "she", "it", "is", "was", "are", "be", "will", "would", "should",
    "can", "could", "if", "when", "with", "for", "of", "on", "in", "at", "by", "as", "from",
    "starts", "start", "begins", "begin", "ends", "end", "happens", "goes", "opens", "closes",
    "comes", "come", "gets", "back",
    "kicks", "wraps", "lands", "hits", "has", "had", "have", "do", "does", "not", "just",
    "right", "now", "there", "here", "because", "since", "until", "before", "after", "our",
    "your", "their", "my", "its", "the", "um", "uh", "like", "today", "tomorrow", "tonight",
    "next", "last",
} | set(MONTHS) | set(WEEKDAYS) | set(CARDINALS) | set(ORDINALS)

# Vague time language: always vague, never resolved.
VAGUE_PHRASES = [
    r"as soon as (?:possible|feasible|practical|we can|you can|they can)", r"asap",
    r"soon after(?: that)?", r"sometime soon", r"sooner rather than later", r"sooner or later",
    r"(?<!\bas )(?<!\bhow )(?:very |pretty |fairly )?soon(?! as\b)",
    r"in a (?:little )?bit", r"in a (?:little )?while", r"shortly", r"before long", r"eventually",
    r"down the (?:road|line)", r"at some point", r"in the (?:near|not too distant) future",
    r"in due course", r"one of these days", r"any day now", r"later on",
    r"(?:in |within |over |for )?(?:the next |a )?(?:few|couple(?: of)?)(?: more)? (?:days|weeks|months)",
    r"(?:in |over |within )?(?:the )?(?:coming|next few) (?:days|weeks|months)",
    r"(?:in |within )?(?:a|one) (?:day|week|month) or two",
    r"within (?:days|weeks|months)", r"later (?:this|next|in the) (?:month|quarter|year)",
]
HOLIDAYS: list[tuple[str, Callable[[int], date]]] = [  # (pattern, day in a given year)
    (r"(?:the\s+)?fourth\s+of\s+july|independence\s+day", lambda y: date(y, 7, 4)),
    (r"thanksgiving", lambda y: _nth_weekday(y, 11, 3, 4)),
    (r"christmas\s+eve", lambda y: date(y, 12, 24)),
    (r"christmas(?:\s+day)?", lambda y: date(y, 12, 25)),
    (r"new\s+year['’]?s\s+eve", lambda y: date(y, 12, 31)),
    (r"new\s+year(?:['’]s(?:\s+day)?|s?\s+day)", lambda y: date(y, 1, 1)),
    (r"memorial\s+day", lambda y: _nth_weekday(y, 5, 0, -1)),
    (r"labou?r\s+day", lambda y: _nth_weekday(y, 9, 0, 1)),
    (r"halloween", lambda y: date(y, 10, 31)),
    # retail's finish lines: the day after Thanksgiving and the Monday after
    (r"black\s+friday", lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=1)),
    (r"cyber\s+monday", lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=4)),
    (r"mother['’]?s\s+day", lambda y: _nth_weekday(y, 5, 6, 2)),
    (r"father['’]?s\s+day", lambda y: _nth_weekday(y, 6, 6, 3)),
    (r"valentine['’]?s(?:\s+day)?", lambda y: date(y, 2, 14)),
]
HOLIDAY_TRIGGERS = {"july", "independence", "thanksgiving", "christmas", "new", "memorial",
                    "labor", "labour", "halloween", "valentine", "valentines", "black", "cyber",
                    "mother", "mothers", "mother's", "father", "fathers", "father's"}


# --------------------------------------------------------------------------- regex parts

def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_I = re.IGNORECASE
_ORD_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
ORD_WORD = rf"(?:twenty[\s-]?(?:{_ORD_UNITS})|thirty[\s-]?first|{_alt(ORDINALS)})\b"
DAY_NUM = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b(?![:.]\d)"
DAY = rf"(?:{DAY_NUM}|{ORD_WORD})"
MONTH = rf"(?:{_alt(MONTHS)})\b\.?"
MONTH_NAME = rf"(?:{_alt(FULL_MONTHS)})\b"
WEEKDAY = rf"(?:{_alt(WEEKDAYS)})\b\.?"
WEEKDAY_NAME = rf"(?:{_alt(FULL_WEEKDAYS)})\b"
YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b(?!\s*(?:%|percent)))?"
COUNT = rf"(?:\d{{1,3}}|(?:{_alt(TENS)})[\s-](?:one|two|three|four|five|six|seven|eight|nine)|{_alt(CARDINALS)})"
UNIT = r"(?:business\s+days?|working\s+days?|days?|weeks?|fortnights?|months?|years?)"
# a weekday before a calendar date: "Friday, Mar 6", "Friday next week, April 3rd"
WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY})(?:\s+(?:of\s+)?(?:this|next)\s+week)?,?\s+)?"
# part of a period: "early May", "mid-April", "the end of next week"
POS = (r"(?P<pos>early|mid|late|later|(?:the\s+)?(?:end|middle|start|beginning|rest)\s+of)")
POS_NAMES = {"middle of": "mid", "start of": "early", "beginning of": "early",
             "rest of": "later", "end of": "end"}

_PREP_RE = re.compile(rf"(?:^|[^\w'’-])({_alt(PREPOSITIONS)})\s+$", _I)
_WORD_BEFORE_RE = re.compile(r"([\w'’]+)\W*$")
_WORD_AFTER_RE = re.compile(r"\s*([\w'’]+)")
_ENDS_CLAUSE_RE = re.compile(r"\s*(?:[.,;:!?)]|$)")
_BACK_RE = re.compile(r"\bback\s+(?:in\s+)?$", _I)
_AROUND_RE = re.compile(r"\baround\s+$", _I)
_SPLIT_RE = re.compile(r"[\s-]+")
_TOKENS_RE = re.compile(r"[a-z]+|\d")


# --------------------------------------------------------------------------- calendar helpers

def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _monday(d: date, weeks: int = 0) -> date:
    return d - timedelta(days=d.weekday()) + timedelta(weeks=weeks)


def _quarter_start(d: date, n: int = 0) -> date:
    return _add_months(date(d.year, 3 * ((d.month - 1) // 3) + 1, 1), 3 * n)


def _nth_weekday(y: int, mon: int, wd: int, n: int) -> date:
    """The n-th weekday `wd` of a month (n = -1: the last)."""
    if n < 0:
        last = _last_day(y, mon)
        return last - timedelta(days=(last.weekday() - wd) % 7)
    first = date(y, mon, 1)
    return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# A day named without a year is the one in this window around the call: sales plans run up
# to most of a year ahead (a wedding booked ten months out), days looked back on are recent.
PAST_DAYS, AHEAD_DAYS = 60, 330


def _in_window(d: date, call: date) -> bool:
    return call - timedelta(days=PAST_DAYS) <= d <= call + timedelta(days=AHEAD_DAYS)


def _pick_year(make: Callable[[int], date | None], call: date, weekday: int | None = None) -> date | None:
    """The candidate make(year) in the window; with a stated weekday, a candidate within a
    year of the call that falls on it wins."""
    years = (call.year, call.year + 1, call.year - 1)
    if weekday is not None:
        for y in years:
            d = make(y)
            if d and d.weekday() == weekday and abs((d - call).days) <= 366:
                return d
    for y in years:
        d = make(y)
        if d and _in_window(d, call):
            return d
    return make(call.year)


def _next_dom(call: date, day: int, weekday: int | None = None) -> date | None:
    """The next date on/after call with that day of month; with a weekday, the first such
    date within 8 months that falls on it, else the plain next one."""
    plain = None
    for k in range(9 if weekday is not None else 3):
        month = _add_months(date(call.year, call.month, 1), k)
        d = _safe_date(month.year, month.month, day)
        if d is None or d < call:
            continue
        if weekday is None or d.weekday() == weekday:
            return d
        plain = plain or d
    return plain


def _weekday_date(call: date, wd: int, mod: str) -> date:
    if mod == "next":
        return _monday(call, 1) + timedelta(days=wd)
    if mod == "last":
        return call - timedelta(days=(call.weekday() - wd - 1) % 7 + 1)
    return call + timedelta(days=(wd - call.weekday()) % 7)


def _after(d: date, n: int, unit: str) -> date:
    """d plus n units (business days skip weekends; months are calendar months)."""
    unit = unit.lower()
    if unit.startswith(("business", "working")):
        while n > 0:
            d += timedelta(days=1)
            n -= d.weekday() < 5
        return d
    if unit.startswith("month"):
        return _add_months(d, n)
    if unit.startswith("year"):
        return _add_months(d, 12 * n)
    return d + timedelta(days=n * UNIT_DAYS[unit.rstrip("s")])


def _month_range(call: date, mon: int, year: str | None, mod: str = "") -> tuple[date, date]:
    """A whole month: explicit year; "this" = this year's; "next"/"last" = the next/last one
    strictly after/before the current month; else by the year window (its first day)."""
    if year:
        y = int(year)
    elif mod == "this":
        y = call.year
    elif mod == "next":
        y = call.year + (mon <= call.month)
    elif mod == "last":
        y = call.year - (mon >= call.month)
    else:
        y = _pick_year(lambda yy: date(yy, mon, 1), call).year
    return date(y, mon, 1), _last_day(y, mon)


# --------------------------------------------------------------------------- words

def _day_value(s: str) -> int:
    """'18th' -> 18, 'twenty second' -> 22, 'twentysecond' -> 22, 'fourteenth' -> 14."""
    s = s.lower()
    if s[0].isdigit():
        return int(s.rstrip("stndrh"))
    parts = _SPLIT_RE.split(s)
    if len(parts) == 1 and s not in ORDINALS:  # "twentysecond"
        parts = [s[:6], s[6:]]
    return sum(ORDINALS.get(p) or TENS.get(p, 0) for p in parts)


def _count_value(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else sum(CARDINALS.get(p, 0) for p in _SPLIT_RE.split(s))


def _prep_before(text: str, pos: int) -> str | None:
    m = _PREP_RE.search(text, max(0, pos - 20), pos)
    return " ".join(m.group(1).lower().split()) if m else None


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 20), pos)
    return m.group(1).lower() if m else ""


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER_RE.match(text, pos)
    return m.group(1).lower() if m else ""


def _pos(m: re.Match) -> str:
    """'the end of' -> 'end', 'middle of' -> 'mid', 'early' -> 'early', none -> ''."""
    p = " ".join((m.group("pos") or "").lower().split()).removeprefix("the ")
    return POS_NAMES.get(p, p)


# --------------------------------------------------------------------------- rule handlers
# Each takes (match, text, call_date) and returns a _Hit or None (not a date after all).

class _Hit(NamedTuple):
    start: int
    end: int
    date: date | None
    first: date | None
    kind: str
    offset: int | None = None
    anchor: str | None = None
    weekday: int | None = None


def _day(m: re.Match, d: date | None) -> _Hit | None:
    return _Hit(m.start(), m.end(), d, d, "day") if d else None


def _range(m: re.Match, a: date, b: date) -> _Hit:
    return _Hit(m.start(), m.end(), b, a, "range")


def _vague(start: int, end: int) -> _Hit:
    return _Hit(start, end, None, None, "vague")


_YEAR_WORDS = re.compile(r",?\s+(?:of\s+)?(?P<which>next|this|last)\s+year\b", re.I)


def _calendar_date(m: re.Match, call: date, mon: int, day: int, text: str = "") -> _Hit | None:
    """A month + day, with the match's optional year and weekday; "the 19th of June next year"."""
    if m.group("year"):
        return _day(m, _safe_date(int(m.group("year")), mon, day))
    said = _YEAR_WORDS.match(text, m.end())
    if said:
        return _day(m, _safe_date(call.year + {"next": 1, "this": 0, "last": -1}[said.group("which").lower()], mon, day))
    wd = m.group("wd")
    weekday = WEEKDAYS[wd.lower().rstrip(".")] if wd else None
    return _day(m, _pick_year(lambda y: _safe_date(y, mon, day), call, weekday))


def _in_date_context(m: re.Match, text: str) -> bool:
    """A preposition before, or a clause edge on either side."""
    if _prep_before(text, m.start()) in DATE_PREPS:
        return True
    before = text[:m.start()].rstrip()
    return not before or before[-1] in ".,;:!?(" or bool(_ENDS_CLAUSE_RE.match(text, m.end())) \
        or bool(_DAY_SLOT_BEFORE.search(before))  # "the launch is march first germany …"


# words after which "march first" / "may second" can only be a day
_DAY_SLOT_BEFORE = re.compile(r"(?i)\b(?:is|was|'s|be|launch(?:es)?|live|opens?|starts?|date|until|till|through|"
                              r"due|deadline|by|before|after)$")


def _r_month_day(m, text, call):
    """'May 18', 'Friday, Mar 6', 'march twelfth', 'july twenty second', 'Mar. 6, 2026'."""
    mon, day = m.group("mon").lower().rstrip("."), m.group("day").lower()
    if mon in ("may", "march") and day in ("first", "second") and not m.group("wd") \
            and not _in_date_context(m, text):
        return None  # "we may first check", "they march second"
    return _calendar_date(m, call, MONTHS[mon], _day_value(day), text)


def _r_day_month(m, text, call):
    """'18 March', 'the 18th of March', 'the twentieth of april'."""
    mon, day = m.group("mon").lower().rstrip("."), m.group("day")
    if day[0].isalpha() and not m.group("of"):
        return None  # "fourth march"
    bare = day[-1].isdigit() and not (m.group("the") or m.group("of") or m.group("year"))
    if bare and mon == "may" and not _in_date_context(m, text):
        return None  # "items 1 to 3 may change"
    return _calendar_date(m, call, MONTHS[mon], _day_value(day), text)


def _r_iso(m, text, call):
    return _day(m, _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))))


def _r_numeric(m, text, call):
    """US m/d with an optional year: '9/18', '10/2', '3/15/2027'."""
    if re.match(r"\s+of\b", text[m.end():]) or re.search(r"\d[\s-]$", text[:m.start()]):
        return None  # fractions: "3/4 of the team", "2 1/2"
    mon, day, year = int(m.group(1)), int(m.group(2)), m.group(3)
    if year:
        return _day(m, _safe_date(int(year) + (2000 if len(year) == 2 else 0), mon, day))
    return _day(m, _pick_year(lambda y: _safe_date(y, mon, day), call))


def _r_weekday_dom(m, text, call):
    """'Friday the 25th', 'Fri 28th', 'this Friday, the 22nd'."""
    day = m.group("day")
    if not m.group("the") and not (day[0].isdigit() and day[-1].isalpha()):
        return None  # "Friday 2 pm", "Friday first thing"
    return _day(m, _next_dom(call, _day_value(day), WEEKDAYS[m.group("wd").lower().rstrip(".")]))


def _r_weekday(m, text, call):
    """'Monday', 'this Friday', 'next Monday', 'last Thursday', 'Friday next week'."""
    mod = " ".join((m.group("mod") or "").lower().split())
    mod = {"this coming": "this", "coming": "this", "upcoming": "this"}.get(mod, mod)
    if _word_before(text, m.start()) in NOT_A_DAY_BEFORE:
        return None  # "on a Friday", "the last Friday of the month", "the fourth Tuesday"
    if re.match(r"\s+(?:mornings|afternoons|evenings|nights)\b", text[m.end():]):
        return None  # a habit, not a day
    wd = WEEKDAYS[m.group("wd").lower()]
    week = (m.group("week") or "").lower()
    if week:
        return _day(m, _monday(call, {"this": 0, "next": 1, "last": -1}[week]) + timedelta(days=wd))
    if mod == "following":
        return None  # follows some other day said earlier
    return _day(m, _weekday_date(call, wd, mod))


def _r_dom(m, text, call):
    """'the 12th', 'on the 3rd', ASR 'the twenty second'."""
    day = m.group("day")
    if day[-1].isdigit() or _word_after(text, m.end()) in ORDINAL_NOUNS:
        return None  # "the 4 percent", "the 3rd party", "the fourth Tuesday"
    if _EVERY_MONTH.match(text, m.end()):
        return None  # "charged on the 9th of every month": a day that comes round, no date
    if day.lower() in ("first", "second", "third") and _prep_before(text, m.start()) not in DOM_PREPS:
        return None  # "the first question", "in the second half"
    n = _day_value(day)
    return _day(m, _next_dom(call, n)) if 1 <= n <= 31 else None


_EVERY_MONTH = re.compile(r"\s*(?:of )?(?:every|each) (?:month|quarter)\b", re.I)


def _r_today(m, text, call):
    """today, tonight, tomorrow, yesterday, this afternoon, end of day, EOD."""
    w = m.group(0).lower()
    if "end" in w and _prep_before(text, m.start()) == "at":
        return None  # "at the end of the day" (the idiom)
    shift = 2 if "after tomorrow" in w else 1 if "tomorrow" in w else -1 if "yesterday" in w else 0
    return _day(m, call + timedelta(days=shift))


def _r_week(m, text, call):
    """this/next/last week (Mon-Fri ranges), end of next week (Friday), the week after next."""
    if m.group("after"):
        mon = _monday(call, 2)
        return _range(m, mon, mon + timedelta(days=4))
    pos, which = _pos(m), m.group("which").lower()
    if which == "the" and not pos:
        return None  # "the week before"
    if which == "last" and _word_before(text, m.start()) == "the":
        return None  # "the last week of school"
    mon = _monday(call, {"next": 1, "last": -1}.get(which, 0))
    fri = mon + timedelta(days=4)
    if pos == "end":
        return _day(m, fri)
    if pos == "mid":
        return _day(m, mon + timedelta(days=2))
    if pos == "early":
        return _range(m, mon, mon + timedelta(days=1))
    if pos == "late":
        return _range(m, mon + timedelta(days=3), fri)
    if which in ("this", "the"):  # this week (or later this week): from the call to Friday
        a = call + timedelta(days=pos == "later")
        return _range(m, a, max(fri, a))
    return _range(m, mon, fri)


def _r_weekend(m, text, call):
    sat = _monday(call, 1 if m.group("which").lower() == "next" else 0) + timedelta(days=5)
    return _range(m, sat, sat + timedelta(days=1))


def _month_part(m: re.Match, start: date, pos: str, call: date | None = None) -> _Hit:
    """The part of the month beginning `start` that pos names; the rest of it from `call`
    on when call is in that month ("this month")."""
    end = _last_day(start.year, start.month)
    if pos == "end":
        return _day(m, end)
    if pos == "mid":
        return _day(m, start.replace(day=15))
    if pos == "early":
        return _range(m, start, start.replace(day=10))
    if pos == "late":
        return _range(m, start.replace(day=21), end)
    if call and pos == "later":
        return _range(m, min(call + timedelta(days=1), end), end)
    return _range(m, call or start, end)


def _r_month_rel(m, text, call):
    """this/next/last month, end of the month, month end, mid-month, early next month."""
    if m.group("monthend"):
        return _day(m, _last_day(call.year, call.month))
    pos, which = _pos(m), m.group("which").lower()
    if which == "the" and not pos or which == "last" and _word_before(text, m.start()) == "the":
        return None  # "the month", "the last month or so"
    k = {"next": 1, "last": -1}.get(which, 0)
    return _month_part(m, _add_months(date(call.year, call.month, 1), k), pos, call if k == 0 else None)


def _r_month_pos(m, text, call):
    """early May, mid-April, late June, end of March, the first week of April."""
    mon, year, pos = MONTHS[m.group("mon").lower().rstrip(".")], m.group("year"), _pos(m)
    start, end = _month_range(call, mon, year)
    nth = (m.group("nth") or "").lower()
    if nth == "last":
        return _range(m, end - timedelta(days=6), end)
    if nth:
        a = start + timedelta(days=7 * (ORDINALS[nth] - 1))
        return _range(m, a, a + timedelta(days=6))
    if pos == "later":
        return None
    if pos == "end" and not year:  # a day: its year by the day itself
        return _day(m, _pick_year(lambda y: _last_day(y, mon), call))
    return _month_part(m, start, pos)


def _r_month_alone(m, text, call):
    """'in March', 'by June', 'this November', 'May 2026'; 'around March' is vague."""
    name, mod, year = m.group("mon").lower(), (m.group("mod") or "").lower(), m.group("year")
    prep = _prep_before(text, m.start())
    if name == "may" and mod and not year:
        return None  # "this may work"
    if not (year or mod or prep in MONTH_PREPS):
        return None  # "the March report", "June said", "they march"
    if not year and re.match(r"\s*\d", text[m.end():]):
        return None  # a number follows that was not a day
    if prep == "around" and not year:
        return _vague(_AROUND_RE.search(text, 0, m.start()).start(), m.end())  # "around March"
    mon = MONTHS[name]
    if not (year or mod) and (prep == "since" or _BACK_RE.search(text, max(0, m.start() - 12), m.start())):
        mod = "this" if mon == call.month else "last"  # "since March", "back in october"
    return _range(m, *_month_range(call, mon, year, mod))


def _r_quarter(m, text, call):
    """Q2, end of Q2, the second quarter, this/next quarter, end of the quarter, quarter-end."""
    pos, which = _pos(m), " ".join((m.group("which") or "this").lower().split())
    if m.group("q") or m.group("ordq"):
        q = int(m.group("q")) if m.group("q") else ORDINALS[m.group("ordq").lower()]
        year = m.group("qyear")
        start = date(int(year), 3 * q - 2, 1) if year else _pick_year(lambda y: date(y, 3 * q - 2, 1), call)
    else:
        if which == "the" and not pos and not m.group("qend"):
            return None  # "the quarter"
        start = _quarter_start(call, {"next": 1, "last": -1}.get(which, 0))
    end = _add_months(start, 3) - timedelta(days=1)
    if pos == "end" or m.group("qend"):
        return _day(m, end)
    if pos == "mid":
        return _day(m, _add_months(start, 1).replace(day=15))
    if pos == "early":
        return _range(m, start, _last_day(start.year, start.month))
    if pos == "late":
        return _range(m, _add_months(start, 2), end)
    if which in ("this", "our", "the", "the current") and not (m.group("q") or m.group("ordq")):
        return _range(m, max(start, call), end)  # this quarter: from the call on
    return _range(m, start, end)


def _r_year(m, text, call):
    """end of the year, year-end, this/next/last year, early next year."""
    if m.group("yearend"):
        return _day(m, date(call.year, 12, 31))
    pos, which = _pos(m), m.group("which").lower()
    if which == "the" and pos != "end" or which == "last" and _word_before(text, m.start()) == "the":
        return None  # "the year", "the last year"
    y = call.year + {"next": 1, "last": -1}.get(which, 0)
    a, b = date(y, 1, 1), date(y, 12, 31)
    if pos == "end":
        return _day(m, b)
    parts = {"early": (a, date(y, 3, 31)), "mid": (date(y, 6, 1), date(y, 7, 31)),
             "late": (date(y, 10, 1), b), "": (max(a, call) if y == call.year else a, b)}
    return _range(m, *parts[pos]) if pos in parts else None  # "later this year" is vague


def _r_count(m, text, call):
    """'in three weeks', 'two weeks from today' (days); 'within 30 days', 'the next two weeks'
    (ranges from the call)."""
    n = _count_value(m.group("n"))
    lead, ref = (m.group("lead") or "").lower(), (m.group("ref") or "").lower()
    if not 0 < n <= 400 or not (lead or ref or m.group("next")):
        return None  # "three weeks" alone is a duration
    end = _after(call + timedelta(days=ref == "tomorrow"), n, m.group("unit"))
    if ref or lead == "in" and not m.group("next"):
        return _day(m, end)
    return _range(m, call, end)


def _r_event(m, text, call):
    """'two weeks before go-live', 'the day after kickoff': an offset from an event."""
    hit = _event_anchor(m, text)
    if hit is None:
        return None  # "two weeks before July 1", "the week before, on the 20th"
    anchor, end = hit
    n = 1 if m.group("n").lower() == "the" else _count_value(m.group("n"))
    unit = m.group("unit").lower()
    days = n * 7 // 5 if unit.startswith(("business", "working")) else n * UNIT_DAYS[unit.rstrip("s")]
    sign = -1 if m.group("dir").lower().split()[0] in ("before", "prior", "ahead") else 1
    return _Hit(m.start(), end, None, None, "relative", sign * days, anchor)


def _r_weekday_event(m, text, call):
    """'the Monday after legal signs', 'the tuesday before the meeting': the first such weekday
    either side of an event."""
    hit = _event_anchor(m, text)
    if hit is None:
        return None
    anchor, end = hit
    sign = -1 if m.group("dir").lower().split()[0] in ("before", "prior", "ahead") else 1
    return _Hit(m.start(), end, None, None, "relative", sign, anchor, _weekday_of(m.group("wd")))


def _r_after_that(m, text, call):
    """'two weeks before that', 'the Saturday after that': an offset from the day said before."""
    sign = -1 if m.group("dir").lower().split()[0] in ("before", "prior", "ahead") else 1
    if m.group("wd"):
        return _Hit(m.start(), m.end(), None, None, "relative", sign, THAT, _weekday_of(m.group("wd")))
    n = 1 if m.group("n").lower() in ("the", "a") else _count_value(m.group("n"))
    unit = m.group("unit").lower()
    days = n * 7 // 5 if unit.startswith(("business", "working")) else n * UNIT_DAYS[unit.rstrip("s")]
    return _Hit(m.start(), m.end(), None, None, "relative", sign * days, THAT)


def _weekday_of(word: str) -> int:
    """"the weekend before the trip" counts from its Saturday."""
    return WEEKDAYS.get(word.lower(), WEEKDAYS["saturday"])


THAT = "that"  # the anchor of a mention offset from the day said just before it


def _event_anchor(m, text):
    """The event words after "before"/"after", up to the first word that is no part of a name."""
    anchor: list[str] = []
    for w in m.group("anchor").split():
        lw = w.lower().strip("'’")
        if lw in ANCHOR_STOP or lw[0].isdigit() or lw.rstrip("s") in ORDINALS:
            break
        anchor.append(lw)
    if not anchor:
        return None
    kept = re.match(r"[\w'’-]+" + r"\s+[\w'’-]+" * (len(anchor) - 1), text[m.start("anchor"):])
    return " ".join(anchor), m.start("anchor") + kept.end()


def _r_holiday(m, text, call):
    for i, (_, make) in enumerate(HOLIDAYS):
        if m.group(f"h{i}"):
            year = m.group("year")
            if not year and _word_before(text, m.start()).lower() == "last":
                # "Last Black Friday the site went down": the one before the call
                last = make(call.year)
                return _day(m, last if last < call else make(call.year - 1))
            return _day(m, make(int(year)) if year else _pick_year(make, call))
    return None


def _r_vague(m, text, call):
    return _vague(m.start(), m.end())


# --------------------------------------------------------------------------- the rules
# (trigger words, regex, handler). A rule runs only when the text holds one of its trigger
# words (lowercase letter runs and single digits, as _TOKENS_RE splits them).

_RULES: list[tuple[frozenset, re.Pattern, Callable]] = []


def _rule(triggers, pattern: str, handler: Callable) -> None:
    _RULES.append((frozenset(triggers), re.compile(pattern, _I), handler))


_DIGITS = set("0123456789")
_rule(_DIGITS, r"\b((?:19|20)\d\d)-(\d\d?)-(\d\d?)\b", _r_iso)
_rule(_DIGITS, r"(?<![\w/.:-])(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?:/((?:19|20)?\d\d))?(?![\w/]|[.:]\d)",
      _r_numeric)
_rule(MONTHS, rf"\b{WD_PREFIX}(?P<mon>{MONTH})\s+(?:the\s+)?(?P<day>{DAY}){YEAR}", _r_month_day)
_rule(MONTHS, rf"\b{WD_PREFIX}(?P<the>the\s+)?(?P<day>{DAY})\s+(?P<of>of\s+)?(?P<mon>{MONTH}){YEAR}",
      _r_day_month)
_rule(MONTHS, rf"\b(?:(?:the\s+)?(?P<nth>first|second|third|fourth|last)\s+week\s+of|{POS}[\s-]+)\s*"
              rf"(?P<mon>{MONTH}){YEAR}", _r_month_pos)
_rule(MONTHS, rf"\b(?:(?P<mod>this|next|last)\s+)?(?P<mon>{MONTH_NAME})(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
      _r_month_alone)
# lists of days: "Tuesday and Wednesday, the 14th and 15th", "the twelfth and thirteenth of May"
_LIST_SEP = r"\s*(?:,|and|&|or|to|through|thru|-|–)\s*(?:and\s+)?"
_rule(WEEKDAYS, rf"\b(?P<wd>{WEEKDAY_NAME})(?:{_LIST_SEP}{WEEKDAY_NAME})+,?\s+(?P<the>the\s+)?(?P<day>{DAY})"
                rf"(?:{_LIST_SEP}(?:the\s+)?{DAY})+(?!\s+(?:of\s+)?(?:{_alt(MONTHS)})\b)", _r_weekday_dom)
_rule(MONTHS, rf"\b{WD_PREFIX}(?P<the>the\s+)?(?P<day>{DAY})(?:{_LIST_SEP}(?:the\s+)?{DAY})+\s+(?P<of>of\s+)?"
              rf"(?P<mon>{MONTH}){YEAR}", _r_day_month)
_rule(WEEKDAYS, rf"\b(?:(?:the\s+)?(?:this\s+coming|this|next|coming|following)\s+)?(?P<wd>{WEEKDAY}),?\s+"
                rf"(?P<the>the\s+)?(?P<day>{DAY})(?!\s+(?:of\s+)?(?:{_alt(MONTHS)})\b)", _r_weekday_dom)
_rule(WEEKDAYS, rf"\b(?:(?P<mod>this\s+coming|this|next|last|coming|upcoming|following)\s+)?(?P<wd>{WEEKDAY_NAME})"
                rf"(?:,?\s+(?:of\s+)?(?P<week>this|next|last)\s+week\b)?", _r_weekday)
_rule(_DIGITS | set(ORDINALS), rf"\bthe\s+(?P<day>{DAY})", _r_dom)
_rule({"today", "tonight", "tomorrow", "yesterday", "morning", "afternoon", "evening", "eod", "day"},
      r"\b(?:the\s+day\s+after\s+tomorrow|today|tonight|tomorrow|yesterday|this\s+(?:morning|afternoon|evening)"
      r"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+)?day|eod)\b", _r_today)
_rule({"week"}, rf"\b(?:(?:the\s+)?week\s+(?P<after>after\s+next)|(?:{POS}[\s-]+)?(?P<which>this|next|last|the)\s+week)\b",
      _r_week)
_rule({"weekend"}, r"\b(?P<which>this|next|the)\s+weekend\b", _r_weekend)
# "the weekend of May 30": the day named, not this weekend
_rule({"weekend"}, rf"\b(?:the\s+)?weekend\s+of\s+{WD_PREFIX}(?P<mon>{MONTH})\s+(?:the\s+)?(?P<day>{DAY}){YEAR}",
      _r_month_day)
_rule({"month"}, rf"\b(?:(?P<monthend>month[\s-]end|end\s+of\s+month|mid[\s-]month)"
                 rf"|(?:{POS}[\s-]+)?(?P<which>this|next|last|the)\s+month)\b", _r_month_rel)
_rule({"q", "quarter"}, rf"\b(?:(?P<qend>quarter[\s-]end|end\s+of\s+quarter)|(?:{POS}\s+)?"
                        rf"(?:q(?P<q>[1-4])(?:\s+(?P<qyear>(?:19|20)\d\d))?|(?:the\s+)?(?P<ordq>first|second|third|fourth)\s+quarter"
                        rf"|(?P<which>this|next|last|the|our|the\s+current)\s+quarter))\b", _r_quarter)
_rule({"year"}, rf"\b(?:(?P<yearend>year[\s-]end|end\s+of\s+year)|(?:{POS}\s+)?(?P<which>this|next|last|the)\s+year)\b",
      _r_year)
_rule(set(UNIT_DAYS) | {u + "s" for u in UNIT_DAYS},
      rf"\b(?:(?P<lead>in|within|over|during)\s+)?(?P<next>(?:the\s+)?next\s+)?(?P<n>{COUNT})\s+(?P<unit>{UNIT})"
      rf"(?:['’]s?)?(?:\s+time)?(?:\s+from\s+(?P<ref>today|now|tomorrow))?\b", _r_count)
_rule({"before", "after", "prior", "ahead", "following"},
      rf"\b(?P<n>{COUNT}|the)\s+(?P<unit>{UNIT})\s+(?P<dir>before|after|prior\s+to|ahead\s+of|following)\s+"
      rf"(?:the\s+|our\s+|your\s+|their\s+)?(?P<anchor>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){{0,2}})", _r_event)
# "two weeks before that", "the Saturday after that": a day said just before is the anchor
# (the call view dates it; `THAT` marks the mention)
_rule({"before", "after", "prior", "ahead", "following"},
      rf"\b(?:(?P<n>{COUNT}|the|a)\s+(?P<unit>{UNIT})|the\s+(?P<wd>{'|'.join(FULL_WEEKDAYS)}|weekend))\s+"
      rf"(?P<dir>before|after|prior\s+to|ahead\s+of|following)\s+(?:that|then|it)\b"
      rf"(?=\s*(?:[^\w\s]|$|(?:so|and|but|we|i|you|they|he|she|it|is|'s|which|when|date|day)\b))", _r_after_that)
_rule({"before", "after", "following"},
      rf"\bthe\s+(?P<wd>{'|'.join(FULL_WEEKDAYS)}|weekend)\s+(?P<dir>before|after|following)\s+"
      rf"(?:the\s+|our\s+|your\s+|their\s+)?(?P<anchor>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){{0,2}})", _r_weekday_event)
_rule(HOLIDAY_TRIGGERS, r"\b(?:" + "|".join(f"(?P<h{i}>{p})" for i, (p, _) in enumerate(HOLIDAYS))
      + r")\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", _r_holiday)
_rule({"soon", "sooner", "asap", "bit", "while", "shortly", "long", "eventually", "road", "line", "point",
       "future", "course", "few", "couple", "coming", "later", "days", "weeks", "months", "day", "week", "month"},
      rf"\b(?:{'|'.join(VAGUE_PHRASES)})\b", _r_vague)

# "sometime" is vague; with a date right after it ("sometime in March") the two merge.
_SOMETIME_RE = re.compile(
    r"\b(?:some\s?time|some\s+day|someday)"
    r"(?:\s+(?:in\s+)?(?:the\s+)?(?:this\s+|next\s+)?(?:spring|summer|fall|autumn|winter)\b)?", _I)
_SOMETIME_GAP_RE = re.compile(r"\s+(?:(?:in|during|around|by|before|after|on|over|within|at)\s+)?(?:the\s+)?", _I)


# --------------------------------------------------------------------------- public API

def find_dates(text: str, call_date: date) -> list[DateMention]:
    """All date mentions in `text`, sorted by position, non-overlapping (the longest wins)."""
    words = set(_TOKENS_RE.findall(text.lower()))
    hits: list[_Hit] = []
    for triggers, rx, handler in _RULES:
        if not triggers.isdisjoint(words):
            hits += filter(None, (handler(m, text, call_date) for m in rx.finditer(text)))
    if not words.isdisjoint(("sometime", "some", "someday")):
        hits += [_vague(m.start(), m.end()) for m in _SOMETIME_RE.finditer(text)]
    if not hits:
        return []
    return [_from_holiday(m, call_date) for m in _drop_weekly(
        [_mention(h, text) for h in _merge_sometime(_longest_non_overlapping(hits), text)
         if not _COMPOUND_AFTER.match(text, h.end)], text)]


# a length used as a word: "a week-long outage", "a two-day course" is no date
_COMPOUND_AFTER = re.compile(r"-(?:long|old|ish|plus)\b", _I)


def _from_holiday(m: DateMention, call: date) -> DateMention:
    """"the Monday after Halloween", "two days before Christmas": a day counted from a holiday
    is known at once."""
    if m.kind != "relative" or m.date is not None or m.offset_days is None or not m.anchor \
            or not _HOLIDAY_RE.fullmatch(m.anchor):
        return m
    make = next(make for pattern, make in HOLIDAYS if re.fullmatch(pattern, m.anchor, _I))
    day = resolve_relative(m, _pick_year(make, call))
    if m.weekday is not None or re.search(r"\bdays?\b", m.text, _I):
        return replace(m, date=day, first=day, kind="day")
    return replace(m, date=day + timedelta(days=6), first=day, kind="range")  # "the week before Thanksgiving"


_BARE_WEEKDAY = re.compile(rf"(?:on |this )?{WEEKDAY_NAME}", _I)
_WEEKDAY_JOIN = re.compile(r"\s*(?:,|,? and|,? or|&|/)\s*", _I)
_ROUTINE_BEFORE = re.compile(r"\b(?:every|usually|each|normally|typically)\W+(?:\w+\W+){0,2}$|"
                             r"\b(?:a|per) week,?\s+(?:usually\s+|on\s+)?$", _I)


def _drop_weekly(mentions: list[DateMention], text: str) -> list[DateMention]:
    """A routine is no date: "live sessions are Monday, Wednesday and Thursday", "I drop off
    on Sunday and Wednesday", "three nights a week monday wednesday friday", "usually tuesday"."""
    bare = [m for m in mentions if m.kind == "day" and _BARE_WEEKDAY.fullmatch(m.text.strip(" ,."))]
    routine = set()
    for a, b in zip(bare, bare[1:]):
        if _WEEKDAY_JOIN.fullmatch(text[a.end:b.start]) or not text[a.end:b.start].strip():
            routine.update((id(a), id(b)))
    for m in bare:
        if _ROUTINE_BEFORE.search(text[max(0, m.start - 40):m.start]) \
                or _HOURS_AFTER.match(text, m.end) and _OPENING_HOURS.search(text[:m.start]):
            routine.add(id(m))  # "usually tuesday", "Office hours are nine to six, Sunday ten to four"
    return [m for m in mentions if id(m) not in routine]


_OPENING_HOURS = re.compile(r"\b(?:hours|open|opens|closes|staffed)\b", _I)
_CLOCK = r"(?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)"
_HOURS_AFTER = re.compile(rf"\s*,?\s*(?:from\s+)?{_CLOCK}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:to|till|until|-|–)\s*{_CLOCK}\b", _I)


_HOLIDAY_RE = re.compile(r"\b(?:" + "|".join(p for p, _ in HOLIDAYS) + r")\b", _I)


def names_holiday(text: str) -> bool:
    """Whether a mention is a holiday by name ("Memorial Day"), which dates no step itself;
    "the Monday after Halloween" is a day counted from one."""
    return bool(_HOLIDAY_RE.search(text)) and not _COUNTED_FROM.search(text)


_COUNTED_FROM = re.compile(r"\b(?:before|after|ahead of|prior to)\b", _I)


def resolve_relative(mention: DateMention, anchor_date: date) -> date:
    """The day of an event-relative mention ("two weeks before go-live") once the event
    (`mention.anchor`) is dated."""
    if mention.offset_days is None:
        raise ValueError(f"not an event-relative mention: {mention.text!r}")
    if mention.weekday is not None:  # "the Monday after legal signs": step to that weekday
        day = anchor_date + timedelta(days=mention.offset_days)
        while day.weekday() != mention.weekday:
            day += timedelta(days=mention.offset_days)
        return day
    return anchor_date + timedelta(days=mention.offset_days)


def _start(h: _Hit) -> int:
    return h.start


def _longest_non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    """Longest first; a hit is kept when it overlaps none kept so far (kept in order)."""
    taken: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        i = bisect.bisect(taken, h.start, key=_start)
        if (i == 0 or taken[i - 1].end <= h.start) and (i == len(taken) or h.end <= taken[i].start):
            taken.insert(i, h)
    return taken


def _merge_sometime(hits: list[_Hit], text: str) -> list[_Hit]:
    """'sometime' + the date right after it -> one vague mention."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (prev and prev.kind == "vague" and _SOMETIME_RE.fullmatch(text, prev.start, prev.end)
                and _SOMETIME_GAP_RE.fullmatch(text, prev.end, h.start)):
            out[-1] = _vague(prev.start, h.end)
        else:
            out.append(h)
    return out


def _mention(h: _Hit, text: str) -> DateMention:
    return DateMention(
        start=h.start, end=h.end, text=text[h.start:h.end], date=h.date, first=h.first,
        kind=h.kind, vague=h.kind == "vague", offset_days=h.offset, anchor=h.anchor,
        prep=_prep_before(text, h.start), weekday=h.weekday,
    )
