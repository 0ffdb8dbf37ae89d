//! Clause structure over verb groups: who is the subject of a verb (across insertions such as
//! ", as NBC News reported on Friday,", relative clauses, and coordinated verb phrases), and
//! which actor is its object.

use tacitus_tagger::Pos;

use crate::analysis::{SentenceAnalysis, VerbGroup};
use crate::mentions::{Mention, Strength};

/// Words that open an insertion that sits between a subject and its verb.
const INSERTION_OPENERS: &[&str] = &[
    "as",
    "according",
    "who",
    "which",
    "whose",
    "where",
    "citing",
    "including",
    "said",
    "reported",
    "officials",
    "sources",
    "in",
    "on",
    "after",
    "despite",
    "however",
];

/// Subordinators and relative words that start a new clause.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "while", "although", "though", "if",
    "unless", "whether", "when", "after", "before", "since", "until", "where", "as",
];

/// The strongest mention ending right before token `end`.
pub(crate) fn mention_ending_at(ms: &[Mention], end: usize) -> Option<&Mention> {
    ms.iter()
        .filter(|m| m.end == end)
        .max_by_key(|m| m.strength)
}

/// The strongest mention starting at token `start`.
pub(crate) fn mention_starting_at(ms: &[Mention], start: usize) -> Option<&Mention> {
    ms.iter()
        .filter(|m| m.start == start)
        .max_by_key(|m| m.strength)
}

/// The subject mentions of group `g` (several for "Poland and Bulgaria").
pub(crate) fn subject(
    a: &SentenceAnalysis<'_>,
    groups: &[VerbGroup],
    g: usize,
    ms: &[Mention],
) -> Vec<Mention> {
    let t = &a.toks;
    let group = &groups[g];
    // ", killing three soldiers": a participle clause shares the main clause's subject.
    if group.start == group.head
        && t[group.head].pos == Pos::VerbGerund
        && group.start > 0
        && t[group.start - 1].lower == ","
    {
        return match (0..g).rev().find(|&p| groups[p].head < group.start) {
            Some(p) => subject(a, groups, p, ms),
            None => Vec::new(),
        };
    }
    let mut j = group.start;
    // Coordinated verb phrase: "refused to blame Russia and instead blamed the West".
    let mut k = j;
    while k > 0 && matches!(t[k - 1].pos, Pos::Adverb) {
        k -= 1;
    }
    if k > 0
        && (t[k - 1].pos == Pos::CoordConj
            || (t[k - 1].lower == "," && k > 1 && t[k - 2].pos == Pos::CoordConj))
    {
        if let Some(prev) = (0..g).rev().find(|&p| groups[p].head < k) {
            // The verb before the conjunction shares our subject, skipping its own complements.
            let mut p = prev;
            while p > 0 && groups[p].start > 0 && t[groups[p].start - 1].pos == Pos::To {
                p -= 1;
            }
            return subject(a, groups, p, ms);
        }
    }
    while j > 0 {
        let i = j - 1;
        let tok = &t[i];
        if let Some(m) = mention_ending_at(ms, j).filter(|m| !m.is_place) {
            let governed = governing_preposition(a, m.start).is_some_and(|p| p != "of");
            let possessor = t
                .get(m.end)
                .is_some_and(|n| n.pos == Pos::Possessive || n.lower == "'s");
            if !governed && !possessor {
                return with_conjuncts_left(a, ms, m.clone());
            }
            j = m.start;
            continue;
        }
        if tok.lower == "," {
            // Skip an insertion ", as X reported on Friday," back to the comma that opens it.
            if let Some(open) = (0..i).rev().take(25).find(|&p| t[p].lower == ",") {
                if INSERTION_OPENERS.contains(&t[open + 1].lower) {
                    j = open;
                    continue;
                }
            }
            j = i;
            continue;
        }
        if matches!(tok.lower, "who" | "which" | "that") && tok.pos != Pos::Determiner {
            // Relative clause: its subject is the antecedent just before.
            let mut p = i;
            if p > 0 && t[p - 1].lower == "," {
                p -= 1;
            }
            return mention_ending_at(ms, p).cloned().into_iter().collect();
        }
        if CLAUSE_OPENERS.contains(&tok.lower)
            || matches!(tok.lower, ";" | ":" | "—" | "–" | "\"" | "“" | "”")
        {
            return Vec::new();
        }
        // "An Israeli request to operate on the Egyptian side ... was rejected": an infinitive
        // modifying the subject is passed over.
        if let Some(gr) = groups
            .iter()
            .find(|gr| gr.head == i && gr.start > 0 && t[gr.start - 1].pos == Pos::To)
        {
            j = gr.start - 1;
            continue;
        }
        if groups.iter().any(|gr| gr.head == i) && !crate::analysis::is_aux(tok.lower) {
            // Another finite verb: we left our clause.
            return Vec::new();
        }
        j = i;
    }
    Vec::new()
}

