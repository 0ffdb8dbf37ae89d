//! Documents for tacitus from files, directories and stdin, whatever their format.
//!
//! Inputs are read lazily by a [`DocumentReader`], an iterator of `Result<Document, IngestError>`:
//! a bad input (unreadable file, invalid UTF-8, malformed JSONL line, corrupt WARC record) becomes
//! one `Err` naming the file and the line, record or byte, and reading goes on with the next
//! input, so one broken document never costs a whole corpus. The reader counts what it skipped
//! ([`DocumentReader::skipped`]) so the CLI can exit with code 3 as the spec requires.
//!
//! The format of a file or stream is decided by its content, not its name. gzip and zstd
//! compression are undone first; then:
//! - JSONL (first byte `{`): one input document per line (see [`jsonl`]), streamed; a line is
//!   capped at [`MAX_LINE_BYTES`];
//! - WARC (`WARC/1.x`, e.g. Common Crawl CC-NEWS): response records with HTML, streamed with
//!   flat memory (see [`warc`]);
//! - RSS, Atom or JSON Feed: one document per item (see [`feed`]); an OPML list of feeds is
//!   read feed by feed when fetching is on, else reported;
//! - HTML: one article page, main text and metadata extracted (see [`html`]);
//! - anything else: one plain-text article, id = file stem, `published`/`outlet` from
//!   [`TxtOptions`]; not UTF-8 or binary: an error with the byte offset.
//!
//! An input starting with `http://` or `https://` is fetched (see [`fetch`]: robots.txt, per-host
//! spacing, retries, size cap) and its body read by content like a file; a failed fetch is one
//! `Err` naming the URL. With [`DocumentReader::fetch_articles`] on, each feed item with a link
//! has its article page fetched too, and the page's main text replaces the item's summary when
//! it is longer (the item's id, url and metadata are kept; the page fills what the feed lacks);
//! a page that cannot be fetched leaves the feed item as it is, with a warning. With
//! [`DocumentReader::with_poll_state`], fetched feeds yield only the items not read in earlier
//! runs (see [`poll`]).
//!
//! A directory is read recursively in sorted order (hidden files and symbolic links to
//! directories are passed over); binary files met in a directory are passed over with a warning.

mod error;
pub mod feed;
pub mod fetch;
pub mod html;
pub mod jsonl;
pub mod poll;
mod published;
pub mod warc;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use error::{IngestError, IngestWarning};
use fetch::{FetchOptions, Fetcher};
use poll::{PollState, PollStateError};
pub use published::is_valid_published;
use tacitus_model::Document;

/// Longest JSONL line accepted (64 MiB); longer lines are reported and skipped.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Metadata for plain-text articles, which carry none of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TxtOptions {
    /// `YYYY-MM-DD` or RFC 3339 anchor for relative dates.
    pub published: Option<String>,
    /// The publishing outlet.
    pub outlet: Option<String>,
}

/// The largest file read whole (an HTML page, a feed): bigger ones are reported and skipped.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// What an input is, judged by its first bytes (after decompression).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detected {
    Jsonl,
    Warc,
    Feed,
    Opml,
    Html,
    Binary,
    Text,
}

fn detect(prefix: &[u8], jsonish: bool) -> Detected {
    if warc::looks_like_warc(prefix) {
        Detected::Warc
    } else if feed::looks_like_opml(prefix) {
        Detected::Opml
    } else if feed::looks_like_feed(prefix) {
        Detected::Feed
    } else if jsonish {
        Detected::Jsonl
    } else if looks_like_html(prefix) {
        Detected::Html
    } else if prefix.contains(&0) {
        Detected::Binary
    } else {
        Detected::Text
    }
}

/// An HTML document: it opens with a tag and names an HTML element early on.
fn looks_like_html(prefix: &[u8]) -> bool {
    if prefix.first() != Some(&b'<') {
        return false;
    }
    let head = String::from_utf8_lossy(&prefix[..prefix.len().min(4096)]).to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<article",
        "<div",
        "<p>",
        "<meta",
        "<title",
    ]
    .iter()
    .any(|t| head.contains(t))
}

