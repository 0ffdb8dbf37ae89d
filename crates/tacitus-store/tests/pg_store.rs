//! The PostgreSQL store against a real server: the same corpus written to a DuckDB file and to
//! PostgreSQL must read back the same through every [`Store`] method, and concurrent writers must
//! store each document once.
//!
//! Set `TACITUS_TEST_PG` to a server's URL (`eval "$(scripts/start-postgres)"` starts one on
//! loopback); without it, or when the server does not answer, the tests print why and pass. Each
//! test works in its own schema, dropped at the end, so the tests run in parallel.

use std::path::PathBuf;
use std::time::{Duration, Instant};

mod common;

use common::{actor, cluster_rows, corpus, ingest};
use postgres::{Client, Config, NoTls};
use tacitus_model::{
    Attribution, AttributionKind, Document, Event, Explain, Location, Plover, Span,
};
use tacitus_store::{
    DuckStore, EventFilter, ExportFormat, Period, PgStore, Store, StoreError, StoreSink,
    StoredDocument,
};

/// A schema of its own on the test server, dropped when the test ends.
struct Scratch {
    admin: Client,
    schema: String,
    url: String,
}

impl Scratch {
    /// `None` (after saying why) when there is no server to test against.
    fn new(name: &str) -> Option<Scratch> {
        let Ok(base) = std::env::var("TACITUS_TEST_PG") else {
            println!(
                "skipping: TACITUS_TEST_PG is not set (scripts/start-postgres starts a server)"
            );
            return None;
        };
        let mut config: Config = match base.parse() {
            Ok(c) => c,
            Err(e) => {
                println!("skipping: TACITUS_TEST_PG is not a PostgreSQL URL: {e}");
                return None;
            }
        };
        config.connect_timeout(Duration::from_secs(5));
        let mut admin = match config.connect(NoTls) {
            Ok(c) => c,
            Err(e) => {
                println!("skipping: no PostgreSQL at TACITUS_TEST_PG: {e}");
                return None;
            }
        };
        let schema = format!("tacitus_test_{}_{name}", std::process::id());
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .unwrap();
        let separator = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{separator}options=-csearch_path%3D{schema}");
        Some(Scratch { admin, schema, url })
    }

    fn store(&self) -> PgStore {
        PgStore::connect(&self.url).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let drop = format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema);
        if let Err(e) = self.admin.batch_execute(&drop) {
            eprintln!("could not drop the test schema {}: {e}", self.schema);
        }
    }
}

/// A DuckDB store in a temporary file, removed when the test ends.
struct DuckFile(PathBuf);

impl DuckFile {
    fn new(name: &str) -> (DuckStore, DuckFile) {
        let path = std::env::temp_dir().join(format!(
            "tacitus-pg-compare-{}-{name}.db",
            std::process::id()
        ));
        std::fs::remove_file(&path).ok();
        (DuckStore::open(&path).unwrap(), DuckFile(path))
    }

    /// A file next to the store's, for exports.
    fn sibling(&self, name: &str) -> PathBuf {
        self.0.with_extension(name)
    }
}

impl Drop for DuckFile {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
        std::fs::remove_file(self.0.with_extension("db.wal")).ok();
    }
}

/// A deterministic pseudo-random number generator (xorshift), so the corpus is the same on
/// every run without a dependency.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.roll(items.len())]
    }
}

