"""The target outcome date: scored candidates, then who anchored it (buyer, confirmed, seller)."""
from __future__ import annotations

import re
from datetime import date

from ..dates import DateMention, names_holiday
from ..nlp import CallView, Sentence
from .facts import TargetFact
from .vocab import hypothetical, OUTCOME_STEPS

OUTCOME_ROLE = "buyer_outcome"
SURE_OUTCOME = 0.95  # the head's reading that lifts a buyer's plain dated statement to a target
# a price or offer that ends: "the sale that ends Sunday", "pricing is good until …"
_PRICE_ENDS = (r"(?:price|pricing|deal|offer|sale|discount|special|promo\w*|waiver|rebate|cash|bonus)s? (?:that |which )?"
               r"(?:only )?(?:ends|is good|runs out|finishes|is over|expires|runs? (?:through|till|until)|good (?:through|till|until))|"
               # "the install fee's waived if we get it done by monday": the offer's end, no step
               r"(?:fee|fees|price|cost|charge)(?:'s| is| are)? waived (?:if|when|as long as)")
_OFFER_TERMS = re.compile(r"(?i)\b(?:offer (?:is )?(?:valid|ends|expires|runs)|valid (?:until|till|through|to)|"
                          r"promo\w*|coupon|(?:discount|promo|offer) code|expir(?:es|y|ing)|order by|"
                          + _PRICE_ENDS + r"|(?:percent|%) off|buy one,? get one|bogo)\b|"
                          r"[£$€] ?\d[\d,.]* off\b|\b\d+ (?:dollars|pounds|euros|bucks) off\b")
# the seller's price changing on a day: "Monday it goes back to full price", "the sale ends Sunday"
PRICE_CHANGES = re.compile(r"(?i)\b(?:(?:(?:goes|go|going) back (?:up )?|(?:it'?s|its) back )to (?:the )?(?:full|regular|normal|list)(?: price)?|"
                           + _PRICE_ENDS + r")\b")
# a buyer reading a screen or a letter aloud ("it says my bookings spin wednesday seven a m")
_READS_OUT = re.compile(r"(?i)\b(?:it|this|that|the (?:app|site|email|e-mail|letter|form|screen|page)) says\b|"
                        r"\bsays here\b")
# a reaction to the buyer's news, not a plan: "oh fun, how old", "aw congrats"
_CHAT_REPLY = re.compile(r"(?i)^\W*(?:(?:oh|aw+|ah|wow|ha\w*)\W+)*(?:nice|fun|cute|wow|sweet|lovely|how old|happy birthday|"
                         r"congrat\w*|that'?s (?:great|exciting|fun|awesome|sweet|cute|lovely|nice))\b|\bhow old\b")
# the buyer ties the purchase to the day: "we really wanted the pool for that", "the whole reason"
_FOR_IT = re.compile(r"(?i)\b(?:for that|for then|by then|before then|in time for|whole reason|the reason (?:we|i)|"
                     r"need (?:it|this|them|that) (?:by|for|before))\b")
# "So I start January 28th": someone's start (a step amid a path, no finish line)
STARTS = re.compile(r"(?i)\b(?:i|we|she|he|they|you)(?:'d|'ll| will| would| can)? (?:start|begin)s?\b")
_RECURRING = re.compile(r"(?i)\b(?:get|gets|got|getting) paid\b|\bpay ?(?:day|check|cheque)s?\b|\b(?:every|each) (?:month|week|other week|year)\b"
                        r"|\bof (?:every|each) month\b")
_CANNOT = re.compile(r"(?i)\b(?:can'?t|cannot|couldn'?t|won'?t be able to|not able to|(?:'m|am|are|'re|is|'s) not) "
                     r"(?:\w+ ){0,2}(?:start|come|make|do|be)(?:ing)?\b")


def _cannot_near(text: str, d) -> bool:
    """A "can't" in the date's own clause: within a few words either side of it."""
    return any(m.end() >= d.start - 40 and m.start() <= d.end + 25 for m in _CANNOT.finditer(text))


_SPOKEN_YEAR = re.compile(r"^\W*(?:(?P<num>(?:19|20)\d\d)\b|(?P<words>nineteen [a-z]+(?: [a-z]+)?|"
                          r"twenty (?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                          r"eighteen|nineteen|twenty(?:[- ][a-z]+)?)))", re.I)


def buyer_counts_back(view) -> list[list]:
    """Runs of three or more days ahead that the buyer's side names, each earlier than the one
    before, in one turn or over turns close together ("they'll countersign on March 31" … "the
    report uploaded two weeks before they sign. So March 17." … "the auditor arrives Monday,
    February 23rd"): the buyer works back from the first without saying so. Read once per call
    (the target and the path both ask)."""
    if "_buyer_runs" in view.__dict__:
        return view.__dict__["_buyer_runs"]
    view.__dict__["_buyer_runs"] = out = []
    run, last_turn = [], None
    for sent in view.sentences:
        if sent.is_seller:
            continue
        # "he's sailing around Croatia until August 3": someone's time away, not a step
        day = next((d.date for d in sent.dates[:1] if d.date and not d.vague and d.kind == "day"
                    and d.date > view.call_date and d.prep not in _SPAN_PREPS), None)
        if day is None or _NO_LONGER.search(sent.text):
            continue  # "The review isn't December 1st anymore.": a day taken back is no end to count from
        if run and day == run[-1]:
            last_turn = sent.turn.index  # "so if i fly june 1st …": the same day said again goes on
            continue
        if run and day < run[-1] and sent.turn.index - last_turn <= BACK_RUN_TURNS:
            run.append(day)
        else:
            if len(run) >= 3:
                out.append(run)
            run = [day]
        last_turn = sent.turn.index
    if len(run) >= 3:
        out.append(run)
    return out


