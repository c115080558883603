"""Transcript cache: `<cache>/transcripts/<sha256 of the audio bytes>.<engine>.<model>.json`.

It holds the engine's timed words per channel, not the analysed Transcript, so editing the
metadata or the speaker timeline never needs a new transcription.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from analyzer.model import Word

from .engines import AsrSegment
from .models import cache_root

VERSION = 1


def audio_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 22):
            digest.update(block)
    return digest.hexdigest()


def path_for(audio_sha: str, engine: str, model_id: str) -> Path:
    return cache_root() / "transcripts" / f"{audio_sha}.{engine}.{model_id}.json"


def load(path: Path) -> tuple[float, list[list[AsrSegment]]] | None:
    """(duration, segments per channel), or None when absent or unreadable."""
    try:
        data = json.loads(path.read_text())
        if data.get("version") != VERSION:
            return None
        channels = [[AsrSegment(s["start"], s["end"], s["text"],
                                tuple(Word(t, a, b) for t, a, b in s["words"]))
                     for s in segs] for segs in data["channels"]]
        return float(data["duration"]), channels
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(path: Path, duration: float, channels: list[list[AsrSegment]], info: dict) -> None:
    data = {"version": VERSION, **info, "duration": duration,
            "channels": [[{"start": s.start, "end": s.end, "text": s.text,
                           "words": [[w.text, w.start, w.end] for w in s.words]}
                          for s in segs] for segs in channels]}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data))
    os.replace(tmp, path)
