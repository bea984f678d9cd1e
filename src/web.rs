//! The one place the widget reaches the browser (wasm32 only). Every call returns `Result` or
//! an `Option`; nothing here panics when an API is missing or throws. The core (agreements,
//! catalogue, consent rules, receipts, plan) never imports this module.

mod accepted;
mod crypto;
mod dom;
mod element;
mod events;
mod fetch;
mod files;
mod prerendered;
mod reading;
mod rendered;
mod storage;
mod style;
mod text;
mod visibility;
mod watch;

pub use crypto::{random_uuid, receipt_key, sign, web_crypto_available, ReceiptKey};
pub use dom::{
    by_id, checkbox_checked, closest, listening_element, parent, scroll_to_top, set_checkbox,
    shadow_of, shown_agreement, Element,
};
pub use element::{
    define_custom_element, new_container, place_container, remove, string_option, warn_nonce,
};
pub use events::{detail_value, dispatch, json_value, post_to_parent};
pub use fetch::{fetch_status, fetch_text, read_json_bundle};
pub use files::{follow_link, save_html};
pub use prerendered::{adopt_text, check_retired, prerendered_in, retire as retire_prerendered};
pub use reading::ReadingWatch;
pub use rendered::{rendered_canonical, rendered_hash};
pub use storage::{load_accepted, save_accepted};
pub use style::{adopt_styles, scroll_box_missing, styles_loaded, styles_ready, use_stylesheet};
pub use text::{clipped_away, highlight_hidden, read_blocks, write_blocks};
pub use visibility::VisibilityWatch;
pub use watch::ChangeWatch;

use crate::contract::ErrorCode;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// A browser call that failed, with what the browser said.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebError {
    /// There is no `window` (a worker, or no DOM).
    NoWindow,
    /// The request did not complete (network error, CORS, bad URL, a status other than 2xx).
    Fetch {
        /// The URL asked for.
        url: String,
        /// What the browser said.
        reason: String,
    },
    /// WebCrypto refused or failed.
    Crypto(String),
    /// localStorage is unavailable, full, or throws.
    Storage(String),
}

impl WebError {
    /// The `consent-error` code the host receives for it.
    pub fn code(&self) -> ErrorCode {
        match self {
            WebError::NoWindow | WebError::Fetch { .. } => ErrorCode::BundleUnreachable,
            WebError::Crypto(_) => ErrorCode::SigningFailed,
            WebError::Storage(_) => ErrorCode::StorageUnavailable,
        }
    }
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebError::NoWindow => f.write_str("no browser window is available"),
            WebError::Fetch { url, reason } => {
                f.write_str(&["could not fetch ", url, ": ", reason].concat())
            }
            WebError::Crypto(why) | WebError::Storage(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for WebError {}

/// What a thrown JavaScript value says.
fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// A string member of a parsed JSON object.
fn string_member(object: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(object, &name.into()).ok()?.as_string()
}

/// Milliseconds since the epoch, the page's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The current time as RFC 3339 UTC with milliseconds, from the browser clock.
pub fn now_rfc3339() -> String {
    element::iso_now().as_string().unwrap_or_default()
}

/// Today's date (UTC) by the browser's clock, as agreement dates are compared with it.
pub fn today_utc() -> Option<crate::agreement::Date> {
    crate::agreement::Date::parse(now_rfc3339().get(..10)?)
}

/// The language of the page (`<html lang>`), if it states one.
pub fn page_lang() -> Option<String> {
    let lang = web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("lang")?;
    (!lang.trim().is_empty()).then_some(lang)
}

/// The page's origin (`https://console.example.com`).
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The parent window, if this page is in a frame.
fn parent_window() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// `origin` as a page names one for `post-message-origin`: never empty, never `*`.
fn named_origin(origin: Option<&str>) -> Option<&str> {
    origin.map(str::trim).filter(|o| !o.is_empty() && *o != "*")
}

/// The origin a receipt is for: the page's own, or, in a frame told its parent's origin
/// (`post-message-origin`), the parent's: the page on which the person signs up. Isolated mode
/// sets it from the origin the browser reports for the parent's messages.
pub fn audience(parent: Option<&str>) -> String {
    match named_origin(parent).filter(|_| parent_window().is_some()) {
        Some(origin) => origin.to_string(),
        None => page_origin(),
    }
}

/// Resolves in a later task, so that the browser can paint and handle input in between.
pub async fn next_task() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Scrolls `element` to the middle of its scrolling box and gives it focus.
pub fn reveal_and_focus(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(el) = element.dyn_ref::<web_sys::HtmlElement>() {
        // Focus can be refused (the element was removed meanwhile): nothing to do then.
        let _ = el.focus();
    }
}
