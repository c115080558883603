"""Commands on call files: score, transcribe, eval, detectors."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from ..logs import current_fault
from ..model import InputError
from ..transcribe.errors import SetupError
from .app import RUBRIC_HELP, app, err, fail_usage, out, rubric_or_exit

FORMATS = ("html", "md", "json")
DEFAULT_REPORTS = Path("out/reports")


@app.command()
def score(
    calls: List[Path] = typer.Argument(..., help="Call files or folders (txt, md, vtt, srt, json, or audio: wav, mp3, m4a, ogg, flac, webm)."),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", show_default=False,
                                           help="Folder for the reports (default: out/reports)."),
    fmt: List[str] = typer.Option(["html", "md"], "--format", "-f",
                                  help="html, md or json; repeat for several. json alone without --out prints to stdout."),
    rubric: Optional[Path] = typer.Option(None, help=RUBRIC_HELP),
    rep: Optional[str] = typer.Option(None, help="Speaker label of the rep (overrides metadata)."),
    call_date: Optional[str] = typer.Option(None, "--call-date", help="ISO date of the call."),
    call_id: Optional[str] = typer.Option(None, "--call-id"),
    account: Optional[str] = typer.Option(None),
    moment: Optional[str] = typer.Option(None, help="post_demo, proposal_review, final_decision, renewal_expansion."),
    team: Optional[str] = typer.Option(None, help="Other seller-side speakers, comma separated."),
    engine: Optional[str] = typer.Option(None, help="Audio: faster-whisper (default) or openai-whisper."),
    model: Optional[str] = typer.Option(None, help="Audio: tiny.en (default), base, or a path to your own weights."),
):
    """Score calls and write a coaching report per call (exit 1 if any call failed)."""
    from ..engine import analyze
    from ..ingest import iter_call_files, load_call
    from ..reporting import write_call_report

    formats = [f.strip() for item in fmt for f in item.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        fail_usage(f"unknown format '{bad[0]}' (use html, md or json)")
    the_rubric = rubric_or_exit(rubric)
    options = _load_options(dict(rep=rep, call_date=call_date, call_id=call_id, account=account,
                                 moment=moment, team=team), engine, model)
    files: list[Path] = []
    for p in calls:
        if p.is_dir():
            files.extend(iter_call_files(p))
        elif p.exists():
            files.append(p)
        else:
            fail_usage(f"{p}: no such file or folder")
    to_stdout = formats == ["json"] and out_dir is None
    out_dir = out_dir or DEFAULT_REPORTS
    failures = 0
    for path in files:
        try:
            transcript = load_call(path, options)
            card = analyze(transcript, the_rubric)
        except InputError as exc:
            failures += 1
            err.print(f"[red]error:[/red] {exc.one_line()}", highlight=False)
            continue
        except SetupError as exc:  # audio: ffmpeg or the whisper weights missing or changed
            failures += 1
            err.print(f"[red]error:[/red] {path}: {exc}", highlight=False)
            continue
        except Exception:  # a bug on one call must not stop the others
            failures += 1
            err.print(f"[red]error:[/red] {path}: {current_fault(str(path))}", highlight=False)
            continue
        if to_stdout:
            print(json.dumps(card.to_dict(), indent=2))
            continue
        written = [write_call_report(card, out_dir, f, transcript) for f in formats]
        out.print(f"{card.call_id}: score {card.score}, close {card.close_type} -> "
                  + ", ".join(str(w) for w in written), highlight=False)
    if failures:
        err.print(f"{failures} of {len(files)} calls failed", highlight=False)
        raise typer.Exit(1)


def _load_options(meta: dict, engine: Optional[str], model: Optional[str]):
    """The metadata given on the command line and --engine/--model for audio calls, checked
    before any file is read."""
    from ..ingest import LoadOptions
    from ..transcribe import ENGINES, MODELS

    if engine is not None and engine not in ENGINES:
        fail_usage(f"unknown engine '{engine}' (use {' or '.join(ENGINES)})")
    if model is not None and model not in MODELS and not Path(model).expanduser().exists():
        fail_usage(f"unknown model '{model}' (use {' or '.join(MODELS)}, or a path to a "
                    "CTranslate2 folder or an openai-whisper .pt checkpoint)")
    return LoadOptions({k: v for k, v in meta.items() if v is not None}, engine, model)


@app.command()
def transcribe(
    audio: Path = typer.Argument(..., help="A recording: wav, mp3, m4a, ogg, flac or webm."),
    fmt: str = typer.Option("json", "--format", "-f", help="json (turn list), vtt (Zoom style) or txt."),
    out_file: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
    engine: Optional[str] = typer.Option(None, help="faster-whisper (default) or openai-whisper."),
    model: Optional[str] = typer.Option(None, help="tiny.en (default), base, or a path to your own weights."),
    rep: Optional[str] = typer.Option(None, help="Name of the rep (overrides metadata)."),
    call_date: Optional[str] = typer.Option(None, "--call-date", help="ISO date of the call."),
    rep_channel: Optional[str] = typer.Option(None, "--rep-channel", help="Stereo: left or right."),
):
    """Transcribe a recording into a transcript you can correct by hand and score again."""
    from ..ingest.audio import UNKNOWN_DATE, load_audio
    from ..transcribe.export import FORMATS, render

    if fmt not in FORMATS:
        fail_usage(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    if not audio.is_file():
        fail_usage(f"{audio}: no such file")
    options = _load_options(dict(rep=rep, call_date=call_date, rep_channel=rep_channel), engine, model)
    try:
        transcript = load_audio(audio, options, need_date=False)
    except InputError as exc:
        err.print(f"[red]error:[/red] {exc.one_line()}", highlight=False)
        raise typer.Exit(1)
    except SetupError as exc:
        err.print(f"[red]error:[/red] {audio}: {exc}", highlight=False)
        raise typer.Exit(1)
    text = render(transcript, fmt, unknown_date=UNKNOWN_DATE)
    if out_file is None:
        sys.stdout.write(text)
        return
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(text)
    err.print(f"wrote {out_file}", highlight=False)


@app.command("eval")
def evaluate(
    folder: Path = typer.Argument(..., help="A labelled folder with labels.csv."),
    as_json: bool = typer.Option(False, "--json", help="Print the full comparison as JSON."),
    rubric: Optional[Path] = typer.Option(None, help="Rubric YAML to evaluate (labels.csv has a column per item)."),
):
    """Compare the analyzer with a labelled set: agreement per item, counts, pitfalls, close type."""
    from ..engine import analyze
    from ..evaluation import evaluate_folder
    from ..ingest import load_call

    if not folder.is_dir():
        fail_usage(f"{folder}: not a folder")
    the_rubric = rubric_or_exit(rubric)
    try:
        report = evaluate_folder(folder, lambda p: analyze(load_call(p), the_rubric), the_rubric)
    except InputError as exc:
        fail_usage(exc.one_line())
    data = report.to_dict()
    if as_json:
        print(json.dumps(data, indent=2))
    else:
        table = Table(title=f"Agreement with {folder}/labels.csv ({data['calls']} calls, "
                            f"rubric {the_rubric.id})")
        table.add_column("measure")
        table.add_column("value", justify="right")
        table.add_column("confusion (rows = label pass/partial/fail)")
        for item in the_rubric.item_ids:
            conf = data["items"][item]["confusion"]
            grid = " | ".join(" ".join(str(conf[e][g]) for g in ("pass", "partial", "fail"))
                              for e in ("pass", "partial", "fail"))
            table.add_row(item, f"{data['items'][item]['agreement']:.2f}", grid)
        for label, key in (("milestone count exact", "milestone_count_exact"),
                           ("credible", "credible_agreement"), ("close type", "close_type_accuracy")):
            if data[key] is not None:  # labels.csv has the column
                table.add_row(label, f"{data[key]:.2f}", "")
        for pid, s in data["pitfalls"].items():
            table.add_row(f"pitfall {pid}", f"P {s['precision']:.2f} R {s['recall']:.2f}",
                          f"tp {s['tp']} fp {s['fp']} fn {s['fn']}")
        out.print(table)
        for name, diff in data["mismatches"].items():
            out.print(f"  {name}: " + "; ".join(f"{k} {v[0]}→{v[1]}" for k, v in diff.items()),
                      highlight=False)
    for line in report.failed:
        err.print(f"[red]error:[/red] {line}", highlight=False)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def detectors():
    """List the registered detectors and their parameters."""
    from ..detectors import REGISTRY

    table = Table(title="Detectors")
    table.add_column("name")
    table.add_column("kind")
    table.add_column("parameters (defaults)")
    for name, cls in sorted(REGISTRY.items()):
        params = []
        for key, value in cls.parameters().items():
            shown = f"{len(value)} phrases" if isinstance(value, tuple) and len(value) > 3 else repr(value)
            params.append(f"{key}={shown}")
        table.add_row(name, cls.kind, ", ".join(params) or "—")
    out.print(table)
