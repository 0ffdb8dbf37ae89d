//! News feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) and OPML subscription lists as documents.
//!
//! [`feed_documents`] turns every item of a feed into a [`Document`]; parsing is done by
//! `feed-rs`. [`opml_feeds`] lists the feed URLs of an OPML file (parsed with `quick-xml`).
//! [`looks_like_feed`] and [`looks_like_opml`] sniff a file's first bytes so a caller can route
//! it without trusting its extension.
//!
//! Item mapping: `id` = the item's guid/id, else its link, else `<source>#<n>` (n counts items
//! from 1); `url` = the item's alternate link (or a guid that is an http(s) URL); `published` =
//! the item's published date, else its updated date, as RFC 3339 in the offset the feed wrote
//! (`YYYY-MM-DD` when the feed gave only a date); `author` = the item's authors (else the
//! feed's), joined by ", "; `outlet` = the feed title, else the host of the feed's link;
//! `language` = the item's or feed's language; `text` = the item's full content
//! (`content:encoded`, Atom `content`, JSON Feed `content_html`/`content_text`), else its
//! description/summary, HTML reduced to text by [`crate::html::strip_tags`] (paragraphs kept),
//! with the title prepended as its own paragraph when the body does not already start with it.
//!
//! Safety: nothing is ever fetched (no DTDs, no external entities, no `src` content), and no
//! custom XML entity is expanded: the XML reader resolves only the five predefined entities and
//! character references. On top of that, a document whose `<!DOCTYPE` declares entities
//! (`<!ENTITY ...>`, the vehicle of "billion laughs" bombs and `SYSTEM "file:///..."` disclosure)
//! is refused before parsing, since no genuine news feed needs one. The parsers are third-party
//! code fed with untrusted bytes, so a panic inside them becomes an error too.
//!
//! Errors are plain strings naming the reason; the caller adds the file (and position).

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use feed_rs::model::{Entry, Feed, Link, Text};
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use tacitus_model::Document;

use crate::html::strip_tags;

/// How a timestamp was written in the feed, keyed by the UTC instant `feed-rs` reports, so the
/// publisher's own offset (and thus local calendar day) survives.
#[derive(Clone, Copy)]
enum Written {
    Offset(FixedOffset),
    DateOnly,
}

type Stamps = Arc<Mutex<HashMap<DateTime<Utc>, Written>>>;

/// Every item of an RSS 0.9x/1.0/2.0, Atom or JSON Feed document as a Document (see the module
/// docs for the mapping). `source` names the input: it makes fallback ids and, when it is an
/// http(s) URL, resolves relative links.
pub fn feed_documents(bytes: &[u8], source: &str) -> Result<Vec<Document>, String> {
    refuse_entity_declarations(bytes)?;
    let stamps: Stamps = Arc::default();
    let recorder = Arc::clone(&stamps);
    let base = (source.starts_with("http://") || source.starts_with("https://")).then_some(source);
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        // Leave missing ids empty instead of hashes or random UUIDs: ids must be reproducible.
        .id_generator(|_: &[Link], _: &Option<Text>, _: Option<&str>| String::new())
        .timestamp_parser(move |s| parse_timestamp(s, &recorder))
        .build();
    let feed = catch_unwind(AssertUnwindSafe(|| parser.parse(bytes)))
        .map_err(|_| "feed parser panicked on this input".to_string())?
        .map_err(|e| format!("not a readable feed: {e}"))?;
    let stamps = stamps.lock().unwrap_or_else(PoisonError::into_inner);
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| entry_document(&feed, entry, i + 1, source, &stamps))
        .collect())
}

