//! Builds `data/text/lemmas.tsv`: `build_lemmas PAIRS.tsv OUT.tsv`.
//!
//! PAIRS (from `scripts/tagger/lemma_pairs.py`) holds `class<TAB>form<TAB>lemma`
//! for every form lemminflect knows; only the forms the suffix rules get wrong
//! are written. Prints the rules' accuracy per class.

use tacitus_tagger::train::rule_lemma;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: build_lemmas PAIRS.tsv OUT.tsv");
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&args[1]).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
    let mut out = String::from("# class\tform\tlemma: forms the suffix rules get wrong (built by scripts/tagger/build.sh from lemminflect 0.2.3, MIT)\n");
    let mut stats: Vec<(String, usize, usize)> = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [c, form, lemma] = f[..] else { continue };
        let got = rule_lemma(form, c).unwrap_or_else(|| panic!("bad class {c}"));
        if !stats.iter().any(|s| s.0 == c) {
            stats.push((c.to_string(), 0, 0));
        }
        if let Some(s) = stats.iter_mut().find(|s| s.0 == c) {
            s.1 += 1;
            s.2 += (got == lemma) as usize;
        }
        if got != lemma {
            out.push_str(&format!("{c}\t{form}\t{lemma}\n"));
        }
    }
    let (mut n, mut ok) = (0, 0);
    for (c, total, right) in &stats {
        println!(
            "class {c}: rules alone {right}/{total} = {:.4}",
            *right as f64 / *total as f64
        );
        n += total;
        ok += right;
    }
    println!(
        "all: rules alone {ok}/{n} = {:.4}; {} exceptions",
        ok as f64 / n as f64,
        n - ok
    );
    std::fs::write(&args[2], out).unwrap_or_else(|e| panic!("{}: {e}", args[2]));
}
