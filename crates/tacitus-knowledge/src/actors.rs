//! The actor dictionary: states, their adjectives, demonyms and seats of power, organisations,
//! office holders with date ranges, and agent words, compiled into one token trie.

use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;

use crate::words::{is_acronym, Vocabulary, WordIds, NO_WORD};
use crate::{KnowledgeError, SourceFile};

/// What a dictionary phrase names; it decides how the coder combines it with its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorKind {
    /// A state by name ("Kazakhstan"): acts as its government.
    State,
    /// A nationality adjective ("Kazakh"): combines with an agent ("Kazakh troops").
    Adjective,
    /// A people ("Kazakhs", "Ukrainians").
    Demonym,
    /// A capital or seat of power used as a metonym ("Moscow", "the Kremlin").
    Seat,
    /// A place inside one state ("Donetsk"): location context, not an actor.
    Place,
    /// An international or non-governmental organisation, or a named armed group.
    Organisation,
    /// A person with dated roles.
    Person,
    /// An agent word ("police", "foreign minister") that needs a country to become an actor.
    Agent,
    /// A news outlet ("NBC News"): an attribution source, not an actor.
    Outlet,
}

/// A civil date as (year, month, day), comparable.
pub type Ymd = (i16, u8, u8);

/// One office a person held.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub country: Option<String>,
    pub org: Option<String>,
    pub sector: Option<String>,
    pub title: String,
    pub from: Option<Ymd>,
    pub to: Option<Ymd>,
}

impl Role {
    /// True when `date` lies in the role's range (open ends are unbounded).
    pub fn covers(&self, date: Ymd) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }
}

/// One dictionary actor.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorEntry {
    pub kind: ActorKind,
    /// Actor code without sector: `KAZ`, `IGOUNO`, `WST`; empty for agents and outlets.
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Canonical name.
    pub name: String,
    pub roles: Vec<Role>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u64>,
    /// Proper names must start with a capital in the text ("Turkey" the state, not the bird).
    pub requires_capital: bool,
    /// Plural agents and demonyms ("troops", "Kazakhs"): antecedents for "they".
    pub plural: bool,
    /// Where the entry was defined: "actors/countries.toml: Kazakhstan".
    pub origin: String,
}

impl ActorEntry {
    /// The person's role on `date`, if any; with no date, the latest role.
    pub fn role_on(&self, date: Option<Ymd>) -> Option<&Role> {
        match date {
            Some(d) => self.roles.iter().find(|r| r.covers(d)),
            None => self.roles.iter().max_by_key(|r| r.from),
        }
    }
}

/// A match of a dictionary phrase in a token sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Number of tokens matched.
    pub len: usize,
    pub entry: u32,
}

#[derive(Debug, Default)]
struct Node {
    entry: Option<u32>,
}

