"""Steps and their dates: step phrases in a sentence, nearest-date pairing, steps named only
by the clause in front of a date, and small talk that dates nothing."""
from __future__ import annotations

import re
from datetime import date

from ..dates import DateMention, names_holiday
from ..nlp import CallView, Sentence
from .facts import TargetFact
from .target import seller_line_before, target_event_words
from .vocab import NOT_NAMES, OPEN_STEPS, OUTCOME_STEPS, hypothetical


class StepsMixin:
    def step_spans(self, text: str, sent: Sentence | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, words, canonical step) for every step phrase in `text`."""
        out: list[tuple[int, int, str, str]] = []
        for start, end, words in self._all_steps.spans(text):
            if sent is not None and _verb_use(sent, start, _NOUN_STEPS):
                continue  # "people order ahead" is not the signed order
            if sent is not None and _verb_use(sent, start, _VERB_STEPS, as_pos="NOUN"):
                continue  # "i see from your file your current lease …": a folder, not a filing
            if sent is not None and _names_money(sent, end):
                continue  # "the migration credits … expire September thirtieth": an offer, no step
            if out and re.fullmatch(r"[\s-]{0,2}", text[out[-1][1]:start]):
                # "pilot set up", "integration cutover": one step, named by its first word
                prev = out.pop()
                out.append((prev[0], end, text[prev[0]:end], prev[3]))
                continue
            out.append((start, end, words, self.canonical(words)))
        return out

    def canonical(self, words: str) -> str:
        for name, c in self._step_cues:
            if c.regex.fullmatch(words) or c.search(words):
                # each kind of appointment is its own step: the fitting, the two-week check
                return " ".join(words.lower().replace("-", " ").split()) if name in OPEN_STEPS else name
        return words.lower()

    def pair(self, sentence: Sentence, skip: date | None = None):
        """Greedy one-to-one pairing of steps and dates in one sentence, nearest first;
        `skip` (the target date) dates no step but go-live."""
        # a holiday by name dates no step: "you'd blow right through that on Black Friday"
        dates = [d for d in sentence.dates if not d.vague and not names_holiday(d.text)]
        if not dates:
            return []
        steps = self.step_spans(sentence.text, sentence)
        if not steps:
            return []
        candidates = []
        for s in steps:
            if _AHEAD_OF.search(sentence.text[:s[0]]) and len(steps) > 1:
                continue  # "sign off … before the inspection": the step after "before" is not dated here
            if _ONCE_DONE.search(sentence.text[:s[0]]) and "," in sentence.text[s[1]:]:
                continue  # "He'll come measure after you sign, and he'll be there on the sixteenth": a condition
            if _DATE_WRITTEN_IN.search(sentence.text[:s[0]]):
                continue  # "your closing date on the contract is March 26th": the closing's date
            for d in dates:
                if s[1] <= d.start:
                    gap, between = d.start - s[1], sentence.text[s[1]:d.start]
                    if _BEFORE_EVENT.search(between):
                        continue  # "set up before your party on the nineteenth": the party's day
                elif d.end <= s[0]:
                    gap, between = s[0] - d.end + 25, sentence.text[d.end:s[0]]
                    if "," in between:  # "For May 18, staff training ..." leads in, not dates
                        continue
                else:
                    continue
                if skip and d.date == skip and s[3] not in OUTCOME_STEPS:
                    continue
                if d.end <= s[0] and self._leads.search(sentence.text[max(0, d.start - 25):d.start]):
                    continue  # "working back from April 20 we go live ..." leads in; it dates no step
                if gap > self.p.max_pair_gap and not (
                        s[1] <= d.start and gap <= 2 * self.p.max_pair_gap and _THAT_ONE.search(between)):
                    continue  # "a steel inspection, the county checks the rebar, that one's April 28th"
                crossing = sum(1 for o in dates if o is not d and _inside(o, s, d))
                crossing += sum(1 for o in steps if o is not s and _inside_span(o, s, d))
                if (re.search(r"[;:—]| - ", between) or "." in between.strip(" .")[:-1]) \
                        and not (s[1] <= d.start and _REFERS_BACK_TO_STEP.search(between)):
                    gap += 40  # a new clause, unless it points back at the step ("… visit — she needs to do that by …")
                candidates.append((gap + 50 * crossing, s, d))
        candidates.sort(key=lambda c: c[0])
        used_s, used_d, pairs = set(), set(), []
        for _, s, d in candidates:
            if id(s) in used_s or id(d) in used_d:
                continue
            used_s.add(id(s))
            used_d.add(id(d))
            pairs.append((s, d))
        # "the install two days before she's discharged so the wednesday the twenty fifth": the
        # day said again dates the step when the event it counts from is not dated
        for i, (s, d) in enumerate(pairs):
            again = next((o for o in dates if d.date is None and o.date and o.start >= d.end and id(o) not in used_d
                          and _SAME_DAY.fullmatch(re.sub(r"(?i)\bthe\s*$", "", sentence.text[d.end:o.start]))), None)
            if again is not None:
                pairs[i] = (s, again)
                used_d.add(id(again))
        return pairs

    # --- the whole path ---------------------------------------------------------------------

    def small_talk_only(self, view: CallView, sent: Sentence) -> bool:
        """Small talk ("my daughter's recital on the 21st") unless the sentence or the next one
        in the turn ties it to the business ("I want members booking from their phones by then")."""
        if not self._small_talk.search(sent.text) and not self._answers_small_talk(view, sent):
            return False
        nxt = view.beside(sent)
        near = sent.text + " " + (nxt.text if nxt else "")
        return not (self._business.search(near) or self._all_steps.search(near)
                    or self._seller_builds_on(view, sent) or self._counted_back_from(view, sent))

    def _counted_back_from(self, view: CallView, sent: Sentence) -> bool:
        """The call counts back from the sentence's own event ("the wedding is june thirteenth" …
        "the planting has to be done two weeks before the wedding"): it is the plan's, not small
        talk. Either side may count back; the sentence that does it is a step, not small talk."""
        events = self._events_in(sent.text)
        if not events:
            return False
        anchors = view.__dict__.get("_counted_back_anchors")
        if anchors is None:  # (sentence index, anchor) of every day counted back from an event, read once per call
            anchors = view.__dict__["_counted_back_anchors"] = [
                (o.index, d.anchor.lower()) for o in view.sentences for d in o.dates
                if d.kind == "relative" and (d.offset_days or 0) < 0 and d.anchor]
        return any(i >= sent.index and any(e in anchor for e in events) for i, anchor in anchors)

    def _events_in(self, text: str) -> set[str]:
        """The small-talk events a text names, with their other words ("wedding": "married", "aisle")."""
        return {w for m in self._small_talk.regex.finditer(text)
                for w in _SAME_EVENT.get(m.group(0).lower().split()[-1], (m.group(0).lower(),))}

    def _chit_chat(self, text: str, target: TargetFact | None) -> bool:
        """Small-talk words, but not the target's own event: on a marathon coach's call "a half
        marathon tune up race on august thirtieth" is a step."""
        events = target_event_words(target) if target is not None else set()
        return any(m.group(0).lower() not in events for m in self._small_talk.regex.finditer(text))

    def _answers_small_talk(self, view: CallView, sent: Sentence) -> bool:
        """"how's the little league going" / "opening day saturday": the reply to small talk."""
        last = seller_line_before(view, sent)
        if sent.is_seller or last is None or sent.index - view.by_turn[sent.turn.index][0].index > 1:
            return False  # the answer's first two sentences: "oh you know busy … it's saturday the 21st"
        return bool(_HOW_IS.search(last.text)) and bool(self._small_talk.search(last.text)
                                                         or _HOW_ARE_YOURS.search(last.text))

    def _seller_builds_on(self, view: CallView, sent: Sentence, tied: bool = True) -> bool:
        """The buyer's own event is the sale's finish line when the seller comes back to it later
        and ties the sale to it: the same day, the same event ("twice a week till the wedding"),
        the person it is for ("you want to … hear every word Ellie says"). Not `tied`: any
        mention back at all (for an event the meaning layer already reads as the goal)."""
        if sent.is_seller or not sent.dates or sent.span is None:
            return False
        days = {(d.date.month, d.date.day) for d in sent.dates if d.date}
        events = self._events_in(sent.text)
        names = {t.lower_ for o in view.by_turn[sent.turn.index] if o.span is not None for t in o.span
                 if t.pos_ == "PROPN" and t.is_alpha and len(t) > 2 and t.lower_ not in _MONTHS_AND_DAYS}
        for later in view.sentences[sent.index + 1:]:
            nxt = view.beside(later) if later.is_seller else None  # "Okay, June 20th. So working back from that, …"
            said = later.text + (" " + nxt.text if nxt is not None and nxt.turn.index == later.turn.index else "")
            if not later.is_seller or tied and not _TIES_TO.search(said):
                continue  # "happy early birthday!", "enjoy the conference": a nod, not a plan
            if days & {(d.date.month, d.date.day) for d in later.dates if d.date} \
                    or names & set(re.findall(r"[a-z]+", later.lower)) \
                    or tied and any(e in later.lower for e in events):  # "happy birthday" is a nod
                return True
        return False

    def carried_steps(self, view: CallView, pairs: dict, target: TargetFact | None) -> dict:
        """A step named without a date, dated by the speaker's next words: "then we put the
        permit in." / (buyer) "when?" / "Monday the thirteenth, first thing."; "I booked
        cleaners already. They come Friday the 17th." Returns {date sentence index: [(step
        sentence, step span, date)]}. The date must lead its sentence, and only one short
        turn of the other side may come between."""
        out: dict[int, list] = {}
        pending = None  # (sentence, span)
        dated: set = set()  # dates earlier steps already have
        asked = None  # (seller question, step span): "when do they meet" / "first tuesday of october"
        for sent in view.sentences:
            if pending is not None and not _still_open(view, pending[0], sent):
                pending = None
            if asked is not None and (sent.turn.index > asked[0].turn.index + 3 or sent.turn.index > asked[0].turn.index
                                      and sent.is_seller == asked[0].is_seller):
                asked = None  # answered in the other side's next turns ("what did we say?" … "June 2nd.")
            spans = [sp for sp in self.step_spans(sent.text, sent)  # not the anchor inside a date
                     if not any(d.start <= sp[0] and sp[1] <= d.end for d in sent.dates)]
            if spans and (back := _SET_BACK_FROM_VERB.search(sent.text[:spans[-1][0]])) is not None:
                # "wants the report uploaded to their portal two weeks before they sign": the
                # signing is what the step is set back from; the step is the thing before it
                spans = [sp for sp in spans if sp[1] <= back.start()] or self._thing_before(sent, back.start())
            elif not spans and not sent.dates and target is not None and _DUE_BEFORE_THAT.search(sent.text):
                # "And the policies have to be final before that." … "The Friday before the auditor
                # arrives, so the 20th.": a step in any kind of sale, dated in the next breath
                spans = self._thing_before(sent, len(sent.text))
            if sent.is_seller and target is not None and not sent.dates \
                    and ((found := _WHEN_STEP.search(sent.text)) is not None
                         or (found := _WHEN_DONE.search(sent.text)) is not None):
                word = found.group("step")
                asked = (sent, (found.start("step"), found.end("step"), word, self.canonical(word)))
            elif target is not None and sent.is_question and spans and not sent.dates \
                    and (_WHEN_THAT.search(sent.text[spans[-1][1]:]) or len(sent.text.split()) <= 4):
                # the buyer asks after a step, the seller dates it: "And the first fitting, when's that?",
                # "And go-live?"
                asked = (sent, spans[-1])
            elif target is not None and sent.is_question and not sent.dates \
                    and (named := _NAMED_THEN_WHEN.match(sent.text)) is not None:
                # any kind of step: "And the first coat, when's that?"
                word = named.group("step")
                asked = (sent, (named.start("step"), named.end("step"), word, self.canonical(word)))
            elif target is not None and (named := _WHEN_DOES_IT_HAPPEN.search(sent.text)) is not None \
                    and not any(d.end > named.start() for d in sent.dates):
                # "and when does the soil test thing happen that you mentioned": asked in so many words
                word = named.group("step")
                asked = (sent, (named.start("step"), named.end("step"), word, self.canonical(word)))
            elif asked is not None and sent.is_seller != asked[0].is_seller and not spans:
                ahead = [d for d in sent.dates if d.date and not d.vague and d.kind == "day"
                         and view.call_date < d.date < target.date]
                # a later turn of the other side answers only with the day itself ("June 2nd.")
                lead = LEAD_WORDS if sent.turn.index == asked[0].turn.index + 1 else 1
                if ahead and len(sent.text[:ahead[0].start].split()) <= lead \
                        and not self._small_talk.search(sent.text) and not _REFUND_WINDOW.search(sent.text) \
                        and not hypothetical(view, sent):
                    out.setdefault(sent.index, []).append((asked[0], asked[1], ahead[0]))
                if sent.dates:  # "Um." may come first: the answer is the turn's first dated sentence
                    asked = None
            dates = [d for d in sent.dates if d.date and not d.vague and d.kind in ("day", "range")
                     and d.date >= view.call_date and (target is None or d.date != target.date)
                     # "they'd do it the Saturday after the appraisal": dated once the appraisal is
                     or d.date is None and d.kind == "relative" and d.anchor]
            if spans:
                # "working backwards from the nineteenth the first thing i need is design sign off":
                # a date before the step is not its date
                pending = (sent, spans[-1]) if not any(d.end > spans[-1][0] for d in sent.dates) else None
                continue
            if pending is not None and sent.turn.is_seller == pending[0].turn.is_seller and dates \
                    and self._date_leads(sent, dates[0]) and dates[0].date not in dated \
                    and not sent.is_question and not self._small_talk.search(sent.text) \
                    and not self._unavailable.search(sent.text) and not _SIGN_OFF.match(sent.text) \
                    and not hypothetical(view, sent):
                # (not "just so you know we're closed friday the third": the seller's own calendar)
                out.setdefault(sent.index, []).append((pending[0], pending[1], dates[0]))
                pending = None
            for _, d in pairs.get(sent.index) or ():
                dated.add(d.date)  # "it's what keeps June 15 intact" dates nothing new
        return out

    def _thing_before(self, sent: Sentence, end: int) -> list:
        """The step a clause names before `end`, in any kind of sale: the object or subject it
        is about ("the report" in "wants the report uploaded"), not who wants it."""
        if sent.span is None:
            return []
        base = sent.span.start_char
        things = [t for t in sent.span if t.idx - base < end and t.pos_ == "NOUN"
                  and t.dep_ in ("dobj", "nsubj", "nsubjpass") and t.lower_ not in NOT_NAMES
                  and not (t.dep_ == "nsubj" and t.head.lemma_ in _WANTS)]
        return [(t.idx - base, t.idx - base + len(t), t.text, self.canonical(t.lemma_.lower()))
                for t in things[:1]]

    @staticmethod
    def _date_leads(sent: Sentence, d: DateMention) -> bool:
        """Only filler, pronouns and light verbs come before the date: "monday the thirteenth
        first thing", "they come Friday the 17th", "it's two days, the 12th and 13th"."""
        if sent.span is None:
            return False
        if _SO_THAT_BE.search(sent.text[:d.start]):
            return True  # "and she's in on tuesdays so that'd be tuesday the seventeenth"
        lead = [t for t in sent.span if t.idx - sent.span.start_char < d.start]
        return len(lead) <= LEAD_WORDS and all(
            t.pos_ in _LEAD_POS or t.lemma_ in _LIGHT_VERBS or t.lower_ in _BACK_REFS or t.lower_ in _LEAD_NOUNS
            for t in lead)

    def _clause_steps(self, sent: Sentence, pairs, target: TargetFact | None, verbs: bool = False,
                      since=None, plan_turn: bool = False):
        """In a sentence that already states a path step, a date left unpaired still dates the
        clause in front of it: "controls mapped by June 29", "load the recipe data by Feb 9".
        In the turn that lays out the plan back from the target (`plan_turn`), an event before
        the target is a step on the way ("the capex goes to our board on July 15")."""
        if sent.span is None:
            return []
        used = {id(d) for _, d in pairs}
        base = sent.span.start_char
        out = []
        if verbs and _told_in_the_past(sent.span.root):
            return []  # "the cooler died on the 27th": what happened is no step ahead
        for d in sent.dates:
            if id(d) in used or _one_of_options(sent, d):
                continue  # "the bill date can be the first or the fifteenth": a choice, no step's day
            # "the house gets broom clean two days before closing", "the monday after the appraisal
            # we start tagging": dated once its anchor is (PathFinder._resolve_relative)
            counted = d.kind == "relative" and d.date is None and bool(d.anchor) and not d.vague \
                and not _WINDOW_BEFORE.search(sent.text[:d.start])  # "cancel in the first thirty days after go-live"
            if not counted and (d.vague or d.date is None or d.kind != "day"
                                or names_holiday(d.text) and not _DUE_BY_HOLIDAY.search(sent.text[:d.start])):
                # a holiday is small talk unless something is due by it ("sprinklers fixed by memorial day")
                continue
            if not counted and since is not None and d.date < since:
                continue  # a day already past is no step ahead
            if target and d.date == target.date:
                continue
            prev = max((o for o in sent.dates if o.end <= d.start), key=lambda o: o.end, default=None)
            if len(out) >= 2 and prev is not None and out[-1][1] is prev \
                    and _SERIES.fullmatch(sent.text[prev.end:d.start]):
                # "… first session the 26th then april 23rd june 18th and the last one august 13th":
                # a laid-out series goes on with more of the step before
                span, _ = out[-1]
                out.append(((span[0], span[1], span[2], f"{span[3].split(' (')[0]} ({d.text.lower()})"), d))
                continue
            if any(o.end <= d.start and not sent.text[o.end:d.start].strip(" ,'’s-—").replace("is", "").strip()
                   and not _NARROWS(o, d, sent.text) for o in sent.dates if o is not d):
                continue  # "Memorial Day's the 25th": a date named twice, no step
            lo = max([0] + [o.end for o in sent.dates if o.end <= d.start]
                     + [m.end() for m in re.finditer(r"[,;:—]", sent.text[:d.start])]
                     # run-on speech: "step one you see the doctor on the 5th then the nurse …"
                     + [m.end() for m in _STEP_BREAK.finditer(sent.text[:d.start])])
            clause = [t for t in sent.span if lo <= t.idx - base < d.start]
            restated = next((o for o in sent.dates if o is not d and o.end == lo), None)
            named = _named_before_comma(sent, d, lo, clause) if restated is None else None
            if named is not None:
                clause = named
            elif restated is not None and (_SAME_DAY.fullmatch(sent.text[restated.end:d.start])
                                           or _NARROWS(restated, d, sent.text)):
                # "your first full session two weeks after the patch test so the twenty sixth",
                # "a staff briefing the day before the show so june 8": the same day said twice
                lo2 = max([0] + [m.end() for m in re.finditer(r"[,;:—]", sent.text[:restated.start])]
                          + [m.end() for m in _STEP_BREAK.finditer(sent.text[:restated.start])])
                clause = [t for t in sent.span if lo2 <= t.idx - base < restated.start]
            elif lo and all(t.lower_ in _BACK_REFS or t.is_punct or t.pos_ == "PRON" or t.lemma_ in _LIGHT_VERBS
                          for t in clause) and (verbs or any(t.pos_ == "PRON" for t in clause)):
                # "I booked cleaners already, they come Friday the 17th": the clause before names it
                # "Final headcount is due ten days before, so that's June 2nd": the clause before
                lo2 = max([0] + [m.end() for m in re.finditer(r"[,;:—]", sent.text[:lo - 1])])
                clause = [t for t in sent.span if lo2 <= t.idx - base < lo - 1]
            if lo and not any(t.is_alpha for t in clause) and sent.text[:lo].rstrip().endswith(("—", "-", ",")):
                # "The paramed exam — they come to your house — Friday, August 7th": the step is
                # named before the aside
                marks = [m.start() for m in re.finditer(r"[—;:]| - ", sent.text[:lo - 1])]
                lo2 = max([0] + [m + 1 for m in marks[:-1]]) if marks else 0
                clause = [t for t in sent.span if lo2 <= t.idx - base < (marks[-1] if marks else lo - 1)]
            if len(clause) > 14:  # run-on speech: "i get the letter i send the census out they come back
                # with quotes by september eleventh": the last subject starts the step's clause
                subj = [i for i, t in enumerate(clause) if t.dep_ == "nsubj"
                        and (t.pos_ == "PRON" or t.pos_ == "NOUN" and len(clause) - i <= 10)]
                if subj and len(clause) - subj[-1] <= 14:
                    if _told_in_the_past(clause[subj[-1]].head) or clause[subj[-1]].head.lemma_ == "get" \
                            and clause[subj[-1]].head.tag_ == "VBD":
                        continue  # "… and i got charged on friday the 24th": what happened
                    clause = clause[subj[-1]:]
            cut = next((i for i, t in enumerate(clause) if t.lower_ == "before"), None)
            if cut is not None and cut + 1 < len(clause) and clause[cut + 1].lower_ in ("that", "then", "it") \
                    and any(t.pos_ in ("NOUN", "VERB") for t in clause[cut + 2:]):
                clause = clause[cut + 2:]  # "we taper before that you do a half marathon tune up race on …"
            elif cut:  # "…sign off the remediation status before the inspection": what comes after is ahead
                clause = clause[:cut]
            nouns = [t for t in clause if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in NOT_NAMES
                     and t.lower_ not in _CLITICS and t.lower_ != "way"]  # the "s" of an ASR "thats" names nothing
            if not nouns:  # "Final fitting two weeks before": a gerund the tagger read as an adjective
                nouns = [t for t in clause if t.pos_ == "ADJ" and t.lower_.endswith("ing") and len(t) > 5][-1:]
            if not nouns:  # "I have to start by March 2", "we'd file it April 24th": the verb
                nouns = [t for t in clause if t.pos_ == "VERB" and t.lemma_ not in _LIGHT_VERBS and t.lower_ not in _CLITICS
                         and t.lemma_ not in _REPORTING][-1:]  # "and I figured April 16th": no step
            one = _THE_NTH_ONE.search(sent.text[lo:d.start]) if not nouns or all(
                n.lower_ in ("one", "ones") for n in nouns) else None
            if one is not None:
                # "your second check-in would be Saturday May 9th, and the first one would be …":
                # another of the step named before it
                named = [sp for sp in self.step_spans(sent.text[:lo + one.start()], sent)]
                if not named:  # "… between the fittings, so we figured the second one the 19th"
                    plural = [t for t in sent.span if t.idx - base < lo + one.start() and t.tag_ == "NNS"
                              and t.lemma_.lower() not in NOT_NAMES and t.lemma_.lower() != t.lower_]
                    named = [(p.idx - base, p.idx - base + len(p), p.lemma_.lower(), p.lemma_.lower())
                             for p in plural[-1:]]
                if named:
                    kind = re.sub(r"^(?:first|second|third|last|final|next) ", "", named[-1][3].split(" (")[0])
                    out.append(((lo + one.start(), lo + one.end(), f"{one.group(1).lower()} {named[-1][2]}",
                                 f"{kind} ({one.group(1).lower()})"), d))
                    continue
            if not nouns:  # "Priya comes out April 17th to do the load calculation": its purpose
                nouns = _purpose_after(sent, d)
            if not nouns:  # "then the monday after the appraisal we start tagging": what is done then
                nouns = _done_after(sent, d)
            if not nouns and (plan_turn or not verbs) and not any(t.is_alpha and t.lower_ not in _BACK_REFS
                                                                  for t in clause):
                # a plan read out date first: "Thursday, March twelfth is our last session",
                # "Saturday, February seventh, first full practice test."
                nouns = _named_after(sent, d)
            # the whole clause, a date inside it included: "our quarter ends March 31"
            lo_clause = max([0] + [m.end() for m in re.finditer(r"[,;:—]", sent.text[:d.start])])
            # "…an early bird, ten percent off, and that ends Sunday": "that" is the offer before
            refers = next((t.lower_ in ("that", "it", "which", "this") for t in clause
                           if t.pos_ not in ("CCONJ", "PUNCT", "INTJ")), False)
            if not nouns or len(clause) > 14 or self._chit_chat(sent.text[lo:d.start], target) \
                    or self._not_steps.search(sent.text[0 if refers else min(lo, lo_clause):d.start]) \
                    or self._event_near(sent, d, nouns_only=True, clause_from=max(lo, 1)) \
                    and not (plan_turn and target is not None and (d.date is None or d.date < target.date)) \
                    and not (sent.is_seller and _WE_DO.search(sent.text[lo:d.start])):  # "We'd do fieldwork May 4th": the seller's own work
                continue
            common = [t for t in nouns if t.pos_ != "PROPN"]
            # "my husband wants the sprinklers fixed by …": who wants it is not the step
            common = [t for t in common if not (t.dep_ == "nsubj" and t.head.lemma_ in _WANTS)] or common
            head = (common or nouns)[0] if verbs else nouns[-1]
            if refers and head.lemma_.lower() in _OFFER_ENDS or _BY_MAIL.search(sent.text[lo:d.start]) \
                    or re.search(r"(?i)\bon (?:the|their|his|her|its) way\b", sent.text[lo:d.start]):
                continue  # "that ends tuesday the thirty first" (an offer), "it should arrive in the mail by the twelfth"
            if head.lower_ in _NO_STEP_HEADS:
                continue  # "the next ones are January 24th, January 31st, …": a list of dates read out
            if any(t.lemma_.lower() in _RUNS_OUT for t in clause) or head.lemma_.lower() in _RUNS_OUT \
                    or head.dep_ == "compound" and head.head.lemma_.lower() in _MONEY:
                continue  # "the migration credits … expire September thirtieth": an offer running out, no step
            words = " ".join(t.text for t in clause if t.i <= head.i and t.pos_ not in ("PRON", "DET", "AUX", "ADP", "CCONJ", "PART", "ADV", "PUNCT"))
            # a step word the vocabulary knows keeps its name: "the install we'd do two days before …"
            name = self.canonical(head.text) if self._all_steps.regex.fullmatch(head.text.lower()) else head.lemma_.lower()
            out.append(((head.idx - base, head.idx - base + len(head.text), words or head.text, name), d))
        return out


