//! Tagging and lemmatization of news sentences with the embedded models.

use tacitus_tagger::{Lemmatizer, Pos, Tagger};
use Pos::*;

fn tag(s: &str) -> Vec<Pos> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut tags = Vec::new();
    Tagger::embedded().tag(&words, &mut tags);
    assert_eq!(tags.len(), words.len());
    tags
}

#[test]
fn embedded_models_load() {
    let t = Tagger::embedded();
    assert!(t.memory_bytes() < 30 << 20);
    assert!(Lemmatizer::embedded().table_len() > 1000);
}

#[test]
fn kazakhstan_denied() {
    let tags = tag("Kazakhstan has denied Russia 's requests for troops .");
    assert_eq!(
        tags,
        [
            ProperNoun,
            VerbPresent3,
            VerbParticiple,
            ProperNoun,
            Possessive,
            Noun,
            Adposition,
            Noun,
            Punct
        ]
    );
}

#[test]
fn passive_with_number() {
    let tags = tag("1,800 people have been arrested");
    assert_eq!(tags, [Number, Noun, Verb, VerbParticiple, VerbParticiple]);
}

#[test]
fn unknown_names_and_numbers() {
    let s = "President Kassym-Jomart Tokayev met Zelensky in 2022 and drafted men aged 18-60 .";
    let tags = tag(s);
    assert_eq!(tags[1], ProperNoun);
    assert_eq!(tags[2], ProperNoun);
    assert_eq!(tags[4], ProperNoun);
    assert_eq!(tags[6], Number);
    assert_eq!(tags[11], Number);
    let tags = tag("Erdogan accused the PKK of attacks on Monday .");
    assert_eq!(tags[..4], [ProperNoun, VerbPast, Determiner, ProperNoun]);
    assert_eq!(tags[7], ProperNoun);
}

#[test]
fn negation_and_quotes() {
    let tags = tag("\u{201c} We do n't want war , \u{201d} Scholz told U.S. reporters .");
    assert_eq!(tags[0], Punct);
    assert_eq!(tags[2..4], [Verb, Negation]);
    assert_eq!(tags[6..8], [Punct, Punct]);
    assert_eq!(tags[8], ProperNoun);
    assert_eq!(tags[9], VerbPast);
    assert_eq!(tags[10], ProperNoun);
}

#[test]
fn empty_and_odd_input() {
    assert!(tag("").is_empty());
    let tags = tag("\u{fffd} \u{1f600} x-- 's 'S ... Ünïcödé");
    assert_eq!(tags.len(), 7);
}

#[test]
fn lemmas() {
    let l = Lemmatizer::embedded();
    for (w, p, want) in [
        ("denied", VerbPast, "deny"),
        ("arrested", VerbParticiple, "arrest"),
        ("held", VerbPast, "hold"),
        ("fought", VerbParticiple, "fight"),
        ("is", VerbPresent3, "be"),
        ("was", VerbPast, "be"),
        ("were", VerbPast, "be"),
        ("been", VerbParticiple, "be"),
        ("are", Verb, "be"),
        ("'s", VerbPresent3, "'s"),
        ("'s", Possessive, "'s"),
        ("has", VerbPresent3, "have"),
        ("making", VerbGerund, "make"),
        ("stopped", VerbPast, "stop"),
        ("denies", VerbPresent3, "deny"),
        ("requests", Noun, "request"),
        ("troops", Noun, "troop"),
        ("talks", Noun, "talk"),
        ("people", Noun, "people"),
        ("sanctions", Noun, "sanction"),
        ("news", Noun, "news"),
        ("crisis", Noun, "crisis"),
        ("russia", ProperNoun, "russia"),
        ("wo", Modal, "will"),
        ("quickly", Adverb, "quickly"),
        // Not in the table: rules.
        ("zelenskified", VerbPast, "zelenskify"),
        ("blorbing", VerbGerund, "blorb"),
        ("snorked", VerbPast, "snork"),
    ] {
        assert_eq!(l.lemma(w, p), want, "{w} {p}");
    }
}

/// Throughput: `cargo test --release -p tacitus-tagger -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    // Varied text: a `word<TAB>Tag` file named by TACITUS_BENCH_TSV (e.g. the
    // Brown held-out split written by scripts/tagger/build.sh), else a few news
    // sentences repeated.
    let text = std::env::var("TACITUS_BENCH_TSV")
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let file_sents: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(|s| {
            s.lines()
                .filter_map(|l| l.split('\t').next())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    let base = [
        "Kazakhstan has denied Russia 's requests for troops to help quell the protests in Almaty .",
        "1,800 people have been arrested since the unrest began , the Interior Ministry said on Monday .",
        "President Kassym-Jomart Tokayev said foreign-trained terrorists had attacked government buildings .",
        "\" We do n't want war , \" Ukrainian President Volodymyr Zelensky told reporters in Kyiv .",
    ];
    let (sents, rounds) = if file_sents.is_empty() {
        (
            base.iter()
                .map(|s| s.split_whitespace().collect())
                .collect(),
            50_000,
        )
    } else {
        (file_sents, 10)
    };
    let t = Tagger::embedded();
    let mut tags = Vec::new();
    let start = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for s in &sents {
            t.tag(s, &mut tags);
            n += tags.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "tagger: {n} tokens in {secs:.3}s = {:.0} tokens/s",
        n as f64 / secs
    );
    let l = Lemmatizer::embedded();
    let start = std::time::Instant::now();
    let mut m = 0usize;
    for _ in 0..rounds {
        for s in &sents {
            t.tag(s, &mut tags);
            for (w, &p) in s.iter().zip(&tags) {
                m += l.lemma(w, p).len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("tagger+lemmatizer: {:.0} tokens/s ({m})", n as f64 / secs);
}
