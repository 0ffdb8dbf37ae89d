//! Allocation-free feature extraction shared by training and tagging.
//!
//! Every feature is a 64-bit hash of a template id and the hashes of the
//! strings it is built from; [`bucket`] folds it into the weight table. Word
//! strings are lowercased and normalised while they are hashed, so no string
//! is ever built.

use crate::Pos;

/// Number of feature templates fired per token.
pub const N_FEATS: usize = 18;

/// History tag used before the start of a sentence.
const START1: u64 = Pos::COUNT as u64 + 1;
const START2: u64 = Pos::COUNT as u64 + 2;

/// Word hashes for the padding beyond the sentence edges.
const PAD_BEFORE: u64 = 0x5bd1_e995_1234_5678;
const PAD_AFTER: u64 = 0x9e37_79b9_7f4a_7c15;
const NUM_HASH: u64 = 0x2545_f491_4f6c_dd1d;
const YEAR_HASH: u64 = 0x1b87_3593_cc9e_2d51;

/// What the tagger needs to know about one token, computed once per token.
#[derive(Clone, Copy, Default, Debug)]
pub struct TokFeat {
    /// Hash of the exact (case-sensitive) word: the tag-dictionary key.
    pub exact: u64,
    /// Hash of the lowercased, normalised word.
    pub norm: u64,
    /// Hashes of the lowercased suffixes of 1, 2 and 3 characters.
    pub suf: [u64; 3],
    /// Hash of the first character (original case).
    pub pre1: u64,
    /// Shape bits (see `SHAPE_*`).
    pub shape: u8,
    /// A tag forced by a rule (punctuation, numbers), if any.
    pub forced: Option<Pos>,
}

const SHAPE_CAP: u8 = 1;
const SHAPE_ALLCAPS: u8 = 2;
const SHAPE_DIGIT: u8 = 4;
const SHAPE_HYPHEN: u8 = 8;
const SHAPE_PERIOD: u8 = 16;
const SHAPE_FIRST: u8 = 32;

#[inline]
fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Finaliser (MurmurHash3 fmix64): spreads every input bit over the output.
#[inline]
fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Hash of a byte string, case-sensitive.
#[inline]
pub fn hash_exact(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = step(h, b as u64);
    }
    fmix(step(h, s.len() as u64))
}

fn is_quote(s: &str) -> bool {
    matches!(
        s,
        "\"" | "``" | "''" | "\u{201c}" | "\u{201d}" | "\u{201e}" | "\u{ab}" | "\u{bb}"
    )
}

fn is_dash(s: &str) -> bool {
    matches!(s, "--" | "\u{2014}" | "\u{2013}" | "---")
}

/// True for "2022", "1,800", "18-60", "3.5", "10/11", "12:30".
pub fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() || !b[b.len() - 1].is_ascii_digit() {
        return false;
    }
    b.iter()
        .all(|&c| c.is_ascii_digit() || matches!(c, b',' | b'.' | b'-' | b'/' | b':'))
}

/// True if the token has no letter or digit (punctuation and symbols).
fn is_punct(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(|c| c.is_alphanumeric())
}

/// Rule-based tag for tokens that need no model.
pub fn forced_tag(word: &str) -> Option<Pos> {
    if is_number(word) {
        Some(Pos::Number)
    } else if word == "&" {
        Some(Pos::CoordConj)
    } else if is_punct(word) {
        Some(Pos::Punct)
    } else {
        None
    }
}

