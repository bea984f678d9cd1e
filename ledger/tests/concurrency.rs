//! 8 clients posting 200 receipts each at once: 1,600 entries, seq 1..1600 without a gap, one
//! linear chain that verifies.

mod common;

use common::*;
use consent_terms_ledger::export::verify_export;
use std::collections::BTreeSet;
use std::sync::Arc;

const CLIENTS: usize = 8;
const EACH: usize = 200;

async fn eight_clients_two_hundred_receipts_each(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let s = Arc::new(s);
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..EACH {
                let subject = format!("client-{client}-{i}");
                let nonce = s.nonce(&subject, true).await;
                let record = record_now(&s.catalog, CDN_SIGN_UP, &subject, &nonce);
                let r = s.post_receipt(&sign(&record)).await;
                assert_eq!(r.status, 201, "{}", r.text());
                ids.push((r.json()["seq"].as_i64().expect("seq"), record.receipt_id));
            }
            ids
        }));
    }
    let mut acknowledged = Vec::new();
    for t in tasks {
        acknowledged.extend(t.await.expect("client task"));
    }
    let seqs: BTreeSet<i64> = acknowledged.iter().map(|(seq, _)| *seq).collect();
    let total = (CLIENTS * EACH) as i64;
    assert_eq!(seqs.len(), CLIENTS * EACH, "every 201 has its own seq");
    assert_eq!(
        seqs.iter().copied().collect::<Vec<_>>(),
        (1..=total).collect::<Vec<_>>()
    );

    let export = s.export(0).await;
    let key = s.public_key().await;
    let summary = verify_export(&export, &s.catalog, &key).expect("the chain verifies");
    assert_eq!(
        (summary.entries, summary.range),
        (CLIENTS * EACH, Some((1, total)))
    );
    let exported = exported_receipt_ids(&export);
    let posted: BTreeSet<String> = acknowledged.into_iter().map(|(_, id)| id).collect();
    assert_eq!(exported, posted);
    eprintln!(
        "{backend:?}: {} receipts from {CLIENTS} clients, seq 1..{total}, chain head {}",
        summary.entries, summary.head
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_eight_clients_two_hundred_receipts_each() {
    eight_clients_two_hundred_receipts_each(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_eight_clients_two_hundred_receipts_each() {
    eight_clients_two_hundred_receipts_each(Backend::Postgres).await
}

/// Two service nodes on one database (sharing the key file) and clients spread over both: the
/// nodes keep no state of their own, and the chain stays one line.
async fn two_nodes_share_one_chain(backend: Backend) {
    let Some(first) = TestServer::start(backend, 900).await else {
        return;
    };
    let dir = TempDir::new("second-node");
    std::fs::copy(
        first.dir.0.join("ledger-key.jwk"),
        dir.0.join("ledger-key.jwk"),
    )
    .expect("share the key file");
    let second = TestServer::start_on(dir, first.db.clone(), 900).await;
    let nodes = Arc::new([first, second]);
    let mut tasks = Vec::new();
    for client in 0..4usize {
        let nodes = nodes.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..50usize {
                // The nonce from one node, the receipt to the other.
                let subject = format!("node-client-{client}-{i}");
                let nonce = nodes[i % 2].nonce(&subject, true).await;
                let record = record_now(&nodes[0].catalog, CDN_SIGN_UP, &subject, &nonce);
                let r = nodes[(i + 1) % 2].post_receipt(&sign(&record)).await;
                assert_eq!(r.status, 201, "{}", r.text());
            }
        }));
    }
    for t in tasks {
        t.await.expect("client task");
    }
    let export = nodes[1].export(0).await;
    let key = nodes[0].public_key().await;
    let summary = verify_export(&export, &nodes[0].catalog, &key).expect("one valid chain");
    assert_eq!((summary.entries, summary.range), (200, Some((1, 200))));
    assert_eq!(
        export,
        nodes[0].export(0).await,
        "both nodes export the same ledger"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_two_nodes_share_one_chain() {
    two_nodes_share_one_chain(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_two_nodes_share_one_chain() {
    two_nodes_share_one_chain(Backend::Postgres).await
}
