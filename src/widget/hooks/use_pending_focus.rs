//! `use_pending_focus`: focus (and scroll to) an element by DOM id once it is rendered, for a
//! link to a clause in an agreement that is not shown yet.

use crate::web::reveal_and_focus;
use yew::prelude::*;

/// Set it to `Some(dom_id)`: after the next render that holds that element below `root`, the
/// element is scrolled into view and focused, and the handle is cleared.
#[hook]
pub fn use_pending_focus(root: NodeRef) -> UseStateHandle<Option<String>> {
    let pending = use_state(|| None::<String>);
    {
        let pending = pending.clone();
        use_effect_with((*pending).clone(), move |id| {
            if let (Some(id), Some(root)) = (id, root.cast::<web_sys::Element>()) {
                if let Ok(Some(el)) = root.query_selector(&["#", id].concat()) {
                    reveal_and_focus(&el);
                }
                pending.set(None);
            }
        });
    }
    pending
}
