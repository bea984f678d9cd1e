//! Browser tests of the widget, in headless Chromium and Firefox: each rule the person or the
//! host relies on. Acceptance by real (trusted) input is covered end to end by
//! `tools/e2e/preview.mjs` and `tools/e2e/receipts.mjs`, since a page script cannot produce
//! trusted events.
#![cfg(target_arch = "wasm32")]

mod bundle;
#[path = "../common/mod.rs"]
mod common;
mod files_and_questions;
mod flow;
mod hosts;
mod prerender;
mod reconsent;

use common::*;
use consent_terms::bundle::build_bundle;
use consent_terms::canonical::content_hash;
use consent_terms::catalog::{bundled_catalog, bundled_sources, Source};
use consent_terms::widget::ConsentTermsProps;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn attr(root: &web_sys::Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute(name))
}

/// An agreement whose text is all markup and script, to be shown as text.
const HOSTILE: &str = "---\nid: hostile\ntitle: <img src=x onerror=\"window.__ct_pwned=1\">Terms\nprovider: evil\nprovider-name: Evil <b>Cloud</b>\nversion: 1\neffective: 2024-01-01\nupdated: 2024-01-01\nlanguage: en\nproducts: *\nreconsent: required\n---\n# 1. <script>window.__ct_pwned=1</script>\n1.1 Click <a href=\"javascript:window.__ct_pwned=1\">here</a> &amp; <svg onload=\"window.__ct_pwned=1\"></svg>\n1.2 {{exemption: <img src=x onerror=\"window.__ct_pwned=1\"> is not liable}}\n";

fn shipped() -> &'static consent_terms::catalog::Catalog {
    bundled_catalog()
        .as_ref()
        .expect("shipped agreements are valid")
}

/// Runs `script` with `host` bound, as a page script would; what it returns.
fn page_script(host: &web_sys::Element, script: &str) -> wasm_bindgen::JsValue {
    js_sys::Function::new_with_args("host", script)
        .call1(&wasm_bindgen::JsValue::NULL, host)
        .expect("the page script runs")
}

/// Records what the page's `console.warn` is given until dropped, and lets it through.
struct Warnings {
    restore: js_sys::Function,
    seen: js_sys::Array,
}

impl Warnings {
    fn catch() -> Warnings {
        let seen = js_sys::Array::new();
        let hook = js_sys::Function::new_with_args(
            "seen",
            "const warn = console.warn;
             console.warn = function (...args) { seen.push(args.join(' ')); return warn.apply(this, args); };
             return () => { console.warn = warn; };",
        );
        let restore = hook
            .call1(&wasm_bindgen::JsValue::NULL, &seen)
            .expect("hooked")
            .into();
        Warnings { restore, seen }
    }

    fn all(&self) -> Vec<String> {
        self.seen.iter().filter_map(|w| w.as_string()).collect()
    }
}

impl Drop for Warnings {
    fn drop(&mut self) {
        let _ = self.restore.call0(&wasm_bindgen::JsValue::NULL);
    }
}

async fn shown(element: &web_sys::Element) {
    wait_until("the element shows its agreements", || {
        element
            .shadow_root()
            .and_then(|s| s.query_selector(".ct-root [role=tab]").ok().flatten())
            .is_some()
    })
    .await;
}
