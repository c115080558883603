"""callreview: score sales calls against the Backwards Close checklist.

The small public API: load a call, analyze it, render a report.
"""
from .model import InputError, Scorecard, Transcript

__all__ = ["InputError", "Scorecard", "Transcript", "analyze", "load_call", "load_rubric",
           "write_call_report"]


def __getattr__(name):  # lazy imports keep `import analyzer` cheap (spaCy loads on first use)
    if name == "analyze":
        from .engine import analyze
        return analyze
    if name == "load_call":
        from .ingest import load_call
        return load_call
    if name == "load_rubric":
        from .rubric import load_rubric
        return load_rubric
    if name == "write_call_report":
        from .reporting import write_call_report
        return write_call_report
    raise AttributeError(name)
