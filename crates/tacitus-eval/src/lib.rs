//! The reference event metric, a faithful port of `shared/tools/score_events.py`.
//!
//! Scores must be comparable with every other tool that uses the Python scorer, so this module
//! reproduces it number for number: each predicted event is reduced to a
//! (source country, target country, CAMEO root) tuple, counted once per document (the first
//! event's date is kept for the tuple); `country` is `actor.country` or else the first three
//! characters of `actor.code`, upper-cased; the root is `cameo_root` or else `cameo[..2]`,
//! zero-padded to two digits; events missing any of the three are not scored. Per document, a
//! tuple matching a `forbidden` gold event is a false positive, one matching a required event is
//! a hit, one matching only an `optional` event is ignored, anything else is a false positive.
//! Dates are right when the tuple's date starts with the gold date.
//!
//! Events come either as [`tacitus_model::Event`]s or as raw JSON (an events file); both reduce
//! to a [`ScoredEvent`] first.

mod gold;
mod py;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

pub use gold::{read_events, read_gold, EvalError, GoldDoc, GoldEvent};
use serde_json::Value;
use tacitus_model::Event;

/// A predicted event reduced to what the metric looks at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoredEvent {
    /// Python's `str(doc_id)` (`"None"` when absent).
    pub doc_id: String,
    pub source_country: Option<String>,
    pub target_country: Option<String>,
    /// Two-digit CAMEO root.
    pub root: Option<String>,
    /// The event's date, `""` when it has none.
    pub date: String,
}

impl ScoredEvent {
    /// Reduces one event object of an events file, as the Python does with `json.loads(line)`.
    pub fn from_json(ev: &Value) -> ScoredEvent {
        ScoredEvent {
            doc_id: py::str_of(ev.get("doc_id").unwrap_or(&Value::Null)),
            source_country: json_country(ev.get("source")),
            target_country: json_country(ev.get("target")),
            root: json_root(ev),
            date: match ev.get("date") {
                Some(d) if py::truthy(d) => py::str_of(d),
                _ => String::new(),
            },
        }
    }

    /// The (source, target, root) tuple, or `None` when the event is not scored.
    fn tuple(&self) -> Option<Tuple> {
        Some((
            self.source_country.clone()?,
            self.target_country.clone()?,
            self.root.clone()?,
        ))
    }
}

impl From<&Event> for ScoredEvent {
    fn from(ev: &Event) -> ScoredEvent {
        let country = |code: &str, country: Option<&str>| {
            let c = match country.filter(|c| !c.is_empty()) {
                Some(c) => c.to_string(),
                None => code.chars().take(3).collect(),
            };
            let c = c.to_uppercase();
            (!c.is_empty()).then_some(c)
        };
        let root = if ev.cameo_root.is_empty() {
            ev.cameo.chars().take(2).collect()
        } else {
            ev.cameo_root.clone()
        };
        ScoredEvent {
            doc_id: ev.doc_id.clone(),
            source_country: country(&ev.source.code, ev.source.country.as_deref()),
            target_country: ev
                .target
                .as_ref()
                .and_then(|t| country(&t.code, t.country.as_deref())),
            root: (!root.is_empty()).then(|| py::zfill2(&root)),
            date: ev.date.clone().unwrap_or_default(),
        }
    }
}

/// `country(actor)` of the Python.
fn json_country(actor: Option<&Value>) -> Option<String> {
    let actor = actor.filter(|a| py::truthy(a))?;
    let get_str = |k: &str| match actor.get(k) {
        Some(v) if py::truthy(v) => py::str_of(v),
        _ => String::new(),
    };
    let mut c = get_str("country");
    if c.is_empty() {
        c = get_str("code").chars().take(3).collect();
    }
    let c = c.to_uppercase();
    (!c.is_empty()).then_some(c)
}

/// `root(ev)` of the Python.
fn json_root(ev: &Value) -> Option<String> {
    let r = match ev.get("cameo_root") {
        Some(r) if py::truthy(r) => py::str_of(r),
        _ => match ev.get("cameo") {
            Some(c) if py::truthy(c) => py::str_of(c).chars().take(2).collect(),
            _ => String::new(),
        },
    };
    (!r.is_empty()).then(|| py::zfill2(&r))
}

type Tuple = (String, String, String);

fn matches(t: &Tuple, g: &GoldEvent) -> bool {
    let (s, d, r) = t;
    if !g.root.contains(r) {
        return false;
    }
    if g.src.contains(s) && g.tgt.contains(d) {
        return true;
    }
    g.sym && g.src.contains(d) && g.tgt.contains(s)
}

