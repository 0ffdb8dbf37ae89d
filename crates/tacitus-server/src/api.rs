//! The routes: JSON handlers over the store and the coder, and the embedded page.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use tacitus_model::{Document, Sink};
use tacitus_store::{EventFilter, Period, Store, StoreError, StoreSink};
use tower_http::cors::CorsLayer;
use tower_http::timeout::TimeoutLayer;

use crate::{assets, AppState, ServerConfig, ServerError};

/// The OpenAPI document of these routes.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// The clustering window after an ingest, as `tacitus ingest`'s default.
const CLUSTER_WINDOW_DAYS: u32 = 3;

/// Most events one page of `/api/events` returns.
const MAX_PAGE: usize = 500;

pub fn router(state: Arc<AppState>, config: &ServerConfig) -> Result<Router, ServerError> {
    let mut app = Router::new()
        .route("/", get(index))
        .route("/assets/{*path}", get(asset))
        .route("/api/openapi.json", get(openapi))
        .route("/api/health", get(health))
        .route("/api/actors", get(actors))
        .route("/api/dyad", get(series))
        .route("/api/events", get(events))
        .route("/api/locations", get(locations))
        .route("/api/report", get(report))
        .route("/api/documents/{content_hash}", get(document))
        .route("/api/code", post(code))
        .route("/api/ingest", post(ingest))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such route") })
        .with_state(state)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ));
    if let Some(origin) = &config.cors_origin {
        let origin = HeaderValue::from_str(origin)
            .ok()
            .filter(|o| o.to_str().is_ok_and(|o| o.starts_with("http")))
            .ok_or_else(|| ServerError::Origin(origin.clone()))?;
        app = app.layer(
            CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    Ok(app)
}

/// An error answer: a status and `{"error": "..."}`.
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        let status = match e {
            StoreError::Invalid(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(json!({ "error": self.message }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"tacitus\""),
            );
        }
        response
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// Runs a blocking store call on a reader connection, off the async threads.
async fn read<T: serde::Serialize + Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&mut dyn Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || f(state.reader().as_mut()))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .map_err(ApiError::from)
}

fn to_json(value: impl serde::Serialize) -> ApiResult {
    serde_json::to_value(value)
        .map(Json)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

async fn index() -> Response {
    asset(Path("index.html".to_string())).await
}

async fn asset(Path(path): Path<String>) -> Response {
    match assets::get(&path) {
        Some((kind, bytes)) => ([(header::CONTENT_TYPE, kind)], bytes).into_response(),
        None => ApiError::new(StatusCode::NOT_FOUND, format!("no asset {path}")).into_response(),
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn health(State(state): State<Arc<AppState>>) -> ApiResult {
    let writes = state.writer.is_some();
    let (documents, events, clusters) = read(&state, |s| {
        let (d, e) = s.counts()?;
        let c = s.query("SELECT count(*) FROM event_clusters")?.rows[0][0]
            .as_u64()
            .unwrap_or(0);
        Ok((d, e, c))
    })
    .await?;
    Ok(Json(json!({
        "documents": documents,
        "events": events,
        "clusters": clusters,
        "writes": writes,
        "dict_version": state.dict_version,
        "version": env!("CARGO_PKG_VERSION"),
    })))
}

/// The event filter every listing takes.
#[derive(Deserialize, Default)]
struct FilterQuery {
    source: Option<String>,
    target: Option<String>,
    actor: Option<String>,
    root: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

impl FilterQuery {
    fn filter(self) -> EventFilter {
        let given = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        EventFilter {
            source: given(self.source),
            target: given(self.target),
            actor: given(self.actor),
            root: given(self.root),
            since: given(self.since),
            until: given(self.until),
            document: None,
        }
    }
}

#[derive(Deserialize)]
struct ActorQuery {
    q: Option<String>,
    limit: Option<usize>,
}

async fn actors(State(state): State<Arc<AppState>>, Query(query): Query<ActorQuery>) -> ApiResult {
    let needle = query.q.unwrap_or_default().trim().to_lowercase();
    let limit = query.limit.unwrap_or(20).min(200);
    let actors = state.actors.read().unwrap_or_else(|p| p.into_inner());
    let found: Vec<_> = actors
        .iter()
        .filter(|a| {
            a.code.to_lowercase().starts_with(&needle) || a.name.to_lowercase().contains(&needle)
        })
        .take(limit)
        .collect();
    to_json(json!({ "actors": found }))
}

#[derive(Deserialize)]
struct SeriesQuery {
    #[serde(flatten)]
    filter: FilterQuery,
    by: Option<String>,
}

async fn series(State(state): State<Arc<AppState>>, Query(query): Query<SeriesQuery>) -> ApiResult {
    let by = query.by.unwrap_or_else(|| "week".into());
    let period = match by.as_str() {
        "day" => Period::Day,
        "week" => Period::Week,
        "month" => Period::Month,
        "year" => Period::Year,
        other => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("by={other:?}: use day, week, month or year"),
            ))
        }
    };
    let filter = query.filter.filter();
    let points = read(&state, move |s| s.dyad_series(&filter, period)).await?;
    to_json(json!({ "by": by, "points": points }))
}

#[derive(Deserialize)]
struct EventsQuery {
    #[serde(flatten)]
    filter: FilterQuery,
    limit: Option<usize>,
    cursor: Option<String>,
}

async fn events(State(state): State<Arc<AppState>>, Query(query): Query<EventsQuery>) -> ApiResult {
    let limit = query.limit.unwrap_or(50).clamp(1, MAX_PAGE);
    let filter = query.filter.filter();
    let cursor = query.cursor.filter(|c| !c.is_empty());
    let page = read(&state, move |s| s.events(&filter, cursor.as_deref(), limit)).await?;
    to_json(page)
}

async fn locations(
    State(state): State<Arc<AppState>>,
    Query(query): Query<FilterQuery>,
) -> ApiResult {
    let filter = query.filter();
    let locations = read(&state, move |s| s.locations(&filter)).await?;
    to_json(json!({ "locations": locations }))
}

#[derive(Deserialize)]
struct ReportQuery {
    actor: Option<String>,
    since: Option<String>,
    until: Option<String>,
    min_events: Option<u64>,
}

async fn report(State(state): State<Arc<AppState>>, Query(query): Query<ReportQuery>) -> ApiResult {
    let (Some(actor), Some(since)) = (query.actor, query.since) else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "report needs actor and since",
        ));
    };
    let until = query.until.filter(|u| !u.is_empty());
    let min_events = query.min_events.unwrap_or(2);
    let partners = read(&state, move |s| {
        s.report(&actor, &since, until.as_deref(), min_events)
    })
    .await?;
    to_json(json!({ "partners": partners }))
}

