//! HTML pages to plain text plus metadata.
//!
//! The main text, title, byline and publication time come from `dom_smoothie` (a port of
//! Mozilla's Readability). When it fails (no readable content, parse error), the page is reduced
//! by plain tag stripping so that a document is never lost just because its markup is odd.
//!
//! - [`extract`]: text and Readability's metadata from an HTML fragment or page (used for the
//!   `html` field of JSONL inputs).
//! - [`page_document`]: one saved article page to a [`Document`]: site chrome (navigation,
//!   asides, trending/related lists, ads, cookie banners, comments, share bars, footers) is
//!   removed before Readability runs, and metadata comes from JSON-LD, then OpenGraph/`<meta>`,
//!   then `<title>`. Pages nested deeper than [`MAX_NESTING`] never reach the DOM code, whose
//!   recursion could overflow the stack (an abort, which `catch_unwind` cannot contain).
//! - [`strip_tags`]: the total fallback.

use dom_smoothie::{Config, Readability, TextMode};
use serde_json::{Map, Value};
use tacitus_model::Document;

use crate::published::normalise_published;

/// What was extracted from a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// As found in the page (not yet validated).
    pub published: Option<String>,
    pub language: Option<String>,
    /// True when readability failed and tag stripping was used.
    pub fallback: bool,
}

/// Extracts the article text and metadata from `html`; `url` resolves relative links.
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    // Readability is third-party code fed with untrusted pages: contain any panic.
    let parsed = std::panic::catch_unwind(|| {
        let mut r = Readability::new(html, url, Some(cfg)).ok()?;
        r.parse().ok()
    })
    .ok()
    .flatten();
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    match parsed {
        Some(a) if !a.text_content.trim().is_empty() => Extracted {
            text: a.text_content.trim().to_string(),
            title: non_empty(Some(a.title)),
            author: non_empty(a.byline),
            published: non_empty(a.published_time),
            language: non_empty(a.lang),
            fallback: false,
        },
        _ => Extracted {
            text: strip_tags(html),
            fallback: true,
            ..Default::default()
        },
    }
}

