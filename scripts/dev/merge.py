import json, sys, os
n = sys.argv[1]
d = json.load(open(f"/tmp/{n}.a.json")); d.update(json.load(open(f"/tmp/{n}.b.json")))
json.dump(d, open(f"/tmp/{n}.json", "w"))
if os.path.exists("/tmp/base.json") and n != "base":
    b = json.load(open("/tmp/base.json")); fixed = lost = 0; out = []
    for s, v in d.items():
        if s not in b: continue
        for f, r in v["rows"].items():
            br = b[s]["rows"].get(f)
            if not br: continue
            for k, e in r["exp"].items():
                if k == "file": continue
                was, now = br["got"].get(k) == e, r["got"].get(k) == e
                if was != now:
                    out.append(f"{'FIXED' if now else 'LOST '} {s}/{f} {k}: exp {e} was {br['got'].get(k)} now {r['got'].get(k)}")
                    fixed += now; lost += not now
    open(f"/tmp/{n}.diff", "w").write("\n".join(out) + "\n")
    print(f"vs base: {fixed} fixed, {lost} lost  (/tmp/{n}.diff)")
