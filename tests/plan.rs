//! The view plan: what the widget shows for each seed sign-up, for a person who accepted
//! before, and for one who accepted an earlier version that requires accepting again.

use consent_terms::canonical::content_hash;
use consent_terms::catalog::{bundled_catalog, bundled_sources, Catalog};
use consent_terms::consent::{AssentMode, Requirements};
use consent_terms::contract::ErrorCode;
use consent_terms::plan::{plan, Plan, SignUp};
use consent_terms::reconsent::{AcceptedVersion, AcceptedVersions, Change};

fn catalog() -> &'static Catalog {
    bundled_catalog()
        .as_ref()
        .expect("the shipped agreements are valid")
}

fn signup<'a>(provider: &'a str, products: &'a str, lang: &'a str) -> SignUp<'a> {
    SignUp {
        provider,
        products,
        lang,
        requirements: Requirements::default(),
        organization: None,
        today: None,
    }
}

/// Id, version and precedence sentence of each agreement asked.
type Asked<'a> = Vec<(&'a str, &'a str, Option<&'a str>)>;

fn asked(p: &Plan) -> Asked<'_> {
    match p {
        Plan::Ask(ask) => ask
            .shown
            .iter()
            .map(|s| (s.id.as_str(), s.version.as_str(), s.precedence.as_deref()))
            .collect(),
        Plan::AlreadyAccepted { .. } => Vec::new(),
    }
}

fn accepted(versions: &[(&str, &str)]) -> AcceptedVersions {
    versions
        .iter()
        .map(|(id, v)| {
            let a = catalog().find(id, v).expect("shipped version");
            (
                id.to_string(),
                AcceptedVersion {
                    version: v.to_string(),
                    sha256: content_hash(a),
                    accepted_at: "2021-01-01T00:00:00.000Z".into(),
                },
            )
        })
        .collect()
}

#[test]
fn each_seed_sign_up_shows_its_agreements_base_first_with_precedence_in_words() {
    let none = AcceptedVersions::new();
    let general = "kingsoft-general";
    let cases: [(&str, &str, Asked); 5] = [
        ("kingsoft", "", vec![(general, "2020-04-14", None)]),
        (
            "kingsoft",
            "cdn",
            vec![
                (general, "2020-04-14", None),
                ("kingsoft-cdn", "2021-06-01", Some("This agreement applies together with the Agreement of Kingsoft Cloud Service.")),
            ],
        ),
        (
            "kingsoft",
            "kmct",
            vec![
                (general, "2020-04-14", None),
                ("kingsoft-kmct", "2020-11-26", Some("This agreement supplements the Agreement of Kingsoft Cloud Service; where they conflict, this agreement prevails.")),
            ],
        ),
        ("jdcloud", "kubernetes", vec![("jdcloud-kubernetes", "2026-11-22", None)]),
        ("alibaba", "redis", vec![("alibaba-redis", "2026-11-22", None)]),
    ];
    for (provider, products, want) in cases {
        let p = plan(catalog(), &signup(provider, products, "en"), &none).expect("plans");
        assert_eq!(asked(&p), want, "{provider} {products}");
        let Plan::Ask(ask) = p else { unreachable!() };
        // One entry per shown agreement, each pointing at its own text and hash.
        for s in &ask.shown {
            let a = &catalog().all()[s.index];
            assert_eq!(
                (a.meta.id.as_str(), content_hash(a)),
                (s.id.as_str(), s.hash.clone())
            );
            assert!(s.reconsent.is_none());
        }
        assert_eq!(ask.initial.agreements.len(), ask.shown.len());
        assert!(
            ask.initial.missing().len() > ask.shown.len(),
            "reading, acknowledging, assent"
        );
    }
}

#[test]
fn the_precedence_sentence_is_in_the_interface_language() {
    let p = plan(
        catalog(),
        &signup("kingsoft", "kmct", "zh-CN"),
        &AcceptedVersions::new(),
    )
    .expect("plans");
    assert_eq!(
        asked(&p)[1].2,
        Some("本协议是对《Agreement of Kingsoft Cloud Service》的补充；两者冲突时，以本协议为准。")
    );
}

#[test]
fn current_versions_accepted_before_are_not_asked_again() {
    let before = accepted(&[("kingsoft-general", "2020-04-14")]);
    let p = plan(catalog(), &signup("kingsoft", "cdn", "en"), &before).expect("plans");
    assert_eq!(
        asked(&p).iter().map(|a| a.0).collect::<Vec<_>>(),
        ["kingsoft-cdn"]
    );
    let all = accepted(&[
        ("kingsoft-general", "2020-04-14"),
        ("kingsoft-cdn", "2021-06-01"),
    ]);
    match plan(catalog(), &signup("kingsoft", "cdn", "en"), &all).expect("plans") {
        Plan::AlreadyAccepted {
            titles, recorded, ..
        } => {
            assert_eq!(
                titles,
                [
                    "Agreement of Kingsoft Cloud Service",
                    "Kingsoft Cloud CDN Service Agreement"
                ]
            );
            assert!(recorded.is_empty());
        }
        other => panic!("expected already accepted, got {other:?}"),
    }
}

