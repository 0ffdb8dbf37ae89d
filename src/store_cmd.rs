//! The commands over the event store: `ingest` (code into it), `dyad` (series), `events`
//! (evidence) and `query` (SQL).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::ValueEnum;
use serde_json::Value;
use tacitus_coder::{Coder, CoderOptions};
use tacitus_ingest::DocumentReader;
use tacitus_knowledge::Knowledge;
use tacitus_model::Sink;
use tacitus_output::{JsonlWriter, TableWriter, TsvWriter};
use tacitus_store::{
    CodeNames, EventFilter, ExportFormat, LakePartition, Period, Store, StoreSink, Table,
};

use crate::driver::{self, RunOptions};
use crate::{terminal_width, Format};

/// The store to use.
#[derive(clap::Args)]
pub struct DbArg {
    /// The store: a DuckDB file (created when missing) or a PostgreSQL URL
    /// (postgres://user@host/database, shared by several machines).
    #[arg(long = "db", env = "TACITUS_DB", default_value = "tacitus.db")]
    pub path: PathBuf,
}

/// How tables of figures are printed.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    /// Aligned columns.
    Table,
    /// One JSON object per row, one per line.
    Json,
    /// Comma-separated values with a header.
    Csv,
}

/// Bucket size of a series.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
    Year,
}

/// The period of the events asked for.
#[derive(clap::Args)]
pub struct DateArgs {
    /// Events from (inclusive): YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long)]
    since: Option<String>,
    /// Events until (exclusive): YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long)]
    until: Option<String>,
}

#[derive(clap::Args)]
pub struct DyadArgs {
    /// Source actor: a country code (KAZ) or the start of a full code (KAZGOV).
    source: String,
    /// Target actor, like the source.
    target: String,
    /// Bucket size.
    #[arg(long, value_enum, default_value = "month")]
    by: PeriodArg,
    #[command(flatten)]
    dates: DateArgs,
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,
}

/// Which events: actors, CAMEO root and dates.
#[derive(clap::Args)]
pub struct SelectArgs {
    /// Source actor: a country code (KAZ) or the start of a full code (KAZGOV).
    #[arg(long)]
    source: Option<String>,
    /// Target actor, like the source.
    #[arg(long)]
    target: Option<String>,
    /// An actor on either side (its events with anyone).
    #[arg(long)]
    actor: Option<String>,
    /// CAMEO root (01–20).
    #[arg(long)]
    root: Option<String>,
    #[command(flatten)]
    dates: DateArgs,
}

impl SelectArgs {
    fn filter(&self) -> EventFilter {
        EventFilter {
            source: self.source.clone(),
            target: self.target.clone(),
            actor: self.actor.clone(),
            root: self.root.clone(),
            since: self.dates.since.clone(),
            until: self.dates.until.clone(),
            document: None,
        }
    }
}

#[derive(clap::Args)]
pub struct EventsArgs {
    #[command(flatten)]
    select: SelectArgs,
    /// At most this many events, newest first.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[command(flatten)]
    db: DbArg,
    /// Output format; default: table on a terminal, JSONL otherwise.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Add each event's explanation (the spans and the dictionary line that fired).
    #[arg(long)]
    explain: bool,
}