/// Extends a subject leftwards over "X and Y" / "X, Y and Z".
fn with_conjuncts_left(a: &SentenceAnalysis<'_>, ms: &[Mention], m: Mention) -> Vec<Mention> {
    let t = &a.toks;
    let mut out = vec![m.clone()];
    let mut start = m.start;
    while start >= 2 && matches!(t[start - 1].lower, "and" | ",") {
        match mention_ending_at(ms, start - 1) {
            Some(p) => {
                out.insert(0, p.clone());
                start = p.start;
            }
            None => break,
        }
    }
    out
}

/// Extends an object rightwards over "X and Y".
pub(crate) fn with_conjuncts_right(
    a: &SentenceAnalysis<'_>,
    ms: &[Mention],
    m: Mention,
) -> Vec<Mention> {
    let t = &a.toks;
    let mut out = vec![m.clone()];
    let mut end = m.end;
    while end < t.len() && matches!(t[end].lower, "and" | ",") {
        let mut s = end + 1;
        if t.get(s).is_some_and(|x| x.lower == "and") {
            s += 1;
        }
        // "Denmark and the Netherlands": the mention may start after the article.
        if mention_starting_at(ms, s).is_none()
            && t.get(s).is_some_and(|x| x.pos == Pos::Determiner)
        {
            s += 1;
        }
        match mention_starting_at(ms, s) {
            Some(n) => {
                out.push(n.clone());
                end = n.end;
            }
            None => break,
        }
    }
    out
}

/// Where the clause of a verb ends: a subordinator, a semicolon, or the next finite verb that is
/// not a complement of this one.
pub(crate) fn clause_end(a: &SentenceAnalysis<'_>, from: usize) -> usize {
    let t = &a.toks;
    for (i, tok) in t.iter().enumerate().skip(from) {
        if matches!(
            tok.lower,
            ";" | ":"
                | "which"
                | "who"
                | "whom"
                | "whose"
                | "while"
                | "although"
                | "because"
                | "but"
                | "if"
                | "unless"
                | "when"
                | "—"
                | "after"
                | "before"
                | "since"
                | "until"
                | "whereas"
                | "though"
                | "once"
                | "where"
        ) {
            return i;
        }
        // An infinitive of purpose starts a new clause: "met ... to coordinate their positions".
        if tok.pos == Pos::To && t.get(i + 1).is_some_and(|n| n.pos == Pos::Verb) && i > from {
            return i;
        }
        // ", a decision Tokayev has praised": an appositive ends the verb's phrase; so does
        // ", and ..." / ", but ...", which starts a clause of its own.
        if tok.lower == ","
            && i > from
            && t.get(i + 1)
                .is_some_and(|n| matches!(n.lower, "a" | "an") || n.pos == Pos::CoordConj)
        {
            return i;
        }
        if tok.lower == "," {
            // ", according to X," and ", the ministry said" insertions end the object search.
            if t.get(i + 1).is_some_and(|n| {
                matches!(
                    n.lower,
                    "according" | "as" | "said" | "which" | "who" | "while" | "but" | "citing"
                )
            }) {
                return i;
            }
        }
    }
    t.len()
}

/// The object mentions after position `from`, up to `end`, skipping passive agents and the
/// subject itself.
pub(crate) fn object(
    a: &SentenceAnalysis<'_>,
    ms: &[Mention],
    from: usize,
    end: usize,
    exclude: &[Mention],
) -> Vec<Mention> {
    let t = &a.toks;
    let candidates = ms.iter().filter(|m| m.start >= from && m.start < end);
    // The first actor after the verb, except places and nationality adjectives buried in a
    // prepositional phrase, which come last: "discuss the sale of Greenland with the new U.S.
    // administration", but "join Western sanctions against Russia".
    let buried = |m: &Mention| {
        m.is_place
            || (m.strength == Strength::Weak
                && governing_preposition(a, m.start).is_some_and(|p| {
                    !matches!(p, "to" | "against" | "with" | "on" | "toward" | "towards")
                }))
    };
    let (direct, late): (Vec<&Mention>, Vec<&Mention>) =
        candidates.partition(|m| m.strength != Strength::Weak && !buried(m));
    for m in direct.into_iter().chain(late) {
        if exclude.iter().any(|x| x.start == m.start && x.end == m.end) {
            continue;
        }
        if m.start > 0 && t[m.start - 1].lower == "by" {
            continue;
        }
        // "France is ready to contribute troops": bare agents resolved back to the subject's
        // own state are its instruments, not its target.
        // "set it on fire": "it" is never the subject's own state.
        let instrument = matches!(
            m.sector.as_deref(),
            Some("MIL" | "GOV" | "COP" | "SPY" | "BUS")
        ) || t[m.start].lower == "it";
        if instrument
            && m.strength == Strength::Resolved
            && exclude
                .iter()
                .any(|x| x.country.is_some() && x.country == m.country)
        {
            continue;
        }
        // Prefer a named actor over a weak adjective that comes first in a longer phrase.
        return with_conjuncts_right(a, ms, m.clone());
    }
    Vec::new()
}