/// Counts for one CAMEO root (see [`Report::per_root`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RootStats {
    /// Required gold events whose first accepted root is this one.
    pub required: usize,
    /// Of those, how many were found.
    pub found: usize,
    /// Predicted tuples with this root that hit a required event.
    pub hits: usize,
    /// Predicted tuples with this root that were false positives.
    pub false_pos: usize,
}

impl RootStats {
    /// hits / (hits + false positives), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.hits, self.hits + self.false_pos)
    }
    /// found / required, 0 when nothing is required.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.required)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// The figures of `score_events.py`, plus a per-root breakdown and the `--show` lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub docs: usize,
    pub event_lines: usize,
    pub required: usize,
    pub found: usize,
    pub false_pos: usize,
    pub hits: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub date_acc: f64,
    /// By two-digit root; false positives count under the predicted tuple's root.
    pub per_root: BTreeMap<String, RootStats>,
    /// The lines `--show` prints (`  miss …`, `  FORBIDDEN …`, `  false …`), in the Python's order.
    pub details: Vec<String>,
}

impl fmt::Display for Report {
    /// The Python's summary line, character for character.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "docs={} event_lines={} required={} found={} false_pos={} \
             precision={:.3} recall={:.3} f1={:.3} date_acc={:.3}",
            self.docs,
            self.event_lines,
            self.required,
            self.found,
            self.false_pos,
            self.precision,
            self.recall,
            self.f1,
            self.date_acc
        )
    }
}

