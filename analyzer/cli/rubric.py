"""`callreview rubric check | schema`: validate a rubric (and train the heads of its example
items), or print the JSON Schema editors use for rubric files."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from .app import err, out, rubric_app, rubric_or_exit

MIN_AGREEMENT = 0.8  # an example item whose held-out agreement is lower fails the check


@rubric_app.command("check")
def rubric_check(path: Path = typer.Argument(..., help="Rubric YAML to validate.")):
    """Validate a rubric file (item ids, detectors, parameters, weights, every pattern compiled);
    train each example item's head and check it on its own sentences, each held out in turn."""
    from ..example_items import ExampleItem

    r = rubric_or_exit(path)
    out.print(f"{path}: ok — {r.name} {r.version}, {len(r.items)} items, {len(r.pitfalls)} pitfalls",
              highlight=False)
    taught = [i for i in r.items if isinstance(i.detector, ExampleItem)]
    if not taught:
        return
    from ..meaning.example_heads import validate

    table = Table(title="Items taught by example (held-out agreement on their own sentences)")
    for col in ("item", "does", "doesn't", "agreement", "precision", "recall"):
        table.add_column(col, justify="left" if col == "item" else "right")
    weak = []
    for item in taught:
        d = item.detector
        v = validate(d.does, d.doesnt, d.side, d.threshold)
        table.add_row(item.id, str(v.does), str(v.doesnt), f"{v.agreement:.2f}",
                      f"{v.precision:.2f}", f"{v.recall:.2f}")
        if v.agreement < MIN_AGREEMENT:
            weak.append((item.id, v))
    out.print(table)
    for item_id, v in weak:
        sample = (v.missed or v.false)[:2]
        err.print(f"[red]error:[/red] {path}: item '{item_id}': its examples agree only "
                  f"{v.agreement:.2f} when held out (need {MIN_AGREEMENT:.2f}); add sentences like "
                  + "; ".join(f"“{s}”" for s in sample), highlight=False)
    if weak:
        raise typer.Exit(1)


@rubric_app.command("schema")
def rubric_schema():
    """Print the rubric file's JSON Schema (rubrics/rubric.schema.json holds the same)."""
    from ..rubric_schema import json_schema

    print(json.dumps(json_schema(), indent=2))
