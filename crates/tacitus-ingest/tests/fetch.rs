//! `tacitus_ingest::fetch` against a tiny hand-written HTTP server on 127.0.0.1 (an ephemeral
//! port per test). Every server stops accepting by itself after a few seconds.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tacitus_ingest::fetch::{FetchError, FetchOptions, Fetcher};

/// A request as the server saw it.
#[derive(Clone, Debug)]
struct Req {
    path: String,
    headers: Vec<(String, String)>,
    at: Instant,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer: raw response bytes, sent after `delay`.
struct Reply {
    delay: Duration,
    bytes: Vec<u8>,
}

fn reply(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply {
        delay: Duration::ZERO,
        bytes,
    }
}

fn ok(body: &str) -> Reply {
    reply(
        "200 OK",
        &[("Content-Type", "text/plain; charset=utf-8")],
        body.as_bytes(),
    )
}

fn not_found() -> Reply {
    reply("404 Not Found", &[], b"no")
}

type Handler = dyn Fn(&Req, usize) -> Reply + Send + Sync;

struct Server {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Req>>>,
}

impl Server {
    /// Serves until a few seconds have passed; `handler` gets the request and how many requests
    /// for that path came before it.
    fn start(handler: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let log: Arc<Mutex<Vec<Req>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let server_log = Arc::clone(&log);
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(15);
            while Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (log, handler) = (Arc::clone(&server_log), Arc::clone(&handler));
                        thread::spawn(move || serve_one(stream, &log, &*handler));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { addr, log }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn requests(&self, path: &str) -> Vec<Req> {
        let log = self.log.lock().unwrap();
        log.iter().filter(|r| r.path == path).cloned().collect()
    }
}

fn serve_one(mut stream: TcpStream, log: &Mutex<Vec<Req>>, handler: &Handler) {
    stream.set_nonblocking(false).ok();
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = text.split("\r\n");
    let path = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("")
        .to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let req = Req {
        path,
        headers,
        at: Instant::now(),
    };
    let before = {
        let mut log = log.lock().unwrap();
        let n = log.iter().filter(|r| r.path == req.path).count();
        log.push(req.clone());
        n
    };
    let answer = handler(&req, before);
    thread::sleep(answer.delay);
    stream.write_all(&answer.bytes).ok();
    stream.flush().ok();
}

/// Options for tests: short timeout, tiny backoff, no spacing.
fn fast() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(3),
        retries: 2,
        retry_backoff: Duration::from_millis(10),
        per_host_interval: Duration::ZERO,
        ..FetchOptions::default()
    }
}

#[test]
fn ok_with_body() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/a" => ok("hello"),
        _ => not_found(),
    });
    let mut f = Fetcher::new(fast());
    let got = f.get(&server.url("/a")).unwrap().expect("a body");
    assert_eq!(got.body, b"hello");
    assert_eq!(got.final_url, server.url("/a"));
    assert_eq!(
        got.content_type.as_deref(),
        Some("text/plain; charset=utf-8")
    );
    let req = &server.requests("/a")[0];
    assert!(req.header("user-agent").unwrap().starts_with("tacitus/"));
}

#[test]
fn redirect_chain_is_followed() {
    let server = Server::start(|req, _| {
        let addr = req.header("host").unwrap_or("").to_string();
        match req.path.as_str() {
            "/start" => reply("301 Moved Permanently", &[("Location", "/middle")], b""),
            "/middle" => {
                let to = format!("http://{addr}/end");
                reply("302 Found", &[("Location", &to)], b"")
            }
            "/end" => ok("arrived"),
            "/loop" => reply("307 Temporary Redirect", &[("Location", "loop")], b""),
            _ => not_found(),
        }
    });
    let mut f = Fetcher::new(fast());
    let got = f.get(&server.url("/start")).unwrap().unwrap();
    assert_eq!(got.body, b"arrived");
    assert_eq!(got.final_url, server.url("/end"));

    let err = f.get(&server.url("/loop")).unwrap_err();
    assert!(matches!(err, FetchError::Redirect { .. }), "{err}");
    assert!(err.to_string().contains("more than 5 redirects"), "{err}");
    assert_eq!(server.requests("/loop").len(), 6);
}

#[test]
fn not_found_names_url_and_status() {
    let server = Server::start(|_, _| not_found());
    let mut f = Fetcher::new(fast());
    let url = server.url("/missing");
    let err = f.get(&url).unwrap_err();
    assert!(matches!(err, FetchError::Status { status: 404, .. }));
    assert_eq!(err.to_string(), format!("{url}: HTTP 404"));
    assert_eq!(server.requests("/missing").len(), 1, "a 404 is not retried");
}

