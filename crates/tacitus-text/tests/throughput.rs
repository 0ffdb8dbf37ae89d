//! Throughput measurement on ~20 MB of synthetic news text.
//!
//! Run with `cargo test --release -p tacitus-text --test throughput -- --ignored --nocapture`.

use std::time::Instant;
use tacitus_text::{segment, Segmentation};

const PARAGRAPHS: &[&str] = &[
    "ALMATY, Kazakhstan (AP) — Kazakhstan’s President Kassym-Jomart Tokayev on Wednesday accepted the \
government’s resignation after protests over a sharp rise in fuel prices. \"We won't allow it,\" he said.",
    "WASHINGTON (Reuters) - The U.S. State Department's spokesman, Ned Price, told NBC News' Peter \
Alexander that the U.S.-led coalition \"is watching closely.\" Officials said 1,800 troops aged 18-60 \
were deployed at 5 p.m. on Jan. 5.",
    "Industrial & Commercial Bank of China Ltd.’s offshore units raised $64.45 million, or 3.5 percent \
more than expected, according to a filing. Gen. John J. Smith (ret.) declined to comment... Analysts \
weren't surprised.",
    "Kazakh president sacks government\nProtesters stormed the mayor's office in Almaty; police fired \
tear gas. “They can’t stop us,” said one protester, who gave his name only as Yerlan. Visit \
https://www.example.com/news?id=42 for updates or email press@example.org.",
    "Mr. Smith, 45, a self-declared anti-war activist, said the U.N. Security Council would meet on \
Thursday. The vote was 25-13. #Ukraine @UN",
];

#[test]
#[ignore = "benchmark; run with --release -- --ignored --nocapture"]
fn throughput() {
    let mut text = String::with_capacity(21 << 20);
    let mut k = 0usize;
    while text.len() < 20 << 20 {
        text.push_str(PARAGRAPHS[k % PARAGRAPHS.len()]);
        text.push_str(if k % 3 == 0 { "\n\n" } else { " " });
        k += 1;
    }
    let mut seg = Segmentation::default();
    segment(&text, &mut seg); // warm up and size the buffers
    let rounds = 5;
    let start = Instant::now();
    for _ in 0..rounds {
        segment(&text, &mut seg);
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (text.len() * rounds) as f64 / 1e6;
    println!(
        "segment: {:.1} MB/s ({} bytes, {} tokens, {} sentences per round)",
        mb / secs,
        text.len(),
        seg.tokens.len(),
        seg.sentences.len()
    );
    assert!(!seg.sentences.is_empty());
}
