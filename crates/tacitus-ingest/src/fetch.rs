//! Fetching pages and feeds over HTTP(S), politely and robustly.
//!
//! One [`Fetcher`] serves a whole run. It keeps, per host, the time of the last request (so
//! requests to one host are at least [`FetchOptions::per_host_interval`] apart, measured from the
//! end of one exchange to the start of the next), the parsed robots.txt, and, per URL, the
//! `ETag`/`Last-Modified` validators of the last response, so fetching a URL again in the same
//! run (or in a later one, with [`crate::poll`]) is a conditional GET (a `304 Not Modified` is
//! `Ok(None)`: nothing new).
//!
//! [`Fetcher::get`]:
//! - follows up to [`MAX_REDIRECTS`] redirects (301, 302, 303, 307, 308) itself, so that every hop
//!   is checked against its host's robots.txt and spaced like any other request;
//! - asks for gzip and brotli and decodes them; the body is capped at
//!   [`FetchOptions::max_bytes`] after decoding (a larger `Content-Length` fails before reading);
//! - retries up to [`FetchOptions::retries`] times on 5xx, 429, timeouts and dropped
//!   connections, waiting [`FetchOptions::retry_backoff`] × 2ⁿ between tries, or what a
//!   `Retry-After` header asks (seconds or an HTTP date), at most [`MAX_RETRY_WAIT`];
//! - fails with a [`FetchError`] naming the URL and the reason.
//!
//! robots.txt (RFC 9309) is fetched once per scheme + host + port and cached for the run. The
//! groups for the `tacitus` product token apply when there are any, else the `User-agent: *`
//! groups; `Allow`/`Disallow` rules are path prefixes (with `*` wildcards and a `$` end anchor),
//! matched against the path and query; the longest matching rule wins, `Allow` on a tie; an empty
//! `Disallow` allows everything. `Crawl-delay` raises the per-host interval (at most
//! [`MAX_CRAWL_DELAY`]). A robots.txt answered with 4xx (e.g. 404) allows everything; one
//! answered with 5xx or 429 (after the retries), or that cannot be reached at all, disallows the
//! whole host for the rest of the run, as RFC 9309 asks for an unreachable robots.txt.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ureq::http::{HeaderMap, StatusCode};

/// Redirects followed by one [`Fetcher::get`].
pub const MAX_REDIRECTS: usize = 5;
/// The longest wait between retries, whatever `Retry-After` asks.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);
/// The longest `Crawl-delay` honoured.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(30);
/// The largest robots.txt read (RFC 9309 asks for at least 500 KiB).
const MAX_ROBOTS_BYTES: u64 = 512 << 10;
/// Our product token in robots.txt.
const ROBOTS_TOKEN: &str = "tacitus";

/// How a [`Fetcher`] behaves; [`FetchOptions::default`] gives the values documented per field.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// `User-Agent` header; default `tacitus/<version> (+https://example.invalid/tacitus)`.
    pub user_agent: String,
    /// Whole-exchange timeout (connect, headers and body) for one request; default 20 s.
    pub timeout: Duration,
    /// Retries after a 5xx, a 429, a timeout or a dropped connection; default 2.
    pub retries: u32,
    /// First wait between tries, doubled each retry (unless `Retry-After` says otherwise);
    /// default 1 s.
    pub retry_backoff: Duration,
    /// Least time between the end of one request to a host and the start of the next; default 1 s.
    pub per_host_interval: Duration,
    /// Largest body accepted, after decompression; default 32 MiB.
    pub max_bytes: u64,
    /// Obey robots.txt; default true.
    pub respect_robots: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: format!(
                "tacitus/{} (+https://example.invalid/tacitus)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout: Duration::from_secs(20),
            retries: 2,
            retry_backoff: Duration::from_secs(1),
            per_host_interval: Duration::from_secs(1),
            max_bytes: 32 << 20,
            respect_robots: true,
        }
    }
}

/// A successful response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: String,
    /// The `Content-Type` header as sent.
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub body: Vec<u8>,
}