#[test]
fn an_acceptance_remembered_with_a_canonical_v1_hash_still_counts() {
    use consent_terms::canonical::{content_hash_in, Form};
    // What a browser remembered before canonical v2: the same versions, with their v1 hashes.
    let mut before = accepted(&[
        ("kingsoft-general", "2020-04-14"),
        ("kingsoft-cdn", "2021-06-01"),
    ]);
    for (id, a) in before.iter_mut() {
        a.sha256 = content_hash_in(catalog().find(id, &a.version).expect("shipped"), Form::V1);
    }
    assert!(matches!(
        plan(catalog(), &signup("kingsoft", "cdn", "en"), &before).expect("plans"),
        Plan::AlreadyAccepted { .. }
    ));
    // A hash of neither form is other text: asked afresh.
    before.get_mut("kingsoft-cdn").expect("remembered").sha256 = "0".repeat(64);
    let p = plan(catalog(), &signup("kingsoft", "cdn", "en"), &before).expect("plans");
    assert_eq!(
        asked(&p).iter().map(|a| a.0).collect::<Vec<_>>(),
        ["kingsoft-cdn"]
    );
}

#[test]
fn a_version_that_requires_reconsent_is_asked_again_with_what_changed() {
    let before = accepted(&[
        ("kingsoft-general", "2020-04-14"),
        ("kingsoft-cdn", "2020-11-26"),
    ]);
    let Plan::Ask(ask) = plan(catalog(), &signup("kingsoft", "cdn", "en"), &before).expect("plans")
    else {
        panic!("the new CDN version must be asked");
    };
    assert_eq!(ask.shown.len(), 1);
    let r = ask.shown[0].reconsent.as_ref().expect("asked again");
    assert_eq!(r.previous, "2020-11-26");
    // 7.6 lowers the cap, 7.7 is a new exemption, 5.5 lengthens a notice period.
    let numbers: Vec<Option<&str>> = r
        .changes
        .iter()
        .map(|c| match c {
            Change::Added { number, .. } | Change::Removed { number, .. } => number.as_deref(),
            Change::Changed { number, .. } => Some(number.as_str()),
        })
        .collect();
    for n in ["5.5", "7.6", "7.7"] {
        assert!(numbers.contains(&Some(n)), "{n} in {numbers:?}");
    }
}

#[test]
fn the_flow_key_changes_with_the_agreements_and_the_requirements_only() {
    let none = AcceptedVersions::new();
    let key = |s: &SignUp| match plan(catalog(), s, &none).expect("plans") {
        Plan::Ask(ask) => ask.flow,
        other => panic!("{other:?}"),
    };
    let cdn = signup("kingsoft", "cdn", "en");
    assert_eq!(key(&cdn), key(&signup("kingsoft", " cdn ", "en")));
    assert_ne!(key(&cdn), key(&signup("kingsoft", "kmct", "en")));
    let button = SignUp {
        requirements: Requirements {
            mode: AssentMode::Button,
            ..Requirements::default()
        },
        ..cdn
    };
    assert_ne!(key(&cdn), key(&button));
}

#[test]
fn bad_sign_ups_have_the_codes_the_host_receives() {
    let none = AcceptedVersions::new();
    let code = |s: SignUp| plan(catalog(), &s, &none).expect_err("fails").code;
    assert_eq!(code(signup(" ", "", "en")), ErrorCode::MissingAttribute);
    assert_eq!(code(signup("aws", "", "en")), ErrorCode::UnknownProvider);
    assert_eq!(
        code(signup("kingsoft", "dns", "en")),
        ErrorCode::UnknownProduct
    );
    let err = plan(catalog(), &signup(" ", "", "zh-CN"), &none).expect_err("fails");
    assert_eq!(err.message, "缺少必需的属性 `provider`");
}

