"""Weekly batch scoring: every new or changed call under a folder, in parallel, into the store.

Workers only compute (each builds the spaCy pipeline once); the parent process is the single
writer, one transaction per call. A batch killed half-way loses at most the calls in flight,
and the re-run scores exactly those: a call is skipped when the store already holds a scorecard
for its content hash and the rubric version.
"""
from __future__ import annotations

import hashlib
import os
import time
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .ingest import iter_call_files
from .store import Store

ProgressFn = Callable[[str, int, int], None]  # (event, done, total)


@dataclass
class BatchSummary:
    scored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # scored, but check this
    seconds: float = 0.0
    week: str | None = None

    @property
    def total(self) -> int:
        return len(self.scored) + len(self.skipped) + len(self.failed)


def content_hash(path: Path) -> str:
    """SHA-256 of the call file and its sidecar metadata: a changed sidecar is a changed call."""
    h = hashlib.sha256(path.read_bytes())
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if sidecar.exists():
        h.update(b"\0meta\0" + sidecar.read_bytes())
    return h.hexdigest()


# --- worker side ------------------------------------------------------------------------------
_RUBRIC = None
_REPORT_DIR: Path | None = None


def _init_worker(rubric_path: str | None, report_dir: Path | None, threads: int | None = None) -> None:
    """Build the rubric and the spaCy pipeline once per worker process; parallel workers read
    with one encoder thread each, so they do not fight over the cores."""
    global _RUBRIC, _REPORT_DIR
    if threads:
        os.environ.setdefault("CALLREVIEW_THREADS", str(threads))
    from .nlp import load_pipeline
    from .rubric import load_rubric

    _RUBRIC, _REPORT_DIR = load_rubric(rubric_path), report_dir
    load_pipeline()


def _score_one(path: str):
    """Load, analyze and render one call in a worker: (path, transcript, scorecard, report)
    or (path, None, one-line error, None)."""
    from .engine import analyze
    from .ingest import load_call
    from .model import InputError
    from .reporting import write_call_report

    try:
        transcript = load_call(path)
        card = analyze(transcript, _RUBRIC)
        report = write_call_report(card, _REPORT_DIR, "html", transcript) if _REPORT_DIR else None
        return path, transcript, card, str(report) if report else None
    except InputError as exc:
        return path, None, exc.one_line(), None
    except Exception as exc:  # one bad call never stops the batch
        return path, None, f"{path}: could not be analyzed ({exc.__class__.__name__}: {exc})", None


# --- parent side ------------------------------------------------------------------------------
def run_batch(inbox: Path, store: Store, rubric_path: str | None = None, week: str | None = None,
              workers: int = 2, rescore: bool = False, report_dir: Path | None = None,
              progress: ProgressFn | None = None) -> BatchSummary:
    from .rubric import load_rubric

    started = time.perf_counter()
    rubric = load_rubric(rubric_path)
    summary = BatchSummary(week=week)
    files = iter_call_files(inbox)
    done_hashes = set() if rescore else store.scored_hashes(rubric.id, rubric.version)
    todo: dict[str, str] = {}
    for path in files:
        digest = content_hash(path)
        if digest in done_hashes:
            summary.skipped.append(str(path))
        else:
            todo[str(path)] = digest
    total = len(todo)
    if progress:
        progress("start", 0, total)
    if todo:
        for i, (path, transcript, result, report) in enumerate(
                _results(list(todo), rubric_path, report_dir, workers), start=1):
            _record(store, path, todo[path], transcript, result, report, week, summary)
            if progress:
                progress("advance", i, total)
    summary.seconds = time.perf_counter() - started
    return summary


def _results(paths: list[str], rubric_path: str | None, report_dir: Path | None, workers: int):
    if workers <= 1 or len(paths) == 1:
        _init_worker(rubric_path, report_dir)
        for p in paths:
            yield _score_one(p)
        return
    # spawn, not fork: a parent that already loaded torch (a test, an embedding caller) would
    # hand its workers a copy of its thread pools, and they deadlock on first use
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(rubric_path, report_dir, 1),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_score_one, p) for p in paths]
        for fut in as_completed(futures):
            yield fut.result()


def _record(store: Store, path: str, digest: str, transcript, result, report: str | None,
            week: str | None, summary: BatchSummary) -> None:
    if transcript is None:
        summary.failed.append((path, result))
        store.record_failure(path, result, digest, week)
        return
    store.save(transcript, result, digest, path, report)
    store.clear_failure(path)
    summary.scored.append(path)
    if getattr(transcript, "rep_unmatched", ""):
        summary.warnings.append((path, f"the metadata's rep '{transcript.meta.rep}' matches no "
                                       f"speaker; '{transcript.rep_unmatched}' was taken as the rep"))


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
