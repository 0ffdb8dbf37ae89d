//! A bounded fuzz run over the whole text pipeline (segmentation, tagging, actors, events, dates,
//! attribution): random mixes of news words, punctuation, digits, quotes and arbitrary Unicode must
//! never panic. It runs in CI for a fixed number of inputs, so it is repeatable.

mod common;

use tacitus_model::Document;

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "Russia",
    "Ukraine's",
    "Kazakhstan",
    "U.S.",
    "the Kremlin",
    "President",
    "Putin",
    "Zelensky",
    "police",
    "troops",
    "Chinese",
    "banks",
    "NATO",
    "the EU",
    "attacked",
    "denied",
    "refused",
    "to",
    "recognize",
    "blame",
    "will",
    "not",
    "n't",
    "was",
    "arrested",
    "by",
    "and",
    "said",
    "according",
    "as",
    "reported",
    "on",
    "Friday",
    "last",
    "month",
    "in",
    "2014",
    "March",
    "3",
    "1,800",
    "25-13",
    ",",
    ".",
    "!",
    "?",
    ";",
    ":",
    "\"",
    "“",
    "”",
    "'s",
    "’",
    "'",
    "(",
    ")",
    "—",
    "-",
    "\n",
    "\n\n",
    " ",
    "  ",
    "é",
    "日本",
    "🙂",
    "\u{200b}",
    "\u{feff}",
    "\u{301}",
    "Mr.",
    "Ltd.",
    "Jan.",
    "who",
    "which",
    "that",
    "it",
    "they",
    "the country",
    "sanctions",
    "talks",
    "with",
    "against",
];

#[test]
fn coder_never_panics_on_random_text() {
    let coder = common::coder();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for n in 0..3000 {
        let len = (rng.next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..len {
            if rng.next() % 10 == 0 {
                // Raw random code points, including controls and private use.
                let c = char::from_u32((rng.next() % 0x3_0000) as u32).unwrap_or('?');
                text.push(c);
            } else {
                text.push_str(rng.pick(PIECES));
                if rng.next() % 3 != 0 {
                    text.push(' ');
                }
            }
        }
        let published = match n % 4 {
            0 => None,
            1 => Some("2022-02-26".to_string()),
            2 => Some("2024-02-29T23:59:59+05:00".to_string()),
            _ => Some("not a date".to_string()),
        };
        let doc = Document {
            id: format!("fuzz-{n}"),
            text,
            published,
            ..Default::default()
        };
        if let Ok((events, _)) = coder.code(&doc) {
            for e in events {
                assert!(doc.text.contains(&e.sentence));
                assert_eq!(e.cameo_root, e.cameo[..2]);
            }
        }
    }
}
