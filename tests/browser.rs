//! Browser tests: the widget mounted into a fresh host element, in headless Chromium and Firefox.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{bundle_url, data_url, mount, text_of, wait_for};
use consent_terms::bundle::build_bundle;
use consent_terms::catalog::bundled_sources;
use consent_terms::widget::{ConsentTerms, ConsentTermsProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn props(provider: &str, products: &str, bundle: String) -> ConsentTermsProps {
    ConsentTermsProps {
        provider: provider.to_string().into(),
        products: products.to_string().into(),
        lang: "en".into(),
        bundle: bundle.into(),
    }
}

#[wasm_bindgen_test]
async fn shows_the_base_agreement_first_and_switches_on_tab_click() {
    let host = mount::<ConsentTerms>(props("kingsoft", "cdn", bundle_url())).await;
    wait_for(&host, "article h2").await;
    assert_eq!(
        text_of(&host, "article h2"),
        "Agreement of Kingsoft Cloud Service"
    );
    let tabs = host
        .query_selector_all("[role=tab]")
        .expect("valid selector");
    assert_eq!(tabs.length(), 2, "general + CDN agreements");

    let cdn_tab: web_sys::HtmlElement = host
        .query_selector("[role=tab][data-agreement-id=kingsoft-cdn]")
        .expect("valid selector")
        .expect("a tab for the CDN agreement")
        .unchecked_into();
    cdn_tab.click();
    yew::scheduler::flush().await;

    assert_eq!(
        text_of(&host, "article h2"),
        "Kingsoft Cloud CDN Service Agreement"
    );
    assert_eq!(
        cdn_tab.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert!(text_of(&host, ".ct-precedence")
        .contains("applies together with the Agreement of Kingsoft Cloud Service"));
    let highlights = host
        .query_selector_all("article strong.ct-highlight")
        .expect("valid selector");
    assert_eq!(
        highlights.length(),
        21,
        "every highlighted clause of the CDN agreement is a <strong>"
    );
}

#[wasm_bindgen_test]
async fn shows_a_loading_state_not_a_blank_box() {
    let host = mount::<ConsentTerms>(props("kingsoft", "", bundle_url())).await;
    let first = host.text_content().unwrap_or_default();
    assert!(
        !first.trim().is_empty(),
        "something is shown before the bundle arrives"
    );
    wait_for(&host, "article h2").await;
}

async fn error_code_for(provider: &str, products: &str, bundle: String) -> (String, String) {
    let host = mount::<ConsentTerms>(props(provider, products, bundle)).await;
    let error = wait_for(&host, ".ct-error").await;
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    (
        error.get_attribute("data-code").unwrap_or_default(),
        error.text_content().unwrap_or_default(),
    )
}

#[wasm_bindgen_test]
async fn unknown_product_shows_an_error_naming_the_known_ones() {
    let (code, text) = error_code_for("kingsoft", "dns", bundle_url()).await;
    assert_eq!(code, "unknown-product");
    assert!(
        text.contains("cdn, kmct"),
        "names the known products: {text}"
    );
}

#[wasm_bindgen_test]
async fn unreachable_malformed_and_tampered_bundles_are_visible_errors() {
    let (code, text) = error_code_for("kingsoft", "", "/no-such-bundle.json".to_string()).await;
    assert_eq!(code, "bundle-unreachable");
    assert!(text.contains("404"), "{text}");

    let (code, _) =
        error_code_for("kingsoft", "", data_url("<!doctype html><p>Not found</p>")).await;
    assert_eq!(code, "bundle-malformed");

    let mut bundle = build_bundle(&bundled_sources()).expect("valid");
    bundle.agreements[1].source = bundle.agreements[1]
        .source
        .replacen("shall not", "shall", 1);
    let tampered = serde_json::to_string(&bundle).expect("serialisable");
    let (code, text) = error_code_for("kingsoft", "cdn", data_url(&tampered)).await;
    assert_eq!(code, "hash-mismatch");
    assert!(text.contains(&bundle.agreements[1].path), "{text}");
}
