//! The exemption lint, the canonical form's test vector, and the bundle format.
#![cfg(not(target_arch = "wasm32"))]

use consent_terms::bundle::{build_bundle, load_bundle, BundleError, BUNDLE_FORMAT};
use consent_terms::canonical::{
    canonical_text, canonical_text_in, content_hash, content_hash_in, Form,
};
use consent_terms::catalog::{bundled_sources, Catalog, Source};
use consent_terms::lint::{lint, Rule};
use consent_terms::parse::parse_agreement;

/// The test vector printed in `agreements/README.md`.
const VECTOR_SOURCE: &str = "---
id: demo
title: Demo Service Agreement
provider: example
provider-name: Example Cloud
version: 1.0
effective: 2024-01-31
updated: 2024-02-01
language: en
products: *
reconsent: required
---
# 1. Liability
1.1 **Scope.** Demo   Cloud provides the service {{limitation: within a 5\\* SLA}}.
1.2 {{exemption: Demo Cloud is not liable for indirect losses.}}
";

const VECTOR_CANONICAL: &str = "consent-terms canonical v2
id: demo
version: 1.0
title: Demo Service Agreement
effective: 2024-01-31
updated: 2024-02-01
language: en
provider: example
products: *
reconsent: required

# 1. Liability
1.1 **Scope.** Demo Cloud provides the service {{limitation: within a 5\\* SLA}}.
1.2 {{exemption: Demo Cloud is not liable for indirect losses.}}
";

/// The same source's canonical v1 text, which receipts made before v2 bind.
const VECTOR_CANONICAL_V1: &str = "consent-terms canonical v1
id: demo
version: 1.0
title: Demo Service Agreement
effective: 2024-01-31
updated: 2024-02-01
language: en

# 1. Liability
1.1 **Scope.** Demo Cloud provides the service {{limitation: within a 5\\* SLA}}.
1.2 {{exemption: Demo Cloud is not liable for indirect losses.}}
";

