//! The one place the widget reaches the browser. Every call returns `Result`; nothing here
//! panics when an API is missing or throws.

use crate::json::Json;
use std::fmt;
use wasm_bindgen::JsCast;

/// A browser call that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BrowserError {
    /// There is no `window` (a worker, or no DOM).
    NoWindow,
    /// The request did not complete (network error, CORS, bad URL, a status other than 2xx).
    Fetch {
        /// The URL asked for.
        url: String,
        /// What the browser said.
        reason: String,
    },
}

impl fmt::Display for BrowserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BrowserError::NoWindow => write!(f, "no browser window is available"),
            BrowserError::Fetch { url, reason } => write!(f, "could not fetch {url}: {reason}"),
        }
    }
}

fn describe(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/widget/element.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetchText)]
    async fn fetch_text_js(url: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// Fetches `url` and returns its body as text. A page fetches each URL once (`element.js`
/// starts the fetch of the bundles of elements already on the page before the wasm runs).
pub async fn fetch_text(url: &str) -> Result<String, BrowserError> {
    let fetch_err = |reason: String| BrowserError::Fetch {
        url: url.to_string(),
        reason,
    };
    let text = fetch_text_js(url)
        .await
        .map_err(|e| fetch_err(describe(&e)))?;
    text.as_string()
        .ok_or_else(|| fetch_err("body is not text".into()))
}

/// Resolves in a later task, so that the browser can paint and handle input in between.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window()
            .and_then(|w| w.set_timeout_with_callback(&resolve).ok())
            .is_some();
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A string member of a parsed JSON object.
fn string_member(object: &wasm_bindgen::JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(object, &name.into()).ok()?.as_string()
}

/// Reads the JSON of an agreements bundle with the browser's JSON parser.
pub fn read_bundle(json: &str) -> Result<crate::bundle::Bundle, crate::bundle::BundleError> {
    use crate::bundle::{Bundle, BundleEntry, BundleError};
    let value = js_sys::JSON::parse(json).map_err(|e| BundleError::Malformed(describe(&e)))?;
    let malformed = |what: String| BundleError::Malformed(what + " is missing or not a string");
    let format = string_member(&value, "format").ok_or_else(|| malformed("`format`".into()))?;
    let entries = js_sys::Reflect::get(&value, &"agreements".into())
        .ok()
        .filter(js_sys::Array::is_array)
        .ok_or_else(|| BundleError::Malformed("`agreements` is missing or not a list".into()))?;
    let mut agreements = Vec::new();
    for (i, entry) in js_sys::Array::from(&entries).iter().enumerate() {
        let member = |name: &str| {
            string_member(&entry, name).ok_or_else(|| {
                malformed(["`agreements[", &i.to_string(), "].", name, "`"].concat())
            })
        };
        agreements.push(BundleEntry {
            path: member("path")?,
            sha256: member("sha256")?,
            source: member("source")?,
        });
    }
    Ok(Bundle { format, agreements })
}

/// The versions remembered as accepted, from the JSON kept in storage; what does not read as
/// such is left out (asking again is safe).
pub fn read_accepted(json: &str) -> crate::reconsent::AcceptedVersions {
    let mut accepted = crate::reconsent::AcceptedVersions::new();
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
                crate::reconsent::AcceptedVersion {
                    version,
                    sha256,
                    accepted_at,
                },
            );
        }
    }
    accepted
}

/// The current time as RFC 3339 UTC with milliseconds, from the browser clock.
pub fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The language of the page (`<html lang>`), if it states one.
pub fn page_lang() -> Option<String> {
    let lang = web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("lang")?;
    (!lang.trim().is_empty()).then_some(lang)
}

/// Dispatches a bubbling, composed `CustomEvent` named `name` on `target`, with `detail` as
/// a plain JavaScript object. Returns false if the browser refused.
pub fn dispatch(target: &web_sys::EventTarget, name: &str, detail: &Json) -> bool {
    let detail = js_sys::JSON::parse(&detail.to_text()).unwrap_or(wasm_bindgen::JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    match web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        Ok(event) => target.dispatch_event(&event).is_ok(),
        Err(_) => false,
    }
}

