//! Any bytes as an agreements bundle: the loader must reject or accept, never panic.
#![no_main]
use consent_terms_core::bundle::load_bundle;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(catalog) = load_bundle(text) {
        for a in catalog.all() {
            let _ = catalog.select(&a.meta.provider, &[], &a.meta.language);
        }
    }
});