#[test]
fn canonical_form_matches_the_documented_vector() {
    let a = parse_agreement("demo.md", VECTOR_SOURCE).expect("valid");
    assert_eq!(canonical_text(&a), VECTOR_CANONICAL);
    assert_eq!(canonical_text_in(&a, Form::V1), VECTOR_CANONICAL_V1);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/agreements/README.md"))
            .expect("README");
    for (form, text, hash) in [
        ("v2", VECTOR_CANONICAL, content_hash(&a)),
        ("v1", VECTOR_CANONICAL_V1, content_hash_in(&a, Form::V1)),
    ] {
        assert!(
            readme.contains(&hash),
            "agreements/README.md states the vector's {form} hash {hash}"
        );
        assert!(
            readme.contains(text.trim_end()),
            "agreements/README.md shows the canonical {form} text"
        );
    }
    assert_eq!(
        content_hash_in(&a, Form::V1),
        "eea55121f5df542ac7ca187683af6240da7aadbcad5db83159f3e230a5e754ec",
        "the v1 hash is the one published before v2"
    );
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_source_is_not_text() {
    // As editors on Windows save a file: the same version, the same canonical text and hash.
    let with_bom = format!("\u{FEFF}{VECTOR_SOURCE}");
    let a = parse_agreement("demo.md", &with_bom).expect("a leading byte order mark is skipped");
    assert_eq!(canonical_text(&a), VECTOR_CANONICAL);
    let plain = parse_agreement("demo.md", VECTOR_SOURCE).expect("valid");
    assert_eq!(content_hash(&a), content_hash(&plain));
    let source = |text: &str| Source {
        path: "agreements/demo/1.md".into(),
        text: text.to_string(),
    };
    let catalog = Catalog::from_sources(&[source(&with_bom)]).expect("the catalogue takes it");
    assert_eq!(catalog.all()[0].meta.title, "Demo Service Agreement");
    let bundle = build_bundle(&[source(&with_bom)]).expect("valid");
    let bundle_plain = build_bundle(&[source(VECTOR_SOURCE)]).expect("valid");
    assert_eq!(bundle.to_json(), bundle_plain.to_json());
    assert_eq!(lint(&a, &with_bom), lint(&plain, VECTOR_SOURCE));
    // Anywhere else it is a hidden character.
    use consent_terms::catalog::CatalogError;
    for (text, line) in [
        (VECTOR_SOURCE.replace("1.2 ", "1.2 \u{FEFF}"), 15),
        (with_bom.replace("title: ", "title: \u{FEFF}"), 3),
    ] {
        let errors = Catalog::from_sources(&[source(&text)]).expect_err(&text);
        assert_eq!(
            errors,
            [CatalogError::HiddenCharacter {
                file: "agreements/demo/1.md".into(),
                line,
                code: 0xFEFF
            }],
            "{text:?}"
        );
    }
}

#[test]
fn scope_and_precedence_are_part_of_the_v2_hash_and_not_of_v1() {
    let a = parse_agreement("demo.md", VECTOR_SOURCE).expect("valid");
    let supplement = VECTOR_SOURCE.replace(
        "reconsent: required",
        "supplements: demo-base\nprevails: supplement\nreconsent: required",
    );
    let s = parse_agreement("demo.md", &supplement).expect("valid");
    assert!(canonical_text(&s).contains(
        "provider: example\nproducts: *\nsupplements: demo-base\nprevails: supplement\nreconsent: required\n\n"
    ));
    // What the person reads about precedence, scope or re-consent, changed one at a time.
    for altered in [
        supplement.replace("prevails: supplement", "prevails: base"),
        supplement.replace("prevails: supplement", "prevails: unstated"),
        supplement.replace("supplements: demo-base", "supplements: demo-other"),
        VECTOR_SOURCE.replace("products: *", "products: cdn"),
        VECTOR_SOURCE.replace("provider: example", "provider: other"),
        VECTOR_SOURCE.replace("reconsent: required", "reconsent: not-required"),
    ] {
        let b = parse_agreement("demo.md", &altered).expect("valid");
        assert_ne!(content_hash(&b), content_hash(&s), "v2 binds: {altered}");
        assert_ne!(content_hash(&b), content_hash(&a), "v2 binds: {altered}");
        // v1 never did: the same hash whatever the precedence says.
        assert_eq!(content_hash_in(&b, Form::V1), content_hash_in(&a, Form::V1));
    }
}

#[test]
fn canonical_form_changes_when_what_the_person_sees_changes() {
    let base = parse_agreement("a.md", VECTOR_SOURCE).expect("valid");
    let unhighlighted = VECTOR_SOURCE.replace(
        "{{exemption: Demo Cloud is not liable for indirect losses.}}",
        "Demo Cloud is not liable for indirect losses.",
    );
    let reworded = VECTOR_SOURCE.replace("indirect losses", "direct losses");
    let rekinded = VECTOR_SOURCE.replace("{{exemption:", "{{limitation:");
    for changed in [unhighlighted, reworded, rekinded] {
        let other = parse_agreement("a.md", &changed).expect("valid");
        assert_ne!(content_hash(&base), content_hash(&other));
    }
    // Source layout that the person does not see leaves the hash alone.
    let reflowed = VECTOR_SOURCE.replace(
        "# 1. Liability\n",
        "# 1. Liability\n\n<!-- fix: none -->\n\n",
    );
    assert_eq!(
        content_hash(&base),
        content_hash(&parse_agreement("a.md", &reflowed).expect("valid"))
    );
}

const LINT_HEADER: &str = include_str!("fixtures/demo-header.md");

fn findings(body: &str) -> Vec<String> {
    let src = format!("{LINT_HEADER}{body}");
    let a = parse_agreement("demo.md", &src).expect("valid");
    lint(&a, &src).iter().map(ToString::to_string).collect()
}

#[test]
fn lint_reports_unhighlighted_exemptions_with_file_and_line() {
    let f = findings("1.1 We provide the service.\n1.2 Demo Cloud shall not be liable for any indirect damages.\n1.3 Our liability shall not exceed the fees paid.\n1.4 The service is provided AS IS.\n");
    assert_eq!(f.len(), 3, "{f:?}");
    assert_eq!(f[0], "demo.md:14: warning[unhighlighted]: clause 1.2 excludes types of damage: \"indirect damages\" (liability; not highlighted: mark it as a limitation)");
    assert_eq!(f[1], "demo.md:15: warning[unhighlighted]: clause 1.3 caps liability: \"liability shall not exceed\" (liability; not highlighted: mark it as a limitation)");
    assert_eq!(f[2], "demo.md:16: warning[unhighlighted]: clause 1.4 disclaims warranties: \"AS IS\" (liability; not highlighted: mark it as an exemption)");
}

#[test]
fn lint_reports_highlights_that_read_like_nothing_of_the_kind() {
    let f = findings("1.1 {{exemption: We love our customers.}}\n");
    assert_eq!(f, ["demo.md:13: warning[highlight-without-trigger]: highlight in clause 1.1 reads as none of the kinds of clause to mark (liability, burden, change, termination, removal, by-using, law, forum, licence, fees)"]);
    assert!(findings("1.1 {{exemption: We are not liable for outages.}}\n").is_empty());
}

#[test]
fn an_allow_comment_with_a_reason_silences_and_without_one_is_an_error() {
    let src = format!("{LINT_HEADER}<!-- lint: allow unhighlighted: the choice of law is shown in the notice above the terms -->\n13.1 These terms are governed by the laws of England.\n");
    let a = parse_agreement("demo.md", &src).expect("valid");
    let f = lint(&a, &src);
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].allowed.as_deref(),
        Some("the choice of law is shown in the notice above the terms")
    );

    // The error is at the comment's own line (13), not at the block's.
    let f = findings("<!-- lint: allow unhighlighted -->\n13.1 One party's exemption.\n");
    assert!(
        f.iter().any(|s| s.starts_with(
            "demo.md:13: error[bad-allow]: `lint: allow` needs a rule name and a reason"
        )),
        "{f:?}"
    );
}

