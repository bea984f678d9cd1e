//! What was accepted, read from its JSON (what storage keeps, what a `status-url` answers)
//! with the browser's JSON parser.

use super::string_member;
use crate::reconsent::{AcceptedVersion, AcceptedVersions};
use wasm_bindgen::JsCast;

/// The versions remembered as accepted, from their JSON; what does not read as
/// such is left out (asking again is safe).
pub(super) fn read_accepted(json: &str) -> AcceptedVersions {
    let mut accepted = AcceptedVersions::new();
    let Ok(value) = js_sys::JSON::parse(json) else {
        return accepted;
    };
    if !value.is_object() {
        return accepted;
    }
    for pair in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let pair = js_sys::Array::from(&pair);
        let (Some(id), entry) = (pair.get(0).as_string(), pair.get(1)) else {
            continue;
        };
        if let (Some(version), Some(sha256), Some(accepted_at)) = (
            string_member(&entry, "version"),
            string_member(&entry, "sha256"),
            string_member(&entry, "accepted_at"),
        ) {
            accepted.insert(
                id,
                AcceptedVersion {
                    version,
                    sha256,
                    accepted_at,
                },
            );
        }
    }
    accepted
}
