//! The input document, as `shared/spec/README.md` defines it.

use serde::{Deserialize, Serialize};

/// One article to code. `text` is the plain body; ingest turns HTML into text before this.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The caller's id, copied to every event as `doc_id`.
    pub id: String,
    /// Plain text of the article.
    pub text: String,
    /// `YYYY-MM-DD` or RFC 3339; anchors relative dates. `None`: only absolute dates resolve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publishing outlet; defaults to the URL's host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Document {
    /// 64-bit FNV-1a of the text: two documents with the same hash are the same document, for
    /// per-run dedup and for the store's idempotent ingest. Stable across versions and machines.
    pub fn content_hash(&self) -> u64 {
        fnv1a(self.text.as_bytes())
    }

    /// The outlet, or the host part of the URL when no outlet was given.
    pub fn outlet_or_host(&self) -> Option<&str> {
        if let Some(o) = self.outlet.as_deref().filter(|o| !o.is_empty()) {
            return Some(o);
        }
        let url = self.url.as_deref()?;
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next()?;
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host = host.split(':').next()?;
        (!host.is_empty()).then_some(host.strip_prefix("www.").unwrap_or(host))
    }
}

/// 64-bit FNV-1a: fast, stable, and good enough to tell documents apart (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_defaults_to_url_host() {
        let mut d = Document {
            url: Some("https://www.example.com:443/a/b?c".into()),
            ..Default::default()
        };
        assert_eq!(d.outlet_or_host(), Some("example.com"));
        d.outlet = Some("Example News".into());
        assert_eq!(d.outlet_or_host(), Some("Example News"));
        d.outlet = None;
        d.url = Some("not a url".into());
        assert_eq!(d.outlet_or_host(), Some("not a url"));
    }
}
