"""Progress on stderr: a Rich bar in audio minutes for long recordings, then an RTF line."""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

LONG_AUDIO_S = 60.0  # show a bar from this length on (when stderr is a terminal)
console = Console(stderr=True, soft_wrap=True)
_listeners: list[Callable[[float, float], None]] = []


@contextmanager
def listening(listener: Callable[[float, float], None]) -> Iterator[None]:
    """Call `listener(seconds_done, total_seconds)` as transcriptions in this process advance
    (the web worker reports a job's progress this way; a listener may raise to stop it)."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


@contextmanager
def tracker(label: str, total_s: float) -> Iterator[Callable[[float], None]]:
    """Yields `advance(seconds_done)`; seconds count over all channels together."""
    bar = Progress(TextColumn("{task.description}"), BarColumn(),
                   TextColumn("{task.completed:.1f}/{task.total:.1f} min"), TimeElapsedColumn(),
                   console=console, transient=True,
                   disable=total_s < LONG_AUDIO_S or not console.is_terminal)
    with bar:
        task = bar.add_task(label, total=round(total_s / 60, 2))

        def advance(seconds: float) -> None:
            bar.update(task, completed=min(seconds, total_s) / 60)
            for listener in list(_listeners):
                listener(min(seconds, total_s), total_s)
        yield advance


class Stopwatch:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def rtf_line(label: str, audio_s: float, channels: int, elapsed_s: float, engine: str) -> str:
    rtf = elapsed_s / audio_s if audio_s else 0.0
    chans = f", {channels} channels" if channels > 1 else ""
    return (f"{label}: transcribed {audio_s / 60:.1f} min of audio{chans} in {elapsed_s:.1f} s, "
            f"real-time factor {rtf:.3f} ({engine})")


def report(line: str) -> None:
    console.print(line, highlight=False)
