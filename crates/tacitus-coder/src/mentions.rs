//! Actor mentions: dictionary phrases combined by grammar into actors ("Russian" + "police" =
//! RUSCOP, "Kazakhstan" + "'s" + "government" = KAZGOV, "the government of" + "France" = FRAGOV,
//! "Ukrainian President" + "Volodymyr Zelensky" = UKRGOV), plus pronouns and definite
//! descriptions ("the country", "he") resolved against the document context.

use tacitus_knowledge::{ActorEntry, ActorKind, Knowledge, Ymd};
use tacitus_tagger::Pos;

use crate::analysis::SentenceAnalysis;
use crate::context::DocumentContext;

/// How sure the coder is that a mention names a political actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// A nationality adjective on an ordinary noun ("Russian commodities").
    Weak,
    /// Resolved from a pronoun or a definite description.
    Resolved,
    /// Named in the sentence.
    Named,
}

/// A resolved actor in a sentence, over tokens `start..end`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub base: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub name: String,
    pub strength: Strength,
    pub plural: bool,
    pub is_person: bool,
    pub is_state: bool,
    /// A place inside a state ("Kirkuk"): only ever a location or a place acted upon.
    pub is_place: bool,
    /// Not named in the text but implied by the event ("protested" against their government).
    pub implicit: bool,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u64>,
    /// The head noun, lowercase ("police", "commodities", "kazakhstan").
    pub noun: String,
}

impl Mention {
    /// The government of this actor's state, implied rather than named.
    pub fn implied_government(&self) -> Option<Mention> {
        let country = self.country.clone()?;
        Some(Mention {
            base: country.clone(),
            name: country,
            sector: Some("GOV".into()),
            strength: Strength::Resolved,
            is_person: false,
            is_state: true,
            is_place: false,
            implicit: true,
            plural: false,
            noun: String::new(),
            ..self.clone()
        })
    }

    /// The CAMEO actor code: a state's code then the sector ("RUS" + "COP"); organisations
    /// ("IGOUNO", "PSEREBHMS") already carry their full code.
    pub fn code(&self) -> String {
        match &self.sector {
            Some(s) if self.base.len() == 3 && self.base != *s => format!("{}{}", self.base, s),
            _ => self.base.clone(),
        }
    }
}