#[test]
fn an_allow_comment_that_no_block_reads_is_an_error_not_a_silent_nothing() {
    // A blank line between, the end of the file, or capitals: the comment silences nothing.
    let stray =
        "`lint: allow` silences only the block on the line right below it, and none is there";
    for (body, line) in [
        (
            "<!-- lint: allow unhighlighted: a reason -->\n\n1.1 We are not liable for any loss.\n",
            13,
        ),
        (
            "1.1 We provide the service.\n<!-- lint: allow unhighlighted: a reason -->\n",
            14,
        ),
        (
            "<!-- LINT: ALLOW UNHIGHLIGHTED: a reason -->\n1.1 We are not liable for any loss.\n",
            13,
        ),
    ] {
        let f = findings(body);
        assert!(
            f.iter()
                .any(|s| s.starts_with(&format!("demo.md:{line}: error[bad-allow]: {stray}"))),
            "{body:?}: {f:?}"
        );
    }
    // Read by the block right below, stacked or not, it is no error.
    let f = findings("<!-- lint: allow unhighlighted: a reason -->\n<!-- lint: allow highlight-without-trigger: another -->\n1.1 We are not liable for any loss.\n");
    assert!(!f.iter().any(|s| s.contains("bad-allow")), "{f:?}");
}

#[test]
fn an_allow_comment_naming_no_rule_of_the_lint_is_an_error_at_its_line() {
    // A misspelt rule silences nothing: the author is told, at the comment, which names there are.
    let src = format!(
        "{LINT_HEADER}<!-- lint: allow unhighlighed: a waiver, not an exemption -->\n1.1 We are not liable for any loss.\n"
    );
    let a = parse_agreement("demo.md", &src).expect("valid");
    let f = lint(&a, &src);
    let bad: Vec<String> = f
        .iter()
        .filter(|f| f.rule.name() == "bad-allow")
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        bad,
        ["demo.md:13: error[bad-allow]: `lint: allow` names `unhighlighed`, which silences nothing: the rules it can name are `unhighlighted`, `highlight-without-trigger`"],
        "{f:?}"
    );
    assert!(f.iter().any(|f| f.rule.is_error()));
    // The clause's own warning stays, not silenced.
    assert!(
        f.iter().any(|f| f.line == 14
            && matches!(f.rule, Rule::Unhighlighted { .. })
            && f.allowed.is_none()),
        "{f:?}"
    );
    // The two names it can take are known, and silence.
    for rule in ["unhighlighted", "highlight-without-trigger"] {
        let src = format!("{LINT_HEADER}<!-- lint: allow {rule}: a reason -->\n1.1 We are not liable for any loss.\n");
        let a = parse_agreement("demo.md", &src).expect("valid");
        assert!(
            !lint(&a, &src).iter().any(|f| f.rule.name() == "bad-allow"),
            "{rule}"
        );
    }
}

#[test]
fn no_catalogue_holds_a_character_that_hides_what_a_clause_says() {
    use consent_terms::catalog::CatalogError;
    let source = |body: &str| Source {
        path: "agreements/demo/1.md".into(),
        text: format!("{LINT_HEADER}{body}\n"),
    };
    for (text, code) in [
        (
            "1.1 Liability shall not exceed \u{202E}001\u{202C} dollars.",
            0x202E,
        ),
        ("1.1 We are not\u{200B}liable.", 0x200B),
        ("1.1 \u{FEFF}A byte order mark.", 0xFEFF),
        ("1.1 An \u{2066}isolate\u{2069}.", 0x2066),
        ("1.1 A joiner\u{200D}between letters.", 0x200D),
    ] {
        let errors = Catalog::from_sources(&[source(text)]).expect_err(text);
        assert_eq!(
            errors,
            [CatalogError::HiddenCharacter {
                file: "agreements/demo/1.md".into(),
                line: 13,
                code
            }]
        );
        assert!(errors[0].to_string().starts_with(&format!(
            "agreements/demo/1.md:13: U+{code:04X} is an invisible"
        )));
        // The same through a bundle, as the widget loads one: refused as invalid.
        // The same through a compiled bundle edited afterwards, as the widget loads one: refused
        // as invalid before any hash is compared.
        let mut bundle = build_bundle(&[source("1.1 We are liable.")]).expect("valid");
        let hidden: String = text.chars().skip(4).collect();
        assert!(edit_text(
            &mut bundle.agreements[0].agreement,
            "We are liable.",
            &hidden
        ));
        bundle.agreements[0].sha256 = "0".repeat(64);
        let err = load_bundle(&bundle.to_json()).expect_err("hidden character");
        assert_eq!(err.code(), "bundle-invalid", "{err}");
        assert!(
            err.to_string().contains(&format!(
                "agreements/demo/1.md:13: U+{code:04X} is an invisible"
            )),
            "{err}"
        );
    }
    // An emoji sequence joins its pictographs with U+200D: that is text, not hiding; so are
    // the tag characters of a subdivision flag.
    assert!(Catalog::from_sources(&[source("1.1 A family 👩\u{200D}💻 of terms.")]).is_ok());
    assert!(Catalog::from_sources(&[source(
        "1.1 Wales 🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F} applies."
    )])
    .is_ok());
}

