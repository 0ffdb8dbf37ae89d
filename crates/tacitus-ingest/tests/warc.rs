//! Tests of the WARC reader on hand-built archives, plain and gzipped.

use std::io::{BufReader, Cursor, Write};

use flate2::read::MultiGzDecoder;
use flate2::write::{GzEncoder, ZlibEncoder};
use flate2::Compression;
use tacitus_ingest::warc::{looks_like_warc, warc_documents};
use tacitus_model::Document;

/// A WARC record of `kind` with `block` as its content.
fn record(kind: &str, uri: Option<&str>, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-03-05T10:20:30Z\r\n\
         WARC-Record-ID: <urn:uuid:0000>\r\n"
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

/// An HTTP response with `headers` (`Name: value` lines) and `body`.
fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\n");
    for h in headers {
        r.push_str(h);
        r.push_str("\r\n");
    }
    r.push_str("\r\n");
    let mut r = r.into_bytes();
    r.extend_from_slice(body);
    r
}

fn response(uri: &str, status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    record(
        "response",
        Some(uri),
        "application/http; msgtype=response",
        &http(status, headers, body),
    )
}

fn page(text: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>T</title></head><body><p>{text}</p></body></html>")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn chunked(body: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for c in body.chunks(size) {
        out.extend_from_slice(format!("{:x};ext=1\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// A stand-in for the crate's HTML extraction: the raw page as text.
fn to_doc(html: &str, id: &str, url: Option<&str>) -> Document {
    Document {
        id: id.to_string(),
        text: html.to_string(),
        url: url.map(str::to_string),
        ..Default::default()
    }
}

fn read_all(bytes: &[u8]) -> Vec<Result<Document, String>> {
    warc_documents(Cursor::new(bytes), to_doc).collect()
}

/// Records of every kind the reader meets; returns them one by one so they can be gzipped
/// member by member.
fn mixed_records() -> Vec<Vec<u8>> {
    let latin1 =
        b"<html><body><p>Les ministres de C\xf4te d'Ivoire et du Br\xe9sil</p></body></html>";
    let utf8_meta_1252 = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>\x93Quoted\x94 \x80 price</p></body></html>";
    let gz_page = page("Russia accused Ukraine of shelling");
    let chunk_page = page("Germany signed an agreement with France");
    let mut deflate = ZlibEncoder::new(Vec::new(), Compression::default());
    deflate
        .write_all(page("Japan met with China").as_bytes())
        .unwrap();
    let deflate = deflate.finish().unwrap();
    vec![
        record(
            "warcinfo",
            None,
            "application/warc-fields",
            b"software: test\r\nformat: WARC File Format 1.0\r\n",
        ),
        record(
            "request",
            Some("https://a.example/1"),
            "application/http; msgtype=request",
            b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
        ),
        response(
            "https://a.example/1",
            "200 OK",
            &["Content-Type: text/html; charset=utf-8"],
            page("Iran condemned Israel \u{2014} caf\u{e9}").as_bytes(),
        ),
        record(
            "metadata",
            Some("https://a.example/1"),
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        response(
            "https://b.example/latin1",
            "200 OK",
            &["Content-Type: text/html; charset=ISO-8859-1"],
            latin1,
        ),
        response(
            "https://b.example/meta",
            "200 OK",
            &["Content-Type: text/html"],
            utf8_meta_1252,
        ),
        response(
            "https://c.example/gz",
            "200 OK",
            &["Content-Type: text/html", "Content-Encoding: gzip"],
            &gzip(gz_page.as_bytes()),
        ),
        response(
            "https://c.example/chunked",
            "200 OK",
            &[
                "Content-Type: text/html; charset=UTF-8",
                "Transfer-Encoding: chunked",
            ],
            &chunked(chunk_page.as_bytes(), 17),
        ),
        response(
            "https://c.example/chunked-gz",
            "200 OK",
            &[
                "Transfer-Encoding: chunked",
                "Content-Encoding: gzip",
                "Content-Type: text/html",
            ],
            &chunked(&gzip(page("Egypt mediated talks").as_bytes()), 10),
        ),
        response(
            "https://c.example/deflate",
            "200 OK",
            &["Content-Type: text/html", "Content-Encoding: deflate"],
            &deflate,
        ),
        // Common Crawl stores payloads decoded but may keep the header: taken as is.
        response(
            "https://c.example/stored-decoded",
            "200 OK",
            &["Content-Type: text/html", "Content-Encoding: gzip"],
            page("Turkey praised Qatar").as_bytes(),
        ),
        response(
            "https://d.example/logo.png",
            "200 OK",
            &["Content-Type: image/png"],
            b"\x89PNG\r\n\x1a\n\0\0\0binary",
        ),
        response(
            "https://d.example/data.json",
            "200 OK",
            &["Content-Type: application/json"],
            b"{\"a\":1}",
        ),
        response(
            "https://d.example/missing",
            "404 Not Found",
            &["Content-Type: text/html"],
            page("Not found").as_bytes(),
        ),
        response(
            "https://d.example/moved",
            "301 Moved Permanently",
            &["Location: https://d.example/", "Content-Type: text/html"],
            b"",
        ),
        // No Content-Type: sniffed.
        response(
            "https://e.example/sniffed",
            "200 OK",
            &[],
            page("India hosted Pakistan").as_bytes(),
        ),
        response(
            "https://e.example/no-type-binary",
            "200 OK",
            &[],
            b"\0\x01\x02 data",
        ),
    ]
}

fn check_mixed(docs: &[Result<Document, String>]) {
    let docs: Vec<&Document> = docs
        .iter()
        .map(|d| d.as_ref().expect("no errors in well-formed records"))
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://a.example/1",
            "https://b.example/latin1",
            "https://b.example/meta",
            "https://c.example/gz",
            "https://c.example/chunked",
            "https://c.example/chunked-gz",
            "https://c.example/deflate",
            "https://c.example/stored-decoded",
            "https://e.example/sniffed",
        ]
    );
    assert!(docs[0]
        .text
        .contains("Iran condemned Israel \u{2014} caf\u{e9}"));
    assert_eq!(docs[0].url.as_deref(), Some("https://a.example/1"));
    assert_eq!(docs[0].published.as_deref(), Some("2024-03-05T10:20:30Z"));
    assert!(docs[1]
        .text
        .contains("C\u{f4}te d'Ivoire et du Br\u{e9}sil"));
    assert!(docs[2]
        .text
        .contains("\u{201c}Quoted\u{201d} \u{20ac} price"));
    assert!(docs[3].text.contains("Russia accused Ukraine of shelling"));
    assert!(docs[4]
        .text
        .contains("Germany signed an agreement with France"));
    assert!(!docs[4].text.contains("ext=1"));
    assert!(docs[5].text.contains("Egypt mediated talks"));
    assert!(docs[6].text.contains("Japan met with China"));
    assert!(docs[7].text.contains("Turkey praised Qatar"));
    assert!(docs[8].text.contains("India hosted Pakistan"));
}

#[test]
fn mixed_records_plain() {
    let bytes: Vec<u8> = mixed_records().concat();
    assert!(looks_like_warc(&bytes));
    check_mixed(&read_all(&bytes));
}

#[test]
fn mixed_records_gzip_members_through_multigz() {
    let gz: Vec<u8> = mixed_records().iter().flat_map(|r| gzip(r)).collect();
    assert!(!looks_like_warc(&gz));
    let reader = BufReader::new(MultiGzDecoder::new(Cursor::new(gz)));
    let mut it = warc_documents(reader, to_doc);
    let docs: Vec<_> = it.by_ref().collect();
    check_mixed(&docs);
    assert_eq!(it.records(), mixed_records().len() as u64);
}

#[test]
fn page_metadata_date_wins_over_warc_date() {
    let bytes = response(
        "https://a.example/x",
        "200 OK",
        &["Content-Type: text/html"],
        page("x").as_bytes(),
    );
    let docs: Vec<_> = warc_documents(Cursor::new(bytes), |h: &str, id: &str, _u: Option<&str>| {
        Document {
            id: id.into(),
            text: h.into(),
            published: Some("2020-01-02".into()),
            ..Default::default()
        }
    })
    .collect();
    let d = docs[0].as_ref().unwrap();
    assert_eq!(d.published.as_deref(), Some("2020-01-02"));
    assert_eq!(d.url.as_deref(), Some("https://a.example/x"));
}

#[test]
fn truncated_warc_gz_yields_earlier_documents_then_one_error() {
    let members: Vec<Vec<u8>> = (0..4)
        .map(|i| {
            gzip(&response(
                &format!("https://t.example/{i}"),
                "200 OK",
                &["Content-Type: text/html"],
                page(&format!("Story number {i} about Kenya and Somalia")).as_bytes(),
            ))
        })
        .collect();
    let mut gz: Vec<u8> = members[..2].concat();
    gz.extend_from_slice(&members[2][..members[2].len() / 2]);
    let reader = BufReader::new(MultiGzDecoder::new(Cursor::new(gz)));
    let mut it = warc_documents(reader, to_doc);
    let items: Vec<_> = it.by_ref().collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(it.offset() > 0);
    assert_eq!(items[0].as_ref().unwrap().id, "https://t.example/0");
    assert_eq!(items[1].as_ref().unwrap().id, "https://t.example/1");
    let e = items[2].as_ref().unwrap_err();
    assert!(e.starts_with("WARC record 3 at byte "), "{e}");
    assert!(e.contains("truncated"), "{e}");
}

#[test]
fn truncated_plain_warc_in_payload_and_in_headers() {
    let a = response(
        "https://t.example/a",
        "200 OK",
        &["Content-Type: text/html"],
        page("first").as_bytes(),
    );
    let b = response(
        "https://t.example/b",
        "200 OK",
        &["Content-Type: text/html"],
        page("second").as_bytes(),
    );
    for cut in [b.len() - 20, 30] {
        let mut bytes = a.clone();
        bytes.extend_from_slice(&b[..cut]);
        let items = read_all(&bytes);
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(
            e.split(':').next().unwrap(),
            format!("WARC record 2 at byte {}", a.len())
        );
        assert!(e.contains("truncated"), "{e}");
    }
}

#[test]
fn corrupt_headers_are_reported_and_reading_goes_on() {
    let good = |i: u32| {
        response(
            &format!("https://g.example/{i}"),
            "200 OK",
            &["Content-Type: text/html"],
            page(&format!("good {i}")).as_bytes(),
        )
    };
    let mut bytes = good(1);
    let bad_version_at = bytes.len();
    bytes.extend_from_slice(
        b"WARX/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n",
    );
    bytes.extend_from_slice(&good(2));
    let no_colon_at = bytes.len();
    bytes.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n",
    );
    bytes.extend_from_slice(&good(3));
    let bad_len_at = bytes.len();
    bytes.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nhello\r\n\r\n",
    );
    bytes.extend_from_slice(&good(4));
    let bad_http_at = bytes.len();
    bytes.extend_from_slice(&record(
        "response",
        Some("https://g.example/bad-http"),
        "application/http; msgtype=response",
        b"garbage status\r\n\r\n<html>x</html>",
    ));
    bytes.extend_from_slice(&good(5));

    let items = read_all(&bytes);
    let summary: Vec<String> = items
        .iter()
        .map(|i| match i {
            Ok(d) => d.id.clone(),
            Err(e) => e.clone(),
        })
        .collect();
    assert_eq!(summary.len(), 9, "{summary:#?}");
    assert_eq!(summary[0], "https://g.example/1");
    assert_eq!(
        summary[1],
        format!(
            "WARC record 2 at byte {bad_version_at}: expected a WARC version line, found \"WARX/1.0\""
        )
    );
    assert_eq!(summary[2], "https://g.example/2");
    assert!(
        summary[3].starts_with(&format!(
            "WARC record 4 at byte {no_colon_at}: WARC header without a colon"
        )),
        "{}",
        summary[3]
    );
    assert_eq!(summary[4], "https://g.example/3");
    assert_eq!(
        summary[5],
        format!("WARC record 6 at byte {bad_len_at}: invalid Content-Length")
    );
    assert_eq!(summary[6], "https://g.example/4");
    assert!(
        summary[7].starts_with(&format!(
            "WARC record 8 at byte {bad_http_at}: invalid HTTP status line"
        )),
        "{}",
        summary[7]
    );
    assert_eq!(summary[8], "https://g.example/5");
}

