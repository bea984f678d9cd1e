//! The HTTP service: routes, authentication, and the receipt pipeline (verify, nonce,
//! requirements, policy, append), served by hyper with a timer (a header-read timeout), a
//! whole-request timeout and a cap on open connections.

use crate::chain::{sha256_hex, HeadClaims, LedgerKey};
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery, Jose, JsonBody};
use crate::nonce::NonceRequest;
use crate::policy::{latest, required, split_products, Accepted, Required};
use crate::store::{Entry, Store};
use crate::time::{now_ms, rfc3339_ms};
use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use consent_terms_core::catalog::{Catalog, Source};
use consent_terms_core::verify::{verify_receipt, VerifyOptions};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The largest request body accepted: 64 KiB.
pub const MAX_BODY: usize = 64 * 1024;

/// Nonces expire after this many seconds unless configured otherwise.
pub const DEFAULT_NONCE_TTL_SECONDS: i64 = 15 * 60;

/// Most entries one export answer holds; a client pages on with `since`.
pub const EXPORT_PAGE: i64 = 10_000;

pub use consent_terms_core::requirements::DEFAULT_CLOCK_SKEW_SECONDS;

/// What a client may hold of the service, and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// A connection that has not sent a whole request head within this time is closed (also an
    /// idle keep-alive connection between requests).
    pub header_timeout: Duration,
    /// A request not answered within this time (its body read, checked, stored) gets 408.
    pub request_timeout: Duration,
    /// Connections open at once; further ones wait in the listen queue until one closes.
    pub max_connections: usize,
    /// An export answer stops at the first whole entry past this many bytes (or at
    /// [`EXPORT_PAGE`] entries): a receipt may be 64 KiB, so a page of them is bounded by bytes.
    pub export_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 512,
            export_bytes: 8 * 1024 * 1024,
        }
    }
}

/// How the service is started.
#[derive(Clone, Debug)]
pub struct Config {
    /// The agreements directory (the catalogue receipts are checked against).
    pub agreements: PathBuf,
    /// `sqlite://FILE` or `postgres://...`.
    pub db: String,
    /// Where to listen (port 0: any free port).
    pub listen: SocketAddr,
    /// The file holding the bearer token.
    pub token_file: PathBuf,
    /// The ledger's private key file (JWK), created on first start.
    pub ledger_key: PathBuf,
    /// Nonce lifetime, seconds.
    pub nonce_ttl_seconds: i64,
    /// How far a receipt's `accepted_at` may lie outside its nonce's lifetime, seconds.
    pub clock_skew_seconds: i64,
    /// Timeouts and the connection cap.
    pub limits: Limits,
}

/// Everything a request handler needs.
pub struct AppState {
    catalog: Catalog,
    store: Store,
    key: LedgerKey,
    token: String,
    nonce_ttl_ms: i64,
    clock_skew_ms: i64,
    /// The highest seq this process has signed a head for: a head below it means entries were
    /// taken from the database's end since, and is not signed.
    signed: std::sync::atomic::AtomicI64,
    export_bytes: usize,
}

/// A started service.
pub struct Running {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Ends when the service stops.
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    state: Arc<AppState>,
}

impl Running {
    /// The ledger's key.
    pub fn ledger_key(&self) -> &LedgerKey {
        &self.state.key
    }
}

