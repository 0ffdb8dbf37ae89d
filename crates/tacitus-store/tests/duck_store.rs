//! The DuckDB store through its [`Store`] interface and the [`StoreSink`].

mod common;

use common::{cluster_rows, corpus, document, event, ingest};
use tacitus_model::{Event, Sink};
use tacitus_store::{DuckStore, EventFilter, Period, Store};

fn store(name: &str) -> (DuckStore, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("tacitus-store-{}-{name}.db", std::process::id()));
    std::fs::remove_file(&path).ok();
    (DuckStore::open(&path).unwrap(), path)
}

#[test]
fn ingest_is_idempotent_and_documents_without_events_are_kept() {
    let (mut s, path) = store("idem");
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
    drop(s);
    let mut reopened = DuckStore::open(&path).unwrap();
    assert_eq!(reopened.counts().unwrap(), (3, 3), "committed to the file");
    std::fs::remove_file(path).ok();
}

#[test]
fn dyad_series_counts_quad_classes_goldstein_and_sources_per_month() {
    let (mut s, path) = store("series");
    ingest(&mut s, &corpus());
    let filter = EventFilter {
        source: Some("KAZ".into()),
        target: Some("rus".into()),
        ..EventFilter::default()
    };
    let months = s.dyad_series(&filter, Period::Month).unwrap();
    assert_eq!(months.len(), 2);
    assert_eq!(months[0].period, "2022-01");
    assert_eq!(months[0].quad, [1, 0, 0, 0]);
    assert_eq!(months[1].period, "2022-02");
    assert_eq!(months[1].events, 2);
    assert_eq!(months[1].quad, [0, 0, 2, 0]);
    assert_eq!(months[1].goldstein_sum, -8.0);
    assert_eq!(months[1].goldstein_mean, -4.0);
    assert_eq!(months[1].sources, 2);
    assert_eq!(months[1].plover.get("REJECT"), Some(&2));
    let days = s.dyad_series(&filter, Period::Day).unwrap();
    assert_eq!(
        days.len(),
        2,
        "a month-precise date is not put on a day: {days:?}"
    );
    let narrower = EventFilter {
        target: Some("RUSMIL".into()),
        ..filter.clone()
    };
    assert_eq!(
        s.dyad_series(&narrower, Period::Month).unwrap()[0].events,
        1
    );
    let bad = EventFilter {
        source: Some("K'; DROP".into()),
        ..filter
    };
    assert!(s.dyad_series(&bad, Period::Month).is_err());
    std::fs::remove_file(path).ok();
}

#[test]
fn events_read_back_as_they_were_coded() {
    let (mut s, path) = store("events");
    ingest(&mut s, &corpus());
    let filter = EventFilter {
        source: Some("KAZ".into()),
        root: Some("12".into()),
        since: Some("2022-02-01".into()),
        ..EventFilter::default()
    };
    let page = s.events(&filter, None, 10).unwrap();
    assert_eq!(page.events.len(), 2);
    assert_eq!(page.next_cursor, None);
    assert_eq!(
        page.events[0].event,
        corpus()[0].1[0],
        "newest first, every field kept"
    );
    // Pages of one follow the cursor through the same events, then stop.
    let first = s.events(&filter, None, 1).unwrap();
    assert_eq!(first.events, page.events[..1]);
    let second = s.events(&filter, first.next_cursor.as_deref(), 1).unwrap();
    assert_eq!(second.events, page.events[1..]);
    assert_eq!(second.next_cursor, None, "the last page says so");
    // Laying the store out by dyad changes no answer.
    s.optimize().unwrap();
    assert_eq!(s.events(&filter, None, 10).unwrap(), page);
    assert_eq!(
        s.counts().unwrap().1,
        corpus().iter().map(|(_, e)| e.len() as u64).sum::<u64>()
    );
    assert!(s.events(&filter, Some("not a cursor"), 1).is_err());
    std::fs::remove_file(path).ok();
}

#[test]
fn sql_returns_named_columns_and_json_values() {
    let (mut s, path) = store("sql");
    ingest(&mut s, &corpus());
    let t = s
        .query(
            "SELECT cameo_root, count(*) AS n, min(day) AS first FROM events GROUP BY 1 ORDER BY 1",
        )
        .unwrap();
    assert_eq!(t.columns, ["cameo_root", "n", "first"]);
    assert_eq!(
        t.rows[0],
        [
            serde_json::json!("03"),
            serde_json::json!(1),
            serde_json::json!("2022-01-10")
        ]
    );
    let top = s.top_dyads(&EventFilter::default(), 20).unwrap();
    assert_eq!(
        top.rows[0][..3],
        [
            serde_json::json!("KAZ"),
            serde_json::json!("RUS"),
            serde_json::json!(3)
        ]
    );
    assert_eq!(
        top.rows.len(),
        1,
        "KAZGOV→RUSGOV and KAZGOV→RUSMIL are one country dyad"
    );
    let err = s.query("SELECT nope FROM events").unwrap_err().to_string();
    assert!(err.contains("nope"), "{err}");
    std::fs::remove_file(path).ok();
}