/// Crude but total HTML-to-text: drops tags, `script`/`style` bodies and comments, turns block
/// tags into line breaks, decodes the common entities and collapses blank runs.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt..];
        if let Some(body) = after.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |e| &body[e + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[1..gt].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &after[gt + 1..];
        if (name == "script" || name == "style") && !after[1..].starts_with('/') {
            let close = format!("</{name}");
            rest = find_ci(rest, &close).map_or("", |e| &rest[e..]);
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "br"
                | "div"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "tr"
                | "article"
                | "section"
                | "blockquote"
                | "title"
                | "header"
                | "footer"
        ) {
            out.push('\n');
        }
    }
    out.push_str(&decode_entities(rest));
    let mut text = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(&line);
    }
    text
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let semi = after.as_bytes()[..after.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = semi.and_then(|e| {
            let ent = &after[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = ent.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Whole article pages: `page_document`.
// ---------------------------------------------------------------------------------------------

/// Pages whose tags nest deeper than this (measured by [`max_nesting`], a linear scan) skip the
/// DOM entirely and are reduced by [`strip_tags`]: the DOM code (parsing aside) walks the tree
/// recursively, and a stack overflow aborts the process — unlike a panic it cannot be caught.
/// Readability's work also grows quadratically with depth. Real article pages nest a few dozen
/// levels deep; 10,000 nested `div`s overflow a 2 MiB thread stack inside the DOM code.
pub const MAX_NESTING: usize = 500;

/// Pages larger than this (bytes) are reduced by [`strip_tags`] without building a DOM, which
/// bounds the time and memory one pathological input can take.
pub const MAX_PAGE_BYTES: usize = 16 << 20;

/// One article page -> a Document: main text without site chrome, plus metadata.
/// `source` names the input in messages and is the id when the page has no canonical URL.
///
/// - **Text**: the page is parsed once; elements that are site chrome are removed — `nav`,
///   `aside`, `footer`, `form`, iframes, ad and consent widgets, ARIA navigation/complementary/
///   banner/contentinfo regions, top-level `header`s, and every element whose class or id names
///   trending/related/most-read
///   lists, comments, cookie banners, newsletters, promos, adverts, share bars, social widgets
///   or sidebars ([`is_chrome_name`]) — unless it encloses the article itself (an `h1`, an
///   `itemprop=articleBody`, or failing both, the block with the most paragraphs). Readability
///   (`dom_smoothie`) then picks the main text; paragraphs are separated by a blank line. When
///   it fails or panics, the cleaned page (or, if even that panicked, the raw page) goes through
///   [`strip_tags`]. Pages deeper than [`MAX_NESTING`] or larger than [`MAX_PAGE_BYTES`] go to
///   [`strip_tags`] directly; their metadata then comes from `<head>` alone.
/// - **Metadata**, most trusted first: JSON-LD objects of `@type` `NewsArticle`, `Article`,
///   `ReportageNewsArticle` (and the other `*NewsArticle` types, `BlogPosting`), also inside
///   `@graph`; then OpenGraph / `<meta>` / `<link rel=canonical>`; then `<title>`. `published` is
///   `YYYY-MM-DD` or RFC 3339 (a date-time without offset keeps its date; anything else is
///   dropped). `outlet` falls back to the URL host. The id is the page's canonical URL (JSON-LD
///   `url`/`mainEntityOfPage`, `og:url`, `<link rel=canonical>`, resolved against `url`), else
///   `source`; `url` is that canonical URL, else the `url` argument.
pub fn page_document(html: &str, source: &str, url: Option<&str>) -> Document {
    let base = url.map(str::trim).filter(|u| is_http_url(u));
    let direct = html.len() > MAX_PAGE_BYTES || max_nesting(html) > MAX_NESTING;
    let page = if direct {
        degraded_page(html)
    } else {
        // dom_query and dom_smoothie are third-party code fed with untrusted pages.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dom_page(html, base)))
            .unwrap_or_else(|_| Page {
                text: strip_tags(html),
                meta: Meta::default(),
            })
    };
    page.into_document(source, url)
}

/// Depth of the deepest open element, estimated in one linear pass over the markup.
///
/// Comments, doctypes and the bodies of `script`/`style`/`textarea`/`title` are skipped; void
/// elements do not nest; elements HTML closes implicitly (`p`, `li`, `td`, …) are not counted;
/// `<x/>` counts as self-closing only inside `svg`/`math` (as in HTML parsing, where `<div/>`
/// opens a `div`). Stray end tags never take the depth below zero.
pub fn max_nesting(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max, mut foreign) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find_bytes(&b[lt + 4..], b"-->").map_or(b.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            // `<!doctype>`, `<?xml?>`, or a lone `<` in text.
            i = lt + 1;
            if matches!(rest.first(), Some(b'!' | b'?')) {
                i = b[lt..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |e| lt + e + 1);
            }
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let gt = b[name_start..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(b.len(), |e| name_start + e);
        let self_closing = gt > 0 && b.get(gt - 1) == Some(&b'/');
        i = (gt + 1).min(b.len());
        if closing {
            if !implied_end(&name) {
                depth = depth.saturating_sub(1);
            }
            if matches!(name.as_str(), "svg" | "math") {
                foreign = foreign.saturating_sub(1);
            }
            continue;
        }
        if is_void(&name) || implied_end(&name) || (self_closing && foreign > 0) {
            continue;
        }
        if self_closing && matches!(name.as_str(), "svg" | "math") {
            continue;
        }
        depth += 1;
        max = max.max(depth);
        if matches!(name.as_str(), "svg" | "math") {
            foreign += 1;
        }
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            let close = format!("</{name}");
            i = find_ci(&html[i..], &close).map_or(b.len(), |e| i + e);
        }
    }
    max
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "frame"
    )
}

/// Elements whose end tag HTML infers, so unclosed ones do not nest.
fn implied_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "tr"
            | "tbody"
            | "thead"
            | "tfoot"
            | "option"
            | "optgroup"
            | "rp"
            | "rt"
            | "colgroup"
    )
}

