//! Watching an element come into view within its scrolling box (reading to the end).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `on_visible` the first time `element` comes into view (a scroll by mouse, touch or
/// keyboard inside any scrolling ancestor). Drop the returned guard to stop watching.
pub struct VisibilityWatch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl VisibilityWatch {
    /// Starts watching `element` within the scrolling box `root` (the viewport if `None`);
    /// `None` where the browser has no IntersectionObserver.
    pub fn start(
        element: &web_sys::Element,
        root: Option<&web_sys::Element>,
        mut on_visible: impl FnMut() + 'static,
    ) -> Option<VisibilityWatch> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .map(|e| e.is_intersecting())
                    .unwrap_or(false)
            });
            if seen {
                on_visible();
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