_TIES_TO = re.compile(r"(?i)\b(?:till|until|before|by|in time for|ahead of|so that|you want|you need|work(?:ing)? back|count(?:ing)? back|"
                      r"(?:the|your) goal|for (?:the|your|her|his|their) (?:big )?(?:day|wedding|graduation|event))\b")
# the same event in other words: "my wedding is June 20th" … "walking down the aisle"
_SAME_EVENT = {"wedding": ("wedding", "married", "aisle", "bride"),
               "graduation": ("graduation", "graduate", "commencement")}
_MONTHS_AND_DAYS = set("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""".split())
_SERIES = re.compile(r"(?i)[\s,]*(?:(?:and )?then|and(?: the (?:last|final|next) one)?|the (?:last|final|next) one)?[\s,]*")
# the seller asks when a step happens; the buyer's answer dates it
_WHEN_STEP = re.compile(r"(?i)\bwhen(?:'s| (?:do|does|will|would|can|could|should|are|is)) (?:you|they|he|she|we|it|(?:the|your) \w+)"
                        r"(?: \w+){0,4}? (?P<step>(?!(?:be|do|go|get|have|happen|start|want|need|like|back|home|here|there|free|around|available|off|out|gone|away|in)\b)[a-z]{3,})\W*$")
# "when would you want the last tune-up done, ideally?"
_WHEN_DONE = re.compile(r"(?i)\bwhen (?:would|do|will|should|can|could) (?:you|we|they) (?:\w+ )?(?:want|need|like) (?:to have )?"
                        r"(?:the|your|that|this) (?:(?:first|second|third|last|final|next) )?(?P<step>[a-z]{3,}(?:-[a-z]+)?)"
                        r"(?: [a-z]+)? (?:done|finished|completed|booked)\b")
