"""risk_relief: the seller offers a way to make saying yes safer."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..cues import cues
from .base import Detector, Facts, Finding, register

ROLE = "risk_relief"
DEFAULT_RELIEF = (
    # a pilot offered, not the word alone ("pilot sorry my screen autocorrects")
    r"(?:a|the|our|your|small|short|paid|free|quick|\d+[- ]day|\w+[- ](?:day|week|month)) pilot"
    # the company's own trial run is no offer: "it's just the pilot branches"
    r"(?! (?:branch|store|location|market|area|region|city|cities|office|school|clinic)(?:es|s)?\b)",
    r"pilot (?:program|period|phase|project|group|run|month|week|site|team|it|this|that|with|first|at|in|on)\b",
    r"(?:can|could|would|'d|will|'ll|let'?s|to) pilot\b",
    r"phased (?:start|rollout|approach)",
    # phase one as an offer to start small, not a description of a programme's phases
    r"(?:start\w*|begin\w*|kick\w* off|go|sign\w*|approv\w*|commit\w*|do|just|only|try\w*|green[- ]?light\w*)"
    r"(?: [\w-]+){0,6} (?:with |as )?(?:phase (?:one|1)|the first phase)",
    r"(?:phase (?:one|1)|the first phase) (?:first|only|on its own|by itself)",
    r"(?:phase (?:one|1)|the first phase) (?:is|'s|would be|will be) (?:just |only )?[\w -]{1,30}? only\b",
    # a conditional exit in plain words: "If something weird happens with the loan, you cancel
    # the order. No restocking fee, you're out nothing."
    r"\bif [^.?!,]{3,60}, you (?:just |can )?cancel\b", r"you(?:'re| are|'d be| would be) out nothing",
    r"no (?:restocking|cancellation|cancel) fee",
    # an opt-out in plain words: "if … you don't like how it's going, you stop there", "there's a
    # break at month twelve … you give six months notice and you walk"
    r"\byou (?:just |can )?stop (?:right )?there\b", r"there'?s no contract\b",
    r"\b(?:a |the )?break (?:clause |option )?at (?:month|year) \w+", r"\band you walk\b(?! (?:out|in|over|around|through|up|down|back|home|away with)\b)",
    r"(?:phase (?:one|1)|the first phase) (?:would|will|could|can) cover (?:only|just)",
    r"the rest (?:follows?|comes?|can wait|only) (?:\w+ ){0,2}(?:once|when|after|if)",
    r"guarantee in writing", r"(?:months?|weeks?|fees?|it|that|this|those) (?:are|is)(?: all)? on us",
    r"start (?:small|with (?:one|a single|just))", r"opt[- ]?out", r"exit (?:clause|criteria|ramp|option)",
    r"out clause", r"opt[- ]?down", r"scale (?:it )?(?:back|down)", r"step down",
    r"hold (?:the|that|your|those|a) (?:[\w-]+ ){0,3}(?:slot|date|dates|spot|window)s?(?: for you)? contingent",
    r"contingent on", r"money[- ]back", r"cancel (?:any ?time|without)",
    # a guarantee that refunds or redoes when the outcome is missed, not "guaranteed" in passing
    r"(?:money[- ]back|satisfaction|results?|pass|outcome|performance|replacement|\d+[- ]day|"
    r"(?:thirty|sixty|ninety|fourteen|seven)[- ]day) guarantee",
    r"guarantee(?:d)?,? (?:that )?if\b",
    r"guarantee(?:d)?,? (?:that )?(?:you'?ll (?:get|see|pass|hit|love)|you (?:get|see|pass|hit))[^.?!]{0,80}"
    r"\b(?:or (?:you|we|your|it'?s)|if (?:not|you don'?t|it doesn'?t|you'?re not)|otherwise|refund|money back|"
    r"free|on us|redo|re-?do|retake|re-?print)",
    # "we guarantee you'll pass or you retake free": a promise with a remedy, not "I guarantee the best rate"
    r"(?:we|i) guarantee (?:it|that|you|the|your)\b.{0,60}\b(?:or (?:you|we|your)|if (?:not|it|you|we)\b)",
    r"micro[- ]?proof", r"proof of concept", r"(?:parallel|small|mini) (?:\w+ )?(?:proof|pilot|trial|test|review)", r"quick (?:\w+ )?(?:proof|pilot|trial)", r"in parallel", r"checkpoint", r"walk away (?:at|after)",
    r"you(?:'re| are) not (?:\w+ )?locked in", r"no (?:long[- ]term )?commitment",
    r"if it doesn'?t work", r"trial period", r"(?:drop|reduce) (?:the )?seats",
    r"(?:drop|cancel|pause|remove) (?:\w+ ){0,2}any ?time", r"drop back",
    # a refund offered to this buyer, not "non-refundable" or how the till does refunds
    r"(?:full|complete|hundred percent|100 ?%) refund", r"refund(?:s|ed)? (?:you (?:the|your|in full|every|all|if|for)|in full|it all|everything|every)",
    r"(?:get|gets|give|receive) (?:you )?(?:a |your )?(?:full )?refund",
    r"(?:we|we'?ll|i|i'?ll|we would|we will|i will) (?:\w+ ){0,2}refund",
    r"(?:fully )?refundable (?:right |all the way )?(?:up )?(?:until|till|up to|within|for|if|before|in full)",
    # a performance guarantee with its remedy: "if year one comes in short, we write the district
    # a check for the difference"
    r"(?:write|cut|pay|send) (?:\w+ ){0,3}(?:a )?(?:check|cheque) for the (?:difference|shortfall)",
    r"\bif [^.?!]{0,40}\b(?:comes?|falls?|came) (?:in )?short\b[^.?!]{0,20}\b(?:we|i)(?:'ll| will)? (?:pay|refund|cover|write|make)",
    # a phased start whose rest waits on the buyer: "phase two is the last two, whenever you add vans"
    r"phase (?:two|2|three|3) (?:is|'s|would be|will be|comes?) [^.?!]{0,50}\b(?:whenever|once|if|when) you\b",
    r"(?:deposit|money|payment|premium|fee)s? (?:comes?|goes|go) back",
    r"you(?:'ve)? (?:have|got) (?:until|till|up to|\w+ days) (?:\w+ ){0,4}to (?:cancel|change your mind|back out|pull out)",
    r"you can (?:stop|walk away|pull out|back out) (?:right there|at any|any ?time|after|then|with no|without)",
    r"(?:zero|no) risk (?:if|for you|to you)",
    # an exit in plain words: "you can walk away from the rest of the contract", "you just cancel,
    # you're out, no fee"
    r"\byou(?:'d| can| could| would| just| get to|'re free to| are free to)? (?:just )?walk away\b",
    r"\byou (?:can )?just cancel\b", r"you(?:'re| are) out,? no (?:fee|charge|penalty|cost)",
    r"(?:get|gets|give you) (?:\w+ ){0,4}(?:percent|%|money|deposit|fee|of (?:the|your) \w+) back\b",
    r"(?:courtesy|soft|free|no[- ]deposit) hold\b",
    r"\byou(?:'d|'ll| would| will)? owe (?:nothing|us nothing|zero)\b", r"\b(?:won'?t|don'?t|wouldn'?t) owe (?:us )?(?:anything|a thing|a penny|a cent|a dime)\b",
    r"\bno (?:termination|cancellation|early[- ]termination|exit) (?:fee|penalty|charge)s?"
    r"(?! (?:\w+ ){0,3}(?:on|with|from|at) (?:their|them|the other|your (?:current|old)))",
    r"free (?:trial|week|month|fortnight)s?\b", r"(?:first|1st|initial|trial|intro\w*) (?:class|session|lesson|week|month) (?:is |'s )?(?:free|on us)",
    r"free (?:first|1st|initial|trial|intro\w*) (?:class|session|lesson|week|month)",
    r"opt (?:\w+ )?(?:out|down)", r"drop (?:it|them|out|back) (?:at|after) (?:\w+[- ])?(?:days?|months?)",
    r"(?:refund|money|cancel|return)\w*\b.{0,40}no questions asked", r"no questions asked.{0,40}(?:refund|money|cancel|return)",
    r"exit (?:the |your )?(?:contract|agreement|deal)",
    r"(?:first|initial) step small", r"(?:simply )?(?:don'?t|do not|never) (?:have to )?extend",
    r"start(?:ing)? with (?:one|two|a few|a couple of|just|only) ",
    r"you can cancel (?:any ?time|the (?:contract|plan|membership|subscription|agreement|order)|"
    r"(?:\w+ ){0,3}(?:without|with no|no) (?:penalty|fee|charge|cost))", r"cancel (?:and|with no|without)",
    r"(?:every|each) (?:penny|cent|dollar)(?: of [\w ]{1,20})? back", r"free look", r"change your mind",
    r"(?:replace|refill|redo|re-do) (?:[\w'-]+,? ){0,3}(?:free|at no (?:cost|charge)|no (?:fee|charge|cost))",
    r"replacement guarantee", r"\b(?:you|they|she|he|we)(?: just| simply)? (?:don'?t|won'?t|wouldn'?t) pay (?:for|a (?:cent|penny|thing))",
    r"free (?:trial|week|month)", r"try it (?:free|for)",
    r"cancel,? no (?:fee|charge|penalty|cost|questions)", r"(?:isn'?t|not) for you",
    r"(?:don'?t|won'?t|wouldn'?t) pay (?:anything|a thing|nothing)",
    # the first visit free, not a product perk ("first box is free on plus")
    r"first (?:\w+ )?(?:week|month|class|session|lesson|visit|consultation|appointment|clean(?:ing)?|service|"
    r"treatment|night|ride|trip|delivery|order|haircut|cut|groom(?:ing)?|walk|(?:\w+ )?fee)s? (?:is |'s |are )?(?:on us|free)",
    r"next (?:\w+ ){0,2}free", r"free (?:test|sample|pilot|trial run|try[- ]?out)\w*",
    # an everyday opt-out: "you can cancel up to 48 hours before delivery, no charge"
    r"cancel\w*\b[^.?!]{0,60}\b(?:no|without (?:a|any)?) ?(?:charge|fee|penalty|cost)s?\b",
    r"you can cancel (?:up to|until|till|before|within|right up)",
    r"(?:check|see|try|test|judge)\b[^.?!]{0,50}\bbefore you (?:commit|sign|buy|pay|decide|spend)",
    # a hold released at no cost if the deal falls through
    r"(?:just )?release (?:it|the \w+|them|that|the slot|the hold)\b[^.?!]{0,30}\bno (?:charge|cost|fee|penalty)",
    r"if (?:\w+ ){0,6}(?:falls? through|doesn'?t (?:come through|happen|go ahead))[^.?!]{0,80}\b(?:no (?:charge|cost|fee|penalty)|refund\w*|release|cancel)",
    r"if (?:[\w'’]+,? ){0,10}(?:doesn'?t|don'?t|does not|do not|isn'?t|aren'?t|is not|are not) (?:go up|improve|work|pass|"
    r"hit|deliver|get better|save|pay off|fit|right)",
    # the remedy when it goes wrong: "send them back and walk away", "we pay you the difference",
    # "I remake it. My cost, not yours.", "we rematch you … at no extra fee"
    # "if you change your mind you send it back", not "once you send it back, the tech comes out"
    r"(?:\bif [^.?!]{3,100}|can |could |just |simply )send (?:it|them|the (?!empties|bottles|jars|containers|packaging|boxes)\w+) back\b", r"(?:pay|refund|credit|cover) (?:you )?(?:for )?the (?:difference|shortfall)\b",
    r"\b(?:my|our) (?:cost|dime|expense),? not yours\b",
    r"\b(?:re-?make|re-?match|re-?shoot)\w* (?:it|them|you|that|him|her)\b",
    r"\bif [^.?!]{3,80}\bat no (?:extra |additional )?(?:fee|cost|charge)\b",
    # a deposit back in plain words: "you get the whole five hundred back, right up until …"
    r"(?:get|gets|give you) (?:[\w'-]+ ){0,4}(?:hundred|thousand|grand|dollars|bucks|pounds|euros|quid|\d[\d,]*|it all|all of it) back\b",
    # a redo promised at no cost, or when the result is not right: "he comes back and retunes it,
    # no charge", "if it's not right on Sunday, we come back and make it right"
    # (a repair of what breaks is a warranty: "if a bracket pops off we fix it no charge")
    r"\b(?:re-?(?!pair|place)[a-z]{3,}|redo) (?:it|them|that|the \w+)\b,? (?:for )?(?:no charge|free|at no (?:cost|charge)|on us|on the house)",
    r"\bif [^.?!]{3,80}\b(?:we|i|he|she|they)(?:'ll| will)? (?:\w+ ){0,3}(?:make (?:it|that|things) right|redo (?:it|them|that))",
)
DEFAULT_NOT_RELIEF = (r"discount", r"waive", r"fee waiver", r"spread (?:the|it|payments)",
                      r"payment plan", r"(?:hardware|device|unit|part|scanner)s? (?:replacement|swap)", r"swap",
                      # someone else's guarantee, or guarantees dismissed, is no offer
                      r"(?:their|they (?:offer|run|have|give)|those|competitors?'?s?) (?:\w+ ){0,3}guarantees?",
                      r"guarantees? (?:are|is) (?:just|only|mostly|all)", r"put (?:much |any )?weight on",
                      r"(?:guarantee|refund|trial|money[- ]back)s? (?:thing|stuff)\b",
                      # taken back in the same breath: "a thirty-day satisfaction guarantee, but … it's
                      # minus a forty percent restocking and removal fee"; what others claim
                      r"\b(?:minus|less|except for) (?:a |the )?(?:\w+ ){0,4}(?:fee|restocking|charge)s?\b",
                      r"(?:half|some|most|all|a lot|lots|many|none) of them (?:\w+ )?(?:say|claim|promise|advertise|offer)",
                      r"\bthey (?:all |always )?(?:say|claim|promise)\b",  # "the satisfaction guarantee thing, if you read it"
                      # a refund or guarantee refused is no offer
                      r"(?:don'?t|do not|can'?t|cannot|won'?t|never|nobody can|no one can) (?:\w+ ){0,2}guarantee",
                      r"not (?:\w+ )?a refund", r"(?:don'?t|do not|no longer|stopped) (?:do|offer|have|doing|offering|run) (?:\w+ ){0,2}trials?", r"no refunds?", r"non[- ]?refundable",
                      r"(?:isn'?t|aren'?t|not|never|won'?t be|can'?t be|no longer) (?:\w+ ){0,2}refund\w*",
                      r"(?:mostly|just|all|pure) marketing", r"fine print", r"from what i'?ve heard",
                      # what other sellers advertise: "some places, like SkinLab, advertise a results
                      # guarantee", "Princeton Review and the big companies have a score guarantee"
                      r"advertis\w*", r"(?:some|other|a lot of|lots of|many|most|the big|bigger) (?:[\w-]+ ){0,3}"
                      r"(?:places|companies|shops|clinics|photographers|providers|guys|studios|schools|tutors|"
                      r"chains|brands|outfits|competitors|carriers|dealers|gyms|firms|agencies|programs|installers|contractors|"
                      r"vendors|lenders|brokers|insurers|banks|sellers|builders|funders)\b",
                      # the buyer pays or vouches: "so yes, you'd pay the difference", "you're
                      # guaranteeing you won't close the shop" (a personal guarantee)
                      r"\byou(?:'d| would| will|'ll)? (?:still |just )?pay (?:\w+ )?the (?:difference|rest|balance)\b",
                      r"\byou(?:'?re| are)? (?:personally )?guarantee(?:ing|s)?\b", r"\bpersonal guarantee\b",
                      r"(?:i|we) don'?t do (?:that|those|it|them)\b",
                      r"(?:i|we) (?:don'?t|do not|dont) (?:really |actually |even )?(?:do|offer|have|run) (?:the |a |any )?"
                      r"(?:[\w-]+ ){0,3}(?:free|trials?|refunds?|guarantees?)\b",
                      r"(?:won'?t|don'?t|wouldn'?t|doesn'?t) (?:get|receive|give) (?:you )?(?:a |any |your )?(?:\w+ )?refund",
                      r"\b(?:i|we|they|it|he|she|there) used to (?:\w+ ){0,2}(?:do|offer|have|give|run|be)\b",
                      # an exit refused: "you can't change your mind and bring it back"
                      r"\b(?:can'?t|cannot|can not|won'?t be able to|no way to) (?:\w+ ){0,2}(?:change your mind|"
                      r"return (?:it|them)|cancel|send (?:it|them) back|bring (?:it|them) back|get (?:\w+ ){0,2}back)\b",
                      r"\b(?:got rid of|did away with|discontinued)\b",
                      # another firm's guarantee read closely: "look at what that guarantee actually
                      # says … not that you get your money back"
                      r"\bwhat (?:that|their|the other|this) (?:\w+ ){0,2}guarantee (?:\w+ )?says\b",
                      r"\bnot (?:that |like )?you(?:'d|'ll)? (?:\w+ ){0,2}(?:get|receive) (?:\w+ ){0,3}(?:money|refund|deposit)",
                      r"(?:let'?s say|hypothetically|suppose)", r"\brecycl\w*",  # "send the empties back … recyclable"
                      # billing by head or by use is a price term, not an exit: "if someone doesn't
                      # get a check in a pay period, you don't pay for them that period"
                      r"\bpay for (?:them|those|him|her|that (?:person|employee|seat|user))\b(?: \w+){0,2} (?:period|month|week|cycle)",
                      r"\b(?:only|just) pay for (?:what you use|active|the (?:seats|users|people|employees)|people who)",
                      # a trial the buyer already had: "I saw you did our free trial week back in April?"
                      r"\byou (?:did|took|tried|used|had|finished|already did|already had) (?:[\w-]+ ){0,4}trial",
                      # "not money back", "not like guarantee you get accepted", "no free trial"
                      r"\b(?:not|no|never|without)(?: (?:like|really|exactly|quite|just|even))?"
                      r"(?: (?!risk|questions|commitment|obligation|penalty|fee|charge|cost|catch|strings|hassle)\w+)?"
                      r" (?:money[- ]back|refunds?|guarantee\w*|free trials?|trials?)\b")
# a warranty is no risk relief (checklist), but one named beside a real offer in the same run-on
# sentence ("you cancel you dont owe us anything and the electrical work has a five year warranty")
# vetoes only the clause it is in
DEFAULT_CLAUSE_NOT_RELIEF = (r"warrant(?:y|ies)",)
# said in the same turn right after an offer, these take it back ("the free trial, so you know
# we stopped doing trials")
DEFAULT_WITHDRAWN = (r"(?:stopped|no longer|don'?t|do not|quit|can'?t|cannot) (?:do|doing|offer|offering|run|running|"
                     r"have|give|giving) (?:\w+ ){0,2}(?:trials?|refunds?|guarantees?)",
                     # a claim quoted and then knocked down: "\"Money-back guarantee.\" Nobody honest guarantees that."
                     r"(?:nobody|no one|no-one)(?: \w+)? (?:can |could |will |really )?guarantees?\b")


@register("risk_relief")
@dataclass(frozen=True)
class RiskRelief(Detector):
    cues: tuple[str, ...] = DEFAULT_RELIEF
    not_relief: tuple[str, ...] = DEFAULT_NOT_RELIEF
    clause_not_relief: tuple[str, ...] = DEFAULT_CLAUSE_NOT_RELIEF
    withdrawn: tuple[str, ...] = DEFAULT_WITHDRAWN

    def _vetoed(self, text: str) -> bool:
        """A sentence-wide veto word, or a clause veto in the clause of every cue."""
        if cues(*self.not_relief).search(text):
            return True
        near = cues(*self.clause_not_relief)
        if not near.search(text):
            return False
        spans = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
        def clause(pos: int) -> str:
            start = max((e for s, e in spans if e <= pos), default=0)
            end = min((s for s, e in spans if s >= pos), default=len(text))
            return text[start:end]
        found = list(cues(*self.cues).regex.finditer(text))
        return not found or all(near.search(clause(m.start())) for m in found)

    def read_first(self, facts: Facts):
        hit = cues(*self.cues)
        return (s for s in facts.view.seller_sentences()
                if facts.in_closing(s) and hit.search(s.text) and not self._vetoed(s.text))

    def evaluate(self, facts: Facts) -> Finding:
        hit, taken_back = cues(*self.cues), cues(*self.withdrawn)
        view, meaning = facts.view, facts.view.meaning

        def withdrawn(s) -> bool:
            after = view.beside(s)
            return after is not None and bool(taken_back.search(after.text))

        def offered(s) -> bool:
            m = hit.search(s.text)
            if m is None:
                return meaning.confirms(s, ROLE)
            if all(_quoted(s.text, o.start()) for o in hit.regex.finditer(s.text)):
                return False  # words read out in quotes: someone's script or advert, not this offer
            # a conditional exit ("if she's miserable … you owe nothing") stands whatever the
            # head reads; the head's veto is for cue words used without an offer
            return any(_CONDITION.search(s.text[:o.start()]) for o in hit.regex.finditer(s.text)) \
                or _SURE.search(s.text) is not None or not meaning.vetoes(s, ROLE)

        offers = [s for s in view.seller_sentences()
                  if facts.in_closing(s) and not self._vetoed(s.text) and offered(s) and not withdrawn(s)]
        if not offers:
            return Finding("fail", (), "Nothing offered to lower the buyer's risk of saying yes.")
        first = offers[0]
        cue = hit.search(first.text)
        said = f"“{cue.group(0)}”" if cue else f"“{_short(first.text)}”"
        return Finding("pass", (meaning.evidence(first, ROLE),), f"Offered a way to lower the risk: {said}.")


def _quoted(text: str, pos: int) -> bool:
    """Is `pos` inside a pair of quotation marks?"""
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


# where one clause of a run-on sentence ends and the next begins: punctuation, or "and"/"but"/"plus"
# before a new subject ("… you dont owe us anything and the electrical work has a warranty")
_CLAUSE_BREAK = re.compile(r"(?i)[,;:]|\s(?:and|but|plus|also)\s(?=(?:the|our|your|we|i|it|they|he|she|there|that|this)\b)")
_CONDITION = re.compile(r"(?i)\bif (?:[\w'’]+ ){0,8}(?:not|n't|isn'?t|doesn'?t|don'?t|won'?t|miserable|unhappy|"
                        r"not happy|hate|fails?|slips?|misses?|falls? (?:through|apart)|goes? wrong|drifts?|goes? out of \w+|"
                        r"isn'?t right)\b")
# an offer no reading can make into anything else (negations are in the veto list)
_SURE = re.compile(r"(?i)\b(?:fully |completely |totally |100 ?% )refundable (?:right |all the way )?(?:up )?"
                   r"(?:until|till|up to|within|before)\b|\bmoney[- ]back guarantee\b")


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
