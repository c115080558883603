"""Browser tests: Debian's Chromium driven by Playwright's Python package (never a downloaded
browser), against `callreview serve` started on a free 127.0.0.1 port with a temporary store.

Skipped with a reason when /usr/bin/chromium or playwright is missing, unless
CALLREVIEW_REQUIRE_BROWSER is set (CI sets it): then that is a failure.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CALLREVIEW_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "screenshots"
AUDIO_SUFFIXES = (".wav", ".mp3", ".ogg", ".flac", ".m4a", ".webm")


def _unavailable(reason: str):
    if os.environ.get("CALLREVIEW_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (CALLREVIEW_REQUIRE_BROWSER is set)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


# --- a recording to upload --------------------------------------------------------------------
DIALOGUE = [  # (speaker, line): the rep is on the left channel
    ("rep", "Thanks for the time today, Sam. You said the new scheduling system has to be live "
            "before the spring season."),
    ("buyer", "Right. Our first big week starts on Monday, April sixth."),
    ("rep", "Then let's work back from April sixth. Training is done by Friday, March twenty "
            "seventh. The data import is finished by Friday, March twentieth."),
    ("buyer", "That works for us."),
    ("rep", "So to protect April sixth, can you sign the order form by this Friday?"),
    ("buyer", "Yes, I can sign it by Friday."),
]


def _run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def make_recording(out: Path) -> Path:
    """A short stereo WAV (rep left, buyer right) spoken by espeak-ng, joined by sox."""
    work = out.parent / "lines"
    work.mkdir(parents=True, exist_ok=True)
    parts = []
    for i, (who, text) in enumerate(DIALOGUE):
        raw, seg = work / f"{i}.raw.wav", work / f"{i}.wav"
        _run("espeak-ng", "-v", "en-us+m1" if who == "rep" else "en-us+f2", "-s", "140",
             "-w", str(raw), text)
        remix = ["1", "0"] if who == "rep" else ["0", "1"]  # the other channel is silent
        _run("sox", str(raw), "-r", "16000", "-b", "16", str(seg), "remix", *remix,
             "pad", "0", "0.8")
        parts.append(str(seg))
    _run("sox", *parts, str(out))
    return out


@pytest.fixture(scope="session")
def recording(tmp_path_factory) -> tuple[list[Path], dict[str, str]] | None:
    """The files of one recorded call and the upload form fields that make Tessa its rep: a
    committed stereo sample (with its NAME.meta.yaml) if sample_calls/ has one, else a
    recording made here with espeak-ng and sox; None when neither can be had."""
    fields = {"rep": "Tessa", "rep_channel": "left"}
    samples = sorted(p for p in (ROOT / "sample_calls").rglob("*")
                     if p.suffix.lower() in AUDIO_SUFFIXES and "stereo" in p.name)
    if samples:
        side = samples[0].with_name(samples[0].stem + ".meta.yaml")
        return [samples[0]] + ([side] if side.exists() else []), fields
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        return None  # the browser test runs without its recording part
    path = make_recording(tmp_path_factory.mktemp("audio") / "harvest_haulers_call.wav")
    return [path], fields | {"call_date": "2026-03-10", "account": "Harvest Haulers",
                             "moment": "final_decision"}
