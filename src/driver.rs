//! Runs the coder over a stream of documents on N threads and hands the events to a [`Sink`] in
//! input order. Input problems are reported on stderr (file:line) and skipped, never fatal.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use tacitus_coder::{Coder, DocumentStats};
use tacitus_ingest::{DocumentReader, IngestError};
use tacitus_model::{Document, DocumentSummary, Event, Sink};

/// Documents per unit of work: large enough to amortise channel costs, small enough to balance.
const BATCH: usize = 32;

/// What a run did.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub documents: u64,
    pub skipped: u64,
    pub events: u64,
    pub sentences: u64,
    pub analysed: u64,
    pub bytes: u64,
}

impl Summary {
    /// The CLI exit code: 0 all coded, 2 nothing could be read, 3 some input skipped.
    pub fn exit_code(&self) -> u8 {
        match (self.documents, self.skipped) {
            (_, 0) => 0,
            (0, _) => crate::EXIT_NO_INPUT,
            _ => crate::EXIT_SKIPPED,
        }
    }
}

type Coded = (String, usize, Result<(Vec<Event>, DocumentStats), String>);

/// Codes a batch. A panic inside the coder (a bug) costs only its document: it is reported and
/// skipped like malformed input, and the run goes on.
fn code_batch(coder: &Coder, batch: Vec<Document>) -> Vec<Coded> {
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
            (d.id.clone(), d.text.len(), result)
        })
        .collect()
}

/// Reads `reader` to the end, coding on `threads` threads.
pub fn run<S: Sink>(
    coder: &Coder,
    mut reader: DocumentReader,
    threads: usize,
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
    run_documents(coder, &mut docs, threads, sink)
}

/// Codes documents (or input errors, which are reported and counted) into `sink`.
pub fn run_documents<S: Sink>(
    coder: &Coder,
    docs: impl Iterator<Item = Result<Document, IngestError>>,
    threads: usize,
    sink: &mut S,
) -> Result<Summary>
where
    S::Error: std::error::Error + Send + Sync + 'static,
{
    let mut summary = Summary::default();
    let mut batches = batched(docs, &mut summary);
    if threads <= 1 {
        while let Some(batch) = batches.next_batch() {
            deliver(code_batch(coder, batch), sink, &mut summary)?;
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
                    deliver(coded, sink, &mut summary)?;
                    written += 1;
                }
            }
            drop(work_tx);
            Ok(())
        })?;
    }
    summary.skipped += batches.skipped;
    sink.finish()?;
    Ok(summary)
}

fn deliver<S: Sink>(coded: Vec<Coded>, sink: &mut S, summary: &mut Summary) -> Result<()>
where
    S::Error: std::error::Error + Send + Sync + 'static,
{
    for (doc_id, bytes, result) in coded {
        match result {
            Ok((events, stats)) => {
                summary.documents += 1;
                summary.sentences += stats.sentences as u64;
                summary.analysed += stats.analysed as u64;
                summary.bytes += bytes as u64;
                sink.begin_document(&doc_id)?;
                let mut delivered = 0;
                for e in &events {
                    delivered += 1;
                    if !sink.event(e)? {
                        break;
                    }
                }
                summary.events += delivered as u64;
                sink.end_document(DocumentSummary {
                    doc_id: &doc_id,
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

struct Batches<I> {
    docs: I,
    skipped: u64,
}

fn batched<I: Iterator<Item = Result<Document, IngestError>>>(
    docs: I,
    _s: &mut Summary,
) -> Batches<I> {
    Batches { docs, skipped: 0 }
}

impl<I: Iterator<Item = Result<Document, IngestError>>> Batches<I> {
    fn next_batch(&mut self) -> Option<Vec<Document>> {
        let mut batch = Vec::with_capacity(BATCH);
        for item in self.docs.by_ref() {
            match item {
                Ok(d) => {
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
