//! Event patterns applied to verb groups: the most specific dictionary pattern for the main verb,
//! control verbs composed with their complements, modality and negation.

use tacitus_knowledge::{ControlBehaviour, Element, Knowledge, VerbPattern};
use tacitus_tagger::Pos;

use crate::analysis::{is_aux, is_statement_verb, Modality, SentenceAnalysis, VerbGroup};
use crate::codes;
use crate::mentions::{Mention, Strength};

/// Maximum tokens between consecutive pattern elements.
const GAP: usize = 5;

/// Time words that may stand between a control verb and its complement.
const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "again",
    "also",
    "now",
    "then",
    "later",
    "earlier",
];

/// Particles and prepositions that form phrasal verbs.
const PARTICLES: &[&str] = &[
    "in", "on", "off", "out", "up", "down", "back", "over", "away", "for", "at", "into", "onto",
    "with", "to", "from", "against", "about", "through", "by", "around", "aside", "ahead",
    "forward", "apart", "upon",
];

/// Adjectival frames that behave like control verbs: "is ready to", "is expected to".
fn adjective_control(lower: &str) -> Option<ControlBehaviour> {
    Some(match lower {
        "ready" | "willing" | "prepared" | "eager" | "poised" | "determined" | "set" => {
            ControlBehaviour::Commit
        }
        "expected" | "likely" | "unlikely" | "due" | "able" | "unable" | "supposed" => {
            ControlBehaviour::Intend
        }
        "reluctant" | "unwilling" => ControlBehaviour::Refuse,
        _ => return None,
    })
}

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
    /// Verb groups this predicate used up (complements), not to be coded again.
    pub consumed: Vec<usize>,
}

impl<'k> Predicate<'k> {
    /// A predicate found by grammar rather than by a verb pattern.
    pub fn grammatical(
        pattern: &'k VerbPattern,
        code: &str,
        head: usize,
        subject_group: usize,
    ) -> Self {
        Predicate {
            pattern,
            code: code.into(),
            head,
            subject_group,
            elements: Vec::new(),
            target_at: None,
            last: head,
            passive: false,
            via: None,
            consumed: Vec::new(),
        }
    }
}

/// Matches one pattern's elements after `head`; returns matched element tokens.
fn match_elements(
    a: &SentenceAnalysis<'_>,
    ms: &[Mention],
    p: &VerbPattern,
    head: usize,
    end: usize,
) -> Option<(Vec<usize>, Option<usize>)> {
    let t = &a.toks;
    let mut pos = head + 1;
    let mut matched = Vec::with_capacity(p.elements.len());
    let mut target_at = None;
    for el in &p.elements {
        // A particle or preposition right after the verb belongs to it ("sit in", "cut off"):
        // it may not drift away from the verb.
        let gap = match el {
            Element::Lemma(ls)
                if pos == head + 1 && ls.iter().all(|l| PARTICLES.contains(&&**l)) =>
            {
                2
            }
            _ => GAP,
        };
        let limit = (pos + gap + 1).min(end);
        let mut found = None;
        for (i, tok) in t.iter().enumerate().take(limit).skip(pos) {
            let hit = match el {
                Element::Lemma(ls) => ls.iter().any(|l| **l == *tok.lemma || **l == *tok.lower),
                Element::Target => ms.iter().any(|m| m.start == i),
            };
            if hit {
                found = Some(i);
                break;
            }
            // Elements belong to this verb's phrase: they do not reach past another verb.
            if a.groups.iter().any(|g| g.head == i && !is_aux(tok.lower)) {
                break;
            }
        }
        let found = found?;
        if matches!(el, Element::Target) {
            target_at = Some(found);
            pos = ms
                .iter()
                .filter(|m| m.start == found)
                .map(|m| m.end)
                .max()
                .unwrap_or(found + 1);
        } else {
            matched.push(found);
            pos = found + 1;
        }
    }
    Some((matched, target_at))
}

