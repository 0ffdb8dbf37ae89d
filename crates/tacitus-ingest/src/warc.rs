//! Documents from WARC archives (Common Crawl CC-NEWS and the like), streamed with flat memory.
//!
//! [`warc_documents`] reads an uncompressed WARC stream (WARC/1.0 or WARC/1.1; the caller wraps
//! a `.warc.gz` in `flate2::read::MultiGzDecoder`, since such a file is a series of gzip members)
//! and yields one [`Document`] per `response` record whose HTTP payload is an HTML page:
//!
//! - the record block is parsed as an HTTP response; only `2xx` statuses are kept;
//! - the body is decoded: `Transfer-Encoding: chunked`, then `Content-Encoding` `gzip`/`deflate`
//!   (a body that does not carry the codec's magic bytes is taken as already decoded, as crawlers
//!   such as Common Crawl's store decoded payloads);
//! - the charset comes from the HTTP `Content-Type`, else a byte-order mark, else a
//!   `<meta charset>` / `<meta http-equiv>` in the first 4 KiB, else UTF-8; decoding uses
//!   `encoding_rs` (WHATWG labels, so `iso-8859-1` is windows-1252) and replaces bad bytes;
//! - the page becomes a document through the caller's `to_document(html, source_id, url)`, with
//!   `WARC-Target-URI` as both id and URL; `WARC-Date` fills `published` when the page gave none.
//!
//! Other records (`warcinfo`, `request`, `metadata`, ...), non-HTML payloads and non-2xx
//! responses are skipped silently, without being buffered. Only an HTML payload is held in memory,
//! and only up to a cap ([`MAX_RECORD_BYTES`] by default, also applied to the decompressed body):
//! a bigger one is skipped with an error, so memory stays flat however large the archive.
//!
//! A malformed record yields one `Err` naming the record number and its byte offset in the
//! (decompressed) stream; reading then goes on at the next line that starts with `WARC/`. A
//! stream that ends inside a record (a truncated download), or that fails to read (a corrupt gzip
//! member), yields one `Err` and ends.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use encoding_rs::{Encoding, UTF_8};
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use tacitus_model::Document;

/// Largest HTML payload (and decoded body) held in memory: 32 MiB. Larger ones are skipped.
pub const MAX_RECORD_BYTES: u64 = 32 << 20;
/// Longest WARC or HTTP header line.
const MAX_HEADER_LINE: u64 = 64 << 10;
/// Largest WARC or HTTP header block.
const MAX_HEADER_BYTES: usize = 1 << 20;
/// Buffers grown past this by a large page are shrunk back after it.
const KEEP_CAPACITY: usize = 4 << 20;

/// True when the bytes start a WARC file (`WARC/1.0` or `WARC/1.1`).
pub fn looks_like_warc(prefix: &[u8]) -> bool {
    prefix.starts_with(b"WARC/1.0") || prefix.starts_with(b"WARC/1.1")
}

/// Streams HTML `response` records as documents; see the module docs.
pub fn warc_documents<R, F>(reader: R, to_document: F) -> WarcDocuments<R, F>
where
    R: BufRead,
    F: FnMut(&str, &str, Option<&str>) -> Document,
{
    WarcDocuments {
        input: Counted {
            inner: reader,
            pos: 0,
        },
        to_document,
        max_record: MAX_RECORD_BYTES,
        records: 0,
        resync: false,
        done: false,
        line: Vec::new(),
        body: Vec::new(),
        scratch: Vec::new(),
    }
}

/// Streams `response` records whose HTTP payload is HTML: decodes the HTTP body (chunked,
/// gzip/deflate content-encoding), the charset (HTTP header or `<meta charset>`, via
/// `encoding_rs`), and turns the page into a Document with `to_document(html, source_id, url)`;
/// `WARC-Target-URI` is the url and id, `WARC-Date` the fallback published date. Non-HTML and
/// non-response records are skipped silently; a malformed record yields one `Err(String)` naming
/// the record number and byte offset, and reading goes on if the stream allows (a truncated file
/// ends with one `Err`).
pub struct WarcDocuments<R, F> {
    input: Counted<R>,
    to_document: F,
    max_record: u64,
    /// Records started so far; the current record's 1-based number.
    records: u64,
    /// After a malformed header: skip lines until one starts with `WARC/`.
    resync: bool,
    done: bool,
    line: Vec<u8>,
    body: Vec<u8>,
    scratch: Vec<u8>,
}

