//! Reading gold files and events files, line by line, with `file:line` errors.

use std::io::{self, BufRead};

use serde_json::{Map, Value};

use crate::{py, ScoredEvent};

/// A gold file or events file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{path}:{line}: {reason}")]
    Line {
        path: String,
        line: u64,
        reason: String,
    },
}

/// One gold event: every list holds the accepted alternatives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldEvent {
    pub src: Vec<String>,
    pub tgt: Vec<String>,
    pub root: Vec<String>,
    /// Either direction counts.
    pub sym: bool,
    /// `YYYY-MM[-DD]`; a predicted date is right when it starts with this.
    pub date: Option<String>,
}

/// One gold document (the input document fields other than `id` are not needed to score).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldDoc {
    pub id: String,
    pub events: Vec<GoldEvent>,
    pub optional: Vec<GoldEvent>,
    pub forbidden: Vec<GoldEvent>,
}

/// Calls `f` with each non-blank line and its 1-based number. Lines end at `\n`, `\r\n` or a
/// lone `\r`, as with Python's universal newlines; a BOM at the start is ignored.
fn for_each_line(
    mut r: impl BufRead,
    path: &str,
    mut f: impl FnMut(u64, &str) -> Result<(), String>,
) -> Result<(), EvalError> {
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        match r.read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(EvalError::Io {
                    path: path.into(),
                    source,
                })
            }
        }
        line += 1;
        let err = |reason: String| EvalError::Line {
            path: path.into(),
            line,
            reason,
        };
        let mut text = std::str::from_utf8(&buf).map_err(|e| {
            err(format!(
                "invalid UTF-8 at byte {} of the line",
                e.valid_up_to()
            ))
        })?;
        if line == 1 {
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
        }
        for piece in text.split('\r') {
            if piece.trim().is_empty() {
                continue;
            }
            f(line, piece).map_err(err)?;
        }
    }
}

/// Reads a gold file: one document per line with `id` and `events` (`optional`, `forbidden`
/// may be absent).
pub fn read_gold(r: impl BufRead, path: &str) -> Result<Vec<GoldDoc>, EvalError> {
    let mut docs = Vec::new();
    for_each_line(r, path, |_, line| {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
        let Value::Object(o) = v else {
            return Err("expected a JSON object".into());
        };
        let id = match o.get("id") {
            Some(Value::String(s)) => s.clone(),
            _ => return Err("\"id\" must be a string".into()),
        };
        let list = |k: &str, required: bool| -> Result<Vec<GoldEvent>, String> {
            match o.get(k) {
                None if !required => Ok(Vec::new()),
                Some(Value::Array(a)) => a
                    .iter()
                    .enumerate()
                    .map(|(i, e)| gold_event(e).map_err(|m| format!("{k}[{i}]: {m}")))
                    .collect(),
                _ => Err(format!("\"{k}\" must be a list")),
            }
        };
        docs.push(GoldDoc {
            id,
            events: list("events", true)?,
            optional: list("optional", false)?,
            forbidden: list("forbidden", false)?,
        });
        Ok(())
    })?;
    Ok(docs)
}

fn gold_event(v: &Value) -> Result<GoldEvent, String> {
    let Value::Object(o) = v else {
        return Err("expected an object".into());
    };
    let strings = |o: &Map<String, Value>, k: &str| -> Result<Vec<String>, String> {
        match o.get(k) {
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| match x {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(format!("\"{k}\" must hold strings")),
                })
                .collect(),
            _ => Err(format!("\"{k}\" must be a list of strings")),
        }
    };
    Ok(GoldEvent {
        src: strings(o, "src")?,
        tgt: strings(o, "tgt")?,
        root: strings(o, "root")?,
        sym: o.get("sym").is_some_and(py::truthy),
        date: match o.get("date") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err("\"date\" must be a string".into()),
        },
    })
}

/// Reads an events file (what `tacitus code --format jsonl` prints), one object per line.
pub fn read_events(r: impl BufRead, path: &str) -> Result<Vec<ScoredEvent>, EvalError> {
    let mut events = Vec::new();
    for_each_line(r, path, |_, line| {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
        if !v.is_object() {
            return Err("expected a JSON object".into());
        }
        events.push(ScoredEvent::from_json(&v));
        Ok(())
    })?;
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_errors_name_the_line() {
        let e = read_gold(
            &b"\n{\"id\":\"a\",\"events\":[]}\r\n{\"id\":\"b\"}\n"[..],
            "g.jsonl",
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "g.jsonl:3: \"events\" must be a list");
        let e = read_gold(&b"{\"id\":\"a\",\"events\":[{\"src\":[1]}]}"[..], "g").unwrap_err();
        assert!(e
            .to_string()
            .starts_with("g:1: events[0]: \"src\" must hold strings"));
        let e = read_events(&b"{}\n[1]\n"[..], "e").unwrap_err();
        assert_eq!(e.to_string(), "e:2: expected a JSON object");
    }

    #[test]
    fn universal_newlines() {
        let ev = read_events(
            &b"\xEF\xBB\xBF{\"doc_id\":\"a\"}\r{\"doc_id\":\"b\"}\r\n\r\n"[..],
            "e",
        )
        .unwrap();
        assert_eq!(ev.len(), 2);
    }
}
