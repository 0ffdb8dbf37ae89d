//! [`Store`] over a DuckDB file.

use std::collections::HashSet;
use std::path::Path;

use duckdb::types::{TimeUnit, Value as DuckValue};
use duckdb::{params, params_from_iter, Connection};
use serde_json::Value;
use tacitus_model::{Actor, Attribution, Document, Event, Location, Plover};

use crate::columns::{document_columns, event_columns, DocumentRow, HASH_COLUMNS};
use crate::row_scan;
use crate::shared::{
    actor_code, file_error, icews_record, icews_select, kind_from, user_day, worth_updating,
    EventCursor, IcewsMention, CLUSTER_KEY, ICEWS_COLUMNS,
};
use crate::{
    ActorCount, CodeNames, DocumentRecord, EventFilter, EventPage, Evidence, ExportFormat,
    LocationCount, PartnerShift, Period, SeriesPoint, Store, StoreError, StoredDocument,
    StoredEvent, Table,
};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (
    content_hash UBIGINT PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    url VARCHAR,
    outlet VARCHAR,
    published VARCHAR,
    title VARCHAR,
    author VARCHAR,
    language VARCHAR,
    bytes BIGINT NOT NULL,
    events INTEGER NOT NULL,
    dict_version VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    text VARCHAR
);
-- Codes and names are compressed by dictionary, sentences and ids by FSST, as DuckDB would
-- choose after trying every method on every segment; saying so spares an ingest the trying.
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR NOT NULL USING COMPRESSION fsst,
    content_hash UBIGINT NOT NULL,
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence VARCHAR NOT NULL USING COMPRESSION fsst,
    date VARCHAR USING COMPRESSION dictionary,
    date_precision VARCHAR USING COMPRESSION dictionary,
    day DATE,
    source_code VARCHAR NOT NULL USING COMPRESSION dictionary,
    source_country VARCHAR USING COMPRESSION dictionary,
    source_sector VARCHAR USING COMPRESSION dictionary,
    source_text VARCHAR NOT NULL,
    source_name VARCHAR NOT NULL USING COMPRESSION dictionary,
    target_code VARCHAR USING COMPRESSION dictionary,
    target_country VARCHAR USING COMPRESSION dictionary,
    target_sector VARCHAR USING COMPRESSION dictionary,
    target_text VARCHAR,
    target_name VARCHAR USING COMPRESSION dictionary,
    cameo VARCHAR NOT NULL USING COMPRESSION dictionary,
    cameo_root VARCHAR NOT NULL USING COMPRESSION dictionary,
    goldstein DOUBLE NOT NULL,
    quad_class UTINYINT NOT NULL,
    plover_type VARCHAR USING COMPRESSION dictionary,
    plover_mode VARCHAR USING COMPRESSION dictionary,
    plover_context VARCHAR USING COMPRESSION dictionary,
    location_name VARCHAR,
    location_country VARCHAR USING COMPRESSION dictionary,
    lat DOUBLE,
    lon DOUBLE,
    attribution_kind VARCHAR USING COMPRESSION dictionary,
    attribution_outlet VARCHAR USING COMPRESSION dictionary,
    attribution_reporter VARCHAR USING COMPRESSION dictionary,
    attribution_source VARCHAR,
    rule VARCHAR NOT NULL USING COMPRESSION dictionary,
    confidence DOUBLE NOT NULL,
    outlet VARCHAR USING COMPRESSION dictionary,
    dict_version VARCHAR NOT NULL USING COMPRESSION dictionary,
    explain VARCHAR
);
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id VARCHAR,
    source_code VARCHAR,
    target_code VARCHAR,
    cameo_root VARCHAR,
    cameo VARCHAR,
    quad_class UTINYINT,
    first_day DATE,
    last_day DATE,
    num_mentions BIGINT,
    num_articles BIGINT,
    num_sources BIGINT,
    goldstein_mean DOUBLE
);
CREATE TABLE IF NOT EXISTS cluster_mentions (
    cluster_id VARCHAR,
    content_hash UBIGINT,
    sentence_index INTEGER,
    event_id VARCHAR,
    -- The cluster's, repeated so that a page of events finds it with one filtered scan.
    num_sources BIGINT
);
-- Stores made before the text and the explanations were kept.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS text VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS explain VARCHAR;
ALTER TABLE cluster_mentions ADD COLUMN IF NOT EXISTS num_sources BIGINT;
";

/// DuckDB's default number of row-group merges per checkpoint, which `optimize` allows.
const VACUUM_TASKS: u32 = 100;

/// Settings of every connection: DuckDB would take up to 80 % of RAM, and a store shares the
/// machine with the coder (`TACITUS_DB_MEMORY`, default 2GB); and rows need no order but the one
/// queries ask for.
fn session_settings() -> String {
    let memory = std::env::var("TACITUS_DB_MEMORY").unwrap_or_else(|_| "2GB".into());
    format!(
        "SET memory_limit = '{}'; SET preserve_insertion_order = false;",
        memory.replace('\'', "")
    )
}

/// A DuckDB database file holding the tables of the crate docs.
pub struct DuckStore {
    conn: Connection,
    path: String,
    /// The country codes in the events, loaded when a filter first needs them (see
    /// [`conditions`]) and forgotten by every write.
    countries: Option<HashSet<String>>,
}