# a step named, then asked about: "the first fitting, when's that?", "and the survey — when would that be?"
_WHEN_THAT = re.compile(r"(?i)^\W*(?:\w+\W+){0,2}when(?:'s| is| would| will| do| does| can)\b(?: (?:that|it|they|we|you))?\b")
_NAMED_THEN_WHEN = re.compile(r"(?i)^\W*(?:(?:and|so|ok|okay|um|right)\W+){0,2}(?:then\W+)?(?:the|your|our) "
                              r"(?P<step>[a-z]+(?:[ -][a-z]+){0,2})\W*(?:—|-|,)\s*when(?:'s| is| would| will| do)\b")
_SET_BACK_FROM_VERB = re.compile(r"(?i)\b(?:\w+ (?:days?|weeks?|months?)|the (?:day|week)) (?:before|ahead of|prior to) "
                                r"(?:they|we|you|he|she|it|i)\s*$")
_DUE_BEFORE_THAT = re.compile(r"(?i)\b(?:has|have|needs?|must|should|gotta|got) (?:to )?be (?:\w+ )?(?:done|final|finished|ready|"
                              r"signed|in|approved|booked|complete|completed|in place|locked) (?:before|by) (?:that|then)\b")
# a goodbye: "See you Friday.", "talk thursday"
_SIGN_OFF = re.compile(r"(?i)^\W*(?:(?:ok(?:ay)?|alright|great|perfect|thanks)\W+)*(?:see you|talk (?:to you )?|speak (?:to you )?|catch you)\b")
_WANTS = frozenset({"want", "need", "like", "say", "think", "ask", "prefer", "insist"})
_DUE_BY_HOLIDAY = re.compile(r"(?i)\b(?:done|fixed|finished|ready|in|installed|complete|completed) (?:by|before) (?:the )?$")
# "and when does the the soil test thing happen", "When would you do the, um, the gap assessment?"
_WHEN_DOES_IT_HAPPEN = re.compile(r"(?i)\bwhen (?:does|do|will|would|is|'s|can|could) (?:(?:you|we|they) (?:do|run|schedule|book|start) )?"
                                  r"(?:the\W+(?:(?:um|uh)\W+)?)+(?P<step>(?!(?:rest|whole|thing)\b)[a-z]{3,}"
                                  r"(?: [a-z]{3,})?)(?:(?: (?:thing|stuff|part|bit))? (?:happen|get done|go in|take place)\b|\W*$)")
