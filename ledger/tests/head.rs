//! The ledger's signed head (`GET /v1/head`) and `verify-export` given it: an export cut at its
//! start or at its end, or emptied, is refused with its own exit code; an untouched one, or one
//! that goes on past the head, is accepted; a head signed by another key is refused. On a real
//! SQLite file and a real PostgreSQL server.

#[macro_use]
mod common;

use common::*;
use consent_terms_ledger::chain::{
    entry_hash, sha256_hex, HeadClaims, LedgerKey, WitnessClaims, GENESIS,
};
use std::path::{Path, PathBuf};

on_both_backends!(
    the_head_is_signed_and_names_the_last_entry,
    an_export_cut_at_either_end_is_refused_given_the_head,
    a_head_taken_back_in_the_database_is_not_signed,
    an_export_with_a_receipt_twice_or_going_back_in_time_is_refused,
);

/// Sets the chain's head row, as whoever runs the database can.
async fn set_head_row(db: &str, seq: i64, entry_hash: &str) {
    let sql = "UPDATE chain_head SET seq = $1, entry_hash = $2 WHERE id = 1";
    if db.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(db)
            .await
            .expect("the SQLite file");
        sqlx::query(sql)
            .bind(seq)
            .bind(entry_hash)
            .execute(&pool)
            .await
            .expect("set");
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(db)
            .await
            .expect("the PostgreSQL database");
        sqlx::query(sql)
            .bind(seq)
            .bind(entry_hash)
            .execute(&pool)
            .await
            .expect("set");
        pool.close().await;
    }
}

async fn a_head_taken_back_in_the_database_is_not_signed(backend: Backend) {
    // Whoever runs the database cuts the chain's end: the last entry goes and the head row is
    // set to the one before. The ledger that signed seq 3 does not then sign seq 2.
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    post_receipts(&s, &["alice", "bob", "carol"]).await;
    assert_eq!(s.get("/v1/head").await.json()["seq"], 3);
    let export = s.export(0).await;
    let second: serde_json::Value =
        serde_json::from_str(export.lines().nth(1).expect("three lines")).expect("json");
    set_head_row(&s.db, 2, second["entry_hash"].as_str().expect("hash")).await;
    let r = s.get("/v1/head").await;
    assert_eq!(r.status, 500, "{}", r.text());
    assert_eq!(r.json()["code"], "chain-rewound");
    assert!(r.json()["message"]
        .as_str()
        .unwrap_or("")
        .contains("below seq 3"));
    assert!(
        r.json().get("head").is_none(),
        "a head was signed: {}",
        r.text()
    );
}

async fn post_receipts(s: &TestServer, subjects: &[&str]) {
    for subject in subjects {
        let nonce = s.nonce(subject, true).await;
        let r = s
            .post_receipt(&sign(&record_now(&s.catalog, CDN_SIGN_UP, subject, &nonce)))
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
    }
}

async fn the_head_is_signed_and_names_the_last_entry(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let key = s.public_key().await;
    let empty = s.get("/v1/head").await;
    assert_eq!(empty.status, 200, "{}", empty.text());
    let claims = key
        .verify_head(empty.json()["head"].as_str().expect("head"))
        .expect("the head verifies with the ledger key");
    assert_eq!((claims.seq, claims.entry_hash.as_str()), (0, GENESIS));

    post_receipts(&s, &["alice", "bob", "carol"]).await;
    let r = s.get("/v1/head").await;
    let answer = r.json();
    let claims = key
        .verify_head(answer["head"].as_str().expect("head"))
        .expect("the head verifies");
    let export = s.export(0).await;
    let last: serde_json::Value =
        serde_json::from_str(export.lines().last().expect("three lines")).expect("json");
    assert_eq!(claims.seq, 3);
    assert_eq!(claims.entry_hash, last["entry_hash"].as_str().unwrap_or(""));
    assert_eq!(answer["seq"], 3);
    assert_eq!(answer["entry_hash"], claims.entry_hash.as_str());
    assert_eq!(answer["signed_at"], claims.signed_at.as_str());
    // A witness is not a head, nor a head a witness.
    let witness = last["witness"].as_str().expect("witness");
    assert!(key
        .verify_head(witness)
        .expect_err("a witness is refused as a head")
        .contains("typ"));
    assert!(key
        .verify_witness(answer["head"].as_str().unwrap_or(""))
        .is_err());
    // Like every endpoint but /healthz, it needs the token.
    let anonymous =
        consent_terms_ledger::client::request(s.running.addr, "GET", "/v1/head", None, None, b"")
            .await
            .expect("answers");
    assert_eq!(anonymous.status, 401);
}

