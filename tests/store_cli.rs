//! The store commands as a user meets them: `ingest` twice stores nothing new, a `kill -9`
//! mid-ingest loses nothing once the command is run again, and `dyad`, `events` and `query`
//! read the store back.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn tacitus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .output()
        .expect("tacitus runs")
}

/// Runs tacitus and insists that it succeeds.
fn tacitus_ok(args: &[&str]) -> Output {
    let out = tacitus(args);
    assert!(
        out.status.success(),
        "tacitus {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tacitus-store-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::remove_file(&p).ok();
    std::fs::remove_file(p.with_extension("db.wal")).ok();
    p
}

/// The number of columns GDELT's event schema lists, when ../shared is there.
fn shared_gdelt_schema() -> Option<usize> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/peers/gdelt/schema/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv");
    let text = std::fs::read_to_string(path).ok()?;
    // One line per column after the header; descriptions may hold quoted line breaks.
    Some(
        text.lines()
            .skip(1)
            .filter(|l| {
                l.split(',')
                    .nth(2)
                    .is_some_and(|c| c == "NULLABLE" || c == "REQUIRED")
            })
            .count(),
    )
}

fn example_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/news.jsonl")
}

/// `documents` and `events` counts, read with `tacitus query`.
fn counts(db: &Path) -> (u64, u64) {
    let out = tacitus_ok(&[
        "query",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
        "SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM events) AS e",
    ]);
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (row["d"].as_u64().unwrap(), row["e"].as_u64().unwrap())
}

