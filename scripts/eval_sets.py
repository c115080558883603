"""Agreement on several labelled folders in one process: one compact row per set.

    .venv/bin/python scripts/eval_sets.py ../shared/calls/labelled tests/fixtures/probe_* tests/fixtures/false_pass*

Columns: per-item agreement (value, target, milestones, ask, pause, risk, MAP), milestone count
exact, credible, close type, pitfall precision/recall (pooled), then `passes:` how many calls got
`pass` per item (the false-pass sets' measure). The full comparison, with every call's
labels and verdicts under "rows", goes to /tmp/eval_last.json (or $EVAL_OUT)."""
import json, os, sys
from pathlib import Path
from analyzer.engine import analyze
from analyzer.evaluation import evaluate_folder
from analyzer.ingest import load_call
from analyzer.rubric import load_rubric
rubric = load_rubric()
out = {}
short = {"value_summary":"val","buyer_anchored_date":"tgt","milestones":"mil","dated_ask":"ask","pause":"pau","risk_relief":"rsk","map_captured":"map"}
print("set".ljust(12), " ".join(short[i] for i in rubric.item_ids), "cnt  cred ctyp pitP pitR")
for f in sys.argv[1:]:
    p = Path(f)
    rep = evaluate_folder(p, lambda x: analyze(load_call(x), rubric), rubric)
    d = rep.to_dict(); out[p.name] = d
    d["rows"] = {c.file: {"exp": c.expected, "got": c.got} for c in rep.calls}
    ps = d["pitfalls"]
    tp = sum(s.get("tp",0) for s in ps.values()); fp = sum(s.get("fp",0) for s in ps.values()); fn = sum(s.get("fn",0) for s in ps.values())
    P = tp/(tp+fp) if tp+fp else 1; R = tp/(tp+fn) if tp+fn else 1
    passes = {i: sum(v.get("pass",0) for v in d["items"][i]["confusion"].values()) for i in rubric.item_ids}
    print(p.name[:12].ljust(12), " ".join(f"{d['items'][i]['agreement']:.2f}" for i in rubric.item_ids),
          f"{d['milestone_count_exact']:.2f} {d['credible_agreement']:.2f} {d['close_type_accuracy']:.2f} {P:.2f} {R:.2f}",
          "n=%d" % d["calls"], "failed=%d" % len(d["failed"]), "passes:" + ",".join(str(passes[i]) for i in rubric.item_ids))
json.dump(out, open(os.environ.get("EVAL_OUT", "/tmp/eval_last.json"), "w"), indent=1)