#[test]
fn server_error_is_retried() {
    let server = Server::start(|req, n| match req.path.as_str() {
        "/flaky" if n == 0 => reply("500 Internal Server Error", &[], b"oops"),
        "/flaky" => ok("second time lucky"),
        "/busy" if n == 0 => reply("429 Too Many Requests", &[("Retry-After", "0")], b""),
        "/busy" => ok("now"),
        "/down" => reply("503 Service Unavailable", &[], b""),
        _ => not_found(),
    });
    let mut f = Fetcher::new(fast());
    let got = f.get(&server.url("/flaky")).unwrap().unwrap();
    assert_eq!(got.body, b"second time lucky");
    assert_eq!(server.requests("/flaky").len(), 2);

    assert_eq!(f.get(&server.url("/busy")).unwrap().unwrap().body, b"now");

    let err = f.get(&server.url("/down")).unwrap_err();
    assert!(err.to_string().ends_with("HTTP 503"), "{err}");
    assert_eq!(server.requests("/down").len(), 3, "one try and two retries");
}

#[test]
fn slow_response_times_out() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/slow" => Reply {
            delay: Duration::from_secs(3),
            ..ok("late")
        },
        _ => not_found(),
    });
    let mut f = Fetcher::new(FetchOptions {
        timeout: Duration::from_millis(300),
        retries: 1,
        ..fast()
    });
    let start = Instant::now();
    let err = f.get(&server.url("/slow")).unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(server.requests("/slow").len(), 2, "a timeout is retried");
}

#[test]
fn body_over_max_bytes_is_refused() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/declared" => reply("200 OK", &[("Content-Length", "1000")], &[b'x'; 1000]),
        "/undeclared" => {
            let mut r = reply("200 OK", &[("Content-Length", "1000")], &[b'y'; 1000]);
            // No Content-Length: the body runs until the connection closes.
            let text = String::from_utf8(r.bytes).unwrap();
            r.bytes = text.replace("Content-Length: 1000\r\n", "").into_bytes();
            r
        }
        _ => not_found(),
    });
    let mut f = Fetcher::new(FetchOptions {
        max_bytes: 100,
        ..fast()
    });
    for path in ["/declared", "/undeclared"] {
        let url = server.url(path);
        let err = f.get(&url).unwrap_err();
        assert!(
            matches!(err, FetchError::TooLarge { limit: 100, .. }),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            format!("{url}: response larger than 100 bytes")
        );
    }
}

#[test]
fn gzip_body_is_decoded() {
    let text = "Gzipped news. ".repeat(50);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(text.as_bytes()).unwrap();
    let gz = enc.finish().unwrap();
    let server = Server::start(move |req, _| match req.path.as_str() {
        "/gz" => reply(
            "200 OK",
            &[("Content-Encoding", "gzip"), ("Content-Type", "text/html")],
            &gz,
        ),
        _ => not_found(),
    });
    let mut f = Fetcher::new(fast());
    let got = f.get(&server.url("/gz")).unwrap().unwrap();
    assert_eq!(String::from_utf8(got.body).unwrap(), text);
    let accept = server.requests("/gz")[0]
        .header("accept-encoding")
        .unwrap()
        .to_string();
    assert!(accept.contains("gzip") && accept.contains("br"), "{accept}");
}

#[test]
fn robots_txt_is_obeyed_and_fetched_once() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/robots.txt" => ok("User-agent: *\nDisallow: /private\nAllow: /private/open\n"),
        "/public" | "/private/open/a" => ok("fine"),
        "/private/secret" => ok("should never be asked"),
        _ => not_found(),
    });
    let mut f = Fetcher::new(fast());
    assert!(f.get(&server.url("/public")).unwrap().is_some());
    let url = server.url("/private/secret");
    let err = f.get(&url).unwrap_err();
    assert!(matches!(err, FetchError::Disallowed { .. }), "{err}");
    assert_eq!(err.to_string(), format!("{url}: disallowed by robots.txt"));
    assert!(f.get(&server.url("/private/open/a")).unwrap().is_some());
    assert!(server.requests("/private/secret").is_empty());
    assert_eq!(server.requests("/robots.txt").len(), 1);

    // Not respecting robots.txt: the page is fetched.
    let mut rude = Fetcher::new(FetchOptions {
        respect_robots: false,
        ..fast()
    });
    assert!(rude.get(&url).unwrap().is_some());
}

#[test]
fn robots_txt_failing_with_5xx_disallows_the_host() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/robots.txt" => reply("500 Internal Server Error", &[], b""),
        _ => ok("page"),
    });
    let mut f = Fetcher::new(FetchOptions {
        retries: 0,
        ..fast()
    });
    let err = f.get(&server.url("/page")).unwrap_err();
    assert!(matches!(err, FetchError::Disallowed { .. }), "{err}");
    assert!(err.to_string().contains("HTTP 500"), "{err}");
    assert!(f.get(&server.url("/other")).is_err());
    assert_eq!(
        server.requests("/robots.txt").len(),
        1,
        "cached for the run"
    );
    assert!(server.requests("/page").is_empty());
}

