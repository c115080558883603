"""Tests for analyzer.ingest: every input format, metadata, roles, markers and errors."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from analyzer.ingest import AUDIO_SUFFIXES, SUPPORTED_SUFFIXES, iter_call_files, load_call
from analyzer.ingest import markers, roles
from analyzer.model import InputError, Turn

LABELLED = Path("/work/shared/calls/labelled")
FRONT = "---\ncall_id: t1\nrep: Dana\ncall_date: 2026-03-02\naccount: Acme\nmoment: final_decision\n---\n"
SIDECAR = "rep: Dana Ruiz\ncall_date: 2026-03-02\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return p


def error_of(path: Path, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        load_call(path, **kw)
    return info.value


# ---------- plain text ----------

def test_txt_with_stamps(tmp_path):
    p = write(tmp_path, "call.txt", FRONT + (
        "[00:14:05] Dana: We agreed the saving target is visible by April 30.\n"
        "[00:14:09] Lee: Right, that's what the board expects.\n"
        "[1:02:03] Dana: Are you comfortable approving phase one today?\n"))
    t = load_call(p)
    assert t.format == "text" and t.timed
    assert [x.speaker for x in t.turns] == ["Dana", "Lee", "Dana"]
    assert [x.role for x in t.turns] == ["rep", "buyer", "rep"]
    assert [x.index for x in t.turns] == [0, 1, 2]
    # start stamps only: no end is invented from the next stamp (it may follow a long silence)
    assert t.turns[0].start == 14 * 60 + 5 and t.turns[0].end is None
    assert t.turns[2].start == 3723 and t.turns[2].end is None
    assert t.meta.call_id == "t1" and t.meta.call_date == date(2026, 3, 2)
    assert t.meta.account == "Acme" and t.meta.moment == "final_decision"
    assert not t.roles_guessed


def test_txt_paragraphs_without_stamps_and_continuations(tmp_path):
    p = write(tmp_path, "call.md", FRONT + (
        "\nDana: Thanks for the time.\nHere is the plan: we start Monday.\n\n"
        "Lee: Sounds good.\nNext Steps: send the order form.\n\n"
        "Dana: Will do.\n"))
    t = load_call(p)
    assert not t.timed
    assert [x.speaker for x in t.turns] == ["Dana", "Lee", "Dana"]
    assert t.turns[0].text == "Thanks for the time. Here is the plan: we start Monday."
    assert t.turns[1].text == "Sounds good. Next Steps: send the order form."


def test_txt_mid_sentence_colon_is_not_a_speaker(tmp_path):
    p = write(tmp_path, "call.txt", FRONT + (
        "Dana: Two things to cover today\n"
        "and the key question is this: when do you go live?\n"
        "Lee: Honestly, the answer: June.\n"))
    t = load_call(p)
    assert [x.speaker for x in t.turns] == ["Dana", "Lee"]
    assert t.turns[0].text.endswith("is this: when do you go live?")


def test_txt_parenthetical_role(tmp_path):
    p = write(tmp_path, "call.txt", FRONT.replace("rep: Dana", "rep: Hannah\nteam: Max") + (
        "Hannah (AE): Thanks for joining.\nVictor: Happy to.\nMax (SE): I'll cover security.\n"))
    t = load_call(p)
    assert [(x.speaker, x.role, x.label_note) for x in t.turns] == [
        ("Hannah", "rep", "AE"), ("Victor", "buyer", None), ("Max", "team", "SE")]
    assert t.meta.team == ("Max",)


def test_txt_pause_markers(tmp_path):
    p = write(tmp_path, "call.txt", FRONT + (
        "[00:01] Dana: Can you sign by Friday?\n[pause]\n"
        "[00:09] Lee: Let me think [laughs] about that (silence) okay.\n"
        "[00:15] Dana: So, by the 18th…\n"
        "[00:20] Lee: ...and that's that.\n"))
    t = load_call(p)
    assert t.turns[0].text == "Can you sign by Friday?"
    assert t.turns[0].pauses == (len(t.turns[0].text),)
    assert t.turns[1].text == "Let me think about that okay."
    assert t.turns[1].pauses == (len("Let me think about that"),)
    assert t.turns[2].text == "So, by the 18th" and t.turns[2].pauses == (15,)
    assert t.turns[3].text == "...and that's that." and t.turns[3].pauses == ()


def test_markers_clean():
    assert markers.clean("Okay [pause] so [crosstalk] we go (inaudible) .") == ("Okay so we go.", (4,))
    assert markers.clean("[long pause] Well...") == ("Well", (0, 4))
    assert markers.clean("Hmm (Pause) ok ... [Silence]") == ("Hmm ok", (3, 6))
    assert markers.clean("the order form (the one I sent) is fine") == (
        "the order form (the one I sent) is fine", ())
    text, pauses = markers.clean("wait … what [pause]")
    assert text == "wait … what" and pauses == (len(text),)


def test_otter_export(tmp_path):
    p = write(tmp_path, "otter.txt", (
        "Acme call transcript\n\n"
        "Dana Ruiz  0:05\nThanks for joining, we can start.\nSecond line.\n\n"
        "Lee Chan  0:12\nSure thing: let's go.\n\n"
        "Dana Ruiz  1:02:05\nI'll send the order form [pause]\n"))
    t = load_call(p, {"call_date": "2026-03-02", "rep": "Dana"})
    assert t.format == "otter"
    assert [(x.speaker, x.role, x.start) for x in t.turns] == [
        ("Dana Ruiz", "rep", 5), ("Lee Chan", "buyer", 12), ("Dana Ruiz", "rep", 3725)]
    assert t.turns[0].text == "Thanks for joining, we can start. Second line."
    assert t.turns[0].end is None  # Otter gives start times only
    assert t.turns[2].pauses == (len(t.turns[2].text),)


# ---------- subtitles ----------

def test_zoom_vtt(tmp_path):
    p = write(tmp_path, "zoom.vtt", (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nDana Ruiz: Hello there.\n\n"
        "2\n00:00:04.000 --> 00:00:06.000\nLee Chan: Hi: good to see you.\n\n"
        "3\n00:00:06.200 --> 00:00:07.000\nwith a second line\n"))
    write(tmp_path, "zoom.meta.yaml", SIDECAR)
    t = load_call(p)
    assert t.format == "vtt"
    assert [(x.speaker, x.role) for x in t.turns] == [("Dana Ruiz", "rep"), ("Lee Chan", "buyer")]
    assert t.turns[0].start == 1.0 and t.turns[0].end == 3.5
    assert t.turns[1].text == "Hi: good to see you. with a second line"
    assert t.turns[1].end == 7.0 and len(t.turns[1].segments) == 2


def test_teams_vtt_out_of_order_merge_and_segments(tmp_path):
    p = write(tmp_path, "teams.vtt", (
        "WEBVTT\n\n"
        "00:00:05.000 --> 00:00:06.000\n<v Dana Ruiz>Are you comfortable signing today?</v>\n\n"
        "00:00:01.000 --> 00:00:02.500\n<v Dana Ruiz>Hi Lee.</v>\n\n"
        "00:00:02.600 --> 00:00:04.000\n<v Dana Ruiz>So the target is <b>May 18</b>.</v>\n\n"
        "00:00:09.300 --> 00:00:10.000\n<v Dana Ruiz>No pressure [pause]</v>\n\n"
        "00:00:11.000 --> 00:00:12.000\n<v Lee Chan>Yes.</v>\n"))
    write(tmp_path, "teams.meta.yaml", SIDECAR)
    t = load_call(p)
    assert len(t.turns) == 2
    dana = t.turns[0]
    assert dana.text == ("Hi Lee. So the target is May 18. Are you comfortable signing today? "
                         "No pressure")
    assert (dana.start, dana.end) == (1.0, 10.0)
    pieces = [dana.text[s.char_start:s.char_end] for s in dana.segments]
    assert pieces == ["Hi Lee.", "So the target is May 18.", "Are you comfortable signing today?",
                      "No pressure"]
    assert [(s.start, s.end) for s in dana.segments][2:] == [(5.0, 6.0), (9.3, 10.0)]
    assert dana.pauses == (len(dana.text),)
    assert t.turns[1].speaker == "Lee Chan" and t.turns[1].role == "buyer"


def test_srt_merge(tmp_path):
    p = write(tmp_path, "call.srt", (
        "1\n00:00:01,000 --> 00:00:02,000\nDana: Hello.\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\nDana: Shall we sign?\n\n"
        "3\n00:00:07,400 --> 00:00:08,000\nLee: Yes.\n"))
    write(tmp_path, "call.meta.yaml", "rep: Dana\ncall_date: 2026-05-06\n")
    t = load_call(p)
    assert t.format == "srt"
    assert [x.text for x in t.turns] == ["Hello. Shall we sign?", "Yes."]
    assert t.turns[0].segments[1].char_start == len("Hello. ")
    assert t.turns[0].end == 4.0 and t.turns[1].start == 7.4


# ---------- JSON ----------

def test_json_turn_list(tmp_path):
    doc = {"meta": {"rep": "Kofi", "call_date": "2026-05-19", "team": "Ana, Bo"},
           "turns": [{"speaker": "Kofi Mensah", "start": 1.5, "end": 3, "text": "Hi (inaudible) all."},
                     {"speaker": "Rachel", "start": 4, "end": 5, "text": "Hello."},
                     {"speaker": "Bo", "text": "I'm on the team."}]}
    t = load_call(write(tmp_path, "c.json", json.dumps(doc)))
    assert t.format == "json" and t.meta.team == ("Ana", "Bo")
    assert [(x.speaker, x.role) for x in t.turns] == [
        ("Kofi Mensah", "rep"), ("Rachel", "buyer"), ("Bo", "team")]
    assert t.turns[0].text == "Hi all." and t.turns[0].start == 1.5
    assert t.turns[2].start is None


def test_json_bare_list(tmp_path):
    p = write(tmp_path, "c.json", json.dumps([{"speaker": "A", "text": "We can send pricing."},
                                              {"speaker": "B", "text": "Ok."}]))
    t = load_call(p, {"call_date": "2026-01-01"})
    assert t.roles_guessed and t.meta.rep == "A"
    assert [x.role for x in t.turns] == ["rep", "buyer"]


def test_whisper_json_with_words(tmp_path):
    doc = {"text": "...", "segments": [
        {"start": 0.0, "end": 2.0, "text": " I'll send the order form today.",
         "words": [{"word": " I'll", "start": 0.0, "end": 0.3}, {"word": " send", "start": 0.3,
                                                                 "end": 0.6}]},
        {"start": 2.5, "end": 4.0, "text": " How much does your platform cost?", "words": []}]}
    t = load_call(write(tmp_path, "w.json", json.dumps(doc)), {"call_date": "2026-01-01"})
    assert t.format == "whisper" and t.roles_guessed
    assert [x.speaker for x in t.turns] == ["Speaker", "Speaker"]
    assert [x.role for x in t.turns] == ["rep", "buyer"]
    assert t.turns[0].text == "I'll send the order form today."
    assert [(w.text, w.start) for w in t.turns[0].words] == [("I'll", 0.0), ("send", 0.3)]
    assert t.turns[0].segments[0].start == 0.0


def test_whisper_json_with_speakers(tmp_path):
    doc = {"segments": [
        {"start": 0, "end": 1, "text": "Hi.", "speaker": "Dana",
         "words": [{"word": "Hi.", "start": 0, "end": 1}]},
        {"start": 1.2, "end": 2, "text": "Ready?", "speaker": "Dana",
         "words": [{"word": "Ready?", "start": 1.2, "end": 2}]},
        {"start": 3, "end": 4, "text": "Yes.", "speaker": "Lee"}]}
    t = load_call(write(tmp_path, "w.json", json.dumps(doc)),
                  {"call_date": "2026-01-01", "rep": "Dana"})
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [
        ("Dana", "rep", "Hi. Ready?"), ("Lee", "buyer", "Yes.")]
    assert len(t.turns[0].words) == 2 and len(t.turns[0].segments) == 2
    assert not t.roles_guessed


GONG = {
    "callTranscripts": [{"callId": "77", "transcript": [
        {"speakerId": "s1", "topic": "Intro", "sentences": [
            {"start": 1000, "end": 2500, "text": "Thanks for joining."},
            {"start": 2600, "end": 4000, "text": "Let's review the timeline and the order form."}]},
        {"speakerId": "s1", "topic": "Plan", "sentences": [
            {"start": 4200, "end": 5000, "text": "Does May work?"}]},
        {"speakerId": "s2", "sentences": [{"start": 6000, "end": 7000, "text": "Yes, May works."}]},
        {"speakerId": "s3", "sentences": [{"start": 7100, "end": 8000, "text": "Security is ready."}]},
    ]}],
    "calls": [{"metaData": {"id": "77", "started": "2026-04-02T15:00:00Z"}, "parties": [
        {"speakerId": "s1", "name": "Dana Ruiz", "affiliation": "Internal"},
        {"speakerId": "s2", "name": "Lee Chan", "affiliation": "External"},
        {"speakerId": "s3", "name": "Sam Ito", "affiliation": "Internal"}]}],
}


def test_gong_roles_from_affiliation(tmp_path):
    t = load_call(write(tmp_path, "g.json", json.dumps(GONG)))
    assert t.format == "gong" and not t.roles_guessed
    assert t.meta.call_date == date(2026, 4, 2)
    assert t.meta.rep == "Dana Ruiz" and t.meta.team == ("Sam Ito",)
    assert [(x.speaker, x.role) for x in t.turns] == [
        ("Dana Ruiz", "rep"), ("Lee Chan", "buyer"), ("Sam Ito", "team")]
    dana = t.turns[0]
    assert (dana.start, dana.end) == (1.0, 5.0) and len(dana.segments) == 3
    assert dana.text[dana.segments[2].char_start:] == "Does May work?"


def test_gong_top_level_parties_and_meta_rep(tmp_path):
    doc = {"callTranscripts": GONG["callTranscripts"], "parties": GONG["calls"][0]["parties"],
           "meta": {"rep": "Sam", "call_date": "2026-04-03"}}
    t = load_call(write(tmp_path, "g.json", json.dumps(doc)))
    assert t.meta.call_date == date(2026, 4, 3)
    assert [x.role for x in t.turns] == ["buyer", "buyer", "rep"]


def test_gong_without_parties_uses_speaker_ids_and_guesses(tmp_path):
    doc = {"callTranscripts": GONG["callTranscripts"], "meta": {"call_date": "2026-04-03"}}
    t = load_call(write(tmp_path, "g.json", json.dumps(doc)))
    assert [x.speaker for x in t.turns] == ["s1", "s2", "s3"]
    assert t.roles_guessed and t.turns[0].role == "rep"


# ---------- metadata ----------

def test_sidecar_and_overrides_precedence(tmp_path):
    p = write(tmp_path, "x.txt", "---\nrep: Dana\ncall_date: 2026-03-02\n---\nDana: Hi.\nLee: Hello.\n")
    write(tmp_path, "x.meta.yaml", "rep: Lee\ncall_date: 2025-01-01\naccount: Side Co\n"
                                   "unknown_key: ignored\n")
    t = load_call(p)
    assert t.meta.call_date == date(2026, 3, 2)  # in-file beats sidecar
    assert t.meta.account == "Side Co" and t.meta.rep == "Dana" and t.meta.call_id == "x"
    t = load_call(p, {"call_date": date(2027, 7, 7), "rep": "Lee", "account": None,
                      "moment": "post_demo", "rep_channel": "Left"})
    assert t.meta.call_date == date(2027, 7, 7) and t.meta.rep == "Lee"
    assert t.meta.account == "Side Co" and t.meta.moment == "post_demo"
    assert t.meta.rep_channel == "left"
    assert [x.role for x in t.turns] == ["buyer", "rep"]
    write(tmp_path, "x.meta.yaml", "call_date: 2025-01-01\nteam: Lee, Ana\n")
    p.write_text("---\nrep: Dana\naccount:\n---\nDana: Hi.\nLee: Hello.\n")
    t = load_call(p)  # sidecar fills what the file leaves out or empty
    assert t.meta.call_date == date(2025, 1, 1) and t.meta.team == ("Lee", "Ana")
    assert [x.role for x in t.turns] == ["rep", "team"]


# ---------- roles ----------

def test_roles_one_word_rep_and_team():
    turns = [Turn(0, "Dana Ruiz", "buyer", "Hi."), Turn(1, "Lee Chan", "buyer", "Yo."),
             Turn(2, "Sam  Ito", "buyer", "Me too.")]
    out, rep, guessed = roles.assign(turns, "dana", ["SAM ITO"])
    assert [t.role for t in out] == ["rep", "buyer", "team"] and not guessed


def test_roles_ambiguous_one_word_rep_is_guessed():
    turns = [Turn(0, "Dana Ruiz", "buyer", "What does it cost?"),
             Turn(1, "Dana Lee", "buyer", "Our platform pricing is simple; I'll send the order form.")]
    out, rep, guessed = roles.assign(turns, "Dana", [])
    assert guessed and [t.role for t in out] == ["buyer", "rep"]


def test_roles_full_name_rep_matches_first_name_label():
    assert roles.match_speakers("Dana Ruiz", ["Dana", "Lee"]) == ["Dana"]
    assert roles.match_speakers("Dana Ruiz", ["Dana Lee", "Lee"]) == []
    assert roles.split_label("Hannah  (AE)") == ("Hannah", "AE")


def test_missing_rep_is_guessed(tmp_path):
    p = write(tmp_path, "x.txt", "---\ncall_date: 2026-03-02\n---\n"
                                 "Lee: So what's the cost?\nDana: Our pricing is per seat, "
                                 "and we can sign this week.\n")
    t = load_call(p)
    assert t.roles_guessed and t.meta.rep == "Dana"
    assert [x.role for x in t.turns] == ["buyer", "rep"]


# ---------- folders and audio ----------

def test_iter_call_files(tmp_path):
    for name in ["b.txt", "a.vtt", "sub/c.json", "sub/d.wav", "README.md", "labels.csv",
                 "a.meta.yaml", ".hidden.txt", ".git/e.txt", "notes.docx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_call_files(tmp_path)] == [
        "a.vtt", "b.txt", "sub/c.json", "sub/d.wav"]
    assert set(AUDIO_SUFFIXES) <= set(SUPPORTED_SUFFIXES)


def test_audio_seam(tmp_path):
    """A broken recording is one clean InputError naming the file, whatever the audio backend."""
    e = error_of(write(tmp_path, "call.wav", b"RIFF"))
    assert e.path.endswith("call.wav") and "\n" not in e.message


# ---------- malformed inputs ----------

def test_error_empty_file(tmp_path):
    assert error_of(write(tmp_path, "e.txt", "  \n")).message == "file is empty"


def test_error_no_turns(tmp_path):
    e = error_of(write(tmp_path, "e.txt", FRONT + "just some notes without speakers\n"))
    assert e.message.startswith("no turns found")


WINDOWS = ("---\ncall_id: w1\nrep: José Núñez\ncall_date: 2026-03-02\n---\n"
           "José Núñez: We’ll start on the 5th — Señora Lee agreed, it’s “fine”.\n"
           "Lee: Fine by me. The café opens at nine; naïve plan though.\n")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_encodings_are_read_and_noted(tmp_path, encoding):
    text = WINDOWS if encoding == "cp1252" else WINDOWS.translate(str.maketrans("’“”—", "'\"\"-"))
    t = load_call(write(tmp_path, "w.txt", text.encode(encoding)))
    assert [turn.speaker for turn in t.turns] == ["José Núñez", "Lee"]
    assert t.meta.rep == "José Núñez" and t.turns[0].role == "rep"
    assert "Señora" in t.turns[0].text and "café" in t.turns[1].text
    assert t.encoding == "cp1252"  # latin-1 text reads the same in Windows-1252
    if encoding == "cp1252":
        assert "“fine”" in t.turns[0].text


def test_a_windows_encoding_is_noted_on_the_scorecard(tmp_path):
    from analyzer.engine import analyze

    card = analyze(load_call(write(tmp_path, "w.txt", WINDOWS.encode("cp1252"))))
    assert any("cp1252" in note and "UTF-8" in note for note in card.notes)
    assert not analyze(load_call(write(tmp_path, "u.txt", WINDOWS))).notes


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 8,
    b"\x89PNG\r\n\x1a\n" + bytes(2000),
    b"Dana: hi\x00\x00\x00\x01\x02 there\nLee: hello\n" * 20,
])
def test_binary_is_still_refused(tmp_path, content):
    e = error_of(write(tmp_path, "b.txt", content))
    assert e.message.startswith("not a text file")


def test_utf8_with_a_bom_is_still_utf8(tmp_path):
    t = load_call(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + WINDOWS.encode("utf-8")))
    assert t.turns[0].speaker == "José Núñez" and t.encoding == ""


def test_a_parser_bug_is_not_passed_off_as_an_input_error(tmp_path, monkeypatch):
    import analyzer.ingest as ingest

    def buggy(path, source, overrides=None):
        return {}["speaker"]

    monkeypatch.setitem(ingest._PARSERS, ".json", buggy)
    with pytest.raises(KeyError):
        load_call(write(tmp_path, "ok.json", '{"turns": []}'))


def test_error_json_syntax(tmp_path):
    e = error_of(write(tmp_path, "e.json", '{\n  "turns": [\n    {"speaker": "A",}\n  ]\n}'))
    assert e.message.startswith("invalid JSON") and e.line == 3
    assert e.one_line().startswith(f"{tmp_path / 'e.json'}:3: ")


def test_error_json_missing_turns(tmp_path):
    e = error_of(write(tmp_path, "e.json", '{"meta": {"call_date": "2026-01-01"}}'))
    assert '"turns"' in e.message and '"segments"' in e.message


def test_error_json_turn_missing_text(tmp_path):
    doc = {"meta": {"call_date": "2026-01-01"},
           "turns": [{"speaker": "A", "text": "Hi"}, {"speaker": "B"}]}
    assert error_of(write(tmp_path, "e.json", json.dumps(doc))).message == 'turn 2 has no "text"'


def test_error_front_matter_not_closed(tmp_path):
    e = error_of(write(tmp_path, "e.txt", "---\nrep: Dana\ncall_date: 2026-01-01\nDana: hi\n"))
    assert "never closed" in e.message and e.line == 1


def test_error_bad_yaml_front_matter(tmp_path):
    e = error_of(write(tmp_path, "e.txt", "---\nrep: Dana\naccount: [Acme\n---\nDana: hi\n"))
    assert e.message.startswith("bad YAML") and e.line in (3, 4)


def test_error_bad_yaml_sidecar(tmp_path):
    p = write(tmp_path, "s.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: hi\n")
    write(tmp_path, "s.meta.yaml", "rep: A\ncall_date: 2026-01-01\nteam: : :\n")
    e = error_of(p)
    assert e.path.endswith("s.meta.yaml") and e.message.startswith("bad YAML") and e.line == 3


def test_error_unsupported_suffix(tmp_path):
    e = error_of(write(tmp_path, "call.docx", "x"))
    assert e.message.startswith("unsupported file type '.docx'")


def test_error_missing_call_date(tmp_path):
    e = error_of(write(tmp_path, "e.txt", "Dana: hi\nLee: hello\n"))
    assert "no call_date" in e.message
    assert all(w in e.message for w in ("front matter", "e.meta.yaml", "--call-date"))


def test_error_bad_date(tmp_path):
    e = error_of(write(tmp_path, "e.txt", "---\nrep: Dana\ncall_date: 2026-02-30\n---\nDana: hi\n"))
    assert "not a valid ISO date" in e.message and e.line == 3
    e = error_of(write(tmp_path, "f.txt", "Dana: hi\n"), options={"call_date": "March 2"})
    assert e.message.startswith("--call-date:")


def test_error_bad_moment(tmp_path):
    e = error_of(write(tmp_path, "e.txt", FRONT.replace("final_decision", "kickoff") + "Dana: hi\n"))
    assert "moment 'kickoff' is not one of" in e.message and e.line == 6


def test_error_not_webvtt(tmp_path):
    e = error_of(write(tmp_path, "e.vtt", "1\n00:00:01.000 --> 00:00:02.000\nA: hi\n"))
    assert "not a WebVTT file" in e.message and e.line == 1


def test_error_bad_vtt_timestamp(tmp_path):
    e = error_of(write(tmp_path, "e.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: hi\n\n"
                                          "00:00:03.000 --> 00:00:0x.000\nB: yo\n"))
    assert "malformed WebVTT cue" in e.message and e.line == 6


def test_error_bad_srt(tmp_path):
    e = error_of(write(tmp_path, "e.srt", "1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\n"
                                          "2\n00:00:0x,000 --> 00:00:04,000\nB: yo\n"))
    assert "malformed SubRip cue" in e.message and e.line == 5


def test_error_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.txt").message == "file not found"


# ---------- the labelled development set ----------

@pytest.mark.skipif(not LABELLED.is_dir(), reason="labelled calls not present")
def test_every_labelled_call_loads():
    files = iter_call_files(LABELLED)
    assert len(files) == 24
    for path in files:
        t = load_call(path)
        roles_seen = {x.role for x in t.turns}
        assert len(t.turns) >= 6, path
        assert {"rep", "buyer"} <= roles_seen, path
        assert not t.roles_guessed, path
        team = {roles.norm(n) for n in t.meta.team}
        for turn in t.turns:
            assert (turn.role == "team") == (roles.norm(turn.speaker) in team), (path, turn)
            assert turn.text and turn.index == t.turns.index(turn)


@pytest.mark.parametrize("calls", [[{"metaData": "x"}], [{"metaData": {"id": ["1"]}}], {"a": 1},
                                   [{"metaData": {"id": "1"}, "parties": 5}]])
def test_gong_with_odd_call_info_still_loads(tmp_path, calls):
    data = {"meta": {"call_date": "2026-03-02", "rep": "Dana"}, "calls": calls,
            "callTranscripts": [{"callId": "1", "transcript": [
                {"speakerId": "s1", "sentences": [{"start": 0, "end": 900, "text": "Hi there."}]}]}]}
    t = load_call(write(tmp_path, "g.json", json.dumps(data)))
    assert t.turns[0].text == "Hi there."


def test_load_options_keep_engine_options_apart_from_the_metadata():
    from analyzer.ingest import LoadOptions

    opts = LoadOptions.of({"rep": "Dana", "engine": "openai-whisper", "model": "base"})
    assert opts == LoadOptions({"rep": "Dana"}, "openai-whisper", "base")
    assert LoadOptions.of(opts) is opts and LoadOptions.of(None) == LoadOptions()