/// Undoes gzip (including multi-member WARC.gz) and zstd compression, recognised by magic bytes.
fn decompressed(mut reader: Box<dyn BufRead>) -> io::Result<Box<dyn BufRead>> {
    let head = loop {
        if let Some(b) = fill(&mut reader)? {
            break b;
        }
    };
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(reader),
        )))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let decoder = ruzstd::decoding::StreamingDecoder::new(reader)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("zstd: {e}")))?;
        Ok(Box::new(BufReader::with_capacity(1 << 16, decoder)))
    } else {
        Ok(reader)
    }
}

/// The bytes at the front of a stream, without consuming them (for format detection).
fn fill_prefix(reader: &mut dyn BufRead) -> io::Result<Vec<u8>> {
    loop {
        if let Some(b) = fill(reader)? {
            return Ok(b[..b.len().min(4096)].to_vec());
        }
    }
}

/// Reads a whole input of at most [`MAX_FILE_BYTES`].
fn read_capped(name: &str, reader: &mut dyn BufRead) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    match reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => Err(IngestError::Unreadable {
            path: name.to_string(),
            reason: format!("larger than {MAX_FILE_BYTES} bytes"),
        }),
        Ok(_) => Ok(bytes),
        Err(source) => Err(IngestError::Io {
            path: name.to_string(),
            source,
        }),
    }
}

enum Input {
    /// A file named by the user, or found in a directory (`walked`: binary files are then passed
    /// over with a warning instead of an error).
    Path { path: PathBuf, walked: bool },
    /// A stream to sniff (stdin): `name` for messages, `id` if it turns out to be text.
    Stream {
        name: String,
        id: String,
        reader: Box<dyn BufRead>,
    },
    /// An http(s) URL to fetch and read by content.
    Url(String),
    /// A feed item whose article page is to be fetched (with `fetch_articles`).
    FeedItem(Document),
}

struct JsonlSource {
    name: String,
    reader: Box<dyn BufRead>,
    line: u64,
}

/// Streams documents from many inputs; see the crate docs for the formats.
pub struct DocumentReader {
    pending: VecDeque<Input>,
    current: Option<JsonlSource>,
    /// Documents of a file read whole (a feed's items), yielded one by one.
    queued: VecDeque<Result<Document, IngestError>>,
    /// A streamed container (a WARC archive).
    container: Option<Box<dyn Iterator<Item = Result<Document, IngestError>>>>,
    opts: TxtOptions,
    max_line: usize,
    buf: Vec<u8>,
    skipped: u64,
    documents: u64,
    warnings: Vec<IngestWarning>,
    /// Made on the first URL; one per run (robots.txt, spacing and validators are shared).
    fetcher: Option<Fetcher>,
    fetch_options: FetchOptions,
    fetch_articles: bool,
    /// The URL and `Content-Type` of the fetched body `open_stream` is reading.
    fetched: Option<(String, Option<String>)>,
    /// Where the poll state lives and what it holds (see [`poll`]).
    poll: Option<(PathBuf, PollState)>,
}

