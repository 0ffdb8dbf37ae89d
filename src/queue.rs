//! Distributed coding over a NATS JetStream work queue: `tacitus queue push` publishes documents,
//! `tacitus worker`s on any number of machines pull, code and store them.
//!
//! The protocol:
//!
//! - **Push.** Each admitted document (read, filtered and de-duplicated exactly as `tacitus code`
//!   does) is published as one message, the JSON of the [`Document`], on the work subject of a
//!   stream with work-queue retention (a message lives until a worker acknowledges it) in file
//!   storage. Its `Nats-Msg-Id` is the document's content hash, so JetStream drops a document
//!   pushed again within the stream's duplicate window (2 minutes by default) and counts it as a
//!   duplicate. Publish acknowledgements are awaited in batches of [`PUBLISH_WINDOW`]: async-nats
//!   caps the acknowledgements in flight, and a publisher that never awaits them stalls.
//! - **Work.** All workers share one durable pull consumer with explicit acknowledgement. A
//!   worker fetches a batch, codes it, writes the coded documents with their events in one
//!   [`Store::write`] (one transaction), and only after that commit acknowledges the batch's
//!   messages.
//! - **Dead letters.** A message that is not a document, or whose document the coder cannot
//!   handle or the store refuses (while it stores the rest of the batch), is published, body
//!   unchanged, to the dead-letter subject (captured by the stream `<stream>_DEAD`) with the
//!   reason in the `Tacitus-Reason` header, and then terminated, so it is not delivered again.
//!   The consumer allows `--max-deliver` + 1 deliveries: a message delivered that often was
//!   tried `--max-deliver` times without being acknowledged (workers died on it, or timed out),
//!   so its last delivery only moves it to the dead letters.
//!
//! Delivery is at least once and writes are idempotent, which together make coding effectively
//! exactly once: [`Store::write`] leaves a document whose content hash is already stored as it
//! is, with its events. What a crash costs, step by step:
//!
//! - a worker dies before its commit: its messages are not acknowledged, and JetStream delivers
//!   them again to another worker after `--ack-wait`; nothing was written (a transaction is all
//!   or nothing);
//! - a worker dies after its commit but before its acknowledgements reach the server: the
//!   messages are delivered again, coded again, and their write stores nothing new;
//! - a worker dies between publishing a dead letter and terminating the message: the message is
//!   dead-lettered again on redelivery, and the dead-letter stream drops the repeat (same
//!   `Nats-Msg-Id`);
//! - the push dies: the documents it published are queued; pushing the same inputs again
//!   publishes the rest (repeats within the duplicate window are dropped, later ones are stored
//!   once by the idempotent write);
//! - the database is unreachable: the worker keeps the batch in hand, extends its messages'
//!   acknowledgement deadlines and retries with back-off until the database is back, so an outage
//!   costs no delivery attempt (except for the batch fetched ahead, delivered again once).
//!
//! Workers do not rebuild the event clusters (a full pass over the store after every batch would
//! be expensive, and racy with the other writers): rebuild them once the queue is drained, with
//! `tacitus recluster`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use async_nats::jetstream::{self, consumer, stream, AckKind, Message};
use futures_util::StreamExt;
use tacitus_coder::{Coder, CoderOptions};
use tacitus_knowledge::Knowledge;
use tacitus_model::Document;
use tacitus_store::{open_store, Store, StoredDocument};

use crate::driver::{self, Batches};
use crate::store_cmd::DbArg;
use crate::InputArgs;

/// Publish acknowledgements awaited at a time (async-nats allows 5,000 in flight).
const PUBLISH_WINDOW: usize = 1024;
/// How long one fetch waits for its batch to fill; also how soon a stop request is noticed.
const FETCH_WAIT: Duration = Duration::from_secs(1);
/// Longest pause between two attempts to reach an unavailable database.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Header of a dead letter that says why it is one.
const REASON_HEADER: &str = "Tacitus-Reason";

