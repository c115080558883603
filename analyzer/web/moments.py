"""The moments of one stored call the call page can play and show: every turn of the
transcript with the verdicts whose evidence it holds, the path's milestones, and the pause
after the closing ask (played across the gap so the silence is heard). Read from the stored
scorecard and transcript JSON; nothing is analyzed again."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..presentation import clock
from ..store import Store, StoredCall

LEAD_IN_S = 1.0  # a moment plays from this long before it starts (call.js seeks there)
PAUSE_TAIL_S = 1.5  # the pause plays on this long after the rep speaks again


@dataclass(frozen=True)
class Mark:
    """A verdict whose evidence is in a turn: where it is on the page, and its status."""
    anchor: str  # item-dated_ask, h-pitfalls, h-path
    title: str
    status: str  # pass | partial | fail | flag | path


@dataclass(frozen=True)
class TurnView:
    index: int
    speaker: str
    role: str  # rep | buyer | other: the side of the call
    text: str
    start: float | None
    end: float | None
    marks: tuple[Mark, ...] = ()

    @property
    def time(self) -> str | None:
        return clock(self.start)


@dataclass(frozen=True)
class Moment:
    label: str
    start: float  # where it starts on the call (playing begins LEAD_IN_S before)
    end: float | None = None  # where it stops (the pause); None: plays on
    time: str | None = None
    turn: int | None = None


@dataclass(frozen=True)
class CallMoments:
    turns: list[TurnView] = field(default_factory=list)
    milestones: list[Moment] = field(default_factory=list)
    pause: Moment | None = None
    timed: bool = False


def _marks(card: dict[str, Any], titles: dict[str, str]) -> dict[int, list[Mark]]:
    marks: dict[int, list[Mark]] = {}

    def add(turn, mark: Mark) -> None:
        if turn is not None and mark not in marks.setdefault(turn, []):
            marks[turn].append(mark)

    for item_id, item in (card.get("items") or {}).items():
        for ev in item.get("evidence") or ():
            add(ev.get("turn"), Mark(f"item-{item_id}", titles.get(item_id, item_id), item["status"]))
    for pitfall in card.get("pitfalls") or ():
        for ev in pitfall.get("evidence") or ():
            add(ev.get("turn"), Mark("h-pitfalls", pitfall["id"].replace("_", " ").capitalize(), "flag"))
    for step in (card.get("milestones") or {}).get("path") or ():
        add(step.get("turn"), Mark("h-path", f"Milestone: {step['step']}", "path"))
    return marks


def call_moments(store: Store, call: StoredCall, titles: dict[str, str]) -> CallMoments:
    card = call.scorecard
    body = store.transcript_body(call.call_pk)
    turns = json.loads(body).get("turns") or [] if body else []
    marks = _marks(card, titles)
    views = [TurnView(t["index"], t["speaker"], t.get("role") or "other", t["text"], t.get("start"),
                      t.get("end"), tuple(marks.get(t["index"], ()))) for t in turns]
    milestones = [Moment(f"{m['step']}" + (f" · {m['date_text']}" if m.get("date_text") else ""),
                         m["start"], None, clock(m["start"]), m.get("turn"))
                  for m in (card.get("milestones") or {}).get("path") or ()
                  if m.get("start") is not None]
    ask, gap = card.get("ask"), card.get("pause_seconds")
    pause = None
    if ask and ask.get("start") is not None and gap is not None:
        said = ask.get("end") if ask.get("end") is not None else ask["start"]
        pause = Moment(f"the ask and the {gap:.1f} s after it", ask["start"],
                       round(said + gap + PAUSE_TAIL_S, 2), clock(ask["start"]), ask.get("turn"))
    return CallMoments(views, milestones, pause, any(t.start is not None for t in views))
