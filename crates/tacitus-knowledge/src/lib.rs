//! Knowledge is data, not code: this crate loads the human-readable dictionaries under `data/`
//! (embedded in the binary at build time) plus any user directories given with `--dict DIR`,
//! validates them with errors that name the file and line, and compiles them for the coder.
//!
//! - `actors/*.toml`: states, organisations, people with dated roles, agents, outlets
//!   ([`ActorDictionary`], a token trie);
//! - `verbs/NN_*.txt`: CAMEO verb patterns; `verbs/control.txt`; `verbs/discards.txt`
//!   ([`VerbDictionary`]).
//!
//! User files are loaded before the embedded ones, and the first definition of a phrase wins, so
//! a user's entry overrides the project's.

mod actors;
mod verbs;
mod words;

use std::path::{Path, PathBuf};

pub use actors::{parse_ymd, ActorDictionary, ActorEntry, ActorKind, PhraseMatch, Role, Ymd};
pub use verbs::{ControlBehaviour, Element, VerbDictionary, VerbPattern};
pub use words::{is_acronym, normalize_into, WordIds, NO_WORD};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A dictionary problem, naming the file (and line, where one is known).
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}:{line}: {message}")]
    Line {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("cannot read dictionary {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A dictionary file: its path relative to a data directory ("verbs/12_reject.txt") and text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Everything the coder knows, compiled.
#[derive(Debug, Default)]
pub struct Knowledge {
    pub actors: ActorDictionary,
    pub verbs: VerbDictionary,
    /// A fingerprint of the dictionary files (names and contents, in order), 16 hex digits:
    /// stored with every event so that events coded by other dictionaries can be found.
    pub version: String,
}

impl Knowledge {
    /// The dictionaries embedded in the binary.
    pub fn embedded() -> Result<Knowledge, KnowledgeError> {
        Self::from_files(embedded_files())
    }

    /// User directories (each laid out like `data/`: `actors/`, `verbs/`) first, then the
    /// embedded dictionaries.
    pub fn with_user_dirs(dirs: &[PathBuf]) -> Result<Knowledge, KnowledgeError> {
        let mut files = Vec::new();
        for d in dirs {
            files.extend(read_dir_files(d)?);
        }
        files.extend(embedded_files());
        Self::from_files(files)
    }

    /// Compiles the given files; their order sets precedence (first wins).
    pub fn from_files(files: Vec<SourceFile>) -> Result<Knowledge, KnowledgeError> {
        let mut k = Knowledge::default();
        for f in &files {
            let base = f.name.rsplit('/').next().unwrap_or(&f.name);
            if f.name.starts_with("actors/") || f.name.starts_with("attribution/") {
                if f.name.ends_with(".toml") {
                    k.actors.add_file(f)?;
                }
            } else if f.name.starts_with("verbs/") && f.name.ends_with(".txt") {
                match base {
                    "control.txt" => k.verbs.add_control(f)?,
                    "discards.txt" => k.verbs.add_discards(f)?,
                    _ => k.verbs.add_patterns(f)?,
                }
            }
        }
        k.verbs.finish();
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for f in &files {
            for bytes in [f.name.as_bytes(), b"\0", f.text.as_bytes(), b"\0"] {
                hash = bytes.iter().fold(hash, |h, &b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
                });
            }
        }
        k.version = format!("{hash:016x}");
        Ok(k)
    }
}

/// The embedded dictionary files.
pub fn embedded_files() -> Vec<SourceFile> {
    EMBEDDED_FILES
        .iter()
        .map(|(name, text)| SourceFile {
            name: (*name).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

fn read_dir_files(dir: &Path) -> Result<Vec<SourceFile>, KnowledgeError> {
    let mut out = Vec::new();
    for sub in ["actors", "verbs", "attribution"] {
        let d = dir.join(sub);
        if !d.is_dir() {
            continue;
        }
        let entries = std::fs::read_dir(&d).map_err(|source| KnowledgeError::Io {
            path: d.clone(),
            source,
        })?;
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if !matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "txt")) {
                continue;
            }
            let text = std::fs::read_to_string(&p).map_err(|source| KnowledgeError::Io {
                path: p.clone(),
                source,
            })?;
            let name = format!(
                "{sub}/{}",
                p.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            out.push(SourceFile { name, text });
        }
    }
    Ok(out)
}
