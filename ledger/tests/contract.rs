//! The HTTP contract against a real SQLite file and a real PostgreSQL server: every endpoint,
//! every error code, replay, expiry, wrong subject and audience, the 64 KiB limit, and that
//! rejected input changes nothing.

#[macro_use]
mod common;

use common::*;
use consent_terms_core::receipt::b64url;
use consent_terms_core::verify::parse_rfc3339_utc_ms;
use consent_terms_ledger::chain::{entry_hash, sha256_hex, GENESIS};
use consent_terms_ledger::client::request;
use consent_terms_ledger::export::verify_export;
use consent_terms_ledger::sample::{browser_key, record};
use consent_terms_ledger::time::rfc3339_ms;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::Signature;

on_both_backends!(
    receipts_are_stored_witnessed_chained_and_exported,
    every_endpoint_but_healthz_needs_the_token,
    a_nonce_or_receipt_id_used_twice_is_replayed,
    the_same_receipt_posted_at_once_is_stored_once,
    nonce_checks_reject_and_leave_the_nonce_usable,
    an_expired_nonce_is_refused,
    each_verifier_failure_has_its_code_and_stores_nothing,
    the_sign_up_named_by_the_nonce_is_enforced,
    a_returning_subject_s_receipt_need_not_cover_what_it_accepted_before,
    status_says_who_must_accept_again,
    status_takes_the_acceptance_made_last_not_the_one_stored_last,
    a_version_accepted_ahead_is_not_required_again,
    bad_requests_are_refused_clearly,
);

async fn receipts_are_stored_witnessed_chained_and_exported(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let health = request(s.running.addr, "GET", "/healthz", None, None, b"")
        .await
        .expect("answers");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");

    let key = s.public_key().await;
    let mut stored = Vec::new();
    for (i, subject) in ["alice", "bob", "alice"].iter().enumerate() {
        let nonce = s.nonce(subject, true).await;
        let record = record_now(&s.catalog, CDN_SIGN_UP, subject, &nonce);
        let jws = sign(&record);
        let r = s.post_receipt(&jws).await;
        assert_eq!(r.status, 201, "{}", r.text());
        let body = r.json();
        assert_eq!(body["seq"], i as i64 + 1);
        assert_eq!(body["receipt_id"], record.receipt_id.as_str());
        let witness = body["witness"].as_str().expect("a witness");
        let claims = key.verify_witness(witness).expect("the witness verifies");
        assert_eq!(claims.seq, i as i64 + 1);
        assert_eq!(claims.receipt_sha256, sha256_hex(jws.as_bytes()));
        assert_eq!(
            claims.received_at,
            body["received_at"].as_str().unwrap_or("")
        );
        if i == 0 {
            assert_eq!(claims.prev_hash, GENESIS);
        }
        assert_eq!(
            body["entry_hash"].as_str().unwrap_or(""),
            entry_hash(
                claims.seq,
                &claims.received_at,
                &claims.prev_hash,
                &claims.receipt_sha256,
                witness
            )
        );
        stored.push((record, jws, witness.to_string()));
    }

    // GET /v1/receipts/{id}: the receipt and witness as stored.
    let (record, jws, witness) = &stored[1];
    let r = s.get(&format!("/v1/receipts/{}", record.receipt_id)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["receipt"], jws.as_str());
    assert_eq!(r.json()["witness"], witness.as_str());
    assert_eq!(r.json()["seq"], 2);
    let missing = s.get("/v1/receipts/no-such-receipt").await;
    assert_eq!(
        (missing.status, missing.json()["code"].clone()),
        (404, "not-found".into())
    );

    // Status: alice accepted both current versions (twice; the latest counts).
    let r = s
        .get("/v1/subjects/alice/status?provider=kingsoft&products=cdn")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let status = r.json();
    assert_eq!(status["required"], serde_json::json!([]));
    let accepted = status["accepted"].as_array().expect("a list");
    assert_eq!(accepted.len(), 2);
    assert!(accepted
        .iter()
        .all(|a| a["receipt_id"] == stored[2].0.receipt_id.as_str()));

    // Export: three lines, the chain verifies; since=2 gives the last one.
    let export = s.export(0).await;
    assert_eq!(export.lines().count(), 3);
    let summary = verify_export(&export, &s.catalog, &key).expect("the export verifies");
    assert_eq!((summary.entries, summary.range), (3, Some((1, 3))));
    let tail = s.export(2).await;
    assert_eq!(tail.lines().count(), 1);
    verify_export(&tail, &s.catalog, &key).expect("a partial export verifies from its first entry");

    // The offline check as a command, with the published public key.
    let file = s.dir.0.join("export.jsonl");
    let key_file = s.dir.0.join("ledger-public.jwk");
    std::fs::write(&file, &export).expect("write export");
    std::fs::write(&key_file, s.get("/v1/ledger-key").await.text()).expect("write key");
    let run = |file: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_consent-terms-ledger"))
            .arg("verify-export")
            .arg(file)
            .arg("--agreements")
            .arg(agreements_dir())
            .arg("--ledger-key")
            .arg(&key_file)
            .output()
            .expect("run verify-export")
    };
    let ok = run(&file);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("3 entries verified (seq 1..3)"));

    // One changed byte in entry 2's time: the command names entry 2.
    let lines: Vec<&str> = export.lines().collect();
    let mut second: serde_json::Value = serde_json::from_str(lines[1]).expect("json");
    let at = second["received_at"]
        .as_str()
        .expect("time")
        .replace("Z", "1Z");
    second["received_at"] = at.into();
    let tampered = format!("{}\n{}\n{}\n", lines[0], second, lines[2]);
    std::fs::write(&file, tampered).expect("write");
    let bad = run(&file);
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("first broken entry: line 2: entry 2:"),
        "{err}"
    );
    // A dropped entry breaks the chain at the next one.
    std::fs::write(&file, format!("{}\n{}\n", lines[0], lines[2])).expect("write");
    let gap = run(&file);
    assert_eq!(gap.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&gap.stderr).contains("entry 3: seq follows 1"));
}