/// Calls `on_visible` the first time `element` comes into view (a scroll by mouse, touch or
/// keyboard inside any scrolling ancestor). Drop the returned guard to stop watching.
pub struct VisibilityWatch {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl VisibilityWatch {
    /// Starts watching `element` within the scrolling box `root` (the viewport if `None`);
    /// `None` where the browser has no IntersectionObserver.
    pub fn start(
        element: &web_sys::Element,
        root: Option<&web_sys::Element>,
        mut on_visible: impl FnMut() + 'static,
    ) -> Option<VisibilityWatch> {
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                let seen = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>()
                        .map(|e| e.is_intersecting())
                        .unwrap_or(false)
                });
                if seen {
                    on_visible();
                }
            },
        );
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root(root);
        let observer = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &init,
        )
        .ok()?;
        observer.observe(element);
        Some(VisibilityWatch {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for VisibilityWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/widget/keystore.js")]
extern "C" {
    #[wasm_bindgen(js_name = webCryptoAvailable)]
    fn web_crypto_available_js() -> bool;
    #[wasm_bindgen(catch, js_name = signingKey)]
    async fn signing_key_js() -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_name = signText)]
    async fn sign_text_js(
        key: &wasm_bindgen::JsValue,
        text: &str,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_name = sha256Hex)]
    async fn sha256_hex_js(text: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_name = randomUuid)]
    fn random_uuid_js() -> Result<String, wasm_bindgen::JsValue>;
}

/// A failure of WebCrypto, with what the browser said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CryptoError(pub String);

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether this page can sign: a secure context with WebCrypto.
pub fn web_crypto_available() -> bool {
    web_crypto_available_js()
}

/// The receipt signing key of this origin.
pub struct ReceiptKey {
    private: wasm_bindgen::JsValue,
    /// Its public half.
    pub jwk: crate::receipt::Jwk,
    /// Whether it is kept in IndexedDB (false: this page only).
    pub persisted: bool,
}

fn field(value: &wasm_bindgen::JsValue, name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(value, &wasm_bindgen::JsValue::from_str(name))
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
}

/// Loads this origin's key from IndexedDB, or makes one (non-extractable) and keeps it there.
pub async fn receipt_key() -> Result<ReceiptKey, CryptoError> {
    let v = signing_key_js()
        .await
        .map_err(|e| CryptoError(describe(&e)))?;
    let jwk = field(&v, "jwk");
    let s = |n: &str| field(&jwk, n).as_string().unwrap_or_default();
    Ok(ReceiptKey {
        private: field(&v, "privateKey"),
        jwk: crate::receipt::Jwk {
            kty: s("kty"),
            crv: s("crv"),
            x: s("x"),
            y: s("y"),
        },
        persisted: field(&v, "persisted").as_bool().unwrap_or(false),
    })
}

/// Signs `text` with ECDSA P-256 / SHA-256; the 64-byte `r || s` signature.
pub async fn sign(key: &ReceiptKey, text: &str) -> Result<Vec<u8>, CryptoError> {
    let v = sign_text_js(&key.private, text)
        .await
        .map_err(|e| CryptoError(describe(&e)))?;
    Ok(js_sys::Uint8Array::new(&v).to_vec())
}

/// SHA-256 of `text` by WebCrypto, lower-case hex.
pub async fn sha256_hex(text: &str) -> Result<String, CryptoError> {
    let v = sha256_hex_js(text)
        .await
        .map_err(|e| CryptoError(describe(&e)))?;
    v.as_string()
        .ok_or_else(|| CryptoError("digest is not text".into()))
}

/// A random (version 4) UUID from the browser's CSPRNG.
pub fn random_uuid() -> Result<String, CryptoError> {
    random_uuid_js().map_err(|e| CryptoError(describe(&e)))
}

/// The page's origin (`https://console.example.com`).
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Reads `key` from localStorage: `Err` when storage is unavailable or throws.
pub fn storage_get(key: &str) -> Result<Option<String>, String> {
    let storage = web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(|e| describe(&e))?
        .ok_or("localStorage is unavailable")?;
    storage.get_item(key).map_err(|e| describe(&e))
}

/// Writes `key` to localStorage: `Err` when storage is unavailable, full or throws.
pub fn storage_set(key: &str, value: &str) -> Result<(), String> {
    let storage = web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(|e| describe(&e))?
        .ok_or("localStorage is unavailable")?;
    storage.set_item(key, value).map_err(|e| describe(&e))
}

/// Posts `message` to the parent window at `origin`, if this page is in a frame. Never `*`.
pub fn post_to_parent(origin: &str, message: &Json) -> bool {
    if origin.trim().is_empty() || origin.trim() == "*" {
        return false;
    }
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(Some(parent)) = window.parent() else {
        return false;
    };
    if js_sys::Object::is(&parent, &window) {
        return false;
    }
    let value = js_sys::JSON::parse(&message.to_text()).unwrap_or(wasm_bindgen::JsValue::NULL);
    parent.post_message(&value, origin).is_ok()
}
