//! The API over a real socket: every route answers as `openapi.json` says, pages follow their
//! cursors, and the safety rules hold (writes need the token, bodies and requests are bounded,
//! client text never becomes SQL, CORS is off unless asked for).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;
use tacitus_coder::{Coder, CoderOptions};
use tacitus_knowledge::Knowledge;
use tacitus_model::{Document, Sink};
use tacitus_server::ServerConfig;
use tacitus_store::{DuckStore, Store, StoreSink};

fn knowledge() -> Arc<Knowledge> {
    static K: OnceLock<Arc<Knowledge>> = OnceLock::new();
    K.get_or_init(|| Arc::new(Knowledge::embedded().expect("embedded dictionaries")))
        .clone()
}

fn example_documents() -> Vec<Document> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news.jsonl");
    std::fs::read_to_string(path)
        .expect("examples/news.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("an example document"))
        .collect()
}

/// A fresh store file holding the example corpus, coded as `tacitus ingest` codes it.
fn example_store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tacitus-server-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.db"));
    std::fs::remove_file(&path).ok();
    std::fs::remove_file(path.with_extension("db.wal")).ok();
    let k = knowledge();
    let coder = Coder::new(k.clone(), CoderOptions { explain: true });
    let mut store = DuckStore::open(&path).unwrap();
    {
        let mut sink = StoreSink::new(&mut store, k.version.clone());
        for d in example_documents() {
            let (events, stats) = coder.code(&d).unwrap();
            sink.begin_document(&d).unwrap();
            for e in &events {
                sink.event(e).unwrap();
            }
            sink.end_document(tacitus_model::DocumentSummary {
                doc_id: &d.id,
                sentences: stats.sentences,
                events: events.len(),
            })
            .unwrap();
        }
        sink.finish().unwrap();
    }
    store.rebuild_clusters(3).unwrap();
    path
}

/// Starts a server on a free loopback port; it runs until the test process ends.
fn start(configure: impl FnOnce(&mut ServerConfig), name: &str) -> SocketAddr {
    let mut config = ServerConfig::new(example_store(name));
    config.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    configure(&mut config);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = tacitus_server::run(&config, knowledge(), |addr| {
            tx.send(addr).ok();
        });
        if let Err(e) = result {
            eprintln!("server stopped: {e}");
        }
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the server binds")
}

struct Reply {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("{e}: {}", String::from_utf8_lossy(&self.body));
        })
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One HTTP/1.1 exchange over a new connection (`Connection: close`, read to the end).
fn request(addr: SocketAddr, method: &str, path: &str, headers: &[&str], body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) and close before reading a large body.
    stream.write_all(body).ok();
    read_reply(&mut stream)
}

fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP reply: {}", String::from_utf8_lossy(&raw)));
    let headers = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = headers[9..12].parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&data[..eol]).unwrap().trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
    out
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[], b"")
}

