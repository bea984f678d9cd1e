//! Browser tests: the widget mounted into a fresh host element, in headless Chromium and Firefox.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{mount, text_of};
use consent_terms::widget::{ConsentTerms, ConsentTermsProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn props(provider: &str, products: &str) -> ConsentTermsProps {
    ConsentTermsProps {
        provider: provider.to_string().into(),
        products: products.to_string().into(),
        lang: "en".into(),
    }
}

#[wasm_bindgen_test]
async fn shows_the_base_agreement_first_and_switches_on_tab_click() {
    let host = mount::<ConsentTerms>(props("kingsoft", "cdn")).await;
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
}

#[wasm_bindgen_test]
async fn unknown_product_shows_an_error_naming_the_known_ones() {
    let host = mount::<ConsentTerms>(props("kingsoft", "dns")).await;
    let error = host
        .query_selector(".ct-error")
        .expect("valid selector")
        .expect("an error box");
    assert_eq!(
        error.get_attribute("data-code").as_deref(),
        Some("unknown-product")
    );
    let text = error.text_content().unwrap_or_default();
    assert!(
        text.contains("cdn, kmct"),
        "names the known products: {text}"
    );
}
