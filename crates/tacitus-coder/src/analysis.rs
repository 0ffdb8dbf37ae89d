//! Per-sentence linguistic analysis: tokens with tags, lemmas and dictionary ids, and the verb
//! groups (auxiliaries, negation, modality, voice) built on them.

use tacitus_knowledge::{Knowledge, WordIds};
use tacitus_tagger::{Lemmatizer, Pos, Tagger};

/// One analysed token. Offsets are relative to the sentence text.
#[derive(Clone, Debug)]
pub(crate) struct Tok<'s> {
    pub start: usize,
    pub end: usize,
    pub pos: Pos,
    /// Lowercase form with typographic quotes folded, borrowed from the sentence's buffer.
    pub lower: &'s str,
    pub lemma: &'s str,
    pub ids: WordIds,
    pub capitalised: bool,
}

/// Modality of a verb group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Modality {
    /// Plain assertion.
    Fact,
    /// will / would / shall / going to: stated intent.
    Future,
    /// could / might / may / should / must / can: not an event.
    Hypothetical,
}

/// A verb group: auxiliaries, adverbs and negation around one main verb.
#[derive(Clone, Debug)]
pub(crate) struct VerbGroup {
    pub start: usize,
    /// Index of the main verb.
    pub head: usize,
    pub negated: bool,
    pub passive: bool,
    pub modality: Modality,
    /// "must", "should", "ought": what someone else says the subject has to do.
    pub obligation: bool,
    /// "would": stated intent when the subject is the speaker's own ("it would join"),
    /// speculation when a named party is talked about ("analysts say Israel would attack").
    pub would: bool,
}

pub(crate) struct SentenceAnalysis<'s> {
    pub text: &'s str,
    pub toks: Vec<Tok<'s>>,
    pub groups: Vec<VerbGroup>,
}

const BE: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "'re", "'m", "get", "got", "gets",
    "getting", "gotten",
];
const AUX: &[&str] = &[
    "have", "has", "had", "having", "'ve", "do", "does", "did", "'d", "'s", "'ll",
];

fn is_be(lower: &str) -> bool {
    BE.contains(&lower)
}

/// True for a title-case headline: most words of four letters or more are capitalised.
fn is_title_case(words: &[&str]) -> bool {
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long.len() >= 3 && capitalised * 10 >= long.len() * 8
}

/// True for auxiliary-like forms that never head an event.
pub(crate) fn is_aux(lower: &str) -> bool {
    is_be(lower) || AUX.contains(&lower)
}

impl<'s> SentenceAnalysis<'s> {
    /// Tags, lemmatises and looks up every token of one sentence.
    /// Writes the lowercase form of every token into `buf` (one buffer reused for every
    /// sentence, so there is no allocation per token) and their ranges into `ranges`.
    pub fn lowercase(
        text: &str,
        spans: &[(usize, usize)],
        buf: &mut String,
        ranges: &mut Vec<(usize, usize)>,
    ) {
        buf.clear();
        ranges.clear();
        let mut one = String::new();
        for &(s, e) in spans {
            tacitus_knowledge::normalize_into(&text[s..e], &mut one);
            let start = buf.len();
            buf.push_str(&one);
            ranges.push((start, buf.len()));
        }
    }