/// True when a lower-cased `class` + `id` string names site chrome rather than article content:
/// trending/related/most-read lists, comments, cookie/consent banners, newsletters, promos,
/// adverts (also class tokens `ad`, `ads`, `ad-*`, `*-ad`), share bars, social widgets, sidebars,
/// footers, menus, and site headers (class/id token `header`, `site-header`, `masthead`).
pub fn is_chrome_name(class_and_id: &str) -> bool {
    const PARTS: [&str; 28] = [
        "trending",
        "related",
        "most-read",
        "mostread",
        "most_read",
        "most-popular",
        "mostpopular",
        "comments",
        "comment-list",
        "disqus",
        "cookie",
        "consent",
        "gdpr",
        "newsletter",
        "promo",
        "advert",
        "share",
        "sharing",
        "social",
        "sidebar",
        "side-bar",
        "outbrain",
        "taboola",
        "breadcrumb",
        "sponsored",
        "skip-link",
        "footer",
        "menu",
    ];
    let s = class_and_id.to_ascii_lowercase();
    PARTS.iter().any(|p| s.contains(p))
        || s.split(|c: char| c.is_whitespace()).any(|t| {
            matches!(
                t,
                "ad" | "ads" | "adslot" | "adunit" | "header" | "site-header" | "masthead"
            ) || t.starts_with("ad-")
                || t.starts_with("ads-")
                || t.starts_with("ad_")
                || t.ends_with("-ad")
                || t.ends_with("-ads")
        })
}

/// Elements that are chrome whatever their class.
const CHROME_SELECTOR: &str = "nav, aside, footer, form, iframe, template, dialog, button, \
     amp-ad, amp-embed, amp-sticky-ad, amp-consent, amp-analytics, amp-social-share, \
     amp-iframe, amp-sidebar, [role=navigation], [role=complementary], [role=contentinfo], \
     [role=banner], body > header, [aria-hidden=true]";

/// Page metadata; each field holds candidates, most trusted first.
#[derive(Default)]
struct Meta {
    title: Vec<String>,
    published: Vec<String>,
    author: Vec<String>,
    outlet: Vec<String>,
    url: Vec<String>,
    language: Vec<String>,
    /// `<title>`: the last resort for `title`.
    html_title: Vec<String>,
}

struct Page {
    text: String,
    meta: Meta,
}

impl Page {
    fn into_document(self, source: &str, url: Option<&str>) -> Document {
        let base = url.map(str::trim).filter(|u| is_http_url(u));
        let Meta {
            title,
            published,
            author,
            outlet,
            url: urls,
            language,
            html_title,
        } = self.meta;
        let first = |v: Vec<String>| v.into_iter().map(|s| clean_ws(&s)).find(|s| !s.is_empty());
        let canonical = urls.iter().find_map(|u| resolve_url(u, base));
        let mut doc = Document {
            id: canonical.clone().unwrap_or_else(|| source.to_string()),
            text: self.text,
            published: published.iter().find_map(|p| normalise_published(p)),
            url: canonical.or_else(|| url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty())),
            outlet: first(outlet),
            title: first(title).or_else(|| first(html_title)),
            author: first(author),
            language: first(language),
        };
        if doc.outlet.is_none() {
            doc.outlet = doc.outlet_or_host().map(str::to_string);
        }
        doc
    }
}

