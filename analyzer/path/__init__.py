"""The backward path: the buyer's target outcome date and the dated milestones leading to it.

Facts, not verdicts: items, pitfalls and the close type read what this module finds.
Steps are paired with the date nearest to them in the same sentence; a step repeated later
counts once (at its last date); the target is the outcome date the call anchors on.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from ..cues import cues
from ..dates import DateMention, resolve_relative
from ..nlp import CallView, plan_note, told_past_at
from .facts import DatedStep, PathFacts, TargetFact
from .owners import OwnersMixin
from .steps import _REFUND_WINDOW, StepsMixin, _told_in_the_past
from .target import (_CHECK_TAG, OWN_CALENDAR, PRICE_CHANGES, SET_BACK_BEFORE, STARTS, buyer_counts_back, WORKED_BACK, TargetMixin, after_day_question,
                     target_event_words, text_before)
from .vocab import hypothetical, OUTCOME_STEPS, PathParams, stop_words

STEP_ROLE = "path_step"
__all__ = ["DatedStep", "PathFacts", "PathFinder", "PathParams", "TargetFact", "names_finish_line"]


class PathFinder(StepsMixin, TargetMixin, OwnersMixin):
    """Finds the target and the milestones of one call; parts live in the mixins."""

    def __init__(self, params: PathParams | None = None):
        self.p = params or PathParams()
        self._step_cues = [(name, cues(*pats)) for name, pats in self.p.steps.items()]
        self._all_steps = cues(*[pat for _, pats in self.p.steps.items() for pat in pats])
        self._outcome = cues(*self.p.outcome)
        self._leads = cues(*self.p.target_leads)
        self._small_talk = cues(*self.p.small_talk)
        self._unavailable = cues(*self.p.unavailable)
        self._correction = cues(*self.p.correction)
        self._confirmation = cues(*self.p.confirmation)
        self._owner_cues = cues(*self.p.owner_cues)
        self._not_milestone_date = cues(*self.p.not_milestone_dates)
        self._tails = cues(*self.p.target_tails)
        self._not_steps = cues(*self.p.not_steps)
        self._business = cues(r"by then", r"before then", r"in time for", r"live", r"system",
                              # the buyer ties their own event to the sale: "that's the whole reason
                              # we're doing this now", "we really wanted the pool for that"
                              r"(?:the )?(?:whole |main |only )?reason (?:we'?re|i'?m|we are|i am)",
                              r"that'?s why (?:we|i)", r"want(?:ed)? (?:the|it|this|that) (?:\w+ )?(?:for|by|before)",
                              r"roll ?out", r"implementation", r"platform", r"software", r"our team",
                              r"go[- ]?live", r"ready for")
        self._not_targets = cues(*self.p.not_targets)
        self._not_path = cues(*self.p.not_path)
        self._agreement = cues(*self.p.agreement)
        self._that_is_when = cues(r"(?:that'?s|that is|it'?s|which is|because that'?s) (?:when|the day)")
        self._back_from_that = cues(
            r"(?:(?:so|and|now|okay|ok|right|then),? )*(?:if (?:we|i) |let me |let'?s |i'?ll |we'?ll "
            r"|(?:everything|it all|all of it|the rest|we|i) )?"  # "Everything works back from that."
            r"(?:work|walk|count|map|plan)(?:s|ing)? (?:it |this |that |everything |things )?back(?:ward|wards)? from (?:that|there|it|then)",
            r"(?:\w+ ){0,4}(?:has|have|needs?|must) to be (?:live|ready|running|in place|done|working)"
            r" (?:for|by|before) (?:it|that|then)")
        self._before_something = cues(*self.p.before_something)
        self._works_back = cues(r"before (?:that|then|it)", r"work(?:s|ing|ed)? (?:it |this |that )?(?:out )?back",
                                r"backwards?", r"count(?:ing)? back", r"leading up",
                                r"(?:has|have|needs?) to (?:be|go|happen|get)\b.{0,60}\b(?:by|before)\b")
        self._moved = cues(r"moved", r"pushed", r"changed", r"slipped", r"brought (?:it )?forward", r"rescheduled")
        self._deployment = cues(*self.p.deployment)

    # --- steps --------------------------------------------------------------------------

    def find(self, view: CallView, ask_starts: Mapping[int, int] | None = None) -> PathFacts:
        """`ask_starts`: each ask's sentence and where in it the ask begins; a run-on ASR
        sentence may lay out path steps before its ask ("… by march 6 so can we get it signed")."""
        ask_starts = ask_starts or {}
        busy = {t.index for t in view.turns if _BUSY_NOTICE.search(t.text)}  # read once per turn
        pairs = {sent.index: self.pair(sent) for sent in view.sentences
                 if not self._unavailable.search(sent.text) and sent.turn.index not in busy
                 and (not self.small_talk_only(view, sent) or self._step_like(view, sent)
                      or self._outcome_like(view, sent)
                      and (sent.is_seller or self._seller_builds_on(view, sent, tied=False)))}
        target = self.find_target(view, pairs)
        if target:
            pairs = {i: self.pair(view.sentences[i], target.date) if p else p
                     for i, p in pairs.items()}
            # on a marathon coach's call "a half marathon tune up race" is no small talk
            pairs.update({sent.index: self.pair(sent, target.date) for sent in view.sentences
                          if sent.index not in pairs and sent.dates and not self._unavailable.search(sent.text)
                          and self._small_talk.search(sent.text) and not self._chit_chat(sent.text, target)})
        schedules = _schedule_turns(view, target)
        # a schedule read out to the buyer's day is read whole ("June 27th we do a reading drill")
        pairs.update({sent.index: self.pair(sent, target.date) for sent in view.sentences
                      if sent.index not in pairs and sent.turn.index in schedules and sent.dates})
        view.meaning.read_ahead(view.sentences[i] for i, p in pairs.items() if p)  # one encoder pass
        raw: list[DatedStep] = []
        events = target_event_words(target) if target else set()  # the nouns naming the target's event
        path_turns: set[int] = set()  # seller turns that have dated a step so far
        # "here's how I'd lay it out": the sentences that open a plan, read once per call
        lays_out = {o.index for o in view.sentences if _LAYS_OUT.search(o.text)
                    or o.is_seller and _YOU_WORK_BACK.search(o.text)}  # "so you're basically already working backwards"
        carried = self.carried_steps(view, pairs, target)
        # the buyer names the day and works back from it ("Everything works back from that."):
        # the steps they date after it, ahead of it, are their plan
        # ("I'm due April tenth." … "So I sort of worked it backwards last night.")
        plan_from = _buyer_works_back_from(view, target)
        # the plan is laid out before the ask (the first one after it opens: "can you hear me?" early on ends nothing)
        plan_to = min((i for i in ask_starts if plan_from is not None and i >= plan_from), default=len(view.sentences))

        # the buyer counting back from their own day, a day a line ("We open … June 22." "The movers
        # come Friday the 19th." "The cabling contractor has to be out by June 5."): each line a step
        counted_back = {day for run in buyer_counts_back(view) if target is not None and run[0] == target.date
                        for day in run[1:]}

        counted_lines: dict[int, bool] = {}

        def in_counted_back(sent) -> bool:  # asked up to three times a sentence: read once
            if sent.index not in counted_lines:
                counted_lines[sent.index] = _in_counted_back(sent)
            return counted_lines[sent.index]

        def _in_counted_back(sent) -> bool:
            mention = next((d for d in sent.dates[:1] if d.date and not d.vague and d.kind == "day"), None)
            if mention is None or len(_WORD.findall(sent.text[:mention.start] + sent.text[mention.end:])) < 3:
                return False  # "Thursday morning.", "Friday's... tight.": a day said, no step named
            first = mention.date
            # not an aside on the way: "The 25th works.", "I'm at a trade show the week of the 10th",
            # "Claire's coming down Sunday with the kids"
            return first in counted_back and _plain_statement(sent) and not self._small_talk.search(sent.text) \
                and not self._agreement.search(sent.text) and not OWN_CALENDAR.search(sent.text) \
                and not _AWAY.search(sent.text)

        def in_buyer_plan(sent, d) -> bool:
            return plan_from is not None and not sent.is_seller and plan_from <= sent.index < plan_to \
                and (d.date is None or d.date < target.date)
        for sent in view.sentences:
            for step_sent, s, d in carried.get(sent.index, ()):
                if sent.index in ask_starts or self._not_path.search(sent.text) or not _precise(d) \
                        or sent.is_seller and PRICE_CHANGES.search(sent.text) \
                        or self._not_milestone_date.search(d.text) or _already_past(view, sent, d):
                    continue
                if sent.is_seller:
                    path_turns.add(sent.turn.index)  # the seller's answer dates a step: the plan goes on
                raw.append(DatedStep(step=s[3], step_text=s[2], mention=d, date=d.date, sentence=sent,
                                     owner=self.owner(view, step_sent, s),
                                     # "when do they meet?" (seller) "first tuesday of october so the sixth"
                                     laid_out_by_buyer=not sent.is_seller and (
                                         step_sent.is_seller or self._step_like(view, step_sent)
                                         or in_buyer_plan(sent, d))))
            cut = ask_starts.get(sent.index)
            if sent.index not in pairs or cut is not None and cut < PATH_BEFORE_ASK or self._not_path.search(sent.text):
                continue
            found = list(pairs[sent.index])
            if found and view.meaning.vetoes(sent, STEP_ROLE) and not _restates_target(sent, target):
                continue  # a step word with a date that dates no step ("the trial week of the 5th")
            if hypothetical(view, sent):
                continue  # "say you found the house tomorrow": no step is planned
            if sent.is_seller and PRICE_CHANGES.search(sent.text):
                continue  # "Monday it goes back to full price": the seller's offer ending, no step
            if sent.is_seller and sent.is_question and sent.dates and _CHECK_TAG.search(sent.text[sent.dates[-1].end:]):
                continue  # "your inspection is September 1st, right?": checks the buyer's date
            # the turn that names the target and lays out what comes before it, either side
            # (a buyer who works back from it: "cleaners come the 17th, so the truck before that")
            target_turn = target is not None and not self._moved.search(sent.text) and (
                target.sentence.turn.index == sent.turn.index
                and (sent.is_seller or self._works_back.search(sent.turn.text))
                # the seller's turn that works back from the target named earlier: "Then working
                # back from that Friday: … Rick's crew sets it on Monday the 22nd."
                or sent.is_seller and target.sentence.index < sent.index
                and any(self._back_from_that.search(o.text) or _leads_from(self._leads, o, target)
                        or o.index in lays_out for o in view.by_turn[sent.turn.index] if o.index <= sent.index))
            # the closing ask's own time frame dates no path step, so it makes no path turn either
            # a plan that goes on past a short word from the buyer is read as strictly as any turn
            going_on = sent.is_seller and sent.turn.index not in path_turns \
                and _goes_on_with_plan(view, sent, path_turns) \
                and not any(o.index in ask_starts for o in view.by_turn[sent.turn.index])
            in_path_turn = target_turn or _set_back_from(sent, target, events) or _after_a_step(sent, raw, self.canonical) \
                or _set_back_from_named(sent, target) or in_counted_back(sent) \
                or _buyer_needs(sent) and any(in_buyer_plan(sent, d) for d in sent.dates if d.date and not d.vague) \
                or _plain_statement(sent) and not self._small_talk.search(sent.text) \
                and any(in_buyer_plan(sent, d) for d in sent.dates if d.date and not d.vague and d.kind == "day"
                        and not d.text.lower().startswith(("in ", "within "))) \
                or _starts_amid_path(sent, raw, target) or _follows_a_dated_step(sent, raw, target) \
                or sent.turn.index in schedules and not hypothetical(view, sent) \
                or not sent.is_seller and target is not None and self._asked_for_step_day(view, sent) \
                and any(d.date and not d.vague and view.call_date < d.date < target.date
                        and not d.text.lower().startswith(("in ", "within ")) for d in sent.dates) \
                or sent.is_seller and (
                sent.turn.index in path_turns or going_on or _answers_when(view, sent)
                or target is not None and any(o.index in lays_out for o in view.by_turn[sent.turn.index]
                                              if o.index <= sent.index) or any(
                pairs.get(o.index) for o in view.by_turn[sent.turn.index] if o.index not in ask_starts))
            if in_path_turn or self._step_like(view, sent):
                # any kind of sale: "cabinets get ordered by Sep 11", "I have to start by March 2"
                found += self._clause_steps(sent, found, target, verbs=not in_path_turn or not sent.is_seller or going_on,
                                            since=view.call_date,
                                            plan_turn=target_turn or in_counted_back(sent) or not sent.is_seller
                                            and _after_a_step(sent, raw, self.canonical) or not sent.is_seller
                                            and plan_from is not None and plan_from <= sent.index < plan_to)  # the buyer's own plan
                found.sort(key=lambda pair: pair[1].start)
            if cut is not None:  # only what comes before the ask is path
                found = [(s, d) for s, d in found if d.end <= cut]
            for s, d in found:
                if _SENDS_DOCUMENT.search(sent.text[max(0, s[0] - 40):s[1] + 25]):
                    continue  # "I'll get you the SOW by Friday": sending a document is no step; signing it is
                if self._not_milestone_date.search(d.text):
                    # "the application submitted tomorrow, August 4th": the calendar date beside it
                    d = next((o for o in sent.dates if o is not d and o.date == d.date and o.start >= d.end
                              and not self._not_milestone_date.search(o.text)), d)
                if self._not_milestone_date.search(d.text) or not _precise(d) or _already_past(view, sent, d) \
                        or _CANCEL_BY.search(sent.text[max(0, d.start - 45):d.start]):
                    continue  # "you can cancel up to Thursday the 12th": a window to back out, no step
                if sent.is_seller:
                    path_turns.add(sent.turn.index)
                raw.append(DatedStep(step=s[3], step_text=s[2], mention=d, date=d.date,
                                     sentence=sent, owner=self.owner(view, sent, s),
                                     laid_out_by_buyer=not sent.is_seller and (
                                         target_turn and (d.date is None or d.date < target.date)  # relative: resolved later
                                         or self._step_like(view, sent) or in_buyer_plan(sent, d) or in_counted_back(sent)
                                         or _after_a_step(sent, raw, self.canonical)
                                         # "when would you two be able to sign?" "we'd sign the 13th"
                                         or after_day_question(view, sent) and target is not None
                                         and d.date is not None and d.date < target.date)))
        raw = self._resolve_relative(raw, target, view)
        milestones = self._dedupe(raw, target, view)
        milestones = self._attach_owners(view, milestones)
        if target is None and len(milestones) < PATH_WITHOUT_TARGET:
            # with no finish line, one or two dated things ("the new version launched April 6th",
            # "reports by the fifteenth") are no path; a laid-out run of three or more still is
            milestones = []
        credible, problems = self.credibility(view, target, milestones)
        # the first timeline statement; naming the finish line itself ("before the inspection
        # on May 12", "live by April 1") is not one
        first = min((m.sentence for m in raw if m.sentence.is_seller
                     and not names_finish_line(m, target)), key=lambda s: s.index, default=None)
        return PathFacts(target, tuple(milestones), credible, tuple(problems), tuple(raw), first)

    def _outcome_like(self, view: CallView, sent) -> bool:
        """"My daughter's wedding is June 13" is small talk on most calls and the finish line on
        this one: the meaning layer tells which."""
        return view.meaning.confirms(sent, "buyer_outcome")

    def _step_like(self, view: CallView, sent) -> bool:
        """The meaning layer reads the sentence as dating a step on the path, either side."""
        p = view.meaning.prob(sent, STEP_ROLE, read=False)
        if p is None or sent.is_question:
            return False
        if sent.is_seller:
            return p >= STEP_LIKELY
        # a buyer's own plan: surer, and a step rather than the event it leads to ("the audit is the 14th")
        return p >= BUYER_STEP_LIKELY and p >= (view.meaning.prob(sent, "buyer_outcome", read=False) or 0.0)

    def _resolve_relative(self, raw: list[DatedStep], target: TargetFact | None = None,
                          view: CallView | None = None) -> list[DatedStep]:
        # the words the finish line was told in, in its turn and the two after ("She comes home on
        # the 27th." … "That's the discharge date."): "two days before she's discharged" counts back from it
        at = target.sentence.turn.index if target else 0
        said = " ".join(t.text for t in view.turns[at:at + 3]) if target and view else ""
        told = {w[:6] for w in re.findall(r"[a-z]{5,}", said.lower())}
        out = []
        for m in raw:
            if m.date is None and m.mention.kind == "relative" and m.mention.anchor:
                # "after legal signs": the whole anchor's step, else a step one of its words names
                words = m.mention.anchor.split()
                anchors = [self.canonical(m.mention.anchor)] + [self.canonical(w) for w in reversed(words)]
                base = next((o.date for a in anchors for o in raw if o.step.rstrip("s") == a.rstrip("s") and o.date), None)
                if base is None and target and {w[:6] for w in re.findall(r"[a-z]{5,}", m.mention.anchor.lower())} & told \
                        and not (m.sentence.span is not None and _told_in_the_past(m.sentence.span.root)):
                    base = target.date  # not "last year they delivered it six days before the deadline"
                if base:
                    m = replace(m, date=resolve_relative(m.mention, base))
            out.append(m)
        return out

    def _dedupe(self, raw: list[DatedStep], target: TargetFact | None, view: CallView):
        """One milestone per step: first-mention order, last stated date; the target is not a
        milestone; buyer-only steps count when they move a seller's step."""
        by_step: dict[str, DatedStep] = {}
        order: list[str] = []
        # a step's first mention, either side: the buyer who names "cleaners Friday the 17th"
        # before the rep dates the rest states that step first (credibility reads this order)
        first_said: dict[str, tuple[int, int]] = {}
        # the turns where the seller dates steps: a buyer's step ahead of the finish line counts
        # when it is said among them, not as an aside far from the plan
        seller_step_turns = {m.sentence.turn.index for m in raw if m.sentence.is_seller and m.date}
        for m in raw:
            if m.date is None:
                continue
            if target and m.date == target.date and (
                    m.step in OUTCOME_STEPS or m.sentence.index == target.sentence.index
                    and self._outcome.search(m.step_text)):
                continue
            if target and m.step in OUTCOME_STEPS and m.date == target.date:
                continue
            first_said.setdefault(m.step, (m.sentence.index, m.mention.start))
            if not m.sentence.is_seller and (m.step not in by_step or _duration(m.mention)) \
                    and not m.laid_out_by_buyer and not (
                        _ahead_of_target(m, target) and not _AGREES.search(m.sentence.text)
                        and any(abs(t - m.sentence.turn.index) <= 3 for t in seller_step_turns)):
                continue  # the buyer's own steps count when they lay out the plan themselves
            twin = next((o for o in by_step.values() if o.date == m.date and (
                _same_thing(o, m) or m.step_text.lower() in o.sentence.lower
                # a clause without a step word, on a date a step already has, refers back to it
                or not self._all_steps.search(m.step_text)
                # "ok so signed the tenth install the twentieth …": the plan read back, step by step
                or _reads_back(m, by_step.values()))), None)
            if twin is not None:  # "network review" restating "network and security review"
                if m.owner and not twin.owner:
                    by_step[twin.step] = replace(twin, owner=m.owner)
                continue
            phase = _phase(m)
            held = by_step.get(m.step)
            if held is not None and phase and _phase(held) and phase != _phase(held):
                # "the rollout starts March 30 … finishes the rollout by April 17": two steps
                m = replace(m, step=f"{m.step} ({phase})")
                first_said.setdefault(m.step, (m.sentence.index, m.mention.start))
            elif held is not None and held.date != m.date and _second_of_kind(held, m, self._moved):
                # "First parallel run December 15. Second parallel run December 31.": two steps
                m = replace(m, step=f"{m.step} ({m.step_text.lower()}, {m.date:%d %b})")
                first_said.setdefault(m.step, (m.sentence.index, m.mention.start))
            if m.step not in by_step:
                order.append(m.step)
                by_step[m.step] = m
            else:
                prev = by_step[m.step]
                by_step[m.step] = replace(prev, mention=m.mention, date=m.date,
                                          owner=prev.owner or m.owner)
        order.sort(key=lambda step: first_said.get(step, (1 << 30, 0)))
        return [by_step[s] for s in order]

    # --- owners -----------------------------------------------------------------------------

    def credibility(self, view: CallView, target: TargetFact | None, milestones) -> tuple[bool, list[str]]:
        problems = []
        if target is None:
            problems.append("no target date")
        if len(milestones) < 2:
            problems.append("fewer than 2 dated milestones")
        for m in milestones:
            if m.date is None:
                problems.append(f"{m.step}: date does not resolve")
            elif m.date < view.call_date:
                problems.append(f"{m.step} ({m.date:%d %b}) is before the call date")
            elif target and m.date > target.date:
                problems.append(f"{m.step} ({m.date:%d %b}) lands after the target ({target.date:%d %b})")
        dates = [m.date for m in milestones if m.date]
        if len(dates) >= 2:
            forward = all(a <= b for a, b in zip(dates, dates[1:]))
            backward = all(a >= b for a, b in zip(dates, dates[1:]))
            if not (forward or backward):
                problems.append("steps are stated out of order")
        return not problems, problems


