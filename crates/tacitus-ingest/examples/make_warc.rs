//! Synthetic CC-NEWS-like WARC.gz archives for tests and benchmarks, and a reader benchmark.
//!
//! ```text
//! make_warc N_MB OUT.warc.gz        write about N MB (compressed) of generated news pages
//! make_warc --read IN [--extract]   stream IN (.warc or .warc.gz) through the WARC reader and
//!                                   print docs, docs/s and MB/s; --extract runs the crate's
//!                                   Readability extraction on each page (default: tag stripping)
//! make_warc --jsonl IN              print the documents as tacitus JSONL (id, url, text, ...)
//! ```
//!
//! The archive looks like a CC-NEWS file: a `warcinfo` record, then per page a `request` and a
//! `response` record, each in its own gzip member. Pages vary in size and boilerplate, some are
//! windows-1252, some gzip content-encoded or chunked, and a few responses are not HTML (images,
//! redirects), so every path of the reader is exercised. Sentences pair countries with event
//! verbs so that the coder finds events. Output is deterministic. Never commit generated archives.

use std::fs::File;

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;
use tacitus_ingest::warc;

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use tacitus_ingest::html;
use tacitus_model::Document;

const COUNTRIES: &[(&str, &str)] = &[
    ("Russia", "Moscow"),
    ("Ukraine", "Kyiv"),
    ("China", "Beijing"),
    ("Japan", "Tokyo"),
    ("India", "New Delhi"),
    ("Pakistan", "Islamabad"),
    ("Iran", "Tehran"),
    ("Israel", "Jerusalem"),
    ("Egypt", "Cairo"),
    ("Turkey", "Ankara"),
    ("Germany", "Berlin"),
    ("France", "Paris"),
    ("the United States", "Washington"),
    ("the United Kingdom", "London"),
    ("Brazil", "Brasilia"),
    ("Argentina", "Buenos Aires"),
    ("Mexico", "Mexico City"),
    ("Nigeria", "Abuja"),
    ("Kenya", "Nairobi"),
    ("Ethiopia", "Addis Ababa"),
    ("South Africa", "Pretoria"),
    ("Saudi Arabia", "Riyadh"),
    ("Qatar", "Doha"),
    ("Syria", "Damascus"),
    ("Iraq", "Baghdad"),
    ("North Korea", "Pyongyang"),
    ("South Korea", "Seoul"),
    ("Venezuela", "Caracas"),
    ("Colombia", "Bogota"),
    ("Poland", "Warsaw"),
];

const VERBS: &[&str] = &[
    "accused",
    "condemned",
    "praised",
    "threatened",
    "met with",
    "signed an agreement with",
    "imposed sanctions on",
    "expelled diplomats from",
    "called for talks with",
    "sent humanitarian aid to",
    "criticized",
    "attacked",
    "thanked",
    "rejected a proposal from",
    "agreed to cooperate with",
    "warned",
    "hosted the foreign minister of",
    "denied allegations by",
    "apologized to",
    "deployed troops near the border with",
];

const ACTORS: &[&str] = &[
    "The president of",
    "The foreign minister of",
    "The government of",
    "Officials in",
    "The military of",
    "Police in",
    "Protesters in",
    "The prime minister of",
];

