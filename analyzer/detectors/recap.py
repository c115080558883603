"""value_summary: a seller-side restatement of what the buyer said they need, before the path."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..cues import cues
from .base import Detector, Facts, Finding, register

ROLE = "value_recap"
DEFAULT_RECAP = (
    r"we agreed", r"to recap", r"recap(?:ping)?", r"you said", r"you(?:'ve| have)? told (?:me|us)",
    r"you mentioned", r"what (?:i'?ve|we'?ve|i) heard", r"what you'?re (?:telling|saying to) me", r"if i'?ve got (?:it|that|this) right",
    r"let me (?:pull together|summari[sz]e|play (?:that|it) back|make sure i)",
    # "Let me say back what I've got, then we talk dates."
    r"let me (?:just )?(?:say|read|repeat) (?:it |that |this |all of that )?back", r"say back what",
    # the buyer's family member's need: "so what she needs is them roundabouts sorted"
    r"what (?:she|he|they|your \w+) (?:really )?needs? is",
    r"what you(?: two| guys| both| all)? (?:really )?need is", r"what you(?: two| guys| both| all)? (?:really |actually |most )?want(?: out of (?:this|it|all (?:of )?this))? is", r"the (?:big|main) thing you said", r"the (?:whole )?point of (?:all )?this",
    r"you shared", r"as you put it", r"you (?:were|are) clear", r"from what you(?:'ve)? (?:said|told)",
    r"you(?:'ve)? (?:described|explained|flagged|called out)", r"so (?:the|your) goal is",
    r"(?:the|your) goal (?:you|was)", r"in your words", r"summing up", r"to summari[sz]e",
    r"you'?re (?:trying|looking) to (?:cut|reduce|get|stop|avoid|save|hit)",
    r"the reason (?:this|you)", r"what matters (?:most )?to you", r"what you'?re after",
    r"(?:to )?(?:put|pull) (?:it|this|that|everything) (?:all )?together",
    r"(?:make sure|check) (?:that )?i'?ve got (?:it|that|this|you)", r"if i understand",
    r"what (?:we'?re|were|you'?re|youre) going for", r"(?:that'?s|which is) (?:exactly )?what you told me you",
    r"play(?:ing)? (?:it |that |this )?back", r"so we'?re (?:clear|aligned|on the same page) on",
    r"you need (?:a|an|the|to|real|every)", r"what (?:i'?m|im|we'?re) hearing", r"restat(?:e|ing)",
    r"so you'?re saying", r"sounds like you", r"you want", r"(?:things?|what) you (?:wanted|asked for|were after)",
    r"what matters(?: most)?", r"make sure i(?:'ve)? got", r"(?:the|your) goal is",
    r"the (?:main|big|whole|real) (?:thing|point|goal|reason)(?=,? (?:is|was|here|for you|you)\b|'s\b|:)",
)
# Cues people also say in passing ("that's what matters", "the whole thing", "when you want"):
# they count only in a sentence that speaks to the buyer about something the buyer said.
BROAD_RECAP = (
    r"what matters(?: most)?", r"the (?:main|big|whole|real) (?:thing|point|goal|reason)(?=,? (?:is|was|here|for you|you)\b|'s\b|:)",
    r"(?:the|your) goal is", r"so (?:the|your) goal is", r"the reason (?:this|you)",
    r"the (?:whole )?point of (?:all )?this", r"you need (?:a|an|the|to|real|every)",
)
DEFAULT_NOT_RECAP = (r"you'?ll want", r"do you want", r"if you need", r"understand if you", r"would you want", r"will you want", r"if you want", r"what do you", r"you(?:'d)? probably want", r"i(?:'d)? assume",
                     r"i(?:'m)? guessing",
                     # a summary of the offer, hearsay and advice are no restatement of the buyer
                     r"(?:put|pull) (?:it|this|that|everything) (?:all )?together (?:for you )?(?:real quick )?on\b",
                     r"(?:from )?what (?:i'?ve|we'?ve) heard (?:from (?!you\b)\w+|about)\b",
                     r"you want to (?:stop|avoid|skip|wait|hold off|make sure you|bring|keep it)\b",
                     r"(?:nothing|anything) (?:\w+ )?you need to\b",
                     r"(?:whatever|wherever|whenever|however|whichever|how|where|whether) you (?:want|need)",
                     r"(?:when|as (?:much|many|long|often) as|unless|in case|until) you (?:want|need)\b",
                     r"recap (?:e-?mail|note|message|doc)",
                     # an invitation to talk and advice are no restatement
                     r"(?:hear|tell me|say|put) (?:it|that|this)? ?in your (?:own )?words",
                     r"(?:at (?:a |the )?minimum|ideally|generally|usually|typically|normally|honestly) you(?:'d)? (?:want|need)",
                     # sizing advice: "with an eight-footer you want about five feet of clearance"
                     r"you (?:want|need) (?:about|around|roughly|at least|at most|no more than|a minimum of|maybe|"
                     r"under|over|below|above|less than|more than)\b",
                     # an offer to the buyer and work done on what they said are no restatement
                     r"\byou want me to\b", r"\bbased on what you(?:'ve)? (?:told|said|shared|described)\b",
                     r"\bwith (?:a|an|the) [\w-]+,? you(?:'d)? (?:want|need)\b",
                     r"\bfor what you(?:'re)? (?:want|need|after|doing)\b",
                     # what a feature allows later: "if later you decide you want whole life … you can switch"
                     r"\bif (?:\w+ ){0,3}you (?:later |ever |then )?(?:decide|choose|change your mind)\b",
                     # why the buyer got in touch: "you said you were interested in membership and had some questions"
                     r"\byou (?:said|mentioned|wrote|put down|noted)(?: on the form| in the form| online)? (?:that )?"
                     r"you(?:'re| were| are| had| have) (?:interested in|curious about|(?:some |a few )?questions)\b")  # "for what you want, the floor models …": a pitch


def _restates(view, s, cue_end: int) -> bool:
    """A recap says something: six words or more after the cue ("you said the board wants it
    live by May"), or a lead-in followed by more in the same turn ("Let me play back what we've
    heard, then."). "Last time you said it was the 18th." on its own is small talk."""
    after = len(s.text[cue_end:].split())
    if after >= 6:
        return True
    if after <= 5 and _TRAILING.search(s.text) and _said_before(view, s):
        return True  # "…, and Ron, you're pulling it easily. That's the two things you wanted."
    more = [o for o in view.by_turn[s.turn.index] if o.index > s.index]
    return bool(more)


_LEAD_IN = re.compile(r"let me (?:just )?(?:say|read|repeat|play) (?:it |that |this |all of that )?back|"
                      r"say back what|let me (?:summari[sz]e|recap|pull together|make sure i)|to recap|to summari[sz]e")
_TRAILING = re.compile(r"(?i)\b(?:that'?s|those are|these are|which is) (?:the |all |exactly )?(?:\w+ )?"
                       r"(?:things?|what) you (?:wanted|asked for|were after|said|told me)(?: you (?:wanted|needed))?"
                       r"(?: (?:back|on|in|at|during|last|when)\b(?:\W+\w+){0,3})?\W*$")


_GENERIC = frozenset("""thing want need get go make time good like know think say way lot really
just right yeah well okay kind sort look see come take mean want whole big main real point goal
reason matter bit day week month year people stuff""".split())


def _content(sent, pos=("NOUN", "PROPN", "VERB", "ADJ")) -> set[str]:
    return {t.lemma_.lower() for t in sent.span if t.pos_ in pos
            and not t.is_stop and t.lemma_.lower() not in _GENERIC and len(t.text) > 2}


def _buyer_words(view) -> list[tuple[int, set[str]]]:
    """(sentence index, content words) for every buyer sentence, in call order."""
    return [(b.index, _content(b)) for b in view.buyer_sentences() if b.span is not None]


def _about_buyer(view, s, buyer_words: list[tuple[int, set[str]]]) -> bool:
    """A broad cue restates only when it names what the buyer said earlier in the call: two
    of their content words, one a thing ("the whole point of this is that Maya and the girls
    stay in the house"), not small talk ("you guys drive off happy") or the seller's terms."""
    if s.span is None:
        return False
    said = set().union(*(words for i, words in buyer_words if i < s.index))
    shared = _content(s) & said
    return len(shared) >= 2 and bool(shared & _content(s, ("NOUN", "PROPN"))) and _to_the_buyer(view, s)


_TO_BUYER = re.compile(r"(?i)\b(?:you|your|you'?re|yours|y'?all|ur)\b")


def _to_the_buyer(view, s) -> bool:
    """Spoken to or about the buyer ("you", "your", or a buyer's name), not about the product
    ("so the big thing is the Toast integration") or people in general."""
    if _TO_BUYER.search(s.text):
        return True
    buyers = {t.speaker for t in view.turns if not t.is_seller}
    return any(view.speaker_names.get(w) in buyers for w in re.findall(r"[a-z]+", s.lower))


def _said_before(view, s):
    """The sentence before in the same turn, which a trailing cue sums up."""
    return view.beside(s, -1)


def _with_what_follows(view, s):
    """A lead-in ("So let me make sure I have it.") is quoted with the sentence that follows,
    which holds what was restated."""
    before = _said_before(view, s)
    if (len(s.text.split()) < 8 or _TRAILING.search(s.text)) and before is not None \
            and not view.beside(s):  # a trailing summing-up
        return replace(s.evidence(s.turn.text[before.char_start:s.char_end]), start=before.start)
    nxt = view.beside(s)
    if len(s.text.split()) >= 10 or nxt is None:
        return s.evidence()
    return replace(s.evidence(s.turn.text[s.char_start:nxt.char_end]), end=nxt.end)


_REPORTS = re.compile(r"(?i)\b(?:you(?:'ve| have)? (?:told (?:me|us)|said|mentioned|shared)|what you'?re (?:telling|saying to) me|"
                      r"what (?:i'?ve|we'?ve|i) heard(?: from you)?|if i understand(?: you)?)\b")


def _vetoed(text: str, veto) -> bool:
    """A veto phrase after the buyer's own words are reported is what they said: "What you told
    me is you want to stop being the person who gets handed the plan"."""
    found = veto.search(text)
    if found is None:
        return False
    reported = _REPORTS.search(text)
    return reported is None or reported.end() > found.start()


# the buyer's answer that says the seller got it: "Yes. That's it. That's exactly it."
_CONFIRMED = re.compile(r"(?i)^\W*(?:(?:yes|yeah|yep|yup|oh|um|uh|mm+|okay|ok|totally|absolutely|honestly)\W+){0,3}"
                        r"(?:that'?s (?:exactly |totally |just )?it\b|that'?s exactly (?:right|what)\b|exactly\b|"
                        r"precisely\b|spot on\b|(?:you )?nailed it\b|you got it\b|bingo\b)")
# what a restatement of the buyer's goal sounds like: "for you guys it's gotta be …", "it comes
# down to this: …", "no more stairs", "so you can …"
_GOAL_WORDS = re.compile(r"(?i)\b(?:gotta|got to|has to|have to|needs? to|needs?|wants?|comes? down to|matters?|"
                         r"so (?:that )?you(?:'re| can| get| don'?t)|you get to|no more|for you\b)")


_EXACTLY_IT = re.compile(r"(?i)\b(?:exactly (?:it|right)|that'?s exactly what|(?:you )?nailed it|spot on)\b")


def _confirmed_by_buyer(view, s, buyer_words) -> bool:
    """A restatement in everyday words the buyer confirms at once: (seller) "so for you guys
    it's gotta be swimmable with the lights working and no mud" (buyer) "yes that's exactly it".
    Not a fact checked back ("So you saw Dr Hughes on Thursday" "That's it") nor a quip."""
    if s.is_question or len(s.text.split()) < RESTATED_WORDS or view.beside(s) is not None \
            or s.span is None or s.span.root.tag_ == "VBD":
        return False  # the buyer answers the turn's last sentence
    nxt = view.turns[s.turn.index + 1] if s.turn.index + 1 < len(view.turns) else None
    if nxt is None or nxt.is_seller or not _CONFIRMED.match(nxt.text):
        return False
    # "That's exactly it." needs no more; a plain "exactly" needs the words of a goal
    if not _EXACTLY_IT.search(" ".join(nxt.text.split()[:8])) and not _GOAL_WORDS.search(s.text):
        return False
    return _about_buyer(view, s, buyer_words())


RESTATED_WORDS = 15


def _sets_up_a_question(view, s) -> bool:
    """"You mentioned they're swapping your meter. Do you know when?": a short line that leads
    into a question asking for something new restates nothing; "… Is that right?" checks a recap."""
    nxt = view.beside(s)
    return nxt is not None and nxt.turn.index == s.turn.index and nxt.is_seller and nxt.is_question \
        and len(s.text.split()) < RESTATED_WORDS and not _CHECKS_BACK.search(nxt.text)


_CHECKS_BACK = re.compile(r"(?i)\b(?:right|correct|fair|accurate|true|yeah|yes)\s*\?|^\W*(?:so |and )?(?:is|was|does|did|would) "
                          r"(?:that|this|it)\b|\b(?:did|have|has) i (?:get|got|miss)|\bam i (?:right|close|missing)|"
                          r"\banything (?:i|else)|\bsounds? (?:right|about right)")


def _asks_a_question(s) -> bool:
    """"Would QA run the protocols, or would you want us to?" asks; a recap tells."""
    checks = s.text.rstrip().endswith(("right?", "correct?", "fair?")) and len(s.text.split()) >= 8
    return s.is_question and not checks  # "That's the whole reason for this, right?" restates nothing


@register("value_recap")
@dataclass(frozen=True)
class ValueRecap(Detector):
    cues: tuple[str, ...] = DEFAULT_RECAP
    not_recap: tuple[str, ...] = DEFAULT_NOT_RECAP

    def read_first(self, facts: Facts):
        hit, veto, view = cues(*self.cues), cues(*self.not_recap), facts.view
        for s in view.seller_sentences():
            if facts.in_closing(s) and hit.search(s.text) and not _vetoed(s.text, veto):
                yield s
                if _LEAD_IN.search(s.lower):
                    yield view.beside(s)

    def evaluate(self, facts: Facts) -> Finding:
        broad = set(BROAD_RECAP)
        hit, veto = cues(*(c for c in self.cues if c not in broad)), cues(*self.not_recap)
        hit_broad = cues(*(c for c in self.cues if c in broad))
        meaning = facts.view.meaning
        view = facts.view

        buyer_words = cache(lambda: _buyer_words(view))  # read once, and only if a broad cue needs it

        def cued(s):
            m = hit.search(s.text)
            if m is None and (m := hit_broad.search(s.text)) is not None \
                    and not _about_buyer(view, s, buyer_words()):
                return False
            if m is None or not _restates(view, s, m.end()) or _sets_up_a_question(view, s):
                return False
            if not meaning.vetoes(s, ROLE):
                return True
            # a lead-in the head doubts ("Let me say back what I've got, then we talk dates.")
            # stands on what it leads into, the next sentence of the turn
            nxt = view.beside(s)
            return nxt is not None and bool(_LEAD_IN.match(s.lower[m.start():])) and not meaning.vetoes(nxt, ROLE)

        recaps = [s for s in view.seller_sentences()
                  if facts.in_closing(s) and not _vetoed(s.text, veto) and not _asks_a_question(s)
                  and (cued(s) or meaning.confirms(s, ROLE)
                       or _confirmed_by_buyer(view, s, buyer_words) and not meaning.vetoes(s, ROLE))]
        if not recaps:
            return Finding("fail", (), "No restatement of the buyer's value or outcome before asking.")
        first = recaps[0]
        marks = [s.index for s in (facts.first_timeline,
                                   facts.closing_ask.sentence if facts.closing_ask else None) if s]
        if not marks and facts.closing and not facts.closing.short_call:
            # a long call with no timeline and no ask has no closing sequence for a recap to open
            return Finding("fail", (), "A restatement of the buyer's needs came up, but the call never "
                                       "moved to a timeline or an ask for it to lead into.")
        limit = min(marks) if marks else None
        evidence = (replace(_with_what_follows(facts.view, first),
                            confidence=meaning.evidence(first, ROLE).confidence),)
        # a recap that itself leads into the timeline ("what matters to you is no empty shelves
        # this November, which means the goods are in Rotterdam by October 16") comes before it
        if limit is None or first.index < limit or facts.first_timeline is not None \
                and first.index == facts.first_timeline.index and (facts.closing_ask is None
                                                                   or first.index < facts.closing_ask.sentence.index):
            return Finding("pass", evidence, "Restated the buyer's value before the timeline.")
        return Finding("partial", evidence, "Restated the value, but only after the timeline or the ask.")
