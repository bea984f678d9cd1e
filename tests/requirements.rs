//! What a sign-up requires, as the host's server states it (`consent_terms::requirements`):
//! its JSON, the check of a record's `required`, `assent.mode` and `accepted_at` against it, and
//! `consent-terms verify` refusing a weaker receipt with an exit code per failure.

#![cfg(not(target_arch = "wasm32"))]

use consent_terms::canonical::content_hash;
use consent_terms::catalog::{bundled_catalog, Catalog};
use consent_terms::consent::AssentMode;
use consent_terms::i18n::{fill, title_list, Key, Lang};
use consent_terms::receipt::{
    AgreementConsent, Assent, ConsentRecord, RequiredSteps, RECEIPT_SCHEMA,
};
use consent_terms::requirements::{RequirementError, Requirements, Window};
use consent_terms::verify::{parse_rfc3339_utc_ms, sign_receipt};
use p256::ecdsa::SigningKey;
use std::path::{Path, PathBuf};

fn catalog() -> &'static Catalog {
    bundled_catalog()
        .as_ref()
        .expect("shipped agreements are valid")
}

const AGREEMENTS: [(&str, &str); 2] = [
    ("kingsoft-general", "2020-04-14"),
    ("kingsoft-cdn", "2021-06-01"),
];

/// The CDN agreement's superseded version, current on 2021-01-15.
const SUPERSEDED: [(&str, &str); 2] = [
    ("kingsoft-general", "2020-04-14"),
    ("kingsoft-cdn", "2020-11-26"),
];

/// The widget's words for its assent control in English, for the Kingsoft CDN sign-up.
fn wording(mode: AssentMode) -> String {
    wording_for(mode, &AGREEMENTS)
}

fn wording_for(mode: AssentMode, agreements: &[(&str, &str)]) -> String {
    let titles: Vec<&str> = agreements
        .iter()
        .filter_map(|(id, v)| catalog().find(id, v))
        .map(|a| a.meta.title.as_str())
        .collect();
    let key = match mode {
        AssentMode::Checkbox => Key::AssentLabel,
        AssentMode::Button => Key::AgreeAndRegisterButton,
    };
    fill(Lang::En, key, &[("titles", &title_list(Lang::En, &titles))])
}

/// An honest record of the Kingsoft CDN sign-up, accepted at `accepted_at`: everything
/// required and done, by checkbox.
fn record(accepted_at: &str) -> ConsentRecord {
    record_of(&AGREEMENTS, accepted_at)
}

fn record_of(agreements: &[(&str, &str)], accepted_at: &str) -> ConsentRecord {
    ConsentRecord {
        schema: RECEIPT_SCHEMA.into(),
        receipt_id: "5f0c6a1e-8d2b-4c3f-9a7e-1b2c3d4e5f60".into(),
        subject: Some("user-4711".into()),
        audience: "https://console.example.com".into(),
        nonce: Some("n-0001".into()),
        locale: "en".into(),
        accepted_at: accepted_at.into(),
        assent: Assent {
            mode: "checkbox".into(),
            wording: wording_for(AssentMode::Checkbox, agreements),
        },
        required: RequiredSteps {
            read_to_end: true,
            acknowledge_highlights: true,
        },
        agreements: agreements
            .iter()
            .filter_map(|(id, v)| catalog().find(id, v))
            .map(|a| AgreementConsent {
                id: a.meta.id.clone(),
                version: a.meta.version.clone(),
                sha256: content_hash(a),
                displayed_at: Some(accepted_at.into()),
                reached_end: true,
                acknowledged_highlights: a.highlights().map(|h| h.id.to_string()).collect(),
                effective: None,
                questions_asked: Vec::new(),
            })
            .collect(),
        accepted_ahead: Vec::new(),
        organization: None,
    }
}

fn button(mut r: ConsentRecord) -> ConsentRecord {
    r.assent = Assent {
        mode: "button".into(),
        wording: wording(AssentMode::Button),
    };
    r
}