/// Loads the catalogue at `dir`.
pub fn load_catalog(dir: &std::path::Path) -> Result<Catalog, String> {
    let sources = Source::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if sources.is_empty() {
        return Err(format!("{}: no agreement sources (*.md)", dir.display()));
    }
    Catalog::from_sources(&sources).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Reads the catalogue, the token and the key, opens the database, binds the address and
/// serves in a task.
pub async fn start(config: &Config) -> Result<Running, String> {
    let catalog = load_catalog(&config.agreements)?;
    let token = std::fs::read_to_string(&config.token_file)
        .map_err(|e| format!("--token-file {}: {e}", config.token_file.display()))?
        .trim()
        .to_string();
    if token.len() < 16 {
        return Err(format!(
            "--token-file {}: the token must be at least 16 characters",
            config.token_file.display()
        ));
    }
    if config.nonce_ttl_seconds <= 0 {
        return Err("--nonce-ttl must be a positive number of seconds".into());
    }
    if config.clock_skew_seconds < 0 {
        return Err("--clock-skew must be zero or a positive number of seconds".into());
    }
    let limits = config.limits;
    if limits.header_timeout.is_zero() || limits.request_timeout.is_zero() {
        return Err("--header-timeout and --request-timeout must be positive".into());
    }
    if limits.max_connections == 0 {
        return Err("--max-connections must be at least 1".into());
    }
    if let Some(open_files) = open_file_limit() {
        // The database, the log, the key file and the runtime need descriptors too.
        if limits.max_connections as u64 + 64 > open_files {
            tracing::warn!(
                max_connections = limits.max_connections,
                open_files,
                "--max-connections is close to or above the open-file limit; a flood of connections can leave the database without a descriptor"
            );
        }
    }
    let key = LedgerKey::load_or_create(&config.ledger_key)?;
    let store = Store::open(&config.db).await?;
    let state = Arc::new(AppState {
        catalog,
        store,
        key,
        token,
        nonce_ttl_ms: config.nonce_ttl_seconds * 1000,
        clock_skew_ms: config.clock_skew_seconds.saturating_mul(1000),
        signed: std::sync::atomic::AtomicI64::new(0),
        export_bytes: limits.export_bytes,
    });
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    tracing::info!(%addr, backend = state.store.backend(), kid = state.key.kid(), "consent ledger listening");
    let app = router(state.clone()).layer(
        tower::ServiceBuilder::new()
            .layer(HandleErrorLayer::new(|_: tower::BoxError| async {
                ApiError::RequestTimeout
            }))
            .layer(tower::timeout::TimeoutLayer::new(limits.request_timeout)),
    );
    let task = tokio::spawn(serve(listener, app, limits));
    Ok(Running { addr, task, state })
}

/// The soft limit on open files of this process, where the system says (Linux).
fn open_file_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Accepts connections while fewer than `limits.max_connections` are open and serves each with
/// hyper's HTTP/1.1 server, whose timer closes a connection that does not send a request head
/// in time, and closes one whose answer cannot be written for the request timeout. (`axum::serve` gives hyper no timer, so no header timeout applies there; hyper-util's
/// `auto` builder would read the first bytes, to tell HTTP/2 from HTTP/1.1, with no timeout.)
async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let http = Arc::new(http);
    loop {
        // A slot first: while every slot is taken, connections wait in the kernel's queue and
        // hold no descriptor of this process.
        let slot = slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| std::io::Error::other("the connection slots were closed"))?;
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) if is_connection_error(&e) => continue,
            Err(e) => {
                // Out of descriptors, for instance: wait rather than spin.
                tracing::error!(error = ?e.to_string(), "cannot accept a connection");
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        // A client that takes nothing of its answers (requests pipelined by the thousand, never
        // read) stops the connection reading further heads, so no header timer runs: an answer
        // that cannot be written for the request timeout closes the connection and its slot.
        let mut stream = tokio_io_timeout::TimeoutStream::new(stream);
        stream.set_write_timeout(Some(limits.request_timeout));
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let http = http.clone();
        tokio::spawn(async move {
            let _slot = slot;
            if let Err(e) = http
                .serve_connection(TokioIo::new(Box::pin(stream)), service)
                .await
            {
                tracing::debug!(error = ?e.to_string(), "connection closed");
            }
        });
    }
}

fn is_connection_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// The service's routes over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    let authed = Router::new()
        .route("/v1/nonces", post(post_nonce))
        .route("/v1/receipts", post(post_receipt))
        .route("/v1/receipts/{receipt_id}", get(get_receipt))
        .route("/v1/subjects/{subject}/status", get(get_status))
        .route("/v1/export", get(get_export))
        .route("/v1/ledger-key", get(get_ledger_key))
        .route("/v1/head", get(get_head))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            authenticate,
        ));
    Router::new()
        .route("/healthz", get(healthz))
        .merge(authed)
        .fallback(|| async { ApiError::NotFound("no such endpoint".into()) })
        .method_not_allowed_fallback(|method: axum::http::Method| async move {
            ApiError::MethodNotAllowed(format!("`{method}` is not a method of this endpoint"))
        })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn authenticate(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        // The scheme is case-insensitive (RFC 9110 11.1).
        .and_then(|(scheme, token)| scheme.eq_ignore_ascii_case("bearer").then_some(token));
    match given {
        Some(t) if same_secret(t.trim().as_bytes(), state.token.as_bytes()) => {
            next.run(request).await
        }
        _ => ApiError::Unauthorized.into_response(),
    }
}

