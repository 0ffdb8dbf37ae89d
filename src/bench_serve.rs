//! `tacitus bench-serve`: a load test of `tacitus serve`'s dyad-series endpoint over an existing
//! store, on loopback and bounded in time. The server runs in this process on a free port with
//! its defaults; client threads keep one HTTP/1.1 connection each and ask for the weekly series
//! of random dyads among the busiest countries, as a dashboard's users would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use tacitus_knowledge::Knowledge;

/// One keep-alive connection that sends GETs and reads `Content-Length` answers.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    addr: SocketAddr,
}

impl Client {
    fn connect(addr: SocketAddr) -> Result<Client> {
        let stream = TcpStream::connect(addr).with_context(|| format!("connecting to {addr}"))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        Ok(Client {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
            addr,
        })
    }

    /// The status and body of `GET path`.
    fn get(&mut self, path: &str) -> Result<(u16, Vec<u8>)> {
        write!(
            self.writer,
            "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.addr
        )?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("not an HTTP status line: {line:?}"))?;
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse()?;
                }
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok((status, body))
    }
}

/// The `p`-th percentile of sorted `values` (nearest rank).
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn run(k: Arc<Knowledge>, db: &Path, seconds: u64, connections: usize) -> Result<()> {
    let mut config = tacitus_server::ServerConfig::new(db.to_path_buf());
    config.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let (tx, rx) = mpsc::channel();
    let server_config = config.clone();
    std::thread::spawn(move || {
        let result = tacitus_server::run(&server_config, k, |addr| {
            tx.send(Ok(addr)).ok();
        });
        if let Err(e) = result {
            tx.send(Err(e)).ok();
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(300))
        .context("the server did not start")??;

    // The busiest countries, from the API itself.
    let mut client = Client::connect(addr)?;
    let (status, body) = client.get("/api/actors?limit=200")?;
    if status != 200 {
        bail!("/api/actors answered {status}");
    }
    let actors: serde_json::Value = serde_json::from_slice(&body)?;
    let countries: Vec<String> = actors["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["code"].as_str())
        .filter(|c| c.len() == 3)
        .take(20)
        .map(str::to_string)
        .collect();
    if countries.len() < 2 {
        bail!("{}: fewer than two countries with events", db.display());
    }
    let (events_total, clusters) = {
        let (_, body) = client.get("/api/health")?;
        let health: serde_json::Value = serde_json::from_slice(&body)?;
        (health["events"].clone(), health["clusters"].clone())
    };

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let countries = Arc::new(countries);
    let workers: Vec<_> = (0..connections)
        .map(|i| {
            let countries = Arc::clone(&countries);
            std::thread::spawn(move || -> Result<(Vec<Duration>, u64)> {
                let mut client = Client::connect(addr)?;
                let mut state = 0x9e37_79b9_7f4a_7c15_u64 ^ (i as u64 + 1);
                let mut next = move || {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as usize
                };
                let (mut latencies, mut errors) = (Vec::new(), 0);
                while Instant::now() < deadline {
                    let source = &countries[next() % countries.len()];
                    let target = &countries[next() % countries.len()];
                    let path = format!("/api/dyad?source={source}&target={target}&by=week");
                    let started = Instant::now();
                    let (status, _) = client.get(&path)?;
                    latencies.push(started.elapsed());
                    if status != 200 {
                        errors += 1;
                    }
                }
                Ok((latencies, errors))
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (l, e) = w
            .join()
            .map_err(|_| anyhow::anyhow!("a client panicked"))??;
        latencies.extend(l);
        errors += e;
    }
    if latencies.is_empty() {
        bail!("no request completed in {seconds} s");
    }
    latencies.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "store: {} ({events_total} event mentions, {clusters} events); {} countries",
        db.display(),
        countries.len()
    );
    println!(
        "GET /api/dyad?source=..&target=..&by=week, {connections} connections, {seconds} s: \
         {} requests, {errors} errors, {:.1} requests/s; latency p50 {:.1} ms, p90 {:.1} ms, \
         p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        latencies.len() as f64 / seconds as f64,
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 90.0)),
        ms(percentile(&latencies, 99.0)),
        ms(*latencies.last().unwrap_or(&Duration::ZERO)),
    );
    Ok(())
}
