//! Sentence splitter: groups the tokens of a document into sentences.
//!
//! Works on the tokens produced by the tokenizer plus the whitespace between
//! them; one linear pass, no allocation beyond the output vector. After each
//! token it decides whether a sentence ends there:
//!
//! * **Paragraph break** — a blank line (two line breaks with only whitespace
//!   between; form feed and U+2029 count as two) always ends a sentence.
//! * **Terminal punctuation** — `.` `!` `?`, a period run (`...`) or `…`,
//!   followed by any *adjacent* closing quotes or brackets
//!   (`" ' ” ’ ) ] } » ›`, no whitespace in between), ends a sentence unless
//!   the next token starts with a lowercase letter or is `, ; : )` or a dash. So
//!   `"Stop!" he said.` and `... and then` stay one sentence, while
//!   `He left." Then` splits after the quote. A token glued to the
//!   punctuation without whitespace (`Yahoo!'s`) never starts a sentence.
//!   A `.` after a lone 1–3 digit number or single letter that starts the
//!   sentence is a list marker (`1. The first point`) and does not split.
//! * **Abbreviations** — tokens such as `U.S.`, `Inc.`, `Jan.`, `J.` keep
//!   their period (see the tokenizer). Titles (`Mr. Gen. Sen. No. vs.` …)
//!   never end a sentence. Other abbreviations and initials end one only if
//!   the next token is a capitalised *common sentence starter* (`The A In But
//!   He She It They We This` … — function words, pronouns and a few sentence
//!   adverbs), or if a closing quote follows the abbreviation, or if a line
//!   break follows, and the next token starts with a capital. A capitalised
//!   word that is not a starter is taken to continue a name: "the U.S. Army",
//!   "Peter J. Alexander", "J. R. R. Tolkien".
//! * **Line breaks** — a single line break after a line without final
//!   punctuation (a headline, a dateline, a byline) ends a sentence, unless
//!   the next line starts with a lowercase letter or the line ends with
//!   `, ; : & - – — ( [ { “ ‘ "` (hard-wrapped running text).
//!
//! Known limitations: a sentence ending in an abbreviation followed by a
//! capitalised word that is not a listed starter ("... in the U.S. Officials
//! said") is not split; a sentence ending in a single capital letter ("Plan
//! B. Officials") likewise; a sentence that starts with a lowercase word after
//! a period (e.g. "iPhone") is not split; ellipses before a capitalised proper
//! name are always split.

use crate::token::{abbreviation, Abbrev};
use crate::{Sentence, Token};

/// What a token (with any closers after it) says about a possible sentence end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// Not a possible sentence end.
    No,
    /// `.` `!` `?` `...` `…`.
    Terminal,
    /// A word that kept its final period (abbreviation or initial).
    Abbrev(Abbrev),
}

/// Splits `tokens` of `text` into sentences, appending to `out` (not cleared).
pub(crate) fn split(text: &str, tokens: &[Token], out: &mut Vec<Sentence>) {
    let b = text.as_bytes();
    let n = tokens.len();
    let mut sent_start = 0usize;
    // Possible end carried through adjacent closers, and whether any closer was seen.
    let mut pending = End::No;
    let mut closed = false;
    for i in 0..n {
        let t = tokens[i];
        let tb = bytes(b, t);
        let adjacent_to_prev = i > 0 && tokens[i - 1].end == t.start;
        match classify(tb) {
            Kind::Terminal => {
                pending = End::Terminal;
                closed = false;
            }
            Kind::Abbrev(a) => {
                pending = End::Abbrev(a);
                closed = false;
            }
            Kind::Closer if pending != End::No && adjacent_to_prev => closed = true,
            _ => pending = End::No,
        }
        let boundary = match tokens.get(i + 1) {
            None => true,
            Some(&next) => {
                let gap = b.get(t.end as usize..next.start as usize).unwrap_or(&[]);
                let breaks = line_breaks(gap);
                let nb = bytes(b, next);
                if breaks >= 2 {
                    true
                } else if pending != End::No
                    && next.start == t.end
                    && matches!(classify(nb), Kind::Closer)
                {
                    // Absorb the closing quote or bracket first.
                    false
                } else if pending != End::No && next.start == t.end {
                    // No space after the period: "Yahoo!'s", "U.S.'s".
                    false
                } else {
                    let first = first_char(text, next.start as usize);
                    match pending {
                        End::Terminal => {
                            let list_marker = tb == b"."
                                && i == sent_start + 1
                                && is_list_label(bytes(b, tokens[sent_start]));
                            !(list_marker
                                || first.is_lowercase()
                                || matches!(
                                    nb,
                                    b"," | b";" | b":" | b")" | b"--" | p::EN_DASH | p::EM_DASH
                                ))
                        }
                        End::Abbrev(Abbrev::Title) => false,
                        End::Abbrev(Abbrev::Other) => {
                            is_starter(nb) || ((closed || breaks == 1) && first.is_uppercase())
                        }
                        End::No => breaks == 1 && !first.is_lowercase() && !continues_line(tb),
                    }
                }
            }
        };
        if boundary {
            let first = tokens[sent_start];
            out.push(Sentence {
                start: first.start,
                end: t.end,
                tokens: sent_start as u32..(i + 1) as u32,
            });
            sent_start = i + 1;
            pending = End::No;
            closed = false;
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Terminal,
    Abbrev(Abbrev),
    Closer,
    Other,
}

#[inline]
fn bytes(b: &[u8], t: Token) -> &[u8] {
    b.get(t.start as usize..t.end as usize).unwrap_or(&[])
}

/// Multi-byte punctuation as byte strings, usable in patterns.
mod p {
    pub const ELLIPSIS: &[u8] = "…".as_bytes();
    pub const FW_EXCL: &[u8] = "！".as_bytes();
    pub const FW_QUEST: &[u8] = "？".as_bytes();
    pub const IDEO_STOP: &[u8] = "。".as_bytes();
    pub const RDQUO: &[u8] = "”".as_bytes();
    pub const RSQUO: &[u8] = "’".as_bytes();
    pub const RAQUO: &[u8] = "»".as_bytes();
    pub const RSAQUO: &[u8] = "›".as_bytes();
    pub const FW_RPAREN: &[u8] = "）".as_bytes();
    pub const CJK_RQ: &[u8] = "」".as_bytes();
    pub const CJK_RWQ: &[u8] = "』".as_bytes();
    pub const EN_DASH: &[u8] = "–".as_bytes();
    pub const EM_DASH: &[u8] = "—".as_bytes();
    pub const LDQUO: &[u8] = "“".as_bytes();
    pub const LSQUO: &[u8] = "‘".as_bytes();
}

/// Classifies a token for sentence splitting.
#[inline]
fn classify(tb: &[u8]) -> Kind {
    match tb {
        b"." | b"!" | b"?" | p::ELLIPSIS | p::FW_EXCL | p::FW_QUEST | p::IDEO_STOP => {
            Kind::Terminal
        }
        b"\""
        | b"'"
        | b")"
        | b"]"
        | b"}"
        | p::RDQUO
        | p::RSQUO
        | p::RAQUO
        | p::RSAQUO
        | p::FW_RPAREN
        | p::CJK_RQ
        | p::CJK_RWQ => Kind::Closer,
        [.., b'.'] if tb.iter().all(|&c| c == b'.') => Kind::Terminal,
        [word @ .., b'.'] => match abbreviation(word) {
            Some(a) => Kind::Abbrev(a),
            None => Kind::Abbrev(Abbrev::Other),
        },
        _ => Kind::Other,
    }
}

/// Number of line breaks in a gap of whitespace (CRLF counts once).
#[inline]
fn line_breaks(gap: &[u8]) -> u32 {
    if gap.len() == 1 {
        // The common case: a single space or a single newline.
        return u32::from(gap[0] == b'\n' || gap[0] == b'\r');
    }
    let mut count = 0;
    let mut k = 0;
    while k < gap.len() {
        match gap[k] {
            b'\n' => count += 1,
            b'\r' if gap.get(k + 1) != Some(&b'\n') => count += 1,
            0x0B => count += 1,
            0x0C => count += 2,
            0xC2 if gap.get(k + 1) == Some(&0x85) => count += 1,
            0xE2 if gap.get(k + 1) == Some(&0x80) => match gap.get(k + 2) {
                Some(0xA8) => count += 1,
                Some(0xA9) => count += 2,
                _ => {}
            },
            _ => {}
        }
        k += 1;
    }
    count
}

/// First character at byte offset `i` (a char boundary).
#[inline]
fn first_char(text: &str, i: usize) -> char {
    text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ')
}

/// Whether a sentence-initial token is a list label: 1–3 digits or one letter.
fn is_list_label(tb: &[u8]) -> bool {
    (!tb.is_empty() && tb.len() <= 3 && tb.iter().all(u8::is_ascii_digit))
        || (tb.len() == 1 && tb[0].is_ascii_alphabetic())
}

/// Whether a line ending in this token continues on the next line.
fn continues_line(tb: &[u8]) -> bool {
    matches!(
        tb,
        b"," | b";"
            | b":"
            | b"&"
            | b"-"
            | b"--"
            | b"("
            | b"["
            | b"{"
            | b"\""
            | p::EN_DASH
            | p::EM_DASH
            | p::LDQUO
            | p::LSQUO
    ) || (tb.len() > 1 && tb.last() == Some(&b'-'))
}

/// Capitalised words that commonly start a sentence and rarely continue a name.
fn is_starter(tb: &[u8]) -> bool {
    matches!(
        tb,
        b"The"
            | b"A"
            | b"An"
            | b"In"
            | b"On"
            | b"At"
            | b"By"
            | b"For"
            | b"From"
            | b"With"
            | b"To"
            | b"Of"
            | b"But"
            | b"And"
            | b"Or"
            | b"So"
            | b"Yet"
            | b"He"
            | b"She"
            | b"It"
            | b"They"
            | b"We"
            | b"I"
            | b"You"
            | b"His"
            | b"Her"
            | b"Its"
            | b"Their"
            | b"Our"
            | b"My"
            | b"This"
            | b"That"
            | b"These"
            | b"Those"
            | b"There"
            | b"Here"
            | b"Then"
            | b"Now"
            | b"When"
            | b"While"
            | b"After"
            | b"Before"
            | b"As"
            | b"If"
            | b"Although"
            | b"Though"
            | b"Because"
            | b"Since"
            | b"However"
            | b"Meanwhile"
            | b"Earlier"
            | b"Later"
            | b"Still"
            | b"Also"
            | b"Yesterday"
            | b"Today"
            | b"Some"
            | b"Many"
            | b"Most"
            | b"Several"
            | b"Both"
            | b"All"
            | b"Each"
            | b"Every"
            | b"Other"
            | b"Such"
            | b"What"
            | b"Who"
            | b"Where"
            | b"Why"
            | b"How"
            | b"According"
    )
}