#[derive(clap::Args)]
pub struct TopArgs {
    #[command(flatten)]
    select: SelectArgs,
    /// How many dyads.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// The actor: a country code (RUS) or the start of a full code (RUSGOV).
    #[arg(long)]
    actor: String,
    /// Start of the period (YYYY-MM-DD, YYYY-MM or YYYY); earlier events are the baseline.
    #[arg(long)]
    since: String,
    /// End of the period (exclusive); default: no end.
    #[arg(long)]
    until: Option<String>,
    /// Leave out partners with fewer events than this in the period.
    #[arg(long, default_value_t = 2)]
    min_events: u64,
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormatArg {
    Csv,
    Jsonl,
    Parquet,
    /// ICEWS event table (20 tab-separated columns with header), one row per event mention.
    Icews,
    /// PLOVER JSONL (the manual's field names), one record per event mention.
    Plover,
    /// GDELT 2.0 event table (61 tab-separated columns, one row per event cluster).
    Gdelt,
    /// GDELT 2.0 Mentions table (16 tab-separated columns, one row per mention of an event).
    GdeltMentions,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// File format.
    #[arg(long, value_enum)]
    format: ExportFormatArg,
    /// The file to write (replaced if it exists); with --partition-by, the lake's directory.
    #[arg(short, long)]
    output: PathBuf,
    /// Parquet only: write a hive-partitioned lake (year=2024/month=3/...) for Spark, Trino,
    /// DuckDB, ClickHouse.
    #[arg(long, value_enum)]
    partition_by: Option<PartitionArg>,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    db: DbArg,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PartitionArg {
    Year,
    Month,
    Day,
}

/// A store connection, whichever backend `path` names.
type StoreBox = Box<dyn Store + Send>;

fn open(path: &Path) -> Result<StoreBox> {
    Ok(tacitus_store::open_store(&path.to_string_lossy())?)
}

/// The store keeps each event's explanation, for `events --explain` and the dashboard.
fn stored_coder_options() -> CoderOptions {
    CoderOptions { explain: true }
}

/// Codes what `reader` yields into `store`, each event marked with the dictionaries' version;
/// also returns the content hashes of the documents written.
fn code_into(
    store: &mut dyn Store,
    k: Arc<Knowledge>,
    reader: DocumentReader,
    options: &RunOptions,
) -> Result<(driver::Summary, Vec<u64>)> {
    let version = k.version.clone();
    let coder = Coder::new(k, stored_coder_options());
    let mut sink = StoreSink::new(store, version);
    let summary = driver::run(&coder, reader, options, &mut sink)?;
    Ok((summary, sink.written().to_vec()))
}

/// `tacitus ingest`: codes what is not stored yet and stores it, batch by batch, then merges
/// the mentions into event clusters.
pub fn ingest(
    k: Arc<Knowledge>,
    reader: DocumentReader,
    mut options: RunOptions,
    db: &Path,
    window_days: u32,
    recluster: bool,
) -> Result<u8> {
    let mut store = open(db)?;
    options.stored = Arc::new(store.document_hashes()?);
    let progress = options.progress;
    let (summary, written) = code_into(store.as_mut(), k, reader, &options)?;
    // Only the dyads of new documents are clustered again; `--recluster` (after a change of
    // window) rebuilds all.
    let clusters = if recluster {
        store.rebuild_clusters(window_days)?
    } else if !written.is_empty() {
        store.update_clusters(window_days, &written)?
    } else {
        store.query("SELECT count(*) FROM event_clusters")?.rows[0][0]
            .as_u64()
            .unwrap_or(0)
    };
    let (documents, events) = store.counts()?;
    if progress || io::stderr().is_terminal() {
        eprintln!("tacitus: {}", summary.describe());
    }
    eprintln!(
        "tacitus: {} now holds {documents} documents, {events} event mentions, {clusters} events",
        db.display()
    );
    Ok(summary.exit_code())
}

/// `tacitus recluster`: rebuilds the event clusters from every stored mention.
pub fn recluster(db: &Path, window_days: u32) -> Result<u8> {
    let mut store = open(db)?;
    let clusters = store.rebuild_clusters(window_days)?;
    let (documents, events) = store.counts()?;
    eprintln!(
        "tacitus: {} holds {documents} documents, {events} event mentions, {clusters} events \
         ({window_days}-day window)",
        db.display()
    );
    Ok(0)
}

/// `tacitus optimize`: lays the store out for dyad queries.
pub fn optimize(db: &Path) -> Result<u8> {
    let started = std::time::Instant::now();
    open(db)?.optimize()?;
    eprintln!(
        "tacitus: {} laid out by dyad and day in {:.1} s",
        db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}

/// `tacitus recode`: codes again, with the current dictionaries, every stored document that
/// older dictionaries coded, replacing its events atomically, then rebuilds the clusters.
pub fn recode(k: Arc<Knowledge>, db: &Path, threads: usize, window_days: u32) -> Result<u8> {
    /// Documents read from the store at a time (their texts are held in memory).
    const PAGE: usize = 2048;
    let mut store = open(db)?;
    let version = k.version.clone();
    let without_text = store.stale_without_text(&version)?;
    let coder = Coder::new(k, stored_coder_options());
    let options = RunOptions::all(threads);
    let (mut documents, mut events, mut after) = (0u64, 0u64, 0u64);
    let mut recoded = Vec::new();
    loop {
        let page = store.stale_documents(&version, after, PAGE)?;
        let Some(last) = page.last() else { break };
        after = last.content_hash();
        let mut sink = StoreSink::recoding(store.as_mut(), version.clone());
        let summary = driver::run_documents(&coder, page.into_iter().map(Ok), &options, &mut sink)?;
        recoded.extend_from_slice(sink.written());
        documents += summary.documents;
        events += summary.events;
    }
    if !recoded.is_empty() {
        store.update_clusters(window_days, &recoded)?;
    }
    eprintln!(
        "tacitus: re-coded {documents} documents with dictionaries {version}: {events} event mentions"
    );
    if without_text > 0 {
        eprintln!(
            "tacitus: {without_text} documents coded with other dictionaries have no stored text \
             (stored before tacitus kept it): ingest their sources again to re-code them"
        );
    }
    Ok(0)
}

fn period(p: PeriodArg) -> Period {
    match p {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    }
}

/// `tacitus dyad`: the series as a table, JSON lines or CSV.
pub fn dyad(args: &DyadArgs) -> Result<u8> {
    let mut store = open(&args.db.path)?;
    let filter = EventFilter {
        source: Some(args.source.clone()),
        target: Some(args.target.clone()),
        since: args.dates.since.clone(),
        until: args.dates.until.clone(),
        ..EventFilter::default()
    };
    let points = store.dyad_series(&filter, period(args.by))?;
    let columns = [
        "period",
        "events",
        "verbal_coop",
        "material_coop",
        "verbal_conflict",
        "material_conflict",
        "goldstein_sum",
        "goldstein_mean",
        "sources",
        "plover",
    ];
    let rows = points
        .iter()
        .map(|p| {
            vec![
                Value::from(p.period.clone()),
                p.events.into(),
                p.quad[0].into(),
                p.quad[1].into(),
                p.quad[2].into(),
                p.quad[3].into(),
                round2(p.goldstein_sum),
                round2(p.goldstein_mean),
                p.sources.into(),
                p.plover
                    .iter()
                    .map(|(t, n)| format!("{t}:{n}"))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .into(),
            ]
        })
        .collect();
    let table = Table {
        columns: columns.map(String::from).to_vec(),
        rows,
    };
    print_table(&table, args.format)?;
    Ok(0)
}

fn round2(x: f64) -> Value {
    ((x * 100.0).round() / 100.0).into()
}

/// `tacitus events`: stored events through the same writers as `tacitus code`.
pub fn events(args: &EventsArgs) -> Result<u8> {
    let mut store = open(&args.db.path)?;
    let events: Vec<tacitus_model::Event> = store
        .events(&args.select.filter(), None, args.limit)?
        .events
        .into_iter()
        .map(|stored| tacitus_model::Event {
            explain: stored.event.explain.filter(|_| args.explain),
            ..stored.event
        })
        .collect();
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let out = io::BufWriter::new(stdout.lock());
    let format = args.format.unwrap_or(if terminal {
        Format::Table
    } else {
        Format::Jsonl
    });
    /// Each run of events of one document is delivered as that document's.
    fn write_all<S: Sink>(sink: &mut S, events: &[tacitus_model::Event]) -> Result<(), S::Error> {
        for group in events.chunk_by(|a, b| a.doc_id == b.doc_id) {
            let document = tacitus_model::Document {
                id: group[0].doc_id.clone(),
                ..tacitus_model::Document::default()
            };
            sink.begin_document(&document)?;
            for e in group {
                sink.event(e)?;
            }
            sink.end_document(tacitus_model::DocumentSummary {
                doc_id: &document.id,
                sentences: 0,
                events: group.len(),
            })?;
        }
        sink.finish()
    }
    match format {
        Format::Jsonl => write_all(&mut JsonlWriter::new(out), &events)?,
        Format::Tsv => write_all(&mut TsvWriter::new(out), &events)?,
        Format::Table => write_all(&mut TableWriter::new(out, terminal_width()), &events)?,
    }
    Ok(0)
}

/// `tacitus top`: the busiest country dyads.
pub fn top(args: &TopArgs) -> Result<u8> {
    let mut store = open(&args.db.path)?;
    let table = store.top_dyads(&args.select.filter(), args.limit)?;
    print_table(&table, args.format)?;
    Ok(0)
}

/// `tacitus report`: partners ranked by shift, each with its evidence.
pub fn report(args: &ReportArgs) -> Result<u8> {
    let mut store = open(&args.db.path)?;
    let partners = store.report(
        &args.actor,
        &args.since,
        args.until.as_deref(),
        args.min_events,
    )?;
    print_report(&partners, args.format)
}

/// `tacitus demo`: the example corpus coded into a temporary store, and `actor`'s report since
/// `since` (every partner with at least one event).
pub fn demo(k: Arc<Knowledge>, reader: DocumentReader, actor: &str, since: &str) -> Result<u8> {
    let db = std::env::temp_dir().join(format!("tacitus-demo-{}.db", std::process::id()));
    let remove = |db: &Path| {
        std::fs::remove_file(db).ok();
        std::fs::remove_file(db.with_extension("db.wal")).ok();
    };
    remove(&db);
    let result = (|| -> Result<u8> {
        let mut store = open(&db)?;
        let (summary, _) = code_into(store.as_mut(), k, reader, &RunOptions::all(1))?;
        store.rebuild_clusters(3)?;
        println!(
            "{} example articles coded into a temporary store: {} events. {actor}'s partners \
             since {since}, most turned toward conflict first:\n",
            summary.documents, summary.events
        );
        let partners = store.report(actor, since, None, 1)?;
        print_report(&partners, TableFormat::Table)
    })();
    remove(&db);
    result
}

fn print_report(partners: &[tacitus_store::PartnerShift], format: TableFormat) -> Result<u8> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        TableFormat::Json => {
            for p in partners {
                writeln!(out, "{}", serde_json::to_string(p)?)?;
            }
        }
        TableFormat::Csv | TableFormat::Table => {
            let table = Table {
                columns: [
                    "rank",
                    "partner",
                    "events",
                    "goldstein_mean",
                    "conflict_share",
                    "baseline_events",
                    "baseline_goldstein_mean",
                    "shift",
                ]
                .map(String::from)
                .to_vec(),
                rows: partners
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        vec![
                            (i + 1).into(),
                            p.partner.clone().into(),
                            p.events.into(),
                            round2(p.goldstein_mean),
                            round2(p.conflict_share),
                            p.baseline_events.into(),
                            p.baseline_goldstein_mean.map_or(Value::Null, round2),
                            round2(p.shift),
                        ]
                    })
                    .collect(),
            };
            drop(out);
            print_table(&table, format)?;
            if format == TableFormat::Table {
                let mut out = io::BufWriter::new(stdout.lock());
                for (i, p) in partners.iter().enumerate() {
                    writeln!(out, "\n{}. {} ({:+.2})", i + 1, p.partner, p.shift)?;
                    for e in &p.evidence {
                        let by = [e.outlet.as_deref(), e.according_to.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join("; ");
                        writeln!(
                            out,
                            "   {} {}→{} {} ({:+.1}) “{}” [{}]",
                            e.date.as_deref().unwrap_or("undated"),
                            e.source,
                            e.target,
                            e.cameo,
                            e.goldstein,
                            e.sentence,
                            by
                        )?;
                    }
                }
                out.flush()?;
            }
            return Ok(0);
        }
    }
    out.flush()?;
    Ok(0)
}