/// The agent of a passive verb: the first actor of the "by" phrase after the verb
/// ("was hit by one of the largest Russian missile barrages").
pub(crate) fn passive_agent(
    a: &SentenceAnalysis<'_>,
    ms: &[Mention],
    from: usize,
    end: usize,
) -> Vec<Mention> {
    let t = &a.toks;
    let Some(by) = (from..end.min(t.len())).find(|&i| t[i].lower == "by") else {
        return Vec::new();
    };
    ms.iter()
        .find(|m| m.start > by && m.start <= by + 8 && m.start < end && !m.is_place)
        .map(|m| with_conjuncts_right(a, ms, m.clone()))
        .unwrap_or_default()
}

/// The preposition that governs a noun phrase starting at `start`, skipping determiners,
/// numbers and adjectives: "on the Egyptian side" -> "on".
pub(crate) fn governing_preposition<'a>(
    a: &'a SentenceAnalysis<'_>,
    start: usize,
) -> Option<&'a str> {
    let t = &a.toks;
    let mut i = start;
    while i > 0 && matches!(t[i - 1].pos, Pos::Determiner | Pos::Number | Pos::Adjective) {
        i -= 1;
    }
    (i > 0 && matches!(t[i - 1].pos, Pos::Adposition | Pos::To)).then(|| t[i - 1].lower)
}

/// "in Moscow", "at the White House": a place where something happened, not a party to it.
pub(crate) fn is_locative(a: &SentenceAnalysis<'_>, m: &Mention) -> bool {
    !m.is_person
        && matches!(
            governing_preposition(a, m.start),
            Some(
                "in" | "at"
                    | "inside"
                    | "near"
                    | "outside"
                    | "across"
                    | "throughout"
                    | "around"
                    | "within"
                    | "off"
            )
        )
}

/// False for verb forms that do not head a clause of their own: a gerund after a preposition
/// ("accused Moscow of blowing up"), a bare past participle ("a drone launched by militants").
pub(crate) fn is_finite_clause(a: &SentenceAnalysis<'_>, g: &VerbGroup) -> bool {
    let t = &a.toks;
    let bare = g.start == g.head;
    match t[g.head].pos {
        // A gerund after a preposition ("accused Moscow of blowing up") or right after a noun
        // ("a broadcast questioning the country's sovereignty") modifies, it does not assert.
        Pos::VerbGerund if bare => {
            !(g.start > 0
                && matches!(
                    t[g.start - 1].pos,
                    Pos::Adposition | Pos::SubConj | Pos::Noun
                )
                && t[g.start - 1].lower != "as")
        }
        // The tagger often calls a simple past a participle, so only a participle followed by
        // its agent or a preposition is taken as a reduced relative ("troops sent to").
        Pos::VerbParticiple | Pos::VerbPast if bare => {
            let next = t.get(g.head + 1);
            let after_noun = g.start > 0 && t[g.start - 1].pos == Pos::Noun;
            !(after_noun
                && next.is_some_and(|n| {
                    n.lower == "by"
                        || (t[g.head].pos == Pos::VerbParticiple
                            && matches!(n.pos, Pos::Adposition | Pos::To))
                }))
        }
        _ => true,
    }
}

/// True when the verb at `start` stands in an "if"/"unless"/"whether" clause.
pub(crate) fn in_conditional(a: &SentenceAnalysis<'_>, start: usize) -> bool {
    let t = &a.toks;
    for i in (0..start).rev() {
        match t[i].lower {
            "if" | "unless" | "whether" | "lest" => return true,
            ";" | "that" | "because" | "while" | "but" => return false,
            _ => {}
        }
    }
    false
}

/// "No Ukrainian drones struck", "held no talks", "signed no agreements": nothing happened.
pub(crate) fn has_negative_determiner(
    a: &SentenceAnalysis<'_>,
    sources: &[Mention],
    pred: &crate::events::Predicate<'_>,
) -> bool {
    let t = &a.toks;
    let from = sources
        .iter()
        .map(|m| m.start)
        .chain([pred.head])
        .min()
        .unwrap_or(pred.head)
        .saturating_sub(1);
    let to = pred.last.max(pred.head).min(t.len().saturating_sub(1));
    t.get(from..=to).is_some_and(|span| {
        span.iter()
            .any(|x| matches!(x.lower, "no" | "neither" | "nor" | "none"))
    })
}
