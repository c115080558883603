"""Frozen data types shared by every stage: transcript in, scorecard out. A scorecard's JSON
(`to_dict`) and its inverse (`from_dict`) live side by side here."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

ROLES = ("rep", "team", "buyer")
STATUSES = ("pass", "partial", "fail")


class InputError(Exception):
    """A call file (or its metadata) cannot be read. Rendered as one line: 'path:line: message'."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.message, self.line = str(path), message, line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def reason_for(self, call: str) -> str:
        """The one line for a list that already names the call file `call`: without the path
        when the problem is in that file ('line 3: ...'), with it when it is in a sidecar."""
        if self.path != str(call):
            return self.one_line()
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Segment:
    """A timed piece of a turn (one subtitle cue, one ASR segment): text[char_start:char_end]
    was spoken from `start` to `end` seconds. Merged cues keep their segments, so a silence
    inside one speaker's turn can still be measured."""

    char_start: int
    char_end: int
    start: float
    end: float


@dataclass(frozen=True)
class Turn:
    """One speaker turn. `pauses` are character offsets into `text` where a pause marker
    ([pause], (silence), a trailing …) stood; a marker after the last word has offset len(text)."""

    index: int
    speaker: str
    role: str  # rep | team | buyer
    text: str
    start: float | None = None
    end: float | None = None
    pauses: tuple[int, ...] = ()
    words: tuple[Word, ...] = ()
    segments: tuple[Segment, ...] = ()
    label_note: str | None = None  # e.g. "AE" from "Hannah (AE):"

    @property
    def is_seller(self) -> bool:
        return self.role in ("rep", "team")


@dataclass(frozen=True)
class CallMeta:
    call_id: str
    rep: str
    call_date: date
    account: str | None = None
    moment: str | None = None
    team: tuple[str, ...] = ()
    rep_channel: str | None = None  # left | right, for two-channel audio


@dataclass(frozen=True)
class Transcript:
    meta: CallMeta
    turns: tuple[Turn, ...]
    source: str = ""
    format: str = ""
    roles_guessed: bool = False
    rep_unmatched: str = ""  # no speaker matched the metadata's rep: the speaker guessed instead
    encoding: str = ""  # "" for UTF-8; else the encoding the file was read with (e.g. cp1252)

    @property
    def timed(self) -> bool:
        return any(t.start is not None for t in self.turns)


@dataclass(frozen=True)
class Evidence:
    turn: int
    speaker: str
    quote: str
    start: float | None = None
    end: float | None = None
    confidence: float | None = None  # the meaning layer's probability that the quote does the act

    def to_dict(self) -> dict[str, Any]:
        out = {"turn": self.turn, "speaker": self.speaker, "start": self.start,
               "end": self.end, "quote": self.quote}
        if self.confidence is not None:
            out["confidence"] = self.confidence
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Evidence":
        return cls(d["turn"], d["speaker"], d["quote"], d.get("start"), d.get("end"),
                   d.get("confidence"))


def parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


@dataclass(frozen=True)
class Milestone:
    step: str
    date: date | None
    date_text: str
    owner: str | None
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        """The evidence's fields sit beside the step's (quote, turn, speaker, start, end,
        confidence), as every earlier card has them."""
        return {"step": self.step, "date": self.date.isoformat() if self.date else None,
                "date_text": self.date_text, "owner": self.owner, **self.evidence.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Milestone":
        return cls(d["step"], parse_day(d.get("date")), d.get("date_text") or "", d.get("owner"),
                   Evidence.from_dict(d))


@dataclass(frozen=True)
class Target:
    date: date | None
    text: str
    anchored_by: str  # buyer | confirmed | seller
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat() if self.date else None, "text": self.text,
                "anchored_by": self.anchored_by, "evidence": self.evidence.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Target":
        return cls(parse_day(d.get("date")), d["text"], d["anchored_by"], Evidence.from_dict(d["evidence"]))


@dataclass(frozen=True)
class ItemResult:
    id: str
    status: str
    evidence: tuple[Evidence, ...]
    explanation: str
    coaching: str = ""
    title: str = ""
    weight: float = 0.0
    tip: str = ""  # the rubric's tip writer for the item ("": its coaching text)

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "evidence": [e.to_dict() for e in self.evidence],
                "explanation": self.explanation, "coaching": self.coaching,
                "title": self.title, "weight": self.weight, "tip": self.tip}

    @classmethod
    def from_dict(cls, item_id: str, d: dict[str, Any]) -> "ItemResult":
        return cls(item_id, d["status"], tuple(Evidence.from_dict(e) for e in d.get("evidence") or ()),
                   d.get("explanation") or "", d.get("coaching") or "", d.get("title") or "",
                   float(d.get("weight") or 0.0), d.get("tip") or "")