/// `GET /healthz`.
#[derive(Serialize)]
struct Health {
    status: &'static str,
    backend: &'static str,
}

async fn healthz(State(state): State<Arc<AppState>>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await?;
    Ok(Json(Health {
        status: "ok",
        backend: state.store.backend(),
    }))
}

/// `POST /v1/nonces`: 201.
#[derive(Serialize)]
struct NonceIssued {
    nonce: String,
    issued_at: String,
    expires_at: String,
    read_to_end: bool,
    acknowledge_highlights: bool,
    mode: Option<&'static str>,
}

async fn post_nonce(
    State(state): State<Arc<AppState>>,
    JsonBody(request): JsonBody<NonceRequest>,
) -> Result<(StatusCode, Json<NonceIssued>), ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::NoRandomness(e.to_string()))?;
    let nonce = request.issue(
        &state.catalog,
        consent_terms_core::receipt::b64url(&bytes),
        now_ms(),
        state.nonce_ttl_ms,
    )?;
    state.store.insert_nonce(&nonce).await?;
    Ok((
        StatusCode::CREATED,
        Json(NonceIssued {
            issued_at: rfc3339_ms(nonce.issued_at_ms),
            expires_at: rfc3339_ms(nonce.expires_at_ms),
            read_to_end: nonce.requirements.read_to_end,
            acknowledge_highlights: nonce.requirements.acknowledge_highlights,
            mode: nonce.requirements.mode.map(|m| m.as_str()),
            nonce: nonce.nonce,
        }),
    ))
}

/// `POST /v1/receipts`: 201, once committed.
#[derive(Serialize)]
struct Stored {
    seq: i64,
    receipt_id: String,
    received_at: String,
    entry_hash: String,
    witness: String,
}

async fn post_receipt(
    State(state): State<Arc<AppState>>,
    jws: Result<Jose, ApiError>,
) -> Result<(StatusCode, Json<Stored>), ApiError> {
    let result = match jws {
        Ok(Jose(jws)) => store_receipt(&state, &jws).await,
        Err(e) => Err(e),
    };
    if let Err(e) = &result {
        // Debug formatting: what a client sent (a nonce, a subject) is quoted with its line
        // breaks escaped, so it cannot write a line of its own into the log.
        tracing::warn!(status = e.status().as_u16(), code = e.code(), message = ?e.message(), "receipt refused");
    }
    result
}

async fn store_receipt(
    state: &AppState,
    jws: &str,
) -> Result<(StatusCode, Json<Stored>), ApiError> {
    let now = now_ms();
    let verified = verify_receipt(
        jws,
        &state.catalog,
        &VerifyOptions {
            now_ms: now,
            ..VerifyOptions::default()
        },
    )?;
    let record = verified.record;
    let nonce_text = record.nonce.as_deref().ok_or(ApiError::NonceMissing)?;
    let nonce = state.store.nonce(nonce_text).await?.ok_or_else(|| {
        ApiError::NonceUnknown(format!(
            "nonce `{nonce_text}` was not issued by this ledger"
        ))
    })?;
    // What the subject accepted before: the sign-up's agreements among them are not asked
    // again by the widget, and need not be in the receipt.
    let accepted = match nonce.provider {
        Some(_) => latest(state.store.acceptances(&nonce.subject).await?),
        None => Vec::new(),
    };
    nonce.admit(&record, &state.catalog, &accepted, now, state.clock_skew_ms)?;
    let entry = state
        .store
        .append(jws, &record, &nonce.nonce, &nonce.subject, &state.key)
        .await?;
    tracing::info!(seq = entry.seq, receipt_id = ?entry.receipt_id, subject = ?nonce.subject, "receipt stored");
    Ok((
        StatusCode::CREATED,
        Json(Stored {
            seq: entry.seq,
            receipt_id: entry.receipt_id,
            received_at: entry.received_at,
            entry_hash: entry.entry_hash,
            witness: entry.witness,
        }),
    ))
}

/// `GET /v1/receipts/{receipt_id}`: the export line and the receipt's hash.
#[derive(Serialize)]
struct StoredEntry {
    #[serde(flatten)]
    entry: Entry,
    receipt_sha256: String,
}

