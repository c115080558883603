"""Weekly batch scoring: every new or changed call under a folder, in parallel, into the store.

Workers only compute (each builds the spaCy pipeline once); the parent process is the single
writer, one transaction per call. A batch killed half-way loses at most the calls in flight,
and the re-run scores exactly those: a call is skipped when the store already holds a scorecard
for its content hash and the rubric version.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .ingest import iter_call_files, sidecars
from .logs import fault
from .store import Store

ProgressFn = Callable[[str, int, int], None]  # (event, done, total)


@dataclass
class BatchSummary:
    scored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason not naming it)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # scored, but check this
    seconds: float = 0.0
    week: str | None = None

    @property
    def total(self) -> int:
        return len(self.scored) + len(self.skipped) + len(self.failed)


def content_hash(path: Path) -> str:
    """SHA-256 of the call file and of every sidecar that shapes its scorecard (metadata,
    speaker timeline): a changed sidecar is a changed call. A call without sidecars, or with
    only NAME.meta.yaml, hashes as it always did, so a store is not scored again."""
    path = Path(path)
    h = hashlib.sha256(path.read_bytes())
    for side in sidecars(path):
        suffix = side.name[len(path.stem) + 1:]
        tag = "meta" if suffix == "meta.yaml" else suffix
        h.update(b"\0" + tag.encode() + b"\0" + side.read_bytes())
    return h.hexdigest()


# --- worker side ------------------------------------------------------------------------------
_RUBRIC = None
_RENDER = False  # render the HTML report of each call (the parent writes the file)


def _init_worker(rubric_path: str | None, render: bool, threads: int | None = None) -> None:
    """Build the rubric and the spaCy pipeline once per worker process; parallel workers read
    with one encoder thread each, so they do not fight over the cores."""
    global _RUBRIC, _RENDER
    if threads:
        os.environ.setdefault("CALLREVIEW_THREADS", str(threads))
        # as Ray sets it in its workers: the math libraries then pick the same kernels in a
        # local worker and a cluster actor, and a recording gives the same words in both
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    from .nlp import load_pipeline
    from .rubric import load_rubric

    _RUBRIC, _RENDER = load_rubric(rubric_path), render
    load_pipeline()


@dataclass
class Outcome:
    """What a worker sends back for one call: its transcript and scorecard, or why not."""

    path: str
    transcript: Any = None
    card: Any = None
    report: str | None = None  # the rendered HTML report; the parent writes it
    problem: str = ""  # an InputError, without the path (the batch names the file)
    fault: tuple[str, str] | None = None  # (class, traceback) of a fault in the analyzer


def _attempt(path: str, work: Callable[[], Outcome]) -> Outcome:
    """Run one stage for one call; an error becomes the Outcome that says why."""
    from .model import InputError

    try:
        return work()
    except InputError as exc:
        return Outcome(path, problem=exc.reason_for(path))
    except Exception as exc:  # one bad call never stops the batch; the parent logs the traceback
        return Outcome(path, fault=(exc.__class__.__name__, traceback.format_exc()))


def load_one(path: str) -> Outcome:
    """Stage one: read the call (a recording is transcribed here) into a Transcript."""
    from .ingest import load_call

    return _attempt(path, lambda: Outcome(path, load_call(path)))


def analyze_one(loaded: Outcome) -> Outcome:
    """Stage two: analyze a loaded call and render its report (needs _init_worker)."""
    from .engine import analyze
    from .reporting import call_report_text

    if loaded.transcript is None:
        return loaded

    def work() -> Outcome:
        card = analyze(loaded.transcript, _RUBRIC)
        report = call_report_text(card, "html", loaded.transcript) if _RENDER else None
        return Outcome(loaded.path, loaded.transcript, card, report)

    return _attempt(loaded.path, work)


def _score_one(path: str) -> Outcome:
    """Load, analyze and render one call in a worker."""
    return analyze_one(load_one(path))


# --- parent side ------------------------------------------------------------------------------
# Where the outcomes come from: (paths, rubric_path, render) -> one Outcome per path, any order.
# The default is local worker processes; analyzer.cluster gives one that runs on Ray.
Runner = Callable[[list[str], "str | None", bool], Iterator[Outcome]]


def run_batch(inbox: Path, store: Store, rubric_path: str | None = None, week: str | None = None,
              workers: int = 2, rescore: bool = False, report_dir: Path | None = None,
              progress: ProgressFn | None = None, runner: Runner | None = None) -> BatchSummary:
    from .rubric import load_rubric

    started = time.perf_counter()
    rubric = load_rubric(rubric_path)
    summary = BatchSummary(week=week)
    done_hashes = set() if rescore else store.scored_hashes(rubric.id, rubric.version)
    todo: dict[str, str] = {}
    for path in iter_call_files(inbox):
        digest = content_hash(path)
        if digest in done_hashes:
            summary.skipped.append(str(path))
        else:
            todo[str(path)] = digest
    total = len(todo)
    if progress:
        progress("start", 0, total)
    if todo:
        runner = runner or local_runner(workers)
        outcomes = runner(list(todo), rubric_path, report_dir is not None)
        for i, outcome in enumerate(outcomes, start=1):
            _record(store, outcome, todo[outcome.path], week, report_dir, summary)
            if progress:
                progress("advance", i, total)
    summary.seconds = time.perf_counter() - started
    return summary


def local_runner(workers: int) -> Runner:
    """Worker processes on this machine (or this process, for one worker or one call)."""
    def results(paths: list[str], rubric_path: str | None, render: bool) -> Iterator[Outcome]:
        if workers <= 1 or len(paths) == 1:
            _init_worker(rubric_path, render)
            for p in paths:
                yield _score_one(p)
            return
        # spawn, not fork: a parent that already loaded torch (a test, an embedding caller)
        # would hand its workers a copy of its thread pools, and they deadlock on first use
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                 initargs=(rubric_path, render, 1),
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(_score_one, p) for p in paths]
            for fut in as_completed(futures):
                yield fut.result()
    return results


def _record(store: Store, outcome: Outcome, digest: str, week: str | None,
            report_dir: Path | None, summary: BatchSummary) -> None:
    from .reporting import save_call_report

    path, transcript = outcome.path, outcome.transcript
    if outcome.card is None:
        reason = outcome.problem or fault(path, *outcome.fault)
        summary.failed.append((path, reason))
        store.record_failure(path, reason, digest, week)
        return
    report = None
    if report_dir is not None and outcome.report is not None:
        report = str(save_call_report(outcome.card.call_id, "html", outcome.report, report_dir))
    store.save(transcript, outcome.card, digest, path, report)
    store.clear_failure(path)
    summary.scored.append(path)
    if getattr(transcript, "rep_unmatched", ""):
        summary.warnings.append((path, f"the metadata's rep '{transcript.meta.rep}' matches no "
                                       f"speaker; '{transcript.rep_unmatched}' was taken as the rep"))


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
