//! Malformed agreement sources are rejected with `file:line: message`, never guessed at.

use consent_terms::catalog::{Catalog, CatalogError, Source};
use consent_terms::parse::{parse_agreement, ParseErrorKind};

/// The metadata header of a small valid agreement (`tests/fixtures/demo-header.md`).
const HEADER: &str = include_str!("fixtures/demo-header.md");

fn with_body(body: &str) -> String {
    format!("{HEADER}{body}")
}

fn error_of(source: &str) -> String {
    parse_agreement("agreements/demo/1.md", source)
        .expect_err("malformed")
        .to_string()
}

#[test]
fn unterminated_highlight_names_its_line() {
    let src = with_body("# 1. Scope\n1.1 Fine.\n1.2 {{exemption: we are not liable for anything\n");
    assert_eq!(
        error_of(&src),
        "agreements/demo/1.md:15: `{{` is opened but not closed on this line"
    );
}

#[test]
fn unterminated_bold_names_its_line() {
    // The CDN seed's fault: a bold run whose other marker is missing.
    let src = with_body("1.1 usage is charged by day.**\n");
    assert_eq!(
        error_of(&src),
        "agreements/demo/1.md:13: `**` is opened but not closed on this line"
    );
}

#[test]
fn stray_closing_highlight_and_unknown_kind_are_errors() {
    assert_eq!(
        error_of(&with_body("1.1 text}} more\n")),
        "agreements/demo/1.md:13: `}}` closes nothing (escape it as `\\` + character to print it)"
    );
    assert_eq!(
        error_of(&with_body("\n1.1 {{warning: not liable}}\n")),
        "agreements/demo/1.md:14: unknown highlight kind `warning`: use exemption, limitation or restriction"
    );
    assert_eq!(
        error_of(&with_body("1.1 {{exemption:   }}\n")),
        "agreements/demo/1.md:13: highlight or emphasis with no text"
    );
}

#[test]
fn missing_metadata_field_is_reported_at_the_header_end() {
    let src = HEADER.replace("version: 1\n", "");
    assert_eq!(
        error_of(&src),
        "agreements/demo/1.md:11: missing metadata field `version`"
    );
}

#[test]
fn bad_metadata_fields_name_the_field_and_line() {
    assert_eq!(
        error_of(&HEADER.replace("reconsent: required", "reconsent: maybe")),
        "agreements/demo/1.md:11: metadata field `reconsent`: expected `required` or `not-required`"
    );
    assert_eq!(
        error_of(&HEADER.replace("language: en", "colour: blue")),
        "agreements/demo/1.md:9: unknown metadata field `colour`"
    );
    assert_eq!(
        error_of(&HEADER.replace("products: *", "products: cdn, kmct")),
        "agreements/demo/1.md:10: metadata field `products`: expected `*` or product keys separated by spaces"
    );
    assert_eq!(
        error_of(&HEADER.replace("title: Demo Service Agreement", "title: Demo\ntitle: Again")),
        "agreements/demo/1.md:4: metadata field `title` is given twice"
    );
    assert_eq!(
        error_of("no header here\n"),
        "agreements/demo/1.md:1: expected a metadata header starting with a `---` line"
    );
    assert_eq!(
        error_of(&HEADER[..HEADER.len() - 4]),
        "agreements/demo/1.md:11: metadata header is not closed by a `---` line"
    );
}

#[test]
fn bad_dates_are_rejected() {
    for (bad, line) in [
        ("effective: 2024-02-30", 7),
        ("effective: 31/01/2024", 7),
        ("updated: 2023-13-01", 8),
    ] {
        let field = bad.split(':').next().unwrap_or_default();
        let original = if field == "effective" {
            "effective: 2024-01-31"
        } else {
            "updated: 2024-02-01"
        };
        let value = bad.split_once(": ").map(|(_, v)| v).unwrap_or_default();
        assert_eq!(
            error_of(&HEADER.replace(original, bad)),
            format!("agreements/demo/1.md:{line}: metadata field `{field}`: `{value}` is not a date of the form YYYY-MM-DD")
        );
    }
    // 2024 is a leap year: the 29th of February exists.
    assert!(parse_agreement(
        "x.md",
        &with_body("1. Text.\n").replace("2024-01-31", "2024-02-29")
    )
    .is_ok());
}

