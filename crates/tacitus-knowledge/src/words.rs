//! Word normalisation and the shared vocabulary: every dictionary word gets a small integer id, so
//! matching a document costs one hash lookup per token, then integer trie steps.

use rustc_hash::FxHashMap;

/// Sentinel for a token that no dictionary uses.
pub const NO_WORD: u32 = u32::MAX;

/// True for short all-capital acronyms ("US", "WHO", "U.N.") whose case carries meaning.
pub fn is_acronym(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && token
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
        && token.chars().next().is_some_and(char::is_alphabetic)
}

/// Lowercases `token` into `out`, folding typographic apostrophes and quotes to ASCII.
pub fn normalize_into(token: &str, out: &mut String) {
    out.clear();
    for c in token.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The ids a document token may take: its exact form if it is an acronym, and its lowercase form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordIds {
    pub exact: u32,
    pub folded: u32,
}

impl WordIds {
    pub const NONE: WordIds = WordIds {
        exact: NO_WORD,
        folded: NO_WORD,
    };

    /// True when neither form is a dictionary word.
    pub fn is_none(&self) -> bool {
        self.exact == NO_WORD && self.folded == NO_WORD
    }
}

/// Interns dictionary words.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: FxHashMap<Box<str>, u32>,
}

impl Vocabulary {
    /// The id of a dictionary word given in dictionary form (acronyms exact, the rest lowercase).
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.into(), id);
        id
    }

    /// The id of an exact key, or `NO_WORD`.
    pub fn get(&self, key: &str) -> u32 {
        self.ids.get(key).copied().unwrap_or(NO_WORD)
    }

    /// Looks a document token up; `scratch` avoids an allocation per token.
    pub fn lookup(&self, token: &str, scratch: &mut String) -> WordIds {
        let exact = if is_acronym(token) {
            self.get(token)
        } else {
            NO_WORD
        };
        normalize_into(token, scratch);
        WordIds {
            exact,
            folded: self.get(scratch),
        }
    }

    /// [`Vocabulary::lookup`] given the token's normalized form.
    pub fn lookup_normalized(&self, token: &str, normalized: &str) -> WordIds {
        let exact = if is_acronym(token) {
            self.get(token)
        } else {
            NO_WORD
        };
        WordIds {
            exact,
            folded: self.get(normalized),
        }
    }

    /// Dictionary form of a word: acronyms keep their case, the rest are folded.
    pub fn key_of(token: &str) -> String {
        if is_acronym(token) {
            token.to_string()
        } else {
            let mut s = String::new();
            normalize_into(token, &mut s);
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_keep_case() {
        assert!(is_acronym("US"));
        assert!(is_acronym("U.S."));
        assert!(is_acronym("WHO"));
        assert!(!is_acronym("Who"));
        assert!(!is_acronym("A"));
        assert_eq!(Vocabulary::key_of("Russia’s"), "russia's");
        let mut v = Vocabulary::default();
        let us = v.intern("US");
        let us_lower = v.intern("us");
        let mut s = String::new();
        assert_eq!(
            v.lookup("US", &mut s),
            WordIds {
                exact: us,
                folded: us_lower
            }
        );
        assert_eq!(v.lookup("us", &mut s).exact, NO_WORD);
    }
}
