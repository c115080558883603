"""Meaning-layer commands: `train` (fit the heads, before/after agreement) and `feedback`
(a manager marks a quote as doing, or not doing, an item's act)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from .app import app, err, out

FEEDBACK_FILE = Path(os.environ.get("CALLREVIEW_FEEDBACK", "callreview-feedback.jsonl"))


@app.command()
def train(
    corpus: Optional[Path] = typer.Option(None, help="Folder of *.jsonl examples (default: the built-in corpus)."),
    feedback: Path = typer.Option(FEEDBACK_FILE, help="Managers' examples (see `callreview feedback`)."),
    db: Optional[str] = typer.Option(None, help="Also learn from manager overrides in this store."),
    heads: Optional[Path] = typer.Option(None, help="Where to write the heads (default: $CALLREVIEW_HEADS or the built-in ones)."),
    evaluate: List[Path] = typer.Option([], "--eval", help="Labelled folder: agreement before and after."),
    quick: bool = typer.Option(False, help="Skip the cross-validation (C=1)."),
):
    """Fit one head per sentence role, deterministically, and show how each does on unseen writers."""
    from ..meaning.corpus import CORPUS_DIR, CorpusError, load_corpus
    from ..meaning.encoder import shared_encoder
    from ..meaning.feedback import from_overrides, load_feedback
    from ..meaning.heads import HEADS_DIR
    from ..meaning.train import train as fit

    target = heads or Path(os.environ.get("CALLREVIEW_HEADS") or HEADS_DIR)
    try:
        examples = load_corpus(corpus or CORPUS_DIR) + load_feedback(feedback)
    except CorpusError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2)
    if db:
        from .app import open_store
        from ..meaning.corpus import example
        from ..meaning.feedback import FEEDBACK_WEIGHT

        rows = from_overrides(open_store(db).calls())
        examples += [example(r, "feedback", FEEDBACK_WEIGHT) for r in rows]
        out.print(f"{len(rows)} example(s) from manager overrides", highlight=False)
    before = {str(f): _agreement(f, target) for f in evaluate}
    reports = fit(examples, shared_encoder(), target, cross_validate=not quick)
    table = Table(title=f"Heads written to {target} ({len(examples)} examples + raw-ASR variants)")
    for col in ("role", "positives", "negatives", "C", "precision*", "recall*", "F1*"):
        table.add_column(col, justify="right" if col != "role" else "left")
    for r in reports:
        table.add_row(r.role, str(r.positives), str(r.negatives), f"{r.c:g}", f"{r.precision:.2f}",
                      f"{r.recall:.2f}", f"{r.f1:.2f}")
    out.print(table)
    out.print("* cross-validated with each writer's examples held out in turn", highlight=False)
    for f in evaluate:
        after = _agreement(f, target)
        out.print(f"{f}: " + ", ".join(f"{k} {before[str(f)].get(k, 0):.2f}→{v:.2f}"
                                       for k, v in after.items()), highlight=False)


def _agreement(folder: Path, heads: Path) -> dict[str, float]:
    from ..engine import analyze
    from ..evaluation import evaluate_folder
    from ..ingest import load_call
    from ..meaning.layer import load_layer
    from ..rubric import cached_rubric

    os.environ["CALLREVIEW_HEADS"] = str(heads)
    load_layer.cache_clear()
    rubric = cached_rubric()
    report = evaluate_folder(folder, lambda p: analyze(load_call(p), rubric), rubric).to_dict()
    load_layer.cache_clear()
    return {k: v["agreement"] for k, v in report["items"].items()}


@app.command()
def feedback(
    role: str = typer.Argument(..., help="Sentence role, or the checklist item it serves (e.g. risk_relief)."),
    quote: str = typer.Argument(..., help="The sentence as said."),
    wrong: bool = typer.Option(False, "--wrong", help="The quote does NOT do this (default: it does)."),
    prev: str = typer.Option("", help="The other side's turn just before, when it matters."),
    side: Optional[str] = typer.Option(None, help="seller or buyer (default: the role's usual side)."),
    file: Path = typer.Option(FEEDBACK_FILE, help="Feedback file to append to."),
):
    """Teach the meaning layer one example; `callreview train` then refits."""
    from ..meaning.feedback import ITEM_ROLE, add_feedback
    from ..meaning.roles import ROLES

    role = ITEM_ROLE.get(role, role)
    if role not in ROLES:
        err.print(f"[red]error:[/red] unknown role '{role}' (roles: {', '.join(ROLES)})", highlight=False)
        raise typer.Exit(2)
    if side not in (None, "seller", "buyer"):
        err.print("[red]error:[/red] --side must be seller or buyer", highlight=False)
        raise typer.Exit(2)
    add_feedback(file, role, quote, not wrong, prev, side, "manager")
    out.print(f"{file}: {'not ' if wrong else ''}{role}: “{quote.strip()}”", highlight=False)
