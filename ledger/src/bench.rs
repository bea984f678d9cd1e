//! The benchmark: receipts verified and stored per second through the HTTP service, with
//! latency percentiles, beside the verifier alone.

use crate::client::request;
use crate::sample::{browser_key, record};
use crate::server::{load_catalog, start, Config, DEFAULT_NONCE_TTL_SECONDS};
use crate::time::{now_ms, rfc3339_ms};
use consent_terms_core::verify::{sign_receipt, verify_receipt, VerifyOptions};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to measure.
#[derive(Clone, Debug)]
pub struct BenchConfig {
    /// Agreements directory.
    pub agreements: PathBuf,
    /// Database URL (an empty database is best).
    pub db: String,
    /// Receipts to post.
    pub receipts: usize,
    /// Concurrent clients.
    pub clients: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the benchmark and returns its lines.
pub async fn run(config: &BenchConfig) -> Result<Vec<String>, String> {
    let dir = std::env::temp_dir().join(format!("consent-ledger-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let token = "bench-token-0123456789abcdef";
    std::fs::write(dir.join("token"), token).map_err(|e| e.to_string())?;
    let server = start(&Config {
        agreements: config.agreements.clone(),
        db: config.db.clone(),
        listen: ([127, 0, 0, 1], 0).into(),
        token_file: dir.join("token"),
        ledger_key: dir.join("ledger-key.jwk"),
        nonce_ttl_seconds: DEFAULT_NONCE_TTL_SECONDS,
        clock_skew_seconds: crate::server::DEFAULT_CLOCK_SKEW_SECONDS,
        limits: crate::server::Limits::default(),
    })
    .await?;
    let addr = server.addr;
    let catalog = Arc::new(load_catalog(&config.agreements)?);
    let applicable: Vec<(String, String)> = catalog
        .select("kingsoft", &["cdn"], "en")
        .map_err(|e| e.to_string())?
        .iter()
        .map(|a| {
            (
                a.agreement.meta.id.clone(),
                a.agreement.meta.version.clone(),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = applicable
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let key = browser_key(7);
    let audience = "https://console.example.com";

    // Nonces and signed receipts first: the browser's work is not the ledger's.
    let mut receipts = Vec::with_capacity(config.receipts);
    for i in 0..config.receipts {
        let subject = format!("bench-{i}");
        let body = serde_json::json!({ "subject": subject, "audience": audience, "provider": "kingsoft", "products": "cdn" });
        let r = request(
            addr,
            "POST",
            "/v1/nonces",
            Some(token),
            Some("application/json"),
            body.to_string().as_bytes(),
        )
        .await
        .map_err(|e| e.to_string())?;
        if r.status != 201 {
            return Err(format!("nonce: {} {}", r.status, r.text()));
        }
        let nonce = r.json()["nonce"].as_str().unwrap_or_default().to_string();
        let rec = record(
            &catalog,
            &refs,
            &subject,
            audience,
            &nonce,
            &rfc3339_ms(now_ms()),
        );
        receipts.push(sign_receipt(&rec, &key));
    }

    // Verify only, on one core.
    let options = VerifyOptions {
        now_ms: now_ms(),
        ..VerifyOptions::default()
    };
    let started = Instant::now();
    for jws in &receipts {
        verify_receipt(jws, &catalog, &options).map_err(|e| e.to_string())?;
    }
    let verify_rate = receipts.len() as f64 / started.elapsed().as_secs_f64();

    // Verified and stored, through HTTP, `clients` at a time.
    let queue = Arc::new(std::sync::Mutex::new(receipts));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..config.clients {
        let queue = queue.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let next = queue.lock().map_err(|_| "poisoned".to_string())?.pop();
                let Some(jws) = next else { break };
                let t = Instant::now();
                let r = request(
                    addr,
                    "POST",
                    "/v1/receipts",
                    Some(token),
                    Some("application/jose"),
                    jws.as_bytes(),
                )
                .await
                .map_err(|e| e.to_string())?;
                if r.status != 201 {
                    return Err(format!("receipt: {} {}", r.status, r.text()));
                }
                latencies.push(t.elapsed());
            }
            Ok::<_, String>(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.map_err(|e| e.to_string())??);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let backend = if config.db.starts_with("sqlite") {
        "sqlite"
    } else {
        "postgres"
    };
    let lines = vec![
        format!(
            "{backend}: {:.0} receipts/s verified and stored ({} receipts, {} clients, {:.2} s), p50 {:.2} ms, p99 {:.2} ms",
            latencies.len() as f64 / elapsed.as_secs_f64(),
            latencies.len(),
            config.clients,
            elapsed.as_secs_f64(),
            ms(percentile(&latencies, 0.50)),
            ms(percentile(&latencies, 0.99)),
        ),
        format!(
            "verify-only: {verify_rate:.0} receipts/s on one core ({} agreements per receipt)",
            refs.len()
        ),
    ];
    server.task.abort();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(lines)
}