def names_finish_line(m: DatedStep, target: TargetFact | None) -> bool:
    """"before the inspection on May 12", "live by April 1": the target itself, no path step."""
    return target is not None and m.step in OUTCOME_STEPS and m.date == target.date


PATH_BEFORE_ASK = 60  # characters of a sentence before its ask that can hold path steps
STEP_LIKELY = 0.7  # a dated sentence this likely to state a step is read for its step phrase
BUYER_STEP_LIKELY = 0.85


def _set_back_from(sent, target: TargetFact | None, events: set[str]) -> bool:
    """A step dated back from the buyer's event: "a staff briefing the day before the show so
    june 8" when the buyer said "the show opens june 9"; either side ("the planting has to be
    done two weeks before the wedding so may thirtieth")."""
    if target is None or not events:
        return False
    return any(d.kind == "relative" and (d.offset_days or 0) < 0 and d.anchor
               and d.anchor.lower().split()[-1] in events for d in sent.dates)


_DOCUMENT = r"(?:sow|contract|agreement|order form|paperwork|proposal|quote|engagement letter)s?"
_SENDS_DOCUMENT = re.compile(r"(?i)\b(?:(?:send|sending|sent|email|e-mail|emailing|shoot|drop|mail|forward)\w* (?:you |over |it |them |him |her )?"
                             r"|(?:get|getting|have) (?:you|it over to you) )(?:\w+ )?(?:the |a |an |your |our )?"
                             r"(?:draft |final |revised |updated |new )?" + _DOCUMENT +
                             r"\b(?!,? (?:\w+ )?(?:signed|countersigned|executed|approved|back|returned))")