impl<R, F> WarcDocuments<R, F> {
    /// Sets the largest HTML payload held in memory (default [`MAX_RECORD_BYTES`]).
    pub fn with_max_record(mut self, bytes: u64) -> Self {
        self.max_record = bytes.max(1);
        self
    }

    /// WARC records seen so far, of every type.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Bytes of the (decompressed) stream consumed so far.
    pub fn offset(&self) -> u64 {
        self.input.pos
    }
}

impl<R, F> Iterator for WarcDocuments<R, F>
where
    R: BufRead,
    F: FnMut(&str, &str, Option<&str>) -> Document,
{
    type Item = Result<Document, String>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let item = self.step();
            if self.body.capacity() > KEEP_CAPACITY {
                self.body = Vec::new();
            }
            if self.scratch.capacity() > KEEP_CAPACITY {
                self.scratch = Vec::new();
            }
            if item.is_some() {
                return item;
            }
        }
        None
    }
}

/// The WARC headers tacitus uses.
#[derive(Default)]
struct WarcHeaders {
    kind: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    content_length: Option<String>,
}

/// The HTTP headers tacitus uses.
#[derive(Default)]
struct HttpHeaders {
    content_type: Option<String>,
    content_encoding: Option<String>,
    transfer_encoding: Option<String>,
}

