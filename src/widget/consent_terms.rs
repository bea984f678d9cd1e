//! The widget's root: wiring only. It loads the catalogue ([`use_catalog`]), asks the pure
//! [`crate::plan`] what to show, keeps the consent flow ([`use_flow`]), tells the host what
//! happens ([`use_flow_events`]) and signs the outcome ([`use_receipt`]); the views render.

use super::hooks::*;
use super::status_views::{already_accepted_view, error_view, loading_view, notice, region_label};
use super::{
    accept_panel, announced_view, changes_view, highlights_list, tabs, AgreementView, CatalogRef,
};
use crate::agreement::{Date, Highlight};
use crate::consent::{Act, Organization, Requirements};
use crate::contract::{ErrorCode, Event, Help, QuestionDetail};
use crate::copy::agreement_document;
use crate::i18n::{fill, text, title_list, Key, Lang};
use crate::plan::{check_signup, plan, FlowKey, Plan, SignUp};
use crate::reconsent::AcceptedVersions;
use crate::web::{
    check_retired, follow_link, next_task, now_rfc3339, page_origin, retire_prerendered,
    reveal_and_focus, save_html, today_utc, web_crypto_available,
};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ConsentTerms`].
#[derive(Properties, PartialEq, Clone)]
pub struct ConsentTermsProps {
    /// Provider key, e.g. `kingsoft` (required).
    pub provider: AttrValue,
    /// Product keys, space separated; empty for a plain sign-up.
    #[prop_or_default]
    pub products: AttrValue,
    /// UI language (BCP 47): `zh-CN` (or any Simplified Chinese tag) or English.
    #[prop_or(AttrValue::Static("en"))]
    pub lang: AttrValue,
    /// URL of the agreements bundle (format: `agreements/README.md`).
    #[prop_or(AttrValue::Static("agreements.json"))]
    pub bundle: AttrValue,
    /// Who is signing up, as the host names them (optional; goes into the receipt).
    #[prop_or_default]
    pub subject: Option<AttrValue>,
    /// The host server's nonce for this sign-up, the receipt's `nonce` (the `challenge`
    /// attribute, or the deprecated `nonce`).
    #[prop_or_default]
    pub nonce: Option<AttrValue>,
    /// What acceptance requires.
    #[prop_or_default]
    pub requirements: Requirements,
    /// Inside an iframe: the parent page's origin, to which the receipt is also posted.
    #[prop_or_default]
    pub post_message_origin: Option<AttrValue>,
    /// The host's status endpoint for the signed-in subject: what it says was accepted is
    /// trusted over what this browser remembers.
    #[prop_or_default]
    pub status_url: Option<AttrValue>,
    /// The bundle file's pinned SHA-256 (`sha256-…`, as in Subresource Integrity): a bundle
    /// that does not match is refused.
    #[prop_or_default]
    pub integrity: Option<AttrValue>,
    /// The organisation the person accepts for: they must also confirm their authority.
    #[prop_or_default]
    pub organization: Option<Organization>,
    /// Where "Ask about this clause" leads, besides the `consent-question` event.
    #[prop_or_default]
    pub help: Option<Help>,
    /// The day the sign-up takes as today (versions effective later are announced); by
    /// default the browser's clock (UTC).
    #[prop_or_default]
    pub today: Option<Date>,
    /// The element events are dispatched on (the custom element, or the mount element).
    #[prop_or_default]
    pub host: Option<web_sys::Element>,
}

/// What the widget shows.
enum View {
    Loading,
    Failed(ErrorCode, String),
    Planned(CatalogRef, Plan),
}

fn view_of(props: &ConsentTermsProps, load: &Load, accepted: &Accepted, crypto: bool) -> View {
    let signup = SignUp {
        provider: &props.provider,
        products: &props.products,
        lang: &props.lang,
        requirements: props.requirements,
        organization: props.organization.as_ref(),
        today: props.today.or_else(today_utc),
    };
    if let Err(e) = check_signup(&signup) {
        return View::Failed(e.code, e.message);
    }
    if !crypto {
        let lang = Lang::from_tag(&props.lang);
        return View::Failed(
            ErrorCode::WebCryptoUnavailable,
            text(lang, Key::WebCryptoUnavailable).into(),
        );
    }
    match load {
        Load::Failed(code, message) => View::Failed(*code, message.clone()),
        Load::Loading => View::Loading,
        Load::Loaded(_) if accepted.pending => View::Loading,
        Load::Loaded(catalog) => match plan(
            &catalog.0,
            &signup,
            accepted
                .versions
                .as_ref()
                .unwrap_or(&AcceptedVersions::new()),
        ) {
            Ok(p) => View::Planned(catalog.clone(), p),
            Err(e) => View::Failed(e.code, e.message),
        },
    }
}

/// The consent widget.
#[component]
pub fn ConsentTerms(props: &ConsentTermsProps) -> Html {
    let lang = Lang::from_tag(&props.lang);
    let root = use_node_ref();
    let events = use_host_events(props.host.clone(), root.clone());
    let load = use_catalog(props.bundle.clone(), props.integrity.clone());
    let flow = use_flow();
    let selected = use_state(|| 0usize);
    let unobservable = use_state(|| false);
    let rendered = use_mut_ref(BTreeMap::<String, String>::new);
    let signing_key = use_mut_ref(|| None);
    // The clause list as last built, with what it was built from: it is the same until the
    // agreements, the language or the help address change, and building it again on every
    // render (a checkbox ticked, accepting) is most of a render's time.
    let clause_list = use_mut_ref(|| None::<(ClauseListKey, Html)>);
    let subject = props.subject.as_ref().map(|s| s.to_string());
    let accepted = use_accepted(subject.clone(), props.status_url.clone());
    let crypto = *use_memo((), |_| web_crypto_available());
    let view = view_of(props, &load, &accepted, crypto);
    // Markup the host prerendered stays until the widget has something to show instead; then
    // each agreement's text is checked against the bundle, and what differs is reported.
    // What the person is told about the text: it changed once shown, or the prerendered text
    // was not the published one.
    let changed = use_state(|| None::<(ErrorCode, String)>);
    {
        let (host, events, mismatch) = (props.host.clone(), events.clone(), changed.setter());
        let catalog = match &*load {
            Load::Loaded(catalog) => Some(catalog.clone()),
            _ => None,
        };
        use_effect_with(!matches!(view, View::Loading), move |settled| {
            let shadow = host.and_then(|h| h.shadow_root()).filter(|_| *settled);
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
                        mismatch.set(Some((ErrorCode::PrerenderMismatch, message)));
                    }
                });
            }
        });
    }
    let (ask, flow_key) = match &view {
        View::Planned(_, Plan::Ask(ask)) => (Some(ask), ask.flow.clone()),
        View::Planned(_, Plan::AlreadyAccepted { flow, .. }) => (None, flow.clone()),
        _ => (None, FlowKey::default()),
    };
    let state = ask.map(|a| flow.state_for(&a.flow, &a.initial));
    let current = (*selected).min(
        state
            .as_ref()
            .map_or(0, |s| s.agreements.len().saturating_sub(1)),
    );

    // Stable callbacks for the agreement, a component: a new one each render would make its
    // 130 KB of text render again on every tick of a checkbox. The tab strip, the clause list
    // and the assent controls are view functions, rendered each time anyway.
    let onact = {
        let dispatcher = flow.dispatcher();
        Callback::from(move |act: Act| dispatcher.dispatch(FlowMsg::Act(act)))
    };
    let onreachedend = {
        let dispatcher = flow.dispatcher();
        use_callback(current, move |(), current| {
            dispatcher.dispatch(FlowMsg::Act(Act::ReachedEnd { index: *current }))
        })
    };
    let onunobservable = {
        let unobservable = unobservable.setter();
        use_callback((), move |(), _| unobservable.set(true))
    };
    // The text changed once shown (a page script, an extension): it is no longer the text the
    // receipt would bind, so none is signed for it, and the person and the host are told now.
    let onchanged = {
        let (changed, rendered, events) = (changed.setter(), rendered.clone(), events.clone());
        use_callback(lang, move |(id, title): (String, String), lang| {
            let lang = *lang;
            rendered.borrow_mut().insert(id, CHANGED.to_string());
            let message = fill(lang, Key::RenderedMismatch, &[("title", &title)]);
            events.error(ErrorCode::RenderedMismatch, &message);
            changed.set(Some((ErrorCode::RenderedMismatch, message)));
        })
    };
    let onselect = {
        let selected = selected.setter();
        Callback::from(move |tab: usize| selected.set(tab))
    };
    let onfollow = {
        let (selected, root) = (selected.setter(), root.clone());
        Callback::from(move |(tab, dom_id): (usize, String)| {
            selected.set(tab);
            // The clause is on the page once its agreement has rendered, in a later task.
            let root = root.clone();
            wasm_bindgen_futures::spawn_local(async move {
                next_task().await;
                if let Some(el) = root
                    .cast::<web_sys::Element>()
                    .and_then(|r| r.query_selector(&["#", &dom_id].concat()).ok().flatten())
                {
                    reveal_and_focus(&el);
                }
            });
        })
    };

    use_flow_events(FlowEvents {
        lang,
        signup: (props.provider.clone(), props.products.clone()),
        events: events.clone(),
        flow: flow.dispatcher(),
        key: flow_key,
        plan: match &view {
            View::Planned(_, p) => Some(p.clone()),
            _ => None,
        },
        state: state.clone(),
        current,
        root: root.clone(),
        rendered: rendered.clone(),
        signing_key: signing_key.clone(),
        accepted: accepted.clone(),
        subject: subject.clone(),
        failure: match &view {
            View::Failed(code, message) => Some((*code, message.clone())),
            _ => None,
        },
        unobservable: *unobservable,
    });
    let receipt = use_receipt(
        state.clone(),
        ReceiptContext {
            lang,
            subject,
            nonce: props.nonce.as_ref().map(|n| n.to_string()),
            post_to: props.post_message_origin.as_ref().map(|o| o.to_string()),
            accepted: accepted.versions,
            rendered,
            signing_key,
            events: events.clone(),
            root: root.clone(),
            texts: match &view {
                View::Planned(catalog, Plan::Ask(ask)) => Some((
                    catalog.clone(),
                    ask.shown
                        .iter()
                        .map(|s| (s.index, s.announced.as_ref().map(|n| n.index)))
                        .collect(),
                )),
                _ => None,
            },
        },
    );
    let (catalog, ask) = match view {
        View::Loading => return loading_view(root, lang),
        View::Failed(code, message) => return error_view(root, lang, code, &message),
        View::Planned(_, Plan::AlreadyAccepted { titles, .. }) => {
            return already_accepted_view(root, lang, &titles)
        }
        View::Planned(catalog, Plan::Ask(ask)) => (catalog, ask),
    };
    let Some(state) = state else {
        return Html::default();
    };
    let shown = ask.shown.get(current);
    let titles: Vec<&str> = ask.shown.iter().map(|s| s.title.as_str()).collect();
    let onsavecopy = match &receipt {
        ReceiptStatus::Signed(_, Some(copy)) => {
            let (copy, root) = (copy.clone(), root.clone());
            Some(Callback::from(move |_: MouseEvent| {
                save(&root, &copy.filename, &copy.html)
            }))
        }
        _ => None,
    };
    // Asking is never in the way of accepting: the host hears of it, its help page opens in
    // a new window, and the flow records it (a real gesture only) for the receipt.
    let onask = {
        let (catalog, shown, root, events) = (
            catalog.clone(),
            ask.shown.clone(),
            root.clone(),
            events.clone(),
        );
        let (dispatcher, help) = (flow.dispatcher(), props.help.clone());
        Callback::from(move |(tab, highlight, trusted): (usize, String, bool)| {
            let Some(s) = shown.get(tab) else { return };
            let Some(Highlight {
                block, kind, text, ..
            }) = catalog
                .0
                .all()
                .get(s.index)
                .and_then(|a| a.highlights().find(|h| h.id == highlight))
            else {
                return;
            };
            let mut detail = QuestionDetail {
                agreement: s.id.clone(),
                version: s.version.clone(),
                title: s.title.clone(),
                clause: block.number().map(str::to_string),
                highlight: highlight.clone(),
                kind: kind.as_str(),
                text: text.to_string(),
                lang: lang.tag(),
                opened: None,
            };
            detail.opened = help.as_ref().map(|h| detail.help_address(h));
            dispatcher.dispatch(FlowMsg::Act(Act::Ask {
                index: tab,
                highlight,
                trusted,
            }));
            events.emit(Event::Question, &detail);
            if let (Some(address), Some(r)) = (&detail.opened, root.cast::<web_sys::Element>()) {
                let _ = follow_link(&r, address, None);
            }
        })
    };
    let download = |index: usize, hash: &str| {
        let (catalog, hash, root) = (catalog.clone(), hash.to_string(), root.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = catalog.0.all().get(index) {
                let doc = agreement_document(a, &hash, lang, &page_origin(), &now_rfc3339());
                save(&root, &doc.filename, &doc.html);
            }
        })
    };
    let ondownload = shown.map(|s| download(s.index, &s.hash));
    let ondownload_next = shown
        .and_then(|s| s.announced.as_ref())
        .map(|n| download(n.index, &n.hash));
    let (receipt_note, receipt_error) = match receipt {
        ReceiptStatus::None => (None, None),
        ReceiptStatus::Signing => (Some(text(lang, Key::Signing).to_string()), None),
        ReceiptStatus::Signed(ref id, _) => (Some(fill(lang, Key::Signed, &[("id", id)])), None),
        ReceiptStatus::Failed(code, message) => (None, Some((code, message))),
    };
    html! {
        <section class="ct-root" aria-label={region_label(lang, &title_list(lang, &titles))} lang={lang.tag()} ref={root}
                 data-phase={state.phase.name()}>
            {tabs(&state.agreements, current, lang, &onselect)}

            if *unobservable {
                {notice(ErrorCode::StylesUnavailable, text(lang, Key::StylesUnavailable))}
            }
            if let Some((code, message)) = &*changed {
                {notice(*code, message)}
            }
            <div role="tabpanel" id="ct-panel" class="ct-panel" tabindex="0"
                 aria-labelledby={shown.map(|s| super::tabs::tab_dom_id(&s.id)).unwrap_or_default()}>
                if let Some(note) = shown.and_then(|s| s.text_language.clone()) {
                    <p class="ct-text-language">{note}</p>
                }
                if let Some(r) = shown.and_then(|s| s.reconsent.as_ref()) {
                    {changes_view(&r.previous, &r.changes, lang)}
                }
                if let (Some(n), Some(onclick)) = (shown.and_then(|s| s.announced.as_ref()), ondownload_next) {
                    {announced_view(&n.version, &n.effective, &n.changes, lang, onclick)}
                }
                if let Some(s) = shown {
                    <AgreementView catalog={catalog.clone()} index={s.index} hash={AttrValue::from(s.hash.clone())}
                        precedence={s.precedence.clone().map(AttrValue::from)} {lang} {onreachedend} {onunobservable} {onchanged} />
                }
            </div>
            // After the text, so that Tab from the tab strip still enters the text first.
            if let (Some(s), Some(onclick)) = (shown, ondownload) {
                <div class="ct-doc">
                    <button type="button" class="ct-button ct-download" data-agreement-id={s.id.clone()} data-version={s.version.clone()}
                        aria-label={fill(lang, Key::DownloadLabel, &[("title", &s.title), ("version", &s.version)])} {onclick}>
                        {text(lang, Key::Download)}
                    </button>
                </div>
            }
            {clause_list_of(&clause_list, &catalog, &ask.shown.iter().map(|s| s.index).collect::<Vec<_>>(), lang, &props.help, &onfollow, &onask)}
            {accept_panel(&state, lang, &onact, receipt_note, onsavecopy)}
            if let Some((code, message)) = receipt_error {
                <div class="ct-receipt-error">{notice(code, &message)}</div>
            }
        </section>
    }
}

/// What the clause list is built from: the catalogue (by identity), the agreements shown, the
/// language and the help address. Its callbacks capture nothing else that can change.
type ClauseListKey = (usize, Vec<usize>, Lang, Option<Help>);

/// The clause list, built again only when what it is built from changed.
fn clause_list_of(
    cache: &Rc<RefCell<Option<(ClauseListKey, Html)>>>,
    catalog: &CatalogRef,
    indices: &[usize],
    lang: Lang,
    help: &Option<Help>,
    onfollow: &Callback<(usize, String)>,
    onask: &Callback<(usize, String, bool)>,
) -> Html {
    let key = (
        Rc::as_ptr(&catalog.0) as usize,
        indices.to_vec(),
        lang,
        help.clone(),
    );
    let mut cache = cache.borrow_mut();
    match &*cache {
        Some((k, html)) if *k == key => html.clone(),
        _ => {
            let html = highlights_list(catalog, indices, lang, onfollow, onask);
            *cache = Some((key, html.clone()));
            html
        }
    }
}

/// Offers a file to the person from the widget's root.
fn save(root: &NodeRef, filename: &str, html: &str) {
    if let Some(r) = root.cast::<web_sys::Element>() {
        // A refused download leaves nothing to undo; the person can try again.
        let _ = save_html(&r, filename, html);
    }
}
