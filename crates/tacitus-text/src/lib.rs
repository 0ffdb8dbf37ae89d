//! Sentence splitting and tokenization for English news text.
//!
//! The event coder needs, for every document, a list of sentences and the
//! tokens in each, as **byte offsets** into the original text so that every
//! coded event can point back to the exact words it came from. General-purpose
//! tokenizers handle news badly (abbreviations such as "U.S." or "Gen.",
//! possessives such as "NBC News'", curly quotes, datelines, headlines without
//! final punctuation), so this crate is a small hand-written scanner tuned for
//! that register.
//!
//! [`segment`] runs in two passes, both linear and allocation-free once the
//! output buffers have grown to the size of the largest document seen:
//!
//! 1. the tokenizer (`token.rs`) splits the text into [`Token`]s;
//! 2. the sentence splitter (`sentence.rs`) groups consecutive tokens into
//!    [`Sentence`]s, looking at the tokens and at the whitespace between them.
//!
//! Every byte of the text that is not whitespace (Unicode `White_Space`,
//! control characters, zero-width space and byte-order mark) belongs to exactly
//! one token; tokens never overlap, never are empty, and always start and end
//! on `char` boundaries. Sentence spans run from the first byte of their first
//! token to the last byte of their last token, so they never include leading
//! or trailing whitespace.
//!
//! ## Tokens in brief
//!
//! Whitespace separates tokens; `, ; : ! ? ( ) [ ] { } "`, curly double
//! quotes, `‘`, dashes (`— –`, `--`) and `…` are tokens of their own (commas
//! and colons between digits excepted: `1,800`, `10:30`). Hyphenated words,
//! numbers (`3.5`, `$64.45` — currency symbols stay attached), URLs, e-mail
//! addresses, `@handles` and `#hashtags` stay whole. Abbreviations keep their
//! period (`U.S.`, `a.m.`, `J.`, `Gen.`, `Ltd.`); other final periods are
//! split off. Clitics are split (`Russia` `'s`, `do` `n't`, `ca` `n't`,
//! `they` `'ve`), as is a plural possessive apostrophe (`News` `'`); the curly
//! apostrophe `’` behaves exactly like `'`.
//!
//! ## Sentences in brief
//!
//! A sentence ends at `.` `!` `?` `...` `…` (after any adjacent closing
//! quotes and brackets) unless the next word is lowercase; after an
//! abbreviation only if the next word is a common sentence starter (`The`,
//! `He`, `But`, …); never after a title (`Mr.`, `Gen.`, `No.`); always at a
//! blank line; and at a single line break after a line without final
//! punctuation (a headline) unless the next line starts lowercase.
//!
//! The rules and known limitations are detailed in the source of the
//! `token` and `sentence` modules.

mod sentence;
mod token;

/// A token: byte offsets into the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte of the token.
    pub start: u32,
    /// Byte offset one past the last byte of the token.
    pub end: u32,
}

/// A sentence: byte span and the range of its tokens in `Segmentation::tokens`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the start of the sentence's first token.
    pub start: u32,
    /// Byte offset of the end of the sentence's last token.
    pub end: u32,
    /// Indices of the sentence's tokens in [`Segmentation::tokens`].
    pub tokens: std::ops::Range<u32>,
}

/// The result of [`segment`]: all tokens of a document and its sentences.
#[derive(Default, Debug)]
pub struct Segmentation {
    /// Sentences in document order; together they cover all tokens.
    pub sentences: Vec<Sentence>,
    /// Tokens in document order.
    pub tokens: Vec<Token>,
}

/// Longest text, in bytes, that [`segment`] accepts.
///
/// Offsets are stored as `u32`. Callers must reject longer documents before
/// calling [`segment`]; if they do not, [`segment`] returns an empty
/// segmentation rather than wrong offsets.
pub const MAX_TEXT_LEN: usize = u32::MAX as usize;

/// Splits `text` into sentences and tokens, reusing the buffers in `out` (cleared first).
///
/// Texts longer than [`MAX_TEXT_LEN`] bytes yield an empty segmentation.
pub fn segment(text: &str, out: &mut Segmentation) {
    out.sentences.clear();
    out.tokens.clear();
    if text.len() > MAX_TEXT_LEN {
        return;
    }
    token::tokenize(text, &mut out.tokens);
    sentence::split(text, &out.tokens, &mut out.sentences);
}

impl Segmentation {
    /// The text of token `i`, or `None` if `i` is out of range.
    ///
    /// `text` must be the document passed to [`segment`].
    pub fn token_text<'a>(&self, text: &'a str, i: usize) -> Option<&'a str> {
        let t = self.tokens.get(i)?;
        text.get(t.start as usize..t.end as usize)
    }

    /// The tokens of sentence `s`, or an empty slice if `s` is out of range.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        match self.sentences.get(s) {
            Some(sent) => self
                .tokens
                .get(sent.tokens.start as usize..sent.tokens.end as usize)
                .unwrap_or(&[]),
            None => &[],
        }
    }
}
