//! `tacitus`: turns news into sourced CAMEO/PLOVER event data.
//!
//! Subcommands: `code` (articles in, events out), `eval` (score against gold, as
//! `shared/tools/score_events.py` does), `bench` (throughput figures), `dict` (check dictionaries),
//! `demo` (code the embedded example corpus).

mod bench;
mod bench_serve;
mod driver;
mod queue;
mod store_cmd;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use driver::RunOptions;
use tacitus_coder::{Coder, CoderOptions};
use tacitus_ingest::{DocumentReader, TxtOptions};
use tacitus_knowledge::Knowledge;
use tacitus_model::CollectSink;
use tacitus_output::{JsonlWriter, TableWriter, TsvWriter};

/// Exit codes of the CLI contract (shared/spec/README.md).
const EXIT_USAGE: u8 = 1;
const EXIT_NO_INPUT: u8 = 2;
const EXIT_SKIPPED: u8 = 3;

/// The project's own example corpus, coded by `tacitus demo`.
const EXAMPLE_CORPUS: &str = include_str!("../examples/news.jsonl");

#[derive(Parser)]
#[command(
    name = "tacitus",
    version,
    about = "Turns news into sourced CAMEO/PLOVER event data"
)]
struct Cli {
    /// Extra dictionary directory (laid out like data/: actors/, verbs/); overrides the built-in ones. Repeatable.
    #[arg(long = "dict", global = true)]
    dicts: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Format {
    /// One JSON event per line (the spec's event contract).
    Jsonl,
    /// A readable table.
    Table,
    /// Tab-separated values with a header.
    Tsv,
}

/// Where documents come from and which are coded: shared by `code` and `ingest`.
#[derive(clap::Args)]
struct InputArgs {
    /// Input files: .txt (one article), .jsonl (spec input documents), directories, - for stdin,
    /// or http(s):// URLs (fetched politely: robots.txt, 1 s between requests to a host).
    paths: Vec<PathBuf>,
    /// Published date (YYYY-MM-DD) of .txt articles; anchors "on Friday", "last month".
    #[arg(long)]
    published: Option<String>,
    /// Outlet of .txt articles.
    #[arg(long)]
    outlet: Option<String>,
    /// Worker threads (default: all cores). Output stays in input order.
    #[arg(long)]
    threads: Option<usize>,
    /// Show a progress bar and a final summary on stderr (default: only on a terminal).
    #[arg(long)]
    progress: bool,
    /// Code documents in any language (the coder reads English; others are skipped by default).
    #[arg(long)]
    all_languages: bool,
    /// Code repeated documents (same text or URL) again instead of once per run.
    #[arg(long)]
    keep_duplicates: bool,
    /// Fetch the article page of each feed item and code its full text (instead of the feed's summary).
    #[arg(long)]
    fetch: bool,
    /// Remember in FILE what fetched feeds yielded, so that a later run with the same FILE codes
    /// only their new items (and asks with a conditional GET). Saved when the run ends.
    #[arg(long, value_name = "FILE")]
    poll_state: Option<PathBuf>,
}

impl InputArgs {
    /// The reader over the inputs (stdin when none are given and stdin is not a terminal).
    fn reader(&self) -> Result<DocumentReader> {
        let paths = if self.paths.is_empty() {
            if io::stdin().is_terminal() {
                anyhow::bail!(
                    "no input: give files, directories or - for stdin (try `tacitus demo`)"
                );
            }
            vec![PathBuf::from("-")]
        } else {
            self.paths.clone()
        };
        let mut reader = DocumentReader::new(
            paths,
            TxtOptions {
                published: self.published.clone(),
                outlet: self.outlet.clone(),
            },
        )
        .fetch_articles(self.fetch);
        if let Some(state) = &self.poll_state {
            reader = reader.with_poll_state(state)?;
        }
        Ok(reader)
    }

