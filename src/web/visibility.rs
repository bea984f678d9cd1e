//! Watching an element come into view within its scrolling box (reading to the end).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/web/text.js")]
extern "C" {
    #[wasm_bindgen(js_name = watchVisible)]
    fn watch_visible(
        element: &web_sys::Element,
        root: Option<&web_sys::Element>,
        callback: &Closure<dyn FnMut(bool, f64)>,
    ) -> Option<web_sys::IntersectionObserver>;
}

/// Calls `on_visible` with whether `element` is in view, each time that changes (a scroll by
/// mouse, touch, keyboard or script inside any scrolling ancestor). Drop the returned guard to
/// stop watching.
pub struct VisibilityWatch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(bool, f64)>,
}

impl VisibilityWatch {
    /// Starts watching `element` within the scrolling box `root` (the viewport if `None`):
    /// `on_visible` gets whether it is in view and when the browser saw it so (the entry's
    /// `time`, on the clock of events' `timeStamp`), which may be well before the callback runs
    /// on a busy page. `None` where the browser has no IntersectionObserver.
    pub fn start(
        element: &web_sys::Element,
        root: Option<&web_sys::Element>,
        mut on_visible: impl FnMut(bool, f64) + 'static,
    ) -> Option<VisibilityWatch> {
        let callback = Closure::<dyn FnMut(bool, f64)>::new(move |visible: bool, seen: f64| {
            on_visible(visible, seen)
        });
        let observer = watch_visible(element, root, &callback)?;
        Some(VisibilityWatch {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for VisibilityWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
