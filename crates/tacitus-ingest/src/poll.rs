//! What polling a feed left behind, kept between runs so that polling it again yields only new
//! items.
//!
//! A [`PollState`] file (JSON) holds, per URL given as input, the `ETag`/`Last-Modified`
//! validators of its last response (so the next request is a conditional GET and an unchanged
//! feed costs one `304`), and, per feed URL, the ids of the items already read (so a feed that
//! did change yields only the items not read before). [`crate::DocumentReader::with_poll_state`]
//! loads it; [`crate::DocumentReader::save_poll_state`] writes it back, which a caller does only
//! after every document read has been handled, so an interrupted run reads the same items again
//! instead of losing them.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fetch::Validators;

/// A poll state file that cannot be read or written; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum PollStateError {
    #[error("poll state {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "poll state {path}: not a tacitus poll state file ({reason}); remove it to start afresh"
    )]
    Corrupt { path: String, reason: String },
}

/// Item ids remembered per feed: well above what any feed lists at once, so that an item
/// dropping out of the feed and back in is not read twice, while the file stays small.
pub const MAX_SEEN_PER_FEED: usize = 5_000;

/// See the module docs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollState {
    /// Per input URL: the validators of its last `200` response.
    #[serde(default)]
    pub validators: BTreeMap<String, Validators>,
    /// Per feed URL: ids of items read, most recent last.
    #[serde(default)]
    pub seen: BTreeMap<String, Vec<String>>,
}

impl PollState {
    /// Loads the state at `path`; a missing file is an empty state (the first poll).
    pub fn load(path: &Path) -> Result<PollState, PollStateError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(PollState::default()),
            Err(source) => {
                return Err(PollStateError::Io {
                    path: path.display().to_string(),
                    source,
                })
            }
        };
        serde_json::from_slice(&bytes).map_err(|e| PollStateError::Corrupt {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// Writes the state to `path` atomically (a temporary file renamed over it), so a crash
    /// leaves either the old state or the new one.
    pub fn save(&self, path: &Path) -> Result<(), PollStateError> {
        let io_error = |source| PollStateError::Io {
            path: path.display().to_string(),
            source,
        };
        let mut tmp = PathBuf::from(path);
        tmp.as_mut_os_string().push(".tmp");
        let json = serde_json::to_vec(self).expect("poll state serialises");
        std::fs::write(&tmp, json).map_err(io_error)?;
        std::fs::rename(&tmp, path).map_err(io_error)
    }

    /// Drops the items of `feed` read before and remembers the rest; `items` are the feed's
    /// current items with their ids.
    pub fn only_new<T>(&mut self, feed: &str, items: Vec<T>, id: impl Fn(&T) -> &str) -> Vec<T> {
        let seen = self.seen.entry(feed.to_string()).or_default();
        let mut known: HashSet<String> = seen.iter().cloned().collect();
        let fresh: Vec<T> = items
            .into_iter()
            .filter(|item| known.insert(id(item).to_string()))
            .collect();
        seen.extend(fresh.iter().map(|item| id(item).to_string()));
        if seen.len() > MAX_SEEN_PER_FEED {
            seen.drain(..seen.len() - MAX_SEEN_PER_FEED);
        }
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_new_items_pass_and_memory_is_bounded() {
        let mut state = PollState::default();
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let first = state.only_new("f", ids(&["a", "b"]), |s| s);
        assert_eq!(first, ids(&["a", "b"]));
        let second = state.only_new("f", ids(&["c", "a", "b"]), |s| s);
        assert_eq!(second, ids(&["c"]));
        assert_eq!(state.only_new("other", ids(&["a"]), |s| s), ids(&["a"]));
        let many: Vec<String> = (0..MAX_SEEN_PER_FEED + 10).map(|i| i.to_string()).collect();
        state.only_new("f", many, |s| s);
        assert_eq!(state.seen["f"].len(), MAX_SEEN_PER_FEED);
        assert_eq!(
            state.seen["f"].last().unwrap(),
            &(MAX_SEEN_PER_FEED + 9).to_string()
        );
    }

    #[test]
    fn round_trips_and_a_missing_file_is_empty() {
        let path = std::env::temp_dir().join(format!("tacitus-poll-{}.json", std::process::id()));
        std::fs::remove_file(&path).ok();
        assert_eq!(PollState::load(&path).unwrap(), PollState::default());
        let mut state = PollState::default();
        state.validators.insert(
            "http://x/feed".into(),
            Validators {
                etag: Some("\"v1\"".into()),
                last_modified: None,
            },
        );
        state.only_new("http://x/feed", vec!["a".to_string()], |s| s);
        state.save(&path).unwrap();
        assert_eq!(PollState::load(&path).unwrap(), state);
        std::fs::write(&path, b"{broken").unwrap();
        let err = PollState::load(&path).unwrap_err().to_string();
        assert!(err.contains("not a tacitus poll state file"), "{err}");
        std::fs::remove_file(&path).ok();
    }
}