/// Why a URL could not be fetched; the message names the URL and the reason.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not an absolute http(s) URL (or a redirect to one that is not).
    #[error("{url}: not a fetchable http(s) URL: {reason}")]
    BadUrl { url: String, reason: String },
    /// The server answered with an error status (after any retries).
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: u16 },
    /// The exchange took longer than the timeout (after any retries).
    #[error("{url}: timed out after {timeout:?}")]
    Timeout { url: String, timeout: Duration },
    /// The body is larger than the cap.
    #[error("{url}: response larger than {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    /// robots.txt does not let us fetch this URL.
    #[error("{url}: disallowed by robots.txt{}", reason_suffix(.reason))]
    Disallowed { url: String, reason: String },
    /// More than [`MAX_REDIRECTS`] redirects, or a redirect without a usable `Location`.
    #[error("{url}: {reason}")]
    Redirect { url: String, reason: String },
    /// The connection failed (DNS, refused, reset, TLS, protocol error…).
    #[error("{url}: {reason}")]
    Transport { url: String, reason: String },
}

fn reason_suffix(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        format!(" ({reason})")
    }
}

impl FetchError {
    /// The URL the error is about (the hop that failed, for redirects).
    pub fn url(&self) -> &str {
        match self {
            FetchError::BadUrl { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::Disallowed { url, .. }
            | FetchError::Redirect { url, .. }
            | FetchError::Transport { url, .. } => url,
        }
    }

    /// Worth trying again: a 5xx, a 429, a timeout or a connection problem.
    fn retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            FetchError::Timeout { .. } | FetchError::Transport { .. } => true,
            _ => false,
        }
    }
}

/// `ETag` / `Last-Modified` of a previous response, sent back in a conditional GET.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    /// The `ETag` header, sent back as `If-None-Match`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// One exchange's outcome.
enum Exchange {
    Body(Fetched),
    NotModified,
    Redirect(String),
}

/// Fetches URLs for one run; see the module docs.
pub struct Fetcher {
    agent: ureq::Agent,
    opts: FetchOptions,
    /// Per host: when the last request to it ended (or started, while it runs).
    last_request: HashMap<String, Instant>,
    /// Per host: a `Crawl-delay` longer than the interval.
    crawl_delay: HashMap<String, Duration>,
    /// Per origin (`scheme://host:port`): its robots.txt.
    robots: HashMap<String, Robots>,
    /// Per URL: validators for a conditional GET.
    validators: HashMap<String, Validators>,
}

