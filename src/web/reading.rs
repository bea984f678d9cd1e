//! Reaching the end of an agreement, as the person does it: the end must come into view while
//! the person is scrolling that panel (wheel, touch, keys, a pointer on it or its scroll bar),
//! or the person must act in the panel while its end is in view. A script that sets `scrollTop`
//! brings the end into view without any of that, and does not count.

use super::VisibilityWatch;
use gloo_events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// How long after the person's last input in the panel a scroll still counts as theirs: a
/// smooth scroll after End or Page Down, or a fling's inertia, ends within it.
const INPUT_WINDOW_MS: f64 = 1500.0;

/// The inputs by which a person scrolls or acts in a panel.
const INPUTS: [&str; 6] = [
    "wheel",
    "touchmove",
    "keydown",
    "pointerdown",
    "pointermove",
    "click",
];

/// Watches the end of an agreement in its scrolling panel; dropped, it stops.
pub struct ReadingWatch {
    _visibility: VisibilityWatch,
    _inputs: Vec<EventListener>,
}

impl ReadingWatch {
    /// Calls `on_end` once the person has brought `end` into view within `panel` (see the
    /// module's rule). `on_visible` is asked each time the end comes into view, whoever
    /// scrolled; once it refuses (what is shown is not the agreement as published), the end
    /// never counts.
    pub fn start(
        end: &web_sys::Element,
        panel: &web_sys::Element,
        on_visible: impl Fn() -> bool + 'static,
        on_end: impl Fn() + 'static,
    ) -> Option<ReadingWatch> {
        let last_input = Rc::new(Cell::new(f64::NEG_INFINITY));
        let in_view = Rc::new(Cell::new(false));
        // Reached (or refused): nothing more to do.
        let done = Rc::new(Cell::new(false));
        let on_end = Rc::new(on_end);
        let reached = {
            let (done, on_end) = (done.clone(), on_end.clone());
            move || {
                if !done.replace(true) {
                    on_end();
                }
            }
        };
        let visibility = {
            let (last_input, in_view, reached) =
                (last_input.clone(), in_view.clone(), reached.clone());
            let done = done.clone();
            VisibilityWatch::start(end, Some(panel), move |visible| {
                in_view.set(visible);
                if !visible || done.get() {
                    return;
                }
                if !on_visible() {
                    done.set(true);
                } else if js_sys::Date::now() - last_input.get() <= INPUT_WINDOW_MS {
                    reached();
                }
            })?
        };
        let inputs = INPUTS
            .iter()
            .map(|name| {
                let (last_input, in_view, reached) =
                    (last_input.clone(), in_view.clone(), reached.clone());
                EventListener::new(panel, *name, move |e| {
                    // A pointer only moving over the text is not scrolling it, nor is Tab.
                    let idle_pointer = e.type_() == "pointermove"
                        && e.dyn_ref::<web_sys::MouseEvent>()
                            .is_some_and(|m| m.buttons() == 0);
                    let other_key = e.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| {
                        !matches!(
                            k.key().as_str(),
                            "End" | "Home" | "PageDown" | "PageUp" | "ArrowDown" | "ArrowUp" | " "
                        )
                    });
                    if !e.is_trusted() || idle_pointer || other_key {
                        return;
                    }
                    last_input.set(js_sys::Date::now());
                    if in_view.get() {
                        reached();
                    }
                })
            })
            .collect();
        Some(ReadingWatch {
            _visibility: visibility,
            _inputs: inputs,
        })
    }
}