def _set_back_from_named(sent, target: TargetFact | None) -> bool:
    """After the finish line is named, a day set back from it without naming it again: "and
    the tent company comes the thursday before so the eleventh"."""
    return target is not None and target.sentence.index < sent.index and any(
        d.date and d.date < target.date and SET_BACK_BEFORE.search(text_before(sent, d)) for d in sent.dates)


_AWAY = re.compile(r"(?i)\b(?:i'?m|we'?re|i am|we are|i'?ll be|we'?ll be) (?:at|away|off|out|traveling|travelling|flying)\b")


def _plain_statement(sent) -> bool:
    """In the buyer's own plan, a plain statement dates a step too: "So we figured the auditor
    arrives Monday, February 23rd." Not a question, nothing ruled out ("dont plan anything on the ninth")."""
    return not sent.is_seller and not sent.is_question and not _NOT.search(sent.text)


def _buyer_needs(sent) -> bool:
    """A buyer's step in their own plan, said as what must happen: "So the maternity shoot has
    to be Saturday the twenty-first." Not a question, not what will not happen."""
    return not sent.is_seller and not sent.is_question and bool(_MUST.search(sent.text)) \
        and not _NOT.search(sent.text)


_MUST = re.compile(r"(?i)\b(?:has to|have to|had better|needs? to|must|gotta|got to|should|(?:want|need)\w* (?:\w+ ){1,6}(?:by|before))\b")
_NOT = re.compile(r"(?i)\b(?:not|never|no|dont|wont|cant|didnt|doesnt|isnt|shouldnt)\b|n't\b")


