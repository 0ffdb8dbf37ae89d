#!/usr/bin/env python3
"""Build tests/dev/dev_gold.jsonl from the hand-written items in items_*.py.

Event mini-notation:  "SRC>TGT RR[/RR] [@date]"  (directed)  or  "SRC=TGT RR @date" (symmetric).
Alternative codes are separated by commas: "USA,WST>RUS 16".
Date tokens are resolved against the item's published date:
  @Mon..@Sun  most recent such weekday strictly before `published`
  @today @yday @lastmonth @lastyear @thismonth  (thismonth = 'earlier this week/month')
  or a literal YYYY / YYYY-MM / YYYY-MM-DD.
"""
import datetime as dt, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
WD = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4, "Sat": 5, "Sun": 6}

def resolve(tok, pub):
    p = dt.date.fromisoformat(pub)
    if tok in WD:
        d = p - dt.timedelta(days=1)
        while d.weekday() != WD[tok]:
            d -= dt.timedelta(days=1)
        return d.isoformat()
    if tok == "today":
        return p.isoformat()
    if tok == "yday":
        return (p - dt.timedelta(days=1)).isoformat()
    if tok == "lastmonth":
        m = p.replace(day=1) - dt.timedelta(days=1)
        return m.strftime("%Y-%m")
    if tok == "thismonth":
        return p.strftime("%Y-%m")
    if tok == "lastyear":
        return str(p.year - 1)
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", tok):
        return tok
    raise ValueError(tok)

DATE_TAG = {**{k: "date-weekday" for k in WD}, "today": "date-today", "yday": "date-yesterday",
            "lastmonth": "date-last-month", "thismonth": "date-this-week", "lastyear": "date-last-year"}

def ev(s, pub):
    parts = s.split()
    pair, roots = parts[0], parts[1]
    date = None
    tag = None
    if len(parts) > 2:
        tok = parts[2].lstrip("@")
        date = resolve(tok, pub)
        tag = DATE_TAG.get(tok, "date-absolute")
    sym = "=" in pair
    a, b = re.split("[>=]", pair)
    e = {"src": a.split(","), "tgt": b.split(","), "root": roots.split("/"), "sym": sym}
    if date:
        e["date"] = date
    return e, tag

def main():
    from items_a import ITEMS as A
    from items_b import ITEMS as B
    from items_c import ITEMS as C
    out, n = [], 0
    for it in A + B + C:
        pub, outlet, text, evs, opt, forb, tags = it
        n += 1
        tags = list(tags)
        rec = {"id": f"dev-{n:04d}", "published": pub, "outlet": outlet, "text": text}
        for key, lst in (("events", evs), ("optional", opt), ("forbidden", forb)):
            rec[key] = []
            for s in lst:
                e, tag = ev(s, pub)
                rec[key].append(e)
                if key == "events":
                    tags += [f"root-{r}" for r in e["root"]]
                    if tag:
                        tags.append(tag)
        if not evs:
            tags.append("no-event")
        rec["tags"] = sorted(set(tags))
        out.append(rec)
    with open(os.path.join(HERE, "dev_gold.jsonl"), "w") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} items")

if __name__ == "__main__":
    main()
