//! The date grammar: hand-written matchers over the token stream.
//!
//! The parser walks tokens left to right; at each token it tries the
//! matchers that can start there (a matcher may also reach back over
//! modifier words such as "last", "early" or "mid-" that no earlier match
//! consumed). A match consumes its tokens even when it cannot be resolved
//! (relative phrase without an anchor, invalid day), so its parts never fire
//! on their own.

use crate::civil::{civil_from_days, days_from_civil, days_in_month, weekday};
use crate::lexer::{tokenize, Kind, Kw, Tod, Tok, Unit};
use crate::{Anchor, DateMention, Precision, Resolved};

/// A match over tokens `s..e`; `date` is `None` when it cannot be resolved.
struct Hit {
    s: usize,
    e: usize,
    date: Option<Resolved>,
}

pub(crate) struct Parser<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    anchor: Option<Anchor>,
    /// First token not consumed by an earlier match.
    free: usize,
}

fn day_res(z: i64) -> Option<Resolved> {
    let (y, m, d) = civil_from_days(z);
    in_range(y).then_some(Resolved {
        year: y as i16,
        month: m as u8,
        day: d as u8,
        precision: Precision::Day,
    })
}

fn in_range(y: i64) -> bool {
    (0..=9999).contains(&y)
}

fn ymd_res(y: i64, m: u32, d: u32) -> Option<Resolved> {
    (in_range(y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(
        Resolved {
            year: y as i16,
            month: m as u8,
            day: d as u8,
            precision: Precision::Day,
        },
    )
}

fn month_res(y: i64, m: u32) -> Option<Resolved> {
    (in_range(y) && (1..=12).contains(&m)).then_some(Resolved {
        year: y as i16,
        month: m as u8,
        day: 0,
        precision: Precision::Month,
    })
}

fn year_res(y: i64) -> Option<Resolved> {
    in_range(y).then_some(Resolved {
        year: y as i16,
        month: 0,
        day: 0,
        precision: Precision::Year,
    })
}

/// Month containing day number `z`.
fn month_of(z: i64) -> Option<Resolved> {
    let (y, m, _) = civil_from_days(z);
    month_res(y, m)
}

/// The anchor's month shifted by `n` months.
fn month_shift(a: Anchor, n: i64) -> Option<Resolved> {
    let total = i64::from(a.year) * 12 + i64::from(a.month) - 1 + n;
    month_res(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

/// Month of the latest Saturday on or before `z` ("the weekend").
fn weekend(z: i64) -> Option<Resolved> {
    month_of(z - (weekday(z) - 5).rem_euclid(7))
}

/// Year for a month-day (or month start) given without a year: the
/// published year, unless that lands more than 7 days after the published
/// date (then the previous year) or the next year's lands within 7 days.
fn near_year(a: Anchor, m: u32, d: u32) -> i64 {
    let z = a.days();
    let y = i64::from(a.year);
    if days_from_civil(y, m, d) > z + 7 {
        y - 1
    } else if days_from_civil(y + 1, m, d) <= z + 7 {
        y + 1
    } else {
        y
    }
}

/// Month names that are also common words or given names; bare, they need context.
fn ambiguous_month(m: u8) -> bool {
    matches!(m, 3 | 4 | 5 | 6 | 8)
}

impl<'a> Parser<'a> {
    pub(crate) fn new(text: &'a str, anchor: Option<Anchor>) -> Self {
        Parser {
            text,
            toks: tokenize(text),
            anchor,
            free: 0,
        }
    }

    pub(crate) fn run(mut self) -> Vec<DateMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.match_at(i) {
                Some(h) if h.e > i && h.s >= self.free && h.e <= self.toks.len() => {
                    let since = h.s > 0 && self.kw(h.s - 1) == Some(Kw::Since);
                    if let (Some(date), false) = (h.date, since) {
                        out.push(DateMention {
                            start: self.toks[h.s].start,
                            end: self.toks[h.e - 1].end,
                            date,
                        });
                    }
                    self.free = h.e;
                    i = h.e;
                }
                _ => i += 1,
            }
        }
        out
    }

    fn match_at(&self, i: usize) -> Option<Hit> {
        match self.toks[i].kind {
            Kind::Num { .. } => self
                .iso(i)
                .or_else(|| self.day_led(i))
                .or_else(|| self.ago(i))
                .or_else(|| self.bare_year(i)),
            Kind::Word(kw) => match kw {
                Kw::Month(_) | Kw::MonAbbr(_) => self.month_led(i),
                Kw::Weekday(_) | Kw::WdAbbr(_) => self.weekday(i),
                Kw::Today | Kw::Tonight | Kw::Yesterday | Kw::Tomorrow => self.deictic(i),
                Kw::The => self.the_phrase(i),
                Kw::Last | Kw::This | Kw::Next | Kw::Earlier | Kw::Later => self.rel_phrase(i),
                Kw::NumWord(_) | Kw::A => self.ago(i),
                _ => None,
            },
            Kind::Punct(_) => None,
        }
    }

    // ---- token helpers -------------------------------------------------

    fn kw(&self, i: usize) -> Option<Kw> {
        match self.toks.get(i)?.kind {
            Kind::Word(k) => Some(k),
            _ => None,
        }
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.toks.get(i)?.kind {
            Kind::Num { val, len } => Some((val, len)),
            _ => None,
        }
    }

    fn is_num(&self, i: usize) -> bool {
        self.num(i).is_some()
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        matches!(self.toks.get(i), Some(t) if t.kind == Kind::Punct(c))
    }

    /// Token `i` directly follows token `i - 1` with no whitespace.
    fn adj(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i].start == self.toks[i - 1].end
    }

    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// Plural unit word ("weeks").
    fn plural(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .is_some_and(|w| w.ends_with(['s', 'S']))
    }

    /// Number `i` is glued to what precedes it ("A4", "$2014", "2,014", "18-60").
    fn chained_before(&self, i: usize) -> bool {
        if !self.adj(i) {
            return false;
        }
        match self.toks[i - 1].kind {
            Kind::Num { .. } | Kind::Word(_) => true,
            Kind::Punct(c) => {
                matches!(c, '$' | '€' | '£' | '¥' | '#' | '+' | '№')
                    || (i >= 2 && self.adj(i - 1) && self.is_num(i - 2))
            }
        }
    }

    /// Number `i` is glued to what follows ("1990s", "2014-15", "3,000", "3:30").
    fn chained_after(&self, i: usize) -> bool {
        if !self.adj(i + 1) {
            return false;
        }
        match self.toks[i + 1].kind {
            Kind::Num { .. } | Kind::Word(_) => true,
            Kind::Punct(_) => self.adj(i + 2) && self.is_num(i + 2),
        }
    }

    /// A day-of-month number at `i` (with optional glued ordinal suffix);
    /// returns the day and the token index after it.
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let (d, len) = self.num(i)?;
        if !(1..=2).contains(&len) || !(1..=31).contains(&d) {
            return None;
        }
        if self.adj(i + 1) && self.kw(i + 1) == Some(Kw::Ord) {
            return (!self.chained_after(i + 1)).then_some((d, i + 2));
        }
        // "3-5 March" style ranges keep their first day.
        let range = self.is_punct(i + 1, '-') || self.is_punct(i + 1, '–');
        (range || !self.chained_after(i)).then_some((d, i + 1))
    }

    /// A four-digit year in `lo..=hi` at `i`, not glued to other numbers.
    fn year_at(&self, i: usize, lo: u32, hi: u32) -> Option<i64> {
        let (y, len) = self.num(i)?;
        (len == 4 && (lo..=hi).contains(&y) && !self.chained_after(i)).then_some(i64::from(y))
    }

    /// Resolve with the anchor and its day number; `None` without an anchor.
    fn rel(&self, f: impl FnOnce(Anchor, i64) -> Option<Resolved>) -> Option<Resolved> {
        self.anchor.and_then(|a| f(a, a.days()))
    }

    /// A future marker ("will", "scheduled", ...) shortly before `s` in the same clause.
    fn future_context(&self, s: usize) -> bool {
        for k in (s.saturating_sub(8)..s).rev() {
            match self.toks[k].kind {
                Kind::Punct(c) if !matches!(c, '\'' | '’' | '-') => return false,
                Kind::Word(Kw::Future) => return true,
                _ => {}
            }
        }
        false
    }

    /// Modifiers before a month or year head: "early", "late", "mid", "mid-",
    /// "last", "this", "next". Returns the span start and the modifier.
    fn mods(&self, i: usize) -> (usize, Option<Kw>) {
        if i >= 2
            && i - 2 >= self.free
            && self.is_punct(i - 1, '-')
            && self.adj(i)
            && self.adj(i - 1)
            && self.kw(i - 2) == Some(Kw::Mid)
        {
            return (i - 2, Some(Kw::Mid));
        }
        if i > self.free {
            if let Some(k @ (Kw::Early | Kw::Late | Kw::Mid | Kw::Last | Kw::This | Kw::Next)) =
                self.kw(i - 1)
            {
                return (i - 1, Some(k));
            }
        }
        (i, None)
    }

    // ---- matchers ------------------------------------------------------

    /// "2022-02-24" (also the date part of "2022-02-24T10:00Z").
    fn iso(&self, i: usize) -> Option<Hit> {
        let (y, ylen) = self.num(i)?;
        let (m, mlen) = self.num(i + 2)?;
        let (d, dlen) = self.num(i + 4)?;
        let glued = (i + 1..=i + 4).all(|k| self.adj(k));
        if ylen != 4
            || !(1..=2).contains(&mlen)
            || !(1..=2).contains(&dlen)
            || !glued
            || !self.is_punct(i + 1, '-')
            || !self.is_punct(i + 3, '-')
            || self.chained_before(i)
            || (self.adj(i + 5) && (self.is_num(i + 5) || self.is_punct(i + 5, '-')))
        {
            return None;
        }
        Some(Hit {
            s: i,
            e: i + 5,
            date: ymd_res(i64::from(y), m, d),
        })
    }

    /// "3 March", "3rd of March", "3 March 2022", "3 Sept. 2001".
    fn day_led(&self, i: usize) -> Option<Hit> {
        if self.chained_before(i) {
            return None;
        }
        let (d, mut e) = self.day_at(i)?;
        // "3-5 March": a range resolves to its first day.
        if self.is_punct(e, '-') || self.is_punct(e, '–') {
            e = self.day_at(e + 1)?.1;
        }
        if self.kw(e) == Some(Kw::Of) {
            e += 1;
        }
        let mi = e;
        let (m, abbr) = match self.kw(mi)? {
            Kw::Month(m) => (m, false),
            Kw::MonAbbr(m) => (m, true),
            _ => return None,
        };
        e += 1;
        if abbr && self.adj(e) && self.is_punct(e, '.') {
            e += 1;
        }
        self.with_year(i, e, m, d, mi)
    }

    fn month_led(&self, i: usize) -> Option<Hit> {
        self.month_day(i)
            .or_else(|| self.month_year(i))
            .or_else(|| self.bare_month(i))
    }

    /// Month name/abbreviation at `i` and the token after it (and after an abbreviation's dot).
    fn month_head(&self, i: usize) -> Option<(u8, bool, usize)> {
        let (m, abbr) = match self.kw(i)? {
            Kw::Month(m) => (m, false),
            Kw::MonAbbr(m) => (m, true),
            _ => return None,
        };
        let j = if abbr && self.adj(i + 1) && self.is_punct(i + 1, '.') {
            i + 2
        } else {
            i + 1
        };
        Some((m, abbr, j))
    }

    /// "March 3", "Mar. 3rd", "March 3, 2022", "Jan. 5 2021".
    fn month_day(&self, i: usize) -> Option<Hit> {
        let (m, _, j) = self.month_head(i)?;
        let (d, e) = self.day_at(j)?;
        self.with_year(i, e, m, d, i)
    }

    /// Ends a day-and-month match `i..e`: an explicit year after it ("3 March, 2022"), else the
    /// year nearest the anchor. "March"/"May" (token `month_at`) must then be capitalised, as
    /// they are also a verb and a modal.
    fn with_year(&self, i: usize, e: usize, m: u8, d: u32, month_at: usize) -> Option<Hit> {
        let yi = if self.is_punct(e, ',') { e + 1 } else { e };
        if let Some(y) = self.year_at(yi, 1800, 2199) {
            return Some(Hit {
                s: i,
                e: yi + 1,
                date: ymd_res(y, u32::from(m), d),
            });
        }
        if matches!(m, 3 | 5) && !self.cap(month_at) {
            return None;
        }
        let date = self.rel(|a, _| ymd_res(near_year(a, u32::from(m), d), u32::from(m), d));
        Some(Hit { s: i, e, date })
    }

    /// "March 2022", "Jan. 2021", "March of 2022", "early May 2021".
    fn month_year(&self, i: usize) -> Option<Hit> {
        let (m, _, mut j) = self.month_head(i)?;
        if self.kw(j) == Some(Kw::Of) {
            j += 1;
        }
        let y = self.year_at(j, 1800, 2199)?;
        let (s, _) = self.mods(i);
        Some(Hit {
            s,
            e: j + 1,
            date: month_res(y, u32::from(m)),
        })
    }

    /// "in March", "early May", "mid-January", "last March", "January's vote".
    fn bare_month(&self, i: usize) -> Option<Hit> {
        let Some(Kw::Month(m)) = self.kw(i) else {
            return None;
        };
        let (s, modk) = self.mods(i);
        let ctx = if s > 0 { self.kw(s - 1) } else { None };
        let ok = modk.is_some()
            || matches!(
                ctx,
                Some(Kw::In | Kw::YearCtx | Kw::Of | Kw::Before | Kw::After | Kw::Since)
            )
            || (!ambiguous_month(m) && self.cap(i));
        if !ok {
            return None;
        }
        let m = u32::from(m);
        let date = self.rel(|a, _| {
            let (ay, am) = (i64::from(a.year), u32::from(a.month));
            let y = match modk {
                Some(Kw::Last) if m < am => ay,
                Some(Kw::Last) => ay - 1,
                Some(Kw::Next) if m > am => ay,
                Some(Kw::Next) => ay + 1,
                Some(Kw::This) => ay,
                _ => near_year(a, m, 1),
            };
            month_res(y, m)
        });
        Some(Hit { s, e: i + 1, date })
    }

    /// "Friday", "on Friday night", "last Friday", "Fri.", "Friday, March 3".
    fn weekday(&self, i: usize) -> Option<Hit> {
        let (w, abbr) = match self.kw(i)? {
            Kw::Weekday(w) => (w, false),
            Kw::WdAbbr(w) => (w, true),
            _ => return None,
        };
        let mut e = i + 1;
        if abbr {
            if !(self.cap(i) && self.adj(e) && self.is_punct(e, '.')) {
                return None;
            }
            e += 1;
        }
        let (mut s, mut modk) = (i, None);
        if i > self.free {
            if let Some(k @ (Kw::Last | Kw::This | Kw::Next | Kw::Past)) = self.kw(i - 1) {
                s = i - 1;
                modk = Some(k);
                if k == Kw::Past && s > self.free && self.kw(s - 1) == Some(Kw::This) {
                    s -= 1;
                }
            }
        }
        // An explicit date after the weekday wins: "Friday, March 3".
        let j = if self.is_punct(e, ',') { e + 1 } else { e };
        let explicit = match self.toks.get(j).map(|t| t.kind) {
            Some(Kind::Word(_)) => self.month_day(j),
            Some(Kind::Num { .. }) => self.day_led(j),
            _ => None,
        };
        if let Some(h) = explicit {
            return Some(Hit {
                s,
                e: h.e,
                date: h.date,
            });
        }
        if let Some(Kw::Tod(_)) = self.kw(e) {
            e += 1;
        }
        let forward = modk == Some(Kw::Next)
            || (!matches!(modk, Some(Kw::Last | Kw::Past)) && self.future_context(s));
        let date = self.rel(|_, z| {
            let (w, wd) = (i64::from(w), weekday(z));
            let target = if forward {
                match (w - wd).rem_euclid(7) {
                    0 if modk == Some(Kw::This) => z,
                    0 => z + 7,
                    d => z + d,
                }
            } else {
                // Wire stories are filed the same day: "said on Monday" in a Monday story is
                // that day; "last Monday" is a week earlier.
                match (wd - w).rem_euclid(7) {
                    0 if matches!(modk, Some(Kw::Last | Kw::Past)) => z - 7,
                    0 => z,
                    d => z - d,
                }
            };
            day_res(target)
        });
        Some(Hit { s, e, date })
    }

    /// "today", "tonight", "yesterday (morning)", "tomorrow (night)".
    fn deictic(&self, i: usize) -> Option<Hit> {
        let k = self.kw(i)?;
        let offset = match k {
            Kw::Today | Kw::Tonight => 0,
            Kw::Yesterday => -1,
            Kw::Tomorrow => 1,
            _ => return None,
        };
        let mut e = i + 1;
        if k != Kw::Tonight && matches!(self.kw(e), Some(Kw::Tod(_))) {
            e += 1;
        }
        Some(Hit {
            s: i,
            e,
            date: self.rel(|_, z| day_res(z + offset)),
        })
    }

    /// "the day before yesterday", "the day after tomorrow", "(over) the weekend".
    fn the_phrase(&self, i: usize) -> Option<Hit> {
        let (e, date) = match (self.kw(i + 1)?, self.kw(i + 2), self.kw(i + 3)) {
            (Kw::Unit(Unit::Day), Some(Kw::Before), Some(Kw::Yesterday)) if !self.plural(i + 1) => {
                (i + 4, self.rel(|_, z| day_res(z - 2)))
            }
            (Kw::Unit(Unit::Day), Some(Kw::After), Some(Kw::Tomorrow)) if !self.plural(i + 1) => {
                (i + 4, self.rel(|_, z| day_res(z + 2)))
            }
            (Kw::Weekend, _, _) => (i + 2, self.rel(|_, z| weekend(z))),
            _ => return None,
        };
        Some(Hit { s: i, e, date })
    }

    /// The current week/month/year (Month precision for weeks).
    fn current(&self, u: Unit) -> Option<Resolved> {
        self.rel(|a, z| match u {
            Unit::Week | Unit::Month => month_of(z),
            Unit::Year => year_res(i64::from(a.year)),
            _ => None,
        })
    }

    /// Phrases led by "last", "this", "next", "earlier", "later".
    fn rel_phrase(&self, i: usize) -> Option<Hit> {
        let k = self.kw(i)?;
        let n1 = self.kw(i + 1)?;
        let sing1 = !self.plural(i + 1);
        let hit = |e: usize, date: Option<Resolved>| Some(Hit { s: i, e, date });
        match (k, n1) {
            (Kw::Last, Kw::Tod(Tod::Night)) => hit(i + 2, self.rel(|_, z| day_res(z - 1))),
            (Kw::Last, Kw::Weekend) | (Kw::This, Kw::Weekend) => {
                hit(i + 2, self.rel(|_, z| weekend(z)))
            }
            (Kw::Last, Kw::Unit(u)) if sing1 => {
                let date = match u {
                    Unit::Week => self.rel(|_, z| month_of(z - 7)),
                    Unit::Month => self.rel(|a, _| month_shift(a, -1)),
                    Unit::Year => self.rel(|a, _| year_res(i64::from(a.year) - 1)),
                    _ => return None,
                };
                hit(i + 2, date)
            }
            (Kw::This, Kw::Tod(Tod::Morning | Tod::Afternoon | Tod::Evening)) => {
                hit(i + 2, self.rel(|_, z| day_res(z)))
            }
            (Kw::This, Kw::Unit(u @ (Unit::Week | Unit::Month | Unit::Year))) if sing1 => {
                hit(i + 2, self.current(u))
            }
            (Kw::This, Kw::Past) => {
                let date = match self.kw(i + 2)? {
                    Kw::Weekend => self.rel(|_, z| weekend(z)),
                    Kw::Unit(Unit::Week) => self.rel(|_, z| month_of(z - 7)),
                    Kw::Unit(Unit::Month) => self.rel(|a, _| month_shift(a, -1)),
                    Kw::Unit(Unit::Year) => self.rel(|a, _| year_res(i64::from(a.year) - 1)),
                    _ => return None,
                };
                if self.plural(i + 2) {
                    return None;
                }
                hit(i + 3, date)
            }
            (Kw::Next, Kw::Unit(u)) if sing1 => {
                let date = match u {
                    Unit::Week => self.rel(|_, z| month_of(z + 7)),
                    Unit::Month => self.rel(|a, _| month_shift(a, 1)),
                    Unit::Year => self.rel(|a, _| year_res(i64::from(a.year) + 1)),
                    _ => return None,
                };
                hit(i + 2, date)
            }
            (Kw::Earlier | Kw::Later, Kw::Today) => hit(i + 2, self.rel(|_, z| day_res(z))),
            (Kw::Earlier | Kw::Later, Kw::This) => match self.kw(i + 2)? {
                Kw::Unit(u @ (Unit::Week | Unit::Month | Unit::Year)) if !self.plural(i + 2) => {
                    hit(i + 3, self.current(u))
                }
                Kw::Tod(Tod::Morning | Tod::Afternoon | Tod::Evening) => {
                    hit(i + 3, self.rel(|_, z| day_res(z)))
                }
                _ => None,
            },
            (Kw::Earlier | Kw::Later, Kw::In) => match (self.kw(i + 2)?, self.kw(i + 3)?) {
                (Kw::The, Kw::Unit(u @ (Unit::Week | Unit::Month | Unit::Year)))
                    if !self.plural(i + 3) =>
                {
                    hit(i + 4, self.current(u))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// "3 days ago", "two weeks ago", "a year ago".
    fn ago(&self, i: usize) -> Option<Hit> {
        let n: i64 = match self.toks[i].kind {
            Kind::Num { val, len } if len <= 5 && !self.chained_before(i) => i64::from(val),
            Kind::Word(Kw::NumWord(n)) => i64::from(n),
            Kind::Word(Kw::A) => 1,
            _ => return None,
        };
        let Some(Kw::Unit(u)) = self.kw(i + 1) else {
            return None;
        };
        if self.kw(i + 2) != Some(Kw::Ago) {
            return None;
        }
        let date = self.rel(|a, z| match u {
            Unit::Minute | Unit::Hour => day_res(z),
            Unit::Day => day_res(z - n),
            Unit::Week => month_of(z - 7 * n),
            Unit::Month => month_shift(a, -n),
            Unit::Year => year_res(i64::from(a.year) - n),
        });
        Some(Hit {
            s: i,
            e: i + 3,
            date,
        })
    }

    /// Bare years 1900–2099 in date context: "in 2014", "in early 2014", "mid-2014", "the 2014 vote".
    fn bare_year(&self, i: usize) -> Option<Hit> {
        // "mid-2014" is not chained: the '-' follows a word, not a number.
        if self.chained_before(i) {
            return None;
        }
        let y = self.year_at(i, 1900, 2099)?;
        let (s, modk) = self.mods(i);
        if matches!(modk, Some(Kw::Last | Kw::This | Kw::Next)) {
            return None;
        }
        let ctx = if s > 0 { self.kw(s - 1) } else { None };
        let ok = modk.is_some()
            || matches!(
                ctx,
                Some(Kw::In | Kw::YearCtx | Kw::The | Kw::Before | Kw::After | Kw::Since)
            );
        ok.then_some(Hit {
            s,
            e: i + 1,
            date: year_res(y),
        })
    }
}
