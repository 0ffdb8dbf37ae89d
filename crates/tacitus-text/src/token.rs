//! Tokenizer for English news text.
//!
//! A single left-to-right scan over the bytes (ASCII fast path; non-ASCII
//! characters are decoded only at their lead byte). Rules:
//!
//! * Separators (never part of a token): Unicode `White_Space` (including
//!   NBSP and the line/paragraph separators), ASCII and C1 control characters,
//!   zero-width space (U+200B) and the byte-order mark (U+FEFF).
//! * Always split off as one-character tokens, wherever they occur:
//!   `" ( ) [ ] { } ; ! ? < > |`, curly double quotes `“ ” „ ‟`, the opening
//!   single quote `‘` and `‚`, guillemets, `¡ ¿`, the ellipsis `…`, and the
//!   dashes `— – ‒ ―`. A run of two or more ASCII hyphens (`--`) is one token.
//! * `,` and `:` are split off unless they sit between two digits
//!   (`1,800`, `10:30`).
//! * URLs starting with `http://`, `https://`, `ftp://` or `www.` are one
//!   token up to the next whitespace or double quote; trailing `. , ; : ! ? '`
//!   and an unbalanced `)` are split off.
//! * Everything else is a *piece* (a maximal run of other characters), so
//!   hyphenated words (`self-declared`, `U.S.-led`, `18-60`), numbers
//!   (`3.5`, `$64.45`, `5%`), e-mail addresses, `@handles`, `#hashtags`,
//!   `AT&T` and `24/7` stay whole. Currency symbols stay attached to their
//!   number (`$64.45` is one token; a lone `$` is its own token).
//!   Within a piece:
//!   - leading apostrophes (`'`, `’`, `` ` ``) and leading runs of periods are
//!     split off (opening quotes, `...and`), except for a piece that is
//!     exactly a clitic such as `'s`;
//!   - trailing apostrophes are split off: a closing single quote and the
//!     plural possessive (`News'` → `News` `'`) are the same token;
//!   - a trailing run of two or more periods is one token (ellipsis);
//!   - a single trailing period is split off unless the word before it is an
//!     abbreviation: a known abbreviation (see [`abbreviation`]), single
//!     letters joined by periods (`U.S.`, `a.m.`, `e.g.`, `U.S.A.`), or a
//!     single capital letter (an initial, `J.`);
//!   - a final clitic is split off: `'s 'm 'd 've 're 'll` and `n't`
//!     (`don't` → `do` `n't`, `can't` → `ca` `n't`), case-insensitively and
//!     with `’` treated exactly like `'`.
//!
//! Known limitations: an en dash inside a range (`18–60`) splits it into three
//! tokens (a hyphen does not); URLs without a scheme or `www.` are split at
//! `? ! ; ( )`; a single period after a single capital letter is always an
//! initial, so "Plan B." keeps its period (the sentence splitter still ends
//! the sentence before a common sentence starter).

use crate::Token;

/// Byte classes for the ASCII fast path.
const PIECE: u8 = 0;
const SPACE: u8 = 1;
const HARD: u8 = 2;

static CLASS: [u8; 128] = {
    let mut t = [PIECE; 128];
    let mut i = 0;
    while i < 0x21 {
        t[i] = SPACE;
        i += 1;
    }
    t[0x7f] = SPACE;
    let hard = b"\"()[]{};!?<>|";
    let mut j = 0;
    while j < hard.len() {
        t[hard[j] as usize] = HARD;
        j += 1;
    }
    t
};

/// Whether a non-ASCII character separates tokens without being one.
#[inline]
pub(crate) fn is_space_char(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Whether a non-ASCII character is always a token of its own.
#[inline]
fn is_hard_char(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '„'
            | '‟'
            | '‘'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '¡'
            | '¿'
            | '…'
            | '—'
            | '–'
            | '‒'
            | '―'
            | '、'
            | '。'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '！'
            | '？'
    )
}

/// Decodes the char starting at byte `i` (a char boundary) and its length.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.get(i..).and_then(|s| s.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        // Not reachable for a char boundary inside the text; advance safely.
        None => ('\u{FFFD}', 1),
    }
}

/// Abbreviation classes, used by the tokenizer (keep the period) and by the
/// sentence splitter (may a sentence end here?).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Precedes a name or number (Mr., Gen., No.): never ends a sentence.
    Title,
    /// May end a sentence (U.S., Inc., Jan., etc.).
    Other,
}

