//! Trains the tagger: `train_tagger TRAIN.tsv HELDOUT.tsv ALL.tsv OUT.bin [bits] [iters]`.
//!
//! Trains on TRAIN, reports accuracy on HELDOUT, then trains the final model on
//! ALL and writes it to OUT. Run by `scripts/tagger/train.sh`.

use tacitus_tagger::train::{evaluate, read_tsv, train, write_model, TrainConfig};
use tacitus_tagger::Tagger;

fn load(path: &str) -> Vec<tacitus_tagger::train::Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_tsv(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!("usage: train_tagger TRAIN.tsv HELDOUT.tsv ALL.tsv OUT.bin [bits] [iters]");
        std::process::exit(2);
    }
    let mut cfg = TrainConfig::default();
    if let Some(b) = args.get(5) {
        cfg.bits = b.parse().expect("bits");
    }
    if let Some(n) = args.get(6) {
        cfg.iters = n.parse().expect("iters");
    }
    let mut log = |s: String| eprintln!("{s}");
    let trainset = load(&args[1]);
    let heldout = load(&args[2]);
    let t = train(&trainset, &cfg, &mut log);
    // Evaluate the serialised model, exactly as it would be shipped.
    let t = Tagger::from_bytes(&write_model(&t)).expect("round trip");
    let (right, total, conf) = evaluate(&t, &heldout);
    println!(
        "held-out accuracy: {:.4} ({right}/{total}), bits {}, iters {}",
        right as f64 / total as f64,
        cfg.bits,
        cfg.iters
    );
    let mut conf: Vec<_> = conf.into_iter().collect();
    conf.sort_by_key(|c| std::cmp::Reverse(c.1));
    for ((g, p), n) in conf.iter().take(15) {
        println!("  {g} -> {p}: {n}");
    }
    if args[4] != "-" {
        let all = load(&args[3]);
        let t = train(&all, &cfg, &mut log);
        let bytes = write_model(&t);
        std::fs::write(&args[4], &bytes).unwrap_or_else(|e| panic!("{}: {e}", args[4]));
        println!("wrote {} ({} bytes)", args[4], bytes.len());
    }
}