impl DuckStore {
    /// Opens (creating it and its tables if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<DuckStore, StoreError> {
        let name = path.display().to_string();
        let open_error = |e: duckdb::Error| {
            let mut reason = e.to_string();
            if reason.contains("Conflicting lock") {
                reason.push_str(
                    " (a store has one writer at a time: wait for the other tacitus to finish)",
                );
            }
            StoreError::Open {
                path: name.clone(),
                reason,
            }
        };
        let conn = Connection::open(path).map_err(open_error)?;
        // DuckDB would checkpoint (compress and rewrite) after every 16 MB of log, nearly every
        // ingest batch; 1 GB amortizes that (ingest +45 %) for a longer log replay after a crash.
        // Each ingest leaves a part-filled row group per thread, which a checkpoint would merge
        // with its full neighbours by rewriting them all (a fifth of a bulk ingest's time);
        // `optimize` does that merging, and drops deleted rows, once (`VACUUM_TASKS`).
        conn.execute_batch(&format!(
            "{} SET checkpoint_threshold = '1GB'; SET max_vacuum_tasks = 0;",
            session_settings()
        ))
        .map_err(open_error)?;
        conn.execute_batch(SCHEMA).map_err(open_error)?;
        row_scan::register(&conn).map_err(open_error)?;
        Ok(DuckStore {
            conn,
            path: name,
            countries: None,
        })
    }

    /// Opens an existing store for reading only: any number of processes may read it at once,
    /// none may write it meanwhile, and no statement on this handle can change it.
    pub fn open_read_only(path: &Path) -> Result<DuckStore, StoreError> {
        let name = path.display().to_string();
        let open_error = |reason: String| StoreError::Open {
            path: name.clone(),
            reason,
        };
        if !path.exists() {
            return Err(open_error(
                "no store here: create it with `tacitus ingest`".into(),
            ));
        }
        let config = duckdb::Config::default()
            .access_mode(duckdb::AccessMode::ReadOnly)
            .map_err(|e| open_error(e.to_string()))?;
        let conn =
            Connection::open_with_flags(path, config).map_err(|e| open_error(e.to_string()))?;
        conn.execute_batch(&session_settings())
            .map_err(|e| open_error(e.to_string()))?;
        // A read-only handle cannot add the columns newer versions keep; say how to upgrade.
        let current: i64 = conn
            .query_row(
                "SELECT count(*) FROM information_schema.columns \
                 WHERE (table_name = 'events' AND column_name = 'explain') \
                    OR (table_name = 'documents' AND column_name = 'text') \
                    OR (table_name = 'cluster_mentions' AND column_name = 'num_sources')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| open_error(e.to_string()))?;
        if current < 3 {
            return Err(open_error(
                "made by an older tacitus: run any `tacitus ingest` on it once to upgrade it"
                    .into(),
            ));
        }
        Ok(DuckStore {
            conn,
            path: name,
            countries: None,
        })
    }

    /// Another connection to the same open database, for another thread.
    pub fn try_clone(&self) -> Result<DuckStore, StoreError> {
        Ok(DuckStore {
            conn: self.conn.try_clone().map_err(|e| self.db_error(e))?,
            path: self.path.clone(),
            countries: None,
        })
    }

    fn db_error(&self, e: duckdb::Error) -> StoreError {
        file_error(Path::new(&self.path), e)
    }
}

/// The rows after `cursor` in the page order, as SQL over the page's columns.
fn after_cursor(cursor: &EventCursor) -> (String, Vec<String>) {
    let day = "coalesce(day, DATE '0001-01-01')";
    let at = "(DATE '1970-01-01' + CAST(? AS INTEGER))";
    (
        format!(
            "({day} < {at} OR ({day} = {at} AND (content_hash > CAST(? AS UBIGINT) \
             OR (content_hash = CAST(? AS UBIGINT) AND (sentence_index > CAST(? AS INTEGER) \
             OR (sentence_index = CAST(? AS INTEGER) AND event_id > ?))))))"
        ),
        vec![
            cursor.day.to_string(),
            cursor.day.to_string(),
            cursor.content_hash.to_string(),
            cursor.content_hash.to_string(),
            cursor.sentence_index.to_string(),
            cursor.sentence_index.to_string(),
            cursor.event_id.clone(),
        ],
    )
}

/// DuckDB's text form of a `histogram` map, `{ASSAULT=2, REJECT=1}`, as pairs.
fn parse_histogram(text: &str) -> std::collections::BTreeMap<String, u64> {
    text.trim_matches(|c| c == '{' || c == '}')
        .split(", ")
        .filter_map(|pair| {
            let (key, count) = pair.rsplit_once('=')?;
            Some((key.to_string(), count.parse().ok()?))
        })
        .collect()
}

/// SQL conditions and their parameters for `filter`. A side's country code (one of
/// `countries`) is matched on the country column alone, by which DuckDB's zone maps skip row
/// groups (see [`Store::optimize`]); any other code by its prefix (`KAZGOV`, `IGO`).
fn conditions(
    filter: &EventFilter,
    countries: &HashSet<String>,
) -> Result<(String, Vec<String>), StoreError> {
    let mut sql = vec!["TRUE".to_string()];
    let mut params = Vec::new();
    for (side, actor) in [("source", &filter.source), ("target", &filter.target)] {
        if let Some(code) = actor {
            let code = actor_code(side, code)?;
            if countries.contains(&code) {
                sql.push(format!("{side}_country = ?"));
            } else {
                sql.push(format!("starts_with({side}_code, ?)"));
            }
            params.push(code);
        }
    }
    if let Some(code) = &filter.actor {
        let code = actor_code("actor", code)?;
        sql.push(
            "(source_country = ? OR starts_with(source_code, ?) OR target_country = ? OR starts_with(target_code, ?))"
                .into(),
        );
        params.extend([code.clone(), code.clone(), code.clone(), code]);
    }
    if let Some(hash) = filter.document {
        // An integer, so inlining it is safe.
        sql.push(format!("content_hash = {hash}"));
    }
    if let Some(root) = &filter.root {
        let root = format!("{:0>2}", root.trim());
        if root.len() != 2 || !root.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StoreError::Invalid(format!(
                "root {root:?}: a CAMEO root is 01 to 20"
            )));
        }
        sql.push("cameo_root = ?".into());
        params.push(root);
    }
    for (op, date) in [(">=", &filter.since), ("<", &filter.until)] {
        if let Some(d) = date {
            let day = user_day(d)?;
            sql.push(format!("day {op} CAST(? AS DATE)"));
            params.push(day);
        }
    }
    Ok((sql.join(" AND "), params))
}