const FILLER: &[&str] = &[
    "Analysts said the move could reshape relations in the region.",
    "The statement came after weeks of tension.",
    "Markets reacted calmly to the news on Tuesday.",
    "A spokesperson declined to comment further.",
    "The talks are expected to continue next month.",
    "Local media reported that hundreds gathered in the capital.",
    "Observers described the meeting as constructive.",
    "The ministry published the full text of the agreement later that day.",
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn sentence(rng: &mut Rng) -> String {
    let (a, _) = rng.pick(COUNTRIES);
    let (b, city) = loop {
        let c = rng.pick(COUNTRIES);
        if c.0 != *a {
            break c;
        }
    };
    let actor = rng.pick(ACTORS);
    let verb = rng.pick(VERBS);
    let day = rng.pick(WEEKDAYS);
    match rng.below(3) {
        0 => format!("{actor} {a} {verb} {b} on {day}, officials in {city} said."),
        1 => format!("On {day}, {a} {verb} {b}, according to a statement."),
        _ => format!("{a} {verb} {b} on {day}."),
    }
}

/// One news page; `latin` adds accented names (for windows-1252 pages).
fn news_page(rng: &mut Rng, i: u64, latin: bool) -> String {
    let title = sentence(rng);
    let mut p = String::with_capacity(32 << 10);
    p.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    p.push_str(&format!("<title>{}</title>", title.trim_end_matches('.')));
    p.push_str("<meta property=\"article:published_time\" content=\"2024-03-05T08:00:00Z\">");
    p.push_str("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>");
    p.push_str("<style>body{font-family:sans-serif}.nav a{margin:0 4px}</style></head><body>");
    // Real news pages carry tens of KB of inline scripts and state: pseudo-random, so that the
    // archive compresses like a real one.
    p.push_str("<script>window.__STATE__={\"items\":[");
    for k in 0..(100 + rng.below(600)) {
        p.push_str(&format!(
            "{{\"id\":\"{:016x}\",\"slot\":{k},\"w\":{}}},",
            rng.next(),
            rng.below(1000)
        ));
    }
    p.push_str("null]};</script>");
    p.push_str("<nav class=\"nav\">");
    for k in 0..(10 + rng.below(30)) {
        p.push_str(&format!("<a href=\"/section/{k}\">Section {k}</a>"));
    }
    p.push_str("</nav><main><article>");
    p.push_str(&format!(
        "<h1>{title}</h1><p class=\"byline\">By Staff Reporter {i}</p>"
    ));
    for _ in 0..(4 + rng.below(12)) {
        p.push_str("<p>");
        for _ in 0..(2 + rng.below(4)) {
            if rng.below(3) == 0 {
                let filler: &&str = rng.pick(FILLER);
                p.push_str(filler);
            } else {
                p.push_str(&sentence(rng));
            }
            p.push(' ');
        }
        if latin {
            p.push_str("Ministers from C\u{f4}te d'Ivoire and S\u{e3}o Tom\u{e9} also attended.");
        }
        p.push_str("</p>\n");
    }
    p.push_str("</article></main><footer>");
    for k in 0..(5 + rng.below(40)) {
        p.push_str(&format!(
            "<div class=\"promo\"><a href=\"/story/{k}\">Related story {k}</a></div>"
        ));
    }
    p.push_str("&copy; Example News</footer></body></html>\n");
    p
}

fn gz_member(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    let mut e = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::fast());
    e.write_all(bytes)?;
    out.write_all(&e.finish()?)
}

