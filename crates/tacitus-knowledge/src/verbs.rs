//! Verb patterns: which predicates mean which CAMEO event, plus the control verbs that take an
//! infinitive complement and the words that mark a sentence as sports, markets or weather.
//!
//! Format of `data/verbs/NN_*.txt` (see `data/verbs/README.md`): `CODE HEAD [ELEMENT ...]`, where
//! HEAD is a verb lemma (alternatives with `|`), each ELEMENT is a lemma that must follow the head
//! in order (alternatives with `|`) or `+` for the target actor, and CODE is a CAMEO code or
//! `---` (the phrase is not a political event). The most specific pattern wins.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::{KnowledgeError, SourceFile};

/// One element after the head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// One of these lemmas.
    Lemma(Vec<Box<str>>),
    /// The target actor stands here.
    Target,
}

/// A compiled pattern line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbPattern {
    /// CAMEO code, or `None` for a `---` veto.
    pub code: Option<String>,
    pub head: Box<str>,
    pub elements: Vec<Element>,
    /// "verbs/12_reject.txt:34".
    pub origin: String,
    /// The line as written, for `--explain`.
    pub text: String,
}

impl VerbPattern {
    /// A short rule name: "deny+request".
    pub fn name(&self) -> String {
        let mut s = self.head.to_string();
        for e in &self.elements {
            s.push('+');
            match e {
                Element::Lemma(l) => s.push_str(&l.join("|")),
                Element::Target => s.push_str("TARGET"),
            }
        }
        s
    }
}

/// How a verb with an infinitive complement changes the complement's event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlBehaviour {
    /// "continued to attack": code the complement.
    Transparent,
    /// "refused to recognize": cooperation becomes REJECT; hostility becomes nothing.
    Refuse,
    /// "failed to": nothing happened.
    Negate,
    /// "plans to": hypothetical, nothing happened yet.
    Intend,
    /// "threatened to impose sanctions": THREATEN, by the complement.
    Threaten,
    /// "agreed to release": intent to cooperate or yield, by the complement.
    Commit,
    /// "urged X to": the head's own pattern codes it; the complement is not coded separately.
    Request,
    /// "denied supplying", "denied that": a denial statement (016) about the complement.
    Disclaim,
}

impl ControlBehaviour {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "transparent" => Self::Transparent,
            "refuse" => Self::Refuse,
            "negate" => Self::Negate,
            "intend" => Self::Intend,
            "threaten" => Self::Threaten,
            "commit" => Self::Commit,
            "request" => Self::Request,
            "disclaim" => Self::Disclaim,
            _ => return None,
        })
    }
}

/// The words of a discard phrase after its first, and its domain.
type DiscardPhrase = (Vec<Box<str>>, Box<str>);

/// All verb knowledge.
#[derive(Debug, Default)]
pub struct VerbDictionary {
    /// Patterns by head lemma, most specific first.
    by_head: FxHashMap<Box<str>, Vec<VerbPattern>>,
    control: FxHashMap<Box<str>, ControlBehaviour>,
    /// Discard words by lemma, with their domain ("sports").
    discards: FxHashMap<Box<str>, Box<str>>,
    /// Multi-word discard phrases by their first word: the other words and the domain.
    discard_phrases: FxHashMap<Box<str>, Vec<DiscardPhrase>>,
    /// First words of multi-word heads ("push" of "push back"), for quick checks.
    heads: FxHashSet<Box<str>>,
    /// Per head: pattern indices by the words their first element accepts, so that a verb only
    /// tries the patterns whose first word occurs after it.
    by_first_word: FxHashMap<Box<str>, FxHashMap<Box<str>, Vec<u32>>>,
    /// Per head: patterns that do not start with a word (bare, or a target slot first).
    always: FxHashMap<Box<str>, Vec<u32>>,
}

