//! `use_evidence`: what the receipt will bind, owned in one place. Each agreement's text is read
//! back from the page once shown and its hash kept, or marked as changed once shown (it then
//! matches no published text, and no later read-back replaces it); the signing key is loaded
//! when a flow is shown, so that accepting only signs; and what the person is told about the
//! text (it changed once shown, or the prerendered text was not the published one) is a notice
//! of its own.

use super::use_host_events::HostEvents;
use crate::contract::ErrorCode;
use crate::i18n::{fill, Key, Lang};
use crate::web::{rendered_hash, shown_agreement, Element, ReceiptKey};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// What is known of one agreement's text as the page shows it.
#[derive(Clone, Debug, PartialEq)]
enum Watch {
    /// Read back: the hash of the text as rendered.
    Rendered(String),
    /// The text changed once shown: it is no longer the text a receipt could bind.
    ChangedOnceShown,
}

/// A notice to the person about the text shown: its code and message.
pub type TextNotice = Option<(ErrorCode, String)>;

/// The evidence of a flow, shared by the hooks that record it and the one that signs it.
#[derive(Clone)]
pub struct Evidence {
    root: NodeRef,
    watched: Rc<RefCell<BTreeMap<String, Watch>>>,
    key: Rc<RefCell<Option<ReceiptKey>>>,
    /// What the person is told about the text, if anything.
    pub notice: TextNotice,
    /// Sets it.
    pub set_notice: UseStateSetter<TextNotice>,
    /// For the agreement view: its text (agreement id, title) changed once shown.
    pub onchanged: Callback<(String, String)>,
    /// Reading to the end cannot be observed (the widget's styles are not in effect): no
    /// agreement counts as read.
    pub unobservable: bool,
    /// For the agreement view: reading to the end cannot be observed (true), or can again,
    /// the stylesheet having come in late (false).
    pub onunobservable: Callback<bool>,
}

impl Evidence {
    /// Reads the agreement shown back from the page and keeps the hash of that text, unless
    /// it changed once shown.
    pub fn read_back(&self) {
        if let Some(article) = self
            .root
            .cast::<Element>()
            .and_then(|r| shown_agreement(&r))
        {
            let (id, hash) = rendered_hash(&article);
            let mut watched = self.watched.borrow_mut();
            if watched.get(&id) != Some(&Watch::ChangedOnceShown) {
                watched.insert(id, Watch::Rendered(hash));
            }
        }
    }

    /// Whether the text of agreement `id` was read back (or seen to change).
    pub fn knows(&self, id: &str) -> bool {
        self.watched.borrow().contains_key(id)
    }

    /// Whether the text of agreement `id` as rendered is the text of hash `hash`.
    pub fn shows(&self, id: &str, hash: &str) -> bool {
        matches!(self.watched.borrow().get(id), Some(Watch::Rendered(h)) if h == hash)
    }

    /// The signing key, if it was loaded.
    pub fn key(&self) -> Option<ReceiptKey> {
        self.key.borrow().clone()
    }

    /// Keeps the signing key for the acceptance.
    pub fn keep_key(&self, key: ReceiptKey) {
        self.key.replace(Some(key));
    }

    /// The widget's root element.
    pub fn root(&self) -> &NodeRef {
        &self.root
    }
}

/// The evidence of the flow shown in `root`; a text that changes once shown is reported to the
/// host (`rendered-mismatch`) and to the person at once.
#[hook]
pub fn use_evidence(root: NodeRef, lang: Lang, events: HostEvents) -> Evidence {
    let watched = use_mut_ref(BTreeMap::new);
    let key = use_mut_ref(|| None);
    let notice = use_state(|| None::<(ErrorCode, String)>);
    let unobservable = use_state(|| false);
    let onunobservable = {
        let unobservable = unobservable.setter();
        use_callback((), move |missing: bool, _| unobservable.set(missing))
    };
    let onchanged = {
        let (notice, watched) = (notice.setter(), watched.clone());
        use_callback(lang, move |(id, title): (String, String), lang| {
            watched.borrow_mut().insert(id, Watch::ChangedOnceShown);
            let message = fill(*lang, Key::RenderedMismatch, &[("title", &title)]);
            events.error(ErrorCode::RenderedMismatch, &message);
            notice.set(Some((ErrorCode::RenderedMismatch, message)));
        })
    };
    Evidence {
        root,
        watched,
        key,
        notice: (*notice).clone(),
        set_notice: notice.setter(),
        onchanged,
        unobservable: *unobservable,
        onunobservable,
    }
}