impl Report {
    /// A per-root table: root, required, found, hits, false positives, P, R, F1.
    pub fn per_root_table(&self) -> String {
        let mut s =
            String::from("root  required  found  hits  false_pos  precision  recall     f1\n");
        for (root, r) in &self.per_root {
            s.push_str(&format!(
                "{root:<4}  {:>8}  {:>5}  {:>4}  {:>9}  {:>9.3}  {:>6.3}  {:>5.3}\n",
                r.required,
                r.found,
                r.hits,
                r.false_pos,
                r.precision(),
                r.recall(),
                r.f1()
            ));
        }
        s
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Predicted tuples of one document, in first-seen order, with the first date seen.
#[derive(Default)]
struct DocPred {
    order: Vec<(Tuple, String)>,
    index: HashMap<Tuple, usize>,
}

/// Scores `events` against `gold` exactly as `score_events.py` does.
pub fn score<'a>(gold: &[GoldDoc], events: impl IntoIterator<Item = &'a ScoredEvent>) -> Report {
    let mut pred: HashMap<&str, DocPred> = HashMap::new();
    let mut rep = Report {
        docs: gold.len(),
        ..Default::default()
    };
    for ev in events {
        rep.event_lines += 1;
        let Some(t) = ev.tuple() else { continue };
        let p = pred.entry(ev.doc_id.as_str()).or_default();
        if !p.index.contains_key(&t) {
            p.index.insert(t.clone(), p.order.len());
            p.order.push((t, ev.date.clone()));
        }
    }
    let empty = DocPred::default();
    let (mut dated, mut date_ok) = (0usize, 0usize);
    for g in gold {
        let p = pred.get(g.id.as_str()).unwrap_or(&empty);
        rep.required += g.events.len();
        for ge in &g.events {
            let first_root = ge.root.first().cloned().unwrap_or_default();
            let stats = rep.per_root.entry(first_root).or_default();
            stats.required += 1;
            let m: Vec<&(Tuple, String)> = p.order.iter().filter(|(t, _)| matches(t, ge)).collect();
            if !m.is_empty() {
                rep.found += 1;
                stats.found += 1;
                if let Some(d) = ge.date.as_deref().filter(|d| !d.is_empty()) {
                    dated += 1;
                    if m.iter().any(|(_, pd)| pd.starts_with(d)) {
                        date_ok += 1;
                    }
                }
            } else {
                rep.details.push(format!(
                    "  miss {}: {}->{} {}",
                    g.id,
                    py::list_repr(&ge.src),
                    py::list_repr(&ge.tgt),
                    py::list_repr(&ge.root)
                ));
            }
        }
        for (t, _) in &p.order {
            let stats = rep.per_root.entry(t.2.clone()).or_default();
            if g.forbidden.iter().any(|f| matches(t, f)) {
                rep.false_pos += 1;
                stats.false_pos += 1;
                rep.details
                    .push(format!("  FORBIDDEN {}: {}", g.id, py::tuple_repr(t)));
            } else if g.events.iter().any(|ge| matches(t, ge)) {
                rep.hits += 1;
                stats.hits += 1;
            } else if g.optional.iter().any(|o| matches(t, o)) {
            } else {
                rep.false_pos += 1;
                stats.false_pos += 1;
                rep.details
                    .push(format!("  false {}: {}", g.id, py::tuple_repr(t)));
            }
        }
    }
    rep.precision = ratio(rep.hits, rep.hits + rep.false_pos);
    rep.recall = ratio(rep.found, rep.required);
    rep.f1 = f1(rep.precision, rep.recall);
    rep.date_acc = ratio(date_ok, dated);
    rep
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gold() -> Vec<GoldDoc> {
        let line = json!({"id": "d", "events": [
            {"src": ["KAZ"], "tgt": ["RUS"], "root": ["12"], "sym": false, "date": "2022-02-25"},
            {"src": ["RUS"], "tgt": ["UKR"], "root": ["19", "18"], "sym": true}],
            "optional": [{"src": ["CHN"], "tgt": ["RUS"], "root": ["03"], "sym": false}],
            "forbidden": [{"src": ["CHN"], "tgt": ["RUS"], "root": ["11"], "sym": false}]})
        .to_string();
        read_gold(line.as_bytes(), "g").unwrap()
    }

    #[test]
    fn reduces_json_like_python() {
        let e = ScoredEvent::from_json(
            &json!({"doc_id": 5, "source": {"code": "igonato", "country": null},
            "target": {"code": "RUSGOV", "country": "rus"}, "cameo": "190", "cameo_root": 0, "date": null}),
        );
        assert_eq!(e.doc_id, "5");
        assert_eq!(e.source_country.as_deref(), Some("IGO"));
        assert_eq!(e.target_country.as_deref(), Some("RUS"));
        assert_eq!(e.root.as_deref(), Some("19"));
        assert_eq!(e.date, "");
        let e = ScoredEvent::from_json(&json!({"source": {}, "target": null, "cameo_root": 3}));
        assert_eq!((e.doc_id.as_str(), e.root.as_deref()), ("None", Some("03")));
        assert_eq!((e.source_country, e.target_country), (None, None));
    }

    #[test]
    fn hits_optional_forbidden_sym_and_dates() {
        let ev = |s: &str, t: &str, r: &str, d: &str| ScoredEvent {
            doc_id: "d".into(),
            source_country: Some(s.into()),
            target_country: Some(t.into()),
            root: Some(r.into()),
            date: d.into(),
        };
        let events = [
            ev("KAZ", "RUS", "12", "2022-02-26"),
            ev("KAZ", "RUS", "12", "2022-02-25"), // same tuple: first date kept
            ev("UKR", "RUS", "18", ""),           // sym hit
            ev("CHN", "RUS", "03", ""),           // optional: ignored
            ev("CHN", "RUS", "11", ""),           // forbidden
            ev("USA", "RUS", "11", ""),           // false
        ];
        let r = score(&gold(), &events);
        assert_eq!(
            r.to_string(),
            "docs=1 event_lines=6 required=2 found=2 false_pos=2 precision=0.500 recall=1.000 \
             f1=0.667 date_acc=0.000"
        );
        assert_eq!(
            r.details,
            [
                "  FORBIDDEN d: ('CHN', 'RUS', '11')",
                "  false d: ('USA', 'RUS', '11')"
            ]
        );
        assert_eq!(r.per_root["11"].false_pos, 2);
        assert_eq!(r.per_root["12"].required, 1);
        assert!(r.per_root_table().contains("\n12  "));
    }

    #[test]
    fn model_events_reduce_the_same_way() {
        let ev: Event = serde_json::from_value(json!({
            "event_id": "x", "doc_id": "d", "sentence_index": 0, "sentence": "s",
            "date": "2022-02-25", "date_precision": "day",
            "source": {"code": "KAZGOV", "country": "KAZ", "sector": "GOV", "text": "K", "name": "K"},
            "target": {"code": "IGOUNO", "country": null, "sector": null, "text": "UN", "name": "UN"},
            "cameo": "1212", "cameo_root": "12", "goldstein": -4.0, "quad_class": 3,
            "plover": {"event_type": "REJECT", "mode": null, "context": []},
            "location": null, "attribution": null, "rule": "r", "confidence": 0.5}))
        .unwrap();
        let a = ScoredEvent::from(&ev);
        let b = ScoredEvent::from_json(&serde_json::to_value(&ev).unwrap());
        assert_eq!(a, b);
        assert_eq!(a.target_country.as_deref(), Some("IGO"));
    }
}