#[test]
fn a_bundle_declaring_canonical_v1_hashes_is_refused_with_the_reason() {
    use consent_terms::canonical::content_hash_in;
    let sources = bundled_sources();
    let mut bundle = build_bundle(&sources).expect("valid");
    let catalog = consent_terms::catalog::Catalog::from_sources(&sources).expect("valid");
    let first = &catalog.all()[0];
    bundle.agreements[0].sha256 = content_hash_in(first, Form::V1);
    let err = load_bundle(&bundle.to_json()).expect_err("v1 hash");
    assert_eq!(err.code(), "hash-mismatch");
    assert!(
        err.to_string()
            .contains("canonical v1 hash: write the bundle again"),
        "{err}"
    );
}

#[test]
fn the_header_and_the_rarer_invisible_characters_are_refused_too() {
    use consent_terms::catalog::CatalogError;
    // A title or provider name is read as much as a clause; these characters hide or reorder
    // text as well as an override does.
    let title_line = LINT_HEADER
        .lines()
        .position(|l| l.starts_with("title:"))
        .expect("the header has a title")
        + 1;
    let cases = [
        (
            LINT_HEADER.replacen("title: ", "title: \u{202E}", 1),
            title_line,
            0x202E,
        ),
        (
            format!("{LINT_HEADER}1.1 not li\u{00AD}able.\n"),
            13,
            0x00AD,
        ),
        (format!("{LINT_HEADER}1.1 a\u{061C}b.\n"), 13, 0x061C),
        (format!("{LINT_HEADER}1.1 a\u{2060}b.\n"), 13, 0x2060),
        (format!("{LINT_HEADER}1.1 a\u{E0041}b.\n"), 13, 0xE0041),
        (format!("{LINT_HEADER}# A \u{200B}heading\n"), 13, 0x200B),
        // Control characters: NUL (HTML cannot carry it), a bell, an escape, DEL, a C1 CSI.
        (format!("{LINT_HEADER}1.1 not\u{0000}liable.\n"), 13, 0x0000),
        (format!("{LINT_HEADER}1.1 a\u{0007}b.\n"), 13, 0x0007),
        (format!("{LINT_HEADER}1.1 a\u{001B}[8mb.\n"), 13, 0x001B),
        (format!("{LINT_HEADER}1.1 a\u{007F}b.\n"), 13, 0x007F),
        (format!("{LINT_HEADER}1.1 a\u{009B}b.\n"), 13, 0x009B),
        // A carriage return not before a line feed: HTML reads it as one, so a prerendered
        // title or clause holding it would read back other than it was hashed.
        (
            LINT_HEADER.replacen("title: ", "title: A\r\rB ", 1),
            title_line,
            0x000D,
        ),
        (format!("{LINT_HEADER}1.1 not\rliable.\n"), 13, 0x000D),
    ];
    for (text, line, code) in cases {
        let source = Source {
            path: "agreements/demo/1.md".into(),
            text: if text.ends_with("---\n") {
                format!("{text}1.1 Text.\n")
            } else {
                text
            },
        };
        let errors = Catalog::from_sources(std::slice::from_ref(&source)).expect_err(&source.text);
        assert_eq!(
            errors,
            [CatalogError::HiddenCharacter {
                file: "agreements/demo/1.md".into(),
                line,
                code
            }],
            "{:?}",
            source.text
        );
        // The lint reports the same line as an error.
        let a = parse_agreement(&source.path, &source.text).expect("parses");
        assert!(
            lint(&a, &source.text).iter().any(|f| f.line == line
                && matches!(f.rule, Rule::HiddenCharacter { code: c, .. } if c == code)
                && f.rule.is_error()),
            "lint on {:?}",
            source.text
        );
    }
}

