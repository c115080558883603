"""Tables for analyzer.dates: what is found, how it resolves, and what is not a date."""
from __future__ import annotations

import timeit
from datetime import date

import pytest

from analyzer.dates import DateMention, find_dates, resolve_relative

D = date.fromisoformat
MON = D("2026-03-02")  # a Monday; this week is Mar 2-6, next week Mar 9-13
FRI = D("2026-11-20")  # a Friday
WED = D("2026-05-06")  # a Wednesday


def one(text: str, call: date) -> DateMention:
    found = find_dates(text, call)
    assert len(found) == 1, f"{text!r}: {found}"
    return found[0]


# (text, call_date, span text, kind, first, last)
DAYS = [
    # month + day, polished
    ("we need it live by May 18", MON, "May 18", "2026-05-18"),
    ("March 18th", MON, "March 18th", "2026-03-18"),
    ("18 March", MON, "18 March", "2026-03-18"),
    ("signature Mar. 6", MON, "Mar. 6", "2026-03-06"),
    ("saving target visible by April 30", MON, "April 30", "2026-04-30"),
    ("go-live Apr 5", MON, "Apr 5", "2026-04-05"),
    ("the 18th of March works", MON, "the 18th of March", "2026-03-18"),
    ("my son graduates on the 23rd of May", D("2026-02-10"), "the 23rd of May", "2026-05-23"),
    ("training done Apr 23", MON, "Apr 23", "2026-04-23"),
    ("June 10th", MON, "June 10th", "2026-06-10"),
    ("go live on October 19", D("2026-09-09"), "October 19", "2026-10-19"),
    ("Oct 19", D("2026-09-09"), "Oct 19", "2026-10-19"),
    ("May the 4th", MON, "May the 4th", "2026-05-04"),
    ("Sept 8", D("2026-08-11"), "Sept 8", "2026-09-08"),
    # ASR
    ("bins monitored by april twentieth", D("2026-02-25"), "april twentieth", "2026-04-20"),
    ("first patient in is december seventh", D("2026-10-20"), "december seventh", "2026-12-07"),
    ("staff trained by june nineteenth and uh", WED, "june nineteenth", "2026-06-19"),
    ("the contract executed by may fourth", WED, "may fourth", "2026-05-04"),
    ("march twelfth at the legion hall", D("2026-02-25"), "march twelfth", "2026-03-12"),
    ("staff training november thirtieth and", D("2026-10-20"), "november thirtieth", "2026-11-30"),
    ("irb submission november sixth olivia", D("2026-10-20"), "november sixth", "2026-11-06"),
    ("july twenty second", MON, "july twenty second", "2026-07-22"),
    ("july twenty-second", MON, "july twenty-second", "2026-07-22"),
    ("the thirty-first of may", MON, "the thirty-first of may", "2026-05-31"),
    ("live by july first otherwise", WED, "july first", "2026-07-01"),
    ("by may first", MON, "may first", "2026-05-01"),
    # numeric and ISO
    ("sign-off by 9/18.", D("2026-09-09"), "9/18", "2026-09-18"),
    ("review by 10/2. Then", D("2026-09-09"), "10/2", "2026-10-02"),
    ("3/15", MON, "3/15", "2026-03-15"),
    ("3/15/2027", MON, "3/15/2027", "2027-03-15"),
    ("2026-03-15", MON, "2026-03-15", "2026-03-15"),
    # weekday in front
    ("the signed order by Friday, Mar 6.", MON, "Friday, Mar 6", "2026-03-06"),
    ("Thursday, Apr 23, then.", MON, "Thursday, Apr 23", "2026-04-23"),
    ("moved it to Mon Nov 23", D("2026-09-15"), "Mon Nov 23", "2026-11-23"),
    ("Mon Nov 23", MON, "Mon Nov 23", "2026-11-23"),  # the weekday picks the year
    ("Tue Sep 8", D("2026-08-11"), "Tue Sep 8", "2026-09-08"),
    ("provisioned by Tuesday, September 8th, so", D("2026-08-11"), "Tuesday, September 8th", "2026-09-08"),
    ("signed and back by Fri 28th", D("2026-08-20"), "Fri 28th", "2026-08-28"),
    ("back by Friday the 28th to", D("2026-08-20"), "Friday the 28th", "2026-08-28"),
    ("signed by Friday the 25th", D("2026-09-15"), "Friday the 25th", "2026-09-25"),
    ("Friday the 25th", MON, "Friday the 25th", "2026-09-25"),  # next 25th that is a Friday
    ("approved by friday the twenty seventh", D("2026-02-25"), "friday the twenty seventh", "2026-02-27"),
    ("yep monday the thirtieth so", D("2026-02-25"), "monday the thirtieth", "2026-03-30"),
    ("in by Friday next week, April 3rd.", D("2026-03-24"), "Friday next week, April 3rd", "2026-04-03"),
    ("by this Friday, the 22nd.", D("2026-05-19"), "this Friday, the 22nd", "2026-05-22"),
    ("the following Wednesday, the 27th", D("2026-05-19"), "the following Wednesday, the 27th", "2026-05-27"),
    # explicit year wins
    ("March 18, 2025", MON, "March 18, 2025", "2025-03-18"),
    ("Sept. 8, 2027", MON, "Sept. 8, 2027", "2027-09-08"),
    ("18 March 2026", MON, "18 March 2026", "2026-03-18"),
    # year inference: [call - 60 days, call + 330 days]
    ("Jan 26", FRI, "Jan 26", "2027-01-26"),
    ("Feb 20", MON, "Feb 20", "2026-02-20"),
    ("Dec 3", FRI, "Dec 3", "2026-12-03"),
    ("Dec 15", D("2026-01-10"), "Dec 15", "2025-12-15"),
    ("Oct 30", D("2026-03-02"), "Oct 30", "2026-10-30"),
    ("Nov 1", MON, "Nov 1", "2026-11-01"),  # call + 244 days
    ("Nov 5", MON, "Nov 5", "2026-11-05"),  # call + 248 days (a wedding booked months out)
    ("Dec 20", MON, "Dec 20", "2026-12-20"),  # 72 days back is outside the window: ahead

    ("July 20", FRI, "July 20", "2027-07-20"),  # call + 242 days
    ("July 25", FRI, "July 25", "2027-07-25"),  # call + 247 days, not 118 days back
    ("Oct 1", FRI, "Oct 1", "2026-10-01"),  # call - 50 days: recent, so looked back on
    ("on 18 May", MON, "18 May", "2026-05-18"),
    # day of month only: next on/after the call
    ("the 12th", MON, "the 12th", "2026-03-12"),
    ("the 22nd", MON, "the 22nd", "2026-03-22"),
    ("on the 3rd", MON, "the 3rd", "2026-03-03"),
    ("on the 2nd", MON, "the 2nd", "2026-03-02"),
    ("the 1st", MON, "the 1st", "2026-04-01"),
    ("by the 13th", D("2026-11-04"), "the 13th", "2026-11-13"),
    ("the 31st", D("2026-04-10"), "the 31st", "2026-05-31"),
    ("the twenty second", MON, "the twenty second", "2026-03-22"),
    ("i can do the install on the thirtieth", D("2026-02-25"), "the thirtieth", "2026-03-30"),
    ("the fourteenth", MON, "the fourteenth", "2026-03-14"),
    ("The 14th works for the integration test", MON, "The 14th", "2026-03-14"),
    ("by the first", D("2026-09-15"), "the first", "2026-10-01"),
    # weekdays (call on a Monday)
    ("Monday", MON, "Monday", "2026-03-02"),
    ("Wednesday", MON, "Wednesday", "2026-03-04"),
    ("Sunday", MON, "Sunday", "2026-03-08"),
    ("can you sign by this Friday?", MON, "this Friday", "2026-03-06"),
    ("by Friday", MON, "Friday", "2026-03-06"),
    ("this coming Friday", MON, "this coming Friday", "2026-03-06"),
    ("next Monday", MON, "next Monday", "2026-03-09"),
    ("next Friday", MON, "next Friday", "2026-03-13"),
    ("last Thursday", MON, "last Thursday", "2026-02-26"),
    ("last Monday", MON, "last Monday", "2026-02-23"),
    ("Friday next week", MON, "Friday next week", "2026-03-13"),
    ("Tuesday of next week", MON, "Tuesday of next week", "2026-03-10"),
    ("Thursday's probably best", MON, "Thursday", "2026-03-05"),
    # weekdays (call on a Friday)
    ("Friday", FRI, "Friday", "2026-11-20"),
    ("next Friday", FRI, "next Friday", "2026-11-27"),
    ("Monday", FRI, "Monday", "2026-11-23"),
    ("next Monday", FRI, "next Monday", "2026-11-23"),
    ("last Friday", FRI, "last Friday", "2026-11-13"),
    # relative days
    ("today", MON, "today", "2026-03-02"),
    ("tonight I'll send it", MON, "tonight", "2026-03-02"),
    ("tomorrow", MON, "tomorrow", "2026-03-03"),
    ("yesterday", MON, "yesterday", "2026-03-01"),
    ("send it over this afternoon", MON, "this afternoon", "2026-03-02"),
    ("by end of day", MON, "end of day", "2026-03-02"),
    ("the day after tomorrow", MON, "the day after tomorrow", "2026-03-04"),
    ("end of next week", MON, "end of next week", "2026-03-13"),
    ("by the end of next week?", MON, "the end of next week", "2026-03-13"),
    ("end of the week", MON, "end of the week", "2026-03-06"),
    ("end of this week", MON, "end of this week", "2026-03-06"),
    ("mid next week", MON, "mid next week", "2026-03-11"),
    ("end of the month", MON, "end of the month", "2026-03-31"),
    ("month end", MON, "month end", "2026-03-31"),
    ("month-end", MON, "month-end", "2026-03-31"),
    ("in three weeks", MON, "in three weeks", "2026-03-23"),
    ("in 2 weeks", MON, "in 2 weeks", "2026-03-16"),
    ("two weeks from today", MON, "two weeks from today", "2026-03-16"),
    ("ten days from now", MON, "ten days from now", "2026-03-12"),
    ("in ten days", MON, "in ten days", "2026-03-12"),
    ("in two months", MON, "in two months", "2026-05-02"),
    ("starting in three weeks, on", D("2026-03-24"), "in three weeks", "2026-04-14"),
    # quarters, months, years as days
    ("end of Q2", MON, "end of Q2", "2026-06-30"),
    ("before the end of Q3.", D("2026-07-07"), "the end of Q3", "2026-09-30"),
    ("end of the quarter", MON, "end of the quarter", "2026-03-31"),
    ("end of our quarter", D("2026-08-20"), "end of our quarter", "2026-09-30"),
    ("quarter-end", MON, "quarter-end", "2026-03-31"),
    ("end of the year", MON, "end of the year", "2026-12-31"),
    ("year-end", MON, "year-end", "2026-12-31"),
    ("end of March", MON, "end of March", "2026-03-31"),
    ("end of February", FRI, "end of February", "2027-02-28"),
    ("mid-April", MON, "mid-April", "2026-04-15"),
    ("mid April", MON, "mid April", "2026-04-15"),
    ("the middle of April", MON, "the middle of April", "2026-04-15"),
    # holidays
    ("the Fourth of July", D("2026-06-16"), "the Fourth of July", "2026-07-04"),
    ("Any big Fourth of July plans?", D("2026-06-16"), "Fourth of July", "2026-07-04"),
    ("July 4th", D("2026-06-16"), "July 4th", "2026-07-04"),
    ("before Thanksgiving", D("2026-09-15"), "Thanksgiving", "2026-11-26"),
    ("Christmas", D("2026-06-16"), "Christmas", "2026-12-25"),
    ("New Year's Day", D("2026-06-16"), "New Year's Day", "2027-01-01"),
    ("Labor Day", MON, "Labor Day", "2026-09-07"),
    ("Memorial Day", MON, "Memorial Day", "2026-05-25"),
]