impl DocumentReader {
    /// A reader over `paths` (files, directories, or `-` for stdin), in the given order.
    pub fn new<I, P>(paths: I, opts: TxtOptions) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        let pending = paths
            .into_iter()
            .map(|p| {
                let p: PathBuf = p.into();
                let url = p.to_str().filter(|s| {
                    let s = s.get(..8).unwrap_or(s).to_ascii_lowercase();
                    s.starts_with("http://") || s.starts_with("https://")
                });
                if let Some(url) = url {
                    Input::Url(url.to_string())
                } else if p.as_os_str() == "-" {
                    Input::Stream {
                        name: "-".into(),
                        id: "stdin".into(),
                        reader: Box::new(io::stdin().lock()),
                    }
                } else {
                    Input::Path {
                        path: p,
                        walked: false,
                    }
                }
            })
            .collect();
        Self::with_inputs(pending, opts)
    }

    /// A reader over one stream that is sniffed like stdin: JSONL when the first non-space byte
    /// is `{`, else one text article with id `id`. `name` is used in messages.
    pub fn from_reader(
        name: impl Into<String>,
        id: impl Into<String>,
        reader: impl BufRead + 'static,
        opts: TxtOptions,
    ) -> Self {
        let input = Input::Stream {
            name: name.into(),
            id: id.into(),
            reader: Box::new(reader),
        };
        Self::with_inputs(VecDeque::from([input]), opts)
    }

    fn with_inputs(pending: VecDeque<Input>, mut opts: TxtOptions) -> Self {
        let mut warnings = Vec::new();
        if let Some(p) = opts.published.take() {
            if is_valid_published(p.trim()) {
                opts.published = Some(p.trim().to_string());
            } else {
                warnings.push(IngestWarning {
                    path: "--published".into(),
                    line: None,
                    message: format!("{p:?} is neither YYYY-MM-DD nor RFC 3339; ignored"),
                });
            }
        }
        DocumentReader {
            pending,
            current: None,
            queued: VecDeque::new(),
            container: None,
            opts,
            max_line: MAX_LINE_BYTES,
            buf: Vec::new(),
            skipped: 0,
            documents: 0,
            warnings,
            fetcher: None,
            fetch_options: FetchOptions::default(),
            fetch_articles: false,
            fetched: None,
            poll: None,
        }
    }

    /// Remembers, in the file at `path`, what fetched URLs and feeds yielded, so that reading
    /// them again in a later run yields only new items (see [`poll`]); call
    /// [`DocumentReader::save_poll_state`] once every document read has been handled.
    pub fn with_poll_state(mut self, path: impl Into<PathBuf>) -> Result<Self, PollStateError> {
        let path = path.into();
        let state = PollState::load(&path)?;
        self.poll = Some((path, state));
        self.fetcher = None;
        Ok(self)
    }

    /// Writes the poll state back (nothing without [`DocumentReader::with_poll_state`]).
    pub fn save_poll_state(&self) -> Result<(), PollStateError> {
        match &self.poll {
            Some((path, state)) => state.save(path),
            None => Ok(()),
        }
    }

    /// The run's fetcher, made on first use with the validators of the poll state.
    fn fetcher(&mut self) -> &mut Fetcher {
        let (opts, poll) = (&self.fetch_options, &self.poll);
        self.fetcher.get_or_insert_with(|| {
            let mut fetcher = Fetcher::new(opts.clone());
            for (url, v) in poll.iter().flat_map(|(_, state)| &state.validators) {
                fetcher.set_validators(url, v.clone());
            }
            fetcher
        })
    }

    /// Fetches the article page of every feed item that links to one (default off).
    pub fn fetch_articles(mut self, on: bool) -> Self {
        self.fetch_articles = on;
        self
    }

    /// Sets how URLs are fetched (default [`FetchOptions::default`]).
    pub fn with_fetch_options(mut self, opts: FetchOptions) -> Self {
        self.fetch_options = opts;
        self.fetcher = None;
        self
    }

    /// Sets the longest accepted JSONL line in bytes (default [`MAX_LINE_BYTES`]).
    pub fn with_max_line(mut self, bytes: usize) -> Self {
        self.max_line = bytes.max(1);
        self
    }

    /// Inputs skipped so far (files and JSONL lines): the number of `Err` items yielded.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Documents yielded so far.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Warnings raised since the last call (documents were still yielded for these).
    pub fn take_warnings(&mut self) -> Vec<IngestWarning> {
        std::mem::take(&mut self.warnings)
    }

    fn next_inner(&mut self) -> Option<Result<Document, IngestError>> {
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(item);
            }
            if let Some(container) = self.container.as_mut() {
                if let Some(item) = container.next() {
                    return Some(item);
                }
                self.container = None;
            }
            if self.current.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                self.current = None;
            }
            let item = match self.pending.pop_front()? {
                Input::Path { path, walked } => self.open_path(path, walked),
                Input::Stream { name, id, reader } => self.open_stream(name, id, reader, false),
                Input::Url(url) => self.open_url(url),
                Input::FeedItem(doc) => Some(Ok(self.with_article(doc))),
            };
            if item.is_some() {
                return item;
            }
        }
    }

    /// Opens a path: a directory expands into pending inputs; a file is read by its content.
    fn open_path(&mut self, p: PathBuf, walked: bool) -> Option<Result<Document, IngestError>> {
        let name = p.display().to_string();
        let io_err = |source| {
            Some(Err(IngestError::Io {
                path: name.clone(),
                source,
            }))
        };
        let meta = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(e) => return io_err(e),
        };
        if meta.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = walk(&p, &mut files) {
                return io_err(e);
            }
            for f in files.into_iter().rev() {
                self.pending.push_front(Input::Path {
                    path: f,
                    walked: true,
                });
            }
            return None;
        }
        let file = match File::open(&p) {
            Ok(f) => f,
            Err(e) => return io_err(e),
        };
        let id = p
            .file_name()
            .map(|s| s.to_string_lossy())
            .map(|n| n.split('.').next().unwrap_or(&n).to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| name.clone());
        self.open_stream(
            name,
            id,
            Box::new(BufReader::with_capacity(1 << 16, file)),
            walked,
        )
    }

    /// Fetches `url` and reads the body by its content; a 304 (unchanged since it was last read,
    /// this run or, with a poll state, an earlier one) is nothing.
    fn open_url(&mut self, url: String) -> Option<Result<Document, IngestError>> {
        let fetched = self.fetcher().get(&url);
        if let (Some((_, state)), Some(fetcher)) = (&mut self.poll, &self.fetcher) {
            if let Ok(Some(_)) = &fetched {
                match fetcher.validators(&url) {
                    Some(v) => state.validators.insert(url.clone(), v.clone()),
                    None => state.validators.remove(&url),
                };
            }
        }
        match fetched {
            Ok(Some(f)) => {
                self.fetched = Some((f.final_url.clone(), f.content_type));
                let reader = Box::new(io::Cursor::new(f.body));
                let item = self.open_stream(url, f.final_url, reader, false);
                self.fetched = None;
                item
            }
            Ok(None) => None,
            Err(e) => Some(Err(IngestError::Unreadable {
                reason: fetch_reason(&e, &url),
                path: url,
            })),
        }
    }

    /// A feed item with its article page's text and metadata, when the page can be fetched.
    fn with_article(&mut self, mut doc: Document) -> Document {
        let Some(url) = doc.url.clone() else {
            return doc;
        };
        let warn = |message: String| IngestWarning {
            path: url.clone(),
            line: None,
            message,
        };
        let f = match self.fetcher().get(&url) {
            Ok(Some(f)) => f,
            Ok(None) => return doc,
            Err(e) => {
                let reason = fetch_reason(&e, &url);
                self.warnings.push(warn(format!(
                    "article page not fetched ({reason}); the feed item is used as it is"
                )));
                return doc;
            }
        };
        let html = f
            .content_type
            .as_deref()
            .is_some_and(|c| c.contains("html"))
            || looks_like_html(&f.body[..f.body.len().min(4096)]);
        if !html {
            self.warnings.push(warn(
                "article page is not HTML; the feed item is used as it is".into(),
            ));
            return doc;
        }
        let text = warc::decode_html(&f.body, f.content_type.as_deref());
        let page = html::page_document(&text, &doc.id, Some(&f.final_url));
        if page.text.trim().len() > doc.text.trim().len() {
            doc.text = page.text;
        }
        doc.published = doc.published.or(page.published);
        doc.outlet = doc.outlet.or(page.outlet);
        doc.title = doc.title.or(page.title);
        doc.author = doc.author.or(page.author);
        doc.language = doc.language.or(page.language);
        doc
    }

    /// Reads a file or stream by its content: `name` for messages, `id` for a single article.
    fn open_stream(
        &mut self,
        name: String,
        id: String,
        reader: Box<dyn BufRead>,
        walked: bool,
    ) -> Option<Result<Document, IngestError>> {
        let mut reader = match decompressed(reader) {
            Ok(r) => r,
            Err(source) => return Some(Err(IngestError::Io { path: name, source })),
        };
        let (jsonish, skipped_ws) = match sniff_jsonl(&mut reader) {
            Ok(v) => v,
            Err(source) => return Some(Err(IngestError::Io { path: name, source })),
        };
        let prefix = match fill_prefix(&mut reader) {
            Ok(p) => p,
            Err(source) => return Some(Err(IngestError::Io { path: name, source })),
        };
        if prefix.is_empty() {
            return Some(Err(IngestError::Unreadable {
                path: name,
                reason: "empty (nothing but white space)".into(),
            }));
        }
        match detect(&prefix, jsonish) {
            Detected::Jsonl => {
                self.current = Some(JsonlSource {
                    name,
                    reader,
                    line: 0,
                });
                None
            }
            Detected::Warc => {
                let path = name.clone();
                let docs = warc::warc_documents(reader, html::page_document).map(move |r| {
                    r.map_err(|reason| IngestError::Unreadable {
                        path: path.clone(),
                        reason,
                    })
                });
                self.container = Some(Box::new(docs));
                None
            }
            Detected::Feed => {
                let bytes = match read_capped(&name, &mut reader) {
                    Ok(b) => b,
                    Err(e) => return Some(Err(e)),
                };
                let docs = feed::feed_documents(&bytes, &name).map(|docs| {
                    // A fetched feed polled before: only the items not read then.
                    match (&mut self.poll, &self.fetched) {
                        (Some((_, state)), Some(_)) => state.only_new(&name, docs, |d| &d.id),
                        _ => docs,
                    }
                });
                match docs {
                    Ok(docs) if self.fetch_articles => {
                        for doc in docs.into_iter().rev() {
                            self.pending.push_front(Input::FeedItem(doc));
                        }
                    }
                    Ok(docs) => self.queued.extend(docs.into_iter().map(Ok)),
                    Err(reason) => {
                        return Some(Err(IngestError::Unreadable { path: name, reason }))
                    }
                }
                None
            }
            Detected::Opml => {
                let reason = match read_capped(&name, &mut reader).map(|b| feed::opml_feeds(&b)) {
                    // With fetching on, the listed feeds are read next, in order.
                    Ok(Ok(feeds)) if self.fetch_articles => {
                        for url in feeds.into_iter().rev() {
                            self.pending.push_front(Input::Url(url));
                        }
                        return None;
                    }
                    Ok(Ok(feeds)) => format!(
                        "an OPML list of {} feeds; pass --fetch to read them",
                        feeds.len()
                    ),
                    Ok(Err(reason)) => reason,
                    Err(e) => return Some(Err(e)),
                };
                Some(Err(IngestError::Unreadable { path: name, reason }))
            }
            Detected::Html => Some(read_capped(&name, &mut reader).map(|bytes| {
                let (url, content_type) = self.fetched.clone().unzip();
                let text = warc::decode_html(&bytes, content_type.flatten().as_deref());
                let mut doc = html::page_document(&text, &id, url.as_deref());
                if doc.published.is_none() {
                    doc.published.clone_from(&self.opts.published);
                }
                if doc.outlet.is_none() {
                    doc.outlet.clone_from(&self.opts.outlet);
                }
                doc
            })),
            Detected::Binary if walked => {
                self.warnings.push(IngestWarning {
                    path: name,
                    line: None,
                    message: "binary file passed over".into(),
                });
                None
            }
            Detected::Binary => Some(Err(IngestError::Unreadable {
                path: name,
                reason: "a binary file, not text, HTML, JSONL, a feed or a WARC archive".into(),
            })),
            Detected::Text => Some(read_txt(&name, id, reader, &self.opts, skipped_ws)),
        }
    }

    /// The next document or error from the current JSONL source; `None` at its end.
    fn next_line(&mut self) -> Option<Result<Document, IngestError>> {
        let src = self.current.as_mut()?;
        loop {
            self.buf.clear();
            if self.buf.capacity() > (1 << 20) {
                self.buf.shrink_to(1 << 16);
            }
            let limit = self.max_line as u64 + 1;
            let n = match (&mut src.reader)
                .take(limit)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(source) => {
                    let err = IngestError::IoAtLine {
                        path: src.name.clone(),
                        line: src.line + 1,
                        source,
                    };
                    self.current = None;
                    return Some(Err(err));
                }
            };
            if n == 0 {
                return None;
            }
            src.line += 1;
            let malformed = |reason: String| IngestError::Malformed {
                path: src.name.clone(),
                line: src.line,
                reason,
            };
            if self.buf.len() > self.max_line && self.buf.last() != Some(&b'\n') {
                let err = malformed(format!("line longer than {} bytes", self.max_line));
                if let Err(source) = skip_line(&mut src.reader) {
                    let err = IngestError::IoAtLine {
                        path: src.name.clone(),
                        line: src.line,
                        source,
                    };
                    self.current = None;
                    return Some(Err(err));
                }
                return Some(Err(err));
            }
            let mut line: &[u8] = &self.buf;
            line = line.strip_suffix(b"\n").unwrap_or(line);
            line = line.strip_suffix(b"\r").unwrap_or(line);
            if src.line == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match jsonl::parse_line(line) {
                Ok(parsed) => {
                    self.warnings
                        .extend(parsed.warnings.into_iter().map(|message| IngestWarning {
                            path: src.name.clone(),
                            line: Some(src.line),
                            message,
                        }));
                    Ok(parsed.doc)
                }
                Err(reason) => Err(malformed(reason)),
            });
        }
    }
}