/// The most specific pattern of the verb at `head` that matches, if any.
fn best_pattern<'k>(
    a: &SentenceAnalysis<'_>,
    k: &'k Knowledge,
    ms: &[Mention],
    head: usize,
    end: usize,
) -> Option<(&'k VerbPattern, Vec<usize>, Option<usize>)> {
    let lemma = &a.toks[head].lemma;
    let patterns = k.verbs.patterns(lemma);
    if patterns.is_empty() {
        return None;
    }
    // Only the patterns whose first word occurs within reach of the verb can match.
    let t = &a.toks;
    let window = &t[(head + 1).min(t.len())..(head + 2 + GAP).min(t.len()).min(end.max(head + 1))];
    let mut ids = Vec::new();
    k.verbs.candidates(
        lemma,
        window.iter().flat_map(|x| [x.lemma, x.lower]),
        &mut ids,
    );
    ids.iter().find_map(|&i| {
        let p = &patterns[i as usize];
        let (m, tgt) = match_elements(a, ms, p, head, end)?;
        Some((p, m, tgt))
    })
}

/// Finds the complement verb of a control verb: "refused (not) to recognize", "stopped issuing".
fn complement(a: &SentenceAnalysis<'_>, groups: &[VerbGroup], head: usize) -> Option<usize> {
    let t = &a.toks;
    let mut i = head + 1;
    // "threatened today to impose", "agreed on Monday to release".
    while i < t.len() && (matches!(t[i].pos, Pos::Adverb) || TIME_WORDS.contains(&t[i].lower)) {
        i += 1;
    }
    if t.get(i)
        .is_some_and(|x| x.pos == Pos::To || x.lower == "to")
    {
        let g = groups.iter().position(|g| {
            g.start == i + 1 || (g.start > i && g.start <= i + 2 && g.head == g.start)
        })?;
        return Some(g);
    }
    None
}

/// Codes the verb group `g`. Returns `None` when it is no event (negated, hypothetical, vetoed,
/// refused hostility, a bare speech verb, or no pattern).
pub(crate) fn code_group<'k>(
    a: &SentenceAnalysis<'_>,
    k: &'k Knowledge,
    groups: &[VerbGroup],
    g: usize,
    ms: &[Mention],
    clause_end: usize,
) -> Option<Predicate<'k>> {
    let group = &groups[g];
    let t = &a.toks;
    if is_aux(t[group.head].lower) && !k.verbs.is_head(t[group.head].lemma) {
        return None;
    }
    if group.negated || group.modality == Modality::Hypothetical {
        return negated_or_conditional(a, k, groups, g, ms, clause_end);
    }
    let head = group.head;
    // Adjectival control: "is ready to contribute".
    let adj_control = if is_aux(t[head].lower) {
        t.get(head + 1)
            .and_then(|x| adjective_control(x.lower))
            .map(|b| (b, head + 1))
    } else {
        None
    };
    let own = best_pattern(a, k, ms, head, clause_end);
    if crate::debug() {
        eprintln!(
            "GROUP {g} head={head} lemma={} own={:?} end={clause_end}",
            t[head].lemma,
            own.as_ref().map(|o| &o.0.text)
        );
    }
    let control = adj_control.or_else(|| k.verbs.control(t[head].lemma).map(|b| (b, head)));
    if let Some((ControlBehaviour::Disclaim, at)) = control {
        return disclaim(a, k, groups, g, at, ms, clause_end);
    }
    if let Some((behaviour, at)) = control {
        // An explicit multi-word pattern on the control verb wins ("refuse recognize").
        let explicit = own
            .as_ref()
            .is_some_and(|(p, m, _)| !p.elements.is_empty() && m.iter().any(|&x| x > at + 1));
        if !explicit {
            if let Some(cg) = complement(a, groups, at) {
                if groups[cg].negated {
                    return None;
                }
                let inner = code_group(
                    a,
                    k,
                    groups,
                    cg,
                    ms,
                    clause_end.max(crate::grammar::clause_end(a, groups[cg].head + 1)),
                );
                let fallback = matches!(
                    behaviour,
                    ControlBehaviour::Commit
                        | ControlBehaviour::Threaten
                        | ControlBehaviour::Request
                ) && inner.is_none();
                if !fallback {
                    return compose(behaviour, inner, g, cg);
                }
                // "agreed to set up a centre": the complement has no pattern, so the control
                // verb's own pattern ("agree" = 030) codes the commitment.
            }
        }
    }
    // "asked Moscow to send instructors": a request verb with no pattern of its own appeals.
    let own = own.or_else(|| match control {
        Some((ControlBehaviour::Request, at)) if at == head && addressee_then_to(a, ms, head) => k
            .verbs
            .patterns("appeal")
            .iter()
            .find(|p| p.elements.is_empty())
            .map(|p| (p, Vec::new(), None)),
        _ => None,
    });
    let (pattern, elements, target_at) = own?;
    let mut code = pattern.code.clone()?;
    // A bare verb of saying frames a report; it is no event of its own.
    if pattern.elements.is_empty() && is_statement_verb(&pattern.head) {
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
    let last = elements
        .iter()
        .copied()
        .chain(target_at)
        .max()
        .unwrap_or(head);
    Some(Predicate {
        pattern,
        code,
        head,
        subject_group: g,
        elements,
        target_at,
        last,
        passive: group.passive,
        via,
        consumed: Vec::new(),
    })
}

