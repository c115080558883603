"""Who owns a step: a name before it, a list read aloud, a crew, or an ASR address."""
from __future__ import annotations

from dataclasses import replace

import re

from ..nlp import CallView, Sentence
from .facts import DatedStep
from .vocab import NOT_NAMES, stop_words


class OwnersMixin:
    def owner(self, view: CallView, sent: Sentence, step) -> str | None:
        """The person named nearest before the step in its sentence, when the sentence assigns
        ownership ("Leah, your team completes the security sign-off", "Ravi's change window")."""
        text = sent.text
        names = [n for n in self._names_in(view, text) if n[0] < step[0] and step[0] - n[0] <= 70
                 and not _PLACE_BEFORE.search(text[:n[0]])]  # "at your Newark hangar": a place
        if re.search(r"\b(?:I(?:'ll| will| can)? (?:own|do|handle|take|run)|me on)\b",
                     text[max(0, step[0] - 30):step[0]], re.I):
            return sent.speaker
        if names:
            start, name = names[-1]
            possessive = re.match(rf"{re.escape(name)}['’]s\b", text[start:])
            if _WANTS_IT.match(text[start + len(name):step[0]]):
                pass  # "Halvorsen's vendor-risk team wants the report uploaded": who asks for it, not who does it
            elif possessive or self._owner_cues.search(text) or text[start + len(name):].startswith(",") \
                    or _does_it(sent, start, name):  # "Jerome puts the hitch on the truck May 20th"
                return view.speaker_names.get(name.lower(), name)
        with_whom = _WITH_WHOM.match(text[step[1]:step[1] + 45])  # "the check on the 25th is with Dr. Okafor"
        held = with_whom is not None and (re.match(r"[^.;]{0,25}?\b(?:is|'s|will be|would be) with", with_whom.group(0))
                                          or _MEETING.search(text[step[0]:step[1] + with_whom.start(1)]))
        # work finished together with someone: "the financing has to be wrapped up with ashley"
        done_with = _DONE_WITH.match(text[step[1]:step[1] + 60])
        if done_with and done_with.group(1).lower() in view.speaker_names \
                and done_with.group(1).lower() not in NOT_NAMES:
            return view.speaker_names[done_with.group(1).lower()]
        if held:  # a meeting held with someone, not "integration with Okta"
            who = with_whom.group(1)
            if who.lower() == "me":
                return sent.speaker
            if who.lower() in {*view.speaker_names, *view.mentioned_names} and who.lower() not in NOT_NAMES:
                return view.speaker_names.get(who.lower(), who)
        listed = re.match(r"\s*[:,–-]\s*([A-Z][a-z]+)\b", text[step[1]:step[1] + 25])
        if listed and listed.group(1).lower() in {*view.speaker_names, *view.mentioned_names} \
                and listed.group(1).lower() not in NOT_NAMES:
            return view.speaker_names.get(listed.group(1).lower(), listed.group(1))  # "Signature: Keiko, Sep 25"
        crew = _CREW.search(text[max(0, step[0] - 40):step[0]]) or _CREW.search(text[step[1]:step[1] + 60])
        if crew and crew.group(1).lower() not in _NOT_OWNERS:
            name = crew.group(1)
            return view.speaker_names.get(name.lower(), name if name[0].isupper() else name.title())
        if text.islower():  # raw ASR: "priya owns the security review", "denise you'd get us the import"
            spoken = _ASR_OWNER.search(text[max(0, step[0] - 40):step[1] + 40]) \
                or _ASR_ADDRESSED.search(text[max(0, step[0] - 60):step[0]])
            if spoken and spoken.group(1) not in _NOT_OWNERS | NOT_NAMES \
                    and spoken.group(1) not in stop_words():
                return spoken.group(1).title()
        return None

    def _any_owner(self, view: CallView, sent: Sentence) -> str | None:
        names = [n for n in self._names_in(view, sent.text) if not _PLACE_BEFORE.search(sent.text[:n[0]])]
        return view.speaker_names.get(names[0][1].lower(), names[0][1]) if names else None

    def _names_in(self, view: CallView, text: str) -> list[tuple[int, str]]:
        found = []
        for m in re.finditer(r"\b([A-Za-z][a-z]+)\b", text):
            word = m.group(1)
            low = word.lower()
            if low in NOT_NAMES:
                continue
            if low in view.speaker_names or (word[0].isupper() and low in view.mentioned_names) \
                    or low in view.introduced_names:
                found.append((m.start(), word))
        return found

    def _attach_owners(self, view: CallView, milestones: list[DatedStep]) -> list[DatedStep]:
        """Owner sentences that name a step without a date ("Keisha, you own training")."""
        out = []
        for m in milestones:
            if m.owner and m.owner.lower() == m.step.lower():
                m = replace(m, owner=None)  # "Sod has to go down by the 16th": the step's own word owns nothing
            if m.owner:
                out.append(m)
                continue
            owner = None
            for sent in view.sentences:
                if sent.index < m.sentence.index:
                    continue
                owner = self._handed_out(view, sent, m) or _does_it_next(view, sent, m, self._names_in) \
                    or self._answers_who(view, sent, m)
                if owner:
                    break
                if not self._owner_cues.search(sent.text):
                    continue
                for s in self.step_spans(sent.text):
                    if s[3] == m.step or m.step in s[2].lower().split():  # "survey" = "your survey"
                        owner = self.owner(view, sent, s) or self._any_owner(view, sent)
                        if owner:
                            break
                if not owner and sent.index <= m.sentence.index + 1 and not sent.dates:
                    names = self._names_in(view, sent.text)
                    if names and sent.turn.index - m.sentence.turn.index <= 1:
                        owner = view.speaker_names.get(names[0][1].lower(), names[0][1])
                if owner:
                    break
            owner = owner or _stated_owner(view, m)
            if owner and owner.lower() == m.step.lower():
                owner = None
            out.append(replace(m, owner=owner) if owner else m)
        return out

    def _answers_who(self, view: CallView, sent: Sentence, m: DatedStep) -> str | None:
        """The other side asked who does the step, and this turn opens with the name: "who's gonna
        be here on the crane day?" / "luis my foreman, he runs all the crane jobs"."""
        said = view.by_turn.get(sent.turn.index, [])
        if sent.turn.index == 0 or not said or said[0].index != sent.index:
            return None
        asked = view.by_turn.get(sent.turn.index - 1, [])[-1:]
        if not asked or asked[0].is_seller == sent.is_seller or not _WHO.search(asked[0].text):
            return None
        words = {w[:5] for w in re.findall(r"[a-z]{4,}", m.step.lower()) if w not in stop_words()}
        if not words & {w[:5] for w in re.findall(r"[a-z]{4,}", asked[0].lower)}:
            return None
        names = [(at, name) for at, name in self._names_in(view, sent.text) if at <= 12]
        if names:
            return view.speaker_names.get(names[0][1].lower(), names[0][1])
        role = _NAME_AND_ROLE.match(sent.text)
        if role and role.group(1).lower() not in NOT_NAMES and role.group(1).lower() not in stop_words():
            return role.group(1).capitalize()
        return None

    def _handed_out(self, view: CallView, sent: Sentence, m: DatedStep) -> str | None:
        """A plan read out as names and their steps: "Dev on the interviews", "Tanya for the
        exam on the 27th", "Priya on the 17th", "kevin's ramp on the twenty first". The step's
        own word or its day must follow the name."""
        found = view.__dict__.setdefault("_named_hands", {})  # read once per sentence and call
        if sent.index not in found:
            found[sent.index] = named_hands(view, sent.text)
        if not found[sent.index]:
            return None
        words = {w[:5] for w in re.findall(r"[a-z]{4,}", f"{m.step} {m.step_text}".lower())
                 if w not in stop_words() and w not in NOT_NAMES}
        for name, what, start, end, possessive in found[sent.index]:
            said = {w[:5] for w in re.findall(r"[a-z]{4,}", what.lower())}
            on_day = any(d.date == m.date for d in sent.dates if start <= d.start < end + 12)
            if on_day or words & said and not possessive:  # "Sparky's does good work": a firm
                return view.speaker_names.get(name.lower(), name)
        return None

    # --- target -----------------------------------------------------------------------------


