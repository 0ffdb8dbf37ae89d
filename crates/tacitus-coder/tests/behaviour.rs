//! The coder's grammar, one behaviour per test, on short sentences written for these tests.
//! Each asserts a rule a user relies on (negation, refusal, passive, compound actors, control
//! verbs, dates, attribution), so a dictionary or grammar change that breaks one shows here.

use std::sync::{Arc, OnceLock};

use tacitus_coder::{Coder, CoderOptions};
use tacitus_knowledge::Knowledge;
use tacitus_model::{Document, Event};

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| {
        Coder::new(
            Arc::new(Knowledge::embedded().expect("dictionaries load")),
            CoderOptions::default(),
        )
    })
}

fn code(text: &str) -> Vec<Event> {
    let doc = Document {
        id: "t".into(),
        text: text.into(),
        published: Some("2024-03-16".into()),
        ..Default::default()
    };
    coder().code(&doc).expect("codes").0
}

/// (source country, target country, root) of every dyadic event; organisations by the first
/// three letters of their code ("IGO"), as the reference scorer does.
fn country(a: tacitus_model::Actor) -> String {
    a.country
        .unwrap_or_else(|| a.code.chars().take(3).collect())
}

/// (source country, target country, root) of every dyadic event.
fn dyads(text: &str) -> Vec<(String, String, String)> {
    code(text)
        .into_iter()
        .filter_map(|e| {
            let t = e.target?;
            Some((country(e.source), country(t), e.cameo_root))
        })
        .collect()
}

fn has(text: &str, src: &str, tgt: &str, root: &str) -> bool {
    dyads(text)
        .iter()
        .any(|(s, t, r)| s == src && t == tgt && r == root)
}

#[test]
fn plain_active_event() {
    assert!(
        has(
            "Moldova expelled two Russian diplomats on Tuesday.",
            "MDA",
            "RUS",
            "16"
        ) || has(
            "Moldova expelled two Russian diplomats on Tuesday.",
            "MDA",
            "RUS",
            "17"
        )
    );
}

#[test]
fn negation_and_questions_are_not_events() {
    assert!(dyads("Japan did not impose sanctions on Iran.").is_empty());
    assert!(dyads("Has Japan imposed sanctions on Iran?").is_empty());
    assert!(dyads("No Turkish jets bombed Syrian villages, the ministry said.").is_empty());
}

#[test]
fn refusal_rejects_cooperation_but_not_hostility() {
    assert!(has(
        "Serbia refused to recognize Kosovo's independence.",
        "SRB",
        "XKX",
        "12"
    ));
    let blame = dyads("India refused to condemn Russia.");
    assert!(!blame.iter().any(|(_, _, r)| r == "11"), "{blame:?}");
}

#[test]
fn threats_and_intent_from_control_verbs() {
    assert!(has(
        "Beijing threatened to impose sanctions on Lithuania.",
        "CHN",
        "LTU",
        "13"
    ));
    assert!(has(
        "Norway agreed to send humanitarian aid to Sudan.",
        "NOR",
        "SDN",
        "03"
    ));
    assert!(dyads("Brazil plans to expel the Israeli ambassador.").is_empty());
}

#[test]
fn will_not_recognize_is_a_rejection() {
    assert!(has(
        "Armenia will not recognize the election results in Azerbaijan.",
        "ARM",
        "AZE",
        "12"
    ));
}

#[test]
fn passive_takes_the_by_agent_as_source() {
    assert!(has(
        "Three Georgian journalists were detained by Russian police.",
        "RUS",
        "GEO",
        "17"
    ));
}

#[test]
fn compound_subjects_each_act() {
    let d = dyads("Poland and Lithuania condemned Belarus on Monday.");
    assert!(
        d.contains(&("POL".into(), "BLR".into(), "11".into())),
        "{d:?}"
    );
    assert!(
        d.contains(&("LTU".into(), "BLR".into(), "11".into())),
        "{d:?}"
    );
}

#[test]
fn sports_and_markets_are_not_events() {
    assert!(dyads("Morocco beat Portugal 1-0 in the quarter-final.").is_empty());
    assert!(dyads("Spain crushed Italy in the championship final on Sunday.").is_empty());
}

#[test]
fn coreference_across_sentences() {
    let d = dyads("Kazakhstan's foreign ministry summoned the Russian ambassador on Friday. It accused Moscow of interfering in its affairs.");
    assert!(
        d.iter()
            .any(|(s, t, r)| s == "KAZ" && t == "RUS" && r == "11"),
        "{d:?}"
    );
}

#[test]
fn dates_resolve_against_the_published_day() {
    // Published Saturday 2024-03-16: "on Friday" is 2024-03-15, "last month" is 2024-02.
    let e = code("Hungary blocked the EU aid package on Friday.");
    assert_eq!(
        e.first().and_then(|e| e.date.clone()).as_deref(),
        Some("2024-03-15")
    );
    let e = code("Chad expelled French troops last month.");
    assert_eq!(
        e.first().and_then(|e| e.date.clone()).as_deref(),
        Some("2024-02")
    );
}

#[test]
fn attribution_frames() {
    let e = code("Turkey shelled Kurdish positions in Syria, according to Reuters.");
    let a = e
        .first()
        .and_then(|e| e.attribution.clone())
        .expect("attributed");
    assert_eq!(a.outlet.as_deref(), Some("Reuters"));
    let e = code("Iran supplied drones to Russia, two people familiar with the matter said.");
    let a = e
        .first()
        .and_then(|e| e.attribution.clone())
        .expect("attributed");
    assert_eq!(a.kind, Some(tacitus_model::AttributionKind::Anonymous));
}

#[test]
fn every_event_carries_the_cameo_table_values() {
    let events = code("Israel launched airstrikes on Hezbollah positions in Lebanon.");
    assert!(!events.is_empty());
    for e in events {
        assert_eq!(e.cameo_root, &e.cameo[..2]);
        assert!(e.quad_class >= 1 && e.quad_class <= 4);
        assert!(e.rule.contains("verbs/"), "{}", e.rule);
    }
}

#[test]
fn title_case_headlines() {
    let d = dyads("Finland Closes Border Crossings With Russia");
    assert!(
        d.iter()
            .any(|(s, t, r)| s == "FIN" && t == "RUS" && ["15", "16", "17"].contains(&r.as_str())),
        "{d:?}"
    );
    let d = dyads("EU Imposes New Sanctions On Belarus");
    assert!(
        d.contains(&("IGO".into(), "BLR".into(), "16".into())),
        "{d:?}"
    );
}

#[test]
fn first_person_quotes_are_the_speaker() {
    let e = code("\"We will not recognise the so-called elections in Abkhazia,\" the Georgian foreign ministry said.");
    assert!(
        e.iter()
            .any(|e| e.source.country.as_deref() == Some("GEO") && e.cameo_root == "12"),
        "{e:?}"
    );
}