#[test]
fn mentions_of_one_event_from_several_outlets_are_clustered() {
    let (mut s, path) = store("clusters");
    let mut docs = corpus();
    docs.push((
        document("guardian", "The Guardian"),
        vec![
            event(
                "guardian",
                0,
                "2022-02-26",
                ("KAZGOV", "RUSGOV"),
                ("120", 3, -4.0),
            ),
            event(
                "guardian",
                3,
                "2022-03-20",
                ("KAZGOV", "RUSGOV"),
                ("120", 3, -4.0),
            ),
        ],
    ));
    ingest(&mut s, &docs);
    assert_eq!(s.rebuild_clusters(3).unwrap(), 4);
    let t = s
        .query(
            "SELECT cluster_id, num_mentions, num_articles, num_sources, last_day \
             FROM event_clusters ORDER BY num_mentions DESC, cluster_id LIMIT 1",
        )
        .unwrap();
    assert_eq!(
        t.rows[0],
        [
            serde_json::json!("KAZGOV>RUSGOV/12/2022-02-25"),
            serde_json::json!(2),
            serde_json::json!(2),
            serde_json::json!(2),
            serde_json::json!("2022-02-26"),
        ]
    );
    let mentions = s
        .query("SELECT count(*) FROM cluster_mentions WHERE cluster_id = 'KAZGOV>RUSGOV/12/2022-02-25'")
        .unwrap();
    assert_eq!(mentions.rows[0][0], serde_json::json!(2));
    assert_eq!(
        s.rebuild_clusters(30).unwrap(),
        3,
        "a wider window merges March in"
    );
    std::fs::remove_file(path).ok();
}

/// An event of `dyad` on `date` at a place in `country` (`None`: no place).
fn placed(doc: &str, i: usize, date: &str, country: Option<&str>) -> Event {
    let mut e = event(doc, i, date, ("UKRMIL", "RUSMIL"), ("190", 4, -10.0));
    e.location = country.map(|c| tacitus_model::Location {
        name: c.into(),
        country: Some(c.into()),
        lat: None,
        lon: None,
        geonameid: None,
    });
    e
}

#[test]
fn mentions_in_different_countries_are_different_events() {
    let (mut s, path) = store("places");
    ingest(
        &mut s,
        &[
            (
                document("a", "Reuters"),
                vec![
                    placed("a", 0, "2024-05-01", Some("UKR")),
                    placed("a", 1, "2024-05-01", Some("RUS")),
                ],
            ),
            (
                document("b", "AP"),
                vec![
                    placed("b", 0, "2024-05-02", None),
                    placed("b", 1, "2024-05-02", Some("RUS")),
                ],
            ),
        ],
    );
    // UKR opens; RUS the same day opens a second (#2); the placeless and RUS mentions join it.
    assert_eq!(s.rebuild_clusters(3).unwrap(), 2);
    let t = s
        .query("SELECT cluster_id, num_mentions FROM event_clusters ORDER BY cluster_id")
        .unwrap();
    let rows: Vec<(String, u64)> = t
        .rows
        .iter()
        .map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_u64().unwrap()))
        .collect();
    let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
    assert!(
        ids.iter()
            .all(|id| id.starts_with("UKRMIL>RUSMIL/19/2024-05-01")),
        "{ids:?}"
    );
    assert_ne!(ids[0], ids[1]);
    let mut sizes: Vec<u64> = rows.iter().map(|(_, n)| *n).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [1, 3]);
    std::fs::remove_file(path).ok();
}

#[test]
fn report_ranks_partners_by_shift_from_their_baseline_with_evidence() {
    let (mut s, path) = store("report");
    let mut docs = corpus();
    docs.push((
        document("reuters", "Reuters"),
        vec![
            event(
                "reuters",
                0,
                "2022-01-05",
                ("CHNGOV", "RUSGOV"),
                ("036", 1, 4.0),
            ),
            event(
                "reuters",
                1,
                "2022-02-20",
                ("RUSGOV", "CHNGOV"),
                ("040", 1, 1.0),
            ),
        ],
    ));
    ingest(&mut s, &docs);
    let report = s.report("RUS", "2022-02-01", None, 1).unwrap();
    assert_eq!(report.len(), 2);
    let kaz = &report[0];
    assert_eq!(
        kaz.partner, "KAZ",
        "the biggest turn toward conflict first: {report:?}"
    );
    assert_eq!((kaz.events, kaz.baseline_events), (2, 1));
    assert_eq!(kaz.goldstein_mean, -4.0);
    assert_eq!(kaz.baseline_goldstein_mean, Some(4.0));
    assert_eq!(kaz.shift, -8.0);
    assert_eq!(kaz.conflict_share, 1.0);
    assert_eq!(kaz.evidence.len(), 2);
    assert_eq!(
        kaz.evidence[0].according_to.as_deref(),
        Some("NBC News / Peter Alexander")
    );
    assert_eq!(report[1].partner, "CHN");
    assert_eq!(report[1].shift, -3.0);
    assert!(s.report("RUS", "2022-02-01", None, 3).unwrap().is_empty());
    assert!(s.report("RUS", "Feb 2022", None, 1).is_err());
    std::fs::remove_file(path).ok();
}