async fn every_endpoint_but_healthz_needs_the_token(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let addr = s.running.addr;
    let endpoints = [
        ("POST", "/v1/nonces"),
        ("POST", "/v1/receipts"),
        ("GET", "/v1/receipts/x"),
        ("GET", "/v1/subjects/alice/status?provider=kingsoft"),
        ("GET", "/v1/export"),
        ("GET", "/v1/ledger-key"),
    ];
    for (method, path) in endpoints {
        for token in [None, Some("wrong-token-0123456789abcdef"), Some("")] {
            let r = request(addr, method, path, token, Some("application/json"), b"{}")
                .await
                .expect("answers");
            assert_eq!(r.status, 401, "{method} {path} with {token:?}");
            assert_eq!(r.json()["code"], "unauthorized");
        }
    }
    let r = request(addr, "GET", "/healthz", None, None, b"")
        .await
        .expect("answers");
    assert_eq!(r.status, 200);
    assert_eq!(s.export(0).await, "", "nothing was stored");
}

async fn a_nonce_or_receipt_id_used_twice_is_replayed(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let nonce = s.nonce("alice", true).await;
    let record = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);
    let jws = sign(&record);
    assert_eq!(s.post_receipt(&jws).await.status, 201);
    let again = s.post_receipt(&jws).await;
    assert_eq!(again.status, 409, "{}", again.text());
    assert_eq!(again.json()["code"], "replayed");
    // The same receipt with its signature's `s` replaced by `n - s`: other bytes, an equally
    // valid ES256 signature (browsers emit either form), and still the same receipt: replays
    // are found by nonce and receipt id, never by the JWS bytes.
    let malleated = {
        let (input, sig) = jws.rsplit_once('.').expect("three segments");
        let sig = Signature::from_slice(
            &consent_terms_core::receipt::b64url_decode(sig).expect("base64url"),
        )
        .expect("r || s");
        let (r, s_) = sig.split_scalars();
        let flipped = Signature::from_scalars(r, -*s_).expect("n - s is a valid scalar");
        format!("{input}.{}", b64url(&flipped.to_bytes()))
    };
    assert_ne!(malleated, jws);
    let again = s.post_receipt(&malleated).await;
    assert_eq!(again.status, 409, "{}", again.text());
    assert_eq!(again.json()["code"], "replayed");

    // The same receipt id under a fresh nonce is a replay too.
    let fresh = s.nonce("alice", true).await;
    let mut copy = record.clone();
    copy.nonce = Some(fresh.clone());
    let r = s.post_receipt(&sign(&copy)).await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(r.json()["code"], "replayed");
    // ... and a new receipt with a used nonce.
    let reused = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);
    let r = s.post_receipt(&sign(&reused)).await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (409, "replayed".into())
    );

    // The fresh nonce was not spent by the refused replay.
    let ok = record_now(&s.catalog, CDN_SIGN_UP, "alice", &fresh);
    let r = s.post_receipt(&sign(&ok)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["seq"], 2);
    assert_eq!(s.export(0).await.lines().count(), 2);
}