impl Iterator for DocumentReader {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_inner()?;
        match &item {
            Ok(_) => self.documents += 1,
            Err(_) => self.skipped += 1,
        }
        Some(item)
    }
}

/// A fetch error's reason without the URL in front when it is about `url` itself (the caller
/// names the input).
fn fetch_reason(e: &fetch::FetchError, url: &str) -> String {
    let msg = e.to_string();
    match msg.strip_prefix(&format!("{url}: ")) {
        Some(reason) if e.url() == url => reason.to_string(),
        _ => msg,
    }
}

/// `fill_buf`, with an interrupted read reported as `None` (try again).
fn fill<R: BufRead + ?Sized>(r: &mut R) -> io::Result<Option<&[u8]>> {
    match r.fill_buf() {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
        Err(e) => Err(e),
    }
}

/// Discards input up to and including the next `\n`.
fn skip_line(r: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let Some(buf) = fill(r)? else { continue };
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            r.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        r.consume(n);
    }
}

/// Decides whether a stream is JSONL: skips (consumes) leading ASCII whitespace and a UTF-8
/// BOM, then peeks at the first byte. Returns (is JSONL, bytes consumed).
pub fn sniff_jsonl<R: BufRead + ?Sized>(r: &mut R) -> io::Result<(bool, u64)> {
    let mut consumed = 0u64;
    loop {
        let Some(buf) = fill(r)? else { continue };
        if buf.is_empty() {
            return Ok((false, consumed));
        }
        if consumed == 0 && buf.starts_with(b"\xEF\xBB\xBF") {
            r.consume(3);
            consumed = 3;
            continue;
        }
        let ws = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if ws < buf.len() {
            let first = buf[ws];
            r.consume(ws);
            return Ok((first == b'{', consumed + ws as u64));
        }
        r.consume(ws);
        consumed += ws as u64;
    }
}

