//! Receipts: the native sign/verify round trip with a fixed key, and every way a receipt can be
//! forged or misused being rejected with its own error.

#![cfg(not(target_arch = "wasm32"))]

use consent_terms::canonical::{content_hash, content_hash_in, Form};
use consent_terms::catalog::{bundled_catalog, Catalog};
use consent_terms::receipt::{
    b64url, jwk_thumbprint, AgreementConsent, Assent, ConsentRecord, Jwk, RequiredSteps,
    RECEIPT_SCHEMA,
};
use consent_terms::verify::{
    parse_rfc3339_utc_ms, public_jwk, sign_receipt, verify_receipt, VerifyError, VerifyOptions,
};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};

fn catalog() -> &'static Catalog {
    bundled_catalog()
        .as_ref()
        .expect("shipped agreements are valid")
}

/// The fixed key of the documented test vector (`docs/receipts.md`).
fn key() -> SigningKey {
    SigningKey::from_bytes(&[0x42; 32].into()).expect("a valid scalar")
}

fn other_key() -> SigningKey {
    SigningKey::from_bytes(&[0x17; 32].into()).expect("a valid scalar")
}

const ACCEPTED_AT: &str = "2026-11-22T10:00:00.123Z";
const NOW: i64 = 1_795_341_600_123 + 60_000;

fn record() -> ConsentRecord {
    let general = catalog()
        .find("kingsoft-general", "2020-04-14")
        .expect("shipped");
    let cdn = catalog()
        .find("kingsoft-cdn", "2021-06-01")
        .expect("shipped");
    let consent = |a: &consent_terms::agreement::Agreement| AgreementConsent {
        id: a.meta.id.clone(),
        version: a.meta.version.clone(),
        sha256: content_hash(a),
        displayed_at: Some("2026-11-22T09:58:10.000Z".into()),
        reached_end: true,
        acknowledged_highlights: a.highlights().map(|h| h.id.to_string()).collect(),
        effective: None,
        questions_asked: Vec::new(),
    };
    ConsentRecord {
        schema: RECEIPT_SCHEMA.into(),
        receipt_id: "5f0c6a1e-8d2b-4c3f-9a7e-1b2c3d4e5f60".into(),
        subject: Some("user-4711".into()),
        audience: "https://console.example.com".into(),
        nonce: Some("n-0001".into()),
        locale: "en".into(),
        accepted_at: ACCEPTED_AT.into(),
        assent: Assent {
            mode: "checkbox".into(),
            wording: "I have read and agree to the Agreement of Kingsoft Cloud Service and the Kingsoft Cloud CDN Service Agreement.".into(),
        },
        required: RequiredSteps { read_to_end: true, acknowledge_highlights: true },
        agreements: vec![consent(general), consent(cdn)],
        accepted_ahead: Vec::new(),
        organization: None,
    }
}

fn options() -> VerifyOptions {
    VerifyOptions {
        nonce: Some("n-0001".into()),
        audience: Some("https://console.example.com".into()),
        max_age_seconds: Some(600),
        key_thumbprint: None,
        now_ms: NOW,
        sign_up: None,
    }
}

/// Signs an arbitrary header and payload with `key`, for forgeries that are well signed.
fn sign_raw(header: &serde_json::Value, payload: &[u8], key: &SigningKey) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(payload)
    );
    let sig: Signature = key.sign(input.as_bytes());
    format!("{input}.{}", b64url(&sig.to_bytes()))
}

fn header_for(jwk: &Jwk) -> serde_json::Value {
    serde_json::json!({ "alg": "ES256", "typ": "consent-receipt+jws", "kid": jwk_thumbprint(jwk), "jwk": jwk })
}

fn payload() -> Vec<u8> {
    serde_json::to_vec(&record()).expect("serialisable")
}

#[test]
fn round_trip_with_the_documented_test_vector() {
    let jws = sign_receipt(&record(), &key());
    let verified = verify_receipt(&jws, catalog(), &options()).expect("a valid receipt verifies");
    assert_eq!(verified.record, record());
    assert_eq!(verified.key_thumbprint, jwk_thumbprint(&public_jwk(&key())));
    let general = catalog()
        .find("kingsoft-general", "2020-04-14")
        .expect("shipped");
    assert_eq!(
        verified.acknowledged.len(),
        general.highlights().count() + 22
    );
    assert_eq!(verified.acknowledged[0].clause.as_deref(), Some("1.4"));

    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/receipts.md"))
        .expect("docs/receipts.md");
    let flat: String = docs.split_whitespace().collect();
    assert!(
        flat.contains(&jws),
        "docs/receipts.md holds the test vector's JWS:\n{jws}"
    );
    assert!(
        docs.contains(&verified.key_thumbprint),
        "docs/receipts.md names the key thumbprint"
    );
}

#[test]
fn a_receipt_made_before_canonical_v2_still_verifies_and_says_it_binds_v1() {
    // The documented test vector as it was published with canonical v1: the same record,
    // with the v1 hashes of the two texts.
    let jws = include_str!("fixtures/receipt-v1.jws").trim();
    let verified = verify_receipt(jws, catalog(), &options()).expect("a v1 receipt verifies");
    assert_eq!(verified.forms, [Form::V1, Form::V1]);
    let mut v1 = record();
    for a in &mut v1.agreements {
        let text = catalog().find(&a.id, &a.version).expect("shipped");
        a.sha256 = content_hash_in(text, Form::V1);
    }
    assert_eq!(verified.record, v1);
    assert_eq!(
        verified.record.agreements[0].sha256,
        "76b70b93440daf3816fc3f190f7ba26fb700ab56f6fb836eb17c3b118a53dfe9"
    );
    // Today's receipts bind v2.
    let today =
        verify_receipt(&sign_receipt(&record(), &key()), catalog(), &options()).expect("verifies");
    assert_eq!(today.forms, [Form::V2, Form::V2]);
    // A hash of neither form is refused.
    let mut other = record();
    other.agreements[1].sha256 = content_hash(
        catalog()
            .find("kingsoft-cdn", "2020-11-26")
            .expect("shipped"),
    );
    assert!(matches!(
        verify_receipt(&sign_receipt(&other, &key()), catalog(), &options()),
        Err(VerifyError::HashMismatch { .. })
    ));
}

#[test]
fn the_record_is_written_as_serde_json_would_write_it_even_for_awkward_text() {
    let mut r = record();
    r.subject =
        Some("\"quoted\" back\\slash \u{0}\u{1f}\u{7f} tab\t nl\n cr\r \u{8}\u{c} 中文 😀".into());
    r.nonce = None;
    r.agreements[0].displayed_at = None;
    r.agreements[1].acknowledged_highlights.clear();
    let written = r.to_json().to_text();
    assert_eq!(written, serde_json::to_string(&r).expect("serialisable"));
    let back: ConsentRecord = serde_json::from_str(&written).expect("reads back");
    assert_eq!(back, r);
    let jwk = public_jwk(&key());
    assert_eq!(
        jwk.to_json().to_text(),
        serde_json::to_string(&jwk).expect("serialisable")
    );
}