/// True when a noun phrase continues after token `i`: a noun, or a gerund before a noun
/// ("a Warsaw shopping centre", "its civilian monitoring mission").
fn noun_follows(t: &[crate::analysis::Tok<'_>], i: usize) -> bool {
    if t.get(i)
        .is_some_and(|x| matches!(x.lower, "today" | "yesterday" | "tonight" | "overnight"))
    {
        return false;
    }
    match t.get(i).map(|x| x.pos) {
        Some(Pos::Noun) => true,
        Some(Pos::VerbGerund) => t.get(i + 1).is_some_and(|n| n.pos == Pos::Noun),
        _ => false,
    }
}

/// Currency words (prefixes: "dollar-denominated").
const CURRENCIES: &[&str] = &[
    "dollar", "euro", "yuan", "renminbi", "rouble", "ruble", "pound", "yen", "rupee", "lira",
    "franc", "peso", "rial", "won", "hryvnia", "tenge", "dinar", "riyal", "shekel", "real", "rand",
    "crypto",
];

/// Words that may refer back to an actor named earlier: sentences that only have these still
/// need analysis.
pub(crate) const REFERRING: &[&str] = &[
    "it",
    "he",
    "she",
    "they",
    "him",
    "her",
    "them",
    "we",
    "country",
    "nation",
    "kingdom",
    "republic",
    "bloc",
    "alliance",
    "union",
    "group",
    "movement",
    "militia",
    "faction",
    "organisation",
    "organization",
];

/// A raw dictionary hit before combination.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

/// Dictionary hits over the sentence, longest first at each position.
pub(crate) fn dictionary_hits(a: &SentenceAnalysis<'_>, k: &Knowledge) -> Vec<Hit> {
    let ids: Vec<_> = a.toks.iter().map(|t| t.ids).collect();
    let mut hits = Vec::new();
    let mut scratch = String::new();
    let mut i = 0;
    while i < ids.len() {
        if ids[i].is_none() {
            if let Some(h) = hyphen_hit(a, k, i, &mut scratch) {
                hits.push(h);
            }
            i += 1;
            continue;
        }
        // The longest phrase whose form fits: proper names are capitalised word by word
        // ("Russia Today" the channel, not "Russia today"); agent words must be nouns.
        let mut best: Option<(usize, u32)> = None;
        k.actors.for_each_match(&ids[i..], |m| {
            let e = k.actors.entry(m.entry);
            let end = i + m.len;
            let capital_ok = !e.requires_capital
                || a.toks[i..end].iter().all(|t| {
                    t.capitalised
                        || t.lower.len() <= 3
                        || !t.lower.chars().all(char::is_alphabetic)
                        || matches!(t.lower, "the" | "of" | "and" | "for" | "de" | "al")
                });
            // Agent words must be nouns; a plural after a capitalised modifier ("Israeli jets")
            // is one whatever the tagger says.
            let last = &a.toks[end - 1];
            let agent_ok = e.kind != ActorKind::Agent
                || last.pos.is_noun()
                || last.pos == Pos::Adjective
                || (last.pos == Pos::VerbPresent3 && i > 0 && a.toks[i - 1].capitalised);
            if capital_ok && agent_ok {
                best = Some((end, m.entry));
            }
        });
        if let Some((end, entry)) = best {
            hits.push(Hit {
                start: i,
                end,
                entry,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    hits
}

/// "British-Iranian nationals", "Russian-occupied plant": the first part of a hyphenated
/// compound names a state; "Iran-backed", "U.S.-led" name a sponsor, not the actor.
fn hyphen_hit(
    a: &SentenceAnalysis<'_>,
    k: &Knowledge,
    i: usize,
    scratch: &mut String,
) -> Option<Hit> {
    let tok = &a.toks[i];
    let word = &a.text[tok.start..tok.end];
    let (first, rest) = word.split_once('-')?;
    if SPONSORED.iter().any(|s| rest.eq_ignore_ascii_case(s)) || first.is_empty() {
        return None;
    }
    let ids = [k.actors.word_ids(first, scratch)];
    let m = k.actors.longest_match(&ids)?;
    let e = k.actors.entry(m.entry);
    (matches!(e.kind, ActorKind::State | ActorKind::Adjective)
        && first.chars().next().is_some_and(char::is_uppercase))
    .then_some(Hit {
        start: i,
        end: i + 1,
        entry: m.entry,
    })
}

/// Second parts of hyphenated compounds that make the first part a sponsor.
const SPONSORED: &[&str] = &[
    "era",
    "style",
    "type",
    "class",
    "led",
    "backed",
    "made",
    "based",
    "controlled",
    "allied",
    "brokered",
    "sponsored",
    "funded",
    "built",
    "owned",
    "operated",
    "supplied",
    "linked",
    "aligned",
    "friendly",
    "born",
    "trained",
    "armed",
    "installed",
    "run",
];

fn from_entry(e: &ActorEntry, start: usize, end: usize, date: Option<Ymd>) -> Mention {
    let mut m = Mention {
        start,
        end,
        base: e.code.clone(),
        country: e.country.clone(),
        sector: e.sector.clone(),
        name: e.name.clone(),
        strength: Strength::Named,
        plural: e.plural,
        is_person: e.kind == ActorKind::Person,
        is_state: e.kind == ActorKind::State,
        is_place: e.kind == ActorKind::Place,
        implicit: false,
        lat: e.lat,
        lon: e.lon,
        geonameid: e.geonameid,
        noun: String::new(),
    };
    match e.kind {
        ActorKind::State => m.sector = Some("GOV".into()),
        ActorKind::Person => match e.role_on(date) {
            Some(r) => {
                if let Some(org) = &r.org {
                    m.base = org.clone();
                    m.country = None;
                    m.sector = None;
                } else {
                    m.base = r.country.clone().unwrap_or_default();
                    m.country = r.country.clone();
                    m.sector = r.sector.clone().or(Some("GOV".into()));
                }
            }
            None => {
                // Outside every dated role: the person's country, as an elite, not the government.
                let r = e.role_on(None);
                m.base = r
                    .and_then(|r| r.country.clone().or(r.org.clone()))
                    .unwrap_or_default();
                m.country = r.and_then(|r| r.country.clone());
                m.sector = m.country.as_ref().map(|_| "ELI".into());
            }
        },
        _ => {}
    }
    m
}

/// Combines hits into actors and resolves references. Places and outlets are left out;
/// `places` receives place and state hits as location candidates.
pub(crate) fn mentions(
    a: &SentenceAnalysis<'_>,
    k: &Knowledge,
    hits: &[Hit],
    ctx: &mut DocumentContext,
    date: Option<Ymd>,
) -> Vec<Mention> {
    let t = &a.toks;
    let mut out: Vec<Mention> = Vec::new();
    let mut used = vec![false; hits.len()];
    let mut bare_agents: Vec<Hit> = Vec::new();
    let entry = |h: &Hit| k.actors.entry(h.entry);
    let mut h = 0;
    while h < hits.len() {
        if used[h] {
            h += 1;
            continue;
        }
        let hit = hits[h];
        let e = entry(&hit);
        let next = hits.get(h + 1).copied();
        // "U.S. dollar", "Russian roubles": a state naming a currency is no actor.
        if matches!(e.kind, ActorKind::State | ActorKind::Adjective)
            && t.get(hit.end)
                .is_some_and(|n| CURRENCIES.iter().any(|c| n.lower.starts_with(c)))
        {
            h += 1;
            continue;
        }
        match e.kind {
            ActorKind::Outlet => {}
            ActorKind::Place => {
                let mut m = from_entry(e, hit.start, hit.end, date);
                m.strength = Strength::Weak;
                out.push(m);
            }
            ActorKind::Adjective
            | ActorKind::State
            | ActorKind::Seat
            | ActorKind::Organisation
            | ActorKind::Demonym => {
                // Adjective/state/seat + (modifiers) + agent, or + 's + agent, or + person.
                let mut m = from_entry(e, hit.start, hit.end, date);
                let mut combined = false;
                if let Some(n) = next {
                    let ne = entry(&n);
                    let gap = &t[hit.end..n.start];
                    let gap_ok = gap.len() <= 3
                        && gap.iter().all(|g| {
                            matches!(
                                g.pos,
                                Pos::Possessive | Pos::Adjective | Pos::Noun | Pos::ProperNoun
                            ) || g.lower == "'s"
                                || g.lower == "'"
                        })
                        && gap.iter().filter(|g| g.pos == Pos::Noun).count() <= 1;
                    if gap_ok && e.kind != ActorKind::Demonym {
                        match ne.kind {
                            ActorKind::Agent => {
                                m.end = n.end;
                                if !m.base.starts_with("IGO") && !m.base.starts_with("NGO") {
                                    m.sector = ne.sector.clone();
                                }
                                m.plural = ne.plural;
                                m.is_state = false;
                                used[h + 1] = true;
                                combined = true;
                                // "Ukrainian President Volodymyr Zelensky"
                                if let Some(p) = hits.get(h + 2) {
                                    if p.start == n.end && entry(p).kind == ActorKind::Person {
                                        let pm = from_entry(entry(p), hit.start, p.end, date);
                                        m = Mention {
                                            start: hit.start,
                                            ..pm
                                        };
                                        used[h + 2] = true;
                                    }
                                }
                            }
                            ActorKind::Person if gap.is_empty() => {
                                m = Mention {
                                    start: hit.start,
                                    ..from_entry(ne, n.start, n.end, date)
                                };
                                used[h + 1] = true;
                                combined = true;
                            }
                            _ => {}
                        }
                    }
                }
                // "Russian and American delegations": the first adjective shares the agent.
                if !combined && e.kind == ActorKind::Adjective {
                    if let (Some(n), Some(agent)) = (next, hits.get(h + 2)) {
                        let joined = n.start == hit.end + 1
                            && matches!(t[hit.end].lower, "and" | "," | "or");
                        if joined
                            && entry(&n).kind == ActorKind::Adjective
                            && entry(agent).kind == ActorKind::Agent
                            && agent.start <= n.end + 2
                        {
                            m.sector = entry(agent).sector.clone();
                            m.plural = true;
                            m.is_state = false;
                            out.push(m);
                            h += 1;
                            continue;
                        }
                    }
                }
                if !combined && e.kind == ActorKind::Adjective {
                    // A bare nationality adjective: an actor only when it modifies a noun.
                    // ("proposed Israeli changes": the tagger may call the plural noun a verb).
                    let modifies = t.get(hit.end).is_some_and(|n| {
                        n.pos.is_noun() || n.pos == Pos::Adjective || n.pos == Pos::VerbPresent3
                    });
                    if !modifies {
                        h += 1;
                        continue;
                    }
                    m.strength = Strength::Weak;
                    m.sector = None;
                    // The phrase runs to its head noun: "Iranian nuclear sites".
                    let mut end = hit.end;
                    while end < t.len()
                        && matches!(t[end].pos, Pos::Adjective | Pos::Noun)
                        && end - hit.end < 4
                    {
                        end += 1;
                        if t[end - 1].pos == Pos::Noun
                            && t.get(end).is_none_or(|n| n.pos != Pos::Noun)
                        {
                            break;
                        }
                    }
                    m.end = end.max(hit.end + 1).min(t.len());
                }
                if e.kind == ActorKind::Demonym {
                    m.sector = None;
                    m.is_state = false;
                }
                // "a Warsaw shopping centre", "Russia sanctions": a name used as a modifier.
                if !combined
                    && matches!(e.kind, ActorKind::State | ActorKind::Seat)
                    && noun_follows(t, hit.end)
                    && !t
                        .get(hit.end + 1)
                        .is_some_and(|n| n.pos.is_verb() && n.pos != Pos::VerbGerund)
                {
                    m.strength = Strength::Weak;
                    m.end = hit.end + 1;
                }
                out.push(m);
            }
            ActorKind::Person => {
                let mut m = from_entry(e, hit.start, hit.end, date);
                // "Tokayev's government": the person's state, with the agent's sector.
                if let Some(n) =
                    next.filter(|n| n.start == hit.end + 1 && t[hit.end].pos == Pos::Possessive)
                {
                    let ne = entry(&n);
                    if ne.kind == ActorKind::Agent && m.base.len() == 3 {
                        m.end = n.end;
                        m.sector = ne.sector.clone();
                        m.is_person = false;
                        m.plural = ne.plural;
                        used[h + 1] = true;
                    }
                }
                out.push(m);
            }
            ActorKind::Agent => {
                // Agent + title + person: "President Kassym-Jomart Tokayev".
                if let Some(n) = next {
                    if n.start == hit.end && entry(&n).kind == ActorKind::Person {
                        out.push(Mention {
                            start: hit.start,
                            ..from_entry(entry(&n), n.start, n.end, date)
                        });
                        used[h + 1] = true;
                        h += 1;
                        continue;
                    }
                    // Agent + of + state/org: "the government of Kazakhstan".
                    if n.start == hit.end + 1 && t[hit.end].lower == "of" {
                        let ne = entry(&n);
                        if matches!(
                            ne.kind,
                            ActorKind::State | ActorKind::Seat | ActorKind::Organisation
                        ) {
                            let mut m = from_entry(ne, hit.start, n.end, date);
                            if !m.base.starts_with("IGO") && !m.base.starts_with("NGO") {
                                m.sector = e.sector.clone();
                            }
                            m.is_state = false;
                            m.plural = e.plural;
                            used[h + 1] = true;
                            out.push(m);
                            h += 1;
                            continue;
                        }
                    }
                }
                // A bare agent ("the ministry", "police") is resolved in reading order below.
                bare_agents.push(hit);
            }
        }
        h += 1;
    }
    // Pronouns, "the country" and bare agents, resolved in reading order: each sees the actors
    // named before it, in this sentence and earlier ones.
    out.sort_by_key(|m| m.start);
    let mut named = std::mem::take(&mut out);
    for m in &mut named {
        m.noun = t[m.end - 1].lower.to_string();
    }
    let mut next_named = 0;
    let mut i = 0;
    while i < t.len() {
        while next_named < named.len() && named[next_named].start <= i {
            ctx.observe(&named[next_named]);
            out.push(named[next_named].clone());
            next_named += 1;
        }
        let covered = out.iter().any(|m| m.start <= i && i < m.end);
        let mut resolved = None;
        if !covered {
            // "civilian monitoring mission", "military aid": a singular agent word used as a
            // modifier is no actor.
            let modifier = |b: &Hit| !entry(b).plural && noun_follows(t, b.end);
            if let Some(b) = bare_agents.iter().find(|b| b.start == i && !modifier(b)) {
                let e = entry(b);
                // A title before capitalised words no dictionary knows is a person.
                let mut name_end = b.end;
                while name_end < t.len()
                    && t[name_end].pos == Pos::ProperNoun
                    && t[name_end].capitalised
                    && !named.iter().any(|m| m.start == name_end)
                    && name_end - b.end < 4
                {
                    name_end += 1;
                }
                let titled = name_end > b.end
                    && !e.plural
                    && e.sector.as_deref().is_some_and(|s| {
                        matches!(s, "GOV" | "MIL" | "JUD" | "LEG" | "OPP" | "REB" | "COP")
                    });
                // Without context, the place where things happen ("in Sudan") locates a title best;
                // else the first state the sentence names.
                let in_sentence = named
                    .iter()
                    .find(|m| {
                        m.country.is_some() && !m.is_person && crate::grammar::is_locative(a, m)
                    })
                    .or_else(|| named.iter().find(|m| m.country.is_some() && !m.is_person));
                let mut earlier = out
                    .iter()
                    .rev()
                    .find(|m| m.country.is_some() && !m.is_place && m.strength != Strength::Weak);
                // Victims belong where the violence happened: "shelled Kharkiv, killing
                // civilians", "massacred civilians in the Ethiopian city of Axum".
                let victims = e.plural
                    && !matches!(
                        e.sector.as_deref(),
                        Some(
                            "MIL"
                                | "GOV"
                                | "COP"
                                | "SPY"
                                | "REB"
                                | "INS"
                                | "UAF"
                                | "SEP"
                                | "OPP"
                                | "BUS"
                        )
                    );
                if victims {
                    let own = earlier.and_then(|m| m.country.clone());
                    if let Some(place) = named.iter().find(|m| {
                        m.country.is_some()
                            && m.country != own
                            && (m.is_place || m.is_state || m.strength == Strength::Weak)
                    }) {
                        earlier = Some(place);
                    }
                }
                resolved = ctx
                    .resolve_agent(
                        e,
                        b.start,
                        if titled { name_end } else { b.end },
                        i.checked_sub(1).map(|p| t[p].lower),
                        titled,
                        earlier,
                        in_sentence,
                    )
                    .map(|mut m| {
                        m.plural = e.plural;
                        m
                    });
            } else {
                resolved = match t[i].lower {
                    "he" | "she" | "him" => ctx.person(
                        i,
                        out.iter()
                            .rev()
                            .find(|m| m.is_person && m.strength == Strength::Named),
                    ),
                    "her" if t[i].pos == Pos::Pronoun => ctx.person(
                        i,
                        out.iter()
                            .rev()
                            .find(|m| m.is_person && m.strength == Strength::Named),
                    ),
                    "it" => ctx.thing(i),
                    "they" | "them" => ctx.plural(i),
                    "bloc" | "alliance" | "union" | "organisation" | "organization" | "group"
                    | "movement" | "militia" | "faction"
                        if i > 0 && t[i - 1].lower == "the" =>
                    {
                        ctx.organisation(i - 1, i + 1)
                    }
                    "country" | "nation" | "kingdom" | "republic"
                        if i > 0
                            && matches!(
                                t[i - 1].lower,
                                "the" | "his" | "her" | "its" | "their" | "our"
                            ) =>
                    {
                        ctx.state(i - 1, i + 1)
                    }
                    _ => None,
                };
            }
        }
        if let Some(m) = resolved {
            ctx.observe(&m);
            i = m.end.max(i + 1);
            out.push(m);
            continue;
        }
        i += 1;
    }
    out.extend(
        named
            .into_iter()
            .skip(next_named)
            .inspect(|m| ctx.observe(m)),
    );
    out.sort_by_key(|m| m.start);
    for m in &mut out {
        m.noun = t[m.end - 1].lower.to_string();
    }
    ctx.set_topic(&out);
    out
}
