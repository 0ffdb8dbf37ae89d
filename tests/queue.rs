//! The JetStream work queue for real: `tacitus queue push`, three `tacitus worker` processes
//! writing into one PostgreSQL database, one of them killed with SIGKILL mid-stream. Every
//! document must be coded exactly once and nothing lost: the database ends with the rows of a
//! single-process `tacitus ingest` of the same corpus, and a message that is not a document ends
//! in the dead letters with its reason.
//!
//! Needs `TACITUS_TEST_NATS` (`scripts/start-nats` starts a server and prints it) and
//! `TACITUS_TEST_PG` (`scripts/start-postgres`); without them, or when the servers do not
//! answer, the tests print why and pass. Each run uses its own streams and its own database,
//! removed at the end.

mod common;

use common::tacitus_ok;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer};
use futures_util::StreamExt;
use postgres::NoTls;
use serde_json::Value;
use tacitus_store::{open_store, Store};

/// A server's URL from the environment, when it is set and something listens at its address;
/// `start` is the script that starts one.
fn server(var: &str, default_port: u16, start: &str) -> Option<String> {
    let Ok(url) = std::env::var(var) else {
        println!("skipping: {var} is not set ({start} starts a server)");
        return None;
    };
    let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let address = if host_port.contains(':') {
        host_port.to_string()
    } else {
        format!("{host_port}:{default_port}")
    };
    let reachable = address
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok());
    if !reachable {
        println!("skipping: nothing answers at {var}={url}");
        return None;
    }
    Some(url)
}

/// `url` with its database replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let query = rest[end..].find('?').map_or("", |q| &rest[end + q..]);
    format!("{scheme}://{}/{database}{query}", &rest[..end])
}

/// A database of its own on the test server, dropped when the test ends.
struct Database {
    admin: String,
    name: String,
    url: String,
}

impl Database {
    /// `None` (after saying why) when the server does not let the test in.
    fn new(admin: &str, name: &str) -> Option<Database> {
        let mut client = match postgres::Client::connect(admin, NoTls) {
            Ok(c) => c,
            Err(e) => {
                println!("skipping: cannot connect to TACITUS_TEST_PG: {e}");
                return None;
            }
        };
        // One statement per call: neither may run in a transaction.
        for sql in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            client
                .batch_execute(&sql)
                .expect("a test database can be created");
        }
        Some(Database {
            admin: admin.to_string(),
            name: name.to_string(),
            url: with_database(admin, name),
        })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let dropped = postgres::Client::connect(&self.admin, NoTls).and_then(|mut c| {
            c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
        });
        if let Err(e) = dropped {
            eprintln!("could not drop the test database {}: {e}", self.name);
        }
    }
}

/// The work stream and its dead-letter stream of one test, deleted when the test ends.
struct Streams {
    nats: String,
    stream: String,
    subject: String,
    dead_subject: String,
    runtime: tokio::runtime::Runtime,
    js: jetstream::Context,
}

impl Streams {
    fn new(nats: &str, id: &str) -> Streams {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let js = runtime.block_on(async {
            jetstream::new(async_nats::connect(nats).await.expect("NATS connects"))
        });
        Streams {
            nats: nats.to_string(),
            stream: format!("TACITUS_TEST_{id}"),
            subject: format!("tacitus.test.{id}.documents"),
            dead_subject: format!("tacitus.test.{id}.dead"),
            runtime,
            js,
        }
    }

    /// The options that name this queue, for `queue push` and `worker`.
    fn args(&self) -> Vec<String> {
        [
            "--nats",
            &self.nats,
            "--stream",
            &self.stream,
            "--subject",
            &self.subject,
        ]
        .map(String::from)
        .to_vec()
    }

    /// Publishes `payload` as it is (not through `queue push`) and waits for the stream to have it.
    fn publish_raw(&self, payload: &'static [u8]) {
        self.runtime.block_on(async {
            self.js
                .publish(self.subject.clone(), payload.into())
                .await
                .unwrap()
                .await
                .unwrap();
        });
    }

    /// Messages still in the work stream, and the consumer's undelivered and unacknowledged ones.
    fn work_left(&self, consumer: &str) -> (u64, u64, usize) {
        self.runtime.block_on(async {
            let mut stream = self.js.get_stream(&self.stream).await.unwrap();
            let messages = stream.info().await.unwrap().state.messages;
            let mut consumer: consumer::PullConsumer = stream.get_consumer(consumer).await.unwrap();
            let info = consumer.info().await.unwrap();
            (messages, info.num_pending, info.num_ack_pending)
        })
    }

    /// Every dead letter: its payload and its `Tacitus-Reason` header.
    fn dead_letters(&self) -> Vec<(Vec<u8>, String)> {
        self.runtime.block_on(async {
            let mut stream = self
                .js
                .get_stream(format!("{}_DEAD", self.stream))
                .await
                .unwrap();
            let state = stream.info().await.unwrap().state.clone();
            let mut letters = Vec::new();
            for seq in state.first_sequence..state.first_sequence + state.messages {
                let m = stream.get_raw_message(seq).await.unwrap();
                let reason = m
                    .headers
                    .get("Tacitus-Reason")
                    .map(|v| v.as_str().to_string())
                    .unwrap_or_default();
                letters.push((m.payload.to_vec(), reason));
            }
            letters
        })
    }
}

