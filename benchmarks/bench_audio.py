"""Audio transcription cost: real-time factor and peak memory per engine and model, side by side.

    .venv/bin/python benchmarks/bench_audio.py [RECORDING ...] [--threads 2]

Each engine/model pair runs in its own process (so peak RSS is its own) on each recording
(default: the committed sample calls), with word timestamps on and N CPU threads: load the
weights, warm up on the first 10 s, then one timed transcription of the whole recording
(ffmpeg decoding + speech detection + Whisper, both channels of a stereo call, no cache).
RTF = transcription seconds / recording seconds. CPU s (user + system) shows whether other work
on the machine slowed a run down. The pause column is the analyzer's measured silence after the
ask (the sample call has 2.5 s there).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "sample_calls").glob("*")
                 if p.suffix in (".ogg", ".mp3", ".wav", ".flac", ".m4a", ".webm"))
RUNS = [("faster-whisper", "tiny.en"), ("faster-whisper", "base"),
        ("openai-whisper", "tiny.en"), ("openai-whisper", "base")]


def one(engine: str, model: str, audio: Path, threads: int) -> dict:
    """Measure one engine/model on one recording, in this process."""
    from analyzer.engine import analyze
    from analyzer.ingest import load_call
    from analyzer.rubric import load_rubric
    from analyzer.transcribe import decode, engines, transcribe, vad

    started = time.perf_counter()
    asr = engines.get_engine(engine, model, threads)
    warm = decode.decode(audio).channels[0][: 10 * decode.RATE]
    speech = vad.speech_only(warm)
    if not speech.empty:
        asr.transcribe(speech.samples, lambda s: None)
    load_s = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    rec = transcribe(audio, engine, model, threads)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    card = analyze(load_call(audio, {"engine": engine, "model": model}), load_rubric())
    return {"engine": engine, "model": model, "recording": audio.name,
            "channels": len(rec.channels), "audio_s": rec.duration, "load_s": load_s,
            "transcribe_s": seconds, "cpu_s": cpu, "rtf": seconds / rec.duration,
            "peak_rss_mb": peak_mb,
            "words": sum(len(s.words) for ch in rec.channels for s in ch),
            "pause_s": card.pause_seconds}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("recordings", nargs="*", type=Path, default=SAMPLES)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--engine", choices=[e for e, _ in RUNS], help="only this engine")
    ap.add_argument("--one", nargs=3, metavar=("ENGINE", "MODEL", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], Path(args.one[2]), args.threads)))
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for audio in args.recordings:
            for engine, model in [r for r in RUNS if args.engine in (None, r[0])]:
                # a fresh transcript cache per run (the converted/assembled weights are kept)
                env = {**os.environ, "CALLREVIEW_CACHE": str(Path(tmp) / f"{engine}-{model}")}
                models_dir = Path(tmp) / "models"
                models_dir.mkdir(exist_ok=True)
                Path(env["CALLREVIEW_CACHE"]).mkdir(exist_ok=True)
                link = Path(env["CALLREVIEW_CACHE"]) / "models"
                if not link.exists():
                    link.symlink_to(models_dir)
                res = subprocess.run([sys.executable, __file__, "--threads", str(args.threads),
                                      "--one", engine, model, str(audio)],
                                     capture_output=True, text=True, env=env)
                if res.returncode != 0:
                    print(f"{engine} {model} {audio.name}: failed\n{res.stderr[-2000:]}",
                          file=sys.stderr)
                    continue
                rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
                print(_row(rows[-1]), file=sys.stderr)
    print()
    print(f"{args.threads} CPU threads, word timestamps on, greedy decoding; load = weights + "
          "a 10 s warm-up, not counted in RTF")
    print(_table(rows))
    return 0


HEAD = ("engine", "model", "recording", "ch", "audio s", "load s", "transcribe s", "CPU s", "RTF",
        "peak RSS MB", "words", "pause s")


def _cells(r: dict) -> tuple:
    pause = f"{r['pause_s']:.2f}" if r["pause_s"] is not None else "-"
    return (r["engine"], r["model"], r["recording"], str(r["channels"]), f"{r['audio_s']:.1f}",
            f"{r['load_s']:.1f}", f"{r['transcribe_s']:.1f}", f"{r['cpu_s']:.1f}", f"{r['rtf']:.3f}",
            f"{r['peak_rss_mb']:.0f}", str(r["words"]), pause)


def _row(r: dict) -> str:
    return "  ".join(_cells(r))


def _table(rows: list[dict]) -> str:
    cells = [HEAD] + [_cells(r) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEAD))]
    lines = ["| " + " | ".join(c[i].ljust(widths[i]) for i in range(len(HEAD))) + " |"
             for c in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
