"""Coaching report: data, rendering, writing. Regenerate goldens with UPDATE_GOLDEN=1."""
from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from analyzer.coaching import action_plan, coaching_tips, recap_email
from analyzer.model import (Evidence, ItemResult, Milestone, Pitfall, Scorecard, Stats, Target)
from analyzer.presentation import clock
from analyzer.reporting import (build_call_report, render_call_report, safe_name,
                                write_call_report)
from analyzer.rubric import load_rubric
from analyzer.timeline import build_timeline, day_month

GOLDEN = Path(__file__).parent / "golden"
CALL = date(2026, 3, 6)
WEIGHTS = {"value_summary": 10, "buyer_anchored_date": 20, "milestones": 20, "dated_ask": 20,
           "pause": 10, "risk_relief": 10, "map_captured": 10}
TRICKY = "Also, our Q1 pricing <b>expires Friday</b> & I can't hold it after that."


def ev(turn, speaker, quote, start=None):
    return Evidence(turn, speaker, quote, start, None if start is None else start + 5.0)


RUBRIC = load_rubric()
# the built-in rubric's words, as the engine puts them on every card
WORDS = dict(report_title=RUBRIC.report_title, rubric_name=RUBRIC.name,
             checklist_labels={t.id: t.label for t in RUBRIC.checklist})


def item(id_, status, evidence, explanation, coaching=""):
    spec = RUBRIC.item(id_)
    return ItemResult(id_, status, tuple(evidence), explanation, coaching, spec.title,
                      WEIGHTS[id_], spec.tip)


@pytest.fixture
def backwards() -> Scorecard:
    """A final-decision call with a buyer-anchored target, 4 owned-or-not milestones, 1 pitfall."""
    tgt_ev = ev(21, "Dana", "We need the saving target visible by April 30, that's the board review.", 612.4)
    m = (
        Milestone("go-live", date(2026, 4, 14), "April 14", "Marco",
                  ev(23, "Hannah", "That means go-live on April 14, with Marco's team on the cutover.", 655.0)),
        Milestone("training", date(2026, 4, 7), "April 7", "Dana",
                  ev(23, "Hannah", "Training wraps April 7, Dana, with your floor leads.", 661.5)),
        Milestone("security sign-off", date(2026, 3, 20), "March 20", "Priya",
                  ev(23, "Hannah", "Priya's security sign-off by March 20.", 668.0)),
        Milestone("signature", date(2026, 3, 12), "the 12th", None,
                  ev(23, "Hannah", "And signature by the 12th.", 671.2)),
    )
    ask = ev(24, "Hannah", "To protect April 30, are you comfortable approving the order form this week?", 701.9)
    items = {
        "value_summary": item("value_summary", "pass", [ev(19, "Hannah", "So to recap, you told us the goal is cutting overtime spend by 12% before the board review.", 580.2)],
                              "You restated the buyer's goal before the timeline."),
        "buyer_anchored_date": item("buyer_anchored_date", "pass", [tgt_ev], "The buyer named the target date."),
        "milestones": item("milestones", "pass", [x.evidence for x in m], "4 dated milestones on the path to 30 Apr."),
        "dated_ask": item("dated_ask", "pass", [ask], "A commitment ask with a time frame (this week)."),
        "pause": item("pause", "pass", [ask, ev(25, "Dana", "Yes, I think we can do that.", 709.3)],
                      "You stopped after the ask and the buyer answered."),
        "risk_relief": item("risk_relief", "fail", [], "Nothing was offered to lower the buyer's risk.",
                            "Offer a pilot, a phase one, an opt-out or a slot held contingent on sign-off."),
        "map_captured": item("map_captured", "partial", [m[2].evidence], "Owners were named, but no shared plan was promised.",
                             "Say you will send the mutual action plan with owners and dates."),
    }
    return Scorecard(
        call_id="acme-final-2026-03-06", rep="Hannah", call_date=CALL, account="Acme Logistics",
        moment="final_decision", source="calls/acme_final.vtt", score=74, items=items, milestones=m,
        credible=True, credibility_problems=(), target=Target(date(2026, 4, 30), "April 30", "buyer", tgt_ev),
        pitfalls=(Pitfall("manufactured_deadline", (ev(26, "Hannah", TRICKY, 731.0),),
                          "A seller-side deadline not tied to the buyer's outcome.", "Manufactured deadline"),),
        close_type="backwards",
        checklist={"outcome_date_confirmed": True, "backward_path_credible": True, "dated_ask_and_pause": True,
                   "risk_relief_offered": False, "map_updated": False},
        rubric_id="backwards_close", rubric_version="1.0",
        stats=Stats(0.58, 2140, 1550, 212, 84.5, 14, 1.3), ask=ask, pause_seconds=2.4,
        close_type_label="Backwards close", **WORDS)


