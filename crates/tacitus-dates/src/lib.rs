//! Date expressions in news sentences, resolved against the article's
//! published date.
//!
//! An event coder needs a date per event, and news text rarely states it in
//! full: it says "on Friday", "Friday night", "Jan. 5", "last month" or
//! "earlier this week". General-purpose date parsers either miss these
//! phrases or resolve "Friday" *forward*, which is wrong for reported events.
//! This crate is a small hand-written grammar over a one-pass tokenizer:
//! cheap enough to run on every sentence (a prefilter skips sentences with no
//! digit and no date word without allocating), and tuned against the usual
//! false positives ("2,014 troops", "protesters march", "he may attend").
//!
//! # Resolution rules (anchor = published date)
//!
//! * **Weekdays** ("on Friday", "Friday night", "last Friday", "Fri.") resolve
//!   to the most recent such weekday on or before the published date: wire
//!   stories are filed the same day, so "said on Monday" in a Monday story is
//!   that Monday; "last Friday" on a Friday is a week earlier. "next Friday", and a weekday shortly
//!   after a future marker in the same clause ("will meet on Friday",
//!   "scheduled for Monday"), resolve strictly *after* the published date.
//! * "today", "tonight", "this morning/afternoon/evening", "earlier/later
//!   today" -> published day; "yesterday", "last night" -> the day before;
//!   "the day before yesterday" -> two days before; "tomorrow" -> day after.
//! * Weeks have no precision of their own, so week phrases return the
//!   **month** (Month precision) containing the relevant day: "this week",
//!   "earlier this week", "earlier in the week" -> the published month; "last
//!   week" -> the month of published − 7 days; "next week" -> published + 7;
//!   "the weekend" / "last weekend" -> month of the latest Saturday not after
//!   the published date. "N weeks ago" -> month of published − 7N days.
//! * "this month", "earlier this month" -> published month; "last month" ->
//!   previous month; "N months ago"; "this/last/next year"; "N years ago"
//!   (Year precision); "N days ago" (Day); "N hours/minutes ago" -> published day.
//! * Month-day without a year ("March 3", "3 March", "Mar. 3", "Sept. 11th")
//!   and bare months ("in March", "early May") take the published year, but
//!   the previous year when that would be more than 7 days after the
//!   published date (and the next year when that is within 7 days, for
//!   "Jan. 2" in a Dec. 28 article). "last March"/"next March" take the
//!   nearest March strictly before/after the published month.
//! * Absolute: "March 3, 2022", "3 March 2022", "Jan. 5, 2021", "March 2022"
//!   (Month), "2022-02-24" (ISO), bare years 1900–2099 after "in", "during",
//!   "the", "early", "mid-", ... ("in 2014", "in early 2014").
//! * Anything right after "since" is consumed but not returned ("since 2014"
//!   dates a duration's start, not the event). Numeric forms other than ISO
//!   ("24/02/2022"), decades ("the 1990s") and ranges are not dates here.
//!
//! Without an anchor only absolute expressions are returned; relative ones
//! are still recognised (so their parts cannot fire separately) but skipped.
//! Spans cover the expression itself including modifiers ("last Friday",
//! "early 2014", "Friday night"), not a leading "on"/"in".

mod civil;
mod grammar;
mod lexer;

use std::fmt;
use std::str::FromStr;

/// How much of a [`Resolved`] date is meaningful.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A resolved date: `month` is 0 for Year precision, `day` is 0 unless Day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub year: i16,
    pub month: u8,
    pub day: u8,
    pub precision: Precision,
}

impl Resolved {
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY" depending on the precision.
    pub fn to_iso(&self) -> String {
        match self.precision {
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Year => format!("{:04}", self.year),
        }
    }
}

impl fmt::Display for Resolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// A date expression found in a sentence: byte span `start..end` and its resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: Resolved,
}

/// A civil date (the article's published date); parse from "YYYY-MM-DD" or
/// an RFC 3339 timestamp, whose date part (in its own offset) is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    pub year: i16,
    pub month: u8,
    pub day: u8,
}

/// Errors of this crate.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The published date could not be parsed.
    #[error(
        "invalid published date {value:?}: {reason} (expected YYYY-MM-DD or an RFC 3339 timestamp)"
    )]
    InvalidAnchor { value: String, reason: &'static str },
}

impl Anchor {
    /// A validated anchor (years 0..=9999).
    pub fn new(year: i16, month: u8, day: u8) -> Result<Self, DateError> {
        let err = |reason| DateError::InvalidAnchor {
            value: format!("{year:04}-{month:02}-{day:02}"),
            reason,
        };
        if !(0..=9999).contains(&year) {
            return Err(err("year out of range"));
        }
        if !(1..=12).contains(&month) {
            return Err(err("month out of range"));
        }
        if day == 0 || u32::from(day) > civil::days_in_month(i64::from(year), u32::from(month)) {
            return Err(err("day out of range for the month"));
        }
        Ok(Anchor { year, month, day })
    }

    /// Days since 1970-01-01.
    pub(crate) fn days(self) -> i64 {
        civil::days_from_civil(
            i64::from(self.year),
            u32::from(self.month),
            u32::from(self.day),
        )
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Anchor {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        let err = |reason| DateError::InvalidAnchor {
            value: s.to_string(),
            reason,
        };
        let t = s.trim();
        let b = t.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err("not of the form YYYY-MM-DD"));
        }
        if b.len() > 10 && !(matches!(b[10], b'T' | b't' | b' ') && b.len() > 11) {
            return Err(err("unexpected text after the date"));
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
            return Err(err("non-digit in the date"));
        };
        // y < 10_000, m, d < 100: the casts cannot truncate.
        Anchor::new(y as i16, m as u8, d as u8).map_err(|e| match e {
            DateError::InvalidAnchor { reason, .. } => err(reason),
        })
    }
}

/// All date expressions in `sentence`, left to right, non-overlapping.
///
/// With `anchor: None` only absolute expressions ("March 3, 2022",
/// "in 2014", "2022-02-24", "Jan. 5, 2021") resolve; relative ones are skipped.
pub fn find_dates(sentence: &str, anchor: Option<Anchor>) -> Vec<DateMention> {
    if !lexer::may_contain_date(sentence) {
        return Vec::new();
    }
    grammar::Parser::new(sentence, anchor).run()
}

#[cfg(test)]
mod tests;