/// Where the queue is: shared by `queue push` and `worker`.
#[derive(clap::Args)]
pub struct QueueArgs {
    /// The NATS server (JetStream enabled).
    #[arg(long, env = "TACITUS_NATS", default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// The JetStream stream of the work queue (created when missing).
    #[arg(long, default_value = "TACITUS")]
    stream: String,
    /// The subject documents are published on.
    #[arg(long, default_value = "tacitus.documents")]
    subject: String,
}

#[derive(clap::Args)]
pub struct PushArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    queue: QueueArgs,
}

#[derive(clap::Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    queue: QueueArgs,
    #[command(flatten)]
    db: DbArg,
    /// The durable consumer all workers share (created when missing, with the options below).
    #[arg(long, default_value = "tacitus-workers")]
    consumer: String,
    /// Where messages that cannot be coded go, with the reason in a `Tacitus-Reason` header
    /// (kept by the stream `<stream>_DEAD`).
    #[arg(long, default_value = "tacitus.dead")]
    dead_subject: String,
    /// Documents fetched, coded and stored (in one transaction) at a time.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Coding threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Attempts at a message before it goes to the dead-letter subject (when creating the
    /// consumer; an existing consumer keeps its setting).
    #[arg(long, default_value_t = 5)]
    max_deliver: u32,
    /// Seconds a fetched message may go unacknowledged before it is delivered to another worker
    /// (when creating the consumer).
    #[arg(long, default_value_t = 60)]
    ack_wait: u64,
    /// Exit once the queue has been drained (nothing waiting, nothing unacknowledged) and no
    /// message has come for this many seconds; without it, run until SIGTERM or Ctrl-C.
    #[arg(long, value_name = "SECONDS")]
    exit_when_idle: Option<u64>,
}

/// A runtime for the NATS client: one thread drives the connection while the calling thread
/// reads, codes and writes, and waits on the broker only where it must.
fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .context("starting the NATS client's runtime")
}

async fn connect(url: &str, name: &str) -> Result<async_nats::Client> {
    async_nats::ConnectOptions::new()
        .name(name)
        .connect(url)
        .await
        .with_context(|| format!("connecting to NATS at {url}"))
}

/// The work-queue stream, created when missing.
async fn work_stream(js: &jetstream::Context, q: &QueueArgs) -> Result<stream::Stream> {
    js.get_or_create_stream(stream::Config {
        name: q.stream.clone(),
        subjects: vec![q.subject.clone()],
        retention: stream::RetentionPolicy::WorkQueue,
        storage: stream::StorageType::File,
        ..Default::default()
    })
    .await
    .with_context(|| format!("opening or creating the stream {}", q.stream))
}

