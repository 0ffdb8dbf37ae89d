//! The command line as a user meets it: exit codes, error messages naming file and line, ordered
//! output with threads, and `eval` agreeing with the reference scorer.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tacitus(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tacitus runs");
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn tmp(name: &str, content: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tacitus-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn malformed_lines_are_reported_and_skipped_exit_3() {
    let p = tmp(
        "mixed.jsonl",
        concat!(
            "{\"id\": \"a\", \"published\": \"2024-03-15\", \"text\": \"Poland expelled Russian diplomats on Thursday.\"}\n",
            "{not json\n",
            "{\"text\": \"no id here\"}\n",
            "{\"id\": \"b\", \"text\": \"Kazakhstan rejected Russia's request.\"}\n"
        )
        .as_bytes(),
    );
    let out = tacitus(&["code", "--format", "jsonl", p.to_str().unwrap()], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "stderr: {stderr}");
    assert!(
        stderr.contains("mixed.jsonl:2"),
        "stderr names the line: {stderr}"
    );
    assert!(
        stderr.contains("mixed.jsonl:3"),
        "stderr names the line: {stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let docs: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        docs.contains(&"a".to_string()) && docs.contains(&"b".to_string()),
        "good lines are coded: {stdout}"
    );
}

#[test]
fn unreadable_input_exits_2_and_invalid_utf8_names_the_byte() {
    let p = tmp("bad.txt", b"Russia attacked \xff Ukraine.");
    let out = tacitus(&["code", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("byte 16"));
    let missing = tacitus(&["code", "/nonexistent/file.jsonl"], None);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn stdin_text_and_threads_keep_input_order() {
    let out = tacitus(
        &["code", "-", "--published", "2024-01-05", "--format", "tsv"],
        Some("Chinese banks stopped lending to Russian companies on Tuesday."),
    );
    assert_eq!(out.status.code(), Some(0));
    let mut lines = String::new();
    for i in 0..200 {
        lines.push_str(&format!("{{\"id\": \"d{i}\", \"published\": \"2024-03-15\", \"text\": \"Poland and Bulgaria expelled Russian diplomats on Thursday. Iranian police arrested dozens of protesters.\"}}\n"));
    }
    let p = tmp("many.jsonl", lines.as_bytes());
    let one = tacitus(
        &[
            "code",
            "--threads",
            "1",
            "--format",
            "jsonl",
            p.to_str().unwrap(),
        ],
        None,
    );
    let four = tacitus(
        &[
            "code",
            "--threads",
            "4",
            "--format",
            "jsonl",
            p.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(one.status.code(), Some(0));
    assert!(!one.stdout.is_empty());
    assert_eq!(
        one.stdout, four.stdout,
        "threads must not change output or its order"
    );
}

#[test]
fn demo_codes_the_embedded_corpus() {
    let out = tacitus(&["demo", "--events", "--format", "jsonl"], None);
    assert_eq!(out.status.code(), Some(0));
    let n = String::from_utf8_lossy(&out.stdout).lines().count();
    assert!(n >= 10, "demo coded only {n} events");

    let report = tacitus(&["demo"], None);
    assert_eq!(report.status.code(), Some(0));
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(text.contains("RUS's partners since 2024-01-01"), "{text}");
    assert!(
        text.contains("\n1. "),
        "a ranked partner with evidence: {text}"
    );
    assert!(text.contains('“'), "evidence sentences are quoted: {text}");
}

#[test]
fn explain_shows_spans_and_rule() {
    let out = tacitus(
        &["code", "-", "--explain", "--format", "jsonl"],
        Some("Kazakhstan has denied Russia's requests for troops."),
    );
    let v: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .expect("an event"),
    )
    .unwrap();
    assert!(v["rule"].as_str().unwrap().contains("verbs/"));
    let spans = v["explain"]["spans"].as_array().unwrap();
    assert!(spans
        .iter()
        .any(|s| s["label"] == "source" && s["text"] == "Kazakhstan"));
}

#[test]
fn eval_agrees_with_reference_scorer() {
    let Some(shared) = common::shared() else {
        println!("skipping: ../shared not found");
        return;
    };
    let gold = shared.join("peers/derived/plover_gsr_gold.jsonl");
    let events = std::env::temp_dir().join(format!("tacitus-eval-{}.jsonl", std::process::id()));
    let ours = tacitus(
        &[
            "eval",
            gold.to_str().unwrap(),
            "--save",
            events.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        ours.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let py = Command::new("python3")
        .arg(shared.join("tools/score_events.py"))
        .arg(&gold)
        .arg(&events)
        .output();
    let Ok(py) = py else {
        println!("skipping: python3 not found");
        return;
    };
    let py_line = String::from_utf8_lossy(&py.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    let ours = String::from_utf8_lossy(&ours.stdout);
    assert!(
        ours.lines().any(|l| l == py_line),
        "tacitus eval:\n{ours}\nscore_events.py:\n{py_line}"
    );
}

#[test]
fn non_english_and_duplicate_documents_are_counted_and_skipped() {
    let p = tmp(
        "mixed-lang.jsonl",
        concat!(
            "{\"id\": \"en\", \"text\": \"Poland expelled two Russian diplomats on Thursday, the foreign ministry in Warsaw said.\"}\n",
            "{\"id\": \"fr\", \"text\": \"La Pologne a expulsé deux diplomates russes jeudi, a indiqué le ministère des affaires étrangères à Varsovie.\"}\n",
            "{\"id\": \"en-again\", \"text\": \"Poland expelled two Russian diplomats on Thursday, the foreign ministry in Warsaw said.\"}\n"
        )
        .as_bytes(),
    );
    let out = tacitus(
        &[
            "code",
            "--format",
            "jsonl",
            "--progress",
            p.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "skipping a language or a repeat is not an input error"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 not English") && stderr.contains("1 duplicates"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\"doc_id\":\"en\"")
            && !stdout.contains("\"doc_id\":\"fr\"")
            && !stdout.contains("en-again"),
        "{stdout}"
    );
}

/// `<repo>/crates/tacitus-ingest/tests/<rel>`: fixtures written for the ingest tests.
fn ingest_fixture(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/tacitus-ingest/tests")
        .join(rel)
}

#[test]
fn saved_page_codes_only_the_article_dated_from_its_metadata() {
    let page = ingest_fixture("pages/news.html");
    let out = tacitus(&["code", "--format", "jsonl", page.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!events.is_empty(), "the article body reports an event");
    for e in &events {
        let sentence = e["sentence"].as_str().unwrap();
        for chrome in [
            "Trending",
            "sweeping new sanctions on Iran",
            "commenter",
            "cookie",
            "newsletter",
        ] {
            assert!(!sentence.contains(chrome), "site chrome coded: {sentence}");
        }
        // The page's own metadata dates the events and names the outlet.
        assert!(
            e["date"].as_str().is_some_and(|d| d.starts_with("2022-02")),
            "{e}"
        );
    }
}

#[test]
fn a_directory_of_mixed_formats_and_compressions() {
    let dir = std::env::temp_dir().join(format!("tacitus-mixed-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("feeds")).unwrap();
    std::fs::copy(
        ingest_fixture("pages/news.html"),
        dir.join("saved-page.htm"),
    )
    .unwrap();
    std::fs::copy(ingest_fixture("feeds/rss2.xml"), dir.join("feeds/world")).unwrap();
    let line = "{\"id\": \"gz1\", \"published\": \"2024-03-15\", \"text\": \"Poland expelled two Russian diplomats on Thursday.\"}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(line.as_bytes()).unwrap();
    std::fs::write(dir.join("wire.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let mut zst = Vec::new();
    ruzstd::encoding::compress(
        line.replace("gz1", "zst1")
            .replace("Poland", "Latvia")
            .as_bytes(),
        &mut zst,
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    std::fs::write(dir.join("wire.zst"), zst).unwrap();
    std::fs::write(dir.join("broken.xml"), b"<rss><channel><item><title>cut").unwrap();
    let out = tacitus(&["code", "--format", "jsonl", dir.to_str().unwrap()], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for id in ["gz1", "zst1", "dailymeridian", "ew-2022-0226-001"] {
        assert!(stdout.contains(id), "{id} not coded:\n{stdout}\n{stderr}");
    }
    // The broken feed is reported by name and skipped; the rest is still coded.
    assert!(stderr.contains("broken.xml"), "{stderr}");
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn a_100_mb_line_is_reported_and_the_next_line_is_coded() {
    let p = std::env::temp_dir().join(format!("tacitus-long-{}.jsonl", std::process::id()));
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        f.write_all(b"{\"id\": \"huge\", \"text\": \"").unwrap();
        let chunk = "word ".repeat(1 << 16);
        for _ in 0..(100 << 20) / chunk.len() + 1 {
            f.write_all(chunk.as_bytes()).unwrap();
        }
        f.write_all(b"\"}\n{\"id\": \"after\", \"published\": \"2024-03-15\", \"text\": \"Poland expelled two Russian diplomats on Thursday.\"}\n")
            .unwrap();
    }
    let out = tacitus(&["code", "--format", "jsonl", p.to_str().unwrap()], None);
    std::fs::remove_file(&p).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:1: line longer than", p.display())),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"doc_id\":\"after\""));
    assert_eq!(out.status.code(), Some(3));
}
