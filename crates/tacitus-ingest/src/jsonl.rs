//! One JSONL input line to a [`Document`], as `shared/spec/README.md` defines the input format.
//!
//! Malformed (the line is skipped, exit code 3): not JSON, not an object, no `id` (or not a
//! non-empty string), neither `text` nor `html` (or not strings). Everything else is lenient:
//! unknown fields are ignored, an optional field of the wrong type is dropped with a warning,
//! and a `published` that is neither `YYYY-MM-DD` nor RFC 3339 is dropped with a warning — the
//! document is still coded, only relative dates then stay unresolved. (The spec lists the
//! reasons to skip a line; a bad date is not one of them, so we keep the article.)

use serde_json::{Map, Value};
use tacitus_model::Document;

use crate::html;
use crate::published::is_valid_published;

/// A line's document plus the warnings it raised.
#[derive(Debug)]
pub struct Parsed {
    pub doc: Document,
    pub warnings: Vec<String>,
}

/// Parses one line (without its line terminator). `Err` carries the reason it is malformed.
pub fn parse_line(line: &[u8]) -> Result<Parsed, String> {
    let value: Value = serde_json::from_slice(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    parse_object(obj)
}

/// Builds a document from an already parsed JSON object (used by [`parse_line`]).
pub fn parse_object(mut obj: Map<String, Value>) -> Result<Parsed, String> {
    let mut warnings = Vec::new();
    let id = match obj.remove("id") {
        None | Some(Value::Null) => return Err("missing \"id\"".into()),
        Some(Value::String(s)) if s.is_empty() => return Err("\"id\" is empty".into()),
        Some(Value::String(s)) => s,
        Some(other) => return Err(format!("\"id\" must be a string, found {}", kind(&other))),
    };
    let text = take_required_str(&mut obj, "text")?;
    let page = take_required_str(&mut obj, "html")?;
    let mut opt = |name: &str| match obj.remove(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            warnings.push(format!(
                "\"{name}\" must be a string, found {}; ignored",
                kind(&other)
            ));
            None
        }
    };
    let mut doc = Document {
        id,
        text: String::new(),
        published: opt("published"),
        url: opt("url"),
        outlet: opt("outlet"),
        title: opt("title"),
        author: opt("author"),
        language: opt("language"),
    };
    if let Some(p) = doc.published.take() {
        if is_valid_published(p.trim()) {
            doc.published = Some(p.trim().to_string());
        } else {
            warnings.push(format!(
                "\"published\" {p:?} is neither YYYY-MM-DD nor RFC 3339; ignored"
            ));
        }
    }
    match (text, page) {
        (Some(t), _) => doc.text = t,
        (None, Some(h)) => {
            // The same extraction as saved pages: main text without site chrome, metadata
            // from JSON-LD and OpenGraph; the line's own fields win.
            let page = html::page_document(&h, &doc.id, doc.url.as_deref());
            doc.text = page.text;
            doc.title = doc.title.or(page.title);
            doc.author = doc.author.or(page.author);
            doc.language = doc.language.or(page.language);
            doc.published = doc.published.or(page.published);
            doc.outlet = doc.outlet.filter(|o| !o.is_empty()).or(page.outlet);
        }
        (None, None) => return Err("neither \"text\" nor \"html\" is present".into()),
    }
    if !matches!(doc.outlet.as_deref(), Some(o) if !o.is_empty()) {
        doc.outlet = doc.outlet_or_host().map(str::to_string);
    }
    Ok(Parsed { doc, warnings })
}

fn take_required_str(obj: &mut Map<String, Value>, name: &str) -> Result<Option<String>, String> {
    match obj.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!(
            "\"{name}\" must be a string, found {}",
            kind(&other)
        )),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_line_and_outlet_default() {
        let p = parse_line(
            br#"{"id":"a","text":"T","published":"2022-02-26","url":"https://www.nbc.com/x","extra":[1]}"#,
        )
        .unwrap();
        assert_eq!(p.doc.id, "a");
        assert_eq!(p.doc.text, "T");
        assert_eq!(p.doc.published.as_deref(), Some("2022-02-26"));
        assert_eq!(p.doc.outlet.as_deref(), Some("nbc.com"));
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn malformed_reasons() {
        let cases: [(&[u8], &str); 7] = [
            (b"{not json", "not valid JSON"),
            (b"[1,2]", "expected a JSON object, found an array"),
            (br#"{"text":"x"}"#, "missing \"id\""),
            (
                br#"{"id":7,"text":"x"}"#,
                "\"id\" must be a string, found a number",
            ),
            (br#"{"id":"","text":"x"}"#, "\"id\" is empty"),
            (
                br#"{"id":"a","title":"x"}"#,
                "neither \"text\" nor \"html\"",
            ),
            (br#"{"id":"a","text":["x"]}"#, "\"text\" must be a string"),
        ];
        for (line, want) in cases {
            let err = parse_line(line).unwrap_err();
            assert!(err.contains(want), "{err} !~ {want}");
        }
    }

    #[test]
    fn bad_published_is_dropped_with_warning() {
        let p =
            parse_line(br#"{"id":"a","text":"x","published":"26/02/2022","author":5}"#).unwrap();
        assert_eq!(p.doc.published, None);
        assert_eq!(p.doc.author, None);
        assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
    }

    #[test]
    fn html_only_uses_extraction() {
        let p = parse_line(br#"{"id":"h","html":"<p>Russia &amp; Kazakstan</p>","outlet":"X"}"#)
            .unwrap();
        assert_eq!(p.doc.text, "Russia & Kazakstan");
        assert_eq!(p.doc.outlet.as_deref(), Some("X"));
    }
}
