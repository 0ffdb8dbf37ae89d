//! News feeds and OPML lists as documents (`feed` module), on fixtures in `tests/feeds/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tacitus_ingest::feed::{feed_documents, looks_like_feed, looks_like_opml, opml_feeds};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/feeds")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn rss2_items_with_content_encoded_and_pubdate() {
    let docs = feed_documents(&fixture("rss2.xml"), "rss2.xml").expect("rss2 parses");
    assert_eq!(docs.len(), 2);
    let d = &docs[0];
    assert_eq!(d.id, "ew-2022-0226-001");
    assert_eq!(
        d.url.as_deref(),
        Some("https://www.example-wire.com/world/kazakstan-troops")
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Kazakstan denies Russian troop request")
    );
    // The publisher's offset (and so its calendar day) is kept.
    assert_eq!(d.published.as_deref(), Some("2022-02-26T23:30:00-05:00"));
    assert_eq!(d.author.as_deref(), Some("Jane Doe"));
    assert_eq!(d.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(d.language.as_deref(), Some("en-us"));
    assert_eq!(
        d.text,
        "Kazakstan denies Russian troop request\n\n\
         ASTANA (Reuters) - Kazakstan has denied Russia's request for troops, officials said on \
         Friday.\n\nThe foreign ministry said the country would not join the operation."
    );
    assert!(!d.text.contains("teaser") && !d.text.contains("track()"));

    // No guid: the link is the id; the HTML description is the body, and since it already
    // starts with the title, the title is not prepended.
    let d = &docs[1];
    assert_eq!(d.id, "https://www.example-wire.com/world/geneva");
    assert_eq!(d.published.as_deref(), Some("2022-02-27T08:00:00Z"));
    assert_eq!(d.author, None);
    assert_eq!(d.text, "Talks resume in Geneva on Monday, diplomats said.");
}

#[test]
fn atom_entries_with_published_and_updated() {
    let docs = feed_documents(&fixture("atom.xml"), "atom.xml").expect("atom parses");
    assert_eq!(docs.len(), 2);
    let d = &docs[0];
    assert_eq!(d.id, "tag:atom-daily.example.org,2022:1");
    assert_eq!(
        d.url.as_deref(),
        Some("https://atom-daily.example.org/2022/03/01/ceasefire")
    );
    // `published` wins over `updated`.
    assert_eq!(d.published.as_deref(), Some("2022-03-01T09:15:00+02:00"));
    assert_eq!(d.author.as_deref(), Some("Ivan Petrov"));
    assert_eq!(d.outlet.as_deref(), Some("Atom Daily"));
    assert_eq!(d.language.as_deref(), Some("en"));
    // The content starts with the title already: it is not repeated; the summary is unused.
    assert_eq!(
        d.text,
        "Ceasefire announced\n\nBoth sides agreed to a ceasefire on Tuesday."
    );

    let d = &docs[1];
    assert_eq!(d.published.as_deref(), Some("2022-03-02T11:00:00Z"));
    // Atom: an entry without authors inherits the feed's.
    assert_eq!(d.author.as_deref(), Some("Desk Editor"));
    assert_eq!(
        d.text,
        "Markets steady\n\nMarkets were steady on Wednesday."
    );
}

#[test]
fn json_feed_1_1_items() {
    let docs = feed_documents(&fixture("jsonfeed.json"), "jsonfeed.json").expect("json feed");
    assert_eq!(docs.len(), 2);
    let d = &docs[0];
    assert_eq!(d.id, "jt-1");
    assert_eq!(d.url.as_deref(), Some("https://json-times.example.net/a/1"));
    assert_eq!(d.published.as_deref(), Some("2022-03-03T18:00:00+01:00"));
    assert_eq!(d.author.as_deref(), Some("Marie Curie"));
    assert_eq!(d.outlet.as_deref(), Some("JSON Times"));
    assert_eq!(d.language.as_deref(), Some("fr"));
    assert_eq!(
        d.text,
        "Parliament votes on sanctions\n\nParliament voted on sanctions on Thursday.\n\nThe vote passed."
    );
    let d = &docs[1];
    assert_eq!(d.id, "jt-2");
    assert_eq!(d.url, None);
    assert_eq!(d.published.as_deref(), Some("2022-03-04T07:00:00Z"));
    assert_eq!(
        d.text,
        "Plain text story\n\nThe minister resigned on Friday."
    );
}

#[test]
fn rss_0_91_in_latin1_with_doctype() {
    let docs = feed_documents(&fixture("rss091.xml"), "rss091.xml").expect("rss 0.91 parses");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.id, "http://oldschool.example.com/summit.html");
    assert_eq!(
        d.url.as_deref(),
        Some("http://oldschool.example.com/summit.html")
    );
    assert_eq!(d.published, None);
    assert_eq!(d.outlet.as_deref(), Some("Old School News"));
    assert_eq!(
        d.text,
        "Summit in Zürich\n\nLeaders met in Zürich & agreed on a plan."
    );
}