@pytest.mark.parametrize("text, call, span, expected", DAYS)
def test_days(text, call, span, expected):
    m = one(text, call)
    assert (m.text, m.kind, m.date, m.first, m.vague) == (span, "day", D(expected), D(expected), False)
    assert text[m.start:m.end] == m.text


RANGES = [
    ("approve it this week", MON, "this week", "2026-03-02", "2026-03-06"),
    ("approving the pilot this week?", D("2026-04-15"), "this week", "2026-04-15", "2026-04-17"),
    ("we'll talk next week", MON, "next week", "2026-03-09", "2026-03-13"),
    ("from last week", MON, "last week", "2026-02-23", "2026-02-27"),
    ("later this week", MON, "later this week", "2026-03-03", "2026-03-06"),
    ("this weekend", MON, "this weekend", "2026-03-07", "2026-03-08"),
    ("the week after next", MON, "the week after next", "2026-03-16", "2026-03-20"),
    ("early next week", MON, "early next week", "2026-03-09", "2026-03-10"),
    ("this month", MON, "this month", "2026-03-02", "2026-03-31"),
    ("next month", MON, "next month", "2026-04-01", "2026-04-30"),
    ("next month", D("2026-12-10"), "next month", "2027-01-01", "2027-01-31"),
    ("last month", MON, "last month", "2026-02-01", "2026-02-28"),
    ("early next month", MON, "early next month", "2026-04-01", "2026-04-10"),
    ("within 30 days", MON, "within 30 days", "2026-03-02", "2026-04-01"),
    ("within five business days", MON, "within five business days", "2026-03-02", "2026-03-09"),
    ("over the next two weeks", MON, "over the next two weeks", "2026-03-02", "2026-03-16"),
    ("Q2", MON, "Q2", "2026-04-01", "2026-06-30"),
    ("Q1", FRI, "Q1", "2027-01-01", "2027-03-31"),
    ("Q4", FRI, "Q4", "2026-10-01", "2026-12-31"),
    ("Q3 2027", MON, "Q3 2027", "2027-07-01", "2027-09-30"),
    ("this quarter", MON, "this quarter", "2026-03-02", "2026-03-31"),
    ("next quarter", MON, "next quarter", "2026-04-01", "2026-06-30"),
    ("next quarter", FRI, "next quarter", "2027-01-01", "2027-03-31"),
    ("in the second quarter", MON, "the second quarter", "2026-04-01", "2026-06-30"),
    ("early next year", MON, "early next year", "2027-01-01", "2027-03-31"),
    ("next year", MON, "next year", "2027-01-01", "2027-12-31"),
    ("this year", MON, "this year", "2026-03-02", "2026-12-31"),
    ("early May", MON, "early May", "2026-05-01", "2026-05-10"),
    ("late June", MON, "late June", "2026-06-21", "2026-06-30"),
    ("the first week of April", MON, "the first week of April", "2026-04-01", "2026-04-07"),
    ("the last week of April", MON, "the last week of April", "2026-04-24", "2026-04-30"),
    # a bare month only after a preposition (or with this/next/a year)
    ("in March", MON, "March", "2026-03-01", "2026-03-31"),
    ("by June", MON, "June", "2026-06-01", "2026-06-30"),
    ("during April", MON, "April", "2026-04-01", "2026-04-30"),
    ("until May", MON, "May", "2026-05-01", "2026-05-31"),
    ("through August", MON, "August", "2026-08-01", "2026-08-31"),
    ("before July", MON, "July", "2026-07-01", "2026-07-31"),
    ("after September", MON, "September", "2026-09-01", "2026-09-30"),
    ("back in october", D("2026-02-25"), "october", "2025-10-01", "2025-10-31"),
    ("above your volume since March.", D("2026-05-19"), "March", "2026-03-01", "2026-03-31"),
    ("since November", MON, "November", "2025-11-01", "2025-11-30"),
    ("in February", FRI, "February", "2027-02-01", "2027-02-28"),
    ("this November", MON, "this November", "2026-11-01", "2026-11-30"),
    ("next March", MON, "next March", "2027-03-01", "2027-03-31"),
    ("May 2026", MON, "May 2026", "2026-05-01", "2026-05-31"),
]


