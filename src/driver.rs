//! Runs the coder over a stream of documents on N threads and hands the events to a [`Sink`] in
//! input order. Input problems are reported on stderr (file:line) and skipped, never fatal.
//! `code` also admits only English documents and each document once (same text, or same URL).

use std::collections::{BTreeMap, HashSet};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use tacitus_coder::{Coder, DocumentStats};
use tacitus_ingest::{DocumentReader, IngestError};
use tacitus_model::{fnv1a, Document, DocumentSummary, Event, Sink};

/// Documents per unit of work: large enough to amortise channel costs, small enough to balance.
const BATCH: usize = 32;

/// What a run did.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub documents: u64,
    /// Inputs skipped as malformed or unreadable (exit code 3).
    pub skipped: u64,
    /// Documents passed over as not English (counted, not an error).
    pub not_english: u64,
    /// Documents passed over as repeats of one already coded in this run.
    pub duplicates: u64,
    /// Documents passed over because the store already holds them.
    pub already_stored: u64,
    pub events: u64,
    pub sentences: u64,
    pub analysed: u64,
    pub bytes: u64,
}

/// How a run treats its documents.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub threads: usize,
    /// Pass over documents that are not in English (the coder reads English only).
    pub english_only: bool,
    /// Code a document once per run, even when several inputs carry it.
    pub dedupe: bool,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Content hashes of documents already stored: passed over (and counted) before coding.
    pub stored: Arc<HashSet<u64>>,
}

impl RunOptions {
    /// Everything given is coded: for `eval` and `bench`.
    pub fn all(threads: usize) -> RunOptions {
        RunOptions {
            threads,
            ..RunOptions::default()
        }
    }
}

impl Summary {
    /// One line for humans: what was read, skipped and found.
    pub fn describe(&self) -> String {
        format!(
            "{} documents coded ({:.1} MB), {} events; skipped: {} malformed or unreadable, {} not English, {} duplicates",
            self.documents,
            self.bytes as f64 / 1e6,
            self.events,
            self.skipped,
            self.not_english,
            self.duplicates
        ) + &if self.already_stored > 0 {
            format!(", {} already in the store", self.already_stored)
        } else {
            String::new()
        }
    }

    /// The CLI exit code: 0 all coded, 2 nothing could be read, 3 some input skipped.
    pub fn exit_code(&self) -> u8 {
        match (self.documents, self.skipped) {
            (_, 0) => 0,
            (0, _) => crate::EXIT_NO_INPUT,
            _ => crate::EXIT_SKIPPED,
        }
    }
}

pub(crate) type Coded = (Document, Result<(Vec<Event>, DocumentStats), String>);

/// Codes a batch. A panic inside the coder (a bug) costs only its document: it is reported and
/// skipped like malformed input, and the run goes on.
pub(crate) fn code_batch(coder: &Coder, batch: Vec<Document>) -> Vec<Coded> {
    batch
        .into_iter()
        .map(|d| {
            let result =
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| coder.code(&d))) {
                    Ok(r) => r.map_err(|e| e.to_string()),
                    Err(_) => Err(format!(
                        "document {}: internal error in the coder (a bug: please report it)",
                        d.id
                    )),
                };
            (d, result)
        })
        .collect()
}

/// Reads `reader` to the end, coding on `threads` threads; then saves the reader's poll state,
/// now that every document read has reached the sink.
pub fn run<S: Sink>(
    coder: &Coder,
    mut reader: DocumentReader,
    options: &RunOptions,
    sink: &mut S,
) -> Result<Summary>
where
    S::Error: std::error::Error + Send + Sync + 'static,
{
    let mut docs = std::iter::from_fn(|| {
        let item = reader.next();
        for w in reader.take_warnings() {
            eprintln!("{w}");
        }
        item
    });
    let summary = run_documents(coder, &mut docs, options, sink)?;
    reader.save_poll_state()?;
    Ok(summary)
}

/// Codes documents (or input errors, which are reported and counted) into `sink`.
pub fn run_documents<S: Sink>(
    coder: &Coder,
    docs: impl Iterator<Item = Result<Document, IngestError>>,
    options: &RunOptions,
    sink: &mut S,
) -> Result<Summary>
where
    S::Error: std::error::Error + Send + Sync + 'static,
{
    let threads = options.threads;
    let mut summary = Summary::default();
    let mut batches = Batches::new(docs, options);
    let progress = options.progress.then(progress_bar);
    let mut deliver = |coded: Vec<Coded>, summary: &mut Summary| -> Result<()> {
        deliver(coded, sink, summary)?;
        if let Some(bar) = &progress {
            bar.set_position(summary.bytes);
            bar.set_message(format!(
                "{} documents, {} events",
                summary.documents, summary.events
            ));
        }
        Ok(())
    };
    if threads <= 1 {
        while let Some(batch) = batches.next_batch() {
            deliver(code_batch(coder, batch), &mut summary)?;
        }
    } else {
        std::thread::scope(|scope| -> Result<()> {
            let (work_tx, work_rx) = mpsc::channel::<(u64, Vec<Document>)>();
            let work_rx = Arc::new(Mutex::new(work_rx));
            let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<Coded>)>();
            for _ in 0..threads {
                let work_rx = Arc::clone(&work_rx);
                let done_tx = done_tx.clone();
                scope.spawn(move || loop {
                    let next = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, batch))) = next else { break };
                    if done_tx.send((seq, code_batch(coder, batch))).is_err() {
                        break;
                    }
                });
            }
            drop(done_tx);
            let mut sent = 0u64;
            let mut written = 0u64;
            let mut pending: BTreeMap<u64, Vec<Coded>> = BTreeMap::new();
            let mut input_done = false;
            loop {
                // Keep a bounded number of batches in flight so memory stays flat.
                while !input_done && sent - written < (threads as u64) * 4 {
                    match batches.next_batch() {
                        Some(b) => {
                            work_tx
                                .send((sent, b))
                                .map_err(|_| anyhow::anyhow!("worker threads stopped"))?;
                            sent += 1;
                        }
                        None => input_done = true,
                    }
                }
                if written == sent && input_done {
                    break;
                }
                let (seq, coded) = done_rx
                    .recv()
                    .map_err(|_| anyhow::anyhow!("worker threads stopped"))?;
                pending.insert(seq, coded);
                while let Some(coded) = pending.remove(&written) {
                    deliver(coded, &mut summary)?;
                    written += 1;
                }
            }
            drop(work_tx);
            Ok(())
        })?;
    }
    summary.skipped += batches.skipped;
    summary.not_english += batches.not_english;
    summary.duplicates += batches.duplicates;
    summary.already_stored += batches.already_stored;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    sink.finish()?;
    Ok(summary)
}

