"""Role probabilities for the sentences of one call, computed once and shared by detectors."""
from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache

import numpy as np

from .encoder import DIM, Encoder, EncoderMissing, shared_encoder, weights_digest
from .heads import Head, features, for_role, load_heads
from ..cues import cues
from .params import ANY, SELLER, MeaningParams
from .roles import ROLES

MIN_WORDS = 3  # "Sounds good." does nothing a detector asks about
CHUNK_WORDS, CHUNK_STRIDE, LONG = 22, 14, 26  # raw ASR run-ons are read in overlapping windows


def chunks(text: str) -> list[str]:
    words = text.split()
    if len(words) <= LONG:
        return [text]
    starts = range(0, max(len(words) - CHUNK_WORDS, 0) + CHUNK_STRIDE, CHUNK_STRIDE)
    return [" ".join(words[i:i + CHUNK_WORDS]) for i in starts if words[i:i + CHUNK_WORDS]]


class MeaningLayer:
    """The encoder and the trained heads."""

    def __init__(self, heads: dict[str, Head], encoder: Encoder):
        self.heads = heads
        self.encoder = encoder

    def score(self, texts: list[str], prevs: list[str], sellers: list[bool]) -> dict[str, np.ndarray]:
        """Probability per role for each (text, previous turn, side); long texts by their best window."""
        pieces, owner = [], []
        for i, t in enumerate(texts):
            for c in chunks(t):
                pieces.append(c)
                owner.append(i)
        uniq = sorted(set(pieces) | {p for p in prevs if p})
        vecs = dict(zip(uniq, self.encoder.encode(uniq)))
        zero = np.zeros(DIM, dtype=np.float32)
        x = features(np.stack([vecs[p] for p in pieces]) if pieces else np.zeros((0, DIM), np.float32),
                     np.stack([vecs[prevs[i]] if prevs[i] else zero for i in owner]) if pieces
                     else np.zeros((0, DIM), np.float32),
                     np.array([sellers[i] for i in owner], dtype=np.float32))
        owner_arr = np.array(owner, dtype=int)
        out = {}
        for role, head in self.heads.items():
            p = head.predict(for_role(x, role)) if len(x) else np.zeros(0)
            best = np.zeros(len(texts), dtype=np.float32)
            if len(p):
                np.maximum.at(best, owner_arr, p.astype(np.float32))
            out[role] = best
        return out


@lru_cache(maxsize=1)
def load_layer() -> MeaningLayer | None:
    """The layer, or None when it is switched off (CALLREVIEW_MEANING=off) or no head is trained."""
    if os.environ.get("CALLREVIEW_MEANING", "on").lower() in ("off", "0", "false", "no"):
        return None
    try:
        heads = load_heads(digest=weights_digest())
    except EncoderMissing:
        return None
    if not heads:
        return None
    return MeaningLayer(heads, shared_encoder())