# "how's everybody doing over there", "how are the kids": chit-chat about the buyer's people
_HOW_ARE_YOURS = re.compile(r"(?i)\bhow(?:'?s| is| are| was)(?: \w+)? (?:everybody|everyone|the family|the kids|your "
                            r"(?:family|kids|wife|husband|mom|mum|dad|weekend|week|summer|holiday)|things|life)\b")
_HOW_IS = re.compile(r"(?i)\bhow(?:'?s| is| was| are| were)\b")  # chit-chat, not "when's the wedding"
_SAME_DAY = re.compile(r"(?i)[\s,]*(?:one )?(?:so|so that'?s|that'?s|which is|which'?s)[\s,]*")
_STEP_BREAK = re.compile(r"(?i)\b(?:and then|then|after that|step (?:one|two|three|four|\d))\b")
_THAT_ONE = re.compile(r"(?i)\b(?:that|this|which) one(?:'s| is| will be|'ll be|s)?\s*(?:on\s+)?$")
_ASIDE = re.compile(r"(?i)\s*(?:\w+ to \w+|all of it|the whole thing|soup to nuts|top to bottom)\s*")
_DATE_WRITTEN_IN = re.compile(r"(?i)\b(?:date|day|deadline)s? (?:on|in|of|under) (?:the |your |our |their )?$")
_BEFORE_EVENT = re.compile(r"(?i)\b(?:before|ahead of|in time for) (?:the |your |our |his |her |their |my )?"
                           r"[a-z]+(?: [a-z]+)? (?:on|is|'s)\s+(?:the\s+)?$")