impl<R, F> WarcDocuments<R, F>
where
    R: BufRead,
    F: FnMut(&str, &str, Option<&str>) -> Document,
{
    /// Reads one record: `Some` to yield, `None` when it was skipped (or the stream ended, which
    /// sets `done`).
    fn step(&mut self) -> Option<Result<Document, String>> {
        // The version line, past blank lines (the CRLF CRLF ending the previous record).
        let start = loop {
            let start = self.input.pos;
            let line = match read_line(&mut self.input, &mut self.line) {
                Ok(l) => l,
                Err(e) => return self.fatal(self.records + 1, start, &io_reason(&e)),
            };
            match line {
                Line::Eof => {
                    self.done = true;
                    return None;
                }
                Line::TooLong => {
                    if let Err(e) = skip_line(&mut self.input) {
                        return self.fatal(self.records + 1, start, &io_reason(&e));
                    }
                    if !self.resync {
                        self.records += 1;
                        self.resync = true;
                        return Some(Err(msg(
                            self.records,
                            start,
                            "expected a WARC version line, found a very long line",
                        )));
                    }
                }
                Line::Full => {
                    let l = trim_eol(&self.line);
                    if l.is_empty() {
                        continue;
                    }
                    if l.starts_with(b"WARC/") {
                        self.resync = false;
                        break start;
                    }
                    if !self.resync {
                        self.records += 1;
                        self.resync = true;
                        let shown = String::from_utf8_lossy(&l[..l.len().min(40)]).into_owned();
                        return Some(Err(msg(
                            self.records,
                            start,
                            &format!("expected a WARC version line, found {shown:?}"),
                        )));
                    }
                }
            }
        };
        self.records += 1;
        let n = self.records;

        let mut h = WarcHeaders::default();
        let mut total = 0usize;
        loop {
            let line = match read_line(&mut self.input, &mut self.line) {
                Ok(l) => l,
                Err(e) => return self.fatal(n, start, &io_reason(&e)),
            };
            match line {
                Line::Eof => return self.fatal(n, start, "truncated in the WARC headers"),
                Line::TooLong => return self.resync_err(n, start, "WARC header line too long"),
                Line::Full => {}
            }
            total += self.line.len();
            if total > MAX_HEADER_BYTES {
                return self.resync_err(n, start, "WARC headers too long");
            }
            let l = trim_eol(&self.line);
            if l.is_empty() {
                break;
            }
            if l[0] == b' ' || l[0] == b'\t' {
                continue; // a folded continuation of a header tacitus does not use
            }
            let Some((name, value)) = split_header(l) else {
                let shown = String::from_utf8_lossy(&l[..l.len().min(40)]).into_owned();
                return self.resync_err(
                    n,
                    start,
                    &format!("WARC header without a colon: {shown:?}"),
                );
            };
            let slot = match name {
                _ if name.eq_ignore_ascii_case("WARC-Type") => &mut h.kind,
                _ if name.eq_ignore_ascii_case("WARC-Target-URI") => &mut h.target_uri,
                _ if name.eq_ignore_ascii_case("WARC-Date") => &mut h.date,
                _ if name.eq_ignore_ascii_case("Content-Type") => &mut h.content_type,
                _ if name.eq_ignore_ascii_case("Content-Length") => &mut h.content_length,
                _ => continue,
            };
            *slot = Some(value);
        }
        let len = match h.content_length.as_deref().map(str::parse::<u64>) {
            Some(Ok(len)) => len,
            Some(Err(_)) => return self.resync_err(n, start, "invalid Content-Length"),
            None => return self.resync_err(n, start, "no Content-Length"),
        };

        let is_response = h
            .kind
            .as_deref()
            .is_some_and(|k| k.eq_ignore_ascii_case("response"));
        let is_http = h
            .content_type
            .as_deref()
            .is_none_or(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !(is_response && is_http) {
            return self.skip_block(n, start, len);
        }
        match self.read_response(n, start, len) {
            Ok(None) => None,
            Ok(Some(html)) => {
                let Some(uri) = h.target_uri.as_deref() else {
                    return Some(Err(msg(n, start, "response without WARC-Target-URI")));
                };
                let mut doc = (self.to_document)(&html, uri, Some(uri));
                if doc.id.is_empty() {
                    doc.id = uri.to_string();
                }
                if doc.url.is_none() {
                    doc.url = Some(uri.to_string());
                }
                if doc.published.is_none() {
                    doc.published = h.date.as_deref().and_then(warc_date);
                }
                Some(Ok(doc))
            }
            Err(e) => Some(Err(e)),
        }
    }

    /// Reads an HTTP response block of `len` bytes: `Ok(Some(html))` for a 2xx HTML page,
    /// `Ok(None)` for anything to skip silently. Leaves the stream at the block's end (or sets
    /// `done` if it ended early).
    fn read_response(&mut self, n: u64, start: u64, len: u64) -> Result<Option<String>, String> {
        let mut block = (&mut self.input).take(len);
        let mut http = HttpHeaders::default();
        let mut status_line = true;
        let mut ok_status = false;
        let mut total = 0usize;
        let header_err = loop {
            let line = match read_line(&mut block, &mut self.line) {
                Ok(l) => l,
                Err(e) => break Some(io_reason(&e)),
            };
            match line {
                Line::Eof => break Some("HTTP headers not terminated".to_string()),
                Line::TooLong => break Some("HTTP header line too long".to_string()),
                Line::Full => {}
            }
            total += self.line.len();
            if total > MAX_HEADER_BYTES {
                break Some("HTTP headers too long".to_string());
            }
            let l = trim_eol(&self.line);
            if status_line {
                status_line = false;
                let Some(status) = http_status(l) else {
                    let shown = String::from_utf8_lossy(&l[..l.len().min(40)]).into_owned();
                    break Some(format!("invalid HTTP status line {shown:?}"));
                };
                ok_status = (200..300).contains(&status);
                continue;
            }
            if l.is_empty() {
                break None;
            }
            let Some((name, value)) = split_header(l) else {
                continue; // tolerate junk in recorded HTTP headers
            };
            let slot = match name {
                _ if name.eq_ignore_ascii_case("Content-Type") => &mut http.content_type,
                _ if name.eq_ignore_ascii_case("Content-Encoding") => &mut http.content_encoding,
                _ if name.eq_ignore_ascii_case("Transfer-Encoding") => &mut http.transfer_encoding,
                _ => continue,
            };
            *slot = Some(value);
        };
        let remaining = block.limit();
        if let Some(e) = header_err {
            return self.finish_err(n, start, remaining, &e);
        }
        let declared_html = http.content_type.as_deref().map(is_html_type);
        if !ok_status || declared_html == Some(false) {
            return self.finish_skip(n, start, remaining);
        }
        if remaining > self.max_record {
            let e = format!(
                "HTML payload of {remaining} bytes exceeds the {}-byte cap; skipped",
                self.max_record
            );
            return self.finish_err(n, start, remaining, &e);
        }
        self.body.clear();
        let mut block = (&mut self.input).take(remaining);
        if let Err(e) = block.read_to_end(&mut self.body) {
            self.done = true;
            return Err(msg(n, start, &io_reason(&e)));
        }
        if (self.body.len() as u64) < remaining {
            self.done = true;
            return Err(msg(n, start, "truncated in the HTTP payload"));
        }

        if http
            .transfer_encoding
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
            && dechunk(&self.body, &mut self.scratch)
        {
            std::mem::swap(&mut self.body, &mut self.scratch);
        }
        if let Some(enc) = http.content_encoding.as_deref() {
            let codings: Vec<String> = enc
                .split(',')
                .map(|c| c.trim().to_ascii_lowercase())
                .filter(|c| !c.is_empty() && c != "identity")
                .collect();
            for coding in codings.iter().rev() {
                match decompress(coding, &self.body, &mut self.scratch, self.max_record) {
                    Decoded::AsIs => {}
                    Decoded::Into => std::mem::swap(&mut self.body, &mut self.scratch),
                    Decoded::Failed(e) => return Err(msg(n, start, &e)),
                }
            }
        }
        if declared_html.is_none() && !sniff_html(&self.body) {
            return Ok(None);
        }
        Ok(Some(decode_html(&self.body, http.content_type.as_deref())))
    }

    /// Skips `len` bytes of a record block silently.
    fn skip_block(&mut self, n: u64, start: u64, len: u64) -> Option<Result<Document, String>> {
        match io::copy(&mut (&mut self.input).take(len), &mut io::sink()) {
            Ok(copied) if copied == len => None,
            Ok(_) => self.fatal(n, start, "truncated in the record block"),
            Err(e) => self.fatal(n, start, &io_reason(&e)),
        }
    }

    /// Skips the rest of a block silently.
    fn finish_skip(
        &mut self,
        n: u64,
        start: u64,
        remaining: u64,
    ) -> Result<Option<String>, String> {
        match self.skip_block(n, start, remaining) {
            Some(Err(e)) => Err(e),
            _ => Ok(None),
        }
    }

    /// Skips the rest of a block and reports `reason` (or the truncation, if the stream ended).
    fn finish_err(
        &mut self,
        n: u64,
        start: u64,
        remaining: u64,
        reason: &str,
    ) -> Result<Option<String>, String> {
        match self.skip_block(n, start, remaining) {
            Some(Err(e)) => Err(e),
            _ => Err(msg(n, start, reason)),
        }
    }

    /// Reports an error after which the stream cannot be read on.
    fn fatal(&mut self, n: u64, start: u64, reason: &str) -> Option<Result<Document, String>> {
        self.done = true;
        Some(Err(msg(n, start, reason)))
    }

    /// Reports a malformed header block; reading goes on at the next `WARC/` line.
    fn resync_err(&mut self, n: u64, start: u64, reason: &str) -> Option<Result<Document, String>> {
        self.resync = true;
        Some(Err(msg(n, start, reason)))
    }
}

/// An I/O error as a reason; an early end of a compressed stream is a truncation.
fn io_reason(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        format!("truncated: {e}")
    } else {
        format!("read error: {e}")
    }
}