class SentenceRoles:
    """What each sentence of a call does, by probability; computed on first use."""

    def __init__(self, view, layer: MeaningLayer | None, params: MeaningParams | None = None):
        self.view = view
        self.layer = layer
        self.params = params or MeaningParams()
        self._probs: dict[str, np.ndarray] | None = None
        self._rows: dict[int, int] = {}

    @property
    def active(self) -> bool:
        return self.layer is not None

    def context(self, sent) -> str:
        """The other side's last sentence just before this turn ("" when the same side spoke)."""
        turn = sent.turn
        if turn.index == 0:
            return ""
        prev = self.view.turns[turn.index - 1]
        if prev.is_seller == turn.is_seller:
            return ""
        said = self.view.by_turn.get(prev.index, [])
        return said[-1].text.strip() if said and len(said[-1].text.split()) >= MIN_WORDS else ""

    def _in_net(self, s) -> bool:
        """The cascade's cheap first stage: is this sentence worth the encoder?"""
        return bool(self._nets_caught(s))

    def _nets_caught(self, s) -> frozenset[str]:
        """The roles whose nets catch this sentence (a seller question or a date a target or a
        step could have is caught for every role)."""
        if len(s.text.split()) < MIN_WORDS:
            return frozenset()
        if s.is_question and s.is_seller or any(
                d.date and not d.vague and d.date >= self.view.call_date for d in s.dates):
            return frozenset(self.params.nets)
        return self._word_nets(s)

    def _word_nets(self, s) -> frozenset[str]:
        """The roles whose own word net catches this sentence."""
        return frozenset(role for role, side, net in self._nets()
                         if (side == ANY or (side == SELLER) == s.is_seller) and net.search(s.text))

    def _nets(self):
        """Nets of the roles whose heads may count a sentence on their own (accept < 1); the
        others are read only where a rule asks (on demand)."""
        if not hasattr(self, "_net_cache"):
            self._net_cache = [(role, side, cues(*pats)) for role, (side, pats) in self.params.nets.items()
                               if pats and self.params.accept.get(role, 1.0) < 1.0]
        return self._net_cache

    def _score(self, rows) -> dict[str, np.ndarray]:
        return self.layer.score([s.text.strip() for s in rows], [self.context(s) for s in rows],
                                [s.is_seller for s in rows])

    def _compute(self):
        caught = {s.index: self._nets_caught(s) for s in self.view.sentences}
        self._caught = caught
        rows = [s for s in self.view.sentences if caught[s.index]]
        self._rows = {s.index: i for i, s in enumerate(rows)}
        self._probs = self._score(rows)
        self._extra: dict[int, dict[str, float]] = {}

    def prob(self, sent, role: str, read: bool = True) -> float | None:
        """P(sentence does `role`); None when the layer is off or has no head for the role.
        A sentence outside the nets that a rule asks about is read on demand (`read`)."""
        if self.layer is None or role not in self.layer.heads:
            return None
        if self._probs is None:
            self._compute()
        row = self._rows.get(sent.index)
        if row is not None:
            return float(self._probs[role][row])
        if len(sent.text.split()) < MIN_WORDS:
            return None  # "July 1." says too little for the heads: the rules decide
        if sent.index not in self._extra:
            if not read:
                return None
            probs = self._score([sent])
            self._extra[sent.index] = {r: float(p[0]) for r, p in probs.items()}
        return self._extra[sent.index][role]

    def read_ahead(self, sentences) -> None:
        """Read in one batch the sentences a rule is about to ask about: one encoder pass costs
        a few milliseconds however short, so a detector names its candidates first."""
        if self.layer is None:
            return
        if self._probs is None:
            self._compute()
        todo = list({s.index: s for s in sentences if s is not None and s.index not in self._rows
                     and s.index not in self._extra and len(s.text.split()) >= MIN_WORDS}.values())
        if not todo:
            return
        probs = self._score(todo)
        for i, s in enumerate(todo):
            self._extra[s.index] = {r: float(p[i]) for r, p in probs.items()}

    def vetoes(self, sent, role: str) -> bool:
        """The head is sure the sentence does NOT do `role` (never when the layer is off)."""
        p = self.prob(sent, role)
        return p is not None and p < self.params.veto[role]

    def confirms(self, sent, role: str) -> bool:
        """The head is sure the sentence does `role`, cue phrase or not."""
        accept = self.params.accept[role]
        if accept >= 1.0:
            return False
        p = self.prob(sent, role, read=False)
        if p is None or p < accept or role not in self._caught.get(sent.index, ()):
            return False
        # a role with a word net counts a sentence on its own only when one of its words is
        # there: a question mark or a date gets a sentence read, not accepted ("Is now still a
        # good time?" is no commitment ask however sure the head is)
        return not self.params.nets.get(role, (None, ()))[1] or role in self._word_nets(sent)

    def evidence(self, sent, role: str, quote: str | None = None):
        """The sentence as evidence, with the head's confidence that it does `role`."""
        ev = sent.evidence(quote)
        p = self.prob(sent, role)
        return ev if p is None else replace(ev, confidence=round(p, 2))

    def all(self, role: str) -> list[tuple[object, float]]:
        """(sentence, probability) for every sentence, in call order."""
        if self.layer is None or role not in self.layer.heads:
            return []
        return [(s, self.prob(s, role)) for s in self.view.sentences]


__all__ = ["MeaningLayer", "SentenceRoles", "load_layer", "ROLES"]