@pytest.mark.parametrize("text, call, span, first, last", RANGES)
def test_ranges(text, call, span, first, last):
    m = one(text, call)
    assert (m.text, m.kind, m.first, m.date, m.vague) == (span, "range", D(first), D(last), False)


VAGUE = [
    ("Talk soon.", "soon"),
    ("we'd have them onboarded soon after", "soon after"),
    ("we'd have them onboarded soon after that.", "soon after that"),
    ("get it back ASAP", "ASAP"),
    ("as soon as possible", "as soon as possible"),
    ("I'll circle back in a bit", "in a bit"),
    ("we'll follow up shortly", "shortly"),
    ("reconnect in a few weeks", "in a few weeks"),
    ("the paperwork is a few weeks", "a few weeks"),
    ("if go-live slides a couple of weeks?", "a couple of weeks"),
    ("a couple weeks", "a couple weeks"),
    ("in the coming weeks", "in the coming weeks"),
    ("go-live sometime in March, once", "sometime in March"),
    ("aim to have you live sometime next quarter.", "sometime next quarter"),
    ("Sometime next quarter, once the holidays calm down", "Sometime next quarter"),
    ("sometime in the spring", "sometime in the spring"),
    ("later this year", "later this year"),
    ("down the road", "down the road"),
    ("at some point", "at some point"),
    ("in the near future", "in the near future"),
    ("around March", "around March"),
    ("a week or two", "a week or two"),
]


