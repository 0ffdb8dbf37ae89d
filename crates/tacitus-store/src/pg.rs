//! [`Store`] over PostgreSQL: one database shared by every ingest worker, command and server, where
//! a DuckDB file has one writer at a time.
//!
//! The tables are DuckDB's (see the crate docs) with PostgreSQL's types, and every method answers
//! as [`crate::DuckStore`]'s does for the same rows. The differences in representation:
//!
//! - `content_hash` is a `BIGINT` holding the bit pattern of the unsigned 64-bit hash
//!   (`hash as i64`; read it back with `as u64`), so hashes of 2⁶³ and above are negative in SQL.
//!   Wherever DuckDB orders by hash (event pages, stale documents, clusters), this backend orders
//!   by `content_hash # (-9223372036854775808)::bigint`, which sorts like the unsigned value, and
//!   exports write the unsigned value.
//! - Text columns are `COLLATE "C"`, so text sorts and compares by bytes as in DuckDB, whatever the
//!   database's locale.
//! - `ingested_at` is a `TIMESTAMP` in UTC; `day`, `first_day` and `last_day` are `DATE`s.
//!
//! Writes are safe with any number of processes at once. [`Store::write`] inserts the batch's
//! documents with `INSERT … ON CONFLICT (content_hash) DO NOTHING RETURNING content_hash` and
//! copies (binary `COPY events FROM STDIN`) the events of only the documents that insert
//! returned, in the same transaction: of two writers of one document, the second waits for the
//! first to commit and then skips it with its events. Every writer inserts in hash order, so two
//! writers never deadlock. [`Store::replace`] locks each document's row (its `UPDATE`) before
//! deleting and copying its events, and [`Store::rebuild_clusters`] holds an advisory lock, so
//! concurrent recodes and rebuilds queue instead of interleaving.
//!
//! [`Store::query`] runs in a `READ ONLY` transaction: SQL from users reads, never writes.
//! Exports stream ordinary queries (filters are bound parameters, which `COPY (query) TO` does
//! not take) and write the same bytes as DuckDB's exports; Parquet goes through the CSV export
//! and an in-memory DuckDB. The connection is plain TCP (no TLS client is built in): keep it on
//! loopback or a private network.
//!
//! # Citus
//!
//! The schema distributes on Citus by `content_hash`: a document, its events and its cluster
//! mentions are co-located on one shard, so writing or recoding a document touches one shard and
//! the joins between these tables stay on the workers. `event_clusters` is a reference table
//! (copied to every node): it is joined by `cluster_id`, never by `content_hash` (GDELT exports,
//! the rebuild that copies each cluster's source count onto its mentions), and it is rewritten
//! whole by each rebuild, so distributing it on `cluster_id` would only turn those joins into
//! repartition joins. Run [`CITUS_DISTRIBUTION`] once, on the coordinator, after
//! [`PgStore::connect`] has created the tables (best before ingesting: distributing moves the
//! rows already there).

use std::collections::{BTreeMap, HashSet};
use std::error::Error as StdError;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Duration;

use bytes::{BufMut, BytesMut};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use postgres::{Client, Config, NoTls, Row, SimpleQueryMessage, Transaction};
use serde_json::Value;
use tacitus_model::{Actor, Attribution, Document, Event, Location, Plover};

use crate::columns::epoch_day;
use crate::shared::{
    actor_code, file_error, icews_record, icews_select, kind_from, user_day, worth_updating,
    EventCursor, IcewsMention, CLUSTER_KEY, ICEWS_COLUMNS,
};
use crate::{
    ActorCount, CodeNames, DocumentRecord, EventFilter, EventPage, Evidence, ExportFormat,
    LocationCount, PartnerShift, Period, SeriesPoint, Store, StoreError, StoredDocument,
    StoredEvent, Table,
};