def _after_a_step(sent, raw: list[DatedStep], canonical) -> bool:
    """A day counted from a step already dated: "the monday after the appraisal" (seller), "The
    Friday before the auditor arrives, so the 20th." (the buyer's own plan)."""
    held = {m.step.rstrip("s") for m in raw if m.date}  # "the movers come …" / "the day before the movers arrive"
    return any(d.kind == "relative" and d.date is None and d.anchor
               and any(canonical(w).rstrip("s") in held for w in (d.anchor, *d.anchor.split())) for d in sent.dates)


def _starts_amid_path(sent, raw: list[DatedStep], target: TargetFact | None) -> bool:
    """While steps are being dated back from the target, "So I start January 28th": the start,
    said by either side, is the path's first step."""
    if target is None or sent.is_question or not STARTS.search(sent.text):
        return False
    recent = [m for m in raw if m.date and sent.turn.index - AMID_PATH_TURNS <= m.sentence.turn.index <= sent.turn.index]
    return bool(recent) and any(d.date and not d.vague and d.date < min(m.date for m in recent) for d in sent.dates)


AMID_PATH_TURNS = 4
_DUE_AHEAD = re.compile(r"(?i)\b(?:has|have|needs?) to (?:be|go|get)\b.{0,60}\b(?:before|ahead of|in time for)\b")
_IF = re.compile(r"(?i)\b(?:if|unless|in case)\b")
_GOES_ON = re.compile(r"(?i)^\W*(?:ok(?:ay)?|so|and|then|right|great|perfect|got it|alright|all right)\b")


