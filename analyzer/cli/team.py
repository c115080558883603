"""Team commands on the store: batch, override, export. Registered on the main `callreview` app."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table

from ..store import Store, StoreError
from .app import DB_HELP, RUBRIC_HELP, app, check_week, err, fail_usage, open_store, out, rubric_or_exit


@app.command()
def batch(
    inbox: Path = typer.Argument(..., help="Folder of calls (searched recursively, all formats)."),
    week: Optional[str] = typer.Option(None, help="ISO week for the team reports, e.g. 2026-W48 (default: the latest)."),
    db: Optional[str] = typer.Option(None, help=DB_HELP),
    workers: int = typer.Option(2, min=1, help="Worker processes (each builds the spaCy pipeline once)."),
    rescore: bool = typer.Option(False, help="Score again even if this rubric version already scored a call."),
    out_dir: Path = typer.Option(Path("out/batch"), "--out", "-o", help="Folder for call and team reports."),
    rubric: Optional[Path] = typer.Option(None, help=RUBRIC_HELP),
    reports: bool = typer.Option(True, help="Write the rep scorecards and the team summary."),
    cluster: Optional[str] = typer.Option(None, help="Score on Ray: 'ray' (the cluster this machine joined), 'ray://HOST:PORT', or 'auto' (a local one of --workers CPUs). Needs the 'cluster' extra; see docs/scale.md."),
    max_tasks_per_node: Optional[int] = typer.Option(None, min=1, help="With --cluster: calls scored at once on one node (default: its CPUs)."),
    ship_files: bool = typer.Option(False, help="With --cluster: send each call to its worker through Ray's object store (default: workers read INBOX at the same path)."),
):
    """Score every new or changed call under INBOX into the store; then write the team reports."""
    from ..batch import run_batch
    from ..cluster import ClusterError  # Ray itself is imported only with --cluster

    check_week(week)
    if not inbox.is_dir():
        err.print(f"[red]error:[/red] {inbox}: not a folder", highlight=False)
        raise typer.Exit(2)
    rubric_or_exit(rubric)  # a bad rubric is a usage error, before any call is read
    runner = _cluster_runner(cluster, max_tasks_per_node, ship_files, workers)
    store = open_store(db)
    columns = (TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} calls/s"), TimeElapsedColumn(), TextColumn("eta"),
               TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("batch", total=None, rate="–")

        def progress(event: str, done: int, total: int) -> None:
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, total=total, completed=done,
                       rate=f"{done / elapsed:.1f}" if elapsed and done else "–")

        try:
            summary = run_batch(inbox, store, str(rubric) if rubric else None, week, workers,
                                rescore, out_dir / "calls", progress, runner)
        except ClusterError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2)
    table = Table(title=f"Batch over {inbox} in {summary.seconds:.1f} s")
    for col in ("scored", "skipped (already scored)", "failed"):
        table.add_column(col, justify="right")
    table.add_row(str(len(summary.scored)), str(len(summary.skipped)), str(len(summary.failed)))
    out.print(table)
    for path, reason in summary.failed:
        err.print(f"[red]failed:[/red] {path}: {reason}", highlight=False)
    for path, reason in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {path}: {reason}", highlight=False)
    if reports:
        paths = _write_team_reports(store, week, out_dir, rubric)
        for path in paths[1:]:
            out.print(str(path), highlight=False)
        if paths:
            out.print(f"team summary: {paths[0]}", highlight=False)
    if summary.failed:
        raise typer.Exit(1)


def _cluster_runner(cluster: Optional[str], per_node: Optional[int], ship: bool, workers: int):
    """The batch.Runner for --cluster (None: local worker processes); bad values exit 2."""
    if cluster is None:
        if per_node is not None or ship:
            err.print("[red]error:[/red] --max-tasks-per-node and --ship-files need --cluster",
                      highlight=False)
            raise typer.Exit(2)
        return None
    from ..cluster import parse_address, ray_runner

    try:
        address = parse_address(cluster)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2)
    return ray_runner(address, per_node, ship, local_cpus=workers)


def _write_team_reports(store: Store, week: Optional[str], out_dir: Path, rubric: Optional[Path]):
    """Team summary then rep scorecards for the week (trends need every week's calls), from
    the calls the rubric scored (a store may hold several rubrics' cards)."""
    from ..team_reports import scored_with, write_week_reports
    from ..weekly import latest_week

    rules = rubric_or_exit(rubric)
    calls = scored_with(store.calls(), rules)
    week = week or latest_week(calls)
    if week is None:
        return []
    _refresh_call_reports(store, [c for c in calls if c.week == week], rules)
    return write_week_reports(calls, store.failures(week), week, out_dir, rubric=rules)


def _refresh_call_reports(store: Store, calls, rubric) -> None:
    """Rewrite the report files of calls a manager reviewed (in the app or with `override`),
    so they show the verdicts as they stand now."""
    from ..stored_reports import rewrite_call_report

    reviewed = store.reviewed_calls()
    for call in calls:
        if call.call_pk in reviewed:
            rewrite_call_report(store, call, rubric)


@app.command()
def override(
    call: str = typer.Argument(..., help="The call_id as stored."),
    item: str = typer.Argument(..., help="Checklist item id, e.g. pause."),
    status: Optional[str] = typer.Argument(None, help="pass, partial or fail (not with --withdraw)."),
    note: str = typer.Option("", help="Why the manager disagrees."),
    author: str = typer.Option("", help="Who made the call."),
    withdraw: bool = typer.Option(False, "--withdraw", help="Take back the override on ITEM: the analyzer's verdict counts again."),
    db: Optional[str] = typer.Option(None, help=DB_HELP),
    rubric: Optional[Path] = typer.Option(None, help="Rubric YAML the call was scored with (default: the built-in one)."),
):
    """Record a manager's verdict beside the machine's, or take it back with --withdraw; reports,
    scores and exports use it and show it is one. The call's report file is written again."""
    from ..rubric import STATUSES
    from ..stored_reports import rewrite_call_report

    rules = rubric_or_exit(rubric)
    if item not in rules.item_ids:
        fail_usage(f"unknown item '{item}' (items of {rules.id}: {', '.join(rules.item_ids)})")
    if withdraw and status is not None:
        fail_usage(f"--withdraw takes no status, got '{status}'")
    if not withdraw and status not in STATUSES:
        got = f", got '{status}'" if status else " (or --withdraw to take an override back)"
        fail_usage(f"status must be pass, partial or fail{got}")
    store = open_store(db)
    try:
        if withdraw:
            if not store.withdraw_override(call, item, author):
                err.print(f"[red]error:[/red] {call}: no manager override on {item} to withdraw", highlight=False)
                raise typer.Exit(1)
        else:
            store.add_override(call, item, status, note, author)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1)
    newest = max((c for c in store.calls() if c.call_id == call), key=lambda c: c.call_pk,
                 default=None)
    rewritten = rewrite_call_report(store, newest, rules) if newest else None
    done = "manager override withdrawn" if withdraw else f"→ {status} (manager override)"
    out.print(f"{call}: {item} {done}" + (f"; report {rewritten} written again" if rewritten else ""),
              highlight=False)


@app.command()
def export(
    week: Optional[str] = typer.Option(None, help="ISO week, e.g. 2026-W48 (default: all weeks)."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv or parquet."),
    kind: str = typer.Option("calls", help="calls (one row per call), findings (one row per finding) or comments (the calls' coaching notes and replies)."),
    out_file: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default: export-<kind>-<week>.<fmt>)."),
    db: Optional[str] = typer.Option(None, help=DB_HELP),
    rubric: Optional[Path] = typer.Option(None, help="Rubric YAML whose weights score overridden calls (default: the built-in one)."),
):
    """Export scored calls or findings for a spreadsheet or BI tool; a manager's override
    replaces the analyzer's verdict and the score follows (machine_score keeps the analyzer's)."""
    from ..exports import export as write_export

    check_week(week)
    if fmt not in ("csv", "parquet") or kind not in ("calls", "findings", "comments"):
        err.print("[red]error:[/red] --format is csv or parquet; --kind is calls, findings or "
                  "comments", highlight=False)
        raise typer.Exit(2)
    store = open_store(db)
    target = out_file or Path(f"export-{kind}-{week or 'all'}.{fmt}")
    if kind == "comments":
        from ..comments import export_rows
        from ..exports import comments_frame, write_frame

        write_frame(comments_frame(export_rows(store, week)), fmt, target)
    else:
        write_export(store.calls(week=week), fmt, target, kind=kind, rubric=rubric_or_exit(rubric))
    out.print(str(target), highlight=False)


@app.command("eval-overrides")
def eval_overrides(
    week: Optional[str] = typer.Option(None, help="ISO week (default: all weeks)."),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
    db: Optional[str] = typer.Option(None, help=DB_HELP),
):
    """Use manager overrides as labels: how often did the machine's verdict match the manager's?"""
    import json

    from ..evaluation import override_agreement

    check_week(week)
    data = override_agreement(open_store(db).calls(week=week))
    if as_json:
        print(json.dumps(data, indent=2))
        return
    table = Table(title=f"Machine vs manager overrides ({data['labels']} overridden verdicts)")
    table.add_column("item")
    table.add_column("overrides", justify="right")
    table.add_column("machine agreed", justify="right")
    for item, c in data["items"].items():
        table.add_row(item, str(c["labels"]), f"{c['agreement']:.2f}")
    out.print(table)
    for d in data["disagreements"]:
        out.print(f"  {d['call_id']}: {d['item']} machine {d['machine']} → manager {d['manager']}"
                  + (f" ({d['note']})" if d["note"] else ""), highlight=False)
