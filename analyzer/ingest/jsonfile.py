"""JSON transcripts: a turn list, openai-whisper output, or a Gong transcript.

Turn list: `{"meta": {...}, "turns": [{"speaker", "start", "end", "text"}]}`, or a bare list
of turns. start/end (seconds) are optional.

Whisper: `{"text", "segments": [{"start", "end", "text", "words": [{"word", "start", "end"}]}]}`.
Segments with a "speaker" key (diarised output) merge per speaker; without one, each segment
is a turn of speaker "Speaker" whose role is guessed from its words (roles_guessed=True).

Gong: the `/v2/calls/transcript` response, with the call's parties from `/v2/calls/extensive`,
in one file (an optional "meta" object as in a turn list):

    {"callTranscripts": [{"callId": "123", "transcript": [
        {"speakerId": "s1", "topic": "Pricing",
         "sentences": [{"start": 1200, "end": 4300, "text": "..."}]}]}],
     "parties": [{"speakerId": "s1", "name": "Dana Ruiz", "affiliation": "Internal"}],
     "calls": [{"metaData": {"id": "123", "started": "2026-03-02T15:00:00Z"},
                "parties": [...]}]}

Only the first call is read. "parties" may sit at the top level or in the "calls" entry (the
one whose metaData.id matches, else the first). Times are milliseconds. A speaker is the
party's name (else the speakerId). Unless meta names the rep, the Internal party who talks
most is the rep, other Internal parties are the team, External/Unknown parties are the buyer.
metaData.started gives call_date when no metadata does.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from analyzer.model import InputError, Transcript, Turn, Word

from . import markers, meta, roles
from .subtitles import Cue, merge_cues


def parse(path: Path, source: str, overrides: dict | None = None) -> Transcript:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as e:
        raise InputError(path, f"invalid JSON: {e.msg} (column {e.colno})", e.lineno) from None
    if isinstance(data, list):
        return _turn_list(path, data, None, overrides)
    if not isinstance(data, dict):
        raise InputError(path, 'JSON must be an object with "turns" or "segments", '
                               "or a list of turns")
    in_file = _meta(path, data, source)
    if "callTranscripts" in data:
        return _gong(path, data, in_file, overrides)
    if "turns" in data:
        return _turn_list(path, data["turns"], in_file, overrides)
    if "segments" in data:
        return _whisper(path, data["segments"], in_file, overrides)
    raise InputError(path, 'JSON has no "turns" list, whisper "segments" or Gong '
                           '"callTranscripts"')


def _meta(path: Path, data: dict, source: str) -> meta.MetaSource | None:
    values = data.get("meta")
    if values is None:
        return None
    if not isinstance(values, dict):
        raise InputError(path, '"meta" must be an object of call metadata',
                         meta.json_meta_lines(source).get("meta"))
    return meta.MetaSource(str(path), values, meta.json_meta_lines(source))


def _items(path: Path, value: Any, what: str) -> list[dict]:
    """`value` as a non-empty list of objects, or InputError."""
    if not isinstance(value, list):
        raise InputError(path, f'"{what}" must be a list')
    if not value:
        raise InputError(path, f'no turns found: "{what}" is empty')
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise InputError(path, f"{what} item {i} is not an object")
    return value


def _text(path: Path, item: dict, what: str) -> str:
    text = item.get("text")
    if not isinstance(text, str):
        raise InputError(path, f'{what} has no "text"')
    return text


def _seconds(path: Path, item: dict, key: str, what: str, scale: float = 1.0) -> float | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(path, f'{what}: "{key}" must be a number, not {value!r}')
    return value / scale


def _turn_list(path, items, in_file, overrides) -> Transcript:
    turns = []
    for i, t in enumerate(_items(path, items, "turns"), 1):
        what = f"turn {i}"
        raw = _text(path, t, what)
        speaker = t.get("speaker")
        if not isinstance(speaker, str) or not speaker.strip():
            raise InputError(path, f'{what} has no "speaker"')
        text, pauses = markers.clean(raw)
        if not text:
            if not raw.strip():
                raise InputError(path, f'{what} has empty "text"')
            if turns:  # a turn that is only a [pause] marker
                turns[-1] = replace(turns[-1], pauses=(*turns[-1].pauses, len(turns[-1].text)))
            continue
        name, note = roles.split_label(speaker)
        turns.append(Turn(index=len(turns), speaker=name, role="buyer", text=text,
                          start=_seconds(path, t, "start", what),
                          end=_seconds(path, t, "end", what), pauses=pauses, label_note=note))
    fields = meta.resolve(path, in_file, overrides)
    return roles.finish(path, "json", turns, fields)


def _whisper(path, segments, in_file, overrides) -> Transcript:
    cues = []
    for i, seg in enumerate(_items(path, segments, "segments"), 1):
        what = f"segment {i}"
        words = tuple(Word(str(w["word"]).strip(), float(w["start"]), float(w["end"]))
                      for w in seg.get("words") or ()
                      if isinstance(w, dict) and "word" in w
                      and isinstance(w.get("start"), (int, float))
                      and isinstance(w.get("end"), (int, float)))
        speaker = seg.get("speaker")
        cues.append(Cue(str(speaker) if speaker not in (None, "") else None,
                        _seconds(path, seg, "start", what) or 0.0,
                        _seconds(path, seg, "end", what) or 0.0,
                        _text(path, seg, what), words))
    fields = meta.resolve(path, in_file, overrides)
    if any(c.speaker for c in cues):
        return roles.finish(path, "whisper", merge_cues(cues), fields)
    turns = [replace(t, speaker="Speaker", role=roles.guess_turn_role(t.text))
             for c in cues for t in merge_cues([c])]
    return roles.finish(path, "whisper", turns, fields, roles_done=True,
                        rep=fields["rep"] or "Speaker", guessed=True)


def _gong(path, data, in_file, overrides) -> Transcript:
    calls = data["callTranscripts"]
    if not isinstance(calls, list) or not calls or not isinstance(calls[0], dict):
        raise InputError(path, 'Gong "callTranscripts" must be a non-empty list of calls')
    call = calls[0]
    info = _gong_call_info(data, str(call.get("callId", "")))
    party_list = _list(info.get("parties")) or _list(data.get("parties"))
    parties = {str(p.get("speakerId")): p for p in party_list if isinstance(p, dict)}
    cues = []
    for i, mono in enumerate(_items(path, call.get("transcript"), "transcript"), 1):
        sid = str(mono.get("speakerId", ""))
        name = str(parties.get(sid, {}).get("name") or sid or "Unknown")
        for j, s in enumerate(_items(path, mono.get("sentences"), f"transcript {i} sentences"),
                              1):
            what = f"transcript {i} sentence {j}"
            cues.append(Cue(name, _seconds(path, s, "start", what, 1000) or 0.0,
                            _seconds(path, s, "end", what, 1000) or 0.0, _text(path, s, what)))
    turns = merge_cues(sorted(cues, key=lambda c: c.start))
    started = _object(info.get("metaData")).get("started")
    fields = meta.resolve(path, in_file, overrides, defaults={"call_date": started})
    speakers = [t.speaker for t in turns]
    internal = {roles.split_label(str(p.get("name") or sid))[0]
                for sid, p in parties.items() if p.get("affiliation") == "Internal"}
    internal &= set(speakers)
    if (fields["rep"] and roles.match_speakers(fields["rep"], speakers)) or not internal:
        return roles.finish(path, "gong", turns, fields)
    words = Counter()
    for t in turns:
        words[t.speaker] += len(t.text.split())
    rep = max(sorted(internal), key=words.__getitem__)
    team = [s for s in dict.fromkeys(speakers) if s in internal and s != rep]
    team += [s for m in fields["team"] for s in roles.match_speakers(m, speakers)
             if s not in team and s != rep]
    fields = {**fields, "team": tuple(dict.fromkeys((*fields["team"], *team)))}
    turns = [replace(t, role="rep" if t.speaker == rep else "team" if t.speaker in team
                     else "buyer") for t in turns]
    return roles.finish(path, "gong", turns, fields, roles_done=True, rep=rep)


def _gong_call_info(data: dict, call_id: str) -> dict:
    """The `calls` entry (from /v2/calls/extensive) for this call, or the first, or {}."""
    calls = [c for c in _list(data.get("calls")) if isinstance(c, dict)]
    for c in calls:
        if str(_object(c.get("metaData")).get("id", "")) == call_id:
            return c
    return calls[0] if calls else {}


def _object(value: Any) -> dict:
    """A JSON object, or {} for anything else (Gong's optional call details)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []
