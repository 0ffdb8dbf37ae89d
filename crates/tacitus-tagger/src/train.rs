//! Development-time training of the tagger (used by `scripts/tagger/train.sh`
//! through `examples/train_tagger.rs`); nothing here runs in the coder.

use rustc_hash::FxHashMap;

use crate::features::{bucket, features, TokFeat, N_FEATS};
use crate::tagger::{Tagger, MAGIC};
use crate::Pos;

const NT: usize = Pos::COUNT;

/// A tagged training sentence.
pub struct Sentence {
    /// Tokens, original case.
    pub words: Vec<String>,
    /// Gold tags, one per token.
    pub tags: Vec<Pos>,
}

/// Parses `word<TAB>Tag` lines with blank lines between sentences.
pub fn read_tsv(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut cur = Sentence {
        words: Vec::new(),
        tags: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let (w, t) = line
            .rsplit_once('\t')
            .ok_or_else(|| format!("line {}: no tab", n + 1))?;
        let p = Pos::from_name(t).ok_or_else(|| format!("line {}: unknown tag {t:?}", n + 1))?;
        cur.words.push(w.to_string());
        cur.tags.push(p);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// log2 of the number of weight rows.
    pub bits: u32,
    /// Passes over the data.
    pub iters: usize,
    /// A word enters the tag dictionary if seen this often...
    pub dict_min_count: u32,
    /// ...with this share of its occurrences under one tag.
    pub dict_min_share: f64,
    /// Quantized weights with a smaller magnitude are dropped.
    pub prune: i16,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            bits: 18,
            iters: 6,
            dict_min_count: 20,
            dict_min_share: 0.97,
            prune: 1,
        }
    }
}

fn build_dict(sents: &[Sentence], cfg: &TrainConfig) -> FxHashMap<u64, Pos> {
    let mut counts: FxHashMap<u64, [u32; NT]> = FxHashMap::default();
    for s in sents {
        for (w, &t) in s.words.iter().zip(&s.tags) {
            let f = TokFeat::new(w);
            if f.forced.is_none() {
                counts.entry(f.exact).or_insert([0; NT])[t as usize] += 1;
            }
        }
    }
    let mut dict = FxHashMap::default();
    for (h, c) in counts {
        let total: u32 = c.iter().sum();
        let (best, &n) = c
            .iter()
            .enumerate()
            .max_by_key(|&(_, n)| *n)
            .unwrap_or((0, &0));
        if total >= cfg.dict_min_count && n as f64 / total as f64 >= cfg.dict_min_share {
            dict.insert(h, Pos::ALL[best]);
        }
    }
    dict
}

