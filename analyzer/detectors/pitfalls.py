"""Pitfalls that need more than a phrase: over-detailing, vague timelines, missing approvers."""
from __future__ import annotations

import re

from dataclasses import dataclass

from ..cues import cues
from .base import Detector, Facts, Finding, clear, flag, register

DEFAULT_TIMELINE_WORDS = (
    r"sign(?:ed|ing|ature)?", r"contract", r"paperwork", r"approv\w*", r"kick ?off", r"live",
    r"launch", r"start(?:ed)?", r"roll ?out", r"implement\w*", r"onboard\w*", r"train\w*",
    r"get (?:it|this|you) (?:going|set up|running)", r"up and running", r"set ?up", r"pilot",
    r"integration", r"install\w*", r"expand\w*", r"upgrade\w*", r"move forward", r"proceed",
    r"get to (?:it|that|them|the)", r"we'?d get to",
    r"schedul\w*", r"tour\w*", r"get (?:you|it|this|that|things) (?:\w+ ){0,3}(?:on|in|going|started|done|booked)",
    r"done", r"ready", r"finish\w*", r"deliver\w*", r"book\w*", r"mov(?:e|ing) in", r"clos(?:e|ing)",
)
DEFAULT_APPROVERS = (
    r"cfo", r"ceo", r"coo", r"cto", r"cio", r"vp(?: of \w+)?", r"boss", r"gm", r"general manager",
    r"managing partner", r"partners?", r"owner", r"board", r"legal", r"procurement", r"finance",
    r"director", r"my manager", r"committee", r"president", r"superintendent", r"council",
    r"head of \w+", r"controller", r"treasurer", r"principal", r"\w+ signs (?:anything|everything|off|contracts)",
    r"can'?t sign", r"(?:general )?counsel", r"provost", r"vice \w+", r"dean", r"chair\w*",
    r"executive director", r"\w+ officer", r"attorney", r"lawyer", r"head office", r"headquarters",
    r"wife", r"husband", r"spouse", r"parents?", r"mom", r"mum", r"dad", r"v\.? ?p",
)
DEFAULT_OUT_OF_LOOP = (
    r"run (?:it|this|that) by", r"(?:has|have)n'?t (?:seen|signed off|looked|approved|been)",
    r"not (?:yet )?(?:seen|in the loop|looped in|aware|involved|on board)", r"doesn'?t know",
    r"(?:would|will|'d) (?:have|need) to (?:approve|sign off|sign|see|okay|bless)",
    r"(?:decides|makes the (?:call|decision)|has the final say|signs off on)",
    r"need(?:s)? (?:to )?(?:check|talk) with", r"have to (?:check|talk) with", r"get (?:\w+ ){0,2}buy-?in",
    r"isn'?t (?:in the loop|aware|on board)", r"not sure (?:\w+ ){0,3}(?:will|would) (?:go for|approve)",
    r"(?:has|have)n'?t (?:even )?(?:heard|talked)", r"nobody (?:has )?(?:told|shown)",
    r"none of (?:them|us|the \w+) (?:have|has) (?:seen|approved|signed|heard)",
    r"(?:has|have) not (?:yet )?(?:seen|approved|signed off)", r"vote on",
    r"(?:she|he|they)(?:'d| would) (?:have|need) to be (?:on|in|there|part)", r"needs? to see (?:the|it|this|that)",
    r"handles (?:all )?(?:the |our )?(?:bills|money|finances|paperwork|budget)", r"goes to (?:\w+ )?(?:our|my|the)",
)
# someone's approval is needed, whoever they are ("Anja would have to approve it", "my mom's co-signing")
DEFAULT_APPROVAL_NEEDED = (
    r"(?:has|have|had|needs?|'d have|would have|will have|'ll have|got) to (?:approve|sign off|sign|see|agree|okay|"
    r"bless|go through|look at)", r"final say", r"signs? off on", r"(?:goes|go|has to go|have to go|needs to go) (?:through|past|by)", r"(?:paying|co-?signing|on the loan|the one who)",
    r"(?:can'?t|cannot|won'?t|not going to) (?:sign|do|decide|commit to|buy|agree to) (?:\w+ ){0,3}(?:until|without)",
    # everyday words for whose decision it is: "its kind of her call", "he'd have to be the one to say yes"
    r"(?:kind of |really |ultimately )?(?:his|her|their) (?:call|decision)", r"the one (?:who|to) (?:has to )?(?:say|says|sign|signs|decide|decides|okay|okays|approve|approves)\b",
    r"say yes", r"writes the checks", r"(?:does|handles) (?:all )?(?:of )?the (?:money|finances|budget|bills)",
    r"(?:he|she|they)(?:'ll| will|'s going to|'s gonna|'re going to|'re gonna) (?:want|need) to see",
)
# and is not in the loop yet
DEFAULT_NOT_IN_LOOP = (
    r"(?:has|have)n'?t (?:even |yet |really )?(?:seen|heard|looked|been (?:part|involved|told))",
    r"(?:has|have) not (?:yet )?(?:seen|heard)", r"doesn'?t (?:even |really )?know", r"don'?t (?:even )?know (?:i'?m|we'?re)",
    r"not (?:on|in) (?:this|the) (?:call|loop)", r"(?:haven'?t|didn'?t) (?:even )?(?:told|mentioned|asked|shown)",
    r"run (?:it|this|that) by", r"not sure (?:we'?re|she'?s|he'?s|they'?re)",
    r"until (?:my|our|her|his) \w+(?:'s| has)? seen",
    # "i gotta talk to my wife about it first", "i cant do anything until i talk to my brother"
    r"(?:talk|speak|check) (?:to|with) (?:\w+ ){1,5}first", r"until (?:i|we) (?:talk|speak|check|run it)\b",
    r"(?:got|have|need|gotta|'ve got) to (?:talk|speak|check) (?:to|with)\b",
    r"(?:haven'?t|hasn'?t|have not|has not) (?:even |yet )?(?:submitted|talked to (?:her|him|them))",
)
DEFAULT_ALIGNED = (
    r"already (?:approved|signed off|wants|aligned|on board|saw|seen|went through|agreed)",
    r"signing authority", r"approved the budget", r"is on board", r"(?:is|are) aligned",
    r"i (?:can|get to) sign", r"my call", r"i make the call", r"i have (?:the )?authority",
)


