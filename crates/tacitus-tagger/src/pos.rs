//! The coarse part-of-speech tagset used throughout tacitus.

/// A coarse part-of-speech tag for English news text.
///
/// Auxiliaries (be, have, do) get the `Verb*` tag of their form: "has" is
/// [`Pos::VerbPresent3`], "been" is [`Pos::VerbParticiple`].
#[repr(u8)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    /// Common noun, singular or plural.
    Noun = 0,
    /// Proper noun (names, including title-case words inside names).
    ProperNoun,
    /// Pronoun, including possessive and wh-pronouns and existential "there".
    Pronoun,
    /// Verb, base form or non-3rd-person-singular present.
    Verb,
    /// Verb, past tense.
    VerbPast,
    /// Verb, past participle.
    VerbParticiple,
    /// Verb, gerund or present participle.
    VerbGerund,
    /// Verb, 3rd person singular present.
    VerbPresent3,
    /// Modal verb (can, will, would, ...).
    Modal,
    /// Adjective, including comparatives, superlatives and ordinals.
    Adjective,
    /// Adverb, including particles and qualifiers.
    Adverb,
    /// Preposition.
    Adposition,
    /// Determiner (articles, quantifiers, demonstratives).
    Determiner,
    /// Coordinating conjunction.
    CoordConj,
    /// Subordinating conjunction.
    SubConj,
    /// Cardinal number.
    Number,
    /// Infinitival or prepositional "to".
    To,
    /// Negation: "not", "n't", "never".
    Negation,
    /// Possessive clitic "'s" / "'".
    Possessive,
    /// Punctuation.
    Punct,
    /// Anything else (interjections, foreign words, symbols).
    Other,
}

impl Pos {
    /// Number of tags.
    pub const COUNT: usize = 21;

    /// All tags in discriminant order.
    pub const ALL: [Pos; Pos::COUNT] = [
        Pos::Noun,
        Pos::ProperNoun,
        Pos::Pronoun,
        Pos::Verb,
        Pos::VerbPast,
        Pos::VerbParticiple,
        Pos::VerbGerund,
        Pos::VerbPresent3,
        Pos::Modal,
        Pos::Adjective,
        Pos::Adverb,
        Pos::Adposition,
        Pos::Determiner,
        Pos::CoordConj,
        Pos::SubConj,
        Pos::Number,
        Pos::To,
        Pos::Negation,
        Pos::Possessive,
        Pos::Punct,
        Pos::Other,
    ];

    /// The tag's name, as written by `scripts/tagger` ("ProperNoun", ...).
    pub fn name(self) -> &'static str {
        match self {
            Pos::Noun => "Noun",
            Pos::ProperNoun => "ProperNoun",
            Pos::Pronoun => "Pronoun",
            Pos::Verb => "Verb",
            Pos::VerbPast => "VerbPast",
            Pos::VerbParticiple => "VerbParticiple",
            Pos::VerbGerund => "VerbGerund",
            Pos::VerbPresent3 => "VerbPresent3",
            Pos::Modal => "Modal",
            Pos::Adjective => "Adjective",
            Pos::Adverb => "Adverb",
            Pos::Adposition => "Adposition",
            Pos::Determiner => "Determiner",
            Pos::CoordConj => "CoordConj",
            Pos::SubConj => "SubConj",
            Pos::Number => "Number",
            Pos::To => "To",
            Pos::Negation => "Negation",
            Pos::Possessive => "Possessive",
            Pos::Punct => "Punct",
            Pos::Other => "Other",
        }
    }

    /// Parses a name produced by [`Pos::name`].
    pub fn from_name(s: &str) -> Option<Pos> {
        Pos::ALL.iter().copied().find(|p| p.name() == s)
    }

    /// The tag with discriminant `i`, if any.
    pub fn from_index(i: usize) -> Option<Pos> {
        Pos::ALL.get(i).copied()
    }

    /// True for every `Verb*` tag (not [`Pos::Modal`]).
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Pos::Verb | Pos::VerbPast | Pos::VerbParticiple | Pos::VerbGerund | Pos::VerbPresent3
        )
    }

    /// True for [`Pos::Noun`] and [`Pos::ProperNoun`].
    pub fn is_noun(self) -> bool {
        matches!(self, Pos::Noun | Pos::ProperNoun)
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
