//! HTML pages to plain text plus metadata.
//!
//! The main text, title, byline and publication time come from `dom_smoothie` (a port of
//! Mozilla's Readability). When it fails (no readable content, parse error), the page is reduced
//! by plain tag stripping so that a document is never lost just because its markup is odd.

use dom_smoothie::{Config, Readability, TextMode};

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