@register("over_detailing")
@dataclass(frozen=True)
class OverDetailing(Detector):
    kind = "pitfall"
    max_milestones: int = 5
    max_dates_per_turn: int = 5

    def evaluate(self, facts: Facts) -> Finding:
        ms = facts.path.milestones
        if len(ms) > self.max_milestones:
            return flag([m.evidence for m in ms[:3]],
                        f"{len(ms)} milestones: more steps than a buyer can track in one go.")
        view = facts.view
        asks = {a.sentence.index for a in facts.asks}
        for turn in view.turns:
            if not turn.is_seller:
                continue
            sents = [s for s in view.by_turn.get(turn.index, []) if s.index not in asks]
            target = facts.path.target.date if facts.path.target else None
            days = {d.date for s in sents for d in s.dates if d.date and not d.vague} - {target}
            if len(days) > self.max_dates_per_turn:
                return flag([s.evidence() for s in sents if s.dates][:3],
                            f"One turn listed {len(days)} dates besides the target: the path got lost in the detail.")
        return clear()


# time words that promise without a date: "in a couple weeks", "sometime in July", "real soon"
DEFAULT_VAGUE_TIME = (
    r"(?<!as )soon(?! as\b)", r"asap",  # "I'll call you as soon as they come in" waits on an event r"in no time", r"before you know it", r"in a bit", r"down the road",
    r"(?:in |within )?(?:a|the next) (?:few|couple(?: of)?) (?:days|weeks|months)", r"sometime\b(?: \w+){0,2}",
)
_MARGIN = re.compile(r"(?i)\s+of (?:buffer|slack|margin|cushion|room|wiggle|breathing)")
# what such words promise when no step word is near: "you'll see results real soon"
DEFAULT_PROMISE_WORDS = (r"results?", r"feel", r"see", r"running", r"on site", r"there")