fn json_value(v: DuckValue) -> Value {
    match v {
        DuckValue::Null => Value::Null,
        DuckValue::Boolean(b) => b.into(),
        DuckValue::TinyInt(i) => i.into(),
        DuckValue::SmallInt(i) => i.into(),
        DuckValue::Int(i) => i.into(),
        DuckValue::BigInt(i) => i.into(),
        DuckValue::UTinyInt(i) => i.into(),
        DuckValue::USmallInt(i) => i.into(),
        DuckValue::UInt(i) => i.into(),
        DuckValue::UBigInt(i) => i.into(),
        DuckValue::HugeInt(i) => i64::try_from(i).map_or_else(|_| i.to_string().into(), Into::into),
        DuckValue::Float(f) => f64::from(f).into(),
        DuckValue::Double(f) => f.into(),
        DuckValue::Text(s) => s.into(),
        DuckValue::Date32(days) => {
            let date = date_from_days(i64::from(days));
            date.into()
        }
        DuckValue::Timestamp(unit, n) => {
            let secs = match unit {
                TimeUnit::Second => n,
                TimeUnit::Millisecond => n / 1_000,
                TimeUnit::Microsecond => n / 1_000_000,
                TimeUnit::Nanosecond => n / 1_000_000_000,
            };
            let day = date_from_days(secs.div_euclid(86_400));
            let s = secs.rem_euclid(86_400);
            format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60).into()
        }
        other => format!("{other:?}").into(),
    }
}

/// `YYYY-MM-DD` of a day count since 1970-01-01 (civil-from-days, proleptic Gregorian), as
/// DuckDB counts dates.
pub fn date_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

impl DuckStore {
    /// Runs clustering SQL in one transaction (readers see the old clusters until it commits)
    /// and counts the clusters.
    fn run_clustering(&mut self, sql: &str) -> Result<u64, StoreError> {
        if let Err(e) = self
            .conn
            .execute_batch(&format!("BEGIN TRANSACTION; {sql} COMMIT;"))
        {
            // Leave the old clusters in place; the error is what the caller sees.
            self.conn.execute_batch("ROLLBACK").ok();
            return Err(self.db_error(e));
        }
        self.conn
            .query_row("SELECT count(*) FROM event_clusters", [], |r| r.get(0))
            .map_err(|e| self.db_error(e))
    }

    /// The country codes that occur in the events, as sources or targets.
    fn countries(&mut self) -> Result<&HashSet<String>, StoreError> {
        if self.countries.is_none() {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT DISTINCT source_country FROM events WHERE source_country IS NOT NULL \
                     UNION SELECT DISTINCT target_country FROM events \
                     WHERE target_country IS NOT NULL",
                )
                .map_err(|e| self.db_error(e))?;
            let codes = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(|e| self.db_error(e))?
                .collect::<Result<HashSet<_>, _>>()
                .map_err(|e| self.db_error(e))?;
            self.countries = Some(codes);
        }
        Ok(self.countries.get_or_insert_with(HashSet::new))
    }

    /// Which of `hashes` are stored already: one join of the documents with the hashes.
    fn stored_among(&self, hashes: impl Iterator<Item = u64>) -> Result<HashSet<u64>, StoreError> {
        let hashes: Vec<u64> = hashes.collect();
        if hashes.is_empty() {
            return Ok(HashSet::new());
        }
        let stored = row_scan::query(
            &self.conn,
            "SELECT content_hash FROM documents \
             WHERE content_hash IN (SELECT content_hash FROM {rows})",
            HASH_COLUMNS,
            &hashes,
            |r| r.get::<_, u64>(0),
        )
        .map_err(|e| self.db_error(e))?;
        Ok(stored.into_iter().collect())
    }
}

impl Store for DuckStore {
    fn document_hashes(&mut self) -> Result<HashSet<u64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT content_hash FROM documents")
            .map_err(|e| self.db_error(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, u64>(0))
            .map_err(|e| self.db_error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db_error(e))
    }

