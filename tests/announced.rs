//! Announced versions: a version published with a later effective date is announced, not
//! current. The shipped catalogue on a fixed day before the later Kingsoft CDN version takes
//! effect (2021-06-01) serves as the test catalogue: the shipped files' dates stay as published.

#![cfg(not(target_arch = "wasm32"))]
use consent_terms::agreement::Date;
use consent_terms::canonical::content_hash;
use consent_terms::catalog::{bundled_catalog, Catalog};
use consent_terms::consent::{Act, Requirements};
use consent_terms::plan::{plan, Plan, SignUp};
use consent_terms::receipt::{record_of, AheadConsent, RecordContext};
use consent_terms::reconsent::{AcceptedVersion, AcceptedVersions, Change};
use consent_terms::verify::{
    check_sign_up, sign_receipt, verify_receipt, SignUpPolicy, VerifyError, VerifyOptions,
    VersionPolicy,
};

const BEFORE: &str = "2021-01-15";

fn catalog() -> &'static Catalog {
    bundled_catalog().as_ref().expect("valid")
}

fn day(text: &str) -> Option<Date> {
    Some(Date::parse(text).expect("a date"))
}

fn signup(today: Option<Date>) -> SignUp<'static> {
    SignUp {
        provider: "kingsoft",
        products: "cdn",
        lang: "en",
        requirements: Requirements::default(),
        organization: None,
        today,
    }
}

#[test]
fn a_version_effective_later_is_announced_and_becomes_current_on_its_date() {
    let c = catalog();
    let current = |d| {
        c.current_at("kingsoft-cdn", "en", d)
            .map(|a| a.meta.version.as_str())
    };
    let announced = |d: &str| {
        c.announced_at("kingsoft-cdn", "en", day(d).expect("date"))
            .map(|a| a.meta.version.as_str())
    };
    assert_eq!(current(day(BEFORE)), Some("2020-11-26"));
    assert_eq!(announced(BEFORE), Some("2021-06-01"));
    assert_eq!(current(day("2021-05-31")), Some("2020-11-26"));
    assert_eq!(
        current(day("2021-06-01")),
        Some("2021-06-01"),
        "current on its effective date"
    );
    assert_eq!(announced("2021-06-01"), None);
    assert_eq!(
        current(None),
        Some("2021-06-01"),
        "without a date every published version is in effect"
    );
    assert_eq!(
        announced(BEFORE)
            .and(c.announced_at("kingsoft-general", "en", day(BEFORE).expect("date")))
            .map(|a| a.meta.version.clone()),
        None
    );
}

#[test]
fn the_plan_announces_the_next_cdn_version_with_what_it_changes() {
    let Ok(Plan::Ask(ask)) = plan(catalog(), &signup(day(BEFORE)), &AcceptedVersions::new()) else {
        panic!("a plan that asks");
    };
    let cdn = ask
        .shown
        .iter()
        .find(|s| s.id == "kingsoft-cdn")
        .expect("CDN shown");
    assert_eq!(
        cdn.version, "2020-11-26",
        "the person accepts the version in effect"
    );
    let n = cdn
        .announced
        .as_ref()
        .expect("the next version is announced");
    assert_eq!(
        (n.version.as_str(), n.effective.as_str()),
        ("2021-06-01", "2021-06-01")
    );
    let next = catalog()
        .find("kingsoft-cdn", "2021-06-01")
        .expect("shipped");
    assert_eq!(n.hash, content_hash(next));
    let summary: Vec<(&str, &str)> = n
        .changes
        .iter()
        .map(|c| match c {
            Change::Added { number, .. } => ("added", number.as_deref().unwrap_or("")),
            Change::Removed { number, .. } => ("removed", number.as_deref().unwrap_or("")),
            Change::Changed { number, .. } => ("changed", number.as_str()),
        })
        .collect();
    assert_eq!(
        summary,
        [("changed", "5.5"), ("changed", "7.6"), ("added", "7.7")]
    );
    let general = ask
        .shown
        .iter()
        .find(|s| s.id == "kingsoft-general")
        .expect("general shown");
    assert!(general.announced.is_none());
    let ahead = ask
        .initial
        .agreements
        .iter()
        .find(|a| a.id == "kingsoft-cdn")
        .and_then(|a| a.ahead.clone())
        .expect("offered ahead");
    assert!(!ahead.accepted, "accepting ahead is never preset");
    // On the effective date the later version is current and nothing is announced.
    let Ok(Plan::Ask(on)) = plan(
        catalog(),
        &signup(day("2021-06-01")),
        &AcceptedVersions::new(),
    ) else {
        panic!("a plan that asks");
    };
    let cdn = on
        .shown
        .iter()
        .find(|s| s.id == "kingsoft-cdn")
        .expect("CDN shown");
    assert_eq!(cdn.version, "2021-06-01");
    assert!(cdn.announced.is_none());
}

