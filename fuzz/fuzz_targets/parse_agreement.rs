//! Any bytes as an agreement source: the parser, the canonical hash and the lint must return,
//! never panic; and a parsed agreement's canonical text, read back as a source, must parse to
//! the same canonical text (so to the same hash), as `agreements/README.md` promises.
#![no_main]
use consent_terms_core::agreement::Agreement;
use consent_terms_core::canonical::{canonical_text, content_hash, sha256_hex, Scope, CANONICAL_MAGIC};
use consent_terms_core::lint::lint;
use consent_terms_core::parse::parse_agreement;
use libfuzzer_sys::fuzz_target;

/// The canonical text's body under a header made from `a`'s metadata: a source again.
fn as_source(a: &Agreement, canonical: &str) -> String {
    let m = &a.meta;
    let (_, body) = canonical
        .split_once("\n\n")
        .expect("the canonical header ends with an empty line");
    let scope = Scope::of(m);
    let supplements = scope
        .supplements
        .map_or(String::new(), |(target, prevails)| {
            format!("supplements: {target}\nprevails: {prevails}\n")
        });
    format!(
        "---\nid: {}\ntitle: {}\nprovider: {}\nprovider-name: {}\nversion: {}\neffective: {}\nupdated: {}\nlanguage: {}\nproducts: {}\n{supplements}reconsent: {}\n---\n{body}",
        m.id,
        m.title,
        m.provider,
        m.provider_name,
        m.version,
        m.effective,
        m.updated,
        m.language,
        scope.products,
        scope.reconsent,
    )
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(agreement) = parse_agreement("fuzz.md", text) else {
        return;
    };
    let _ = lint(&agreement, text);
    // The canonical text once; its hash is the content hash.
    let canonical = canonical_text(&agreement);
    assert!(canonical.starts_with(&format!("{CANONICAL_MAGIC}\n")));
    let hash = sha256_hex(canonical.as_bytes());
    assert_eq!(hash.len(), 64);
    let source = as_source(&agreement, &canonical);
    let again = parse_agreement("fuzz.md", &source)
        .unwrap_or_else(|e| panic!("the canonical text does not parse: {e}\n{source}"));
    assert_eq!(
        canonical_text(&again),
        canonical,
        "the canonical text read back differs\nsource:\n{text}"
    );
    assert_eq!(content_hash(&again), hash);
});
