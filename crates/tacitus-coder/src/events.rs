//! Event patterns applied to verb groups: the most specific dictionary pattern for the main verb,
//! control verbs composed with their complements, modality and negation.

use tacitus_knowledge::{ControlBehaviour, Element, Knowledge, VerbPattern};
use tacitus_tagger::Pos;

use crate::analysis::{is_aux, Modality, SentenceAnalysis, VerbGroup};
use crate::codes;
use crate::mentions::Mention;

/// Maximum tokens between consecutive pattern elements.
const GAP: usize = 5;

/// Adjectival frames that behave like control verbs: "is ready to", "is expected to".
fn adjective_control(lower: &str) -> Option<ControlBehaviour> {
    Some(match lower {
        "ready" | "willing" | "prepared" | "eager" | "poised" | "determined" | "set" => ControlBehaviour::Commit,
        "expected" | "likely" | "unlikely" | "due" | "able" | "unable" | "supposed" => ControlBehaviour::Intend,
        "reluctant" | "unwilling" => ControlBehaviour::Refuse,
        _ => return None,
    })
}

/// Verbs that report speech: bare, they frame an event rather than being one.
const SPEECH_HEADS: &[&str] = &["say", "tell", "report", "note", "add", "write", "mention", "highlight", "state", "claim", "quote", "cite", "reveal", "show", "confirm"];

/// A coded predicate: which pattern fired, the final code, and the tokens it used.
#[derive(Clone, Debug)]
pub(crate) struct Predicate<'k> {
    pub pattern: &'k VerbPattern,
    pub code: String,
    /// Main verb token (of the complement, when composed).
    pub head: usize,
    /// The verb group whose subject is the event's source.
    pub subject_group: usize,
    /// Tokens matched by pattern elements.
    pub elements: Vec<usize>,
    /// Token where the target element matched, if the pattern has one.
    pub target_at: Option<usize>,
    /// Where to stop looking for the object.
    pub last: usize,
    pub passive: bool,
    /// What transformed the code: "refuse", "will"...
    pub via: Option<&'static str>,
}

/// Matches one pattern's elements after `head`; returns matched element tokens.
fn match_elements(a: &SentenceAnalysis<'_>, ms: &[Mention], p: &VerbPattern, head: usize, end: usize) -> Option<(Vec<usize>, Option<usize>)> {
    let t = &a.toks;
    let mut pos = head + 1;
    let mut matched = Vec::with_capacity(p.elements.len());
    let mut target_at = None;
    for el in &p.elements {
        let limit = (pos + GAP + 1).min(end);
        let found = (pos..limit).find(|&i| match el {
            Element::Lemma(ls) => ls.iter().any(|l| **l == *t[i].lemma || **l == *t[i].lower),
            Element::Target => ms.iter().any(|m| m.start == i),
        })?;
        if matches!(el, Element::Target) {
            target_at = Some(found);
            pos = ms.iter().filter(|m| m.start == found).map(|m| m.end).max().unwrap_or(found + 1);
        } else {
            matched.push(found);
            pos = found + 1;
        }
    }
    Some((matched, target_at))
}

/// The most specific pattern of the verb at `head` that matches, if any.
fn best_pattern<'k>(a: &SentenceAnalysis<'_>, k: &'k Knowledge, ms: &[Mention], head: usize, end: usize) -> Option<(&'k VerbPattern, Vec<usize>, Option<usize>)> {
    let lemma = &a.toks[head].lemma;
    k.verbs.patterns(lemma).iter().find_map(|p| {
        let (m, tgt) = match_elements(a, ms, p, head, end)?;
        Some((p, m, tgt))
    })
}