@pytest.mark.parametrize("text, span", VAGUE)
def test_vague(text, span):
    m = one(text, MON)
    assert (m.text, m.kind, m.vague, m.date, m.first) == (span, "vague", True, None, None)


NOT_DATES = [
    "ten thirty", "at 2 pm", "at 9:30", "10:30 works", "ninety-nine percent",
    "The order form has a sixty-day checkpoint", "forty thousand a month in re-ships",
    "a three-year promise", "the 4 percent discount", "fifty percent",
    "we may need legal", "that may work", "this may take time", "May I ask a question",
    "we may first check with legal", "she marches with the band", "they march in the parade",
    "second shift", "first year", "phase one", "building A", "part eleven",
    "the first question", "in the second half", "last fall", "the first time",
    "the eleventh hour", "on the second floor", "the 3rd party", "the fourth Tuesday of the month",
    "the last Friday of the month is cycle count", "on a Friday", "every Monday", "on Mondays",
    "rather do it on a Wednesday than a Monday", "the best kind of Wednesday",
    "June said she would call", "April mentioned it", "so Jun isn't rebuilding them",
    "the March report", "the July slot is gone", "September is a heavy month",
    "3/4 of the team", "24/7 support", "2 1/2 days", "a week to ten days", "about three weeks",
    "four weeks of real data", "it runs ten days", "on day two", "week nine",
    "as soon as we sign", "how soon can you", "the last week of school is chaos",
    "with training the week before,", "which leaves two weeks before", "items 1 to 3 may change",
    "that'll take a while", "at the end of the day it's about value", "one more thing", "the second one",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert find_dates(text, MON) == []


def test_a_bare_weekday_is_kept_without_the_following_ordinal_word():
    m = one("Friday first thing", MON)
    assert (m.text, m.date) == ("Friday", D("2026-03-06"))


# ------------------------------------------------------------------ event-relative

EVENTS = [
    ("two weeks before go-live", "two weeks before go-live", -14, "go-live"),
    ("three days after kickoff", "three days after kickoff", 3, "kickoff"),
    ("a week before training starts", "a week before training", -7, "training"),
    ("the day before go-live", "the day before go-live", -1, "go-live"),
    ("10 days after signature", "10 days after signature", 10, "signature"),
    ("two weeks before the board review", "two weeks before the board review", -14, "board review"),
    ("we go live on October 19, two weeks before enrollment opens.",
     "two weeks before enrollment", -14, "enrollment"),
]


@pytest.mark.parametrize("text, span, offset, anchor", EVENTS)
def test_event_relative(text, span, offset, anchor):
    m = [m for m in find_dates(text, MON) if m.kind == "relative"]
    assert len(m) == 1
    m = m[0]
    assert (m.text, m.offset_days, m.anchor, m.date, m.first, m.vague) == (span, offset, anchor, None, None, False)


def test_resolve_relative():
    m = one("two weeks before go-live", MON)
    assert resolve_relative(m, D("2026-05-04")) == D("2026-04-20")
    assert resolve_relative(one("three days after kickoff", MON), D("2026-03-10")) == D("2026-03-13")
    with pytest.raises(ValueError):
        resolve_relative(one("May 4", MON), D("2026-05-04"))


@pytest.mark.parametrize("text, span, anchor, event, day", [
    ("we kick off the Monday after legal signs.", "the Monday after legal signs", "legal signs", "2026-10-23", "2026-10-26"),
    ("the permit goes in the tuesday after the scope comes back", "the tuesday after the scope", "scope",
     "2026-04-14", "2026-04-21"),  # a Tuesday event: the next Tuesday, never the same day
    ("in their hands the tuesday before the meeting", "the tuesday before the meeting", "meeting",
     "2026-10-06", "2026-09-29"),
])
def test_a_weekday_either_side_of_an_event(text, span, anchor, event, day):
    m = one(span, MON) if span == text else next(m for m in find_dates(text, MON) if m.kind == "relative")
    assert (m.text, m.anchor) == (span, anchor)
    assert resolve_relative(m, D(event)) == D(day)


# ------------------------------------------------------------------ prepositions and spans

PREPS = [
    ("can you sign by this Friday?", "this Friday", "by"),
    ("on the 3rd", "the 3rd", "on"),
    ("until May 18", "May 18", "until"),
    ("before the 20th", "the 20th", "before"),
    ("in March", "March", "in"),
    ("working back from April 20", "April 20", "from"),
    ("no later than Friday", "Friday", "no later than"),
    ("planting kicks off around april twentieth", "april twentieth", "around"),
    ("by the end of next week", "the end of next week", "by"),
    ("training done Apr 23", "Apr 23", None),
    ("today", "today", None),
]


@pytest.mark.parametrize("text, span, prep", PREPS)
def test_prep(text, span, prep):
    m = one(text, MON)
    assert (m.text, m.prep) == (span, prep)


def test_a_path_in_one_sentence_in_order():
    text = "So the path is live May 4, training done Apr 23, cutover Apr 14, and the paperwork this week."
    found = find_dates(text, MON)
    assert [m.text for m in found] == ["May 4", "Apr 23", "Apr 14", "this week"]
    assert [m.date for m in found] == [D("2026-05-04"), D("2026-04-23"), D("2026-04-14"), D("2026-03-06")]


def test_two_dates_in_one_sentence():
    found = find_dates("The 20th is next Friday. That's quick.", D("2026-02-10"))
    assert [(m.text, m.date) for m in found] == [("The 20th", D("2026-02-20")), ("next Friday", D("2026-02-20"))]


def test_asr_path():
    text = "staff trained by june nineteenth and uh the contract executed by may fourth"
    found = find_dates(text, WED)
    assert [(m.text, m.date, m.prep) for m in found] == [
        ("june nineteenth", D("2026-06-19"), "by"), ("may fourth", D("2026-05-04"), "by")]


def test_weekdays_match_the_calendar():
    for text, call in [("Friday, Mar 6", MON), ("Thursday, Apr 23", MON), ("Friday, August 28", D("2026-06-16")),
                       ("Monday, November 23rd", D("2026-09-15")), ("Friday the 13th", D("2026-11-04")),
                       ("Monday the 16th", D("2026-11-04")), ("Friday, May 1", D("2026-04-15"))]:
        m = one(text, call)
        weekday = text.split()[0].rstrip(",")
        assert m.date.strftime("%A") == weekday, text


SAMPLES = [
    "Can you get it signed by the end of next week? And honestly, the fifteen percent discount "
    "is tied to our quarter, which closes on the 31st.",
    "Ravi confirmed on Thursday that the 14th is open, and he penciled us in for Apr 14.",
    "we'd kick off on Monday the 16th, and you'd go live on December 1st, sometime in March, soon.",
    "Make it the 23rd. Thursday, Apr 23, then. Friday next week, April 3rd, in three weeks.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_sorted_non_overlapping_and_offsets(text):
    found = find_dates(text, MON)
    assert found
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    for m in found:
        assert text[m.start:m.end] == m.text
        assert (m.date is None) == (m.kind in ("vague", "relative"))
        assert m.vague == (m.kind == "vague")


def test_no_date_sentences_are_fast():
    sentences = [
        "Our solutions team met with the vendor and the interface is a standard connector.",
        "If our pick accuracy is below ninety-nine percent the chargebacks stack up quickly.",
        "I think the numbers look reasonable but I want to see the breakdown by site first.",
        "yeah so um the drivers are losing about an hour a day to bad sequencing you know",
    ] * 50
    seconds = timeit.timeit(lambda: [find_dates(s, MON) for s in sentences], number=5)
    assert seconds / (5 * len(sentences)) < 300e-6  # loose bound; typically ~10 us