#[test]
fn opml_nested_outlines() {
    let feeds = opml_feeds(&fixture("subscriptions.opml")).expect("opml parses");
    assert_eq!(
        feeds,
        [
            "https://www.example-wire.com/rss.xml",
            "https://atom-daily.example.org/feed.atom?lang=en&v=2",
            "https://json-times.example.net/feed.json",
        ]
    );
    assert!(opml_feeds(&fixture("rss2.xml"))
        .unwrap_err()
        .contains("not an OPML document"));
    let truncated = fixture("subscriptions.opml");
    assert!(opml_feeds(&truncated[..truncated.len() / 2]).is_err());
    assert!(opml_feeds(&fixture("garbage.bin")).is_err());
    assert!(opml_feeds(b"").is_err());
}

/// Parses within a time limit, never panics, and never expands entities: an error, or items
/// whose text carries no expansion.
fn assert_refused_or_unexpanded(name: &str, leak: &str) {
    let start = Instant::now();
    let result = feed_documents(&fixture(name), name);
    assert!(start.elapsed() < Duration::from_secs(2), "{name} too slow");
    match result {
        Err(e) => assert!(e.contains("<!ENTITY>"), "{name}: {e}"),
        Ok(docs) => {
            for d in docs {
                assert!(!d.text.contains(leak), "{name} expanded: {}", d.text);
            }
        }
    }
}

#[test]
fn entity_bomb_is_refused() {
    assert_refused_or_unexpanded("billion_laughs.xml", "lollol");
    let err = feed_documents(&fixture("billion_laughs.xml"), "b").unwrap_err();
    assert!(err.contains("declares XML entities"), "{err}");
    // The same declarations in an OPML list are refused too.
    let opml = String::from_utf8_lossy(&fixture("billion_laughs.xml")).replace(
        "<rss version=\"2.0\">",
        "<opml><body><outline xmlUrl=\"&lol9;\"/></body></opml><rss>",
    );
    assert!(opml_feeds(opml.as_bytes()).is_err());
}

#[test]
fn external_entity_is_refused_not_fetched() {
    assert_refused_or_unexpanded("external_entity.xml", "root:");
    assert!(feed_documents(&fixture("external_entity.xml"), "x").is_err());
}

#[test]
fn truncated_xml_is_an_error_or_partial_never_a_panic() {
    match feed_documents(&fixture("truncated.xml"), "truncated.xml") {
        Err(e) => assert!(e.starts_with("not a readable feed"), "{e}"),
        Ok(docs) => assert!(docs.len() <= 1),
    }
    // Every prefix of a real feed: no panic, no hang.
    let full = fixture("rss2.xml");
    for cut in (0..full.len()).step_by(7) {
        let _ = feed_documents(&full[..cut], "cut");
    }
}

#[test]
fn empty_feed_has_no_documents() {
    let docs = feed_documents(&fixture("empty.xml"), "empty.xml").expect("empty feed parses");
    assert!(docs.is_empty());
    assert!(feed_documents(b"", "empty").is_err());
    assert!(feed_documents(b"   \n", "blank").is_err());
}

#[test]
fn binary_garbage_is_an_error() {
    let garbage = fixture("garbage.bin");
    let err = feed_documents(&garbage, "garbage.bin").unwrap_err();
    assert!(!err.is_empty());
    assert!(!looks_like_feed(&garbage));
    assert!(!looks_like_opml(&garbage));
    assert!(feed_documents(
        b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
        "j"
    )
    .is_err());
    assert!(feed_documents(b"{\"not\": \"a feed\"}", "j").is_err());
}

#[test]
fn sniffing_feeds_and_opml() {
    for name in [
        "rss2.xml",
        "atom.xml",
        "jsonfeed.json",
        "rss091.xml",
        "empty.xml",
        "truncated.xml",
    ] {
        let bytes = fixture(name);
        assert!(looks_like_feed(&bytes[..bytes.len().min(512)]), "{name}");
        assert!(!looks_like_opml(&bytes), "{name}");
    }
    let opml = fixture("subscriptions.opml");
    assert!(looks_like_opml(&opml[..200]));
    assert!(!looks_like_feed(&opml));
    assert!(looks_like_feed(b"\xEF\xBB\xBF<rdf:RDF xmlns:rdf=\"x\">"));
    assert!(looks_like_feed(
        b"{\"version\":\"https:\\/\\/jsonfeed.org\\/version\\/1\"}"
    ));
    assert!(!looks_like_feed(b"{\"id\": \"a\", \"text\": \"b\"}"));
    assert!(!looks_like_feed(b"<html><body>rss</body></html>"));
    assert!(!looks_like_feed(b"Plain text mentioning <rss>"));
    assert!(!looks_like_feed(b""));
}
