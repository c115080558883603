"""Coaching from the call's own facts: three tips, a drafted mutual action plan, a recap e-mail.

Everything here is plain text; nothing is invented: dates, steps, owners and quotes all come
from the scorecard (and, for the buyer's name only, an optional transcript).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .model import Evidence, ItemResult, Milestone, Pitfall, Scorecard, Transcript
from .timeline import flag_milestones, long_date, short_date

STATUS_RANK = {"fail": 0, "partial": 1, "pass": 2}

# step keyword -> exit criterion; first match wins, so specific kinds come before generic ones
EXIT_CRITERIA = (
    (r"security", "security review approved"),
    (r"legal|redline", "redlines agreed by both sides"),
    (r"procurement|vendor", "vendor set up in procurement"),
    (r"\bsow\b|statement of work", "SOW countersigned"),
    (r"contract", "contract countersigned"),
    (r"order form|signature|\bsign", "signed order form received"),
    (r"approv", "written approval received"),
    (r"kick[- ]?off", "agenda agreed and team assigned"),
    (r"integration", "integration tested end to end"),
    (r"change window", "change approved and scheduled"),
    (r"training", "trained users sign off"),
    (r"pilot", "pilot success criteria met"),
    (r"go[- ]?live|\blive\b|cutover|launch|roll-?out", "live in production"),
    (r"onboarding", "users onboarded"),
    (r"upgrade", "upgrade applied"),
)
# steps a path usually has, to suggest the one a short path lacks
USUAL_STEPS = (("signature", r"sign|contract|order form|sow"), ("security sign-off", r"security"),
               ("training", r"training"), ("go-live", r"go[- ]?live|live|cutover|launch"),
               ("kickoff", r"kick[- ]?off"))
GENERIC_NAME = re.compile(r"^(speaker|spk|buyer|customer|prospect|client|unknown|caller|"
                          r"participant|guest|rep)\b|\d", re.I)


@dataclass(frozen=True)
class PlanRow:
    step: str
    owner: str | None
    date: date | None
    exit_criteria: str | None


@dataclass(frozen=True)
class RecapEmail:
    subject: str
    body_paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.body_paragraphs)


def exit_criterion(step: str) -> str | None:
    """The exit criterion a step's kind implies, or None."""
    low = step.lower()
    return next((crit for pat, crit in EXIT_CRITERIA if re.search(pat, low)), None)


def quoted(text: str, limit: int = 90) -> str:
    """A quote in curly quotes, shortened at a word boundary."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"“{text}”"


def _day(sc: Scorecard, d: date) -> str:
    """'6 Mar', with the year when it differs from the call's."""
    return short_date(d, sc.call_date)


def _stop(q: str) -> str:
    """The full stop to put after a quote, unless the quote already ends a sentence."""
    return "" if q.rstrip("”")[-1:] in ".?!…" else "."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(parts: list[str]) -> str:  # callers pass at least one part
    return parts[0] if len(parts) < 2 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _dated(sc: Scorecard) -> list[Milestone]:
    return sorted((m for m in sc.milestones if m.date), key=lambda m: m.date)


def _target_day(sc: Scorecard) -> str | None:
    return _day(sc, sc.target.date) if sc.target and sc.target.date else None


def _steps_back(sc: Scorecard) -> str:
    """'go-live (14 Apr), training (7 Apr) and signature (12 Mar)': latest first."""
    return _join([f"{m.step} ({_day(sc, m.date)})" for m in reversed(_dated(sc))])


def _ask(sc: Scorecard) -> Evidence | None:
    item = sc.items.get("dated_ask")
    return sc.ask or (item.evidence[0] if item and item.evidence else None)


# ---- one tip per weak item -------------------------------------------------------------

def _tip_value_summary(sc: Scorecard, item: ItemResult, t: str | None) -> str:
    if item.status == "partial" and item.evidence:
        return (f"Your value recap {quoted(item.evidence[0].quote)} came after the timeline or the "
                "ask; say it first, so every date that follows serves a goal the buyer already "
                "agreed to.")
    if sc.target and sc.target.anchored_by == "buyer":
        ev, to = sc.target.evidence, f" to {t}" if t else ""
        return (f"Before the dates, restate the outcome the buyer wants in their own words "
                f"({ev.speaker}: {quoted(ev.quote)}) so the path{to} answers their goal, not your "
                "calendar.")
    return ("Open the close with one sentence that restates the result the buyer told you they "
            "need; on this call the dates and the ask came without a value recap.")


