//! The dashboard as an analyst meets it: headless Chromium, driven through chromedriver's W3C
//! WebDriver protocol, opens the page `tacitus serve` serves over the example corpus, picks
//! Kazakhstan → Russia from the search suggestions, clicks a bar of the series with a real pointer
//! and reads the bucket's evidence sentence with its marks; a screenshot is kept for the docs.
//!
//! Skips, saying why, where Debian's `chromium` and `chromium-driver` are not installed.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use serde_json::{json, Value};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const POLL: Duration = Duration::from_millis(100);
const PATIENCE: Duration = Duration::from_secs(20);
/// The key under which W3C WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A child process killed (with its process group, where it leads one) when the test ends, even
/// by a panic.
struct Reaped {
    child: Child,
    group: bool,
}

impl Drop for Reaped {
    fn drop(&mut self) {
        if self.group {
            // The browser that chromedriver started may outlive chromedriver itself.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver session; dropping it closes the browser.
struct Session {
    agent: ureq::Agent,
    url: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.url).call();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .proxy(None)
        .build()
        .into()
}

/// Sends a WebDriver command and returns its `value`, or the driver's error as an `Err`.
fn command(agent: &ureq::Agent, method: &str, url: &str, body: Option<Value>) -> Result<Value> {
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        (_, body) => agent.post(url).send_json(body.unwrap_or_else(|| json!({}))),
    };
    let mut response = response.with_context(|| format!("{method} {url}"))?;
    let reply: Value = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_json()
        .with_context(|| format!("{method} {url}: reply is not JSON"))?;
    let value = reply.get("value").cloned().unwrap_or(Value::Null);
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        let message = value.get("message").and_then(Value::as_str).unwrap_or("");
        bail!("{method} {url}: {error}: {message}");
    }
    Ok(value)
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        command(&self.agent, method, &format!("{}{path}", self.url), body)
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page.
    fn exec(&self, script: &str, args: Value) -> Result<Value> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    fn find(&self, css: &str) -> Result<String> {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        found[ELEMENT_KEY]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| anyhow!("no element reference for {css}: {found}"))
    }

    /// Polls `script` until it returns something truthy, and returns that.
    fn wait_for(&self, what: &str, script: &str) -> Result<Value> {
        let start = Instant::now();
        loop {
            let value = self.exec(script, json!([]))?;
            let truthy = match &value {
                Value::Null | Value::Bool(false) => false,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return Ok(value);
            }
            if start.elapsed() > PATIENCE {
                bail!("timed out after {PATIENCE:?} waiting for {what}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Types `query` into the actor search and clicks the suggestion of `code`.
    fn pick_actor(&self, query: &str, code: &str) -> Result<()> {
        let search = self.find("#actor-search")?;
        self.call(
            "POST",
            &format!("/element/{search}/value"),
            Some(json!({ "text": query })),
        )?;
        let item = format!("#suggestions li[data-code=\"{code}\"]");
        self.wait_for(
            &format!("the suggestion {code} for {query:?}"),
            &format!("return document.querySelector('{item}') !== null"),
        )?;
        let li = self.find(&item)?;
        self.call("POST", &format!("/element/{li}/click"), None)?;
        Ok(())
    }
}

/// Starts `tacitus serve` on a free port and returns it with its URL and its stderr so far.
fn serve(db: &Path) -> Result<(Reaped, String, Arc<Mutex<String>>)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(["serve", "--db"])
        .arg(db)
        .args(["--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("tacitus serve starts")?;
    let stderr = child.stderr.take().context("piped stderr")?;
    let server = Reaped {
        child,
        group: false,
    };
    let log = Arc::new(Mutex::new(String::new()));
    let (first_line, first) = mpsc::channel();
    let sink = Arc::clone(&log);
    // Keeps reading, so that a chatty server never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = first_line.send(line.clone());
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    let line = first
        .recv_timeout(PATIENCE)
        .context("tacitus serve printed no first line on stderr")?;
    let url = line
        .strip_prefix("tacitus: serving ")
        .with_context(|| format!("unexpected first line of tacitus serve: {line:?}"))?
        .trim_end_matches('/')
        .to_owned();
    Ok((server, url, log))
}

/// Starts chromedriver on a free loopback port and returns it with its URL once it is ready.
fn chromedriver(log: &Path) -> Result<(Reaped, String)> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .arg(format!("--log-path={}", log.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .context("chromedriver starts")?;
    let driver = Reaped { child, group: true };
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    let agent = agent();
    while command(&agent, "GET", &format!("{url}/status"), None)
        .ok()
        .and_then(|s| s["ready"].as_bool())
        != Some(true)
    {
        if start.elapsed() > PATIENCE {
            bail!("chromedriver was not ready within {PATIENCE:?}");
        }
        std::thread::sleep(POLL);
    }
    Ok((driver, url))
}

/// A headless Chromium session. The flags that stop background networking matter here: without
/// them Chromium misbehaves on a machine without network.
fn session(driver: &str, profile: &Path) -> Result<Session> {
    let args = [
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        "--window-size=1400,1000".to_owned(),
    ];
    let capabilities = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
        "goog:loggingPrefs": { "browser": "ALL" },
    }}});
    let agent = agent();
    let created = command(
        &agent,
        "POST",
        &format!("{driver}/session"),
        Some(capabilities),
    )?;
    let id = created["sessionId"]
        .as_str()
        .context("no session id")?
        .to_owned();
    Ok(Session {
        agent,
        url: format!("{driver}/session/{id}"),
    })
}

/// The analyst's path through the page, ending with a screenshot written to `png`.
fn drive(browser: &Session, base: &str, png: &Path) -> Result<()> {
    browser.call("POST", "/url", Some(json!({ "url": format!("{base}/") })))?;
    browser.wait_for(
        "the store's totals",
        "return /\\d+ documents/.test(document.getElementById('totals').textContent)",
    )?;

    // The first pick becomes the source, the second the target.
    browser.pick_actor("kaz", "KAZ")?;
    browser.wait_for(
        "KAZ as the source",
        "return document.getElementById('source-code').textContent === 'KAZ'",
    )?;
    browser.pick_actor("rus", "RUS")?;
    browser.wait_for(
        "RUS as the target",
        "return document.getElementById('target-code').textContent === 'RUS'",
    )?;

    // The dyad's series is drawn once no request is pending and a bucket holds events.
    browser.wait_for(
        "the chart of KAZ → RUS",
        "const t = window.tacitus;
         return !document.getElementById('chart').hasAttribute('aria-busy')
             && t.chart !== null && t.data.buckets.some(b => b.events > 0);",
    )?;
    // The middle of the first non-empty bucket's stack, in viewport pixels.
    let point = browser.exec(
        "const t = window.tacitus, u = t.chart;
         u.root.scrollIntoView({ block: 'center' });
         const b = t.data.buckets.find(b => b.events > 0);
         const r = u.over.getBoundingClientRect();
         return { x: Math.round(r.left + u.valToPos(b.x, 'x')),
                  y: Math.round(r.top + u.valToPos(b.events / 2, 'n')),
                  start: b.start, events: b.events };",
        json!([]),
    )?;
    let (x, y) = (point["x"].as_i64(), point["y"].as_i64());
    let (Some(x), Some(y)) = (x, y) else {
        bail!("no pixel for a bucket: {point}");
    };
    println!("clicking the bucket {} at ({x}, {y})", point["start"]);
    browser.call(
        "POST",
        "/actions",
        Some(json!({ "actions": [{
            "type": "pointer",
            "id": "mouse",
            "parameters": { "pointerType": "mouse" },
            "actions": [
                { "type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y },
                { "type": "pointerDown", "button": 0 },
                { "type": "pointerUp", "button": 0 },
            ],
        }]})),
    )?;
    browser.call("DELETE", "/actions", None)?;

    let sentence = browser.wait_for(
        "an event sentence about Kazakhstan with its source and verb marked",
        "const hit = [...document.querySelectorAll('#events .event .sentence')].find(s =>
             s.textContent.includes('Kazakhstan')
             && s.querySelector('mark.source') && s.querySelector('mark.verb'));
         return hit ? hit.innerHTML : null;",
    )?;
    println!("evidence: {}", sentence.as_str().unwrap_or_default());

    let shot = browser.call("GET", "/screenshot", None)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(shot.as_str().context("screenshot is not a string")?)
        .context("screenshot is not base64")?;
    std::fs::create_dir_all(png.parent().unwrap())?;
    std::fs::write(png, &bytes)?;
    Ok(())
}

/// What the page showed and logged, for a failure's message.
fn diagnostics(browser: &Session) -> String {
    let text = browser
        .exec("return document.body.innerText", json!([]))
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .unwrap_or_else(|e| format!("(no page text: {e:#})"));
    let console = match browser.call("POST", "/se/log", Some(json!({ "type": "browser" }))) {
        Ok(Value::Array(entries)) => entries
            .iter()
            .map(|e| format!("{} {}", e["level"], e["message"]))
            .collect::<Vec<_>>()
            .join("\n"),
        Ok(other) => other.to_string(),
        Err(e) => format!("(no console log: {e:#})"),
    };
    format!("page text:\n{text}\n\nconsole:\n{console}")
}

#[test]
fn dashboard_lists_a_clicked_buckets_evidence() {
    for binary in [CHROMEDRIVER, CHROMIUM] {
        if !Path::new(binary).exists() {
            println!("skipping: {binary} is missing (apt-get install chromium chromium-driver)");
            return;
        }
    }
    let started = Instant::now();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir().join(format!("tacitus-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join("profile")).unwrap();

    let db = tmp.join("e2e.db");
    let ingest = Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(root.join("examples/news.jsonl"))
        .output()
        .expect("tacitus ingest runs");
    assert!(
        ingest.status.success(),
        "tacitus ingest: {}",
        String::from_utf8_lossy(&ingest.stderr)
    );

    let (_server, base, server_log) = serve(&db).expect("tacitus serve starts");
    let (_driver, driver_url) =
        chromedriver(&tmp.join("chromedriver.log")).expect("chromedriver starts");
    let browser = session(&driver_url, &tmp.join("profile")).expect("a Chromium session");

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let png = target.join("e2e/dashboard.png");
    if let Err(e) = drive(&browser, &base, &png) {
        panic!(
            "{e:#}\n\n{}\n\nserver stderr:\n{}",
            diagnostics(&browser),
            server_log.lock().unwrap()
        );
    }
    println!("screenshot: {}", png.display());
    if std::env::var("TACITUS_UPDATE_SCREENSHOT").as_deref() == Ok("1") {
        let docs = root.join("docs/dashboard.png");
        std::fs::create_dir_all(docs.parent().unwrap()).unwrap();
        std::fs::copy(&png, &docs).unwrap();
        println!("updated {}", docs.display());
    }
    drop(browser);
    let _ = std::fs::remove_dir_all(&tmp);
    println!("dashboard e2e took {:.1?}", started.elapsed());
}