/// The feed URLs (`xmlUrl` attributes of `<outline>`, at any depth) of an OPML subscription
/// list, in document order, without duplicates.
pub fn opml_feeds(bytes: &[u8]) -> Result<Vec<String>, String> {
    refuse_entity_declarations(bytes)?;
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut feeds: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("malformed OPML at byte {}: {e}", reader.error_position()))?;
        let (start, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        let local = start.local_name();
        let name: &str = local.as_ref();
        if !seen_root {
            if !name.eq_ignore_ascii_case("opml") {
                return Err(format!(
                    "not an OPML document: root element is <{}>",
                    start.name().as_ref() as &str
                ));
            }
            seen_root = true;
        } else if name.eq_ignore_ascii_case("outline") {
            for attr in start.attributes() {
                let attr = attr.map_err(|e| {
                    format!(
                        "malformed OPML attribute near byte {}: {e}",
                        reader.buffer_position()
                    )
                })?;
                let key: &str = attr.key.local_name().into_inner();
                if key.eq_ignore_ascii_case("xmlUrl") {
                    let url = attr
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| {
                            format!(
                                "malformed OPML xmlUrl near byte {}: {e}",
                                reader.buffer_position()
                            )
                        })?;
                    let url = url.trim();
                    if !url.is_empty() && !feeds.iter().any(|f| f == url) {
                        feeds.push(url.to_string());
                    }
                }
            }
        }
        if !empty {
            depth += 1;
        }
        buf.clear();
    }
    if !seen_root {
        return Err("not an OPML document: no root element".into());
    }
    if depth > 0 {
        return Err("truncated OPML: the document ends inside an element".into());
    }
    Ok(feeds)
}

/// True when the bytes look like a feed: an XML document whose root is `<rss>`, `<feed>` or
/// `<rdf:RDF>`, or a JSON object naming a `https://jsonfeed.org/version/...`.
pub fn looks_like_feed(prefix: &[u8]) -> bool {
    let bytes = utf8ish(prefix);
    let body = skip_space(&bytes);
    if body.first() == Some(&b'{') {
        return contains(body, b"jsonfeed.org/version")
            || contains(body, b"jsonfeed.org\\/version");
    }
    root_name(body).is_some_and(|name| {
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        local.eq_ignore_ascii_case(b"rss")
            || local.eq_ignore_ascii_case(b"feed")
            || local.eq_ignore_ascii_case(b"rdf")
    })
}

/// True when the bytes look like OPML: an XML document whose root is `<opml>`.
pub fn looks_like_opml(prefix: &[u8]) -> bool {
    let bytes = utf8ish(prefix);
    root_name(skip_space(&bytes)).is_some_and(|name| name.eq_ignore_ascii_case(b"opml"))
}

fn entry_document(
    feed: &Feed,
    entry: &Entry,
    n: usize,
    source: &str,
    stamps: &HashMap<DateTime<Utc>, Written>,
) -> Document {
    let url =
        best_link(&entry.links).or_else(|| is_http(&entry.id).then(|| entry.id.trim().to_string()));
    let id = non_empty(Some(entry.id.as_str()))
        .or_else(|| url.clone())
        .unwrap_or_else(|| format!("{source}#{n}"));
    let title = entry.title.as_ref().map(text_of).and_then(|t| {
        let line = t.split_whitespace().collect::<Vec<_>>().join(" ");
        (!line.is_empty()).then_some(line)
    });
    let body = match &entry.content {
        Some(c) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
            let raw = c.body.as_deref().unwrap_or_default();
            if is_plain(c.content_type.as_str()) {
                plain(raw)
            } else {
                strip_tags(raw)
            }
        }
        _ => entry.summary.as_ref().map(text_of).unwrap_or_default(),
    };
    let text = match &title {
        Some(t) if !starts_with_title(&body, t) => {
            if body.is_empty() {
                t.clone()
            } else {
                format!("{t}\n\n{body}")
            }
        }
        _ => body,
    };
    let published = entry
        .published
        .or(entry.updated)
        .map(|t| format_stamp(t, stamps));
    let authors = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    let author = authors
        .iter()
        .filter_map(|p| non_empty(p.name.as_deref()).or_else(|| non_empty(p.email.as_deref())))
        .collect::<Vec<_>>()
        .join(", ");
    let outlet = feed
        .title
        .as_ref()
        .map(text_of)
        .and_then(|t| non_empty(Some(t.as_str())))
        .or_else(|| best_link(&feed.links).and_then(|l| host(&l)));
    Document {
        id,
        text,
        published,
        url,
        outlet,
        title,
        author: non_empty(Some(author.as_str())),
        language: non_empty(entry.language.as_deref())
            .or_else(|| non_empty(feed.language.as_deref())),
    }
}

/// A text construct as plain text: HTML/XHTML is stripped, plain text only tidied.
fn text_of(t: &Text) -> String {
    if is_plain(t.content_type.as_str()) {
        plain(&t.content)
    } else {
        strip_tags(&t.content)
    }
}