/// The shipped agreements written to a new directory with a third CDN version: v1
/// 2020-11-26, v2 2021-06-01 (`reconsent: required`), and v3 2022-03-01, a typo fixed, with
/// `reconsent: not-required`. Returns the catalogue read back from that directory.
fn three_cdn_versions() -> Catalog {
    use consent_terms::catalog::Source;
    let dir = std::env::temp_dir().join(format!("consent-terms-plan-{}", std::process::id()));
    let mut sources = bundled_sources();
    let v2 = sources
        .iter()
        .find(|s| s.path.ends_with("kingsoft-cdn/2021-06-01.md"))
        .expect("shipped")
        .text
        .clone();
    let v3 = v2
        .replacen("version: 2021-06-01", "version: 2022-03-01", 1)
        .replacen("effective: 2021-06-01", "effective: 2022-03-01", 1)
        .replacen("updated: 2021-05-01", "updated: 2022-02-01", 1)
        .replacen("reconsent: required", "reconsent: not-required", 1)
        .replacen("videoon-demand", "video-on-demand", 1);
    assert!(v3.contains("reconsent: not-required") && v3.contains("video-on-demand"));
    sources.push(Source {
        path: "agreements/kingsoft-cdn/2022-03-01.md".into(),
        text: v3,
    });
    for s in &sources {
        let file = dir.join(&s.path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("temp dir");
        std::fs::write(&file, &s.text).expect("write");
    }
    let catalog = Catalog::from_sources(&Source::read_dir(&dir).expect("read back"));
    let _ = std::fs::remove_dir_all(&dir);
    catalog.expect("three CDN versions make a valid catalogue")
}

#[test]
fn a_person_who_accepted_v1_is_asked_again_when_v2_required_it_though_v3_does_not() {
    let catalog = three_cdn_versions();
    let remembered = |cdn: &str| -> AcceptedVersions {
        [("kingsoft-general", "2020-04-14"), ("kingsoft-cdn", cdn)]
            .iter()
            .map(|(id, v)| {
                let text = catalog.find(id, v).expect("in the catalogue");
                (
                    id.to_string(),
                    AcceptedVersion {
                        version: v.to_string(),
                        sha256: content_hash(text),
                        accepted_at: "2021-01-01T00:00:00.000Z".into(),
                    },
                )
            })
            .collect()
    };
    // v1 accepted: v3 is asked, as accepting again, with what changed since v1.
    let p = plan(
        &catalog,
        &signup("kingsoft", "cdn", "en"),
        &remembered("2020-11-26"),
    )
    .expect("plans");
    let ids: Vec<(&str, &str)> = asked(&p).iter().map(|a| (a.0, a.1)).collect();
    assert_eq!(ids, [("kingsoft-cdn", "2022-03-01")]);
    let Plan::Ask(ask) = p else { unreachable!() };
    let again = ask.shown[0].reconsent.as_ref().expect("asked again");
    assert_eq!(again.previous, "2020-11-26");
    assert!(!again.changes.is_empty());
    assert!(
        ask.recorded.is_empty(),
        "nothing is recorded without asking"
    );
    // v2 accepted: v3 does not require accepting again, so it is recorded without asking.
    match plan(
        &catalog,
        &signup("kingsoft", "cdn", "en"),
        &remembered("2021-06-01"),
    )
    .expect("plans")
    {
        Plan::AlreadyAccepted { recorded, .. } => {
            assert_eq!(recorded.len(), 1);
            assert_eq!(recorded[0].0, "kingsoft-cdn");
            assert_eq!(recorded[0].1.version, "2022-03-01");
        }
        other => panic!("expected v3 recorded without asking, got {other:?}"),
    }
}

/// The question about a clause names the agreement shown, the clause and its text, and the
/// help address opened for it: the detail of `consent-question`, built by the core.
#[test]
fn a_question_about_a_clause_names_the_agreement_shown_the_clause_and_its_help_address() {
    use consent_terms::contract::Help;
    use consent_terms::i18n::Lang;
    let p = plan(
        catalog(),
        &signup("kingsoft", "cdn", "en"),
        &AcceptedVersions::new(),
    )
    .expect("a plan");
    let Plan::Ask(ask) = p else {
        panic!("nothing asked")
    };
    let shown = &ask.shown[1];
    let agreement = &catalog().all()[shown.index];
    let highlight = agreement
        .highlights()
        .find(|h| h.block.number().is_some())
        .expect("a numbered highlighted clause");
    let help = Help::Url("https://help.example.com/ask".into());
    let detail = shown.question(&highlight, Lang::En, Some(&help));
    assert_eq!(
        (detail.agreement.as_str(), detail.version.as_str()),
        (shown.id.as_str(), shown.version.as_str())
    );
    assert_eq!(detail.title, shown.title);
    assert_eq!(detail.clause.as_deref(), highlight.block.number());
    assert_eq!(
        (detail.highlight.as_str(), detail.kind),
        (highlight.id, highlight.kind.as_str())
    );
    assert_eq!((detail.text.as_str(), detail.lang), (highlight.text, "en"));
    let opened = detail.opened.as_deref().expect("the help address");
    assert!(
        opened.starts_with("https://help.example.com/ask?"),
        "{opened}"
    );
    assert!(
        opened.contains(&format!("highlight={}", highlight.id)),
        "{opened}"
    );
    assert_eq!(shown.question(&highlight, Lang::En, None).opened, None);
}