def _tip_buyer_anchored_date(sc: Scorecard, item: ItemResult, t: str | None) -> str:
    if item.status == "partial" and sc.target:
        what = f"{t} as the target" if t else f"{quoted(sc.target.text)} as the target"
        check = (f"“Is {t} the date that matters to you?”" if t
                 else "whether that date matters to them")
        return (f"You proposed {what}, but the buyer never confirmed it. Ask {check} and wait "
                "for a yes before mapping the steps.")
    if _dated(sc):
        return (f"You named {_steps_back(sc)} but no end date they lead to. Ask which date matters "
                "to the buyer (a board review, an audit, a season) and work the path back from it.")
    return ("No target outcome date came up. Ask the buyer which date matters to them (a board "
            "review, an audit, a peak season) and build the plan back from that date.")


def _b2b_path(sc: Scorecard) -> bool:
    """Whether the call's own steps are the usual B2B implementation ones (so B2B examples fit)."""
    text = " ".join(m.step.lower() for m in sc.milestones)
    return sum(1 for _, pat in USUAL_STEPS if re.search(pat, text)) >= 2


def _example_steps(sc: Scorecard) -> str:
    """Example steps in the call's own words, else ones that fit any kind of sale."""
    own = list(dict.fromkeys(m.step for m in sc.milestones))
    if own:
        return _join(own[:3]) + ", and what else must happen first"
    return "the decision, paperwork or payment, any booking, survey or preparation"


def _tip_milestones(sc: Scorecard, item: ItemResult, t: str | None) -> str:
    dated = _dated(sc)
    lead = f"Working back from {t}, you" if t else "You"
    if not dated:
        if sc.milestones:
            steps = _join([m.step for m in sc.milestones])
            return (f"You mentioned {steps} but gave none of them a calendar date; pin each to a "
                    "date so the buyer can check the path holds.")
        if t:
            return (f"Working back from {t}, no dated steps were named. Name 3–5, each with a "
                    f"date ({_example_steps(sc)}), so the buyer can see {t} is reachable.")
        return ("No dated steps were named. Once the buyer gives a target date, name 3–5 steps "
                f"back from it ({_example_steps(sc)}), each with a date.")
    if len(dated) > 5:
        return (f"You listed {len(dated)} dated steps; on the call keep the 3–5 that carry the "
                f"risk (such as {dated[0].step} and {dated[-1].step}) and move the rest into the "
                "plan.")
    if len(dated) < 3:
        text = " ".join(m.step.lower() for m in sc.milestones)
        missing = (next((name for name, pat in USUAL_STEPS if not re.search(pat, text)), "another")
                   if _b2b_path(sc) else "another step's")
        more = "add one" if len(dated) == 2 else "add it and one more"
        return (f"{lead} named {_steps_back(sc)} but no {missing} date: {more} so the path has "
                "3 steps.")
    return (f"{lead} named {_steps_back(sc)}; check each date with its owner before you send "
            "the plan.")


def _tip_dated_ask(sc: Scorecard, item: ItemResult, t: str | None) -> str:
    dated = _dated(sc)
    ask = _ask(sc)
    if item.status == "partial" and ask:
        by = f"“by {_day(sc, dated[0].date)}”" if dated else "a named day"
        return (f"Your ask {quoted(ask.quote)} lacked a firm time frame or a clear commitment. "
                f"Name both: the step, and a near date such as “this week” or {by}.")
    if t and dated:
        return (f"The call ended without a commitment ask. Close the path with one dated ask, e.g. "
                f"“To protect {t}, can we confirm {dated[0].step} by "
                f"{_day(sc, dated[0].date)}?”")
    if t:
        return (f"The call ended without a commitment ask. Close with one, e.g. “To protect {t}, "
                "can we agree the first step this week?”")
    return ("Ask for one specific commitment with a near date (approve, sign or schedule, this "
            "week or by a named day) so the call ends with a decision.")


