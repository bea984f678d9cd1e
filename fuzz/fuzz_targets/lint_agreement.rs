//! Any bytes as an agreement source, parsed and linted: the lint reads every block and the
//! source's lines (sentences in both languages, invisible characters, titles, each kind's
//! patterns) and must return, never panic, and every finding must point at a line of the
//! source.
#![no_main]
use consent_terms_core::lint::lint;
use consent_terms_core::parse::parse_agreement;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(agreement) = parse_agreement("fuzz.md", text) else {
        return;
    };
    let lines = text.lines().count().max(1);
    for finding in lint(&agreement, text) {
        assert!(
            (1..=lines).contains(&finding.line),
            "a finding at line {} of a {lines}-line source: {finding:?}",
            finding.line
        );
    }
});