async fn nonce_checks_reject_and_leave_the_nonce_usable(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let expect = |r: consent_terms_ledger::client::Response, code: &str| {
        assert_eq!(r.status, 422, "{code}: {}", r.text());
        assert_eq!(r.json()["code"], code, "{}", r.text());
        assert!(!r.json()["message"].as_str().unwrap_or("").is_empty());
    };
    let unknown = record_now(&s.catalog, CDN_SIGN_UP, "alice", "never-issued");
    expect(s.post_receipt(&sign(&unknown)).await, "nonce-unknown");

    let mut none = record_now(&s.catalog, CDN_SIGN_UP, "alice", "x");
    none.nonce = None;
    expect(s.post_receipt(&sign(&none)).await, "nonce-missing");

    let nonce = s.nonce("alice", true).await;
    let wrong_subject = record_now(&s.catalog, CDN_SIGN_UP, "mallory", &nonce);
    expect(s.post_receipt(&sign(&wrong_subject)).await, "nonce-subject");
    let mut no_subject = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);
    no_subject.subject = None;
    expect(s.post_receipt(&sign(&no_subject)).await, "nonce-subject");
    let mut wrong_audience = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);
    wrong_audience.audience = "https://evil.example.net".into();
    expect(
        s.post_receipt(&sign(&wrong_audience)).await,
        "nonce-audience",
    );

    assert_eq!(s.export(0).await, "", "refused receipts are not stored");
    let right = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);
    let r = s.post_receipt(&sign(&right)).await;
    assert_eq!(r.status, 201, "the nonce is still usable: {}", r.text());
    assert_eq!(r.json()["seq"], 1, "no seq was spent on refusals");
}

async fn an_expired_nonce_is_refused(backend: Backend) {
    let Some(s) = TestServer::start(backend, 1).await else {
        return;
    };
    let r = s
        .post_json(
            "/v1/nonces",
            &serde_json::json!({ "subject": "alice", "audience": AUDIENCE }),
        )
        .await;
    assert_eq!(r.status, 201);
    let expires = r.json()["expires_at"]
        .as_str()
        .expect("expires_at")
        .to_string();
    let nonce = r.json()["nonce"].as_str().expect("nonce").to_string();
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    let record = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);
    let r = s.post_receipt(&sign(&record)).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["code"], "nonce-expired");
    assert!(r.json()["message"]
        .as_str()
        .unwrap_or("")
        .contains(&expires));
    assert_eq!(s.export(0).await, "");
}

/// Signs any header and payload with the test browser key.
fn sign_raw(header: &serde_json::Value, payload: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(payload)
    );
    let signature: Signature = browser_key(1).sign(input.as_bytes());
    format!("{input}.{}", b64url(&signature.to_bytes()))
}