fn msg(n: u64, start: u64, reason: &str) -> String {
    format!("WARC record {n} at byte {start}: {reason}")
}

/// A `BufRead` that counts the bytes consumed from it.
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.inner.fill_buf()?;
        let k = avail.len().min(buf.len());
        buf[..k].copy_from_slice(&avail[..k]);
        self.consume(k);
        Ok(k)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

enum Line {
    Eof,
    /// A line ending in `\n`, or the last bytes of the stream.
    Full,
    /// Longer than [`MAX_HEADER_LINE`]; its first part was consumed.
    TooLong,
}

/// Reads one line (with its `\n`) into `buf`, at most [`MAX_HEADER_LINE`] bytes.
fn read_line<B: BufRead>(r: &mut B, buf: &mut Vec<u8>) -> io::Result<Line> {
    buf.clear();
    let n = r.take(MAX_HEADER_LINE + 1).read_until(b'\n', buf)?;
    if n == 0 {
        Ok(Line::Eof)
    } else if buf.last() != Some(&b'\n') && n as u64 > MAX_HEADER_LINE {
        Ok(Line::TooLong)
    } else {
        Ok(Line::Full)
    }
}

/// Discards input up to and including the next `\n`.
fn skip_line<B: BufRead>(r: &mut B) -> io::Result<()> {
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            r.consume(i + 1);
            return Ok(());
        }
        let k = buf.len();
        r.consume(k);
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// `Name: value` (value trimmed, lossily decoded).
fn split_header(line: &[u8]) -> Option<(&str, String)> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = std::str::from_utf8(&line[..colon]).ok()?.trim();
    if name.is_empty() {
        return None;
    }
    let value = String::from_utf8_lossy(&line[colon + 1..])
        .trim()
        .to_string();
    Some((name, value))
}

/// The status code of `HTTP/x.y NNN reason`.
fn http_status(line: &[u8]) -> Option<u16> {
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.split_ascii_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let code = parts.next()?;
    (code.len() == 3).then_some(())?;
    code.parse().ok()
}

fn is_html_type(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim();
    media.eq_ignore_ascii_case("text/html") || media.eq_ignore_ascii_case("application/xhtml+xml")
}

/// For payloads without a `Content-Type`: does the body start like an HTML page?
fn sniff_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 64)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"<head")
        || lower.starts_with(b"<!--")
}

