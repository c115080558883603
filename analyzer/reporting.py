"""Call reports: plain data from a scorecard, laid out by Jinja2 templates, written in one place.

build_call_report() -> CallReport (data), render_call_report() -> str (markup from reports/),
write_call_report() -> Path (the only function that touches the file system).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

from .coaching import (ITEM_ORDER, PlanRow, RecapEmail, action_plan, coaching_tips,
                       recap_email)
from .model import Evidence, Scorecard, Transcript
from .timeline import TimelineLayout, build_timeline, day_month, long_date

if TYPE_CHECKING:
    from .overrides import ManagerVerdict, Review

FORMATS = {"html": "call_report.html.j2", "md": "call_report.md.j2", "json": None}
ITEM_TITLES = {
    "value_summary": "Value summary before the timeline",
    "buyer_anchored_date": "Buyer-anchored target date",
    "milestones": "3–5 dated milestones",
    "dated_ask": "Dated ask",
    "pause": "Pause after the ask",
    "risk_relief": "Risk relief offered",
    "map_captured": "Mutual action plan captured",
}
CHECK_LABELS = {
    "outcome_date_confirmed": "Outcome date confirmed",
    "backward_path_credible": "Backward path credible",
    "dated_ask_and_pause": "Dated ask + pause",
    "risk_relief_offered": "Risk relief offered",
    "map_updated": "MAP updated with owners and dates",
}
MOMENTS = {"post_demo": "Post-demo", "proposal_review": "Proposal review",
           "final_decision": "Final decision", "renewal_expansion": "Renewal / expansion"}
CLOSE_TYPES = {"backwards": "Backwards close", "option": "Option close", "date": "Date close",
               "process": "Process close", "none": "No close"}
ANCHORS = {"buyer": "said by the buyer", "confirmed": "confirmed by the buyer",
           "seller": "said by the seller only, not confirmed"}
MD_SPECIAL = re.compile(r"([\\`*_<>\[\]|])")


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    ticked: bool


@dataclass(frozen=True)
class Quote:
    speaker: str
    quote: str
    turn: int
    time: str | None  # "12:05" when the transcript was timed
    confidence: str | None = None  # "87%": the meaning layer's confidence in this quote
    start: float | None = None  # seconds into the call, when timed (the web player seeks there)
    href: str | None = None  # the web app's link to this moment of its call


@dataclass(frozen=True)
class ItemView:
    id: str
    title: str
    status: str
    explanation: str
    coaching: str
    evidence: tuple[Quote, ...]
    override: ManagerVerdict | None = None  # status is then the manager's; machine the analyzer's


@dataclass(frozen=True)
class PitfallView:
    id: str
    title: str
    explanation: str
    evidence: tuple[Quote, ...]


@dataclass(frozen=True)
class CallReport:
    call_id: str
    title: str
    rep: str
    call_date: str
    score: int
    score_band: str  # pass | partial | fail, for the badge colour
    close_type: str
    facts: tuple[Fact, ...]
    target: str | None  # "30 Apr 2026, said by the buyer"
    target_quote: Quote | None  # where the target was stated
    checklist: tuple[Check, ...]
    tips: tuple[str, ...]
    timeline: TimelineLayout
    path_credible: bool
    path_problems: tuple[str, ...]
    items: tuple[ItemView, ...]
    pitfalls: tuple[PitfallView, ...]
    plan: tuple[PlanRow, ...]
    has_target: bool
    recap: RecapEmail
    stats: tuple[Fact, ...]
    notes: tuple[str, ...]
    rubric: str
    source: str
    machine_score: int | None = None  # the analyzer's score, when a manager changed a verdict


def clock(seconds: float | None) -> str | None:
    """12:05, or 1:02:05 past an hour."""
    if seconds is None:
        return None
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _quotes(evidence: tuple[Evidence, ...]) -> tuple[Quote, ...]:
    return tuple(Quote(e.speaker, e.quote, e.turn, clock(e.start),
                       None if e.confidence is None else f"{e.confidence:.0%}", e.start)
                 for e in evidence)


def _pct(ratio: float) -> str:
    return f"{round(ratio * 100 if ratio <= 1 else ratio)}%"


def _stats(sc: Scorecard, timed: bool) -> tuple[Fact, ...]:
    st = sc.stats
    mono = f"{st.longest_rep_monologue_words} words"
    if st.longest_rep_monologue_s is not None:
        mono += f" ({clock(st.longest_rep_monologue_s)})"
    patience = (f"{st.patience_s:.1f} s average wait"
                if st.patience_s is not None else
                "not measured" + ("" if timed else " (no timestamps)"))
    return (Fact("Rep talk ratio", _pct(st.rep_talk_ratio)),
            Fact("Words, rep / buyer", f"{st.rep_words:,} / {st.buyer_words:,}"),
            Fact("Longest rep monologue", mono),
            Fact("Rep questions", str(st.rep_questions)),
            Fact("Patience", patience))


def _notes(sc: Scorecard, transcript: Transcript | None, timed: bool) -> tuple[str, ...]:
    notes = list(sc.notes)
    if sc.roles_guessed or (transcript is not None and transcript.roles_guessed):
        notes.append("Speaker roles were guessed; check that the right speaker is marked as "
                     "the rep.")
    if sc.pause_seconds is not None:
        notes.append(f"After the closing ask you waited {sc.pause_seconds:.1f} s before "
                     "speaking again.")
    if not timed:
        notes.append("The transcript has no timestamps, so pauses were judged from pause markers "
                     "and turn order.")
    return tuple(dict.fromkeys(notes))


def _timed(sc: Scorecard, transcript: Transcript | None) -> bool:
    if transcript is not None:
        return transcript.timed
    evidence = [e for i in sc.items.values() for e in i.evidence]
    return sc.pause_seconds is not None or any(e.start is not None for e in evidence)


def build_call_report(sc: Scorecard, transcript: Transcript | None = None,
                      review: Review | None = None) -> CallReport:
    """Everything the templates show, as plain values. With a `review` (see
    overrides.apply_overrides, which also gives `sc`), the manager's verdicts are marked and
    the analyzer's shown beside them."""
    verdicts = review.verdicts if review else {}
    tgt = sc.target
    target = None
    if tgt:
        when = long_date(tgt.date) if tgt.date else f"“{tgt.text}” (no calendar date)"
        target = f"{when}, {ANCHORS.get(tgt.anchored_by, tgt.anchored_by)}"
    facts = [Fact("Rep", sc.rep), Fact("Call date", long_date(sc.call_date))]
    facts += [Fact("Moment", MOMENTS.get(sc.moment, sc.moment))] if sc.moment else []
    facts += [Fact("Target", f"{long_date(tgt.date)}" if tgt.date else tgt.text)] if tgt else \
        [Fact("Target", "none named")]
    checks = [k for k in CHECK_LABELS if k in sc.checklist] + \
        [k for k in sc.checklist if k not in CHECK_LABELS]
    ids = [k for k in ITEM_ORDER if k in sc.items] + [k for k in sc.items if k not in ITEM_ORDER]
    items = tuple(ItemView(k, sc.items[k].title or ITEM_TITLES.get(k, k), sc.items[k].status,
                           sc.items[k].explanation, sc.items[k].coaching,
                           _quotes(sc.items[k].evidence), verdicts.get(k)) for k in ids)
    timed = _timed(sc, transcript)
    return CallReport(
        call_id=sc.call_id, title=sc.account or sc.call_id, rep=sc.rep,
        call_date=long_date(sc.call_date), score=sc.score,
        score_band="pass" if sc.score >= 75 else "partial" if sc.score >= 50 else "fail",
        close_type=CLOSE_TYPES.get(sc.close_type, sc.close_type), facts=tuple(facts),
        target=target, target_quote=_quotes((tgt.evidence,))[0] if tgt else None,
        checklist=tuple(Check(k, CHECK_LABELS.get(k, k.replace("_", " ").capitalize()),
                              bool(sc.checklist[k])) for k in checks),
        tips=tuple(coaching_tips(sc)),
        timeline=build_timeline(sc.call_date, sc.milestones, tgt),
        path_credible=sc.credible, path_problems=tuple(sc.credibility_problems),
        items=items,
        pitfalls=tuple(PitfallView(p.id, p.title or p.id.replace("_", " ").capitalize(),
                                   p.explanation, _quotes(p.evidence)) for p in sc.pitfalls),
        plan=tuple(action_plan(sc)), has_target=tgt is not None,
        recap=recap_email(sc, transcript), stats=_stats(sc, timed),
        notes=_notes(sc, transcript, timed),
        rubric=f"{sc.rubric_id} {sc.rubric_version}".strip(), source=sc.source,
        machine_score=review.machine_score if review else None,
    )


