"""Rep scorecards, team summaries and their charts on the fixture week of test_weekly.

Goldens live in tests/golden_team/; regenerate with UPDATE_GOLDEN=1 after an intended change.
"""
from __future__ import annotations

import dataclasses
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from analyzer import charts, presentation, team_reports as tr
from analyzer.rubric import load_rubric
from test_weekly import FAILURES, W10, W11, WEIGHTS, fixture_calls

GOLDEN = Path(__file__).parent / "golden_team"
TRICKY = "Signature by Mar 12 & security <review> by Mar 20, then go-live Apr 5."


TITLES = {"value_summary": "Value recap before the timeline",
          "buyer_anchored_date": "Target date owned by the buyer",
          "milestones": "3-5 dated milestones back to today", "dated_ask": "Dated present-day ask",
          "pause": "Pause after the ask", "risk_relief": "Risk relief offered",
          "map_captured": "Mutual action plan with owners"}
PITFALL_TITLES = {"manufactured_deadline": "Manufactured deadline", "binary_trap": "Binary trap",
                  "over_detailing": "Over-detailing", "vague_timeline": "Vague timeline",
                  "missing_stakeholder": "Missing stakeholder"}


@pytest.fixture(scope="module")
def rubric():
    """The built-in rubric with its wording and weights pinned, so goldens do not follow
    edits of the rubric's text."""
    base = load_rubric()
    items = tuple(dataclasses.replace(i, title=TITLES[i.id], weight=float(WEIGHTS[i.id]),
                                      coaching={"fail": f"Coaching for {TITLES[i.id].lower()}."})
                  for i in base.items)
    pitfalls = tuple(dataclasses.replace(next(p for p in base.pitfalls if p.id == pid), title=t)
                     for pid, t in PITFALL_TITLES.items())
    return dataclasses.replace(base, id="backwards_close", version="test", items=items,
                               pitfalls=pitfalls)


@pytest.fixture(scope="module")
def calls():
    return fixture_calls()


@pytest.fixture(scope="module")
def card(calls, rubric):
    return tr.build_rep_scorecard(calls, "Ana", W11, rubric, link_from="weekly")


@pytest.fixture(scope="module")
def summary(calls, rubric):
    return tr.build_team_summary(calls, FAILURES, W11, rubric)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {name}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), \
        f"{name} differs; rerun with UPDATE_GOLDEN=1 if intended"


# --- data ---------------------------------------------------------------------------------------
def test_rep_scorecard_data(card):
    assert [c.call_id for c in card.calls] == ["a2", "a3"]
    assert [c.href for c in card.calls] == ["../calls/a2.html", "../calls/a3%20final.html"]
    # a3 scores 20 once the manager's fail on dated_ask is applied (the analyzer said 70)
    assert [c.score for c in card.calls] == [60, 20]
    assert card.mean_score == 40.0 and card.band == "fail" and card.team_mean == 50.0
    assert [(t.week, t.rep, t.calls) for t in card.trend] == [(W10, 50.0, 1), (W11, 40.0, 2)]
    rates = {r.item_id: (r.rep, r.team) for r in card.rates}
    assert rates["dated_ask"] == (0.5, 0.625) and rates["map_captured"] == (0.25, 0.375)
    mm = card.most_missed
    assert (mm.item_id, mm.rep, mm.team) == ("milestones", 0.0, 0.25)
    assert mm.coaching  # the rubric's coaching for a miss
    assert (mm.example.rep, mm.example.call_id, mm.example.quote.quote) == ("Ben", "b1", TRICKY)
    (override,) = card.calls[1].overrides
    assert (override.status, override.machine, override.note, override.author) == \
        ("fail", "pass", "'Soon' is not a date", "Mia")
    assert card.overrides == 1


def test_team_summary_data(summary):
    assert (summary.calls, summary.mean_score) == (4, 50.0)
    assert [r.rep for r in summary.reps] == ["Ana", "Ben", "Cleo"]
    assert [r.href for r in summary.reps] == ["rep-Ana-2026-W11.html", "rep-Ben-2026-W11.html",
                                               "rep-Cleo-2026-W11.html"]
    assert summary.team_rates == (0.25, 0.625, 0.25, 0.625, 0.5, 0.25, 0.375)
    assert [p.item_id for p in summary.priorities] == ["milestones", "value_summary", "risk_relief"]
    assert [(p.failing.rep, p.passing.rep) for p in summary.priorities] == \
        [("Ana", "Ben"), ("Ana", "Ben"), ("Ana", "Ben")]
    assert [b.count for b in summary.bins] == [0, 0, 1, 1, 0, 0, 1, 0, 0, 1]
    assert summary.bins[-1].label == "90–100"
    assert summary.pitfalls.totals.counts == (1, 1, 0, 2, 0) and summary.pitfalls.totals.total == 4
    assert summary.close_types.columns[:2] == ("Backwards close", "Option close")
    assert summary.close_types.totals.counts == (2, 1, 0, 0, 1)
    assert [(o.call_id, o.item) for o in summary.overrides] == [("a3", "Dated present-day ask")]
    assert [f.path for f in summary.failures] == ["inbox/broken.vtt"]


