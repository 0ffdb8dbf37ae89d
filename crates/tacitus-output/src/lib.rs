//! Event writers: every output format of `tacitus code` is a [`tacitus_model::Sink`].
//!
//! - [`JsonlWriter`]: the spec's event contract, one JSON object per line (what scorers,
//!   notebooks and pipelines read).
//! - [`TsvWriter`]: a flat, spreadsheet-friendly subset with a header line.
//! - [`TableWriter`]: a human-readable table per document for the terminal.
//!
//! All writers buffer and flush in `finish`. Errors are [`OutputError`]; a closed pipe
//! (`tacitus code … | head`) is the distinct [`OutputError::BrokenPipe`] so the CLI can exit
//! quietly instead of reporting it.

mod table;

use std::io::{self, BufWriter, Write};

use tacitus_model::{AttributionKind, Event, Sink};

pub use table::TableWriter;

/// A writer failed.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The reader went away (e.g. `| head`): not worth reporting.
    #[error("broken pipe")]
    BrokenPipe,
    #[error("write error: {0}")]
    Io(io::Error),
    #[error("cannot serialise event: {0}")]
    Json(serde_json::Error),
}

impl OutputError {
    /// True for [`OutputError::BrokenPipe`].
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, OutputError::BrokenPipe)
    }
}

impl From<io::Error> for OutputError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            OutputError::BrokenPipe
        } else {
            OutputError::Io(e)
        }
    }
}

impl From<serde_json::Error> for OutputError {
    fn from(e: serde_json::Error) -> Self {
        if e.is_io() {
            OutputError::from(io::Error::from(e))
        } else {
            OutputError::Json(e)
        }
    }
}

/// One event per line, the spec's field names (serde of [`Event`]).
pub struct JsonlWriter<W: Write> {
    out: BufWriter<W>,
}

impl<W: Write> JsonlWriter<W> {
    /// Wraps `w` in a buffer.
    pub fn new(w: W) -> Self {
        JsonlWriter {
            out: BufWriter::new(w),
        }
    }

    /// Flushes and returns the inner writer.
    pub fn into_inner(self) -> Result<W, OutputError> {
        self.out.into_inner().map_err(|e| e.into_error().into())
    }
}

impl<W: Write> Sink for JsonlWriter<W> {
    type Error = OutputError;

    fn event(&mut self, event: &Event) -> Result<bool, OutputError> {
        serde_json::to_writer(&mut self.out, event)?;
        self.out.write_all(b"\n")?;
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), OutputError> {
        self.out.flush()?;
        Ok(())
    }
}

/// The TSV columns, in order (also the header line).
pub const TSV_COLUMNS: [&str; 15] = [
    "event_id",
    "doc_id",
    "sentence_index",
    "date",
    "source.code",
    "target.code",
    "cameo",
    "cameo_root",
    "goldstein",
    "quad_class",
    "plover.event_type",
    "attribution.kind",
    "attribution.outlet",
    "rule",
    "sentence",
];

/// A header line, then one row per event; absent values are empty cells and `\`, tab, CR and
/// newline inside text are escaped as `\\`, `\t`, `\r`, `\n`.
pub struct TsvWriter<W: Write> {
    out: BufWriter<W>,
    header_done: bool,
}

impl<W: Write> TsvWriter<W> {
    /// Wraps `w` in a buffer; the header is written with the first event (or at `finish`).
    pub fn new(w: W) -> Self {
        TsvWriter {
            out: BufWriter::new(w),
            header_done: false,
        }
    }

    /// Flushes and returns the inner writer.
    pub fn into_inner(self) -> Result<W, OutputError> {
        self.out.into_inner().map_err(|e| e.into_error().into())
    }

    fn header(&mut self) -> io::Result<()> {
        if !self.header_done {
            self.header_done = true;
            writeln!(self.out, "{}", TSV_COLUMNS.join("\t"))?;
        }
        Ok(())
    }
}

/// Escapes a TSV cell.
pub fn tsv_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

impl<W: Write> Sink for TsvWriter<W> {
    type Error = OutputError;

