//! The service killed with SIGKILL while a client posts receipts, then restarted, several
//! times: every receipt that got a 201 is in the export, the chain verifies, and nothing that
//! was not posted is there.

mod common;

use common::*;
use consent_terms_ledger::chain::LedgerPublicKey;
use consent_terms_ledger::client::request;
use consent_terms_ledger::export::verify_export;
use std::collections::BTreeSet;
use std::io::BufRead;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const KILLS: usize = 5;
/// Clients posting at once, so that kills land with requests in flight.
const CLIENTS: usize = 4;

struct Service {
    child: Child,
    addr: SocketAddr,
}

fn spawn_service(dir: &std::path::Path, db: &str, round: usize) -> Service {
    let log = std::fs::File::create(dir.join(format!("server-{round}.log"))).expect("log file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_consent-terms-ledger"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db", db])
        .arg("--agreements")
        .arg(agreements_dir())
        .arg("--token-file")
        .arg(dir.join("token"))
        .arg("--ledger-key")
        .arg(dir.join("ledger-key.jwk"))
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn()
        .expect("start consent-terms-ledger");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the listening line");
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("the service did not start: {line:?}"));
    Service { child, addr }
}

#[derive(Default)]
struct Outcome {
    /// Receipt ids answered 201.
    acknowledged: BTreeSet<String>,
    /// Receipt ids whose answer was lost in a crash and that a retry found stored (409).
    confirmed_on_retry: BTreeSet<String>,
    /// Every receipt id posted at all.
    posted: BTreeSet<String>,
}

async fn client(
    who: usize,
    addr: Arc<Mutex<Option<SocketAddr>>>,
    stop: Arc<AtomicBool>,
    outcome: Arc<Mutex<Outcome>>,
) {
    let catalog = catalog();
    let mut pending: Option<(String, String)> = None;
    let mut n = 0;
    loop {
        let current = *addr.lock().expect("lock");
        let Some(at) = current else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        if pending.is_none() {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            n += 1;
            let subject = format!("crash-{who}-{n}");
            let body = serde_json::json!({ "subject": subject, "audience": AUDIENCE, "provider": "kingsoft", "products": "cdn" });
            let Ok(r) = request(
                at,
                "POST",
                "/v1/nonces",
                Some(TOKEN),
                Some("application/json"),
                body.to_string().as_bytes(),
            )
            .await
            else {
                continue;
            };
            assert_eq!(r.status, 201, "{}", r.text());
            let nonce = r.json()["nonce"].as_str().expect("nonce").to_string();
            let record = record_now(&catalog, CDN_SIGN_UP, &subject, &nonce);
            outcome
                .lock()
                .expect("lock")
                .posted
                .insert(record.receipt_id.clone());
            pending = Some((sign(&record), record.receipt_id));
        }
        let Some((jws, id)) = pending.clone() else {
            continue;
        };
        match request(
            at,
            "POST",
            "/v1/receipts",
            Some(TOKEN),
            Some("application/jose"),
            jws.as_bytes(),
        )
        .await
        {
            Ok(r) if r.status == 201 => {
                outcome.lock().expect("lock").acknowledged.insert(id);
                pending = None;
            }
            Ok(r) if r.status == 409 => {
                outcome.lock().expect("lock").confirmed_on_retry.insert(id);
                pending = None;
            }
            Ok(r) => panic!("unexpected answer {}: {}", r.status, r.text()),
            // The service died under the request: the outcome is unknown; ask again.
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

fn killed_and_restarted(backend: Backend) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = TempDir::new("crash");
    let Some(db) = runtime.block_on(fresh_db(backend, &dir.0)) else {
        return;
    };
    std::fs::write(dir.0.join("token"), TOKEN).expect("token");
    let addr = Arc::new(Mutex::new(None));
    let stop = Arc::new(AtomicBool::new(false));
    let outcome = Arc::new(Mutex::new(Outcome::default()));
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|who| runtime.spawn(client(who, addr.clone(), stop.clone(), outcome.clone())))
        .collect();

    let mut before = 0;
    for round in 0..KILLS {
        let mut service = spawn_service(&dir.0, &db, round);
        *addr.lock().expect("lock") = Some(service.addr);
        // Run until at least a few more receipts are acknowledged, then a little longer.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while outcome.lock().expect("lock").acknowledged.len() < before + 10
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(50 + 37 * round as u64));
        service.child.kill().expect("SIGKILL");
        let status = service.child.wait().expect("wait");
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(9)
        );
        *addr.lock().expect("lock") = None;
        before = outcome.lock().expect("lock").acknowledged.len();
    }

    // A last start: the client settles the receipt it was posting, then stops.
    let mut service = spawn_service(&dir.0, &db, KILLS);
    *addr.lock().expect("lock") = Some(service.addr);
    stop.store(true, Ordering::SeqCst);
    for task in tasks {
        runtime.block_on(task).expect("client");
    }

    let (export, key) = runtime.block_on(async {
        let r = request(service.addr, "GET", "/v1/export", Some(TOKEN), None, b"")
            .await
            .expect("export");
        let k = request(
            service.addr,
            "GET",
            "/v1/ledger-key",
            Some(TOKEN),
            None,
            b"",
        )
        .await
        .expect("key");
        (r.text(), k.text())
    });
    service.child.kill().expect("SIGKILL");
    let _ = service.child.wait();

    let key = LedgerPublicKey::from_jwk(&key).expect("public key");
    let summary =
        verify_export(&export, &catalog(), &key).expect("the chain verifies after every crash");
    let exported = exported_receipt_ids(&export);
    let o = outcome.lock().expect("lock");
    assert!(
        o.acknowledged.is_subset(&exported),
        "a receipt answered 201 is missing from the export"
    );
    assert!(o.confirmed_on_retry.is_subset(&exported));
    let settled: BTreeSet<String> = o
        .acknowledged
        .union(&o.confirmed_on_retry)
        .cloned()
        .collect();
    assert_eq!(
        exported, settled,
        "the export holds exactly the receipts posted and settled"
    );
    assert!(exported.is_subset(&o.posted));
    assert_eq!(summary.range, Some((1, exported.len() as i64)));
    assert!(o.acknowledged.len() >= 5 * KILLS);
    eprintln!(
        "{backend:?}: {CLIENTS} clients, {KILLS} SIGKILLs; {} receipts answered 201, {} whose answer was lost found stored on retry; export of {} entries verifies (seq 1..{})",
        o.acknowledged.len(),
        o.confirmed_on_retry.len(),
        summary.entries,
        summary.entries
    );
}

#[test]
fn sqlite_survives_sigkill_while_receipts_are_posted() {
    killed_and_restarted(Backend::Sqlite)
}

#[test]
fn postgres_survives_sigkill_while_receipts_are_posted() {
    killed_and_restarted(Backend::Postgres)
}