fn is_plain(media_type: &str) -> bool {
    media_type
        .trim()
        .to_ascii_lowercase()
        .starts_with("text/plain")
}

/// Plain text with runs of spaces collapsed and blank-line paragraph breaks kept.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

fn starts_with_title(body: &str, title: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let first = body.lines().next().unwrap_or_default();
    !first.is_empty() && norm(first).starts_with(&norm(title))
}

/// The item's page: the first link without a `rel` or with `rel="alternate"` that is not a
/// comments link, else the first link at all.
fn best_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.target.is_none() && l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| links.first())
        .and_then(|l| non_empty(Some(l.href.as_str())))
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    non_empty(Some(host.strip_prefix("www.").unwrap_or(host)))
}

fn is_http(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://") || s.starts_with("https://")
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Timestamp parser handed to `feed-rs`: RFC 3339, RFC 2822 (with the obsolete zone names
/// feeds use) and a few zone-less forms read as UTC. Records how each was written.
fn parse_timestamp(raw: &str, stamps: &Stamps) -> Option<DateTime<Utc>> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let (utc, written) = if let Ok(t) = DateTime::parse_from_rfc3339(&s) {
        (t.with_timezone(&Utc), Written::Offset(*t.offset()))
    } else if let Ok(t) = DateTime::parse_from_rfc2822(&s) {
        (t.with_timezone(&Utc), Written::Offset(*t.offset()))
    } else if let Some(t) = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&s, f).ok())
    {
        (
            Utc.from_utc_datetime(&t),
            Written::Offset(FixedOffset::east_opt(0)?),
        )
    } else {
        let d = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
        (
            Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0)?),
            Written::DateOnly,
        )
    };
    stamps
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(utc, written);
    Some(utc)
}

