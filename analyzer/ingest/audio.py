"""Audio calls (.wav, .mp3, .m4a, .ogg, .flac, .webm): transcribed offline into a Transcript.

Speakers: a two-channel recording gives one speaker per channel, and `rep_channel: left|right`
in the metadata names the rep's (the other channel is the buyer). A mono recording takes its
speakers from a timeline beside it (`NAME.turns.json` or `NAME.rttm`) when there is one;
otherwise every stretch of speech is a turn whose role is guessed from its words
(roles_guessed=True). Every turn keeps its words, one Segment per word, so the pause after the
ask is measured from word timestamps. The LoadOptions name the transcription engine
(faster-whisper | openai-whisper) and model (tiny.en | base | a path) beside the metadata.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from analyzer.model import InputError, Transcript
from analyzer.transcribe import timeline, transcribe, turns as build

from . import meta, roles
from .options import LoadOptions

BUYER = "Buyer"  # speaker label of the side that is not the rep
UNKNOWN_DATE = dt.date(1, 1, 1)  # call_date when load_audio(..., need_date=False) finds none


def load_audio(path: Path, options: LoadOptions | Mapping[str, Any] | None = None, *,
               need_date: bool = True) -> Transcript:
    """Transcribe (or fetch from the cache) and build the Transcript. With need_date=False a
    missing call_date becomes UNKNOWN_DATE instead of an error (for `callreview transcribe`)."""
    path = Path(path)
    options = LoadOptions.of(options)
    defaults = None if need_date else {"call_date": UNKNOWN_DATE.isoformat()}
    fields = meta.resolve(path, None, dict(options.meta), defaults=defaults)
    rec = transcribe(path, options.engine, options.model)
    words = [[w for s in segs for w in s.words] for segs in rec.channels]
    if len(words) == 2:
        return _stereo(path, words, fields)
    side = timeline.find(path)
    if side is not None:
        turns = build.by_timeline(words[0], timeline.read(side))
        return roles.finish(path, "audio", turns, fields)
    return _guessed(path, [s.words for s in rec.channels[0]], fields)


def _stereo(path: Path, words: list, fields: dict) -> Transcript:
    chan = fields["rep_channel"]
    if chan is None:  # unknown: name the channels and guess the rep from the words
        return roles.finish(path, "audio", build.by_channel(words, ("Left", "Right")), fields)
    rep = fields["rep"] or "Rep"
    labels = (rep, BUYER) if chan == "left" else (BUYER, rep)
    turns = [replace(t, role="rep" if t.speaker == rep else "buyer")
             for t in build.by_channel(words, labels)]
    return roles.finish(path, "audio", turns, fields, roles_done=True, rep=rep)


def _guessed(path: Path, segments: list, fields: dict) -> Transcript:
    rep = fields["rep"] or "Rep"
    runs = build.by_pauses(segments)
    tagged = []
    for run in runs:
        text = " ".join(w.text for w in run)
        label = rep if roles.guess_turn_role(text) == "rep" else BUYER
        tagged.extend((label, w) for w in run)
    turns = [replace(t, role="rep" if t.speaker == rep else "buyer")
             for t in build.group(tagged)]
    if not turns:
        raise InputError(path, "no speech recognised in the recording")
    return roles.finish(path, "audio", turns, fields, roles_done=True, rep=rep, guessed=True)