@register("vague_timeline")
@dataclass(frozen=True)
class VagueTimeline(Detector):
    kind = "pitfall"
    timeline_words: tuple[str, ...] = DEFAULT_TIMELINE_WORDS
    vague_time: tuple[str, ...] = DEFAULT_VAGUE_TIME
    promise_words: tuple[str, ...] = DEFAULT_PROMISE_WORDS

    def evaluate(self, facts: Facts) -> Finding:
        words, loose, promised = cues(*self.timeline_words), cues(*self.vague_time), cues(*self.promise_words)
        ask_ids = {a.sentence.index for a in facts.asks}
        found = []
        for s in facts.view.seller_sentences():
            if s.is_question and s.index not in ask_ids:
                continue  # "you start the new job the 9th, you said?": checking, not promising
            # not the past ("I talked to the case manager this morning") nor a margin ("a few days of buffer")
            vague = [d for d in s.dates if d.vague and not (d.date and d.date <= facts.view.call_date)
                     and not _MARGIN.match(s.text, d.end)]
            loose_said = any(not _MARGIN.match(s.text, m.end()) for m in loose.regex.finditer(s.text))
            if vague and (words.search(s.text) or s.index in ask_ids) or loose_said and (
                    words.search(s.text) or promised.search(s.text)):
                found.append(s.evidence())
        if not found:
            return clear()
        return flag(found[:3], f"The timeline rested on vague words: “{found[0].quote}”.")


@register("missing_stakeholder")
@dataclass(frozen=True)
class MissingStakeholder(Detector):
    kind = "pitfall"
    approvers: tuple[str, ...] = DEFAULT_APPROVERS
    out_of_loop: tuple[str, ...] = DEFAULT_OUT_OF_LOOP
    aligned: tuple[str, ...] = DEFAULT_ALIGNED
    approval_needed: tuple[str, ...] = DEFAULT_APPROVAL_NEEDED
    not_in_loop: tuple[str, ...] = DEFAULT_NOT_IN_LOOP

    def read_first(self, facts: Facts):
        who, out = cues(*self.approvers), cues(*self.out_of_loop)
        need, unaware = cues(*self.approval_needed), cues(*self.not_in_loop)
        for s in facts.view.buyer_sentences():
            nxt = facts.view.beside(s)
            window = s.text + " " + (nxt.text if nxt else "")
            if who.search(s.text) and out.search(s.text) or (need.search(window) or who.search(window)) \
                    and unaware.search(window):
                yield s

    def evaluate(self, facts: Facts) -> Finding:
        who, out, ok = cues(*self.approvers), cues(*self.out_of_loop), cues(*self.aligned)
        need, unaware = cues(*self.approval_needed), cues(*self.not_in_loop)
        view, meaning = facts.view, facts.view.meaning
        found = []
        for s in view.buyer_sentences():
            if ok.search(s.text):
                continue
            # the need and the unaware approver often sit in two sentences of one turn:
            # "Anything over five grand goes to Nina. She hasn't seen the SOW yet."
            nxt = view.beside(s)
            window = s.text + " " + (nxt.text if nxt else "")
            if (who.search(s.text) and out.search(s.text) and not meaning.vetoes(s, "approver_missing")
                    or meaning.confirms(s, "approver_missing")
                    or (need.search(window) or who.search(window)) and unaware.search(window)
                    and not ok.search(window)):
                found.append(meaning.evidence(s, "approver_missing"))
        if not found:
            return clear()
        return flag(found[:2], f"An approver is not in the loop: “{found[0].quote}”.")