def _follows_a_dated_step(sent, raw: list[DatedStep], target: TargetFact | None) -> bool:
    """The seller goes on from a step just dated, by either side ("when's your vet doing the
    health papers" / "wednesday the fifteenth" / "ok so … then we'd pick em up the day before
    the show"), or sets a step's deadline once the path is under way ("we need the coggins drawn
    on her by friday the seventeenth")."""
    if target is None or not sent.is_seller or sent.is_question:
        return False
    ahead = [d for d in sent.dates if not d.vague and (d.date is None or d.date < target.date)]
    if not ahead:
        return False
    if _IF.search(sent.text):
        return False  # "if you change your mind about Nashville, there's a panel on March 10th"
    t = sent.turn.index
    if any(t - 2 <= m.sentence.turn.index < t for m in raw) and _GOES_ON.match(sent.turn.text) is not None:
        return True
    if _MUST.search(sent.text) is None or _NOT.search(sent.text):
        return False
    # before any step is dated, only a deadline set against the event: "Sod has to go down by
    # the 16th, two weeks before"; not "he has to testify thursday", "it should get there by thursday"
    return bool(raw) or bool(_DUE_AHEAD.search(sent.text))


def _restates_target(sent, target: TargetFact | None) -> bool:
    return target is not None and any(d.date == target.date for d in sent.dates)