#[test]
fn every_default_ignorable_character_and_invisible_filler_is_refused() {
    use consent_terms::catalog::CatalogError;
    // The default-ignorable code points (Unicode's Default_Ignorable_Code_Point) show as
    // nothing, and so do the Hangul fillers and the braille blank: inside a word each hides
    // the word from the lint as a zero-width space does.
    let codes = [
        0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x2065, 0x206A,
        0x206F, 0x2800, 0x3164, 0xFE00, 0xFE0E, 0xFE0F, 0xFFA0, 0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3,
        0x1D173, 0x1D17A, 0xE0000, 0xE0002, 0xE0080, 0xE0100, 0xE01EF, 0xE0FFF,
    ];
    for code in codes {
        let ch = char::from_u32(code).expect("a character");
        for body in [
            format!("1. We are not li{ch}able for any loss.\n"),
            format!("1. 平台不{ch}承担任何责任。\n"),
        ] {
            let source = Source {
                path: "agreements/demo/1.md".into(),
                text: format!("{LINT_HEADER}{body}"),
            };
            let errors =
                Catalog::from_sources(std::slice::from_ref(&source)).expect_err(&source.text);
            assert_eq!(
                errors,
                [CatalogError::HiddenCharacter {
                    file: "agreements/demo/1.md".into(),
                    line: 13,
                    code
                }],
                "{:?}",
                source.text
            );
            let a = parse_agreement(&source.path, &source.text).expect("parses");
            let f = lint(&a, &source.text);
            let hidden = f
                .iter()
                .find(|f| matches!(f.rule, Rule::HiddenCharacter { code: c, .. } if c == code))
                .unwrap_or_else(|| panic!("no hidden-character finding on {:?}", source.text));
            assert!(hidden.rule.is_error() && hidden.line == 13, "{hidden}");
            assert!(
                hidden.to_string().contains(&format!("U+{code:04X} ")),
                "{hidden}"
            );
            // A compiled bundle edited to hold one is refused as the widget loads it.
            let mut bundle = build_bundle(&[Source {
                path: "agreements/demo/1.md".into(),
                text: format!("{LINT_HEADER}1. We are liable.\n"),
            }])
            .expect("valid");
            assert!(edit_text(
                &mut bundle.agreements[0].agreement,
                "We are liable.",
                &format!("We are li{ch}able.")
            ));
            let err = load_bundle(&bundle.to_json()).expect_err("hidden character");
            assert_eq!(err.code(), "bundle-invalid", "{err}");
        }
    }
    // The names the lint and the import give them.
    for (code, name) in [
        (0x034F, "COMBINING GRAPHEME JOINER"),
        (0x3164, "HANGUL FILLER"),
        (0x2800, "BRAILLE PATTERN BLANK"),
        (0xFE0F, "VARIATION SELECTOR"),
        (0xE0100, "VARIATION SELECTOR"),
        (0x1D173, "MUSICAL SYMBOL BEGIN BEAM"),
    ] {
        let ch = char::from_u32(code).expect("a character");
        assert_eq!(consent_terms::lint::character_name(ch), name);
    }
    // An emoji's presentation selector is part of the emoji (a heart, a keycap, a copyright
    // sign shown as an emoji), as the joiner of an emoji sequence is.
    for text in [
        "1.1 We \u{2764}\u{FE0F} our users.",
        "1.1 Press 1\u{FE0F}\u{20E3} to agree.",
        "1.1 \u{00A9}\u{FE0F} Example Cloud.",
        "1.1 A couple 👩\u{200D}\u{2764}\u{FE0F}\u{200D}👨 of terms.",
        "1.1 A watch \u{231A}\u{FE0E} in text.",
    ] {
        let source = Source {
            path: "agreements/demo/1.md".into(),
            text: format!("{LINT_HEADER}{text}\n"),
        };
        assert!(
            Catalog::from_sources(std::slice::from_ref(&source)).is_ok(),
            "{text:?}"
        );
    }
}

#[test]
fn lint_flags_characters_that_hide_what_a_clause_says() {
    let src = format!("{LINT_HEADER}1.1 {{{{limitation: Liability shall not exceed \u{202E}001\u{202C} dollars.}}}}\n");
    let a = parse_agreement("demo.md", &src).expect("valid");
    let f = lint(&a, &src);
    assert!(f.iter().any(
        |x| matches!(x.rule, Rule::HiddenCharacter { code: 0x202E, .. }) && x.rule.is_error()
    ));
    assert!(f
        .iter()
        .any(|x| x.to_string().contains("U+202E RIGHT-TO-LEFT OVERRIDE")));
}

#[test]
fn shipped_catalogue_has_no_unexplained_lint_finding() {
    for s in bundled_sources() {
        let a = parse_agreement(&s.path, &s.text).expect("valid");
        let open: Vec<String> = lint(&a, &s.text)
            .iter()
            .filter(|f| f.allowed.is_none())
            .map(ToString::to_string)
            .collect();
        assert!(open.is_empty(), "{open:#?}");
    }
}

#[test]
fn bundle_round_trips_and_checks_every_hash() {
    let sources = bundled_sources();
    let bundle = build_bundle(&sources).expect("shipped agreements are valid");
    assert_eq!(bundle.format, BUNDLE_FORMAT);
    let json = bundle.to_json();
    let catalog = load_bundle(&json).expect("a bundle loads");
    assert_eq!(catalog.all().len(), sources.len());

    let mut tampered = bundle.clone();
    assert!(edit_text(
        &mut tampered.agreements[1].agreement,
        "shall not",
        "shall"
    ));
    let err = load_bundle(&tampered.to_json()).expect_err("text changed, hash kept");
    assert_eq!(err.code(), "hash-mismatch");
    assert!(matches!(&err, BundleError::HashMismatch { path, .. } if path == &sources[1].path));
    // What the widget is given is what it shows: the catalogue loaded is the one compiled,
    // its hashes, v1 hashes and changes included.
    let direct = Catalog::from_sources(&sources).expect("valid");
    assert_eq!(catalog, direct);
}