_ONCE_DONE = re.compile(r"(?i)\b(?:after|once|as soon as) (?:you |we |they |it'?s |it is |the |your )?$")
_AHEAD_OF = re.compile(r"(?i)\bbefore (?:the |your |our |their |its )?$")
_NOUN_STEPS = {"order", "orders"}
_SO_THAT_BE = re.compile(r"(?i)\b(?:so|which)\s+(?:that'?d be|that would be|that'?ll be|that will be|it'?d be|it would be)\s+(?:on\s+)?$")
_OFFER_ENDS = {"end", "expire", "run", "close", "stop", "finish"}
# a document on its way to the buyer, not "invitations need to be in the mail by August 1st"
_BY_MAIL = re.compile(r"(?i)\b(?:arriv\w*|comes?|get (?:it|them)|receiv\w*)\b[^.?!]{0,12}\b(?:in|by) the (?:mail|post)\b")
# heads that name no step: "ones", and the words of a date before it ("February twenty-first")
_NO_STEP_HEADS = {"ones", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth"} | _MONTHS_AND_DAYS  # steps only as nouns
_VERB_STEPS = {"file"}  # steps only as verbs
_BACK_REFS = {"so", "that", "that's", "'s", "is", "which", "it", "it's", "would", "be", "then", "and", "on",
              "by", "the"}
_LIGHT_VERBS = {"be", "have", "need", "want", "get", "go", "do", "say", "think", "know", "see",
                "make", "let", "mean", "look", "come", "give", "take", "put", "try", "like",
                # the date itself, not a step: "we'll protect the 14th", "hold the 3rd"
                "protect", "hold", "keep", "block", "pencil", "note", "book", "lock", "save",
                "work", "walk", "count"}  # "working back from December 1" leads in


def _NARROWS(o: DateMention, d: DateMention, text: str) -> bool:
    """"the prep and the impression this week, Thursday the fifth": a day that pins down the
    week just named, the same time said twice."""
    return o.kind == "range" and d.kind == "day" and not o.vague and o.date is not None \
        and d.date is not None and 0 <= (o.date - d.date).days <= 6 \
        and re.fullmatch(r"[\s,—-]+", text[o.end:d.start]) is not None


def _purpose_after(sent: Sentence, d: DateMention) -> list:
    """The object of a "to VERB …" clause right after a date."""
    base = sent.span.start_char
    after = [t for t in sent.span if t.idx - base >= d.end][:8]
    if len(after) >= 3 and after[0].lower_ == "for" and after[1].pos_ == "DET" and after[2].pos_ == "NOUN" \
            and after[2].lower_ not in NOT_NAMES:
        return [after[2]]  # "then we come back wednesday the seventeenth for the stump"
    if len(after) < 2 or after[0].lower_ != "to" or after[1].pos_ != "VERB":
        return []
    return [t for t in after[2:] if t.pos_ == "NOUN" and t.lower_ not in NOT_NAMES][-1:]


def _done_after(sent: Sentence, d: DateMention) -> list:
    """"… the monday after the appraisal we start tagging": a pronoun subject, then the work."""
    base = sent.span.start_char
    # "The Friday after that, May 22nd, we finalize your evidence binder": past the day said again
    after = [t for t in sent.span if t.idx - base >= d.end and not t.is_punct
             and not any(o.start <= t.idx - base < o.end for o in sent.dates)][:5]
    if len(after) < 2 or after[0].pos_ != "PRON" or after[0].dep_ != "nsubj" or after[0].lower_ == "i":
        return []  # "this Saturday, the 9th, I'm running our spring workshop": the seller's own diary
    work = [t for t in after[1:] if t.pos_ == "VERB" and len(t) > 2
            and t.lemma_ not in _LIGHT_VERBS and t.lemma_ not in _STARTS]
    if not work:  # "the friday before the appraisal we do the final clean up": what the light verb does
        light = [t for t in after[1:3] if t.pos_ in ("VERB", "AUX") and t.lemma_ in ("do", "have")]
        return [c for c in light[0].children if c.dep_ == "dobj" and c.pos_ == "NOUN"][:1] if light else []
    thing = [c for c in work[0].children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return thing[:1] or work[:1]


# "And it's fully refundable until January 31st": a window to back out, no step
_REFUND_WINDOW = re.compile(r"(?i)\b(?:refund\w*|cancel\w*|money back|back out)\b")
_THE_NTH_ONE = re.compile(r"(?i)\bthe (first|second|third|last|final|next|other) one\b")
_WINDOW_BEFORE = re.compile(r"(?i)\b(?:in|within|during|for|up to)(?: the)?(?: first| next| last)?\s*$")
_CLITICS = {"s", "'s", "’s", "d", "ll", "re", "ve", "m", "t"}
_RUNS_OUT = {"expire", "lapse", "expiry", "expiration", "cancel"}
_STARTS = {"start", "begin", "finish", "wrap", "kick", "can", "will", "should"}


def _named_after(sent: Sentence, d: DateMention) -> list:
    """The step named right after a date that leads its clause, up to the next break."""
    base = sent.span.start_char
    after = []
    for t in sent.span:
        at = t.idx - base
        if at < d.end:
            continue
        if t.is_punct and t.text in ",.;:—-" and after or any(o.start <= at < o.end for o in sent.dates) \
                or t.lower_ in ("so", "because", "which", "and", "then") and after:
            break
        if t.pos_ == "ADP" and any(o.pos_ == "NOUN" for o in after):
            break  # "Tuesday, July 7th, a speaking session just on the questions": the step before "on"
        after.append(t)
    if len(after) > 6:
        return []
    named = [t for t in after if (t.pos_ == "NOUN" or t.pos_ == "ADJ" and t.i > 0 and t.nbor(-1).pos_ == "DET"
                                  and t.i + 1 < len(t.doc) and not t.nbor(1).is_alpha)  # "the diagnostic,"
             and t.lower_ not in NOT_NAMES]
    return named[-1:]


def _verb_use(sent: Sentence, offset: int, words: set[str], as_pos: str = "VERB") -> bool:
    """The word at `offset` is one of `words`, used as `as_pos`."""
    if sent.span is None:
        return False
    base = sent.span.start_char
    tok = next((t for t in sent.span if t.idx - base == offset), None)
    return tok is not None and tok.lower_ in words and tok.pos_ == as_pos


def _one_of_options(sent: Sentence, d: DateMention) -> bool:
    """The day is one of two offered: "the first or the fifteenth", "Tuesday or Thursday"."""
    return bool(_DAY_OR.search(sent.text[max(0, d.start - 30):d.start])) or any(
        _OR_BETWEEN.fullmatch(sent.text[o.end:d.start]) or _OR_BETWEEN.fullmatch(sent.text[d.end:o.start])
        for o in sent.dates if o is not d)


_OR_BETWEEN = re.compile(r"(?i),?\s+or\s+(?:on\s+)?(?:the\s+)?")
_DAY_OR = re.compile(r"(?i)\b(?:first|second|third|\w+teenth|\w+tieth|\w+th|\d{1,2}(?:st|nd|rd|th)|\w+day),?\s+or\s+(?:on\s+)?(?:the\s+)?$")


def _names_money(sent: Sentence, end: int) -> bool:
    """The step word only qualifies a sum of money: "migration credits", "install fee"."""
    if sent.span is None:
        return False
    base = sent.span.start_char
    last = next((t for t in reversed(sent.span) if t.idx - base < end), None)
    return last is not None and last.dep_ == "compound" and last.head.lemma_.lower() in _MONEY


_MONEY = {"credit", "cost", "fee", "price", "pricing", "discount", "budget", "quote", "estimate",
          "rate", "bill", "invoice", "offer", "promo", "incentive", "rebate", "charge", "deposit"}


def _inside(o: DateMention, s, d: DateMention) -> bool:
    lo, hi = sorted((s[0], d.start))
    return lo < o.start < hi


def _inside_span(o, s, d: DateMention) -> bool:
    lo, hi = (s[1], d.start) if s[1] <= d.start else (d.end, s[0])
    return lo <= o[0] and o[1] <= hi


LEAD_WORDS = 8  # a carried date leads its sentence: "monday the thirteenth first thing"
_LEAD_POS = {"PRON", "AUX", "DET", "ADP", "INTJ", "PUNCT", "NUM", "CCONJ", "ADV", "ADJ", "PART", "SPACE"}
_LEAD_NOUNS = {"day", "days", "morning", "mornings", "week", "weeks", "yeah", "um", "uh"}
BETWEEN_WORDS = 30  # the other side's words that may come between a step and its date


def _named_before_comma(sent: Sentence, d: DateMention, lo: int, clause) -> list | None:
    """A fragment names its step before a comma: "The first full draft, by September 15th";
    an aside like "start to finish" between is skipped. Only a noun phrase, not a clause
    ("because the Monday's the bank holiday, so Tuesday the 5th" names no step)."""
    commas = [m.start() for m in re.finditer(r",", sent.text[:d.start])]
    if not commas or commas[-1] >= lo or not any(t.is_alpha for t in clause) \
            or not all(t.lower_ in _BACK_REFS for t in clause if t.is_alpha):
        return None
    end, chunks = commas[-1], commas[:-1]
    while chunks and _ASIDE.fullmatch(sent.text[chunks[-1] + 1:end]):
        end, chunks = chunks[-1], chunks[:-1]
    start = chunks[-1] + 1 if chunks else 0
    base = sent.span.start_char
    named = [t for t in sent.span if start <= t.idx - base < end]
    words = [t.lower_ for t in named if t.is_alpha]
    return named if words and words[0] not in _SUBORDINATORS else None


_SUBORDINATORS = {"because", "since", "as", "so", "but", "if", "when", "and", "or", "although", "though",
                  "unless", "while", "cause", "cuz"}


def _told_in_the_past(root) -> bool:
    """"the cooler died on the 27th", "it was delivered"; not "your essay is locked October
    20th" or "it'll be signed by the 3rd" (a participle after a present or future auxiliary),
    nor what was said about what comes ("they told us they need the report by June 1st")."""
    if root.tag_ == "VBD":
        return not (root.lemma_ in _REPORTING and any(
            c.dep_ == "ccomp" and (c.tag_ in ("VBP", "VBZ", "MD") or any(a.tag_ == "MD" for a in c.children))
            for c in root.children))
    if root.tag_ == "VBN" and root.dep_ in ("ccomp", "xcomp", "oprd", "advcl") and root.head.lemma_ in ("get", "have", "want", "need") \
            and root.head.tag_ != "VBD":
        return False  # "monica is getting her p t evaluation done friday": what will be had done
    return root.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in _NOT_PAST_AUX
                                          for c in root.children)


# said or settled about what comes: "they told us they need …", "we figured the auditor arrives …"
_REPORTING = {"tell", "say", "mention", "write", "warn", "explain", "email", "text",
              "figure", "decide", "agree", "think", "reckon", "guess", "plan"}
_WE_DO = re.compile(r"(?i)\b(?:we|i)(?:'d|'ll| will| would| can| could)? (?:do|run|hold|start|begin|schedule|book)\b")
_NOT_PAST_AUX = {"is", "are", "'s", "am", "'re", "will", "'ll", "be", "gets", "get", "getting", "must",
                 "should", "can", "would", "'d", "d", "needs", "need"}  # raw ASR "wed have wrapped": we'd


def _still_open(view: CallView, step_sent: Sentence, sent: Sentence) -> bool:
    """Whether `sent` can still date the step named in `step_sent`: the same turn, or the same
    side's next turn after at most one short turn of the other side."""
    a, b = step_sent.turn.index, sent.turn.index
    if a == b:
        return True
    if b == a + 1:  # the other side's turn itself, or the same speaker going on in a new line
        return view.turns[b].is_seller != step_sent.turn.is_seller or view.turns[b].speaker == step_sent.turn.speaker
    if b == a + 2:
        between = view.turns[a + 1]
        # "when?" or a short aside may come between; a date of their own ("I've got the keys on
        # Thursday the 21st") is what the next words answer
        return between.is_seller != step_sent.turn.is_seller and len(between.text.split()) <= BETWEEN_WORDS \
            and not any(x.dates for x in view.by_turn.get(between.index, ()))
    return False


# "a short assessment visit — she needs to do that by Friday": the clause after the break is the step's
_REFERS_BACK_TO_STEP = re.compile(r"(?i)[;:—-]\s*(?:\w+ ){0,4}(?:do|get|have|finish|book|schedule|complete|wrap up) "
                                  r"(?:that|it|this)(?: done| back| in| booked| finished| up)?\s+(?:by|on|before)\s*$")