def _tip_pause(sc: Scorecard, item: ItemResult, t: str | None) -> str:
    ask = _ask(sc)
    if ask:
        return (f"After {quoted(ask.quote)} you kept talking before the buyer answered. Ask, then "
                "stop: let the silence run until they respond.")
    return ("There was no closing ask to pause after. When you make one, stop talking and let the "
            "buyer answer first.")


def _tip_risk_relief(sc: Scorecard, item: ItemResult, t: str | None) -> str:
    keep = f" that still protects {t}" if t else ""
    ways = ("a phase one, a pilot with exit criteria, or a slot held contingent on sign-off"
            if _b2b_path(sc) else
            "a smaller first step, a trial period, a refund if it does not deliver, or a slot "
            "held until they decide")
    return (f"Nothing was offered to make saying yes safer. Pair the ask with a low-risk first "
            f"step{keep}: {ways}.")


def _tip_map_captured(sc: Scorecard, item: ItemResult, t: str | None) -> str:
    owned = [m for m in sc.milestones if m.owner]
    unowned = [m.step for m in sc.milestones if not m.owner]
    if item.status == "partial" and owned:
        names = _join([f"{m.owner} for {m.step}" for m in owned[:3]])
        fill = f", and fill in the owner for {_join(unowned)}" if unowned else ""
        return (f"You named owners ({names}) but did not offer a shared plan: say you will send "
                f"the mutual action plan with every step, owner and date within a day{fill}.")
    if item.status == "partial" and unowned:
        return (f"You offered a shared plan, but no step has an owner yet: confirm who owns "
                f"{_join(unowned)}.")
    who = f"who owns {_dated(sc)[0].step}" if _dated(sc) else "who owns each step"
    return ("End by committing to a shared plan (“I'll send the timeline with owners and dates "
            f"today”) and ask {who}.")


# what a tip writer's tip already covers, so a later "keep it" tip does not repeat it
TOPICS = {"map_captured": {"map_captured", "send_map", "owners"}, "pause": {"pause", "ask"},
          "dated_ask": {"dated_ask", "ask"}, "buyer_anchored_date": {"buyer_anchored_date", "target"}}

# tip writers a rubric item may name (`tip:`): each quotes the call's own facts
TIP_WRITERS = {"value_summary": _tip_value_summary, "buyer_anchored_date": _tip_buyer_anchored_date,
             "milestones": _tip_milestones, "dated_ask": _tip_dated_ask, "pause": _tip_pause,
             "risk_relief": _tip_risk_relief, "map_captured": _tip_map_captured}


def _tip_pitfall(sc: Scorecard, p: Pitfall, t: str | None) -> str:
    q = quoted(p.evidence[0].quote) if p.evidence else None
    if p.id == "manufactured_deadline" and q:
        carry = (f"let {t}, the buyer's own date, carry" if t
                 else "tie it to a date the buyer cares about for")
        return (f"{q} puts a seller deadline in front of the buyer's. Drop it and {carry} the "
                "urgency.")
    if p.id == "binary_trap" and q:
        hold = f" to hold {t}" if t else ""
        return (f"{q} sounds like an ultimatum. Offer two paths instead (phase one now{hold}, or "
                "the full rollout later) and let the buyer choose.")
    if p.id == "over_detailing":
        what = f"{q} packs too many dates into one turn" if q else "You listed too many dates at once"
        return f"{what}; keep 3–5 steps on the call and put the rest in the written plan."
    if p.id == "vague_timeline" and q:
        dates = _join([_day(sc, m.date) for m in _dated(sc)[:3]]) if _dated(sc) else ""
        like = f", like those already on your path ({dates})" if dates else ""
        return f"{q} is vague. Replace it with a calendar date{like}."
    if p.id == "missing_stakeholder" and q:
        return (f"The buyer said {q}{_stop(q)} Bring that approver in before you ask for the "
                "commitment: offer a short call with them and add them as an owner on the plan.")
    return f"{_cap(p.title or p.id.replace('_', ' '))}: {p.explanation}"


