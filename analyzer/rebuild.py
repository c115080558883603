"""Scorecard and Transcript objects back from the JSON the store keeps, so pages render the
call report with the same code and templates as the command line (no stored HTML to go stale).
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from .model import (CallMeta, Evidence, ItemResult, Milestone, Pitfall, Scorecard, Segment,
                     Stats, Target, Transcript, Turn, Word)
from .rubric import Rubric


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(d["turn"], d["speaker"], d["quote"], d.get("start"), d.get("end"),
                    d.get("confidence"))


def scorecard_from_dict(d: dict[str, Any], rubric: Rubric | None = None) -> Scorecard:
    """The inverse of Scorecard.to_dict(); titles and weights come from `rubric` when given."""
    items = {i.id: i for i in rubric.items} if rubric else {}
    pitfalls = {p.id: p for p in rubric.pitfalls} if rubric else {}
    ms = d.get("milestones") or {}
    target = d.get("target")
    return Scorecard(
        call_id=d["call_id"], rep=d["rep"], call_date=_day(d["call_date"]),
        account=d.get("account"), moment=d.get("moment"), source=d.get("source") or "",
        score=int(d["score"]),
        items={k: ItemResult(k, v["status"], tuple(_evidence(e) for e in v.get("evidence") or ()),
                             v.get("explanation") or "", v.get("coaching") or "",
                             items[k].title if k in items else "",
                             items[k].weight if k in items else 0.0)
               for k, v in (d.get("items") or {}).items()},
        milestones=tuple(Milestone(m["step"], _day(m.get("date")), m.get("date_text") or "",
                                   m.get("owner"), Evidence(m["turn"], m["speaker"], m["quote"],
                                                            m.get("start")))
                         for m in ms.get("path") or ()),
        credible=bool(ms.get("credible")), credibility_problems=tuple(ms.get("problems") or ()),
        target=Target(_day(target.get("date")), target["text"], target["anchored_by"],
                      _evidence(target["evidence"])) if target else None,
        pitfalls=tuple(Pitfall(p["id"], tuple(_evidence(e) for e in p.get("evidence") or ()),
                               p.get("explanation") or "",
                               pitfalls[p["id"]].title if p["id"] in pitfalls else "")
                       for p in d.get("pitfalls") or ()),
        close_type=d.get("close_type") or "none", checklist=dict(d.get("checklist") or {}),
        rubric_id=(d.get("rubric") or {}).get("id", ""),
        rubric_version=(d.get("rubric") or {}).get("version", ""),
        stats=Stats(**d["stats"]),
        ask=_evidence(d["ask"]) if d.get("ask") else None,
        pause_seconds=d.get("pause_seconds"), roles_guessed=bool(d.get("roles_guessed")),
        notes=tuple(d.get("notes") or ()))


def transcript_from_json(text: str) -> Transcript:
    """The inverse of store.transcript_json()."""
    d = json.loads(text)
    m = d["meta"]
    meta = CallMeta(m["call_id"], m["rep"], _day(m["call_date"]), m.get("account"), m.get("moment"),
                    tuple(m.get("team") or ()), m.get("rep_channel"))
    turns = tuple(Turn(t["index"], t["speaker"], t["role"], t["text"], t.get("start"), t.get("end"),
                       tuple(t.get("pauses") or ()),
                       tuple(Word(**w) for w in t.get("words") or ()),
                       tuple(Segment(**s) for s in t.get("segments") or ()),
                       t.get("label_note"))
                  for t in d.get("turns") or ())
    return Transcript(meta, turns, d.get("source") or "", d.get("format") or "",
                      bool(d.get("roles_guessed")))
