"""map_captured: a seller commitment to a shared plan, and a milestone with a named owner."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..asks import TALK_ABOUT_NEXT_STEPS
from ..cues import cues
from ..path.owners import named_hands
from .base import Detector, Facts, Finding, register

ROLE = "shared_plan"
DEFAULT_PLAN = (
    r"mutual action plan", r"\bmap\b", r"joint (?:\w+ )?(?:plan|timeline)", r"success plan",
    r"action plan", r"shared (?:plan|timeline)", r"implementation plan", r"project plan",
    r"mutual plan", r"(?:send|share|put together|write up|capture|circulate) (?:\w+ ){0,4}"
    r"(?:timeline|plan|dates) with (?:the )?(?:owners|names)",
    r"(?:timeline|plan) with (?:the )?owners", r"(?:plan|timeline|schedule)\b.{0,100}\b(?:owners?|who owns|who does what|whose (?:it|they)|"
    r"who(?:'?s| is) (?:on|doing|responsible)|who you'?ll (?:see|meet|work with))\b",
    # everyday words: "I'll email you the whole timeline tonight so we're both working off the same dates"
    r"(?:send|email|share|put|write|get|type|text)\w* (?:[\w']+ ){0,6}(?:[\w]+-)?(?:timeline|schedule|plan|steps)\b.{0,160}?"
    r"\b(?:who(?:'?s| is)? doing what|who owns what|(?:the |their )?names|owners|(?:the )?same dates|"
    r"(?:everybody|everyone|we)(?:'s| is|'re| are) on the same page|"
    r"working off|(?:all )?(?:those|these) dates|every date|all (?:of )?the dates|"
    r"(?:the )?dates and who(?:'?s| is)? (?:coming|doing|on|does)\b)",
    # "I'll put all of this on one page for you and Paul, the dates and who's doing what"
    r"(?:send|email|share|put|write|get|type|jot)\w* (?:[\w']+ ){0,6}(?:on|in|into) (?:one|a|the|an) (?:[\w-]+ ){0,2}?"
    r"(?:page|sheet|list|checklist|tracker|spreadsheet|doc|document|email|calendar)\b.{0,60}?\b(?:who(?:'?s| is)? doing what|"
    r"who owns what|who(?:'s| is) on (?:each|what|which))",
    # "I'll put every date and who owns it into a checklist on our portal"
    r"(?:send|email|share|put|write|type|jot|list)\w* (?:[\w']+ ){0,4}?(?:every|each|all (?:of )?the|the) (?:dates?|steps?) "
    r"(?:and|with) who(?:'?s| is)? (?:owns?|doing|on|responsible)",
)
# with a dated path already laid out, a plain promise to send "the whole timeline" is the plan
# written down: "I'll email you the whole timeline tonight, so you can stick it on the fridge"
DEFAULT_PLAN_OF_PATH = (
    r"(?:send|email|e-mail|text|share|write|type|put|jot)\w* (?:[\w']+ ){0,4}?(?:the|this|that|your|our|a) "
    r"(?:whole |full |complete |entire |new |updated )?(?:timeline|schedule|calendar|game plan)\b",
    # "I'll text you all three dates tonight with what happens at each one"
    r"(?:send|email|e-mail|text|share|write|type|put|jot)\w* (?:you |them |him |her |both )?(?:all )?"
    r"(?:the |those |these |(?:all )?(?:two|three|four|five|\d) )+dates\b",
    r"(?:write|type|put|jot)\w* (?:it|this|that|all (?:of )?(?:this|that|it)|everything) (?:up|down|together)\b"
    r"[^.?!]{0,40}\b(?:dates?|steps?|timeline|schedule)",
)
# every date and who does each, promised in writing: the plan itself, whatever it is called
EVERY_DATE_AND_WHO = (r"\b(?:send|email|e-mail|share|put|write|type|jot|text)\w*\b[^?!]{0,120}?\b(?:every|each|all (?:of )?the) "
                      r"(?:dates?|steps?)\b[^?!]{0,50}?\bwho(?:'?s| is)? (?:owns?|doing|on point|on|responsible)\b")
_EVERY_DATE_AND_WHO = re.compile("(?i)" + EVERY_DATE_AND_WHO)
DEFAULT_PLAN = (*DEFAULT_PLAN, EVERY_DATE_AND_WHO)
DEFAULT_COMMIT = (r"i'?ll", r"i will", r"we'?ll", r"we will", r"let me", r"let'?s", r"i'?m going to",
                  r"we'?re going to", r"i'?m gonna", r"we'?re gonna", r"i can (?:send|share|put)", r"i'?d like to (?:send|put)")
DEFAULT_NOT_PLAN = (r"annual plan", r"(?:pricing|price|payment|data|monthly|basic|pro|floor|deck|family) plan",
                    r"(?:fee|class|price|pricing|rate|bus|tide) schedule", r"plan (?:comparison|sheet|options)",
                    r"pric(?:e|es|ing)\b", r"blog", r"brochure")


@register("shared_plan")
@dataclass(frozen=True)
class SharedPlan(Detector):
    plan: tuple[str, ...] = DEFAULT_PLAN
    commit: tuple[str, ...] = DEFAULT_COMMIT
    not_plan: tuple[str, ...] = DEFAULT_NOT_PLAN
    plan_of_path: tuple[str, ...] = DEFAULT_PLAN_OF_PATH

    def evaluate(self, facts: Facts) -> Finding:
        plan, commit, veto = cues(*self.plan), cues(*self.commit), cues(*self.not_plan)
        view, meaning = facts.view, facts.view.meaning
        if len(facts.path.milestones) >= 2:  # "the timeline" then means the steps just dated
            plan = cues(*self.plan, *self.plan_of_path)

        def promises(s) -> bool:
            # a promise the parser split in two: "I'll email you the timeline tonight" +
            # "so we're both working off the same dates"
            pair = _promise_and_what_follows(view, s, reach=1)
            window = " ".join(o.text for o in pair)
            if not (plan.search(window) and commit.search(s.text)):
                return False
            # "…into your project portal. Every date, who owns it.": said so plainly no head's doubt stands
            return bool(_EVERY_DATE_AND_WHO.search(window)) or not all(meaning.vetoes(o, ROLE) for o in pair)

        promise = next((s for s in view.seller_sentences()
                        if facts.in_closing(s) and not veto.search(s.text) and (
                            promises(s) or meaning.confirms(s, ROLE) and not _offers_talk(s))), None)
        owned = facts.path.owned
        ev = []
        if promise:
            ev.append(meaning.evidence(promise, ROLE))
        if owned:
            ev.append(owned[0].evidence)
        if promise and owned:
            return Finding("pass", tuple(ev),
                           f"Committed to a shared plan; {owned[0].owner} owns {owned[0].step}.")
        # the promise reads the owners out itself: "…a name next to each one: Owen on the
        # signature, Priya on the import", "the appraisal, Luis's paint, our install, Dev's photos"
        # further on than the next sentence only when there is a dated path for the names to own
        read_out = [(o, hand) for o in _promise_and_what_follows(view, promise, reach=3 if facts.path.milestones else 1)
                    for hand in named_hands(view, o.text)]
        if read_out:
            o, (name, what, *_) = read_out[0]
            return Finding("pass", (meaning.evidence(promise, ROLE),) if o is promise else
                           (meaning.evidence(promise, ROLE), o.evidence()),
                           f"Committed to a shared plan that hands {what} to {name}.")
        if promise:
            return Finding("partial", tuple(ev), "Promised a shared plan, but no step has a named owner.")
        if owned:
            return Finding("partial", tuple(ev),
                           f"{owned[0].owner} owns {owned[0].step}, but no shared plan was committed to.")
        return Finding("fail", (), "No shared plan and no owners for the steps.")


def _promise_and_what_follows(view, promise, reach: int = 3) -> list:
    """The promise and the seller's next few sentences before the buyer speaks, which may read
    the owners out: "I'll put everything into your project portal." "Every date, who owns it."
    "Marco on the permit, Deb on the inspections." (subtitle cues split one turn in three)."""
    if promise is None:
        return []
    out = [promise]
    for s in view.sentences[promise.index + 1:promise.index + 1 + reach]:
        if not s.is_seller:
            break
        out.append(s)
    return out


# a question about talking next steps commits to nothing: "Shall we talk next steps, or would you
# like me to send you the information first?"
_TALK_ABOUT = re.compile(rf"(?i)\b{TALK_ABOUT_NEXT_STEPS}\b")


def _offers_talk(s) -> bool:
    return s.is_question and bool(_TALK_ABOUT.search(s.text))