/// Decodes a chunked body into `out`; false (and `out` unspecified) when `body` is not chunked
/// at all. A body cut short keeps the chunks read so far.
fn dechunk(body: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    let mut rest = body;
    let mut first = true;
    loop {
        let Some(eol) = rest.iter().position(|&b| b == b'\n') else {
            return !first;
        };
        let size_line = trim_eol(&rest[..=eol]);
        let size_hex = size_line
            .split(|&b| b == b';')
            .next()
            .unwrap_or(b"")
            .trim_ascii();
        let size = std::str::from_utf8(size_hex)
            .ok()
            .filter(|s| !s.is_empty() && s.len() <= 15)
            .and_then(|s| usize::from_str_radix(s, 16).ok());
        let Some(size) = size else {
            return !first;
        };
        first = false;
        rest = &rest[eol + 1..];
        if size == 0 {
            return true;
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        if take < size {
            return true;
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

enum Decoded {
    /// Leave the body as it is (unknown magic: already decoded).
    AsIs,
    /// The decoded body is in the output buffer.
    Into,
    Failed(String),
}

/// Undoes one content coding of `body` into `out`, at most `cap` bytes.
fn decompress(coding: &str, body: &[u8], out: &mut Vec<u8>, cap: u64) -> Decoded {
    out.clear();
    let result = match coding {
        "gzip" | "x-gzip" if body.starts_with(b"\x1f\x8b") => {
            MultiGzDecoder::new(body).take(cap + 1).read_to_end(out)
        }
        "deflate" if body.first().is_some_and(|b| b & 0x0f == 8) && zlib_header(body) => {
            ZlibDecoder::new(body).take(cap + 1).read_to_end(out)
        }
        "deflate" if !sniff_html(body) => DeflateDecoder::new(body).take(cap + 1).read_to_end(out),
        "gzip" | "x-gzip" | "deflate" => return Decoded::AsIs,
        other => {
            return if sniff_html(body) {
                Decoded::AsIs
            } else {
                Decoded::Failed(format!("unsupported Content-Encoding {other:?}"))
            };
        }
    };
    match result {
        Ok(k) if k as u64 > cap => Decoded::Failed(format!(
            "decoded {coding} body exceeds the {cap}-byte cap; skipped"
        )),
        Ok(_) => Decoded::Into,
        Err(e) => Decoded::Failed(format!("invalid {coding} body: {e}")),
    }
}

/// A valid zlib header: CM = 8 and the check bits.
fn zlib_header(body: &[u8]) -> bool {
    body.len() >= 2 && (u16::from(body[0]) << 8 | u16::from(body[1])) % 31 == 0
}

/// Decodes an HTML body to text: charset from the HTTP header, else BOM, else `<meta>`, else
/// UTF-8; malformed sequences become U+FFFD.
pub(crate) fn decode_html(body: &[u8], content_type: Option<&str>) -> String {
    let declared = content_type
        .and_then(charset_param)
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    let enc = declared
        .or_else(|| Encoding::for_bom(body).map(|(e, _)| e))
        .or_else(|| meta_charset(body))
        .unwrap_or(UTF_8);
    // `decode` lets a BOM override the label, as browsers do.
    let (text, _, _) = enc.decode(body);
    match text {
        Cow::Borrowed(s) => s.to_string(),
        Cow::Owned(s) => s,
    }
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).trim())
            .filter(|v| !v.is_empty())
    })
}

/// The charset of a `<meta charset=...>` or `<meta http-equiv content="...; charset=...">` in
/// the first 4 KiB. UTF-16 labels mean UTF-8 here, as in the HTML prescan.
fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    let head = body[..body.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&head[from..], b"<meta") {
        let tag_start = from + i + 5;
        let tag_end = head[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            rest = rest.trim_ascii_start();
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = r.trim_ascii_start();
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let end = r
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(&b)))
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..end]) {
                    return Some(
                        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                            UTF_8
                        } else {
                            enc
                        },
                    );
                }
            }
        }
        from = tag_end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `WARC-Date` as a published date: the whole value when it is `YYYY-MM-DDThh:mm:ss[.f]Z`,
/// else its leading `YYYY-MM-DD`, else nothing.
fn warc_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let date = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10);
    if !date {
        return None;
    }
    let time = b.len() >= 20
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b.last() == Some(&b'Z')
        && (b.len() == 20 || (b[19] == b'.' && b.len() > 21 && digits(20..b.len() - 1)));
    Some(if time {
        s.to_string()
    } else {
        s[..10].to_string()
    })
}
