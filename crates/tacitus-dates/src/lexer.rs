//! One-pass tokenizer: words (alphabetic runs, classified into [`Kw`] without
//! allocating), ASCII digit runs and single punctuation characters, each with
//! its byte span. Adjacency (no whitespace between tokens) is recovered from
//! the spans, which is what distinguishes "2,014" from "March 3, 2014".

/// Unit words for "N days ago", "last week", ...
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// Time-of-day words that may follow a day expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tod {
    Morning,
    Afternoon,
    Evening,
    Night,
}

/// Classified word. `Other` covers everything the grammar does not use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kw {
    /// Full month name, 1..=12.
    Month(u8),
    /// Month abbreviation ("Jan", "Sept"), 1..=12.
    MonAbbr(u8),
    /// Full weekday name, Monday = 0.
    Weekday(u8),
    /// Weekday abbreviation ("Fri"), Monday = 0.
    WdAbbr(u8),
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Last,
    This,
    Next,
    Past,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    In,
    The,
    Of,
    Over,
    Since,
    Before,
    After,
    /// Other words that make a following bare year a date ("during 2014").
    YearCtx,
    Unit(Unit),
    Weekend,
    Ago,
    Tod(Tod),
    /// "one" .. "twelve".
    NumWord(u8),
    /// "a" / "an".
    A,
    /// Ordinal suffix "st", "nd", "rd", "th".
    Ord,
    /// Future markers: "will", "scheduled", ...
    Future,
    Other,
}

impl Kw {
    /// Words that can head a date expression; used by the prefilter.
    pub(crate) fn is_trigger(self) -> bool {
        matches!(
            self,
            Kw::Month(_)
                | Kw::MonAbbr(_)
                | Kw::Weekday(_)
                | Kw::WdAbbr(_)
                | Kw::Today
                | Kw::Tonight
                | Kw::Yesterday
                | Kw::Tomorrow
                | Kw::Unit(_)
                | Kw::Weekend
                | Kw::Tod(_)
        )
    }
}

/// Classify a lowercased ASCII word.
pub(crate) fn classify(w: &[u8]) -> Kw {
    use Kw::*;
    match w {
        b"january" => Month(1),
        b"february" => Month(2),
        b"march" => Month(3),
        b"april" => Month(4),
        b"may" => Month(5),
        b"june" => Month(6),
        b"july" => Month(7),
        b"august" => Month(8),
        b"september" => Month(9),
        b"october" => Month(10),
        b"november" => Month(11),
        b"december" => Month(12),
        b"jan" => MonAbbr(1),
        b"feb" => MonAbbr(2),
        b"mar" => MonAbbr(3),
        b"apr" => MonAbbr(4),
        b"jun" => MonAbbr(6),
        b"jul" => MonAbbr(7),
        b"aug" => MonAbbr(8),
        b"sep" | b"sept" => MonAbbr(9),
        b"oct" => MonAbbr(10),
        b"nov" => MonAbbr(11),
        b"dec" => MonAbbr(12),
        b"monday" => Weekday(0),
        b"tuesday" => Weekday(1),
        b"wednesday" => Weekday(2),
        b"thursday" => Weekday(3),
        b"friday" => Weekday(4),
        b"saturday" => Weekday(5),
        b"sunday" => Weekday(6),
        b"mon" => WdAbbr(0),
        b"tue" | b"tues" => WdAbbr(1),
        b"wed" => WdAbbr(2),
        b"thu" | b"thur" | b"thurs" => WdAbbr(3),
        b"fri" => WdAbbr(4),
        b"sat" => WdAbbr(5),
        b"sun" => WdAbbr(6),
        b"today" => Today,
        b"tonight" => Tonight,
        b"yesterday" => Yesterday,
        b"tomorrow" => Tomorrow,
        b"last" => Last,
        b"this" => This,
        b"next" => Next,
        b"past" => Past,
        b"earlier" => Earlier,
        b"later" => Later,
        b"early" => Early,
        b"late" => Late,
        b"mid" => Mid,
        b"in" => In,
        b"the" => The,
        b"of" => Of,
        b"over" => Over,
        b"since" => Since,
        b"before" => Before,
        b"after" => After,
        b"during" | b"until" | b"till" | b"throughout" | b"from" | b"through" => YearCtx,
        b"minute" | b"minutes" => Unit(self::Unit::Minute),
        b"hour" | b"hours" => Unit(self::Unit::Hour),
        b"day" | b"days" => Unit(self::Unit::Day),
        b"week" | b"weeks" => Unit(self::Unit::Week),
        b"month" | b"months" => Unit(self::Unit::Month),
        b"year" | b"years" => Unit(self::Unit::Year),
        b"weekend" => Weekend,
        b"ago" => Ago,
        b"morning" => Tod(self::Tod::Morning),
        b"afternoon" => Tod(self::Tod::Afternoon),
        b"evening" => Tod(self::Tod::Evening),
        b"night" => Tod(self::Tod::Night),
        b"one" => NumWord(1),
        b"two" => NumWord(2),
        b"three" => NumWord(3),
        b"four" => NumWord(4),
        b"five" => NumWord(5),
        b"six" => NumWord(6),
        b"seven" => NumWord(7),
        b"eight" => NumWord(8),
        b"nine" => NumWord(9),
        b"ten" => NumWord(10),
        b"eleven" => NumWord(11),
        b"twelve" => NumWord(12),
        b"a" | b"an" => A,
        b"st" | b"nd" | b"rd" | b"th" => Ord,
        b"will" | b"shall" | b"scheduled" | b"expected" | b"due" | b"plans" | b"planned" => Future,
        _ => Other,
    }
}

