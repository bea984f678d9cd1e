//! The widget's stylesheet, `consent-terms.css`: not in the wasm, but fetched once per page
//! (from beside the widget's module, or the URL given to [`use_stylesheet`]) and attached to
//! each shadow root (or document) as a constructable stylesheet: a strict
//! Content-Security-Policy (`style-src 'self'`) refuses inline `<style>` elements, but not
//! stylesheets built through the CSSOM. Hosts theme it through the `--ct-*` custom properties.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = adoptStyles)]
    fn adopt_styles_js(root: &JsValue) -> bool;
    #[wasm_bindgen(js_name = stylesReady)]
    async fn styles_ready_js() -> JsValue;
    #[wasm_bindgen(js_name = stylesLoaded)]
    async fn styles_loaded_js() -> JsValue;
    #[wasm_bindgen(js_name = useStylesheet)]
    fn use_stylesheet_js(url: &str);
    #[wasm_bindgen(js_name = scrollBoxMissing)]
    fn scroll_box_missing_js(panel: &web_sys::Element) -> bool;
}

/// Attaches the widget's stylesheet to the shadow root (or document) that holds `element`,
/// once per root. False when the browser could not (no constructable stylesheets).
pub fn adopt_styles(element: &web_sys::Element) -> bool {
    let root: JsValue = element.get_root_node().into();
    adopt_styles_js(&root)
}

/// Waits until the page's stylesheet is fetched and in effect, or could not be: the widget
/// shows its agreements after, so that their scroll boxes are there when they are shown.
pub async fn styles_ready() {
    styles_ready_js().await;
}

/// Whether the page's stylesheet came in, however late (after [`styles_ready`] gave up on it).
pub async fn styles_loaded() -> bool {
    styles_loaded_js().await.as_bool().unwrap_or(false)
}

/// Where the page serves `consent-terms.css`, for an application that serves it elsewhere
/// than beside the widget's module. It takes effect if no widget has asked for the stylesheet
/// yet (the page has one).
pub fn use_stylesheet(url: &str) {
    use_stylesheet_js(url);
}

/// Whether the agreement panel `panel` lacks its scroll box: the widget's styles are not in
/// effect, so the end of an agreement is in view at once and reading to it means nothing.
pub fn scroll_box_missing(panel: &web_sys::Element) -> bool {
    scroll_box_missing_js(panel)
}
