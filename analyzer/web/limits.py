"""How large a call a worker takes, and how much memory a worker may use.

Measured on the packaged pipeline (spaCy + the meaning encoder): a worker holds about 0.37 GB
once the pipeline is loaded and peaks at about 1.0 GB on its first call; each further 1,000
words of a call add about 1.2 MB (100,000 words peaked at 1.06 GB), while a 20 MB transcript
(about 3 million words) took 4.8 GB. So a transcript is refused at upload above
MAX_TRANSCRIPT_BYTES (a word-timed JSON of MAX_CALL_WORDS fits), a call is refused by the
worker above MAX_CALL_WORDS (about 6.5 hours of talk) before it is analysed, and each worker
caps its own data memory at WORKER_MEMORY_MB, so that anything else too big fails its job with
a clear reason instead of taking the machine down.
"""
from __future__ import annotations

import resource
import sys

from ..model import Transcript

MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024
MAX_CALL_WORDS = 60_000
WORKER_MEMORY_MB = 1500
SPLIT = "split the call into parts and upload them one by one"


def call_words(t: Transcript) -> int:
    return sum(len(turn.text.split()) for turn in t.turns)


def call_too_long(t: Transcript) -> str | None:
    """Why this call is too long for a worker, in one line; None when it fits."""
    words = call_words(t)
    if words <= MAX_CALL_WORDS:
        return None
    return (f"this call is {words:,} words long; the analyzer takes calls of at most "
            f"{MAX_CALL_WORDS:,} words (about 6.5 hours of talk): {SPLIT}")


def limit_memory(mb: int) -> None:
    """Cap this process's data memory (heap and anonymous mappings) at `mb` megabytes: an
    allocation past it fails (MemoryError, or the library's own error) instead of growing."""
    limit = int(mb) * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def out_of_memory(exc: BaseException) -> bool:
    """Whether `exc` is an allocation failing (Python's, PyTorch's or NumPy's wording)."""
    if isinstance(exc, MemoryError):
        return True
    text = str(exc).lower()
    return "can't allocate memory" in text or "cannot allocate memory" in text \
        or "unable to allocate" in text


def peak_mb() -> int:
    """This process's peak resident memory so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024)
