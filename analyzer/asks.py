"""Commitment asks: which seller sentences ask the buyer to commit, with what time frame, and
what happened right after the closing ask (the pause)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from .cues import cues
from .dates import DateMention
from .nlp import CallView, Sentence, noun_follows

ASK_ROLE = "commitment_ask"
DEFAULT_COMMIT_VERBS = (
    r"approv(?:e|ed|ing|al)", r"sign(?:ed|ing)?(?![- ]?off\b)(?: off on)?", r"sign off on",
    r"finali[sz](?:e|ed|ing)", r"proceed(?:ing)?", r"mov(?:e|ing) (?:forward|ahead)", r"go(?:ing)? ahead",
    r"lock(?:ed|ing)? (?:in|it|that|this|down|the)", r"lock", r"reserv(?:e|ed|ing)",
    r"schedul(?:e|ed|ing)", r"book(?:ed|ing)?", r"add(?:ed|ing)? (?!up\b|to\b|that\b)\w+", r"updat(?:e|ed|ing) the order",
    r"commit(?:ted|ting)?", r"execut(?:e|ed|ing)", r"green[- ]?light(?:ing|ed|s)?", r"go[- ]ahead",
    r"pull the trigger", r"kick(?:ing)? (?:it |things )?off", r"say yes", r"get (?:\w+ ){0,3}(?:signed|approved|"
    r"started|going|set up|on the calendar|booked|locked|done|over the line|enrol(?:l)?ed|registered|signed up)",
    r"enrol(?:l|ls|led|ling)?(?! form)",  # "can she enroll this week?"
    r"put (?:\w+ ){0,4}on the calendar", r"confirm(?:ed|ing)?", r"hold (?:the|that|your|his|her|their|\w+'s) (?:\w+ )?(?:slot|date|spot|place|seat)",
    r"start (?:the )?(?:pilot|phase|project|onboarding|implementation|rollout|kickoff|paperwork)",
    r"upgrad(?:e|ed|ing)", r"expand(?:ing)?", r"renew(?:ing|ed)?", r"send (?:it|the \w+) back",
    r"paperwork", r"(?:the )?signature", r"place the order", r"issue (?:the|a) (?:po|p\.? ?o\.?|purchase order)",
    r"(?:po|p\.? o\.?|purchase order) (?:issued|signed|approved|cut|raised)",
    r"roll (?:it |this )?out",
    r"(?:get|send|have|return|email) (?:\w+ ){0,3}(?:order|paperwork|contract|po|signature|agreement|deposit|"
    r"order form|purchase order|application|enrol(?:l)?ment form|registration)(?: for (?:the |your )?[\w-]+(?: [\w-]+){0,2})? "
    r"(?:in|over|back|across|through|signed|to (?:us|me))",  # "can we get the order for the Lumen 7s in today?"
    r"(?:send|pay|put down|leave|get (?:me|us)) (?:\w+ ){0,2}(?:the |a |your )deposit",
    r"put (?:the |a |your |that |our )(?:\w+ ){0,2}(?:deposit|down payment|retainer) down",
    # everyday bookings: "shall I put him down for Tuesday at half four?", "pencil you in"
    r"put (?:you|him|her|them|it|us|that|this|\w+) down (?:for|as)", r"pencil (?:you|him|her|them|it|that) in",
    r"sign (?:you|him|her|them) up", r"get (?:you|him|her|them) (?:in|booked|enrolled|registered|started|on)",
)
# verbs that make an ask only inside an A-vs-B question ("start with one school, or all four?")
DEFAULT_CHOICE_VERBS = (r"go with", r"start with", r"begin with", r"kick off with", r"lead with",
                        r"would you rather", r"do you prefer",
                        r"would you prefer", r"which (?:one|option|would|way|package|plan)", r"pick", r"choose",
                        r"which (?:works|suits|fits) (?:better|best)")
# "so do you wanna do the essentials or the pro package?" asks only when the head is sure
# (DEFAULT_CHOICE_ACCEPT): "do you want the PDF or the Google Doc?" is logistics
DEFAULT_CHOICE_WANTS = (r"(?:do |did )?you (?:want|wanna)(?! me\b| us\b| to know\b)",
                        # "so is it full golf or social-plus for you?", "which one are you thinking"
                        r"is it (?:gonna be|going to be)?", r"are you (?:thinking|leaning)", r"(?:gonna|going to) be",
                        r"are we (?:doing|going with)", r"which one")
DEFAULT_CHOICE_ACCEPT = 0.97
# ... or when what is chosen is something to buy: "the five nights or the three nights package?"
DEFAULT_CHOICE_GOODS = (r"packages?", r"plans?", r"tiers?", r"memberships?", r"bundles?", r"programs?",
                        r"programmes?", r"courses?", r"levels?", r"editions?", r"options?", r"kits?",
                        r"subscriptions?", r"contracts?", r"terms?", r"lessons", r"sessions", r"nights",
                        # "would you rather go with the clear aligners or the traditional braces?"
                        r"(?:rather|wanna|want to) go with",
                        # "so do you want to do the zoom or the take home trays?": which service to buy
                        r"(?:wanna|want to) do the (?!call|meeting|demo|chat|walkthrough|tour)\w+")
# two capitalised names offered side by side: "the Full Summer, or the Explorer Four?"
# (days and months are no products: "the Monday or the Tuesday class?" is the frame's to judge)
_CALENDAR = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b"
_NAMED_CHOICE = re.compile(rf"\bthe (?!{_CALENDAR})[A-Z][\w-]*(?: [A-Z0-9][\w-]*)*,? or (?:the )?(?!{_CALENDAR})[A-Z][\w-]*")
DEFAULT_REQUEST = (
    r"are you (?:comfortable|ok|okay|good|ready|able|open|willing|happy)", r"can (?:we|you|i)",
    r"could (?:we|you|i)", r"shall (?:we|i)", r"should (?:we|i)", r"would you", r"will you",
    r"let'?s", r"are we (?:good|ok|okay|comfortable|able)", r"is it (?:fair|reasonable|ok|okay)",
    r"would it make sense", r"do you want (?:me )?to", r"i'?d like (?:you )?to", r"i'?m asking",
    r"i'?d ask", r"how about", r"what if we", r"does (?:it|that) work", r"any reason we can'?t",
    r"are you in a position to", r"do we have your", r"i'?d love to (?:get|have|put|sign) (?:you|him|her|them)",
    # raw ASR drops the auxiliary: "so want to get you started today"
    r"^(?:\w+ ){0,2}(?:you )?(?:want (?:me )?to|wanna(?: me)?)\b",  # "wanna" has its "to" ("you wanna come in today")
    r"^(?:\w+ ){0,2}(?:do )?you (?:want|wanna) (?:to )?(?:go ahead|get|start|do|grab|sign|book|lock|move|try|take|put)\b",
    # a run-on ASR sentence turns to the ask mid-way: "i cant hold it for you so do you wanna put the deposit down today"
    r"\bso do you (?:want|wanna) (?:to )?(?:go ahead|get|start|grab|sign|book|lock|move|try|take|put)\b",
)
# talk about talking is no commitment: "shall we talk next steps?"
TALK_ABOUT_NEXT_STEPS = r"(?:talk|chat|discuss|go over|walk through|look at) (?:about )?(?:the |some |our |any )?next steps"
DEFAULT_NOT_COMMITMENTS = (
    r"(?:schedule|book|set up|add|confirm|get) (?:a |an |another |the |some |our )?(?:quick )?"
    r"(?:call|meeting|follow[- ]?up|demo|time|chat|check[- ]?in|session to talk|catch[- ]?up)",
    r"add (?:you|him|her|them) to", r"confirm (?:that|whether|if)\b", r"can you hear",
    # a question about the buyer's current contract: "what's your contract like? Are you locked in?"
    r"(?:are|is|were|was) (?:you|they|it|that|this) (?:\w+ )?(?:locked|tied|stuck) (?:in|into|up)\b",
    # "ok go ahead, can you hear me": the floor handed over, no commitment
    r"(?:ok(?:ay)?|yeah|yes|sure|sorry|no),? (?:you )?go ahead\b(?! (?:with|and)\b)",
    r"confirm (?:the |your |an? )?(?:e-?mail|address|phone|number|spelling|name|zip|postcode|details|contact|"
    r"date of birth|birth ?date|dob|insurance|member|policy|account|card|id\b|identity|social)",
    r"sign(?:ed)? up for", r"add (?:a|one|two|more) (?:question|thing|point)",
    r"did you (?:\w+ ){0,4}(?:get|have|see|look|read)", r"have you (?:had|got|seen|looked|read)",
    # logistics and talk about talking: "can you sign in with Google?", "shall we talk next steps?"
    r"sign(?:ed|ing)? (?:in|on|out|into)\b", r"log(?:ged|ging)? ?(?:in|on|out)\b",
    TALK_ABOUT_NEXT_STEPS,
    r"have a (?:think|look|chat)", r"think (?:it )?over", r"(?:sleep|think) on it",
    # thanks for what was done, and hospitality: "thanks for booking the call", "can I get you a coffee or a water?"
    r"thanks? (?:you )?(?:so much )?for (?:booking|scheduling|confirming|signing up|setting up|getting)",
    r"(?:get|grab|bring|make|pour|offer) you (?:a |some |an )?(?:coffee|water|tea|drink|something to drink|snack)",
    r"(?:need|want) anything else", r"anything else (?:i can|for you|today)",
    # a description of where things are done: "the portal is where you book the lessons"
    r"(?:where|when|how) you (?:can |just )?(?:book|sign|schedule|reserve|add|confirm|lock|upgrade|renew)",
    # sending information is logistics: "do you want me to mail the grey one?", "the brochure
    # emailed or texted?"
    r"(?:mail|e-?mail|text|send|drop off)(?:ed)? (?:you |it |them |over )?(?:the |a |some |our |that |this )?"
    r"(?:\w+ ){0,2}(?:brochures?|pamphlets?|flyers?|info|information|details|links?|pdfs?|sheets?|one|copy|copies)\b",
    r"(?:brochures?|pamphlets?|flyers?|info|information|details|links?|pdfs?|sheets?|catalog(?:ue)?s?) "
    r"(?:\w+ ){0,2}(?:e-?mailed|texted|mailed|sent)\b",
    # a choice between pieces of literature: "do you want the blue or the grey brochure?"
    r"\bor (?:the |a )?(?:\w+ ){0,2}(?:brochures?|pamphlets?|flyers?|pdfs?|links?|catalog(?:ue)?s?|printouts?|"
    r"copy|copies|(?:google )?docs?|spreadsheets?)\b",
    r"\b(?:brochures?|pamphlets?|flyers?|pdfs?|links?|catalog(?:ue)?s?|printouts?|copy|copies|docs?) or\b",
)
DEFAULT_CHOICE = (r"\bor\b",)
# a wish with a date but no question: "it would be great to have it wrapped up this week"
DEFAULT_WISHES = (r"(?:it )?would be great to", r"it'?d be great to", r"i'?d love to (?:get|have|see)",
                  r"(?:we'?re |i'?m )?hoping to (?:get|have|wrap)", r"let'?s aim", r"ideally,? (?:we|you)",
                  r"the goal (?:would be|is) to (?:get|have|wrap)")
DEFAULT_NOT_CHOICE = (r"or not", r"or so", r"or two", r"or three", r"or anything",
                      r"or something", r"one way or another", r"more or less", r"or less")


@dataclass(frozen=True)
class AskParams:
    commit_verbs: tuple[str, ...] = DEFAULT_COMMIT_VERBS
    request: tuple[str, ...] = DEFAULT_REQUEST
    not_commitments: tuple[str, ...] = DEFAULT_NOT_COMMITMENTS
    choice: tuple[str, ...] = DEFAULT_CHOICE
    choice_verbs: tuple[str, ...] = DEFAULT_CHOICE_VERBS
    wishes: tuple[str, ...] = DEFAULT_WISHES
    not_choice: tuple[str, ...] = DEFAULT_NOT_CHOICE
    choice_wants: tuple[str, ...] = DEFAULT_CHOICE_WANTS
    choice_accept: float = DEFAULT_CHOICE_ACCEPT
    choice_goods: tuple[str, ...] = DEFAULT_CHOICE_GOODS
    near_term_days: int = 45
    max_frame_distance: int = 90  # characters between the ask verb and its time frame


_WHICH = re.compile(r"(?i)\bwhich (?:one|way|package|option|plan|would|do|are)\b|\bwhat are you (?:thinking|leaning)")


def _after_which(view: CallView, s: Sentence) -> bool:
    """The choice completes a "which one are you thinking?" just before it in the turn."""
    prev = view.sentences[s.index - 1] if s.index > 0 else None
    return prev is not None and prev.turn.index == s.turn.index and prev.is_question \
        and bool(_WHICH.search(prev.text))


# "can you approve the DPA this week?": a request for a commitment verb with its own time frame
# stands unless the head is all but sure it asks nothing (raw ASR garbles what the head reads)
_PLAIN_REQUEST = re.compile(r"\b(?:can|could|will|would) (?:you|we) (?:\w+ ){0,2}?(?:approve|sign|countersign|"
                            r"get (?:\w+ ){0,3}signed|get (?:the |your |an? )?(?:order|paperwork|deposit)\b|"
                            r"confirm|commit|book|lock|reserve|send over|put down)\b")
SURE_NOT_ASK = 0.03


@dataclass(frozen=True)
class Ask:
    sentence: Sentence
    verb: str
    verb_end: int  # offset within sentence
    frame: DateMention | None
    is_choice: bool

    @property
    def dated(self) -> bool:
        return self.frame is not None

    def start_offset(self) -> int:
        """Where the ask begins in its sentence: the request that leads to its verb ("so can we
        get the agreement signed"); raw ASR runs the path on into it in one sentence."""
        verb_start = max(0, self.verb_end - len(self.verb))
        leads = [m.start() for m in _ASK_LEAD.finditer(self.sentence.text[:verb_start + 1])]
        return leads[-1] if leads else 0

    def end_offset(self) -> int:
        """Where the ask ends, as an offset into the turn text: the sentence end when it is
        punctuated; in raw ASR, the first clause boundary after the verb and time frame."""
        s = self.sentence
        text = s.text.rstrip()
        if text.endswith(("?", ".", "!", "…")):
            return s.char_start + len(text)
        end = max(self.verb_end, self.frame.end if self.frame else 0)
        if self.is_choice:  # "do you wanna start with just the two icus as like a pilot or go house wide"
            ors = list(re.finditer(r"\bor\b", text[end:]))
            end += ors[-1].end() if ors else 0
        cuts = [m.start() for m in (_CLAUSE_BOUNDARY.search(text, end),) if m]
        cuts += [m.start() for m in _BARE_CLAUSE.finditer(text, end)
                 if _word_before(text, m.start()) not in _JOINERS][:1]
        cuts += [c for c in (_cue_end(s, end),) if c]
        return s.char_start + (min(cuts) if cuts else len(text))


_ASK_LEAD = re.compile(r"(?i)\b(?:(?:so|and|okay|ok|now) )?(?:(?:can|could|would|will|shall|should) (?:we|you|i)|"
                       r"do you want|(?:you )?want (?:me )?to|let'?s|how about|are you (?:ready|comfortable|ok|okay|good))\b")
_CLAUSE_BOUNDARY = re.compile(
    r"\s(?:'?cause|because|and (?:um|uh|then|also)|so (?:um|uh)|but|which|and i'?ll|and we'?ll|"
    r"and if|so you|so that|that way|just so)\b", re.I)


# in run-on ASR a new statement starts with a bare subject ("…get you started today its dead
# easy we just need your licence"); after a joining word it is the ask's own trailing clause
_BARE_CLAUSE = re.compile(r"\s(?:it'?s|its|that'?s|thats|there'?s|theres|we|we'?ll|we'?re|i|i'?ll|i'?m|"
                          r"they|they'?re|he|she)\s", re.I)
_JOINERS = {"so", "and", "because", "cause", "cos", "if", "that", "then", "but", "when", "where", "which",
            "once", "til", "till", "until", "before", "after", "unless", "whether", "what", "how", "sure",
            "or", "think", "know", "mean", "guess", "like"}


_DO_THAT = re.compile(r"\b(?:can|could|shall|should) (?:we|you|i) (?:do|get|start|make) (?:that|this|it)(?: done| going| happen)?\b")


def _cue_end(s: Sentence, after: int) -> int | None:
    """In unpunctuated ASR, where the first cue (subtitle, segment) that ends at or after
    `after` ends inside the sentence, when the next cue starts a new utterance (a silence of
    UTTERANCE_GAP_S or more; a subtitle wrapped mid-sentence has next to none): the ask ends there."""
    segs = s.turn.segments
    for seg, nxt in zip(segs, segs[1:]):
        if s.char_start + after <= seg.char_end < s.char_start + len(s.text.rstrip()):
            gap = nxt.start - seg.end if nxt.start is not None and seg.end is not None else 0.0
            return seg.char_end - s.char_start if gap >= UTTERANCE_GAP_S else None
    return None


UTTERANCE_GAP_S = 1.0


def _word_before(text: str, at: int) -> str:
    words = re.findall(r"[a-z']+", text[:at].lower()[-30:])
    return words[-1] if words else ""


@dataclass(frozen=True)
class PauseFact:
    ok: bool
    how: str  # buyer_next | marker | gap | talk_on | no_ask
    seconds: float | None
    talk_on: Sentence | None  # where the seller kept talking
    quote: str = ""


class AskFinder:
    def __init__(self, params: AskParams | None = None):
        self.p = params or AskParams()
        self._verbs = cues(*self.p.commit_verbs)
        self._request = cues(*self.p.request)
        self._not = cues(*self.p.not_commitments)
        self._choice = cues(*self.p.choice)
        self._not_choice = cues(*self.p.not_choice)
        self._choice_verbs = cues(*self.p.choice_verbs)
        self._choice_wants = cues(*self.p.choice_wants)
        self._choice_goods = cues(*self.p.choice_goods)
        self._wishes = cues(*self.p.wishes)

    def asks(self, view: CallView) -> list[Ask]:
        """Rule candidates the meaning layer does not veto, and sentences it is sure ask."""
        found = []
        for s in view.seller_sentences():
            ask = self._ask_in(view, s)
            # a choice between things to buy is an ask whatever the head reads
            if ask and view.meaning.vetoes(s, ASK_ROLE) and not (ask.is_choice and self._goods(s)) \
                    and not (ask.dated and _PLAIN_REQUEST.search(s.lower[:ask.verb_end])
                             and (view.meaning.prob(s, ASK_ROLE) or 0.0) >= SURE_NOT_ASK):
                continue  # (a "can you approve X this week?" the head only half doubts stands)
            # the head alone makes an ask only of a question or a proposal, never of a statement
            # ("we don't do returns once it's signed")
            if ask is None and not self._not.search(s.lower) and (s.is_question or self._request.search(s.lower)) \
                    and view.meaning.confirms(s, ASK_ROLE):
                ask = self._heard_ask(view, s)
            if ask is None and self._is_choice(s) and self._goods(s) and _after_which(view, s):
                # "So which one are you thinking? The basic with the bustle, or the full package?"
                ask = Ask(s, s.text.strip(), len(s.text.rstrip()), None, True)
            if ask:
                found.append(ask)
        return found

    def _heard_ask(self, view: CallView, s: Sentence) -> Ask:
        """An ask in everyday words ("want to get you started today?"): no listed verb, so the
        whole sentence is the ask and any near-term date in it is its time frame."""
        frame = self._frame(view, s, 0, len(s.text))
        # in unpunctuated ASR the parser may run on past the question mark: the ask ends there
        mark = s.text.find("?")
        end = mark + 1 if mark >= 0 else _cue_end(s, frame.end if frame else 0) or len(s.text.rstrip())
        return Ask(s, s.text[:end].strip(), end, frame, self._is_choice(s))

    def _ask_in(self, view: CallView, s: Sentence) -> Ask | None:
        low = s.lower
        if not (s.is_question or self._request.search(low)):
            return None
        blocked = self._not.spans(low)
        verbs = [m for m in self._verbs.regex.finditer(low)
                 if not any(b0 <= m.start() < b1 for b0, b1, _ in blocked) and not _noun_use(s, m.start())]
        # run-on ASR: the verb the request leads to, not an earlier one ("… the check offs signed
        # before the surveyors walk in … so can we get the agreement signed this friday")
        first_request = next((m.start() for m in self._request.regex.finditer(low)), None)
        verb = next((m for m in verbs if first_request is not None and m.start() > first_request),
                    verbs[0] if verbs else None)
        if verb is None and self._is_choice(s) \
                and not any(not re.match(r"sign(?:ed)? up", b) for _, _, b in blocked):  # "which one do you sign up for, A or B?"
            verb = self._choice_verbs.search(low)
            # ... between things to buy, between two dated slots ("the prep on Tuesday the 21st, or
            # Thursday the 23rd?"), or one the head is sure of
            if verb is None and (self._goods(s) or self._frame(view, s, 0, len(s.text))
                                 or (view.meaning.prob(s, ASK_ROLE) or 0.0) >= self.p.choice_accept):
                verb = self._choice_wants.search(low)
        if verb is None:
            # "…get the intake paperwork going today. so i can hold monday the twenty third for the
            # nurse can we do that today": "that" is the commitment the sentence before named
            verb = _DO_THAT.search(low)
            before = view.beside(s, -1)
            if verb is None or before is None or not self._verbs.search(before.lower) \
                    or self._not.search(before.lower):
                return None
        frame = self._frame(view, s, verb.start(), verb.end())
        return Ask(s, verb.group(0), verb.end(), frame, self._is_choice(s))

    def _frame(self, view: CallView, s: Sentence, vstart: int, vend: int) -> DateMention | None:
        limit = view.call_date + timedelta(days=self.p.near_term_days)
        for d in s.dates:
            if d.vague or d.date is None or d.kind == "relative":
                continue
            if s.span is not None and not any(ch.isdigit() for ch in d.text) and noun_follows(s.span, d.end) \
                    and not _TIME_OF_DAY.match(s.text[d.end:].lstrip()) \
                    and not re.search(r"\b(?:by|on|before|until|till|for)\s+$", s.text[:d.start], re.I):
                continue  # "the intensive or the weekend track?": a product named by its days
            if d.date < view.call_date or (d.first or d.date) > limit:
                continue
            distance = d.start - vend if d.start >= vend else vstart - d.end
            if distance <= self.p.max_frame_distance:
                return d
        return None

    def _goods(self, s: Sentence) -> bool:
        """The choice is between things to buy: a goods word, or two names of products
        ("the Full Summer, or the Explorer Four?")."""
        return bool(self._choice_goods.search(s.lower) or _NAMED_CHOICE.search(s.text))

    def _is_choice(self, s: Sentence) -> bool:
        """An A-vs-B question: "pilot one school, or all four?" """
        cleaned = self._not_choice.regex.sub(" ", s.lower)
        return s.is_question and bool(self._choice.search(cleaned))

    def time_frame_only(self, view: CallView) -> Ask | None:
        """A seller wish with a near-term time frame but no question: not an ask, yet more
        than nothing (dated_ask partial)."""
        for s in view.seller_sentences():
            wish = self._wishes.search(s.lower)
            if wish and not s.is_question:
                frame = self._frame(view, s, wish.start(), wish.end())
                if frame:
                    return Ask(s, wish.group(0), wish.end(), frame, False)
        return None

    def closing(self, asks: list[Ask], view: CallView | None = None) -> Ask | None:
        """The closing ask: the first dated one, else the first one past the call's opening
        ("Do you want to start with the cedar or the vinyl?" before the quote is even on the
        screen picks what to talk about first), else the first one."""
        dated = next((a for a in asks if a.dated), None)
        if dated is not None or not asks:
            return dated
        opening = len(view.sentences) * OPENING_SHARE if view is not None else 0
        return next((a for a in asks if a.sentence.index >= opening), asks[0])


OPENING_SHARE = 0.1  # the first tenth of a call's sentences


def measure_pause(view: CallView, ask: Ask | None, threshold_s: float, talk_on_words: int) -> PauseFact:
    """Did the seller stop talking after the ask until the buyer answered?"""
    if ask is None:
        return PauseFact(False, "no_ask", None, None)
    turn = ask.sentence.turn
    end = ask.end_offset()
    rest = turn.text[end:ask.sentence.char_end]
    if _PROMISE_ON.match(rest) and _words(rest) <= PROMISE_WORDS and not turn.text[ask.sentence.char_end:].strip():
        end = ask.sentence.char_end  # "can we say yes today and ill put his name on the stall": one ask
    tail = turn.text[end:]
    marker = next((p for p in turn.pauses if p >= end - 1), None)
    if marker is not None and _words(turn.text[end:marker]) <= talk_on_words:
        return PauseFact(True, "marker", _gap_at(turn, end), None, "pause marker after the ask")
    gap = _gap_at(turn, end)
    if _words(tail) > talk_on_words:
        if gap is not None and gap >= threshold_s:
            return PauseFact(True, "gap", gap, None, f"{gap:.1f} s of silence")
        return PauseFact(False, "talk_on", gap, _sentence_at(view, turn, end), tail.strip())
    nxt = view.next_turn(turn)
    if nxt is None:
        return PauseFact(True, "buyer_next", None, None, "the call ends after the ask")
    silence = round(nxt.start - turn.end, 2) if nxt.start is not None and turn.end is not None else None
    if not nxt.is_seller:
        return PauseFact(True, "buyer_next", silence, None, "the buyer answered next")
    if silence is not None and silence >= threshold_s:
        return PauseFact(True, "gap", silence, None, f"{silence:.1f} s of silence")
    if _words(nxt.text) <= talk_on_words:
        return PauseFact(True, "buyer_next", silence, None, "")
    return PauseFact(False, "talk_on", silence, view.by_turn[nxt.index][0], nxt.text.strip())


# what the seller will do on a yes, said in the ask's own breath, ends the turn
_PROMISE_ON = re.compile(r"(?i)\s*,?\s*and (?:i'?ll|ill|i will|we'?ll|well|we will) \w+")
PROMISE_WORDS = 12

_VERB_OR_NOUN = {"schedule", "book", "lock", "add", "start", "order", "reserve", "upgrade",
                 "commit", "hold", "sign", "confirm", "renew", "expand", "booking", "scheduling",
                 "ordering", "approval"}


_TIME_OF_DAY = re.compile(r"(?i)(?:morning|afternoon|evening|night|noon|lunch|first thing|at\b)")


def _noun_use(s: Sentence, offset: int) -> bool:
    """"the summer schedule" is not an ask to schedule; "your approval" still is."""
    if s.span is None:
        return False
    base = s.span.start_char
    tok = next((t for t in s.span if t.idx - base == offset), None)
    if tok is None or tok.lower_ not in _VERB_OR_NOUN:
        return False
    if tok.lower_ == "approval":  # "your approval this week" asks; "the approval window" names
        return tok.dep_ == "compound"
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") or tok.dep_ in ("compound", "amod")


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


def _gap_at(turn, offset: int) -> float | None:
    """Silence after the segment (cue) that ends at `offset`, within one merged turn."""
    segs = turn.segments
    for a, b in zip(segs, segs[1:]):
        if a.char_start <= offset <= a.char_end + 1 and _words(turn.text[offset:a.char_end]) == 0:
            return round(b.start - a.end, 2)
    return None


def _sentence_at(view: CallView, turn, offset: int) -> Sentence | None:
    for s in view.by_turn.get(turn.index, []):
        if s.char_end > offset:
            return s
    return None