fn accepted(versions: &[(&str, &str)]) -> AcceptedVersions {
    versions
        .iter()
        .map(|(id, v)| {
            let a = catalog().find(id, v).expect("shipped");
            (
                id.to_string(),
                AcceptedVersion {
                    version: v.to_string(),
                    sha256: content_hash(a),
                    accepted_at: "2021-01-15T08:00:00.000Z".into(),
                },
            )
        })
        .collect()
}

#[test]
fn accepted_ahead_is_not_asked_again_before_or_after_the_date_and_otherwise_reconsent_follows_the_version(
) {
    let ahead = accepted(&[
        ("kingsoft-general", "2020-04-14"),
        ("kingsoft-cdn", "2021-06-01"),
    ]);
    for d in [BEFORE, "2021-06-01", "2026-11-26"] {
        assert!(
            matches!(
                plan(catalog(), &signup(day(d)), &ahead),
                Ok(Plan::AlreadyAccepted { .. })
            ),
            "accepted ahead, on {d}"
        );
    }
    // Accepted only the version in effect: on the date, the later version asks again (it
    // requires re-acceptance), showing what changed.
    let only_current = accepted(&[
        ("kingsoft-general", "2020-04-14"),
        ("kingsoft-cdn", "2020-11-26"),
    ]);
    assert!(matches!(
        plan(catalog(), &signup(day(BEFORE)), &only_current),
        Ok(Plan::AlreadyAccepted { .. })
    ));
    let Ok(Plan::Ask(again)) = plan(catalog(), &signup(day("2021-06-01")), &only_current) else {
        panic!("asked again on the effective date");
    };
    assert_eq!(again.shown.len(), 1);
    assert_eq!(
        again.shown[0]
            .reconsent
            .as_ref()
            .map(|r| r.previous.as_str()),
        Some("2020-11-26")
    );
}

fn accepted_flow(ahead: bool, trusted: bool) -> consent_terms::consent::ConsentState {
    let Ok(Plan::Ask(ask)) = plan(catalog(), &signup(day(BEFORE)), &AcceptedVersions::new()) else {
        panic!("a plan that asks");
    };
    let cdn = ask
        .initial
        .agreements
        .iter()
        .position(|a| a.id == "kingsoft-cdn")
        .expect("cdn");
    let mut acts = vec![
        Act::Displayed {
            index: 0,
            at: "2021-01-15T07:58:00.000Z".into(),
        },
        Act::Displayed {
            index: 1,
            at: "2021-01-15T07:59:00.000Z".into(),
        },
        Act::ReachedEnd { index: 0 },
        Act::ReachedEnd { index: 1 },
        Act::Acknowledge {
            checked: true,
            trusted: true,
        },
        Act::Assent {
            checked: true,
            trusted: true,
        },
    ];
    if ahead {
        acts.push(Act::AcceptAhead {
            index: cdn,
            checked: true,
            trusted,
        });
    }
    acts.push(Act::Accept {
        trusted: true,
        at: "2021-01-15T08:00:00.000Z".into(),
    });
    acts.iter().fold(ask.initial.clone(), |s, a| s.apply(a))
}

fn context() -> RecordContext {
    RecordContext {
        receipt_id: "5f0c6a1e-8d2b-4c3f-9a7e-1b2c3d4e5f60".into(),
        subject: Some("user-4711".into()),
        audience: "https://console.example.com".into(),
        nonce: Some("n-1".into()),
        locale: "en".into(),
        assent_wording: "I have read and agree to the Agreement of Kingsoft Cloud Service and the Kingsoft Cloud CDN Service Agreement.".into(),
        authority_wording: None,
    }
}

fn options() -> VerifyOptions {
    VerifyOptions {
        nonce: Some("n-1".into()),
        audience: Some("https://console.example.com".into()),
        max_age_seconds: None,
        key_thumbprint: None,
        now_ms: 1_610_697_660_000,
        sign_up: Some(SignUpPolicy {
            provider: "kingsoft".into(),
            products: vec!["cdn".into()],
            versions: VersionPolicy::Current,
            accepted_before: Vec::new(),
        }),
    }
}

