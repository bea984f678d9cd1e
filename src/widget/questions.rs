//! The clause list's callbacks and its cache: following a clause's link shows its agreement
//! and moves focus to it; asking about it tells the host (`consent-question`), opens its help
//! page in a new window and records the question (a real gesture only) for the receipt.

use super::hooks::{FlowMsg, HostEvents};
use super::{highlights_list, CatalogRef};
use crate::consent::Act;
use crate::contract::{Event, Help};
use crate::i18n::Lang;
use crate::plan::Shown;
use crate::web::{by_id, follow_link, next_task, reveal_and_focus, Element};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What the clause list is built from: the catalogue (by identity), the agreements shown, the
/// language and the help address. Its callbacks capture nothing else that can change.
pub type ClauseListKey = (usize, Vec<usize>, Lang, Option<Help>);

/// The clause list as last built, with what it was built from.
pub type ClauseListCache = Rc<RefCell<Option<(ClauseListKey, Html)>>>;

/// The clause list, built again only when what it is built from changed: it is the same until
/// the agreements, the language or the help address change, and building it again on every
/// render (a checkbox ticked, accepting) is most of a render's time.
pub fn clause_list_of(
    cache: &ClauseListCache,
    catalog: &CatalogRef,
    shown: &[Shown],
    lang: Lang,
    help: &Option<Help>,
    onfollow: &Callback<(usize, String)>,
    onask: &Callback<(usize, String, bool)>,
) -> Html {
    let indices: Vec<usize> = shown.iter().map(|s| s.index).collect();
    let key = (Rc::as_ptr(&catalog.0) as usize, indices, lang, help.clone());
    let mut cache = cache.borrow_mut();
    match &*cache {
        Some((k, html)) if *k == key => html.clone(),
        _ => {
            let html = highlights_list(catalog, &key.1, lang, onfollow, onask);
            *cache = Some((key, html.clone()));
            html
        }
    }
}

/// Following a clause's link: its agreement's tab is selected, and the clause, on the page
/// once its agreement has rendered (in a later task), is revealed and focused.
pub fn on_follow(
    flow: UseReducerDispatcher<super::hooks::Flow>,
    root: NodeRef,
) -> Callback<(usize, String)> {
    Callback::from(move |(tab, dom_id): (usize, String)| {
        flow.dispatch(FlowMsg::Select(tab));
        let root = root.clone();
        wasm_bindgen_futures::spawn_local(async move {
            next_task().await;
            if let Some(el) = root.cast::<Element>().and_then(|r| by_id(&r, &dom_id)) {
                reveal_and_focus(&el);
            }
        });
    })
}

/// Asking about a clause, never in the way of accepting.
pub struct Asking {
    /// The catalogue shown.
    pub catalog: CatalogRef,
    /// The agreements shown, in tab order.
    pub shown: Vec<Shown>,
    /// Where the host's help is, if it gave one.
    pub help: Option<Help>,
    /// The widget's root, from which the help page is opened.
    pub root: NodeRef,
}

/// The callback of the clause list's "Ask" buttons: (tab, highlight id, trusted gesture).
pub fn on_ask(
    asking: Asking,
    lang: Lang,
    events: HostEvents,
    flow: UseReducerDispatcher<super::hooks::Flow>,
) -> Callback<(usize, String, bool)> {
    Callback::from(move |(tab, highlight, trusted): (usize, String, bool)| {
        let Some(s) = asking.shown.get(tab) else {
            return;
        };
        let Some(detail) = asking
            .catalog
            .0
            .all()
            .get(s.index)
            .and_then(|a| a.highlights().find(|h| h.id == highlight))
            .map(|h| s.question(&h, lang, asking.help.as_ref()))
        else {
            return;
        };
        flow.dispatch(FlowMsg::Act(Act::Ask {
            index: tab,
            highlight,
            trusted,
        }));
        events.emit(Event::Question, &detail);
        if let (Some(address), Some(r)) = (&detail.opened, asking.root.cast::<Element>()) {
            let _ = follow_link(&r, address, None);
        }
    })
}