#[test]
fn every_single_byte_change_is_rejected() {
    let jws = sign_receipt(&record(), &key());
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    let mut tried = 0;
    for i in 0..jws.len() {
        let mut bytes = jws.clone().into_bytes();
        let original = bytes[i];
        // Two replacements per position: the next character of the alphabet, and one far away.
        for step in [1, 33] {
            let pos = alphabet.iter().position(|c| *c == original).unwrap_or(0);
            bytes[i] = alphabet[(pos + step) % alphabet.len()];
            let mutated = String::from_utf8(bytes.clone()).expect("ascii");
            assert!(
                verify_receipt(&mutated, catalog(), &options()).is_err(),
                "byte {i} changed to {} verified",
                bytes[i] as char
            );
            tried += 1;
        }
    }
    assert_eq!(tried, jws.len() * 2);
}

#[test]
fn truncated_and_reordered_segments_are_malformed() {
    let jws = sign_receipt(&record(), &key());
    let parts: Vec<&str> = jws.split('.').collect();
    for bad in [
        parts[..2].join("."),
        format!("{}.{}.{}", parts[1], parts[0], parts[2]),
        format!("{jws}.extra"),
        jws[..jws.len() - 10].to_string(),
        String::new(),
    ] {
        assert!(
            verify_receipt(&bad, catalog(), &options()).is_err(),
            "{bad}"
        );
    }
    assert!(matches!(
        verify_receipt(&parts[..2].join("."), catalog(), &options()),
        Err(VerifyError::Malformed(_))
    ));
}

