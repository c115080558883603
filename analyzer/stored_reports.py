"""A stored call's report as it stands now: rebuilt from the scorecard and transcript the store
keeps, with the manager's verdicts applied. The web app shows it; `callreview override` and the
batch's team reports rewrite a call's report file with it, so no report keeps a verdict a
manager changed or took back."""
from __future__ import annotations

from pathlib import Path

from .overrides import apply_overrides
from .rebuild import scorecard_from_dict, transcript_from_json
from .reporting import CallReport, build_call_report, render_call_report
from .rubric import Rubric
from .store import Store, StoredCall


def stored_call_report(store: Store, call: StoredCall, rubric: Rubric) -> CallReport:
    card, review = apply_overrides(scorecard_from_dict(call.scorecard, rubric), call.overrides,
                                   rubric)
    body = store.transcript_body(call.call_pk)
    return build_call_report(card, transcript_from_json(body) if body else None, review)


def rewrite_call_report(store: Store, call: StoredCall, rubric: Rubric) -> Path | None:
    """Write the call's report file again (the HTML or Markdown file the batch wrote, when it
    is still there); returns its path, or None when there is no such file."""
    path = Path(call.report_path) if call.report_path else None
    if path is None or not path.is_file() or path.suffix not in (".html", ".md"):
        return None
    path.write_text(render_call_report(stored_call_report(store, call, rubric), path.suffix[1:]),
                    encoding="utf-8")
    return path
