//! The averaged-perceptron tagger: model format, loading and greedy decoding.

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::features::{bucket, features, TokFeat, N_FEATS};
use crate::Pos;

/// Magic bytes opening a model file.
pub(crate) const MAGIC: &[u8; 8] = b"TACTAG01";

const NT: usize = Pos::COUNT;

static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/text/tagger.bin");

/// A greedy averaged-perceptron part-of-speech tagger.
///
/// Weights live in a hashed table of `2^bits` rows of [`Pos::COUNT`] `i16`
/// weights; frequent unambiguous words are tagged from a dictionary without
/// scoring.
pub struct Tagger {
    bits: u32,
    weights: Vec<i16>,
    dict: FxHashMap<u64, Pos>,
}

/// Why a model could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad tagger model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or_else(|| ModelError(format!("truncated at byte {}", self.pos)))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError("varint too long".into()))
    }
}

/// Per-thread scratch buffers so that steady-state tagging does not allocate.
#[derive(Default)]
struct Scratch {
    toks: Vec<TokFeat>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Tagger {
    /// The model embedded in the binary (`data/text/tagger.bin`), parsed once.
    ///
    /// # Panics
    /// If the embedded model is corrupt: it is a build artifact, so this is a
    /// build error, caught by the crate's tests.
    pub fn embedded() -> &'static Tagger {
        static MODEL: OnceLock<Tagger> = OnceLock::new();
        MODEL.get_or_init(|| match Tagger::from_bytes(EMBEDDED_MODEL) {
            Ok(t) => t,
            Err(e) => panic!(
                "embedded data/text/tagger.bin: {e}; rebuild it with scripts/tagger/train.sh"
            ),
        })
    }

    /// Reads a model in the format written by [`crate::train::write_model`].
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader { b, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError("wrong magic".into()));
        }
        let bits = r.u8()? as u32;
        let nt = r.u8()? as usize;
        if !(8..=24).contains(&bits) || nt != NT {
            return Err(ModelError(format!("bits {bits}, tags {nt}")));
        }
        let n_dict = r.u32()? as usize;
        let mut dict = FxHashMap::default();
        dict.reserve(n_dict);
        for _ in 0..n_dict {
            let h = r.u64()?;
            let t = r.u8()?;
            let p = Pos::from_index(t as usize).ok_or_else(|| ModelError(format!("tag {t}")))?;
            dict.insert(h, p);
        }
        let rows = 1usize << bits;
        let mut weights = vec![0i16; rows * NT];
        let n_rows = r.u32()? as usize;
        let mut row = 0usize;
        for k in 0..n_rows {
            let delta = r.varint()? as usize;
            row = if k == 0 { delta } else { row + delta };
            if row >= rows {
                return Err(ModelError(format!("row {row} out of range")));
            }
            let m = r.take(3)?;
            let mask = m[0] as u32 | (m[1] as u32) << 8 | (m[2] as u32) << 16;
            for t in 0..NT {
                if mask & (1 << t) != 0 {
                    let w = r.take(2)?;
                    weights[row * NT + t] = i16::from_le_bytes([w[0], w[1]]);
                }
            }
        }
        if r.pos != b.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(Tagger {
            bits,
            weights,
            dict,
        })
    }

    /// Builds a tagger from raw parts (used by training).
    pub(crate) fn from_parts(bits: u32, weights: Vec<i16>, dict: FxHashMap<u64, Pos>) -> Tagger {
        Tagger {
            bits,
            weights,
            dict,
        }
    }

    /// Memory held by the weight table and dictionary, in bytes (approximate).
    pub fn memory_bytes(&self) -> usize {
        self.weights.len() * 2 + self.dict.capacity() * 24
    }

    /// Tags `words` (already tokenized, original case) into `tags`, which is
    /// cleared first.
    ///
    /// Uses a thread-local scratch buffer, so tagging allocates nothing once
    /// that buffer and `tags` have grown to the longest sentence seen.
    pub fn tag(&self, words: &[&str], tags: &mut Vec<Pos>) {
        tags.clear();
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            s.toks.clear();
            s.toks.extend(words.iter().map(|w| TokFeat::new(w)));
            self.tag_feats(&s.toks, tags);
        });
    }

    /// Greedy decoding over precomputed token features.
    pub(crate) fn tag_feats(&self, toks: &[TokFeat], tags: &mut Vec<Pos>) {
        let mut fs = [0u64; N_FEATS];
        for i in 0..toks.len() {
            let t1 = if i >= 1 { Some(tags[i - 1]) } else { None };
            let t2 = if i >= 2 { Some(tags[i - 2]) } else { None };
            let p = match self.lookup(&toks[i]) {
                Some(p) => p,
                None => {
                    features(toks, i, t1, t2, &mut fs);
                    let p = self.predict(&fs);
                    // News names are mostly unseen in Brown: a capitalised word
                    // that is not in the dictionary, inside a sentence, is a name.
                    if p == Pos::Noun && toks[i].looks_like_name(i == 0 || t1 == Some(Pos::Punct)) {
                        Pos::ProperNoun
                    } else {
                        p
                    }
                }
            };
            tags.push(p);
        }
    }

    /// Tag given by rule or tag dictionary, if any.
    #[inline]
    pub(crate) fn lookup(&self, t: &TokFeat) -> Option<Pos> {
        t.forced.or_else(|| self.dict.get(&t.exact).copied())
    }

    /// Highest-scoring tag for a feature vector.
    #[inline]
    pub(crate) fn predict(&self, fs: &[u64; N_FEATS]) -> Pos {
        let mut scores = [0i32; NT];
        for &f in fs {
            let b = bucket(f, self.bits) * NT;
            if let Some(row) = self.weights.get(b..b + NT) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
        }
        let mut best = 0;
        for (k, &s) in scores.iter().enumerate() {
            if s > scores[best] {
                best = k;
            }
        }
        Pos::ALL[best]
    }
}

impl Tagger {
    /// Raw parts, for serialisation.
    pub(crate) fn parts(&self) -> (u32, &[i16], &FxHashMap<u64, Pos>) {
        (self.bits, &self.weights, &self.dict)
    }
}
