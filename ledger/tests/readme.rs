//! The ledger's error codes are written once (`ApiError::ALL`, checked against the enum in
//! `src/error.rs`); its README must document every one of them, and no code it does not answer.

use consent_terms_ledger::error::ApiError;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README")
}

/// The README's HTTP section: the table and the paragraph of codes.
fn http_section(readme: &str) -> &str {
    let start = readme.find("\n## HTTP\n").expect("an HTTP section");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

#[test]
fn the_readme_lists_every_error_code_the_ledger_answers() {
    let readme = readme();
    let http = http_section(&readme);
    let missing: Vec<&str> = ApiError::ALL
        .iter()
        .copied()
        .filter(|code| !http.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "ledger/README.md's HTTP section does not name these codes: {missing:?}"
    );
}

#[test]
fn the_readmes_paragraph_of_codes_names_only_codes_the_ledger_answers() {
    let readme = readme();
    let http = http_section(&readme);
    let start = http.find("\nCodes.").expect("the paragraph of codes");
    let paragraph = &http[start..];
    let paragraph = &paragraph[..paragraph[1..]
        .find("\n\n")
        .map_or(paragraph.len(), |i| i + 1)];
    // Words in backquotes that are not codes: members and values the paragraph speaks of.
    let not_codes = ["required", "unchanged"];
    let unknown: Vec<&str> = paragraph
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|word| {
            !word.is_empty()
                && word
                    .split('-')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()))
        })
        .filter(|word| !not_codes.contains(word) && !ApiError::ALL.contains(word))
        .collect();
    assert!(
        unknown.is_empty(),
        "ledger/README.md names codes the ledger never answers: {unknown:?}"
    );
}
