//! Helpers shared by the browser tests.
#![allow(dead_code)]

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

/// The text of the first element matching `selector` below `root` (panics if none).
pub fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}
