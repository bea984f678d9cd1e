//! Fetching the agreements bundle and reading it with the browser's JSON parser.

use super::accepted::read_accepted;
use super::{describe, WebError};
use crate::bundle::{Bundle, BundleError};
use crate::compiled::{read_bundle, Value};
use crate::reconsent::AcceptedVersions;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetchText)]
    async fn fetch_text_js(url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = fetchStatus)]
    async fn fetch_status_js(url: &str) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// `JSON.parse` of a JavaScript string, which need not be copied into the wasm first, past
    /// the byte order mark the file may start with.
    #[wasm_bindgen(catch, js_name = parseBundle)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// Fetches `url` and returns its body as a JavaScript string, byte for byte (a byte order mark
/// kept, so that the page's `integrity` is checked against the file's bytes), left in JavaScript: the bundle
/// is read by the browser's JSON parser, and copied into the wasm only where a check needs its
/// bytes. A page fetches each URL once (`element.js` starts the fetch of the bundles of
/// elements already on the page before the wasm runs).
pub async fn fetch_text(url: &str) -> Result<JsValue, WebError> {
    let text = fetch_text_js(url)
        .await
        .map_err(|e| fetch_failed(url, describe(&e)))?;
    if text.is_string() {
        Ok(text)
    } else {
        Err(fetch_failed(url, "body is not text".into()))
    }
}

fn fetch_failed(url: &str, reason: String) -> WebError {
    WebError::Fetch {
        url: url.to_string(),
        reason,
    }
}

/// What the host's status endpoint at `url` says was accepted: its `accepted` list, each entry
/// with `id`, `version`, `sha256` and `accepted_at` (the ledger's
/// `GET /v1/subjects/{subject}/status`). An entry without them is left out: asking again is safe.
pub async fn fetch_status(url: &str) -> Result<AcceptedVersions, WebError> {
    let json = fetch_status_js(url)
        .await
        .map_err(|e| fetch_failed(url, describe(&e)))?;
    Ok(read_accepted(&json.as_string().unwrap_or_default()))
}

/// A value the browser's JSON parser made, as the bundle reader walks it.
struct Parsed(JsValue);

impl Value for Parsed {
    fn member(&self, name: &str) -> Option<Self> {
        js_sys::Reflect::get(&self.0, &name.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .map(Parsed)
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn uint(&self) -> Option<usize> {
        self.0
            .as_f64()
            .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n < 4_294_967_296.0)
            .map(|n| n as usize)
    }
    fn items(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(&self.0)
            .then(|| js_sys::Array::from(&self.0).iter().map(Parsed).collect())
    }
}

/// Reads the JSON of an agreements bundle with the browser's JSON parser (no JSON library in
/// the wasm; serde's readers would bring their error formatting, several kilobytes), then the
/// compiled bundle in it ([`read_bundle`]). The error names what is missing and where, e.g.
/// "`agreements[2].sha256` is missing or not a string".
pub fn read_json_bundle(json: &JsValue) -> Result<Bundle, BundleError> {
    let value = json_parse(json).map_err(|e| BundleError::Malformed(describe(&e)))?;
    read_bundle(&Parsed(value))
}