    fn write(&mut self, documents: &[StoredDocument]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e: duckdb::Error| file_error(Path::new(&path), e);
        let stored = self.stored_among(documents.iter().map(|d| d.content_hash))?;
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut seen = HashSet::new();
            let fresh: Vec<&StoredDocument> = documents
                .iter()
                .filter(|sd| !stored.contains(&sd.content_hash) && seen.insert(sd.content_hash))
                .collect();
            let ingested_at = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_micros() as i64);
            let rows: Vec<DocumentRow> = fresh
                .iter()
                .map(|&document| DocumentRow {
                    document,
                    ingested_at,
                })
                .collect();
            row_scan::insert(&tx, "documents", &document_columns(), &rows).map_err(err)?;
            append_events(&tx, &fresh).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.countries = None;
        Ok(())
    }

    fn replace(&mut self, documents: &[StoredDocument]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e: duckdb::Error| file_error(Path::new(&path), e);
        let stored = self.stored_among(documents.iter().map(|d| d.content_hash))?;
        let mut seen = HashSet::new();
        let kept: Vec<&StoredDocument> = documents
            .iter()
            .filter(|sd| stored.contains(&sd.content_hash) && seen.insert(sd.content_hash))
            .collect();
        if kept.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction().map_err(err)?;
        {
            // Integers only, so inlining them is safe.
            let hashes: Vec<String> = kept.iter().map(|d| d.content_hash.to_string()).collect();
            tx.execute(
                &format!(
                    "DELETE FROM events WHERE content_hash IN ({})",
                    hashes.join(",")
                ),
                [],
            )
            .map_err(err)?;
            let mut update = tx
                .prepare("UPDATE documents SET events = ?, dict_version = ? WHERE content_hash = ?")
                .map_err(err)?;
            for sd in &kept {
                update
                    .execute(params![
                        sd.events.len() as i32,
                        sd.dict_version,
                        sd.content_hash
                    ])
                    .map_err(err)?;
            }
            append_events(&tx, &kept).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.countries = None;
        Ok(())
    }

    fn stale_documents(
        &mut self,
        dict_version: &str,
        after: u64,
        limit: usize,
    ) -> Result<Vec<Document>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT doc_id, text, published, url, outlet, title, author, language FROM documents \
                 WHERE dict_version <> ? AND text IS NOT NULL AND content_hash > ? \
                 ORDER BY content_hash LIMIT ?",
            )
            .map_err(|e| self.db_error(e))?;
        let rows = stmt
            .query_map(params![dict_version, after, limit as i64], |r| {
                document_from(r)
            })
            .map_err(|e| self.db_error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db_error(e))
    }

    fn stale_without_text(&mut self, dict_version: &str) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM documents WHERE dict_version <> ? AND text IS NULL",
                [dict_version],
                |r| r.get(0),
            )
            .map_err(|e| self.db_error(e))
    }

    fn counts(&mut self) -> Result<(u64, u64), StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)",
                [],
                |r| Ok((r.get::<_, u64>(0)?, r.get::<_, u64>(1)?)),
            )
            .map_err(|e| self.db_error(e))
    }

    fn dyad_series(
        &mut self,
        filter: &EventFilter,
        period: Period,
    ) -> Result<Vec<SeriesPoint>, StoreError> {
        filter.check_series()?;
        let (bucket, precision) = match period {
            Period::Day => ("strftime(day, '%Y-%m-%d')", "('day')"),
            Period::Week => ("strftime(date_trunc('week', day), '%Y-%m-%d')", "('day')"),
            Period::Month => ("strftime(day, '%Y-%m')", "('day', 'month')"),
            Period::Year => ("strftime(day, '%Y')", "('day', 'month', 'year')"),
        };
        let (cond, params) = conditions(filter, self.countries()?)?;
        let sql = format!(
            "SELECT {bucket} AS period, count(*),
                count(*) FILTER (quad_class = 1), count(*) FILTER (quad_class = 2),
                count(*) FILTER (quad_class = 3), count(*) FILTER (quad_class = 4),
                sum(goldstein), avg(goldstein), count(DISTINCT outlet),
                CAST(histogram(plover_type) AS VARCHAR)
             FROM events
             WHERE {cond} AND day IS NOT NULL AND date_precision IN {precision}
             GROUP BY 1 ORDER BY 1"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db_error(e))?;
        let rows = stmt
            .query_map(params_from_iter(params.iter()), |r| {
                Ok(SeriesPoint {
                    period: r.get(0)?,
                    events: r.get(1)?,
                    quad: [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
                    goldstein_sum: r.get(6)?,
                    goldstein_mean: r.get(7)?,
                    sources: r.get(8)?,
                    plover: r
                        .get::<_, Option<String>>(9)?
                        .map(|h| parse_histogram(&h))
                        .unwrap_or_default(),
                })
            })
            .map_err(|e| self.db_error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db_error(e))
    }

    fn top_dyads(&mut self, filter: &EventFilter, limit: usize) -> Result<Table, StoreError> {
        let (cond, params) = conditions(filter, self.countries()?)?;
        let sql = format!(
            "SELECT source_country AS source, target_country AS target, count(*) AS events,
                round(count(*) FILTER (quad_class >= 3) / count(*), 2) AS conflict_share,
                round(avg(goldstein), 2) AS goldstein_mean, count(DISTINCT outlet) AS sources
             FROM events
             WHERE {cond} AND source_country IS NOT NULL AND target_country IS NOT NULL
                AND source_country <> target_country
             GROUP BY ALL ORDER BY events DESC, source, target LIMIT {limit}"
        );
        self.table(&sql, &params)
    }

    fn events(
        &mut self,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage, StoreError> {
        let (mut cond, mut params) = conditions(filter, self.countries()?)?;
        if let Some(cursor) = cursor {
            let (c, p) = after_cursor(&EventCursor::parse(cursor)?);
            cond = format!("{cond} AND {c}");
            params.extend(p);
        }
        // One more row than asked tells whether there is a next page. The page is cut before
        // the joins, so they touch `limit` rows, not the filter's.
        let sql = format!(
            "WITH page AS (
                SELECT *, coalesce(day, DATE '0001-01-01') AS sort_day FROM events WHERE {cond}
                ORDER BY sort_day DESC, content_hash, sentence_index, event_id LIMIT {fetch})
            SELECT p.event_id, p.doc_id, p.sentence_index, p.sentence, p.date, p.date_precision,
                p.source_code, p.source_country, p.source_sector, p.source_text, p.source_name,
                p.target_code, p.target_country, p.target_sector, p.target_text, p.target_name,
                p.cameo, p.cameo_root, p.goldstein, p.quad_class, p.plover_type, p.plover_mode,
                p.plover_context, p.location_name, p.location_country, p.lat, p.lon,
                p.attribution_kind, p.attribution_outlet, p.attribution_reporter,
                p.attribution_source, p.rule, p.confidence, p.explain,
                p.content_hash, p.outlet, d.url, d.title, c.num_sources,
                CAST(p.sort_day - DATE '1970-01-01' AS BIGINT)
             FROM page p
             LEFT JOIN documents d ON d.content_hash = p.content_hash
             LEFT JOIN (SELECT * FROM cluster_mentions
                        WHERE content_hash IN (SELECT content_hash FROM page)) c
                ON c.content_hash = p.content_hash
                AND c.sentence_index = p.sentence_index AND c.event_id = p.event_id
             ORDER BY p.sort_day DESC, p.content_hash, p.sentence_index, p.event_id",
            fetch = limit + 1
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db_error(e))?;
        let rows = stmt
            .query_map(params_from_iter(params.iter()), |r| {
                let target = r
                    .get::<_, Option<String>>(11)?
                    .map(|code| -> duckdb::Result<Actor> {
                        Ok(Actor {
                            code,
                            country: r.get(12)?,
                            sector: r.get(13)?,
                            text: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
                            name: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
                        })
                    });
                let location = r
                    .get::<_, Option<String>>(23)?
                    .map(|name| -> duckdb::Result<_> {
                        Ok(Location {
                            name,
                            country: r.get(24)?,
                            lat: r.get(25)?,
                            lon: r.get(26)?,
                            geonameid: None,
                        })
                    });
                let kind: Option<String> = r.get(27)?;
                let outlet: Option<String> = r.get(28)?;
                let reporter: Option<String> = r.get(29)?;
                let source_text: Option<String> = r.get(30)?;
                let attribution = (kind.is_some()
                    || outlet.is_some()
                    || reporter.is_some()
                    || source_text.is_some())
                .then(|| Attribution {
                    kind: kind.as_deref().and_then(kind_from),
                    outlet,
                    reporter,
                    source_text,
                });
                let context: Option<String> = r.get(22)?;
                let explain: Option<String> = r.get(33)?;
                let content_hash: u64 = r.get(34)?;
                let event = Event {
                    event_id: r.get(0)?,
                    doc_id: r.get(1)?,
                    sentence_index: r.get::<_, i32>(2)? as usize,
                    sentence: r.get(3)?,
                    date: r.get(4)?,
                    date_precision: r.get(5)?,
                    source: Actor {
                        code: r.get(6)?,
                        country: r.get(7)?,
                        sector: r.get(8)?,
                        text: r.get(9)?,
                        name: r.get(10)?,
                    },
                    target: target.transpose()?,
                    cameo: r.get(16)?,
                    cameo_root: r.get(17)?,
                    goldstein: r.get(18)?,
                    quad_class: r.get(19)?,
                    plover: Plover {
                        event_type: r.get(20)?,
                        mode: r.get(21)?,
                        context: context
                            .map(|c| c.split(',').map(str::to_string).collect())
                            .unwrap_or_default(),
                    },
                    location: location.transpose()?,
                    attribution,
                    rule: r.get(31)?,
                    confidence: r.get(32)?,
                    explain: explain.and_then(|e| serde_json::from_str(&e).ok()),
                };
                let cursor = EventCursor {
                    day: r.get(39)?,
                    content_hash,
                    sentence_index: event.sentence_index as i64,
                    event_id: event.event_id.clone(),
                };
                let stored = StoredEvent {
                    content_hash: content_hash.to_string(),
                    outlet: r.get(35)?,
                    url: r.get(36)?,
                    title: r.get(37)?,
                    num_sources: r.get(38)?,
                    event,
                };
                Ok((stored, cursor))
            })
            .map_err(|e| self.db_error(e))?;
        let mut rows: Vec<(StoredEvent, EventCursor)> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.db_error(e))?;
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
        let table = self.table(
            "WITH sides AS (
                SELECT source_code AS code, source_name AS name, source_country AS country
                FROM events
                UNION ALL
                SELECT target_code, target_name, target_country FROM events
                WHERE target_code IS NOT NULL),
            codes AS (SELECT code, mode(name) AS name, count(*) AS n FROM sides GROUP BY code),
            countries AS (
                SELECT s.country AS code, coalesce(any_value(c.name), s.country) AS name,
                    count(*) AS n
                FROM sides s LEFT JOIN codes c ON c.code = s.country
                WHERE s.country IS NOT NULL GROUP BY s.country)
            SELECT code, name, n FROM countries
            UNION ALL
            SELECT code, name, n FROM codes WHERE code NOT IN (SELECT code FROM countries)
            ORDER BY n DESC, code",
            &[],
        )?;
        Ok(table
            .rows
            .into_iter()
            .map(|row| ActorCount {
                code: row[0].as_str().unwrap_or_default().to_string(),
                name: row[1].as_str().unwrap_or_default().to_string(),
                events: row[2].as_u64().unwrap_or(0),
            })
            .collect())
    }

    fn locations(&mut self, filter: &EventFilter) -> Result<Vec<LocationCount>, StoreError> {
        let (cond, params) = conditions(filter, self.countries()?)?;
        let table = self.table(
            &format!(
                "SELECT location_name, any_value(location_country), avg(lat), avg(lon), count(*)
                 FROM events WHERE {cond} AND lat IS NOT NULL AND lon IS NOT NULL
                 GROUP BY location_name ORDER BY 5 DESC, 1"
            ),
            &params,
        )?;
        Ok(table
            .rows
            .into_iter()
            .map(|row| LocationCount {
                name: row[0].as_str().unwrap_or_default().to_string(),
                country: row[1].as_str().map(str::to_string),
                lat: row[2].as_f64().unwrap_or(0.0),
                lon: row[3].as_f64().unwrap_or(0.0),
                events: row[4].as_u64().unwrap_or(0),
            })
            .collect())
    }

    fn document(&mut self, content_hash: u64) -> Result<Option<DocumentRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT doc_id, coalesce(text, ''), published, url, outlet, title, author,
                    language, events, dict_version, strftime(ingested_at, '%Y-%m-%dT%H:%M:%SZ')
                 FROM documents WHERE content_hash = ?",
            )
            .map_err(|e| self.db_error(e))?;
        let mut rows = stmt
            .query_map([content_hash], |r| {
                Ok(DocumentRecord {
                    content_hash: content_hash.to_string(),
                    document: document_from(r)?,
                    events: r.get::<_, i32>(8)?.max(0) as u64,
                    dict_version: r.get(9)?,
                    ingested_at: r.get(10)?,
                })
            })
            .map_err(|e| self.db_error(e))?;
        rows.next().transpose().map_err(|e| self.db_error(e))
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
                SELECT *, (source_country = ?1 OR starts_with(source_code, ?2)) AS actor_is_source
                FROM events
                WHERE day IS NOT NULL AND day < CAST(?4 AS DATE)
                  AND ((source_country = ?1 OR starts_with(source_code, ?2)) AND target_country IS NOT NULL
                    OR (target_country = ?1 OR starts_with(target_code, ?2)) AND source_country IS NOT NULL)
            ), pairs AS (
                SELECT *, CASE WHEN actor_is_source THEN target_country ELSE source_country END
                        AS partner,
                    day >= CAST(?3 AS DATE) AS in_period
                FROM mine
            )";
        let args = [actor.clone(), actor.clone(), since, until];
        let sql = format!(
            "{pairs}
            SELECT partner,
                count(*) FILTER (in_period) AS n,
                avg(goldstein) FILTER (in_period) AS g,
                (count(*) FILTER (in_period AND quad_class >= 3)) / count(*) FILTER (in_period)
                    AS conflict,
                count(*) FILTER (NOT in_period) AS bn,
                avg(goldstein) FILTER (NOT in_period) AS bg
            FROM pairs WHERE partner <> ?1
            GROUP BY partner HAVING count(*) FILTER (in_period) >= {min_events}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db_error(e))?;
        let rows = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                let goldstein_mean: f64 = r.get(2)?;
                let baseline: Option<f64> = r.get(5)?;
                Ok(PartnerShift {
                    partner: r.get(0)?,
                    events: r.get(1)?,
                    goldstein_mean,
                    conflict_share: r.get(3)?,
                    baseline_events: r.get(4)?,
                    baseline_goldstein_mean: baseline,
                    shift: goldstein_mean - baseline.unwrap_or(0.0),
                    evidence: Vec::new(),
                })
            })
            .map_err(|e| self.db_error(e))?;
        let mut partners: Vec<PartnerShift> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.db_error(e))?;
        partners.sort_by(|a, b| a.shift.total_cmp(&b.shift).then(b.events.cmp(&a.events)));

        let sql = format!(
            "{pairs}, ranked AS (
                SELECT *, row_number() OVER (PARTITION BY partner
                    ORDER BY abs(goldstein) DESC, confidence DESC, day DESC) AS rank
                FROM pairs WHERE in_period AND partner <> ?1
            )
            SELECT partner, date, source_code, target_code, cameo, goldstein, sentence, outlet,
                concat_ws(' / ', attribution_outlet, attribution_reporter, attribution_source)
            FROM ranked WHERE rank <= 3 ORDER BY partner, rank"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db_error(e))?;
        let rows = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                let according_to: String = r.get(8)?;
                Ok((
                    r.get::<_, String>(0)?,
                    Evidence {
                        date: r.get(1)?,
                        source: r.get(2)?,
                        target: r.get(3)?,
                        cameo: r.get(4)?,
                        goldstein: r.get(5)?,
                        sentence: r.get(6)?,
                        outlet: r.get(7)?,
                        according_to: (!according_to.is_empty()).then_some(according_to),
                    },
                ))
            })
            .map_err(|e| self.db_error(e))?;
        for row in rows {
            let (partner, evidence) = row.map_err(|e| self.db_error(e))?;
            if let Some(p) = partners.iter_mut().find(|p| p.partner == partner) {
                p.evidence.push(evidence);
            }
        }
        Ok(partners)
    }

    fn optimize(&mut self) -> Result<(), StoreError> {
        // Rewritten in dyad and day order, so that a dyad's mentions share a few row groups and
        // zone maps (min/max per row group) let a dyad query skip all the others. The rows are
        // copied out and back in, which keeps the table's definition and constraints.
        let sql = &format!(
            "SET preserve_insertion_order = true;
            BEGIN TRANSACTION;
            CREATE TEMP TABLE sorted AS SELECT * FROM events
                ORDER BY source_country NULLS LAST, target_country NULLS LAST, day, content_hash,
                    sentence_index;
            DELETE FROM events;
            INSERT INTO events SELECT * FROM sorted;
            DROP TABLE sorted;
            COMMIT;
            SET preserve_insertion_order = false;
            SET max_vacuum_tasks = {VACUUM_TASKS};
            CHECKPOINT;
            SET max_vacuum_tasks = 0;"
        );
        if let Err(e) = self.conn.execute_batch(sql) {
            self.conn
                .execute_batch(
                    "ROLLBACK; SET preserve_insertion_order = false; SET max_vacuum_tasks = 0;",
                )
                .ok();
            return Err(self.db_error(e));
        }
        Ok(())
    }

    fn rebuild_clusters(&mut self, window_days: u32) -> Result<u64, StoreError> {
        // One CAMEO root at a time (clusters never span roots): the window pass holds a
        // twentieth of the mentions in memory, not all of them.
        let passes: String = (1..=20)
            .map(|root| cluster_pass(window_days, &format!("cameo_root = '{root:02}'")))
            .collect();
        self.run_clustering(&format!(
            "CREATE OR REPLACE TABLE event_clusters AS FROM event_clusters LIMIT 0;
            CREATE OR REPLACE TABLE cluster_mentions AS FROM cluster_mentions LIMIT 0;
            {passes}"
        ))
    }

    fn update_clusters(&mut self, window_days: u32, documents: &[u64]) -> Result<u64, StoreError> {
        if !worth_updating(documents.len(), self.counts()?.0) {
            return self.rebuild_clusters(window_days);
        }
        let mut load =
            String::from("CREATE OR REPLACE TEMP TABLE new_documents (content_hash UBIGINT);");
        for chunk in documents.chunks(10_000) {
            // Integers only, so inlining them is safe.
            let values: Vec<String> = chunk.iter().map(|h| format!("({h})")).collect();
            load.push_str(&format!(
                "INSERT INTO new_documents VALUES {};",
                values.join(",")
            ));
        }
        let scope = format!("{CLUSTER_KEY} IN (SELECT key FROM touched)");
        self.run_clustering(&format!(
            "{load}
            CREATE OR REPLACE TEMP TABLE touched AS SELECT DISTINCT {CLUSTER_KEY} AS key FROM events
                WHERE content_hash IN (SELECT content_hash FROM new_documents);
            DELETE FROM cluster_mentions WHERE cluster_id IN
                (SELECT cluster_id FROM event_clusters WHERE {scope});
            DELETE FROM event_clusters WHERE {scope};
            {pass}
            DROP TABLE touched; DROP TABLE new_documents;",
            pass = cluster_pass(window_days, &scope)
        ))
    }

    fn export(
        &mut self,
        filter: &EventFilter,
        format: ExportFormat,
        path: &Path,
    ) -> Result<u64, StoreError> {
        let (cond, params) = conditions(filter, self.countries()?)?;
        if let ExportFormat::Icews(names) = &format {
            return self.export_icews(&cond, &params, path, names);
        }
        let target = path.to_str().ok_or_else(|| {
            StoreError::Invalid(format!("{}: the path is not UTF-8", path.display()))
        })?;
        let target = target.replace('\'', "''");
        let sql = match format {
            ExportFormat::Plover => format!(
                "COPY (SELECT e.event_id AS id, strftime(e.day, '%Y-%m-%d') AS date,
                    [struct_pack(code := e.source_code, name := e.source_name,
                        country := e.source_country, sector := e.source_sector,
                        text := e.source_text)] AS actor,
                    CASE WHEN e.target_code IS NULL THEN [] ELSE
                    [struct_pack(code := e.target_code, name := e.target_name,
                        country := e.target_country, sector := e.target_sector,
                        text := e.target_text)] END AS recipient,
                    [e.plover_type] AS event,
                    CASE WHEN e.plover_mode IS NULL THEN [] ELSE [e.plover_mode] END AS mode,
                    coalesce(string_split(e.plover_context, ','), []) AS context,
                    e.quad_class AS quad_code, [e.sentence] AS event_text,
                    CASE WHEN e.location_name IS NULL THEN NULL ELSE
                    struct_pack(name := e.location_name, country := e.location_country,
                        lat := e.lat, lon := e.lon) END AS event_loc,
                    struct_pack(outlet := e.outlet, url := d.url, doc_id := e.doc_id,
                        according_to := nullif(concat_ws(' / ', e.attribution_outlet,
                            e.attribution_reporter, e.attribution_source), '')) AS cite_info,
                    'tacitus ' || e.dict_version || ' ' || e.rule AS coder,
                    strftime(d.ingested_at, '%Y-%m-%d') AS coded_date
                FROM (SELECT * FROM events WHERE {cond}) e
                    JOIN documents d ON d.content_hash = e.content_hash
                WHERE e.plover_type IS NOT NULL
                ORDER BY e.day NULLS LAST, e.doc_id, e.sentence_index) TO '{target}' (FORMAT json)"
            ),
            ExportFormat::Gdelt | ExportFormat::GdeltMentions => format!(
                "COPY ({}) TO '{target}' (FORMAT csv, DELIMITER '\t', HEADER false)",
                if format == ExportFormat::Gdelt {
                    gdelt_select(&cond)
                } else {
                    gdelt_mentions_select(&cond)
                }
            ),
            _ => {
                let options = match format {
                    ExportFormat::Jsonl => "FORMAT json",
                    ExportFormat::Parquet => "FORMAT parquet, COMPRESSION zstd",
                    _ => "FORMAT csv, HEADER",
                };
                format!(
                    "COPY (SELECT * FROM events WHERE {cond} \
                     ORDER BY day NULLS LAST, doc_id, sentence_index) TO '{target}' ({options})"
                )
            }
        };
        let n = self
            .conn
            .execute(&sql, params_from_iter(params.iter()))
            .map_err(|e| self.db_error(e))?;
        Ok(n as u64)
    }

    fn query(&mut self, sql: &str) -> Result<Table, StoreError> {
        self.table(sql, &[])
    }
}