async fn each_verifier_failure_has_its_code_and_stores_nothing(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let nonce = s.nonce("alice", false).await;
    let good = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);
    let jws = sign(&good);
    let parts: Vec<&str> = jws.split('.').collect();

    let mut cases: Vec<(&str, String)> = Vec::new();
    cases.push(("malformed", "only.two".into()));
    cases.push(("malformed", "a.b!.c".into()));
    let mut sig: Vec<char> = parts[2].chars().collect();
    sig[10] = if sig[10] == 'A' { 'B' } else { 'A' };
    cases.push((
        "bad-signature",
        format!(
            "{}.{}.{}",
            parts[0],
            parts[1],
            sig.into_iter().collect::<String>()
        ),
    ));
    let other_payload =
        serde_json::to_vec(&record_now(&s.catalog, CDN_SIGN_UP, "bob", &nonce)).expect("json");
    cases.push((
        "bad-signature",
        format!("{}.{}.{}", parts[0], b64url(&other_payload), parts[2]),
    ));
    let jwk =
        serde_json::to_value(consent_terms_core::verify::public_jwk(&browser_key(1))).expect("jwk");
    let kid = consent_terms_core::receipt::jwk_thumbprint(&consent_terms_core::verify::public_jwk(
        &browser_key(1),
    ));
    let payload = serde_json::to_vec(&good).expect("json");
    cases.push((
        "algorithm-not-allowed",
        sign_raw(&serde_json::json!({ "alg": "HS256", "typ": "consent-receipt+jws", "kid": kid, "jwk": jwk }), &payload),
    ));
    cases.push((
        "kid-mismatch",
        sign_raw(&serde_json::json!({ "alg": "ES256", "typ": "consent-receipt+jws", "kid": "not-it", "jwk": jwk }), &payload),
    ));
    let mut unknown = good.clone();
    unknown.agreements[1].version = "1999-01-01".into();
    cases.push(("unknown-agreement", sign(&unknown)));
    let mut hash = good.clone();
    hash.agreements[0].sha256 = "0".repeat(64);
    cases.push(("hash-mismatch", sign(&hash)));
    let mut highlight = good.clone();
    highlight.agreements[0]
        .acknowledged_highlights
        .push("h999".into());
    cases.push(("unknown-highlight", sign(&highlight)));
    let mut schema = good.clone();
    schema.schema = "other/v9".into();
    cases.push(("bad-record", sign(&schema)));
    let mut time = good.clone();
    time.accepted_at = "yesterday".into();
    cases.push(("bad-time", sign(&time)));
    let mut future = good.clone();
    future.accepted_at = "2999-01-01T00:00:00.000Z".into();
    cases.push(("from-the-future", sign(&future)));

    for (code, jws) in &cases {
        let r = s.post_receipt(jws).await;
        assert_eq!(r.status, 422, "{code}: {}", r.text());
        assert_eq!(r.json()["code"], *code, "{}", r.text());
    }

    let big = format!("{}{}", jws, " ".repeat(64 * 1024));
    let r = s.post_receipt(&big).await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.json()["code"], "too-large");
    let r = s
        .call(
            "POST",
            "/v1/receipts",
            Some("application/json"),
            jws.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 415, "{}", r.text());
    assert_eq!(r.json()["code"], "bad-content-type");

    // Nothing changed: no entry, and the nonce still takes the good receipt as entry 1.
    assert_eq!(s.export(0).await, "");
    let r = s.post_receipt(&jws).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["seq"], 1);
    // Exactly 64 KiB of body is accepted as a size (and then judged as a receipt).
    let padded = format!("{}{}", jws, " ".repeat(64 * 1024 - jws.len()));
    let r = s.post_receipt(&padded).await;
    assert_eq!(r.status, 409, "a 64 KiB body is read: {}", r.text());
}

