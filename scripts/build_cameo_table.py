#!/usr/bin/env python3
"""Rebuild data/cameo.tsv, the CAMEO 1.1b3 code table tacitus embeds.

Facts only (codes, names, Goldstein weights, the CAMEO->PLOVER mapping) are taken from:
  - GDELT's CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt (moxious/gdelt @44a2909)
  - PLOVER's CAMEO2PLOVER-2021.txt (openeventdata/PLOVER @5e0c24f, CC BY-SA 4.0)
Both are laid out under ../shared/peers by the project's reference set.

Columns: code, root, quad_class, goldstein, plover_type, plover_mode, plover_context, name.
QuadClass follows GDELT: 1 verbal cooperation (01-05), 2 material cooperation (06-09),
3 verbal conflict (10-14), 4 material conflict (15-20).
PLOVER has no category for statements and appeals (01, 02): those rows keep it empty.
Codes missing from the PLOVER table inherit from their nearest listed parent.

usage: python3 scripts/build_cameo_table.py [PEERS_DIR] > data/cameo.tsv
"""
import sys, os

peers = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../shared/peers")

def tsv(path):
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0].strip():
                yield parts[0].strip(), parts[1].strip()

names = dict(tsv(os.path.join(peers, "gdelt/CAMEO.eventcodes.txt")))
goldstein = {c: float(v) for c, v in tsv(os.path.join(peers, "gdelt/CAMEO.goldsteinscale.txt"))}

plover = {}
with open(os.path.join(peers, "plover/CAMEO2PLOVER-2021.txt"), encoding="utf-8") as f:
    for line in f:
        if not line[:1].isdigit() or ":" not in line:
            continue
        code, rest = line.split(":", 1)
        rest = rest.split("#", 1)[0]
        fields = [x.strip() for x in rest.split(",")]
        etype = fields[0] if fields else ""
        if len(code) == 2:
            continue  # root headers name the type only
        mode = fields[1] if len(fields) > 1 else ""
        ctx = fields[2] if len(fields) > 2 else ""
        ctx = ";".join(c.strip() for c in ctx.replace(" ", "").split(";") if c.strip())
        plover.setdefault(code, (etype, mode.replace(" ", ""), ctx))

def plover_of(code):
    for n in range(len(code), 1, -1):
        c = code[:n]
        if c in plover:
            return plover[c]
        if len(c) == 2 and c + "0" in plover:
            return plover[c + "0"]
    return ("", "", "")

def quad(root):
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4

print("code\troot\tquad_class\tgoldstein\tplover_type\tplover_mode\tplover_context\tname")
for code in sorted(names, key=lambda c: (c[:2], c)):
    if code not in goldstein:
        print(f"skipping {code}: no Goldstein weight", file=sys.stderr)
        continue
    etype, mode, ctx = plover_of(code)
    print(f"{code}\t{code[:2]}\t{quad(code[:2])}\t{goldstein[code]}\t{etype}\t{mode}\t{ctx}\t{names[code]}")