/// Classifies `word` (without its final period) as a known abbreviation.
///
/// The lists are case-sensitive: "Ill." is Illinois, "ill." is not.
pub(crate) fn abbreviation(word: &[u8]) -> Option<Abbrev> {
    let class = match word {
        // Titles and words that precede a name or a number.
        b"Mr" | b"Mrs" | b"Ms" | b"Messrs" | b"Mmes" | b"Mme" | b"Mlle" | b"Dr" | b"Drs"
        | b"Prof" | b"Profs" | b"Gen" | b"Gens" | b"Lt" | b"Col" | b"Maj" | b"Capt" | b"Cmdr"
        | b"Cdr" | b"Adm" | b"Sgt" | b"Cpl" | b"Pvt" | b"Brig" | b"Lieut" | b"Sen" | b"Sens"
        | b"Rep" | b"Reps" | b"Gov" | b"Govs" | b"Pres" | b"Rev" | b"Hon" | b"Msgr" | b"Fr"
        | b"Supt" | b"Det" | b"Insp" | b"Atty" | b"Amb" | b"Sec" | b"Ft" | b"Mt" | b"No"
        | b"Nos" | b"Nr" | b"vs" | b"v" | b"Fig" | b"Figs" | b"Vol" | b"Vols" | b"Art" | b"cf"
        | b"ca" => Abbrev::Title,
        // Suffixes, company forms, places, dates and others that may end a sentence.
        b"Jr" | b"Sr" | b"St" | b"Ste" | b"Ltd" | b"Inc" | b"Corp" | b"Co" | b"Cos" | b"Bros"
        | b"Plc" | b"Assn" | b"Dept" | b"Univ" | b"Intl" | b"Natl" | b"Mfg" | b"Ave" | b"Blvd"
        | b"Rd" | b"Hwy" | b"Sq" | b"Apt" | b"Ret" | b"Ph.D" | b"etc" | b"al" | b"approx"
        | b"est" | b"incl" | b"viz" | b"Jan" | b"Feb" | b"Mar" | b"Apr" | b"Jun" | b"Jul"
        | b"Aug" | b"Sep" | b"Sept" | b"Oct" | b"Nov" | b"Dec" | b"Mon" | b"Tue" | b"Tues"
        | b"Wed" | b"Thu" | b"Thur" | b"Thurs" | b"Fri" | b"Sat" | b"Sun" | b"Ala" | b"Ariz"
        | b"Ark" | b"Calif" | b"Colo" | b"Conn" | b"Del" | b"Fla" | b"Ga" | b"Ill" | b"Ind"
        | b"Kan" | b"Kans" | b"Ky" | b"La" | b"Md" | b"Mass" | b"Mich" | b"Minn" | b"Miss"
        | b"Mo" | b"Mont" | b"Neb" | b"Nebr" | b"Nev" | b"Okla" | b"Ore" | b"Oreg" | b"Pa"
        | b"Penn" | b"Tenn" | b"Tex" | b"Vt" | b"Va" | b"Wash" | b"Wis" | b"Wisc" | b"Wyo" => {
            Abbrev::Other
        }
        _ => return None,
    };
    Some(class)
}

/// Whether `word` is single ASCII letters joined by periods: `U.S`, `a.m`, `U.S.A`.
fn is_dotted_letters(word: &[u8]) -> bool {
    if word.len() < 3 || word.len() % 2 == 0 {
        return false;
    }
    word.iter().enumerate().all(|(k, &c)| {
        if k % 2 == 0 {
            c.is_ascii_alphabetic()
        } else {
            c == b'.'
        }
    })
}

/// Whether `word` (the text before a final period) is an abbreviation, so the
/// period belongs to the word.
pub(crate) fn keeps_period(word: &[u8]) -> bool {
    if word.is_empty() {
        return false;
    }
    if abbreviation(word).is_some() || is_dotted_letters(word) {
        return true;
    }
    if word.len() == 1 {
        return word[0].is_ascii_uppercase();
    }
    // A single non-ASCII capital letter ("Ö.").
    if let Ok(s) = std::str::from_utf8(word) {
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.is_uppercase();
        }
    }
    // "ex-Gen.", "pro-U.S.": look at the part after the last hyphen.
    match word.iter().rposition(|&c| c == b'-') {
        Some(h) if h + 1 < word.len() => {
            let tail = &word[h + 1..];
            abbreviation(tail).is_some() || is_dotted_letters(tail)
        }
        _ => false,
    }
}