    fn run_options(&self) -> RunOptions {
        RunOptions {
            threads: self.threads.unwrap_or_else(default_threads),
            english_only: !self.all_languages,
            dedupe: !self.keep_duplicates,
            progress: self.progress || io::stderr().is_terminal(),
            ..RunOptions::default()
        }
    }
}

#[derive(clap::Args)]
struct CodeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format; default: table on a terminal, JSONL otherwise.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Add token spans and the dictionary line that fired to each event.
    #[arg(long)]
    explain: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events.
    Code(CodeArgs),
    /// Serve the JSON API and the dashboard over a store (http://127.0.0.1:8080 by default).
    Serve(ServeArgs),
    /// Code the embedded example corpus (no input needed) into a temporary store and print an
    /// actor's report; with --events, print the coded events instead.
    Demo {
        /// Print the coded events (as `code` does) instead of the report.
        #[arg(long)]
        events: bool,
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[arg(long)]
        explain: bool,
        /// The report's actor.
        #[arg(long, default_value = "RUS")]
        actor: String,
        /// The report's period starts here; earlier events are the baseline.
        #[arg(long, default_value = "2024-01-01")]
        since: String,
    },
    /// Score the coder (or an events file) against a gold file.
    Eval {
        /// Gold JSONL: documents with events/optional/forbidden lists.
        gold: PathBuf,
        /// Score this events JSONL instead of coding the gold documents.
        #[arg(long)]
        events: Option<PathBuf>,
        /// List misses and false positives, like score_events.py --show.
        #[arg(long)]
        show: bool,
        /// Exit 1 when F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Write the coded events here (JSONL).
        #[arg(long)]
        save: Option<PathBuf>,
    },
    /// Measure throughput (MB/s, sentences/s) and peak memory on a synthetic corpus.
    Bench {
        /// Megabytes of text to code.
        #[arg(long, default_value_t = 50)]
        mb: usize,
        /// Worker threads.
        #[arg(long, default_value_t = 1)]
        threads: usize,
        /// Corpus to repeat (JSONL documents); default: the embedded example corpus.
        #[arg(long)]
        corpus: Option<PathBuf>,
    },
    /// Measure the store: ingest rate of synthetic events and the latency of a dyad series,
    /// top-20 dyads and an event query over them.
    BenchStore {
        /// Events to store (10 per document).
        #[arg(long, default_value_t = 10_000_000)]
        events: usize,
        /// The store file to create (replaced if it exists).
        #[arg(long, default_value = "tacitus-bench.db")]
        db: PathBuf,
    },
    /// Load-test `serve`'s dyad-series endpoint over a store (loopback, bounded in time).
    BenchServe {
        /// The store to serve (e.g. one made by `bench-store`).
        #[arg(long, default_value = "tacitus-bench.db")]
        db: PathBuf,
        /// How long to send requests.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// Concurrent client connections.
        #[arg(long, default_value_t = 8)]
        connections: usize,
    },
    /// Check the dictionaries and print their sizes.
    Dict,
    /// Code inputs (as `code` reads them) into the event store; documents already stored are
    /// not coded again.
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        db: store_cmd::DbArg,
        /// Mentions of one dyad and CAMEO root at most this many days apart are one event.
        #[arg(long, default_value_t = 3)]
        window: u32,
        /// Rebuild the event clusters even when no new document was stored (after changing
        /// `--window`).
        #[arg(long)]
        recluster: bool,
    },
    /// Merge the stored mentions into events again (after queue workers drained a queue, or to
    /// change the window).
    Recluster {
        #[command(flatten)]
        db: store_cmd::DbArg,
        /// Mentions of one dyad and CAMEO root at most this many days apart are one event.
        #[arg(long, default_value_t = 3)]
        window: u32,
    },
    /// Lay the store out for queries by dyad and day (after a back-fill; DuckDB: rewrites the
    /// mentions in that order; PostgreSQL: an index).
    Optimize {
        #[command(flatten)]
        db: store_cmd::DbArg,
    },
    /// Code stored documents again after a dictionary change, replacing their events.
    Recode {
        #[command(flatten)]
        db: store_cmd::DbArg,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Mentions of one dyad and CAMEO root at most this many days apart are one event.
        #[arg(long, default_value_t = 3)]
        window: u32,
    },
    /// A dyad's events per day, week, month or year: counts per QuadClass, Goldstein sum and
    /// mean, distinct sources.
    Dyad(store_cmd::DyadArgs),
    /// The stored events of an actor, dyad or CAMEO root, with their sentences and attributions.
    Events(store_cmd::EventsArgs),
    /// An actor's partners ranked by how far relations moved toward conflict (or cooperation)
    /// since a date, against each pair's own earlier events, with the strongest evidence.
    Report(store_cmd::ReportArgs),
    /// The country dyads with the most events (optionally of one actor, root or period).
    Top(store_cmd::TopArgs),
    /// Write stored events to a file: CSV, JSONL, Parquet, ICEWS, PLOVER or GDELT (events, mentions).
    Export(store_cmd::ExportArgs),
    /// The NATS JetStream work queue of documents that `tacitus worker`s code.
    #[command(subcommand)]
    Queue(QueueCommand),
    /// Pull documents from the work queue, code them, store them and acknowledge them; run one
    /// on each machine (see `queue push`).
    Worker(queue::WorkerArgs),
    /// Run an SQL query over the store (`documents`, `events`, `event_clusters`, `cluster_mentions`).
    Query {
        /// The SQL (DuckDB dialect), e.g. "SELECT cameo_root, count(*) FROM events GROUP BY 1".
        sql: String,
        #[command(flatten)]
        db: store_cmd::DbArg,
        /// Output format; default: table.
        #[arg(long, value_enum, default_value = "table")]
        format: store_cmd::TableFormat,
    },
}

