"""raw.py FILE : path facts: target, raw steps, milestones."""
import sys
from analyzer.ingest import load_call
from analyzer.rubric import load_rubric
from analyzer.nlp import CallView
from analyzer.engine import extract_facts
r = load_rubric(); call = load_call(sys.argv[1])
view = CallView(call); view.meaning.params = r.meaning
f = extract_facts(view, r); p = f.path
t = p.target
print("target:", t and (t.date, t.text, t.anchored_by, t.sentence.text[:100]))
for m in p.dated_steps: print("  raw", m.step, "|", m.step_text, m.date, m.owner, "buyer" if m.laid_out_by_buyer else "", "|", m.sentence.speaker, m.sentence.turn.index, m.sentence.text[:80])
for m in p.milestones: print("  MS", m.step, m.date, m.owner)
print("closing ask:", f.closing_ask and f.closing_ask.sentence.text[:100])
