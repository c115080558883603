"""Make the sample call recordings with espeak-ng (two voices) and sox.

    python scripts/make_sample_audio.py [--out sample_calls] [--timeline]

Writes a stereo recording (rep on the left channel, buyer on the right), a mono mix of the
same call with its speaker timeline (`.rttm`), and a `.meta.yaml` sidecar for each. Every
spoken line is trimmed of espeak's own leading and trailing silence, so the gaps between lines
are exactly the ones written here:
after the dated ask the line is followed by ASK_PAUSE_S of silence before the buyer answers.
`--timeline` also writes NAME.timeline.json (who speaks when, in seconds) for checking.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RATE = 16000
VOICES = {"rep": "en-us+m1", "buyer": "en-us+f2"}  # chosen so tiny.en hears the dates
SPEED = 140  # words per minute
TURN_GAP_S = 0.6
ASK_PAUSE_S = 2.5
ASK = "So to protect October first, can you approve the order by this Friday?"
CALL_DATE = "2026-09-01"  # a Tuesday: "this Friday" is Sep 4; Sep 14 is a Monday,
# Sep 18 and Sep 25 are Fridays, Oct 1 is a Thursday.

# (role, line); the ask is followed by ASK_PAUSE_S of silence, every other line by TURN_GAP_S.
DIALOGUE: list[tuple[str, str]] = [
    ("rep", "Thanks for making time today, Tom. Last week you walked me through your harvest plan."),
    ("buyer", "Right. Our dispatchers still type every order in by hand, and it costs us two "
              "hours every day."),
    ("rep", "To recap what you told me, you want orders to flow straight to dispatch, with no "
            "typing, before the harvest rush."),
    ("buyer", "Exactly."),
    ("rep", "When does the rush start?"),
    ("buyer", "The first trucks roll on Thursday, October first. That is our target date for "
              "the new system."),
    ("rep", "Okay, October first. Let's work back from that date. The dispatch training "
            "is complete by Friday, September twenty fifth, and Kevin owns it. Before that, the "
            "data migration is done by Friday, September eighteenth. And the "
            "integration kickoff is on Monday, September fourteenth."),
    ("buyer", "That is tight, but it works for us."),
    ("rep", ASK),
    ("buyer", "Yes. I can approve it by Friday."),
    ("rep", "Great. If it helps, we can start with a pilot at one packing shed for thirty days, "
            "and you can stop with no penalty."),
    ("buyer", "That sounds good to me."),
    ("rep", "I will send a mutual action plan with the owners and dates this afternoon."),
    ("buyer", "Thanks, Maya. Goodbye."),
]

META = {"rep": "Maya", "call_date": CALL_DATE, "account": "Kestrel Orchards",
        "moment": "final_decision"}
NAMES = {"rep": "Maya", "buyer": "Tom"}  # speaker labels in the mono call's RTTM timeline
CALLS = {  # file stem -> (channels, suffix, extra metadata)
    "s15_kestrel_orchards_final_decision_stereo": (2, ".ogg", {"rep_channel": "left"}),
    "s16_kestrel_orchards_final_decision_mono": (1, ".mp3", {}),
}


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def _duration(wav: Path) -> float:
    return float(_run("soxi", "-D", str(wav)))


def _speak(text: str, voice: str, out: Path) -> float:
    """One line as 16 kHz mono 16-bit WAV, trimmed of leading/trailing silence; its length."""
    raw = out.with_suffix(".raw.wav")
    _run("espeak-ng", "-v", voice, "-s", str(SPEED), "-w", str(raw), text)
    trim = ["silence", "1", "0.02", "0.5%"]
    _run("sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out),
         *trim, "reverse", *trim, "reverse")
    return _duration(out)


def _silence(seconds: float, out: Path) -> Path:
    _run("sox", "-D", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(out),
         "trim", "0", f"{seconds:.4f}")
    return out


def build_channels(work: Path) -> tuple[Path, Path, list[dict]]:
    """Render the dialogue into left (rep) and right (buyer) WAVs; returns them and a timeline
    of {role, text, start, end} in seconds."""
    left: list[Path] = []
    right: list[Path] = []
    timeline: list[dict] = []
    t = 0.0
    for i, (role, text) in enumerate(DIALOGUE):
        line = work / f"line{i:02d}.wav"
        length = _speak(text, VOICES[role], line)
        quiet = _silence(length, work / f"quiet{i:02d}.wav")
        left.append(line if role == "rep" else quiet)
        right.append(quiet if role == "rep" else line)
        timeline.append({"role": role, "text": text, "start": round(t, 3),
                         "end": round(t + length, 3)})
        gap = ASK_PAUSE_S if text == ASK else TURN_GAP_S
        if i < len(DIALOGUE) - 1:
            pause = _silence(gap, work / f"gap{i:02d}.wav")
            left.append(pause)
            right.append(pause)
        t += length + gap
    _run("sox", "-D", *map(str, left), str(work / "left.wav"))
    _run("sox", "-D", *map(str, right), str(work / "right.wav"))
    return work / "left.wav", work / "right.wav", timeline


def encode(left: Path, right: Path, channels: int, out: Path) -> None:
    """Stereo (rep left) or a mono mix, as .ogg (sox, Vorbis), .flac, .wav or .mp3 (ffmpeg)."""
    work = left.parent
    mixed = work / f"mix{channels}.wav"
    if channels == 2:
        _run("sox", "-D", "-M", str(left), str(right), str(mixed))
    else:
        _run("sox", "-D", "-m", "-v", "1", str(left), "-v", "1", str(right), str(mixed))
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".mp3":
        _run("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(mixed), "-map_metadata", "-1",
             "-fflags", "+bitexact", "-c:a", "libmp3lame", "-b:a", "32k", str(out))
    elif out.suffix == ".ogg":
        _run("sox", "-D", str(mixed), "-C", "2", str(out))
    else:
        _run("sox", "-D", str(mixed), str(out))


def write_meta(path: Path, call_id: str, extra: dict) -> None:
    meta = {"call_id": call_id, **META, **extra}
    path.write_text("".join(f"{k}: {v}\n" for k, v in meta.items()))


def write_rttm(path: Path, lines: list[dict]) -> None:
    """Who spoke when, as a diarizer would write it (RTTM), for the mono call."""
    path.write_text("".join(
        f"SPEAKER {path.stem} 1 {x['start']:.3f} {x['end'] - x['start']:.3f} <NA> <NA> "
        f"{NAMES[x['role']]} <NA> <NA>\n" for x in lines))


def make_calls(out_dir: Path, timeline: bool = False, suffix: str | None = None) -> dict[str, Path]:
    """Write every call in CALLS into `out_dir`, the mono one with an RTTM speaker timeline;
    returns {stem: audio path}. `suffix` overrides each call's audio format (e.g. ".wav")."""
    missing = [tool for tool in ("espeak-ng", "sox", "soxi", "ffmpeg") if not shutil.which(tool)]
    if missing:
        raise RuntimeError(f"missing tools: {', '.join(missing)} (apt-get install espeak-ng "
                           "sox ffmpeg)")
    written = {}
    with tempfile.TemporaryDirectory() as tmp:
        left, right, lines = build_channels(Path(tmp))
        for stem, (channels, default_suffix, extra) in CALLS.items():
            audio = out_dir / f"{stem}{suffix or default_suffix}"
            encode(left, right, channels, audio)
            write_meta(out_dir / f"{stem}.meta.yaml", stem.replace("_", "-"), extra)
            if channels == 1:
                write_rttm(out_dir / f"{stem}.rttm", lines)
            if timeline:
                (out_dir / f"{stem}.timeline.json").write_text(json.dumps(lines, indent=1))
            written[stem] = audio
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "sample_calls")
    ap.add_argument("--timeline", action="store_true", help="also write NAME.timeline.json")
    args = ap.parse_args(argv)
    for stem, path in make_calls(args.out, args.timeline).items():
        print(f"{path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
