//! Lemmatization of lowercased verbs and nouns given their tag.
//!
//! Regular forms are handled by suffix rules ("arrested" -> "arrest",
//! "denied" -> "deny", "making" -> "make", "requests" -> "request"); forms the
//! rules get wrong ("held", "people", "buses") come from a small exception
//! table built at development time from `lemminflect` by
//! `scripts/tagger/build.sh` (`data/text/lemmas.tsv`).
//!
//! Lemmas that are a prefix of the word are returned as slices of it. Lemmas
//! that need letters appended ("deny" from "denied") and are not in the table
//! are interned in a global, bounded set of leaked strings; past
//! [`INTERN_CAP`] distinct strings the word is returned unchanged.

use std::collections::HashSet;
use std::sync::{OnceLock, RwLock};

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::Pos;

static EMBEDDED_TABLE: &str = include_str!("../../../data/text/lemmas.tsv");

/// Most distinct rule-built lemmas interned before falling back to the word.
pub const INTERN_CAP: usize = 1 << 16;

/// Inflection classes of the exception table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Class {
    /// Past tense or past participle.
    Past,
    /// Gerund / present participle.
    Gerund,
    /// Third person singular present.
    Pres3,
    /// Base form or non-3rd-singular present.
    Base,
    /// Noun.
    Noun,
}

impl Class {
    pub(crate) fn of(pos: Pos) -> Option<Class> {
        match pos {
            Pos::VerbPast | Pos::VerbParticiple => Some(Class::Past),
            Pos::VerbGerund => Some(Class::Gerund),
            Pos::VerbPresent3 => Some(Class::Pres3),
            Pos::Verb => Some(Class::Base),
            Pos::Noun => Some(Class::Noun),
            _ => None,
        }
    }