/// The statements that distribute the store on Citus (see the module docs): run once on the
/// coordinator, after the tables exist and before they hold rows.
pub const CITUS_DISTRIBUTION: &str = "\
SELECT create_distributed_table('documents', 'content_hash');
SELECT create_distributed_table('events', 'content_hash', colocate_with => 'documents');
SELECT create_distributed_table('cluster_mentions', 'content_hash', colocate_with => 'documents');
SELECT create_reference_table('event_clusters');
";

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS documents (
    content_hash BIGINT PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL,
    url TEXT COLLATE "C",
    outlet TEXT COLLATE "C",
    published TEXT COLLATE "C",
    title TEXT COLLATE "C",
    author TEXT COLLATE "C",
    language TEXT COLLATE "C",
    bytes BIGINT NOT NULL,
    events INTEGER NOT NULL,
    dict_version TEXT COLLATE "C" NOT NULL,
    ingested_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    text TEXT COLLATE "C"
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT COLLATE "C" NOT NULL,
    content_hash BIGINT NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C",
    date_precision TEXT COLLATE "C",
    day DATE,
    source_code TEXT COLLATE "C" NOT NULL,
    source_country TEXT COLLATE "C",
    source_sector TEXT COLLATE "C",
    source_text TEXT COLLATE "C" NOT NULL,
    source_name TEXT COLLATE "C" NOT NULL,
    target_code TEXT COLLATE "C",
    target_country TEXT COLLATE "C",
    target_sector TEXT COLLATE "C",
    target_text TEXT COLLATE "C",
    target_name TEXT COLLATE "C",
    cameo TEXT COLLATE "C" NOT NULL,
    cameo_root TEXT COLLATE "C" NOT NULL,
    goldstein DOUBLE PRECISION NOT NULL,
    quad_class SMALLINT NOT NULL,
    plover_type TEXT COLLATE "C",
    plover_mode TEXT COLLATE "C",
    plover_context TEXT COLLATE "C",
    location_name TEXT COLLATE "C",
    location_country TEXT COLLATE "C",
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    attribution_kind TEXT COLLATE "C",
    attribution_outlet TEXT COLLATE "C",
    attribution_reporter TEXT COLLATE "C",
    attribution_source TEXT COLLATE "C",
    rule TEXT COLLATE "C" NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    outlet TEXT COLLATE "C",
    dict_version TEXT COLLATE "C" NOT NULL,
    explain TEXT COLLATE "C"
);
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id TEXT COLLATE "C" PRIMARY KEY,
    source_code TEXT COLLATE "C",
    target_code TEXT COLLATE "C",
    cameo_root TEXT COLLATE "C",
    cameo TEXT COLLATE "C",
    quad_class SMALLINT,
    first_day DATE,
    last_day DATE,
    num_mentions BIGINT,
    num_articles BIGINT,
    num_sources BIGINT,
    goldstein_mean DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS cluster_mentions (
    cluster_id TEXT COLLATE "C",
    content_hash BIGINT,
    sentence_index INTEGER,
    event_id TEXT COLLATE "C",
    -- The cluster's, repeated so that a page of events needs no join with event_clusters.
    num_sources BIGINT
);
-- A document's events (recode, document filters) and an event's cluster (event pages).
CREATE INDEX IF NOT EXISTS events_document ON events (content_hash, sentence_index);
CREATE INDEX IF NOT EXISTS cluster_mentions_event ON cluster_mentions (content_hash, sentence_index);
-- Stale documents are paged in unsigned hash order.
CREATE INDEX IF NOT EXISTS documents_unsigned_hash
    ON documents ((content_hash # (-9223372036854775808)::bigint));
"#;

/// Advisory lock keys: creating the tables, rebuilding the clusters.
const SCHEMA_LOCK: i64 = 0x7461_6369_7475_7301;
const CLUSTER_LOCK: i64 = 0x7461_6369_7475_7302;

/// The columns a write fills in `documents`, in the order of [`insert_documents`]'s values,
/// with their types (`ingested_at` takes its default, the server's time).
const DOCUMENT_COLUMNS: [(&str, &str); 12] = [
    ("content_hash", "bigint"),
    ("doc_id", "text"),
    ("url", "text"),
    ("outlet", "text"),
    ("published", "text"),
    ("title", "text"),
    ("author", "text"),
    ("language", "text"),
    ("bytes", "bigint"),
    ("events", "int"),
    ("dict_version", "text"),
    ("text", "text"),
];

/// Documents per `INSERT` (12 parameters each, under PostgreSQL's 65,535).
const INSERT_ROWS: usize = 1000;

/// SQL for a `content_hash` column in unsigned order (flips the sign bit).
fn unsigned_order(column: &str) -> String {
    format!("({column} # (-9223372036854775808)::bigint)")
}

/// A hash as [`unsigned_order`] compares it.
fn order_key(hash: u64) -> i64 {
    (hash ^ (1 << 63)) as i64
}

/// SQL rounding `expr` (a double) to `digits` decimals as DuckDB's `round` does: half away from
/// zero on the scaled double (PostgreSQL rounds doubles half to even, numerics after a 15-digit
/// conversion).
fn round_like_duckdb(expr: &str, digits: i32) -> String {
    let scale = 10f64.powi(digits);
    format!("(sign({expr}) * floor(abs({expr}) * {scale} + 0.5) / {scale})")
}

/// A PostgreSQL database holding the tables of the crate docs.
pub struct PgStore {
    client: Client,
    /// The URL without its password, for messages.
    url: String,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user@host:port/db`) and creates the tables
    /// if they are missing. The connection is plain TCP: keep it on loopback or a private network.
    pub fn connect(url: &str) -> Result<PgStore, StoreError> {
        let shown = redact(url);
        let open_error = |reason: String| StoreError::Open {
            path: shown.clone(),
            reason,
        };
        let mut config: Config = url
            .parse()
            .map_err(|e: postgres::Error| open_error(describe(&e)))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let mut client = config
            .connect(NoTls)
            .map_err(|e| open_error(describe(&e)))?;
        // Dates, times and doubles as text the same way whatever the server's defaults (query).
        client
            .batch_execute(
                "SET datestyle = 'ISO, YMD'; SET timezone = 'UTC'; SET extra_float_digits = 1",
            )
            .map_err(|e| open_error(describe(&e)))?;
        create_schema(&mut client).map_err(|e| open_error(describe(&e)))?;
        Ok(PgStore { client, url: shown })
    }
}

/// Creates the tables unless all are there; the lock keeps processes that start together from
/// racing on the catalog.
fn create_schema(client: &mut Client) -> Result<(), postgres::Error> {
    let present: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() \
             AND tablename IN ('documents', 'events', 'event_clusters', 'cluster_mentions')",
            &[],
        )?
        .try_get(0)?;
    // A column added to SCHEMA later needs its own check here (and an ADD COLUMN IF NOT EXISTS).
    if present == 4 {
        return Ok(());
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
    tx.batch_execute(SCHEMA)?;
    tx.commit()
}

/// `url` with its password hidden, for messages.
fn redact(url: &str) -> String {
    let mut shown = url.to_string();
    // postgres://user:password@host/db
    if let Some(start) = url.find("://").map(|i| i + 3) {
        let rest = &url[start..];
        let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
        if let Some(at) = authority.rfind('@') {
            if let Some(colon) = authority[..at].find(':') {
                shown = format!(
                    "{}{}:***{}",
                    &url[..start],
                    &authority[..colon],
                    &rest[at..]
                );
            }
        }
    }
    // ?password=… or password=… in a key=value string
    if let Some(i) = shown.find("password=") {
        let start = i + "password=".len();
        let end = shown[start..]
            .find(['&', ' '])
            .map_or(shown.len(), |n| start + n);
        shown.replace_range(start..end, "***");
    }
    shown
}

/// The server's message with its detail and hint, or the client's error.
fn describe(e: &postgres::Error) -> String {
    let Some(db) = e.as_db_error() else {
        // "error connecting to server" alone does not say that the connection was refused.
        return match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        };
    };
    let mut text = db.message().to_string();
    if let Some(detail) = db.detail() {
        text.push_str(&format!(" ({detail})"));
    }
    if let Some(hint) = db.hint() {
        text.push_str(&format!(" (hint: {hint})"));
    }
    text
}

/// Maps a driver error to a [`StoreError`] naming the server and the statement that failed.
fn failed<'a>(url: &'a str, what: &'a str) -> impl Fn(postgres::Error) -> StoreError + 'a {
    move |e| StoreError::Database {
        path: url.to_string(),
        reason: format!("{what}: {}", describe(&e)),
    }
}

/// Query parameters, numbered in the order they are added. Every value is bound as text and cast
/// where it is used, so one list serves dates, codes and numbers.
#[derive(Default)]
struct Params(Vec<String>);

impl Params {
    /// Adds `value`; returns its placeholder (`$3::text`).
    fn add(&mut self, value: impl Into<String>) -> String {
        self.0.push(value.into());
        format!("${}::text", self.0.len())
    }

    fn values(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.0.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
    }
}

/// SQL conditions over the `events` columns for `filter`, its values added to `params`.
fn conditions(filter: &EventFilter, params: &mut Params) -> Result<String, StoreError> {
    let mut sql = vec!["TRUE".to_string()];
    for (side, actor) in [("source", &filter.source), ("target", &filter.target)] {
        if let Some(code) = actor {
            let code = actor_code(side, code)?;
            let prefix = params.add(format!("{code}%"));
            sql.push(format!(
                "({side}_country = {} OR {side}_code LIKE {prefix})",
                params.add(code)
            ));
        }
    }
    if let Some(code) = &filter.actor {
        let code = actor_code("actor", code)?;
        let prefix = params.add(format!("{code}%"));
        let exact = params.add(code);
        sql.push(format!(
            "(source_country = {exact} OR source_code LIKE {prefix} \
             OR target_country = {exact} OR target_code LIKE {prefix})"
        ));
    }
    if let Some(hash) = filter.document {
        // An integer, so inlining it is safe.
        sql.push(format!("content_hash = {}", hash as i64));
    }
    if let Some(root) = &filter.root {
        let root = format!("{:0>2}", root.trim());
        if root.len() != 2 || !root.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StoreError::Invalid(format!(
                "root {root:?}: a CAMEO root is 01 to 20"
            )));
        }
        sql.push(format!("cameo_root = {}", params.add(root)));
    }
    for (op, date) in [(">=", &filter.since), ("<", &filter.until)] {
        if let Some(d) = date {
            sql.push(format!("day {op} {}::date", params.add(user_day(d)?)));
        }
    }
    Ok(sql.join(" AND "))
}

/// The rows after `cursor` in the page order, as SQL over the `events` columns.
fn after_cursor(cursor: &EventCursor, params: &mut Params) -> String {
    let day = "coalesce(day, DATE '0001-01-01')";
    let at = format!(
        "(DATE '1970-01-01' + {}::int)",
        params.add(cursor.day.to_string())
    );
    let hash = format!(
        "{}::bigint",
        params.add(order_key(cursor.content_hash).to_string())
    );
    let sentence = format!("{}::int", params.add(cursor.sentence_index.to_string()));
    let id = params.add(cursor.event_id.clone());
    let order = unsigned_order("content_hash");
    format!(
        "({day} < {at} OR ({day} = {at} AND ({order} > {hash} \
         OR ({order} = {hash} AND (sentence_index > {sentence} \
         OR (sentence_index = {sentence} AND event_id > {id}))))))"
    )
}

/// A `DATE` for binary COPY, from days since 1970-01-01 ([`epoch_day`]); PostgreSQL counts days
/// from 2000-01-01.
#[derive(Debug)]
struct PgDate(i32);

impl ToSql for PgDate {
    fn to_sql(
        &self,
        _: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        let days = self.0.checked_sub(10_957).ok_or("date out of range")?;
        out.put_i32(days);
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::DATE
    }

    to_sql_checked!();
}

/// The columns of `events` in table order, with their types for binary COPY.
const EVENT_COLUMNS: [(&str, Type); 38] = [
    ("event_id", Type::TEXT),
    ("content_hash", Type::INT8),
    ("doc_id", Type::TEXT),
    ("sentence_index", Type::INT4),
    ("sentence", Type::TEXT),
    ("date", Type::TEXT),
    ("date_precision", Type::TEXT),
    ("day", Type::DATE),
    ("source_code", Type::TEXT),
    ("source_country", Type::TEXT),
    ("source_sector", Type::TEXT),
    ("source_text", Type::TEXT),
    ("source_name", Type::TEXT),
    ("target_code", Type::TEXT),
    ("target_country", Type::TEXT),
    ("target_sector", Type::TEXT),
    ("target_text", Type::TEXT),
    ("target_name", Type::TEXT),
    ("cameo", Type::TEXT),
    ("cameo_root", Type::TEXT),
    ("goldstein", Type::FLOAT8),
    ("quad_class", Type::INT2),
    ("plover_type", Type::TEXT),
    ("plover_mode", Type::TEXT),
    ("plover_context", Type::TEXT),
    ("location_name", Type::TEXT),
    ("location_country", Type::TEXT),
    ("lat", Type::FLOAT8),
    ("lon", Type::FLOAT8),
    ("attribution_kind", Type::TEXT),
    ("attribution_outlet", Type::TEXT),
    ("attribution_reporter", Type::TEXT),
    ("attribution_source", Type::TEXT),
    ("rule", Type::TEXT),
    ("confidence", Type::FLOAT8),
    ("outlet", Type::TEXT),
    ("dict_version", Type::TEXT),
    ("explain", Type::TEXT),
];

/// Copies the events of `documents` into `events` with one binary COPY.
fn copy_events(
    tx: &mut Transaction<'_>,
    documents: &[&StoredDocument],
) -> Result<(), postgres::Error> {
    if documents.iter().all(|sd| sd.events.is_empty()) {
        return Ok(());
    }
    let names: Vec<&str> = EVENT_COLUMNS.iter().map(|(name, _)| *name).collect();
    let types: Vec<Type> = EVENT_COLUMNS.iter().map(|(_, ty)| ty.clone()).collect();
    let sink = tx.copy_in(&format!(
        "COPY events ({}) FROM STDIN (FORMAT binary)",
        names.join(", ")
    ))?;
    let mut rows = BinaryCopyInWriter::new(sink, &types);
    for sd in documents {
        let hash = sd.content_hash as i64;
        let outlet = sd.document.outlet_or_host();
        for e in &sd.events {
            let t = e.target.as_ref();
            let loc = e.location.as_ref();
            let att = e.attribution.as_ref();
            let day = e.date.as_deref().and_then(epoch_day).map(PgDate);
            let context = (!e.plover.context.is_empty()).then(|| e.plover.context.join(","));
            let explain = e
                .explain
                .as_ref()
                .and_then(|x| serde_json::to_string(x).ok());
            rows.write(&[
                &e.event_id,
                &hash,
                &e.doc_id,
                &(e.sentence_index as i32),
                &e.sentence,
                &e.date,
                &e.date_precision,
                &day,
                &e.source.code,
                &e.source.country,
                &e.source.sector,
                &e.source.text,
                &e.source.name,
                &t.map(|a| &a.code),
                &t.and_then(|a| a.country.as_deref()),
                &t.and_then(|a| a.sector.as_deref()),
                &t.map(|a| &a.text),
                &t.map(|a| &a.name),
                &e.cameo,
                &e.cameo_root,
                &e.goldstein,
                &i16::from(e.quad_class),
                &e.plover.event_type,
                &e.plover.mode,
                &context,
                &loc.map(|l| &l.name),
                &loc.and_then(|l| l.country.as_deref()),
                &loc.and_then(|l| l.lat),
                &loc.and_then(|l| l.lon),
                &att.and_then(|a| a.kind)
                    .map(tacitus_model::AttributionKind::as_str),
                &att.and_then(|a| a.outlet.as_deref()),
                &att.and_then(|a| a.reporter.as_deref()),
                &att.and_then(|a| a.source_text.as_deref()),
                &e.rule,
                &e.confidence,
                &outlet,
                &sd.dict_version,
                &explain,
            ])?;
        }
    }
    rows.finish()?;
    Ok(())
}

/// Inserts the documents that are not stored yet; returns the hashes of those it inserted.
fn insert_documents(
    tx: &mut Transaction<'_>,
    documents: &[&StoredDocument],
) -> Result<HashSet<i64>, postgres::Error> {
    let mut inserted = HashSet::new();
    for chunk in documents.chunks(INSERT_ROWS) {
        let numbers: Vec<(i64, i64, i32)> = chunk
            .iter()
            .map(|sd| {
                (
                    sd.content_hash as i64,
                    i64::try_from(sd.bytes).unwrap_or(i64::MAX),
                    i32::try_from(sd.events.len()).unwrap_or(i32::MAX),
                )
            })
            .collect();
        let mut values: Vec<&(dyn ToSql + Sync)> =
            Vec::with_capacity(chunk.len() * DOCUMENT_COLUMNS.len());
        let mut rows = Vec::with_capacity(chunk.len());
        for (sd, (hash, bytes, events)) in chunk.iter().zip(&numbers) {
            let d = &sd.document;
            let n = values.len();
            let placeholders: Vec<String> = DOCUMENT_COLUMNS
                .iter()
                .enumerate()
                .map(|(k, (_, ty))| format!("${}::{ty}", n + k + 1))
                .collect();
            rows.push(format!("({})", placeholders.join(", ")));
            values.extend([
                hash as &(dyn ToSql + Sync),
                &d.id,
                &d.url,
                &d.outlet,
                &d.published,
                &d.title,
                &d.author,
                &d.language,
                bytes,
                events,
                &sd.dict_version,
                &d.text,
            ]);
        }
        let names: Vec<&str> = DOCUMENT_COLUMNS.iter().map(|(name, _)| *name).collect();
        let sql = format!(
            "INSERT INTO documents ({}) VALUES {} \
             ON CONFLICT (content_hash) DO NOTHING RETURNING content_hash",
            names.join(", "),
            rows.join(", ")
        );
        for row in tx.query(&sql, &values)? {
            inserted.insert(row.try_get(0)?);
        }
    }
    Ok(inserted)
}

/// The batch without repeated documents (the first of each hash kept), in the order every writer
/// locks rows in.
fn distinct_in_hash_order(documents: &[StoredDocument]) -> Vec<&StoredDocument> {
    let mut seen = HashSet::new();
    let mut batch: Vec<&StoredDocument> = documents
        .iter()
        .filter(|sd| seen.insert(sd.content_hash))
        .collect();
    batch.sort_by_key(|sd| sd.content_hash as i64);
    batch
}

impl Store for PgStore {
    fn document_hashes(&mut self) -> Result<HashSet<u64>, StoreError> {
        let fail = failed(&self.url, "reading the document hashes");
        let rows = self
            .client
            .query("SELECT content_hash FROM documents", &[])
            .map_err(&fail)?;
        rows.iter()
            .map(|r| r.try_get::<_, i64>(0).map(|h| h as u64))
            .collect::<Result<_, _>>()
            .map_err(&fail)
    }

    fn write(&mut self, documents: &[StoredDocument]) -> Result<(), StoreError> {
        let batch = distinct_in_hash_order(documents);
        if batch.is_empty() {
            return Ok(());
        }
        let PgStore { client, url } = self;
        let mut tx = client
            .transaction()
            .map_err(failed(url, "starting a write"))?;
        let inserted =
            insert_documents(&mut tx, &batch).map_err(failed(url, "INSERT INTO documents"))?;
        let fresh: Vec<&StoredDocument> = batch
            .into_iter()
            .filter(|sd| inserted.contains(&(sd.content_hash as i64)))
            .collect();
        copy_events(&mut tx, &fresh).map_err(failed(url, "COPY events"))?;
        tx.commit().map_err(failed(url, "committing a write"))
    }

    fn replace(&mut self, documents: &[StoredDocument]) -> Result<(), StoreError> {
        let batch = distinct_in_hash_order(documents);
        if batch.is_empty() {
            return Ok(());
        }
        let PgStore { client, url } = self;
        let fail = failed(url, "replacing events");
        let mut tx = client.transaction().map_err(&fail)?;
        // Updating a document locks it until commit, so a concurrent recode of it waits and then
        // deletes the events copied here, not its own.
        let update = tx
            .prepare(
                "UPDATE documents SET events = $1, dict_version = $2 WHERE content_hash = $3 \
                 RETURNING content_hash",
            )
            .map_err(&fail)?;
        let mut kept = Vec::new();
        for sd in batch {
            let events = i32::try_from(sd.events.len()).unwrap_or(i32::MAX);
            let hash = sd.content_hash as i64;
            if !tx
                .query(&update, &[&events, &sd.dict_version, &hash])
                .map_err(&fail)?
                .is_empty()
            {
                kept.push(sd);
            }
        }
        if kept.is_empty() {
            return tx.commit().map_err(&fail);
        }
        let hashes: Vec<i64> = kept.iter().map(|sd| sd.content_hash as i64).collect();
        tx.execute(
            "DELETE FROM events WHERE content_hash = ANY($1)",
            &[&hashes],
        )
        .map_err(failed(url, "DELETE FROM events"))?;
        copy_events(&mut tx, &kept).map_err(failed(url, "COPY events"))?;
        tx.commit().map_err(&fail)
    }

    fn stale_documents(
        &mut self,
        dict_version: &str,
        after: u64,
        limit: usize,
    ) -> Result<Vec<Document>, StoreError> {
        let order = unsigned_order("content_hash");
        let sql = format!(
            "SELECT doc_id, text, published, url, outlet, title, author, language FROM documents \
             WHERE dict_version <> $1 AND text IS NOT NULL AND {order} > $2 \
             ORDER BY {order} LIMIT $3"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let fail = failed(&self.url, "reading stale documents");
        let rows = self
            .client
            .query(&sql, &[&dict_version, &order_key(after), &limit])
            .map_err(&fail)?;
        rows.iter()
            .map(document_from)
            .collect::<Result<_, postgres::Error>>()
            .map_err(&fail)
    }

    fn stale_without_text(&mut self, dict_version: &str) -> Result<u64, StoreError> {
        let fail = failed(&self.url, "counting stale documents");
        let row = self
            .client
            .query_one(
                "SELECT count(*) FROM documents WHERE dict_version <> $1 AND text IS NULL",
                &[&dict_version],
            )
            .map_err(&fail)?;
        Ok(row.try_get::<_, i64>(0).map_err(&fail)? as u64)
    }

    fn counts(&mut self) -> Result<(u64, u64), StoreError> {
        let fail = failed(&self.url, "counting rows");
        let row = self
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)",
                &[],
            )
            .map_err(&fail)?;
        let documents: i64 = row.try_get(0).map_err(&fail)?;
        let events: i64 = row.try_get(1).map_err(&fail)?;
        Ok((documents as u64, events as u64))
    }

    fn dyad_series(
        &mut self,
        filter: &EventFilter,
        period: Period,
    ) -> Result<Vec<SeriesPoint>, StoreError> {
        filter.check_series()?;
        let (bucket, precision) = match period {
            Period::Day => ("to_char(day, 'YYYY-MM-DD')", "('day')"),
            Period::Week => ("to_char(date_trunc('week', day), 'YYYY-MM-DD')", "('day')"),
            Period::Month => ("to_char(day, 'YYYY-MM')", "('day', 'month')"),
            Period::Year => ("to_char(day, 'YYYY')", "('day', 'month', 'year')"),
        };
        let mut params = Params::default();
        let cond = conditions(filter, &mut params)?;
        let sql = format!(
            "WITH picked AS (
                SELECT {bucket} AS period, quad_class, goldstein, outlet, plover_type FROM events
                WHERE {cond} AND day IS NOT NULL AND date_precision IN {precision}
            ), plover AS (
                SELECT period, json_object_agg(plover_type, n)::text AS types
                FROM (SELECT period, plover_type, count(*) AS n FROM picked
                      WHERE plover_type IS NOT NULL GROUP BY 1, 2) t
                GROUP BY period
            )
            SELECT p.period, count(*),
                count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
                count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
                sum(goldstein), avg(goldstein), count(DISTINCT outlet), min(t.types)
            FROM picked p LEFT JOIN plover t ON t.period = p.period
            GROUP BY p.period ORDER BY p.period"
        );
        let fail = failed(&self.url, "the dyad series query");
        let rows = self.client.query(&sql, &params.values()).map_err(&fail)?;
        rows.iter()
            .map(|r| {
                let count = |i: usize| r.try_get::<_, i64>(i).map(|n| n as u64);
                let plover: Option<String> = r.try_get(9)?;
                Ok(SeriesPoint {
                    period: r.try_get(0)?,
                    events: count(1)?,
                    quad: [count(2)?, count(3)?, count(4)?, count(5)?],
                    goldstein_sum: r.try_get(6)?,
                    goldstein_mean: r.try_get(7)?,
                    sources: count(8)?,
                    plover: plover
                        .and_then(|p| serde_json::from_str::<BTreeMap<String, u64>>(&p).ok())
                        .unwrap_or_default(),
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(&fail)
    }

    fn top_dyads(&mut self, filter: &EventFilter, limit: usize) -> Result<Table, StoreError> {
        let mut params = Params::default();
        let cond = conditions(filter, &mut params)?;
        let sql = format!(
            "SELECT source_country AS source, target_country AS target, count(*) AS events,
                {conflict} AS conflict_share, {goldstein} AS goldstein_mean,
                count(DISTINCT outlet) AS sources
             FROM events
             WHERE {cond} AND source_country IS NOT NULL AND target_country IS NOT NULL
                AND source_country <> target_country
             GROUP BY source_country, target_country
             ORDER BY events DESC, source, target LIMIT {limit}",
            conflict = round_like_duckdb(
                "(count(*) FILTER (WHERE quad_class >= 3))::float8 / count(*)",
                2
            ),
            goldstein = round_like_duckdb("avg(goldstein)", 2),
        );
        let fail = failed(&self.url, "the top dyads query");
        let rows = self.client.query(&sql, &params.values()).map_err(&fail)?;
        let rows = rows
            .iter()
            .map(|r| {
                Ok(vec![
                    Value::from(r.try_get::<_, String>(0)?),
                    Value::from(r.try_get::<_, String>(1)?),
                    Value::from(r.try_get::<_, i64>(2)?),
                    Value::from(r.try_get::<_, f64>(3)?),
                    Value::from(r.try_get::<_, f64>(4)?),
                    Value::from(r.try_get::<_, i64>(5)?),
                ])
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(&fail)?;
        Ok(Table {
            columns: [
                "source",
                "target",
                "events",
                "conflict_share",
                "goldstein_mean",
                "sources",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        })
    }

    fn events(
        &mut self,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage, StoreError> {
        let mut params = Params::default();
        let mut cond = conditions(filter, &mut params)?;
        if let Some(cursor) = cursor {
            let after = after_cursor(&EventCursor::parse(cursor)?, &mut params);
            cond = format!("{cond} AND {after}");
        }
        // One more row than asked tells whether there is a next page. The page is cut before
        // the joins, so they touch `limit` rows, not the filter's.
        let sql = format!(
            "WITH page AS (
                SELECT *, coalesce(day, DATE '0001-01-01') AS sort_day, {order} AS sort_hash
                FROM events WHERE {cond}
                ORDER BY sort_day DESC, sort_hash, sentence_index, event_id LIMIT {fetch})
            SELECT p.event_id, p.doc_id, p.sentence_index, p.sentence, p.date, p.date_precision,
                p.source_code, p.source_country, p.source_sector, p.source_text, p.source_name,
                p.target_code, p.target_country, p.target_sector, p.target_text, p.target_name,
                p.cameo, p.cameo_root, p.goldstein, p.quad_class, p.plover_type, p.plover_mode,
                p.plover_context, p.location_name, p.location_country, p.lat, p.lon,
                p.attribution_kind, p.attribution_outlet, p.attribution_reporter,
                p.attribution_source, p.rule, p.confidence, p.explain,
                p.content_hash, p.outlet, d.url, d.title, c.num_sources,
                p.sort_day - DATE '1970-01-01'
             FROM page p
             LEFT JOIN documents d ON d.content_hash = p.content_hash
             LEFT JOIN cluster_mentions c ON c.content_hash = p.content_hash
                AND c.sentence_index = p.sentence_index AND c.event_id = p.event_id
             ORDER BY p.sort_day DESC, p.sort_hash, p.sentence_index, p.event_id",
            order = unsigned_order("content_hash"),
            fetch = limit.saturating_add(1),
        );
        let fail = failed(&self.url, "the events query");
        let rows = self.client.query(&sql, &params.values()).map_err(&fail)?;
        let mut rows: Vec<(StoredEvent, EventCursor)> = rows
            .iter()
            .map(stored_event)
            .collect::<Result<_, _>>()
            .map_err(&fail)?;
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|(_, c)| c.to_string())
        } else {
            None
        };
        Ok(EventPage {
            events: rows.into_iter().map(|(e, _)| e).collect(),
            next_cursor,
        })
    }

    fn actors(&mut self) -> Result<Vec<ActorCount>, StoreError> {
        // Full codes named by their most frequent name; country codes by the name of the
        // country itself as an actor, else by the code.
        let fail = failed(&self.url, "the actors query");
        let rows = self
            .client
            .query(
                "WITH sides AS (
                    SELECT source_code AS code, source_name AS name, source_country AS country
                    FROM events
                    UNION ALL
                    SELECT target_code, target_name, target_country FROM events
                    WHERE target_code IS NOT NULL),
                codes AS (
                    SELECT code, mode() WITHIN GROUP (ORDER BY name) AS name, count(*) AS n
                    FROM sides GROUP BY code),
                countries AS (
                    SELECT s.country AS code, coalesce(min(c.name), s.country) AS name,
                        count(*) AS n
                    FROM sides s LEFT JOIN codes c ON c.code = s.country
                    WHERE s.country IS NOT NULL GROUP BY s.country)
                SELECT code, name, n FROM countries
                UNION ALL
                SELECT code, name, n FROM codes WHERE code NOT IN (SELECT code FROM countries)
                ORDER BY n DESC, code",
                &[],
            )
            .map_err(&fail)?;
        rows.iter()
            .map(|r| {
                Ok(ActorCount {
                    code: r.try_get(0)?,
                    name: r.try_get(1)?,
                    events: r.try_get::<_, i64>(2)? as u64,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(&fail)
    }

    fn locations(&mut self, filter: &EventFilter) -> Result<Vec<LocationCount>, StoreError> {
        let mut params = Params::default();
        let cond = conditions(filter, &mut params)?;
        let sql = format!(
            "SELECT location_name, min(location_country), avg(lat), avg(lon), count(*)
             FROM events WHERE {cond} AND lat IS NOT NULL AND lon IS NOT NULL
             GROUP BY location_name ORDER BY 5 DESC, 1"
        );
        let fail = failed(&self.url, "the locations query");
        let rows = self.client.query(&sql, &params.values()).map_err(&fail)?;
        rows.iter()
            .map(|r| {
                Ok(LocationCount {
                    name: r.try_get::<_, Option<String>>(0)?.unwrap_or_default(),
                    country: r.try_get(1)?,
                    lat: r.try_get(2)?,
                    lon: r.try_get(3)?,
                    events: r.try_get::<_, i64>(4)? as u64,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(&fail)
    }

    fn document(&mut self, content_hash: u64) -> Result<Option<DocumentRecord>, StoreError> {
        let fail = failed(&self.url, "reading a document");
        let row = self
            .client
            .query_opt(
                "SELECT doc_id, coalesce(text, ''), published, url, outlet, title, author,
                    language, events, dict_version,
                    to_char(ingested_at, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                 FROM documents WHERE content_hash = $1",
                &[&(content_hash as i64)],
            )
            .map_err(&fail)?;
        row.map(|r| {
            Ok(DocumentRecord {
                content_hash: content_hash.to_string(),
                document: document_from(&r)?,
                events: r.try_get::<_, i32>(8)?.max(0) as u64,
                dict_version: r.try_get(9)?,
                ingested_at: r.try_get(10)?,
            })
        })
        .transpose()
        .map_err(fail)
    }

    fn query(&mut self, sql: &str) -> Result<Table, StoreError> {
        let PgStore { client, url } = self;
        let fail = failed(url, "query");
        let mut tx = client
            .build_transaction()
            .read_only(true)
            .start()
            .map_err(&fail)?;
        // Preparing names and types the columns (and refuses several statements); the simple
        // protocol then returns every value as text, whatever its type.
        let statement = tx.prepare(sql).map_err(&fail)?;
        let columns = statement.columns();
        let mut table = Table {
            columns: columns.iter().map(|c| c.name().to_string()).collect(),
            rows: Vec::new(),
        };
        for message in tx.simple_query(sql).map_err(&fail)? {
            if let SimpleQueryMessage::Row(row) = message {
                table.rows.push(
                    (0..row.len())
                        .map(|i| match columns.get(i) {
                            Some(column) => json_from_text(row.get(i), column.type_()),
                            None => row.get(i).map_or(Value::Null, Value::from),
                        })
                        .collect(),
                );
            }
        }
        tx.commit().map_err(&fail)?;
        Ok(table)
    }

    fn report(
        &mut self,
        actor: &str,
        since: &str,
        until: Option<&str>,
        min_events: u64,
    ) -> Result<Vec<PartnerShift>, StoreError> {
        let actor = actor_code("actor", actor)?;
        let since = user_day(since)?;
        let until = until
            .map(user_day)
            .transpose()?
            .unwrap_or_else(|| "9999-12-31".into());
        // The actor's events with a partner on the other side, marked in or before the period.
        let pairs = "WITH mine AS (
                SELECT *, (source_country = $1::text OR source_code LIKE $2::text)
                    AS actor_is_source
                FROM events
                WHERE day IS NOT NULL AND day < $4::text::date
                  AND ((source_country = $1::text OR source_code LIKE $2::text)
                        AND target_country IS NOT NULL
                    OR (target_country = $1::text OR target_code LIKE $2::text)
                        AND source_country IS NOT NULL)
            ), pairs AS (
                SELECT *, CASE WHEN actor_is_source THEN target_country ELSE source_country END
                        AS partner,
                    day >= $3::text::date AS in_period
                FROM mine
            )";
        let prefix = format!("{actor}%");
        let args: [&(dyn ToSql + Sync); 4] = [&actor, &prefix, &since, &until];
        // A partner without events in the period has no mean to compare.
        let min_events = min_events.max(1);
        let sql = format!(
            "{pairs}
            SELECT partner,
                count(*) FILTER (WHERE in_period) AS n,
                avg(goldstein) FILTER (WHERE in_period) AS g,
                (count(*) FILTER (WHERE in_period AND quad_class >= 3))::float8
                    / count(*) FILTER (WHERE in_period) AS conflict,
                count(*) FILTER (WHERE NOT in_period) AS bn,
                avg(goldstein) FILTER (WHERE NOT in_period) AS bg
            FROM pairs WHERE partner <> $1::text
            GROUP BY partner HAVING count(*) FILTER (WHERE in_period) >= {min_events}
            ORDER BY partner"
        );
        let fail = failed(&self.url, "the report query");
        let rows = self.client.query(&sql, &args).map_err(&fail)?;
        let mut partners: Vec<PartnerShift> = rows
            .iter()
            .map(|r| {
                let goldstein_mean: f64 = r.try_get(2)?;
                let baseline: Option<f64> = r.try_get(5)?;
                Ok(PartnerShift {
                    partner: r.try_get(0)?,
                    events: r.try_get::<_, i64>(1)? as u64,
                    goldstein_mean,
                    conflict_share: r.try_get(3)?,
                    baseline_events: r.try_get::<_, i64>(4)? as u64,
                    baseline_goldstein_mean: baseline,
                    shift: goldstein_mean - baseline.unwrap_or(0.0),
                    evidence: Vec::new(),
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(&fail)?;
        partners.sort_by(|a, b| a.shift.total_cmp(&b.shift).then(b.events.cmp(&a.events)));

        let sql = format!(
            "{pairs}, ranked AS (
                SELECT *, row_number() OVER (PARTITION BY partner
                    ORDER BY abs(goldstein) DESC, confidence DESC, day DESC, {order},
                        sentence_index) AS rank
                FROM pairs WHERE in_period AND partner <> $1::text
            )
            SELECT partner, date, source_code, target_code, cameo, goldstein, sentence, outlet,
                concat_ws(' / ', attribution_outlet, attribution_reporter, attribution_source)
            FROM ranked WHERE rank <= 3 ORDER BY partner, rank",
            order = unsigned_order("content_hash"),
        );
        let rows = self.client.query(&sql, &args).map_err(&fail)?;
        for r in &rows {
            let (partner, evidence) = (|| -> Result<_, postgres::Error> {
                let according_to: String = r.try_get(8)?;
                Ok((
                    r.try_get::<_, String>(0)?,
                    Evidence {
                        date: r.try_get(1)?,
                        source: r.try_get(2)?,
                        target: r.try_get(3)?,
                        cameo: r.try_get(4)?,
                        goldstein: r.try_get(5)?,
                        sentence: r.try_get(6)?,
                        outlet: r.try_get(7)?,
                        according_to: (!according_to.is_empty()).then_some(according_to),
                    },
                ))
            })()
            .map_err(&fail)?;
            if let Some(p) = partners.iter_mut().find(|p| p.partner == partner) {
                p.evidence.push(evidence);
            }
        }
        Ok(partners)
    }

    fn optimize(&mut self) -> Result<(), StoreError> {
        // PostgreSQL finds a dyad's rows by index rather than by their order on disk.
        let PgStore { client, url } = self;
        client
            .batch_execute(
                "CREATE INDEX IF NOT EXISTS events_dyad_day \
                    ON events (source_country, target_country, day);
                 ANALYZE events;",
            )
            .map_err(failed(url, "optimize"))
    }

    fn rebuild_clusters(&mut self, window_days: u32) -> Result<u64, StoreError> {
        self.cluster(window_days, None)
    }

    fn update_clusters(&mut self, window_days: u32, documents: &[u64]) -> Result<u64, StoreError> {
        if !worth_updating(documents.len(), self.counts()?.0) {
            return self.rebuild_clusters(window_days);
        }
        self.cluster(window_days, Some(documents))
    }

    fn export(
        &mut self,
        filter: &EventFilter,
        format: ExportFormat,
        path: &Path,
    ) -> Result<u64, StoreError> {
        let mut params = Params::default();
        let cond = conditions(filter, &mut params)?;
        let order = "ORDER BY e.day NULLS LAST, e.doc_id, e.sentence_index";
        match format {
            ExportFormat::Parquet => self.export_parquet(filter, path),
            ExportFormat::Csv | ExportFormat::Jsonl => {
                let columns: Vec<String> = EVENT_COLUMNS
                    .iter()
                    .map(|(name, _)| match *name {
                        "day" => "to_char(e.day, 'YYYY-MM-DD') AS day".to_string(),
                        _ => format!("e.{name}"),
                    })
                    .collect();
                let sql = format!(
                    "SELECT {} FROM events e WHERE {cond} {order}",
                    columns.join(", ")
                );
                if format == ExportFormat::Csv {
                    let names: Vec<&str> = EVENT_COLUMNS.iter().map(|(name, _)| *name).collect();
                    self.export_delimited(&sql, &params, path, b',', Some(&names))
                } else {
                    self.export_objects(&sql, &params, path)
                }
            }
            ExportFormat::Plover => {
                let sql = format!("{} {order}", plover_select(&cond));
                self.export_lines(&sql, &params, path)
            }
            ExportFormat::Icews(names) => self.export_icews(&cond, &params, path, &names),
            ExportFormat::Gdelt => {
                let sql = gdelt_select(&cond);
                self.export_delimited(&sql, &params, path, b'\t', None)
            }
            ExportFormat::GdeltMentions => {
                let sql = gdelt_mentions_select(&cond);
                self.export_delimited(&sql, &params, path, b'\t', None)
            }
        }
    }
}

/// An event page row: the event, its document's fields, and the cursor after it.
/// A document from the first eight columns of a row: doc_id, text, published, url, outlet,
/// title, author, language (as `stale_documents` and `document` select them).
fn document_from(r: &Row) -> Result<Document, postgres::Error> {
    Ok(Document {
        id: r.try_get(0)?,
        text: r.try_get(1)?,
        published: r.try_get(2)?,
        url: r.try_get(3)?,
        outlet: r.try_get(4)?,
        title: r.try_get(5)?,
        author: r.try_get(6)?,
        language: r.try_get(7)?,
    })
}

fn stored_event(r: &Row) -> Result<(StoredEvent, EventCursor), postgres::Error> {
    let text = |i: usize| -> Result<Option<String>, postgres::Error> { r.try_get(i) };
    let target = text(11)?
        .map(|code| -> Result<Actor, postgres::Error> {
            Ok(Actor {
                code,
                country: text(12)?,
                sector: text(13)?,
                text: text(14)?.unwrap_or_default(),
                name: text(15)?.unwrap_or_default(),
            })
        })
        .transpose()?;
    let location = text(23)?
        .map(|name| -> Result<Location, postgres::Error> {
            Ok(Location {
                name,
                country: text(24)?,
                lat: r.try_get(25)?,
                lon: r.try_get(26)?,
                geonameid: None,
            })
        })
        .transpose()?;
    let (kind, outlet, reporter, source_text) = (text(27)?, text(28)?, text(29)?, text(30)?);
    let attribution =
        (kind.is_some() || outlet.is_some() || reporter.is_some() || source_text.is_some()).then(
            || Attribution {
                kind: kind.as_deref().and_then(kind_from),
                outlet,
                reporter,
                source_text,
            },
        );
    let sentence_index = r.try_get::<_, i32>(2)?.max(0) as usize;
    let event = Event {
        event_id: r.try_get(0)?,
        doc_id: r.try_get(1)?,
        sentence_index,
        sentence: r.try_get(3)?,
        date: text(4)?,
        date_precision: text(5)?,
        source: Actor {
            code: r.try_get(6)?,
            country: text(7)?,
            sector: text(8)?,
            text: r.try_get(9)?,
            name: r.try_get(10)?,
        },
        target,
        cameo: r.try_get(16)?,
        cameo_root: r.try_get(17)?,
        goldstein: r.try_get(18)?,
        quad_class: u8::try_from(r.try_get::<_, i16>(19)?).unwrap_or_default(),
        plover: Plover {
            event_type: text(20)?,
            mode: text(21)?,
            context: text(22)?
                .map(|c| c.split(',').map(str::to_string).collect())
                .unwrap_or_default(),
        },
        location,
        attribution,
        rule: r.try_get(31)?,
        confidence: r.try_get(32)?,
        explain: text(33)?.and_then(|e| serde_json::from_str(&e).ok()),
    };
    let content_hash = r.try_get::<_, i64>(34)? as u64;
    let cursor = EventCursor {
        day: i64::from(r.try_get::<_, i32>(39)?),
        content_hash,
        sentence_index: sentence_index as i64,
        event_id: event.event_id.clone(),
    };
    let stored = StoredEvent {
        content_hash: content_hash.to_string(),
        outlet: text(35)?,
        url: text(36)?,
        title: text(37)?,
        num_sources: r.try_get::<_, Option<i64>>(38)?.map(|n| n as u64),
        event,
    };
    Ok((stored, cursor))
}

/// A value of a column of type `ty` as PostgreSQL writes it in text, as JSON: numbers and
/// booleans as such, timestamps as DuckDB's `…T…Z`, JSON parsed, anything else as its text.
fn json_from_text(text: Option<&str>, ty: &Type) -> Value {
    let Some(text) = text else {
        return Value::Null;
    };
    // Doubles stay doubles (DuckDB's -4.0, not -4); NaN and infinities stay text.
    let float = |text: &str| {
        text.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
    };
    let number = |text: &str| {
        text.parse::<i64>()
            .map(Value::from)
            .ok()
            .or_else(|| float(text))
    };
    let parsed = match *ty {
        Type::BOOL => Some(Value::Bool(text == "t")),
        Type::INT2 | Type::INT4 | Type::INT8 | Type::OID | Type::NUMERIC => number(text),
        Type::FLOAT4 | Type::FLOAT8 => float(text),
        // `2022-02-25 10:11:12[.5][+00]` (the session is in UTC) as DuckDB's `…T…Z`.
        Type::TIMESTAMP | Type::TIMESTAMPTZ => match (text.get(..10), text.get(10..11)) {
            (Some(day), Some(" ")) => text
                .get(11..19)
                .map(|time| Value::from(format!("{day}T{time}Z"))),
            _ => None,
        },
        Type::JSON | Type::JSONB => serde_json::from_str(text).ok(),
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::from(text))
}

/// The PLOVER records of the events of `cond` that have a PLOVER type, as JSON text, with the
/// fields of DuckDB's PLOVER export (`e` events, `d` their documents).
fn plover_select(cond: &str) -> String {
    format!(
        "SELECT json_build_object(
            'id', e.event_id,
            'date', to_char(e.day, 'YYYY-MM-DD'),
            'actor', json_build_array(json_build_object('code', e.source_code,
                'name', e.source_name, 'country', e.source_country,
                'sector', e.source_sector, 'text', e.source_text)),
            'recipient', CASE WHEN e.target_code IS NULL THEN '[]'::json ELSE
                json_build_array(json_build_object('code', e.target_code,
                    'name', e.target_name, 'country', e.target_country,
                    'sector', e.target_sector, 'text', e.target_text)) END,
            'event', json_build_array(e.plover_type),
            'mode', CASE WHEN e.plover_mode IS NULL THEN '[]'::json
                ELSE json_build_array(e.plover_mode) END,
            'context', coalesce(to_json(string_to_array(e.plover_context, ',')), '[]'::json),
            'quad_code', e.quad_class,
            'event_text', json_build_array(e.sentence),
            'event_loc', CASE WHEN e.location_name IS NULL THEN NULL ELSE
                json_build_object('name', e.location_name, 'country', e.location_country,
                    'lat', e.lat, 'lon', e.lon) END,
            'cite_info', json_build_object('outlet', e.outlet, 'url', d.url, 'doc_id', e.doc_id,
                'according_to', nullif(concat_ws(' / ', e.attribution_outlet,
                    e.attribution_reporter, e.attribution_source), '')),
            'coder', 'tacitus ' || e.dict_version || ' ' || e.rule,
            'coded_date', to_char(d.ingested_at, 'YYYY-MM-DD'))::text
        FROM (SELECT * FROM events WHERE plover_type IS NOT NULL AND {cond}) e
            JOIN documents d ON d.content_hash = e.content_hash"
    )
}

/// The clusters as GDELT events, as DuckDB's export builds them: every mention ranked within its
/// cluster (`ranked`), each cluster's first mention where it passes `cond` (`first_mention`), and
/// GLOBALEVENTID numbering all clusters by first day (`numbered`).
fn gdelt_clusters(cond: &str) -> String {
    format!(
        "WITH ranked AS (
            SELECT m.cluster_id, e.*, row_number() OVER (PARTITION BY m.cluster_id
                ORDER BY e.day, {order}, e.sentence_index) AS rn
            FROM cluster_mentions m JOIN events e ON e.content_hash = m.content_hash
                AND e.sentence_index = m.sentence_index AND e.event_id = m.event_id
        ), first_mention AS (SELECT * FROM ranked WHERE rn = 1 AND {cond}),
        numbered AS (SELECT *, row_number() OVER (ORDER BY first_day, cluster_id) AS global_id
            FROM event_clusters)",
        order = unsigned_order("e.content_hash"),
    )
}

/// The GDELT 2.0 event table's 61 columns, one row per cluster.
fn gdelt_select(cond: &str) -> String {
    let mut columns: Vec<String> = Vec::with_capacity(61);
    let mut push = |exprs: &[&str]| columns.extend(exprs.iter().map(|e| e.to_string()));
    let null = "NULL";
    push(&[
        "c.global_id",
        "to_char(c.first_day, 'YYYYMMDD')",
        "to_char(c.first_day, 'YYYYMM')",
        "extract(year FROM c.first_day)::int",
    ]);
    let fraction = round_like_duckdb(
        "(extract(year FROM c.first_day) + (extract(month FROM c.first_day) * 30 \
         + extract(day FROM c.first_day)) / 365.0)::float8",
        4,
    );
    push(&[&fraction]);
    for side in ["source", "target"] {
        let code = format!("f.{side}_code");
        let name = format!("upper(f.{side}_name)");
        let country = format!("f.{side}_country");
        let sector = format!("f.{side}_sector");
        push(&[
            &code, &name, &country, null, null, null, null, &sector, null, null,
        ]);
    }
    let goldstein = round_like_duckdb("c.goldstein_mean", 1);
    push(&[
        "CASE WHEN f.sentence_index = 0 THEN 1 ELSE 0 END",
        "c.cameo",
        "left(c.cameo, 3)",
        "c.cameo_root",
        "c.quad_class",
        &goldstein,
        "c.num_mentions",
        "c.num_sources",
        "c.num_articles",
        null,
    ]);
    push(&[null; 16]);
    push(&[
        "CASE WHEN f.location_name IS NULL THEN NULL ELSE 1 END",
        "upper(f.location_name)",
        null,
        null,
        null,
        "f.lat",
        "f.lon",
        null,
        "to_char(d.ingested_at, 'YYYYMMDDHH24MISS')",
        "coalesce(d.url, d.doc_id)",
    ]);
    format!(
        "{clusters}
        SELECT {columns}
        FROM numbered c JOIN first_mention f ON f.cluster_id = c.cluster_id
            JOIN documents d ON d.content_hash = f.content_hash
        ORDER BY c.global_id",
        clusters = gdelt_clusters(cond),
        columns = columns.join(", "),
    )
}

/// The GDELT 2.0 Mentions table's 16 columns, one row per mention of each cluster.
fn gdelt_mentions_select(cond: &str) -> String {
    let confidence = format!("{}::int", round_like_duckdb("r.confidence * 100", 0));
    let columns = [
        "c.global_id",
        "to_char(fd.ingested_at, 'YYYYMMDDHH24MISS')",
        "to_char(d.ingested_at, 'YYYYMMDDHH24MISS')",
        "CASE WHEN d.url IS NULL THEN 2 ELSE 1 END",
        "r.outlet",
        "coalesce(d.url, d.doc_id)",
        "r.sentence_index + 1",
        "NULL",
        "NULL",
        "NULL",
        "1",
        &confidence,
        "d.bytes",
        "NULL",
        "NULL",
        "NULL",
    ];
    format!(
        "{clusters}
        SELECT {columns}
        FROM numbered c JOIN first_mention f ON f.cluster_id = c.cluster_id
            JOIN documents fd ON fd.content_hash = f.content_hash
            JOIN ranked r ON r.cluster_id = c.cluster_id
            JOIN documents d ON d.content_hash = r.content_hash
        ORDER BY c.global_id, r.rn",
        clusters = gdelt_clusters(cond),
        columns = columns.join(", "),
    )
}

/// A value of an export row.
enum Cell {
    Text(String),
    /// As JSON writes it: doubles keep their fraction (`-5.0`), as in DuckDB's exports.
    Number(String),
}

/// Column `i` of an export row (`None` for NULL). A `BIGINT` named `content_hash` holds a
/// document hash, written unsigned.
fn export_cell(row: &Row, i: usize) -> Result<Option<Cell>, postgres::Error> {
    let column = &row.columns()[i];
    let number = |n: Option<String>| n.map(Cell::Number);
    Ok(match *column.type_() {
        Type::INT2 => number(row.try_get::<_, Option<i16>>(i)?.map(|n| n.to_string())),
        Type::INT4 => number(row.try_get::<_, Option<i32>>(i)?.map(|n| n.to_string())),
        Type::INT8 if column.name() == "content_hash" => number(
            row.try_get::<_, Option<i64>>(i)?
                .map(|n| (n as u64).to_string()),
        ),
        Type::INT8 => number(row.try_get::<_, Option<i64>>(i)?.map(|n| n.to_string())),
        Type::FLOAT8 => number(
            row.try_get::<_, Option<f64>>(i)?
                .map(|x| Value::from(x).to_string()),
        ),
        _ => row.try_get::<_, Option<String>>(i)?.map(Cell::Text),
    })
}

/// `json` without the blanks PostgreSQL puts between keys and values (`{"a" : 1, "b" : 2}`).
fn compact_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c.is_ascii_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

impl PgStore {
    /// Clusters the mentions of every dyad and root, or of those `documents` mention (see
    /// [`Store::rebuild_clusters`] and [`Store::update_clusters`]).
    fn cluster(&mut self, window_days: u32, documents: Option<&[u64]>) -> Result<u64, StoreError> {
        // As DuckDB's: a mention opens a new cluster when the previous mention of its dyad and
        // root (in date order) is more than `window_days` older, or when its place's country is
        // known and differs from the last known one before it. The id is the dyad, root and the
        // day the cluster opened (#2, #3 for further clusters opened that day). PostgreSQL has
        // no IGNORE NULLS: the last known country is the first of the run of mentions that share
        // a running count of known countries. Readers see the old clusters until commit.
        // Only the dyads and roots that `documents` mention, when given: their key, as both
        // tables spell it, is in `touched`.
        let (setup, scope) = match documents {
            None => (String::new(), "TRUE".to_string()),
            Some(hashes) => {
                // Integers only (the hashes' bits as BIGINT), so inlining them is safe.
                let values: Vec<String> =
                    hashes.iter().map(|h| format!("({})", *h as i64)).collect();
                (
                    format!(
                        "CREATE TEMP TABLE new_documents (content_hash BIGINT) ON COMMIT DROP;
                        INSERT INTO new_documents VALUES {};
                        CREATE TEMP TABLE touched ON COMMIT DROP AS SELECT DISTINCT {CLUSTER_KEY} AS key
                            FROM events WHERE content_hash IN (SELECT content_hash FROM new_documents);",
                        values.join(",")
                    ),
                    format!("{CLUSTER_KEY} IN (SELECT key FROM touched)"),
                )
            }
        };
        let order = unsigned_order("content_hash");
        let sql = format!(
            "{setup}
            CREATE TEMP TABLE numbered ON COMMIT DROP AS
            WITH counted AS (
                SELECT content_hash, sentence_index, event_id, source_code,
                    coalesce(target_code, '') AS target_key, cameo_root, cameo, quad_class,
                    day, outlet, goldstein, location_country, {order} AS sort_hash,
                    count(location_country) OVER (PARTITION BY source_code,
                        coalesce(target_code, ''), cameo_root
                        ORDER BY day, {order}, sentence_index ROWS UNBOUNDED PRECEDING) AS known
                FROM events WHERE day IS NOT NULL AND {scope}
            ), placed AS (
                SELECT *, first_value(location_country) OVER (
                    PARTITION BY source_code, target_key, cameo_root, known
                    ORDER BY day, sort_hash, sentence_index) AS last_place
                FROM counted
            ), marked AS (
                SELECT *,
                    CASE WHEN day - lag(day) OVER dyad > {window_days} OR lag(day) OVER dyad IS NULL
                        OR location_country <> lag(last_place) OVER dyad
                    THEN 1 ELSE 0 END AS opens
                FROM placed
                WINDOW dyad AS (PARTITION BY source_code, target_key, cameo_root
                                ORDER BY day, sort_hash, sentence_index)
            ), keyed AS (
                SELECT *, CASE WHEN opens = 1 THEN to_char(day, 'YYYY-MM-DD') || CASE
                        WHEN sum(opens) OVER same_day > 1 THEN '#' || sum(opens) OVER same_day
                        ELSE '' END END AS open_key,
                    sum(opens) OVER (PARTITION BY source_code, target_key, cameo_root
                        ORDER BY day, sort_hash, sentence_index ROWS UNBOUNDED PRECEDING)
                        AS ordinal
                FROM marked
                WINDOW same_day AS (PARTITION BY source_code, target_key, cameo_root, day
                                    ORDER BY sort_hash, sentence_index ROWS UNBOUNDED PRECEDING)
            )
            SELECT content_hash, sentence_index, event_id, target_key, source_code, cameo_root,
                cameo, quad_class, day, outlet, goldstein,
                source_code || '>' || target_key || '/' || cameo_root || '/'
                || max(open_key) OVER (
                       PARTITION BY source_code, target_key, cameo_root, ordinal) AS cluster_id
            FROM keyed;
            DELETE FROM cluster_mentions WHERE cluster_id IN
                (SELECT cluster_id FROM event_clusters WHERE {scope});
            DELETE FROM event_clusters WHERE {scope};
            INSERT INTO event_clusters
            SELECT cluster_id, min(source_code), nullif(min(target_key), ''), min(cameo_root),
                mode() WITHIN GROUP (ORDER BY cameo), mode() WITHIN GROUP (ORDER BY quad_class),
                min(day), max(day), count(*), count(DISTINCT content_hash),
                count(DISTINCT outlet), avg(goldstein)
            FROM numbered GROUP BY cluster_id;
            INSERT INTO cluster_mentions
            SELECT n.cluster_id, n.content_hash, n.sentence_index, n.event_id, c.num_sources
            FROM numbered n JOIN event_clusters c ON c.cluster_id = n.cluster_id;"
        );
        let PgStore { client, url } = self;
        let fail = failed(url, "rebuilding the clusters");
        // Dropping the transaction on an error rolls it back: the old clusters stay.
        let mut tx = client.transaction().map_err(&fail)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CLUSTER_LOCK])
            .map_err(&fail)?;
        tx.batch_execute(&sql).map_err(&fail)?;
        let clusters: i64 = tx
            .query_one("SELECT count(*) FROM event_clusters", &[])
            .and_then(|r| r.try_get(0))
            .map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(clusters as u64)
    }

    /// Parquet through DuckDB, which the crate links anyway: the events go to a scratch CSV file,
    /// which DuckDB reads back with the `events` columns' DuckDB types and writes as DuckStore's
    /// Parquet export does, streaming (nothing is held in memory).
    fn export_parquet(&mut self, filter: &EventFilter, path: &Path) -> Result<u64, StoreError> {
        crate::lake::parquet_via_csv(self, filter, path, None)
    }

    /// Streams the rows of `sql` through `each`, row by row; returns how many.
    fn stream(
        &mut self,
        sql: &str,
        params: &Params,
        mut each: impl FnMut(&Row) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        let fail = failed(&self.url, "the export query");
        let mut rows = self.client.query_raw(sql, params.values()).map_err(&fail)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(&fail)? {
            each(&row)?;
            n += 1;
        }
        Ok(n)
    }

    /// Writes the rows of `sql` as delimited records ([`export_cell`]), after `header` if given.
    fn export_delimited(
        &mut self,
        sql: &str,
        params: &Params,
        path: &Path,
        delimiter: u8,
        header: Option<&[&str]>,
    ) -> Result<u64, StoreError> {
        let mut out = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_path(path)
            .map_err(|e| file_error(path, e))?;
        if let Some(header) = header {
            out.write_record(header).map_err(|e| file_error(path, e))?;
        }
        let url = self.url.clone();
        let fail = failed(&url, "the export query");
        let n = self.stream(sql, params, |row| {
            let record = (0..row.len())
                .map(|i| {
                    Ok(match export_cell(row, i)? {
                        Some(Cell::Text(text) | Cell::Number(text)) => text,
                        None => String::new(),
                    })
                })
                .collect::<Result<Vec<_>, postgres::Error>>()
                .map_err(&fail)?;
            out.write_record(&record).map_err(|e| file_error(path, e))
        })?;
        out.flush().map_err(|e| file_error(path, e))?;
        Ok(n)
    }

    /// Writes the rows of `sql` as JSON objects, one a line, keys in column order.
    fn export_objects(
        &mut self,
        sql: &str,
        params: &Params,
        path: &Path,
    ) -> Result<u64, StoreError> {
        let mut out = BufWriter::new(File::create(path).map_err(|e| file_error(path, e))?);
        let url = self.url.clone();
        let fail = failed(&url, "the export query");
        let mut line = String::new();
        let n = self.stream(sql, params, |row| {
            line.clear();
            for (i, column) in row.columns().iter().enumerate() {
                line.push(if i == 0 { '{' } else { ',' });
                line.push_str(&Value::from(column.name()).to_string());
                line.push(':');
                match export_cell(row, i).map_err(&fail)? {
                    None => line.push_str("null"),
                    Some(Cell::Number(n)) => line.push_str(&n),
                    Some(Cell::Text(t)) => line.push_str(&Value::from(t).to_string()),
                }
            }
            line.push('}');
            writeln!(out, "{line}").map_err(|e| file_error(path, e))
        })?;
        out.flush().map_err(|e| file_error(path, e))?;
        Ok(n)
    }

    /// Writes the rows of `sql` (one JSON text column each) as lines, compacted as DuckDB writes
    /// JSON.
    fn export_lines(&mut self, sql: &str, params: &Params, path: &Path) -> Result<u64, StoreError> {
        let mut out = BufWriter::new(File::create(path).map_err(|e| file_error(path, e))?);
        let url = self.url.clone();
        let fail = failed(&url, "the export query");
        let n = self.stream(sql, params, |row| {
            let json: &str = row.try_get(0).map_err(&fail)?;
            writeln!(out, "{}", compact_json(json)).map_err(|e| file_error(path, e))
        })?;
        out.flush().map_err(|e| file_error(path, e))?;
        Ok(n)
    }

    /// Writes the mentions of `cond` as an ICEWS-style TSV, as DuckDB's export does.
    fn export_icews(
        &mut self,
        cond: &str,
        params: &Params,
        path: &Path,
        names: &CodeNames,
    ) -> Result<u64, StoreError> {
        let mut out = csv::WriterBuilder::new()
            .delimiter(b'\t')
            .from_path(path)
            .map_err(|e| file_error(path, e))?;
        out.write_record(ICEWS_COLUMNS)
            .map_err(|e| file_error(path, e))?;
        let sql = icews_select(cond, "to_char(e.day, 'YYYY-MM-DD')");
        let cameo = tacitus_model::CameoTable::embedded();
        let url = self.url.clone();
        let fail = failed(&url, "the export query");
        let n = self.stream(&sql, params, |r| {
            let mention = IcewsMention::read(
                |i| r.try_get(i),
                |i| r.try_get(i),
                |i| r.try_get::<_, i32>(i).map(i64::from),
            )
            .map_err(&fail)?;
            out.write_record(icews_record(mention, names, cameo))
                .map_err(|e| file_error(path, e))
        })?;
        out.flush().map_err(|e| file_error(path, e))?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::{compact_json, json_from_text, order_key, redact};
    use postgres::types::Type;
    use serde_json::json;

    #[test]
    fn passwords_are_hidden_in_messages() {
        assert_eq!(
            redact("postgres://tacitus:s3cret@db.internal:5432/events"),
            "postgres://tacitus:***@db.internal:5432/events"
        );
        assert_eq!(
            redact("postgres://tacitus@127.0.0.1/db?password=s3cret&sslmode=disable"),
            "postgres://tacitus@127.0.0.1/db?password=***&sslmode=disable"
        );
        assert_eq!(
            redact("host=db user=t password=s3cret dbname=x"),
            "host=db user=t password=*** dbname=x"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }

    #[test]
    fn json_is_compacted_outside_strings_only() {
        assert_eq!(
            compact_json(r#"{"a" : "x \" : y\\", "b" : [1, 2], "c" : {"d" : null}}"#),
            r#"{"a":"x \" : y\\","b":[1,2],"c":{"d":null}}"#
        );
    }

    #[test]
    fn order_keys_sort_like_unsigned_hashes() {
        let mut hashes = [0u64, 1, u64::MAX, 1 << 63, (1 << 63) - 1, 42];
        let mut by_key = hashes;
        hashes.sort();
        by_key.sort_by_key(|h| order_key(*h));
        assert_eq!(hashes, by_key);
    }

    #[test]
    fn text_values_become_typed_json() {
        assert_eq!(json_from_text(Some("42"), &Type::INT8), json!(42));
        assert_eq!(json_from_text(Some("-4"), &Type::FLOAT8), json!(-4.0));
        assert_eq!(json_from_text(Some("2.5000"), &Type::NUMERIC), json!(2.5));
        assert_eq!(json_from_text(Some("0.8"), &Type::FLOAT8), json!(0.8));
        assert_eq!(json_from_text(Some("NaN"), &Type::FLOAT8), json!("NaN"));
        assert_eq!(
            json_from_text(Some("18446744073709551615"), &Type::NUMERIC),
            json!(18446744073709551615.0)
        );
        assert_eq!(json_from_text(Some("t"), &Type::BOOL), json!(true));
        assert_eq!(
            json_from_text(Some("2022-02-25 10:11:12.5+00"), &Type::TIMESTAMPTZ),
            json!("2022-02-25T10:11:12Z")
        );
        assert_eq!(
            json_from_text(Some("2022-02-25"), &Type::DATE),
            json!("2022-02-25")
        );
        assert_eq!(
            json_from_text(Some(r#"{"a": [1]}"#), &Type::JSONB),
            json!({"a": [1]})
        );
        assert_eq!(json_from_text(None, &Type::TEXT), json!(null));
    }
}