impl DuckStore {
    /// The rows of `sql` with `params`, named by the statement's columns, values as JSON.
    fn table(&self, sql: &str, params: &[String]) -> Result<Table, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.db_error(e))?;
        let mut rows = stmt
            .query(params_from_iter(params.iter()))
            .map_err(|e| self.db_error(e))?;
        let mut table = Table::default();
        while let Some(row) = rows.next().map_err(|e| self.db_error(e))? {
            let stmt = row.as_ref();
            if table.columns.is_empty() {
                table.columns = stmt.column_names();
            }
            let values = (0..stmt.column_count())
                .map(|i| row.get::<_, DuckValue>(i).map(json_value))
                .collect::<Result<_, _>>()
                .map_err(|e| self.db_error(e))?;
            table.rows.push(values);
        }
        if table.columns.is_empty() {
            table.columns = rows.as_ref().map(|s| s.column_names()).unwrap_or_default();
        }
        Ok(table)
    }
}

impl DuckStore {
    /// Streams the mentions of `cond` into an ICEWS-style TSV at `path`.
    fn export_icews(
        &mut self,
        cond: &str,
        params: &[String],
        path: &Path,
        names: &CodeNames,
    ) -> Result<u64, StoreError> {
        let mut out = csv::WriterBuilder::new()
            .delimiter(b'\t')
            .from_path(path)
            .map_err(|e| file_error(path, e))?;
        out.write_record(ICEWS_COLUMNS)
            .map_err(|e| file_error(path, e))?;
        let sql = icews_select(cond, "strftime(e.day, '%Y-%m-%d')");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db_error(e))?;
        let mut rows = stmt
            .query(params_from_iter(params.iter()))
            .map_err(|e| self.db_error(e))?;
        let cameo = tacitus_model::CameoTable::embedded();
        let mut n = 0u64;
        while let Some(r) = rows.next().map_err(|e| self.db_error(e))? {
            let mention = IcewsMention::read(|i| r.get(i), |i| r.get(i), |i| r.get(i))
                .map_err(|e| self.db_error(e))?;
            out.write_record(icews_record(mention, names, cameo))
                .map_err(|e| file_error(path, e))?;
            n += 1;
        }
        out.flush().map_err(|e| file_error(path, e))?;
        Ok(n)
    }
}

