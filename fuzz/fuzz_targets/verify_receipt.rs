//! Any bytes as a receipt: the verifier must return a result, never panic; and whatever it
//! decides, it decides the same way twice.
#![no_main]
use consent_terms_core::catalog::bundled_catalog;
use consent_terms_core::verify::{verify_receipt, VerifyOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(catalog) = bundled_catalog() else { return };
    let options = VerifyOptions { now_ms: 1_795_341_660_123, ..VerifyOptions::default() };
    let first = verify_receipt(text, catalog, &options);
    assert_eq!(first, verify_receipt(text, catalog, &options));
});
