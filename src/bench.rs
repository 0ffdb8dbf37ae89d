//! `tacitus bench`: throughput of the whole coder (segmentation to events) on a corpus repeated
//! to the requested size, with peak memory. Figures, not a timed test: run it on a quiet machine.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use tacitus_coder::{Coder, CoderOptions};
use tacitus_ingest::{DocumentReader, TxtOptions};
use tacitus_knowledge::Knowledge;
use tacitus_model::{Document, Sink};

/// Counts events without keeping them, so the bench measures coding, not output.
#[derive(Default)]
struct CountSink {
    events: u64,
}

impl Sink for CountSink {
    type Error = std::convert::Infallible;

    fn event(&mut self, _event: &tacitus_model::Event) -> Result<bool, Self::Error> {
        self.events += 1;
        Ok(true)
    }
}

/// Peak resident set size of this process, from /proc (Linux), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(k: Arc<Knowledge>, mb: usize, threads: usize, corpus: Option<&Path>) -> Result<()> {
    let source: Vec<Document> = match corpus {
        Some(p) => DocumentReader::new([p.to_path_buf()], TxtOptions::default())
            .filter_map(Result::ok)
            .collect(),
        None => DocumentReader::from_reader(
            "examples/news.jsonl",
            "demo",
            Cursor::new(crate::EXAMPLE_CORPUS.as_bytes()),
            TxtOptions::default(),
        )
        .filter_map(Result::ok)
        .collect(),
    };
    anyhow::ensure!(!source.is_empty(), "the bench corpus has no documents");
    let target = mb * 1_000_000;
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    let mut n = 0usize;
    while bytes < target {
        let mut d = source[n % source.len()].clone();
        d.id = format!("{}#{n}", d.id);
        bytes += d.text.len();
        docs.push(d);
        n += 1;
    }
    let coder = Coder::new(k, CoderOptions::default());
    let mut sink = CountSink::default();
    let start = Instant::now();
    let summary = crate::driver::run_documents(
        &coder,
        docs.into_iter().map(Ok),
        &crate::driver::RunOptions::all(threads),
        &mut sink,
    )
    .context("bench run")?;
    let secs = start.elapsed().as_secs_f64();
    let mbs = summary.bytes as f64 / 1e6 / secs;
    println!(
        "corpus: {} documents, {:.1} MB, {} sentences ({} analysed after the prefilter)",
        summary.documents,
        summary.bytes as f64 / 1e6,
        summary.sentences,
        summary.analysed
    );
    println!("threads: {threads}");
    println!("time: {secs:.2} s");
    println!(
        "throughput: {mbs:.2} MB/s, {:.0} sentences/s, {:.0} documents/s",
        summary.sentences as f64 / secs,
        summary.documents as f64 / secs
    );
    println!("per thread: {:.2} MB/s", mbs / threads as f64);
    println!("events: {}", sink.events);
    if let Some(rss) = peak_rss_mb() {
        println!(
            "peak RSS: {rss:.0} MB (includes the generated corpus held in memory: {:.0} MB)",
            summary.bytes as f64 / 1e6
        );
    }
    Ok(())
}
