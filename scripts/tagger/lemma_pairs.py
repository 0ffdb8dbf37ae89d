#!/usr/bin/env python3
"""Extract (class, form, lemma) pairs from lemminflect's lookup tables.

Source: PyPI `lemminflect` 0.2.3 (MIT License, Copyright (C) 2019 Brad Jascob),
files resources/infl_lu.csv.gz and resources/lemma_lu.csv.gz. Only the forms
that tacitus' suffix rules get wrong are committed (data/text/lemmas.tsv, built
by examples/build_lemmas.rs from this script's output).

Classes: d = past tense / past participle, g = gerund, z = 3rd person singular
present, b = base verb form, n = noun (singular or plural, lowercase only).

Usage: lemma_pairs.py OUT.tsv
"""
import csv
import gzip
import os
import sys

import lemminflect

RES = os.path.join(os.path.dirname(lemminflect.__file__), "resources")


def rows(name):
    with gzip.open(os.path.join(RES, name), "rt", encoding="utf-8") as f:
        yield from csv.reader(f)


def main():
    assert lemminflect.__version__ == "0.2.3", lemminflect.__version__
    # lemminflect's preferred lemma for a form (first listed).
    first = {}
    for r in rows("lemma_lu.csv.gz"):
        form, upos, lemmas = r[0], r[1], r[2].split("/")
        first.setdefault((form, "verb" if upos in ("verb", "aux") else upos), lemmas[0])
    cands = {}

    def add(cls, form, lemma):
        if form and form == form.lower() and lemma == lemma.lower():
            cands.setdefault((cls, form), [])
            if lemma not in cands[(cls, form)]:
                cands[(cls, form)].append(lemma)

    for r in rows("infl_lu.csv.gz"):
        lemma, upos, forms = r[0], r[1], r[2:]
        if upos == "verb":
            vbd, vbn, vbg, vbz = (forms + ["", "", "", ""])[:4]
            vbn = vbn or vbd
            for f in vbd.split("/") + vbn.split("/"):
                add("d", f, lemma)
            for f in vbg.split("/"):
                add("g", f, lemma)
            for f in vbz.split("/"):
                add("z", f, lemma)
            add("b", lemma, lemma)
        elif upos == "noun":
            add("n", lemma, lemma)
            for f in forms:
                for g in f.split("/"):
                    add("n", g, lemma)
    # Present-tense "be" forms and contractions are base-form exceptions.
    # "be" is not in infl_lu; its forms and the contractions are added here.
    for cls, f, l in [("b", "am", "be"), ("b", "are", "be"), ("b", "'m", "be"),
                      ("b", "'re", "be"), ("b", "'ve", "have"), ("b", "be", "be"),
                      ("d", "was", "be"), ("d", "were", "be"), ("d", "been", "be"),
                      ("g", "being", "be"), ("z", "is", "be")]:
        cands[(cls, f)] = [l]
    # News usage: "media" is its own lemma (lemminflect prefers "medium").
    cands[("n", "media")] = ["media"]
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for (cls, form), ls in sorted(cands.items()):
            upos = "noun" if cls == "n" else "verb"
            pref = first.get((form, upos))
            lemma = pref if pref in ls else ls[0]
            out.write(f"{cls}\t{form}\t{lemma}\n")


if __name__ == "__main__":
    main()
