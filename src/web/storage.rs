//! What a person accepted on this origin, kept in localStorage: one storage policy for reading
//! and writing it. Storage that fails is reported (a warning) and never loses an acceptance.

use super::fetch::string_member;
use super::{describe, WebError};
use crate::reconsent::{accepted_json, AcceptedVersion, AcceptedVersions};
use wasm_bindgen::JsCast;

/// The localStorage key of what `subject` accepted on this origin.
fn storage_key(subject: Option<&str>) -> String {
    ["consent-terms/v1/accepted/", subject.unwrap_or("")].concat()
}

fn local_storage() -> Result<web_sys::Storage, WebError> {
    web_sys::window()
        .ok_or(WebError::NoWindow)?
        .local_storage()
        .map_err(|e| WebError::Storage(describe(&e)))?
        .ok_or_else(|| WebError::Storage("localStorage is unavailable".into()))
}

/// What `subject` accepted before; `Err` when the browser's storage cannot be read. A stored
/// value that does not read as accepted versions counts as nothing accepted: asking again is
/// safe.
pub fn load_accepted(subject: Option<&str>) -> Result<AcceptedVersions, WebError> {
    let stored = local_storage()?
        .get_item(&storage_key(subject))
        .map_err(|e| WebError::Storage(describe(&e)))?;
    Ok(stored.map(|json| read_accepted(&json)).unwrap_or_default())
}

/// The versions remembered as accepted, from the JSON kept in storage; what does not read as
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

/// Remembers what `subject` accepted; `Err` when storage is unavailable, full or throws.
pub fn save_accepted(subject: Option<&str>, accepted: &AcceptedVersions) -> Result<(), WebError> {
    local_storage()?
        .set_item(&storage_key(subject), &accepted_json(accepted).to_text())
        .map_err(|e| WebError::Storage(describe(&e)))
}
