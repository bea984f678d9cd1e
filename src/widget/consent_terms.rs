//! The widget's root: wiring only. It loads the catalogue ([`use_catalog`]), asks the pure
//! [`crate::plan`] what to show ([`view_of`]), keeps the flow ([`use_flow`]) and its evidence
//! ([`use_evidence`]), takes over prerendered markup ([`use_prerender_takeover`]), tells the
//! host what happens ([`use_flow_events`]) and signs the outcome ([`use_receipt`]).

use super::downloads::{on_download, on_save_copy};
use super::hooks::*;
use super::plan_view::{view_of, View};
use super::questions::{clause_list_of, on_ask, on_follow, Asking, ClauseListCache};
use super::status_views::{already_accepted_view, error_view, loading_view, notice, region_label};
use super::{accept_panel, announced_view, changes_view, tabs, AgreementView};
use crate::agreement::Date;
use crate::consent::{Act, Organization, Requirements};
use crate::contract::{ErrorCode, Help};
use crate::i18n::{fill, text, title_list, Key, Lang};
use crate::plan::Plan;
use crate::web::{now_rfc3339, web_crypto_available, Element};
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
    pub host: Option<Element>,
}

/// The consent widget.
#[component]
pub fn ConsentTerms(props: &ConsentTermsProps) -> Html {
    let lang = Lang::from_tag(&props.lang);
    let root = use_node_ref();
    let events = use_host_events(props.host.clone(), root.clone());
    let load = use_catalog(props.bundle.clone(), props.integrity.clone());
    let flow = use_flow();
    let evidence = use_evidence(root.clone(), lang, events.clone());
    let clause_list: ClauseListCache = use_mut_ref(|| None);
    let subject = props.subject.as_ref().map(|s| s.to_string());
    let accepted = use_accepted(subject.clone(), props.status_url.clone());
    let crypto = *use_memo((), |_| web_crypto_available());
    let view = view_of(props, &load, &accepted, crypto);
    let loaded = match &*load {
        Load::Loaded(catalog) => Some(catalog.clone()),
        _ => None,
    };
    use_prerender_takeover(
        props.host.clone(),
        loaded,
        !matches!(view, View::Loading),
        lang,
        events.clone(),
        evidence.set_notice.clone(),
    );
    let ask = match &view {
        View::Planned(_, Plan::Ask(ask)) => Some(ask),
        _ => None,
    };
    let state = ask.map(|a| flow.state_for(&a.flow, &a.initial));
    let last = state
        .as_ref()
        .map_or(0, |s| s.agreements.len().saturating_sub(1));
    let current = flow.selected().min(last);

    // Stable callbacks for the agreement, a component: a new one each render would make its
    // 130 KB of text render again on every tick of a checkbox. The tab strip, the clause list
    // and the assent controls are view functions, rendered each time anyway.
    let onact = {
        let dispatcher = flow.dispatcher();
        Callback::from(move |act: Act| dispatcher.dispatch(FlowMsg::Act(act)))
    };
    // The shown agreement came into view (first display, with the time) or its end did (a
    // text read to its end was displayed, whatever the order the browser reports them in).
    let onseen = {
        let dispatcher = flow.dispatcher();
        use_callback(current, move |end: bool, current| {
            let index = *current;
            dispatcher.dispatch(FlowMsg::Act(Act::Displayed {
                index,
                at: now_rfc3339(),
            }));
            if end {
                dispatcher.dispatch(FlowMsg::Act(Act::ReachedEnd { index }));
            }
        })
    };
    let onselect = {
        let dispatcher = flow.dispatcher();
        Callback::from(move |tab: usize| dispatcher.dispatch(FlowMsg::Select(tab)))
    };
    let onfollow = on_follow(flow.dispatcher(), root.clone());

    let reporting = Reporting {
        lang,
        events: events.clone(),
        subject,
        signup: (props.provider.clone(), props.products.clone()),
    };
    let flowing = Flowing {
        flow: flow.dispatcher(),
        state: state.clone(),
        current,
    };
    use_flow_events(&reporting, &view, flowing, &evidence, &accepted);
    let signing = Signing {
        nonce: props.nonce.as_ref().map(|n| n.to_string()),
        post_to: props.post_message_origin.as_ref().map(|o| o.to_string()),
        accepted: accepted.versions.clone(),
        texts: view.texts(),
    };
    let receipt = use_receipt(state.clone(), &reporting, signing, &evidence);
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
        ReceiptStatus::Signed(_, Some(copy)) => Some(on_save_copy(copy, &root)),
        _ => None,
    };
    let onask = on_ask(
        Asking {
            catalog: catalog.clone(),
            shown: ask.shown.clone(),
            help: props.help.clone(),
            root: root.clone(),
        },
        lang,
        events,
        flow.dispatcher(),
    );
    let ondownload = shown.map(|s| on_download(&catalog, s.index, &s.hash, lang, &root));
    let ondownload_next = shown
        .and_then(|s| s.announced.as_ref())
        .map(|n| on_download(&catalog, n.index, &n.hash, lang, &root));
    let (receipt_note, receipt_error) = match receipt {
        ReceiptStatus::None => (None, None),
        ReceiptStatus::Signing => (Some(text(lang, Key::Signing).to_string()), None),
        ReceiptStatus::Signed(ref id, _) => (Some(fill(lang, Key::Signed, &[("id", id)])), None),
        ReceiptStatus::Failed(code, message) => (None, Some((code, message))),
    };
    let (onchanged, onunobservable) = (evidence.onchanged.clone(), evidence.onunobservable.clone());
    html! {
        <section class="ct-root" aria-label={region_label(lang, &title_list(lang, &titles))} lang={lang.tag()} ref={root}
                 data-phase={state.phase.name()}>
            {tabs(&state.agreements, current, lang, &onselect)}
            if evidence.unobservable {
                {notice(ErrorCode::StylesUnavailable, text(lang, Key::StylesUnavailable))}
            }
            if let Some((code, message)) = &evidence.notice {
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
                        precedence={s.precedence.clone().map(AttrValue::from)} {lang} flow={flow.started()} {onseen} {onunobservable} unobservable={evidence.unobservable} {onchanged} />
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
            {clause_list_of(&clause_list, &catalog, &ask.shown, lang, &props.help, &onfollow, &onask)}
            {accept_panel(&state, lang, &onact, receipt_note, onsavecopy)}
            if let Some((code, message)) = receipt_error {
                <div class="ct-receipt-error">{notice(code, &message)}</div>
            }
        </section>
    }
}