#[test]
fn unterminated_comment_is_an_error() {
    assert_eq!(
        error_of(&with_body("<!-- fix: something\n")),
        "agreements/demo/1.md:13: `<!--` comment must close with `-->` on the same line"
    );
}

#[test]
fn text_after_a_closed_comment_is_named_as_such() {
    assert_eq!(
        error_of(&with_body("1.1 A clause.\n<!-- fix: none --> 1.2 trailing text\n")),
        "agreements/demo/1.md:14: text after the `-->` that closes a comment: a comment takes its whole line, so put the text on a line of its own"
    );
}

#[test]
fn a_version_of_more_highlights_than_a_receipt_can_name_is_refused_at_the_one_too_many() {
    // 500 highlights, one clause each: a receipt acknowledging them all still verifies.
    let clauses: String = (1..=500)
        .map(|n| format!("{n}. {{{{exemption: We are not liable for case {n}.}}}}\n"))
        .collect();
    let text = with_body(&clauses);
    assert!(parse_agreement("agreements/demo/1.md", &text).is_ok());
    let one_more = with_body(&[clauses.as_str(), "501. {{exemption: Nor for this.}}\n"].concat());
    let err = error_of(&one_more);
    assert!(err.starts_with("agreements/demo/1.md:"), "{err}");
    assert!(
        err.ends_with("highlight number 501 of this version: a receipt names each highlight acknowledged, and more than 500 would make it larger than the 64 KiB a verifier reads"),
        "{err}"
    );
}

fn source(path: &str, text: String) -> Source {
    Source {
        path: path.to_string(),
        text,
    }
}

#[test]
fn duplicate_id_and_version_names_both_files() {
    let errors = Catalog::from_sources(&[
        source("a/1.md", with_body("1.1 One.\n")),
        source("b/1.md", with_body("1.1 Two.\n")),
    ])
    .expect_err("same id and version twice");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "b/1.md:6: agreement `demo` version `1` is already published by a/1.md"
    );
}

#[test]
fn unknown_supplement_target_names_the_line() {
    let text = HEADER.replace(
        "products: *\n",
        "products: cdn\nsupplements: demo-general\nprevails: supplement\n",
    );
    let errors =
        Catalog::from_sources(&[source("a/1.md", text + "1.1 One.\n")]).expect_err("no such base");
    assert!(matches!(
        &errors[0],
        CatalogError::UnknownSupplementTarget { line: 11, .. }
    ));
    assert_eq!(
        errors[0].to_string(),
        "a/1.md:11: `supplements: demo-general` names no agreement in the catalogue"
    );
}

#[test]
fn two_versions_taking_effect_on_one_day_are_refused_whatever_the_file_order() {
    let second = with_body("1.1 Two.\n").replace("version: 1\n", "version: 2\n");
    for (first, then) in [("a/1.md", "b/2.md"), ("b/1.md", "a/2.md")] {
        let errors = Catalog::from_sources(&[
            source(first, with_body("1.1 One.\n")),
            source(then, second.clone()),
        ])
        .expect_err("which version is current would depend on the order");
        assert_eq!(
            errors[0].to_string(),
            format!("{then}:6: agreement `demo` version `2` takes effect on 2024-01-31, as version `1` does ({first}); give each version its own `effective` day")
        );
    }
}

#[test]
fn supplements_of_itself_of_another_provider_or_in_a_circle_are_refused() {
    let supplement = |id: &str, provider: &str, base: &str| {
        HEADER
            .replace("id: demo\n", &format!("id: {id}\n"))
            .replace("provider: demo\n", &format!("provider: {provider}\n"))
            .replace(
                "products: *\n",
                &format!("products: cdn\nsupplements: {base}\nprevails: supplement\n"),
            )
            + "1.1 One.\n"
    };
    let errors = Catalog::from_sources(&[source("s/1.md", supplement("s", "demo", "s"))])
        .expect_err("its own base");
    assert_eq!(
        errors[0].to_string(),
        "s/1.md:11: `supplements: s` names this agreement itself"
    );
    let errors = Catalog::from_sources(&[
        source("a/1.md", supplement("a", "demo", "b")),
        source("b/1.md", supplement("b", "demo", "a")),
    ])
    .expect_err("a circle");
    assert_eq!(errors.len(), 2);
    assert_eq!(
        errors[0].to_string(),
        "a/1.md:11: `supplements: b` makes a circle: a → b → a"
    );
    let errors = Catalog::from_sources(&[
        source(
            "base/1.md",
            with_body("1.1 One.\n").replace("provider: demo\n", "provider: other\n"),
        ),
        source("x/1.md", supplement("x", "demo", "demo")),
    ])
    .expect_err("another provider's base");
    assert_eq!(
        errors[0].to_string(),
        "x/1.md:11: `supplements: demo` names an agreement of provider `other`; a supplement is of its own provider's (`demo`)"
    );
}