/// "asked Moscow to send": an actor right after the verb, then an infinitive.
fn addressee_then_to(a: &SentenceAnalysis<'_>, ms: &[Mention], head: usize) -> bool {
    let t = &a.toks;
    // The actor may start at the verb's next word or after an article ("asked the EU to").
    let skip = usize::from(t.get(head + 1).is_some_and(|x| x.pos == Pos::Determiner));
    ms.iter().any(|m| {
        (m.start == head + 1 || m.start == head + 1 + skip)
            && t.get(m.end).is_some_and(|x| x.pos == Pos::To)
    })
}

/// "Turkey will not recognize the annexation" refuses cooperation (12x); "Washington could
/// impose sanctions if Beijing supplies weapons" threatens (13x). Other negated or hypothetical
/// acts are no event.
fn negated_or_conditional<'k>(
    a: &SentenceAnalysis<'_>,
    k: &'k Knowledge,
    groups: &[VerbGroup],
    g: usize,
    ms: &[Mention],
    clause_end: usize,
) -> Option<Predicate<'k>> {
    let group = &groups[g];
    let t = &a.toks;
    let plain = VerbGroup {
        negated: false,
        modality: Modality::Fact,
        ..group.clone()
    };
    let mut all = groups.to_vec();
    all[g] = plain;
    if group.negated && group.modality == Modality::Future {
        let mut p = code_group(a, k, &all, g, ms, clause_end)?;
        if !codes::is_cooperative(&p.code) {
            return None;
        }
        p.code = codes::refusal(&p.code)?.to_string();
        p.via = Some("will not");
        return Some(p);
    }
    let conditional = (group.head..t.len()).any(|i| matches!(t[i].lower, "if" | "unless"));
    if !group.negated && group.modality == Modality::Hypothetical && conditional {
        let mut p = code_group(a, k, &all, g, ms, clause_end)?;
        p.code = codes::threat(&p.code)?.to_string();
        p.via = Some("could..if");
        return Some(p);
    }
    None
}