BACK_RUN_TURNS = 8
_SPAN_PREPS = ("until", "till", "til", "through", "thru")
_NO_LONGER = re.compile(r"(?i)\b(?:isn'?t|is not|wasn'?t|no longer|not anymore|anymore)\b")


def _steps_follow(sent: Sentence, d: DateMention) -> bool:
    """A run-on sentence names the day and then two or more earlier days ahead ("they're looking at
    discharge tuesday the thirty first so … done friday the twenty seventh … saturday the twenty
    eighth"): a plan laid out back from it, whatever the head reads of the whole run."""
    later = [o.date for o in sent.dates if o.start > d.end and o.date and not o.vague and o.kind == "day"]
    return sum(1 for day in later if day < d.date) >= 2


def _past_year_after(text: str, d, view) -> bool:
    """"the twentieth of january nineteen ninety six", "june twenty twenty": a spoken or
    written year after the day that lies before the call is a past date, never a finish line.
    So is a holiday in a story about last year ("So last year, … before Black Friday — the site …")."""
    if names_holiday(d.text) and _LAST_YEAR.search(text[:d.start]):
        return True
    m = _SPOKEN_YEAR.match(text[d.end:])
    if not m:
        return False
    if m.group("num"):
        return int(m.group("num")) < view.call_date.year
    words = m.group("words").lower()
    if words.startswith("twenty twenty"):  # "black friday twenty twenty two"
        rest = words.split()[2:]
        return 2020 + (_UNITS.index(rest[0]) + 1 if rest and rest[0] in _UNITS else 0) < view.call_date.year
    return words.startswith("nineteen") or words.split()[1] in (
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen") or words in ("twenty twenty", "twenty twenty one", "twenty twenty-one")
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_LAST_YEAR = re.compile(r"(?i)\blast (?:year|season|time|christmas|holiday season)\b|\ba year ago\b")
# a question about the finish line, not about availability ("when are you free?")
_HEDGED = re.compile(r"(?i)\bcould be\b[^.?!]{0,40}\bcould be\b|\bis whenever\b|\bmaybe [^.?!]{0,25}\bmaybe\b")
_OWN_EVENT = re.compile(r"(?i)\b(?:and|then|so) (?:we|i)(?:'re| are| will|'ll)? (?:\w+ )?(?:open|opens|launch|launches|go live|"
                        r"get married|move in|close|graduate|start)\b")
_DONE = re.compile(r"(?i)\b(?:done|finished|completed?)\b")
_WHEN = re.compile(r"(?i)\b(?:when|what day|which day|what date)\b")
_DATE_QUESTION = re.compile(
    r"(?i)\b(?:date|deadline|timeline|by when|working toward|finish line|(?:same|which|what) (?:weekend|day|week)\b|"
    r"when(?:'s| is) it\b(?! (?:best|good|easiest))|"
    r"when (?:do|does|would|will) (?:you|it|this|that|they|he|she|we) (?:need|have to|want)|"
    r"when(?:'s| is| does| do) (?:the|your|it|that|this)\b(?! (?:best|good|easiest) time))")
_CHECK_TAG = re.compile(r"^[^.?!]{0,40},? (?:right|correct|yes|isn'?t it|is that right)\?\s*$", re.I)


class TargetMixin:
    def find_target(self, view: CallView, pairs) -> TargetFact | None:
        """The outcome date the call anchors on: led into ("working back from", "to be live
        by"), tied to an outcome word, said by the buyer, and not dating a step."""
        best, best_score = None, 0.0
        scores: dict[date, float] = {}
        first_by_date: dict[date, tuple[Sentence, DateMention]] = {}
        event_days: set[date] = set()
        # a date that dates a step anywhere in the call is that step's, not the finish line
        # (the buyer's too, when a seller asked them for a step's day: "when would you want the
        # last tune-up done?" … "and the first fitting the 5th")
        stepped_days = {d.date for i, p in pairs.items() for s, d in p
                        if s[3] not in OUTCOME_STEPS and (view.sentences[i].is_seller
                                                          or self._asked_for_step_day(view, view.sentences[i]))}
        # each sentence's pointer back ("That's the date.", "Working back from that:") and the
        # sentence it points at, found once; the days pointed at are read before any candidate
        backs = {}
        for sent in view.sentences:
            if sent.index in pairs:
                strength = self._refers_back(sent)
                backs[sent.index] = (strength, _last_dated_before(view, sent, across=bool(strength)))
        pointed = {_pointed_day(prev) for strength, prev in backs.values() if strength and prev is not None}
        buyer_first: dict[date, int] = {}  # where the buyer first named each day
        for sent in view.sentences:
            for d in sent.dates if not sent.is_seller else ():
                if d.date is not None and not d.vague:
                    buyer_first.setdefault(d.date, sent.index)
        for sent in view.sentences:
            if sent.index not in pairs:
                continue
            refers_back, prev = backs[sent.index]
            if refers_back and prev:
                day = _pointed_day(prev)  # "…on December 1st. That's fixed. So working back from that: …"
                # the buyer naming their own day as the one that counts: "…out on the 31st no
                # matter what. That's the date."
                own = not sent.is_seller and _same_breath(view, prev, sent) and _THAT_IS_THE_DATE.match(sent.lower.lstrip(" ,."))
                scores[day] = scores.get(day, 0.0) + refers_back + (3 if own else 0)
            # "so working back from that, the truck loads the 11th", "packing the two days before":
            # the sentence's own dates are steps ahead of a day already named
            steps_back = bool(refers_back or _STEPS_BACK.search(sent.text)) and prev is not None
            if steps_back and not refers_back:  # "I sign the lease May 15. Before that, Ravi …"
                day = _pointed_day(prev)
                scores[day] = scores.get(day, 0.0) + 2
            context = self._context(view, sent)
            answered = self._asked_for_date(view, sent)
            asked_event = self._asked_about_event(view, sent)
            if sent.is_seller and self._not_steps.search(sent.text):
                continue  # "pricing good until our fiscal year closes": the seller's date
            confirms_check = self._confirms_checked_date(view, sent)
            if not sent.is_seller and self._agreement.search(sent.text) and self._echoes_seller(view, sent) \
                    and not confirms_check:
                continue  # "May 8th is fine": agreeing to the seller's step date
            if not sent.is_seller and not confirms_check and self._repeats_seller_dates(view, sent):
                continue  # "The 30th, and then February 20th. Got it.": the seller's dates, noted
            if _OFFER_TERMS.search(sent.text) or _OFFER_TERMS.search(context):
                continue  # "Offer valid until 31 January", read aloud by either side: the seller's date
            if _RECURRING.search(sent.text):
                continue  # "i get paid on the first and the fifteenth": days that come round, no finish line
            if hypothetical(view, sent) or _HEDGED.search(sent.text):
                continue  # "say you start tomorrow", "could be mid november could be december": no finish line
            for d in sent.dates:
                if _cannot_near(sent.text, d):
                    continue  # "I can't start tomorrow"; not "…ends may 31st … they're not doing a day past"
                if d.vague or d.date is None or d.date <= view.call_date or d.kind != "day" \
                        or self._not_targets.regex.fullmatch(d.text) or _past_year_after(sent.text, d, view):
                    continue
                score = self._target_score(sent, d, context, d.date in stepped_days,
                                           answered and not sent.is_seller)
                if steps_back and d.date < _pointed_day(prev):
                    score -= 3
                if _set_back_next(view, sent, d) or SET_BACK_BEFORE.search(text_before(sent, d)):
                    # "… done by May fifth. That's two weeks before the expo.", "the tent company
                    # comes the thursday before so the eleventh": a step set back from an event
                    score -= 3
                if _STEP_DUE.search(text_before(sent, d)) and any(day > d.date for day in event_days):
                    # "the new contract kicks in july first" … "the july one has to be posted by june
                    # third": a deadline on the way to an event already named
                    score -= 2
                if confirms_check and d.date in confirms_check:
                    score += 3  # "Riya's first day back is March 2nd?" "Yes, March 2nd."
                if asked_event and d is next((o for o in sent.dates if o.kind == "day"), None):
                    score += 1  # "where's the recital" / "… saturday june thirteenth": the event's day
                if view.meaning.vetoes(sent, OUTCOME_ROLE) and d.date not in pointed and not _steps_follow(sent, d) \
                        and not (sent.is_seller and _YOU_ATTEND.search(text_before(sent, d))) \
                        and not (sent.is_seller and not sent.is_question
                                 and buyer_first.get(d.date, sent.index) < sent.index
                                 and self._leads.search(text_before(sent, d))):
                    # "say you start tomorrow", "I study on Saturdays": no finish line; the seller
                    # giving back the buyer's own day ("… before the family walks in on the twenty-sixth") still counts
                    continue
                if score > (2 if not sent.is_seller and not sent.is_question else 0):
                    # the head's reading adds to a date the rules already tie to an outcome; it
                    # cannot make one out of a bare date ("the next drill is on March 19")
                    score += _meaning_bonus(view.meaning.prob(sent, OUTCOME_ROLE, read=False))
                elif score == 2 and not sent.is_seller and not sent.is_question and not _READS_OUT.search(sent.text) \
                        and (view.meaning.prob(sent, OUTCOME_ROLE, read=False) or 0.0) >= SURE_OUTCOME:
                    # the buyer's own statement the head is sure names their goal: "So it's
                    # October 10th, at Hollow Creek Farm", "I want the new CFO in the seat by September 1"
                    score += 1
                if score <= 0:
                    continue
                scores[d.date] = scores.get(d.date, 0.0) + score
                first_by_date.setdefault(d.date, (sent, d))
                if self._event_near(sent, d):
                    event_days.add(d.date)
            if not sent.is_seller:
                # "the landlord hands over the keys april twentieth thats locked and we open may
                # twenty ninth": in the buyer's one breath, a day before their own event is a step to it
                for a, b in zip(sent.dates, sent.dates[1:]):
                    if a.date in scores and b.date and a.date and b.date > a.date and b.date in scores \
                            and _OWN_EVENT.search(sent.text[a.end:b.start]):
                        scores[a.date] -= 3
                        scores[b.date] += 1
        for sent in view.sentences:  # "so to make the fifteenth, the repair …": the day the plan serves,
            for d in sent.dates:  # unless a later day already stands out ("to make January 15th work")
                if d.date in scores and _TO_MAKE.search(sent.text[max(0, d.start - 30):d.start]) \
                        and not any(day > d.date and score >= 3 for day, score in scores.items()):
                    scores[d.date] += 2
        for first, *steps in buyer_counts_back(view):  # "I booked FAR for May 28th. … done with the
            if first in scores:  # lectures by May 14th … start by March 2nd …": the first day is the end,
                scores[first] += 3  # the others are steps on the way to it
                for day in steps:
                    if day in scores:
                        scores[day] -= 3
        # "the Friday before the listing goes live": a seller's step counted back from a
        # candidate's own event builds on that day
        counted_back = [_event_words(d.anchor) for s in view.sentences if s.is_seller for d in s.dates
                        if d.kind == "relative" and (d.offset_days or 0) < 0 and d.anchor]
        for day in [day for day in scores if day in first_by_date] if counted_back else ():
            words = _event_words(first_by_date[day][0].text)
            if words and any(anchor & words for anchor in counted_back):
                scores[day] += 1
        path_days = {d.date for p in pairs.values() for _, d in p
                     if d.date and not self._not_milestone_date.search(d.text)}
        path_days |= {d.date for sent in view.sentences if sent.index in pairs and self._step_like(view, sent)
                      for d in sent.dates if d.date and not d.vague and d.kind == "day"
                      and d.date > view.call_date and not self._event_near(sent, d)}  # any kind of sale
        for day in scores:  # the buyer's start before two steps of the path is no finish line: "So I begin March 14th"
            said = first_by_date.get(day)
            if said and not said[0].is_seller and STARTS.search(said[0].text) \
                    and sum(1 for d in path_days if d > day) >= 2 and day not in pointed:
                scores[day] -= 3
        for day in scores:  # a date after every step of the path is its finish line
            # "the listing goes live June 11th" dates no step of its own, unless a later day is in the running
            others = path_days - {day} if not any(o > day for o in scores) else path_days
            if len(others) >= 2 and day > max(others):
                scores[day] += 2 if day in event_days else 1
        for day, score in sorted(scores.items(), key=lambda kv: -kv[1]):
            # a day named only by "working back from that" has no sentence of its own to cite
            if score >= 3 and day in first_by_date \
                    and (day in pointed or self._built_on(view, day, *first_by_date[day], path_days)):
                best, best_score = day, score
                break
        if best is None:
            return None
        sent, mention = first_by_date[best]
        return self._anchor(view, best, sent, mention)

    def _built_on(self, view: CallView, day: date, sent: Sentence, mention: DateMention, path_days) -> bool:
        """A buyer's day the head doubts is a goal ("He starts puppy class on Saturday.", "i got
        my pottery class saturday") is the finish line only when the call builds on it: the
        seller names the day or its event too, steps are planned before it, or the buyer ties it
        to the purchase ("need it live by", "before then", "in time for")."""
        if sent.is_seller:
            return True
        # the head alone carries a day, unless the seller only chats about it ("my son's
        # birthday party is saturday the eighth" / "oh fun, how old") and never comes back to it
        # nor the buyer's own calendar told in passing ("we're leaving on a cruise March 6th", "my
        # sister is visiting, she lands friday the thirteenth"): that takes the seller building on it
        if (view.meaning.prob(sent, OUTCOME_ROLE, read=False) or 1.0) >= SURE_ENOUGH_ALONE \
                and not (self._small_talk.search(sent.text) and self._chatted_about(view, sent)) \
                and not OWN_CALENDAR.search(sent.text):
            return True
        if sum(1 for d in path_days if view.call_date < d < day) >= 2:
            return True
        if any(not o.is_seller and sent.turn.index <= o.turn.index <= sent.turn.index + 4 and WORKED_BACK.search(o.text)
               for o in view.sentences[sent.index:]):
            return True  # "I'm due April tenth." … "So I sort of worked it backwards last night."
        md = (day.month, day.day)
        # a bare day ("Saturday the 30th.") takes its event from the line before it
        told = sent.text if len(sent.text.split()) > 6 else self._context(view, sent) + " " + sent.text
        events = {m.group(0).lower()[:7] for m in self._outcome.regex.finditer(told)  # "graduating" … "graduation"
                  if len(m.group(0)) > 4 and not _GENERIC_OUTCOME.match(m.group(0))}
        if told is not sent.text:  # "we're doing the party here." / "Saturday the 30th." … "the week of the party"
            events |= {m.group(0).lower() for m in self._small_talk.regex.finditer(told) if len(m.group(0)) > 4}
        # "the show opens june 9" … (seller) "the day before the show so june 8": a step set back from it
        named = _nouns_before(sent, mention)
        for other in view.sentences:
            if other.is_seller and other.index > sent.index and any(
                    d.kind == "relative" and (d.offset_days or 0) < 0 and d.anchor
                    and d.anchor.lower().split()[-1] in named for d in other.dates):
                return True
            names_day = any(d.date and (d.date.month, d.date.day) == md and d.kind == "day" and not d.vague
                            and "week" not in d.text.lower() and not _ends_a_span(other, d) for d in other.dates)
            if other.is_seller and (_NOD.search(other.text) or PRICE_CHANGES.search(other.text)):
                continue  # "good luck with the first day tomorrow", "Monday it goes back to full price"
            if other.is_seller and names_day and {m.group(0).lower() for m in self._small_talk.regex.finditer(other.text)} \
                    - {m.group(0).lower() for m in self._small_talk.regex.finditer(sent.text)}:
                continue  # "this saturday actually theres the owners holiday party": the seller's own event that day
            if other.is_seller and other.index > sent.index and (names_day or any(e in other.lower for e in events)):
                return True
            if not other.is_seller and names_day and after_day_question(view, other):
                return True  # "is that a saturday?" "yeah saturday june sixth": the seller asked about it
        before = sent.text[max(0, mention.start - 60):mention.start]
        if OWN_CALENDAR.search(sent.text):
            return False  # "we're at the lake this weekend, well, before then actually, we leave thursday"
        return bool(self._leads.search(before) or self._tails.match(sent.text[mention.end:].lstrip(" ,"))
                    or self._business.search(sent.text) or self._business.search(self._context(view, sent)))

    def _chatted_about(self, view: CallView, sent: Sentence) -> bool:
        """The seller's next turn only reacts to the buyer's news ("oh nice, how old") and no
        later seller line names its day or its event again."""
        reply = view.next_turn_by(sent.turn, buyer=False)
        if reply is None or reply.index != sent.turn.index + 1 or not _CHAT_REPLY.search(reply.text) \
                or _FOR_IT.search(sent.turn.text):  # "… and we really wanted the pool for that"
            return False
        months = {d.date.strftime("%B").lower() for d in sent.dates if d.date}
        if any(m in reply.text.lower() for m in months):
            return False  # "oh wow eighty nice, yeah july should be doable"
        days = {(d.date.month, d.date.day) for d in sent.dates if d.date}
        events = {m.group(0).lower() for m in self._small_talk.regex.finditer(sent.text)}
        return not any(o.is_seller and o.turn.index > reply.index
                       and (days & {(d.date.month, d.date.day) for d in o.dates if d.date}
                            or any(e in o.lower for e in events)) for o in view.sentences[sent.index + 1:])

    def _refers_back(self, sent: Sentence) -> int:
        """How strongly a sentence points back at the day named just before it: "Working back
        from that:", "That's the date.", "So working backward." (3), "that's when …" (2)."""
        opening = sent.lower.lstrip(" ,.")
        if self._back_from_that.match(opening) or _THAT_IS_THE_DATE.match(opening) \
                or _WORKING_BACK_ALONE.match(opening):
            return 3
        return 2 if self._that_is_when.match(opening) and self._outcome.search(sent.text) else 0

    def _confirms_checked_date(self, view: CallView, sent: Sentence) -> set[date]:
        """The days a buyer's turn-opening "yes" repeats from the seller's question just before."""
        if sent.is_seller or view.by_turn[sent.turn.index][0].index != sent.index \
                or not self._confirmation.regex.match(sent.lower.lstrip(" ,.")):
            return set()
        last = seller_line_before(view, sent)
        if last is None or not last.is_question:
            return set()
        asked = {d.date for d in last.dates if d.date}
        return {d.date for d in sent.dates if d.date in asked}

    def _repeats_seller_dates(self, view: CallView, sent: Sentence) -> bool:
        """Every day the buyer names here the seller named first (before the buyer ever did), with
        no event word of the buyer's own beside it."""
        days = [d for d in sent.dates if d.date and not d.vague]
        if not days or any(self._event_near(sent, d) for d in days):
            return False
        first = view.first_mentions
        return all(d.date in first and first[d.date][0] < sent.index and first[d.date][1] for d in days)

    def _echoes_seller(self, view: CallView, sent: Sentence) -> bool:
        prev = view.turns[sent.turn.index - 1] if sent.turn.index > 0 else None
        if prev is None or not prev.is_seller:
            return False
        said = {d.date for s in view.by_turn.get(prev.index, []) for d in s.dates}
        return any(d.date in said for d in sent.dates)

    def _asked_for_date(self, view: CallView, sent: Sentence) -> bool:
        """The buyer's answer to "What's the date that matters?" names the finish line."""
        last = seller_line_before(view, sent)
        if last is None or view.by_turn[sent.turn.index][0].index != sent.index:
            return False
        return last.is_question and bool(_DATE_QUESTION.search(last.text))

    def _asked_for_step_day(self, view: CallView, sent: Sentence) -> bool:
        """The buyer's turns answer the seller's question about when a step should be done
        ("when would you want the last tune-up done?"): the days they give are steps. Read once
        per turn: the path and the target both ask it of every sentence."""
        memo = view.__dict__.setdefault("_asked_for_step_day", {})
        if sent.turn.index not in memo:
            memo[sent.turn.index] = self._seller_asked_step_day(view, sent)
        return memo[sent.turn.index]

    def _seller_asked_step_day(self, view: CallView, sent: Sentence) -> bool:
        t = sent.turn.index - 1
        while t >= 0 and not view.turns[t].is_seller:
            t -= 1
        said = view.by_turn.get(t, []) if t >= 0 else []
        return t >= sent.turn.index - 6 and any(
            q.is_question and _WHEN.search(q.text) and (self._all_steps.search(q.text) or _DONE.search(q.text))
            and not self._outcome.search(q.text) for q in said[-2:])

    def _asked_about_event(self, view: CallView, sent: Sentence) -> bool:
        """The buyer's answer to the seller's question about their event ("oh nice where's the
        recital")."""
        last = seller_line_before(view, sent)
        if sent.is_seller or last is None or view.by_turn[sent.turn.index][0].index != sent.index:
            return False
        return _WH_QUESTION.match(last.lower.lstrip(" ,.")) is not None \
            and bool(self._outcome.search(last.text) or self._small_talk.search(last.text))

    def _event_near(self, sent: Sentence, d: DateMention, nouns_only: bool = False, clause_from: int = 0) -> bool:
        """An outcome word near the date ("the gala on May 3"); with `nouns_only`, the words
        used as verbs do not count ("remediation needs to start by April 20" dates a step).
        `clause_from`: look no further back than the date's own clause, nor on past the next
        comma ("Closing the 12th, appraisal the 24th": the appraisal is no event)."""
        lo = max(clause_from, d.start - 60)
        after = sent.text[d.end:d.end + 40]
        cut = re.search(r"[,;:—]", after) if clause_from else None
        near = sent.text[lo:d.end + (cut.start() if cut else 40)]
        return any(not self._deployment.regex.fullmatch(m.group(0))
                   and not (nouns_only and (_verb_at(sent, lo + m.start())
                                            or _AFTER_BEFORE.search(sent.text[:lo + m.start()])))
                   for m in self._outcome.regex.finditer(near))

    def _context(self, view: CallView, sent: Sentence) -> str:
        """The sentence before in the same turn: "The Midsummer sale. It starts June 19." """
        prev = view.beside(sent, -1)
        if prev is None and sent.index > 0:  # a caption cut mid-thought: the same speaker's line before
            before = view.sentences[sent.index - 1]
            if before.speaker == sent.speaker and before.turn.index == sent.turn.index - 1:
                prev = before
        return prev.text if prev else ""

    def _target_score(self, sent: Sentence, d: DateMention, context: str, stepped: bool,
                      answered_date_question: bool = False) -> float:
        text = sent.text
        # the last other day named before this one ("Thanksgiving, November 26th" names one day)
        prev_end = max([o.end for o in sent.dates if o.end <= d.start and o.date != d.date], default=0)
        before = text[max(prev_end, d.start - 60):d.start]
        after = text[d.end:d.end + 40]
        score = 0.0
        lead = self._leads.search(before[-50:])
        if lead or self._tails.match(after.lstrip(" ,")):
            # "needs to be live by X" leads to a deployment date, not necessarily the finish line
            score += 2 if lead and self._deployment.search(lead.group(0)) else 3
            if lead and _WORKS_BACK_FROM.search(lead.group(0)):
                score += 1  # "So, working back from the fourteenth.": the day the plan hangs on
        # "…sign off before the inspection, so that's their June 1 meeting": the outcome named
        # after "before", apart from the date, makes the date a step ahead of it
        deadline = _DUE_BY.search(before) or lead and re.search(r"(?i)\b(?:by|due)\b", lead.group(0))
        if deadline and d.date and any(o.date and o.date > d.date and not o.vague
                                       and (_PURPOSE.search(text[max(0, o.start - 50):o.start])
                                            or _GIVEN.search(text[max(0, o.start - 30):o.start]))
                                       for o in sent.dates):
            # "to produce clean on the 30th, first-pass review has to be done by October 23rd":
            # a step's own deadline beside the later day it serves
            score -= 3
        ahead = _BEFORE_OUTCOME.search(before)
        if ahead and self._outcome.search(ahead.group(1)) and _apart(before[ahead.end():]):
            before = before[ahead.end():]
            score -= 2
        found = [m.group(0) for part in (before, after, context if not before.strip() else "")
                 for m in self._outcome.regex.finditer(part)]
        if found:
            # "live by X" is the finish line only when no buyer event is named with it
            events = [w for w in found if not self._deployment.regex.fullmatch(w)]
            score += 2 if events else 1
        if self._before_something.match(after.lstrip(" ,")):
            score -= 2
        if d.kind != "day":  # "next week", "Q3": a finish line is a day
            score -= 2
        if stepped:
            score -= 3
        if sent.is_seller and re.search(r"\byour\b", before[-45:], re.I) and found:
            score += 1  # "your fall campaign launches Sep 14": the buyer's event, in the seller's words
        if sent.is_seller and _YOU_ATTEND.search(before):
            score += 2  # "you're going to the bluegrass summer classic on the twenty fourth right"
        if sent.is_seller and _CHECK_TAG.search(text[d.end:]):
            score += 1  # "...move-ins are November 1, right?": the seller checks the buyer's date
        corrected = bool(self._correction.match(sent.lower) or self._correction.match(context.lower()))
        if not sent.is_seller and not sent.is_question:
            score += 2
            if answered_date_question:
                score += 2
            if corrected:
                score += 2
        return score

    def _anchor(self, view: CallView, day: date, sent: Sentence, mention: DateMention):
        """Who anchored the target: buyer said it, seller said it and buyer confirmed or
        corrected it in the next turn, or seller only."""
        seller_said = [s for s in view.sentences if s.is_seller and any(d.date == day for d in s.dates)]
        buyer_said = [s for s in view.sentences if not s.is_seller and any(d.date == day for d in s.dates)]
        if seller_said and (not buyer_said or seller_said[0].index < buyer_said[0].index):
            reply = view.next_turn(seller_said[0].turn)
            if reply is not None and not reply.is_seller:
                corrected = self._correction_in(view, reply, day, checked=seller_said[0].is_question)
                if corrected is not None:
                    s, d = corrected
                    return TargetFact(d.date, d.text, "buyer", s)
        if buyer_said:
            return TargetFact(day, _mention_text(buyer_said[0], day), "buyer", buyer_said[0])
        for seller_sent in seller_said[:1]:  # confirmed in the buyer's very next turn
            reply = view.next_turn(seller_sent.turn)
            if reply is None or reply.is_seller:
                continue
            first = view.by_turn[reply.index][0]
            if self._confirmation.regex.match(first.lower.lstrip(" ,.")):
                return TargetFact(day, _mention_text(seller_sent, day), "confirmed",
                                  seller_sent, confirmed_by=first)
        return TargetFact(day, mention.text, "seller", sent)

    def _correction_in(self, view: CallView, turn, day: date, checked: bool = False):
        """The buyer's reply puts another date in place of the seller's ("No, the 15th."); when
        the seller asked ("the review is September 1st, if I remember?"), a short reply that
        names another day ("Fifteenth. September 15.") corrects it too."""
        for s in view.by_turn.get(turn.index, []):
            for d in s.dates:
                if d.date and d.date != day and not d.vague and d.date > view.call_date:
                    if self._correction.search(s.text) or self._outcome.search(s.text) \
                            or checked and d.kind == "day" and len(s.text.split()) <= 8:
                        return s, d
        return None

    # --- credibility --------------------------------------------------------------------------


# the seller names where the buyer is going: the buyer's event, in the seller's words
_YOU_ATTEND = re.compile(r"(?i)(?<!\bare )\byou(?:'re| are|re|'ll be| will be) (?:going to|heading to|headed to|off to|competing (?:in|at)|"
                         r"showing (?:in|at)|racing (?:in|at)|playing (?:in|at)|running (?:in|at)|attending|flying (?:in)?to) "
                         r"(?:the|your|a) [\w' -]{3,60}? (?:on|this|next)\s+(?:the\s+)?$")
# "(and) to produce clean on the 30th, …", "so to make the fifteenth …": the later day a step serves
_PURPOSE = re.compile(r"(?i)(?:^|[,;]\s*|\b(?:and|so)\s+)(?:in order )?to [a-z]+(?: [\w']+){0,4}? (?:on |by |for )?(?:the )?$")
_STEP_DUE = re.compile(r"(?i)\b(?:has|have|needs?|must) to be (?:[a-z]+(?:ed|en)|done|ready|complete|in place|wrapped up) "
                       r"(?:\w+ ){0,2}?(?:by|before)\s+(?:the\s+)?$")


def text_before(sent: Sentence, d: DateMention) -> str:
    return sent.text[max(0, d.start - 60):d.start]


# "If I'm due the tenth, I want the album picked by April first": the later day is the reason
# the buyer's own words for counting back from their day: "So I sort of worked it backwards"
WORKED_BACK = re.compile(r"(?i)\b(?:work(?:s|ing|ed)? (?:it |this |that |everything |things )?(?:out )?back(?:ward|wards)?"
                             r"|count(?:s|ing|ed)? (?:it )?back(?:ward|wards)?)\b")
_GIVEN = re.compile(r"(?i)\b(?:if|since|because|given)\b[^,.;]{0,25}$")
_DUE_BY = re.compile(r"(?i)\b(?:by|due|no later than)\s+(?:on\s+)?(?:the\s+)?$")
_THATS_BEFORE = re.compile(r"(?i)^\W*(?:and )?(?:that'?s|that is|which is|so that'?s|it'?s) (?:\w+ ){0,3}"
                           r"(?:days?|weeks?|months?) (?:before|ahead of|prior to)\b")

SET_BACK_BEFORE = re.compile(r"(?i)\b(?:the (?:day|night|morning|evening|weekend|week|monday|tuesday|wednesday|thursday|"
                              r"friday|saturday|sunday)|(?:\w+|a) (?:days?|weeks?|nights?)) (?:before|prior)"
                              r"(?: (?:that|then|it))?(?:[ ,]*(?:so|which is|which'?d be|that'?s|that would be)|,)[ ,]*$")


def _set_back_next(view: CallView, sent: Sentence, d: DateMention) -> bool:
    """The sentence's last date is then said to sit some time before something else."""
    nxt = view.beside(sent)
    return nxt is not None and nxt.turn.index == sent.turn.index and d is sent.dates[-1] \
        and bool(_THATS_BEFORE.match(nxt.text))


def _event_words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{5,}", text.lower())} - {"there", "their", "about", "which", "would"}


_TO_MAKE = re.compile(r"(?i)\b(?:so |and )?(?:in order )?to (?:make|hit|meet|protect|be ready for|be done for|"
                      r"be ready by|get there by|land) (?:it (?:by |for )?)?$")
_BEFORE_OUTCOME = re.compile(r"(?i)\bbefore (?:the |your |our |their |its )?((?:[\w-]+ ){0,2}[\w-]+)")


_STEPS_BACK = re.compile(r"(?i)\bbefore (?:that|then|any of that|all (?:of )?that)\b|"
                         r"\b(?:days?|weeks?|nights?|months?) before\s*[,.;]|\b(?:count|work|walk)(?:ing|ed)? back\b")


# the head's reading above which a buyer's dated goal needs nothing else to back it
# (session 15: 0.8 agreed on 28 of the 41 regression calls this decides instead of 27 and passed 7
# false-pass targets instead of 11, but lost weddings and homecomings the head reads at 0.54-0.72;
# the head does not separate them, so 0.5 stays)
SURE_ENOUGH_ALONE = 0.5
# the buyer's household calendar: trips, visitors, school terms
OWN_CALENDAR = re.compile(r"(?i)\b(?:we'?re|i'?m|we are|i am|they'?re|she'?s|he'?s|we|i|they|we'?ll|i'?ll) (?:\w+ )?"
                           r"(?:leave|leaving|fly|flying|going|head(?:ing)? (?:out|off)|take off|taking off) "
                           r"(?:on|for|to) (?:a |our |the )?(?:cruise|vacation|holiday|trip|honeymoon|lake|beach|cabin)\b"
                           # family arriving: "my sister lands Friday the twelfth from Lagos"
                           r"|\b(?:sister|brother|mom|mother|dad|father|parents|in-laws|aunt|uncle|cousins?|grandparents|"
                           r"grandkids|friends?) (?:\w+ )?(?:lands|arrives|flies in|gets in|comes in|come in|arrive|land)\b"
                           # the day as a busy time, not a goal: "so the office is going to be chaos"
                           r"|\b(?:going to|gonna|will|'ll) be (?:total |complete |absolute |pure )?(?:chaos|crazy|a zoo|nuts|"
                           r"insane|hectic|a madhouse|a circus|mayhem|bedlam)\b"
                           r"|\b(?:we'?re|we are|we'?ll be) (?:\w+ )?at the (?:lake|beach|cabin|cottage|shore)\b"
                           r"|\b(?:is|are|'s|'re) (?:\w+ )?(?:visiting|coming (?:in|over|up|down|to (?:visit|stay)))\b"
                           r"|\bschool (?:starts|goes back|is back|lets out)\b")
def _ends_a_span(sent: Sentence, d: DateMention) -> bool:
    """"June eighth to the twelfth": the day closes someone's span (the seller's week away), it
    is not the buyer's day named again."""
    return any(o is not d and o.end <= d.start and _SPAN_JOIN.fullmatch(sent.text[o.end:d.start])
               for o in sent.dates)


_SPAN_JOIN = re.compile(r"(?i)\s*(?:to|through|thru|until|till|-|–)\s*")
# outcome words that name no event of their own ("School starts Wednesday": the seller's "starts" is another thing)
_GENERIC_OUTCOME = re.compile(r"(?i)(?:start|begin|end|open|land|hit|arriv|ship|drop|releas|due|ready|running|live|in place|kick|first )")


_NOD = re.compile(r"(?i)\b(?:good luck|best of luck|enjoy|have (?:a |so much )?(?:fun|great|good|lovely|nice|blast)|"
                  r"congrat\w*|happy \w+day|hope (?:it|she|he|they|you|the|that|everything))\b"
                  r"|^\W*(?:ha(?:ha)*|lol|oh (?:no|wow|man|boy)|yikes|ooh)\b")  # "ha friday the thirteenth": a laugh


_WH_QUESTION = re.compile(r"(?:(?:oh|so|and|okay|ok|nice|great|cool|wow)\W+){0,3}(?:where|when|what day|what date)(?:'?s| is| are| will| does| do)\b")
_WORKS_BACK_FROM = re.compile(r"(?i)\b(?:work|count|plan|map|walk)\w* (?:it |this |that |everything |things )?back(?:ward)?s? from")


def after_day_question(view: CallView, sent: Sentence) -> bool:
    """The buyer's turn answers the seller's question about a day ("when's the wedding?", "is
    that a saturday?")."""
    last = seller_line_before(view, sent)
    return last is not None and (last.is_question and bool(_DAY_QUESTION.search(last.text))
                                 or bool(_ASR_DAY_QUESTION.search(last.text)))


def seller_line_before(view: CallView, sent: Sentence) -> Sentence | None:
    """The last sentence of the turn before `sent`'s, when the seller said it: the question a
    buyer's turn answers."""
    if sent.turn.index == 0 or not view.turns[sent.turn.index - 1].is_seller:
        return None
    last = view.by_turn.get(sent.turn.index - 1, [])[-1:]
    return last[0] if last else None


# raw ASR drops the question mark: "is that the is that a saturday"
_ASR_DAY_QUESTION = re.compile(r"(?i)\b(?:is (?:that|it) (?:on )?(?:a |the )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                               r"|when(?:'?s| is) (?:that|it|the \w+)"
                               # "so when would you two be able to sign"
                               r"|when (?:would|will|can|could|do|does|should) (?:you|they|he|she|we|the \w+)(?: \w+){1,6})\W*$")
_DAY_QUESTION = re.compile(r"(?i)\b(?:when|what day|which day|what date|the date|is (?:that|it) (?:on )?(?:a |the )?"
                           r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|weekday))\b")


def _pointed_day(prev: Sentence) -> date:
    """The day a pointer back ("That's the date.") means: the last one named before it that
    does not only end a stay ("flying in november twentieth, staying through christmas")."""
    days = _days_to_point_at(prev)
    return days[-1].date if days else prev.dates[-1].date


def _days_to_point_at(sent: Sentence) -> list[DateMention]:
    return [d for d in sent.dates if d.date and not _STAY_END.search(sent.text[max(0, d.start - 12):d.start])]


_STAY_END = re.compile(r"(?i)\b(?:through|thru|till|until|til)\s+(?:the\s+)?$")


def _same_breath(view: CallView, prev: Sentence, sent: Sentence) -> bool:
    """`prev` is in `sent`'s turn, or in the turn just before by the same speaker (ASR splits a
    speaker's run of talk into several turns)."""
    return prev.turn is sent.turn or (prev.turn.index == sent.turn.index - 1
                                      and prev.turn.speaker == sent.turn.speaker)


def _last_dated_before(view: CallView, sent: Sentence, reach: int = 2, across: bool = False) -> Sentence | None:
    """The nearest sentence before `sent` in its turn (at most `reach` back) that names a day;
    `across` turns for a sentence that points back ("That's the date.", "So working backward.")
    at the opening of its turn, up to four sentences back in the call."""
    for step in range(1, reach + 1):
        prev = view.beside(sent, -step)
        if prev is None:
            break
        if _days_to_point_at(prev):
            return prev
    else:
        return None
    if not across:
        return None
    for prev in reversed(view.sentences[max(0, sent.index - 4):sent.index]):
        if _days_to_point_at(prev):
            return prev
    return None


# "First day of school is Thursday, August 20th. That's the date." / "So working backward."
# raw ASR runs on and pads it: "so like that's the date it has to be done i'm not doing …"
_THAT_IS_THE_DATE = re.compile(r"(?:(?:so|and|yeah|yes|yep|yup|exactly|right|like|um|uh|okay|ok),? ){0,3}that'?s (?:the|our|my|your) "
                               r"(?:date|day|deadline|drop[- ]dead date)(?:\W*$| (?:it|that|this|everything|we|i) "
                               r"(?:has|have|needs?|got) to be (?:done|finished|ready|in|live|installed|over)\b)")
_WORKING_BACK_ALONE = re.compile(r"(?:so |okay,? |ok,? |and |um,? )*(?:let'?s )?(?:work|working|count|counting|walk|walking)"
                                 r" (?:it |this )?back(?:ward|wards)?\W*$")


def _apart(between: str) -> bool:
    """Words between an outcome and a date that do not attach the date to it ("on", "which is")."""
    return "," in between or ";" in between or len(between.split()) > 3


_AFTER_BEFORE = re.compile(r"(?i)\bbefore (?:the |your |our |their |its )?$")  # "sign off before the inspection"


def _verb_at(sent: Sentence, offset: int) -> bool:
    if sent.span is None:
        return False
    base = sent.span.start_char
    tok = next((t for t in sent.span if t.idx - base == offset), None)
    return tok is not None and tok.pos_ in ("VERB", "AUX", "ADJ", "ADV")


def target_event_words(target) -> set[str]:
    """The nouns naming the target's event ("show" in "the show opens june 9")."""
    mention = next((d for d in target.sentence.dates if d.date == target.date), None)
    return _nouns_before(target.sentence, mention) if mention else set()


def _nouns_before(sent: Sentence, mention: DateMention) -> set[str]:
    """The event a buyer's date belongs to, named just before it ("the show opens june 9")."""
    if sent.span is None:
        return set()
    base = sent.span.start_char
    lead = [t for t in sent.span if mention.start - 30 <= t.idx - base < mention.start]
    # "the harbor city marathon october fourth": raw ASR tags the event's name a proper noun
    return {t.lower_ for t in lead if (t.pos_ == "NOUN" or t.pos_ == "PROPN" and t.lower_ not in _CALENDAR_WORDS)
            and len(t) > 3}


_CALENDAR_WORDS = frozenset("""january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())


def _meaning_bonus(p: float | None) -> float:
    """How much the head's reading of the sentence as the buyer's outcome adds to a date."""
    if p is None:
        return 0.0
    return 2.0 if p >= 0.9 else 1.0 if p >= 0.7 else 0.0


def _mention_text(sent: Sentence, day: date) -> str:
    for d in sent.dates:
        if d.date == day:
            return d.text
    return sent.text