#[test]
fn conditional_get_turns_304_into_none() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/feed" if req.header("if-none-match") == Some("\"v1\"") => {
            reply("304 Not Modified", &[("ETag", "\"v1\"")], b"")
        }
        "/feed" => reply(
            "200 OK",
            &[
                ("ETag", "\"v1\""),
                ("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ],
            b"<rss/>",
        ),
        _ => not_found(),
    });
    let mut f = Fetcher::new(fast());
    let url = server.url("/feed");
    assert_eq!(f.get(&url).unwrap().unwrap().body, b"<rss/>");
    assert_eq!(f.get(&url).unwrap(), None);
    let reqs = server.requests("/feed");
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].header("if-none-match"), None);
    assert_eq!(reqs[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(
        reqs[1].header("if-modified-since"),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
}

#[test]
fn requests_to_one_host_are_spaced() {
    let server = Server::start(|_, _| ok("x"));
    let interval = Duration::from_millis(300);
    let mut f = Fetcher::new(FetchOptions {
        per_host_interval: interval,
        ..fast()
    });
    f.get(&server.url("/one")).unwrap();
    f.get(&server.url("/two")).unwrap();
    let log = server.log.lock().unwrap().clone();
    // robots.txt, then /one, then /two: each at least the interval after the one before.
    let paths: Vec<&str> = log.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/robots.txt", "/one", "/two"]);
    for pair in log.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(gap >= interval, "gap {gap:?} between {pair:?}");
    }
}

#[test]
fn non_http_urls_are_refused() {
    let mut f = Fetcher::new(fast());
    for url in ["ftp://127.0.0.1/x", "not a url", "file:///etc/passwd"] {
        let err = f.get(url).unwrap_err();
        assert!(matches!(err, FetchError::BadUrl { .. }), "{err}");
        assert!(err.to_string().starts_with(url), "{err}");
    }
}

// --- DocumentReader over URLs ---

use tacitus_ingest::{DocumentReader, TxtOptions};

const ARTICLE: &str = "<!doctype html><html><head><title>Talks resume</title>\
<meta property=\"og:site_name\" content=\"Page Outlet\"></head><body><article>\
<h1>Talks resume</h1><p>Negotiators from both countries met in Geneva on Monday and agreed \
to resume talks on a ceasefire, officials said.</p><p>The ministers will meet again next week \
to sign the agreement, according to a statement released after the meeting.</p>\
</article></body></html>";

fn feed(base: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\
         <link>{base}/</link>\
         <item><guid>item-1</guid><link>{base}/article</link><title>Talks resume</title>\
         <description>Talks resume.</description></item>\
         <item><guid>item-2</guid><link>{base}/gone</link><title>Gone</title>\
         <description>A summary only.</description></item>\
         </channel></rss>"
    )
}

fn site() -> Server {
    Server::start(|req, _| {
        let base = format!("http://{}", req.header("host").unwrap_or(""));
        match req.path.as_str() {
            "/robots.txt" => ok("User-agent: *\nDisallow: /secret\n"),
            "/feed.xml" => reply(
                "200 OK",
                &[("Content-Type", "application/rss+xml")],
                feed(&base).as_bytes(),
            ),
            "/article" | "/secret" => reply(
                "200 OK",
                &[("Content-Type", "text/html; charset=utf-8")],
                ARTICLE.as_bytes(),
            ),
            "/notes.txt" => ok("Plain words."),
            _ => not_found(),
        }
    })
}

#[test]
fn reader_reads_urls_by_content() {
    let server = site();
    let urls = ["/article", "/notes.txt", "/missing", "/secret"].map(|p| server.url(p));
    let mut reader =
        DocumentReader::new(urls.clone(), TxtOptions::default()).with_fetch_options(fast());
    let items: Vec<_> = reader.by_ref().collect();
    assert_eq!(items.len(), 4);
    let page = items[0].as_ref().unwrap();
    assert!(
        page.text.contains("Negotiators from both countries"),
        "{page:?}"
    );
    assert_eq!(page.url.as_deref(), Some(urls[0].as_str()));
    let txt = items[1].as_ref().unwrap();
    assert_eq!(txt.text, "Plain words.");
    assert_eq!(txt.id, urls[1]);
    let missing = items[2].as_ref().unwrap_err();
    assert_eq!(missing.path(), urls[2]);
    assert_eq!(
        missing.to_string(),
        format!("{}: HTTP 404, skipped", urls[2])
    );
    let secret = items[3].as_ref().unwrap_err();
    assert!(
        secret.to_string().contains("disallowed by robots.txt"),
        "{secret}"
    );
    assert_eq!(reader.skipped(), 2);
    assert_eq!(server.requests("/robots.txt").len(), 1);
}

