"""Transcript objects back from the JSON the store keeps, and stored scorecards (their inverse
is Scorecard.from_dict) with the rubric's words filled in where an old card lacks them, so
pages render the call report with the same code and templates as the command line."""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from .model import CallMeta, Scorecard, Segment, Transcript, Turn, Word, parse_day
from .rubric import Rubric


def scorecard_from_dict(d: dict[str, Any], rubric: Rubric | None = None) -> Scorecard:
    """Scorecard.from_dict(d); a card stored before it kept the rubric's words (item titles,
    weights and tips, pitfall titles, checklist and close-type labels) gets them from `rubric`."""
    card = Scorecard.from_dict(d)
    if rubric is None or card.rubric_id not in ("", rubric.id):
        return card
    specs = {i.id: i for i in rubric.items}
    items = {k: replace(i, title=i.title or specs[k].title, weight=i.weight or specs[k].weight,
                        tip=i.tip or specs[k].tip) if k in specs else i
             for k, i in card.items.items()}
    pitfalls = {p.id: p.title for p in rubric.pitfalls}
    return replace(card, items=items,
                   pitfalls=tuple(replace(p, title=p.title or pitfalls.get(p.id, "")) for p in card.pitfalls),
                   checklist_labels=card.checklist_labels or {r.id: r.label for r in rubric.checklist},
                   close_type_label=card.close_type_label or rubric.close_label(card.close_type),
                   report_title=card.report_title or rubric.report_title,
                   rubric_name=card.rubric_name or rubric.name)


def transcript_from_json(text: str) -> Transcript:
    """The inverse of store.transcript_json()."""
    d = json.loads(text)
    m = d["meta"]
    meta = CallMeta(m["call_id"], m["rep"], parse_day(m["call_date"]), m.get("account"), m.get("moment"),
                    tuple(m.get("team") or ()), m.get("rep_channel"))
    turns = tuple(Turn(t["index"], t["speaker"], t["role"], t["text"], t.get("start"), t.get("end"),
                       tuple(t.get("pauses") or ()),
                       tuple(Word(**w) for w in t.get("words") or ()),
                       tuple(Segment(**s) for s in t.get("segments") or ()),
                       t.get("label_note"))
                  for t in d.get("turns") or ())
    return Transcript(meta, turns, d.get("source") or "", d.get("format") or "",
                      bool(d.get("roles_guessed")))