/// All actor phrases compiled into a trie over vocabulary ids.
#[derive(Debug, Default)]
pub struct ActorDictionary {
    pub(crate) vocab: Vocabulary,
    nodes: Vec<Node>,
    edges: FxHashMap<(u32, u32), u32>,
    entries: Vec<ActorEntry>,
    /// Names of state and region codes (`KAZ` → Kazakhstan), for exports that write names.
    country_names: BTreeMap<String, String>,
    /// Names of sector codes (`GOV` → Government), from the agent tables that give one.
    sector_names: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryRow {
    code: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
    #[serde(default)]
    seats: Vec<String>,
    #[serde(default)]
    sector_seats: Vec<SectorSeat>,
    #[serde(default)]
    places: Vec<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    geonameid: Option<u64>,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectorSeat {
    name: String,
    sector: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgRow {
    code: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    country: Option<String>,
    sector: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonRow {
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    roles: Vec<RoleRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleRow {
    country: Option<String>,
    org: Option<String>,
    sector: Option<String>,
    #[serde(default)]
    title: String,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentRow {
    sector: String,
    name: Option<String>,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletRow {
    name: String,
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Deserialize, Default)]
struct ActorFile {
    #[serde(default)]
    country: Vec<CountryRow>,
    #[serde(default)]
    org: Vec<OrgRow>,
    #[serde(default)]
    person: Vec<PersonRow>,
    #[serde(default)]
    agent: Vec<AgentRow>,
    #[serde(default)]
    outlet: Vec<OutletRow>,
}

/// Parses "YYYY-MM-DD" (or "YYYY-MM", "YYYY"); empty means open.
pub fn parse_ymd(s: &str) -> Option<Ymd> {
    let mut it = s.trim().split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next().map_or(Some(1), |m| m.parse().ok())?;
    let d = it.next().map_or(Some(1), |d| d.parse().ok())?;
    Some((y, m, d))
}

impl ActorDictionary {
    /// Adds every table of one TOML actor file.
    pub(crate) fn add_file(&mut self, file: &SourceFile) -> Result<(), KnowledgeError> {
        let parsed: ActorFile = toml::from_str(&file.text).map_err(|e| KnowledgeError::Parse {
            file: file.name.clone(),
            line: line_of(&file.text, e.span().map_or(0, |s| s.start)),
            message: e.message().to_string(),
        })?;
        for c in parsed.country {
            self.add_country(&file.name, c);
        }
        for o in parsed.org {
            let entry = ActorEntry {
                kind: ActorKind::Organisation,
                code: o.code.clone(),
                country: o.country.clone(),
                sector: o.sector.clone(),
                name: o.name.clone(),
                origin: format!("{}: {}", file.name, o.name),
                ..blank(ActorKind::Organisation)
            };
            let mut names = o.names;
            names.push(o.name);
            self.add_names(&names, entry);
        }
        for p in parsed.person {
            let mut roles = Vec::new();
            for r in p.roles {
                let date = |s: &Option<String>,
                            what: &str|
                 -> Result<Option<Ymd>, KnowledgeError> {
                    match s.as_deref().map(str::trim) {
                        None | Some("") => Ok(None),
                        Some(v) => parse_ymd(v)
                            .map(Some)
                            .ok_or_else(|| KnowledgeError::Invalid {
                                file: file.name.clone(),
                                message: format!("{}: bad {what} date {v:?}", p.name),
                            }),
                    }
                };
                roles.push(Role {
                    from: date(&r.from, "from")?,
                    to: date(&r.to, "to")?,
                    country: r.country,
                    org: r.org,
                    sector: r.sector,
                    title: r.title,
                });
            }
            let entry = ActorEntry {
                name: p.name.clone(),
                roles,
                origin: format!("{}: {}", file.name, p.name),
                ..blank(ActorKind::Person)
            };
            let mut names = p.names;
            names.push(p.name);
            self.add_names(&names, entry);
        }
        for a in parsed.agent {
            if let Some(name) = &a.name {
                self.sector_names.insert(a.sector.clone(), name.clone());
            }
            for w in &a.words {
                let entry = ActorEntry {
                    sector: Some(a.sector.clone()),
                    name: w.clone(),
                    requires_capital: false,
                    plural: (w.ends_with('s') && !w.ends_with("ss"))
                        || COLLECTIVE.contains(&w.as_str()),
                    origin: format!("{}: {} {}", file.name, a.sector, w),
                    ..blank(ActorKind::Agent)
                };
                self.add_names(std::slice::from_ref(w), entry);
            }
        }
        for o in parsed.outlet {
            let entry = ActorEntry {
                name: o.name.clone(),
                origin: format!("{}: {}", file.name, o.name),
                ..blank(ActorKind::Outlet)
            };
            let mut names = o.names;
            names.push(o.name);
            self.add_names(&names, entry);
        }
        Ok(())
    }

    /// The names of state and region codes (`KAZ` → Kazakhstan).
    pub fn country_names(&self) -> &BTreeMap<String, String> {
        &self.country_names
    }

    /// The names of sector codes (`GOV` → Government).
    pub fn sector_names(&self) -> &BTreeMap<String, String> {
        &self.sector_names
    }

    fn add_country(&mut self, file: &str, c: CountryRow) {
        self.country_names.insert(c.code.clone(), c.name.clone());
        let base = ActorEntry {
            code: c.code.clone(),
            country: (c.code.len() == 3 && c.kind.is_none()).then(|| c.code.clone()),
            name: c.name.clone(),
            lat: c.lat,
            lon: c.lon,
            geonameid: c.geonameid,
            origin: format!("{file}: {}", c.name),
            ..blank(ActorKind::State)
        };
        let mut names = c.names;
        names.push(c.name.clone());
        self.add_names(&names, base.clone());
        self.add_names(
            &c.adjectives,
            ActorEntry {
                kind: ActorKind::Adjective,
                ..base.clone()
            },
        );
        self.add_names(
            &c.demonyms,
            ActorEntry {
                kind: ActorKind::Demonym,
                plural: true,
                ..base.clone()
            },
        );
        let mut seats = c.capitals;
        seats.extend(c.seats);
        self.add_names(
            &seats,
            ActorEntry {
                kind: ActorKind::Seat,
                sector: Some("GOV".into()),
                ..base.clone()
            },
        );
        for s in c.sector_seats {
            self.add_names(
                std::slice::from_ref(&s.name),
                ActorEntry {
                    kind: ActorKind::Seat,
                    sector: Some(s.sector),
                    ..base.clone()
                },
            );
        }
        self.add_names(
            &c.places,
            ActorEntry {
                kind: ActorKind::Place,
                ..base
            },
        );
    }

    fn add_names(&mut self, names: &[String], entry: ActorEntry) {
        let id = self.entries.len() as u32;
        self.entries.push(entry);
        let mut seg = tacitus_text::Segmentation::default();
        for name in names {
            let mut variants = vec![name.clone()];
            // "The Kremlin" / "the Kremlin": the article is optional in text.
            if let Some(rest) = name
                .strip_prefix("the ")
                .or_else(|| name.strip_prefix("The "))
            {
                variants.push(rest.to_string());
            }
            for v in variants {
                tacitus_text::segment(&v, &mut seg);
                let words: Vec<&str> = seg
                    .tokens
                    .iter()
                    .map(|t| &v[t.start as usize..t.end as usize])
                    .collect();
                if words.is_empty() {
                    continue;
                }
                self.insert(&words, id, false);
                // "NATO" is also written "Nato".
                if words
                    .iter()
                    .any(|w| is_acronym(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
                {
                    self.insert(&words, id, true);
                }
            }
        }
    }

    fn insert(&mut self, words: &[&str], entry: u32, fold_acronyms: bool) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut node = 0u32;
        for w in words {
            let key = if fold_acronyms {
                w.to_lowercase()
            } else {
                Vocabulary::key_of(w)
            };
            let wid = self.vocab.intern(&key);
            node = match self.edges.get(&(node, wid)) {
                Some(&n) => n,
                None => {
                    let n = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    self.edges.insert((node, wid), n);
                    n
                }
            };
        }
        // The first definition of a phrase wins; later files override by being loaded first.
        let slot = &mut self.nodes[node as usize].entry;
        if slot.is_none() {
            *slot = Some(entry);
        }
    }

    /// Ids of a document token whose normalized form the caller already has.
    pub fn word_ids_normalized(&self, token: &str, normalized: &str) -> WordIds {
        self.vocab.lookup_normalized(token, normalized)
    }

    /// Ids of a document token (see [`Vocabulary::lookup`]).
    pub fn word_ids(&self, token: &str, scratch: &mut String) -> WordIds {
        self.vocab.lookup(token, scratch)
    }

    /// The longest phrase starting at `ids[0]`, given the tokens' ids.
    pub fn longest_match(&self, ids: &[WordIds]) -> Option<PhraseMatch> {
        let mut best = None;
        self.for_each_match(ids, |m| best = Some(m));
        best
    }

    /// Every phrase starting at `ids[0]`, shortest first.
    pub fn for_each_match(&self, ids: &[WordIds], mut f: impl FnMut(PhraseMatch)) {
        let mut node = 0u32;
        for (i, w) in ids.iter().enumerate() {
            let next = [w.exact, w.folded]
                .into_iter()
                .filter(|&x| x != NO_WORD)
                .find_map(|x| self.edges.get(&(node, x)).copied());
            let Some(n) = next else { break };
            node = n;
            if let Some(e) = self.nodes[n as usize].entry {
                f(PhraseMatch {
                    len: i + 1,
                    entry: e,
                });
            }
        }
    }

    /// The entry behind a match.
    pub fn entry(&self, id: u32) -> &ActorEntry {
        &self.entries[id as usize]
    }

    /// Number of distinct actor entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Agent words that are plural without an "s": antecedents for "they".
const COLLECTIVE: &[&str] = &[
    "people",
    "police",
    "personnel",
    "clergy",
    "youth",
    "staff",
    "public",
    "crowd",
    "men",
    "women",
    "children",
];

fn blank(kind: ActorKind) -> ActorEntry {
    ActorEntry {
        kind,
        code: String::new(),
        country: None,
        sector: None,
        name: String::new(),
        roles: Vec::new(),
        lat: None,
        lon: None,
        geonameid: None,
        requires_capital: kind != ActorKind::Agent,
        plural: false,
        origin: String::new(),
    }
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use crate::Knowledge;

    #[test]
    fn every_embedded_state_and_sector_code_has_a_name() {
        let k = Knowledge::embedded().unwrap();
        let countries = k.actors.country_names();
        assert_eq!(countries["KAZ"], "Kazakhstan");
        assert!(countries.len() > 190);
        let sectors = k.actors.sector_names();
        assert_eq!(sectors["GOV"], "Government");
        for entry in k
            .actors
            .entries
            .iter()
            .filter(|e| e.kind == super::ActorKind::Agent)
        {
            let sector = entry.sector.as_deref().unwrap();
            assert!(sectors.contains_key(sector), "{sector} has no name");
        }
    }
}