#[test]
fn ingest_twice_stores_nothing_new_and_the_store_reads_back() {
    let db = scratch("twice.db");
    let dbs = db.to_str().unwrap();
    let corpus = example_corpus();
    tacitus_ok(&["ingest", "--db", dbs, corpus.to_str().unwrap()]);
    let stored = counts(&db);
    assert_eq!(stored.0, 10);
    assert!(stored.1 > 10, "{stored:?}");

    let second = tacitus(&[
        "ingest",
        "--db",
        dbs,
        "--progress",
        corpus.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("10 already in the store"), "{stderr}");
    assert_eq!(counts(&db), stored);

    let series = tacitus(&[
        "dyad", "KAZ", "RUS", "--by", "month", "--db", dbs, "--format", "csv",
    ]);
    let csv = String::from_utf8_lossy(&series.stdout);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("period,events,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_sum,goldstein_mean,sources,plover")
    );
    assert!(lines.any(|l| l.starts_with("2024-03,")), "{csv}");

    let events = tacitus(&[
        "events", "--db", dbs, "--source", "KAZ", "--root", "12", "--format", "jsonl",
    ]);
    let text = String::from_utf8_lossy(&events.stdout);
    assert!(!text.is_empty());
    for line in text.lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(e["source"]["country"], "KAZ");
        assert_eq!(e["cameo_root"], "12");
        assert!(e["sentence"].as_str().is_some_and(|s| !s.is_empty()));
    }

    // Exports read back by DuckDB's own CSV, JSON and Parquet readers: same rows, same columns.
    for (format, reader) in [
        ("csv", "read_csv"),
        ("jsonl", "read_json"),
        ("parquet", "read_parquet"),
    ] {
        let file = scratch(&format!("events.{format}"));
        tacitus_ok(&[
            "export",
            "--db",
            dbs,
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ]);
        let check = tacitus(&[
            "query",
            "--db",
            dbs,
            "--format",
            "json",
            &format!(
                "SELECT count(*) AS n, count(DISTINCT event_id) AS ids, \
                 (SELECT count(*) FROM (DESCRIBE SELECT * FROM {reader}('{}'))) AS columns \
                 FROM {reader}('{}')",
                file.display(),
                file.display()
            ),
        ]);
        let row: serde_json::Value = serde_json::from_slice(&check.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&check.stderr)));
        assert_eq!(row["n"].as_u64(), Some(stored.1), "{format}");
        assert_eq!(row["ids"].as_u64(), Some(stored.1), "{format}");
        assert_eq!(row["columns"].as_u64(), Some(37), "{format}");
    }

    // PLOVER: the manual's field names, one record per mention with a PLOVER type.
    let plover = scratch("events.plover.jsonl");
    tacitus_ok(&[
        "export",
        "--db",
        dbs,
        "--format",
        "plover",
        "-o",
        plover.to_str().unwrap(),
        "--source",
        "KAZ",
    ]);
    let text = std::fs::read_to_string(&plover).unwrap();
    assert!(text.lines().count() >= 1);
    for line in text.lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in [
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "mode",
            "context",
            "quad_code",
            "event_text",
            "cite_info",
            "coder",
        ] {
            assert!(r.get(field).is_some(), "{field} missing: {line}");
        }
        assert_eq!(r["actor"][0]["country"], "KAZ");
        assert_eq!(r["event"].as_array().map(Vec::len), Some(1));
    }

    // ICEWS: the header of ICEWS's own event files, 20 columns on every row.
    let icews = scratch("events.icews.tsv");
    tacitus_ok(&[
        "export",
        "--db",
        dbs,
        "--format",
        "icews",
        "-o",
        icews.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&icews).unwrap();
    let header = text.lines().next().unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peers/icews/events.2018.sample.tab");
    match std::fs::read_to_string(sample) {
        Ok(sample) => assert_eq!(Some(header), sample.lines().next()),
        Err(_) => println!("skipping the ICEWS header comparison: ../shared not found"),
    }
    assert_eq!(text.lines().count() as u64, stored.1 + 1);
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 20, "{line}");
    }

    // GDELT 2.0: as many tab-separated columns as GDELT's schema lists (61), one row per event.
    let gdelt = scratch("events.gdelt.tsv");
    tacitus_ok(&[
        "export",
        "--db",
        dbs,
        "--format",
        "gdelt",
        "-o",
        gdelt.to_str().unwrap(),
    ]);
    let columns = match shared_gdelt_schema() {
        Some(n) => n,
        None => {
            println!("skipping the schema comparison: ../shared not found; checking 61");
            61
        }
    };
    let text = std::fs::read_to_string(&gdelt).unwrap();
    let clusters = tacitus(&[
        "query",
        "--db",
        dbs,
        "--format",
        "csv",
        "SELECT count(*) FROM event_clusters",
    ]);
    let clusters: usize = String::from_utf8_lossy(&clusters.stdout)
        .lines()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(text.lines().count(), clusters);
    for (i, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), columns, "{line}");
        assert_eq!(fields[0], (i + 1).to_string(), "GLOBALEVENTID");
        assert!(
            fields[1].len() == 8 && fields[1].bytes().all(|b| b.is_ascii_digit()),
            "SQLDATE {line}"
        );
        assert!(
            fields[31].parse::<u64>().unwrap() >= 1,
            "NumMentions {line}"
        );
    }

    let bad = tacitus(&["query", "--db", dbs, "SELECT nope FROM events"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nope"));
}

/// A corpus big enough to take a few seconds: the example articles, each made distinct.
fn big_corpus(path: &Path, copies: usize) {
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(example_corpus())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..copies {
        for doc in &lines {
            let mut doc = doc.clone();
            doc["id"] = format!("{}-{i}", doc["id"].as_str().unwrap()).into();
            doc["text"] = format!("{} (Report {i}.)", doc["text"].as_str().unwrap()).into();
            writeln!(out, "{doc}").unwrap();
        }
    }
}

#[test]
fn kill_9_mid_ingest_then_rerun_ends_with_the_counts_of_an_uninterrupted_run() {
    let corpus = scratch("big.jsonl");
    big_corpus(&corpus, 2_000);
    let corpus = corpus.to_str().unwrap();

    let whole = scratch("whole.db");
    tacitus_ok(&[
        "ingest",
        "--threads",
        "2",
        "--db",
        whole.to_str().unwrap(),
        corpus,
    ]);
    let expected = counts(&whole);
    assert_eq!(expected.0, 20_000);

    let killed = scratch("killed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args([
            "ingest",
            "--threads",
            "2",
            "--db",
            killed.to_str().unwrap(),
            corpus,
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(900));
    let finished_before_kill = child.try_wait().unwrap().is_some();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let partial = counts(&killed);
    println!("after kill -9: {partial:?} of {expected:?}");
    if !finished_before_kill {
        assert!(partial.0 < expected.0, "killed mid-ingest: {partial:?}");
    }

    tacitus_ok(&[
        "ingest",
        "--threads",
        "2",
        "--db",
        killed.to_str().unwrap(),
        corpus,
    ]);
    assert_eq!(counts(&killed), expected);
}