def _tip_credibility(sc: Scorecard, t: str | None) -> str | None:
    target_date = sc.target.date if sc.target else None
    for m, why in zip(sc.milestones, flag_milestones(sc.call_date, sc.milestones, target_date)):
        when = _day(sc, m.date) if m.date else ""
        if why == "after the target":
            return (f"{_cap(m.step)} ({when}) falls after the {t} target; move it earlier or the "
                    f"path cannot deliver {t}.")
        if why == "before the call date":
            return (f"{_cap(m.step)} ({when}) lies before this call ({_day(sc, sc.call_date)}); "
                    "confirm whether it already happened or give it a new date.")
        if why == "out of order":
            back = f" back from {t}" if t else " in one direction"
            return (f"{_cap(m.step)} ({when}) was stated out of sequence; walk the path{back}, "
                    "so each step lands before the one you named just before it.")
        if why == "no date":
            said = f" ({quoted(m.date_text)})" if m.date_text else ""
            return (f"{_cap(m.step)} has no calendar date{said}; pin it down so the path can be "
                    "checked.")
    return None


def _keep_tips(sc: Scorecard, t: str | None) -> list[tuple[set[str], str]]:
    """(topics, tip) pairs on keeping what worked; a topic already covered is skipped."""
    dated, tips = _dated(sc), []
    if dated and t:
        tips.append(({"send_map"}, f"Send the mutual action plan within a day: the {len(dated)} "
                     f"steps from {_day(sc, dated[0].date)} to {t}, each with its owner and date."))
    unowned = [m.step for m in sc.milestones if not m.owner]
    owners = list(dict.fromkeys(m.owner for m in sc.milestones if m.owner))
    if unowned:
        tips.append(({"owners"}, f"Confirm an owner for {_join(unowned)}: a step nobody owns is "
                     "the one that slips."))
    elif owners and dated:
        tips.append(({"owners"}, f"Check in with {_join(owners)} before "
                     f"{_day(sc, dated[0].date)} to confirm their dates still hold."))
    pause, ask = sc.items.get("pause"), _ask(sc)
    if pause and pause.status == "pass" and sc.pause_seconds and ask:
        tips.append(({"pause"}, f"You waited {sc.pause_seconds:.1f} s after {quoted(ask.quote)}; "
                     "keep letting the buyer answer first."))
    if t:
        tips.append(({"target"}, f"Put {t} at the top of the plan and revisit it on every call, "
                     "so a slip shows early."))
    return tips + [
        ({"send_map"}, "Send a short written recap within a day so the next step is in writing."),
        ({"order"}, "Keep the order: value recap first, the dated path second, the ask last."),
        ({"owners"}, "Before the next call, check each date on the path with the person who owns it."),
        ({"ask"}, "Open the next call by asking what has changed since this one."),
    ]


def _by_weakness(sc: Scorecard, status: str) -> list[ItemResult]:
    items = [i for i in sc.items.values() if i.status == status]
    return sorted(items, key=lambda i: -i.weight)  # stable: ties keep the rubric's order


def _item_tip(sc: Scorecard, item: ItemResult, t: str | None) -> tuple[set[str], str]:
    """(topics, tip): the item's tip writer, or the rubric's coaching text for its status."""
    writer = TIP_WRITERS.get(item.tip)
    if writer:
        return TOPICS.get(item.tip, {item.tip}), writer(sc, item, t)
    return {item.id}, item.coaching or f"{item.title or item.id}: {item.explanation}"


def _rubric_keep_tips(sc: Scorecard) -> list[tuple[set[str], str]]:
    """A rubric whose items have no tip writer: the coaching text of what passed."""
    return [({i.id}, i.coaching) for i in sc.items.values() if i.status == "pass" and i.coaching]


def coaching_tips(sc: Scorecard) -> list[str]:
    """Exactly 3 tips: failed items (by weight), pitfalls, path problems, partial items, then
    tips on keeping what worked."""
    t = _target_day(sc)
    written = any(i.tip in TIP_WRITERS for i in sc.items.values())  # a rubric about the path
    cands = [_item_tip(sc, i, t) for i in _by_weakness(sc, "fail")]
    cands += [({p.id}, _tip_pitfall(sc, p, t)) for p in sc.pitfalls]
    cands += [({"credibility"}, x) for x in [_tip_credibility(sc, t) if written else None] if x]
    cands += [_item_tip(sc, i, t) for i in _by_weakness(sc, "partial")]
    covered: set[str] = set()
    tips: list[str] = []
    for topics, tip in cands + (_keep_tips(sc, t) if written else _rubric_keep_tips(sc)):
        if tip not in tips and not topics & covered:
            tips.append(tip)
            covered |= topics
    return tips[:3]


