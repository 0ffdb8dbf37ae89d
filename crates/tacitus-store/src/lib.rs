//! The event store: documents and the events coded from them, kept in an embedded analytic
//! database so that they can be counted, compared over time and read back with their sentences.
//!
//! [`Store`] is the one interface the commands use; [`DuckStore`] implements it over a DuckDB
//! file (one file, ACID, columnar, opened directly by Python's and R's `duckdb` packages). A
//! server backend for several machines implements the same trait.
//!
//! Writing goes through [`StoreSink`], the [`Sink`] every other consumer of events implements:
//! it gathers each document with its events and writes every [`StoreSink::BATCH`] documents in
//! one transaction. Reading skips, before coding, every document whose content hash
//! ([`Document::content_hash`]) is already stored ([`Store::document_hashes`]). Together these
//! make ingest idempotent and crash-safe: a document is stored with all its events or not at
//! all, so a run killed at any moment and run again ends with exactly the rows of an
//! uninterrupted run.
//!
//! Mentions of the same event told by several outlets are merged into clusters
//! ([`Store::rebuild_clusters`]; after an ingest, [`Store::update_clusters`] redoes only the
//! dyads its documents touched): same source and target codes, same
//! CAMEO root, each mention dated within the window of the previous one. A cluster carries
//! GDELT's counts (mentions, articles, sources) and its first and last day.
//!
//! Schema (one row per document; one row per event mention, i.e. per coded sentence event):
//!
//! ```text
//! documents(content_hash PK, doc_id, url, outlet, published, title, author, language,
//!           bytes, events, dict_version, ingested_at, text)
//!     1 ──< n
//! events(event_id, content_hash → documents, doc_id, sentence_index, sentence, date,
//!        date_precision, day, source_{code,country,sector,text,name},
//!        target_{code,country,sector,text,name}, cameo, cameo_root, goldstein, quad_class,
//!        plover_type, plover_mode, plover_context, location_{name,country,lat,lon},
//!        attribution_{kind,outlet,reporter,source}, rule, confidence, outlet, dict_version)
//! event_clusters(cluster_id, source_code, target_code, cameo_root, cameo, quad_class,
//!        first_day, last_day, num_mentions, num_articles, num_sources, goldstein_mean)
//!     1 ──< n
//! cluster_mentions(cluster_id, content_hash, sentence_index, event_id, num_sources)  → events
//! ```

mod columns;
mod duck;
mod lake;
mod pg;
mod row_scan;
mod shared;

use std::collections::HashSet;

use serde_json::Value;
use tacitus_model::{Document, DocumentSummary, Event, Sink};

pub use duck::{date_from_days, DuckStore};
pub use lake::{export_lake, LakePartition};
pub use pg::{PgStore, CITUS_DISTRIBUTION};

/// What went wrong in the store; messages name the database file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened (missing directory, locked by another process, not a
    /// DuckDB file…).
    #[error("cannot open the store {path}: {reason}")]
    Open { path: String, reason: String },
    /// A statement failed.
    #[error("store {path}: {reason}")]
    Database { path: String, reason: String },
    /// A query argument is not valid (the message says which and why).
    #[error("{0}")]
    Invalid(String),
}

/// A document as stored, with the events coded from it.
#[derive(Clone, Debug, Default)]
pub struct StoredDocument {
    /// The document with its text, kept so that it can be re-coded (`tacitus recode`).
    pub document: Document,
    pub content_hash: u64,
    /// Length of the text in bytes.
    pub bytes: usize,
    /// Fingerprint of the dictionaries that coded the events.
    pub dict_version: String,
    pub events: Vec<Event>,
}

/// Time buckets of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

/// Which events a query is about. An actor is matched by its country code (`KAZ`) or by the
/// start of its full code (`KAZGOV` matches `KAZGOV` and `KAZGOVMIL`).
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    pub source: Option<String>,
    pub target: Option<String>,
    /// Either side: the actor's events with anyone, as source or target.
    pub actor: Option<String>,
    /// The events of one document (its content hash).
    pub document: Option<u64>,
    /// CAMEO root, two digits (`12`).
    pub root: Option<String>,
    /// Event dates from (inclusive), `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Event dates until (exclusive), `YYYY-MM-DD`.
    pub until: Option<String>,
}

