//! Accuracy floors: the user's seed document, the project's own dev gold set, and the PLOVER gold
//! standard records. The floors are what the README reports; raising them is the goal.

mod common;

use std::path::Path;

use tacitus_ingest::TxtOptions;

/// F1 floors; the README reports the figures they guard.
const DEV_F1_FLOOR: f64 = 0.80;
const PLOVER_F1_FLOOR: f64 = 0.60;
/// The held-out set is never tuned on: its floor guards against regressions in generalization.
const HELDOUT_F1_FLOOR: f64 = 0.45;

/// Codes a gold file's documents, prints the scores, and asserts the F1 floor.
fn assert_floor(name: &str, path: &Path, floor: f64) {
    let r = common::score_gold(path);
    println!("{name}: {r}\n{}", r.per_root_table());
    assert!(r.f1 >= floor, "{name} F1 {:.3} fell below {floor}", r.f1);
}

#[test]
fn dev_gold_floor() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dev/dev_gold.jsonl");
    assert_floor("dev gold", &path, DEV_F1_FLOOR);
}

#[test]
fn heldout_gold_floor() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/heldout/heldout_gold.jsonl");
    assert_floor("held-out gold", &path, HELDOUT_F1_FLOOR);
}

#[test]
fn plover_gold_floor() {
    let Some(shared) = common::shared() else {
        println!("skipping: ../shared not found");
        return;
    };
    assert_floor(
        "PLOVER GSR",
        &shared.join("peers/derived/plover_gsr_gold.jsonl"),
        PLOVER_F1_FLOOR,
    );
}

#[test]
fn seed_events_and_forbidden_event() {
    let Some(shared) = common::shared() else {
        println!("skipping: ../shared not found");
        return;
    };
    let gold = shared.join("seed/000_32bc4f422ee43a2c.gold.jsonl");
    let r = common::score_gold(&gold);
    println!("seed: {r}");
    for line in &r.details {
        println!("{line}");
    }
    assert!(
        r.found >= 9,
        "seed: found {} of {} required events",
        r.found,
        r.required
    );
    assert!(
        !r.details.iter().any(|l| l.contains("FORBIDDEN")),
        "seed: the forbidden event was coded"
    );
    // The same text as a .txt file with --published gives the same events.
    let txt = shared.join("seed/000_32bc4f422ee43a2c.txt");
    let events = common::code_file(
        &txt,
        TxtOptions {
            published: Some("2022-02-26".into()),
            outlet: None,
        },
    );
    let kaz = events.iter().find(|e| {
        e.source.country.as_deref() == Some("KAZ")
            && e.cameo_root == "12"
            && e.target.as_ref().and_then(|t| t.country.as_deref()) == Some("RUS")
    });
    let kaz = kaz.expect("Kazakhstan's rejection of Russia's request is coded");
    assert_eq!(kaz.date.as_deref(), Some("2022-02-25"));
    let att = kaz
        .attribution
        .as_ref()
        .expect("the NBC News frame is found");
    assert_eq!(att.outlet.as_deref(), Some("NBC News"));
    assert_eq!(att.reporter.as_deref(), Some("Peter Alexander"));
}
