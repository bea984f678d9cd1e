//! `use_accepted`: what the subject accepted before. This browser remembers it in
//! localStorage; a host that gives `status-url` (its proxy of the ledger's status endpoint for
//! the signed-in subject) is trusted over that: the server's record survives cleared storage
//! and other devices.

use super::use_effect_on::{nothing, use_effect_on};
use crate::reconsent::AcceptedVersions;
use crate::web::{fetch_status, load_accepted, WebError};
use yew::prelude::*;

/// What was accepted before, and where it comes from.
#[derive(Clone, PartialEq)]
pub struct Accepted {
    /// The server's record when there is one, else this browser's; `None` when neither could
    /// be read (everything is asked).
    pub versions: Option<AcceptedVersions>,
    /// The server has not answered yet: nothing is planned until it does.
    pub pending: bool,
    /// This browser's storage could not be read (a warning).
    pub storage_failure: Option<WebError>,
    /// The status endpoint failed; this browser's record is used (a warning).
    pub status_failure: Option<WebError>,
}

/// The server's answer.
#[derive(Clone, PartialEq)]
enum Status {
    Off,
    Pending,
    Known(AcceptedVersions),
    Failed(WebError),
}

/// What `subject` accepted before, asking `status_url` (again whenever it changes; only the
/// answer for the latest URL is kept) when the host gives one.
#[hook]
pub fn use_accepted(subject: Option<String>, status_url: Option<AttrValue>) -> Accepted {
    let local = use_memo(subject, |s| load_accepted(s.as_deref()));
    let status = use_state(|| match status_url {
        Some(_) => Status::Pending,
        None => Status::Off,
    });
    let latest = use_mut_ref(|| 0u32);
    {
        let status = status.clone();
        use_effect_on(status_url, move |url| {
            let id = latest.borrow().wrapping_add(1);
            *latest.borrow_mut() = id;
            let Some(url) = url.clone() else {
                status.set(Status::Off);
                return nothing();
            };
            status.set(Status::Pending);
            wasm_bindgen_futures::spawn_local(async move {
                let next = match fetch_status(&url).await {
                    Ok(accepted) => Status::Known(accepted),
                    Err(e) => Status::Failed(e),
                };
                if *latest.borrow() == id {
                    status.set(next);
                }
            });
            nothing()
        });
    }
    let local = local.as_ref();
    Accepted {
        versions: match &*status {
            Status::Known(server) => Some(server.clone()),
            _ => local.as_ref().ok().cloned(),
        },
        pending: *status == Status::Pending,
        storage_failure: local.as_ref().err().cloned(),
        status_failure: match &*status {
            Status::Failed(e) => Some(e.clone()),
            _ => None,
        },
    }
}