impl VerbDictionary {
    pub(crate) fn add_patterns(&mut self, file: &SourceFile) -> Result<(), KnowledgeError> {
        for (i, raw) in file.text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| KnowledgeError::Line {
                file: file.name.clone(),
                line: i + 1,
                message,
            };
            let mut parts = line.split_whitespace();
            let code = parts.next().ok_or_else(|| err("empty pattern".into()))?;
            let code = match code {
                "---" => None,
                c if (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(c.to_string())
                }
                c => return Err(err(format!("bad CAMEO code {c:?}"))),
            };
            let heads = parts
                .next()
                .ok_or_else(|| err("missing head verb".into()))?;
            let elements: Vec<Element> = parts
                .map(|p| {
                    if p == "+" {
                        Element::Target
                    } else {
                        Element::Lemma(
                            p.split('|')
                                .filter(|s| !s.is_empty())
                                .map(|s| s.to_lowercase().into())
                                .collect(),
                        )
                    }
                })
                .collect();
            for head in heads.split('|').filter(|h| !h.is_empty()) {
                let head: Box<str> = head.to_lowercase().into();
                self.heads.insert(head.clone());
                self.by_head
                    .entry(head.clone())
                    .or_default()
                    .push(VerbPattern {
                        code: code.clone(),
                        head,
                        elements: elements.clone(),
                        origin: format!("{}:{}", file.name, i + 1),
                        text: line.to_string(),
                    });
            }
        }
        Ok(())
    }

    pub(crate) fn add_control(&mut self, file: &SourceFile) -> Result<(), KnowledgeError> {
        for (i, raw) in file.text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(b), Some(lemma)) = (parts.next(), parts.next()) else {
                return Err(KnowledgeError::Line {
                    file: file.name.clone(),
                    line: i + 1,
                    message: "expected BEHAVIOUR LEMMA".into(),
                });
            };
            let behaviour = ControlBehaviour::parse(b).ok_or_else(|| KnowledgeError::Line {
                file: file.name.clone(),
                line: i + 1,
                message: format!("unknown behaviour {b:?}"),
            })?;
            self.control
                .entry(lemma.to_lowercase().into())
                .or_insert(behaviour);
        }
        Ok(())
    }

    pub(crate) fn add_discards(&mut self, file: &SourceFile) -> Result<(), KnowledgeError> {
        for (i, raw) in file.text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let Some((domain, phrase)) = line.split_once(char::is_whitespace) else {
                return Err(KnowledgeError::Line {
                    file: file.name.clone(),
                    line: i + 1,
                    message: "expected DOMAIN WORD".into(),
                });
            };
            let phrase = phrase.trim().to_lowercase();
            if let Some((first, rest)) = phrase.split_once(' ') {
                let rest = rest.split_whitespace().map(Into::into).collect();
                self.discard_phrases
                    .entry(first.into())
                    .or_default()
                    .push((rest, domain.into()));
            } else {
                self.discards
                    .entry(phrase.into())
                    .or_insert_with(|| domain.into());
            }
        }
        Ok(())
    }

    /// Sort every head's patterns, most specific first: more words, then more elements (a
    /// target slot), then file order (stable). "receive jet" beats "receive +".
    pub(crate) fn finish(&mut self) {
        for v in self.by_head.values_mut() {
            v.sort_by_key(|p| {
                let words = p
                    .elements
                    .iter()
                    .filter(|e| matches!(e, Element::Lemma(_)))
                    .count();
                std::cmp::Reverse((words, p.elements.len()))
            });
        }
        for (head, patterns) in &self.by_head {
            let index = self.by_first_word.entry(head.clone()).or_default();
            let always = self.always.entry(head.clone()).or_default();
            for (i, p) in patterns.iter().enumerate() {
                match p.elements.first() {
                    Some(Element::Lemma(words)) => {
                        for w in words {
                            index.entry(w.clone()).or_default().push(i as u32);
                        }
                    }
                    _ => always.push(i as u32),
                }
            }
        }
    }

    /// Indices (into [`VerbDictionary::patterns`]) of the patterns of `head` that may match given
    /// the words that follow the verb, most specific first.
    pub fn candidates<'w>(
        &self,
        head: &str,
        following: impl Iterator<Item = &'w str>,
        out: &mut Vec<u32>,
    ) {
        out.clear();
        if let Some(always) = self.always.get(head) {
            out.extend_from_slice(always);
        }
        if let Some(index) = self.by_first_word.get(head) {
            for w in following {
                if let Some(ids) = index.get(w) {
                    out.extend_from_slice(ids);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Patterns whose head is `lemma`, most specific first.
    pub fn patterns(&self, lemma: &str) -> &[VerbPattern] {
        self.by_head.get(lemma).map_or(&[], Vec::as_slice)
    }

    /// True when some pattern has this head lemma.
    pub fn is_head(&self, lemma: &str) -> bool {
        self.heads.contains(lemma)
    }

    /// The control behaviour of a verb lemma, if it takes a complement that matters.
    pub fn control(&self, lemma: &str) -> Option<ControlBehaviour> {
        self.control.get(lemma).copied()
    }

    /// The non-political domain a lemma signals ("sports"), if any.
    pub fn discard_domain(&self, lemma: &str) -> Option<&str> {
        self.discards.get(lemma).map(|d| &**d)
    }

    /// The domain of a multi-word discard phrase starting at `words[0]` (lowercase words).
    pub fn discard_phrase(&self, words: &[&str]) -> Option<&str> {
        let (first, rest) = words.split_first()?;
        self.discard_phrases
            .get(*first)?
            .iter()
            .find_map(|(phrase, domain)| {
                (rest.len() >= phrase.len() && phrase.iter().zip(rest).all(|(p, w)| **p == **w))
                    .then_some(&**domain)
            })
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.by_head.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_head.is_empty()
    }
}
