//! The tab strip: one tab per agreement asked, with whether it was read to the end, and the
//! keyboard of the WAI-ARIA tabs pattern (arrows, Home, End move and select; roving tabindex).

use crate::consent::Progress;
use crate::i18n::{text, Key, Lang};
use crate::web::{by_id, listening_element, reveal_and_focus};
use yew::prelude::*;

/// The DOM id of an agreement's tab.
pub fn tab_dom_id(agreement_id: &str) -> String {
    ["ct-tab-", agreement_id].concat()
}

/// The tab strip for `agreements` (the agreements asked, in order), `current` shown;
/// `onselect` is called with the tab to show. A view function: what it shows changes with the
/// flow's state on every act, so a component boundary would save no rendering.
pub fn tabs(
    agreements: &[Progress],
    current: usize,
    lang: Lang,
    onselect: &Callback<usize>,
) -> Html {
    let count = agreements.len();
    let onkeydown = {
        let onselect = onselect.clone();
        let ids: Vec<String> = agreements.iter().map(|a| tab_dom_id(&a.id)).collect();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (current + 1) % count,
                "ArrowLeft" | "ArrowUp" => (current + count - 1) % count,
                "Home" => 0,
                "End" => count.saturating_sub(1),
                _ => return,
            };
            e.prevent_default();
            onselect.emit(next);
            // The tab exists already: focus moves with the selection.
            let strip = listening_element(&e);
            if let Some(tab) = strip.zip(ids.get(next)).and_then(|(s, id)| by_id(&s, id)) {
                reveal_and_focus(&tab);
            }
        })
    };
    let tabs = agreements.iter().enumerate().map(|(i, a)| {
        let onclick = {
            let onselect = onselect.clone();
            Callback::from(move |_: MouseEvent| onselect.emit(i))
        };
        let read = if a.reached_end { Key::ReadToEndDone } else { Key::ReadToEndPending };
        html! {
            <button type="button" role="tab" id={tab_dom_id(&a.id)} class="ct-tab"
                    aria-selected={(i == current).to_string()} aria-controls="ct-panel"
                    tabindex={if i == current { "0" } else { "-1" }}
                    data-agreement-id={a.id.clone()} data-read={a.reached_end.to_string()} {onclick}>
                <span lang="en">{a.title.clone()}</span>
                <span class="ct-read" aria-hidden="true">{if a.reached_end { " ✓" } else { "" }}</span>
                <span class="ct-sr-only">{[" (", text(lang, read), ")"].concat()}</span>
            </button>
        }
    });
    html! {
        <div role="tablist" aria-label={text(lang, Key::TabsLabel)} class="ct-tabs" {onkeydown}>{ for tabs }</div>
    }
}