/// The normal path: DOM, metadata, chrome removal, Readability.
fn dom_page(html: &str, base: Option<&str>) -> Page {
    let dom = dom_query::Document::from(html);
    let mut meta = Meta::default();
    json_ld(&dom, &mut meta);
    meta_tags(&dom, &mut meta);
    remove_chrome(&dom);
    let cleaned = dom.html().to_string();
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let article = Readability::with_document(dom, base, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let text = match &article {
        Some(a) => paragraphs(&a.text_content),
        None => String::new(),
    };
    if let Some(a) = article {
        meta.title.push(a.title);
        meta.published.extend(a.published_time);
        meta.author.extend(a.byline);
        meta.outlet.extend(a.site_name);
        meta.language.extend(a.lang);
    }
    let text = if text.is_empty() {
        strip_tags(&cleaned)
    } else {
        text
    };
    Page { text, meta }
}

/// Deep or huge pages: tag stripping, plus metadata from `<head>` when that part is sane.
fn degraded_page(html: &str) -> Page {
    let mut meta = Meta::default();
    let head_end = find_ci(html, "<body").unwrap_or(html.len());
    let head = &html[..head_end];
    if head.len() <= MAX_PAGE_BYTES && max_nesting(head) <= MAX_NESTING {
        let parsed = std::panic::catch_unwind(|| {
            let dom = dom_query::Document::from(head);
            let mut m = Meta::default();
            json_ld(&dom, &mut m);
            meta_tags(&dom, &mut m);
            m
        });
        if let Ok(m) = parsed {
            meta = m;
        }
    }
    let text = if html.len() > MAX_PAGE_BYTES {
        let mut cut = MAX_PAGE_BYTES;
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        strip_tags(&html[..cut])
    } else {
        strip_tags(html)
    };
    Page { text, meta }
}

/// Removes site chrome (see [`page_document`]) from the DOM, sparing the article's ancestors.
fn remove_chrome(dom: &dom_query::Document) {
    use std::collections::{HashMap, HashSet};
    let mut keep: HashSet<dom_query::NodeId> = HashSet::new();
    let mut protect = |n: &dom_query::NodeRef| {
        keep.insert(n.id);
        keep.extend(n.ancestors_it(None).map(|a| a.id));
    };
    let anchors = dom.select("h1, [itemprop~=articleBody], [itemprop~=articlebody]");
    for n in anchors.nodes() {
        protect(n);
    }
    if anchors.is_empty() {
        // The block with the most substantial paragraphs, in document order on ties.
        let mut counts: HashMap<dom_query::NodeId, usize> = HashMap::new();
        let mut best: Option<(usize, dom_query::NodeRef)> = None;
        for p in dom.select("p").nodes() {
            if p.text().trim().len() < 40 {
                continue;
            }
            if let Some(parent) = p.parent() {
                let c = counts.entry(parent.id).or_default();
                *c += 1;
                if best.as_ref().is_none_or(|(b, _)| *c > *b) {
                    best = Some((*c, parent));
                }
            }
        }
        if let Some((_, n)) = best {
            protect(&n);
        }
    }
    let mut doomed = Vec::new();
    for n in dom.select(CHROME_SELECTOR).nodes() {
        if !keep.contains(&n.id) {
            doomed.push(*n);
        }
    }
    for n in dom.select("[class], [id]").nodes() {
        if keep.contains(&n.id) {
            continue;
        }
        if matches!(
            n.node_name().as_deref(),
            Some("html" | "head" | "body" | "main" | "script" | "meta" | "link")
        ) {
            continue;
        }
        let mut names = n.class().map(|c| c.to_string()).unwrap_or_default();
        names.push(' ');
        names.push_str(&n.id_attr().map(|c| c.to_string()).unwrap_or_default());
        if is_chrome_name(&names) {
            doomed.push(*n);
        }
    }
    for n in doomed {
        n.remove_from_parent();
    }
}

/// Metadata from JSON-LD article objects (the first one found wins each field).
fn json_ld(dom: &dom_query::Document, meta: &mut Meta) {
    for script in dom.select("script").nodes() {
        let is_ld = script
            .attr("type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
        if !is_ld {
            continue;
        }
        let raw = script.text();
        let mut body = raw.trim();
        for (open, close) in [
            ("<!--", "-->"),
            ("<![CDATA[", "]]>"),
            ("//<![CDATA[", "//]]>"),
        ] {
            if let Some(inner) = body.strip_prefix(open) {
                body = inner.strip_suffix(close).unwrap_or(inner).trim();
            }
        }
        let body = body.trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<Value>(body) else {
            continue;
        };
        let Some(obj) = find_article(&value, 0) else {
            continue;
        };
        meta.title.extend(ld_str(obj.get("headline")));
        meta.title.extend(ld_str(obj.get("name")));
        meta.published.extend(ld_str(obj.get("datePublished")));
        meta.published.extend(ld_str(obj.get("dateCreated")));
        let authors = ld_names(obj.get("author"), 0);
        if !authors.is_empty() {
            meta.author.push(authors.join(", "));
        }
        meta.outlet
            .extend(ld_names(obj.get("publisher"), 0).into_iter().next());
        meta.url.extend(ld_str(obj.get("url")));
        match obj.get("mainEntityOfPage") {
            Some(Value::Object(o)) => {
                meta.url.extend(ld_str(o.get("@id")));
                meta.url.extend(ld_str(o.get("url")));
            }
            other => meta.url.extend(ld_str(other)),
        }
        meta.language.extend(ld_str(obj.get("inLanguage")));
    }
}

fn find_article(v: &Value, depth: usize) -> Option<&Map<String, Value>> {
    if depth > 16 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|x| find_article(x, depth + 1)),
        Value::Object(o) => {
            let typed = match o.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => {
                    ts.iter().any(|t| t.as_str().is_some_and(is_article_type))
                }
                _ => false,
            };
            if typed {
                return Some(o);
            }
            o.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
    matches!(
        t,
        "Article" | "NewsArticle" | "BlogPosting" | "LiveBlogPosting" | "Report"
    ) || (t.ends_with("NewsArticle") && t.len() < 40)
}

/// A JSON-LD text value: a string (or the first string of an array), entity-decoded.
fn ld_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(clean_ws(&decode_entities(s))).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(|x| ld_str(Some(x))),
        _ => None,
    }
}

