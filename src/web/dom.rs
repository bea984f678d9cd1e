//! The widget's reads of its own elements and of input events: the only place outside the
//! rest of this layer that names the DOM's types, so that the views and hooks call functions.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
pub use web_sys::Element;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// The first element below `root` that matches `selector`, if any (none for a selector
    /// that is not valid).
    #[wasm_bindgen(js_name = selectIn)]
    pub(crate) fn select_in(root: &web_sys::Node, selector: &str) -> Option<Element>;
    #[wasm_bindgen(js_name = closestTo)]
    fn closest_to(element: &Element, selector: &str) -> Option<Element>;
}

/// The agreement shown below `root` (`article.ct-agreement`), if any.
pub fn shown_agreement(root: &Element) -> Option<Element> {
    select_in(root, "article.ct-agreement")
}

/// The element of id `dom_id` below `root`, if any.
pub fn by_id(root: &Element, dom_id: &str) -> Option<Element> {
    select_in(root, &["#", dom_id].concat())
}

/// The checkbox an input event came from: whether it is now checked, if it is one.
pub fn checkbox_checked(event: &web_sys::Event) -> Option<bool> {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.checked())
}

/// The element a listener is on (the event's current target), if it is an element.
pub fn listening_element(event: &web_sys::Event) -> Option<Element> {
    event
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
}

/// The closest ancestor of `element` (or itself) that matches `selector`.
pub fn closest(element: &Element, selector: &str) -> Option<Element> {
    closest_to(element, selector)
}

/// Scrolls `element`'s box back to its beginning.
pub fn scroll_to_top(element: &Element) {
    element.set_scroll_top(0);
}

/// Sets the checkbox an input event came from to `checked`.
pub fn set_checkbox(event: &web_sys::Event, checked: bool) {
    if let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_checked(checked);
    }
}

/// The parent element of `element`, if it has one.
pub fn parent(element: &Element) -> Option<Element> {
    element.parent_element()
}

/// The shadow root the widget renders into, on `host`.
pub fn shadow_of(host: &Element) -> Option<web_sys::ShadowRoot> {
    host.shadow_root()
}