_PAST_MARK = re.compile(r"(?i)\b(?:last|past|ago|already|was|were|did|had|came|went|passed|happened)\b")


def _answers_when(view: CallView, sent) -> bool:
    """The seller's answer to the buyer's "when would the credentialing actually be done?" dates
    the step it names ("credentialing we'd have wrapped by june nineteenth")."""
    said = view.by_turn[sent.turn.index]
    if not sent.is_seller or said[0].index != sent.index or sent.turn.index == 0:
        return False
    before = view.by_turn.get(sent.turn.index - 1, [])
    return bool(before) and not before[-1].is_seller and bool(_WHEN_ASKED.search(before[-1].text))


_WHEN_ASKED = re.compile(r"(?i)\bwhen (?:would|will|does|do|is|are|can|could|should|'s)\b.{0,60}"
                         r"\b(?:done|ready|finished|happen|start|wrapped|complete|in place|through)\b")


def _leads_from(leads, sent, target) -> bool:
    """"So to hit August 3rd, it works like this: …": the seller leads from the target's day."""
    return any(d.date == target.date and leads.search(sent.text[max(0, d.start - 30):d.start])
               for d in sent.dates)


def _goes_on_with_plan(view: CallView, sent, path_turns: set[int]) -> bool:
    """The seller's next turn after one that dated steps, with only a short word from the buyer
    between ("Okay." / "A whole draft by the fifteenth?"), goes on laying out the same plan."""
    t = sent.turn.index
    return t - 2 in path_turns and not view.turns[t - 1].is_seller \
        and len(view.turns[t - 1].text.split()) <= PLAN_ASIDE_WORDS


PLAN_ASIDE_WORDS = 12
# the seller's lead-in to the plan: "Okay, so here's how I'd lay it out."
_LAYS_OUT = re.compile(r"(?i)\bhere'?s (?:how (?:i'?d|we'?d|i'?ll|we'?ll|i would|we would|i|we) (?:lay|map|plan|set|see)\b"
                       r"|the (?:plan|timeline|schedule|game plan)\b|what (?:has to|needs to|would have to|must) happen\b)"
                       r"|\b(?:so )?the way (?:it|this) works\b|\bhere'?s how (?:it|this|that) (?:would |will )?works?\b"
                       r"|\blet me (?:lay|map) (?:it|this|that|the \w+) out\b"
                       r"|^\W*(?:(?:so|okay|ok|and|right|then),? )*(?:working|counting|walking) (?:it )?back(?:wards?)?\b")
_BUYER_WORKS_BACK = re.compile(r"(?i)\b(?:work(?:s|ing|ed)? (?:it |this |that |everything |things )?(?:out )?back(?:ward|wards)?"
                               r"|count(?:s|ing)? back|before (?:that|then))\b")


# a turn that warns of one's own busy weeks ("my schedule is kind of chaotic … so if I'm slow on
# email, that's why"): its days are when someone is away, not steps or a finish line
_BUSY_NOTICE = re.compile(r"(?i)\bif (?:i'?m|i am|we'?re|we are) (?:a (?:bit|little) )?slow (?:on|to|with|at|in|getting)\b|"
                          r"\bmy (?:schedule|calendar)(?:'s| is) (?:\w+ ){0,2}(?:chaotic|crazy|hectic|nuts|packed|insane|a mess|all over)\b|"
                          r"\bif you (?:e-?mail|text|call|message|ring) (?:me|us) (?:that|this|next) week,? (?:i|we) (?:won'?t|will not|wont)\b")
# a window to back out that ends on the date: "you can cancel up to Thursday the 12th"
_CANCEL_BY = re.compile(_REFUND_WINDOW.pattern + r"[^.?!]{0,25}\b(?:up to|until|till|before|by|through)\s*(?:the\s+)?$")
SCHEDULE_DATES = 3
PATH_WITHOUT_TARGET = 3