async fn the_sign_up_named_by_the_nonce_is_enforced(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let nonce = s.nonce("alice", true).await;
    let only_general = record_now(
        &s.catalog,
        &[("kingsoft-general", "2020-04-14")],
        "alice",
        &nonce,
    );
    let r = s.post_receipt(&sign(&only_general)).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["code"], "policy-missing-agreement");
    assert!(r.json()["message"]
        .as_str()
        .unwrap_or("")
        .contains("kingsoft-cdn"));

    let old = record_now(
        &s.catalog,
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2020-11-26"),
        ],
        "alice",
        &nonce,
    );
    let r = s.post_receipt(&sign(&old)).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["code"], "policy-outdated-version");

    // Without a named sign-up the same old version is stored as what it is.
    let plain = s.nonce("alice", false).await;
    let old = record_now(
        &s.catalog,
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2020-11-26"),
        ],
        "alice",
        &plain,
    );
    assert_eq!(s.post_receipt(&sign(&old)).await.status, 201);
    // The two and an agreement of another sign-up: refused, and not stored as consent to it.
    let extra = record_now(
        &s.catalog,
        &[
            CDN_SIGN_UP[0],
            CDN_SIGN_UP[1],
            ("alibaba-redis", "2026-11-22"),
        ],
        "alice",
        &nonce,
    );
    let r = s.post_receipt(&sign(&extra)).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["code"], "policy-extra-agreement");
    assert!(r.json()["message"]
        .as_str()
        .unwrap_or("")
        .contains("alibaba-redis"));
    let status = s
        .get("/v1/subjects/alice/status?provider=alibaba&products=redis")
        .await;
    assert_eq!(status.status, 200, "{}", status.text());
    assert_eq!(
        required_of(status.json()),
        ["alibaba-redis 2026-11-22 never-accepted"],
        "the other sign-up's agreement counts as accepted"
    );
    let current = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);
    let r = s.post_receipt(&sign(&current)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["seq"], 2);
}

/// A person who accepted the general agreement at one sign-up comes back for the CDN: the
/// widget asks only the CDN agreement, as the status says, and the ledger stores that receipt.
/// Another subject's acceptance does not stand in for it.
async fn a_returning_subject_s_receipt_need_not_cover_what_it_accepted_before(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let general =
        serde_json::json!({ "subject": "bob", "audience": AUDIENCE, "provider": "kingsoft" });
    let r = s.post_json("/v1/nonces", &general).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let first = r.json()["nonce"].as_str().expect("a nonce").to_string();
    let only_general = record_now(&s.catalog, &[CDN_SIGN_UP[0]], "bob", &first);
    let r = s.post_receipt(&sign(&only_general)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let status = s
        .get("/v1/subjects/bob/status?provider=kingsoft&products=cdn")
        .await;
    assert_eq!(
        required_of(status.json()),
        [format!(
            "{} {} never-accepted",
            CDN_SIGN_UP[1].0, CDN_SIGN_UP[1].1
        )]
    );
    // Back for the CDN: the receipt covers what the widget asked, the CDN agreement alone.
    let nonce = s.nonce("bob", true).await;
    let only_cdn = record_now(&s.catalog, &[CDN_SIGN_UP[1]], "bob", &nonce);
    let r = s.post_receipt(&sign(&only_cdn)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    // Carol accepted nothing before: her receipt must cover both.
    let nonce = s.nonce("carol", true).await;
    let only_cdn = record_now(&s.catalog, &[CDN_SIGN_UP[1]], "carol", &nonce);
    let r = s.post_receipt(&sign(&only_cdn)).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["code"], "policy-missing-agreement");
}

/// A status's `required` list as `id version reason` lines.
fn required_of(status: serde_json::Value) -> Vec<String> {
    status["required"]
        .as_array()
        .expect("required")
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r["id"].as_str().unwrap_or(""),
                r["version"].as_str().unwrap_or(""),
                r["reason"].as_str().unwrap_or("")
            )
        })
        .collect()
}

