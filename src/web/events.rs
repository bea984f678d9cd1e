//! Events to the host: a `CustomEvent` on the element, and `postMessage` to a parent frame.

use crate::contract::Event;
use crate::json::Json;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = dispatchTo)]
    fn dispatch_to(target: &web_sys::EventTarget, name: &str, detail: &JsValue) -> bool;
}

/// An event's detail (a typed struct) as a plain JavaScript object.
pub fn detail_value<T: serde::Serialize>(detail: &T) -> JsValue {
    detail
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// Dispatches `event` (bubbling and composed, so it leaves the shadow root) on `target`, with
/// `detail`. Returns false if the browser refused. Not generic: one copy serves every event.
pub fn dispatch(target: &web_sys::EventTarget, event: Event, detail: &JsValue) -> bool {
    dispatch_to(target, event.name(), detail)
}

/// `value` (JSON the crate wrote) as a JavaScript value, for a member of an event's detail.
pub fn json_value(value: &Json) -> JsValue {
    js_sys::JSON::parse(&value.to_text()).unwrap_or(JsValue::NULL)
}

/// Posts `message` to the parent window at `origin`, if this page is in a frame. Never `*`.
pub fn post_to_parent(origin: &str, message: &Json) -> bool {
    match (super::parent_window(), super::named_origin(Some(origin))) {
        (Some(parent), Some(origin)) => parent.post_message(&json_value(message), origin).is_ok(),
        _ => false,
    }
}