/// GDELT 2.0's event table from the clusters: each cluster's first mention gives the actors,
/// place and URL; `cond` filters on that mention.
/// SQL that clusters the mentions of the dyads and roots that `scope` (a condition over
/// `source_code`, `target_code` and `cameo_root`) selects into `event_clusters` and
/// `cluster_mentions`, whose rows for that scope must be gone.
///
/// A mention opens a new cluster when the previous mention of its dyad and root (in date order)
/// is more than `window_days` older, or when it happened somewhere else: its place's country is
/// known and differs from the last known one before it (a mention without a place joins any).
/// The id is the dyad, root and the day the cluster opened.
fn cluster_pass(window_days: u32, scope: &str) -> String {
    format!(
        "CREATE OR REPLACE TEMP TABLE numbered AS
            WITH marked AS (
                SELECT content_hash, sentence_index, event_id, source_code,
                    coalesce(target_code, '') AS target_key, cameo_root, cameo, quad_class,
                    day, outlet, goldstein,
                    CASE WHEN day - lag(day) OVER dyad > {window_days} OR lag(day) OVER dyad IS NULL
                        OR location_country <> last_value(location_country IGNORE NULLS) OVER (
                            dyad ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                    THEN 1 ELSE 0 END AS opens
                FROM events WHERE day IS NOT NULL AND {scope}
                WINDOW dyad AS (PARTITION BY source_code, coalesce(target_code, ''), cameo_root
                                ORDER BY day, content_hash, sentence_index)
            )
            , keyed AS (
                -- The opening day, with #2, #3 for further clusters opened the same day.
                -- `ordinal` numbers the clusters of a dyad and root.
                SELECT *, CASE WHEN opens = 1 THEN strftime(day, '%Y-%m-%d') || CASE
                        WHEN sum(opens) OVER same_day > 1 THEN '#' || sum(opens) OVER same_day
                        ELSE '' END END AS open_key,
                    sum(opens) OVER (PARTITION BY source_code, target_key, cameo_root
                        ORDER BY day, content_hash, sentence_index ROWS UNBOUNDED PRECEDING)
                        AS ordinal
                FROM marked
                WINDOW same_day AS (PARTITION BY source_code, target_key, cameo_root, day
                                    ORDER BY content_hash, sentence_index ROWS UNBOUNDED PRECEDING)
            )
            SELECT * EXCLUDE (open_key, ordinal), source_code || '>' || target_key || '/'
                || cameo_root || '/' || max(open_key) OVER (
                       PARTITION BY source_code, target_key, cameo_root, ordinal) AS cluster_id
            FROM keyed;
            INSERT INTO event_clusters
            SELECT cluster_id, any_value(source_code) AS source_code,
                nullif(any_value(target_key), '') AS target_code, any_value(cameo_root) AS cameo_root,
                mode(cameo) AS cameo, mode(quad_class) AS quad_class,
                min(day) AS first_day, max(day) AS last_day,
                count(*) AS num_mentions, count(DISTINCT content_hash) AS num_articles,
                count(DISTINCT outlet) AS num_sources, avg(goldstein) AS goldstein_mean
            FROM numbered GROUP BY cluster_id;
            INSERT INTO cluster_mentions
            SELECT n.cluster_id, n.content_hash, n.sentence_index, n.event_id, c.num_sources
            FROM numbered n JOIN (SELECT * FROM event_clusters WHERE {scope}) c
                ON c.cluster_id = n.cluster_id;
            DROP TABLE numbered;"
    )
}

/// A document from the first eight columns of a row: doc_id, text, published, url, outlet,
/// title, author, language (as `stale_documents` and `document` select them).
fn document_from(r: &duckdb::Row<'_>) -> duckdb::Result<Document> {
    Ok(Document {
        id: r.get(0)?,
        text: r.get(1)?,
        published: r.get(2)?,
        url: r.get(3)?,
        outlet: r.get(4)?,
        title: r.get(5)?,
        author: r.get(6)?,
        language: r.get(7)?,
    })
}

/// Inserts the events of `documents`.
fn append_events(
    tx: &duckdb::Transaction<'_>,
    documents: &[&StoredDocument],
) -> duckdb::Result<()> {
    let rows = crate::columns::event_rows(documents);
    row_scan::insert(tx, "events", &event_columns(), &rows)
}

/// The clusters as GDELT events: every mention ranked within its cluster (`ranked`), each
/// cluster's first mention where it passes `cond` (`first`), and GLOBALEVENTID numbering all
/// clusters by first day (`numbered`), for the event and the mentions tables alike.
fn gdelt_clusters(cond: &str) -> String {
    format!(
        "WITH ranked AS (
            SELECT m.cluster_id, e.*, row_number() OVER (PARTITION BY m.cluster_id
                ORDER BY e.day, e.content_hash, e.sentence_index) AS rn
            FROM cluster_mentions m JOIN events e ON e.content_hash = m.content_hash
                AND e.sentence_index = m.sentence_index AND e.event_id = m.event_id
        ), first AS (SELECT * FROM ranked WHERE rn = 1 AND {cond}),
        numbered AS (SELECT *, row_number() OVER (ORDER BY first_day, cluster_id) AS global_id
            FROM event_clusters)"
    )
}

