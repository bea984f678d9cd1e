//! Watching the agreement's text once it is shown: any change to it (a node added, removed
//! or edited, an attribute such as `style` or `class` set) by anything but the widget. A
//! shadow root attached to an element of the text makes no record a `MutationObserver` sees,
//! yet shows other words in its place: every element that could host one is sealed with a
//! root of the widget's own before it is shown ([`ChangeWatch::seal`]), so none can be.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/web/text.js")]
extern "C" {
    #[wasm_bindgen(js_name = sealShadowHosts)]
    fn seal_shadow_hosts(element: &web_sys::Element, climb: bool) -> bool;
    #[wasm_bindgen(js_name = watchChanges)]
    fn watch_changes(
        element: &web_sys::Element,
        callback: &Closure<dyn FnMut(js_sys::Array)>,
    ) -> Option<web_sys::MutationObserver>;
}

/// Calls `on_change` the first time anything below `element` changes. Drop the guard to stop
/// watching; the widget drops it before it writes the text again itself.
pub struct ChangeWatch {
    observer: web_sys::MutationObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl ChangeWatch {
    /// Seals `element`, every element below it that could host a shadow root and, with
    /// `climb`, its ancestors up to the widget's root: each gets a closed shadow root of the
    /// widget's that shows its children as they are, so a page script's `attachShadow` on it
    /// throws. False when one already hosts a shadow root that is not the widget's: what it
    /// shows is not the text in the DOM, and nothing may be signed for it.
    pub fn seal(element: &web_sys::Element, climb: bool) -> bool {
        seal_shadow_hosts(element, climb)
    }

    /// Starts watching `element`'s subtree; `None` where the browser has no MutationObserver.
    pub fn start(
        element: &web_sys::Element,
        mut on_change: impl FnMut() + 'static,
    ) -> Option<ChangeWatch> {
        let mut fired = false;
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
            if !fired && records.length() > 0 {
                fired = true;
                on_change();
            }
        });
        let observer = watch_changes(element, &callback)?;
        Some(ChangeWatch {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for ChangeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
