//! `use_host_events`: the one way the widget tells the host what happens. Events go to the
//! host element (the custom element or the `mount` element), else to the widget's root.

use crate::consent::ConsentState;
use crate::contract::{ErrorCode, Event};
use crate::json::Json;
use crate::web::dispatch;
use yew::prelude::*;

/// Dispatches the widget's events; cheap to clone into effects and callbacks.
#[derive(Clone)]
pub struct HostEvents {
    host: Option<web_sys::Element>,
    root: NodeRef,
}

impl HostEvents {
    /// Dispatches `event` with `detail`.
    pub fn emit(&self, event: Event, detail: Json) {
        let target = self
            .host
            .clone()
            .or_else(|| self.root.cast::<web_sys::Element>());
        if let Some(target) = target {
            dispatch(&target, event, &detail);
        }
    }

    /// Dispatches `consent-error` with `code` and `message` (and `severity: "warning"` for
    /// the codes that are warnings).
    pub fn error(&self, code: ErrorCode, message: &str) {
        let mut members = vec![("code", code.as_str().into()), ("message", message.into())];
        if code.is_warning() {
            members.push(("severity", "warning".into()));
        }
        self.emit(Event::Error, Json::object(members));
    }
}

/// The agreements of a flow as events describe them.
pub fn agreements_detail(state: &ConsentState) -> Json {
    Json::Array(
        state
            .agreements
            .iter()
            .map(|a| {
                Json::object([
                    ("id", a.id.as_str().into()),
                    ("version", a.version.as_str().into()),
                    ("hash", a.hash.as_str().into()),
                    ("title", a.title.as_str().into()),
                    ("highlights", a.highlights.len().into()),
                ])
            })
            .collect(),
    )
}

/// The host events of a widget whose events go to `host`, or to the element `root` refers to.
#[hook]
pub fn use_host_events(host: Option<web_sys::Element>, root: NodeRef) -> HostEvents {
    HostEvents { host, root }
}