def named_hands(view: CallView, text: str) -> list[tuple[str, str, int, int, bool]]:
    """(name, what they are handed, where it starts and ends, said as a possessive) for each named person handed a
    piece of the plan: "Dev on the interviews", "Dave, our crew lead, on pack day", "Luis's paint"."""
    out = []
    for hand in _STEP_WITH.finditer(text):  # "the measure on the nineteenth with mike"
        name = hand.group(2)
        if name.lower() in view.introduced_names or name.lower() in view.speaker_names \
                or name[0].isupper() and name.lower() in view.mentioned_names:
            if name.lower() not in NOT_NAMES | _NOT_OWNERS:
                out.append((name, hand.group(1), hand.start(1), hand.end(1), False))
    hands = []
    for hand in (*_overlapping(_HANDED, text), *_POSSESSED.finditer(text)):
        name = hand.group(1)
        # raw ASR has no capitals: only the people on the call count there ("kickoff" is no name)
        known = name.lower() in view.speaker_names or name[0].isupper() and name.lower() in view.mentioned_names \
            or name.lower() in view.introduced_names  # "my brother mike", "renee in our office"
        if not known or name.lower() in NOT_NAMES | _NOT_OWNERS or _PLACE_BEFORE.search(text[:hand.start(1)]):
            continue  # "you land in Lisbon on August 25th": a place
        hands.append((name, hand.start(1), hand.start(2), hand.end(2), hand.re is _POSSESSED))
    for name, _, start, end, possessive in hands:
        # raw ASR runs the hands together: "denise on the tagging kevin on pickup day"
        end = min([end] + [at for _, at, *_ in hands if start < at < end])
        what = text[start:end].rstrip()
        if _NO_PIECE.search(what):
            continue  # "Jordan's mom": a person, not a piece of the plan; "denise with both plans": what is sent
        out.append((name, what, start, end, possessive))
    return out