#[test]
fn reads_answer_as_documented() {
    let addr = start(|_| {}, "reads");

    let health = get(addr, "/api/health").json();
    assert_eq!(health["documents"], 10);
    assert_eq!(health["writes"], false);
    let events_total = health["events"].as_u64().unwrap();
    assert!(events_total > 10);

    // Search as you type: by code prefix and by name, countries named after their state.
    let actors = get(addr, "/api/actors?q=kaz").json();
    let first = &actors["actors"][0];
    assert_eq!(first["code"], "KAZ");
    assert_eq!(first["name"], "Kazakhstan");
    let by_name = get(addr, "/api/actors?q=kazakh").json();
    assert!(by_name["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["code"] == "KAZ"));

    let series = get(addr, "/api/dyad?source=KAZ&target=RUS&by=week").json();
    let points = series["points"].as_array().unwrap();
    assert!(!points.is_empty());
    for p in points {
        let quad: u64 = p["quad"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q.as_u64().unwrap())
            .sum();
        assert_eq!(Some(quad), p["events"].as_u64());
    }
    let actor_series = get(addr, "/api/dyad?actor=KAZ&by=month").json();
    assert!(!actor_series["points"].as_array().unwrap().is_empty());
    assert_eq!(get(addr, "/api/dyad?source=KAZ").status, 400);
    assert_eq!(get(addr, "/api/dyad?actor=KAZ&by=hour").status, 400);

    // Pages of 7 follow the cursor through every event exactly once.
    let mut seen = std::collections::HashSet::new();
    let mut cursor = String::new();
    loop {
        let page = get(addr, &format!("/api/events?limit=7&cursor={cursor}")).json();
        for e in page["events"].as_array().unwrap() {
            let key = format!(
                "{}/{}/{}",
                e["content_hash"], e["sentence_index"], e["event_id"]
            );
            assert!(seen.insert(key), "an event on two pages");
            assert!(
                e["explain"]["spans"].is_array(),
                "stored events keep their spans"
            );
            assert!(e["outlet"].is_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = c.to_string(),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, events_total);
    assert_eq!(get(addr, "/api/events?cursor=garbage").status, 400);

    let kaz = get(addr, "/api/events?source=KAZ&target=RUS&limit=50").json();
    let first = &kaz["events"][0];
    assert!(first["sentence"].as_str().unwrap().contains("Kazakhstan"));
    assert!(first["num_sources"].as_u64().unwrap() >= 1);

    let document = get(
        addr,
        &format!("/api/documents/{}", first["content_hash"].as_str().unwrap()),
    );
    assert_eq!(document.status, 200);
    let document = document.json();
    assert_eq!(document["document"]["id"], first["doc_id"]);
    assert!(document["document"]["text"]
        .as_str()
        .unwrap()
        .contains("Kazakhstan"));
    assert_eq!(get(addr, "/api/documents/12345").status, 404);
    assert_eq!(get(addr, "/api/documents/x").status, 400);

    let locations = get(addr, "/api/locations").json();
    for l in locations["locations"].as_array().unwrap() {
        assert!(l["lat"].is_number() && l["lon"].is_number() && l["events"].as_u64() > Some(0));
    }

    let report = get(addr, "/api/report?actor=RUS&since=2024-01-01&min_events=1").json();
    assert!(report["partners"].is_array());
    assert_eq!(get(addr, "/api/report?actor=RUS").status, 400);

    let coded = request(
        addr,
        "POST",
        "/api/code",
        &["Content-Type: application/json"],
        br#"{"text": "Kazakhstan refused a Russian request for troops on Friday.", "published": "2022-02-25"}"#,
    );
    assert_eq!(coded.status, 200);
    let coded = coded.json();
    let event = &coded["events"][0];
    assert_eq!(event["source"]["country"], "KAZ");
    assert_eq!(event["cameo_root"], "12");
    assert!(event["explain"]["pattern"].is_string());
    assert_eq!(
        get(addr, "/api/health").json()["events"],
        events_total,
        "code stores nothing"
    );

    // The page and its libraries come from the binary.
    let page = get(addr, "/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(get(addr, "/assets/nope.js").status, 404);
    assert_eq!(get(addr, "/api/nope").status, 404);
}

#[test]
fn the_openapi_document_lists_every_route() {
    let addr = start(|_| {}, "openapi");
    let doc = get(addr, "/api/openapi.json").json();
    assert_eq!(doc["openapi"], "3.0.3");
    let mut paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/api/actors",
            "/api/code",
            "/api/documents/{content_hash}",
            "/api/dyad",
            "/api/events",
            "/api/health",
            "/api/ingest",
            "/api/locations",
            "/api/openapi.json",
            "/api/report",
        ]
    );
    // Every documented GET answers something other than "no such route".
    for path in paths {
        if doc["paths"][path]["get"].is_object() {
            let path = path.replace("{content_hash}", "1");
            let reply = get(addr, &path);
            assert!(
                reply.status != 404 || path.starts_with("/api/documents"),
                "{path}: {}",
                reply.status
            );
        }
    }
}

#[test]
fn writes_need_the_token_and_are_idempotent() {
    let read_only = start(|_| {}, "read-only");
    let doc = br#"{"id": "new-1", "published": "2024-05-02", "text": "Kazakhstan rejected a Russian proposal on Thursday."}"#;
    let refused = request(read_only, "POST", "/api/ingest", &[], doc);
    assert_eq!(refused.status, 403);
    assert!(refused.json()["error"]
        .as_str()
        .unwrap()
        .contains("TACITUS_TOKEN"));

    let addr = start(|c| c.token = Some("s3cret".into()), "writes");
    let anonymous = request(addr, "POST", "/api/ingest", &[], doc);
    assert_eq!(anonymous.status, 401);
    assert!(anonymous.header("www-authenticate").is_some());
    let wrong = request(
        addr,
        "POST",
        "/api/ingest",
        &["Authorization: Bearer s3cre7"],
        doc,
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(get(addr, "/api/health").json()["documents"], 10);

    let ok = request(
        addr,
        "POST",
        "/api/ingest",
        &["Authorization: Bearer s3cret"],
        doc,
    );
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    let ok = ok.json();
    assert_eq!(ok["coded"], 1);
    assert_eq!(ok["store"]["documents"], 11);
    let again = request(
        addr,
        "POST",
        "/api/ingest",
        &["Authorization: Bearer s3cret"],
        doc,
    )
    .json();
    assert_eq!(again["coded"], 0);
    assert_eq!(again["already_stored"], 1);
    let health = get(addr, "/api/health").json();
    assert_eq!(health["documents"], 11);
    assert_eq!(health["writes"], true);
    // The new actor counts reach the search.
    let events = get(addr, "/api/events?source=KAZ&since=2024-05-01").json();
    assert!(!events["events"].as_array().unwrap().is_empty());
}

#[test]
fn oversized_bodies_slow_clients_and_sql_in_parameters_are_refused() {
    let addr = start(
        |c| {
            c.body_limit = 4096;
            c.request_timeout = Duration::from_secs(1);
        },
        "limits",
    );
    let big = format!(r#"{{"text": "{}"}}"#, "a".repeat(10_000));
    assert_eq!(
        request(addr, "POST", "/api/code", &[], big.as_bytes()).status,
        413
    );

    // A client that announces a body and sends it too slowly gets 408 when time is up.
    let started = Instant::now();
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    slow.write_all(
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\nConnection: close\r\n\r\n{\"text\":",
    )
    .unwrap();
    let reply = read_reply(&mut slow);
    assert_eq!(reply.status, 408);
    assert!(started.elapsed() < Duration::from_secs(10));

    // Parameters are bound, never spliced: an injection attempt is an invalid actor code.
    let injected = get(
        addr,
        "/api/events?source=KAZ'%20OR%201=1;%20DROP%20TABLE%20events;--",
    );
    assert_eq!(injected.status, 400);
    let since = get(addr, "/api/events?since=2024-01-01'%20OR%20'1'='1");
    assert_eq!(since.status, 400);
    assert_eq!(get(addr, "/api/health").json()["documents"], 10);
}

#[test]
fn cors_is_off_unless_an_origin_is_configured() {
    let closed = start(|_| {}, "cors-off");
    let reply = request(
        closed,
        "GET",
        "/api/health",
        &["Origin: https://example.org"],
        b"",
    );
    assert_eq!(reply.header("access-control-allow-origin"), None);

    let open = start(
        |c| c.cors_origin = Some("https://example.org".into()),
        "cors-on",
    );
    let reply = request(
        open,
        "GET",
        "/api/health",
        &["Origin: https://example.org"],
        b"",
    );
    assert_eq!(
        reply.header("access-control-allow-origin").as_deref(),
        Some("https://example.org")
    );
}
