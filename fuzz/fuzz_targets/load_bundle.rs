//! Any bytes as a compiled agreements bundle (`consent-terms-bundle/2`): the loader must reject
//! or accept, never panic, and what it accepts is used as the widget uses it (selection, the
//! changes between versions by any positions the bundle names, remembered v1 hashes).
#![no_main]
use consent_terms_core::bundle::load_bundle;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(catalog) = load_bundle(text) {
        let all = catalog.all();
        for a in all {
            let _ = catalog.select(&a.meta.provider, &[], &a.meta.language);
            let _ = catalog.equivalent_hashes_for(a, Some("0"));
            for b in all {
                let _ = catalog.changes(a, b);
            }
        }
    }
});
