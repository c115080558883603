"""mm.py JSON sets [cols] : mismatches per call (exp -> got)."""
import json, sys
d = json.load(open(sys.argv[1])); names = sys.argv[2].split(",")
cols = sys.argv[3].split(",") if len(sys.argv) > 3 else None
for s, v in d.items():
    if not any(s == n or s.startswith(n) for n in names): continue
    for f, r in sorted(v["rows"].items()):
        mm = [f"{k}: {r['exp'][k]}->{r['got'].get(k)}" for k in r["exp"] if k != "file" and r["exp"][k] != r["got"].get(k) and (not cols or k in cols)]
        if mm: print(f"{s}/{f}:", "; ".join(mm))
