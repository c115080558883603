"""heads_alone.py OUT.json DIR... : per call, the heads' highest probability per role over seller sentences (closing / whole call), with the labels and the rule verdicts (session 15: heads alone vs rules)."""
import csv, json, sys
from pathlib import Path
from analyzer.engine import analyze, extract_facts
from analyzer.ingest import load_call
from analyzer.rubric import load_rubric
from analyzer.nlp import CallView
r = load_rubric()
ROLES = {"value_recap": "value_summary", "risk_relief": "risk_relief", "commitment_ask": "dated_ask", "shared_plan": "map_captured"}
out = []
for d in sys.argv[2:]:
    d = Path(d)
    rows = list(csv.DictReader(open(d / "labels.csv")))
    for row in rows:
        f = d / row["file"]
        try:
            t = load_call(f)
            card = analyze(t, r)
            view = CallView(t); view.meaning.params = r.meaning
            facts = extract_facts(view, r)
        except Exception as e:
            print("skip", f, e, file=sys.stderr); continue
        sents = [s for s in view.seller_sentences() if len(s.text.split()) >= 3]
        probs = view.meaning.layer.score([s.text.strip() for s in sents], [view.meaning.context(s) for s in sents], [True]*len(sents)) if sents else {}
        rec = {"set": d.name, "file": row["file"], "labels": {v: row.get(v) for v in ROLES.values()},
               "rules": {v: card.items[v].status for v in ROLES.values()}, "heads": {}}
        for role in ROLES:
            ps = probs.get(role, [])
            inc = [(float(p), s.text[:160]) for p, s in zip(ps, sents) if facts.in_closing(s)]
            allp = [(float(p), s.text[:160]) for p, s in zip(ps, sents)]
            rec["heads"][role] = {"closing": max(inc, default=(0.0, "")), "all": max(allp, default=(0.0, "")),
                                  "n_closing_05": sum(p >= 0.5 for p, _ in inc)}
        out.append(rec)
json.dump(out, open(sys.argv[1], "w"), indent=0)
print(len(out), "calls")