#[test]
fn over_cap_records_are_skipped_with_an_error() {
    let big = page(&"Brazil and Argentina held talks. ".repeat(200));
    let bomb = gzip(&vec![b' '; 100_000]);
    let mut bytes = response(
        "https://big.example/1",
        "200 OK",
        &["Content-Type: text/html"],
        big.as_bytes(),
    );
    bytes.extend(response(
        "https://big.example/bomb",
        "200 OK",
        &["Content-Type: text/html", "Content-Encoding: gzip"],
        &bomb,
    ));
    // A big non-HTML record is skipped silently, whatever the cap.
    bytes.extend(response(
        "https://big.example/video",
        "200 OK",
        &["Content-Type: video/mp4"],
        &vec![0u8; 50_000],
    ));
    bytes.extend(response(
        "https://big.example/small",
        "200 OK",
        &["Content-Type: text/html"],
        page("Chile thanked Peru").as_bytes(),
    ));
    let items: Vec<_> = warc_documents(Cursor::new(bytes), to_doc)
        .with_max_record(4096)
        .collect();
    assert_eq!(items.len(), 3, "{items:?}");
    let e = items[0].as_ref().unwrap_err();
    assert!(
        e.starts_with("WARC record 1 at byte 0: HTML payload of "),
        "{e}"
    );
    assert!(e.contains("exceeds the 4096-byte cap"), "{e}");
    let e = items[1].as_ref().unwrap_err();
    assert!(e.starts_with("WARC record 2 at byte "), "{e}");
    assert!(
        e.contains("decoded gzip body exceeds the 4096-byte cap"),
        "{e}"
    );
    assert_eq!(items[2].as_ref().unwrap().id, "https://big.example/small");
}

