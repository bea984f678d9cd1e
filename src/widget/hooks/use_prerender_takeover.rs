//! `use_prerender_takeover`: markup the host prerendered stays until the widget has something
//! to show instead; then it is retired, and each agreement's prerendered text is checked
//! against the bundle in the next task: what differs is reported to the host
//! (`prerender-mismatch`) and to the person.

use super::use_effect_on::{nothing, use_effect_on};
use super::use_evidence::TextNotice;
use super::use_host_events::HostEvents;
use crate::contract::ErrorCode;
use crate::i18n::{fill, title_list, Key, Lang};
use crate::web::{check_retired, next_task, retire_prerendered, shadow_of, Element};
use crate::widget::CatalogRef;
use yew::prelude::*;

/// Retires the prerendered markup in `host`'s shadow root once the widget has `settled` (shows
/// something other than its loading state), and checks it against `catalog`.
#[hook]
pub fn use_prerender_takeover(
    host: Option<Element>,
    catalog: Option<CatalogRef>,
    settled: bool,
    lang: Lang,
    events: HostEvents,
    notice: UseStateSetter<TextNotice>,
) {
    use_effect_on(settled, move |settled| {
        let shadow = host.and_then(|h| shadow_of(&h)).filter(|_| *settled);
        // The widget shows at once; the texts not shown are checked in the next task.
        let retired = shadow.and_then(|s| retire_prerendered(&s));
        if let (Some(prerendered), Some(catalog)) = (retired, catalog) {
            wasm_bindgen_futures::spawn_local(async move {
                next_task().await;
                let titles = check_retired(&prerendered, &catalog.0);
                if !titles.is_empty() {
                    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
                    let message = fill(
                        lang,
                        Key::PrerenderMismatch,
                        &[("title", &title_list(lang, &titles))],
                    );
                    events.error(ErrorCode::PrerenderMismatch, &message);
                    notice.set(Some((ErrorCode::PrerenderMismatch, message)));
                }
            });
        }
        nothing()
    });
}
