//! The coded event, field for field the contract of `shared/spec/README.md`.

use serde::{Deserialize, Serialize};

/// One side of an event: who acted, or who was acted upon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// CAMEO-style actor code: country first (`RUSCOP`), or `IGO…`/`NGO…`, or `WST`.
    pub code: String,
    /// ISO 3166-1 alpha-3 of the actor's state; `None` for organisations and blocs.
    pub country: Option<String>,
    /// CAMEO sector (`GOV`, `MIL`, `COP`, …), when one is known.
    pub sector: Option<String>,
    /// The words of the article that name the actor.
    pub text: String,
    /// The dictionary's canonical name.
    pub name: String,
}

/// PLOVER view of the CAMEO code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type (`REJECT`, `ASSAULT`…); `None` for CAMEO statements and appeals.
    pub event_type: Option<String>,
    pub mode: Option<String>,
    pub context: Vec<String>,
}

/// Where the event happened, when the text says so.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u64>,
}

/// Who vouches for the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionKind {
    Media,
    Official,
    Anonymous,
    Document,
}

impl AttributionKind {
    /// The kind's name in the event JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Media => "media",
            AttributionKind::Official => "official",
            AttributionKind::Anonymous => "anonymous",
            AttributionKind::Document => "document",
        }
    }
}

/// According to whom: the reporting frame around the event ("as NBC News reported").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub kind: Option<AttributionKind>,
    pub outlet: Option<String>,
    pub reporter: Option<String>,
    pub source_text: Option<String>,
}

/// A byte span in the sentence, with a label saying what it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// `--explain` detail: the spans the rule used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Explain {
    pub spans: Vec<Span>,
    /// The dictionary line that fired, verbatim.
    pub pattern: String,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable hash of doc_id + sentence + source + target + cameo.
    pub event_id: String,
    pub doc_id: String,
    pub sentence_index: usize,
    pub sentence: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub source: Actor,
    pub target: Option<Actor>,
    pub cameo: String,
    pub cameo_root: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub plover: Plover,
    pub location: Option<Location>,
    pub attribution: Option<Attribution>,
    pub rule: String,
    pub confidence: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

impl Event {
    /// The stable id: FNV-1a 64 over the identifying fields, as 16 hex digits.
    ///
    /// FNV is used (not `DefaultHasher`) because the id must not change between Rust releases.
    pub fn stable_id(
        doc_id: &str,
        sentence: &str,
        source: &str,
        target: Option<&str>,
        cameo: &str,
    ) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [doc_id, sentence, source, target.unwrap_or(""), cameo] {
            for &b in part.as_bytes().iter().chain(std::iter::once(&0u8)) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_id_is_stable_and_separates_fields() {
        let a = Event::stable_id("d", "s", "KAZGOV", Some("RUSGOV"), "1212");
        assert_eq!(
            a,
            Event::stable_id("d", "s", "KAZGOV", Some("RUSGOV"), "1212")
        );
        assert_ne!(
            a,
            Event::stable_id("d", "s", "KAZGO", Some("VRUSGOV"), "1212")
        );
        assert_eq!(a.len(), 16);
    }
}