#[test]
fn corrupt_gzip_body_is_an_error_for_that_record_only() {
    let mut bad = gzip(page("x").as_bytes());
    let mid = bad.len() / 2;
    bad[mid..].fill(0xAA);
    let mut bytes = response(
        "https://z.example/bad",
        "200 OK",
        &["Content-Type: text/html", "Content-Encoding: gzip"],
        &bad,
    );
    bytes.extend(response(
        "https://z.example/ok",
        "200 OK",
        &["Content-Type: text/html"],
        page("fine").as_bytes(),
    ));
    let items = read_all(&bytes);
    assert_eq!(items.len(), 2);
    assert!(items[0].as_ref().unwrap_err().contains("invalid gzip body"));
    assert_eq!(items[1].as_ref().unwrap().id, "https://z.example/ok");
}

#[test]
fn warc_1_1_lf_only_and_empty_input() {
    let body = http(
        "200 OK",
        &["Content-Type: text/html"],
        page("Peru").as_bytes(),
    );
    let mut bytes = format!(
        "WARC/1.1\nWARC-Type: response\nWARC-Target-URI: https://lf.example/\n\
         WARC-Date: 2024-03-05T10:20:30.123456Z\nContent-Length: {}\n\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(&body);
    assert!(looks_like_warc(&bytes));
    let items = read_all(&bytes);
    assert_eq!(items.len(), 1);
    let d = items[0].as_ref().unwrap();
    assert_eq!(d.published.as_deref(), Some("2024-03-05T10:20:30.123456Z"));
    assert!(read_all(b"").is_empty());
    assert!(read_all(b"\r\n\r\n").is_empty());
    assert!(!looks_like_warc(b"WARC/0.9"));
    assert!(!looks_like_warc(b"{\"id\":1}"));
}

#[test]
fn garbage_input_gives_one_error() {
    let items = read_all(b"this is not a warc file\nat all\n");
    assert_eq!(items.len(), 1);
    assert!(items[0]
        .as_ref()
        .unwrap_err()
        .starts_with("WARC record 1 at byte 0: expected a WARC version line"));
}