async fn document(
    State(state): State<Arc<AppState>>,
    Path(content_hash): Path<String>,
) -> ApiResult {
    let hash: u64 = content_hash.parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("{content_hash:?}: a content hash is a decimal integer"),
        )
    })?;
    let found = read(&state, move |s| {
        let Some(document) = s.document(hash)? else {
            return Ok(None);
        };
        let filter = EventFilter {
            document: Some(hash),
            ..EventFilter::default()
        };
        let events = s.events(&filter, None, MAX_PAGE)?.events;
        Ok(Some((document, events)))
    })
    .await?;
    match found {
        Some((document, events)) => to_json(json!({ "document": document, "events": events })),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no document {hash}"),
        )),
    }
}

/// Documents as JSON: one object, an array of them, or one per line (JSONL).
fn parse_documents(body: &[u8]) -> Result<Vec<Document>, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("body: not UTF-8 at byte {}", e.valid_up_to()),
        )
    })?;
    let bad = |what: String| ApiError::new(StatusCode::BAD_REQUEST, what);
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return serde_json::from_str(trimmed).map_err(|e| bad(format!("body: {e}")));
    }
    let mut documents = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        documents
            .push(serde_json::from_str(line).map_err(|e| bad(format!("line {}: {e}", i + 1)))?);
    }
    if documents.is_empty() {
        return Err(bad("body: no document".into()));
    }
    Ok(documents)
}

async fn code(State(state): State<Arc<AppState>>, body: Bytes) -> ApiResult {
    // One document; a pasted text needs no id.
    let mut value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, format!("body: {e}")))?;
    if let Some(object) = value.as_object_mut() {
        object.entry("id").or_insert_with(|| json!("pasted"));
    }
    let document: Document = serde_json::from_value(value).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("body: {e} (POST one document: {{\"text\": ..., \"published\": ...}})"),
        )
    })?;
    let state = Arc::clone(&state);
    let events = tokio::task::spawn_blocking(move || state.coder.code(&document))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?
        .0;
    to_json(json!({ "events": events }))
}

/// Whether `headers` carry the configured bearer token (compared in constant time).
fn authorized(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are disabled: start tacitus serve with TACITUS_TOKEN set",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let same = given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writes need Authorization: Bearer <TACITUS_TOKEN>",
        ))
    }
}

async fn ingest(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> ApiResult {
    authorized(&state, &headers)?;
    let documents = parse_documents(&body)?;
    let worker = Arc::clone(&state);
    let outcome = tokio::task::spawn_blocking(move || -> Result<Value, ApiError> {
        let state = worker;
        let writer = state
            .writer
            .as_ref()
            .ok_or_else(|| ApiError::new(StatusCode::FORBIDDEN, "the store is open read-only"))?;
        let mut store = writer.lock().unwrap_or_else(|p| p.into_inner());
        // Documents stored before (or twice in this body) are not coded again.
        let mut seen = std::collections::HashSet::new();
        let mut already_stored = 0u64;
        let mut fresh = Vec::new();
        for document in documents {
            let hash = document.content_hash();
            if !seen.insert(hash) || store.document(hash)?.is_some() {
                already_stored += 1;
            } else {
                fresh.push(document);
            }
        }
        let (mut coded, mut events) = (0u64, 0u64);
        let mut rejected = Vec::new();
        let written = {
            let mut sink = StoreSink::new(store.as_mut(), state.dict_version.clone());
            for document in &fresh {
                match state.coder.code(document) {
                    Ok((found, stats)) => {
                        sink.begin_document(document)?;
                        for event in &found {
                            sink.event(event)?;
                        }
                        sink.end_document(tacitus_model::DocumentSummary {
                            doc_id: &document.id,
                            sentences: stats.sentences,
                            events: found.len(),
                        })?;
                        coded += 1;
                        events += found.len() as u64;
                    }
                    Err(e) => rejected.push(e.to_string()),
                }
            }
            sink.finish()?;
            sink.written().to_vec()
        };
        if !written.is_empty() {
            store.update_clusters(CLUSTER_WINDOW_DAYS, &written)?;
        }
        let (documents_now, events_now) = store.counts()?;
        drop(store);
        state.refresh_actors()?;
        Ok(json!({
            "coded": coded,
            "events": events,
            "already_stored": already_stored,
            "rejected": rejected,
            "store": { "documents": documents_now, "events": events_now },
        }))
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    Ok(Json(outcome))
}