fn warc_record(
    kind: &str,
    uri: Option<&str>,
    id: u64,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-03-05T{:02}:{:02}:{:02}Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012x}>\r\n",
        (id / 3600) % 24,
        (id / 60) % 60,
        id % 60
    );
    if let Some(u) = uri {
        r.push_str(&format!("WARC-Target-URI: {u}\r\n"));
    }
    r.push_str(&format!(
        "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    ));
    let mut r = r.into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn generate(mb: u64, out_path: &str) -> std::io::Result<()> {
    let target = mb << 20;
    let file = File::create(out_path)?;
    let mut out = CountingWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        n: 0,
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    gz_member(
        &mut out,
        &warc_record(
            "warcinfo",
            None,
            0,
            "application/warc-fields",
            b"software: tacitus make_warc\r\nformat: WARC File Format 1.0\r\n",
        ),
    )?;
    let (mut pages, mut html_pages) = (0u64, 0u64);
    while out.n < target {
        pages += 1;
        let host = format!("news{}.example.com", rng.below(50));
        let uri = format!("https://{host}/2024/03/05/story-{pages}.html");
        let request = format!("GET /2024/03/05/story-{pages}.html HTTP/1.1\r\nHost: {host}\r\nUser-Agent: CCBot/2.0\r\n\r\n");
        gz_member(
            &mut out,
            &warc_record(
                "request",
                Some(&uri),
                pages * 2,
                "application/http; msgtype=request",
                request.as_bytes(),
            ),
        )?;
        let kind = rng.below(100);
        let mut headers = String::from("Server: nginx\r\nDate: Tue, 05 Mar 2024 08:00:00 GMT\r\n");
        let (status, body): (&str, Vec<u8>) = match kind {
            0..=2 => {
                headers.push_str("Content-Type: image/jpeg\r\n");
                ("200 OK", (0..20_000).map(|_| rng.next() as u8).collect())
            }
            3..=4 => {
                headers.push_str("Location: https://example.com/\r\nContent-Type: text/html\r\n");
                ("301 Moved Permanently", b"<html>Moved</html>".to_vec())
            }
            5..=14 => {
                html_pages += 1;
                headers.push_str("Content-Type: text/html; charset=windows-1252\r\n");
                let page = news_page(&mut rng, pages, true).replace("utf-8", "windows-1252");
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
                ("200 OK", bytes.into_owned())
            }
            15..=24 => {
                html_pages += 1;
                headers.push_str(
                    "Content-Type: text/html; charset=UTF-8\r\nContent-Encoding: gzip\r\n",
                );
                let mut e = GzEncoder::new(Vec::new(), Compression::fast());
                e.write_all(news_page(&mut rng, pages, false).as_bytes())?;
                ("200 OK", e.finish()?)
            }
            25..=29 => {
                html_pages += 1;
                headers.push_str("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n");
                let page = news_page(&mut rng, pages, false);
                let mut b = Vec::new();
                for c in page.as_bytes().chunks(4096) {
                    b.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
                    b.extend_from_slice(c);
                    b.extend_from_slice(b"\r\n");
                }
                b.extend_from_slice(b"0\r\n\r\n");
                ("200 OK", b)
            }
            _ => {
                html_pages += 1;
                headers.push_str("Content-Type: text/html; charset=utf-8\r\n");
                ("200 OK", news_page(&mut rng, pages, false).into_bytes())
            }
        };
        let mut block = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        block.extend_from_slice(&body);
        gz_member(
            &mut out,
            &warc_record(
                "response",
                Some(&uri),
                pages * 2 + 1,
                "application/http; msgtype=response",
                &block,
            ),
        )?;
    }
    out.inner.flush()?;
    eprintln!(
        "wrote {out_path}: {} bytes, {pages} pages ({html_pages} HTML 2xx)",
        out.n
    );
    Ok(())
}

struct CountingWriter<W> {
    inner: W,
    n: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Opens a `.warc` or `.warc.gz` (told apart by the gzip magic), checking it is a WARC file.
fn open(path: &str) -> std::io::Result<Box<dyn BufRead>> {
    let mut file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut reader: Box<dyn BufRead> = if file.fill_buf()?.starts_with(b"\x1f\x8b") {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(file)))
    } else {
        Box::new(file)
    };
    if !warc::looks_like_warc(reader.fill_buf()?) {
        return Err(std::io::Error::other(format!("{path}: not a WARC file")));
    }
    Ok(reader)
}

fn read(path: &str, extract: bool, jsonl: bool) -> std::io::Result<()> {
    let compressed = std::fs::metadata(path)?.len();
    let to_document = |page: &str, id: &str, url: Option<&str>| {
        let (text, title) = if extract {
            let ex = html::extract(page, url);
            (ex.text, ex.title)
        } else {
            (html::strip_tags(page), None)
        };
        Document {
            id: id.to_string(),
            text,
            url: url.map(str::to_string),
            title,
            ..Default::default()
        }
    };
    let start = Instant::now();
    let mut docs = warc::warc_documents(open(path)?, to_document);
    let (mut n, mut errors, mut text_bytes) = (0u64, 0u64, 0u64);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for item in docs.by_ref() {
        match item {
            Ok(d) => {
                n += 1;
                text_bytes += d.text.len() as u64;
                if jsonl {
                    let line = serde_json::json!({
                        "id": d.id, "url": d.url, "text": d.text, "published": d.published,
                    });
                    writeln!(out, "{line}")?;
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
        }
    }
    out.flush()?;
    let secs = start.elapsed().as_secs_f64();
    let raw = docs.offset();
    eprintln!(
        "{n} docs, {errors} errors, {} records in {secs:.2} s: {:.0} docs/s, {:.1} MB/s compressed \
         ({:.1} MB/s uncompressed, {:.1} MB of text)",
        docs.records(),
        n as f64 / secs,
        compressed as f64 / 1e6 / secs,
        raw as f64 / 1e6 / secs,
        text_bytes as f64 / 1e6,
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["--read", path] => read(path, false, false),
        ["--read", path, "--extract"] => read(path, true, false),
        ["--jsonl", path] => read(path, false, true),
        [mb, out] => match mb.parse::<u64>() {
            Ok(mb) => generate(mb, out),
            Err(_) => usage(),
        },
        _ => usage(),
    };
    if let Err(e) = result {
        eprintln!("make_warc: {e}");
        std::process::exit(1);
    }
}

fn usage() -> std::io::Result<()> {
    eprintln!("usage: make_warc N_MB OUT.warc.gz | make_warc --read IN [--extract] | make_warc --jsonl IN");
    std::process::exit(2);
}