impl EventFilter {
    /// A series is of a dyad (source and target) or of an actor with anyone.
    pub fn check_series(&self) -> Result<(), StoreError> {
        if (self.source.is_none() || self.target.is_none()) && self.actor.is_none() {
            return Err(StoreError::Invalid(
                "a series needs a source and a target, or an actor".into(),
            ));
        }
        Ok(())
    }
}

/// An event as stored, with what analysts read next to it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StoredEvent {
    #[serde(flatten)]
    pub event: Event,
    /// The document's content hash, as a string (JSON numbers lose 64-bit integers).
    pub content_hash: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Distinct outlets of the merged event (cluster) this mention belongs to.
    pub num_sources: Option<u64>,
}

/// One page of [`Store::events`].
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct EventPage {
    pub events: Vec<StoredEvent>,
    /// Pass it back for the next page; `None` after the last.
    pub next_cursor: Option<String>,
}

/// An actor (or country) code with a display name and its event mentions.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ActorCount {
    pub code: String,
    pub name: String,
    pub events: u64,
}

/// A place with coordinates and its event mentions.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LocationCount {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub events: u64,
}

/// A stored document: its metadata, text and the store's bookkeeping.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DocumentRecord {
    pub content_hash: String,
    #[serde(flatten)]
    pub document: Document,
    pub events: u64,
    pub dict_version: String,
    pub ingested_at: String,
}

/// One bucket of a dyad series.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SeriesPoint {
    /// The bucket's first day (`YYYY-MM-DD`) for day and week, `YYYY-MM` for month, `YYYY`.
    pub period: String,
    pub events: u64,
    /// Counts per QuadClass 1..4: verbal cooperation, material cooperation, verbal conflict,
    /// material conflict.
    pub quad: [u64; 4],
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
    /// Distinct outlets that reported the bucket's events.
    pub sources: u64,
    /// Events per PLOVER event type (events without one are not counted here).
    pub plover: std::collections::BTreeMap<String, u64>,
}

/// Names of codes, for the exports that write names where tacitus keeps codes (ICEWS):
/// `KAZ` → Kazakhstan, `GOV` → Government. A code without a name is written as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeNames {
    /// State and region codes.
    pub countries: std::collections::BTreeMap<String, String>,
    /// Sector codes.
    pub sectors: std::collections::BTreeMap<String, String>,
}

/// File formats that [`Store::export`] writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated, with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet (pandas, pyarrow, R arrow, Spark read it).
    Parquet,
    /// ICEWS event table: the 20 tab-separated columns of ICEWS's yearly files with their
    /// header, one row per event mention. Sectors and countries are written by their names in
    /// the given [`CodeNames`] (Government, Kazakhstan); Event Text is the CAMEO code's name,
    /// Intensity its Goldstein value.
    Icews(CodeNames),
    /// PLOVER JSONL: one record per event mention that has a PLOVER type, with the field names
    /// of the PLOVER manual (`id`, `date`, `actor`, `recipient`, `event`, `mode`, `context`,
    /// `quad_code`, `event_text`, `event_loc`, `cite_info`, `coder`, `coded_date`).
    Plover,
    /// GDELT 2.0 event table: one row per event cluster, the 61 tab-separated columns in
    /// GDELT's order, no header. Country codes are ISO alpha-3 / CAMEO (GDELT's geo fields use
    /// FIPS and are left empty), tone is empty. GLOBALEVENTID numbers all the store's clusters
    /// by first day, so it is the same in every export of one state of the store.
    Gdelt,
    /// GDELT 2.0 Mentions table: one row per mention of each exported event (its 16
    /// tab-separated columns, no header), joined to the event table by GLOBALEVENTID.
    /// Character offsets and tone are empty; MentionType is 1 (web) for a document with a URL,
    /// 2 (citation only, identified by its doc id) otherwise.
    GdeltMentions,
}

/// One partner of an actor in a [`Store::report`]: how their events in the period compare with
/// the partner's own baseline (every earlier event of the pair).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PartnerShift {
    /// The partner's country (or IGO) code.
    pub partner: String,
    /// Events between actor and partner (either direction) in the period.
    pub events: u64,
    pub goldstein_mean: f64,
    /// Share of the period's events in QuadClass 3 or 4 (verbal or material conflict).
    pub conflict_share: f64,
    /// Events before the period.
    pub baseline_events: u64,
    /// Mean Goldstein before the period; `None` without baseline events.
    pub baseline_goldstein_mean: Option<f64>,
    /// `goldstein_mean` − `baseline_goldstein_mean` (the baseline counts as 0 when missing):
    /// negative is a turn toward conflict.
    pub shift: f64,
    /// The period's three strongest events (largest |Goldstein|, then confidence).
    pub evidence: Vec<Evidence>,
}

