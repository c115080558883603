"""The backward path: the buyer's target outcome date and the dated milestones leading to it.

Facts, not verdicts: items, pitfalls and the close type read what this module finds.
Steps are paired with the date nearest to them in the same sentence; a step repeated later
counts once (at its last date); the target is the outcome date the call anchors on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date

from .cues import Cues, cues
from .dates import DateMention, resolve_relative
from .model import Evidence
from .nlp import CallView, Sentence

# canonical step -> phrases that name it (checked in order: the first match names the span)
DEFAULT_STEPS: dict[str, tuple[str, ...]] = {
    "technical review": (r"(?:network|technical|architecture|compliance|it|design|code|privacy|risk) review",),
    "security review": (r"security (?:review|sign[- ]?off|questionnaire|approval|assessment|check)",
                        r"infosec review", r"vendor (?:risk )?(?:review|assessment)",
                        r"it security"),
    "legal review": (r"legal(?: review| sign[- ]?off| approval)?", r"redlines?", r"msa review"),
    "procurement": (r"procurement", r"purchase order", r"vendor (?:setup|onboarding|registration)"),
    "signature": (r"signature", r"sign(?:ed|ing|s)?(?![- ]off)(?! by \w+['’]s\b)", r"contracts?", r"order form",
                  r"sow", r"paperwork", r"(?:signed )?order", r"agreement", r"countersign(?:ed)?",
                  r"executed"),
    "approval": (r"approv(?:al|ed|e)", r"sign[- ]?off", r"budget release", r"board vote"),
    "kickoff": (r"kick[- ]?off", r"project start"),
    "integration": (r"integration", r"interface", r"connector", r"(?:data )?feed", r"api"),
    "cutover": (r"change window", r"cut ?over", r"maintenance window", r"switch ?over"),
    "configuration": (r"configur(?:ation|ed|e)", r"set ?up", r"build(?:out)?", r"provision(?:ing|ed)?"),
    "data migration": (r"(?:data )?migrat(?:ion|ed|ing)", r"data (?:load(?:ed|ing)?|import(?:ed)?)",
                       r"import(?:ed)?", r"(?:data )?conversion", r"data loaded", r"loaded"),
    "training": (r"train(?:ing|ed|s)?", r"workshops?", r"enablement"),
    "pilot": (r"pilot(?: start| launch| kickoff)?", r"proof of concept", r"poc"),
    "testing": (r"(?:load|user acceptance|acceptance|end[- ]to[- ]end|parallel) test(?:ing|s)?",
                r"testing", r"uat", r"dry run", r"validation"),
    "go-live": (r"go(?:es|ing)?[- ]?live", r"live", r"on the new (?:system|platform|software|tool|app)", r"launch(?:ed)?", r"roll ?out", r"cut live"),
    "onboarding": (r"onboard(?:ing|ed)?",),
    "upgrade": (r"upgrade[d]?",),
    "installation": (r"install(?:ation|ed)?", r"deliver(?:y|ed)", r"hardware (?:arrives|ships)",
                     r"shipped", r"shipping"),
    "submission": (r"submi(?:ssion|tted|t)",),
}

# words that mark the buyer's outcome (the finish line), not an implementation step
DEFAULT_OUTCOME = (
    r"ramps?(?: up)?", r"board(?: review| meeting)?", r"audit", r"peak(?: season)?", r"season",
    r"holiday rush", r"term (?:starts?|begins?|ends?)", r"semester", r"school year",
    r"fiscal year", r"cohort", r"sale", r"grand opening", r"opening", r"grant report",
    r"deadline", r"results?", r"saving(?:s)? target", r"savings?", r"first patient(?: in)?",
    r"inspection", r"renewal date", r"overage", r"staff up", r"enrollment", r"open house",
    r"launch event", r"the date that matters", r"finish line", r"report(?:ing)? (?:savings|results)",
    r"in place", r"up and running", r"running", r"ready", r"live", r"breaks? ground",
    r"(?:starts?|begins?|opens?|kicks? in|hits?|lands?)", r"enrollment", r"go[- ]?live",
    r"ships?", r"shipping", r"due", r"arrives?", r"start(?:s|ing)", r"takes? effect",
    r"goes? into effect", r"begin(?:s|ning)", r"volume", r"launch(?:es)?", r"renew(?:s|al)",
    r"move[- ]ins?", r"first [a-z]+(?:[- ][a-z]+)?", r"cut[- ]?off", r"go[- ]no[- ]go",
    r"festival", r"gala", r"fair", r"expo", r"premiere", r"tournament", r"regatta", r"event",
    r"conference", r"merger", r"closes", r"close date", r"timetable", r"fieldwork", r"drive",
    r"campaign", r"open(?:ing)? day", r"wing", r"harvest", r"planting", r"summer", r"winter",
    r"busy season", r"go[- ]live date", r"fil(?:e|es|ing)", r"submit(?:s|ting)? (?:the|our)",
)
# phrases that point at a date as the thing the plan protects
# said after a date: "May 18 is the date that matters"
DEFAULT_TARGET_TAILS = (
    r"(?:is|as) (?:the|our|your) (?:date that matters|finish line|deadline|hard date|fixed date)",
    r"(?:date )?doesn'?t move", r"is (?:the )?non-negotiable",
    r"(?:is |as )?(?:the|that'?s the) date (?:we'?re|you'?re|we are|you are) protecting",
)
# said after a date that is NOT the target: "go live Oct 19, two weeks before enrollment"
DEFAULT_BEFORE_SOMETHING = (r"(?:\w+ ){0,3}before (?:the |your |our )?\w+",)
DEFAULT_DEPLOYMENT = (r"go(?:es|ing)?[- ]?live", r"live", r"launch(?:ed)?", r"running", r"ready",
                      r"in place", r"up and running")
DEFAULT_TARGET_LEADS = (
    r"(?:work|walk|count|map|plan)(?:ing|ed)? (?:it |this |that |everything )?back(?:ward|wards)? from",
    r"to protect", r"to (?:keep|hold) (?:\w+ ){0,2}(?:safe|on track)",
    r"to hit", r"to make", r"to be (?:live|ready|running|up and running)(?: by| on| before)?",
    r"to have (?:\w+ ){0,4}(?:live|ready|running|in place)(?: by| on| before)?",
    r"(?:need|want)s? (?:\w+ ){0,4}(?:live|ready|running|in place|done)(?: by| on| before)",
    r"before", r"date that matters", r"finish line", r"deadline",
    r"(?:have|has|need|needs|must) to be (?:\w+ ){0,5}(?:by|before|on)",
)
DEFAULT_SMALL_TALK = (
    r"birthday", r"parade", r"vacation", r"wedding", r"flight", r"game",
    r"anniversary", r"holiday party", r"trip", r"concert", r"regional", r"tournament",
    r"ski(?:ing)?", r"reunion", r"graduation", r"recital", r"marathon", r"dinner", r"lunch",
    r"barbecue", r"bbq", r"out of (?:the )?office", r"\bpto\b", r"day off", r"webinar",
    r"visit", r"offsite", r"drill", r"picnic", r"party", r"i'?m (?:in|out|away|off|traveling|travelling|flying)\b",
    r"out of town", r"kid", r"daughter",
    r"son\b",
)
DEFAULT_CORRECTION = (
    r"actually", r"no,", r"not quite", r"make it", r"more like", r"moved", r"pushed", r"it's",
    r"it is", r"it's now", r"changed", r"correction", r"slipped", r"we need it by",
)
DEFAULT_CONFIRMATION = (
    r"yes", r"yeah", r"yep", r"correct", r"right", r"exactly", r"that's (?:it|right|the date|correct)",
    r"absolutely", r"definitely", r"that's what", r"true", r"agreed",
)
DEFAULT_OWNER_CUES = (
    r"owns?", r"owner", r"you'?d own", r"will own", r"is on", r"'s on", r"handles?", r"will handle",
    r"leads?", r"will lead", r"responsible", r"assigned", r"take(?:s)?", r"drives?", r"runs?",
    r"put you down", r"your name", r"is yours", r"'s mine", r"is mine", r"on point", r"point person",
)
NOT_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "mondays", "tuesdays",
    "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "i", "we", "you", "ok", "okay", "so", "and", "the", "yes", "it",
}


@dataclass(frozen=True)
class PathParams:
    steps: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_STEPS))
    outcome: tuple[str, ...] = DEFAULT_OUTCOME
    target_leads: tuple[str, ...] = DEFAULT_TARGET_LEADS
    small_talk: tuple[str, ...] = DEFAULT_SMALL_TALK
    correction: tuple[str, ...] = DEFAULT_CORRECTION
    confirmation: tuple[str, ...] = DEFAULT_CONFIRMATION
    owner_cues: tuple[str, ...] = DEFAULT_OWNER_CUES
    target_tails: tuple[str, ...] = DEFAULT_TARGET_TAILS
    before_something: tuple[str, ...] = DEFAULT_BEFORE_SOMETHING
    deployment: tuple[str, ...] = DEFAULT_DEPLOYMENT
    max_pair_gap: int = 60  # characters between a step and its date
    # time frames that date an ask or a seller deadline, not a step on the path
    # seller-side deadlines and prices are never steps on the buyer's path
    not_steps: tuple[str, ...] = (r"pric(?:e|es|ing)", r"discount", r"offer", r"deal", r"promo\w*",
                                  r"quarter", r"slots?", r"rate", r"invoice", r"renewal price")
    not_targets: tuple[str, ...] = (r"thanksgiving", r"christmas(?: eve)?", r"new year'?s(?: day| eve)?",
                                    r"(?:the )?fourth of july", r"independence day", r"memorial day",
                                    r"labor day", r"easter", r"halloween")
    not_milestone_dates: tuple[str, ...] = (r"today", r"tonight", r"now", r"this week",
                                            r"this (?:afternoon|morning|evening)", r"end of (?:the )?day",
                                            r"tomorrow",
                                            r"q[1-4]", r"(?:this|the|our) quarter", r"fiscal")


@dataclass(frozen=True)
class DatedStep:
    step: str  # canonical name
    step_text: str  # the words used
    mention: DateMention
    date: date | None
    sentence: Sentence
    owner: str | None = None

    @property
    def evidence(self) -> Evidence:
        return self.sentence.evidence()


@dataclass(frozen=True)
class TargetFact:
    date: date
    text: str
    anchored_by: str  # buyer | confirmed | seller
    sentence: Sentence
    confirmed_by: Sentence | None = None


@dataclass(frozen=True)
class PathFacts:
    target: TargetFact | None
    milestones: tuple[DatedStep, ...]  # distinct steps, first-mention order, last date
    credible: bool
    problems: tuple[str, ...]
    dated_steps: tuple[DatedStep, ...]  # every pairing found, before de-duplication
    first_timeline: Sentence | None  # first seller sentence stating the path

    @property
    def owned(self) -> tuple[DatedStep, ...]:
        return tuple(m for m in self.milestones if m.owner)


class PathFinder:
    def __init__(self, params: PathParams | None = None):
        self.p = params or PathParams()
        self._step_cues = [(name, cues(*pats)) for name, pats in self.p.steps.items()]
        self._all_steps = cues(*[pat for _, pats in self.p.steps.items() for pat in pats])
        self._outcome = cues(*self.p.outcome)
        self._leads = cues(*self.p.target_leads)
        self._small_talk = cues(*self.p.small_talk)
        self._correction = cues(*self.p.correction)
        self._confirmation = cues(*self.p.confirmation)
        self._owner_cues = cues(*self.p.owner_cues)
        self._not_milestone_date = cues(*self.p.not_milestone_dates)
        self._tails = cues(*self.p.target_tails)
        self._not_steps = cues(*self.p.not_steps)
        self._business = cues(r"by then", r"before then", r"in time for", r"live", r"system",
                              r"roll ?out", r"implementation", r"platform", r"software", r"our team",
                              r"go[- ]?live", r"ready for")
        self._not_targets = cues(*self.p.not_targets)
        self._that_is_when = cues(r"(?:that'?s|that is|it'?s|which is|because that'?s) (?:when|the day)")
        self._back_from_that = cues(
            r"(?:so |and |now )?(?:if we |let me )?(?:work|walk|count|map)(?:ing)? (?:it |this |that )?back(?:ward|wards)? from (?:that|there|it|then)",
            r"(?:\w+ ){0,4}(?:has|have|needs?|must) to be (?:live|ready|running|in place|done|working)"
            r" (?:for|by|before) (?:it|that|then)")
        self._before_something = cues(*self.p.before_something)
        self._deployment = cues(*self.p.deployment)

    # --- steps --------------------------------------------------------------------------
    def step_spans(self, text: str, sent: Sentence | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, words, canonical step) for every step phrase in `text`."""
        out: list[tuple[int, int, str, str]] = []
        for start, end, words in self._all_steps.spans(text):
            if sent is not None and _verb_use(sent, start, _NOUN_STEPS):
                continue  # "people order ahead" is not the signed order
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
                return name
        return words.lower()

    def pair(self, sentence: Sentence, skip: date | None = None):
        """Greedy one-to-one pairing of steps and dates in one sentence, nearest first;
        `skip` (the target date) dates no step but go-live."""
        dates = [d for d in sentence.dates if not d.vague]
        if not dates:
            return []
        steps = self.step_spans(sentence.text, sentence)
        if not steps:
            return []
        candidates = []
        for s in steps:
            for d in dates:
                if s[1] <= d.start:
                    gap, between = d.start - s[1], sentence.text[s[1]:d.start]
                elif d.end <= s[0]:
                    gap, between = s[0] - d.end + 25, sentence.text[d.end:s[0]]
                    if "," in between:  # "For May 18, staff training ..." leads in, not dates
                        continue
                else:
                    continue
                if skip and d.date == skip and s[3] != "go-live":
                    continue
                if d.end <= s[0] and self._leads.search(sentence.text[max(0, d.start - 25):d.start]):
                    continue  # "working back from April 20 we go live ..." leads in; it dates no step
                if gap > self.p.max_pair_gap:
                    continue
                crossing = sum(1 for o in dates if o is not d and _inside(o, s, d))
                crossing += sum(1 for o in steps if o is not s and _inside_span(o, s, d))
                if re.search(r"[;:—]| - ", between) or "." in between.strip(" .")[:-1]:
                    gap += 40
                candidates.append((gap + 50 * crossing, s, d))
        candidates.sort(key=lambda c: c[0])
        used_s, used_d, pairs = set(), set(), []
        for _, s, d in candidates:
            if id(s) in used_s or id(d) in used_d:
                continue
            used_s.add(id(s))
            used_d.add(id(d))
            pairs.append((s, d))
        return pairs

    # --- the whole path ---------------------------------------------------------------------
    def find(self, view: CallView, ask_sentences: frozenset[int] = frozenset()) -> PathFacts:
        pairs = {sent.index: self.pair(sent) for sent in view.sentences
                 if not self.small_talk_only(view, sent)}
        target = self.find_target(view, pairs)
        if target:
            pairs = {i: self.pair(view.sentences[i], target.date) if p else p
                     for i, p in pairs.items()}
        raw: list[DatedStep] = []
        for sent in view.sentences:
            if sent.index not in pairs or sent.index in ask_sentences:
                continue
            found = list(pairs[sent.index])
            if sent.is_seller and any(pairs.get(o.index) for o in view.by_turn[sent.turn.index]):
                found += self._clause_steps(sent, found, target)
                found.sort(key=lambda pair: pair[1].start)
            for s, d in found:
                if self._not_milestone_date.search(d.text) or not _precise(d):
                    continue
                raw.append(DatedStep(step=s[3], step_text=s[2], mention=d, date=d.date,
                                     sentence=sent, owner=self.owner(view, sent, s)))
        raw = self._resolve_relative(raw)
        milestones = self._dedupe(raw, target, view)
        milestones = self._attach_owners(view, milestones)
        credible, problems = self.credibility(view, target, milestones)
        first = min((m.sentence for m in raw if m.sentence.is_seller), key=lambda s: s.index,
                    default=None)
        return PathFacts(target, tuple(milestones), credible, tuple(problems), tuple(raw), first)

    def small_talk_only(self, view: CallView, sent: Sentence) -> bool:
        """Small talk ("my daughter's recital on the 21st") unless the sentence or the next one
        in the turn ties it to the business ("I want members booking from their phones by then")."""
        if not self._small_talk.search(sent.text):
            return False
        nxt = [s for s in view.by_turn[sent.turn.index] if s.index == sent.index + 1]
        near = sent.text + " " + (nxt[0].text if nxt else "")
        return not (self._business.search(near) or self._all_steps.search(near))

    def _clause_steps(self, sent: Sentence, pairs, target: TargetFact | None):
        """In a sentence that already states a path step, a date left unpaired still dates the
        clause in front of it: "controls mapped by June 29", "load the recipe data by Feb 9"."""
        if sent.span is None:
            return []
        used = {id(d) for _, d in pairs}
        base = sent.span.start_char
        out = []
        for d in sent.dates:
            if id(d) in used or d.vague or d.date is None or d.kind != "day":
                continue
            if target and d.date == target.date:
                continue
            lo = max([0] + [o.end for o in sent.dates if o.end <= d.start]
                     + [m.end() for m in re.finditer(r"[,;:—]", sent.text[:d.start])])
            clause = [t for t in sent.span if lo <= t.idx - base < d.start]
            nouns = [t for t in clause if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in NOT_NAMES]
            if not nouns or len(clause) > 12 or self._small_talk.search(sent.text[lo:d.start]) \
                    or self._not_steps.search(sent.text[lo:d.start]) or self._event_near(sent, d):
                continue
            head = nouns[-1]
            words = " ".join(t.text for t in clause if t.i <= head.i and t.pos_ not in ("PRON", "DET", "AUX", "ADP", "CCONJ", "PART", "ADV", "PUNCT"))
            out.append(((head.idx - base, head.idx - base + len(head.text), words or head.text,
                         head.lemma_.lower()), d))
        return out

    def _resolve_relative(self, raw: list[DatedStep]) -> list[DatedStep]:
        out = []
        for m in raw:
            if m.date is None and m.mention.kind == "relative" and m.mention.anchor:
                anchor = self.canonical(m.mention.anchor)
                base = next((o.date for o in raw if o.step == anchor and o.date), None)
                if base:
                    m = DatedStep(m.step, m.step_text, m.mention,
                                  resolve_relative(m.mention, base), m.sentence, m.owner)
            out.append(m)
        return out

    def _dedupe(self, raw: list[DatedStep], target: TargetFact | None, view: CallView):
        """One milestone per step: first-mention order, last stated date; the target is not a
        milestone; buyer-only steps count when they move a seller's step."""
        by_step: dict[str, DatedStep] = {}
        order: list[str] = []
        for m in raw:
            if m.date is None:
                continue
            if target and m.date == target.date and (
                    m.step == "go-live" or m.sentence.index == target.sentence.index
                    and self._outcome.search(m.step_text)):
                continue
            if target and m.step == "go-live" and m.date == target.date:
                continue
            if not m.sentence.is_seller and (m.step not in by_step or _duration(m.mention)):
                continue
            twin = next((o for o in by_step.values() if o.date == m.date and (
                _same_thing(o, m) or m.step_text.lower() in o.sentence.lower)), None)
            if twin is not None:  # "network review" restating "network and security review"
                if m.owner and not twin.owner:
                    by_step[twin.step] = replace(twin, owner=m.owner)
                continue
            if m.step not in by_step:
                order.append(m.step)
                by_step[m.step] = m
            else:
                prev = by_step[m.step]
                by_step[m.step] = DatedStep(prev.step, prev.step_text, m.mention, m.date,
                                            prev.sentence, prev.owner or m.owner)
        return [by_step[s] for s in order]

    # --- owners -----------------------------------------------------------------------------
    def owner(self, view: CallView, sent: Sentence, step) -> str | None:
        """The person named nearest before the step in its sentence, when the sentence assigns
        ownership ("Leah, your team completes the security sign-off", "Ravi's change window")."""
        text = sent.text
        names = [n for n in self._names_in(view, text) if n[0] < step[0] and step[0] - n[0] <= 70]
        if re.search(r"\b(?:I(?:'ll| will| can)? (?:own|do|handle|take|run)|me on)\b",
                     text[max(0, step[0] - 30):step[0]], re.I):
            return sent.speaker
        if names:
            start, name = names[-1]
            possessive = re.match(rf"{re.escape(name)}['’]s\b", text[start:])
            if possessive or self._owner_cues.search(text) or text[start + len(name):].startswith(","):
                return view.speaker_names.get(name.lower(), name)
        listed = re.match(r"\s*[:,–-]\s*([A-Z][a-z]+)\b", text[step[1]:step[1] + 25])
        if listed and listed.group(1).lower() in {*view.speaker_names, *view.mentioned_names}:
            return view.speaker_names.get(listed.group(1).lower(), listed.group(1))  # "Signature: Keiko, Sep 25"
        crew = _CREW.search(text[max(0, step[0] - 40):step[0]]) or _CREW.search(text[step[1]:step[1] + 60])
        if crew and crew.group(1).lower() not in _NOT_OWNERS:
            name = crew.group(1)
            return view.speaker_names.get(name.lower(), name if name[0].isupper() else name.title())
        if text.islower():  # raw ASR: "priya owns the security review", "denise you'd get us the import"
            spoken = _ASR_OWNER.search(text[max(0, step[0] - 40):step[1] + 40]) \
                or _ASR_ADDRESSED.search(text[max(0, step[0] - 60):step[0]])
            if spoken and spoken.group(1) not in _NOT_OWNERS | NOT_NAMES \
                    and spoken.group(1) not in stop_words():
                return spoken.group(1).title()
        return None

    def _any_owner(self, view: CallView, sent: Sentence) -> str | None:
        names = self._names_in(view, sent.text)
        return view.speaker_names.get(names[0][1].lower(), names[0][1]) if names else None

    def _names_in(self, view: CallView, text: str) -> list[tuple[int, str]]:
        found = []
        for m in re.finditer(r"\b([A-Za-z][a-z]+)\b", text):
            word = m.group(1)
            low = word.lower()
            if low in NOT_NAMES:
                continue
            if low in view.speaker_names or (word[0].isupper() and low in view.mentioned_names):
                found.append((m.start(), word))
        return found

    def _attach_owners(self, view: CallView, milestones: list[DatedStep]) -> list[DatedStep]:
        """Owner sentences that name a step without a date ("Keisha, you own training")."""
        out = []
        for m in milestones:
            if m.owner:
                out.append(m)
                continue
            owner = None
            for sent in view.sentences:
                if sent.index < m.sentence.index or not self._owner_cues.search(sent.text):
                    continue
                for s in self.step_spans(sent.text):
                    if s[3] == m.step:
                        owner = self.owner(view, sent, s) or self._any_owner(view, sent)
                        if owner:
                            break
                if not owner and sent.index <= m.sentence.index + 1 and not sent.dates:
                    names = self._names_in(view, sent.text)
                    if names and sent.turn.index - m.sentence.turn.index <= 1:
                        owner = view.speaker_names.get(names[0][1].lower(), names[0][1])
                if owner:
                    break
            out.append(DatedStep(m.step, m.step_text, m.mention, m.date, m.sentence, owner)
                       if owner else m)
        return out

    # --- target -----------------------------------------------------------------------------
    def find_target(self, view: CallView, pairs) -> TargetFact | None:
        """The outcome date the call anchors on: led into ("working back from", "to be live
        by"), tied to an outcome word, said by the buyer, and not dating a step."""
        best, best_score = None, 0.0
        scores: dict[date, float] = {}
        first_by_date: dict[date, tuple[Sentence, DateMention]] = {}
        event_days: set[date] = set()
        # a date that dates a step anywhere in the call is that step's, not the finish line
        stepped_days = {d.date for i, p in pairs.items() for s, d in p
                        if s[3] != "go-live" and view.sentences[i].is_seller}
        for sent in view.sentences:
            if sent.index not in pairs:
                continue
            if self._that_is_when.match(sent.lower.lstrip(" ,.")) and self._outcome.search(sent.text):
                prev = [s for s in view.by_turn[sent.turn.index] if s.index == sent.index - 1]
                if prev and prev[0].dates and prev[0].dates[-1].date:
                    day = prev[0].dates[-1].date
                    scores[day] = scores.get(day, 0.0) + 2
            if self._back_from_that.match(sent.lower.lstrip(" ,.")):
                prev = [s for s in view.by_turn[sent.turn.index] if s.index == sent.index - 1]
                if prev and prev[0].dates and prev[0].dates[-1].date:
                    day = prev[0].dates[-1].date
                    scores[day] = scores.get(day, 0.0) + 3
            context = self._context(view, sent)
            if sent.is_seller and self._not_steps.search(sent.text):
                continue  # "pricing good until our fiscal year closes": the seller's date
            for d in sent.dates:
                if d.vague or d.date is None or d.date <= view.call_date or d.kind != "day" \
                        or self._not_targets.regex.fullmatch(d.text):
                    continue
                score = self._target_score(sent, d, context, d.date in stepped_days)
                if score <= 0:
                    continue
                scores[d.date] = scores.get(d.date, 0.0) + score
                first_by_date.setdefault(d.date, (sent, d))
                if self._event_near(sent, d):
                    event_days.add(d.date)
        path_days = {d.date for p in pairs.values() for _, d in p
                     if d.date and not self._not_milestone_date.search(d.text)}
        for day in scores:  # an event after every step of the path is its finish line
            if len(path_days) >= 2 and day > max(path_days) and day in event_days:
                scores[day] += 1
        for day, score in scores.items():
            if score > best_score:
                best, best_score = day, score
        if best is None or best_score < 3:
            return None
        sent, mention = first_by_date[best]
        return self._anchor(view, best, sent, mention)

    def _event_near(self, sent: Sentence, d: DateMention) -> bool:
        near = sent.text[max(0, d.start - 60):d.end + 40]
        return any(not self._deployment.regex.fullmatch(m.group(0))
                   for m in self._outcome.regex.finditer(near))

    def _context(self, view: CallView, sent: Sentence) -> str:
        """The sentence before in the same turn: "The Midsummer sale. It starts June 19." """
        prev = [s for s in view.by_turn[sent.turn.index] if s.index == sent.index - 1]
        return prev[0].text if prev else ""

    def _target_score(self, sent: Sentence, d: DateMention, context: str, stepped: bool) -> float:
        text = sent.text
        prev_end = max([o.end for o in sent.dates if o.end <= d.start], default=0)
        before = text[max(prev_end, d.start - 60):d.start]
        after = text[d.end:d.end + 40]
        score = 0.0
        lead = self._leads.search(before[-50:])
        if lead or self._tails.match(after.lstrip(" ,")):
            # "needs to be live by X" leads to a deployment date, not necessarily the finish line
            score += 2 if lead and self._deployment.search(lead.group(0)) else 3
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
        if sent.is_seller and _CHECK_TAG.search(text[d.end:]):
            score += 1  # "...move-ins are November 1, right?": the seller checks the buyer's date
        if not sent.is_seller and not sent.is_question:
            score += 2
            if self._correction.match(sent.lower) or self._correction.match(context.lower()):
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
                corrected = self._correction_in(view, reply, day)
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

    def _correction_in(self, view: CallView, turn, day: date):
        for s in view.by_turn.get(turn.index, []):
            for d in s.dates:
                if d.date and d.date != day and not d.vague and d.date > view.call_date:
                    if self._correction.search(s.text) or self._outcome.search(s.text):
                        return s, d
        return None

    # --- credibility --------------------------------------------------------------------------
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