fn format_stamp(t: DateTime<Utc>, stamps: &HashMap<DateTime<Utc>, Written>) -> String {
    match stamps.get(&t) {
        Some(Written::DateOnly) => t.format("%Y-%m-%d").to_string(),
        Some(Written::Offset(o)) if o.local_minus_utc() != 0 => t
            .with_timezone(o)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
        _ => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// Refuses an XML document whose `<!DOCTYPE` (in the prolog) declares entities.
fn refuse_entity_declarations(bytes: &[u8]) -> Result<(), String> {
    let bytes = utf8ish(bytes);
    if skip_space(&bytes).first() != Some(&b'<') {
        return Ok(()); // JSON Feed, or not XML at all
    }
    let Some(at) = find(&bytes, b"<!DOCTYPE") else {
        return Ok(());
    };
    // A DOCTYPE after the root element started is content (say, inside CDATA), not a prolog.
    if root_name(skip_space(&bytes[..at])).is_some() {
        return Ok(());
    }
    let decl = &bytes[at..];
    let subset = match (find(decl, b"["), find(decl, b">")) {
        (Some(open), Some(close)) if open < close => &decl[open..],
        (Some(open), None) => &decl[open..],
        _ => return Ok(()),
    };
    let subset = find(subset, b"]").map_or(subset, |end| &subset[..end]);
    if contains(subset, b"<!ENTITY") {
        return Err(
            "refused: the document type declares XML entities (<!ENTITY>), which could \
                    expand without bound or read local files"
                .into(),
        );
    }
    Ok(())
}

/// The bytes with a UTF-8 BOM dropped, or UTF-16 (with BOM) narrowed to its low bytes, which is
/// enough to sniff ASCII markup.
fn utf8ish(b: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match b {
        [0xEF, 0xBB, 0xBF, rest @ ..] => rest.into(),
        [0xFF, 0xFE, rest @ ..] => rest.iter().step_by(2).copied().collect::<Vec<_>>().into(),
        [0xFE, 0xFF, rest @ ..] => rest
            .iter()
            .skip(1)
            .step_by(2)
            .copied()
            .collect::<Vec<_>>()
            .into(),
        _ => b.into(),
    }
}

fn skip_space(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// The name of the first element, skipping the XML declaration, processing instructions,
/// comments and a DOCTYPE; `None` when the bytes are not XML or end before the root.
fn root_name(mut b: &[u8]) -> Option<&[u8]> {
    loop {
        b = skip_space(b);
        if let Some(rest) = b.strip_prefix(b"<?") {
            b = &rest[find(rest, b"?>")? + 2..];
        } else if let Some(rest) = b.strip_prefix(b"<!--") {
            b = &rest[find(rest, b"-->")? + 3..];
        } else if let Some(rest) = b.strip_prefix(b"<!") {
            let close = find(rest, b">")?;
            b = match find(rest, b"[") {
                Some(open) if open < close => {
                    let inner = &rest[open..];
                    let end = find(inner, b"]")?;
                    let after = &inner[end..];
                    &after[find(after, b">")? + 1..]
                }
                _ => &rest[close + 1..],
            };
        } else if let Some(rest) = b.strip_prefix(b"<") {
            let n = rest
                .iter()
                .take_while(|&&c| !c.is_ascii_whitespace() && c != b'>' && c != b'/')
                .count();
            let name = &rest[..n];
            return name
                .first()
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
                .then_some(name);
        } else {
            return None;
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_publisher_offset_and_date_only() {
        let stamps: Stamps = Arc::default();
        let t = parse_timestamp("Sat, 26 Feb 2022 23:30:00 -0500", &stamps);
        let d = parse_timestamp("2022-02-26", &stamps);
        let z = parse_timestamp("2022-02-26T10:00:00Z", &stamps);
        let map = stamps.lock().unwrap_or_else(PoisonError::into_inner);
        let fmt = |x: Option<DateTime<Utc>>| x.map(|x| format_stamp(x, &map));
        assert_eq!(fmt(t).as_deref(), Some("2022-02-26T23:30:00-05:00"));
        assert_eq!(fmt(d).as_deref(), Some("2022-02-26"));
        assert_eq!(fmt(z).as_deref(), Some("2022-02-26T10:00:00Z"));
        assert_eq!(parse_timestamp("last Friday", &stamps), None);
    }

    #[test]
    fn entity_declarations_only_in_the_prolog_are_refused() {
        let bomb = b"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"b\">]><rss/>";
        assert!(refuse_entity_declarations(bomb).is_err());
        let plain_dtd = b"<!DOCTYPE rss PUBLIC \"-//Netscape//DTD RSS 0.91//EN\" \"x.dtd\"><rss/>";
        assert!(refuse_entity_declarations(plain_dtd).is_ok());
        let in_content = b"<rss><![CDATA[<!DOCTYPE x [<!ENTITY a \"b\">]>]]></rss>";
        assert!(refuse_entity_declarations(in_content).is_ok());
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1",
            "content_text": "<!DOCTYPE x [<!ENTITY a 'b'>]> explained"}]}"#;
        assert!(refuse_entity_declarations(json).is_ok());
    }

    /// Defence in depth: even without the DOCTYPE check, `feed-rs` neither expands declared
    /// entities nor reads external ones; they stay as literal `&name;` text.
    #[test]
    fn feed_rs_alone_does_not_expand_entities() {
        let mut bomb =
            String::from("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaa\">");
        for i in 1..12 {
            let prev = if i == 1 {
                "a".to_string()
            } else {
                format!("a{}", i - 1)
            };
            bomb.push_str(&format!(
                "<!ENTITY a{i} \"{}\">",
                format!("&{prev};").repeat(10)
            ));
        }
        bomb.push_str(
            "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>t\
             </title><item><title>i</title><description>&a11; &x;</description></item>\
             </channel></rss>",
        );
        let start = std::time::Instant::now();
        let parsed = feed_rs::parser::parse(bomb.as_bytes());
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        if let Ok(feed) = parsed {
            for e in &feed.entries {
                let s = e.summary.as_ref().map_or("", |t| t.content.as_str());
                assert!(s.len() < 100 && !s.contains("root:"), "{s}");
            }
        }
    }

    #[test]
    fn root_names() {
        assert_eq!(root_name(b"<?xml?><!-- c --><rss>"), Some(&b"rss"[..]));
        assert_eq!(
            root_name(b"<!DOCTYPE x [ <!ENTITY a 'b'> ]><feed "),
            Some(&b"feed"[..])
        );
        assert_eq!(root_name(b"<!-- unterminated"), None);
        assert_eq!(root_name(b"hello"), None);
    }
}
