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

/// A small deterministic generator (xorshift), so every run stores the same events.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Skewed towards small values, as news is towards a few big countries.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u * u) * n as f64) as usize
    }
}

/// Synthetic stored documents of 10 events each: country dyads drawn with a skew over 60
/// countries and agent sectors, CAMEO codes over all 20 roots, days over 2016–2025.
fn synthetic_documents(
    first: usize,
    count: usize,
    rng: &mut Rng,
) -> Vec<tacitus_store::StoredDocument> {
    use tacitus_model::{Actor, Plover};
    const COUNTRIES: [&str; 60] = [
        "USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "ISR", "IRN", "TUR", "IND", "PAK", "KAZ",
        "BLR", "POL", "JPN", "KOR", "PRK", "SYR", "IRQ", "SAU", "EGY", "AFG", "NGA", "ZAF", "BRA",
        "MEX", "CAN", "AUS", "ITA", "ESP", "NLD", "BEL", "SWE", "FIN", "NOR", "EST", "LVA", "LTU",
        "GEO", "ARM", "AZE", "UZB", "KGZ", "TJK", "MNG", "VNM", "PHL", "IDN", "MYS", "THA", "MMR",
        "ETH", "SDN", "LBY", "YEM", "QAT", "ARE", "JOR", "LBN",
    ];
    const SECTORS: [&str; 5] = ["GOV", "MIL", "", "BUS", "CVL"];
    let cameo = tacitus_model::CameoTable::embedded();
    let actor = |rng: &mut Rng| {
        let country = COUNTRIES[rng.skewed(COUNTRIES.len())];
        let sector = SECTORS[(rng.next() % 5) as usize];
        Actor {
            code: format!("{country}{sector}"),
            country: Some(country.into()),
            sector: (!sector.is_empty()).then(|| sector.into()),
            text: country.into(),
            name: country.into(),
        }
    };
    (first..first + count)
        .map(|n| {
            let id = format!("synthetic-{n}");
            let day = 16_801 + (rng.next() % 3_650) as i64; // 2016-01-01 + up to ten years
            let date = tacitus_store::date_from_days(day);
            let events = (0..10)
                .map(|i| {
                    let code = format!("{:02}0", 1 + rng.next() % 20);
                    let code = cameo.get(&code).expect("CAMEO has x0 under every root");
                    let source = actor(rng);
                    let mut target = actor(rng);
                    if target.country == source.country {
                        target = actor(rng);
                    }
                    tacitus_model::Event {
                        event_id: format!("{n:x}-{i}"),
                        doc_id: id.clone(),
                        sentence_index: i,
                        sentence: format!("Synthetic sentence {i} of document {n}."),
                        date: Some(date.clone()),
                        date_precision: Some("day".into()),
                        source,
                        target: Some(target),
                        cameo: code.code.clone(),
                        cameo_root: code.root.clone(),
                        goldstein: code.goldstein,
                        quad_class: code.quad_class,
                        plover: Plover::default(),
                        location: None,
                        attribution: None,
                        rule: "synthetic".into(),
                        confidence: 0.5,
                        explain: None,
                    }
                })
                .collect();
            tacitus_store::StoredDocument {
                document: Document {
                    id,
                    outlet: Some(format!("Outlet {}", rng.next() % 500)),
                    published: Some(date),
                    ..Document::default()
                },
                content_hash: rng.next(),
                bytes: 2_000,
                dict_version: "synthetic".into(),
                events,
            }
        })
        .collect()
}

/// `tacitus bench-store`: stores `events` synthetic events in a fresh store at `db` and times
/// the ingest and the analysts' usual queries.
pub fn store(events: usize, db: &Path) -> Result<()> {
    use tacitus_store::{DuckStore, EventFilter, Period, Store};
    for p in [db.to_path_buf(), db.with_extension("db.wal")] {
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("removing {}", p.display()))?;
        }
    }
    let mut store = DuckStore::open(db)?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let docs = events.div_ceil(10);
    // Bulk loads commit large transactions: half a million mentions, enough for DuckDB to
    // write whole compressed row groups straight to the file instead of through its log.
    let per_write = 50_000;
    let mut generating = std::time::Duration::ZERO;
    let mut writing = std::time::Duration::ZERO;
    let mut first = 0;
    while first < docs {
        let t = Instant::now();
        let batch = synthetic_documents(first, per_write.min(docs - first), &mut rng);
        generating += t.elapsed();
        let t = Instant::now();
        store.write(&batch)?;
        writing += t.elapsed();
        first += batch.len();
    }
    // Closing checkpoints what the write-ahead log still holds: part of the ingest's cost.
    let t = Instant::now();
    drop(store);
    let mut store = DuckStore::open(db)?;
    writing += t.elapsed();
    let (stored_docs, stored_events) = store.counts()?;
    println!(
        "ingest: {stored_events} events ({stored_docs} documents) in {:.1} s: {:.0} events/s \
         (generating them took another {:.1} s)",
        writing.as_secs_f64(),
        stored_events as f64 / writing.as_secs_f64(),
        generating.as_secs_f64()
    );
    let dyad = EventFilter {
        source: Some("KAZ".into()),
        target: Some("RUS".into()),
        ..EventFilter::default()
    };
    let timed = |name: &str, f: &mut dyn FnMut() -> Result<usize>| -> Result<()> {
        let t = Instant::now();
        let rows = f()?;
        println!("{name}: {:.3} s ({rows} rows)", t.elapsed().as_secs_f64());
        Ok(())
    };
    timed("cluster rebuild (3-day window)", &mut || {
        Ok(store.rebuild_clusters(3)? as usize)
    })?;
    timed("optimize (mentions laid out by dyad and day)", &mut || {
        store.optimize()?;
        Ok(0)
    })?;
    timed("dyad series KAZ→RUS by day", &mut || {
        Ok(store.dyad_series(&dyad, Period::Day)?.len())
    })?;
    timed("dyad series KAZ→RUS by month", &mut || {
        Ok(store.dyad_series(&dyad, Period::Month)?.len())
    })?;
    timed("top-20 dyads", &mut || {
        Ok(store.top_dyads(&EventFilter::default(), 20)?.rows.len())
    })?;
    timed(
        "report RUS since 2024-01-01 (baseline 2016-2023)",
        &mut || Ok(store.report("RUS", "2024-01-01", None, 2)?.len()),
    )?;
    timed("events KAZ→RUS root 12, newest 50", &mut || {
        Ok(store
            .events(
                &EventFilter {
                    root: Some("12".into()),
                    ..dyad.clone()
                },
                None,
                50,
            )?
            .events
            .len())
    })?;
    println!(
        "store file: {:.0} MB; peak RSS {:.0} MB",
        std::fs::metadata(db).map_or(0, |m| m.len()) as f64 / 1e6,
        peak_rss_mb().unwrap_or(0.0)
    );
    Ok(())
}