/// The RFC 3339 time a second before `at`, written as the ledger writes its times.
fn a_second_before(at: &str) -> String {
    let ms = consent_terms_core::verify::parse_rfc3339_utc_ms(at).expect("a time");
    consent_terms_ledger::time::rfc3339_ms(ms - 1000)
}

/// Entry `seq` of an export rewritten as the ledger's key would sign it: `receipt` and
/// `received_at` replaced, witness and hashes made again, chained after `prev_hash`.
fn forged(
    key: &LedgerKey,
    seq: i64,
    prev_hash: &str,
    receipt: &serde_json::Value,
    received_at: &str,
) -> serde_json::Value {
    let jws = receipt["receipt"].as_str().expect("receipt");
    let receipt_sha256 = sha256_hex(jws.as_bytes());
    let witness = key.witness(&WitnessClaims {
        receipt_sha256: receipt_sha256.clone(),
        received_at: received_at.into(),
        seq,
        prev_hash: prev_hash.into(),
    });
    let hash = entry_hash(seq, received_at, prev_hash, &receipt_sha256, &witness);
    serde_json::json!({
        "seq": seq, "received_at": received_at, "prev_hash": prev_hash, "entry_hash": hash,
        "receipt_id": receipt["receipt_id"], "receipt": jws, "witness": witness,
    })
}

async fn an_export_with_a_receipt_twice_or_going_back_in_time_is_refused(backend: Backend) {
    // Even with the ledger's own key (whoever holds it can sign any witness), an export must
    // be one the ledger could have written: each receipt once, each nonce once, times in order.
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    post_receipts(&s, &["alice", "bob"]).await;
    let key = LedgerKey::from_private_jwk(
        &std::fs::read_to_string(s.dir.0.join("ledger-key.jwk")).expect("the ledger's key"),
    )
    .expect("a private JWK");
    let export = s.export(0).await;
    let lines: Vec<serde_json::Value> = export
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let (first, second) = (&lines[0], &lines[1]);
    let files = Files {
        dir: s.dir.0.clone(),
        key: s.dir.0.join("ledger-public.jwk"),
    };
    std::fs::write(&files.key, s.get("/v1/ledger-key").await.text()).expect("write key");
    let second_at = second["received_at"].as_str().expect("time");
    let first_at = first["received_at"].as_str().expect("time");
    let prev = second["entry_hash"].as_str().expect("hash");
    let cases = [
        (
            "twice",
            forged(&key, 3, prev, second, second_at),
            "entry 3: receipt",
            "is stored already, at entry 2",
        ),
        (
            // A second before the entry it follows: still within the clock skew the receipt's
            // own time allows, so only the order refuses it.
            "back",
            forged(
                &key,
                2,
                first["entry_hash"].as_str().expect("hash"),
                second,
                &a_second_before(first_at),
            ),
            "entry 2: received_at",
            "is before entry 1's",
        ),
    ];
    for (name, entry, at, says) in cases {
        let text = if name == "twice" {
            format!("{first}\n{second}\n{entry}\n")
        } else {
            format!("{first}\n{entry}\n")
        };
        let (code, _, err) = files.verify(&files.write(&format!("{name}.jsonl"), &text), None, &[]);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains(at) && err.contains(says), "{name}: {err}");
    }
}

struct Files {
    dir: PathBuf,
    key: PathBuf,
}