    pub(crate) fn from_code(c: &str) -> Option<Class> {
        Some(match c {
            "d" => Class::Past,
            "g" => Class::Gerund,
            "z" => Class::Pres3,
            "b" => Class::Base,
            "n" => Class::Noun,
            _ => return None,
        })
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A lemmatizer for lowercased English news tokens.
pub struct Lemmatizer {
    table: [FxHashMap<&'static str, &'static str>; 5],
    interned: RwLock<HashSet<&'static str, FxBuildHasher>>,
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_consonant(b: u8) -> bool {
    b.is_ascii_lowercase() && !is_vowel(b)
}

/// Whether a stem left by stripping "-ed"/"-ing" lost a final "e".
fn needs_e(s: &[u8]) -> bool {
    let n = s.len();
    if n < 2 {
        return false;
    }
    let (a, b) = (s[n - 2], s[n - 1]);
    let c = if n >= 3 { s[n - 3] } else { b' ' };
    match b {
        b'v' | b'u' => return true,
        b'c' => return a != b'c',
        b'z' => return a != b'z',
        b's' => return a != b's',
        b'g' if matches!(a, b'd' | b'r' | b'l') => return true,
        b'g' if matches!(a, b'n') && matches!(c, b'a' | b'e') && n >= 5 => return true,
        b'l' if is_consonant(a) && !matches!(a, b'l' | b'r' | b'w') => return true,
        _ => {}
    }
    // Consonant + vowel + consonant endings that mostly take an "e".
    let pair: &[u8] = &[a, b];
    if is_consonant(c)
        && matches!(
            pair,
            b"at"
                | b"ut"
                | b"ir"
                | b"ur"
                | b"ar"
                | b"id"
                | b"od"
                | b"ud"
                | b"in"
                | b"ib"
                | b"ok"
                | b"ag"
                | b"ul"
                | b"om"
        )
    {
        return true;
    }
    // One-syllable consonant-vowel-consonant stems: "mak", "hop", "vot".
    if is_consonant(b)
        && !matches!(b, b'w' | b'x' | b'y')
        && is_vowel(a)
        && (n == 2 || is_consonant(c))
    {
        let groups = s
            .iter()
            .enumerate()
            .filter(|&(i, &x)| is_vowel(x) && (i == 0 || !is_vowel(s[i - 1])))
            .count();
        return groups == 1;
    }
    false
}

/// Rule lemma of an "-ed" / "-ing" stem: undoubles a final consonant or
/// restores an "e".
fn fix_stem(stem: &str) -> (&str, &'static str) {
    let s = stem.as_bytes();
    let n = s.len();
    if n >= 3
        && s[n - 1] == s[n - 2]
        && is_consonant(s[n - 1])
        && !matches!(s[n - 1], b'l' | b's' | b'z' | b'f')
    {
        return (&stem[..n - 1], "");
    }
    if needs_e(s) {
        (stem, "e")
    } else {
        (stem, "")
    }
}

/// The suffix rules: the lemma is `stem` followed by the returned suffix.
pub(crate) fn rule(w: &str, class: Class) -> (&str, &'static str) {
    let n = w.len();
    if w.starts_with('\'') || !w.is_ascii() {
        return (w, "");
    }
    match class {
        Class::Past => {
            if n > 4 && w.ends_with("ied") {
                (&w[..n - 3], "y")
            } else if n > 4 && w.ends_with("eed") {
                (&w[..n - 1], "")
            } else if n > 3 && w.ends_with("ed") {
                fix_stem(&w[..n - 2])
            } else {
                (w, "")
            }
        }
        Class::Gerund => {
            if n > 4 && w.ends_with("ing") {
                let stem = &w[..n - 3];
                if stem.ends_with('y') || stem.ends_with("ee") {
                    (stem, "")
                } else {
                    fix_stem(stem)
                }
            } else {
                (w, "")
            }
        }
        Class::Pres3 | Class::Noun => {
            if n > 4 && w.ends_with("ies") {
                (&w[..n - 3], "y")
            } else if n > 3
                && ["sses", "xes", "zzes", "ches", "shes", "oes"]
                    .iter()
                    .any(|s| w.ends_with(s))
            {
                (&w[..n - 2], "")
            } else if n > 2
                && w.ends_with('s')
                && !["ss", "us", "is"].iter().any(|s| w.ends_with(s))
            {
                (&w[..n - 1], "")
            } else {
                (w, "")
            }
        }
        Class::Base => (w, ""),
    }
}

/// The rule lemma as an owned string (for building and measuring the table).
pub fn rule_lemma(lower: &str, class_code: &str) -> Option<String> {
    let class = Class::from_code(class_code)?;
    let (stem, add) = rule(lower, class);
    Some(format!("{stem}{add}"))
}

impl Lemmatizer {
    /// The lemmatizer with the embedded exception table, parsed once.
    ///
    /// # Panics
    /// If the embedded `data/text/lemmas.tsv` is malformed (a build error,
    /// caught by the crate's tests).
    pub fn embedded() -> &'static Lemmatizer {
        static LEM: OnceLock<Lemmatizer> = OnceLock::new();
        LEM.get_or_init(|| match Lemmatizer::from_table(EMBEDDED_TABLE) {
            Ok(l) => l,
            Err(e) => panic!(
                "embedded data/text/lemmas.tsv: {e}; rebuild it with scripts/tagger/build.sh"
            ),
        })
    }

    /// Reads a `class<TAB>form<TAB>lemma` table (classes d, g, z, b, n).
    pub fn from_table(text: &'static str) -> Result<Lemmatizer, String> {
        let mut table: [FxHashMap<&'static str, &'static str>; 5] = Default::default();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut it = line.split('\t');
            let (Some(c), Some(form), Some(lemma), None) =
                (it.next(), it.next(), it.next(), it.next())
            else {
                return Err(format!("line {}: expected 3 fields", i + 1));
            };
            let class =
                Class::from_code(c).ok_or_else(|| format!("line {}: class {c:?}", i + 1))?;
            table[class.index()].insert(form, lemma);
        }
        Ok(Lemmatizer {
            table,
            interned: RwLock::new(HashSet::default()),
        })
    }

    /// Number of exception entries.
    pub fn table_len(&self) -> usize {
        self.table.iter().map(|t| t.len()).sum()
    }

    /// The lemma of a lowercased word given its tag.
    ///
    /// Verbs and common nouns are lemmatized ("denied" -> "deny", "held" ->
    /// "hold", "was" -> "be", "troops" -> "troop"); "'s" and every other tag
    /// return the word itself, except contracted modals ("wo" -> "will").
    pub fn lemma<'a>(&'a self, lower: &'a str, pos: Pos) -> &'a str {
        if pos == Pos::Modal {
            return match lower {
                "ca" => "can",
                "wo" | "'ll" => "will",
                "sha" => "shall",
                "'d" => "would",
                _ => lower,
            };
        }
        let Some(class) = Class::of(pos) else {
            return lower;
        };
        if let Some(l) = self.table[class.index()].get(lower) {
            return l;
        }
        match rule(lower, class) {
            (stem, "") => stem,
            (stem, add) => self.intern(lower, stem, add),
        }
    }

    /// `stem + add` as an interned `'static` string, or `word` when the
    /// intern set is full (or its lock poisoned).
    fn intern<'a>(&self, word: &'a str, stem: &str, add: &str) -> &'a str {
        let mut buf = [0u8; 64];
        let len = stem.len() + add.len();
        if len > buf.len() {
            return word;
        }
        buf[..stem.len()].copy_from_slice(stem.as_bytes());
        buf[stem.len()..len].copy_from_slice(add.as_bytes());
        let Ok(key) = std::str::from_utf8(&buf[..len]) else {
            return word;
        };
        if let Ok(set) = self.interned.read() {
            if let Some(s) = set.get(key) {
                return s;
            }
            if set.len() >= INTERN_CAP {
                return word;
            }
        }
        match self.interned.write() {
            Ok(mut set) => {
                if let Some(s) = set.get(key) {
                    return s;
                }
                if set.len() >= INTERN_CAP {
                    return word;
                }
                let s: &'static str = Box::leak(key.to_string().into_boxed_str());
                set.insert(s);
                s
            }
            Err(_) => word,
        }
    }
}