#[test]
fn a_bundle_that_numbers_highlights_otherwise_is_refused() {
    // No hash covers a highlight's id, and a receipt names highlights by id: a bundle that
    // swapped two ids would have the receipt say the person asked about, or acknowledged,
    // another clause than the one they did.
    let bundle = build_bundle(&bundled_sources()).expect("shipped agreements are valid");
    let json: serde_json::Value = serde_json::from_str(&bundle.to_json()).expect("JSON");
    let ids = |v: &serde_json::Value| -> Vec<String> {
        let mut ids = Vec::new();
        for section in v["sections"].as_array().expect("sections") {
            for block in section["blocks"].as_array().expect("blocks") {
                for span in block["spans"].as_array().expect("spans") {
                    if let Some(id) = span["highlight"].as_str() {
                        ids.push(id.to_string());
                    }
                }
            }
        }
        ids
    };
    let first = json["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .position(|a| ids(a).len() >= 2)
        .expect("an agreement with two highlights");
    assert_eq!(ids(&json["agreements"][first])[..2], ["h1", "h2"]);
    let swapped = |to: [&str; 2]| {
        let mut j = json.clone();
        let mut n = 0;
        for section in j["agreements"][first]["sections"]
            .as_array_mut()
            .expect("sections")
        {
            for block in section["blocks"].as_array_mut().expect("blocks") {
                for span in block["spans"].as_array_mut().expect("spans") {
                    if span.get("highlight").is_some() && n < 2 {
                        span["highlight"] = to[n].into();
                        n += 1;
                    }
                }
            }
        }
        load_bundle(&j.to_string())
    };
    for to in [
        ["h2", "h1"],
        ["h1", "h01"],
        ["h1", "h+2"],
        ["h1", "h3"],
        ["h1", "x"],
    ] {
        let err = swapped(to).expect_err("highlights numbered otherwise");
        assert_eq!(err.code(), "bundle-malformed", "{to:?}");
        assert!(
            err.to_string().contains(
                "is missing or not the next highlight id in reading order, `h1` to `h500`"
            ),
            "{to:?}: {err}"
        );
    }
    assert!(swapped(["h1", "h2"]).is_ok());
    // More highlights than a receipt can name (the parser refuses them in a source; a bundle
    // written by hand is refused as well).
    let mut j = json.clone();
    let shift = 501 - ids(&j["agreements"][first]).len();
    // Every id moves on by as many as are put first, so the order stays h1, h2, …
    for section in j["agreements"][first]["sections"]
        .as_array_mut()
        .expect("sections")
    {
        for block in section["blocks"].as_array_mut().expect("blocks") {
            for span in block["spans"].as_array_mut().expect("spans") {
                if let Some(id) = span["highlight"].as_str() {
                    let n: usize = id[1..].parse().expect("an id");
                    span["highlight"] = format!("h{}", n + shift).into();
                }
            }
        }
    }
    let spans = j["agreements"][first]["sections"][0]["blocks"][0]["spans"]
        .as_array_mut()
        .expect("spans");
    for n in (1..=shift).rev() {
        let span =
            serde_json::json!({ "text": "x", "highlight": format!("h{n}"), "kind": "exemption" });
        spans.insert(0, span);
    }
    assert_eq!(ids(&j["agreements"][first]).len(), 501);
    let err = load_bundle(&j.to_string()).expect_err("501 highlights");
    assert!(
        err.to_string()
            .contains("is missing or not the next highlight id in reading order, `h1` to `h500`"),
        "{err}"
    );
}

#[test]
fn a_bundle_of_the_earlier_format_is_refused_with_how_to_write_it_again() {
    let v1 = r#"{"format":"consent-terms-bundle/1","agreements":[{"path":"agreements/demo/1.md","sha256":"00","source":"---\nid: demo\n---\n"}]}"#;
    let err = load_bundle(v1).expect_err("the earlier format");
    assert_eq!(err.code(), "bundle-malformed");
    assert_eq!(err, BundleError::Outdated);
    assert!(
        err.to_string().contains("consent-terms-bundle/1")
            && err
                .to_string()
                .contains("write it again with `consent-terms bundle"),
        "{err}"
    );
}

#[test]
fn a_signup_bundle_holds_only_that_signups_agreements() {
    use consent_terms::bundle::signup_bundle;
    let catalog = Catalog::from_sources(&bundled_sources()).expect("valid");
    let bundle = signup_bundle(&catalog, "kingsoft", &["cdn"]).expect("a known sign-up");
    let loaded = load_bundle(&bundle.to_json()).expect("it loads");
    let mut held: Vec<(&str, &str, &str)> = loaded
        .all()
        .iter()
        .map(|a| {
            (
                a.meta.id.as_str(),
                a.meta.version.as_str(),
                a.meta.language.as_str(),
            )
        })
        .collect();
    held.sort();
    // Both CDN versions (the later one is announced to a sign-up before it takes effect), and
    // the general agreement the CDN agreement supplements; nothing of the other providers or
    // of the other Kingsoft product.
    assert_eq!(
        held,
        [
            ("kingsoft-cdn", "2020-11-26", "en"),
            ("kingsoft-cdn", "2021-06-01", "en"),
            ("kingsoft-general", "2020-04-14", "en"),
        ]
    );
    let cdn: Vec<_> = loaded
        .all()
        .iter()
        .filter(|a| a.meta.id == "kingsoft-cdn")
        .collect();
    assert_eq!(
        loaded.changes(cdn[0], cdn[1]),
        catalog.changes(
            catalog
                .find("kingsoft-cdn", &cdn[0].meta.version)
                .expect("held"),
            catalog
                .find("kingsoft-cdn", &cdn[1].meta.version)
                .expect("held")
        ),
        "the changes between them travel too"
    );
    assert!(!loaded.changes(cdn[0], cdn[1]).is_empty());
    let err = signup_bundle(&catalog, "kingsoft", &["dns"]).expect_err("no such product");
    assert_eq!(err.code(), "unknown-product");
    // The same sign-up planned from the small bundle and from the whole catalogue, first
    // time and by a person who accepted the first CDN version: the same agreements, hashes,
    // precedence, changes and announcements.
    use consent_terms::plan::{plan, Plan, SignUp};
    use consent_terms::reconsent::{AcceptedVersion, AcceptedVersions};
    let first = catalog.find("kingsoft-cdn", "2020-11-26").expect("held");
    let accepted_first: AcceptedVersions = [(
        "kingsoft-cdn".to_string(),
        AcceptedVersion {
            version: "2020-11-26".into(),
            sha256: catalog.hash_of(first),
            accepted_at: "2021-01-01T00:00:00Z".into(),
        },
    )]
    .into_iter()
    .collect();
    let shown = |p: Plan| match p {
        Plan::Ask(ask) => ask
            .shown
            .into_iter()
            .map(|s| {
                let announced = s.announced.map(|a| (a.version, a.hash, a.changes));
                (
                    s.id,
                    s.version,
                    s.hash,
                    s.precedence,
                    s.reconsent,
                    announced,
                )
            })
            .collect::<Vec<_>>(),
        Plan::AlreadyAccepted { .. } => Vec::new(),
    };
    let mut compared = 0;
    for lang in ["en", "zh-CN"] {
        for today in [None, consent_terms::agreement::Date::parse("2021-01-15")] {
            for accepted in [AcceptedVersions::default(), accepted_first.clone()] {
                let signup = SignUp {
                    provider: "kingsoft",
                    products: "cdn",
                    lang,
                    requirements: Default::default(),
                    organization: None,
                    today,
                };
                let small = shown(plan(&loaded, &signup, &accepted).expect("a plan"));
                let whole = shown(plan(&catalog, &signup, &accepted).expect("a plan"));
                assert_eq!(small, whole, "{lang} {today:?}");
                compared += small
                    .iter()
                    .filter(|s| {
                        s.4.as_ref().is_some_and(|r| !r.changes.is_empty()) || s.5.is_some()
                    })
                    .count();
            }
        }
    }
    assert!(
        compared > 0,
        "some plans asked again or announced, with their changes"
    );
}

#[test]
fn bad_bundles_are_rejected_with_a_reason() {
    assert_eq!(
        load_bundle("<html>404</html>")
            .expect_err("not JSON")
            .code(),
        "bundle-malformed"
    );
    assert_eq!(
        load_bundle("{\"format\":\"consent-terms-bundle/1\",\"agreements\":[{\"path\":\"x\"")
            .expect_err("truncated")
            .code(),
        "bundle-malformed"
    );
    let other = "{\"format\":\"other/9\",\"agreements\":[]}";
    assert_eq!(
        load_bundle(other).expect_err("format").to_string(),
        "agreements bundle has format `other/9`; this widget reads `consent-terms-bundle/2`"
    );
    let bad = serde_json::json!({"format": BUNDLE_FORMAT, "agreements": [{"path": "x.md", "sha256": "00"}], "changes": []});
    let err = load_bundle(&bad.to_string()).expect_err("an entry without its hashes");
    assert_eq!(err.code(), "bundle-malformed");
    assert!(
        err.to_string()
            .contains("`agreements[0].sha256_v1` is missing or not a string"),
        "{err}"
    );
}

#[test]
fn preview_bundle_is_the_current_catalogue() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/agreements.json"))
            .expect("www/agreements.json");
    // The shipped agreements, and the sample written for the preview's Chinese path.
    let mut sources = bundled_sources();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    let samples =
        Source::read_dir(std::path::Path::new(&format!("{root}www/samples"))).expect("www/samples");
    sources.extend(samples.into_iter().map(|s| Source {
        path: s.path.trim_start_matches(root).to_string(),
        text: s.text,
    }));
    let bundle = build_bundle(&sources).expect("valid");
    let fresh = bundle.to_json();
    assert!(
        committed == fresh,
        "www/agreements.json is stale: run `cargo run --bin consent-terms -- bundle agreements www/samples > www/agreements.json`"
    );
}

