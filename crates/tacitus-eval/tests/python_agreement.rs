//! The Rust metric must print exactly what `shared/tools/score_events.py` prints.
//!
//! Synthetic events files (hits, misses, optional, forbidden, reversed direction, wrong dates,
//! IGO codes without a country, null targets, numeric roots, unknown documents…) are scored
//! against the shared gold files by both implementations, with `--show`. Skipped (with a
//! message) when `python3` or `../shared` is not there.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use tacitus_eval::{read_events, read_gold, score};

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let script = dir.join("tools/score_events.py");
    let python = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (script.is_file() && python).then_some(dir)
}

/// A small deterministic generator (no `rand` dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn actor(code: &str, country: Value) -> Value {
    json!({"code": code, "country": country, "sector": null, "text": code, "name": code})
}

/// Events for `gold` exercising every branch of the metric.
fn synthetic_events(gold: &[Value], seed: u64) -> Vec<Value> {
    const POOL: [&str; 8] = ["RUS", "UKR", "USA", "CHN", "KAZ", "JPN", "IGO", "WST"];
    let mut rng = Lcg(seed);
    let mut out = Vec::new();
    for g in gold {
        let id = g["id"].as_str().unwrap_or_default();
        let pick = |v: &Value, rng: &mut Lcg| -> String {
            let a = v.as_array().cloned().unwrap_or_default();
            if a.is_empty() {
                return "XXX".into();
            }
            a[rng.next(a.len())].as_str().unwrap_or("XXX").to_string()
        };
        let mut lists: Vec<&Value> = Vec::new();
        for k in ["events", "optional", "forbidden"] {
            if let Some(a) = g[k].as_array() {
                lists.extend(a.iter());
            }
        }
        for ge in lists {
            let (s, t, r) = (
                pick(&ge["src"], &mut rng),
                pick(&ge["tgt"], &mut rng),
                pick(&ge["root"], &mut rng),
            );
            let gold_date = ge["date"].as_str().unwrap_or("2022-02");
            let date = match rng.next(5) {
                0 => Value::Null,
                1 => json!(format!("{gold_date}-25")),
                2 => json!(gold_date),
                3 => json!("1999-01-01"),
                _ => json!("2022-02-25"),
            };
            let cameo = format!("{r}{}", rng.next(10));
            let mut ev = json!({"doc_id": id, "source": actor(&format!("{s}GOV"), json!(s)),
                "target": actor(&format!("{t}GOV"), json!(t)), "cameo": cameo, "cameo_root": r,
                "date": date});
            match rng.next(12) {
                0 => {}                                                     // as generated
                1 => ev["source"] = actor(&format!("{s}COP"), Value::Null), // code fallback
                2 => ev["target"] = Value::Null,                            // not scored
                3 => {
                    ev["cameo_root"] = Value::Null; // root from cameo
                }
                4 => {
                    // reversed direction: a hit only for sym gold events
                    ev["source"] = actor(&t, json!(t));
                    ev["target"] = actor(&s, json!(s));
                }
                5 => ev["source"] = actor("IGOUNO", Value::Null),
                6 => ev["target"] = actor(&t.to_lowercase(), Value::Null),
                7 => continue, // a miss
                8 => {
                    ev["cameo_root"] = json!(r.trim_start_matches('0').parse::<u32>().unwrap_or(0))
                }
                9 => ev["doc_id"] = json!(format!("{id}-unknown")),
                10 => {
                    ev["source"] = actor(
                        POOL[rng.next(POOL.len())],
                        json!(POOL[rng.next(POOL.len())]),
                    )
                }
                _ => ev["cameo_root"] = json!(format!("{:02}", 1 + rng.next(20))),
            }
            out.push(ev.clone());
            if rng.next(3) == 0 {
                // the same tuple again with another date: only the first date counts
                ev["date"] = json!("2022-01-15");
                out.push(ev);
            }
        }
        if rng.next(4) == 0 {
            out.push(
                json!({"doc_id": id, "source": {"code": "KAZ"}, "target": {"country": "rus"},
                "cameo": "12"}),
            );
        }
    }
    out.push(json!({"source": {"code": "X"}, "target": {"code": "Y"}, "cameo_root": "01"}));
    out
}

fn python(shared: &Path, gold: &Path, events: &Path) -> String {
    let out = Command::new("python3")
        .arg(shared.join("tools/score_events.py"))
        .arg(gold)
        .arg(events)
        .arg("--show")
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn rust(gold: &Path, events: &Path) -> String {
    let g = read_gold(BufReader::new(File::open(gold).unwrap()), "gold").unwrap();
    let e = read_events(BufReader::new(File::open(events).unwrap()), "events").unwrap();
    let r = score(&g, &e);
    let mut s = String::new();
    for d in &r.details {
        s.push_str(d);
        s.push('\n');
    }
    s.push_str(&r.to_string());
    s.push('\n');
    s
}

#[test]
fn rust_and_python_print_the_same() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared not found (or no python3)");
        return;
    };
    let tmp = std::env::temp_dir().join(format!("tacitus-eval-agree-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut golds: Vec<PathBuf> = vec![shared.join("peers/derived/plover_gsr_gold.jsonl")];
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(shared.join("seed"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.jsonl"))
        .collect();
    seeds.sort();
    golds.extend(seeds);
    let mut compared = 0;
    for (gi, gold) in golds.iter().enumerate().filter(|(_, g)| g.is_file()) {
        let text = std::fs::read_to_string(gold).unwrap();
        let docs: Vec<Value> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        for seed in 0..6u64 {
            let events = synthetic_events(&docs, seed * 7919 + gi as u64);
            let path = tmp.join(format!("events-{gi}-{seed}.jsonl"));
            let mut f = File::create(&path).unwrap();
            for e in &events {
                writeln!(f, "{e}").unwrap();
            }
            if seed == 5 {
                writeln!(f, "\n   \r").unwrap(); // blank lines are not counted
            }
            drop(f);
            let (py, rs) = (python(&shared, gold, &path), rust(gold, &path));
            assert_eq!(rs, py, "gold {} seed {seed}", gold.display());
            compared += 1;
            eprintln!(
                "{} seed {seed}: {}",
                gold.display(),
                py.lines().last().unwrap_or_default()
            );
        }
        // No events at all.
        let empty = tmp.join("empty.jsonl");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(rust(gold, &empty), python(&shared, gold, &empty));
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(
        compared > 0,
        "no gold files found under {}",
        shared.display()
    );
}