_WANTS_IT = re.compile(r"(?i)^(?:['’]s)?(?: [\w-]+){0,3} (?:wants?|needs?|asks? for|requires?|expects?)\b")
# what is handed is a person, or the papers and options sent, not a step
_NO_PIECE = re.compile(r"(?i)^\W*(?:(?:the|both|all|your|our|his|her|their|two|three)\s+)*(?:mom|mum|dad|mother|father|wife|husband|"
                       r"son|daughter|kids?|brother|sister|parents?|family|partner|friend|plans?|options?|proposals?|quotes?|"
                       r"pric\w+|brochures?|packages?|documents?|docs?|paperwork|"
                       # a place: "so Dr. Feld's office has it"
                       r"office|practice|clinic|desk|building|house|place|fax)\b")


def _stated_owner(view: CallView, m: DatedStep) -> str | None:
    """Who a sentence anywhere in the call says owns the step: "Priya owns the data migration",
    "Dana runs first-pass review", "the final review is mine"."""
    stated = view.__dict__.get("_owner_statements")
    if stated is None:  # (sentence, name, what they own, the tagger reads the name as a proper noun)
        stated = view.__dict__["_owner_statements"] = [
            *((sent, *_first_name(sent, who), _topic(sent.text[:who.start()]) + _what_it_is(view, sent, who.group("what")))
              for sent in view.sentences for who in _OWNS.finditer(sent.text)),
            *((sent, "mine", False, mine.group(1)) for sent in view.sentences
              for mine in _IS_MINE.finditer(sent.text)),
            *((sent, day.group(2), False, day.group(1)) for sent in view.sentences if sent.dates
              for day in _DAY_WITH.finditer(sent.text)),
            # "I'll take the Acroprint integration myself"
            *((sent, "me", False, took.group(1)) for sent in view.sentences
              if not sent.dates  # "i'll do the bloodwork thursday": their own errand that day
              for took in _I_TAKE.finditer(sent.text)),
            *((sent, yours.group(1), _proper_noun_at(sent, yours.start(1)), yours.group(2)) for sent in view.sentences
              for yours in _IS_YOURS.finditer(sent.text)),
            # a list of hands in other turns: "Devin on the integration, Tanya on the master file"
            *((sent, name, True, what) for sent in view.sentences if not sent.dates
              for name, what, _, _, possessive in named_hands(view, sent.text) if not possessive)]
    # the step's words, and the things its own clause names ("the Acroprint integration and the
    # new table configured by November 18" is the integration too)
    words = _stems(m.step.lower() + " " + _clause_nouns(m))
    for sent, name, tagged, what in stated:
        said = _stems(what.lower())
        if not words or not words & said:
            continue
        if name.lower() in ("mine", "me"):
            if re.match(r"(?i)(?:speaker|spk|unknown)\b", sent.speaker):
                continue  # "Speaker 2" names nobody
            return sent.speaker
        low = name.lower()
        if low in NOT_NAMES | _NOT_OWNERS or low in stop_words():
            continue
        if low in view.speaker_names or name[0].isupper() and (tagged or low in view.mentioned_names) \
                or low in view.introduced_names:
            return view.speaker_names.get(low, name)
    return None


