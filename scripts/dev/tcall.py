"""tcall.py FILE [items] : verdicts with evidence."""
import sys
from analyzer.engine import analyze
from analyzer.ingest import load_call
from analyzer.rubric import load_rubric
r = load_rubric(); c = analyze(load_call(sys.argv[1]), r)
want = sys.argv[2].split(",") if len(sys.argv) > 2 else r.item_ids
for i in r.item_ids:
    if i not in want: continue
    it = c.items[i]
    print(f"{i}: {it.status} — {getattr(it,'rationale','')}")
    for e in it.evidence[:3]: print("     ", getattr(e,'speaker',''), getattr(e,'turn',''), repr(getattr(e,'quote',e))[:200])
print("milestones:", len(c.milestones), [getattr(m,'label',m) for m in c.milestones])
print("close:", c.close_type, "pitfalls:", [p.id for p in c.pitfalls], "credible:", c.credible)