async fn status_takes_the_acceptance_made_last_not_the_one_stored_last(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    // The current CDN agreement accepted, then a receipt of an earlier version, accepted a
    // moment before it, stored after it (a page that sent it late).
    let (first, second) = (s.nonce("dora", false).await, s.nonce("dora", false).await);
    let now = record_now(&s.catalog, CDN_SIGN_UP, "dora", &first);
    let earlier_at = rfc3339_ms(parse_rfc3339_utc_ms(&now.accepted_at).unwrap_or_default() - 5);
    let earlier = record(
        &s.catalog,
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2020-11-26"),
        ],
        "dora",
        AUDIENCE,
        &second,
        &earlier_at,
    );
    assert_eq!(s.post_receipt(&sign(&now)).await.status, 201);
    let r = s.post_receipt(&sign(&earlier)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let r = s
        .get("/v1/subjects/dora/status?provider=kingsoft&products=cdn")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(required_of(r.json()), Vec::<String>::new(), "{}", r.text());
    assert_eq!(
        r.json()["accepted"][1]["version"],
        "2021-06-01",
        "{}",
        r.text()
    );
    assert_eq!(
        r.json()["accepted"][1]["receipt_id"],
        now.receipt_id.as_str()
    );
}

async fn status_says_who_must_accept_again(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let status = required_of;
    let r = s
        .get("/v1/subjects/carol/status?provider=kingsoft&products=cdn")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        status(r.json()),
        [
            "kingsoft-general 2020-04-14 never-accepted",
            "kingsoft-cdn 2021-06-01 never-accepted"
        ]
    );
    assert_eq!(r.json()["accepted"], serde_json::json!([]));

    let nonce = s.nonce("carol", false).await;
    let old = record_now(
        &s.catalog,
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2020-11-26"),
        ],
        "carol",
        &nonce,
    );
    assert_eq!(s.post_receipt(&sign(&old)).await.status, 201);
    let r = s
        .get("/v1/subjects/carol/status?provider=kingsoft&products=cdn")
        .await;
    assert_eq!(
        status(r.json()),
        ["kingsoft-cdn 2021-06-01 new-version-requires-reconsent"]
    );
    let accepted = r.json()["accepted"].clone();
    assert_eq!(accepted[1]["id"], "kingsoft-cdn");
    assert_eq!(accepted[1]["version"], "2020-11-26");
    assert_eq!(accepted[1]["receipt_id"], old.receipt_id.as_str());
    assert_eq!(accepted[1]["accepted_at"], old.accepted_at.as_str());
    // The hash of the text accepted, as the widget's `status-url` compares it.
    assert_eq!(accepted[1]["sha256"], old.agreements[1].sha256.as_str());

    // Another product of the same provider: the base is accepted, the supplement never was.
    let r = s
        .get("/v1/subjects/carol/status?provider=kingsoft&products=kmct")
        .await;
    assert_eq!(
        status(r.json()),
        ["kingsoft-kmct 2020-11-26 never-accepted"]
    );
    // Another provider: nothing of Kingsoft's is listed as accepted.
    let r = s
        .get("/v1/subjects/carol/status?provider=jdcloud&products=kubernetes")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["accepted"], serde_json::json!([]));

    let r = s.get("/v1/subjects/carol/status?provider=nobody").await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (422, "unknown-provider".into())
    );
    let r = s
        .get("/v1/subjects/carol/status?provider=kingsoft&products=cdn&colour=blue")
        .await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (400, "bad-request".into())
    );
}

/// A catalogue where the later Kingsoft CDN version is announced: it takes effect in 30 days.
fn announced_catalogue() -> (TempDir, String) {
    let dir = TempDir::new("announced");
    let effective = consent_terms_ledger::time::rfc3339_ms(
        consent_terms_ledger::time::now_ms() + 30 * 86_400_000,
    )[..10]
        .to_string();
    for (id, file) in [
        ("kingsoft-general", "2020-04-14.md"),
        ("kingsoft-cdn", "2020-11-26.md"),
        ("kingsoft-cdn", "2021-06-01.md"),
    ] {
        let text = std::fs::read_to_string(agreements_dir().join(id).join(file)).expect("shipped");
        let text = text.replace("effective: 2021-06-01", &format!("effective: {effective}"));
        std::fs::create_dir_all(dir.0.join(id)).expect("dir");
        std::fs::write(dir.0.join(id).join(file), text).expect("write");
    }
    (dir, effective)
}

