//! The dashboard's files, embedded at build time by `build.rs` from `assets/`.

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The file at `path` (relative to `assets/`): its content type and bytes.
pub fn get(path: &str) -> Option<(&'static str, &'static [u8])> {
    FILES
        .iter()
        .find(|(name, _, _)| *name == path)
        .map(|&(_, kind, bytes)| (kind, bytes))
}
