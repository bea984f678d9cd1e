//! Any bytes as agreement sources (separated by NUL characters), compiled into a bundle as
//! `consent-terms bundle` compiles one: a bundle written from sources that make a catalogue
//! must load back (from its JSON, and checked in steps as the widget checks it) to the same
//! catalogue (agreements, hashes and changes); one declared hash changed, or one word of the
//! text edited after compiling, must be refused as that entry's mismatch. Random JSON (`load_bundle`) rarely gets a hash right; this target starts
//! from bundles whose hashes are right, so the checks after the hash are reached.
#![no_main]
use consent_terms_core::agreement::Span;
use consent_terms_core::bundle::{build_bundle, load_bundle, load_parsed, BundleCheck, BundleError};
use consent_terms_core::catalog::{Catalog, Source};
use libfuzzer_sys::fuzz_target;

/// Each agreement's id, version, language and content hash, in order.
fn versions(catalog: &Catalog) -> Vec<(String, String, String, String)> {
    catalog
        .all()
        .iter()
        .map(|a| {
            (
                a.meta.id.clone(),
                a.meta.version.clone(),
                a.meta.language.clone(),
                catalog.hash_of(a),
            )
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let sources: Vec<Source> = text
        .split('\0')
        .enumerate()
        .map(|(i, text)| Source {
            path: format!("agreements/fuzz/{i}.md"),
            text: text.to_string(),
        })
        .collect();
    let direct = Catalog::from_sources(&sources);
    let bundle = match build_bundle(&sources) {
        Ok(bundle) => bundle,
        Err(errors) => {
            assert!(!errors.is_empty(), "a refused catalogue says why");
            assert_eq!(Err(errors), direct.map(|_| ()));
            return;
        }
    };
    let direct = direct.expect("the sources of a bundle make a catalogue");
    let json = bundle.to_json();
    let loaded = load_bundle(&json)
        .unwrap_or_else(|e| panic!("a bundle written from valid sources is refused: {e}\n{json}"));
    assert_eq!(versions(&loaded), versions(&direct));
    assert_eq!(loaded, direct, "the compiled catalogue is the one built from the sources");
    // The widget checks a step at a time and may finish early: finishing checks the rest.
    let mut check = BundleCheck::start(bundle.clone()).expect("the bundle's own format");
    check.step();
    let stepped = check
        .finish()
        .expect("checked in steps, the same bundle loads");
    assert_eq!(versions(&stepped), versions(&loaded));
    for a in loaded.all() {
        let _ = loaded.select(&a.meta.provider, &[], &a.meta.language);
    }
    // The text of one block edited after compiling: refused, naming that entry.
    let mut edited = bundle.clone();
    let entry = &mut edited.agreements[data.len() % sources.len()];
    let path = entry.path.clone();
    let span = entry
        .agreement
        .sections
        .iter_mut()
        .flat_map(|s| s.heading.iter_mut().chain(s.blocks.iter_mut()))
        .flat_map(|b| b.spans.iter_mut())
        .next();
    if let Some(span) = span {
        let (Span::Text(t) | Span::Emphasis(t) | Span::Highlight { text: t, .. }) = span;
        t.push('x');
        match load_parsed(edited) {
            Err(BundleError::HashMismatch { path: named, .. }) => assert_eq!(named, path),
            other => panic!("an edited text is not refused as a mismatch: {other:?}"),
        }
    }
    // One declared hash changed in one digit: refused, naming that entry.
    let mut tampered = bundle;
    let entry = &mut tampered.agreements[data.len() % sources.len()];
    let first = if entry.sha256.starts_with('0') {
        "1"
    } else {
        "0"
    };
    entry.sha256.replace_range(..1, first);
    let path = entry.path.clone();
    match load_parsed(tampered) {
        Err(BundleError::HashMismatch { path: named, .. }) => assert_eq!(named, path),
        other => panic!("a changed hash is not refused as a mismatch: {other:?}"),
    }
});