/// Longest word the classifier knows ("wednesday", "throughout").
const MAX_KW: usize = 10;

/// Lowercase `word` into a stack buffer and classify it; non-ASCII or long
/// words are `Other`.
fn classify_str(word: &str) -> Kw {
    let b = word.as_bytes();
    if b.len() > MAX_KW || !b.is_ascii() {
        return Kw::Other;
    }
    let mut buf = [0u8; MAX_KW];
    for (dst, src) in buf.iter_mut().zip(b) {
        *dst = src.to_ascii_lowercase();
    }
    classify(&buf[..b.len()])
}

/// Token kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word(Kw),
    /// Digit run: saturating value and number of digits (saturating at 255).
    Num {
        val: u32,
        len: u8,
    },
    Punct(char),
}

/// A token with its byte span; `cap` is true when it starts with an uppercase letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub cap: bool,
}

/// Cheap check: does the sentence contain a digit or a trigger word? False
/// positives are harmless; false negatives would lose dates.
pub(crate) fn may_contain_date(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            return true;
        }
        if c.is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            // Only short ASCII runs can be keywords; a run glued to a
            // non-ASCII letter is still checked (harmless false positive).
            if i - st <= MAX_KW {
                let mut buf = [0u8; MAX_KW];
                for (dst, src) in buf.iter_mut().zip(&b[st..i]) {
                    *dst = src.to_ascii_lowercase();
                }
                if classify(&buf[..i - st]).is_trigger() {
                    return true;
                }
            }
        } else {
            i += 1;
        }
    }
    false
}

/// Split `s` into tokens.
pub(crate) fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(s.len() / 4 + 4);
    let mut it = s.char_indices().peekable();
    while let Some((st, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut val = c as u32 - '0' as u32;
            let mut len: u8 = 1;
            let mut end = st + 1;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                val = val.saturating_mul(10).saturating_add(d as u32 - '0' as u32);
                len = len.saturating_add(1);
                end = j + 1;
                it.next();
            }
            out.push(Tok {
                start: st,
                end,
                kind: Kind::Num { val, len },
                cap: false,
            });
        } else if c.is_alphabetic() {
            let mut end = st + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            out.push(Tok {
                start: st,
                end,
                kind: Kind::Word(classify_str(&s[st..end])),
                cap: c.is_uppercase(),
            });
        } else {
            out.push(Tok {
                start: st,
                end: st + c.len_utf8(),
                kind: Kind::Punct(c),
                cap: false,
            });
        }
    }
    out
}
