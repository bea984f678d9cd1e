//! `use_host_events`: the one way the widget tells the host what happens. Events go to the
//! host element (the custom element or the `mount` element), else to the widget's root.

use crate::consent::ConsentState;
use crate::contract::{AgreementDetail, ErrorCode, ErrorDetail, Event};
use crate::web::{detail_value, dispatch, Element};
use yew::prelude::*;

/// Dispatches the widget's events; cheap to clone into effects and callbacks.
#[derive(Clone)]
pub struct HostEvents {
    host: Option<Element>,
    root: NodeRef,
}

impl HostEvents {
    /// Dispatches `event` with `detail`.
    pub fn emit<T: serde::Serialize>(&self, event: Event, detail: &T) {
        let target = self.host.clone().or_else(|| self.root.cast::<Element>());
        if let Some(target) = target {
            dispatch(&target, event, &detail_value(detail));
        }
    }

    /// Dispatches `consent-error` with `code` and `message` (and `severity: "warning"` for
    /// the codes that are warnings).
    pub fn error(&self, code: ErrorCode, message: &str) {
        self.emit(Event::Error, &ErrorDetail::new(code, message));
    }
}

/// The agreements of a flow as events describe them.
pub fn agreements_detail(state: &ConsentState) -> Vec<AgreementDetail> {
    state
        .agreements
        .iter()
        .map(|a| AgreementDetail {
            id: a.id.clone(),
            version: a.version.clone(),
            hash: a.hash.clone(),
            title: a.title.clone(),
            highlights: a.highlights.len(),
        })
        .collect()
}

/// The host events of a widget whose events go to `host`, or to the element `root` refers to.
#[hook]
pub fn use_host_events(host: Option<Element>, root: NodeRef) -> HostEvents {
    HostEvents { host, root }
}