fn key() -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from_bytes(&[0x21; 32].into()).expect("a valid scalar")
}

#[test]
fn a_version_accepted_ahead_is_in_the_receipt_with_its_effective_date_and_is_checked() {
    let next = catalog()
        .find("kingsoft-cdn", "2021-06-01")
        .expect("shipped");
    let record = record_of(&accepted_flow(true, true), context()).expect("accepted");
    assert_eq!(
        record
            .agreements
            .iter()
            .map(|a| a.version.as_str())
            .collect::<Vec<_>>(),
        ["2020-04-14", "2020-11-26"]
    );
    assert_eq!(
        record.accepted_ahead,
        [AheadConsent {
            id: "kingsoft-cdn".into(),
            version: "2021-06-01".into(),
            sha256: content_hash(next),
            effective: "2021-06-01".into()
        }]
    );
    assert!(record.to_json().to_text().contains(&format!(r#""accepted_ahead":[{{"id":"kingsoft-cdn","version":"2021-06-01","sha256":"{}","effective":"2021-06-01"}}]"#, content_hash(next))));
    // Accepting ahead, the receipt says from when each version applies.
    assert_eq!(
        record
            .agreements
            .iter()
            .map(|a| a.effective.as_deref())
            .collect::<Vec<_>>(),
        [Some("2019-10-01"), Some("2019-07-02")]
    );
    assert!(record_of(&accepted_flow(false, true), context())
        .expect("accepted")
        .agreements
        .iter()
        .all(|a| a.effective.is_none()));
    let verified = verify_receipt(&sign_receipt(&record, &key()), catalog(), &options())
        .expect("verifies, with the sign-up policy of its day");
    assert_eq!(verified.record.accepted_ahead.len(), 1);
    // A script's tick does not accept ahead; nor does leaving the box alone.
    assert!(record_of(&accepted_flow(true, false), context())
        .expect("accepted")
        .accepted_ahead
        .is_empty());
    assert!(record_of(&accepted_flow(false, true), context())
        .expect("accepted")
        .accepted_ahead
        .is_empty());

    let refused = |change: &dyn Fn(&mut consent_terms::receipt::ConsentRecord)| {
        let mut r = record.clone();
        change(&mut r);
        // The verifier's clock a minute after the acceptance.
        let now_ms =
            consent_terms::verify::parse_rfc3339_utc_ms(&r.accepted_at).expect("a time") + 60_000;
        verify_receipt(
            &sign_receipt(&r, &key()),
            catalog(),
            &VerifyOptions {
                now_ms,
                ..options()
            },
        )
    };
    let why = |e: Result<_, VerifyError>| match e {
        Err(VerifyError::BadRecord(why)) => why,
        other => panic!("expected a bad record, got {other:?}"),
    };
    assert!(why(refused(
        &|r| r.accepted_ahead[0].effective = "2021-05-01".into()
    ))
    .contains("takes effect on 2021-06-01, not 2021-05-01"));
    assert!(why(refused(&|r| r
        .accepted_ahead
        .push(r.accepted_ahead[0].clone())))
    .contains("accepted ahead twice"));
    assert!(why(refused(
        &|r| r.agreements[1].effective = Some("2021-06-01".into())
    ))
    .contains("took effect on 2019-07-02, not 2021-06-01"));
    assert!(matches!(
        refused(&|r| r.accepted_ahead[0].sha256 = "00".repeat(32)),
        Err(VerifyError::HashMismatch { .. })
    ));
    // Accepted after the date, the version was in effect, not announced.
    let late = refused(&|r| {
        r.accepted_at = "2021-07-01T08:00:00.000Z".into();
        for a in &mut r.agreements {
            a.displayed_at = Some("2021-07-01T07:59:00.000Z".into());
        }
    });
    assert!(why(late).contains("was not an announced version"));
    // The sign-up policy is that of the day of acceptance: on 2021-01-15 the CDN version in
    // effect was 2020-11-26, so the receipt is complete without accepting ahead.
    let plain = record_of(&accepted_flow(false, true), context()).expect("accepted");
    assert_eq!(
        check_sign_up(
            catalog(),
            options().sign_up.as_ref().expect("policy"),
            &plain
        ),
        Ok(())
    );
}
