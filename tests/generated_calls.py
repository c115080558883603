"""Hypothesis strategies: whole call files made from the repo's own calls, then mangled.

The seeds are every text call under sample_calls/ and tests/fixtures/ that loads. A generated
call takes one to three of them and joins their turns, may shuffle them, keeps a slice
(truncated), moves the call date and rotates the month names in the text (dates moved), swaps
speaker labels or names a different rep (speakers swapped), may lowercase the text and strip
its punctuation (raw ASR), and is written as a plain-text, Otter, WebVTT, SubRip, JSON
turn-list or Whisper JSON file, with its metadata in the file or in a sidecar, in UTF-8 (with
or without a BOM) or Windows-1252. Sometimes the file is cut off part-way, as a copy
interrupted mid-write would be.

Used by tests/test_generated_calls.py (a few hundred examples in CI) and by
benchmarks/bench_generated_calls.py (10,000 and more).
"""
from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from analyzer.engine import analyze
from analyzer.ingest import AUDIO_SUFFIXES, iter_call_files, load_call
from analyzer.model import InputError, Transcript
from analyzer.reporting import write_call_report
from analyzer.rubric import Rubric

ROOT = Path(__file__).resolve().parents[1]
SEED_FOLDERS = (ROOT / "sample_calls", ROOT / "tests" / "fixtures")
FORMATS = ("txt", "otter", "vtt", "teams_vtt", "srt", "json", "whisper")
SUBTITLES = ("vtt", "teams_vtt", "srt")
ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "cp1252")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.I)
_PUNCT = re.compile(r"[^\w\s']")


@dataclass(frozen=True)
class CallFile:
    """One generated call: the file's name and text, and sidecars beside it (name -> text)."""

    name: str
    text: str
    sidecars: tuple[tuple[str, str], ...] = ()
    encoding: str = "utf-8"  # or as a Windows tool saves it

    def write(self, folder: Path) -> Path:
        for name, text in self.sidecars:
            (folder / name).write_text(text, encoding="utf-8")
        path = folder / self.name
        path.write_bytes(self.text.encode(self.encoding, errors="replace"))
        return path


@lru_cache(maxsize=1)
def seeds() -> tuple[Transcript, ...]:
    """Every text call in the seed folders that loads (the broken ones are there on purpose)."""
    out = []
    for folder in SEED_FOLDERS:
        for path in iter_call_files(folder):
            if path.suffix in AUDIO_SUFFIXES:
                continue
            try:
                out.append(load_call(path))
            except InputError:
                continue
    return tuple(out)


def score_or_refuse(call: CallFile, rubric: Rubric) -> str:
    """Write, load, score and report the call: 'scored', or 'refused' on an InputError (one
    line). Any other exception propagates: that is the bug the property looks for."""
    with tempfile.TemporaryDirectory() as tmp:
        path = call.write(Path(tmp))
        try:
            transcript = load_call(path)
            card = analyze(transcript, rubric)
        except InputError as exc:
            assert "\n" not in exc.one_line()
            return "refused"
        assert 0 <= card.score <= 100
        for fmt in ("html", "md", "json"):
            write_call_report(card, Path(tmp) / "out", fmt, transcript)
    return "scored"


# --- mutations -------------------------------------------------------------------------------
def move_months(text: str, shift: int) -> str:
    """Every month name moved `shift` months on ("April 30" -> "February 30" is fine too)."""
    def repl(m: re.Match) -> str:
        new = MONTHS[(MONTHS.index(m.group(1).capitalize()) + shift) % 12]
        return new.lower() if m.group(1).islower() else new
    return _MONTH.sub(repl, text)


def raw_asr(text: str, keep_apostrophes: bool) -> str:
    """Lowercase, punctuation gone (ASR output before any formatting)."""
    text = _PUNCT.sub(" ", text.lower())
    if not keep_apostrophes:
        text = text.replace("'", "")
    return " ".join(text.split())


