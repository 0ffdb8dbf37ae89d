//! `html::page_document` on saved article pages (fixtures in `tests/pages/`, written for these
//! tests) and on hostile inputs.

use tacitus_ingest::html::{max_nesting, page_document, MAX_NESTING};
use tacitus_ingest::is_valid_published;

fn page(name: &str) -> String {
    let path = format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "missing {n:?} in:\n{text}");
    }
}

fn assert_lacks(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(!text.contains(n), "chrome {n:?} leaked into:\n{text}");
    }
}

#[test]
fn news_page_drops_chrome_and_uses_json_ld() {
    let doc = page_document(&page("news.html"), "news.html", None);
    assert_has(
        &doc.text,
        &[
            "Kazakhstan has refused a request from Russia to send troops",
            "would not recognise the breakaway regions of Donetsk and Luhansk",
            "The Kremlin did not immediately comment on the refusal",
            "growing trade with China and Europe.",
        ],
    );
    assert_lacks(
        &doc.text,
        &[
            "Trending",
            "United States imposes sweeping new sanctions on Iran",
            "Most read",
            "Prime minister resigns",
            "Russia invaded Ukraine, says commenter",
            "Great reporting",
            "cookie",
            "ADVERTISEMENT",
            "Copyright 2022",
            "Share on Facebook",
            "Morning Briefing newsletter",
            "Belarus allows Russian forces",
            "Related coverage",
            "Business",
            "Injected by script",
        ],
    );
    // Paragraphs stay apart for the sentence splitter.
    assert!(
        doc.text
            .contains("Nur-Sultan said on Saturday.\n\nPresident Kassym-Jomart Tokayev"),
        "{}",
        doc.text
    );
    // JSON-LD beats OpenGraph and <meta> for every field it has.
    assert_eq!(doc.published.as_deref(), Some("2022-02-26T10:30:00+01:00"));
    assert_eq!(doc.outlet.as_deref(), Some("Daily Meridian"));
    assert_eq!(doc.author.as_deref(), Some("Aigerim Sultanova, Tom Becker"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Kazakhstan refuses Russian request for troops")
    );
    let canonical = "https://www.dailymeridian.example/world/kazakhstan-refuses-troops";
    assert_eq!(doc.url.as_deref(), Some(canonical));
    assert_eq!(doc.id, canonical);
    assert_eq!(doc.language.as_deref(), Some("en-GB"));
}

#[test]
fn news_page_without_json_ld_falls_back_to_open_graph() {
    let html = page("news.html");
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let end = start + html[start..].find("</script>").unwrap() + "</script>".len();
    let html = format!("{}{}", &html[..start], &html[end..]);
    let doc = page_document(&html, "news.html", None);
    assert_eq!(doc.published.as_deref(), Some("2022-02-26T09:15:00+00:00"));
    assert_eq!(doc.outlet.as_deref(), Some("The Daily Meridian"));
    assert_eq!(doc.author.as_deref(), Some("Meta Tag Author"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Kazakhstan refuses Russia's request for troops (OG title)")
    );
    let og_url = "https://www.dailymeridian.example/world/2022/02/26/kazakhstan-refuses-troops";
    assert_eq!(doc.url.as_deref(), Some(og_url));
    assert_eq!(doc.id, og_url);
    assert!(doc.text.contains("Kazakhstan has refused a request"));
}

#[test]
fn blog_page_with_only_meta_tags() {
    let doc = page_document(
        &page("blog.html"),
        "blog.html",
        Some("https://hornwatch.example/?p=412"),
    );
    assert_has(
        &doc.text,
        &[
            "Egypt accused Ethiopia on Thursday of violating international law",
            "Ethiopia's water minister rejected the accusation",
            "Sudan called for an urgent meeting of the UN Security Council",
        ],
    );
    assert_lacks(
        &doc.text,
        &[
            "Anonymous said",
            "Popular: Sudan border clashes",
            "Powered by",
            "Archive",
            "a blog about the Horn",
        ],
    );
    assert_eq!(doc.author.as_deref(), Some("Selam Girma"));
    // A date-time without offset is not RFC 3339: its date is kept.
    assert_eq!(doc.published.as_deref(), Some("2021-07-08"));
    // The relative canonical link is resolved against the page URL and becomes the id.
    let canonical = "https://hornwatch.example/2021/07/08/ethiopia-egypt-dam/";
    assert_eq!(doc.url.as_deref(), Some(canonical));
    assert_eq!(doc.id, canonical);
    // No og:site_name: the outlet is the host.
    assert_eq!(doc.outlet.as_deref(), Some("hornwatch.example"));
    // From <title>, with the site-name suffix removed by Readability.
    assert_eq!(
        doc.title.as_deref(),
        Some("Field notes: Ethiopia and Egypt trade accusations over the dam")
    );
}

#[test]
fn amp_page_uses_json_ld_and_drops_amp_widgets() {
    let doc = page_document(&page("amp.html"), "amp.html", None);
    assert_has(
        &doc.text,
        &[
            "Les autorités de transition du Mali ont annoncé lundi l'expulsion",
            "Le gouvernement malien a dénoncé des propos",
            "Paris a pris acte de la décision",
        ],
    );
    assert_lacks(
        &doc.text,
        &["Publicité", "cookies", "Tous droits réservés", "Monde"],
    );
    assert_eq!(doc.published.as_deref(), Some("2022-01-31"));
    assert_eq!(doc.outlet.as_deref(), Some("Sahel Info"));
    assert_eq!(doc.author.as_deref(), Some("Moussa Keita"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Le Mali expulse l'ambassadeur de France")
    );
    let url = "https://www.sahel-info.example/afrique/mali-expulse-ambassadeur";
    assert_eq!(doc.url.as_deref(), Some(url));
    assert_eq!(doc.id, url);
    assert_eq!(doc.language.as_deref(), Some("fr"));
}

#[test]
fn page_without_metadata_uses_source_and_url_argument() {
    let body = "<p>Protesters marched on the parliament in Tbilisi on Tuesday to oppose the \
                foreign agents bill, police said.</p>"
        .repeat(4);
    let html = format!("<html><body><article>{body}</article></body></html>");
    let doc = page_document(
        &html,
        "saved/page-7.html",
        Some("https://news.example.ge/x"),
    );
    assert_eq!(doc.id, "saved/page-7.html");
    assert_eq!(doc.url.as_deref(), Some("https://news.example.ge/x"));
    assert_eq!(doc.outlet.as_deref(), Some("news.example.ge"));
    assert_eq!(doc.published, None);
    assert!(doc.text.contains("Protesters marched on the parliament"));
}

#[test]
fn unusable_dates_are_dropped() {
    let html = "<html><head><meta property=\"article:published_time\" content=\"Feb 26, 2022\">\
                <meta name=\"pubdate\" content=\"26/02/2022\"></head><body><p>Text.</p></body></html>";
    let doc = page_document(html, "d", None);
    assert_eq!(doc.published, None);
    let html = html.replace("26/02/2022", "2022-02-26T10:00:00.5-05:00");
    let doc = page_document(&html, "d", None);
    let published = doc.published.unwrap_or_default();
    assert_eq!(published, "2022-02-26T10:00:00.5-05:00");
    assert!(is_valid_published(&published));
}

#[test]
fn deep_nesting_is_measured_and_never_reaches_the_dom() {
    let depth = 10_000;
    let html = format!(
        "<html><head><title>Deep</title><meta property=\"og:site_name\" content=\"Deep News\">\
         </head><body>{}<p>Rebels shelled the town of Kidal on Monday.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    assert!(max_nesting(&html) > MAX_NESTING);
    // A small stack, as a worker thread would have: the DOM code would overflow it.
    let doc = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || page_document(&html, "deep", None))
        .expect("spawn")
        .join()
        .expect("no panic");
    assert_eq!(
        doc.text,
        "Deep\n\nRebels shelled the town of Kidal on Monday."
    );
    assert_eq!(doc.outlet.as_deref(), Some("Deep News"));
    assert_eq!(doc.id, "deep");

    // Unclosed tags and self-closing `<div/>` (which HTML treats as an open tag) also nest.
    let unclosed = format!("<body>{}text", "<span><b>".repeat(depth / 2));
    assert!(max_nesting(&unclosed) >= depth);
    let self_closed = "<div/>".repeat(depth);
    assert!(max_nesting(&self_closed) >= depth);
    let _ = page_document(&unclosed, "unclosed", None);
    let _ = page_document(&self_closed, "self-closed", None);
}

#[test]
fn nesting_scan_ignores_what_does_not_nest() {
    let flat = format!(
        "<!doctype html><html><body>{}<!-- <div><div> --><script>var s = '<div><div><div>';\
         </script><svg>{}</svg></body></html>",
        "<p>para<br><img src=x><li>item".repeat(2_000),
        "<path d=\"M0\"/>".repeat(2_000)
    );
    assert!(max_nesting(&flat) <= 4, "{}", max_nesting(&flat));
    assert_eq!(max_nesting("</div></div><div>"), 1);
    assert_eq!(max_nesting(""), 0);
}

#[test]
fn garbage_inputs_never_panic() {
    let mut inputs: Vec<String> = [
        "",
        "<",
        ">",
        "<<<>>>",
        "</",
        "<!",
        "<!--",
        "<?xml",
        "<script>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":",
        "<script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]</script>",
        "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":{\"name\":7},\
         \"datePublished\":\"2022-99-99\",\"url\":\"javascript:alert(1)\"}</script>",
        "<meta property=\"og:url\" content=\"//\"><link rel=canonical href=\"/\">",
        "<html><body><table><tr><td><p>a<td>b</table></form></aside></nav>",
        "&#99999999; &#x110000; &;",
        "\u{0}\u{1}\u{7f}<p>\u{feff}x</p>",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Pseudo-random "binary" garbage (valid UTF-8 is all a &str can hold).
    let mut x: u32 = 0x2545_f491;
    let garbage: String = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            char::from_u32(x % 0x800).unwrap_or('?')
        })
        .collect();
    inputs.push(garbage);
    let tags: String = (0..50_000)
        .map(|i| {
            [
                "<div class=ad>",
                "</p>",
                "<p>",
                "<a href=",
                ">",
                "<!--",
                "-->",
            ][i % 7]
        })
        .collect();
    inputs.push(tags);
    // A large, ordinary page.
    let para = "<p>Officials in Kyiv said the convoy reached the city on Sunday morning.</p>";
    inputs.push(format!(
        "<html><body><article>{}</article></body></html>",
        para.repeat(20_000)
    ));
    for (i, html) in inputs.iter().enumerate() {
        let doc = page_document(html, &format!("input-{i}"), Some("not a url"));
        if let Some(p) = &doc.published {
            assert!(is_valid_published(p), "{p}");
        }
        assert!(!doc.id.is_empty());
    }
}