/// A progress bar on stderr: bytes coded, rate, documents and events so far.
fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {elapsed_precise} {decimal_bytes} coded ({decimal_bytes_per_sec}) {msg}",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn deliver<S: Sink>(coded: Vec<Coded>, sink: &mut S, summary: &mut Summary) -> Result<()>
where
    S::Error: std::error::Error + Send + Sync + 'static,
{
    for (doc, result) in coded {
        match result {
            Ok((events, stats)) => {
                summary.documents += 1;
                summary.sentences += stats.sentences as u64;
                summary.analysed += stats.analysed as u64;
                summary.bytes += doc.text.len() as u64;
                sink.begin_document(&doc)?;
                let mut delivered = 0;
                for e in &events {
                    delivered += 1;
                    if !sink.event(e)? {
                        break;
                    }
                }
                summary.events += delivered as u64;
                sink.end_document(DocumentSummary {
                    doc_id: &doc.id,
                    sentences: stats.sentences,
                    events: delivered,
                })?;
            }
            Err(e) => {
                eprintln!("tacitus: {e}; document skipped");
                summary.skipped += 1;
            }
        }
    }
    Ok(())
}

/// Reads documents into batches, reporting input errors and admitting documents per the run's
/// options (also used by `tacitus queue push`, which publishes what it admits).
pub(crate) struct Batches<I> {
    docs: I,
    english_only: bool,
    dedupe: bool,
    seen: HashSet<u64>,
    stored: Arc<HashSet<u64>>,
    pub(crate) skipped: u64,
    pub(crate) not_english: u64,
    pub(crate) duplicates: u64,
    already_stored: u64,
}

impl<I: Iterator<Item = Result<Document, IngestError>>> Batches<I> {
    pub(crate) fn new(docs: I, options: &RunOptions) -> Self {
        Batches {
            docs,
            english_only: options.english_only,
            dedupe: options.dedupe,
            seen: HashSet::new(),
            stored: Arc::clone(&options.stored),
            skipped: 0,
            not_english: 0,
            duplicates: 0,
            already_stored: 0,
        }
    }

    /// True when the document should be coded; counts it otherwise.
    fn admit(&mut self, d: &Document) -> bool {
        let hash = d.content_hash();
        if self.stored.contains(&hash) {
            self.already_stored += 1;
            return false;
        }
        if self.english_only && !is_english(d) {
            eprintln!("tacitus: {}: not English, skipped", d.id);
            self.not_english += 1;
            return false;
        }
        if self.dedupe {
            let text_seen = !self.seen.insert(hash);
            let url_seen = d
                .url
                .as_deref()
                .is_some_and(|u| !self.seen.insert(fnv1a(u.as_bytes()) ^ URL_SALT));
            if text_seen || url_seen {
                self.duplicates += 1;
                return false;
            }
        }
        true
    }

    pub(crate) fn next_batch(&mut self) -> Option<Vec<Document>> {
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(item) = self.docs.next() {
            match item {
                Ok(d) => {
                    if !self.admit(&d) {
                        continue;
                    }
                    batch.push(d);
                    if batch.len() == BATCH {
                        break;
                    }
                }
                Err(e) => {
                    eprintln!("tacitus: {e}");
                    self.skipped += 1;
                }
            }
        }
        (!batch.is_empty()).then_some(batch)
    }
}

/// Keeps URL hashes apart from text hashes in one set.
const URL_SALT: u64 = 0x9e37_79b9_7f4a_7c15;

/// FNV-1a 64: a stable, cheap content hash for duplicate detection.
/// English by the document's own `language` field, else by detection on its first 2,000 bytes.
fn is_english(d: &Document) -> bool {
    if let Some(lang) = d.language.as_deref().filter(|l| !l.is_empty()) {
        let l = lang.to_ascii_lowercase();
        return l == "en"
            || l.starts_with("en-")
            || l.starts_with("en_")
            || l == "eng"
            || l == "english";
    }
    let mut end = d.text.len().min(2000);
    while !d.text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &d.text[..end];
    // Too little text to judge: code it.
    sample.split_whitespace().count() < 8
        || whichlang::detect_language(sample) == whichlang::Lang::Eng
}