/// The GDELT 2.0 event table's 61 columns, one row per cluster.
fn gdelt_select(cond: &str) -> String {
    let empty = |n: usize| vec!["NULL"; n].join(", ");
    format!(
        "{clusters}
        SELECT c.global_id,
            strftime(c.first_day, '%Y%m%d'), strftime(c.first_day, '%Y%m'), year(c.first_day),
            round(year(c.first_day) + (month(c.first_day) * 30 + day(c.first_day)) / 365.0, 4),
            f.source_code, upper(f.source_name), f.source_country, {e4}, f.source_sector, {e2},
            f.target_code, upper(f.target_name), f.target_country, {e4}, f.target_sector, {e2},
            CASE WHEN f.sentence_index = 0 THEN 1 ELSE 0 END,
            c.cameo, left(c.cameo, 3), c.cameo_root, c.quad_class, round(c.goldstein_mean, 1),
            c.num_mentions, c.num_sources, c.num_articles, NULL,
            {e8}, {e8},
            CASE WHEN f.location_name IS NULL THEN NULL ELSE 1 END, upper(f.location_name),
            {e3}, f.lat, f.lon, NULL,
            strftime(d.ingested_at, '%Y%m%d%H%M%S'), coalesce(d.url, d.doc_id)
        FROM numbered c JOIN first f ON f.cluster_id = c.cluster_id
            JOIN documents d ON d.content_hash = f.content_hash
        ORDER BY 1",
        clusters = gdelt_clusters(cond),
        e2 = empty(2),
        e3 = empty(3),
        e4 = empty(4),
        e8 = empty(8),
    )
}

/// The GDELT 2.0 Mentions table's 16 columns, one row per mention of each cluster.
fn gdelt_mentions_select(cond: &str) -> String {
    format!(
        "{clusters}
        SELECT c.global_id, strftime(fd.ingested_at, '%Y%m%d%H%M%S'),
            strftime(d.ingested_at, '%Y%m%d%H%M%S'), CASE WHEN d.url IS NULL THEN 2 ELSE 1 END,
            r.outlet, coalesce(d.url, d.doc_id), r.sentence_index + 1, NULL, NULL, NULL, 1,
            CAST(round(r.confidence * 100) AS INTEGER), d.bytes, NULL, NULL, NULL
        FROM numbered c JOIN first f ON f.cluster_id = c.cluster_id
            JOIN documents fd ON fd.content_hash = f.content_hash
            JOIN ranked r ON r.cluster_id = c.cluster_id
            JOIN documents d ON d.content_hash = r.content_hash
        ORDER BY c.global_id, r.rn",
        clusters = gdelt_clusters(cond),
    )
}
