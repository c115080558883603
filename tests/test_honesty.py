"""Honest where the data is thin: unmeasured gaps, other languages, an unknown rep, and long
calls whose scattered parts must not add up to a close."""
from __future__ import annotations

import pytest

from analyzer.engine import analyze
from analyzer.ingest import load_call
from analyzer.model import InputError
from callmaker import make_call, score

CLOSE = [
    "Dana: To recap, you told me the clinic needs online booking live before the June 1 reopening.",
    "Lee: Yes, June 1 is the reopening.",
    "Dana: Working back from June 1: training May 20, data import May 11, and signature May 4.",
    "Lee: That works.",
    "Dana: To protect June 1, can you sign the order form by Friday?",
]


def test_start_only_stamps_never_report_a_measured_gap(tmp_path):
    lines = [f"[00:{i:02d}:00] {line}" for i, line in enumerate(CLOSE)]
    lines += ["[00:09:00] Dana: And we can also add the reporting module later if you like."]
    card = score(make_call(tmp_path, lines))
    pause = card.items["pause"]
    assert pause.status == "fail"
    assert "not measured" in pause.explanation and " s later" not in pause.explanation
    assert card.pause_seconds is None


def test_a_call_in_another_language_is_not_scored(tmp_path):
    lines = ["Dana: Hola Lee, gracias por tu tiempo hoy. Quería repasar la propuesta que te envié.",
             "Lee: Claro, la revisé con mi socio y tenemos preguntas sobre el precio y las fechas.",
             "Dana: Si quieres empezar en abril, necesitaríamos la firma antes del viernes, ¿te parece?"]
    path = make_call(tmp_path, lines)
    with pytest.raises(InputError, match=r"in Spanish.*not scored"):
        analyze(load_call(path))


def test_a_rep_who_matches_no_speaker_is_a_warning(tmp_path):
    card = score(make_call(tmp_path, CLOSE, rep="Morgan"))
    assert card.rep == "Morgan"
    assert any(n.startswith("Warning:") and "Morgan" in n and "Dana" in n for n in card.notes)


def test_scattered_parts_of_a_long_call_do_not_add_up(tmp_path):
    """A recap and a risk offer 60 turns before an unrelated ask do not count for it."""
    early = ["Dana: So what you need is fewer no-shows, you said that twice.",
             "Lee: Right.",
             "Dana: And there's a thirty-day money-back guarantee if it doesn't cut no-shows.",
             "Lee: Good to know."]
    filler = []
    for i in range(45):
        filler += [f"Lee: Question {i} about the reports, how do they export?",
                   f"Dana: They export to spreadsheets, item {i} included."]
    ask = ["Dana: Training May 20, data import May 11, signature May 4.",
           "Dana: Can you sign the order form by Friday?", "Lee: I'll think about it."]
    card = score(make_call(tmp_path, early + filler + ask))
    assert card.items["dated_ask"].status == "pass"
    assert card.items["value_summary"].status == "fail"
    assert card.items["risk_relief"].status == "fail"
    short = score(make_call(tmp_path, early + filler[:10] + ask))
    assert short.items["risk_relief"].status == "pass"
