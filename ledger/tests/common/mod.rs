//! What the ledger's integration tests share: a fresh SQLite file or PostgreSQL database, a
//! started service, signed receipts.
#![allow(dead_code)]

/// Each named `async fn NAME(backend: Backend)` of the test file as two tests, one per
/// backend: `sqlite::NAME` and `postgres::NAME`.
#[allow(unused_macros)]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::Backend::Postgres).await
                }
            )*
        }
    };
}

use consent_terms_core::catalog::Catalog;
use consent_terms_core::receipt::ConsentRecord;
use consent_terms_core::verify::sign_receipt;
use consent_terms_ledger::chain::LedgerPublicKey;
use consent_terms_ledger::client::{request, Response};
use consent_terms_ledger::sample::{browser_key, record};
use consent_terms_ledger::server::{
    load_catalog, start, Config, Limits, Running, DEFAULT_CLOCK_SKEW_SECONDS,
};
use consent_terms_ledger::time::{now_ms, rfc3339_ms};
use sqlx::Connection;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const TOKEN: &str = "test-token-0123456789abcdef";
pub const AUDIENCE: &str = "https://console.example.com";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "consent-ledger-{label}-{}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst),
            now_ms()
        ));
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn agreements_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../agreements")
}

pub fn catalog() -> Catalog {
    load_catalog(&agreements_dir()).expect("shipped agreements are valid")
}

/// The PostgreSQL server the tests use, from `LEDGER_TEST_POSTGRES_URL`. Without it the test
/// fails, unless `LEDGER_SKIP_POSTGRES=1` says to skip it (then it says so and returns None).
pub fn postgres_url() -> Option<String> {
    match std::env::var("LEDGER_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("LEDGER_SKIP_POSTGRES").as_deref() == Ok("1") => {
            eprintln!(
                "\n*** SKIPPED: PostgreSQL test not run (LEDGER_SKIP_POSTGRES=1). \
                 `bash tools/ledger.sh test` runs it against a throwaway cluster. ***\n"
            );
            None
        }
        _ => panic!(
            "LEDGER_TEST_POSTGRES_URL is not set: the PostgreSQL tests need a server. Run \
             `bash tools/ledger.sh test` (it starts a throwaway cluster), or set \
             LEDGER_SKIP_POSTGRES=1 to skip them knowingly."
        ),
    }
}

/// A new empty database: a file in `dir`, or a new database on the PostgreSQL server.
pub async fn fresh_db(backend: Backend, dir: &Path) -> Option<String> {
    match backend {
        Backend::Sqlite => Some(format!("sqlite://{}", dir.join("ledger.db").display())),
        Backend::Postgres => {
            let admin = postgres_url()?;
            static N: AtomicUsize = AtomicUsize::new(0);
            let name = format!(
                "ledger_test_{}_{}_{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst),
                now_ms()
            );
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to LEDGER_TEST_POSTGRES_URL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create a test database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            Some(format!("{base}/{name}"))
        }
    }
}

/// A service started in this process on a free port.
pub struct TestServer {
    pub running: Running,
    pub dir: TempDir,
    pub db: String,
    pub catalog: Catalog,
}

impl TestServer {
    /// A service on a fresh database; None if PostgreSQL is knowingly skipped.
    pub async fn start(backend: Backend, nonce_ttl_seconds: i64) -> Option<TestServer> {
        let dir = TempDir::new("server");
        let db = fresh_db(backend, &dir.0).await?;
        Some(TestServer::start_on(dir, db, nonce_ttl_seconds).await)
    }

    pub async fn start_on(dir: TempDir, db: String, nonce_ttl_seconds: i64) -> TestServer {
        TestServer::start_with(dir, db, nonce_ttl_seconds, agreements_dir()).await
    }

    /// A service on a fresh database with the agreements in `agreements`.
    pub async fn start_with_agreements(
        backend: Backend,
        agreements: PathBuf,
    ) -> Option<TestServer> {
        let dir = TempDir::new("server");
        let db = fresh_db(backend, &dir.0).await?;
        Some(TestServer::start_with(dir, db, 900, agreements).await)
    }