async fn get_receipt(
    State(state): State<Arc<AppState>>,
    ApiPath(receipt_id): ApiPath<String>,
) -> Result<Json<StoredEntry>, ApiError> {
    let entry = state
        .store
        .entry_by_receipt(&receipt_id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no receipt `{receipt_id}` in the ledger")))?;
    Ok(Json(StoredEntry {
        receipt_sha256: entry.receipt_sha256.clone(),
        entry,
    }))
}

/// The query of `GET /v1/subjects/{subject}/status`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusQuery {
    provider: Option<String>,
    products: Option<String>,
    lang: Option<String>,
}

/// `GET /v1/subjects/{subject}/status`.
#[derive(Serialize)]
struct Status {
    subject: String,
    accepted: Vec<Accepted>,
    required: Vec<Required>,
}

async fn get_status(
    State(state): State<Arc<AppState>>,
    ApiPath(subject): ApiPath<String>,
    ApiQuery(query): ApiQuery<StatusQuery>,
) -> Result<Json<Status>, ApiError> {
    crate::nonce::check_subject(&subject)?;
    let tag = |l: &str| {
        let mut parts = l.split('-');
        parts.next().is_some_and(|p| {
            (2..=8).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphabetic())
        }) && parts
            .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphanumeric()))
    };
    if let Some(lang) = query.lang.as_deref().filter(|l| !tag(l)) {
        return Err(ApiError::BadRequest(
            [
                "`lang` `",
                lang,
                "` is not a language tag such as `en` or `zh-CN`",
            ]
            .concat(),
        ));
    }
    let mut accepted = latest(state.store.acceptances(&subject).await?);
    if let Some(provider) = &query.provider {
        accepted.retain(|a| {
            state
                .catalog
                .versions(&a.id)
                .first()
                .is_some_and(|v| &v.meta.provider == provider)
        });
    }
    let needed = match &query.provider {
        None if query.products.is_some() => {
            return Err(ApiError::BadRequest("`products` needs `provider`".into()))
        }
        None => Vec::new(),
        Some(provider) => {
            let products = query
                .products
                .as_deref()
                .map(split_products)
                .unwrap_or_default();
            let lang = query.lang.as_deref().unwrap_or("en");
            required(&state.catalog, provider, &products, lang, &accepted)?
        }
    };
    Ok(Json(Status {
        subject,
        accepted,
        required: needed,
    }))
}

/// The query of `GET /v1/export`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportQuery {
    since: Option<String>,
}

async fn get_export(
    State(state): State<Arc<AppState>>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let since = match query.since {
        None => 0,
        Some(s) => s.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            ApiError::BadRequest(format!("`since` `{s}` is not a sequence number"))
        })?,
    };
    // Read a batch at a time, so that neither the page nor the database's answer holds more
    // than about `export_bytes`.
    const BATCH: i64 = 256;
    let (mut body, mut after, mut count) = (String::new(), since, 0);
    'page: loop {
        let entries = state.store.entries_after(after, BATCH).await?;
        for e in &entries {
            if count == EXPORT_PAGE || (count > 0 && body.len() >= state.export_bytes) {
                break 'page;
            }
            body.push_str(&e.to_json().to_string());
            body.push('\n');
            (after, count) = (e.seq, count + 1);
        }
        if (entries.len() as i64) < BATCH {
            break;
        }
    }
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response())
}

async fn get_ledger_key(State(state): State<Arc<AppState>>) -> Response {
    Json(state.key.public_jwk_json()).into_response()
}

/// `GET /v1/head`: the chain's end and the same claims signed.
#[derive(Serialize)]
struct Head {
    #[serde(flatten)]
    claims: HeadClaims,
    head: String,
}

async fn get_head(State(state): State<Arc<AppState>>) -> Result<Json<Head>, ApiError> {
    let (seq, entry_hash) = state.store.head().await?;
    let signed = state
        .signed
        .fetch_max(seq, std::sync::atomic::Ordering::SeqCst);
    if seq < signed {
        tracing::error!(
            seq,
            signed,
            "the chain's head went back: entries were removed from the database"
        );
        return Err(ApiError::ChainRewound(format!(
            "the chain's head is seq {seq}, below seq {signed} this ledger signed before: entries were removed from its database; keep the heads it signed to show which"
        )));
    }
    let claims = HeadClaims {
        seq,
        entry_hash,
        signed_at: rfc3339_ms(now_ms()),
    };
    Ok(Json(Head {
        head: state.key.head(&claims),
        claims,
    }))
}

/// SHA-256 of a receipt as the ledger hashes it.
pub fn receipt_sha256(jws: &str) -> String {
    sha256_hex(jws.trim().as_bytes())
}