/// `tacitus queue push`: publishes what the inputs hold, one message per document.
pub fn push(args: &PushArgs) -> Result<u8> {
    let mut reader = args.input.reader()?;
    let options = args.input.run_options();
    let q = &args.queue;
    let rt = runtime()?;
    let (client, js) = rt.block_on(async {
        let client = connect(&q.nats, "tacitus queue push").await?;
        let js = jetstream::new(client.clone());
        work_stream(&js, q).await?;
        anyhow::Ok((client, js))
    })?;
    let max_payload = client.server_info().max_payload;
    let mut tally = PushTally::default();
    let mut acks = Vec::with_capacity(PUBLISH_WINDOW);
    let mut docs = std::iter::from_fn(|| {
        let item = reader.next();
        for w in reader.take_warnings() {
            eprintln!("{w}");
        }
        item
    });
    let mut batches = Batches::new(&mut docs, &options);
    while let Some(batch) = batches.next_batch() {
        for doc in batch {
            let payload = serde_json::to_vec(&doc).context("serialising a document")?;
            if payload.len() > max_payload {
                eprintln!(
                    "tacitus: {}: {} bytes of JSON, more than the server's message limit of {} \
                     bytes; skipped",
                    doc.id,
                    payload.len(),
                    max_payload
                );
                tally.too_large += 1;
                continue;
            }
            let bytes = payload.len() as u64;
            let publish = jetstream::message::PublishMessage::build()
                .payload(payload.into())
                .message_id(format!("{:016x}", doc.content_hash()));
            let ack = rt
                .block_on(js.send_publish(q.subject.clone(), publish))
                .with_context(|| format!("publishing to {}", q.subject))?;
            acks.push((ack, bytes));
            if acks.len() == PUBLISH_WINDOW {
                rt.block_on(tally.settle(&mut acks))?;
            }
        }
    }
    rt.block_on(tally.settle(&mut acks))?;
    let (skipped, not_english, repeated) =
        (batches.skipped, batches.not_english, batches.duplicates);
    drop(batches);
    reader.save_poll_state()?;
    eprintln!(
        "tacitus: pushed {} documents ({:.1} MB) to {} ({}); {} already queued (same content \
         hash within the stream's duplicate window); skipped: {skipped} malformed or unreadable, \
         {not_english} not English, {repeated} repeated in the input, {} too large",
        tally.pushed,
        tally.bytes as f64 / 1e6,
        q.stream,
        q.subject,
        tally.duplicates,
        tally.too_large
    );
    let summary = driver::Summary {
        documents: tally.pushed + tally.duplicates,
        skipped: skipped + tally.too_large,
        ..driver::Summary::default()
    };
    Ok(summary.exit_code())
}

#[derive(Default)]
struct PushTally {
    pushed: u64,
    duplicates: u64,
    too_large: u64,
    bytes: u64,
}

impl PushTally {
    /// Waits for the acknowledgements in flight; a refusal stops the push (pushing again is
    /// safe: repeats are dropped or stored once).
    async fn settle(
        &mut self,
        acks: &mut Vec<(jetstream::context::PublishAckFuture, u64)>,
    ) -> Result<()> {
        for (ack, bytes) in acks.drain(..) {
            let ack = ack
                .await
                .context("the server did not store a published document")?;
            if ack.duplicate {
                self.duplicates += 1;
            } else {
                self.pushed += 1;
                self.bytes += bytes;
            }
        }
        Ok(())
    }
}

/// What a worker did, and where its time went.
#[derive(Default)]
struct WorkerTally {
    documents: u64,
    events: u64,
    dead: u64,
    redelivered: u64,
    /// Waiting for work: fetches that brought nothing.
    idle: Duration,
    /// Waiting on the broker with work to do: fetches that brought messages (beyond what was
    /// fetched while the previous batch was being coded), acknowledgements, dead letters.
    broker: Duration,
    coding: Duration,
    writing: Duration,
}

/// A message and what became of it in the batch at hand.
struct Job {
    message: Message,
    outcome: Outcome,
}

enum Outcome {
    /// Coded (this document of the batch's), to be stored and acknowledged.
    Coded(usize),
    /// To be published to the dead-letter subject with this reason, and terminated.
    Dead(String),
}

/// A message's stream sequence and delivery count (0, 0 when the message carries no JetStream
/// metadata).
fn delivery(message: &Message) -> (u64, u64) {
    message.info().map_or((0, 0), |i| {
        (i.stream_sequence, u64::try_from(i.delivered).unwrap_or(0))
    })
}

