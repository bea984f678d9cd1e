//! Reaching the end of an agreement, as the person does it: the end must come into view, or be
//! in view, while the person's own scrolling (wheel, touch, scrolling keys, a pointer on the
//! scroll bar) moves that panel on through the text. A script that sets `scrollTop` brings the
//! end into view without any of that, and does not count; nor does a click on the text
//! afterwards, nor a key press that scrolls nothing because the panel is already at the end
//! (or moves it back up), nor one pressed while the panel is off the screen. A click counts
//! only in a panel whose text fits without scrolling, which no script can have scrolled. Each
//! agreement is shown from its beginning (`AgreementView` scrolls the panel to its top), and
//! its watch starts with nothing seen.

use super::VisibilityWatch;
use gloo_events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// How long after the person's last input in the panel a scroll still counts as theirs: a
/// smooth scroll after End or Page Down, or a fling's inertia, ends within it. Times are the
/// browser's own (events' `timeStamp`, the observer's `time`), so a busy page that runs the
/// handlers late does not push a scroll out of it.
const INPUT_WINDOW_MS: f64 = 1500.0;

/// The inputs by which a person scrolls a panel; `scroll` itself comes last.
const INPUTS: [&str; 6] = [
    "wheel",
    "touchmove",
    "keydown",
    "pointerdown",
    "pointermove",
    "scroll",
];

/// Whether the pointer event `e` is on `panel`'s vertical scroll bar (right of its client
/// area; an element inside the panel is no wider than that area), or `panel` does not scroll
/// at all.
fn on_scroll_bar(panel: &web_sys::Element, e: &web_sys::Event) -> bool {
    panel.scroll_height() <= panel.client_height()
        || e.dyn_ref::<web_sys::MouseEvent>()
            .is_some_and(|m| m.offset_x() >= panel.client_width())
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// Whether some of `element` is on the screen, within the window's viewport (`onScreen`):
    /// a key that scrolls the panel while the page is scrolled past it moves text the person
    /// cannot see.
    #[wasm_bindgen(js_name = onScreen)]
    fn on_screen(element: &web_sys::Element) -> bool;
}

/// Watches the end of an agreement in its scrolling panel; dropped, it stops.
pub struct ReadingWatch {
    _visibility: VisibilityWatch,
    _inputs: Vec<EventListener>,
}

impl ReadingWatch {
    /// Calls `on_end` once the person has brought `end` into view within `panel` (see the
    /// module's rule), and again at their next scroll while it answers that the end did not
    /// count yet (hidden by a box around the panel). `on_visible` is asked each time the end
    /// comes into view, whoever scrolled; once it refuses (what is shown is not the agreement
    /// as published), the end never counts.
    pub fn start(
        end: &web_sys::Element,
        panel: &web_sys::Element,
        on_visible: impl Fn() -> bool + 'static,
        on_end: impl Fn() -> bool + 'static,
    ) -> Option<ReadingWatch> {
        let last_input = Rc::new(Cell::new(f64::NEG_INFINITY));
        // Where the panel was at its last scroll, and when the person's input last moved it on
        // (down) from there. Kept at every scroll, whoever made it: a browser may apply a
        // wheel's scroll before the wheel event reaches the page, so the position at the input
        // may already be the one it moved to. The watch starts in the task that shows the text
        // at the panel's top (a new panel, or one just scrolled there): at 0, without asking
        // the panel, which would lay the whole text out in that task.
        let last_top = Rc::new(Cell::new(0));
        let moved_on = Rc::new(Cell::new(f64::NEG_INFINITY));
        let in_view = Rc::new(Cell::new(false));
        // Reached (or refused): nothing more to do.
        let done = Rc::new(Cell::new(false));
        let on_end = Rc::new(on_end);
        let reached = {
            let (done, on_end) = (done.clone(), on_end.clone());
            move || {
                if !done.get() && on_end() {
                    done.set(true);
                }
            }
        };
        let visibility = {
            let (moved_on, in_view, reached) = (moved_on.clone(), in_view.clone(), reached.clone());
            let done = done.clone();
            VisibilityWatch::start(end, Some(panel), move |visible, seen| {
                in_view.set(visible);
                if !visible || done.get() {
                    return;
                }
                if !on_visible() {
                    done.set(true);
                } else if seen - moved_on.get() <= INPUT_WINDOW_MS {
                    reached();
                }
            })?
        };
        // A pointer pressed on the scroll bar, until it is released.
        let on_bar = Rc::new(Cell::new(false));
        let inputs = INPUTS
            .iter()
            .map(|name| {
                let (last_input, in_view, reached) =
                    (last_input.clone(), in_view.clone(), reached.clone());
                let (last_top, moved_on) = (last_top.clone(), moved_on.clone());
                let (on_bar, bar_panel) = (on_bar.clone(), panel.clone());
                EventListener::new(panel, *name, move |e| {
                    let now = e.time_stamp();
                    let fits = bar_panel.scroll_height() <= bar_panel.client_height();
                    if e.type_() == "scroll" {
                        // The panel moved: on through the text, soon after the person's input?
                        // (A script's `scrollTop` moves it too, but without their input.)
                        let top = bar_panel.scroll_top();
                        let moved_down = top > last_top.replace(top);
                        if now - last_input.get() <= INPUT_WINDOW_MS && moved_down {
                            moved_on.set(now);
                            if in_view.get() {
                                reached();
                            }
                        }
                        return;
                    }
                    // A pointer counts pressed on the scroll bar and dragging it; a pointer
                    // over the text, a click on it, or Tab scroll nothing.
                    let idle_pointer = match e.type_().as_str() {
                        "pointerdown" => {
                            on_bar.set(on_scroll_bar(&bar_panel, e));
                            !on_bar.get()
                        }
                        "pointermove" => {
                            let pressed = e
                                .dyn_ref::<web_sys::MouseEvent>()
                                .is_some_and(|m| m.buttons() != 0);
                            on_bar.set(on_bar.get() && pressed);
                            !on_bar.get()
                        }
                        _ => false,
                    };
                    let other_key = e.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| {
                        !matches!(
                            k.key().as_str(),
                            "End" | "Home" | "PageDown" | "PageUp" | "ArrowDown" | "ArrowUp" | " "
                        )
                    });
                    // A scrolling key pressed with the panel off the screen (the page scrolled
                    // past it, the focus left in it) scrolls text the person does not see.
                    let unseen_key = !other_key && e.type_() == "keydown" && !on_screen(&bar_panel);
                    if !e.is_trusted() || idle_pointer || other_key || unseen_key {
                        return;
                    }
                    last_input.set(now);
                    // Text that fits has nothing to scroll: the person's act in it is enough.
                    if fits && in_view.get() {
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