@pytest.fixture
def empty() -> Scorecard:
    """An untimed call with guessed roles: no target, no milestones, every item failing."""
    items = {k: item(k, "fail", [], f"Nothing on the call met '{k}'.") for k in WEIGHTS}
    return Scorecard(
        call_id="cold call #7/β", rep="Sam", call_date=date(2026, 1, 15), account=None, moment=None,
        source="calls/cold7.txt", score=0, items=items, milestones=(), credible=False,
        credibility_problems=("no target date", "fewer than 2 milestones"), target=None, pitfalls=(),
        close_type="none", checklist={k: False for k in ("outcome_date_confirmed", "backward_path_credible",
                                                          "dated_ask_and_pause", "risk_relief_offered", "map_updated")},
        rubric_id="backwards_close", rubric_version="1.0",
        stats=Stats(0.81, 1900, 450, 300, None, 3, None), roles_guessed=True,
        close_type_label="No close", **WORDS)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {name}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; rerun with UPDATE_GOLDEN=1 if intended"


@pytest.mark.parametrize("fixture", ["backwards", "empty"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_golden(fixture, fmt, request):
    sc = request.getfixturevalue(fixture)
    check_golden(f"{fixture}.{fmt}", render_call_report(build_call_report(sc), fmt))


@pytest.mark.parametrize("fixture", ["backwards", "empty"])
def test_html_is_offline_and_escaped(fixture, request):
    html = render_call_report(build_call_report(request.getfixturevalue(fixture)), "html")
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"<(script|link|img)\b|@import|url\(", html)
    assert "<b>expires" not in html
    if fixture == "backwards":
        assert "our Q1 pricing &lt;b&gt;expires Friday&lt;/b&gt; &amp; I can&#39;t hold it" in html


def test_markdown_escapes_quote(backwards):
    md = render_call_report(build_call_report(backwards), "md")
    assert r"\<b\>expires Friday\</b\> & I can't" in md
    assert "| Step | Owner | Date | Exit criteria |" in md


def test_timeline_target_right_of_every_milestone(backwards):
    html = render_call_report(build_call_report(backwards), "html")
    marks = re.findall(r'<g class="tl-mark tl-(\w+)[^"]*" data-x="([\d.]+)"', html)
    xs = {kind: [float(x) for k, x in marks if k == kind] for kind in ("call", "milestone", "target")}
    assert len(xs["milestone"]) == 4 and len(xs["target"]) == 1
    assert max(xs["milestone"]) < xs["target"][0]
    assert min(xs["milestone"]) > xs["call"][0]
    assert re.search(r">6 Mar</t", html) and "30 Apr" in html


def test_timeline_edge_cases(backwards):
    ms = backwards.milestones
    layout = build_timeline(CALL, ms, backwards.target)
    assert [m.kind for m in layout.marks] == ["call", "milestone", "milestone", "milestone", "milestone", "target"]
    assert not any(m.flagged for m in layout.marks) and layout.note == ""
    for a, b in zip(layout.marks, layout.marks[1:]):  # labels in one row never overlap
        assert a.row != b.row or abs(a.label_x - b.label_x) > 20

    bare = build_timeline(CALL, (), None)
    assert [m.kind for m in bare.marks] == ["call"] and bare.note == "no target date"
    assert [t.label for t in bare.ticks] == ["6 Mar"]

    late = ms[0].__class__("audit prep", date(2026, 5, 9), "May 9", None, ms[0].evidence)
    early = ms[0].__class__("kickoff", date(2026, 3, 1), "March 1", None, ms[0].evidence)
    vague = ms[0].__class__("legal review", None, "two weeks before go-live", "Priya", ms[0].evidence)
    odd = build_timeline(CALL, (ms[0], ms[2], ms[1], late, early, vague), backwards.target)
    why = {m.lines[0].lower(): m.reason for m in odd.milestones}
    assert why == {"go-live": "", "security sign-off": "", "training": "out of order",
                   "audit prep": "after the target", "kickoff": "before the call date"}
    assert [u.step for u in odd.undated] == ["Legal review"] and odd.height > odd.undated_y

    no_target = build_timeline(CALL, ms[:2], None)
    assert no_target.note == "no target date" and no_target.target is None
    assert max(m.x for m in no_target.marks) == no_target.x1  # axis ends at the last milestone

    one_day = build_timeline(CALL, (ms[3].__class__("signature", CALL, "today", None, ms[3].evidence),),
                             Target(CALL, "today", "buyer", ms[3].evidence))
    assert len({m.x for m in one_day.marks}) == 1 and len({m.row for m in one_day.marks}) == 3
    assert day_month(date(2026, 3, 6)) == "6 Mar"


def test_tips_reuse_the_calls_facts(backwards, empty):
    tips = coaching_tips(backwards)
    assert len(tips) == 3
    assert "30 Apr" in tips[0] and "risk" in tips[0]          # the failing item comes first
    assert "expires Friday" in tips[1]                       # then the pitfall, quoted
    assert "Priya for security sign-off" in tips[2]          # then the partial MAP item
    assert len(coaching_tips(empty)) == 3 and len(set(coaching_tips(empty))) == 3


def test_an_item_without_a_tip_writer_gets_its_rubric_coaching(backwards):
    items = {**backwards.items, "agenda_set": ItemResult("agenda_set", "fail", (), "No agenda.",
                                                         "Open with the agenda.", "Agenda set", 90.0)}
    sc = Scorecard(**{**backwards.__dict__, "items": items})
    assert coaching_tips(sc)[0] == "Open with the agenda."  # the heaviest failed item first


def test_tips_when_everything_passes(backwards):
    items = {k: ItemResult(k, "pass", v.evidence, v.explanation, weight=v.weight, tip=v.tip)
             for k, v in backwards.items.items()}
    sc = Scorecard(**{**backwards.__dict__, "items": items, "pitfalls": ()})
    tips = coaching_tips(sc)
    assert len(tips) == 3
    assert tips[0].startswith("Send the mutual action plan within a day") and "30 Apr" in tips[0]
    assert "signature" in tips[1] and "2.4 s" in tips[2]


def test_short_path_tip_names_the_missing_step(backwards):
    items = {**backwards.items, "milestones": item("milestones", "partial", [], "2 milestones."),
             "risk_relief": item("risk_relief", "pass", [], "ok")}
    sc = Scorecard(**{**backwards.__dict__, "milestones": backwards.milestones[:2], "items": items, "pitfalls": ()})
    assert coaching_tips(sc)[0] == ("Working back from 30 Apr, you named go-live (14 Apr) and training "
                                    "(7 Apr) but no signature date: add one so the path has 3 steps.")


def test_action_plan(backwards, empty):
    rows = action_plan(backwards)
    assert [r.step for r in rows] == ["Signature", "Security sign-off", "Training", "Go-live",
                                      "Target outcome"]
    assert rows[-1].date == date(2026, 4, 30) and rows[0].owner is None
    assert rows[0].exit_criteria == "signed order form received"
    assert rows[2].exit_criteria == "trained users sign off" and rows[3].exit_criteria == "live in production"
    html = render_call_report(build_call_report(backwards), "html")
    plan = html[html.index('id="h-plan"'):html.index('id="h-recap"')]
    first_row = plan[plan.index("<tbody>"):].split("</tr>")[0]
    assert "Signature" in first_row and "—" in first_row
    last_row = plan.split("</tr>")[-2]
    assert 'class="target-row"' in last_row and "30 Apr 2026" in last_row
    assert action_plan(empty) == []


def _dates_in(text: str, year: int) -> set[date]:
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    found = set()
    for d, mon, y in re.findall(r"\b(\d{1,2}) (%s)[a-z]*(?: (\d{4}))?" % "|".join(months), text):
        found.add(date(int(y or year), months.index(mon) + 1, int(d)))
    for mon, d in re.findall(r"\b(%s)[a-z]* (\d{1,2})\b" % "|".join(months), text):
        found.add(date(year, months.index(mon) + 1, int(d)))
    return found


def test_recap_email_uses_only_scorecard_dates(backwards, empty):
    mail = recap_email(backwards)
    text = mail.subject + "\n" + mail.text
    known = {backwards.call_date, backwards.target.date} | {m.date for m in backwards.milestones}
    assert _dates_in(text, 2026) and _dates_in(text, 2026) <= known
    assert text.startswith("Acme Logistics: next steps toward 30 Apr 2026")
    assert "Hi Dana," in text and "owner to confirm" in text and "this week" in text
    assert mail.text.endswith("Best regards,\nHannah")
    bare = recap_email(empty)
    assert _dates_in(bare.subject + bare.text, 2026) <= {empty.call_date}
    assert bare.body_paragraphs[0] == "Hi,"


def test_report_data(backwards, empty):
    rep = build_call_report(backwards)
    assert rep.score == 74 and rep.score_band == "partial" and rep.call_date == "6 Mar 2026"
    assert rep.items[0].evidence[0].time == "9:40" and clock(3725) == "1:02:05"
    assert [c.ticked for c in rep.checklist] == [True, True, True, False, False]
    assert "After the closing ask you waited 2.4 s before speaking again." in rep.notes
    assert dict((f.label, f.value) for f in rep.stats)["Rep talk ratio"] == "58%"
    bare = build_call_report(empty)
    assert any("guessed" in n for n in bare.notes) and any("no timestamps" in n for n in bare.notes)
    assert bare.items[0].evidence == () and bare.timeline.note == "no target date"


def test_write_call_report(backwards, empty, tmp_path):
    for sc in (backwards, empty):
        paths = {fmt: write_call_report(sc, tmp_path / "out", fmt) for fmt in ("html", "md", "json")}
        for fmt, path in paths.items():
            assert path.parent == tmp_path / "out" and path.name == f"{safe_name(sc.call_id)}.{fmt}"
            assert path.read_text(encoding="utf-8")
        data = json.loads(paths["json"].read_text(encoding="utf-8"))
        assert {"call_id", "rep", "call_date", "score", "items", "milestones", "target", "pitfalls",
                "close_type", "checklist", "rubric"} <= set(data)
        assert data == json.loads(json.dumps(sc.to_dict()))
    assert safe_name("cold call #7/β") == "cold_call_7_β" and safe_name("../..") == "call"
    with pytest.raises(ValueError):
        write_call_report(backwards, tmp_path, "pdf")