#[test]
fn feed_items_get_their_article_pages_when_asked() {
    let server = site();
    let url = server.url("/feed.xml");

    let plain: Vec<_> = DocumentReader::new([url.clone()], TxtOptions::default())
        .with_fetch_options(fast())
        .map(Result::unwrap)
        .collect();
    assert_eq!(plain.len(), 2);
    assert!(!plain[0].text.contains("Negotiators"));
    assert!(
        server.requests("/article").is_empty(),
        "not fetched by default"
    );

    let mut reader = DocumentReader::new([url], TxtOptions::default())
        .with_fetch_options(fast())
        .fetch_articles(true);
    let docs: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "item-1");
    assert!(docs[0].text.contains("Negotiators from both countries"));
    assert_eq!(
        docs[0].outlet.as_deref(),
        Some("Wire"),
        "the feed's metadata wins"
    );
    assert_eq!(docs[1].id, "item-2");
    assert!(docs[1].text.contains("A summary only."));
    let warnings = reader.take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("HTTP 404"), "{}", warnings[0]);
    assert_eq!(reader.skipped(), 0);
}

#[test]
fn opml_lists_are_read_feed_by_feed_when_fetching() {
    let server = site();
    let opml = std::env::temp_dir().join(format!("tacitus-fetch-{}.opml", std::process::id()));
    std::fs::write(
        &opml,
        format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Wires</title></head><body>\
             <outline text=\"Wire\" type=\"rss\" xmlUrl=\"{}\"/></body></opml>",
            server.url("/feed.xml")
        ),
    )
    .unwrap();

    let mut off = DocumentReader::new([opml.clone()], TxtOptions::default());
    let items: Vec<_> = off.by_ref().collect();
    assert_eq!(items.len(), 1);
    let reason = items[0].as_ref().unwrap_err().to_string();
    assert!(
        reason.contains("OPML list of 1 feeds; pass --fetch"),
        "{reason}"
    );
    assert!(server.requests("/feed.xml").is_empty());

    let docs: Vec<_> = DocumentReader::new([opml.clone()], TxtOptions::default())
        .with_fetch_options(fast())
        .fetch_articles(true)
        .map(Result::unwrap)
        .collect();
    assert_eq!(docs.len(), 2);
    assert!(docs[0].text.contains("Negotiators from both countries"));
    assert_eq!(server.requests("/feed.xml").len(), 1);
    std::fs::remove_file(opml).ok();
}

fn poll_feed(items: &[&str]) -> String {
    let items: String = items
        .iter()
        .map(|id| format!("<item><guid>{id}</guid><title>{id}</title><description>Item {id}.</description></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>{items}</channel></rss>")
}

#[test]
fn a_feed_polled_again_in_a_later_run_yields_only_new_items() {
    let server = Server::start(|req, before| match (req.path.as_str(), before) {
        ("/poll.xml", 0) => reply(
            "200 OK",
            &[("ETag", "\"v1\"")],
            poll_feed(&["a", "b"]).as_bytes(),
        ),
        ("/poll.xml", 1) if req.header("if-none-match") == Some("\"v1\"") => {
            reply("304 Not Modified", &[], b"")
        }
        ("/poll.xml", _) => reply(
            "200 OK",
            &[("ETag", "\"v2\"")],
            poll_feed(&["c", "a", "b"]).as_bytes(),
        ),
        _ => not_found(),
    });
    let url = server.url("/poll.xml");
    let state = std::env::temp_dir().join(format!("tacitus-poll-{}.json", std::process::id()));
    std::fs::remove_file(&state).ok();
    let poll = || {
        let mut reader = DocumentReader::new([url.clone()], TxtOptions::default())
            .with_fetch_options(fast())
            .with_poll_state(&state)
            .unwrap();
        let ids: Vec<String> = reader.by_ref().map(|d| d.unwrap().id).collect();
        reader.save_poll_state().unwrap();
        ids
    };
    assert_eq!(poll(), ["a", "b"]);
    assert_eq!(
        poll(),
        Vec::<String>::new(),
        "unchanged: a 304, nothing read"
    );
    assert_eq!(poll(), ["c"], "changed: only the new item");
    assert_eq!(poll(), Vec::<String>::new(), "nothing new since");
    let requests = server.requests("/poll.xml");
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[3].header("if-none-match"), Some("\"v2\""));
    std::fs::remove_file(&state).ok();
}