#[test]
fn only_es256_is_accepted() {
    let jwk = public_jwk(&key());
    for alg in ["none", "HS256", "ES512", "RS256", "es256"] {
        let mut header = header_for(&jwk);
        header["alg"] = alg.into();
        let forged = sign_raw(&header, &payload(), &key());
        assert_eq!(
            verify_receipt(&forged, catalog(), &options()),
            Err(VerifyError::AlgorithmNotAllowed(alg.into()))
        );
    }
    let unsigned = format!("{}.{}.", b64url(br#"{"alg":"none"}"#), b64url(&payload()));
    assert_eq!(
        verify_receipt(&unsigned, catalog(), &options()),
        Err(VerifyError::AlgorithmNotAllowed("none".into()))
    );
}

#[test]
fn header_members_that_change_how_a_jws_is_read_are_refused() {
    // Well signed, but each names processing the verifier does not do (`crit`, `b64`, `zip`)
    // or a key from elsewhere (`jku`, `x5u`, `x5c`): refused, never ignored.
    let jwk = public_jwk(&key());
    for (member, value) in [
        ("crit", serde_json::json!(["b64"])),
        ("b64", serde_json::json!(false)),
        ("zip", serde_json::json!("DEF")),
        ("jku", serde_json::json!("https://attacker.example/keys")),
        ("x5u", serde_json::json!("https://attacker.example/cert")),
        ("x5c", serde_json::json!(["MIIB"])),
        ("__proto__", serde_json::json!({})),
    ] {
        let mut header = header_for(&jwk);
        header[member] = value;
        let forged = sign_raw(&header, &payload(), &key());
        assert!(
            matches!(
                verify_receipt(&forged, catalog(), &options()),
                Err(VerifyError::BadHeader(_))
            ),
            "{member}"
        );
    }
}

#[test]
fn a_swapped_key_a_wrong_kid_and_a_pinned_key_are_each_caught() {
    let jws = sign_receipt(&record(), &key());
    let (h, rest) = jws.split_once('.').expect("three segments");
    let _ = h;
    // The other key's JWK and kid, over the original signature.
    let swapped = format!(
        "{}.{rest}",
        b64url(header_for(&public_jwk(&other_key())).to_string().as_bytes())
    );
    assert_eq!(
        verify_receipt(&swapped, catalog(), &options()),
        Err(VerifyError::BadSignature)
    );
    // The right JWK with another key's kid, properly signed.
    let mut header = header_for(&public_jwk(&key()));
    header["kid"] = jwk_thumbprint(&public_jwk(&other_key())).into();
    let forged = sign_raw(&header, &payload(), &key());
    assert!(matches!(
        verify_receipt(&forged, catalog(), &options()),
        Err(VerifyError::KidMismatch { .. })
    ));
    // Re-keyed: a well-formed receipt by another key, rejected when the host pins its key.
    let rekeyed = sign_receipt(&record(), &other_key());
    assert!(
        verify_receipt(&rekeyed, catalog(), &options()).is_ok(),
        "valid on its own"
    );
    let pinned = VerifyOptions {
        key_thumbprint: Some(jwk_thumbprint(&public_jwk(&key()))),
        ..options()
    };
    assert!(matches!(
        verify_receipt(&rekeyed, catalog(), &pinned),
        Err(VerifyError::UnexpectedKey { .. })
    ));
}

#[test]
fn keys_that_are_not_p256_public_keys_are_refused() {
    let jwk = public_jwk(&key());
    let mut with_d = header_for(&jwk);
    with_d["jwk"]["d"] = b64url(&[0x42; 32]).into();
    assert_eq!(
        verify_receipt(
            &sign_raw(&with_d, &payload(), &key()),
            catalog(),
            &options()
        ),
        Err(VerifyError::PrivateKeyInHeader)
    );
    let mut p384 = header_for(&jwk);
    p384["jwk"]["crv"] = "P-384".into();
    assert!(matches!(
        verify_receipt(&sign_raw(&p384, &payload(), &key()), catalog(), &options()),
        Err(VerifyError::BadKey(_))
    ));
    let mut off_curve = header_for(&jwk);
    off_curve["jwk"]["y"] = b64url(&[7; 32]).into();
    assert!(matches!(
        verify_receipt(
            &sign_raw(&off_curve, &payload(), &key()),
            catalog(),
            &options()
        ),
        Err(VerifyError::BadKey(_))
    ));
    let mut duplicated = header_for(&jwk).to_string();
    duplicated.insert_str(1, r#""alg":"ES256","#);
    let forged = format!("{}.{}", b64url(duplicated.as_bytes()), b64url(&payload()));
    let sig: Signature = key().sign(forged.as_bytes());
    let forged = format!("{forged}.{}", b64url(&sig.to_bytes()));
    assert!(
        matches!(
            verify_receipt(&forged, catalog(), &options()),
            Err(VerifyError::BadHeader(_))
        ),
        "duplicate header field"
    );
}

#[test]
fn nonce_audience_and_age_are_checked() {
    let jws = sign_receipt(&record(), &key());
    let wrong_nonce = VerifyOptions {
        nonce: Some("n-0002".into()),
        ..options()
    };
    assert!(matches!(
        verify_receipt(&jws, catalog(), &wrong_nonce),
        Err(VerifyError::NonceMismatch { .. })
    ));
    let wrong_audience = VerifyOptions {
        audience: Some("https://evil.example".into()),
        ..options()
    };
    assert!(matches!(
        verify_receipt(&jws, catalog(), &wrong_audience),
        Err(VerifyError::AudienceMismatch { .. })
    ));
    let later = VerifyOptions {
        now_ms: NOW + 3_600_000,
        ..options()
    };
    assert_eq!(
        verify_receipt(&jws, catalog(), &later),
        Err(VerifyError::Stale {
            age_seconds: 3660,
            max_age_seconds: 600
        })
    );
    let earlier = VerifyOptions {
        now_ms: NOW - 3_600_000,
        ..options()
    };
    assert!(matches!(
        verify_receipt(&jws, catalog(), &earlier),
        Err(VerifyError::FromTheFuture { .. })
    ));
}

#[test]
fn agreements_must_exist_in_the_catalogue_with_their_hash() {
    let mut r = record();
    r.agreements[1].sha256 = "0".repeat(64);
    assert!(matches!(
        verify_receipt(&sign_receipt(&r, &key()), catalog(), &options()),
        Err(VerifyError::HashMismatch { .. })
    ));
    let mut r = record();
    r.agreements[1].version = "2030-01-01".into();
    assert!(matches!(
        verify_receipt(&sign_receipt(&r, &key()), catalog(), &options()),
        Err(VerifyError::UnknownAgreement { .. })
    ));
    let mut r = record();
    r.agreements[0].acknowledged_highlights.push("h999".into());
    assert!(matches!(
        verify_receipt(&sign_receipt(&r, &key()), catalog(), &options()),
        Err(VerifyError::UnknownHighlight { .. })
    ));
    // The earlier CDN version is still in the catalogue, so receipts for it still verify.
    let mut r = record();
    covers_the_superseded_cdn_version(&mut r);
    assert!(verify_receipt(&sign_receipt(&r, &key()), catalog(), &options()).is_ok());
}

#[test]
fn a_payload_with_duplicate_keys_or_unknown_fields_is_refused() {
    let jwk = public_jwk(&key());
    let json = String::from_utf8(payload()).expect("utf-8");
    let duplicated = json.replacen("{", r#"{"nonce":"n-0001","#, 1);
    let forged = sign_raw(&header_for(&jwk), duplicated.as_bytes(), &key());
    assert!(matches!(
        verify_receipt(&forged, catalog(), &options()),
        Err(VerifyError::BadRecord(_))
    ));
    let extra = json.replacen("{", r#"{"admin":true,"#, 1);
    let forged = sign_raw(&header_for(&jwk), extra.as_bytes(), &key());
    assert!(matches!(
        verify_receipt(&forged, catalog(), &options()),
        Err(VerifyError::BadRecord(_))
    ));
}

#[test]
fn each_failure_has_its_own_exit_code() {
    use VerifyError::*;
    let errors = [
        Malformed(String::new()),
        BadHeader(String::new()),
        AlgorithmNotAllowed(String::new()),
        BadKey(String::new()),
        PrivateKeyInHeader,
        KidMismatch {
            kid: String::new(),
            thumbprint: String::new(),
        },
        UnexpectedKey {
            expected: String::new(),
            found: String::new(),
        },
        BadSignature,
        BadRecord(String::new()),
        NonceMismatch {
            expected: String::new(),
            found: None,
        },
        AudienceMismatch {
            expected: String::new(),
            found: String::new(),
        },
        BadTime(String::new()),
        Stale {
            age_seconds: 0,
            max_age_seconds: 0,
        },
        FromTheFuture { ahead_seconds: 0 },
        UnknownAgreement {
            id: String::new(),
            version: String::new(),
        },
        HashMismatch {
            id: String::new(),
            version: String::new(),
            catalogue: String::new(),
            receipt: String::new(),
        },
        UnknownHighlight {
            id: String::new(),
            highlight: String::new(),
        },
        MissingAgreement {
            id: String::new(),
            version: String::new(),
        },
        OutdatedVersion {
            id: String::new(),
            version: String::new(),
            current: String::new(),
        },
        BadSignUp {
            code: "no-agreement",
            message: String::new(),
        },
    ];
    let mut codes: Vec<u8> = errors.iter().map(VerifyError::exit_code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
    assert!(codes.iter().all(|c| *c >= 10));
}

#[test]
fn rfc3339_times_parse_to_epoch_milliseconds() {
    assert_eq!(parse_rfc3339_utc_ms("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(parse_rfc3339_utc_ms(ACCEPTED_AT), Some(1_795_341_600_123));
    assert_eq!(
        parse_rfc3339_utc_ms("2000-02-29T23:59:59Z"),
        Some(951_868_799_000)
    );
    for bad in [
        "2026-11-22 10:00:00Z",
        "2026-11-22T10:00:00+08:00",
        "2026-02-30T00:00:00Z",
        "2026-11-22T24:00:00Z",
        "2026-11-22T10:00:00.Z",
    ] {
        assert_eq!(parse_rfc3339_utc_ms(bad), None, "{bad}");
    }
}

#[test]
fn the_cli_verifies_and_explains() {
    let dir = std::env::temp_dir().join(format!("consent-terms-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("receipt.jws");
    let mut r = record();
    r.accepted_at = "2022-01-01T00:00:00.000Z".into();
    for a in &mut r.agreements {
        a.displayed_at = Some("2021-12-31T23:59:00.000Z".into());
    }
    std::fs::write(&file, sign_receipt(&r, &key())).expect("write");
    let run = |extra: &[&str]| {
        let agreements = concat!(env!("CARGO_MANIFEST_DIR"), "/../agreements");
        std::process::Command::new(env!("CARGO_BIN_EXE_consent-terms"))
            .args([
                "verify",
                file.to_str().expect("utf-8 path"),
                "--agreements",
                agreements,
            ])
            .args(extra)
            .output()
            .expect("the CLI runs")
    };
    // Without a word on nonce, audience and age the CLI refuses to run: it does not fail open.
    let open = run(&[]);
    assert_eq!(open.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&open.stderr).contains("<--nonce <N>|--no-nonce>"));
    let both = run(&[
        "--nonce",
        "n-0001",
        "--no-nonce",
        "--no-audience",
        "--no-max-age",
    ]);
    assert_eq!(both.status.code(), Some(2));
    let ok = run(&[
        "--nonce",
        "n-0001",
        "--audience",
        "https://console.example.com",
        "--no-max-age",
    ]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(out.contains("receipt verified"), "{out}");
    assert!(out.contains("kingsoft-cdn 2021-06-01"), "{out}");
    assert!(
        out.contains("7.7 [exemption]"),
        "lists the acknowledged clauses: {out}"
    );
    // A nonce is base64url, so it may begin with `-`: still the nonce, not an option.
    let hyphen = run(&["--nonce", "-c9999", "--no-audience", "--no-max-age"]);
    assert_eq!(hyphen.status.code(), Some(19));
    assert!(String::from_utf8_lossy(&hyphen.stderr)
        .contains("nonce `n-0001` is not the expected `-c9999`"));
    let bad = run(&["--nonce", "n-9999", "--no-audience", "--no-max-age"]);
    assert_eq!(bad.status.code(), Some(19));
    assert!(String::from_utf8_lossy(&bad.stderr)
        .contains("nonce `n-0001` is not the expected `n-9999`"));
    let stale = run(&["--max-age", "1", "--no-nonce", "--no-audience"]);
    assert_eq!(stale.status.code(), Some(22));
    // A pinned key: the receipt's own passes, any other is refused (exit 16).
    let own = jwk_thumbprint(&public_jwk(&key()));
    let other = jwk_thumbprint(&public_jwk(&other_key()));
    let pinned = |t: &str| {
        run(&[
            "--no-nonce",
            "--no-audience",
            "--no-max-age",
            "--key-thumbprint",
            t,
        ])
        .status
        .code()
    };
    assert_eq!(pinned(&own), Some(0));
    assert_eq!(pinned(&other), Some(16));
    // What the host wrote is printed with its control characters escaped: a carriage return
    // and a terminal's erase-line cannot make the operator read another subject.
    let mut forged = r.clone();
    forged.subject = Some("mallory\r\u{1b}[2Ksubject alice".into());
    std::fs::write(&file, sign_receipt(&forged, &key())).expect("write");
    let printed = run(&["--no-nonce", "--no-audience", "--no-max-age"]);
    assert_eq!(printed.status.code(), Some(0));
    let out = String::from_utf8_lossy(&printed.stdout);
    assert!(
        !out.chars().any(|c| c.is_control() && c != '\n'),
        "control characters printed: {out:?}"
    );
    assert!(
        out.contains("subject mallory\\r\\u{1b}[2Ksubject alice"),
        "{out}"
    );
    std::fs::write(&file, sign_receipt(&r, &key())).expect("write");
    // The sign-up it is for: CDN and KMCT need an agreement this receipt does not cover.
    let unchecked = ["--no-nonce", "--no-audience", "--no-max-age"];
    let cdn = run(&[
        &unchecked[..],
        &["--provider", "kingsoft", "--products", "cdn"],
    ]
    .concat());
    assert_eq!(
        cdn.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&cdn.stderr)
    );
    let both = run(&[
        &unchecked[..],
        &["--provider", "kingsoft", "--products", "cdn kmct"],
    ]
    .concat());
    assert_eq!(both.status.code(), Some(27));
    assert!(String::from_utf8_lossy(&both.stderr).contains("requires agreement `kingsoft-kmct`"));
    let current_only = run(&[
        &unchecked[..],
        &[
            "--provider",
            "kingsoft",
            "--products",
            "cdn",
            "--versions",
            "current",
        ],
    ]
    .concat());
    assert_eq!(current_only.status.code(), Some(0));
    let orphan = run(&[&unchecked[..], &["--products", "cdn"]].concat());
    assert_eq!(orphan.status.code(), Some(2));
    // A returning person's receipt covers the CDN agreement alone: the general agreement was
    // accepted before, which the backend says.
    let mut returning = r.clone();
    returning.agreements.remove(0);
    returning.assent.wording =
        "I have read and agree to the Kingsoft Cloud CDN Service Agreement.".into();
    std::fs::write(&file, sign_receipt(&returning, &key())).expect("write");
    let sign_up = ["--provider", "kingsoft", "--products", "cdn"];
    let missing = run(&[&unchecked[..], &sign_up].concat());
    assert_eq!(missing.status.code(), Some(27));
    let before = ["--accepted-before", "kingsoft-general@2020-04-14"];
    let back = run(&[&unchecked[..], &sign_up, &before].concat());
    assert_eq!(
        back.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    let bad = run(&[
        &unchecked[..],
        &sign_up,
        &["--accepted-before", "kingsoft-general"],
    ]
    .concat());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not ID@VERSION"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_cli_checks_no_empty_value_reads_no_endless_file_and_escapes_what_a_refused_receipt_says() {
    let dir = std::env::temp_dir().join(format!("consent-terms-cli-guards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("receipt.jws");
    let mut r = record();
    r.nonce = Some("n\u{1b}[2J\u{7}\nreceipt verified".into());
    std::fs::write(&file, sign_receipt(&r, &key())).expect("write");
    let run = |receipt: &str, extra: &[&str]| {
        let agreements = concat!(env!("CARGO_MANIFEST_DIR"), "/../agreements");
        std::process::Command::new(env!("CARGO_BIN_EXE_consent-terms"))
            .args(["verify", receipt, "--agreements", agreements])
            .args(extra)
            .output()
            .expect("the CLI runs")
    };
    let receipt = file.to_str().expect("utf-8 path");
    // An unset variable in `--nonce "$NONCE"` is a usage error, not a check that passes.
    for flags in [
        ["--nonce", "", "--no-audience", "--no-max-age"],
        ["--no-nonce", "--audience", " ", "--no-max-age"],
        ["--no-nonce", "--no-audience", "--max-age", "-1"],
    ] {
        let out = run(receipt, &flags);
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
    }
    // What the receipt says is quoted escaped: no terminal escape, no second line.
    let refused = run(
        receipt,
        &["--nonce", "n-0001", "--no-audience", "--no-max-age"],
    );
    assert_eq!(refused.status.code(), Some(19));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}') && err.lines().count() == 1,
        "{err:?}"
    );
    assert!(
        err.contains(r"nonce `n\u{1b}[2J\u{7}\nreceipt verified`"),
        "{err}"
    );
    // A file that never ends is refused after a receipt's length, not read to its end.
    let endless = run(
        "/dev/zero",
        &["--no-nonce", "--no-audience", "--no-max-age"],
    );
    assert_eq!(endless.status.code(), Some(10));
    assert!(String::from_utf8_lossy(&endless.stderr).contains("a receipt is at most 65536"));
    // A version the catalogue does not have, in --versions or --accepted-before, is named.
    for flags in [
        ["--versions", "kingsoft-cdn@nope"],
        ["--accepted-before", "kingsoft-general@1999"],
    ] {
        let mut all = vec![
            "--no-nonce",
            "--no-audience",
            "--no-max-age",
            "--provider",
            "kingsoft",
        ];
        all.extend(flags);
        let out = run(receipt, &all);
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("the agreements have no"),
            "{flags:?}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn base64url_encoding_matches_rfc_4648_and_the_base64_crate() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    // RFC 4648 §10 test vectors, without padding; then the two characters only base64url has.
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(b64url(plain.as_bytes()), encoded);
    }
    assert_eq!(b64url(&[0xfb, 0xff]), "-_8");
    // Every length up to 100 over bytes that cover all 256 values.
    let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
    for len in 0..=100 {
        for start in [0, 1, 77, 200, 311] {
            let slice = &bytes[start..start + len];
            assert_eq!(b64url(slice), URL_SAFE_NO_PAD.encode(slice), "{slice:?}");
        }
    }
}

#[test]
fn a_receipt_for_a_text_in_another_language_of_the_same_version_verifies_by_its_hash() {
    use consent_terms::catalog::Source;
    let text = |language: &str, extra: &str, body: &str| {
        Source {
        path: format!("agreements/demo/1-{language}.md"),
        text: format!("---\nid: demo-terms\ntitle: Demo Terms\nprovider: demo\nprovider-name: Demo Cloud\nversion: 1\neffective: 2024-01-01\nupdated: 2024-01-01\nlanguage: {language}\nproducts: *\nreconsent: required\n{extra}---\n{body}\n"),
    }
    };
    let catalog = Catalog::from_sources(&[
        text("en", "", "1.1 Demo Cloud provides the service."),
        text("zh-CN", "translation-of: en\n", "第一条 示例云提供服务。"),
    ])
    .expect("valid");
    let zh = &catalog.all()[1];
    let mut r = record();
    r.agreements = vec![AgreementConsent {
        id: "demo-terms".into(),
        version: "1".into(),
        sha256: content_hash(zh),
        displayed_at: Some("2026-11-22T09:58:10.000Z".into()),
        reached_end: true,
        acknowledged_highlights: Vec::new(),
        effective: None,
        questions_asked: Vec::new(),
    }];
    // The title shown, and so signed, is the Chinese text's.
    r.assent.wording = format!("I have read and agree to the {}.", zh.meta.title);
    let verified = verify_receipt(&sign_receipt(&r, &key()), &catalog, &options());
    assert!(verified.is_ok(), "{verified:?}");
    // A hash that is neither text's is still refused, naming one of them.
    r.agreements[0].sha256 = "0".repeat(64);
    assert!(matches!(
        verify_receipt(&sign_receipt(&r, &key()), &catalog, &options()),
        Err(VerifyError::HashMismatch { .. })
    ));
}

/// Signs `r` after `change`, and verifies it.
fn verify_changed(change: impl FnOnce(&mut ConsentRecord)) -> Result<(), VerifyError> {
    let mut r = record();
    change(&mut r);
    verify_receipt(&sign_receipt(&r, &key()), catalog(), &options()).map(|_| ())
}

fn bad_record(result: Result<(), VerifyError>) -> String {
    match result {
        Err(VerifyError::BadRecord(why)) => why,
        other => panic!("expected a bad record, got {other:?}"),
    }
}

#[test]
fn what_a_receipt_says_is_checked_not_only_where_it_came_from() {
    // Read to the end was required, and the record says it was not.
    let why = bad_record(verify_changed(|r| r.agreements[1].reached_end = false));
    assert!(
        why.contains("`kingsoft-cdn` was not read to its end"),
        "{why}"
    );
    // Acknowledgement was required and a highlighted clause is missing from it.
    let why = bad_record(verify_changed(|r| {
        r.agreements[0].acknowledged_highlights.pop();
    }));
    assert!(why.contains("is not acknowledged"), "{why}");
    // The same highlight acknowledged three times.
    let why = bad_record(verify_changed(|r| {
        r.agreements[0].acknowledged_highlights = vec!["h1".into(), "h1".into(), "h1".into()];
    }));
    assert!(
        why.contains("highlight `h1` is acknowledged twice"),
        "{why}"
    );
    // The same agreement twice.
    let why = bad_record(verify_changed(|r| {
        let again = r.agreements[0].clone();
        r.agreements.push(again);
    }));
    assert!(why.contains("named twice"), "{why}");
    // Formats: a receipt id that is no UUID, an unknown assent mode.
    let why = bad_record(verify_changed(|r| r.receipt_id = "not-a-uuid".into()));
    assert!(
        why.contains("`receipt_id` `not-a-uuid` is not a random (version 4) UUID"),
        "{why}"
    );
    // The same id in capitals: not another receipt.
    let why = bad_record(verify_changed(|r| {
        r.receipt_id = r.receipt_id.to_uppercase()
    }));
    assert!(why.contains("UUID in lower case"), "{why}");
    // The nil UUID, and ids a host could count up (version 1, wrong variant): no browser's
    // random id.
    for id in [
        "00000000-0000-0000-0000-000000000000",
        "5f0c6a1e-8d2b-1c3f-9a7e-1b2c3d4e5f60",
        "5f0c6a1e-8d2b-4c3f-7a7e-1b2c3d4e5f60",
    ] {
        let why = bad_record(verify_changed(|r| r.receipt_id = id.into()));
        assert!(
            why.contains("is not a random (version 4) UUID"),
            "{id}: {why}"
        );
    }
    let why = bad_record(verify_changed(|r| r.assent.mode = "telepathy".into()));
    assert!(why.contains("assent mode `telepathy`"), "{why}");
    // A locale padded to the receipt's size limit, or holding a control character: not a
    // language tag.
    for locale in [
        format!("en-{}", "x".repeat(44_000)),
        "en\u{1b}[2K".into(),
        String::new(),
    ] {
        let why = bad_record(verify_changed(|r| r.locale = locale.clone()));
        assert!(why.contains("is not a language tag"), "{why}");
    }
    // Times: "yesterday", and a display after the acceptance.
    assert!(matches!(
        verify_changed(|r| r.agreements[0].displayed_at = Some("yesterday".into())),
        Err(VerifyError::BadTime(t)) if t == "yesterday"
    ));
    let why = bad_record(verify_changed(|r| {
        r.agreements[0].displayed_at = Some("2026-11-22T10:05:00.000Z".into());
    }));
    assert!(why.contains("after the acceptance"), "{why}");
    // Read to the end, and never displayed.
    let why = bad_record(verify_changed(|r| r.agreements[1].displayed_at = None));
    assert!(
        why.contains("`kingsoft-cdn` says it was read to its end but was never displayed"),
        "{why}"
    );
    // Not displayed and not read: an agreement accepted without opening it, where reading
    // was not required.
    assert!(verify_changed(|r| {
        r.required.read_to_end = false;
        r.agreements[1].reached_end = false;
        r.agreements[1].displayed_at = None;
    })
    .is_ok());
    // Nothing required: nothing is demanded.
    assert!(verify_changed(|r| {
        r.required = RequiredSteps {
            read_to_end: false,
            acknowledge_highlights: false,
        };
        r.agreements[1].reached_end = false;
        r.agreements[0].acknowledged_highlights.clear();
    })
    .is_ok());
}

#[test]
fn a_receipt_over_64_kib_is_refused_before_it_is_decoded() {
    // One highlight id a hundred thousand times: refused by its size, at once.
    let mut r = record();
    r.agreements[0].acknowledged_highlights = vec!["h1".into(); 100_000];
    let jws = sign_receipt(&r, &key());
    let started = std::time::Instant::now();
    let result = verify_receipt(&jws, catalog(), &options());
    assert!(
        matches!(&result, Err(VerifyError::Malformed(why)) if why.contains("at most 65536")),
        "{result:?}"
    );
    // Not a timing assertion: a bound far above what the size check takes, so a decoder
    // reached by mistake (seconds, as it was) shows.
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn the_header_must_say_it_is_a_receipt_and_the_key_must_be_for_es256_signatures() {
    let jwk = public_jwk(&key());
    let no_typ = serde_json::json!({ "alg": "ES256", "kid": jwk_thumbprint(&jwk), "jwk": jwk });
    assert!(matches!(
        verify_receipt(&sign_raw(&no_typ, &payload(), &key()), catalog(), &options()),
        Err(VerifyError::BadHeader(why)) if why.contains("no `typ`")
    ));
    for (member, value, expected) in [
        ("key_ops", serde_json::json!(["encrypt"]), "`key_ops`"),
        ("alg", serde_json::json!("ES512"), "`alg` is `ES512`"),
        ("use", serde_json::json!("enc"), "`use` is `enc`"),
    ] {
        let mut header = header_for(&jwk);
        header["jwk"][member] = value;
        let result = verify_receipt(
            &sign_raw(&header, &payload(), &key()),
            catalog(),
            &options(),
        );
        assert!(
            matches!(&result, Err(VerifyError::BadKey(why)) if why.contains(expected)),
            "{member}: {result:?}"
        );
    }
    // What a browser's exported public key says is accepted.
    let mut header = header_for(&jwk);
    header["jwk"]["key_ops"] = serde_json::json!(["verify"]);
    header["jwk"]["ext"] = serde_json::json!(true);
    assert!(verify_receipt(
        &sign_raw(&header, &payload(), &key()),
        catalog(),
        &options()
    )
    .is_ok());
}

#[test]
fn a_leap_second_is_not_a_time_the_widget_writes() {
    assert_eq!(parse_rfc3339_utc_ms("2026-11-22T10:00:60Z"), None);
    assert_eq!(parse_rfc3339_utc_ms("2016-12-31T23:59:60Z"), None);
}

#[test]
fn a_sign_up_policy_requires_every_agreement_at_an_accepted_version() {
    use consent_terms::verify::{SignUpPolicy, VersionPolicy};
    let before =
        |versions: VersionPolicy, before: &[(&str, &str)], change: &dyn Fn(&mut ConsentRecord)| {
            let mut r = record();
            change(&mut r);
            let options = VerifyOptions {
                sign_up: Some(SignUpPolicy {
                    provider: "kingsoft".into(),
                    products: vec!["cdn".into()],
                    versions,
                    accepted_before: before
                        .iter()
                        .map(|(id, v)| (id.to_string(), v.to_string()))
                        .collect(),
                }),
                ..options()
            };
            verify_receipt(&sign_receipt(&r, &key()), catalog(), &options).map(|_| ())
        };
    let with = |versions: VersionPolicy, change: &dyn Fn(&mut ConsentRecord)| {
        before(versions, &[], change)
    };
    assert_eq!(with(VersionPolicy::Unchanged, &|_| {}), Ok(()));
    // A returning person, who accepted the general agreement before: the widget asks the CDN
    // agreement alone, and the backend's records say the rest.
    let only_cdn = |r: &mut ConsentRecord| {
        r.agreements.remove(0);
        r.assent.wording =
            "I have read and agree to the Kingsoft Cloud CDN Service Agreement.".into();
    };
    let general = [("kingsoft-general", "2020-04-14")];
    assert_eq!(
        before(VersionPolicy::Unchanged, &general, &only_cdn),
        Ok(())
    );
    assert!(matches!(
        before(VersionPolicy::Unchanged, &[("kingsoft-cdn", "2021-06-01")], &only_cdn),
        Err(VerifyError::MissingAgreement { id, .. }) if id == "kingsoft-general"
    ));
    // An earlier version that the current one requires accepting again does not stand in.
    let only_general = |r: &mut ConsentRecord| {
        r.agreements.remove(1);
        r.assent.wording =
            "I have read and agree to the Agreement of Kingsoft Cloud Service.".into();
    };
    assert!(matches!(
        before(VersionPolicy::Unchanged, &[("kingsoft-cdn", "2020-11-26")], &only_general),
        Err(VerifyError::MissingAgreement { id, .. }) if id == "kingsoft-cdn"
    ));
    assert_eq!(
        before(
            VersionPolicy::Unchanged,
            &[("kingsoft-cdn", "2021-06-01")],
            &only_general
        ),
        Ok(())
    );
    // Only one of the two agreements a CDN sign-up requires.
    assert_eq!(
        with(VersionPolicy::Unchanged, &|r| {
            r.agreements.remove(0);
            r.assent.wording =
                "I have read and agree to the Kingsoft Cloud CDN Service Agreement.".into();
        }),
        Err(VerifyError::MissingAgreement {
            id: "kingsoft-general".into(),
            version: "2020-04-14".into()
        })
    );
    // Only the superseded CDN version, which the current one requires accepting again.
    let superseded = covers_the_superseded_cdn_version;
    let outdated = with(VersionPolicy::Unchanged, &superseded);
    assert!(
        matches!(&outdated, Err(VerifyError::OutdatedVersion { id, version, current })
            if id == "kingsoft-cdn" && version == "2020-11-26" && current == "2021-06-01"),
        "{outdated:?}"
    );
    assert_eq!(outdated.map_err(|e| e.exit_code()), Err(28));
    // The host may name earlier versions it still accepts.
    let named = VersionPolicy::CurrentOr(vec![("kingsoft-cdn".into(), "2020-11-26".into())]);
    assert_eq!(with(named, &superseded), Ok(()));
    // A sign-up the catalogue does not know.
    let unknown = verify_receipt(
        &sign_receipt(&record(), &key()),
        catalog(),
        &VerifyOptions {
            sign_up: Some(SignUpPolicy {
                provider: "kingsoft".into(),
                products: vec!["quantum".into()],
                versions: VersionPolicy::Current,
                accepted_before: Vec::new(),
            }),
            ..options()
        },
    );
    assert!(matches!(
        unknown,
        Err(VerifyError::BadSignUp {
            code: "unknown-product",
            ..
        })
    ));
}

/// Makes `r` cover the CDN agreement's earlier version (2020-11-26), every highlight of it
/// acknowledged.
fn covers_the_superseded_cdn_version(r: &mut ConsentRecord) {
    let old = catalog()
        .find("kingsoft-cdn", "2020-11-26")
        .expect("old versions stay");
    r.agreements[1].version = old.meta.version.clone();
    r.agreements[1].sha256 = content_hash(old);
    r.agreements[1].acknowledged_highlights = old.highlights().map(|h| h.id.to_string()).collect();
}

#[test]
fn questions_asked_and_the_organisation_are_signed_and_checked() {
    use consent_terms::receipt::OrganizationConsent;
    let org = || OrganizationConsent {
        name: "Example Holdings Ltd".into(),
        id: Some("91110000MA01".into()),
        authority: "I am authorised to accept these terms on behalf of Example Holdings Ltd."
            .into(),
    };
    let mut r = record();
    r.agreements[1].questions_asked = vec!["h2".into()];
    r.organization = Some(org());
    let verified =
        verify_receipt(&sign_receipt(&r, &key()), catalog(), &options()).expect("verifies");
    assert_eq!(verified.record.organization, Some(org()));
    assert_eq!(verified.record.agreements[1].questions_asked, ["h2"]);
    // Written last and only when present: a record without them is what it was before.
    let text = r.to_json().to_text();
    assert!(text.ends_with(r#""organization":{"name":"Example Holdings Ltd","id":"91110000MA01","authority":"I am authorised to accept these terms on behalf of Example Holdings Ltd."}}"#), "{text}");
    assert!(!record().to_json().to_text().contains("questions_asked"));
    assert!(!record().to_json().to_text().contains("organization"));

    let why = bad_record(verify_changed(|r| {
        r.agreements[0].questions_asked = vec!["h1".into(), "h1".into()]
    }));
    assert!(why.contains("`h1` is listed twice as asked about"), "{why}");
    assert!(matches!(
        verify_changed(|r| r.agreements[0].questions_asked = vec!["h999".into()]),
        Err(VerifyError::UnknownHighlight { highlight, .. }) if highlight == "h999"
    ));
    let why = bad_record(verify_changed(|r| {
        r.organization = Some(OrganizationConsent {
            authority: "I may.".into(),
            ..org()
        })
    }));
    assert!(
        why.contains("`organization.authority` is “I may.”, not the widget's authority statement"),
        "{why}"
    );
    let why = bad_record(verify_changed(|r| {
        r.organization = Some(OrganizationConsent {
            name: " ".into(),
            ..org()
        })
    }));
    assert!(why.contains("empty"), "{why}");
}

#[test]
fn the_words_signed_must_be_the_widgets_own_sentences() {
    use consent_terms::consent::AssentMode;
    use consent_terms::i18n::Lang;
    use consent_terms::receipt::OrganizationConsent;
    use consent_terms::wording::{assent_wording, authority_wording};
    let titles = [
        "Agreement of Kingsoft Cloud Service",
        "Kingsoft Cloud CDN Service Agreement",
    ];
    // The test vector's wording is the widget's sentence, built by the core.
    assert_eq!(
        record().assent.wording,
        assent_wording(AssentMode::Checkbox, Lang::En, &titles)
    );
    // "I do NOT agree." names no agreement and says the opposite: refused, saying which words
    // the widget shows.
    let why = bad_record(verify_changed(|r| {
        r.assent.wording = "I do NOT agree.".into()
    }));
    assert_eq!(
        why,
        "`assent.wording` is “I do NOT agree.”, not the widget's words for the `checkbox` control in `en` for these agreements: “I have read and agree to the Agreement of Kingsoft Cloud Service and the Kingsoft Cloud CDN Service Agreement.”"
    );
    // Words that contain the sentence, or name the agreements in another order, are not it.
    for wording in [
        "I have read and agree to the Agreement of Kingsoft Cloud Service and the Kingsoft Cloud CDN Service Agreement. Not really.",
        "I have read and agree to the Kingsoft Cloud CDN Service Agreement and the Agreement of Kingsoft Cloud Service.",
        "I have read and agree to the Agreement of Kingsoft Cloud Service.",
    ] {
        let why = bad_record(verify_changed(|r| r.assent.wording = wording.into()));
        assert!(why.starts_with("`assent.wording` is"), "{wording}: {why}");
    }
    // The words belong to the mode: the button's sentence with a checkbox mode is refused, and
    // the button mode's own sentence verifies.
    let button = assent_wording(AssentMode::Button, Lang::En, &titles);
    assert_eq!(
        button,
        "Agree and register: by clicking, I agree to the Agreement of Kingsoft Cloud Service and the Kingsoft Cloud CDN Service Agreement"
    );
    let why = bad_record(verify_changed(|r| r.assent.wording = button.clone()));
    assert!(why.contains("for the `checkbox` control"), "{why}");
    assert_eq!(
        verify_changed(|r| {
            r.assent.mode = "button".into();
            r.assent.wording = button.clone();
        }),
        Ok(())
    );
    // And to the record's locale: a Chinese interface signs the Chinese sentence.
    let chinese = "我已阅读并同意《Agreement of Kingsoft Cloud Service》和《Kingsoft Cloud CDN Service Agreement》。";
    assert_eq!(
        assent_wording(AssentMode::Checkbox, Lang::ZhCn, &titles),
        chinese
    );
    assert_eq!(
        verify_changed(|r| {
            r.locale = "zh-CN".into();
            r.assent.wording = chinese.into();
        }),
        Ok(())
    );
    let why = bad_record(verify_changed(|r| r.locale = "zh-CN".into()));
    assert!(why.contains("in `zh-CN`"), "{why}");

    // The authority statement: exactly the widget's, for the organisation named.
    let org = |authority: &str| OrganizationConsent {
        name: "ACME Ltd".into(),
        id: None,
        authority: authority.into(),
    };
    let honest = authority_wording(Lang::En, "ACME Ltd");
    assert_eq!(
        honest,
        "I am authorised to accept these terms on behalf of ACME Ltd."
    );
    assert_eq!(
        verify_changed(|r| r.organization = Some(org(&honest))),
        Ok(())
    );
    let why = bad_record(verify_changed(|r| {
        r.organization = Some(org(
            "I am NOT authorised to accept these terms on behalf of ACME Ltd.",
        ))
    }));
    assert_eq!(
        why,
        "`organization.authority` is “I am NOT authorised to accept these terms on behalf of ACME Ltd.”, not the widget's authority statement for `ACME Ltd` in `en`: “I am authorised to accept these terms on behalf of ACME Ltd.”"
    );
    // Another organisation's statement is not this one's.
    let why = bad_record(verify_changed(|r| {
        r.organization = Some(org(&authority_wording(Lang::En, "ACME Ltd Holdings")))
    }));
    assert!(why.contains("for `ACME Ltd` in `en`"), "{why}");
    // The Chinese statement in a Chinese record verifies; in an English one it does not.
    let chinese_authority = authority_wording(Lang::ZhCn, "ACME Ltd");
    assert_eq!(
        chinese_authority,
        "我确认已获授权代表ACME Ltd接受上述条款。"
    );
    assert_eq!(
        verify_changed(|r| {
            r.locale = "zh-CN".into();
            r.assent.wording = chinese.into();
            r.organization = Some(org(&chinese_authority));
        }),
        Ok(())
    );
    let why = bad_record(verify_changed(|r| {
        r.organization = Some(org(&chinese_authority))
    }));
    assert!(why.contains("`organization.authority`"), "{why}");
    // The CLI refuses it with the content checks' exit code, 18, and says why.
    let dir = std::env::temp_dir().join(format!("consent-terms-words-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("receipt.jws");
    let mut r = record();
    r.assent.wording = "I do NOT agree.".into();
    std::fs::write(&file, sign_receipt(&r, &key())).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_consent-terms"))
        .args(["verify", file.to_str().expect("utf-8 path"), "--agreements"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../agreements"))
        .args(["--no-nonce", "--no-audience", "--no-max-age"])
        .output()
        .expect("the CLI runs");
    assert_eq!(out.status.code(), Some(18));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`assent.wording` is “I do NOT agree.”"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_v1_hash_binds_only_a_receipt_accepted_before_canonical_v2_began() {
    use consent_terms::verify::CANONICAL_V2_SINCE;
    assert_eq!(CANONICAL_V2_SINCE.to_string(), "2026-11-26");
    // The record with the v1 hashes of its texts, accepted at `at`, checked at `at`.
    let v1_at = |at: &str| {
        let mut r = record();
        r.accepted_at = at.into();
        for a in &mut r.agreements {
            a.displayed_at = Some(at.into());
            let text = catalog().find(&a.id, &a.version).expect("shipped");
            a.sha256 = content_hash_in(text, Form::V1);
        }
        let options = VerifyOptions {
            now_ms: parse_rfc3339_utc_ms(at).expect("a time"),
            ..options()
        };
        verify_receipt(&sign_receipt(&r, &key()), catalog(), &options).map(|v| v.forms)
    };
    // The last moment before the day v2 began: v1 is what the widget signed then.
    assert_eq!(
        v1_at("2026-11-25T23:59:59.999Z"),
        Ok(vec![Form::V1, Form::V1])
    );
    // From that day on, a v1 hash is refused, naming the day and the hash it must bind.
    let cdn = catalog()
        .find("kingsoft-general", "2020-04-14")
        .expect("shipped");
    for at in ["2026-11-26T00:00:00.000Z", "2026-12-01T09:30:00.000Z"] {
        let why = bad_record(v1_at(at).map(|_| ()));
        assert_eq!(
            why,
            format!(
                "agreement `kingsoft-general` version 2020-04-14: `sha256` {} is the canonical v1 hash, which binds only receipts accepted before 2026-11-26, when canonical v2 began; a receipt accepted on {} binds the v2 hash {}",
                content_hash_in(cdn, Form::V1),
                &at[..10],
                content_hash(cdn)
            )
        );
    }
    // The v2 hashes verify on both sides of the day.
    for at in ["2026-11-25T23:59:59.999Z", "2026-12-01T09:30:00.000Z"] {
        let mut r = record();
        r.accepted_at = at.into();
        for a in &mut r.agreements {
            a.displayed_at = Some(at.into());
        }
        let options = VerifyOptions {
            now_ms: parse_rfc3339_utc_ms(at).expect("a time"),
            ..options()
        };
        let verified = verify_receipt(&sign_receipt(&r, &key()), catalog(), &options);
        assert_eq!(
            verified.map(|v| v.forms),
            Ok(vec![Form::V2, Form::V2]),
            "{at}"
        );
    }
}

/// The shipped agreements in a new directory, with a third CDN version (2022-03-01) that does
/// not require accepting again, after 2021-06-01, which does: v1 2020-11-26, v2 2021-06-01
/// (`reconsent: required`), v3 2022-03-01 (`reconsent: not-required`).
fn three_cdn_versions(label: &str) -> std::path::PathBuf {
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../agreements");
    let dir = std::env::temp_dir().join(format!("consent-terms-{label}-{}", std::process::id()));
    for source in consent_terms::catalog::Source::read_dir(&shipped).expect("agreements") {
        let path = std::path::Path::new(&source.path);
        let relative = path.strip_prefix(&shipped).expect("below agreements/");
        let target = dir.join(relative);
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("temp dir");
        std::fs::write(&target, &source.text).expect("copy");
    }
    let v2 = std::fs::read_to_string(shipped.join("kingsoft-cdn/2021-06-01.md")).expect("v2");
    let v3 = v2
        .replacen("version: 2021-06-01", "version: 2022-03-01", 1)
        .replacen("effective: 2021-06-01", "effective: 2022-03-01", 1)
        .replacen("updated: 2021-05-01", "updated: 2022-02-01", 1)
        .replacen("reconsent: required", "reconsent: not-required", 1)
        .replacen("videoon-demand", "video-on-demand", 1);
    assert!(v3.contains("reconsent: not-required") && v3.contains("video-on-demand"));
    std::fs::write(dir.join("kingsoft-cdn/2022-03-01.md"), v3).expect("v3");
    dir
}

#[test]
fn the_sign_up_policy_asks_again_when_any_later_version_requires_it() {
    use consent_terms::catalog::Source;
    use consent_terms::verify::{SignUpPolicy, VersionPolicy};
    let dir = three_cdn_versions("policy");
    let catalog = Catalog::from_sources(&Source::read_dir(&dir).expect("read")).expect("valid");
    let _ = std::fs::remove_dir_all(&dir);
    let cdn = |version: &str| {
        let text = catalog
            .find("kingsoft-cdn", version)
            .expect("in the catalogue");
        AgreementConsent {
            id: "kingsoft-cdn".into(),
            version: version.into(),
            sha256: content_hash(text),
            displayed_at: Some("2026-11-22T09:58:10.000Z".into()),
            reached_end: true,
            acknowledged_highlights: text.highlights().map(|h| h.id.to_string()).collect(),
            effective: None,
            questions_asked: Vec::new(),
        }
    };
    // A sign-up on 2026-11-22, after v3 took effect.
    let sign_up = |version: &str| {
        let mut r = record();
        r.agreements[1] = cdn(version);
        let options = VerifyOptions {
            sign_up: Some(SignUpPolicy {
                provider: "kingsoft".into(),
                products: vec!["cdn".into()],
                versions: VersionPolicy::Unchanged,
                accepted_before: Vec::new(),
            }),
            ..options()
        };
        verify_receipt(&sign_receipt(&r, &key()), &catalog, &options).map(|_| ())
    };
    // v1 accepted: v2 required accepting again, and v3 not asking does not undo that.
    assert_eq!(
        sign_up("2020-11-26"),
        Err(VerifyError::OutdatedVersion {
            id: "kingsoft-cdn".into(),
            version: "2020-11-26".into(),
            current: "2022-03-01".into(),
        })
    );
    // v2 accepted: nothing after it asks again. v3 itself, of course.
    assert_eq!(sign_up("2021-06-01"), Ok(()));
    assert_eq!(sign_up("2022-03-01"), Ok(()));
    // The rule the widget, the verifier and the ledger share, said directly.
    use consent_terms::reconsent::must_accept_again;
    assert!(must_accept_again(
        &catalog,
        "kingsoft-cdn",
        "2020-11-26",
        "2022-03-01"
    ));
    assert!(!must_accept_again(
        &catalog,
        "kingsoft-cdn",
        "2021-06-01",
        "2022-03-01"
    ));
    assert!(must_accept_again(
        &catalog,
        "kingsoft-cdn",
        "2022-03-01",
        "2021-06-01"
    ));
    assert!(must_accept_again(
        &catalog,
        "kingsoft-cdn",
        "2019-01-01",
        "2022-03-01"
    ));
}