    /// Tags, lemmatises and looks up every token of one sentence; `lowers` and `ranges` come
    /// from [`SentenceAnalysis::lowercase`].
    pub fn new(
        text: &'s str,
        spans: &[(usize, usize)],
        lowers: &'s str,
        ranges: &[(usize, usize)],
        knowledge: &Knowledge,
    ) -> Self {
        let words: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        let mut tags = Vec::with_capacity(words.len());
        // A headline in title case ("EU Imposes New Sanctions On Russian Banks") is tagged in
        // lower case, but for the words the dictionaries know as names.
        if is_title_case(&words) {
            let lowered: Vec<&str> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let lower = &lowers[ranges[i].0..ranges[i].1];
                    let known = !knowledge.actors.word_ids_normalized(w, lower).is_none();
                    if known || tacitus_knowledge::is_acronym(w) {
                        *w
                    } else {
                        lower
                    }
                })
                .collect();
            Tagger::embedded().tag(&lowered, &mut tags);
        } else {
            Tagger::embedded().tag(&words, &mut tags);
        }
        let lem = Lemmatizer::embedded();
        let mut toks = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let lower = &lowers[ranges[i].0..ranges[i].1];
            let pos = tags.get(i).copied().unwrap_or(Pos::Other);
            let lemma = if pos.is_verb() || pos.is_noun() {
                lem.lemma(lower, pos)
            } else {
                lower
            };
            toks.push(Tok {
                start: spans[i].0,
                end: spans[i].1,
                pos,
                ids: knowledge.actors.word_ids_normalized(w, lower),
                capitalised: w.chars().next().is_some_and(char::is_uppercase),
                lower,
                lemma,
            });
        }
        let mut a = SentenceAnalysis {
            text,
            toks,
            groups: Vec::new(),
        };
        a.fix_tags(knowledge);
        a.groups = a.verb_groups();
        a
    }

    /// Repairs tagger slips that matter for coding: a word after a modal or infinitival "to" is
    /// a verb when the lemmatiser knows it as one; "'s" after a pronoun is "is"/"has".
    fn fix_tags(&mut self, knowledge: &Knowledge) {
        let lem = Lemmatizer::embedded();
        for i in 1..self.toks.len() {
            // "The European Union plans to adopt": a plural-looking noun before "to" + verb that
            // is a control verb in its -s form is that verb.
            if self.toks[i].pos == Pos::Noun
                && self.toks[i].lower.ends_with('s')
                && self.toks.get(i + 1).is_some_and(|n| n.pos == Pos::To)
                && self.toks.get(i + 2).is_some_and(|n| n.pos == Pos::Verb)
            {
                let verb = lem.lemma(self.toks[i].lower, Pos::VerbPresent3);
                if knowledge.verbs.control(verb).is_some() {
                    self.toks[i].pos = Pos::VerbPresent3;
                    self.toks[i].lemma = verb;
                }
            }
            // "'s" after a name is a possessive; a word right after a possessive is no verb.
            if self.toks[i].lower == "'s"
                && matches!(self.toks[i - 1].pos, Pos::ProperNoun | Pos::Noun)
            {
                self.toks[i].pos = Pos::Possessive;
            }
            // ... and so is one right after a determiner: "the occupied West Bank", "a planned visit".
            if matches!(self.toks[i - 1].pos, Pos::Possessive | Pos::Determiner)
                && matches!(self.toks[i].pos, Pos::VerbPast | Pos::VerbParticiple)
            {
                self.toks[i].pos = Pos::Adjective;
                self.toks[i].lemma = self.toks[i].lower;
            }
            let prev = self.toks[i - 1].pos;
            if matches!(prev, Pos::Modal | Pos::To) && matches!(self.toks[i].pos, Pos::Noun) {
                self.toks[i].pos = Pos::Verb;
                self.toks[i].lemma = Lemmatizer::embedded().lemma(self.toks[i].lower, Pos::Verb);
            }
        }
    }

    fn verb_groups(&self) -> Vec<VerbGroup> {
        let t = &self.toks;
        let mut groups = Vec::new();
        let mut i = 0;
        while i < t.len() {
            let p = t[i].pos;
            if !(p.is_verb() || p == Pos::Modal) {
                i += 1;
                continue;
            }
            let start = i;
            let mut j = i;
            let mut last_verb = None;
            let mut negated = false;
            let mut modality = Modality::Fact;
            let mut obligation = false;
            let mut would = false;
            let mut saw_be = false;
            let mut be_before_main = false;
            while j < t.len() {
                let tok = &t[j];
                match tok.pos {
                    Pos::Modal => {
                        obligation |= matches!(tok.lower, "must" | "should" | "ought");
                        would |= matches!(tok.lower, "would" | "'d");
                        modality = match tok.lower {
                            "will" | "would" | "shall" | "'ll" | "wo" => Modality::Future,
                            _ => Modality::Hypothetical,
                        };
                    }
                    Pos::Negation => negated = true,
                    Pos::Adverb => {
                        if matches!(tok.lower, "never" | "not") {
                            negated = true;
                        }
                    }
                    p if p.is_verb() => {
                        // A verb after a non-auxiliary verb starts a new group.
                        if last_verb.is_some_and(|lv: usize| !is_aux(t[lv].lower)) {
                            break;
                        }
                        be_before_main = saw_be;
                        if is_be(tok.lower) {
                            saw_be = true;
                        }
                        last_verb = Some(j);
                    }
                    _ => break,
                }
                j += 1;
            }
            if let Some(head) = last_verb {
                // "were engaged in", "is involved in": participles that describe a state, not a passive.
                let stative = matches!(
                    t[head].lower,
                    "engaged"
                        | "involved"
                        | "embroiled"
                        | "locked"
                        | "committed"
                        | "determined"
                        | "prepared"
                        | "poised"
                );
                let passive = be_before_main
                    && !stative
                    && matches!(t[head].pos, Pos::VerbParticiple | Pos::VerbPast);
                groups.push(VerbGroup {
                    start,
                    head,
                    negated,
                    passive,
                    modality,
                    obligation,
                    would,
                });
                i = head + 1;
            } else {
                i = j.max(i + 1);
            }
        }
        groups
    }
}

/// Verbs of saying that frame a report ("as NBC News reported", "..., officials said").
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "say",
    "report",
    "note",
    "tell",
    "add",
    "write",
    "highlight",
    "mention",
    "state",
    "claim",
    "confirm",
    "announce",
    "quote",
    "cite",
    "reveal",
    "show",
    "insist",
    "acknowledge",
    "stress",
    "admit",
    "explain",
    "argue",
    "tweet",
    "post",
];

/// Further verbs of declaring: with the verbs of saying, bare they only frame a report.
const DECLARING: &[&str] = &[
    "declare",
    "remark",
    "comment",
    "assert",
    "affirm",
    "reaffirm",
    "indicate",
    "observe",
    "point",
    "predict",
    "estimate",
    "repeat",
    "describe",
    "reiterate",
];

/// True for verbs whose bare use only frames a report ("X said ...", "X announced ...").
pub(crate) fn is_statement_verb(lemma: &str) -> bool {
    SPEECH_VERBS.contains(&lemma) || DECLARING.contains(&lemma)
}