/// Nouns through which a nationality adjective acts: "Russian missiles struck Kyiv".
pub(crate) const WEAPONS: &[&str] = &[
    "aircraft",
    "planes",
    "gunships",
    "helicopter",
    "bombers",
    "submarine",
    "submarines",
    "navy",
    "vessels",
    "ships",
    "boats",
    "missile",
    "missiles",
    "drone",
    "drones",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "shelling",
    "barrage",
    "barrages",
    "artillery",
    "rocket",
    "rockets",
    "warplanes",
    "warplane",
    "bombs",
    "bomb",
    "shells",
    "fire",
    "gunfire",
    "jets",
    "helicopters",
    "warships",
    "tanks",
    "attack",
    "attacks",
];

/// "X denied supplying Y with weapons" / "X denied that its troops fired on Y": a denial (016)
/// from X about Y; the denied act itself is not coded.
fn disclaim<'k>(
    a: &SentenceAnalysis<'_>,
    k: &'k Knowledge,
    groups: &[VerbGroup],
    g: usize,
    at: usize,
    ms: &[Mention],
    clause_end: usize,
) -> Option<Predicate<'k>> {
    let t = &a.toks;
    let mut i = at + 1;
    while i < t.len() && t[i].pos == Pos::Adverb {
        i += 1;
    }
    let that_clause = t.get(i).is_some_and(|x| x.lower == "that");
    let gerund = t.get(i).is_some_and(|x| x.pos == Pos::VerbGerund);
    if !(that_clause || gerund) {
        // An ordinary object ("denied the request"): the verb's own patterns code it.
        let (pattern, elements, target_at) = best_pattern(a, k, ms, at, clause_end)?;
        let code = pattern.code.clone()?;
        let last = elements
            .iter()
            .copied()
            .chain(target_at)
            .max()
            .unwrap_or(at);
        return Some(Predicate {
            pattern,
            code,
            head: at,
            subject_group: g,
            elements,
            target_at,
            last,
            passive: groups[g].passive,
            via: None,
            consumed: Vec::new(),
        });
    }
    let cg = groups
        .iter()
        .position(|x| x.start > i.saturating_sub(1) && x.start <= i + 8)?;
    let end = crate::grammar::clause_end(a, groups[cg].head + 1);
    let consumed: Vec<usize> = (cg..groups.len())
        .filter(|&x| groups[x].head < end)
        .collect();
    let mut inner = code_group(a, k, groups, cg, ms, end)?;
    inner.code = "016".into();
    inner.subject_group = g;
    inner.via = Some("deny");
    inner.passive = false;
    inner.consumed = consumed;
    Some(inner)
}

/// Adjusts a code to who does it: protesters who storm or attack are rioting (145); businesses
/// and media do not wage war ("carmakers invaded the market"); a nationality adjective on an
/// abstract noun is no target of force ("torpedoed American dominance").
pub(crate) fn fit_code(code: &str, src: &Mention, tgt: Option<&Mention>) -> Option<String> {
    let root = codes::root(code);
    let violent = matches!(root, "15" | "17" | "18" | "19" | "20");
    if violent
        && matches!(
            src.sector.as_deref(),
            Some("BUS" | "MED" | "EDU" | "HLH" | "ENV" | "AGR" | "DEV")
        )
        && !src.is_person
    {
        return None;
    }
    if let Some(t) = tgt.filter(|_| violent) {
        if t.strength == Strength::Weak
            && !t.is_place
            && !PHYSICAL_TARGETS.contains(&t.noun.as_str())
        {
            return None;
        }
    }
    // Troops or police "arriving in" or "visiting" a country are deployed there (074).
    if matches!(code, "042" | "043")
        && matches!(src.sector.as_deref(), Some("MIL" | "COP"))
        && !src.is_person
    {
        return Some("074".into());
    }
    let crowd = PROTESTERS.contains(&src.noun.as_str());
    if matches!(root, "18" | "19") && crowd {
        return Some("145".into());
    }
    // Violent repression (175) is what security forces do; anyone else assaults (182).
    if code.starts_with("175")
        && !matches!(src.sector.as_deref(), Some("GOV" | "MIL" | "COP" | "SPY"))
    {
        return Some("182".into());
    }
    // Crowds that force an outcome are protesting ("protesters forced the president out").
    if root == "17" && crowd {
        return Some("140".into());
    }
    // A government that "protests" to another state is criticising it (111), not marching.
    let state_actor = src.is_state || matches!(src.sector.as_deref(), Some("GOV"));
    if root == "14"
        && state_actor
        && tgt.is_some_and(|t| !t.implicit && t.country.is_some() && t.country != src.country)
    {
        return Some("111".into());
    }
    Some(code.to_string())
}

