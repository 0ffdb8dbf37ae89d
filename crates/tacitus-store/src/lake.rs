//! Parquet from any [`Store`]: one file, or a "lake" of hive-partitioned files
//! (`year=2024/month=3/data_0.parquet`) that Spark, Trino, DuckDB, ClickHouse, pandas and pyarrow
//! read as one table, partition columns included.
//!
//! The store exports its events as CSV (every backend can); DuckDB reads that file back with the
//! `events` columns' own types (taken from the store's schema in a scratch in-memory database)
//! and writes Parquet, streaming: nothing is held in memory. Undated events of a lake go to
//! `year=NULL` (readers see a null year).

use std::path::Path;

use duckdb::Connection;

use crate::{EventFilter, ExportFormat, Store, StoreError};

/// The date levels of a lake's directory tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LakePartition {
    Year,
    Month,
    Day,
}

impl LakePartition {
    /// The partition columns, computed from the event's day.
    fn columns(self) -> &'static [(&'static str, &'static str)] {
        match self {
            LakePartition::Year => &[("year", "year(day)")],
            LakePartition::Month => &[("year", "year(day)"), ("month", "month(day)")],
            LakePartition::Day => &[
                ("year", "year(day)"),
                ("month", "month(day)"),
                ("day_of_month", "dayofmonth(day)"),
            ],
        }
    }
}

/// Writes the events of `filter` under `dir` (created; files already there are overwritten),
/// partitioned by `by`; returns how many events.
pub fn export_lake(
    store: &mut dyn Store,
    filter: &EventFilter,
    by: LakePartition,
    dir: &Path,
) -> Result<u64, StoreError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", dir.display())))?;
    parquet_via_csv(store, filter, dir, Some(by))
}

/// The events of `filter` as Parquet at `target`: one file, or a lake partitioned by `by`.
pub(crate) fn parquet_via_csv(
    store: &mut dyn Store,
    filter: &EventFilter,
    target: &Path,
    by: Option<LakePartition>,
) -> Result<u64, StoreError> {
    let scratch = std::env::temp_dir().join(format!(
        "tacitus-parquet-{}-{}.csv",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let result = store
        .export(filter, ExportFormat::Csv, &scratch)
        .and_then(|_| parquet_from_csv(&scratch, target, by));
    std::fs::remove_file(&scratch).ok();
    result
}

/// Rewrites an events CSV export (header, the `events` columns in order) as Parquet.
fn parquet_from_csv(
    csv: &Path,
    target: &Path,
    by: Option<LakePartition>,
) -> Result<u64, StoreError> {
    let quoted = |p: &Path| {
        p.to_str()
            .map(|s| format!("'{}'", s.replace('\'', "''")))
            .ok_or_else(|| StoreError::Invalid(format!("{}: the path is not UTF-8", p.display())))
    };
    let err = |e: duckdb::Error| StoreError::Database {
        path: target.display().to_string(),
        reason: e.to_string(),
    };
    let db = Connection::open_in_memory().map_err(err)?;
    db.execute_batch(crate::duck::SCHEMA).map_err(err)?;
    let mut stmt = db
        .prepare(
            "SELECT column_name, data_type FROM information_schema.columns \
             WHERE table_name = 'events' ORDER BY ordinal_position",
        )
        .map_err(err)?;
    let types: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "'{}': '{}'",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)?;
    let (computed, options) = match by {
        Some(by) => {
            let columns = by.columns();
            let computed: Vec<String> = columns
                .iter()
                .map(|(name, expr)| format!(", {expr} AS {name}"))
                .collect();
            let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
            (
                computed.concat(),
                format!(
                    ", PARTITION_BY ({}), OVERWRITE_OR_IGNORE true",
                    names.join(", ")
                ),
            )
        }
        None => (String::new(), String::new()),
    };
    // Rows in file order, as the CSV has them (day, document, sentence).
    db.execute_batch("SET preserve_insertion_order = true")
        .map_err(err)?;
    let rows = db
        .execute(
            &format!(
                "COPY (SELECT *{computed} FROM read_csv({csv}, header = true, delim = ',', \
                 quote = '\"', escape = '\"', columns = {{{types}}})) \
                 TO {target} (FORMAT parquet, COMPRESSION zstd{options})",
                csv = quoted(csv)?,
                types = types.join(", "),
                target = quoted(target)?,
            ),
            [],
        )
        .map_err(err)?;
    Ok(rows as u64)
}
