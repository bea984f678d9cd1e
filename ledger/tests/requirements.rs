//! What a sign-up requires is the host's server's word: the requirements given with the nonce
//! are kept with it, and a receipt that says less, or that was accepted outside the nonce's
//! lifetime, is refused with its own code; on a real SQLite file and a real PostgreSQL server.

#[macro_use]
mod common;

use common::*;
use consent_terms_core::consent::AssentMode;
use consent_terms_core::receipt::ConsentRecord;
use consent_terms_ledger::sample::{assent_wording, record};
use consent_terms_ledger::time::{now_ms, rfc3339_ms};

on_both_backends!(
    the_requirements_are_kept_with_the_nonce_and_echoed,
    a_receipt_weaker_than_its_nonce_is_refused_with_its_code,
    a_back_dated_receipt_for_a_superseded_version_is_refused,
    a_receipt_accepted_after_its_nonce_expired_is_refused,
);

/// A nonce for the Kingsoft CDN sign-up with these extra members; its answer.
async fn nonce_with(s: &TestServer, subject: &str, extra: serde_json::Value) -> serde_json::Value {
    let mut body = serde_json::json!({
        "subject": subject, "audience": AUDIENCE, "provider": "kingsoft", "products": "cdn"
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let r = s.post_json("/v1/nonces", &body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

/// The record in button mode, with the button's words.
fn in_button_mode(mut r: ConsentRecord, s: &TestServer) -> ConsentRecord {
    let titles: Vec<String> = r
        .agreements
        .iter()
        .filter_map(|a| s.catalog.find(&a.id, &a.version))
        .map(|a| a.meta.title.clone())
        .collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    r.assent.mode = "button".into();
    r.assent.wording = assent_wording(AssentMode::Button, &titles);
    r
}

async fn the_requirements_are_kept_with_the_nonce_and_echoed(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    // Absent: the widget's defaults, which require everything.
    let answer = nonce_with(&s, "alice", serde_json::json!({})).await;
    assert_eq!(answer["read_to_end"], true, "{answer}");
    assert_eq!(answer["acknowledge_highlights"], true);
    assert_eq!(answer["mode"], "checkbox");
    let issued = answer["issued_at"].as_str().expect("issued_at");
    let expires = answer["expires_at"].as_str().expect("expires_at");
    let ms = |t: &str| consent_terms_core::verify::parse_rfc3339_utc_ms(t).expect("RFC 3339");
    assert_eq!(ms(expires) - ms(issued), 900_000);
    // Given: kept as given.
    let answer = nonce_with(
        &s,
        "alice",
        serde_json::json!({ "read_to_end": false, "acknowledge_highlights": true, "mode": "button" }),
    )
    .await;
    assert_eq!(
        (
            &answer["read_to_end"],
            &answer["acknowledge_highlights"],
            &answer["mode"]
        ),
        (
            &serde_json::json!(false),
            &serde_json::json!(true),
            &serde_json::json!("button")
        )
    );
    // A receipt as weak as that nonce allows is stored: the nonce's word, read back.
    let nonce = answer["nonce"].as_str().expect("nonce");
    let mut weak = in_button_mode(record_now(&s.catalog, CDN_SIGN_UP, "alice", nonce), &s);
    weak.required.read_to_end = false;
    let r = s.post_receipt(&sign(&weak)).await;
    assert_eq!(r.status, 201, "{}", r.text());

    for bad in [
        serde_json::json!({ "mode": "Button" }),
        serde_json::json!({ "mode": "telepathy" }),
        serde_json::json!({ "mode": null }),
        serde_json::json!({ "read_to_end": "yes" }),
        serde_json::json!({ "acknowledge_highlights": 0 }),
        serde_json::json!({ "require_scroll": false }),
    ] {
        let mut body = serde_json::json!({ "subject": "a", "audience": AUDIENCE });
        if let (Some(b), Some(e)) = (body.as_object_mut(), bad.as_object()) {
            b.extend(e.clone());
        }
        let r = s.post_json("/v1/nonces", &body).await;
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (400, "bad-request".into()),
            "{bad}: {}",
            r.text()
        );
    }
}

async fn a_receipt_weaker_than_its_nonce_is_refused_with_its_code(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    // What a host script does in either mode: the attributes off, the receipt saying so.
    let answer = nonce_with(&s, "alice", serde_json::json!({})).await;
    let nonce = answer["nonce"].as_str().expect("nonce").to_string();
    let honest = record_now(&s.catalog, CDN_SIGN_UP, "alice", &nonce);

    let mut no_read = honest.clone();
    no_read.required.read_to_end = false;
    let mut no_ack = honest.clone();
    no_ack.required.acknowledge_highlights = false;
    let button = in_button_mode(honest.clone(), &s);
    let mut all_off = button.clone();
    all_off.required.read_to_end = false;
    all_off.required.acknowledge_highlights = false;
    for (what, record, field) in [
        ("reading not required", &no_read, "required.read_to_end"),
        (
            "acknowledging not required",
            &no_ack,
            "required.acknowledge_highlights",
        ),
        ("button instead of checkbox", &button, "assent.mode"),
        ("everything off, button", &all_off, "required.read_to_end"),
    ] {
        let r = s.post_receipt(&sign(record)).await;
        assert_eq!(r.status, 422, "{what}: {}", r.text());
        assert_eq!(
            r.json()["code"],
            "requirements-weaker",
            "{what}: {}",
            r.text()
        );
        let message = r.json()["message"].as_str().unwrap_or("").to_string();
        assert!(message.contains(field), "{what}: {message}");
    }
    // A checkbox receipt for a button nonce differs too.
    let answer = nonce_with(&s, "bob", serde_json::json!({ "mode": "button" })).await;
    let other = record_now(
        &s.catalog,
        CDN_SIGN_UP,
        "bob",
        answer["nonce"].as_str().expect("nonce"),
    );
    let r = s.post_receipt(&sign(&other)).await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (422, "requirements-weaker".into()),
        "{}",
        r.text()
    );
    assert!(r.json()["message"]
        .as_str()
        .unwrap_or("")
        .contains("`assent.mode` is `checkbox`"));

    // Nothing stored, and the nonce still takes the honest receipt.
    assert_eq!(s.export(0).await, "");
    let r = s.post_receipt(&sign(&honest)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["seq"], 1);
    // Saying more than the nonce asked is not weaker.
    let answer = nonce_with(
        &s,
        "carol",
        serde_json::json!({ "read_to_end": false, "acknowledge_highlights": false }),
    )
    .await;
    let more = record_now(
        &s.catalog,
        CDN_SIGN_UP,
        "carol",
        answer["nonce"].as_str().expect("nonce"),
    );
    assert_eq!(s.post_receipt(&sign(&more)).await.status, 201);
}

async fn a_back_dated_receipt_for_a_superseded_version_is_refused(backend: Backend) {
    let Some(s) = TestServer::start(backend, 900).await else {
        return;
    };
    // Issue 26, finding 6: the CDN agreement's superseded version, dated 2021-01-15 (when it was
    // current), on a fresh nonce for the CDN sign-up. It was stored (201); dated today, the same
    // receipt is 422 `policy-outdated-version`.
    let superseded = &[
        ("kingsoft-general", "2020-04-14"),
        ("kingsoft-cdn", "2020-11-26"),
    ];
    let answer = nonce_with(&s, "mallory", serde_json::json!({})).await;
    let nonce = answer["nonce"].as_str().expect("nonce").to_string();
    let mut dated = record(
        &s.catalog,
        superseded,
        "mallory",
        AUDIENCE,
        &nonce,
        "2021-01-15T10:00:00.000Z",
    );
    for a in &mut dated.agreements {
        a.displayed_at = Some("2021-01-15T09:58:00.000Z".into());
    }
    let r = s.post_receipt(&sign(&dated)).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["code"], "accepted-before-nonce", "{}", r.text());
    let message = r.json()["message"].as_str().unwrap_or("").to_string();
    assert!(
        message.contains("2021-01-15T10:00:00.000Z")
            && message.contains(answer["issued_at"].as_str().unwrap_or("?")),
        "{message}"
    );
    let today = record(
        &s.catalog,
        superseded,
        "mallory",
        AUDIENCE,
        &nonce,
        &rfc3339_ms(now_ms()),
    );
    let r = s.post_receipt(&sign(&today)).await;
    assert_eq!(r.json()["code"], "policy-outdated-version", "{}", r.text());

    // The clock skew: 200 s before the issue is within the default 300 s, 400 s is not.
    let issued = consent_terms_core::verify::parse_rfc3339_utc_ms(
        answer["issued_at"].as_str().expect("issued_at"),
    )
    .expect("RFC 3339");
    let at = |offset_s: i64| {
        let t = rfc3339_ms(issued + offset_s * 1000);
        let mut r = record(&s.catalog, CDN_SIGN_UP, "mallory", AUDIENCE, &nonce, &t);
        for a in &mut r.agreements {
            a.displayed_at = Some(t.clone());
        }
        r
    };
    let r = s.post_receipt(&sign(&at(-400))).await;
    assert_eq!(r.json()["code"], "accepted-before-nonce", "{}", r.text());
    let r = s.post_receipt(&sign(&at(-200))).await;
    assert_eq!(r.status, 201, "within the clock skew: {}", r.text());
}

async fn a_receipt_accepted_after_its_nonce_expired_is_refused(backend: Backend) {
    // Nonces that live 10 s and 60 s of clock skew; the receipt says it was accepted 150 s after
    // the expiry (the verifier allows a clock up to 300 s ahead), and is posted at once, while
    // the nonce is still valid.
    let Some(s) = TestServer::start_configured(backend, |c| {
        c.nonce_ttl_seconds = 10;
        c.clock_skew_seconds = 60;
    })
    .await
    else {
        return;
    };
    let answer = nonce_with(&s, "dave", serde_json::json!({})).await;
    let nonce = answer["nonce"].as_str().expect("nonce").to_string();
    let expires = consent_terms_core::verify::parse_rfc3339_utc_ms(
        answer["expires_at"].as_str().expect("expires_at"),
    )
    .expect("RFC 3339");
    let later = rfc3339_ms(expires + 150_000);
    let r = s
        .post_receipt(&sign(&record(
            &s.catalog,
            CDN_SIGN_UP,
            "dave",
            AUDIENCE,
            &nonce,
            &later,
        )))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["code"], "nonce-expired", "{}", r.text());
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap_or("")
            .contains("after the nonce expired"),
        "{}",
        r.text()
    );
    // The honest receipt, posted in time, is stored.
    let r = s
        .post_receipt(&sign(&record_now(&s.catalog, CDN_SIGN_UP, "dave", &nonce)))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}