/// `documents` documents with varied events: every kind of date and precision (and undated),
/// events without target, place, PLOVER type or attribution, explanations, documents without
/// events or outlet. Goldstein scores and coordinates are multiples of 1/4, so sums and means do
/// not depend on the order in which a database adds them.
fn big_corpus(documents: usize, seed: u64) -> Vec<(Document, Vec<Event>)> {
    const DYADS: [(&str, Option<&str>); 8] = [
        ("KAZGOV", Some("RUSGOV")),
        ("RUSGOV", Some("KAZGOV")),
        ("RUSMIL", Some("UKRMIL")),
        ("UKRGOV", Some("RUSGOV")),
        ("CHNGOV", Some("USAGOV")),
        ("USAGOV", Some("CHNGOV")),
        ("FRAGOV", Some("DEUGOV")),
        ("RUSCVL", None),
    ];
    const CODES: [(&str, u8, f64, Option<&str>); 7] = [
        ("1212", 3, -4.0, Some("REJECT")),
        ("036", 1, 4.0, Some("AGREE")),
        ("040", 1, 1.0, Some("CONSULT")),
        ("190", 4, -10.0, Some("ASSAULT")),
        ("0874", 2, 7.5, None),
        ("112", 3, -2.5, Some("ACCUSE")),
        ("173", 4, -5.0, Some("COERCE")),
    ];
    const OUTLETS: [Option<&str>; 5] = [
        Some("NBC News"),
        Some("Reuters"),
        Some("Bloomberg"),
        Some("The Guardian"),
        None,
    ];
    const PLACES: [(&str, &str, f64, f64); 4] = [
        ("Almaty", "KAZ", 43.25, 76.75),
        ("Kyiv", "UKR", 50.5, 30.5),
        ("Moscow", "RUS", 55.75, 37.5),
        ("Beijing", "CHN", 39.75, 116.5),
    ];
    let mut dice = Dice(seed);
    (0..documents)
        .map(|n| {
            let id = format!("doc{n:04}");
            let outlet = *dice.pick(&OUTLETS);
            let doc = Document {
                id: id.clone(),
                text: format!("Text {n} of seed {seed}."),
                outlet: outlet.map(str::to_string),
                url: (outlet.is_none() || n % 3 == 0)
                    .then(|| format!("https://news{}.example/{id}", n % 4)),
                title: Some(format!("Title {n}")),
                published: Some("2022-03-01".into()),
                ..Document::default()
            };
            let events = (0..dice.roll(7))
                .map(|i| {
                    let (source, target) = *dice.pick(&DYADS);
                    let (cameo, quad, goldstein, plover) = *dice.pick(&CODES);
                    let (date, precision) = match dice.roll(10) {
                        0 => (None, None),
                        1 => (Some(format!("2022-0{}", 1 + dice.roll(9))), Some("month")),
                        2 => (Some(format!("202{}", dice.roll(3))), Some("year")),
                        _ => (
                            Some(format!(
                                "2022-0{}-{:02}",
                                1 + dice.roll(9),
                                1 + dice.roll(28)
                            )),
                            Some("day"),
                        ),
                    };
                    let mut source = actor(source);
                    // One code with two names, the commoner first.
                    if source.code == "RUSGOV" && dice.roll(4) == 0 {
                        source.name = "Kremlin".into();
                    }
                    let place = dice.pick(&PLACES);
                    Event {
                        event_id: format!("{id}-{i}"),
                        doc_id: id.clone(),
                        sentence_index: i,
                        sentence: format!("Sentence {i} of {id}, \"quoted\"\tand\nwrapped."),
                        date,
                        date_precision: precision.map(str::to_string),
                        source,
                        target: target.map(actor),
                        cameo: cameo.into(),
                        cameo_root: cameo[..2].into(),
                        goldstein,
                        quad_class: quad,
                        plover: Plover {
                            event_type: plover.map(str::to_string),
                            mode: (dice.roll(3) == 0).then(|| "verbal".into()),
                            context: match dice.roll(3) {
                                0 => vec![],
                                1 => vec!["military".into()],
                                _ => vec!["military".into(), "diplomatic".into()],
                            },
                        },
                        location: (dice.roll(3) == 0).then(|| Location {
                            name: place.0.into(),
                            country: Some(place.1.into()),
                            lat: Some(place.2),
                            lon: Some(place.3),
                            geonameid: None,
                        }),
                        attribution: (dice.roll(2) == 0).then(|| Attribution {
                            kind: Some(AttributionKind::Media),
                            outlet: Some("NBC News".into()),
                            reporter: (dice.roll(2) == 0).then(|| "Peter Alexander".into()),
                            source_text: None,
                        }),
                        rule: format!("verb:rule{} (verbs/x.txt:{i})", dice.roll(5)),
                        confidence: [0.5, 0.625, 0.75, 0.875][dice.roll(4)],
                        explain: (dice.roll(5) == 0).then(|| Explain {
                            spans: vec![Span {
                                label: "verb".into(),
                                start: 0,
                                end: 8,
                                text: "Sentence".into(),
                            }],
                            pattern: "deny".into(),
                        }),
                    }
                })
                .collect();
            (doc, events)
        })
        .collect()
}

/// The corpus as the sink hands it to [`Store::write`].
fn stored(docs: &[(Document, Vec<Event>)]) -> Vec<StoredDocument> {
    docs.iter()
        .map(|(d, events)| StoredDocument {
            document: d.clone(),
            content_hash: d.content_hash(),
            bytes: d.text.len(),
            dict_version: "dict-1".into(),
            events: events.clone(),
        })
        .collect()
}