#[test]
fn a_pinned_bundle_must_match_its_integrity() {
    use consent_terms::bundle::{check_integrity, sri_sha256};
    // The SRI of "abc" (FIPS 180-2 test vector), as `openssl dgst -sha256 -binary | base64` writes it.
    assert_eq!(
        sri_sha256("abc"),
        "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
    );
    let bundle = r#"{"agreements":[]}"#;
    let pin = sri_sha256(bundle);
    assert_eq!(check_integrity(&pin, bundle), Ok(()));
    assert_eq!(
        check_integrity(&format!("sha384-xyz {pin}"), bundle),
        Ok(()),
        "one of several"
    );
    let changed = r#"{"agreements":[ ]}"#;
    let why = check_integrity(&pin, changed).expect_err("a changed bundle");
    assert!(
        why.contains(&sri_sha256(changed)) && why.contains(&pin),
        "{why}"
    );
    let why = check_integrity("sha512-abc", bundle).expect_err("no sha256 pin");
    assert!(why.contains("names no sha256- hash"), "{why}");
}

/// The kinds (name, highlight) `text` reads as.
fn kinds(text: &str) -> Vec<(&'static str, &'static str)> {
    consent_terms::lint::read(text, &["demo", "Demo Cloud"])
        .iter()
        .map(|r| (r.kind.name(), r.highlight.as_str()))
        .collect()
}