async fn a_version_accepted_ahead_is_not_required_again(backend: Backend) {
    let (agreements, effective) = announced_catalogue();
    let Some(s) = TestServer::start_with_agreements(backend, agreements.0.clone()).await else {
        return;
    };
    let required = required_of;
    let path = "/v1/subjects/dana/status?provider=kingsoft&products=cdn";
    // The version in effect is required; the announced one is listed as such, with its date.
    let r = s.get(path).await;
    assert_eq!(
        required(r.json()),
        [
            "kingsoft-general 2020-04-14 never-accepted",
            "kingsoft-cdn 2020-11-26 never-accepted",
            "kingsoft-cdn 2021-06-01 announced"
        ]
    );
    assert_eq!(r.json()["required"][2]["effective"], effective.as_str());
    assert!(r.json()["required"][0].get("effective").is_none());
    let nonce = s.nonce("dana", true).await;
    let mut record = record_now(
        &s.catalog,
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2020-11-26"),
        ],
        "dana",
        &nonce,
    );
    let next = s
        .catalog
        .find("kingsoft-cdn", "2021-06-01")
        .expect("announced");
    record.accepted_ahead = vec![consent_terms_core::receipt::AheadConsent {
        id: "kingsoft-cdn".into(),
        version: "2021-06-01".into(),
        sha256: s.catalog.hash_of(next),
        effective: effective.clone(),
    }];
    let posted = s.post_receipt(&sign(&record)).await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    let r = s.get(path).await;
    assert_eq!(required(r.json()), Vec::<String>::new(), "{}", r.text());
    let cdn = r.json()["accepted"][1].clone();
    assert_eq!(
        (cdn["id"].as_str(), cdn["version"].as_str()),
        (Some("kingsoft-cdn"), Some("2021-06-01"))
    );
    assert_eq!(cdn["sha256"], s.catalog.hash_of(next).as_str());
    // Accepted ahead with a wrong effective date: refused, nothing stored.
    let nonce = s.nonce("erin", true).await;
    let mut wrong = record_now(
        &s.catalog,
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2020-11-26"),
        ],
        "erin",
        &nonce,
    );
    wrong.accepted_ahead = vec![consent_terms_core::receipt::AheadConsent {
        effective: "2099-01-01".into(),
        ..record.accepted_ahead[0].clone()
    }];
    assert_eq!(s.post_receipt(&sign(&wrong)).await.status, 422);
}

