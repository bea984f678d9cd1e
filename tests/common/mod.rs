//! Helpers shared by the browser tests.
#![allow(dead_code)]

use consent_terms::bundle::build_bundle;
use consent_terms::catalog::bundled_sources;
use web_sys::Element;
use yew::BaseComponent;

/// Renders `C` into a fresh `<div>` appended to the body and waits for the first render.
pub async fn mount<C: BaseComponent>(props: C::Properties) -> Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let host = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("append the host");
    yew::Renderer::<C>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    host
}

/// The shipped agreements as a bundle in a `data:` URL: the widget fetches it like any other.
pub fn bundle_url() -> String {
    let bundle = build_bundle(&bundled_sources()).expect("shipped agreements are valid");
    let json = serde_json::to_string(&bundle).expect("serialisable");
    format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&json))
    )
}

/// A bundle URL for arbitrary JSON text (for the error tests).
pub fn data_url(text: &str) -> String {
    format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}

/// Waits until `selector` matches below `root` (the bundle loads asynchronously), then returns
/// the element. Gives up after about five seconds of animation frames.
pub async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..300 {
        if let Ok(Some(e)) = root.query_selector(selector) {
            return e;
        }
        next_frame().await;
        yew::scheduler::flush().await;
    }
    panic!(
        "nothing matched {selector} within five seconds: {}",
        root.inner_html()
    );
}

async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 16);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The text of the first element matching `selector` below `root` (panics if none).
pub fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}