#[derive(Subcommand)]
enum QueueCommand {
    /// Publish documents (read as `code` reads them) to the work queue, one message each; a
    /// document already queued (same content hash, within the stream's duplicate window) is
    /// dropped by the server.
    Push(queue::PushArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<tacitus_output::OutputError>()
                    .is_some_and(|o| o.is_broken_pipe())
                    || c.downcast_ref::<io::Error>()
                        .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("tacitus: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn knowledge(dicts: &[PathBuf]) -> Result<Arc<Knowledge>> {
    let k = if dicts.is_empty() {
        Knowledge::embedded()
    } else {
        Knowledge::with_user_dirs(dicts)
    };
    Ok(Arc::new(k.context("loading dictionaries")?))
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Code(args) => {
            let k = knowledge(&cli.dicts)?;
            let reader = args.input.reader()?;
            let options = args.input.run_options();
            code_to_stdout(k, reader, args.format, args.explain, &options)
        }
        Command::Ingest {
            input,
            db,
            window,
            recluster,
        } => {
            let k = knowledge(&cli.dicts)?;
            let options = input.run_options();
            store_cmd::ingest(k, input.reader()?, options, &db.path, window, recluster)
        }
        Command::Recluster { db, window } => store_cmd::recluster(&db.path, window),
        Command::Optimize { db } => store_cmd::optimize(&db.path),
        Command::Recode {
            db,
            threads,
            window,
        } => {
            let k = knowledge(&cli.dicts)?;
            let threads = threads.unwrap_or_else(default_threads);
            store_cmd::recode(k, &db.path, threads, window)
        }
        Command::Dyad(args) => store_cmd::dyad(&args),
        Command::Events(args) => store_cmd::events(&args),
        Command::Export(args) => store_cmd::export(&args, &cli.dicts),
        Command::Report(args) => store_cmd::report(&args),
        Command::Top(args) => store_cmd::top(&args),
        Command::Query { sql, db, format } => store_cmd::query(&db.path, &sql, format),
        Command::Queue(QueueCommand::Push(args)) => queue::push(&args),
        Command::Worker(args) => {
            let k = knowledge(&cli.dicts)?;
            queue::worker(k, &args)
        }
        Command::Serve(args) => {
            let k = knowledge(&cli.dicts)?;
            serve(&args, k)
        }
        Command::Demo {
            events,
            format,
            explain,
            actor,
            since,
        } => {
            let k = knowledge(&cli.dicts)?;
            let reader = DocumentReader::from_reader(
                "examples/news.jsonl",
                "demo",
                io::Cursor::new(EXAMPLE_CORPUS.as_bytes()),
                TxtOptions::default(),
            );
            if !events {
                return store_cmd::demo(k, reader, &actor, &since);
            }
            code_to_stdout(
                k,
                reader,
                format,
                explain,
                &RunOptions::all(default_threads()),
            )
        }
        Command::Eval {
            gold,
            events,
            show,
            min_f1,
            save,
        } => eval(
            &cli.dicts,
            &gold,
            events.as_deref(),
            show,
            min_f1,
            save.as_deref(),
        ),
        Command::Bench {
            mb,
            threads,
            corpus,
        } => {
            let k = knowledge(&cli.dicts)?;
            bench::run(k, mb, threads, corpus.as_deref())?;
            Ok(0)
        }
        Command::BenchStore { events, db } => {
            bench::store(events, &db)?;
            Ok(0)
        }
        Command::BenchServe {
            db,
            seconds,
            connections,
        } => {
            let k = knowledge(&cli.dicts)?;
            bench_serve::run(k, &db, seconds.max(1), connections.max(1))?;
            Ok(0)
        }
        Command::Dict => {
            let k = knowledge(&cli.dicts)?;
            println!("actor entries: {}", k.actors.len());
            println!("verb patterns: {}", k.verbs.len());
            Ok(0)
        }
    }
}

/// All cores.
#[derive(clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    db: store_cmd::DbArg,
    /// Address to listen on; anything but loopback exposes the API to the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port (0 picks a free one; the address is printed on stderr).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 1 << 20)]
    body_limit: usize,
    /// Longest a request may take, in seconds (slow uploads included).
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Allow the API to be called from pages of this origin (CORS), e.g. https://example.org.
    #[arg(long)]
    cors: Option<String>,
    /// Store connections answering reads in parallel.
    #[arg(long, default_value_t = 4)]
    readers: usize,
}