/// Finds the complement verb of a control verb: "refused (not) to recognize", "stopped issuing".
fn complement(a: &SentenceAnalysis<'_>, groups: &[VerbGroup], head: usize) -> Option<usize> {
    let t = &a.toks;
    let mut i = head + 1;
    while i < t.len() && matches!(t[i].pos, Pos::Adverb) {
        i += 1;
    }
    if t.get(i).is_some_and(|x| x.pos == Pos::To || x.lower == "to") {
        let g = groups.iter().position(|g| g.start == i + 1 || (g.start > i && g.start <= i + 2 && g.head == g.start))?;
        return Some(g);
    }
    None
}

/// Codes the verb group `g`. Returns `None` when it is no event (negated, hypothetical, vetoed,
/// refused hostility, a bare speech verb, or no pattern).
pub(crate) fn code_group<'k>(a: &SentenceAnalysis<'_>, k: &'k Knowledge, groups: &[VerbGroup], g: usize, ms: &[Mention], clause_end: usize) -> Option<Predicate<'k>> {
    let group = &groups[g];
    let t = &a.toks;
    if group.negated || group.modality == Modality::Hypothetical || is_aux(&t[group.head].lower) && !k.verbs.is_head(&t[group.head].lemma) {
        return None;
    }
    let head = group.head;
    // Adjectival control: "is ready to contribute".
    let adj_control = if is_aux(&t[head].lower) {
        t.get(head + 1).and_then(|x| adjective_control(&x.lower)).map(|b| (b, head + 1))
    } else {
        None
    };
    let own = best_pattern(a, k, ms, head, clause_end);
    let control = adj_control.or_else(|| k.verbs.control(&t[head].lemma).map(|b| (b, head)));
    if let Some((behaviour, at)) = control {
        // An explicit multi-word pattern on the control verb wins ("refuse recognize").
        let explicit = own.as_ref().is_some_and(|(p, m, _)| !p.elements.is_empty() && m.iter().any(|&x| x > at + 1));
        if !explicit {
            if let Some(cg) = complement(a, groups, at) {
                if groups[cg].negated {
                    return None;
                }
                let inner = code_group(a, k, groups, cg, ms, clause_end.max(crate::grammar::clause_end(a, groups[cg].head + 1)));
                return compose(behaviour, inner, g);
            }
        }
    }
    let (pattern, elements, target_at) = own?;
    let mut code = pattern.code.clone()?;
    if pattern.elements.is_empty() && SPEECH_HEADS.contains(&pattern.head.as_ref()) {
        return None;
    }
    let mut via = None;
    if group.modality == Modality::Future {
        if codes::is_cooperative(&code) || matches!(codes::root(&code), "01" | "02") {
            code = codes::intent(&code)?.to_string();
            via = Some("will");
        } else {
            code = codes::threat(&code)?.to_string();
            via = Some("will");
        }
    }
    let last = elements.iter().copied().chain(target_at).max().unwrap_or(head);
    Some(Predicate { pattern, code, head, subject_group: g, elements, target_at, last, passive: group.passive, via })
}

fn compose(behaviour: ControlBehaviour, inner: Option<Predicate<'_>>, g: usize) -> Option<Predicate<'_>> {
    let mut p = inner?;
    p.subject_group = g;
    let (code, via) = match behaviour {
        ControlBehaviour::Transparent | ControlBehaviour::Request => (p.code.clone(), None),
        ControlBehaviour::Negate | ControlBehaviour::Intend => return None,
        ControlBehaviour::Refuse => (codes::refusal(&p.code)?.to_string(), Some("refuse")),
        ControlBehaviour::Threaten => (codes::threat(&p.code).unwrap_or("130").to_string(), Some("threaten")),
        ControlBehaviour::Commit => {
            if codes::is_cooperative(&p.code) || matches!(codes::root(&p.code), "01" | "02") {
                (codes::intent(&p.code)?.to_string(), Some("commit"))
            } else {
                (codes::threat(&p.code)?.to_string(), Some("commit"))
            }
        }
    };
    p.code = code;
    p.via = via.or(p.via);
    Some(p)
}