/// `tacitus worker`: pulls, codes, stores and acknowledges until stopped (or idle, with
/// `--exit-when-idle`).
pub fn worker(k: Arc<Knowledge>, args: &WorkerArgs) -> Result<u8> {
    let spec = args.db.path.to_string_lossy().into_owned();
    let store = open_store(&spec)?;
    let q = &args.queue;
    let rt = runtime()?;
    let (client, js, mut consumer) = rt.block_on(async {
        let client = connect(&q.nats, "tacitus worker").await?;
        let js = jetstream::new(client.clone());
        let work = work_stream(&js, q).await?;
        js.get_or_create_stream(stream::Config {
            name: format!("{}_DEAD", q.stream),
            subjects: vec![args.dead_subject.clone()],
            storage: stream::StorageType::File,
            ..Default::default()
        })
        .await
        .with_context(|| format!("opening or creating the stream {}_DEAD", q.stream))?;
        let consumer = work
            .get_or_create_consumer(
                &args.consumer,
                consumer::pull::Config {
                    durable_name: Some(args.consumer.clone()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: Duration::from_secs(args.ack_wait.max(1)),
                    max_deliver: i64::from(args.max_deliver.max(1)) + 1,
                    max_ack_pending: 20_000,
                    ..Default::default()
                },
            )
            .await
            .with_context(|| format!("opening or creating the consumer {}", args.consumer))?;
        anyhow::Ok((client, js, consumer))
    })?;
    // The consumer's setting rules (another worker may have created it): its last delivery is
    // the dead-letter one.
    let attempts = u64::try_from(consumer.cached_info().config.max_deliver - 1).unwrap_or(0);
    // Retries of an unavailable store pause at most this long, so that the batch in hand keeps
    // its messages (their deadlines are extended at each retry).
    let pause =
        (consumer.cached_info().config.ack_wait / 2).clamp(Duration::from_secs(1), MAX_BACKOFF);

    let stop = Arc::new(AtomicBool::new(false));
    rt.spawn(stop_on_signal(Arc::clone(&stop)));

    let mut batch_work = BatchWork {
        version: k.version.clone(),
        coder: Coder::new(k, CoderOptions { explain: true }),
        threads: args.threads.unwrap_or_else(crate::default_threads).max(1),
        attempts,
        store,
        spec: spec.clone(),
        pause,
        client: client.clone(),
        js,
        dead_subject: args.dead_subject.clone(),
        stop: Arc::clone(&stop),
    };
    let mut tally = WorkerTally::default();
    let started = Instant::now();
    let mut idle_since: Option<Instant> = None;
    eprintln!(
        "tacitus: worker: consuming {} ({}) as {} into {spec}",
        q.stream, q.subject, args.consumer
    );
    let batch = args.batch.max(1);
    let mut next = Some(rt.spawn(fetch(consumer.clone(), batch)));
    while let Some(fetching) = next.take() {
        let t = Instant::now();
        let fetched = rt
            .block_on(fetching)
            .map_err(anyhow::Error::from)
            .and_then(|r| r);
        let waited = t.elapsed();
        let messages = match fetched {
            Ok(m) => m,
            Err(e) => {
                tally.idle += waited;
                eprintln!(
                    "tacitus: worker: fetching from {}: {e:#}; retrying",
                    q.stream
                );
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                std::thread::sleep(FETCH_WAIT);
                next = Some(rt.spawn(fetch(consumer.clone(), batch)));
                continue;
            }
        };
        if messages.is_empty() {
            tally.idle += waited;
            if stop.load(Ordering::Relaxed) {
                break;
            }
            if let Some(limit) = args.exit_when_idle {
                let since = *idle_since.get_or_insert_with(Instant::now);
                if since.elapsed() >= Duration::from_secs(limit) {
                    let t = Instant::now();
                    let drained = rt.block_on(drained(&mut consumer));
                    tally.idle += t.elapsed();
                    match drained {
                        Ok(true) => break,
                        Ok(false) => {}
                        Err(e) => eprintln!("tacitus: worker: {e:#}"),
                    }
                }
            }
            next = Some(rt.spawn(fetch(consumer.clone(), batch)));
            continue;
        }
        tally.broker += waited;
        idle_since = None;
        // The next batch is fetched while this one is coded and written; once stopping, the
        // batch in hand is the last.
        if !stop.load(Ordering::Relaxed) {
            next = Some(rt.spawn(fetch(consumer.clone(), batch)));
        }

        batch_work.run(&rt, messages, &mut tally)?;
    }
    rt.block_on(client.flush()).ok();
    let secs = started.elapsed().saturating_sub(tally.idle).as_secs_f64();
    eprintln!(
        "tacitus: worker: {} documents, {} events in {secs:.1} s ({:.0} docs/s; {:.1} s idle \
         besides); waited {:.1} s on the broker, {:.1} s coding, {:.1} s writing; {} \
         dead-lettered, {} redeliveries",
        tally.documents,
        tally.events,
        tally.documents as f64 / secs.max(1e-9),
        tally.idle.as_secs_f64(),
        tally.broker.as_secs_f64(),
        tally.coding.as_secs_f64(),
        tally.writing.as_secs_f64(),
        tally.dead,
        tally.redelivered
    );
    Ok(0)
}

/// What a worker needs to turn a batch of messages into stored documents and dead letters.
struct BatchWork {
    coder: Coder,
    /// The dictionaries' version, recorded with every event.
    version: String,
    threads: usize,
    /// Deliveries a message may have before its next one only dead-letters it (0: no limit).
    attempts: u64,
    store: Box<dyn Store + Send>,
    /// The store's `--db`, to reopen it after an outage.
    spec: String,
    /// Longest pause between two attempts at an unavailable store.
    pause: Duration,
    client: async_nats::Client,
    js: jetstream::Context,
    dead_subject: String,
    stop: Arc<AtomicBool>,
}

impl BatchWork {
    /// Decodes, codes and stores `messages` (one transaction), then acknowledges them or moves
    /// them to the dead letters. Fails only when stopped while the store was unavailable, after
    /// handing the batch back.
    fn run(
        &mut self,
        rt: &tokio::runtime::Runtime,
        messages: Vec<Message>,
        tally: &mut WorkerTally,
    ) -> Result<()> {
        let attempts = self.attempts;
        let decoded: Vec<Result<Document, String>> = messages
            .iter()
            .map(|message| {
                let (_, delivered) = delivery(message);
                if delivered > 1 {
                    tally.redelivered += 1;
                }
                if attempts > 0 && delivered > attempts {
                    return Err(format!(
                        "delivered {attempts} times without being acknowledged (workers died \
                         or timed out on it)"
                    ));
                }
                serde_json::from_slice::<Document>(&message.payload)
                    .map_err(|e| format!("not a tacitus document (JSON): {e}"))
            })
            .collect();
        let t = Instant::now();
        let (outcomes, documents) = code_all(&self.coder, &self.version, self.threads, decoded);
        tally.coding += t.elapsed();
        let mut jobs: Vec<Job> = messages
            .into_iter()
            .zip(outcomes)
            .map(|(message, outcome)| Job { message, outcome })
            .collect();

        let t = Instant::now();
        let committed = self.commit(rt, &mut jobs, &documents);
        tally.writing += t.elapsed();
        let t = Instant::now();
        if let Err(e) = committed {
            rt.block_on(async {
                for job in &jobs {
                    job.message.ack_with(AckKind::Nak(None)).await.ok();
                }
                self.client.flush().await.ok();
            });
            return Err(e);
        }
        rt.block_on(async {
            settle(&self.js, &self.dead_subject, &jobs, &documents, tally).await;
            self.client.flush().await.ok();
        });
        tally.broker += t.elapsed();
        Ok(())
    }

    /// Writes the batch's coded documents in one transaction. When that fails while the
    /// database answers, the documents are written one by one and those the store refuses become
    /// dead letters; when the database does not answer, the batch is kept (its messages'
    /// deadlines extended) and the write retried with back-off until it succeeds or the worker
    /// is stopped.
    fn commit(
        &mut self,
        rt: &tokio::runtime::Runtime,
        jobs: &mut [Job],
        documents: &[StoredDocument],
    ) -> Result<()> {
        if documents.is_empty() {
            return Ok(());
        }
        let mut backoff = Duration::from_secs(1).min(self.pause);
        loop {
            let error = match self.store.write(documents) {
                Ok(()) => return Ok(()),
                Err(e) => e,
            };
            if self.store.counts().is_ok() {
                for job in jobs.iter_mut() {
                    if let Outcome::Coded(i) = job.outcome {
                        if let Err(e) = self.store.write(std::slice::from_ref(&documents[i])) {
                            job.outcome = Outcome::Dead(format!("the store refused it: {e}"));
                        }
                    }
                }
                return Ok(());
            }
            if self.stop.load(Ordering::Relaxed) {
                return Err(anyhow::anyhow!(error))
                    .context("stopped while the store was unavailable");
            }
            eprintln!(
                "tacitus: worker: the store is unavailable ({error}); retrying in {} s",
                backoff.as_secs()
            );
            rt.block_on(async {
                for job in jobs.iter() {
                    job.message.ack_with(AckKind::Progress).await.ok();
                }
            });
            std::thread::sleep(backoff);
            backoff = (backoff * 2).min(self.pause);
            if let Ok(reopened) = open_store(&self.spec) {
                self.store = reopened;
            }
        }
    }
}

/// Sets `stop` on SIGTERM or Ctrl-C; a second signal ends the process at once (what it holds
/// unacknowledged is delivered again after `--ack-wait`).
async fn stop_on_signal(stop: Arc<AtomicBool>) {
    #[cfg(unix)]
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    for now in [false, true] {
        #[cfg(unix)]
        let terminated = async {
            match terminate.as_mut() {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let terminated = std::future::pending::<()>();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminated => {}
        }
        if now {
            eprintln!(
                "tacitus: worker: stopped; its unacknowledged messages will be delivered again"
            );
            std::process::exit(130);
        }
        eprintln!("tacitus: worker: stopping after the batch in hand (signal again to stop now)");
        stop.store(true, Ordering::Relaxed);
    }
}

/// Up to `max` messages: those available now, or when there are none, those that come within
/// [`FETCH_WAIT`] (a request that waits returns only when full or expired, which would hold a
/// partial batch for that long).
async fn fetch(consumer: consumer::PullConsumer, max: usize) -> Result<Vec<Message>> {
    let available = consumer.fetch().max_messages(max).messages().await?;
    let messages = collect(available, max).await?;
    if !messages.is_empty() {
        return Ok(messages);
    }
    let waiting = consumer
        .batch()
        .max_messages(max)
        .expires(FETCH_WAIT)
        .messages()
        .await?;
    collect(waiting, max).await
}

/// The messages of one pull request.
async fn collect(mut batch: consumer::pull::Batch, max: usize) -> Result<Vec<Message>> {
    let mut messages = Vec::with_capacity(max);
    while let Some(message) = batch.next().await {
        match message {
            Ok(m) => messages.push(m),
            // A status ends the request (e.g. the consumer's limit of unacknowledged messages);
            // what came before it is worked on.
            Err(e) if !messages.is_empty() => {
                eprintln!("tacitus: worker: {e}");
                break;
            }
            Err(e) => return Err(anyhow::anyhow!(e)),
        }
    }
    Ok(messages)
}

/// True when no message waits for delivery and none awaits acknowledgement.
async fn drained(consumer: &mut consumer::PullConsumer) -> Result<bool> {
    let info = consumer
        .info()
        .await
        .context("asking for the consumer's state")?;
    Ok(info.num_pending == 0 && info.num_ack_pending == 0)
}

/// Codes the decoded documents on `threads` threads: each message's outcome, and the coded
/// documents in order. What could not be decoded or coded becomes a dead letter.
fn code_all(
    coder: &Coder,
    version: &str,
    threads: usize,
    decoded: Vec<Result<Document, String>>,
) -> (Vec<Outcome>, Vec<StoredDocument>) {
    let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(decoded.len());
    let mut todo: Vec<(usize, Document)> = Vec::new();
    for (i, d) in decoded.into_iter().enumerate() {
        match d {
            Ok(doc) => {
                todo.push((i, doc));
                outcomes.push(None);
            }
            Err(reason) => outcomes.push(Some(Outcome::Dead(reason))),
        }
    }
    let per_thread = todo.len().div_ceil(threads).max(1);
    let mut chunks: Vec<(Vec<usize>, Vec<Document>)> = Vec::new();
    let mut todo = todo.into_iter().peekable();
    while todo.peek().is_some() {
        chunks.push(todo.by_ref().take(per_thread).unzip());
    }
    let mut documents = Vec::with_capacity(outcomes.len());
    std::thread::scope(|scope| {
        let running: Vec<_> = chunks
            .into_iter()
            .map(|(at, docs)| (at, scope.spawn(|| driver::code_batch(coder, docs))))
            .collect();
        for (at, thread) in running {
            // code_batch catches the coder's panics, so a thread cannot die of one.
            let coded = thread.join().unwrap_or_default();
            for (i, (document, result)) in at.into_iter().zip(coded) {
                outcomes[i] = Some(match result {
                    Ok((events, _)) => {
                        documents.push(StoredDocument {
                            content_hash: document.content_hash(),
                            bytes: document.text.len(),
                            dict_version: version.to_string(),
                            events,
                            document,
                        });
                        Outcome::Coded(documents.len() - 1)
                    }
                    Err(reason) => Outcome::Dead(format!("cannot be coded: {reason}")),
                });
            }
        }
    });
    let outcomes = outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Outcome::Dead("cannot be coded: the coder stopped".into())))
        .collect();
    (outcomes, documents)
}