@st.composite
def calls(draw, max_turns: int = 30, min_turns: int = 1, joined: tuple[int, int] = (1, 3)
          ) -> CallFile:
    """A generated call file (see the module docstring): `joined` seed calls, then a slice of
    `min_turns` to `max_turns` of their turns (fewer when they have fewer)."""
    pool = seeds()
    picked = draw(st.lists(st.sampled_from(pool), min_size=joined[0], max_size=joined[1]))
    lines = [turn for seed in picked for turn in seed.turns]
    rnd = draw(st.randoms(use_true_random=False))
    timed = list(zip(lines, _times(rnd, len(lines))))
    if draw(st.booleans()):  # shuffled after timing: cues out of order
        rnd.shuffle(timed)
    start = draw(st.integers(0, max(0, len(timed) - min_turns)))
    timed = timed[start:start + draw(st.integers(min_turns, max_turns))]

    speakers = list(dict.fromkeys(ln.speaker for ln, _ in timed))
    rename = dict(zip(speakers, rnd.sample(speakers, len(speakers))))
    if draw(st.booleans()):
        rename = {s: f"Speaker {i}" for i, s in enumerate(speakers, 1)}
    shift = draw(st.integers(-11, 11))
    asr = draw(st.sampled_from((None, "keep", "strip")))
    lines_out = []
    for ln, when in timed:
        text = move_months(ln.text, shift)
        if asr:
            text = raw_asr(text, asr == "keep")
        if rnd.random() < 0.1:
            text += " [pause]"
        lines_out.append((rename[ln.speaker], text, when))

    rep_choices = [picked[0].meta.rep, None, "Nobody Here", *rename.values()]
    rep = draw(st.sampled_from(rep_choices))
    call_date = picked[0].meta.call_date + timedelta(days=draw(st.integers(-800, 800)))
    meta = {"call_id": "gen", "rep": rep, "call_date": call_date.isoformat(), "account": "Gen Co"}
    fmt = draw(st.sampled_from(FORMATS))
    where = draw(st.sampled_from(("file", ".meta.yaml", ".meta.yml")))
    call = _render(fmt, lines_out, meta, where)
    text = call.text
    if _one_in(draw, 10):  # a copy cut off mid-write
        text = text[:draw(st.integers(0, len(text)))]
    return replace(call, text=text, encoding=draw(st.sampled_from(ENCODINGS)))


def _one_in(draw, n: int) -> bool:
    """True about once in `n` draws (Hypothesis favours the ends of a range: use the middle)."""
    return draw(st.integers(0, 2 * n - 1)) == n


def _times(rnd, n: int) -> list[tuple[float, float]]:
    """Start/end seconds per line in the original order, with gaps (pauses) between."""
    out, t = [], rnd.uniform(0, 30)
    for _ in range(n):
        length = rnd.uniform(0.5, 40)
        out.append((t, t + length))
        t += length + rnd.choice((0.0, 0.3, 1.2, 2.5, 6.0))
    return out


# --- writing ---------------------------------------------------------------------------------
def _yaml(meta: dict) -> str:
    return "".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items() if v is not None)


def _render(fmt: str, lines: list, meta: dict, where: str) -> CallFile:
    """The call as a `fmt` file; its metadata in the file, or in a sidecar named gen`where`."""
    if fmt in SUBTITLES and where == "file":  # subtitles have no place for metadata
        where = ".meta.yaml"
    side = () if where == "file" else ((f"gen{where}", _yaml(meta)),)
    inline = {k: v for k, v in meta.items() if v is not None} if where == "file" else None
    if fmt in ("txt", "otter"):
        front = f"---\n{_yaml(meta)}---\n" if inline else ""
        if fmt == "otter":
            body = "".join(f"{who}  {_clock(t0)}\n{text}\n\n" for who, text, (t0, _) in lines)
        else:  # every other line stamped
            body = "".join(f"[{_clock(t0)}] {who}: {text}\n" if i % 2 else f"{who}: {text}\n"
                           for i, (who, text, (t0, _)) in enumerate(lines))
        return CallFile("gen.txt", front + body, side)
    if fmt in ("vtt", "teams_vtt"):
        cues = "".join(
            f"{i}\n{_stamp(t0)} --> {_stamp(t1)}\n"
            + (f"<v {who}>{text}</v>" if fmt == "teams_vtt" else f"{who}: {text}") + "\n\n"
            for i, (who, text, (t0, t1)) in enumerate(lines, 1))
        return CallFile("gen.vtt", "WEBVTT\n\n" + cues, side)
    if fmt == "srt":
        cues = "".join(f"{i}\n{_stamp(t0, ',')} --> {_stamp(t1, ',')}\n{who}: {text}\n\n"
                       for i, (who, text, (t0, t1)) in enumerate(lines, 1))
        return CallFile("gen.srt", cues, side)
    if fmt == "json":
        data = [{"speaker": who, "start": t0, "end": t1, "text": text}
                for who, text, (t0, t1) in lines]
        if inline:
            data = {"meta": inline, "turns": data}
    else:  # whisper
        segments = [{"speaker": who, "start": t0, "end": t1, "text": " " + text}
                    for who, text, (t0, t1) in lines]
        data = {"text": "".join(s["text"] for s in segments), "segments": segments}
        if inline:
            data["meta"] = inline
    return CallFile("gen.json", json.dumps(data, indent=1), side)


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _stamp(seconds: float, sep: str = ".") -> str:
    ms = int(round(seconds * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"