/// Tokenizes `text`, appending tokens to `out` (not cleared).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            match CLASS[c as usize] {
                SPACE => {
                    i += 1;
                    continue;
                }
                HARD => {
                    push(out, i, i + 1);
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if c == b'-' && i + 1 < n && b[i + 1] == b'-' {
                let e = run_end(b, i, b'-');
                push(out, i, e);
                i = e;
                continue;
            }
            // At the start of a piece a comma or colon cannot sit between digits.
            if c == b',' || c == b':' {
                push(out, i, i + 1);
                i += 1;
                continue;
            }
            if (c == b'h' || c == b'H' || c == b'f' || c == b'F' || c == b'w' || c == b'W')
                && url_prefix(b, i)
            {
                i = url(text, i, out);
                continue;
            }
        } else if c >= 0xC0 {
            let (ch, len) = char_at(text, i);
            if is_space_char(ch) {
                i += len;
                continue;
            }
            if is_hard_char(ch) {
                push(out, i, i + len);
                i += len;
                continue;
            }
        }
        let e = piece_end(text, i);
        if e > i {
            piece(b, i, e, out);
            i = e;
        } else {
            // Defensive: never loop forever.
            let (_, len) = char_at(text, i);
            push(out, i, i + len);
            i += len;
        }
    }
}

#[inline]
fn push(out: &mut Vec<Token>, start: usize, end: usize) {
    // Offsets fit: `segment` rejects texts longer than `u32::MAX` bytes.
    out.push(Token {
        start: start as u32,
        end: end as u32,
    });
}

/// End of the run of byte `c` starting at `i`.
#[inline]
fn run_end(b: &[u8], i: usize, c: u8) -> usize {
    let mut e = i;
    while e < b.len() && b[e] == c {
        e += 1;
    }
    e
}

