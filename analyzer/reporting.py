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
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment

from .coaching import PlanRow, RecapEmail, action_plan, coaching_tips, recap_email
from .model import Evidence, Scorecard, Transcript
from .presentation import MOMENTS, band, clock, long_date
from .templating import environment, report_loader
from .timeline import TimelineLayout, build_timeline

if TYPE_CHECKING:
    from .overrides import ManagerVerdict, Review

FORMATS = {"html": "call_report.html.j2", "md": "call_report.md.j2", "json": None}
ANCHORS = {"buyer": "said by the buyer", "confirmed": "confirmed by the buyer",
           "seller": "said by the seller only, not confirmed"}


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
    heading: str = "Call review"  # the rubric's report title
    sections: tuple[str, ...] = ("path", "plan", "recap")  # the rubric's optional sections shown


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
    if "path" in sc.report_sections:
        facts += [Fact("Target", f"{long_date(tgt.date)}" if tgt.date else tgt.text)] if tgt else \
            [Fact("Target", "none named")]
    items = tuple(ItemView(k, i.title or _label(k), i.status, i.explanation, i.coaching,
                           _quotes(i.evidence), verdicts.get(k)) for k, i in sc.items.items())
    timed = _timed(sc, transcript)
    return CallReport(
        call_id=sc.call_id, title=sc.account or sc.call_id, rep=sc.rep,
        call_date=long_date(sc.call_date), score=sc.score, score_band=band(sc.score),
        close_type=sc.close_type_label or _label(sc.close_type), facts=tuple(facts),
        target=target, target_quote=_quotes((tgt.evidence,))[0] if tgt else None,
        checklist=tuple(Check(k, sc.checklist_labels.get(k) or _label(k), bool(ticked))
                        for k, ticked in sc.checklist.items()),
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
        heading=sc.report_title or "Call review", sections=sc.report_sections,
    )


def _label(key: str) -> str:
    """A label for an id the card has no words for (a card stored before it kept them)."""
    return key.replace("_", " ").capitalize()


@lru_cache(maxsize=1)
def _env() -> Environment:
    return environment(report_loader())


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