def md_escape(text: object) -> str:
    """Inline Markdown text: backslash-escape markup characters, fold newlines."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _load(name: str):
    res = files("analyzer.reports").joinpath(name)
    if not res.is_file():
        return None
    return res.read_text(encoding="utf-8"), None, lambda: True


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FunctionLoader(_load), undefined=StrictUndefined,
                      autoescape=select_autoescape(("html.j2", "svg.j2"), default=False,
                                                   default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=md_escape, day_month=day_month,
                       long_date=lambda d: long_date(d) if d else "")
    return env


def render_call_report(report: CallReport, fmt: str) -> str:
    """Render a CallReport as 'html' or 'md'."""
    if not FORMATS.get(fmt):
        raise ValueError(f"unknown report format {fmt!r}; use 'html' or 'md'")
    return _env().get_template(FORMATS[fmt]).render(r=report)


def safe_name(call_id: str) -> str:
    """A call id (or a rep's name) usable as a file name on any system: letters of every
    script kept ("José_Núñez"), each run of anything else one "_", at most 120 bytes."""
    name = re.sub(r"[^\w.-]+", "_", unicodedata.normalize("NFC", call_id)).strip("._-")
    name = name.encode()[:120].decode(errors="ignore").rstrip("._-")
    return name or "call"


def call_report_text(sc: Scorecard, fmt: str, transcript: Transcript | None = None) -> str:
    """The report of one call in `fmt` (html, md or json), as text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "json":
        return json.dumps(sc.to_dict(), indent=2) + "\n"
    return render_call_report(build_call_report(sc, transcript), fmt)


def save_call_report(call_id: str, fmt: str, text: str, out_dir: str | Path) -> Path:
    """Write a rendered report as <call_id>.<fmt> under out_dir and return its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{safe_name(call_id)}.{fmt}"
    path.write_text(text, encoding="utf-8")
    return path


def write_call_report(sc: Scorecard, out_dir: str | Path, fmt: str,
                      transcript: Transcript | None = None) -> Path:
    """Write <call_id>.<fmt> (html, md or json) under out_dir and return its path."""
    return save_call_report(sc.call_id, fmt, call_report_text(sc, fmt, transcript), out_dir)