/// End of the piece starting at `i`.
fn piece_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    let mut j = start;
    while j < n {
        let c = b[j];
        if c < 0x80 {
            if CLASS[c as usize] != PIECE {
                break;
            }
            match c {
                b'-' if j + 1 < n && b[j + 1] == b'-' => break,
                b',' | b':' => {
                    let flanked = j > start
                        && b[j - 1].is_ascii_digit()
                        && j + 1 < n
                        && b[j + 1].is_ascii_digit();
                    if !flanked {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        } else if c >= 0xC0 {
            let (ch, len) = char_at(text, j);
            if is_space_char(ch) || is_hard_char(ch) {
                break;
            }
            j += len;
        } else {
            // Continuation byte: only reachable if a char was split, which
            // cannot happen; step over it.
            j += 1;
        }
    }
    j
}

/// The curly apostrophe U+2019 in UTF-8.
const RSQUO: &[u8] = "’".as_bytes();

/// Length of an apostrophe (`'` or `’`) starting at `i`, or 0.
#[inline]
fn apostrophe_at(b: &[u8], i: usize) -> usize {
    if i < b.len() && b[i] == b'\'' {
        1
    } else if b.len() >= i + 3 && &b[i..i + 3] == RSQUO {
        3
    } else {
        0
    }
}

/// Length of an apostrophe (`'` or `’`) ending at `e` (exclusive), or 0.
#[inline]
fn apostrophe_before(b: &[u8], e: usize) -> usize {
    if e >= 1 && b[e - 1] == b'\'' {
        1
    } else if e >= 3 && &b[e - 3..e] == RSQUO {
        3
    } else {
        0
    }
}

/// Whether `w` is a clitic tail after the apostrophe: s m d ve re ll.
fn is_clitic_tail(w: &[u8]) -> bool {
    match w.len() {
        1 => matches!(w[0] | 0x20, b's' | b'm' | b'd'),
        2 => {
            let (a, z) = (w[0] | 0x20, w[1] | 0x20);
            matches!((a, z), (b'v', b'e') | (b'r', b'e') | (b'l', b'l'))
                && w.iter().all(u8::is_ascii_alphabetic)
        }
        _ => false,
    }
}

/// Emits the tokens of the piece `b[start..end]`.
fn piece(b: &[u8], start: usize, end: usize, out: &mut Vec<Token>) {
    let mut s = start;
    // Leading apostrophes / backquotes and period runs.
    while s < end {
        let a = if b[s] == b'`' { 1 } else { apostrophe_at(b, s) };
        if a > 0 && s + a <= end {
            if is_clitic_tail(&b[s + a..end]) {
                break;
            }
            push(out, s, s + a);
            s += a;
            continue;
        }
        if b[s] == b'.' && s + 1 < end && b[s + 1] == b'.' {
            let e = run_end(&b[..end], s, b'.');
            push(out, s, e);
            s = e;
            continue;
        }
        break;
    }
    // Trailing apostrophes and periods.
    let mut e = end;
    while e > s {
        let a = apostrophe_before(b, e);
        if a > 0 && e - a >= s {
            e -= a;
            continue;
        }
        if b[e - 1] == b'.' {
            let mut p = e - 1;
            while p > s && b[p - 1] == b'.' {
                p -= 1;
            }
            if e - p >= 2 || !keeps_period(&b[s..p]) {
                e = p;
                continue;
            }
        }
        break;
    }
    core(b, s, e, out);
    // Re-emit the peeled trailing punctuation front to back.
    punct_run(b, e, end, out);
}

/// Emits `b[s..e]` split into period runs, apostrophes and single chars.
fn punct_run(b: &[u8], mut s: usize, e: usize, out: &mut Vec<Token>) {
    while s < e {
        let len = if b[s] == b'.' {
            run_end(&b[..e], s, b'.') - s
        } else {
            match apostrophe_at(b, s) {
                0 => utf8_len(b[s]),
                a => a,
            }
        };
        let t = (s + len).min(e);
        push(out, s, t);
        s = t;
    }
}

/// Length of the UTF-8 sequence introduced by lead byte `c`.
#[inline]
fn utf8_len(c: u8) -> usize {
    match c {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Emits a word, splitting off a final clitic.
fn core(b: &[u8], s: usize, e: usize, out: &mut Vec<Token>) {
    if s >= e {
        return;
    }
    match clitic_split(&b[s..e]) {
        Some(k) => {
            push(out, s, s + k);
            push(out, s + k, e);
        }
        None => push(out, s, e),
    }
}

/// Offset in `w` where a final clitic starts, if any.
fn clitic_split(w: &[u8]) -> Option<usize> {
    let n = w.len();
    let last = *w.last()?;
    if last >= 0x80 {
        return None;
    }
    // n't / n’t
    if last | 0x20 == b't' {
        let a = apostrophe_before(w, n - 1);
        if a > 0 && n >= 1 + a + 2 {
            let npos = n - 1 - a - 1;
            if w[npos] | 0x20 == b'n' && w[npos - 1].is_ascii_alphabetic() {
                return Some(npos);
            }
        }
    }
    // 's 'm 'd 've 're 'll
    for tail in 1..=2 {
        if n <= tail {
            break;
        }
        let a = apostrophe_before(w, n - tail);
        if a == 0 || n < tail + a + 1 {
            continue;
        }
        let pos = n - tail - a;
        let before = w[pos - 1];
        if is_clitic_tail(&w[n - tail..])
            && (before.is_ascii_alphanumeric() || before == b'.' || before >= 0x80)
        {
            return Some(pos);
        }
    }
    None
}

/// Whether a URL starts at `i`.
fn url_prefix(b: &[u8], i: usize) -> bool {
    let rest = &b[i..];
    let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    (starts(b"http://") || starts(b"https://") || starts(b"ftp://"))
        || (starts(b"www.") && rest[4].is_ascii_alphanumeric())
}

/// Emits the URL starting at `i` (and its trailing punctuation); returns its end.
fn url(text: &str, i: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    let mut j = i;
    let mut depth: i32 = 0;
    while j < n {
        let c = b[j];
        if c < 0x80 {
            if CLASS[c as usize] == SPACE || matches!(c, b'"' | b'<' | b'>') {
                break;
            }
            match c {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            j += 1;
        } else if c >= 0xC0 {
            let (ch, len) = char_at(text, j);
            if is_space_char(ch) || is_hard_char(ch) {
                break;
            }
            j += len;
        } else {
            j += 1;
        }
    }
    let end = j;
    let mut e = end;
    while e > i + 1 {
        let c = b[e - 1];
        let a = apostrophe_before(b, e);
        if a > 0 {
            e -= a;
        } else if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?') {
            e -= 1;
        } else if c == b')' && depth < 0 {
            depth += 1;
            e -= 1;
        } else {
            break;
        }
    }
    push(out, i, e);
    punct_run(b, e, end, out);
    end
}