#[test]
fn updating_the_clusters_of_new_documents_equals_rebuilding_them_all() {
    let (mut s, path) = store("update");
    // A store of many dyads, so that the new documents touch a few of them.
    let mut old = corpus();
    for i in 0..30 {
        let id = format!("old-{i}");
        let dyad = (
            ["USAGOV", "CHNGOV", "FRAGOV"][i % 3],
            ["IRNGOV", "DEUGOV"][i % 2],
        );
        let day = format!("2023-0{}-1{}", 1 + i % 9, i % 10);
        old.push((
            document(&id, "AP"),
            vec![event(&id, 0, &day, dyad, ("042", 1, 1.9))],
        ));
    }
    ingest(&mut s, &old);
    s.rebuild_clusters(3).unwrap();

    // New mentions: one joins an old KAZ→RUS event, one opens a new one, one a new dyad.
    let new = vec![(
        document("late", "Reuters"),
        vec![
            event(
                "late",
                0,
                "2022-02-27",
                ("KAZGOV", "RUSGOV"),
                ("120", 3, -4.0),
            ),
            event(
                "late",
                1,
                "2022-06-01",
                ("KAZGOV", "RUSGOV"),
                ("120", 3, -4.0),
            ),
            event(
                "late",
                2,
                "2022-06-01",
                ("KAZGOV", "CHNGOV"),
                ("042", 1, 1.9),
            ),
        ],
    )];
    let mut sink = tacitus_store::StoreSink::new(&mut s, "dict-1");
    for (d, events) in &new {
        sink.begin_document(d).unwrap();
        for e in events {
            sink.event(e).unwrap();
        }
        sink.end_document(tacitus_model::DocumentSummary::default())
            .unwrap();
    }
    sink.finish().unwrap();
    let written = sink.written().to_vec();
    assert_eq!(written.len(), 1);

    let updated = s.update_clusters(3, &written).unwrap();
    let incremental = cluster_rows(&mut s);
    assert_eq!(s.rebuild_clusters(3).unwrap(), updated);
    assert_eq!(cluster_rows(&mut s), incremental);
    std::fs::remove_file(path).ok();
}

#[test]
fn every_field_of_thousands_of_mentions_survives_the_parallel_insert() {
    use tacitus_model::{Attribution, AttributionKind, Explain, Location, Span};
    use tacitus_store::StoredDocument;
    let (mut s, path) = store("parallel");
    // Full and sparse events alternate, and strings are short (inlined by DuckDB) and long,
    // ASCII and not, over several of DuckDB's 2,048-row vectors.
    let documents: Vec<StoredDocument> = (0..600)
        .map(|d| {
            let id = format!("doc-{d}");
            let events = (0..8)
                .map(|i| {
                    let mut e = event(&id, i, "2022-02-25", ("KAZGOV", "RUS"), ("120", 3, -4.0));
                    e.event_id = format!("{id}-{i}");
                    if (d + i) % 2 == 0 {
                        e.sentence = format!("Kazakhstan's Tokayev — «nein» to troops, {d}/{i}.");
                        e.location = Some(Location {
                            name: "Nur-Sultan".into(),
                            country: Some("KAZ".into()),
                            lat: Some(51.17),
                            lon: Some(71.45),
                            geonameid: None,
                        });
                        e.attribution = Some(Attribution {
                            kind: Some(AttributionKind::Anonymous),
                            outlet: Some("Bloomberg".into()),
                            reporter: None,
                            source_text: Some("two people familiar with the matter".into()),
                        });
                        e.explain = Some(Explain {
                            spans: vec![Span {
                                label: "verb".into(),
                                start: 3,
                                end: 9,
                                text: "denied".into(),
                            }],
                            pattern: "- DENY".into(),
                        });
                    } else {
                        e.date = None;
                        e.date_precision = None;
                        e.target = None;
                        e.attribution = None;
                        e.plover = tacitus_model::Plover::default();
                    }
                    e
                })
                .collect();
            StoredDocument {
                document: document(&id, "NBC News"),
                content_hash: 1_000 + d as u64,
                bytes: 100,
                dict_version: "dict-1".into(),
                events,
            }
        })
        .collect();
    s.write(&documents).unwrap();
    assert_eq!(s.counts().unwrap(), (600, 4_800));
    let mut stored = std::collections::HashMap::new();
    let mut cursor = None;
    loop {
        let page = s
            .events(&EventFilter::default(), cursor.as_deref(), 1_000)
            .unwrap();
        for e in page.events {
            stored.insert(e.event.event_id.clone(), e.event);
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(stored.len(), 4_800);
    for e in documents.iter().flat_map(|d| &d.events) {
        assert_eq!(stored.get(&e.event_id), Some(e), "{}", e.event_id);
    }
    // The table function behind the insert reads only rows lent to it at that moment.
    let err = s
        .query("SELECT * FROM tacitus_rows(1::UBIGINT)")
        .unwrap_err();
    assert!(err.to_string().contains("no rows 1 are lent"), "{err}");
    std::fs::remove_file(path).ok();
}