fn no_read(mut r: ConsentRecord) -> ConsentRecord {
    r.required.read_to_end = false;
    r
}

fn no_ack(mut r: ConsentRecord) -> ConsentRecord {
    r.required.acknowledge_highlights = false;
    r
}

const AT: &str = "2026-11-22T10:00:00.123Z";

fn ms(t: &str) -> i64 {
    parse_rfc3339_utc_ms(t).expect("RFC 3339")
}

#[test]
fn the_json_is_the_nonces_with_the_widgets_defaults_and_nothing_else() {
    let all = Requirements::from_json("{}").expect("empty");
    assert_eq!(all, Requirements::default());
    assert_eq!(
        (all.read_to_end, all.acknowledge_highlights, all.mode),
        (true, true, Some(AssentMode::Checkbox))
    );
    assert_eq!(
        Requirements::default(),
        Requirements::from(consent_terms::contract::HostOptions::default().requirements()),
        "the defaults are the element's when no attribute is set"
    );
    let given: Requirements = serde_json::from_str(
        r#"{"read_to_end": false, "acknowledge_highlights": true, "mode": "button"}"#,
    )
    .expect("valid");
    assert_eq!(
        (given.read_to_end, given.mode),
        (false, Some(AssentMode::Button))
    );
    assert_eq!(
        serde_json::to_string(&given).expect("json"),
        r#"{"read_to_end":false,"acknowledge_highlights":true,"mode":"button"}"#
    );
    for bad in [
        r#"{"mode": "Button"}"#,
        r#"{"mode": "telepathy"}"#,
        r#"{"mode": null}"#,
        r#"{"read_to_end": "false"}"#,
        r#"{"require_scroll": false}"#,
        r#"{"read_to_end": true, "acknowledge_highlight": false}"#,
        r#"[]"#,
        // Given twice, the last would win and drop the first without a word.
        r#"{"read_to_end": true, "read_to_end": false}"#,
    ] {
        let parsed = Requirements::from_json(bad);
        assert!(parsed.is_err(), "{bad} is refused, not read as {parsed:?}");
    }
}

#[test]
fn a_record_that_says_less_than_the_sign_up_requires_is_refused_naming_the_field() {
    let all = Requirements::default();
    assert_eq!(all.check(&record(AT), None), Ok(()));
    let cases = [
        (
            no_read(record(AT)),
            RequirementError::ReadingNotRequired,
            "required.read_to_end",
            40,
        ),
        (
            no_ack(record(AT)),
            RequirementError::AcknowledgementNotRequired,
            "required.acknowledge_highlights",
            41,
        ),
        (
            button(record(AT)),
            RequirementError::OtherMode {
                required: AssentMode::Checkbox,
                found: "button".into(),
            },
            "assent.mode",
            42,
        ),
    ];
    for (r, expected, field, exit) in cases {
        let e = all.check(&r, None).expect_err("weaker");
        assert_eq!(e, expected);
        assert_eq!(e.code(), "requirements-weaker");
        assert_eq!(e.exit_code(), exit);
        assert!(e.to_string().contains(field), "{e}");
    }
    // A record that says more than required is not weaker; none required, anything goes but
    // the mode.
    let lax = Requirements {
        read_to_end: false,
        acknowledge_highlights: false,
        mode: Some(AssentMode::Button),
    };
    assert_eq!(lax.check(&button(record(AT)), None), Ok(()));
    assert!(lax.check(&record(AT), None).is_err());
    let any_mode = Requirements { mode: None, ..lax };
    assert_eq!(any_mode.check(&no_read(no_ack(record(AT))), None), Ok(()));
    assert_eq!(any_mode.check(&button(record(AT)), None), Ok(()));
}