def _schedule_turns(view: CallView, target) -> set[int]:
    """Seller turns that read out a schedule to the buyer's day: three or more sentences in a
    row of the turn, each with its own day between the call and the target, the days in order
    ("We start Monday, June 8th. Practice test one on Saturday, June 20th. … Then a mock
    interview July 25th."). A turn whose days jump about is chat, not a schedule."""
    if target is None or target.date is None:
        return set()
    out = set()
    for turn, said in view.by_turn.items():
        if not view.turns[turn].is_seller or any(s.index == target.sentence.index for s in said):
            continue
        days = []
        for s in said:
            ahead = [d.date for d in s.dates if d.date and not d.vague and view.call_date < d.date < target.date]
            if len(ahead) == 1:
                days.append(ahead[0])
            elif days and len(days) < SCHEDULE_DATES:
                days = []  # the run is broken before it makes a schedule
        if len(set(days)) >= SCHEDULE_DATES and (days == sorted(days) or days == sorted(days, reverse=True)):
            out.add(turn)
    return out


def _buyer_works_back_from(view: CallView, target) -> int | None:
    """The buyer names the day and works back from it, in that turn ("Everything works back from
    that.") or a few turns on ("So I sort of worked it backwards last night."): the first sentence
    of the buyer's plan."""
    if target is None or target.sentence.is_seller:
        return None
    t = target.sentence.turn.index
    if _BUYER_WORKS_BACK.search(target.sentence.turn.text):
        return target.sentence.index + 1
    return next((target.sentence.index + 1 if s.is_seller else s.index for s in view.sentences
                 if t < s.turn.index <= t + BUYER_PLAN_TURNS
                 # plain words only: "before that" is any step's; the seller may say it of the
                 # buyer's turns ("so you're basically already working backwards")
                 and (not s.is_seller and (WORKED_BACK.search(s.text) or _OUR_PLAN.search(s.text))
                      or s.is_seller and _YOU_WORK_BACK.search(s.text))),
                None)


# the buyer opening their own plan: "So here's how we've been thinking about it"
_OUR_PLAN = re.compile(r"(?i)\bhere'?s (?:how|what) (?:we|i)(?:'ve| have)? (?:been )?(?:thinking|thought|figured|planned|mapped|see it)\b")
_YOU_WORK_BACK = re.compile(r"(?i)\byou(?:'?re| are|'?ve| have|r)? (?:\w+ ){0,3}(?:work|count|plann?)(?:ing|ed) "
                            r"(?:it |this |that |everything |things )?(?:out )?back(?:wards?)?\b")


BUYER_PLAN_TURNS = 10
_WORD = re.compile(r"[A-Za-z]{2,}")


def _already_past(view: CallView, sent, d: DateMention) -> bool:
    """"the inspection was November fourth", "you came to the workshop last Saturday": a day
    before the call, told in the past, is history, not a step still to come."""
    return d.date is not None and d.date < view.call_date and (
        bool(_PAST_MARK.search(sent.text))  # "the essay grader launched November eighteenth": its verb
        # not a plan read out with its other days still ahead ("kiosks live on the 15th of May …
        # the integration finished 4/30"): there the year is the reader's slip, not history
        or (sent.span is not None and told_past_at(sent.span, d.start) and not plan_note(sent.span, d)
            and not any(o.date and o.date >= view.call_date for o in sent.dates)))


def _precise(m: DateMention) -> bool:
    """A milestone needs a day, or a range of at most a week ("training in April" is vague)."""
    if m.kind == "day" or m.kind == "relative":
        return True
    return m.kind == "range" and m.first is not None and m.date is not None \
        and (m.date - m.first).days <= 6


def _duration(m: DateMention) -> bool:
    """"turns a PO around in two days" is a duration, not a new date for the step."""
    return (m.prep or "").lower() in ("in", "within") or m.text.lower().startswith(("in ", "within "))


def _same_thing(a: DatedStep, b: DatedStep) -> bool:
    """Two mentions on one date name the same step when they share a content word, counting
    two words of context before each ("the ERP integration" ~ "the ERP connection")."""
    if _step_words(a) & _step_words(b):
        return True
    # "security review by Dec 11" restates "our security team has to finish the review by Dec 11"
    return any(_content(x.step_text) and _content(x.step_text) <= _content(y.sentence.lower)
               for x, y in ((a, b), (b, a)))


def _reads_back(m: DatedStep, held) -> bool:
    """The sentence names two or more days that steps already have: a read-back of the plan."""
    days = {o.date for o in held}
    return sum(1 for d in m.sentence.dates if d.date in days) >= 2


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in stop_words()}


def _step_words(m: DatedStep) -> set[str]:
    text = m.sentence.lower
    at = text.find(m.step_text.lower())
    lead = text[:at].split()[-2:] if at > 0 else []
    return {w for w in re.findall(r"[a-z]{3,}", " ".join(lead) + " " + m.step_text.lower())
            if w not in stop_words()} | {m.step}


_ORDINAL = re.compile(r"(?i)\b(?:first|second|third|final|last|another|follow[- ]?up|initial|1st|2nd|3rd)\b")