impl Fetcher {
    /// A fetcher with no history.
    pub fn new(opts: FetchOptions) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(opts.user_agent.as_str())
            .timeout_global(Some(opts.timeout))
            .build();
        Fetcher {
            agent: config.new_agent(),
            opts,
            last_request: HashMap::new(),
            crawl_delay: HashMap::new(),
            robots: HashMap::new(),
            validators: HashMap::new(),
        }
    }

    /// The options in force.
    pub fn options(&self) -> &FetchOptions {
        &self.opts
    }

    /// The validators of `url`'s last response, if it had any.
    pub fn validators(&self, url: &str) -> Option<&Validators> {
        self.validators.get(url)
    }

    /// Makes the next [`Fetcher::get`] of `url` conditional on `validators` (from an earlier
    /// run, see [`crate::poll`]).
    pub fn set_validators(&mut self, url: &str, validators: Validators) {
        self.validators.insert(url.to_string(), validators);
    }

    /// GET with redirects (up to [`MAX_REDIRECTS`]), gzip/brotli decoded, the size cap, and a
    /// conditional GET when an earlier response in this run had `ETag`/`Last-Modified`: a
    /// `304 Not Modified` is `Ok(None)` (nothing new). Errors name the URL and the reason.
    pub fn get(&mut self, url: &str) -> Result<Option<Fetched>, FetchError> {
        let mut current = parse_url(url.trim(), url)?;
        for _ in 0..=MAX_REDIRECTS {
            if self.opts.respect_robots {
                self.check_robots(&current)?;
            }
            match self.exchange_with_retries(&current, true, self.opts.max_bytes)? {
                Exchange::Body(f) => return Ok(Some(f)),
                Exchange::NotModified => return Ok(None),
                Exchange::Redirect(next) => current = next,
            }
        }
        Err(FetchError::Redirect {
            url: url.to_string(),
            reason: format!("more than {MAX_REDIRECTS} redirects"),
        })
    }

    /// Fails when robots.txt of `url`'s origin forbids it; fetches that robots.txt first if
    /// this run has not yet.
    fn check_robots(&mut self, url: &str) -> Result<(), FetchError> {
        let parsed = url::Url::parse(url).map_err(|e| FetchError::BadUrl {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
        let origin = parsed.origin().ascii_serialization();
        if !self.robots.contains_key(&origin) {
            let robots = self.fetch_robots(&origin);
            if let Some(delay) = robots.crawl_delay {
                let host = host_key(url);
                self.crawl_delay.insert(host, delay.min(MAX_CRAWL_DELAY));
            }
            self.robots.insert(origin.clone(), robots);
        }
        let robots = &self.robots[&origin];
        let mut path = parsed.path().to_string();
        if let Some(q) = parsed.query() {
            path.push('?');
            path.push_str(q);
        }
        if robots.allows(&path) {
            Ok(())
        } else {
            Err(FetchError::Disallowed {
                url: url.to_string(),
                reason: robots.why.clone(),
            })
        }
    }

    /// The robots.txt of `origin` (`scheme://host[:port]`), following redirects.
    fn fetch_robots(&mut self, origin: &str) -> Robots {
        let mut current = format!("{origin}/robots.txt");
        for _ in 0..=MAX_REDIRECTS {
            match self.exchange_with_retries(&current, false, MAX_ROBOTS_BYTES) {
                Ok(Exchange::Body(f)) => return Robots::parse(&String::from_utf8_lossy(&f.body)),
                Ok(Exchange::NotModified) => return Robots::allow_all(),
                Ok(Exchange::Redirect(next)) => current = next,
                Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                    if status == 429 {
                        return Robots::disallow_all(format!("robots.txt answered HTTP {status}"));
                    }
                    return Robots::allow_all();
                }
                Err(FetchError::TooLarge { .. }) => return Robots::allow_all(),
                Err(e) => return Robots::disallow_all(format!("robots.txt unavailable: {e}")),
            }
        }
        Robots::allow_all()
    }

    /// One hop, tried again on retryable failures.
    fn exchange_with_retries(
        &mut self,
        url: &str,
        conditional: bool,
        limit: u64,
    ) -> Result<Exchange, FetchError> {
        let mut attempt = 0u32;
        loop {
            let (result, retry_after) = self.exchange(url, conditional, limit);
            match result {
                Err(e) if e.retryable() && attempt < self.opts.retries => {
                    let backoff = self
                        .opts
                        .retry_backoff
                        .saturating_mul(1u32.checked_shl(attempt).unwrap_or(u32::MAX));
                    let wait = retry_after.unwrap_or(backoff).min(MAX_RETRY_WAIT);
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// One request and its response; also returns a `Retry-After` wait when the server sent one.
    fn exchange(
        &mut self,
        url: &str,
        conditional: bool,
        limit: u64,
    ) -> (Result<Exchange, FetchError>, Option<Duration>) {
        let host = host_key(url);
        self.wait_for_host(&host);
        self.last_request.insert(host.clone(), Instant::now());
        let result = self.exchange_now(url, conditional, limit);
        self.last_request.insert(host, Instant::now());
        result
    }

    fn exchange_now(
        &mut self,
        url: &str,
        conditional: bool,
        limit: u64,
    ) -> (Result<Exchange, FetchError>, Option<Duration>) {
        let mut request = self.agent.get(url);
        if conditional {
            if let Some(v) = self.validators.get(url) {
                if let Some(etag) = &v.etag {
                    request = request.header("If-None-Match", etag.as_str());
                }
                if let Some(lm) = &v.last_modified {
                    request = request.header("If-Modified-Since", lm.as_str());
                }
            }
        }
        let mut response = match request.call() {
            Ok(r) => r,
            Err(e) => return (Err(self.transport_error(url, e)), None),
        };
        let status = response.status();
        let headers = response.headers().clone();
        let retry_after = header(&headers, "retry-after").and_then(|v| parse_retry_after(&v));
        if status == StatusCode::NOT_MODIFIED {
            return (Ok(Exchange::NotModified), None);
        }
        if status.is_redirection() && status != StatusCode::MULTIPLE_CHOICES {
            let Some(location) = header(&headers, "location") else {
                let reason = format!("HTTP {} without a Location header", status.as_u16());
                return (Err(redirect_error(url, reason)), None);
            };
            let next = url::Url::parse(url)
                .and_then(|base| base.join(location.trim()))
                .map_err(|e| redirect_error(url, format!("bad redirect to {location:?}: {e}")))
                .and_then(|u| parse_url(u.as_str(), url));
            return (next.map(Exchange::Redirect), None);
        }
        if !status.is_success() {
            let err = FetchError::Status {
                url: url.to_string(),
                status: status.as_u16(),
            };
            return (Err(err), retry_after);
        }
        let too_large = || FetchError::TooLarge {
            url: url.to_string(),
            limit,
        };
        let declared =
            header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit) {
            return (Err(too_large()), None);
        }
        let body = match response.body_mut().with_config().limit(limit).read_to_vec() {
            Ok(b) => b,
            Err(ureq::Error::BodyExceedsLimit(_)) => return (Err(too_large()), None),
            Err(e) => return (Err(self.transport_error(url, e)), None),
        };
        let validators = Validators {
            etag: header(&headers, "etag"),
            last_modified: header(&headers, "last-modified"),
        };
        if validators.etag.is_some() || validators.last_modified.is_some() {
            self.validators.insert(url.to_string(), validators);
        } else {
            self.validators.remove(url);
        }
        let fetched = Fetched {
            final_url: url.to_string(),
            content_type: header(&headers, "content-type"),
            body,
        };
        (Ok(Exchange::Body(fetched)), None)
    }

    /// Sleeps until `host` may be asked again.
    fn wait_for_host(&self, host: &str) {
        let interval = self
            .crawl_delay
            .get(host)
            .map_or(self.opts.per_host_interval, |d| {
                (*d).max(self.opts.per_host_interval)
            });
        if let Some(last) = self.last_request.get(host) {
            let ready = *last + interval;
            let now = Instant::now();
            if ready > now {
                std::thread::sleep(ready - now);
            }
        }
    }

    fn transport_error(&self, url: &str, e: ureq::Error) -> FetchError {
        let timeout = FetchError::Timeout {
            url: url.to_string(),
            timeout: self.opts.timeout,
        };
        match e {
            ureq::Error::Timeout(_) => timeout,
            ureq::Error::Io(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                ) =>
            {
                timeout
            }
            ureq::Error::BadUri(reason) => FetchError::BadUrl {
                url: url.to_string(),
                reason,
            },
            ureq::Error::HostNotFound => FetchError::Transport {
                url: url.to_string(),
                reason: "host not found".into(),
            },
            other => FetchError::Transport {
                url: url.to_string(),
                reason: other.to_string(),
            },
        }
    }
}

fn redirect_error(url: &str, reason: String) -> FetchError {
    FetchError::Redirect {
        url: url.to_string(),
        reason,
    }
}

/// `s` as an absolute http(s) URL string (normalised), or an error about `shown`.
fn parse_url(s: &str, shown: &str) -> Result<String, FetchError> {
    let bad = |reason: String| FetchError::BadUrl {
        url: shown.to_string(),
        reason,
    };
    let mut u = url::Url::parse(s).map_err(|e| bad(e.to_string()))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(bad(format!("scheme {:?}", u.scheme())));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host".into()));
    }
    u.set_fragment(None);
    Ok(u.to_string())
}

/// The host of a URL, lower-cased (the key for per-host spacing).
fn host_key(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default()
}

/// A header's value as text, if present and readable.
fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `Retry-After`: delay seconds, or an HTTP date (a date in the past is no wait).
fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?.timestamp();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs() as i64;
    Some(Duration::from_secs(at.saturating_sub(now).max(0) as u64))
}

/// The rules of one robots.txt that apply to us.
#[derive(Clone, Debug, Default)]
struct Robots {
    /// (allow, pattern); empty with `disallow_everything` false means all allowed.
    rules: Vec<(bool, String)>,
    disallow_everything: bool,
    crawl_delay: Option<Duration>,
    /// Why a disallow-all was assumed (for the error message).
    why: String,
}

impl Robots {
    fn allow_all() -> Robots {
        Robots::default()
    }

    fn disallow_all(why: String) -> Robots {
        Robots {
            disallow_everything: true,
            why,
            ..Robots::default()
        }
    }

    /// Parses robots.txt text and keeps the rules for our product token, else for `*`.
    fn parse(text: &str) -> Robots {
        #[derive(Default)]
        struct Group {
            agents: Vec<String>,
            rules: Vec<(bool, String)>,
            crawl_delay: Option<Duration>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents || groups.is_empty() {
                        groups.push(Group::default());
                    }
                    in_agents = true;
                    let agent = value.split('/').next().unwrap_or("").trim();
                    groups
                        .last_mut()
                        .expect("a group was pushed")
                        .agents
                        .push(agent.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        if !value.is_empty() {
                            g.rules.push((key == "allow", value.to_string()));
                        }
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        g.crawl_delay = value
                            .parse::<f64>()
                            .ok()
                            .filter(|d| d.is_finite() && *d >= 0.0)
                            .map(|d| Duration::from_secs_f64(d.min(MAX_CRAWL_DELAY.as_secs_f64())));
                    }
                }
                _ => {}
            }
        }
        let ours = |token: &str| -> Vec<&Group> {
            groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == token))
                .collect()
        };
        let mut chosen = ours(ROBOTS_TOKEN);
        if chosen.is_empty() {
            chosen = ours("*");
        }
        Robots {
            rules: chosen.iter().flat_map(|g| g.rules.clone()).collect(),
            crawl_delay: chosen.iter().filter_map(|g| g.crawl_delay).max(),
            ..Robots::default()
        }
    }

    /// Whether `path` (with its query) may be fetched: the longest matching rule wins, `Allow`
    /// on a tie; no matching rule allows.
    fn allows(&self, path: &str) -> bool {
        if self.disallow_everything {
            return false;
        }
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if pattern_matches(pattern, path) {
                let len = pattern.len();
                let better = match best {
                    None => true,
                    Some((l, a)) => len > l || (len == l && *allow && !a),
                };
                if better {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// A robots.txt path pattern: a prefix, where `*` matches any run of characters and a final `$`
/// anchors the end.
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = path;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 && anchored {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    !anchored || rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_groups_and_longest_match() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /\n\nUser-agent: Tacitus/1.0\nUser-agent: other\n\
             Disallow: /private\nAllow: /private/ok\nDisallow: /*.pdf$\nCrawl-delay: 2\n",
        );
        assert!(r.allows("/news/a"));
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/ok/x"));
        assert!(!r.allows("/files/a.pdf"));
        assert!(r.allows("/files/a.pdf?x=1"));
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));

        let star = Robots::parse("User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow:\n");
        assert!(!star.allows("/a/c"));
        assert!(star.allows("/a/b/c"));
        assert!(star.allows("/b"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n").allows("/x"));
        let tie = Robots::parse("User-agent: *\nDisallow: /p\nAllow: /p\n");
        assert!(tie.allows("/p"));
    }

    #[test]
    fn patterns() {
        assert!(pattern_matches("/a*c", "/abc/d"));
        assert!(pattern_matches("/a*c$", "/abbc"));
        assert!(!pattern_matches("/a*c$", "/abcd"));
        assert!(pattern_matches("/x$", "/x"));
        assert!(!pattern_matches("/x$", "/xy"));
        assert!(pattern_matches("/*", "/anything"));
    }

    #[test]
    fn retry_after() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
