"""analyze(): the one orchestrator. Transcript + rubric -> Scorecard."""
from __future__ import annotations

from .asks import AskFinder, measure_pause
from .closing import closing_sequence
from .detectors import Facts
from .language_check import require_english
from .limits import require_within_limits
from .model import ItemResult, Milestone, Pitfall, Scorecard, Target, Transcript
from .nlp import CallView
from .path import PathFinder
from .detectors.plan import SharedPlan
from .path.handoffs import handoffs
from .rubric import Rubric, load_rubric
from .rubric_rules import CallFacts
from .scoring import close_type, score, seed_checklist
from .stats import interaction_stats


def extract_facts(view: CallView, rubric: Rubric) -> Facts:
    finder = AskFinder(rubric.ask)
    asks = finder.asks(view)
    closing = finder.closing(asks, view)
    path = PathFinder(rubric.path).find(view, {a.sentence.index: a.start_offset() for a in asks})
    pause = measure_pause(view, closing, rubric.pause_seconds, rubric.talk_on_words)
    wish = finder.time_frame_only(view) if closing is None else None
    return Facts(view, path, tuple(asks), closing, pause, wish, closing_sequence(view, closing, path))


def analyze(transcript: Transcript, rubric: Rubric | None = None, docs=None) -> Scorecard:
    """Score one call. `docs` lets a batch pass spaCy docs it already parsed."""
    rubric = rubric or load_rubric()
    require_english(transcript)
    require_within_limits(transcript)
    view = CallView(transcript, docs)
    view.meaning.params = rubric.meaning
    facts = extract_facts(view, rubric)
    view.meaning.read_ahead(s for spec in (*rubric.items, *rubric.pitfalls) for s in spec.detector.read_first(facts))
    items = {}
    for spec in rubric.items:
        f = spec.detector.evaluate(facts)
        items[spec.id] = ItemResult(spec.id, f.status, f.evidence, f.explanation,
                                    spec.coaching.get(f.status, ""), spec.title, spec.weight, spec.tip)
    pitfalls = []
    for spec in rubric.pitfalls:
        f = spec.detector.evaluate(facts)
        if f.status == "flag":
            pitfalls.append(Pitfall(spec.id, f.evidence, f.explanation, spec.title))
    path = facts.path
    milestones = tuple(Milestone(m.step, m.date, m.mention.text, m.owner, m.evidence)
                       for m in path.milestones)
    target = (Target(path.target.date, path.target.text, path.target.anchored_by,
                     path.target.sentence.evidence()) if path.target else None)
    call = CallFacts(len(milestones), path.credible, bool(path.owned),
                     bool(facts.closing_ask and facts.closing_ask.is_choice),
                     len(path.owned) + len(handoffs(view))
                     # a shared plan passes only with owners: "… who's doing what, janet on credentialing"
                     + sum(1 for spec in rubric.items if isinstance(spec.detector, SharedPlan)
                           and items[spec.id].status == "pass"))
    ctype = close_type(rubric.close_types, items, call)
    rep_questions = sum(1 for s in view.sentences if s.turn.role == "rep" and s.is_question)
    meta = transcript.meta
    notes = ()
    if transcript.rep_unmatched:
        notes = (f"Warning: the metadata names the rep '{meta.rep}', but no speaker on the call is "
                 f"called that; '{transcript.rep_unmatched}' was taken as the rep from the text. "
                 f"Check the rep before trusting this card.",)
    elif transcript.roles_guessed:
        notes = ("Speaker roles were guessed from the text; check who the rep is.",)
    if transcript.encoding:
        notes += (f"The file is not UTF-8; it was read as {transcript.encoding}. If a name or a "
                  f"quote looks wrong, save the transcript as UTF-8 and score it again.",)
    return Scorecard(
        call_id=meta.call_id, rep=meta.rep, call_date=meta.call_date, account=meta.account,
        moment=meta.moment, source=transcript.source,
        score=score(items, tuple(pitfalls), rubric.status_points, rubric.pitfall_penalty),
        items=items, milestones=milestones, credible=path.credible,
        credibility_problems=path.problems, target=target, pitfalls=tuple(pitfalls),
        close_type=ctype, checklist=seed_checklist(rubric.checklist, items, call),
        rubric_id=rubric.id, rubric_version=rubric.version,
        stats=interaction_stats(transcript, rep_questions),
        ask=view.meaning.evidence(facts.closing_ask.sentence, "commitment_ask") if facts.closing_ask else None,
        pause_seconds=facts.pause.seconds,  # None when there was no ask or no timing
        roles_guessed=transcript.roles_guessed, notes=notes, rubric_name=rubric.name,
        report_title=rubric.report_title, checklist_labels={r.id: r.label for r in rubric.checklist},
        close_type_label=rubric.close_label(ctype), report_sections=rubric.report_sections)
