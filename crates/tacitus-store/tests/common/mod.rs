//! Builders of the small synthetic corpus that the DuckDB and PostgreSQL store tests share.

use tacitus_model::{
    Actor, Attribution, AttributionKind, Document, DocumentSummary, Event, Plover, Sink,
};
use tacitus_store::{Store, StoreSink};

pub fn actor(code: &str) -> Actor {
    Actor {
        code: code.into(),
        country: Some(code[..3].into()),
        sector: (code.len() > 3).then(|| code[3..].into()),
        text: code.into(),
        name: code.into(),
    }
}

/// An event of `doc`'s sentence `i`; `code` is (CAMEO code, QuadClass, Goldstein).
pub fn event(doc: &str, i: usize, date: &str, dyad: (&str, &str), code: (&str, u8, f64)) -> Event {
    Event {
        event_id: format!("{doc}-{i}"),
        doc_id: doc.into(),
        sentence_index: i,
        sentence: format!("Sentence {i} of {doc}."),
        date: Some(date.into()),
        date_precision: Some(if date.len() == 10 { "day" } else { "month" }.into()),
        source: actor(dyad.0),
        target: Some(actor(dyad.1)),
        cameo: code.0.into(),
        cameo_root: code.0[..2].into(),
        goldstein: code.2,
        quad_class: code.1,
        plover: Plover {
            event_type: Some("REJECT".into()),
            mode: None,
            context: vec!["military".into(), "diplomatic".into()],
        },
        location: None,
        attribution: Some(Attribution {
            kind: Some(AttributionKind::Media),
            outlet: Some("NBC News".into()),
            reporter: Some("Peter Alexander".into()),
            source_text: None,
        }),
        rule: "verb:deny (verbs/12_reject.txt:3)".into(),
        confidence: 0.8,
        explain: None,
    }
}

pub fn document(id: &str, outlet: &str) -> Document {
    Document {
        id: id.into(),
        text: format!("The text of {id}."),
        outlet: Some(outlet.into()),
        published: Some("2022-02-26".into()),
        ..Document::default()
    }
}

/// Stores `docs` through the [`StoreSink`], as an ingest does.
pub fn ingest(store: &mut dyn Store, docs: &[(Document, Vec<Event>)]) {
    let mut sink = StoreSink::new(store, "dict-1");
    for (d, events) in docs {
        sink.begin_document(d).unwrap();
        for e in events {
            assert!(sink.event(e).unwrap());
        }
        sink.end_document(DocumentSummary::default()).unwrap();
    }
    sink.finish().unwrap();
}

pub fn corpus() -> Vec<(Document, Vec<Event>)> {
    vec![
        (
            document("nbc", "NBC News"),
            vec![
                event(
                    "nbc",
                    0,
                    "2022-02-25",
                    ("KAZGOV", "RUSGOV"),
                    ("1212", 3, -4.0),
                ),
                event(
                    "nbc",
                    1,
                    "2022-01-10",
                    ("KAZGOV", "RUSGOV"),
                    ("036", 1, 4.0),
                ),
            ],
        ),
        (
            document("bbg", "Bloomberg"),
            vec![event(
                "bbg",
                0,
                "2022-02",
                ("KAZGOV", "RUSMIL"),
                ("1212", 3, -4.0),
            )],
        ),
        (document("empty", "Guardian"), vec![]),
    ]
}

/// Every row of the two cluster tables, in an order both backends give alike.
pub fn cluster_rows(s: &mut dyn Store) -> Vec<Vec<serde_json::Value>> {
    let mut rows = s
        .query("SELECT * FROM event_clusters ORDER BY cluster_id")
        .unwrap()
        .rows;
    rows.extend(
        s.query(
            "SELECT * FROM cluster_mentions \
             ORDER BY cluster_id, content_hash, sentence_index, event_id",
        )
        .unwrap()
        .rows,
    );
    rows
}