/// Agent words for crowds: their violence is rioting in CAMEO.
const PROTESTERS: &[&str] = &[
    "protesters",
    "protester",
    "protestors",
    "demonstrators",
    "demonstrator",
    "rioters",
    "crowd",
    "crowds",
    "mob",
    "students",
    "activists",
];

/// Nouns a nationality adjective can stand on and still be a target of force.
const PHYSICAL_TARGETS: &[&str] = &[
    "city",
    "cities",
    "town",
    "towns",
    "village",
    "villages",
    "base",
    "bases",
    "territory",
    "border",
    "positions",
    "position",
    "refinery",
    "refineries",
    "ship",
    "ships",
    "vessel",
    "vessels",
    "plane",
    "planes",
    "aircraft",
    "jet",
    "jets",
    "airport",
    "port",
    "ports",
    "embassy",
    "consulate",
    "facility",
    "facilities",
    "plant",
    "infrastructure",
    "convoy",
    "checkpoint",
    "outpost",
    "region",
    "regions",
    "soil",
    "airspace",
    "waters",
    "oil",
    "depot",
    "depots",
    "warship",
    "warships",
    "drone",
    "drones",
    "tanker",
    "tankers",
    "grid",
    "pipeline",
    "bridge",
    "capital",
    "territories",
    "lines",
    "trenches",
    "targets",
    "target",
    "settlement",
    "settlements",
    "hospital",
    "school",
    "homes",
    "ambassador",
    "diplomats",
    "diplomat",
    "nationals",
    "citizens",
    "journalists",
    "journalist",
    "reporter",
    "prisoners",
    "hostages",
    "commodities",
    "goods",
    "exports",
    "imports",
    "products",
    "companies",
    "firms",
    "banks",
    "assets",
    "oligarchs",
    "sites",
    "site",
    "commanders",
    "commander",
    "officers",
    "soldiers",
    "troops",
    "forces",
    "military",
    "army",
    "navy",
    "fleet",
    "units",
    "airfield",
    "airfields",
    "airbase",
    "barracks",
    "headquarters",
    "installations",
    "arsenal",
    "stockpile",
    "ports",
    "coast",
    "islands",
    "island",
    "province",
    "provinces",
    "district",
    "districts",
    "neighbourhood",
    "neighborhood",
    "camp",
    "camps",
    "fighters",
    "militants",
    "civilians",
    "villagers",
    "residents",
    "people",
    "children",
    "refugees",
    "workers",
    "engineers",
    "nationals",
    "tourists",
    "pilgrims",
];

fn compose(
    behaviour: ControlBehaviour,
    inner: Option<Predicate<'_>>,
    g: usize,
    cg: usize,
) -> Option<Predicate<'_>> {
    let mut p = inner?;
    p.subject_group = g;
    p.consumed.push(cg);
    let (code, via) = match behaviour {
        ControlBehaviour::Transparent | ControlBehaviour::Request => (p.code.clone(), None),
        ControlBehaviour::Negate | ControlBehaviour::Intend | ControlBehaviour::Disclaim => {
            return None
        }
        ControlBehaviour::Refuse => (codes::refusal(&p.code)?.to_string(), Some("refuse")),
        ControlBehaviour::Threaten => (
            codes::threat(&p.code).unwrap_or("130").to_string(),
            Some("threaten"),
        ),
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