/// `tacitus export`: every column of the events table, oldest first; ICEWS names its codes
/// from the dictionaries (built-in and `dicts`).
pub fn export(args: &ExportArgs, dicts: &[PathBuf]) -> Result<u8> {
    let mut store = open(&args.db.path)?;
    let filter = args.select.filter();
    if let Some(by) = args.partition_by {
        if args.format != ExportFormatArg::Parquet {
            anyhow::bail!("--partition-by writes Parquet: use it with --format parquet");
        }
        let by = match by {
            PartitionArg::Year => LakePartition::Year,
            PartitionArg::Month => LakePartition::Month,
            PartitionArg::Day => LakePartition::Day,
        };
        let n = tacitus_store::export_lake(store.as_mut(), &filter, by, &args.output)?;
        eprintln!(
            "tacitus: {n} events written under {}/",
            args.output.display()
        );
        return Ok(0);
    }
    let format = match args.format {
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Parquet => ExportFormat::Parquet,
        ExportFormatArg::Icews => {
            let k = crate::knowledge(dicts)?;
            ExportFormat::Icews(CodeNames {
                countries: k.actors.country_names().clone(),
                sectors: k.actors.sector_names().clone(),
            })
        }
        ExportFormatArg::Plover => ExportFormat::Plover,
        ExportFormatArg::Gdelt => ExportFormat::Gdelt,
        ExportFormatArg::GdeltMentions => ExportFormat::GdeltMentions,
    };
    let n = store.export(&filter, format, &args.output)?;
    eprintln!("tacitus: {n} rows written to {}", args.output.display());
    Ok(0)
}