/// `tacitus serve`: writes are enabled only by a token in `$TACITUS_TOKEN`.
fn serve(args: &ServeArgs, k: Arc<Knowledge>) -> Result<u8> {
    let mut config = tacitus_server::ServerConfig::new(args.db.path.clone());
    config.addr = std::net::SocketAddr::new(args.bind, args.port);
    config.token = std::env::var("TACITUS_TOKEN")
        .ok()
        .filter(|t| !t.is_empty());
    config.body_limit = args.body_limit;
    config.request_timeout = std::time::Duration::from_secs(args.timeout.max(1));
    config.cors_origin = args.cors.clone();
    config.readers = args.readers.max(1);
    let writes = config.token.is_some();
    tacitus_server::run(&config, k, |addr| {
        eprintln!("tacitus: serving http://{addr}");
        eprintln!(
            "tacitus: {} ({})",
            config.db.display(),
            if writes {
                "writes with the bearer token in TACITUS_TOKEN"
            } else {
                "read-only: set TACITUS_TOKEN to allow POST /api/ingest"
            }
        );
    })?;
    Ok(0)
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn code_to_stdout(
    k: Arc<Knowledge>,
    reader: DocumentReader,
    format: Option<Format>,
    explain: bool,
    options: &RunOptions,
) -> Result<u8> {
    let coder = Coder::new(k, CoderOptions { explain });
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let format = format.unwrap_or(if terminal {
        Format::Table
    } else {
        Format::Jsonl
    });
    let out = io::BufWriter::new(stdout.lock());
    let summary = match format {
        Format::Jsonl => driver::run(&coder, reader, options, &mut JsonlWriter::new(out))?,
        Format::Tsv => driver::run(&coder, reader, options, &mut TsvWriter::new(out))?,
        Format::Table => {
            let width = terminal_width();
            driver::run(&coder, reader, options, &mut TableWriter::new(out, width))?
        }
    };
    if options.progress {
        eprintln!("tacitus: {}", summary.describe());
    }
    io::stderr().flush().ok();
    Ok(summary.exit_code())
}

pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(120)
}

fn eval(
    dicts: &[PathBuf],
    gold_path: &Path,
    events: Option<&Path>,
    show: bool,
    min_f1: Option<f64>,
    save: Option<&Path>,
) -> Result<u8> {
    let open = |p: &Path| -> Result<io::BufReader<std::fs::File>> {
        Ok(io::BufReader::new(
            std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?,
        ))
    };
    let gold = tacitus_eval::read_gold(open(gold_path)?, &gold_path.display().to_string())?;
    let scored: Vec<tacitus_eval::ScoredEvent> = match events {
        Some(p) => tacitus_eval::read_events(open(p)?, &p.display().to_string())?,
        None => {
            // A gold file is also an input file: its lines are spec input documents.
            let coder = Coder::new(knowledge(dicts)?, CoderOptions::default());
            let reader = DocumentReader::new([gold_path.to_path_buf()], TxtOptions::default());
            let mut sink = CollectSink::default();
            driver::run(
                &coder,
                reader,
                &RunOptions::all(default_threads()),
                &mut sink,
            )?;
            if let Some(p) = save {
                let f = std::fs::File::create(p)
                    .with_context(|| format!("creating {}", p.display()))?;
                let mut w = JsonlWriter::new(io::BufWriter::new(f));
                for e in &sink.events {
                    tacitus_model::Sink::event(&mut w, e)?;
                }
                tacitus_model::Sink::finish(&mut w)?;
            }
            sink.events
                .iter()
                .map(tacitus_eval::ScoredEvent::from)
                .collect()
        }
    };
    let report = tacitus_eval::score(&gold, &scored);
    let mut out = io::stdout().lock();
    if show {
        for line in &report.details {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out, "{report}")?;
    writeln!(out, "{}", report.per_root_table())?;
    Ok(match min_f1 {
        Some(m) if report.f1 < m => EXIT_USAGE,
        _ => 0,
    })
}
