//! A Parquet "lake": the events of any [`Store`] written as hive-partitioned Parquet files
//! (`year=2024/month=3/data_0.parquet`), which Spark, Trino, DuckDB, ClickHouse, pandas and
//! pyarrow read as one table, partition columns included.
//!
//! The store exports its events as CSV (every backend can), a scratch in-memory DuckDB loads
//! them into the `events` table of the store's own schema (so every column gets its type back),
//! and DuckDB writes the partitioned files. Undated events go to `year=NULL` (readers see a
//! null year).

use std::path::Path;

use duckdb::Connection;

use crate::{EventFilter, ExportFormat, Store, StoreError};

/// The date levels of the directory tree.
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
    let scratch = std::env::temp_dir().join(format!(
        "tacitus-lake-{}-{}.csv",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let result = write_lake(store, filter, by, dir, &scratch);
    std::fs::remove_file(&scratch).ok();
    result
}

fn write_lake(
    store: &mut dyn Store,
    filter: &EventFilter,
    by: LakePartition,
    dir: &Path,
    scratch: &Path,
) -> Result<u64, StoreError> {
    let utf8 = |p: &Path| {
        p.to_str()
            .map(|s| s.replace('\'', "''"))
            .ok_or_else(|| StoreError::Invalid(format!("{}: the path is not UTF-8", p.display())))
    };
    let (csv, target) = (utf8(scratch)?, utf8(dir)?);
    store.export(filter, ExportFormat::Csv, scratch)?;
    let err = |e: duckdb::Error| StoreError::Database {
        path: dir.display().to_string(),
        reason: e.to_string(),
    };
    let db = Connection::open_in_memory().map_err(err)?;
    db.execute_batch(crate::duck::SCHEMA).map_err(err)?;
    db.execute_batch(&format!(
        "INSERT INTO events SELECT * FROM read_csv('{csv}', header = true, all_varchar = true)"
    ))
    .map_err(err)?;
    let columns = by.columns();
    let computed: Vec<String> = columns.iter().map(|(n, e)| format!("{e} AS {n}")).collect();
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    std::fs::create_dir_all(dir)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", dir.display())))?;
    let rows = db
        .execute(
            &format!(
                "COPY (SELECT *, {} FROM events ORDER BY day NULLS LAST, doc_id, sentence_index) \
                 TO '{target}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ({}), \
                 OVERWRITE_OR_IGNORE true)",
                computed.join(", "),
                names.join(", ")
            ),
            [],
        )
        .map_err(err)?;
    Ok(rows as u64)
}
