//! The widget's stylesheet, attached once per shadow root (or document) as a constructable
//! stylesheet: a strict Content-Security-Policy (`style-src 'self'`) refuses inline `<style>`
//! elements, but not stylesheets built through the CSSOM.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// The widget's own styles; hosts theme it through the `--ct-*` custom properties.
const STYLE: &str = include_str!("../widget/style.css");

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = adoptStyles)]
    fn adopt_styles_js(root: &JsValue, css: &str) -> Result<bool, JsValue>;
}

/// Attaches the widget's stylesheet to the shadow root (or document) that holds `element`,
/// once per root. False when the browser could not (no constructable stylesheets).
pub fn adopt_styles(element: &web_sys::Element) -> bool {
    let root: JsValue = element.get_root_node().into();
    adopt_styles_js(&root, STYLE).unwrap_or(false)
}

/// Whether the agreement panel `panel` lacks its scroll box: the widget's styles are not in
/// effect, so the end of an agreement is in view at once and reading to it means nothing.
pub fn scroll_box_missing(panel: &web_sys::Element) -> bool {
    let Some(style) = web_sys::window().and_then(|w| w.get_computed_style(panel).ok().flatten())
    else {
        return true;
    };
    let overflow = style.get_property_value("overflow-y").unwrap_or_default();
    !(overflow == "auto" || overflow == "scroll")
        || panel.dyn_ref::<web_sys::HtmlElement>().is_none()
}