def _second_of_kind(held: DatedStep, m: DatedStep, moved) -> bool:
    """A step of the same kind again at another date is a second step, not the first one
    moved, when one plan turn lays out both ("external testing March 9 … internal testing
    the 16th") or an ordinal sets them apart ("first fitting … second fitting")."""
    if moved.search(m.sentence.text):
        return False
    if held.sentence.turn.index == m.sentence.turn.index and m.sentence.is_seller == held.sentence.is_seller:
        return True
    mine, theirs = _ordinal(m), _ordinal(held)
    if mine and mine != theirs:
        return True
    # "the final inspection June 1st" … "a steel inspection … April 28th": a word that names
    # which one, on both, and different
    mine, theirs = mine or _modifier(m), theirs or _modifier(held)
    if mine and theirs:
        return mine != theirs
    # a step said as a verb, done to different things: "the catalogue migrated by September
    # 18th" … "the holiday landing pages have to be loaded by the Monday after Halloween"
    mine, theirs = _done_to(m), _done_to(held)
    return bool(mine) and bool(theirs) and mine != theirs


def _done_to(m: DatedStep) -> str:
    """The thing a step verb is done to: its object, or its subject when passive."""
    if m.sentence.span is None:
        return ""
    base = m.sentence.span.start_char
    at = m.sentence.text.lower().find(m.step_text.lower())
    verb = next((t for t in m.sentence.span if t.idx - base == at and t.pos_ == "VERB"), None)
    if verb is None:
        return ""
    for holder in (verb, verb.head if verb.dep_ == "xcomp" else None):
        if holder is None:
            continue
        thing = next((c for c in holder.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")
                      and c.pos_ in ("NOUN", "PROPN")), None)
        if thing is not None:
            return thing.lemma_.lower()
    return ""


_AGREES = re.compile(r"(?i)(?:'s|\bis|\bare|\bsounds?|\blooks?) (?:fine|good|ok|okay|doable|great|perfect)\b|\bworks\b")
_YES_I_WILL = re.compile(r"(?i)\b(?:i|we)(?:'ll| will| can| could|'d| would| shall)\b")


def _ahead_of_target(m: DatedStep, target: TargetFact | None) -> bool:
    """A step the buyer dates after naming the finish line, ahead of it ("the OT wants a home visit
    two days before she's discharged"): a step either side must complete."""
    return target is not None and m.date is not None and m.date < target.date \
        and m.sentence.index > target.sentence.index and not _duration(m.mention) \
        and m.mention.kind in ("day", "relative") and m.mention.anchor != "today" \
        and m.step_text.lower() in m.sentence.lower \
        and not _YES_I_WILL.search(m.sentence.text)  # "yes, I can approve that by the 17th": the ask answered


def _ordinal(m: DatedStep) -> str:
    """"second" in "Second parallel run December 31", from the words just before the step."""
    text = m.sentence.text
    at = text.lower().find(m.step_text.lower())
    found = _ORDINAL.search(text[max(0, at - 20):at + len(m.step_text)]) if at >= 0 else None
    return found.group(0).lower() if found else ""


def _modifier(m: DatedStep) -> str:
    """The word in front of the step that says which one it is ("steel" in "a steel inspection")."""
    text = m.sentence.text
    at = text.lower().find(m.step_text.lower())
    found = re.search(r"([A-Za-z]+)\s+$", text[max(0, at - 25):at]) if at > 0 else None
    word = found.group(1).lower() if found else ""
    if word in _NOT_MODIFIERS or len(word) < 3 or m.sentence.span is None:
        return ""
    base, end = m.sentence.span.start_char, max(0, at - 25) + found.end(1)
    tok = next((t for t in m.sentence.span if t.idx - base + len(t) == end), None)
    # a word that modifies the step ("steel", "electrical"), not a verb before it ("Make training June 8")
    return word if tok is not None and (tok.pos_ == "ADJ" or tok.dep_ in ("amod", "compound")) else ""


_NOT_MODIFIERS = {"the", "a", "an", "our", "your", "their", "his", "her", "its", "my", "that", "this",
                  "these", "those", "then", "and", "or", "but", "so", "next", "same", "one", "any",
                  "each", "every", "of", "for", "to", "by", "on", "at", "in", "with", "after", "before",
                  "do", "does", "did", "get", "gets", "got", "have", "has", "had", "is", "are", "was",
                  "be", "there", "theres", "there's", "we", "you", "they", "he", "she", "it", "i", "us",
                  "them", "what", "when", "which", "who", "no", "not", "all", "some", "new", "actual",
                  "real", "whole", "big", "quick", "little", "official", "proper"}


_START = re.compile(r"(?i)\b(?:start|starts|starting|begin|begins|beginning|kicks? off)\b")
_END = re.compile(r"(?i)\b(?:finish(?:es|ed)?|complete[sd]?|done|ends?|wrap(?:s|ped)? up|wraps)\b")


def _phase(m: DatedStep) -> str:
    """Whether a mention dates the start or the end of its step ("rollout starts March 30",
    "finishes the rollout by April 17"), from the words next to the step; "" when neither."""
    text = m.sentence.text
    at = text.lower().find(m.step_text.lower())
    if at < 0:
        return ""
    near = text[max(0, at - 25):at + len(m.step_text) + 25]
    start, end = bool(_START.search(near)), bool(_END.search(near))
    return "start" if start and not end else "end" if end and not start else ""

