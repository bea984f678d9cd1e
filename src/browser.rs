//! The one place the widget reaches the browser. Every call returns `Result`; nothing here
//! panics when an API is missing or throws.

use std::fmt;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A browser call that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BrowserError {
    /// There is no `window` (a worker, or no DOM).
    NoWindow,
    /// The request did not complete (network error, CORS, bad URL).
    Fetch {
        /// The URL asked for.
        url: String,
        /// What the browser said.
        reason: String,
    },
    /// The server answered with a status other than 2xx.
    Status {
        /// The URL asked for.
        url: String,
        /// The HTTP status.
        status: u16,
    },
}

impl fmt::Display for BrowserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BrowserError::NoWindow => write!(f, "no browser window is available"),
            BrowserError::Fetch { url, reason } => write!(f, "could not fetch {url}: {reason}"),
            BrowserError::Status { url, status } => write!(f, "{url} answered HTTP {status}"),
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

/// Fetches `url` and returns its body as text.
pub async fn fetch_text(url: &str) -> Result<String, BrowserError> {
    let window = web_sys::window().ok_or(BrowserError::NoWindow)?;
    let fetch_err = |e: wasm_bindgen::JsValue| BrowserError::Fetch {
        url: url.to_string(),
        reason: describe(&e),
    };
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(fetch_err)?;
    let response: web_sys::Response = response.dyn_into().map_err(fetch_err)?;
    if !response.ok() {
        return Err(BrowserError::Status {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let text = JsFuture::from(response.text().map_err(fetch_err)?)
        .await
        .map_err(fetch_err)?;
    text.as_string().ok_or_else(|| BrowserError::Fetch {
        url: url.to_string(),
        reason: "body is not text".into(),
    })
}
