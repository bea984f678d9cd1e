//! Watching an element come into view within its scrolling box (reading to the end).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `on_visible` with whether `element` is in view, each time that changes (a scroll by
/// mouse, touch, keyboard or script inside any scrolling ancestor). Drop the returned guard to
/// stop watching.
pub struct VisibilityWatch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
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
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the element's state now.
            if let Some(e) = entries
                .iter()
                .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                .next_back()
            {
                on_visible(e.is_intersecting(), e.time());
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root(root);
        let observer = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &init,
        )
        .ok()?;
        observer.observe(element);
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
