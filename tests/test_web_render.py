"""Pages render the command line's reports from what the store keeps."""
from __future__ import annotations

import json

import pytest

from analyzer.engine import analyze
from analyzer.ingest import iter_call_files, load_call
from analyzer.reporting import build_call_report, render_call_report
from analyzer.rubric import load_rubric
from analyzer.store import transcript_json
from analyzer.rebuild import scorecard_from_dict, transcript_from_json
from test_web_kit import SAMPLES, seeded_db, web  # noqa: F401

CALLS = [p for p in iter_call_files(SAMPLES) if p.suffix.lower() not in (".wav", ".mp3", ".ogg", ".flac", ".m4a", ".webm")]


@pytest.mark.parametrize("path", CALLS, ids=lambda p: p.name)
def test_a_report_rebuilt_from_the_store_is_the_command_lines_report(path):
    rubric = load_rubric()
    transcript = load_call(path)
    card = analyze(transcript, rubric)
    rebuilt = scorecard_from_dict(json.loads(json.dumps(card.to_dict())), rubric)
    again = transcript_from_json(transcript_json(transcript))
    assert again == transcript
    assert rebuilt.to_dict() == card.to_dict()
    assert render_call_report(build_call_report(rebuilt, again), "html") == \
        render_call_report(build_call_report(card, transcript), "html")


def test_the_call_page_is_the_report_inside_the_app(web):
    page = web.signed_in("maria").get(f"/calls/{web.tessa_call}").text
    for part in ("Checklist at a glance", "Backward path", "Checklist items", "Mutual action plan",
                 "Recap e-mail", "Talk and listening", "Manager review", 'href="#review"',
                 "Sign out", "Bramblewood Veterinary Partners"):
        assert part in page, part
    assert page.count("<html") == 1 and page.count("</body>") == 1


def test_team_and_rep_pages_link_inside_the_app(web):
    client = web.signed_in("maria")
    team = client.get("/team/weeks/2026-W15").text
    assert 'href="/reps/Tessa/weeks/2026-W15"' in team and "<svg" in team
    rep = client.get("/reps/Tessa/weeks/2026-W15").text
    assert f'href="/calls/{web.tessa_call}"' in rep and "Trend over past weeks" in rep