def _stems(text: str) -> set[str]:
    """Content words cut to a rough stem: "runs" and "run", "drafts" and "drafted" meet."""
    return {w.rstrip("s")[:5] for w in re.findall(r"[a-z]{3,}", text) if w not in stop_words()}


def _what_it_is(view: CallView, sent: Sentence, what: str) -> str:
    """"Dev will handle that": what "that" is, the line before names it."""
    if what.strip().lower() not in ("that", "it", "this", "those", "them"):
        return what
    before = view.beside(sent, -1)
    return before.text if before is not None else what


def _clause_nouns(m: DatedStep) -> str:
    """The nouns of the clause in front of the step's date, in its own sentence."""
    sent = m.sentence
    if sent.span is None or m.mention is None:
        return ""
    base = sent.span.start_char
    lo = max([0] + [d.end for d in sent.dates if d.end <= m.mention.start]
             + [x.end() for x in re.finditer(r"[,;:—]", sent.text[:m.mention.start])])
    return " ".join(t.lower_ for t in sent.span if lo <= t.idx - base < m.mention.start and t.pos_ in ("NOUN", "VERB"))


def _topic(before: str) -> str:
    """"And prints — my husband Tom is going to do the picking": the step named up front."""
    head = re.match(r"\s*(?:and |so |oh |okay )?([\w' ]{3,30}?)\s*[—:]", before, re.I)
    return head.group(1) + " " if head else ""


def _first_name(sent: Sentence, m: re.Match) -> tuple[str, bool]:
    """"Dana Whitfield runs" -> Dana; "And Priya owns" -> Priya; with whether the tagger reads it
    as a proper noun (then it is known however rarely it was said)."""
    # "my husband Tom is going to do …": the capitalised word after a lower-case one is the name
    group = "next" if m.group("next") and (m.group("name").lower() in stop_words()
                                           or m.group("name").islower()) else "name"
    return m.group(group), _proper_noun_at(sent, m.start(group))


def _proper_noun_at(sent: Sentence, start: int) -> bool:
    if sent.span is None:
        return False
    base = sent.span.start_char
    tok = next((t for t in sent.span if t.idx - base == start), None)
    return tok is not None and tok.tag_ == "NNP" and tok.text[0].isupper()