/// An event quoted as evidence.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Evidence {
    pub date: Option<String>,
    pub source: String,
    pub target: String,
    pub cameo: String,
    pub goldstein: f64,
    pub sentence: String,
    /// The outlet that published the article.
    pub outlet: Option<String>,
    /// Who the article credits ("NBC News / Peter Alexander").
    pub according_to: Option<String>,
}

/// The rows of an SQL query, values as JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Where events are kept; see the crate docs.
pub trait Store {
    /// The content hashes of every stored document: documents with these are not coded again.
    fn document_hashes(&mut self) -> Result<HashSet<u64>, StoreError>;

    /// Stores documents with their events in one transaction: all of them or none. A document
    /// already stored is left as it is.
    fn write(&mut self, documents: &[StoredDocument]) -> Result<(), StoreError>;

    /// Replaces, in one transaction, the events of documents already stored (after a dictionary
    /// change), and their event count and dictionary version; the clusters are rebuilt later.
    fn replace(&mut self, documents: &[StoredDocument]) -> Result<(), StoreError>;

    /// At most `limit` stored documents, with their text, that were coded with dictionaries other
    /// than `dict_version`, in content-hash order after `after` (start with 0).
    fn stale_documents(
        &mut self,
        dict_version: &str,
        after: u64,
        limit: usize,
    ) -> Result<Vec<Document>, StoreError>;

    /// Stored documents coded with other dictionaries whose text was not stored (stored by an
    /// earlier version of tacitus), which cannot be re-coded from the store.
    fn stale_without_text(&mut self, dict_version: &str) -> Result<u64, StoreError>;

    /// Stored documents and events.
    fn counts(&mut self) -> Result<(u64, u64), StoreError>;

    /// Events of `filter` (which must name a source and a target, or an actor) per `period`,
    /// oldest first; only events dated at least as precisely as the period count.
    fn dyad_series(
        &mut self,
        filter: &EventFilter,
        period: Period,
    ) -> Result<Vec<SeriesPoint>, StoreError>;

    /// The country dyads of `filter` with the most events, at most `limit`: source and target
    /// country, events, conflict share (QuadClass 3–4), mean Goldstein, distinct sources.
    fn top_dyads(&mut self, filter: &EventFilter, limit: usize) -> Result<Table, StoreError>;

    /// A page of at most `limit` events of `filter`, newest first (undated last), with their
    /// document's outlet, URL and title and their event's number of sources. `cursor` is the
    /// `next_cursor` of the previous page (`None` for the first); the page's `next_cursor` is
    /// `None` after the last.
    fn events(
        &mut self,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage, StoreError>;

    /// Every actor code in the events, and every country code, with a display name and its
    /// number of event mentions (either side), most events first.
    fn actors(&mut self) -> Result<Vec<ActorCount>, StoreError>;

    /// Event locations of `filter` with coordinates, with their number of event mentions.
    fn locations(&mut self, filter: &EventFilter) -> Result<Vec<LocationCount>, StoreError>;

    /// A stored document's metadata and text (`None` when no document has that hash).
    fn document(&mut self, content_hash: u64) -> Result<Option<DocumentRecord>, StoreError>;

    /// Any read-only SQL over the tables.
    fn query(&mut self, sql: &str) -> Result<Table, StoreError>;

    /// `actor`'s partners ranked by how far their relations moved toward conflict in the period
    /// `[since, until)` compared with the pair's earlier events; partners with fewer than
    /// `min_events` events in the period are left out.
    fn report(
        &mut self,
        actor: &str,
        since: &str,
        until: Option<&str>,
        min_events: u64,
    ) -> Result<Vec<PartnerShift>, StoreError>;

    /// Lays the stored mentions out for queries by dyad and day (after a back-fill); what they
    /// say is unchanged.
    fn optimize(&mut self) -> Result<(), StoreError>;

    /// Rebuilds the event clusters from every stored mention: mentions of one dyad (full actor
    /// codes) and CAMEO root whose dates follow each other within `window_days` form one event,
    /// with its counts of mentions, articles and outlets. Returns the number of clusters.
    fn rebuild_clusters(&mut self, window_days: u32) -> Result<u64, StoreError>;

    /// Brings the clusters up to date after `documents` (content hashes) were stored or
    /// re-coded: only the dyads and roots their mentions belong to are clustered again, with
    /// the same result as [`Store::rebuild_clusters`]. Returns the number of clusters. A
    /// backend without a cheaper way rebuilds everything.
    fn update_clusters(&mut self, window_days: u32, documents: &[u64]) -> Result<u64, StoreError> {
        let _ = documents;
        self.rebuild_clusters(window_days)
    }

    /// Writes the events of `filter` (every column of the `events` table, oldest first; for
    /// GDELT, the event clusters whose first mention matches) to `path` in `format`; returns
    /// how many rows.
    fn export(
        &mut self,
        filter: &EventFilter,
        format: ExportFormat,
        path: &std::path::Path,
    ) -> Result<u64, StoreError>;
}

/// Opens the store named by `spec`: a `postgres://` or `postgresql://` URL is a [`PgStore`],
/// anything else the path of a [`DuckStore`] file.
pub fn open_store(spec: &str) -> Result<Box<dyn Store + Send>, StoreError> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        Ok(Box::new(PgStore::connect(spec)?))
    } else {
        Ok(Box::new(DuckStore::open(std::path::Path::new(spec))?))
    }
}