#[test]
fn a_translation_of_its_own_language_or_of_a_translation_is_refused() {
    let text = |language: &str, of: &str| {
        with_body("1.1 One.\n").replace(
            "language: en\n",
            &format!("language: {language}\ntranslation-of: {of}\n"),
        )
    };
    let errors = Catalog::from_sources(&[
        source("a/1.md", with_body("1.1 One.\n")),
        source("a/1.fr.md", text("fr", "fr")),
    ])
    .expect_err("its own language");
    assert_eq!(
        errors[0].to_string(),
        "a/1.fr.md:6: `translation-of: fr` names this text's own language"
    );
    let errors = Catalog::from_sources(&[
        source("a/1.de.md", text("de", "fr")),
        source("a/1.fr.md", text("fr", "de")),
    ])
    .expect_err("each a translation of the other");
    assert!(
        errors[0]
            .to_string()
            .ends_with("that text is itself a translation; name the language it was written in"),
        "{}",
        errors[0]
    );
}

#[test]
fn every_error_in_a_catalogue_is_reported_not_just_the_first() {
    let errors = Catalog::from_sources(&[
        source("a/1.md", with_body("1.1 {{exemption: open\n")),
        source(
            "b/1.md",
            HEADER.replace("effective: 2024-01-31", "effective: soon"),
        ),
    ])
    .expect_err("two bad files");
    assert_eq!(errors.len(), 2);
    assert!(
        matches!(&errors[0], CatalogError::Parse(e) if e.kind == ParseErrorKind::Unterminated("{{"))
    );
}

#[test]
fn escapes_print_markup_characters_and_numbers_need_a_space() {
    let a = parse_agreement(
        "x.md",
        &with_body("\\1.1 is not a clause here \\*\\* \\{\\{\n2020 was a year.\n"),
    )
    .expect("valid");
    let blocks: Vec<_> = a.blocks().collect();
    assert_eq!(blocks[0].plain_text(), "1.1 is not a clause here ** {{");
    assert_eq!(blocks[0].number(), None);
    assert_eq!(blocks[1].number(), None, "a year is not a clause number");
}

#[test]
fn a_sentence_that_opens_with_a_bare_number_is_a_paragraph_and_a_stop_makes_a_clause() {
    let a = parse_agreement(
        "x.md",
        &with_body("30 days after you cancel, your data is deleted.\n5 GB of storage is free.\n1. Definitions apply.\n1.5 The fee is due monthly.\n"),
    )
    .expect("valid");
    let numbers: Vec<Option<&str>> = a.blocks().map(|b| b.number()).collect();
    assert_eq!(numbers, [None, None, Some("1."), Some("1.5")]);
}

#[test]
fn a_version_with_no_text_below_its_header_is_refused_after_the_header() {
    // What a page whose text a script writes imports as: a header, and comments at most.
    let lines = HEADER.lines().count();
    for body in [
        "",
        "\n\n",
        "<!-- imported from https://example.com/terms -->\n",
    ] {
        assert_eq!(
            error_of(&with_body(body)),
            format!(
                "agreements/demo/1.md:{}: no text below the metadata header: nothing a person could read and accept (a page whose text a script writes imports as none)",
                lines + 1
            )
        );
    }
}

#[test]
fn a_hidden_character_in_a_highlight_kind_and_lines_ended_by_carriage_returns_are_named() {
    assert_eq!(
        error_of(&with_body("1.1 {{re\u{200B}striction: you may not resell}}\n")),
        format!(
            "agreements/demo/1.md:{}: unknown highlight kind `re<U+200B>striction`: it holds U+200B, an invisible character; use exemption, limitation or restriction",
            HEADER.lines().count() + 1
        )
    );
    let old_mac = with_body("1.1 Text.\n").replace('\n', "\r");
    assert_eq!(
        error_of(&old_mac),
        "agreements/demo/1.md:1: the lines end with a carriage return alone (as old Mac systems wrote them): end them with a line feed, e.g. `tr '\\r' '\\n'`"
    );
}