@dataclass(frozen=True)
class Pitfall:
    id: str
    evidence: tuple[Evidence, ...]
    explanation: str
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "evidence": [e.to_dict() for e in self.evidence],
                "explanation": self.explanation, "title": self.title}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Pitfall":
        return cls(d["id"], tuple(Evidence.from_dict(e) for e in d.get("evidence") or ()),
                   d.get("explanation") or "", d.get("title") or "")


@dataclass(frozen=True)
class Stats:
    rep_talk_ratio: float
    rep_words: int
    buyer_words: int
    longest_rep_monologue_words: int
    longest_rep_monologue_s: float | None
    rep_questions: int
    patience_s: float | None  # mean gap before the rep speaks after the buyer

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Scorecard:
    call_id: str
    rep: str
    call_date: date
    account: str | None
    moment: str | None
    source: str
    score: int
    items: dict[str, ItemResult]
    milestones: tuple[Milestone, ...]
    credible: bool
    credibility_problems: tuple[str, ...]
    target: Target | None
    pitfalls: tuple[Pitfall, ...]
    close_type: str
    checklist: dict[str, bool]
    rubric_id: str
    rubric_version: str
    stats: Stats
    ask: Evidence | None = None
    pause_seconds: float | None = None  # measured silence after the closing ask, when timed
    roles_guessed: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    # the rubric's words, kept so a report rebuilt later reads as it did when scored
    rubric_name: str = ""
    report_title: str = ""
    checklist_labels: dict[str, str] = field(default_factory=dict)
    close_type_label: str = ""
    report_sections: tuple[str, ...] = ("path", "plan", "recap")

    def to_dict(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "rep": self.rep,
            "call_date": self.call_date.isoformat(),
            "account": self.account,
            "moment": self.moment,
            "source": self.source,
            "score": self.score,
            "items": {k: v.to_dict() for k, v in self.items.items()},
            "milestones": {"count": len(self.milestones), "credible": self.credible,
                           "problems": list(self.credibility_problems),
                           "path": [m.to_dict() for m in self.milestones]},
            "target": self.target.to_dict() if self.target else None,
            "pitfalls": [p.to_dict() for p in self.pitfalls],
            "close_type": self.close_type,
            "close_type_label": self.close_type_label,
            "checklist": dict(self.checklist),
            "checklist_labels": dict(self.checklist_labels),
            "ask": self.ask.to_dict() if self.ask else None,
            "pause_seconds": self.pause_seconds,
            "stats": self.stats.to_dict(),
            "roles_guessed": self.roles_guessed,
            "notes": list(self.notes),
            "rubric": {"id": self.rubric_id, "version": self.rubric_version,
                       "name": self.rubric_name, "report_title": self.report_title,
                       "report_sections": list(self.report_sections)},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Scorecard":
        """The inverse of to_dict() (cards stored before titles and weights were kept come back
        with them empty; see rebuild.with_rubric_words)."""
        ms = d.get("milestones") or {}
        rubric = d.get("rubric") or {}
        return cls(
            call_id=d["call_id"], rep=d["rep"], call_date=parse_day(d["call_date"]),
            account=d.get("account"), moment=d.get("moment"), source=d.get("source") or "",
            score=int(d["score"]),
            items={k: ItemResult.from_dict(k, v) for k, v in (d.get("items") or {}).items()},
            milestones=tuple(Milestone.from_dict(m) for m in ms.get("path") or ()),
            credible=bool(ms.get("credible")), credibility_problems=tuple(ms.get("problems") or ()),
            target=Target.from_dict(d["target"]) if d.get("target") else None,
            pitfalls=tuple(Pitfall.from_dict(p) for p in d.get("pitfalls") or ()),
            close_type=d.get("close_type") or "none", checklist=dict(d.get("checklist") or {}),
            rubric_id=rubric.get("id", ""), rubric_version=rubric.get("version", ""),
            stats=Stats(**d["stats"]),
            ask=Evidence.from_dict(d["ask"]) if d.get("ask") else None,
            pause_seconds=d.get("pause_seconds"), roles_guessed=bool(d.get("roles_guessed")),
            notes=tuple(d.get("notes") or ()), rubric_name=rubric.get("name") or "",
            report_title=rubric.get("report_title") or "",
            checklist_labels=dict(d.get("checklist_labels") or {}),
            close_type_label=d.get("close_type_label") or "",
            report_sections=tuple(rubric.get("report_sections", ("path", "plan", "recap"))))