/// Reads one plain-text article; `offset` is the number of bytes already consumed from the
/// stream, so that an invalid-UTF-8 error reports the offset in the whole file.
pub fn read_txt(
    name: &str,
    id: String,
    mut reader: impl Read,
    opts: &TxtOptions,
    offset: u64,
) -> Result<Document, IngestError> {
    let mut bytes = Vec::new();
    if let Err(source) = reader.read_to_end(&mut bytes) {
        return Err(IngestError::Io {
            path: name.to_string(),
            source,
        });
    }
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) if offset == 0 => (rest, 3),
        _ => (&bytes[..], 0),
    };
    let text = match std::str::from_utf8(body) {
        Ok(t) => t.to_string(),
        Err(e) => {
            return Err(IngestError::InvalidUtf8 {
                path: name.to_string(),
                offset: offset + bom + e.valid_up_to() as u64,
            })
        }
    };
    Ok(Document {
        id,
        text,
        published: opts.published.clone(),
        outlet: opts.outlet.clone(),
        ..Default::default()
    })
}

/// Collects `.txt`/`.jsonl`/`.jsonl.gz` files under `dir`, sorted by path.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let hidden = e.file_name().to_string_lossy().starts_with('.');
        let ft = e.file_type()?;
        if ft.is_dir() && !hidden {
            walk(&path, out)?;
        } else if (ft.is_file() || (ft.is_symlink() && path.is_file())) && !hidden {
            out.push(path);
        }
    }
    Ok(())
}
