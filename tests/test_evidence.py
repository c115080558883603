"""Every verdict carries its evidence; interaction stats are computed from the turns."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analyzer.engine import analyze
from analyzer.ingest import iter_call_files, load_call
from analyzer.model import CallMeta, Transcript, Turn
from analyzer.stats import interaction_stats

ROOT = Path(__file__).resolve().parents[1]
TEXT_CALLS = [p for p in iter_call_files(ROOT / "sample_calls")
              if p.suffix in (".txt", ".md", ".vtt", ".srt", ".json")]


@pytest.mark.parametrize("path", TEXT_CALLS, ids=lambda p: p.name)
def test_every_status_and_pitfall_is_backed_by_a_quote(path: Path):
    transcript = load_call(path)
    card = analyze(transcript)
    by_index = {t.index: t for t in transcript.turns}
    findings = [(i.id, i.status, i.evidence) for i in card.items.values() if i.status != "fail"]
    findings += [(p.id, "flag", p.evidence) for p in card.pitfalls]
    for item, status, evidence in findings:
        assert evidence, f"{item} is {status} without evidence"
        for ev in evidence:
            turn = by_index[ev.turn]
            assert ev.speaker == turn.speaker
            assert ev.quote and ev.quote in turn.text, (item, ev.quote)
            if transcript.timed and turn.start is not None:
                assert ev.start is not None, f"{item}: timed call but no seconds on the evidence"
    for m in card.milestones:
        assert m.evidence.quote in by_index[m.evidence.turn].text


def turn(i, role, text, start=None, end=None):
    return Turn(index=i, speaker={"rep": "Dana", "buyer": "Lee"}[role], role=role, text=text,
                start=start, end=end)


def test_interaction_stats():
    t = Transcript(CallMeta("x", "Dana", date(2026, 3, 2)), (
        turn(0, "rep", "one two three four", 0.0, 2.0),
        turn(1, "buyer", "five six", 3.0, 4.0),
        turn(2, "rep", "seven eight nine", 5.5, 7.0),
        turn(3, "rep", "ten", 7.2, 8.0),
        turn(4, "buyer", "eleven", 8.5, 9.0),
        turn(5, "rep", "twelve", 9.5, 10.0),
    ))
    s = interaction_stats(t, rep_questions=2)
    assert (s.rep_words, s.buyer_words) == (9, 3)
    assert s.rep_talk_ratio == round(9 / 12, 3)
    assert s.longest_rep_monologue_words == 4 and s.longest_rep_monologue_s == 2.0
    assert s.patience_s == round((1.5 + 0.5) / 2, 2)  # buyer end -> next rep start
    assert s.rep_questions == 2


def test_untimed_stats_have_no_seconds():
    t = Transcript(CallMeta("x", "Dana", date(2026, 3, 2)),
                   (turn(0, "rep", "hello there"), turn(1, "buyer", "hi")))
    s = interaction_stats(t, 0)
    assert s.patience_s is None and s.longest_rep_monologue_s is None
