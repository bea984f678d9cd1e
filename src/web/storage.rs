//! What a person accepted on this origin, kept in localStorage: one storage policy for reading
//! and writing it. Storage that fails is reported (a warning) and never loses an acceptance.

use super::accepted::read_accepted;
use super::{describe, WebError};
use crate::reconsent::{accepted_json, AcceptedVersions};

/// The localStorage key of what `subject` accepted on this origin.
fn storage_key(subject: &str) -> String {
    ["consent-terms/v1/accepted/", subject].concat()
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
/// safe. Without a subject nothing was accepted: the person is not known, and whoever used
/// this browser before (a shared computer, another sign-up) is not them.
pub fn load_accepted(subject: Option<&str>) -> Result<AcceptedVersions, WebError> {
    let Some(subject) = subject else {
        return Ok(AcceptedVersions::default());
    };
    let stored = super::element::stored_item(&storage_key(subject))
        .map_err(|e| WebError::Storage(describe(&e)))?
        .as_string();
    Ok(stored.map(|json| read_accepted(&json)).unwrap_or_default())
}

/// Remembers what `subject` accepted; `Err` when storage is unavailable, full or throws.
/// Without a subject nothing is remembered ([`load_accepted`]).
pub fn save_accepted(subject: Option<&str>, accepted: &AcceptedVersions) -> Result<(), WebError> {
    let Some(subject) = subject else {
        return Ok(());
    };
    local_storage()?
        .set_item(&storage_key(subject), &accepted_json(accepted).to_text())
        .map_err(|e| WebError::Storage(describe(&e)))
}