def _overlapping(pattern: re.Pattern, text: str):
    """Every match, each starting one word after the last one's start ("who's doing what janet
    on credentialing": "janet on credentialing" too)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def _does_it_next(view: CallView, sent: Sentence, m: DatedStep, names_in) -> str | None:
    """The line right after a step's day says who does it: "Friday the thirteenth. The lab sends
    it back that morning and Dr. Alvarez tries it in"."""
    if sent.index != m.sentence.index + 1 or sent.turn.index != m.sentence.turn.index or sent.dates:
        return None
    for start, name in names_in(view, sent.text):
        if _does_it(sent, start, name) and _IT_AFTER.match(sent.text[start + len(name):]):
            return view.speaker_names.get(name.lower(), name)
    return None


_IT_AFTER = re.compile(r"\s+\w+\s+(?:it|that|them)\b")


def _does_it(sent: Sentence, start: int, name: str) -> bool:
    """The name is the subject of the verb right after it: "Jerome puts", "carlos pulls"."""
    if sent.span is None:
        return False
    base = sent.span.start_char
    at = next((t for t in sent.span if t.idx - base == start), None)
    if at is None or at.i + 1 >= sent.span.end:
        return False
    nxt = at.doc[at.i + 1]
    # what someone did is history, and "Eli starts swim lessons" names who takes part, not who does the work
    return at.dep_ == "nsubj" and nxt.tag_ in ("VBZ", "VBP", "MD") and nxt.lemma_ not in _NOT_DOING


_NOT_DOING = {"be", "have", "say", "think", "start", "begin", "ask", "want", "need", "like", "love", "get",
              "know", "go", "come", "hate", "mean", "feel"}
# "Dev on the interviews", "Tanya for the exam", "Eli with Bridge Street", "Sam doing the measuring"
_HANDED = re.compile(r"\b([^\W\d_][^\W\d_A-Z]+)(?:['’]s (?:team|crew))?(?:, (?:our|your|the|my|his|her) [\w ]{2,25},)? (?:is )?"
                     r"(?:on|for|doing|handling|with|owns|takes|has|does|runs|handles|pulls together|sorting(?: out)?|"
                     r"booking|arranging|organi[sz]ing|covering|holds?|holding)"  # "Chef Aurelio hold May eighth for the tasting"
                     r" ((?:the |your |his |her |their |our )?[\w' -]{3,40}?)(?=[,;.—]| and | then |$)")
# "the install on the twenty fifth with dwayne": a step, its day, and who does it
_STEP_WITH = re.compile(r"\b(?:the|your|our) ([a-z]{3,}(?: [a-z]{3,})?) on (?:the )?(?:[a-z]+ ){0,2}?[a-z]+ with ([A-Za-z][a-z]+)\b")
# "kevin's ramp on the twenty first", "Luis's paint": a named person's piece of the work
_POSSESSED = re.compile(r"\b([^\W\d_][^\W\d_A-Z]+)['’]s ((?:[a-z]+ ){0,2}[a-z]{3,})\b")
# "Priya owns the data migration", "Dana Whitfield runs first-pass review", "ramon does the tasting"
_OWNS = re.compile(r"\b(?P<name>[^\W\d_]{3,})(?: (?P<next>[A-Z][a-z]+))?,?(?: |(?=['’]))(?:owns|will own|'ll own|runs|will run|'ll run|handles|will handle|"
                   r"(?:is|['’]s) (?:running|handling|owning)|can run|can handle|can do|"
                   r"'ll handle|is handling|does|will do|'ll do|is doing|takes care of|pulls together|is on|'s on|"
                   r"(?:is|'s) (?:going to|gonna) do|will be doing|"
                   # "So Marco's going to be your installer": the one who does the install
                   r"(?:is|['’]s|will be|['’]ll be)(?: going to be| gonna be)?(?= (?:your|the|our) \w+(?:er|or|ist)\b)) "
                   r"(?P<what>(?:all of |most of )?(?:the |our |your |their |his |her )?[\w' -]{3,40}?)(?=[,;.?!—]| and | then |$)")
