//! What can go wrong while reading input, and what is only worth a warning.

use std::fmt;

/// An input that was skipped: a whole file (I/O, invalid UTF-8) or one JSONL line.
///
/// The message always names the file and, where it applies, the line or byte offset, so the
/// CLI can print it as is (`path:line: reason`) and go on with the next input.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file (or directory, or stdin) could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Reading failed part way through a JSONL file; the rest of that file is skipped.
    #[error("{path}:{line}: read error, rest of file skipped: {source}")]
    IoAtLine {
        path: String,
        line: u64,
        #[source]
        source: std::io::Error,
    },
    /// A text article is not UTF-8; `offset` is the byte offset of the first invalid byte.
    #[error("{path}: invalid UTF-8 at byte {offset}, file skipped")]
    InvalidUtf8 { path: String, offset: u64 },
    /// A part of a container (a WARC record, a feed) or a whole file of a kind that cannot be
    /// read (binary, an OPML list); the reason names the record or byte where there is one.
    #[error("{path}: {reason}, skipped")]
    Unreadable { path: String, reason: String },
    /// One JSONL line is malformed (bad JSON, no `id`, no `text`/`html`, too long…).
    #[error("{path}:{line}: {reason}, line skipped")]
    Malformed {
        path: String,
        line: u64,
        reason: String,
    },
}

impl IngestError {
    /// The file the error is about (`-` for stdin).
    pub fn path(&self) -> &str {
        match self {
            IngestError::Io { path, .. }
            | IngestError::IoAtLine { path, .. }
            | IngestError::InvalidUtf8 { path, .. }
            | IngestError::Unreadable { path, .. }
            | IngestError::Malformed { path, .. } => path,
        }
    }

    /// The 1-based line number, for errors about one line.
    pub fn line(&self) -> Option<u64> {
        match self {
            IngestError::IoAtLine { line, .. } | IngestError::Malformed { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// Something odd that did not stop a document from being read (e.g. a malformed `published`,
/// which is dropped: the document is still coded, only relative dates stay unresolved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestWarning {
    pub path: String,
    /// 1-based line for JSONL input, `None` for whole files.
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for IngestWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: warning: {}", self.path, l, self.message),
            None => write!(f, "{}: warning: {}", self.path, self.message),
        }
    }
}
