"""Steps handed to named people without dates: the raw material of a process close.

"Deb Okafor will pull your report, Ray Castillo may ask for photos", "your transcripts go to
Mr Delgado, Professor Lin reviews the statement": a seller turn that says who does what next,
with two or more named people, is a process laid out even when no step has a date (the
checklist's `process`: steps and owners, no dated ask). Past events ("Helen signed off last
year") and states ("Amara is our lead coach") are not steps.

Names come from the tagger (proper nouns), the speakers' names, a title before a word
("mr delgado") and, for a candidate turn only, spaCy's entity recogniser, which the pipeline
keeps loaded but switched off for speed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp import CallView, Sentence, load_pipeline
from .vocab import NOT_NAMES

# verbs that name no step a person takes on the way to the purchase
_NOT_STEPS = frozenset({
    "be", "have", "say", "think", "know", "feel", "like", "love", "want", "tell", "mention",
    "seem", "look", "hear", "see", "talk", "mean", "guess", "hope", "wish", "get", "go", "come",
    "laugh", "joke", "live", "die", "include", "care", "shine", "behave", "cover", "enjoy",
    "work", "need", "remember", "forget", "hate", "prefer", "use",
})
# "to / with NAME" after these verbs hands the step to that person
_HANDING = frozenset({"go", "take", "send", "share", "hand", "forward", "pass", "route", "bring",
                      "connect", "introduce"})
_GROUPS = frozenset({"team", "crew", "office", "department", "group", "people", "folks", "shop"})
# words a role may follow that name nobody: "today our crew comes out", "everyone in our office"
_NOT_PEOPLE = frozenset({"today", "tomorrow", "tonight", "everyone", "everybody", "someone", "somebody", "anyone",
                         "anybody", "nobody", "time", "week", "month", "year", "morning", "afternoon", "evening",
                         "night", "weekend", "day", "thing", "stuff", "work", "job", "everything", "something"})
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "professor", "doctor"})
# a person's place or role right after the name: "Priya in our office", "Jess at the front desk",
# "Tomás, my paralegal"
_ROLE_AFTER = re.compile(r"(?i)^(?:in|at|from|on) (?:(?:our|the|my) (?:\w+ )?(?:office|front desk|desk|team|staff|clinic|shop|studio)"
                         r"|(?:our |the )?(?:billing|scheduling|admissions|finance|accounts|support|dispatch))\b|"
                         r"^,? ?(?:my|our) \w+")
_NEXT = re.compile(r"\b(?:will|'ll|would|'d|then|next|after that|from here|once)\b", re.I)


@dataclass(frozen=True)
class Handoff:
    name: str
    verb: str
    sentence: Sentence


def handoffs(view: CallView) -> tuple[Handoff, ...]:
    """Steps with named owners from every seller turn that hands steps to two or more people."""
    out: list[Handoff] = []
    for turn, doc in zip(view.turns, view.docs):
        if not turn.is_seller or not _NEXT.search(turn.text) or not _candidate(view, doc):
            continue
        found = _in_turn(view, turn, doc)
        if len({h.name.lower() for h in found}) >= 2:
            out.extend(found)
    return tuple(out)


def _candidate(view: CallView, doc) -> bool:
    names = [t for t in doc if t.is_alpha and ((t.tag_ in ("NNP", "NNPS") and t.i > 0)
             or t.lower_ in view.speaker_names or t.lower_ in _TITLES or _named_by_role(t))]
    return len(names) >= 2


def _named_by_role(tok) -> bool:
    """A word followed by its owner's place or role is a name, capitalised or not (raw ASR):
    "kayla in our office writes up the quote", "danny our templater comes out", "Tasha in our
    office sends you the packet" at the start of a sentence. Not "everyone in our office"."""
    if not tok.is_alpha or tok.lower_ in NOT_NAMES or tok.lower_ in _GROUPS or tok.lower_ in _NOT_PEOPLE \
            or tok.tag_ in ("NNS", "NNPS") \
            or tok.pos_ not in ("PROPN", "NOUN") or len(tok) < 3:
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].pos_ in ("DET", "PRON", "ADJ", "NUM"):
        return False  # "the guy in our office", "my daughter, my …"
    return bool(_ROLE_AFTER.match(tok.doc[tok.i + 1:tok.i + 5].text))


