//! The prerendered first screen (`consent-terms prerender`): for every seed sign-up it holds
//! each agreement asked, with the hash the widget checks it against, every clause and every
//! highlighted clause; nothing in it needs inline script or style; the command line says what
//! is wrong with a sign-up it cannot write. That the widget reads it back to the published
//! text and adopts it is checked in the browser (`tests/browser/`).

use consent_terms::agreement::BlockKind;
use consent_terms::catalog::{bundled_catalog, Catalog};
use consent_terms::consent::{AssentMode, Requirements};
use consent_terms::contract::ErrorCode;
use consent_terms::plan::{plan, Plan, SignUp};
use consent_terms::prerender::{inline_style_source, prerender, Stylesheet, STYLE};
use consent_terms::reconsent::AcceptedVersions;
use std::process::Command;

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

const SIGN_UPS: [(&str, &str); 5] = [
    ("kingsoft", ""),
    ("kingsoft", "cdn"),
    ("kingsoft", "cdn kmct"),
    ("jdcloud", "kubernetes"),
    ("alibaba", "redis"),
];

#[test]
fn every_seed_sign_up_is_prerendered_with_each_agreement_its_hash_clauses_and_highlights() {
    for (provider, products) in SIGN_UPS {
        for lang in ["en", "zh-CN"] {
            let s = signup(provider, products, lang);
            let markup = prerender(catalog(), &s, Stylesheet::Linked("consent-terms.css"))
                .unwrap_or_else(|e| panic!("{provider} {products}: {}", e.message));
            let label = format!("{provider} [{products}] {lang}");
            assert!(
                markup.starts_with("<template shadowrootmode=\"open\">\n<link rel=\"stylesheet\" href=\"consent-terms.css\">\n"),
                "{label}: a declarative shadow root linking the stylesheet"
            );
            assert!(markup.ends_with("</template>\n"), "{label}");
            assert_eq!(markup.matches("<template").count(), 1, "{label}");
            // A strict Content-Security-Policy refuses inline script and style.
            for refused in ["<script", "<style", " style=", " onclick", "javascript:"] {
                assert!(!markup.contains(refused), "{label}: {refused}");
            }
            let Plan::Ask(ask) = plan(catalog(), &s, &AcceptedVersions::new()).expect("plan")
            else {
                panic!("{label}: nothing remembered, so every agreement is asked");
            };
            let mut highlights = 0;
            let mut after = 0;
            for shown in &ask.shown {
                let a = &catalog().all()[shown.index];
                let opening = format!(
                    "<article class=\"ct-agreement\" data-agreement-id=\"{}\" data-version=\"{}\" data-hash=\"{}\"",
                    a.meta.id, a.meta.version, shown.hash
                );
                let at = markup
                    .find(&opening)
                    .unwrap_or_else(|| panic!("{label}: {} with its hash", a.meta.id));
                assert!(at > after, "{label}: agreements in the order asked");
                after = at;
                let end = at + markup[at..].find("</article>").expect("closed");
                let article = &markup[at..end];
                let clauses = a
                    .blocks()
                    .filter(|b| matches!(b.kind, BlockKind::Clause(_)))
                    .count();
                assert_eq!(
                    article.matches("<p class=\"ct-clause\"").count(),
                    clauses,
                    "{label}: every clause of {}",
                    a.meta.id
                );
                let marked = a.highlights().count();
                assert_eq!(
                    article.matches("<strong class=\"ct-highlight\"").count(),
                    marked,
                    "{label}: every highlighted clause of {} is marked",
                    a.meta.id
                );
                highlights += marked;
            }
            assert_eq!(
                markup.matches("<li data-kind=").count(),
                highlights,
                "{label}: and listed"
            );
            assert!(
                markup.contains("<button type=\"button\" class=\"ct-button ct-primary\" disabled aria-describedby=\"ct-prerendered-status\">"),
                "{label}: the accept control is unavailable and says why"
            );
        }
    }
}

#[test]
fn the_interface_words_follow_the_language_and_the_assent_mode() {
    let zh = prerender(
        catalog(),
        &signup("kingsoft", "cdn", "zh-CN"),
        Stylesheet::Linked("x.css"),
    )
    .expect("zh");
    assert!(zh.contains("lang=\"zh-CN\" data-phase=\"loading\""));
    assert!(zh.contains("您现在可以阅读条款"));
    assert!(zh.contains(">接受并继续</button>"));
    let mut one_click = signup("kingsoft", "cdn", "en");
    one_click.requirements.mode = AssentMode::Button;
    let en = prerender(catalog(), &one_click, Stylesheet::Linked("x.css")).expect("en");
    assert!(en.contains(">Agree and register: by clicking, I agree to the Agreement of Kingsoft Cloud Service and the Kingsoft Cloud CDN Service Agreement</button>"));
    assert!(en.contains("You can read the terms now."));
    // The button's words are the sentence the widget signs and the verifier requires.
    let signed = consent_terms::wording::assent_wording(
        AssentMode::Button,
        consent_terms::i18n::Lang::En,
        &[
            "Agreement of Kingsoft Cloud Service",
            "Kingsoft Cloud CDN Service Agreement",
        ],
    );
    assert!(en.contains(&format!(">{signed}</button>")), "{signed}");
}