#[test]
fn accepted_at_is_bounded_by_the_nonces_issue_and_expiry_with_the_clock_skew() {
    let issued = ms(AT);
    let window = Window {
        issued_at_ms: Some(issued),
        expires_at_ms: Some(issued + 900_000),
        clock_skew_ms: 120_000,
    };
    let at = |offset_ms: i64| {
        let mut r = record(AT);
        r.accepted_at = consent_terms_time(issued + offset_ms);
        r
    };
    let any = Requirements {
        read_to_end: false,
        acknowledge_highlights: false,
        mode: None,
    };
    for ok in [-120_000, 0, 900_000, 1_020_000] {
        assert_eq!(any.check(&at(ok), Some(&window)), Ok(()), "{ok} ms");
    }
    let before = any.check(&at(-120_001), Some(&window)).expect_err("early");
    assert_eq!(
        (before.code(), before.exit_code()),
        ("accepted-before-nonce", 43)
    );
    assert!(
        before
            .to_string()
            .contains("is before the nonce was issued at 2026-11-22T10:00:00.123Z (allowing 120 s"),
        "{before}"
    );
    let after = any.check(&at(1_020_001), Some(&window)).expect_err("late");
    assert_eq!((after.code(), after.exit_code()), ("nonce-expired", 44));
    assert!(
        after
            .to_string()
            .contains("after the nonce expired at 2026-11-22T10:15:00.123Z"),
        "{after}"
    );
    // The back-dated receipt of issue 26: accepted years before its nonce.
    let mut old = record(AT);
    old.accepted_at = "2021-01-15T10:00:00.000Z".into();
    assert_eq!(
        any.check(&old, Some(&window)).map_err(|e| e.code()),
        Err("accepted-before-nonce")
    );
    // An open bound is not checked; a time that does not parse is the verifier's bad-time.
    let open = Window {
        expires_at_ms: None,
        ..window
    };
    assert_eq!(any.check(&at(86_400_000), Some(&open)), Ok(()));
    let mut garbled = record(AT);
    garbled.accepted_at = "yesterday".into();
    let e = any.check(&garbled, Some(&window)).expect_err("bad time");
    assert_eq!((e.code(), e.exit_code()), ("bad-time", 21));
}