async fn bad_requests_are_refused_clearly(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let bad = [
        (400, "bad-request", serde_json::json!("not an object")),
        (
            400,
            "bad-request",
            serde_json::json!({ "audience": AUDIENCE }),
        ),
        (
            400,
            "bad-request",
            serde_json::json!({ "subject": "", "audience": AUDIENCE }),
        ),
        (
            400,
            "bad-request",
            serde_json::json!({ "subject": "a", "audience": "console" }),
        ),
        // Origins no browser writes, which no receipt's audience could match.
        (
            400,
            "bad-request",
            serde_json::json!({ "subject": "a", "audience": "https://Console.example.com" }),
        ),
        (
            400,
            "bad-request",
            serde_json::json!({ "subject": "a", "audience": "https://console.example.com:443" }),
        ),
        (
            400,
            "bad-request",
            serde_json::json!({ "subject": "a", "audience": "https://:::" }),
        ),
        (
            400,
            "bad-request",
            serde_json::json!({ "subject": "a", "audience": AUDIENCE, "extra": 1 }),
        ),
        (
            400,
            "bad-request",
            serde_json::json!({ "subject": "a", "audience": AUDIENCE, "products": "cdn" }),
        ),
        (
            422,
            "unknown-provider",
            serde_json::json!({ "subject": "a", "audience": AUDIENCE, "provider": "nobody" }),
        ),
        (
            422,
            "unknown-product",
            serde_json::json!({ "subject": "a", "audience": AUDIENCE, "provider": "kingsoft", "products": ["nope"] }),
        ),
    ];
    for (status, code, body) in bad {
        let r = s.post_json("/v1/nonces", &body).await;
        assert_eq!(r.status, status, "{body}: {}", r.text());
        assert_eq!(r.json()["code"], code, "{body}: {}", r.text());
    }
    let r = s
        .call("POST", "/v1/nonces", Some("application/json"), b"{not json")
        .await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (400, "bad-request".into())
    );
    let r = s
        .call(
            "POST",
            "/v1/nonces",
            Some("application/json"),
            &vec![b' '; 70_000],
        )
        .await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (413, "too-large".into())
    );
    let r = s.get("/v1/export?since=-3").await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (400, "bad-request".into())
    );
    // A misspelt parameter is not taken for no parameter.
    let r = s.get("/v1/export?sinc=5").await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (400, "bad-request".into())
    );
    let r = s.get("/v1/nowhere").await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (404, "not-found".into())
    );
    let r = s.call("DELETE", "/v1/receipts", None, b"").await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (405, "method-not-allowed".into()),
        "{}",
        r.text()
    );
    let bad_request = |r: &consent_terms_ledger::client::Response| {
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (400, "bad-request".into()),
            "{}",
            r.text()
        );
    };
    // U+0000, which PostgreSQL's text cannot hold, answered as on SQLite: never stored, so
    // refused or not found, never a 503 a host would retry; and a bidirectional override, a
    // zero-width space or a control character, which would show a console another name.
    for subject in ["a\u{0}b", "ad\u{202E}min", "a\u{200B}b", "a\nb", "a\u{7}b"] {
        let r = s
            .post_json(
                "/v1/nonces",
                &serde_json::json!({ "subject": subject, "audience": AUDIENCE }),
            )
            .await;
        bad_request(&r);
        assert!(
            r.json()["message"]
                .as_str()
                .is_some_and(|m| m.contains("U+")),
            "{}",
            r.text()
        );
    }
    let r = s.get("/v1/receipts/%00").await;
    assert_eq!(r.status, 404, "{}", r.text());
    // A subject the ledger would never store is refused where it is asked about too.
    for path in [
        "/v1/subjects/a%00b/status",
        "/v1/subjects//status",
        "/v1/subjects/ad%E2%80%AEmin/status",
    ] {
        bad_request(&s.get(path).await);
    }
    bad_request(
        &s.get("/v1/subjects/alice/status?provider=kingsoft&lang=%3Cx%3E")
            .await,
    );
    // What a message quotes of a request is cut, and shows its hidden characters.
    let r = s
        .get(&["/v1/receipts/", &"a".repeat(20_000)].concat())
        .await;
    assert_eq!(r.status, 404, "{}", r.text());
    let message = r.json()["message"].as_str().unwrap_or_default().to_string();
    assert!(
        message.len() < 200 && message.contains("20000 characters"),
        "{message}"
    );
    let r = s.get("/v1/receipts/x%E2%80%AEy").await;
    assert!(
        r.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("x\\u{202E}y")),
        "{}",
        r.text()
    );
    let jws = sign(&record_now(&s.catalog, CDN_SIGN_UP, "alice", "x\u{0}y"));
    let r = s.post_receipt(&jws).await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (422, "nonce-unknown".into()),
        "{}",
        r.text()
    );
    // A media type's name in any case.
    let nonce = s.nonce("alice", true).await;
    let jws = sign(&record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce));
    let r = s
        .call(
            "POST",
            "/v1/receipts",
            Some("Application/JOSE"),
            jws.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

async fn the_same_receipt_posted_at_once_is_stored_once(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    let s = std::sync::Arc::new(s);
    let nonce = s.nonce("alice", true).await;
    let jws = sign(&record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (s, jws) = (s.clone(), jws.clone());
            tokio::spawn(async move { s.post_receipt(&jws).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("task"));
    }
    statuses.sort();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409, 409, 409]);
    assert_eq!(s.export(0).await.lines().count(), 1);
    // The next receipt follows with seq 2: the refused copies took no seq.
    let next = s.nonce("bob", true).await;
    let r = s
        .post_receipt(&sign(&record_now(&s.catalog, CDN_SIGN_UP, "bob", &next)))
        .await;
    assert_eq!(r.json()["seq"], 2, "{}", r.text());
}