#[test]
fn a_sign_up_the_catalogue_cannot_serve_is_an_error_with_its_code() {
    let e = prerender(
        catalog(),
        &signup("kingsoft", "nope", "en"),
        Stylesheet::Linked("x.css"),
    )
    .expect_err("unknown product");
    assert_eq!(e.code, ErrorCode::UnknownProduct);
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_consent-terms"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("consent-terms runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_command_line_writes_the_markup_and_names_what_is_wrong() {
    let (code, out, _) = cli(&[
        "prerender",
        "--provider",
        "kingsoft",
        "--products",
        "cdn",
        "--stylesheet",
        "/static/consent-terms.css",
        "--date",
        "2021-01-15",
        "agreements",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("<link rel=\"stylesheet\" href=\"/static/consent-terms.css\">"));
    // On 2021-01-15 the CDN version of 2021-06-01 was announced, not yet in effect.
    assert!(
        out.contains("data-agreement-id=\"kingsoft-cdn\" data-version=\"2020-11-26\""),
        "{out}"
    );

    let (code, out, err) = cli(&[
        "prerender",
        "--provider",
        "kingsoft",
        "--products",
        "nope",
        "agreements",
    ]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.starts_with("unknown-product: "), "{err}");

    let (code, _, err) = cli(&[
        "prerender",
        "--provider",
        "kingsoft",
        "--date",
        "2021-02-30",
        "agreements",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`2021-02-30` is not a date of the form YYYY-MM-DD"),
        "{err}"
    );

    let (code, _, err) = cli(&["prerender", "--provider", "kingsoft", "no-such-dir"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-dir"), "{err}");
}

#[test]
fn an_inline_stylesheet_comes_with_the_source_a_strict_policy_must_allow() {
    let markup = prerender(
        catalog(),
        &signup("kingsoft", "cdn", "en"),
        Stylesheet::Inline,
    )
    .expect("markup");
    assert!(markup.starts_with(&format!(
        "<template shadowrootmode=\"open\">\n<style>{STYLE}</style>\n<section"
    )));
    assert!(!markup.contains("<link"));
    let source = inline_style_source();
    assert!(
        source.starts_with("'sha256-") && source.ends_with("='") && source.len() == 53,
        "{source}"
    );
    let (code, out, err) = cli(&[
        "prerender",
        "--provider",
        "kingsoft",
        "--inline-style",
        "agreements",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("<style>"));
    assert!(err.contains(&format!("style-src {source}")), "{err}");
    let (code, _, err) = cli(&[
        "prerender",
        "--provider",
        "kingsoft",
        "--inline-style",
        "--stylesheet",
        "a.css",
        "agreements",
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_day_of_a_sign_up_comes_from_days_since_the_epoch() {
    use consent_terms::agreement::Date;
    for (days, date) in [
        (0, "1970-01-01"),
        (18_628, "2021-01-01"),
        (18_779, "2021-06-01"),
        (20_783, "2026-11-26"),
        (11_016, "2000-02-29"),
    ] {
        assert_eq!(Date::from_unix_days(days), Date::parse(date), "{days}");
    }
    assert_eq!(Date::from_unix_days(-30_000), None, "before 1900");
}

#[test]
fn a_highlighted_clause_the_agreement_prints_no_number_for_is_named_by_its_title_alone() {
    use consent_terms::i18n::Lang;
    use consent_terms::parse::parse_agreement;
    use consent_terms::prerender::clause_label;
    let source = "---\nid: example-terms\ntitle: Example Terms\nprovider: kingsoft\nprovider-name: Kingsoft Cloud\nversion: 2026-01-01\neffective: 2026-01-01\nupdated: 2026-01-01\nlanguage: en\nproducts: example\nreconsent: required\n---\n{{exemption: We are not liable for data you lose.}}\n7.6 {{limitation: Our liability is capped at the fees paid.}}\n";
    let a = parse_agreement("example.md", source).expect("a valid source");
    let labels = |lang| -> Vec<String> {
        a.highlights()
            .map(|h| clause_label(lang, &a.meta.title, h.block))
            .collect()
    };
    assert_eq!(
        labels(Lang::En),
        ["Example Terms", "Example Terms, clause 7.6"]
    );
    assert_eq!(
        labels(Lang::ZhCn),
        ["《Example Terms》", "《Example Terms》第 7.6 条"]
    );
}
