//! Shared helpers for the integration tests: code a JSONL file with the embedded dictionaries and
//! score it with the reference metric.
// Each test binary includes this module and uses a different subset of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use tacitus_coder::{Coder, CoderOptions};
use tacitus_eval::{read_gold, score, Report, ScoredEvent};
use tacitus_ingest::{DocumentReader, TxtOptions};
use tacitus_knowledge::Knowledge;
use tacitus_model::Event;

/// `<repo>/../shared`, when it is laid out next to the clone.
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.is_dir().then_some(p)
}

pub fn coder() -> Coder {
    Coder::new(
        Arc::new(Knowledge::embedded().expect("embedded dictionaries load")),
        CoderOptions::default(),
    )
}

/// Codes every document of a JSONL (or txt) file.
pub fn code_file(path: &Path, opts: TxtOptions) -> Vec<Event> {
    let c = coder();
    let mut out = Vec::new();
    for d in DocumentReader::new([path.to_path_buf()], opts) {
        let d = d.expect("test input is well formed");
        out.extend(c.code(&d).expect("codes").0);
    }
    out
}

/// Codes a gold file's own documents and scores them against it.
pub fn score_gold(path: &Path) -> Report {
    let events = code_file(path, TxtOptions::default());
    let f = std::fs::File::open(path).expect("gold opens");
    let gold =
        read_gold(std::io::BufReader::new(f), &path.display().to_string()).expect("gold parses");
    let scored: Vec<ScoredEvent> = events.iter().map(ScoredEvent::from).collect();
    score(&gold, &scored)
}

/// Runs the `tacitus` binary these tests were built with.
pub fn tacitus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .output()
        .expect("tacitus runs")
}

/// Runs tacitus and insists that it succeeds.
pub fn tacitus_ok(args: &[&str]) -> Output {
    let out = tacitus(args);
    assert!(
        out.status.success(),
        "tacitus {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