# "Survey's Friday the 10th with Luis.": a step, its day, and who comes for it
_DAY_WITH = re.compile(r"\b((?i:[a-z]{4,}))(?:['’]s| is| on) (?:[\w,]+ ){1,4}?with ([A-Z][a-z]+)\b")
# "the final review is mine", "the export, that's always me"
_I_TAKE = re.compile(r"(?i)\bI(?:'ll| will|'m going to|'m gonna| can)(?: just)? (?:take|handle|own|run|do) (?:the |our |that )?"
                     r"([\w' -]{3,40}?)(?: myself| personally| on)?(?=[,.;?!—]|$| and | if )")
# "Lily, the drafts are yours.": the one addressed owns it
_IS_YOURS = re.compile(r"\b([A-Za-z]{3,}),? (?:the |your )?([\w' ,-]{3,40}?) ?(?:is|are|'s|'re|’s) (?:all )?yours\b")
_IS_MINE = re.compile(r"(?i)\b(?:the |your |our )?([\w' -]{3,30}?) (?:is|'s) (?:all )?mine\b")
_PLACE_BEFORE = re.compile(r"(?i)\b(?:in|to|at|from|into|near|via|through)\s+(?:(?:your|our|the|their|his|her)\s+)?$")
_ASR_OWNER = re.compile(r"\b([a-z]{3,}) (?:owns|will own|'?ll own|is on|has that|handles|will handle|runs|will run)\b")
_ASR_ADDRESSED = re.compile(r"\b([a-z]{3,}),? (?:your team|you'?d|you'?ll|you will|you would|can you)\b")
# "the check on the 25th is with Dr. Okafor", "a final application review with me", "the menu tasting with Marisol"
_WITH_WHOM = re.compile(r"(?:[^.;]{0,25}?\b(?:is|'s|will be|would be)\b[^.;,]{0,25}? |(?:\s+[a-z]+){0,2}\s+)with (?:(?:dr|mr|mrs|ms)\.? )?(me|[A-Z][a-z]+)\b")
_DONE_WITH = re.compile(r"(?i)[^.;,]{0,25}?\b(?:wrapped up|finished|done|sorted(?: out)?|squared away|finali[sz]ed|"
                        r"signed|handled|set up|worked out|taken care of) with ([a-z]+)\b")
_MEETING = re.compile(r"(?i)\b(?:review|tasting|meeting|call|appointment|session|consult\w*|fitting|walk-?through|visit|"
                      r"interview|check|exam|assessment|evaluation|tour|survey)\b")
_CREW = re.compile(r"\b([A-Za-z]+)['’]s (?:crew|team|group|people|folks|shop|department|office)\b")
_NOT_OWNERS = {"it", "that", "there", "what", "who", "everyone", "everybody", "nobody", "today",
               "tomorrow", "year", "month", "week", "team", "company", "vendor", "client",
               "customer", "partner", "state", "city", "county", "district", "school", "hospital",
               "board", "staff", "one", "another", "other", "let", "here", "he", "she", "legal",
               "finance", "procurement", "security", "training", "everyone", "vendor", "group",
               "department", "side", "crew", "nobody", "somebody", "someone"}


_WHO = re.compile(r"(?i)\bwho(?:'?s| is| will| would| does|'ll)?\b")
# "luis my foreman", "Tanya, our project lead": a name given with its role
_NAME_AND_ROLE = re.compile(r"(?i)^\W*(?:(?:oh|so|um|uh|that'?s|thats|it'?s|its)\W+){0,2}([a-z]{3,})\W+(?:my|our|the) "
                            r"(?:foreman|lead|manager|installer|tech|technician|coordinator|guy|gal|crew chief|pm|"
                            r"project manager|specialist|engineer|planner|driver|partner|colleague)\b")