#[test]
fn each_kind_of_clause_is_read_in_english_and_chinese_with_its_highlight() {
    for (text, kind, highlight) in [
        (
            "WE SHALL NOT, IN ANY EVENT, BE LIABLE FOR LOSSES.",
            "liability",
            "exemption",
        ),
        (
            "We are only liable for direct damages up to the price paid.",
            "liability",
            "limitation",
        ),
        (
            "You agree to indemnify Demo Cloud against all claims.",
            "burden",
            "restriction",
        ),
        (
            "You use the beta at your own risk.",
            "burden",
            "restriction",
        ),
        (
            "We may amend these terms at any time.",
            "change",
            "restriction",
        ),
        (
            "Demo Cloud may suspend your account without notice.",
            "termination",
            "restriction",
        ),
        (
            "We may remove any content that violates these terms.",
            "removal",
            "restriction",
        ),
        (
            "By using the service you agree to these terms.",
            "by-using",
            "restriction",
        ),
        (
            "These terms are governed by the laws of England.",
            "law",
            "restriction",
        ),
        (
            "Disputes are resolved by binding arbitration.",
            "forum",
            "restriction",
        ),
        (
            "You grant us a worldwide license to host your content.",
            "licence",
            "restriction",
        ),
        ("Fees are non-refundable.", "fees", "restriction"),
        (
            "平台对因网络故障导致的损失无须承担任何责任。",
            "liability",
            "exemption",
        ),
        (
            "平台的赔偿总额不超过您已支付的费用。",
            "liability",
            "limitation",
        ),
        (
            "因您保管不善造成的损失由您自行承担。",
            "burden",
            "restriction",
        ),
        ("平台有权随时修改本协议。", "change", "restriction"),
        (
            "平台有权不经通知暂停您的账号。",
            "termination",
            "restriction",
        ),
        ("平台有权删除违反本协议的内容。", "removal", "restriction"),
        ("您注册即视为您已接受本协议。", "by-using", "restriction"),
        ("本协议适用中华人民共和国法律。", "law", "restriction"),
        (
            "争议提交平台所在地有管辖权的人民法院管辖。",
            "forum",
            "restriction",
        ),
        ("您授权平台使用您上传的内容。", "licence", "restriction"),
        ("已支付的费用不予退还。", "fees", "restriction"),
        ("违约方应支付违约金。", "fees", "restriction"),
    ] {
        assert!(
            kinds(text).contains(&(kind, highlight)),
            "{text}: {:?}",
            kinds(text)
        );
    }
}

#[test]
fn negation_subject_and_sentences_decide_what_a_phrase_means() {
    for text in [
        // The provider's promise, negated: nothing is removed or changed.
        "We will not delete your content.",
        // The person's own right, not a power over them.
        "You may cancel your account at any time.",
        // The parts of a phrase in two sentences are not one phrase.
        "We may. Amend is a word we like.",
        // A provider accepting liability limits nothing.
        "因平台原因造成用户损失的，平台应依法承担赔偿责任。",
        // An imperative to the person is not the provider deleting.
        "如果您违反法律，请立即停止使用并删除本软件。",
    ] {
        assert_eq!(kinds(text), [], "{text}");
    }
    // A title written as a line is not a clause.
    let f = findings("Limitation of Liability\n9. No Warranties.\n");
    assert!(f.is_empty(), "{f:?}");
}

/// Replaces the first `from` in the agreement's shown text with `to`, as a bundle edited after
/// it was compiled would: true if it was there.
fn edit_text(a: &mut consent_terms::agreement::Agreement, from: &str, to: &str) -> bool {
    use consent_terms::agreement::Span;
    for s in a.sections.iter_mut() {
        for b in s.heading.iter_mut().chain(s.blocks.iter_mut()) {
            for span in b.spans.iter_mut() {
                let (Span::Text(t) | Span::Emphasis(t) | Span::Highlight { text: t, .. }) = span;
                if t.contains(from) {
                    *t = t.replacen(from, to, 1);
                    return true;
                }
            }
        }
    }
    false
}