    /// A service on a fresh database, its configuration changed by `configure`.
    pub async fn start_configured(
        backend: Backend,
        configure: impl FnOnce(&mut Config),
    ) -> Option<TestServer> {
        let dir = TempDir::new("server");
        let db = fresh_db(backend, &dir.0).await?;
        Some(TestServer::start_configured_on(dir, db, 900, agreements_dir(), configure).await)
    }

    async fn start_with(
        dir: TempDir,
        db: String,
        nonce_ttl_seconds: i64,
        agreements: PathBuf,
    ) -> TestServer {
        TestServer::start_configured_on(dir, db, nonce_ttl_seconds, agreements, |_| {}).await
    }

    async fn start_configured_on(
        dir: TempDir,
        db: String,
        nonce_ttl_seconds: i64,
        agreements: PathBuf,
        configure: impl FnOnce(&mut Config),
    ) -> TestServer {
        std::fs::write(dir.0.join("token"), format!("{TOKEN}\n")).expect("token file");
        let catalog = load_catalog(&agreements).expect("valid agreements");
        let mut config = Config {
            agreements,
            db: db.clone(),
            listen: ([127, 0, 0, 1], 0).into(),
            token_file: dir.0.join("token"),
            ledger_key: dir.0.join("ledger-key.jwk"),
            nonce_ttl_seconds,
            clock_skew_seconds: DEFAULT_CLOCK_SKEW_SECONDS,
            limits: Limits::default(),
        };
        configure(&mut config);
        let running = start(&config).await.expect("the service starts");
        TestServer {
            running,
            dir,
            db,
            catalog,
        }
    }

    pub async fn call(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Response {
        request(
            self.running.addr,
            method,
            path,
            Some(TOKEN),
            content_type,
            body,
        )
        .await
        .expect("the service answers")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.call("GET", path, None, b"").await
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.call(
            "POST",
            path,
            Some("application/json"),
            body.to_string().as_bytes(),
        )
        .await
    }

    pub async fn post_receipt(&self, jws: &str) -> Response {
        self.call(
            "POST",
            "/v1/receipts",
            Some("application/jose"),
            jws.as_bytes(),
        )
        .await
    }

    /// A nonce for `subject` on [`AUDIENCE`], for the Kingsoft CDN sign-up when `sign_up`.
    pub async fn nonce(&self, subject: &str, sign_up: bool) -> String {
        let body = if sign_up {
            serde_json::json!({ "subject": subject, "audience": AUDIENCE, "provider": "kingsoft", "products": "cdn" })
        } else {
            serde_json::json!({ "subject": subject, "audience": AUDIENCE })
        };
        let r = self.post_json("/v1/nonces", &body).await;
        assert_eq!(r.status, 201, "{}", r.text());
        r.json()["nonce"].as_str().expect("a nonce").to_string()
    }

    pub async fn public_key(&self) -> LedgerPublicKey {
        let r = self.get("/v1/ledger-key").await;
        assert_eq!(r.status, 200, "{}", r.text());
        LedgerPublicKey::from_jwk(&r.text()).expect("a public JWK")
    }

    pub async fn export(&self, since: i64) -> String {
        let r = self.get(&format!("/v1/export?since={since}")).await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.text()
    }
}

/// The Kingsoft CDN sign-up's current agreements.
pub const CDN_SIGN_UP: &[(&str, &str)] = &[
    ("kingsoft-general", "2020-04-14"),
    ("kingsoft-cdn", "2021-06-01"),
];

/// A record for `agreements`, accepted now.
pub fn record_now(
    catalog: &Catalog,
    agreements: &[(&str, &str)],
    subject: &str,
    nonce: &str,
) -> ConsentRecord {
    record(
        catalog,
        agreements,
        subject,
        AUDIENCE,
        nonce,
        &rfc3339_ms(now_ms()),
    )
}

/// Signed with the test browser key.
pub fn sign(record: &ConsentRecord) -> String {
    sign_receipt(record, &browser_key(1))
}

/// The receipt ids of an export, as a set.
pub fn exported_receipt_ids(export: &str) -> std::collections::BTreeSet<String> {
    export
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("an export line is JSON")
                ["receipt_id"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}