/// An export's text without the ingest times (GDELT's 14-digit DATEADDED, PLOVER's
/// coded_date), which differ between two stores written one after the other.
fn exported(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 14 {
            out.push('#');
            rest = &rest[14..];
        } else if let Some(after) = rest.strip_prefix("\"coded_date\":\"") {
            out.push('#');
            rest = &after[10.min(after.len())..];
        } else if digits > 0 {
            out.push_str(&rest[..digits]);
            rest = &rest[digits..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[test]
fn ingest_twice_stores_nothing_new() {
    let Some(db) = Scratch::new("idem") else {
        return;
    };
    let mut s = db.store();
    ingest(&mut s, &corpus());
    assert_eq!(s.counts().unwrap(), (3, 3));
    ingest(&mut s, &corpus());
    assert_eq!(
        s.counts().unwrap(),
        (3, 3),
        "a second ingest stores nothing new"
    );
    let hashes = s.document_hashes().unwrap();
    assert!(hashes.contains(&corpus()[2].0.content_hash()));
    // A batch that repeats a document stores it once.
    let mut fresh = stored(&corpus()[..1]);
    fresh.push(fresh[0].clone());
    for sd in &mut fresh {
        sd.document.text.push_str(" Again.");
        sd.content_hash = sd.document.content_hash();
    }
    s.write(&fresh).unwrap();
    assert_eq!(s.counts().unwrap(), (4, 5));
    drop(s);
    let mut reopened = db.store();
    assert_eq!(reopened.counts().unwrap(), (4, 5), "committed");
    let record = reopened
        .document(corpus()[0].0.content_hash())
        .unwrap()
        .unwrap();
    assert_eq!(record.document, corpus()[0].0);
    assert_eq!((record.events, record.dict_version.as_str()), (2, "dict-1"));
    assert!(record.ingested_at.ends_with('Z'), "{}", record.ingested_at);
    assert_eq!(reopened.document(1).unwrap(), None);
}

#[test]
fn bad_filters_and_sql_are_errors_and_sql_cannot_write() {
    let Some(db) = Scratch::new("errors") else {
        return;
    };
    let mut s = db.store();
    ingest(&mut s, &corpus());
    let bad = EventFilter {
        source: Some("K'; DROP TABLE events; --".into()),
        target: Some("RUS".into()),
        ..EventFilter::default()
    };
    assert!(matches!(
        s.dyad_series(&bad, Period::Month),
        Err(StoreError::Invalid(_))
    ));
    assert!(s.events(&EventFilter::default(), Some("nope"), 1).is_err());
    let err = s.query("SELECT nope FROM events").unwrap_err().to_string();
    assert!(err.contains("nope"), "{err}");
    let err = s.query("DELETE FROM events").unwrap_err().to_string();
    assert!(err.contains("read-only"), "{err}");
    assert!(s.query("SELECT 1; DELETE FROM events").is_err());
    assert_eq!(s.counts().unwrap(), (3, 3));
    let bad_url = "postgres://nobody:s3cret@127.0.0.1:1/none?connect_timeout=2";
    let err = PgStore::connect(bad_url).err().unwrap().to_string();
    assert!(
        !err.contains("s3cret") && err.contains("127.0.0.1:1"),
        "{err}"
    );
}

#[test]
fn duckdb_and_postgres_answer_the_same() {
    let Some(db) = Scratch::new("same") else {
        return;
    };
    let mut pg = db.store();
    let (mut duck, file) = DuckFile::new("same");
    let docs = big_corpus(400, 7);
    ingest(&mut pg, &docs);
    ingest(&mut duck, &docs);
    let counts = duck.counts().unwrap();
    assert!(counts.1 > 1000, "{counts:?}");
    assert_eq!(pg.counts().unwrap(), counts);
    assert_eq!(
        pg.document_hashes().unwrap(),
        duck.document_hashes().unwrap()
    );

    let rich = &docs.iter().find(|(_, events)| events.len() >= 4).unwrap();
    let filters = [
        EventFilter::default(),
        EventFilter {
            source: Some("RUS".into()),
            target: Some("kaz".into()),
            ..EventFilter::default()
        },
        EventFilter {
            actor: Some("RUSGOV".into()),
            root: Some("12".into()),
            ..EventFilter::default()
        },
        EventFilter {
            actor: Some("CHN".into()),
            since: Some("2022-03".into()),
            until: Some("2022-07-15".into()),
            ..EventFilter::default()
        },
        EventFilter {
            document: Some(rich.0.content_hash()),
            ..EventFilter::default()
        },
    ];
    for window in [3, 30] {
        let clusters = duck.rebuild_clusters(window).unwrap();
        assert_eq!(
            pg.rebuild_clusters(window).unwrap(),
            clusters,
            "window {window}"
        );
    }
    let sql = "SELECT cluster_id, source_code, target_code, cameo_root, first_day, last_day, \
               num_mentions, num_articles, num_sources, goldstein_mean \
               FROM event_clusters ORDER BY cluster_id";
    let clusters = pg.query(sql).unwrap();
    assert_eq!(clusters, duck.query(sql).unwrap());
    assert!(
        clusters
            .rows
            .iter()
            .any(|r| r[0].as_str().unwrap().contains('#')),
        "a place change opens a second cluster the same day"
    );
    let sql = "SELECT cameo_root, count(*) AS n, min(day) AS first, avg(goldstein) AS g, \
               count(DISTINCT outlet) AS outlets FROM events GROUP BY 1 ORDER BY 1";
    assert_eq!(pg.query(sql).unwrap(), duck.query(sql).unwrap());

    for filter in &filters {
        if filter.actor.is_some() || filter.target.is_some() {
            for period in [Period::Day, Period::Week, Period::Month, Period::Year] {
                assert_eq!(
                    pg.dyad_series(filter, period).unwrap(),
                    duck.dyad_series(filter, period).unwrap(),
                    "{filter:?} {period:?}"
                );
            }
        }
        assert_eq!(
            pg.top_dyads(filter, 5).unwrap(),
            duck.top_dyads(filter, 5).unwrap(),
            "{filter:?}"
        );
        assert_eq!(
            pg.locations(filter).unwrap(),
            duck.locations(filter).unwrap(),
            "{filter:?}"
        );
        // Follow the cursors to the end; every page and cursor is the same.
        let (mut pg_cursor, mut duck_cursor) = (None, None);
        let mut seen = 0;
        loop {
            let p = pg.events(filter, pg_cursor.as_deref(), 37).unwrap();
            let d = duck.events(filter, duck_cursor.as_deref(), 37).unwrap();
            assert_eq!(p, d, "{filter:?} after {seen} events");
            seen += p.events.len();
            if p.next_cursor.is_none() {
                break;
            }
            (pg_cursor, duck_cursor) = (p.next_cursor, d.next_cursor);
        }
        let everything = pg.events(filter, None, 100_000).unwrap();
        assert_eq!(everything.events.len(), seen);
    }
    assert_eq!(pg.actors().unwrap(), duck.actors().unwrap());

    for (actor, since, until, min) in [
        ("RUS", "2022-04-01", None, 2),
        ("KAZGOV", "2022-03", Some("2022-08"), 1),
        ("USA", "2022", None, 1),
    ] {
        let mut p = pg.report(actor, since, until, min).unwrap();
        let mut d = duck.report(actor, since, until, min).unwrap();
        assert!(!d.is_empty(), "{actor}");
        // Partners with the same shift, and evidence with the same |Goldstein|, confidence
        // and day, come in no particular order: compare what is determined.
        for partners in [&mut p, &mut d] {
            partners.sort_by(|a, b| a.partner.cmp(&b.partner));
            for partner in partners.iter_mut() {
                let mut strength: Vec<String> = partner
                    .evidence
                    .iter()
                    .map(|e| format!("{}", e.goldstein.abs()))
                    .collect();
                strength.sort();
                partner.evidence.clear();
                partner.partner.push_str(&strength.join(","));
            }
        }
        assert_eq!(p, d, "{actor}");
    }

    // Not by document: DuckDB's PLOVER export cannot filter on it (an ambiguous content_hash).
    let names = tacitus_store::CodeNames {
        countries: [("KAZ".to_string(), "Kazakhstan".to_string())].into(),
        sectors: [("GOV".to_string(), "Government".to_string())].into(),
    };
    for filter in &filters[..4] {
        for (format, name) in [
            (ExportFormat::Csv, "csv"),
            (ExportFormat::Jsonl, "jsonl"),
            (ExportFormat::Icews(names.clone()), "icews"),
            (ExportFormat::Plover, "plover"),
            (ExportFormat::Gdelt, "gdelt"),
            (ExportFormat::GdeltMentions, "mentions"),
        ] {
            let (pg_path, duck_path) = (file.sibling(&format!("pg.{name}")), file.sibling(name));
            let n = pg.export(filter, format.clone(), &pg_path).unwrap();
            assert_eq!(
                n,
                duck.export(filter, format, &duck_path).unwrap(),
                "{name}"
            );
            assert_eq!(
                exported(&pg_path),
                exported(&duck_path),
                "{name} {filter:?}"
            );
            std::fs::remove_file(pg_path).ok();
            std::fs::remove_file(duck_path).ok();
        }
    }
    // Parquet: the same rows, with the same column types, as DuckDB writes.
    let (pg_path, duck_path) = (file.sibling("pg.parquet"), file.sibling("parquet"));
    let filter = &filters[3];
    let n = pg.export(filter, ExportFormat::Parquet, &pg_path).unwrap();
    assert!(n > 0);
    assert_eq!(
        n,
        duck.export(filter, ExportFormat::Parquet, &duck_path)
            .unwrap()
    );
    let (pg_file, duck_file) = (pg_path.display(), duck_path.display());
    let differences = duck
        .query(&format!(
            "SELECT (SELECT count(*) FROM (SELECT * FROM '{pg_file}' EXCEPT ALL \
                SELECT * FROM '{duck_file}')) + (SELECT count(*) FROM (SELECT * FROM \
                '{duck_file}' EXCEPT ALL SELECT * FROM '{pg_file}')), \
             (SELECT string_agg(column_type, ',') FROM (DESCRIBE SELECT * FROM '{pg_file}')) \
                = (SELECT string_agg(column_type, ',') FROM (DESCRIBE SELECT * FROM '{duck_file}'))"
        ))
        .unwrap();
    assert_eq!(
        differences.rows[0],
        [serde_json::json!(0), serde_json::json!(true)]
    );
    std::fs::remove_file(pg_path).ok();
    std::fs::remove_file(duck_path).ok();

    let by_document = EventFilter {
        document: Some(rich.0.content_hash()),
        ..EventFilter::default()
    };
    for format in [ExportFormat::Jsonl, ExportFormat::Plover] {
        let path = file.sibling("pg.document.jsonl");
        let n = pg.export(&by_document, format.clone(), &path).unwrap() as usize;
        let plover = |e: &&Event| format == ExportFormat::Jsonl || e.plover.event_type.is_some();
        assert_eq!(n, rich.1.iter().filter(plover).count(), "{format:?}");
        std::fs::remove_file(path).ok();
    }
}

#[test]
fn recoding_replaces_events_as_duckdb_does() {
    let Some(db) = Scratch::new("recode") else {
        return;
    };
    let mut pg = db.store();
    let (mut duck, _file) = DuckFile::new("recode");
    let docs = big_corpus(60, 11);
    ingest(&mut pg, &docs);
    ingest(&mut duck, &docs);
    assert_eq!(pg.stale_without_text("dict-2").unwrap(), 0);
    // Page through the stale documents in hash order, as `tacitus recode` does.
    let (mut pg_stale, mut duck_stale) = (Vec::new(), Vec::new());
    for (store, out) in [
        (&mut pg as &mut dyn Store, &mut pg_stale),
        (&mut duck, &mut duck_stale),
    ] {
        let mut after = 0;
        loop {
            let page = store.stale_documents("dict-2", after, 7).unwrap();
            let Some(last) = page.last() else { break };
            after = last.content_hash();
            out.extend(page);
        }
    }
    assert_eq!(pg_stale.len(), docs.len());
    assert_eq!(pg_stale, duck_stale);
    // Recode every other document into one event each, plus one document never stored.
    let mut recoded: Vec<StoredDocument> = stored(&docs)
        .into_iter()
        .step_by(2)
        .map(|mut sd| {
            sd.dict_version = "dict-2".into();
            sd.events.truncate(1);
            sd
        })
        .collect();
    recoded.extend(stored(&big_corpus(1, 99)));
    pg.replace(&recoded).unwrap();
    duck.replace(&recoded).unwrap();
    assert_eq!(pg.counts().unwrap(), duck.counts().unwrap());
    assert_eq!(
        pg.counts().unwrap().0 as usize,
        docs.len(),
        "replace adds no document"
    );
    assert_eq!(
        pg.stale_documents("dict-2", 0, 1000).unwrap(),
        duck.stale_documents("dict-2", 0, 1000).unwrap()
    );
    let sql = "SELECT dict_version, count(*) AS n, sum(events) AS events FROM documents \
               GROUP BY 1 ORDER BY 1";
    assert_eq!(pg.query(sql).unwrap(), duck.query(sql).unwrap());
}

#[test]
fn concurrent_writers_store_each_document_once() {
    let Some(db) = Scratch::new("concurrent") else {
        return;
    };
    let docs = stored(&big_corpus(600, 3));
    let events: usize = docs.iter().map(|sd| sd.events.len()).sum();
    // Create the tables first, as a deployment does; the workers then race on the rows.
    db.store();
    let start = std::sync::Barrier::new(3);
    std::thread::scope(|scope| {
        for worker in 0..3 {
            let (docs, start, url) = (&docs, &start, &db.url);
            scope.spawn(move || {
                let mut store = PgStore::connect(url).unwrap();
                // Overlapping batches in different orders: forward, backward, and strided.
                let mut order: Vec<&StoredDocument> = docs.iter().collect();
                match worker {
                    1 => order.reverse(),
                    2 => order.sort_by_key(|sd| sd.content_hash % 7),
                    _ => {}
                }
                start.wait();
                for batch in order.chunks(64 + 16 * worker) {
                    let batch: Vec<StoredDocument> = batch.iter().map(|sd| (*sd).clone()).collect();
                    store.write(&batch).unwrap();
                }
            });
        }
    });
    let mut store = db.store();
    assert_eq!(store.counts().unwrap(), (docs.len() as u64, events as u64));
    let repeated = store
        .query(
            "SELECT count(*) FROM (SELECT content_hash, sentence_index, event_id FROM events \
             GROUP BY 1, 2, 3 HAVING count(*) > 1) t",
        )
        .unwrap();
    assert_eq!(repeated.rows[0][0], serde_json::json!(0));
}

/// How fast binary COPY writes events, next to DuckDB's parallel inserts; prints the rates
/// (`cargo test --release -p tacitus-store --test pg_store -- --nocapture write_rate`).
/// `TACITUS_PG_BENCH_EVENTS` sets the number of events (default 20,000).
#[test]
fn write_rate() {
    let Some(db) = Scratch::new("rate") else {
        return;
    };
    let wanted: usize = std::env::var("TACITUS_PG_BENCH_EVENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    // Ten events per document, as a long news article yields.
    let docs = stored(&big_corpus(wanted / 3, 5))
        .into_iter()
        .filter(|sd| !sd.events.is_empty())
        .map(|mut sd| {
            let first = sd.events[0].clone();
            sd.events = (0..10)
                .map(|i| Event {
                    sentence_index: i,
                    event_id: format!("{}-{i}", first.doc_id),
                    ..first.clone()
                })
                .collect();
            sd
        })
        .take(wanted / 10)
        .collect::<Vec<_>>();
    let events: usize = docs.iter().map(|sd| sd.events.len()).sum();
    let mut pg = db.store();
    let (mut duck, _file) = DuckFile::new("rate");
    for (name, store) in [
        ("PostgreSQL (binary COPY)", &mut pg as &mut dyn Store),
        ("DuckDB (parallel insert)", &mut duck),
    ] {
        let started = Instant::now();
        for batch in docs.chunks(StoreSink::<DuckStore>::BATCH) {
            store.write(batch).unwrap();
        }
        let seconds = started.elapsed().as_secs_f64();
        assert_eq!(store.counts().unwrap().1 as usize, events);
        println!(
            "{name}: {events} events in {} documents, {:.2} s, {:.0} events/s",
            docs.len(),
            seconds,
            events as f64 / seconds
        );
    }
}

#[test]
fn updating_the_clusters_of_new_documents_equals_rebuilding_them_all() {
    let Some(db) = Scratch::new("update") else {
        return;
    };
    let mut s = db.store();
    let docs = big_corpus(200, 7);
    let (old, new) = docs.split_at(190);
    ingest(&mut s, old);
    s.rebuild_clusters(3).unwrap();
    ingest(&mut s, new);
    let written: Vec<u64> = new.iter().map(|(d, _)| d.content_hash()).collect();
    let updated = s.update_clusters(3, &written).unwrap();
    let incremental = cluster_rows(&mut s);
    assert_eq!(s.rebuild_clusters(3).unwrap(), updated);
    assert_eq!(cluster_rows(&mut s), incremental);
}