/// After the commit: dead letters are published (and their messages terminated once the
/// dead-letter stream has them); stored documents are acknowledged.
async fn settle(
    js: &jetstream::Context,
    dead_subject: &str,
    jobs: &[Job],
    documents: &[StoredDocument],
    tally: &mut WorkerTally,
) {
    for job in jobs {
        let message = &job.message;
        let done = match &job.outcome {
            Outcome::Coded(i) => {
                tally.documents += 1;
                tally.events += documents[*i].events.len() as u64;
                message.ack().await
            }
            Outcome::Dead(reason) => match dead_letter(js, dead_subject, message, reason).await {
                Ok(()) => {
                    tally.dead += 1;
                    message.ack_with(AckKind::Term).await
                }
                Err(e) => {
                    eprintln!("tacitus: worker: {e:#}; the message will be delivered again");
                    message.ack_with(AckKind::Nak(None)).await
                }
            },
        };
        if let Err(e) = done {
            // The message comes back after --ack-wait; storing it again changes nothing.
            eprintln!("tacitus: worker: acknowledging a message: {e}");
        }
    }
}

/// Publishes `message` unchanged to the dead-letter subject with why, where it came from and how
/// often it was delivered, and waits until the dead-letter stream has it.
async fn dead_letter(
    js: &jetstream::Context,
    dead_subject: &str,
    message: &Message,
    reason: &str,
) -> Result<()> {
    let (sequence, delivered) = delivery(message);
    // Header values are one line.
    let mut reason: String = reason
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if reason.len() > 1000 {
        let mut end = 1000;
        while !reason.is_char_boundary(end) {
            end -= 1;
        }
        reason.truncate(end);
    }
    let id = message
        .headers
        .as_ref()
        .and_then(|h| h.get(async_nats::header::NATS_MESSAGE_ID))
        .map_or_else(|| format!("seq-{sequence}"), |v| v.as_str().to_string());
    eprintln!("tacitus: worker: message {sequence} ({id}) to {dead_subject}: {reason}");
    let publish = jetstream::message::PublishMessage::build()
        .payload(message.payload.clone())
        .message_id(format!("dead-{id}"))
        .header(REASON_HEADER, reason.as_str())
        .header("Tacitus-Subject", message.subject.as_str())
        .header("Tacitus-Stream-Sequence", sequence.to_string())
        .header("Tacitus-Deliveries", delivered.to_string());
    js.send_publish(dead_subject.to_string(), publish)
        .await
        .with_context(|| format!("publishing a dead letter to {dead_subject}"))?
        .await
        .with_context(|| format!("publishing a dead letter to {dead_subject}"))?;
    Ok(())
}
