//! According to whom: reporting frames ("according to Bloomberg News", "as NBC News' Peter
//! Alexander reported", "two people familiar with the matter said", "the ministry said").

use tacitus_knowledge::{ActorKind, Knowledge};
use tacitus_model::{Attribution, AttributionKind};
use tacitus_tagger::Pos;

use crate::analysis::{SentenceAnalysis, SPEECH_VERBS};
use crate::mentions::{Hit, Mention};

const ANONYMOUS: &[&str] = &[
    "familiar",
    "anonymity",
    "anonymous",
    "sources",
    "source",
    "insiders",
    "unnamed",
    "identified",
];
const DOCUMENTS: &[&str] = &[
    "report",
    "statement",
    "document",
    "documents",
    "filing",
    "memo",
    "letter",
    "communique",
    "data",
    "study",
    "survey",
    "reports",
];

/// A reporting frame found in a sentence, with the tokens it covers.
pub(crate) struct Frame {
    pub attribution: Attribution,
    /// Token range of the frame: events are not coded from inside it.
    pub start: usize,
    pub end: usize,
}

/// Finds the sentence's reporting frame, if any.
pub(crate) fn find(
    a: &SentenceAnalysis<'_>,
    k: &Knowledge,
    hits: &[Hit],
    ms: &[Mention],
) -> Option<Frame> {
    let t = &a.toks;
    // The source phrase: after "according to" / "as", or before a speech verb.
    let mut phrase = None;
    for i in 0..t.len() {
        if t[i].lower == "according" && t.get(i + 1).is_some_and(|n| n.lower == "to") {
            let end = phrase_end(a, i + 2);
            phrase = Some((i, i + 2, end, end));
            break;
        }
        if SPEECH_VERBS.contains(&t[i].lemma) && t[i].pos.is_verb() {
            // "as X reported" / ", X said" / "X said that" / "the people said,"
            let mut s = i;
            while s > 0
                && !matches!(t[s - 1].lower, "," | "\"" | "“" | "”" | "as" | "." | "that")
                && i - s < 10
            {
                s -= 1;
            }
            let opener = if s > 0 && t[s - 1].lower == "as" {
                s - 1
            } else {
                s
            };
            if s < i {
                phrase = Some((opener, s, i, i + 1));
                if t[i].lemma == "say" || opener < s {
                    break;
                }
            }
        }
    }
    let (frame_start, ps, pe, frame_end) = phrase?;
    let words = &t[ps..pe.min(t.len())];
    let outlet = hits.iter().find(|h| {
        h.start >= ps
            && h.end <= pe.max(h.end).min(frame_end.max(pe))
            && h.start < pe
            && k.actors.entry(h.entry).kind == ActorKind::Outlet
    });
    let text = |s: usize, e: usize| -> String {
        if s >= e || e > t.len() {
            return String::new();
        }
        a.text[t[s].start..t[e - 1].end].to_string()
    };
    let mut att = Attribution {
        kind: None,
        outlet: None,
        reporter: None,
        source_text: Some(text(frame_start, frame_end.min(t.len()))),
    };
    if let Some(o) = outlet {
        att.kind = Some(AttributionKind::Media);
        att.outlet = Some(k.actors.entry(o.entry).name.clone());
        att.reporter = reporter(a, ps, pe, o.start, o.end);
    } else if words.iter().any(|w| ANONYMOUS.contains(&w.lower))
        || (words.iter().any(|w| w.lower == "people") && pe - ps <= 4)
    {
        att.kind = Some(AttributionKind::Anonymous);
    } else if words.iter().any(|w| DOCUMENTS.contains(&w.lower)) {
        att.kind = Some(AttributionKind::Document);
    } else if ms.iter().any(|m| m.start >= ps && m.end <= pe)
        || words.iter().any(|w| {
            matches!(
                w.lower,
                "officials"
                    | "official"
                    | "ministry"
                    | "spokesman"
                    | "spokeswoman"
                    | "spokesperson"
                    | "government"
            )
        })
    {
        att.kind = Some(AttributionKind::Official);
    } else {
        return None;
    }
    Some(Frame {
        attribution: att,
        start: frame_start,
        end: frame_end,
    })
}

fn phrase_end(a: &SentenceAnalysis<'_>, from: usize) -> usize {
    let t = &a.toks;
    let mut e = from;
    while e < t.len()
        && !matches!(t[e].lower, "," | "." | ";" | "\"" | "“" | "”")
        && !(t[e].pos.is_verb() && e > from + 1)
    {
        e += 1;
    }
    e
}

/// A reporter's name next to the outlet: "NBC News' Peter Alexander", "Andrew Roth at The
/// Guardian", "Liz Cookman for Al Jazeera".
fn reporter(
    a: &SentenceAnalysis<'_>,
    ps: usize,
    pe: usize,
    os: usize,
    oe: usize,
) -> Option<String> {
    let t = &a.toks;
    let is_name = |i: usize| {
        t.get(i).is_some_and(|x| {
            x.capitalised && matches!(x.pos, Pos::ProperNoun | Pos::Noun | Pos::Adjective)
        })
    };
    let name_from = |s: usize| -> Option<String> {
        let mut e = s;
        while e < pe.max(s) + 3 && is_name(e) && e - s < 4 {
            e += 1;
        }
        (e > s + 1).then(|| a.text[t[s].start..t[e - 1].end].to_string())
    };
    // After the possessive.
    if t.get(oe).is_some_and(|x| x.lower == "'" || x.lower == "'s") {
        if let Some(n) = name_from(oe + 1) {
            return Some(n);
        }
    }
    // Before "at/for/of/from" + outlet.
    let mut s = os;
    if s > 0 && t[s - 1].lower == "the" {
        s -= 1;
    }
    if s >= 3 && matches!(t[s - 1].lower, "at" | "for" | "of" | "from") {
        let mut b = s - 1;
        while b > ps && is_name(b - 1) && s - 1 - b < 4 {
            b -= 1;
        }
        if b + 1 < s - 1 {
            return Some(a.text[t[b].start..t[s - 2].end].to_string());
        }
    }
    None
}
