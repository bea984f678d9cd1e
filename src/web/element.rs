//! The custom element's JavaScript side (`element.js`) and the DOM work of mounting: the
//! widget's container inside the element's shadow root, the options object read.

use crate::prerender::PRERENDERED_CLASS;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineConsentTerms)]
    fn define_consent_terms(mount: &js_sys::Function, attributes: Vec<JsValue>);
    #[wasm_bindgen(catch, js_name = placeContainer)]
    fn place_container_js(
        element: &Element,
        container: &Element,
        prerendered_class: &str,
    ) -> Result<(), JsValue>;
    /// Tells the page's console once that the `nonce` attribute is deprecated.
    #[wasm_bindgen(js_name = warnNonce)]
    pub fn warn_nonce();
    /// The page's clock now, as RFC 3339 UTC with milliseconds. Strings come back as values,
    /// read by the one function of the glue that reads every string.
    #[wasm_bindgen(js_name = isoNow)]
    pub(crate) fn iso_now() -> JsValue;
    /// The item `key` of localStorage, if there is one; `Err` where localStorage is
    /// unavailable or throws.
    #[wasm_bindgen(catch, js_name = storedItem)]
    pub(crate) fn stored_item(key: &str) -> Result<JsValue, JsValue>;
}

/// Registers the `<consent-terms>` custom element with `mount` for each element and the
/// `attributes` it observes; `mount` is kept for the page's lifetime.
pub fn define_custom_element(mount: fn(Element, JsValue) -> JsValue, attributes: &[&str]) {
    let mount_fn = Closure::<dyn Fn(Element, JsValue) -> JsValue>::new(mount);
    let attributes = attributes.iter().map(|a| JsValue::from_str(a)).collect();
    define_consent_terms(mount_fn.as_ref().unchecked_ref(), attributes);
    // The element class keeps calling it for the page's lifetime.
    mount_fn.forget();
}

/// The option `name` of a `mount` options object (or the attributes read into one): a string,
/// or a boolean from code, as text.
pub fn string_option(options: &JsValue, name: &str) -> Option<String> {
    let v = js_sys::Reflect::get(options, &JsValue::from_str(name)).ok()?;
    v.as_bool().map(|b| b.to_string()).or_else(|| v.as_string())
}

/// A new container for the widget, made by `element`'s document.
pub fn new_container(element: &Element) -> Result<Element, JsValue> {
    let document = element
        .owner_document()
        .ok_or_else(|| JsValue::from_str("element has no document"))?;
    let container = document.create_element("div")?;
    container.set_class_name("ct-host");
    Ok(container)
}

/// Puts `container` in `element`'s shadow root (attached if it has none). A shadow root keeps
/// styles from leaking either way; an element that cannot have one gets the container
/// directly, and its class-scoped styles still apply. A re-added element keeps its shadow
/// root: it is emptied first, except for markup prerendered by the host (`consent-terms
/// prerender`) and its stylesheet, which stay shown until the widget can take their place
/// (`retire_prerendered`), the container hidden until then. One call (`placeContainer` in
/// `element.js`), as it is made at every mount.
pub fn place_container(element: &Element, container: &Element) -> Result<(), JsValue> {
    place_container_js(element, container, PRERENDERED_CLASS)
}

/// Takes `container` out of the page.
pub fn remove(container: &Element) {
    container.remove();
}