impl Drop for Streams {
    fn drop(&mut self) {
        self.runtime.block_on(async {
            self.js.delete_stream(&self.stream).await.ok();
            self.js
                .delete_stream(format!("{}_DEAD", self.stream))
                .await
                .ok();
        });
    }
}

/// Worker processes, killed if the test ends before they do.
struct Workers(Vec<(Child, PathBuf)>);

impl Workers {
    /// Waits at most `limit` for worker `i` to end and returns its log (stderr).
    fn wait(&mut self, i: usize, limit: Duration) -> String {
        let (child, log) = &mut self.0[i];
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(
                start.elapsed() < limit,
                "worker {i} still running after {limit:?}: {}",
                std::fs::read_to_string(&*log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let text = std::fs::read_to_string(&*log).unwrap_or_default();
        assert!(status.success(), "worker {i} failed ({status}): {text}");
        text
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        for (child, _) in &mut self.0 {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tacitus-queue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::remove_file(&p).ok();
    std::fs::remove_file(p.with_extension("db.wal")).ok();
    p
}

/// The example corpus `copies` times over, each copy's texts (and so content hashes) distinct.
fn corpus(path: &Path, copies: usize) -> usize {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/news.jsonl");
    let docs: Vec<Value> = std::fs::read_to_string(example)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = String::new();
    for i in 0..copies {
        for doc in &docs {
            let mut doc = doc.clone();
            doc["id"] = format!("{}-q{i}", doc["id"].as_str().unwrap()).into();
            doc["text"] = format!("{} (Dispatch {i}.)", doc["text"].as_str().unwrap()).into();
            out.push_str(&format!("{doc}\n"));
        }
    }
    std::fs::write(path, out).unwrap();
    docs.len() * copies
}

/// A name unique to this run, usable in stream, subject and database names.
fn run_id(test: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{test}_{}_{nanos}", std::process::id())
}

/// Every event of a store, as its document, sentence and event id, sorted.
fn event_keys(store: &mut dyn Store) -> Vec<Vec<Value>> {
    store
        .query("SELECT doc_id, sentence_index, event_id FROM events ORDER BY 1, 2, 3")
        .unwrap()
        .rows
}

/// The number before `what` in a worker's summary line: " redeliveries" in "…, 3 redeliveries"
/// is 3.
fn summary_count(log: &str, what: &str) -> u64 {
    let line = log
        .lines()
        .rfind(|l| l.starts_with("tacitus: worker:") && l.contains(" docs/s"))
        .unwrap_or_else(|| panic!("no summary line in: {log}"));
    let before = line.split(what).next().unwrap_or("");
    before
        .split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of {what:?} in {line:?}"))
}

#[test]
fn three_workers_one_killed_code_every_document_exactly_once() {
    let (Some(nats), Some(pg)) = (
        server("TACITUS_TEST_NATS", 4222, "scripts/start-nats"),
        server("TACITUS_TEST_PG", 5432, "scripts/start-postgres"),
    ) else {
        return;
    };
    let started = Instant::now();
    let id = run_id("kill");
    let Some(database) = Database::new(&pg, &format!("tacitus_test_{id}")) else {
        return;
    };
    let queue = Streams::new(&nats, &id);

    let corpus_path = scratch("corpus.jsonl");
    let total = corpus(&corpus_path, 500);
    let corpus_path = corpus_path.to_str().unwrap();

    // The reference: one process, no queue.
    let reference = scratch("reference.db");
    tacitus_ok(&[
        "ingest",
        "--threads",
        "2",
        "--db",
        reference.to_str().unwrap(),
        corpus_path,
    ]);

    let mut push: Vec<String> = ["queue", "push"].map(String::from).to_vec();
    push.extend(queue.args());
    push.push(corpus_path.to_string());
    let push: Vec<&str> = push.iter().map(String::as_str).collect();
    let out = tacitus_ok(&push);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("pushed {total} documents")),
        "{said}"
    );
    // Pushed again: the server recognises every document by its content hash.
    let out = tacitus_ok(&push);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("pushed 0 documents") && said.contains(&format!("{total} already queued")),
        "{said}"
    );
    let bad: &[u8] = b"this is not a document";
    queue.publish_raw(bad);

    let mut worker: Vec<String> = ["worker"].map(String::from).to_vec();
    worker.extend(queue.args());
    worker.extend(
        [
            "--dead-subject",
            &queue.dead_subject,
            "--db",
            &database.url,
            "--consumer",
            "workers",
            "--batch",
            "32",
            "--threads",
            "1",
            "--ack-wait",
            "3",
            "--exit-when-idle",
            "3",
        ]
        .map(String::from),
    );
    let mut workers = Workers(
        (0..3)
            .map(|i| {
                let log = scratch(&format!("worker-{i}.log"));
                let child = Command::new(env!("CARGO_BIN_EXE_tacitus"))
                    .args(&worker)
                    .stdout(Stdio::null())
                    .stderr(std::fs::File::create(&log).unwrap())
                    .spawn()
                    .unwrap();
                (child, log)
            })
            .collect(),
    );

    // SIGKILL worker 0 once a quarter of the corpus is stored, while the queue is far from
    // drained: the messages it holds must come back to the others.
    let mut store = open_store(&database.url).unwrap();
    let stored_at_kill = loop {
        let (documents, _) = store.counts().unwrap();
        if documents >= total as u64 / 4 {
            break documents;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the workers stored only {documents} documents"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    workers.0[0].0.kill().unwrap();
    workers.0[0].0.wait().unwrap();
    assert!(
        stored_at_kill < total as u64,
        "the corpus was stored before the kill"
    );
    let logs: Vec<String> = (1..3)
        .map(|i| workers.wait(i, Duration::from_secs(60)))
        .collect();
    for log in &logs {
        println!("{}", log.trim_end());
    }
    println!("worker 0 killed with {stored_at_kill} of {total} documents stored");
    let redelivered: u64 = logs.iter().map(|l| summary_count(l, " redeliveries")).sum();
    assert!(
        redelivered > 0,
        "the killed worker's messages were not delivered again"
    );

    // Every document once, with exactly the events of the single-process ingest.
    let mut reference = open_store(reference.to_str().unwrap()).unwrap();
    let (documents, events) = store.counts().unwrap();
    assert_eq!(documents, total as u64);
    assert_eq!((documents, events), reference.counts().unwrap());
    let distinct = store
        .query("SELECT count(DISTINCT doc_id) AS n FROM documents")
        .unwrap();
    assert_eq!(distinct.rows[0][0], Value::from(total as u64));
    assert_eq!(event_keys(&mut *store), event_keys(&mut *reference));

    // The queue is empty, and the bad message is a dead letter with its reason.
    assert_eq!(queue.work_left("workers"), (0, 0, 0));
    let dead = queue.dead_letters();
    assert_eq!(dead.len(), 1, "{dead:?}");
    assert_eq!(dead[0].0, bad);
    assert!(
        dead[0].1.contains("not a tacitus document"),
        "{}",
        dead[0].1
    );
    println!(
        "{total} documents through the queue in {:.1?}",
        started.elapsed()
    );
}

#[test]
fn a_message_delivered_too_often_goes_to_the_dead_letters() {
    let Some(nats) = server("TACITUS_TEST_NATS", 4222, "scripts/start-nats") else {
        return;
    };
    let id = run_id("redeliver");
    let queue = Streams::new(&nats, &id);
    let corpus_path = scratch("one.jsonl");
    std::fs::write(
        &corpus_path,
        "{\"id\":\"poison\",\"text\":\"Russia condemned Ukraine.\"}\n",
    )
    .unwrap();
    let mut push: Vec<String> = ["queue", "push"].map(String::from).to_vec();
    push.extend(queue.args());
    push.push(corpus_path.to_str().unwrap().to_string());
    tacitus_ok(&push.iter().map(String::as_str).collect::<Vec<_>>());

    // A consumer as `tacitus worker --max-deliver 2 --ack-wait 1` makes it, and two deliveries
    // that are never acknowledged, as if two workers had died on the message.
    queue.runtime.block_on(async {
        let stream = queue.js.get_stream(&queue.stream).await.unwrap();
        let consumer: consumer::PullConsumer = stream
            .create_consumer(consumer::pull::Config {
                durable_name: Some("workers".into()),
                ack_policy: consumer::AckPolicy::Explicit,
                ack_wait: Duration::from_secs(1),
                max_deliver: 3,
                ..Default::default()
            })
            .await
            .unwrap();
        for _ in 0..2 {
            let mut batch = consumer
                .batch()
                .max_messages(1)
                .expires(Duration::from_secs(3))
                .messages()
                .await
                .unwrap();
            assert!(batch.next().await.is_some(), "the message is delivered");
            tokio::time::sleep(Duration::from_millis(1100)).await;
        }
    });
    let db = scratch("redeliver.db");
    let mut worker: Vec<String> = ["worker"].map(String::from).to_vec();
    worker.extend(queue.args());
    worker.extend(
        [
            "--dead-subject",
            &queue.dead_subject,
            "--db",
            db.to_str().unwrap(),
            "--consumer",
            "workers",
            "--exit-when-idle",
            "1",
        ]
        .map(String::from),
    );
    let out = tacitus_ok(&worker.iter().map(String::as_str).collect::<Vec<_>>());
    let log = String::from_utf8_lossy(&out.stderr);
    assert_eq!(summary_count(&log, " dead-lettered"), 1, "{log}");
    let dead = queue.dead_letters();
    assert_eq!(dead.len(), 1, "{dead:?}");
    assert!(dead[0].1.contains("delivered 2 times"), "{}", dead[0].1);
    let letter: Value = serde_json::from_slice(&dead[0].0).unwrap();
    assert_eq!(letter["id"], "poison");
    assert_eq!(queue.work_left("workers"), (0, 0, 0));
    let mut store = open_store(db.to_str().unwrap()).unwrap();
    assert_eq!(store.counts().unwrap(), (0, 0));
}
