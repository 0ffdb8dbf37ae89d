//! A readable terminal table, one block per document.
//!
//! Rows of a document are buffered so that columns line up, then printed at `end_document`:
//! date, source (code and words), CAMEO code and name, target, according to whom; the sentence
//! follows under each row, cut to the terminal width, and `--explain` spans and the pattern
//! below that. Widths are display widths (`unicode-width`), so CJK and accents align.

use std::io::{BufWriter, Write};

use tacitus_model::{CameoTable, Document, DocumentSummary, Event, Sink};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::OutputError;

const HEADERS: [&str; 5] = ["DATE", "SOURCE", "EVENT", "TARGET", "ACCORDING TO"];
/// Widest a column may grow before its cells are cut with `…`.
const MAX_COL: [usize; 5] = [10, 28, 44, 28, 40];
const INDENT: &str = "    ";

/// Human-readable output for the terminal.
pub struct TableWriter<W: Write> {
    out: BufWriter<W>,
    width: usize,
    doc_id: String,
    rows: Vec<Row>,
}

struct Row {
    cells: [String; 5],
    extra: Vec<String>,
}

impl<W: Write> TableWriter<W> {
    /// `width`: the terminal width in columns (sentences are cut to it; at least 20).
    pub fn new(w: W, width: usize) -> Self {
        TableWriter {
            out: BufWriter::new(w),
            width: width.max(20),
            doc_id: String::new(),
            rows: Vec::new(),
        }
    }

    /// Flushes and returns the inner writer.
    pub fn into_inner(self) -> Result<W, OutputError> {
        self.out.into_inner().map_err(|e| e.into_error().into())
    }

    fn flush_document(&mut self) -> Result<(), OutputError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut widths = [0usize; 5];
        for (i, w) in widths.iter_mut().enumerate() {
            *w = self
                .rows
                .iter()
                .map(|r| r.cells[i].width())
                .chain([HEADERS[i].width()])
                .max()
                .unwrap_or(0)
                .min(MAX_COL[i]);
        }
        let title = format!("── {} ", self.doc_id);
        let fill = self.width.saturating_sub(title.width());
        writeln!(self.out, "{title}{}", "─".repeat(fill))?;
        let line = |cells: &[&str]| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                let c = truncate(c, widths[i]);
                s.push_str(&c);
                if i + 1 < cells.len() {
                    s.push_str(&" ".repeat(widths[i].saturating_sub(c.width())));
                }
            }
            s
        };
        writeln!(self.out, "{}", line(&HEADERS))?;
        for row in std::mem::take(&mut self.rows) {
            let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
            writeln!(self.out, "{}", line(&cells))?;
            for extra in &row.extra {
                let room = self.width.saturating_sub(INDENT.len());
                writeln!(self.out, "{INDENT}{}", truncate(extra, room))?;
            }
        }
        writeln!(self.out)?;
        Ok(())
    }
}

/// Cuts `s` to at most `max` display columns, ending with `…` when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Newlines and tabs to spaces, so a cell stays on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn row(e: &Event) -> Row {
    let actor = |code: &str, text: &str| one_line(&format!("{code} {text}"));
    let name = CameoTable::embedded()
        .get(&e.cameo)
        .map_or("?", |c| c.name.as_str());
    let according = e.attribution.as_ref().map_or_else(String::new, |a| {
        let who: Vec<&str> = [a.outlet.as_deref(), a.reporter.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let mut s = who.join(" / ");
        if let Some(k) = a.kind {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&format!("({})", k.as_str()));
        }
        one_line(&s)
    });
    let mut extra = vec![format!("“{}”", one_line(&e.sentence))];
    if let Some(x) = &e.explain {
        for s in &x.spans {
            extra.push(one_line(&format!(
                "{} [{}..{}] {:?}",
                s.label, s.start, s.end, s.text
            )));
        }
        extra.push(one_line(&format!(
            "pattern: {}  rule: {}",
            x.pattern, e.rule
        )));
    }
    Row {
        cells: [
            e.date.clone().unwrap_or_else(|| "-".into()),
            actor(&e.source.code, &e.source.text),
            one_line(&format!("{} {}", e.cameo, name)),
            e.target
                .as_ref()
                .map_or_else(|| "-".into(), |t| actor(&t.code, &t.text)),
            according,
        ],
        extra,
    }
}

impl<W: Write> Sink for TableWriter<W> {
    type Error = OutputError;

    fn begin_document(&mut self, document: &Document) -> Result<(), OutputError> {
        self.flush_document()?;
        self.doc_id = document.id.clone();
        Ok(())
    }

    fn event(&mut self, event: &Event) -> Result<bool, OutputError> {
        if self.rows.is_empty() && self.doc_id.is_empty() {
            self.doc_id = event.doc_id.clone();
        }
        self.rows.push(row(event));
        Ok(true)
    }

    fn end_document(&mut self, _summary: DocumentSummary<'_>) -> Result<(), OutputError> {
        self.flush_document()
    }

    fn finish(&mut self) -> Result<(), OutputError> {
        self.flush_document()?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata;

    #[test]
    fn table_shows_code_names_attribution_and_explain() {
        let mut w = TableWriter::new(Vec::new(), 80);
        let e = testdata::event();
        w.begin_document(&testdata::document(&e.doc_id)).unwrap();
        w.event(&e).unwrap();
        let mut other = testdata::event();
        other.cameo = "190".into();
        other.target = None;
        other.explain = None;
        other.attribution = None;
        w.event(&other).unwrap();
        w.end_document(DocumentSummary::default()).unwrap();
        w.finish().unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert!(out.starts_with("── 000_32bc4f422ee43a2c ─"), "{out}");
        assert!(out.contains("1212 Reject military cooperation"), "{out}");
        assert!(out.contains("190 Use conventional military force"), "{out}");
        assert!(out.contains("KAZGOV Kazakstan"));
        assert!(out.contains("NBC News / Peter Alexander (media)"));
        assert!(out.contains("verb [64..70] \"denied\""));
        assert!(out.contains("pattern: deny + request"));
        for line in out.lines().filter(|l| l.starts_with(INDENT)) {
            assert!(line.width() <= 80, "{line}");
        }
        assert!(out.contains('…'), "long sentence is cut: {out}");
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("x", 0), "");
    }

    #[test]
    fn no_events_prints_nothing() {
        let mut w = TableWriter::new(Vec::new(), 80);
        w.begin_document(&testdata::document("d")).unwrap();
        w.end_document(DocumentSummary::default()).unwrap();
        w.finish().unwrap();
        assert!(w.into_inner().unwrap().is_empty());
    }
}