impl Files {
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    /// `verify-export EXPORT --head HEAD [extra]`: exit code, stdout, stderr.
    fn verify(&self, export: &Path, head: Option<&Path>, extra: &[&str]) -> (i32, String, String) {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_consent-terms-ledger"));
        command
            .arg("verify-export")
            .arg(export)
            .arg("--agreements")
            .arg(agreements_dir())
            .arg("--ledger-key")
            .arg(&self.key)
            .args(extra);
        if let Some(h) = head {
            command.arg("--head").arg(h);
        }
        let out = command.output().expect("run verify-export");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

async fn an_export_cut_at_either_end_is_refused_given_the_head(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    post_receipts(&s, &["alice", "bob", "carol"]).await;
    let files = Files {
        dir: s.dir.0.clone(),
        key: s.dir.0.join("ledger-public.jwk"),
    };
    std::fs::write(&files.key, s.get("/v1/ledger-key").await.text()).expect("key");
    // The head first, then the export.
    let head_answer = s.get("/v1/head").await.text();
    let head = files.write("head.json", &head_answer);
    let export = s.export(0).await;
    let lines: Vec<&str> = export.lines().collect();
    assert_eq!(lines.len(), 3);
    let whole = files.write("whole.jsonl", &export);

    let (code, out, err) = files.verify(&whole, Some(&head), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("3 entries verified (seq 1..3)")
            && out.contains("ends at the signed head (seq 3"),
        "{out}"
    );

    // The first entry cut: exit 3, naming what is missing; unless the export says it was
    // fetched after entry 1.
    let no_first = files.write("no-first.jsonl", &format!("{}\n{}\n", lines[1], lines[2]));
    let (code, out, err) = files.verify(&no_first, Some(&head), &[]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(
        err.contains("starts at seq 2") && err.contains("entries 1..1 are missing"),
        "{err}"
    );
    let (code, _, err) = files.verify(&no_first, None, &[]);
    assert_eq!(code, 3, "without the head too: {err}");
    let (code, out, err) = files.verify(&no_first, Some(&head), &["--since", "1"]);
    assert_eq!(code, 0, "{out}{err}");

    // The last entry cut: exit 4. Without the head it cannot be seen, and the command says so.
    let no_last = files.write("no-last.jsonl", &format!("{}\n{}\n", lines[0], lines[1]));
    let (code, out, err) = files.verify(&no_last, Some(&head), &[]);
    assert_eq!(code, 4, "{out}{err}");
    assert!(
        err.contains("ends at seq 2") && err.contains("head is at seq 3"),
        "{err}"
    );
    let (code, _, err) = files.verify(&no_last, None, &[]);
    assert_eq!(code, 0);
    assert!(err.contains("not pinned"), "{err}");

    // Every entry cut: exit 4.
    let none = files.write("none.jsonl", "");
    let (code, out, err) = files.verify(&none, Some(&head), &[]);
    assert_eq!(code, 4, "{out}{err}");
    assert!(
        err.contains("no entries after seq 0") && err.contains("entries 1..3 are missing"),
        "{err}"
    );

    // The head as a bare JWS works the same.
    let head_json: serde_json::Value = serde_json::from_str(&head_answer).expect("json");
    let bare = files.write("head.jws", head_json["head"].as_str().expect("head"));
    assert_eq!(files.verify(&whole, Some(&bare), &[]).0, 0);
    assert_eq!(files.verify(&no_last, Some(&bare), &[]).0, 4);

    // A head signed by another key: exit 5, whatever it says.
    let claims = HeadClaims {
        seq: 2,
        entry_hash: serde_json::from_str::<serde_json::Value>(lines[1]).expect("json")
            ["entry_hash"]
            .as_str()
            .unwrap_or("")
            .to_string(),
        signed_at: head_json["signed_at"].as_str().unwrap_or("").to_string(),
    };
    let stranger = LedgerKey::generate().expect("key");
    let forged = files.write("forged.jws", &stranger.head(&claims));
    let (code, out, err) = files.verify(&no_last, Some(&forged), &[]);
    assert_eq!(code, 5, "{out}{err}");
    assert!(err.contains("not the ledger key"), "{err}");
    // The answer's members changed, its signed head kept: exit 5.
    let mut edited = head_json.clone();
    edited["seq"] = 2.into();
    let edited = files.write("edited.json", &edited.to_string());
    let (code, _, err) = files.verify(&no_last, Some(&edited), &[]);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("`seq` 2 is not the signed head's 3"), "{err}");
    // The ledger's own key over another hash at seq 3: not the chain it signed, exit 4.
    let other_chain = files.write(
        "other.jws",
        &s.running.ledger_key().head(&HeadClaims {
            seq: 3,
            entry_hash: "ab".repeat(32),
            signed_at: claims.signed_at.clone(),
        }),
    );
    let (code, _, err) = files.verify(&whole, Some(&other_chain), &[]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("not the chain the ledger signed"), "{err}");

    // Entries appended after the head was fetched: reached and chained, counted.
    post_receipts(&s, &["dave"]).await;
    let longer = files.write("longer.jsonl", &s.export(0).await);
    let (code, out, err) = files.verify(&longer, Some(&head), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 entries after it"), "{out}");
    // A page fetched with since=3 holds entry 4: pinned by the head at its prev_hash.
    let page = files.write("page.jsonl", &s.export(3).await);
    let (code, out, err) = files.verify(&page, Some(&head), &["--since", "3"]);
    assert_eq!(code, 0, "{out}{err}");
}