/// Writes coded documents into a [`Store`], [`StoreSink::BATCH`] documents per transaction.
///
/// `begin_document` starts a document, `event` adds to it, `end_document` queues it (also when
/// it has no events, so it is not coded again), and every `BATCH` documents, and at `finish`,
/// the queue is written in one transaction. Nothing is written before `finish` returns for the
/// documents after the last full batch, so a run must end with `finish`.
pub struct StoreSink<'a, S: Store + ?Sized> {
    store: &'a mut S,
    dict_version: String,
    current: Option<StoredDocument>,
    queued: Vec<StoredDocument>,
    /// Replace the events of stored documents instead of adding documents.
    recoding: bool,
    /// Content hashes of the documents handed to the store, for [`Store::update_clusters`].
    written: Vec<u64>,
}

impl<'a, S: Store + ?Sized> StoreSink<'a, S> {
    /// Documents per transaction: big enough that commits are cheap, small enough that an
    /// interrupted run loses little work.
    pub const BATCH: usize = 256;

    /// A sink into `store`; `dict_version` is recorded on every event.
    pub fn new(store: &'a mut S, dict_version: impl Into<String>) -> Self {
        StoreSink {
            store,
            dict_version: dict_version.into(),
            current: None,
            queued: Vec::new(),
            recoding: false,
            written: Vec::new(),
        }
    }

    /// A sink that replaces the events of documents already in `store` ([`Store::replace`]).
    pub fn recoding(store: &'a mut S, dict_version: impl Into<String>) -> Self {
        StoreSink {
            recoding: true,
            ..StoreSink::new(store, dict_version)
        }
    }

    /// Content hashes of the documents written so far (including any the store already held
    /// and left as they were): what [`Store::update_clusters`] needs after the run.
    pub fn written(&self) -> &[u64] {
        &self.written
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        if self.queued.is_empty() {
            return Ok(());
        }
        if self.recoding {
            self.store.replace(&self.queued)?;
        } else {
            self.store.write(&self.queued)?;
        }
        self.written
            .extend(self.queued.iter().map(|d| d.content_hash));
        self.queued.clear();
        Ok(())
    }
}

impl<S: Store + ?Sized> Sink for StoreSink<'_, S> {
    type Error = StoreError;

    fn begin_document(&mut self, document: &Document) -> Result<(), StoreError> {
        self.current = Some(StoredDocument {
            document: document.clone(),
            content_hash: document.content_hash(),
            bytes: document.text.len(),
            dict_version: self.dict_version.clone(),
            events: Vec::new(),
        });
        Ok(())
    }

    fn event(&mut self, event: &Event) -> Result<bool, StoreError> {
        if let Some(doc) = &mut self.current {
            doc.events.push(event.clone());
        }
        Ok(true)
    }

    fn end_document(&mut self, _summary: DocumentSummary<'_>) -> Result<(), StoreError> {
        if let Some(doc) = self.current.take() {
            self.queued.push(doc);
        }
        if self.queued.len() >= Self::BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StoreError> {
        self.flush()
    }
}
