"""Weekly aggregation on a small hand-made fixture: 3 reps, 2 weeks, 7 calls, 2 overrides,
failures. Every expectation below is computed by hand from the table in `STATUSES`.

Items, in rubric order, with weights: value_summary 12, buyer_anchored_date 18, milestones 18,
dated_ask 18, pause 12, risk_relief 12, map_captured 10. Credit: P=1, p=0.5, F=0.

call  rep   week  score  vs bad ms da pa rr map  close      pitfalls
a1    Ana   W10   50     P  p   P  p  F  F  F    date       vague_timeline
b1    Ben   W10   95     P  P   P  P  P  F* P    backwards  -           (* override -> pass, no quote)
c1    Cleo  W10   40     F  p   P  F  F  F  P    none       manufactured_deadline, binary_trap
a2    Ana   W11   60     F  p   F  P  F  F  p    option     vague_timeline
a3    Ana   W11   70     F  P   F  P* P  F  F    backwards  vague_timeline, manufactured_deadline
                                    (* override pass -> fail)
b2    Ben   W11   90     P  P   P  P  P  P  P    backwards  -
c2    Cleo  W11   30     F  F   F  p  F  F  F    none       binary_trap

Scores are effective too: an overridden call is scored again from its effective statuses, so
b1 scores 100 (every item passes, no pitfall) and a3 scores 20 (F P F F P F F: 30 points, less
5 for each of its 2 pitfalls); the analyzer's 95 and 70 stay in `machine_score`.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analyzer.rubric import load_rubric

ITEM_IDS = load_rubric().item_ids  # the built-in rubric's items, in order
from analyzer.store import StoredCall
from analyzer import weekly

W10, W11 = "2026-W10", "2026-W11"
WEIGHTS = {"value_summary": 12, "buyer_anchored_date": 18, "milestones": 18, "dated_ask": 18,
           "pause": 12, "risk_relief": 12, "map_captured": 10}
CODE = {"P": "pass", "p": "partial", "F": "fail"}
#          call  rep     date                week  score statuses  close        pitfalls
CALLS = (("a1", "Ana", date(2026, 3, 3), W10, 50, "PpPpFFF", "date", ("vague_timeline",)),
         ("b1", "Ben", date(2026, 3, 4), W10, 95, "PPPPPFP", "backwards", ()),
         ("c1", "Cleo", date(2026, 3, 5), W10, 40, "FpPFFFP", "none",
          ("manufactured_deadline", "binary_trap")),
         ("a2", "Ana", date(2026, 3, 10), W11, 60, "FpFPFFp", "option", ("vague_timeline",)),
         ("a3", "Ana", date(2026, 3, 12), W11, 70, "FPFPPFF", "backwards",
          ("vague_timeline", "manufactured_deadline")),
         ("b2", "Ben", date(2026, 3, 11), W11, 90, "PPPPPPP", "backwards", ()),
         ("c2", "Cleo", date(2026, 3, 13), W11, 30, "FFFpFFF", "none", ("binary_trap",)))
ACCOUNTS = {"a1": "Acme", "b1": "Bramble & Co", "c1": "Cobalt", "a2": "Acme", "a3": "Delta Freight",
            "b2": "Ironbark", "c2": "Larchmont"}
OVERRIDES = {
    "a3": {"dated_ask": {"status": "fail", "note": "'Soon' is not a date", "author": "Mia"}},
    "b1": {"risk_relief": {"status": "pass", "note": "Pilot offered in the follow-up e-mail",
                           "author": "Mia"}},
}
REPORTS = {"a2": "calls/a2.html", "a3": "calls/a3 final.html"}
# quotes: (call, item) -> (turn, speaker, text); passes without an entry get a generic quote,
# fails without an entry have no evidence
QUOTES = {
    ("b1", "milestones"): (12, "Ben", "Signature by Mar 12 & security <review> by Mar 20, "
                                      "then go-live Apr 5."),
    ("b2", "milestones"): (9, "Ben", "Contract Mar 16, training Mar 30, live Apr 14."),
    ("a1", "milestones"): (7, "Ana", "Legal by the 10th and kickoff on the 17th."),
    ("a3", "milestones"): (14, "Ana", "We'll sort out the steps soon."),
    ("a2", "risk_relief"): (20, "Ana", "I can't offer a pilot on this tier."),
    ("b2", "risk_relief"): (18, "Ben", "We can start with phase one and an opt-out after 60 days."),
    ("b1", "value_summary"): (4, "Ben", "You said the board wants overtime down 12% by June."),
}
TRICKY_QUOTE = QUOTES[("b1", "milestones")][2]
FAILURES = [
    {"source_path": "inbox/broken.vtt", "reason": "inbox/broken.vtt: old reason", "week": W11},
    {"source_path": "inbox/old.txt", "reason": "inbox/old.txt: the file is empty", "week": W10},
    {"source_path": "inbox/broken.vtt",
     "reason": "inbox/broken.vtt: not a WebVTT file (line 1: expected 'WEBVTT')", "week": W11},
]


def _evidence(call_id: str, item_id: str, status: str, rep: str) -> list[dict]:
    found = QUOTES.get((call_id, item_id))
    if found is None and status != "fail":
        found = (3, rep, f"{rep}'s {item_id.replace('_', ' ')} on {call_id}.")
    if found is None:
        return []
    turn, speaker, text = found
    return [{"turn": turn, "speaker": speaker, "start": turn * 30.0, "end": turn * 30.0 + 5,
             "quote": text}]


def make_call(pk, call_id, rep, day, week, score, codes, close, pitfalls) -> StoredCall:
    items = {}
    for item_id, code in zip(ITEM_IDS, codes):
        status = CODE[code]
        items[item_id] = {"status": status, "evidence": _evidence(call_id, item_id, status, rep),
                          "explanation": f"{item_id} {status} on {call_id}.",
                          "coaching": "" if status == "pass" else f"Work on {item_id}."}
    card = {"call_id": call_id, "rep": rep, "score": score, "items": items,
            "pitfalls": [{"id": p, "explanation": f"{p} flagged.",
                          "evidence": [{"turn": 30, "speaker": rep, "start": None, "end": None,
                                        "quote": f"{p} quote on {call_id}."}]} for p in pitfalls],
            "close_type": close, "checklist": {}, "stats": {}}
    return StoredCall(pk, call_id, rep, ACCOUNTS[call_id], day, week, "final_decision",
                      f"inbox/{call_id}.txt", card, REPORTS.get(call_id),
                      OVERRIDES.get(call_id, {}))


def fixture_calls() -> list[StoredCall]:
    return [make_call(n, *row) for n, row in enumerate(CALLS, start=1)]


@pytest.fixture(scope="module")
def calls():
    return fixture_calls()


@pytest.fixture(scope="module")
def frame(calls):
    return weekly.calls_frame(calls)


@pytest.fixture(scope="module")
def findings(calls):
    return weekly.findings_frame(calls)


# --- frames -------------------------------------------------------------------------------------
def test_calls_frame_one_row_per_call_with_effective_statuses(frame):
    assert len(frame) == 7
    assert list(frame.columns[:8]) == ["call_id", "rep", "account", "call_date", "week", "moment",
                                       "score", "close_type"]
    assert list(frame.columns[8:15]) == list(ITEM_IDS)
    assert list(frame.columns[15:]) == ["overridden", "machine_score", "pitfalls", "report_path"]
    assert list(frame["call_id"]) == ["a1", "b1", "c1", "a2", "b2", "a3", "c2"]  # week, date
    row = frame.set_index("call_id")
    assert row.loc["a3", "dated_ask"] == "fail"  # override applied (machine: pass)
    assert row.loc["b1", "risk_relief"] == "pass"  # override applied (machine: fail)
    assert row.loc["a3", "overridden"] == "dated_ask" and row.loc["a2", "overridden"] == ""
    assert row.loc["a3", "pitfalls"] == "vague_timeline;manufactured_deadline"
    assert row.loc["a3", "report_path"] == "calls/a3 final.html"
    assert row.loc["c2", "score"] == 30 and frame["score"].dtype == "int64"
    assert (row.loc["a3", "score"], row.loc["a3", "machine_score"]) == (20, 70)
    assert (row.loc["b1", "score"], row.loc["b1", "machine_score"]) == (100, 95)


def test_findings_frame_rows_and_overrides(findings):
    items = findings[findings["kind"] == "item"]
    # one row per item per call (every item here has at most one quote)
    assert len(items) == 7 * 7
    pits = findings[findings["kind"] == "pitfall"]
    assert len(pits) == 1 + 0 + 2 + 1 + 2 + 0 + 1
    assert set(pits["status"]) == {"flag"}
    row = items[(items["call_id"] == "a3") & (items["item_id"] == "dated_ask")].iloc[0]
    assert (row["status"], row["machine_status"], row["overridden"]) == ("fail", "pass", True)
    assert row["override_note"] == "'Soon' is not a date" and row["override_author"] == "Mia"
    assert row["quote"] == "Ana's dated ask on a3."
    no_quote = items[(items["call_id"] == "c2") & (items["item_id"] == "milestones")].iloc[0]
    assert pd.isna(no_quote["quote"]) and pd.isna(no_quote["turn"])
    assert findings["overridden"].sum() == 2
    assert str(findings["turn"].dtype) == "Int64"


# --- hit rates, trend, most-missed ----------------------------------------------------------------
def test_hit_rates_per_rep_count_partial_as_half(frame):
    rates = weekly.hit_rates(weekly.in_week(frame, W11))
    assert rates.loc["Ana"].to_dict() == {
        "value_summary": 0.0, "buyer_anchored_date": 0.75, "milestones": 0.0,
        "dated_ask": 0.5,  # pass + overridden fail
        "pause": 0.5, "risk_relief": 0.0, "map_captured": 0.25}
    assert rates.loc["Ben"].to_dict() == dict.fromkeys(ITEM_IDS, 1.0)
    assert rates.loc["Cleo"].to_dict() == {
        "value_summary": 0.0, "buyer_anchored_date": 0.0, "milestones": 0.0, "dated_ask": 0.5,
        "pause": 0.0, "risk_relief": 0.0, "map_captured": 0.0}


def test_team_hit_rates(frame):
    team = weekly.team_hit_rates(weekly.in_week(frame, W11))
    assert team.to_dict() == {
        "value_summary": 0.25, "buyer_anchored_date": 0.625, "milestones": 0.25,
        "dated_ask": 0.625,  # (1 + 0 + 1 + 0.5) / 4: the override counts
        "pause": 0.5, "risk_relief": 0.25, "map_captured": 0.375}
    past = weekly.team_hit_rates(weekly.in_week(frame, W10))
    assert past["risk_relief"] == pytest.approx(1 / 3)  # b1's override to pass


def test_score_trend_all_weeks_up_to_the_chosen_one(frame):
    trend = weekly.score_trend(frame, W11, "Ana")
    assert list(trend.index) == [W10, W11]
    assert list(trend["rep"]) == [50.0, 40.0]
    assert trend["team"].tolist() == pytest.approx([190 / 3, 50.0])
    assert list(trend["calls"]) == [1, 2]
    assert list(weekly.score_trend(frame, W10, "Ana").index) == [W10]
    ben = weekly.score_trend(frame, W11, "Ben")
    assert list(ben["rep"]) == [100.0, 90.0]


def test_score_trend_gap_when_rep_had_no_call(frame):
    trend = weekly.score_trend(frame[frame["call_id"] != "c1"], W11, "Cleo")
    assert pd.isna(trend.loc[W10, "rep"]) and trend.loc[W10, "calls"] == 0
    assert trend.loc[W11, "rep"] == 30.0


def test_most_missed_ties_go_to_the_heavier_item(frame):
    rates = weekly.hit_rates(weekly.in_week(frame, W11))
    # Ana: value_summary, milestones and risk_relief all at 0; milestones weighs 18, the others 12
    assert weekly.most_missed(rates.loc["Ana"], WEIGHTS) == "milestones"
    # Cleo: six items at 0; the 18-weight ones are buyer_anchored_date and milestones -> rubric order
    assert weekly.most_missed(rates.loc["Cleo"], WEIGHTS) == "buyer_anchored_date"
    assert weekly.most_missed(rates.loc["Ben"], WEIGHTS) is None  # nothing missed


def test_teammate_example_is_the_highest_scoring_pass_with_a_quote(frame, findings):
    ex = weekly.passing_example(frame, findings, "milestones", W11, exclude_rep="Ana")
    assert (ex.call_id, ex.rep, ex.week, ex.score) == ("b1", "Ben", W10, 100)  # beats b2's 90
    assert ex.quote.startswith("Signature by Mar 12 &") and ex.turn == 12 and ex.speaker == "Ben"
    # excluding Ben: Ana's a1 (50) beats Cleo's c1 (40)
    ex = weekly.passing_example(frame, findings, "milestones", W11, exclude_rep="Ben")
    assert ex.call_id == "a1"
    # b1 passes risk_relief only by override, with no quote: b2 is the example
    assert weekly.passing_example(frame, findings, "risk_relief", W11, "Ana").call_id == "b2"
    # only weeks up to the chosen one: in W10 nobody passed risk_relief with a quote
    assert weekly.passing_example(frame, findings, "risk_relief", W10, "Ana") is None


def test_failing_example_prefers_a_quote_then_the_lowest_score(frame, findings):
    assert weekly.failing_example(frame, findings, "milestones", W11).call_id == "a3"  # has a quote
    ex = weekly.failing_example(frame, findings, "value_summary", W11)
    assert (ex.call_id, ex.quote) == ("a3", None)  # no quotes at all: lowest score (20)
    assert weekly.failing_example(frame, findings, "risk_relief", W11).call_id == "a2"


def test_failing_example_shows_an_override():
    calls = fixture_calls()
    frame, findings = weekly.calls_frame(calls), weekly.findings_frame(calls)
    ex = weekly.failing_example(frame, findings, "dated_ask", W11)
    # a3 (overridden to fail, machine quote kept) beats c2's partial: fail before partial
    assert (ex.call_id, ex.status, ex.machine_status, ex.overridden) == ("a3", "fail", "pass", True)
    assert ex.override_note == "'Soon' is not a date"


def test_top_three_coaching_priorities(frame, findings):
    top = weekly.coaching_priorities(frame, findings, W11, WEIGHTS)
    # value_summary, milestones, risk_relief all at 0.25: milestones (18) first, then rubric order
    assert [p.item_id for p in top] == ["milestones", "value_summary", "risk_relief"]
    assert [p.hit_rate for p in top] == [0.25, 0.25, 0.25]
    assert [(p.missed, p.calls) for p in top] == [(3, 4), (3, 4), (3, 4)]
    ms, vs, rr = top
    assert (ms.failing.call_id, ms.passing.call_id) == ("a3", "b1")
    assert (vs.failing.call_id, vs.passing.call_id) == ("a3", "b1")
    assert (rr.failing.call_id, rr.passing.call_id) == ("a2", "b2")
    assert all(p.passing.rep != p.failing.rep for p in top)


# --- counts and failures ------------------------------------------------------------------------
def test_pitfall_counts_by_rep(frame):
    table = weekly.pitfall_counts(weekly.in_week(frame, W11))
    assert list(table.columns) == ["manufactured_deadline", "binary_trap", "over_detailing",
                                   "vague_timeline", "missing_stakeholder"]
    assert table.loc["Ana"].to_dict() == {"manufactured_deadline": 1, "binary_trap": 0,
                                          "over_detailing": 0, "vague_timeline": 2,
                                          "missing_stakeholder": 0}
    assert table.loc["Ben"].sum() == 0  # listed, with zeros
    assert table.loc["Cleo", "binary_trap"] == 1
    assert table.sum().to_dict()["vague_timeline"] == 2 and int(table.to_numpy().sum()) == 4


def test_close_type_counts_per_rep_and_team(frame):
    table = weekly.close_type_counts(weekly.in_week(frame, W11))
    assert list(table.columns) == ["backwards", "option", "date", "process", "none"]
    assert table.loc["Ana"].to_dict() == {"backwards": 1, "option": 1, "date": 0, "process": 0,
                                          "none": 0}
    assert table.sum().to_dict() == {"backwards": 2, "option": 1, "date": 0, "process": 0,
                                     "none": 1}


def test_counts_on_an_empty_week(frame):
    empty = weekly.in_week(frame, "2026-W12")
    assert weekly.pitfall_counts(empty).empty
    assert weekly.close_type_counts(empty).empty
    assert weekly.coaching_priorities(frame, weekly.findings_frame([]), "2026-W12", WEIGHTS) == []


def test_week_failures_one_per_path_latest_reason():
    assert weekly.week_failures(FAILURES, W11) == [
        weekly.Failure("inbox/broken.vtt",
                       "inbox/broken.vtt: not a WebVTT file (line 1: expected 'WEBVTT')")]
    assert [f.path for f in weekly.week_failures(FAILURES, W10)] == ["inbox/old.txt"]
    undated = [{"source_path": "x.txt", "reason": "x", "week": None}]
    assert weekly.week_failures(undated, W11) == [weekly.Failure("x.txt", "x")]


def test_score_bands_put_100_in_the_top_band():
    bands = weekly.score_bands([0, 9, 10, 89, 90, 100])
    assert bands[0] == ("0–9", 2) and bands[1] == ("10–19", 1) and bands[8] == ("80–89", 1)
    assert bands[9] == ("90–100", 2) and len(bands) == 10


def test_latest_week_and_reps(calls, frame):
    assert weekly.latest_week(calls) == W11
    assert weekly.latest_week([]) is None
    assert weekly.week_reps(frame, W11) == ["Ana", "Ben", "Cleo"]


# --- exports ------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_calls_export_round_trips(tmp_path, calls, frame, fmt):
    from analyzer.exports import export

    path = export(calls, fmt, tmp_path / f"calls.{fmt}")
    back = pd.read_csv(path, keep_default_na=False) if fmt == "csv" else pd.read_parquet(path)
    assert len(back) == 7 and list(back.columns) == list(frame.columns)
    row = back.set_index("call_id")
    assert row.loc["a3", "dated_ask"] == "fail" and row.loc["a3", "overridden"] == "dated_ask"
    assert row.loc["b1", "risk_relief"] == "pass"
    assert row.loc["c2", "score"] == 30
    assert str(row.loc["a1", "call_date"])[:10] == "2026-03-03"
    if fmt == "csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    else:
        assert back["score"].dtype == "int64"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_findings_export_round_trips(tmp_path, calls, findings, fmt):
    from analyzer.exports import export

    path = export(calls, fmt, tmp_path / "out" / f"findings.{fmt}", kind="findings")
    back = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
    assert len(back) == len(findings) == 7 * 7 + 7
    assert list(back.columns) == list(findings.columns)
    over = back[back["overridden"]]
    assert sorted(zip(over["call_id"], over["item_id"], over["status"])) == \
        [("a3", "dated_ask", "fail"), ("b1", "risk_relief", "pass")]
    assert TRICKY_QUOTE in set(back["quote"].dropna())
    assert back["overridden"].dtype == bool


def test_export_rejects_unknown_format_and_kind(tmp_path, calls):
    from analyzer.exports import export

    with pytest.raises(ValueError, match="format"):
        export(calls, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ValueError, match="kind"):
        export(calls, "csv", tmp_path / "x.csv", kind="reps")


def test_export_of_no_calls_has_headers(tmp_path):
    from analyzer.exports import export

    back = pd.read_csv(export([], "csv", tmp_path / "empty.csv"))
    assert back.empty and "value_summary" in back.columns
    assert pd.read_parquet(export([], "parquet", tmp_path / "e.parquet", "findings")).empty
