//! Watching the agreement's text once it is shown: any change to it (a node added, removed
//! or edited, an attribute such as `style` or `class` set) by anything but the widget.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `on_change` the first time anything below `element` changes. Drop the guard to stop
/// watching; the widget drops it before it writes the text again itself.
pub struct ChangeWatch {
    observer: web_sys::MutationObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl ChangeWatch {
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
        let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        let init = web_sys::MutationObserverInit::new();
        init.set_subtree(true);
        init.set_child_list(true);
        init.set_attributes(true);
        init.set_character_data(true);
        observer.observe_with_options(element, &init).ok()?;
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
