#!/usr/bin/env python3
"""Validate tests/dev/dev_gold.jsonl and print per-root / per-trap counts."""
import json, os, re, sys
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
# ISO 3166-1 alpha-3 codes used here plus the project's bloc codes
ISO = set("""AFG ARE ARG ARM AUS AZE BGD COD BGR BLR BRA CAN CHE CHN COL CUB CYP CZE DEU DNK EGY ERI ESP ETH FIN FRA
GBR GEO GRC GUY HTI HUN IND IRL IRN IRQ ISR ITA JOR JPN KAZ KEN KGZ KHM KOR LBN LVA MAR MDA MEX MLI MMR NER NLD NOR
PAK PHL POL PRK PSE ROU RUS RWA SAU SDN SOM SRB SVK SWE SYR THA TJK TUR TWN UKR USA UZB VEN VNM YEM ZAF""".split())
BLOCS = {"IGO", "NGO", "WST"}
def main():
    docs = [json.loads(l) for l in open(os.path.join(HERE, "dev_gold.jsonl")) if l.strip()]
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    bad = 0
    for d in docs:
        for k in ("id", "published", "outlet", "text", "events", "optional", "forbidden", "tags"):
            assert k in d, (d["id"], k)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["published"])
        for key in ("events", "optional", "forbidden"):
            for e in d[key]:
                for r in e["root"]:
                    if not re.fullmatch(r"(0[1-9]|1\d|20)", r):
                        print("bad root", d["id"], r); bad += 1
                for c in e["src"] + e["tgt"]:
                    if not re.fullmatch(r"[A-Z]{3}", c) or c not in ISO | BLOCS:
                        print("bad code", d["id"], c); bad += 1
                if "date" in e:
                    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", e["date"]), d["id"]
                    assert e["date"] <= d["published"], ("future date", d["id"])
    roots = Counter(r for d in docs for e in d["events"] for r in e["root"])
    prim = Counter(e["root"][0] for d in docs for e in d["events"])
    tags = Counter(t for d in docs for t in d["tags"])
    print(f"items={len(docs)} required_events={sum(len(d['events']) for d in docs)} "
          f"optional={sum(len(d['optional']) for d in docs)} forbidden={sum(len(d['forbidden']) for d in docs)} "
          f"no-event items={sum(1 for d in docs if not d['events'])}")
    print("required events per root (first-listed root / any accepted root):")
    print("  " + " ".join(f"{r}:{prim[r]}/{roots[r]}" for r in sorted(roots)))
    print("traps: " + " ".join(f"{t[5:]}={n}" for t, n in sorted(tags.items()) if t.startswith("trap-")))
    print(f"dated items={sum(1 for d in docs if any('date' in e for e in d['events']))} "
          f"coref articles={tags['coref']} attribution={tags['attribution']} passive={tags['passive']} "
          f"compound={tags['compound-source'] + tags['compound-target']} symmetric={tags['symmetric']}")
    print("date tags: " + " ".join(f"{t}={n}" for t, n in sorted(tags.items()) if t.startswith("date-")))
    return 1 if bad else 0
if __name__ == "__main__":
    sys.exit(main())
