//! Bounded, seeded fuzzing of every input parser through the one entry point users have: random
//! bytes and mutated fixtures (HTML pages, feeds, WARC records, JSONL, gzip) must give documents
//! or errors that name the input, never a panic or a hang. CI runs it on every test run.

use std::io::{Cursor, Write};

use tacitus_ingest::{DocumentReader, TxtOptions};

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn fixture(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn warc_record(html: &[u8]) -> Vec<u8> {
    let http = [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".as_slice(),
        html,
    ]
    .concat();
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\nWARC-Date: 2022-02-26T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(&http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Flips, deletes, duplicates and truncates at random.
fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        if v.is_empty() {
            break;
        }
        let i = rng.below(v.len());
        match rng.below(4) {
            0 => v[i] = rng.next() as u8,
            1 => {
                v.remove(i);
            }
            2 => {
                let end = (i + rng.below(64)).min(v.len());
                let chunk = v[i..end].to_vec();
                v.splice(i..i, chunk);
            }
            _ => v.truncate(i),
        }
    }
    v
}

#[test]
fn parsers_never_panic_on_mutated_inputs() {
    let page = fixture("pages/news.html");
    let seeds: Vec<Vec<u8>> = vec![
        page.clone(),
        fixture("pages/amp.html"),
        fixture("feeds/rss2.xml"),
        fixture("feeds/atom.xml"),
        fixture("feeds/jsonfeed.json"),
        fixture("feeds/subscriptions.opml"),
        warc_record(&page),
        gzip(&warc_record(&page)),
        b"{\"id\": \"a\", \"text\": \"Russia attacked Ukraine.\"}\n{\"id\": \"b\", \"html\": \"<p>Kazakhstan denied.</p>\"}\n".to_vec(),
        gzip(b"{\"id\": \"g\", \"text\": \"zipped\"}\n"),
    ];
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for n in 0..600 {
        let seed = &seeds[n % seeds.len()];
        let input = if n % 10 == 9 {
            (0..rng.below(4096)).map(|_| rng.next() as u8).collect()
        } else {
            mutate(&mut rng, seed)
        };
        let name = format!("fuzz-{n}");
        let reader = DocumentReader::from_reader(
            name.clone(),
            name.clone(),
            Cursor::new(input),
            TxtOptions::default(),
        );
        for item in reader.take(10_000) {
            if let Err(e) = item {
                assert!(
                    e.to_string().contains(&name),
                    "errors name their input: {e}"
                );
            }
        }
    }
}