    fn event(&mut self, e: &Event) -> Result<bool, OutputError> {
        self.header()?;
        let att = e.attribution.as_ref();
        let cells = [
            tsv_escape(&e.event_id),
            tsv_escape(&e.doc_id),
            e.sentence_index.to_string(),
            tsv_escape(e.date.as_deref().unwrap_or("")),
            tsv_escape(&e.source.code),
            tsv_escape(e.target.as_ref().map_or("", |t| t.code.as_str())),
            tsv_escape(&e.cameo),
            tsv_escape(&e.cameo_root),
            format!("{:?}", e.goldstein),
            e.quad_class.to_string(),
            tsv_escape(e.plover.event_type.as_deref().unwrap_or("")),
            att.and_then(|a| a.kind)
                .map_or("", AttributionKind::as_str)
                .to_string(),
            tsv_escape(att.and_then(|a| a.outlet.as_deref()).unwrap_or("")),
            tsv_escape(&e.rule),
            tsv_escape(&e.sentence),
        ];
        writeln!(self.out, "{}", cells.join("\t"))?;
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), OutputError> {
        self.header()?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod testdata {
    use tacitus_model::{
        Actor, Attribution, AttributionKind, Document, Event, Explain, Plover, Span,
    };

    /// A document with only an id.
    pub fn document(id: &str) -> Document {
        Document {
            id: id.into(),
            ..Document::default()
        }
    }

    /// The spec's example event.
    pub fn event() -> Event {
        let sentence = "Kazakstan, as NBC News' Peter Alexander reported on Friday, has denied Russia's requests for troops.";
        Event {
            event_id: Event::stable_id(
                "000_32bc4f422ee43a2c",
                sentence,
                "KAZGOV",
                Some("RUSGOV"),
                "1212",
            ),
            doc_id: "000_32bc4f422ee43a2c".into(),
            sentence_index: 6,
            sentence: sentence.into(),
            date: Some("2022-02-25".into()),
            date_precision: Some("day".into()),
            source: Actor {
                code: "KAZGOV".into(),
                country: Some("KAZ".into()),
                sector: Some("GOV".into()),
                text: "Kazakstan".into(),
                name: "Kazakhstan".into(),
            },
            target: Some(Actor {
                code: "RUSGOV".into(),
                country: Some("RUS".into()),
                sector: Some("GOV".into()),
                text: "Russia's".into(),
                name: "Russia".into(),
            }),
            cameo: "1212".into(),
            cameo_root: "12".into(),
            goldstein: -4.0,
            quad_class: 3,
            plover: Plover {
                event_type: Some("REJECT".into()),
                mode: Some("assist".into()),
                context: vec!["military".into()],
            },
            location: None,
            attribution: Some(Attribution {
                kind: Some(AttributionKind::Media),
                outlet: Some("NBC News".into()),
                reporter: Some("Peter Alexander".into()),
                source_text: Some("as NBC News' Peter Alexander reported".into()),
            }),
            rule: "verb:deny+request (verbs/reject.toml:12)".into(),
            confidence: 0.82,
            explain: Some(Explain {
                spans: vec![Span {
                    label: "verb".into(),
                    start: 64,
                    end: 70,
                    text: "denied".into(),
                }],
                pattern: "deny + request".into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tacitus_model::DocumentSummary;

    fn run<S: Sink<Error = OutputError>>(sink: &mut S, events: &[Event]) {
        sink.begin_document(&testdata::document("000_32bc4f422ee43a2c"))
            .unwrap();
        for e in events {
            assert!(sink.event(e).unwrap());
        }
        sink.end_document(DocumentSummary {
            doc_id: "000_32bc4f422ee43a2c",
            sentences: 10,
            events: events.len(),
        })
        .unwrap();
        sink.finish().unwrap();
    }

    #[test]
    fn jsonl_round_trips() {
        let mut e2 = testdata::event();
        e2.target = None;
        e2.explain = None;
        let events = [testdata::event(), e2];
        let mut w = JsonlWriter::new(Vec::new());
        run(&mut w, &events);
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let back: Vec<Event> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, events);
        assert!(out.lines().nth(1).unwrap().contains("\"target\":null"));
        assert!(!out.lines().nth(1).unwrap().contains("explain"));
    }

    #[test]
    fn tsv_header_row_and_escaping() {
        let mut e = testdata::event();
        e.sentence = "a\tb\nc\\d".into();
        e.target = None;
        let mut w = TsvWriter::new(Vec::new());
        run(&mut w, &[e]);
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].split('\t').collect::<Vec<_>>(), TSV_COLUMNS);
        let row: Vec<&str> = lines[1].split('\t').collect();
        assert_eq!(row.len(), TSV_COLUMNS.len());
        assert_eq!(
            row[2..10],
            ["6", "2022-02-25", "KAZGOV", "", "1212", "12", "-4.0", "3"]
        );
        assert_eq!(row[10..13], ["REJECT", "media", "NBC News"]);
        assert_eq!(row[14], "a\\tb\\nc\\\\d");
    }

    #[test]
    fn tsv_without_events_still_has_header() {
        let mut w = TsvWriter::new(Vec::new());
        w.finish().unwrap();
        assert_eq!(
            w.into_inner().unwrap(),
            format!("{}\n", TSV_COLUMNS.join("\t")).into_bytes()
        );
    }

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
    }

    #[test]
    fn broken_pipe_is_distinguishable() {
        let mut w = JsonlWriter::new(Closed);
        w.event(&testdata::event()).unwrap(); // buffered
        assert!(w.finish().unwrap_err().is_broken_pipe());
        let other = OutputError::from(io::Error::other("disk full"));
        assert!(!other.is_broken_pipe());
    }
}