def _in_turn(view: CallView, turn, doc) -> list[Handoff]:
    """Candidates from the parse alone first; the entity recogniser (the costly part) runs only
    on a turn where two or more named people take steps, to drop organisations ("Google")."""
    me = turn.speaker.split()[0].lower() if turn.speaker.split() else ""

    def name_like(tok) -> bool:
        low = tok.lower_
        if low in NOT_NAMES or low == me or not tok.is_alpha:
            return False
        if low in view.speaker_names or (tok.i > 0 and tok.doc[tok.i - 1].lower_.rstrip(".") in _TITLES) \
                or _named_by_role(tok):
            return True
        full_name = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].tag_ in ("NNP", "NNPS") \
            or tok.i > 0 and tok.doc[tok.i - 1].tag_ in ("NNP", "NNPS")  # "Rachel Kim, our VP, reviews…"
        return tok.tag_ in ("NNP", "NNPS") and tok.text[0].isupper() and (not tok.is_sent_start or full_name)

    found = []
    for tok in doc:
        head, who = tok.head, None
        if tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB" \
                and head.lemma_.lower() not in _NOT_STEPS and head.tag_ != "VBD":
            if name_like(tok):
                who = tok
            elif tok.lower_ == "you" and tok.i >= 2 and doc[tok.i - 1].text == "," \
                    and name_like(doc[tok.i - 2]):  # "Marcus, you'd share it with Helen"
                who = doc[tok.i - 2]
        elif tok.dep_ == "pobj" and head.lower_ in ("to", "with") and head.head.pos_ == "VERB" \
                and head.head.lemma_.lower() in _HANDING and name_like(tok):
            who = tok
        elif tok.dep_ == "dobj" and head.lemma_.lower() in ("get", "have", "ask") and name_like(tok) \
                and any(c.dep_ in ("xcomp", "advcl", "ccomp") and c.i > tok.i and c.lemma_.lower() not in _NOT_STEPS
                        for c in head.children):
            who = tok  # "I'll get Jess at the front desk to email you the course pack"
        elif tok.dep_ == "poss" and head.lower_ in _GROUPS and head.dep_ in ("nsubj", "nsubjpass") \
                and head.head.pos_ == "VERB" and head.head.lemma_.lower() not in _NOT_STEPS \
                and head.head.tag_ != "VBD" and name_like(tok):
            who = tok  # "Then Kim's team orders the appraisal"
        elif tok.dep_ == "conj" and head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ == "VERB" \
                and head.head.lemma_.lower() not in _NOT_STEPS and name_like(tok):
            who = tok  # "you and Greg look it over"
        elif tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].lower_ in ("he", "she") \
                and tok.text[:1].isupper() and tok.is_alpha and tok.lower_ not in NOT_NAMES and tok.lower_ != me:
            who = tok  # "Tomasz, he's our inspector, gets up on the roof"
        elif tok.dep_ == "nsubj" and head.lemma_ == "be" and name_like(tok) and (one := next(
                (c for c in head.children if c.dep_ == "attr" and c.lower_ == "one"), None)) is not None \
                and (does := next((c for c in one.children if c.dep_ == "relcl" and c.lemma_.lower() not in _NOT_STEPS), None)):
            who, head = tok, does  # "Tasha in billing is the one who handles the application"
        elif who is None and _named_by_role(tok):
            # raw ASR parses badly ("from here kayla in our office writes up the quote"): the
            # first present-tense step verb after the name and its role
            verb = next((t for t in doc[tok.i + 1:tok.i + 10] if t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBZ", "VBP", "MD")
                         and t.lemma_.lower() not in _NOT_STEPS and t.lemma_.lower() not in ("will", "would")), None)
            if verb is not None:
                who, head = tok, verb
        if who is not None:
            found.append((who, head.lemma_))
    if len({w.lower_ for w, _ in found}) < 2:
        return []
    persons, others = _entities(doc)
    sentences = view.by_turn.get(turn.index, [])
    out = []
    for who, verb in found:
        low = who.lower_
        if low in others and low not in persons and low not in view.speaker_names \
                and low not in view.introduced_names and not _ROLE_AFTER.match(
                doc[who.i + 1:who.i + 5].text):
            continue  # an organisation or a product, not a person ("Priya in our office" is one)
        sent = next((s for s in sentences if s.char_start <= who.idx < s.char_end), None)
        if sent is not None:
            out.append(Handoff(who.text.title() if who.text.islower() else who.text, verb, sent))
    return out


def _entities(doc) -> tuple[set[str], set[str]]:
    """Words of PERSON entities, and words of every other entity (an ORG is no owner)."""
    doc = load_pipeline().get_pipe("ner")(doc.copy())
    persons = {w.lower() for e in doc.ents if e.label_ == "PERSON" for w in e.text.split()}
    others = {w.lower() for e in doc.ents if e.label_ != "PERSON" for w in e.text.split()}
    return persons, others
