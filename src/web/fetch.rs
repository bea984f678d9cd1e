//! Fetching the agreements bundle and reading it with the browser's JSON parser.

use super::{describe, WebError};
use crate::bundle::{Bundle, BundleError};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetchText)]
    async fn fetch_text_js(url: &str) -> Result<JsValue, JsValue>;
}

/// Fetches `url` and returns its body as text. A page fetches each URL once (`element.js`
/// starts the fetch of the bundles of elements already on the page before the wasm runs).
pub async fn fetch_text(url: &str) -> Result<String, WebError> {
    let fetch_err = |reason: String| WebError::Fetch {
        url: url.to_string(),
        reason,
    };
    let text = fetch_text_js(url)
        .await
        .map_err(|e| fetch_err(describe(&e)))?;
    text.as_string()
        .ok_or_else(|| fetch_err("body is not text".into()))
}

/// The bundle's outer shape; each entry is read on its own so that an error names its index.
#[derive(serde::Deserialize)]
struct Shape {
    format: String,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    agreements: js_sys::Array,
}

/// Reads the JSON of an agreements bundle: the browser's `JSON.parse`, then serde into the
/// bundle's Rust structs (no JSON library in the wasm). The error names what is wrong and
/// where, e.g. "`agreements[2]`: missing field `sha256`".
pub fn read_bundle(json: &str) -> Result<Bundle, BundleError> {
    let value = js_sys::JSON::parse(json).map_err(|e| BundleError::Malformed(describe(&e)))?;
    let shape: Shape = serde_wasm_bindgen::from_value(value)
        .map_err(|e| BundleError::Malformed(describe(&e.into())))?;
    let agreements = shape
        .agreements
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            serde_wasm_bindgen::from_value(entry).map_err(|e| {
                BundleError::Malformed(
                    ["`agreements[", &i.to_string(), "]`: ", &describe(&e.into())].concat(),
                )
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Bundle {
        format: shape.format,
        agreements,
    })
}
