"""The meaning layer: packaged encoder, trained heads, no network, teaching, and what it changes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analyzer.engine import analyze
from analyzer.ingest import load_call
from analyzer.meaning import ROLES, load_layer
from analyzer.meaning.corpus import CorpusError, Example, asr_variant, read_jsonl
from analyzer.meaning.encoder import weights_digest
from analyzer.meaning.feedback import add_feedback, from_overrides
from analyzer.meaning.heads import HEADS_DIR, load_heads
from analyzer.meaning.layer import chunks
from analyzer.meaning.params import MeaningParams
from analyzer.model import InputError
from analyzer.rubric import RubricError, parse_rubric
from callmaker import make_call, score

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_calls" / "s01_bramblewood_vet_final_decision.txt"


@pytest.fixture(scope="module")
def layer():
    lay = load_layer()
    assert lay is not None, "the meaning layer must be on with trained heads"
    return lay


def p(layer, role, text, prev="", seller=True):
    return float(layer.score([text], [prev], [seller])[role][0])


def test_every_role_has_a_head_trained_on_this_encoder():
    heads = load_heads(HEADS_DIR, digest=weights_digest())
    assert set(heads) == set(ROLES)
    for h in heads.values():
        assert h.trained_on["positives"] >= 100, h.role
        assert 0.0 < h.metrics["cv_by_writer"]["f1"] <= 1.0


# Sentences written for this test, not taken from the corpus: what a sentence does, not its words.
@pytest.mark.parametrize("role,text,does", [
    ("risk_relief", "If the system doesn't cut your picking errors in ninety days, you get every penny back.", True),
    ("risk_relief", "Try it free for the first two weeks and cancel with one click if it's not for you.", True),
    ("risk_relief", "I can knock ten percent off if you pay for the year upfront.", False),
    ("risk_relief", "Honestly those guarantees other schools advertise are just marketing.", False),
    ("commitment_ask", "Shall I put you down for the Thursday morning install?", True),
    ("commitment_ask", "Can you click the share button at the bottom of your screen?", False),
    ("value_recap", "So what you told me is that you need the new hires productive before the busy season.", True),
    ("value_recap", "The premium tier is forty-nine dollars a month per seat.", False),
    ("seller_urgency", "This price is only good until Friday, then it goes back up.", True),
    ("approver_missing", "I'd have to run it past my husband first, he hasn't seen any of this.", True),
])
def test_heads_judge_meaning(layer, role, text, does):
    """What the detectors rely on: a real act is never vetoed; a look-alike is never counted on
    the head's word alone."""
    seller = role not in ("approver_missing", "buyer_outcome")
    prob = p(layer, role, text, seller=seller)
    params = MeaningParams()
    if does:
        assert prob >= params.veto[role] and prob >= 0.5, (role, text, prob)
    else:
        assert prob < params.accept[role], (role, text, prob)


def test_long_run_ons_are_read_in_windows():
    text = " ".join(f"w{i}" for i in range(60))
    parts = chunks(text)
    assert len(parts) > 1 and parts[0].split()[0] == "w0" and parts[-1].split()[-1] == "w59"
    assert chunks("a short one") == ["a short one"]


def test_a_taught_item_reads_a_sentence_the_same_whatever_is_read_with_it():
    """Items taught by example read one vector per sentence, not moved by the sentences batched
    with it (int8 with per-batch activation scales moved them to a cosine of 0.90 and varied
    with the CPU's kernels, which moved an item across `rubric check`'s bar between machines)."""
    from analyzer.meaning.example_heads import encode_sentences

    texts = ["So you need the new hires productive before the busy season starts.",
             "uh yeah so the the crew would come out the tuesday after and and do the footings",
             "Who else would need to sign off before this goes ahead?"]
    batch = encode_sentences(texts + [f"A long unrelated line number {i} about the weather, the game on "
                                      f"Sunday and what everyone had for lunch today." for i in range(70)])
    for i, text in enumerate(texts):
        assert float(encode_sentences([text])[0] @ batch[i]) > 0.9999, text


