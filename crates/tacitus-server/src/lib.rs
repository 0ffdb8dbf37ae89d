//! `tacitus serve`: a JSON API over an event store, and the dashboard page that uses it.
//!
//! The routes, their parameters and their answers are described by the OpenAPI document served
//! at `/api/openapi.json` (`openapi.json` beside this crate's sources). The page and its
//! libraries are embedded in the binary ([`assets`]), so the server works offline.
//!
//! Safe to leave running:
//! - it binds what it is told ([`ServerConfig::addr`]; the CLI's default is 127.0.0.1);
//! - writes (`POST /api/ingest`) need `Authorization: Bearer <token>`, and without a configured
//!   token the store is opened read-only, so nothing can write it;
//! - request bodies are capped ([`ServerConfig::body_limit`], 413) and every request has a time
//!   limit ([`ServerConfig::request_timeout`], 408), which also ends slow uploads;
//! - no client text reaches SQL except as bound parameters: the handlers call the store's fixed
//!   queries ([`tacitus_store::Store`]), never `query`;
//! - CORS is off unless an origin is configured.
//!
//! Store calls block, so each runs on tokio's blocking pool with one of a few connections: to
//! the one open DuckDB database, or to PostgreSQL (read-only sessions for the readers).

mod api;
mod assets;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use tacitus_coder::{Coder, CoderOptions};
use tacitus_knowledge::{ActorKind, Knowledge};
use tacitus_store::{ActorCount, DuckStore, PgStore, Store, StoreError};

/// How `tacitus serve` runs.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// The store: a DuckDB file, or a `postgres://` URL.
    pub db: PathBuf,
    /// Bearer token that writes need; `None` opens the store read-only and refuses writes.
    pub token: Option<String>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Longest a request may take, reading its body included.
    pub request_timeout: Duration,
    /// An origin allowed to call the API from its own pages (CORS); `None`: same origin only.
    pub cors_origin: Option<String>,
    /// Connections that answer reads in parallel.
    pub readers: usize,
}

impl ServerConfig {
    /// The defaults for a store at `db`: loopback port 8080, read-only, 1 MiB bodies, 30 s.
    pub fn new(db: PathBuf) -> ServerConfig {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db,
            token: None,
            body_limit: 1 << 20,
            request_timeout: Duration::from_secs(30),
            cors_origin: None,
            readers: 4,
        }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
    #[error("CORS origin {0:?}: not a valid origin")]
    Origin(String),
}

/// What every handler shares: the store's connections, the coder and the configuration.
pub struct AppState {
    readers: Vec<Mutex<Reader>>,
    next_reader: AtomicUsize,
    /// The connection that writes; present only when a token is configured.
    writer: Option<Mutex<Reader>>,
    coder: Coder,
    dict_version: String,
    token: Option<String>,
    /// Actors with their event counts, for search-as-you-type; refreshed after each ingest.
    actors: RwLock<Vec<ActorCount>>,
    /// Names of states by code, for country codes that never act under their own name.
    state_names: HashMap<String, String>,
}

impl AppState {
    /// Opens the store (read-write only with a token) and loads the actor list.
    pub fn open(config: &ServerConfig, knowledge: Arc<Knowledge>) -> Result<AppState, ServerError> {
        let (readers, writer) = open_connections(config)?;
        let dict_version = knowledge.version.clone();
        let mut state_names = HashMap::new();
        for id in 0..knowledge.actors.len() {
            let entry = knowledge.actors.entry(id as u32);
            if entry.kind == ActorKind::State {
                state_names
                    .entry(entry.code.clone())
                    .or_insert_with(|| entry.name.clone());
            }
        }
        let state = AppState {
            readers,
            next_reader: AtomicUsize::new(0),
            writer,
            coder: Coder::new(knowledge, CoderOptions { explain: true }),
            dict_version,
            token: config.token.clone(),
            actors: RwLock::new(Vec::new()),
            state_names,
        };
        state.refresh_actors()?;
        Ok(state)
    }

    /// A reader connection, taken in turn.
    fn reader(&self) -> MutexGuard<'_, Reader> {
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        // A panic while holding a connection leaves it usable: DuckDB rolled back.
        self.readers[i].lock().unwrap_or_else(|p| p.into_inner())
    }

    fn refresh_actors(&self) -> Result<(), StoreError> {
        let mut actors = self.reader().actors()?;
        for actor in &mut actors {
            if actor.name == actor.code {
                if let Some(name) = self.state_names.get(&actor.code) {
                    actor.name.clone_from(name);
                }
            }
        }
        *self.actors.write().unwrap_or_else(|p| p.into_inner()) = actors;
        Ok(())
    }
}

/// One connection to the store, whichever backend.
pub(crate) type Reader = Box<dyn Store + Send>;

/// Connections that read, and the one that writes (with a token).
type Connections = (Vec<Mutex<Reader>>, Option<Mutex<Reader>>);

/// `config.readers` reading connections and, with a token, one writing connection.
fn open_connections(config: &ServerConfig) -> Result<Connections, ServerError> {
    let spec = config.db.to_string_lossy();
    let count = config.readers.max(1);
    let writes = config.token.is_some();
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        let mut readers = Vec::new();
        for _ in 0..count {
            let mut reader = PgStore::connect(&spec)?;
            // Every later transaction of this session is read-only, whatever it runs.
            reader.query("SET default_transaction_read_only = on")?;
            readers.push(Mutex::new(Box::new(reader) as Reader));
        }
        let writer = if writes {
            Some(Mutex::new(Box::new(PgStore::connect(&spec)?) as Reader))
        } else {
            None
        };
        return Ok((readers, writer));
    }
    // DuckDB: one database per process; the other connections are clones of the first.
    let first = if writes {
        DuckStore::open(&config.db)?
    } else {
        DuckStore::open_read_only(&config.db)?
    };
    let mut readers = Vec::new();
    for _ in 0..count {
        readers.push(Mutex::new(Box::new(first.try_clone()?) as Reader));
    }
    let writer = writes.then(|| Mutex::new(Box::new(first) as Reader));
    Ok((readers, writer))
}

/// Serves `state` on `listener` until the process is stopped (Ctrl-C or SIGTERM end it after
/// the requests in flight).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    config: &ServerConfig,
) -> Result<(), ServerError> {
    let app = api::router(state, config)?;
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// Binds `config.addr` (port 0 picks a free port).
pub async fn bind(config: &ServerConfig) -> Result<tokio::net::TcpListener, ServerError> {
    tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServerError::Bind {
            addr: config.addr,
            source,
        })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Opens the store, binds and serves until stopped, on a runtime of its own; `bound` is told
/// the address actually bound (port 0 picks one) before the first request is taken.
pub fn run(
    config: &ServerConfig,
    knowledge: Arc<Knowledge>,
    bound: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let state = Arc::new(AppState::open(config, knowledge)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = bind(config).await?;
        bound(listener.local_addr()?);
        serve(listener, state, config).await
    })
}