_CHECK_TAG = re.compile(r"^[^.?!]{0,40},? (?:right|correct|yes|isn'?t it|is that right)\?\s*$", re.I)
_ASR_OWNER = re.compile(r"\b([a-z]{3,}) (?:owns|will own|'?ll own|is on|has that|handles|will handle|runs|will run)\b")
_ASR_ADDRESSED = re.compile(r"\b([a-z]{3,}),? (?:your team|you'?d|you'?ll|you will|you would|can you)\b")
_CREW = re.compile(r"\b([A-Za-z]+)['’]s (?:crew|team|group|people|folks|shop|department|office)\b")
_NOT_OWNERS = {"it", "that", "there", "what", "who", "everyone", "everybody", "nobody", "today",
               "tomorrow", "year", "month", "week", "team", "company", "vendor", "client",
               "customer", "partner", "state", "city", "county", "district", "school", "hospital",
               "board", "staff", "one", "another", "other", "let", "here", "he", "she", "legal",
               "finance", "procurement", "security", "training", "everyone", "vendor", "group",
               "department", "side", "crew", "nobody", "somebody", "someone"}


_NOUN_STEPS = {"order", "orders"}  # steps only as nouns


def _verb_use(sent: Sentence, offset: int, words: set[str]) -> bool:
    if sent.span is None:
        return False
    base = sent.span.start_char
    tok = next((t for t in sent.span if t.idx - base == offset), None)
    return tok is not None and tok.lower_ in words and tok.pos_ == "VERB"


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use (importing spaCy takes a second)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


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
    return bool(_step_words(a) & _step_words(b))


def _step_words(m: DatedStep) -> set[str]:
    text = m.sentence.lower
    at = text.find(m.step_text.lower())
    lead = text[:at].split()[-2:] if at > 0 else []
    return {w for w in re.findall(r"[a-z]{3,}", " ".join(lead) + " " + m.step_text.lower())
            if w not in stop_words()} | {m.step}


def _inside(o: DateMention, s, d: DateMention) -> bool:
    lo, hi = sorted((s[0], d.start))
    return lo < o.start < hi


def _inside_span(o, s, d: DateMention) -> bool:
    lo, hi = (s[1], d.start) if s[1] <= d.start else (d.end, s[0])
    return lo <= o[0] and o[1] <= hi


def _mention_text(sent: Sentence, day: date) -> str:
    for d in sent.dates:
        if d.date == day:
            return d.text
    return sent.text