/// RFC 3339 with milliseconds, as the widget writes it.
fn consent_terms_time(ms: i64) -> String {
    let (y, m, d) = consent_terms::agreement::Date::civil(ms.div_euclid(86_400_000));
    let rest = ms.rem_euclid(86_400_000);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

#[test]
fn each_failure_has_an_exit_code_of_its_own_outside_the_verifiers() {
    use RequirementError::*;
    let errors = [
        ReadingNotRequired,
        AcknowledgementNotRequired,
        OtherMode {
            required: AssentMode::Checkbox,
            found: String::new(),
        },
        AcceptedBeforeIssue {
            accepted_at: String::new(),
            issued_at_ms: 0,
            clock_skew_ms: 0,
        },
        AcceptedAfterExpiry {
            accepted_at: String::new(),
            expires_at_ms: 0,
            clock_skew_ms: 0,
        },
    ];
    let mut codes: Vec<u8> = errors.iter().map(RequirementError::exit_code).collect();
    assert_eq!(codes, [40, 41, 42, 43, 44]);
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
    assert!(codes.iter().all(|c| !(10..=29).contains(c)));
}

struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "consent-terms-requirements-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).expect("dir");
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `consent-terms verify RECEIPT --agreements agreements --nonce n-0001 --audience … --no-max-age
/// ARGS`: its exit code and standard error.
fn verify(receipt: &Path, args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_consent-terms"))
        .arg("verify")
        .arg(receipt)
        .arg("--agreements")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../agreements"))
        .args([
            "--nonce",
            "n-0001",
            "--audience",
            "https://console.example.com",
            "--no-max-age",
        ])
        .args(args)
        .output()
        .expect("run consent-terms verify");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_cli_refuses_a_receipt_weaker_than_the_sign_up_with_an_exit_code_each() {
    let scratch = Scratch::new();
    let key = SigningKey::from_bytes(&[0x42; 32].into()).expect("a valid scalar");
    let receipt = |name: &str, r: &ConsentRecord| scratch.write(name, &sign_receipt(r, &key));
    let honest = receipt("honest.jws", &record(AT));
    let weak_read = receipt("no-read.jws", &no_read(record(AT)));
    let weak_ack = receipt("no-ack.jws", &no_ack(record(AT)));
    let by_button = receipt("button.jws", &button(record(AT)));
    let mut dated = record_of(&SUPERSEDED, "2021-01-15T10:00:00.000Z");
    for a in &mut dated.agreements {
        a.displayed_at = Some("2021-01-15T09:58:00.000Z".into());
    }
    let back_dated = receipt("back-dated.jws", &dated);

    // Without a word on the requirements, every one of them verifies (what the record says).
    for file in [&honest, &weak_read, &weak_ack, &by_button, &back_dated] {
        assert_eq!(verify(file, &[]).0, 0, "{}", verify(file, &[]).1);
    }
    let everything = [
        "--require-read",
        "--require-ack",
        "--assent-mode",
        "checkbox",
    ];
    assert_eq!(verify(&honest, &everything).0, 0);
    for (file, exit, words) in [
        (&weak_read, 40, "`required.read_to_end` is false"),
        (&weak_ack, 41, "`required.acknowledge_highlights` is false"),
        (&by_button, 42, "`assent.mode` is `button`"),
    ] {
        let (code, err) = verify(file, &everything);
        assert_eq!(code, exit, "{err}");
        assert!(
            err.contains(words) && err.contains("(requirements-weaker)"),
            "{err}"
        );
    }
    assert_eq!(verify(&weak_ack, &["--require-read"]).0, 0);
    assert_eq!(verify(&by_button, &["--assent-mode", "button"]).0, 0);

    // The policy file: the nonce's JSON, defaults and all.
    let policy = scratch.write("policy.json", "{}");
    let policy = policy.to_str().expect("utf-8");
    assert_eq!(verify(&honest, &["--policy", policy]).0, 0);
    assert_eq!(verify(&weak_read, &["--policy", policy]).0, 40);
    assert_eq!(verify(&by_button, &["--policy", policy]).0, 42);
    let lax = scratch.write(
        "lax.json",
        r#"{"read_to_end": false, "acknowledge_highlights": false, "mode": "button"}"#,
    );
    let lax = lax.to_str().expect("utf-8");
    assert_eq!(verify(&by_button, &["--policy", lax]).0, 0);
    let misspelt = scratch.write("misspelt.json", r#"{"read_to_ned": true}"#);
    let (code, err) = verify(&honest, &["--policy", misspelt.to_str().expect("utf-8")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("read_to_ned"), "{err}");
    assert_eq!(
        verify(&honest, &["--policy", policy, "--require-read"]).0,
        2,
        "a policy file and flags are one or the other"
    );

    // The window: issued at AT's minute, the back-dated receipt refused, the honest one not.
    let issued = ["--issued-at", "2026-11-22T09:59:00Z"];
    assert_eq!(verify(&honest, &issued).0, 0);
    let (code, err) = verify(&back_dated, &issued);
    assert_eq!(code, 43, "{err}");
    assert!(err.contains("(accepted-before-nonce)"), "{err}");
    assert_eq!(
        verify(&honest, &["--issued-at", "2026-11-22T10:06:00Z"]).0,
        43,
        "accepted 6 minutes before the issue, beyond the default 300 s"
    );
    assert_eq!(
        verify(
            &honest,
            &["--issued-at", "2026-11-22T10:06:00Z", "--clock-skew", "600"]
        )
        .0,
        0
    );
    let (code, err) = verify(&honest, &["--expires-at", "2026-11-22T09:50:00Z"]);
    assert_eq!(code, 44, "{err}");
    assert!(err.contains("(nonce-expired)"), "{err}");
    assert_eq!(verify(&honest, &["--clock-skew", "10"]).0, 2);
    assert_eq!(verify(&honest, &["--issued-at", "yesterday"]).0, 2);
}