def test_nothing_is_fetched_at_run_time(tmp_path):
    """Score a call in a fresh process whose sockets cannot connect, hub variables unset."""
    guard = tmp_path / "sitecustomize.py"
    guard.write_text(
        "import socket\n"
        "def _refuse(*a, **k):\n"
        "    raise OSError('network access attempted during analysis')\n"
        "socket.socket.connect = _refuse\n"
        "socket.create_connection = _refuse\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env["PYTHONPATH"] = f"{tmp_path}{os.pathsep}{ROOT}"
    code = ("from analyzer.engine import analyze; from analyzer.ingest import load_call; "
            "from analyzer.nlp import CallView; import sys; "
            f"t = load_call({str(SAMPLE)!r}); card = analyze(t); v = CallView(t); "
            "assert v.meaning.active; "
            "print(sum(1 for s in v.sentences if (v.meaning.prob(s, 'commitment_ask') or 0) > 0.5))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.strip().splitlines()[-1]) >= 1


def test_a_head_from_another_encoder_is_refused(tmp_path):
    src = json.loads((HEADS_DIR / "risk_relief.json").read_text())
    src["encoder_sha256"] = "0" * 64
    (tmp_path / "risk_relief.json").write_text(json.dumps(src))
    with pytest.raises(RuntimeError, match="another encoder"):
        load_heads(tmp_path, digest=weights_digest())


def test_training_is_deterministic(tmp_path, layer):
    rows = []
    for i in range(12):
        rows.append({"text": f"Want me to book your install for slot {i} this week?", "side": "seller",
                     "roles": ["commitment_ask"]})
        rows.append({"text": f"The panel {i} comes with a standard inverter.", "side": "seller", "roles": []})
    for w in ("a", "b"):
        (tmp_path / "corpus" / w).mkdir(parents=True)
        (tmp_path / "corpus" / w / "x.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    from analyzer.meaning.corpus import load_corpus
    from analyzer.meaning.train import train

    ex = load_corpus(tmp_path / "corpus")
    train(ex, layer.encoder, tmp_path / "h1", roles=("commitment_ask",), cross_validate=False)
    train(ex, layer.encoder, tmp_path / "h2", roles=("commitment_ask",), cross_validate=False)
    a = json.loads((tmp_path / "h1" / "commitment_ask.json").read_text())
    b = json.loads((tmp_path / "h2" / "commitment_ask.json").read_text())
    assert a["weights"] == b["weights"] and a["bias"] == b["bias"]


def test_corpus_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"text": "ok", "roles": []}\n{"text": "x", "roles": ["closing_magic"]}\n')
    with pytest.raises(CorpusError, match=r"x\.jsonl:2: unknown role"):
        read_jsonl(bad)


def test_asr_variant_is_lowercase_without_punctuation():
    ex = Example("Shall I book you in, Maria?", "", True, frozenset({"commitment_ask"}), "w")
    v = asr_variant(ex, 3)
    assert v.text == v.text.lower() and "," not in v.text and "?" not in v.text
    assert v.roles == ex.roles and v.style == "asr"


def test_feedback_and_overrides_become_examples(tmp_path):
    f = tmp_path / "fb.jsonl"
    add_feedback(f, "risk_relief", "Our guarantee is that you'll love the colours.", does=False)
    ex = read_jsonl(f, group="feedback")
    assert ex[0].roles == frozenset() and ex[0].near_miss == "risk_relief" and ex[0].seller

    class Stored:
        call_id = "c1"
        overrides = {"risk_relief": {"status": "fail", "note": "", "author": ""},
                     "pause": {"status": "pass", "note": "", "author": ""}}
        scorecard = {"items": {"risk_relief": {"status": "pass", "evidence": [
            {"quote": "Phase one runs until you hit band six.", "turn": 4, "speaker": "Rep"}]},
            "pause": {"status": "fail", "evidence": []}}}
    rows = from_overrides([Stored()])
    assert rows == [{"text": "Phase one runs until you hit band six.", "prev": "", "side": "seller",
                     "roles": [], "near_miss": "risk_relief", "style": "clean", "group": "feedback",
                     "source": "override c1 risk_relief"}]


def test_rubric_meaning_thresholds_are_checked():
    import yaml
    from analyzer.rubric import default_rubric_path

    assert MeaningParams.from_rubric({"veto": {"risk_relief": 0.1}}).veto["risk_relief"] == 0.1
    base = yaml.safe_load(default_rubric_path().read_text())
    for bad in ({"veto": {"nope": 0.2}}, {"accept": {"risk_relief": 2}}, {"other": {}}):
        with pytest.raises(RubricError, match="facts.meaning"):
            parse_rubric({**base, "facts": {"meaning": bad}})


def test_confidence_is_reported_with_the_evidence():
    card = analyze(load_call(SAMPLE))
    ask = card.items["dated_ask"]
    assert ask.status == "pass"
    assert 0.5 <= ask.evidence[0].confidence <= 1.0
    assert "confidence" in ask.evidence[0].to_dict()