impl TokFeat {
    /// Computes the per-token hashes of `word` without allocating.
    pub fn new(word: &str) -> TokFeat {
        let exact = hash_exact(word);
        let forced = forced_tag(word);
        let mut shape = 0u8;
        let mut letters = 0usize;
        let mut upper = 0usize;
        // Lowercased hash and the last three lowercased chars.
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        let mut last = [0u32; 3];
        let mut n = 0usize;
        for c in word.chars() {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                }
            } else if c.is_ascii_digit() {
                shape |= SHAPE_DIGIT;
            } else if c == '-' {
                shape |= SHAPE_HYPHEN;
            } else if c == '.' {
                shape |= SHAPE_PERIOD;
            }
            let lc = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            };
            h = step(h, lc as u64);
            last = [lc as u32, last[0], last[1]];
            n += 1;
        }
        let first = word.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            shape |= SHAPE_CAP;
        }
        if letters >= 2 && upper == letters {
            shape |= SHAPE_ALLCAPS;
        }
        let norm = if forced == Some(Pos::Number) {
            if word.len() == 4 && (word.starts_with("19") || word.starts_with("20")) {
                YEAR_HASH
            } else {
                NUM_HASH
            }
        } else if is_quote(word) {
            hash_exact("\"")
        } else if is_dash(word) {
            hash_exact("--")
        } else {
            fmix(step(h, n as u64))
        };
        let mut suf = [0u64; 3];
        let mut sh = 0x8422_2325_cbf2_9ce4u64;
        for (k, s) in suf.iter_mut().enumerate() {
            if k < n {
                sh = step(sh, last[k] as u64);
            }
            *s = fmix(step(sh, k as u64 + 1));
        }
        TokFeat {
            exact,
            norm,
            suf,
            pre1: fmix(step(0x1234, first as u64)),
            shape,
            forced,
        }
    }
}

impl TokFeat {
    /// True for an all-caps acronym ("PKK"), or for a capitalised word unless
    /// it opens the sentence (`initial`).
    #[inline]
    pub fn looks_like_name(&self, initial: bool) -> bool {
        self.shape & SHAPE_ALLCAPS != 0 || (!initial && self.shape & SHAPE_CAP != 0)
    }
}

#[inline]
fn feat(template: u64, a: u64, b: u64) -> u64 {
    fmix(step(
        step(template.wrapping_mul(0x9e37_79b9_7f4a_7c15), a),
        b,
    ))
}

/// Computes the feature hashes for token `i` of `toks` given the two previous tags.
#[inline]
pub fn features(
    toks: &[TokFeat],
    i: usize,
    t1: Option<Pos>,
    t2: Option<Pos>,
    out: &mut [u64; N_FEATS],
) {
    let t = &toks[i];
    let p1 = t1.map_or(START1, |p| p as u64);
    let p2 = t2.map_or(START2, |p| p as u64);
    let word_at = |j: isize| -> &TokFeat { &toks[j as usize] };
    let ii = i as isize;
    let n = toks.len() as isize;
    let (wm1, sm1) = if ii >= 1 {
        (word_at(ii - 1).norm, word_at(ii - 1).suf[2])
    } else {
        (PAD_BEFORE, PAD_BEFORE)
    };
    let wm2 = if ii >= 2 {
        word_at(ii - 2).norm
    } else {
        PAD_BEFORE ^ 1
    };
    let (wp1, sp1) = if ii + 1 < n {
        (word_at(ii + 1).norm, word_at(ii + 1).suf[2])
    } else {
        (PAD_AFTER, PAD_AFTER)
    };
    let wp2 = if ii + 2 < n {
        word_at(ii + 2).norm
    } else {
        PAD_AFTER ^ 1
    };
    let shape = (t.shape | if i == 0 { SHAPE_FIRST } else { 0 }) as u64;
    *out = [
        feat(0, 0, 0),
        feat(1, t.norm, 0),
        feat(2, t.suf[0], 0),
        feat(3, t.suf[1], 0),
        feat(4, t.suf[2], 0),
        feat(5, t.pre1, 0),
        feat(6, shape, 0),
        feat(7, p1, 0),
        feat(8, p2, 0),
        feat(9, p1, p2),
        feat(10, p1, t.norm),
        feat(11, wm1, 0),
        feat(12, sm1, 0),
        feat(13, wm2, 0),
        feat(14, wp1, 0),
        feat(15, sp1, 0),
        feat(16, wp2, 0),
        feat(17, p1, shape ^ (t.suf[2] << 8)),
    ];
}

/// Folds a feature hash into a table of `1 << bits` buckets.
#[inline]
pub fn bucket(h: u64, bits: u32) -> usize {
    (h >> (64 - bits)) as usize
}