/// Names of JSON-LD persons/organisations: strings, `{"name": …}` objects, or arrays of them.
fn ld_names(v: Option<&Value>, depth: usize) -> Vec<String> {
    let Some(v) = v else { return Vec::new() };
    if depth > 4 {
        return Vec::new();
    }
    match v {
        Value::String(_) => ld_str(Some(v))
            .into_iter()
            .filter(|s| !is_http_url(s))
            .collect(),
        Value::Object(o) => ld_str(o.get("name")).into_iter().collect(),
        Value::Array(items) => {
            let mut out: Vec<String> = Vec::new();
            for n in items.iter().flat_map(|x| ld_names(Some(x), depth + 1)) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Metadata from `<meta>`, `<link rel=canonical>`, `<html lang>`, `<title>` and `<time>`.
fn meta_tags(dom: &dom_query::Document, meta: &mut Meta) {
    let mut og = Meta::default();
    let mut plain = Meta::default();
    for m in dom.select("meta").nodes() {
        let key = m
            .attr("property")
            .or_else(|| m.attr("name"))
            .or_else(|| m.attr("itemprop"))
            .map(|k| k.trim().to_ascii_lowercase());
        let (Some(key), Some(content)) = (key, m.attr("content")) else {
            continue;
        };
        let content = content.trim().to_string();
        if content.is_empty() {
            continue;
        }
        match key.as_str() {
            "article:published_time" | "og:article:published_time" => og.published.push(content),
            "date" | "pubdate" | "publishdate" | "publish-date" | "publish_date"
            | "datepublished" | "dc.date.issued" | "dc.date" | "dcterms.date"
            | "dcterms.created" | "sailthru.date" | "parsely-pub-date" => {
                plain.published.push(content)
            }
            "og:site_name" => og.outlet.push(content),
            "og:title" => og.title.push(content),
            "twitter:title" => plain.title.push(content),
            "og:url" => og.url.push(content),
            "author" | "dc.creator" | "parsely-author" | "sailthru.author" | "byl" => plain
                .author
                .push(content.trim_start_matches("By ").to_string()),
            "article:author" if !is_http_url(&content) => plain.author.push(content),
            "og:locale" => plain.language.push(content.replace('_', "-")),
            _ => {}
        }
    }
    for l in dom.select("link").nodes() {
        let canonical = l.attr("rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|t| t.eq_ignore_ascii_case("canonical"))
        });
        if canonical {
            plain
                .url
                .extend(l.attr("href").map(|h| h.trim().to_string()));
        }
    }
    if let Some(lang) = dom
        .select("html")
        .nodes()
        .first()
        .and_then(|h| h.attr("lang"))
    {
        og.language.insert(0, lang.trim().to_string());
    }
    if let Some(t) = dom.select("title").nodes().first() {
        meta.html_title.push(t.text().to_string());
    }
    for t in dom.select("time[datetime]").nodes() {
        plain
            .published
            .extend(t.attr("datetime").map(|d| d.to_string()));
    }
    for m in [og, plain] {
        meta.title.extend(m.title);
        meta.published.extend(m.published);
        meta.author.extend(m.author);
        meta.outlet.extend(m.outlet);
        meta.url.extend(m.url);
        meta.language.extend(m.language);
    }
}

/// Readability's formatted text with runs of spaces collapsed and one blank line between
/// paragraphs.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = clean_ws(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

fn clean_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_http_url(s: &str) -> bool {
    let l = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (l.starts_with("http://") && s.len() > 7) || (l.starts_with("https://") && s.len() > 8)
}

/// An absolute http(s) URL from a page's (possibly relative) link, or `None`.
fn resolve_url(u: &str, base: Option<&str>) -> Option<String> {
    let u = u.trim();
    if u.chars().any(char::is_whitespace) || u.is_empty() {
        return None;
    }
    if is_http_url(u) {
        return Some(u.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(net) = u.strip_prefix("//") {
        return Some(format!("{scheme}://{net}"));
    }
    let host = rest.split(['/', '?', '#']).next()?;
    if u.starts_with('/') {
        return Some(format!("{scheme}://{host}{u}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_scripts_and_entities() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <p>Kazakstan &amp; Russia</p><!-- c --><script>var x = '<p>';</script>\
                    <p>denied&#39;s &#x41; &bogus; <b>troops</b></p><p>unclosed <a";
        assert_eq!(
            strip_tags(html),
            "T\n\nKazakstan & Russia\n\ndenied's A &bogus; troops\n\nunclosed"
        );
    }

    #[test]
    fn readability_extracts_article_and_metadata() {
        let para = "Kazakstan has denied Russia's requests for troops, officials said on Friday. ";
        let html = format!(
            "<html><head><title>Allies defy Putin</title>\
             <meta property=\"article:published_time\" content=\"2022-02-26T10:00:00Z\">\
             <meta name=\"author\" content=\"Jane Doe\"></head><body><nav>Home | About</nav>\
             <article><h1>Allies defy Putin</h1><p>{}</p><p>{}</p></article></body></html>",
            para.repeat(6),
            para.repeat(6)
        );
        let e = extract(&html, Some("https://example.com/a"));
        assert!(!e.fallback);
        assert!(e.text.contains("Kazakstan has denied"), "{}", e.text);
        assert!(!e.text.contains("<p>"));
        assert_eq!(e.title.as_deref(), Some("Allies defy Putin"));
        assert_eq!(e.author.as_deref(), Some("Jane Doe"));
        assert_eq!(e.published.as_deref(), Some("2022-02-26T10:00:00Z"));
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "<",
            "<<<>>>",
            "&#99999999;",
            "<script>",
            "\u{0}<p>x</p>",
            "<!--",
        ] {
            let _ = extract(s, None);
            let _ = strip_tags(s);
        }
    }
}
