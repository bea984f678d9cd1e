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