/// Trains an averaged perceptron and returns the quantized tagger.
pub fn train(sents: &[Sentence], cfg: &TrainConfig, log: &mut dyn FnMut(String)) -> Tagger {
    let rows = 1usize << cfg.bits;
    let dict = build_dict(sents, cfg);
    log(format!("tag dictionary: {} words", dict.len()));
    let mut w = vec![0i32; rows * NT];
    let mut tot = vec![0i64; rows * NT];
    let mut stamp = vec![0u32; rows * NT];
    let mut clock: u32 = 0;
    let feats: Vec<Vec<TokFeat>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| TokFeat::new(w)).collect())
        .collect();
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let probe = Tagger::from_parts(cfg.bits, Vec::new(), dict.clone());
    let mut fs = [0u64; N_FEATS];
    let mut guesses: Vec<Pos> = Vec::new();
    for it in 0..cfg.iters {
        let (mut right, mut seen) = (0usize, 0usize);
        for &si in &order {
            let toks = &feats[si];
            let gold = &sents[si].tags;
            guesses.clear();
            for i in 0..toks.len() {
                clock += 1;
                let t1 = if i >= 1 { Some(guesses[i - 1]) } else { None };
                let t2 = if i >= 2 { Some(guesses[i - 2]) } else { None };
                let guess = if let Some(p) = probe.lookup(&toks[i]) {
                    p
                } else {
                    features(toks, i, t1, t2, &mut fs);
                    let mut scores = [0i32; NT];
                    for &f in &fs {
                        let b = bucket(f, cfg.bits) * NT;
                        for (s, &x) in scores.iter_mut().zip(&w[b..b + NT]) {
                            *s += x;
                        }
                    }
                    let mut best = 0;
                    for k in 1..NT {
                        if scores[k] > scores[best] {
                            best = k;
                        }
                    }
                    let guess = Pos::ALL[best];
                    if guess != gold[i] {
                        for &f in &fs {
                            let b = bucket(f, cfg.bits) * NT;
                            for (k, d) in [(gold[i] as usize, 1), (best, -1)] {
                                let j = b + k;
                                tot[j] += (clock - stamp[j]) as i64 * w[j] as i64;
                                stamp[j] = clock;
                                w[j] += d;
                            }
                        }
                    }
                    guess
                };
                right += (guess == gold[i]) as usize;
                seen += 1;
                guesses.push(guess);
            }
        }
        log(format!(
            "iteration {}: training accuracy {:.4}",
            it + 1,
            right as f64 / seen as f64
        ));
        // Fisher-Yates shuffle with xorshift.
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
    }
    let avg: Vec<f64> = (0..w.len())
        .map(|j| (tot[j] + (clock - stamp[j]) as i64 * w[j] as i64) as f64 / clock as f64)
        .collect();
    let max = avg.iter().fold(0f64, |m, &x| m.max(x.abs())).max(1e-9);
    let scale = 32767.0 / max;
    let q: Vec<i16> = avg
        .iter()
        .map(|&x| {
            let v = (x * scale).round() as i16;
            if v.abs() < cfg.prune {
                0
            } else {
                v
            }
        })
        .collect();
    Tagger::from_parts(cfg.bits, q, dict)
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Serialises a tagger in the format read by [`Tagger::from_bytes`].
pub fn write_model(t: &Tagger) -> Vec<u8> {
    let (bits, weights, dict) = t.parts();
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.push(bits as u8);
    out.push(NT as u8);
    let mut entries: Vec<(u64, Pos)> = dict.iter().map(|(&h, &p)| (h, p)).collect();
    entries.sort();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (h, p) in entries {
        out.extend_from_slice(&h.to_le_bytes());
        out.push(p as u8);
    }
    let nonzero: Vec<usize> = (0..weights.len() / NT)
        .filter(|&r| weights[r * NT..r * NT + NT].iter().any(|&x| x != 0))
        .collect();
    out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
    let mut prev = 0usize;
    for (k, &r) in nonzero.iter().enumerate() {
        push_varint(&mut out, if k == 0 { r } else { r - prev } as u64);
        prev = r;
        let row = &weights[r * NT..r * NT + NT];
        let mask: u32 = row
            .iter()
            .enumerate()
            .filter(|(_, &x)| x != 0)
            .fold(0, |m, (i, _)| m | 1 << i);
        out.extend_from_slice(&mask.to_le_bytes()[..3]);
        for &x in row.iter().filter(|&&x| x != 0) {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out
}

/// Token accuracy of `t` on `sents`, with a per-tag confusion count of errors
/// as `(gold, guess) -> n`.
pub fn evaluate(t: &Tagger, sents: &[Sentence]) -> (usize, usize, FxHashMap<(Pos, Pos), usize>) {
    let (mut right, mut total) = (0, 0);
    let mut conf = FxHashMap::default();
    let mut tags = Vec::new();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
        t.tag(&words, &mut tags);
        for (&g, &p) in s.tags.iter().zip(&tags) {
            total += 1;
            if g == p {
                right += 1;
            } else {
                *conf.entry((g, p)).or_insert(0) += 1;
            }
        }
    }
    (right, total, conf)
}

pub use crate::lemma::rule_lemma;
