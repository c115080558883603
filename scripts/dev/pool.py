"""pool.py JSON A,B : pooled agreement over sets (by prefix match on set names)."""
import json, sys
d = json.load(open(sys.argv[1])); names = sys.argv[2].split(",")
items = ["value_summary","buyer_anchored_date","milestones","dated_ask","pause","risk_relief","map_captured"]
rows = {}
for s, v in d.items():
    if any(s == n or s.startswith(n) for n in names):
        rows.update({f"{s}/{k}": r for k, r in v["rows"].items()})
n = len(rows)
def ag(c): return sum(r["exp"][c] == r["got"][c] for r in rows.values()) / n
tp=fp=fn=0
for r in rows.values():
    e=set(filter(None,r["exp"].get("pitfalls","").split(";"))); g=set(filter(None,r["got"].get("pitfalls","").split(";")))
    tp+=len(e&g); fp+=len(g-e); fn+=len(e-g)
print("n=%d" % n, " ".join(f"{ag(c):.2f}" for c in items), "count %.2f cred %.2f close %.2f" % (ag("milestone_count"), ag("credible"), ag("close_type")),
      "pitP %.2f pitR %.2f" % (tp/(tp+fp) if tp+fp else 1, tp/(tp+fn) if tp+fn else 1))
passes = {c: sum(r["got"][c] == "pass" for r in rows.values()) for c in items}
print("passes:", passes)