def test_past_week_summary_uses_only_that_week(calls, rubric):
    past = tr.build_team_summary(calls, FAILURES, W10, rubric)
    assert past.calls == 3 and [f.path for f in past.failures] == ["inbox/old.txt"]
    assert [o.call_id for o in past.overrides] == ["b1"]
    card = tr.build_rep_scorecard(calls, "Ana", W10, rubric)
    assert [t.week for t in card.trend] == [W10]


# --- goldens and markup -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_golden_rep_scorecard(card, fmt):
    check_golden(f"rep-Ana-{W11}.{fmt}", tr.render_rep_scorecard(card, fmt))


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_golden_team_summary(summary, fmt):
    check_golden(f"team-{W11}.{fmt}", tr.render_team_summary(summary, fmt))


def test_rendering_is_stable(calls, rubric, card):
    again = tr.build_rep_scorecard(fixture_calls(), "Ana", W11, rubric, link_from="weekly")
    assert tr.render_rep_scorecard(again, "html") == tr.render_rep_scorecard(card, "html")


class _Checker(HTMLParser):
    """Collects tags and every attribute value; fails on unbalanced svg/section tags."""
    def __init__(self):
        super().__init__()
        self.tags, self.urls, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("href", "src", "xlink:href") and v]
        if tag in ("svg", "section", "table", "figure"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("svg", "section", "table", "figure"):
            assert self.stack.pop() == tag


@pytest.mark.parametrize("which", ["rep", "team"])
def test_html_is_self_contained_and_escaped(card, summary, which):
    html = tr.render_rep_scorecard(card, "html") if which == "rep" else \
        tr.render_team_summary(summary, "html")
    assert not re.search(r"https?://", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    checker = _Checker()
    checker.feed(html)
    assert checker.stack == []
    assert checker.tags.count("svg") == 2
    assert all(u.startswith("#") or not re.match(r"[a-z]+:", u) for u in checker.urls)
    assert "security &lt;review&gt;" in html and "Mar 12 &amp; security" in html
    assert "<review>" not in html and "Bramble & Co" not in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate element ids across inline charts"


def test_markdown_escapes_and_omits_charts(card, summary):
    md = tr.render_rep_scorecard(card, "md")
    assert "security \\<review\\>" in md and "<svg" not in md
    assert "[Delta Freight](../calls/a3%20final.html)" in md
    assert "manager override: fail — 'Soon' is not a date (machine: pass, by Mia)" in md
    team = tr.render_team_summary(summary, "md")
    assert "[Ana](rep-Ana-2026-W11.md)" not in team  # links follow the summary's own format
    assert "[Ana](rep-Ana-2026-W11.html)" in team
    assert "| **Team** | 4 | 50 |" in team


def test_override_is_shown_as_one(card, summary):
    html = tr.render_rep_scorecard(card, "html")
    assert "Manager override:</strong> fail — &#39;Soon&#39; is not a date" in html
    assert "(machine: pass, by Mia)" in tr.render_team_summary(summary, "html")


def test_hostile_names_are_escaped_in_charts_and_text(rubric):
    calls = [dataclasses.replace(c, rep="Zoë <b>&amp;</b>") if c.rep == "Ana" else c
             for c in fixture_calls()]
    rep = "Zoë <b>&amp;</b>"
    html = tr.render_rep_scorecard(tr.build_rep_scorecard(calls, rep, W11, rubric), "html")
    assert "<b>" not in html and "Zoë &lt;b&gt;&amp;amp;&lt;/b&gt;" in html
    team = tr.render_team_summary(tr.build_team_summary(calls, [], W11, rubric), "html")
    assert "<b>" not in team
    assert tr.rep_file(rep, W11, "html") == "rep-Zoë_b_amp_b-2026-W11.html"


def test_weeks_without_calls_render(calls, rubric):
    card = tr.build_rep_scorecard(calls, "Cleo", "2026-W12", rubric)
    assert card.calls == () and card.mean_score is None and card.most_missed is None
    assert "No calls were scored for Cleo in 2026-W12." in tr.render_rep_scorecard(card, "html")
    assert "No calls were scored for Cleo in 2026-W12." in tr.render_rep_scorecard(card, "md")
    empty = tr.build_team_summary(calls, [], "2026-W12", rubric)
    assert empty.calls == 0 and empty.priorities == () and empty.reps == ()
    html = tr.render_team_summary(empty, "html")
    assert "<svg" not in html and "No calls were scored in 2026-W12." in html
    assert "Every call file was processed." in tr.render_team_summary(empty, "md")


def test_unknown_format(card):
    with pytest.raises(ValueError, match="unknown report format"):
        tr.render_rep_scorecard(card, "pdf")


# --- writers ------------------------------------------------------------------------------------
def test_writers_name_files_and_link_reports_relatively(tmp_path, rubric):
    calls = [dataclasses.replace(c, report_path=str(tmp_path / "calls" / f"{c.call_id}.html"))
             for c in fixture_calls()]
    out = tmp_path / "weekly"
    rep = tr.write_rep_scorecard(calls, "Ana", W11, out, "html", rubric)
    assert rep == out / "rep-Ana-2026-W11.html"
    assert 'href="../calls/a2.html"' in rep.read_text(encoding="utf-8")
    team = tr.write_team_summary(calls, FAILURES, W11, out, "md", rubric)
    assert team == out / "team-2026-W11.md"


def test_week_reports_links_resolve(tmp_path, rubric, calls):
    paths = tr.write_week_reports(calls, FAILURES, W11, tmp_path, ("html", "md"), rubric)
    assert [p.name for p in paths] == [
        "team-2026-W11.html", "rep-Ana-2026-W11.html", "rep-Ben-2026-W11.html",
        "rep-Cleo-2026-W11.html", "team-2026-W11.md", "rep-Ana-2026-W11.md",
        "rep-Ben-2026-W11.md", "rep-Cleo-2026-W11.md"]
    for team in (paths[0], paths[4]):
        links = re.findall(r'href="(rep-[^"]+)"|\]\((rep-[^)]+)\)', team.read_text(encoding="utf-8"))
        targets = {a or b for a, b in links}
        assert len(targets) == 3 and all((tmp_path / t).exists() for t in targets)


def test_rep_file_names_keep_non_ascii_names_and_links_find_them(tmp_path, rubric):
    assert tr.rep_file("José Núñez", W11, "html") == "rep-José_Núñez-2026-W11.html"
    assert tr.rep_file("Zoë O'Brien-Łukasz", W11, "md") == "rep-Zoë_O_Brien-Łukasz-2026-W11.md"
    assert tr.rep_file("../../etc/passwd", W11, "md") == "rep-etc_passwd-2026-W11.md"
    assert tr.rep_file("José Núñez" * 40, W11, "html").encode().__len__() < 255  # one name
    calls = [dataclasses.replace(c, rep="José Núñez" if c.rep == "Ana" else c.rep)
             for c in fixture_calls()]
    paths = tr.write_week_reports(calls, FAILURES, W11, tmp_path, ("html", "md"), rubric)
    assert tmp_path / "rep-José_Núñez-2026-W11.html" in paths
    for team in (paths[0], paths[4]):
        links = re.findall(r'href="(rep-[^"]+)"|\]\((rep-[^)]+)\)', team.read_text(encoding="utf-8"))
        assert all((tmp_path / unquote(a or b)).exists() for a, b in links)


# --- charts -------------------------------------------------------------------------------------
def test_charts_are_deterministic_inline_svg():
    made = [charts.score_trend([W10, W11], [50, None], [61.7, 62.5], "Ana"),
            charts.hit_rate_bars(["Value recap", "Pause"], [1.0, None], [0.5, 0.25], "Ana"),
            charts.heatmap(["Ana", "Ben"], ["Value recap", "Pause"], [[1.0, 0.5], [None, 0.0]]),
            charts.score_histogram([10, 55, 100], 55.0)]
    assert made[0] == charts.score_trend([W10, W11], [50, None], [61.7, 62.5], "Ana")
    for svg, prefix in zip(made, ("trend", "rates", "heatmap", "scores")):
        assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
        assert not re.search(r"https?://|<\?xml|DOCTYPE|<metadata|<image", svg)
        assert all(i.startswith(prefix + "-") for i in re.findall(r'\bid="([^"]+)"', svg))
        assert f'<title id="{prefix}-title">' in svg


def test_pct_and_whole_round_half_up():
    assert [presentation.pct(v) for v in (0.625, 0.375, 0.0, 1.0, None)] == ["63%", "38%", "0%", "100%", "–"]
    assert [presentation.whole(v) for v in (62.5, 61.666, None)] == ["63", "62", "–"]
