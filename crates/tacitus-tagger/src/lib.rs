//! Part-of-speech tagging and lemmatization for English news tokens.
//!
//! The event coder needs to know which token is the verb, whether it is
//! passive ("have been arrested"), and what its lemma is, so that verb
//! patterns written for "arrest" match "arrested". This crate provides:
//!
//! * [`Tagger`]: a greedy averaged-perceptron tagger (Honnibal-style features,
//!   hashed into a fixed table of quantized `i16` weights) trained on the Brown
//!   corpus converted to tacitus' tokenization, with the coarse tagset [`Pos`].
//!   Numbers and punctuation are tagged by rule; frequent unambiguous words by
//!   a dictionary. It tags well over a million tokens a second on one core.
//! * [`Lemmatizer`]: lemmas for verbs and nouns from a small table of
//!   irregular forms (built from `lemminflect`) plus suffix rules.
//!
//! Both models are embedded in the binary (`data/text/`), so nothing is read
//! or downloaded at run time. They are rebuilt by `scripts/tagger/`.

mod features;
mod lemma;
mod pos;
mod tagger;
pub mod train;

pub use lemma::Lemmatizer;
pub use pos::Pos;
pub use tagger::{ModelError, Tagger};