def action_plan(sc: Scorecard) -> list[PlanRow]:
    """The drafted MAP: dated milestones in date order, undated ones, then the target."""
    undated = [m for m in sc.milestones if not m.date]
    rows = [PlanRow(_cap(m.step), m.owner, m.date, exit_criterion(m.step))
            for m in _dated(sc) + undated]
    if sc.target:
        rows.append(PlanRow("Target outcome", None, sc.target.date, None))
    return rows


def _buyer_name(sc: Scorecard, transcript: Transcript | None) -> str | None:
    names = []
    if sc.target and sc.target.anchored_by == "buyer":
        names.append(sc.target.evidence.speaker)
    names += [e.speaker for p in sc.pitfalls if p.id == "missing_stakeholder" for e in p.evidence]
    if transcript:
        names += [t.speaker for t in transcript.turns if t.role == "buyer"]
    return next((n for n in names if n and n != sc.rep and not GENERIC_NAME.search(n)), None)


TRUSTED = 0.5  # a quote the meaning layer doubts more than this never goes into customer text


def _trusted(ev: Evidence) -> bool:
    return ev.confidence is None or ev.confidence >= TRUSTED


def recap_email(sc: Scorecard, transcript: Transcript | None = None) -> RecapEmail:
    """A short follow-up e-mail built only from what was said on the call."""
    tgt = sc.target
    when = long_date(tgt.date) if tgt and tgt.date else None
    toward = (f"next steps toward {when}" if when
              else f"next steps from our call on {long_date(sc.call_date)}")
    subject = f"{sc.account}: {toward}" if sc.account else _cap(toward)
    name = _buyer_name(sc, transcript)
    paras = [f"Hi {name}," if name else "Hi,",
             f"Thank you for your time on {long_date(sc.call_date)}. Here is a short recap so we "
             "are working from the same plan."]
    date_ref = when or quoted(tgt.text) if tgt else None
    if tgt and tgt.anchored_by == "buyer":
        q = quoted(tgt.evidence.quote, 200)
        back = f" That makes {when} the date we are working back from." if when else ""
        paras.append(f"Your goal, as you put it: {q}{_stop(q)}{back}")
    elif tgt and tgt.anchored_by == "confirmed":
        paras.append(f"As we agreed, {date_ref} is the date that matters, and we are planning "
                     "back from it.")
    elif tgt:
        paras.append(f"We talked about {date_ref} as the date to work back from. Could you "
                     "confirm that is the date that matters on your side?")
    else:
        paras.append("Could you share the date that matters most on your side? We will plan the "
                     "steps back from it.")
    if sc.milestones:
        lines = ["Working back from that date, the steps are:" if when
                 else "The steps we discussed:"]
        for m in _dated(sc) + [m for m in sc.milestones if not m.date]:
            day = _day(sc, m.date) if m.date else "date to confirm"
            lines.append(f"- {day}: {_cap(m.step)} ({m.owner or 'owner to confirm'})")
        paras.append("\n".join(lines))
    ask = _ask(sc)
    if ask and _trusted(ask):
        paras.append(f"Next step, as we discussed: {quoted(ask.quote, 200)}")
    relief = sc.items.get("risk_relief")
    if relief and relief.status == "pass" and relief.evidence and _trusted(relief.evidence[0]):
        paras.append("To keep the risk low on your side, we offered: "
                     + quoted(relief.evidence[0].quote, 200))
    paras.append("I will keep these steps, owners and dates in a shared plan and send it over; "
                 "let me know if anything needs to change." if sc.milestones else
                 "Let me know if anything above needs correcting.")
    paras.append(f"Best regards,\n{sc.rep}")
    return RecapEmail(subject, tuple(paras))
