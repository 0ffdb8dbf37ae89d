//! Documents for tacitus from files, directories and stdin.
//!
//! Inputs are read lazily by a [`DocumentReader`], an iterator of `Result<Document, IngestError>`:
//! a bad input (unreadable file, invalid UTF-8, malformed JSONL line) becomes one `Err` naming the
//! file and the line or byte, and reading goes on with the next input, so one broken line never
//! costs a whole corpus. The reader counts what it skipped ([`DocumentReader::skipped`]) so the
//! CLI can exit with code 3 as the spec requires.
//!
//! - `*.jsonl` (and `*.jsonl.gz`): one input document per line (see [`jsonl`]), streamed line by
//!   line; a line is capped at [`MAX_LINE_BYTES`].
//! - any other file: one plain-text article, id = file stem, `published`/`outlet` from
//!   [`TxtOptions`]. Not UTF-8: an error with the byte offset of the first invalid byte.
//! - `-`: stdin; JSONL when its first non-space byte is `{`, else one article with id `stdin`.
//! - a directory: its `.txt`, `.jsonl` and `.jsonl.gz` files, recursively, in sorted order
//!   (symbolic links to directories are not followed).

mod error;
pub mod html;
pub mod jsonl;
mod published;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use error::{IngestError, IngestWarning};
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

/// How a path is read, decided by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Jsonl,
    JsonlGz,
    Txt,
}

impl InputKind {
    /// `.jsonl` / `.jsonl.gz` (any case) are JSONL; everything else is one text article.
    pub fn of(path: &Path) -> InputKind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with(".jsonl") {
            InputKind::Jsonl
        } else if name.ends_with(".jsonl.gz") {
            InputKind::JsonlGz
        } else {
            InputKind::Txt
        }
    }

    /// Whether a directory walk picks the file up.
    fn walked(path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        name.ends_with(".txt") || name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
    }
}

enum Input {
    Path(PathBuf),
    /// A stream to sniff (stdin): `name` for messages, `id` if it turns out to be text.
    Stream {
        name: String,
        id: String,
        reader: Box<dyn BufRead>,
    },
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
    opts: TxtOptions,
    max_line: usize,
    buf: Vec<u8>,
    skipped: u64,
    documents: u64,
    warnings: Vec<IngestWarning>,
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
                if p.as_os_str() == "-" {
                    Input::Stream {
                        name: "-".into(),
                        id: "stdin".into(),
                        reader: Box::new(io::stdin().lock()),
                    }
                } else {
                    Input::Path(p)
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
            opts,
            max_line: MAX_LINE_BYTES,
            buf: Vec::new(),
            skipped: 0,
            documents: 0,
            warnings,
        }
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
            if self.current.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                self.current = None;
            }
            match self.pending.pop_front()? {
                Input::Path(p) => {
                    if let Some(item) = self.open_path(p) {
                        return Some(item);
                    }
                }
                Input::Stream {
                    name,
                    id,
                    mut reader,
                } => match sniff_jsonl(&mut reader) {
                    Err(source) => return Some(Err(IngestError::Io { path: name, source })),
                    Ok((true, _)) => {
                        self.current = Some(JsonlSource {
                            name,
                            reader,
                            line: 0,
                        })
                    }
                    Ok((false, skipped_ws)) => {
                        return Some(read_txt(&name, id, reader, &self.opts, skipped_ws))
                    }
                },
            }
        }
    }

    /// Opens a path: a directory expands into pending inputs, JSONL becomes the current source,
    /// a text file is read at once.
    fn open_path(&mut self, p: PathBuf) -> Option<Result<Document, IngestError>> {
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
                self.pending.push_front(Input::Path(f));
            }
            return None;
        }
        let file = match File::open(&p) {
            Ok(f) => f,
            Err(e) => return io_err(e),
        };
        let reader: Box<dyn BufRead> = match InputKind::of(&p) {
            InputKind::Jsonl => Box::new(BufReader::with_capacity(1 << 16, file)),
            InputKind::JsonlGz => Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(file),
            )),
            InputKind::Txt => {
                let id = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| name.clone());
                return Some(read_txt(&name, id, file, &self.opts, 0));
            }
        };
        self.current = Some(JsonlSource {
            name,
            reader,
            line: 0,
        });
        None
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
        let ft = e.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if (ft.is_file() || (ft.is_symlink() && path.is_file())) && InputKind::walked(&path)
        {
            out.push(path);
        }
    }
    Ok(())
}