/// `tacitus query`: any SQL, printed as a table, JSON lines or CSV.
pub fn query(db: &Path, sql: &str, format: TableFormat) -> Result<u8> {
    let mut store = open(db)?;
    let table = store.query(sql)?;
    print_table(&table, format)?;
    Ok(0)
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn print_table(table: &Table, format: TableFormat) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        TableFormat::Json => {
            for row in &table.rows {
                let object: serde_json::Map<String, Value> = table
                    .columns
                    .iter()
                    .cloned()
                    .zip(row.iter().cloned())
                    .collect();
                writeln!(out, "{}", Value::Object(object))?;
            }
        }
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(&table.columns)?;
            for row in &table.rows {
                w.write_record(row.iter().map(cell))?;
            }
            w.flush().context("writing CSV")?;
            return Ok(());
        }
        TableFormat::Table => {
            let cells: Vec<Vec<String>> = table
                .rows
                .iter()
                .map(|r| r.iter().map(cell).collect())
                .collect();
            let widths: Vec<usize> = (0..table.columns.len())
                .map(|i| {
                    cells
                        .iter()
                        .map(|r| r[i].chars().count())
                        .chain([table.columns[i].chars().count()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |out: &mut dyn Write, values: &[String]| -> io::Result<()> {
                let padded: Vec<String> = values
                    .iter()
                    .zip(&widths)
                    .map(|(v, w)| format!("{v:<w$}"))
                    .collect();
                writeln!(out, "{}", padded.join("  ").trim_end())
            };
            line(&mut out, &table.columns)?;
            for r in &cells {
                line(&mut out, r)?;
            }
            writeln!(out, "({} rows)", cells.len())?;
        }
    }
    out.flush()?;
    Ok(())
}
