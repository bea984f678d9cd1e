//! The widget's root: loads the agreements bundle, chooses the applicable agreements, keeps
//! the consent flow (the rules are in [`crate::consent`]) and tells the host what happens.

use super::accept_panel::assent_wording;
use super::changes_view::ChangesView;
use super::rendered::rendered_canonical;
use super::{AcceptPanel, AgreementView, CatalogRef, HighlightsList};
use crate::agreement::Prevails;
use crate::browser::{
    dispatch, fetch_text, next_task, now_rfc3339, page_origin, post_to_parent, random_uuid,
    read_accepted, receipt_key, sha256_hex, sign, storage_get, storage_set, web_crypto_available,
};
use crate::bundle::load_bundle;
use crate::consent::{Act, AssentMode, ConsentState, Missing, Phase, Progress, Requirements};
use crate::i18n::{fill, text, title_list, Key, Lang};
use crate::json::Json;
use crate::receipt::{compact_jws, jwk_thumbprint, record_of, signing_input, RecordContext};
use crate::reconsent::{accepted_json, decide, diff, AcceptedVersion, AcceptedVersions, Decision};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The widget's own styles; hosts theme it through the `--ct-*` custom properties.
const STYLE: &str = include_str!("style.css");

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
    /// The host server's nonce for this sign-up (goes into the receipt).
    #[prop_or_default]
    pub nonce: Option<AttrValue>,
    /// What acceptance requires.
    #[prop_or_default]
    pub requirements: Requirements,
    /// Inside an iframe: the parent page's origin, to which the receipt is also posted.
    #[prop_or_default]
    pub post_message_origin: Option<AttrValue>,
    /// The element events are dispatched on (the custom element, or the mount element).
    #[prop_or_default]
    pub host: Option<web_sys::Element>,
}

/// Where the receipt of an acceptance stands.
#[derive(Clone, PartialEq)]
enum ReceiptStatus {
    None,
    Signing,
    Signed(String),
    Failed { code: &'static str, message: String },
}

/// The localStorage key of what `subject` accepted on this origin.
fn storage_key(subject: Option<&str>) -> String {
    format!("consent-terms/v1/accepted/{}", subject.unwrap_or(""))
}

/// What `subject` accepted before; `Err` when the browser's storage cannot be read.
fn load_accepted(subject: Option<&str>) -> Result<AcceptedVersions, String> {
    match storage_get(&storage_key(subject))? {
        None => Ok(AcceptedVersions::new()),
        // A stored value that does not parse is treated as nothing accepted: asking again is safe.
        Some(json) => Ok(read_accepted(&json)),
    }
}

fn save_accepted(subject: Option<&str>, accepted: &AcceptedVersions) -> Result<(), String> {
    storage_set(&storage_key(subject), &accepted_json(accepted).to_text())
}

/// Where the catalogue stands.
#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready(CatalogRef),
    Failed { code: &'static str, message: String },
}

/// A bundle being fetched (with who waits for it) or loaded.
enum Cached {
    Pending(Vec<Box<dyn FnOnce(Load)>>),
    Ready(CatalogRef),
}

thread_local! {
    /// Bundles by URL: widgets on one page that name the same bundle fetch, parse and check it
    /// once. Failures are not kept, so a later widget tries again.
    static BUNDLES: RefCell<Vec<(String, Cached)>> = const { RefCell::new(Vec::new()) };
}

/// Calls `done` with the catalogue of the bundle at `url`: at once if it is loaded, else when
/// the one fetch of it completes.
fn load_catalog(url: String, done: impl FnOnce(Load) + 'static) {
    let cached = BUNDLES.with_borrow(|bundles| {
        bundles
            .iter()
            .find(|(u, _)| *u == url)
            .map(|(_, c)| match c {
                Cached::Ready(catalog) => Some(catalog.clone()),
                Cached::Pending(_) => None,
            })
    });
    match cached {
        Some(Some(catalog)) => done(Load::Ready(catalog)),
        Some(None) => BUNDLES.with_borrow_mut(|bundles| {
            if let Some((_, Cached::Pending(waiting))) = bundles.iter_mut().find(|(u, _)| *u == url)
            {
                waiting.push(Box::new(done));
            }
        }),
        None => {
            BUNDLES.with_borrow_mut(|bundles| {
                bundles.push((url.clone(), Cached::Pending(vec![Box::new(done)])))
            });
            fetch_catalog(url);
        }
    }
}

/// Fetches, parses and checks the bundle at `url`, then answers everyone waiting for it.
fn fetch_catalog(url: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let next = match fetch_text(&url).await {
            Err(e) => Load::Failed {
                code: "bundle-unreachable",
                message: e.to_string(),
            },
            Ok(json) => match load_bundle(&json) {
                Ok(catalog) => Load::Ready(CatalogRef(Rc::new(catalog))),
                Err(e) => Load::Failed {
                    code: e.code(),
                    message: e.to_string(),
                },
            },
        };
        // Checking the bundle and rendering it are separate tasks: neither blocks the page long.
        next_task().await;
        let waiting = BUNDLES.with_borrow_mut(|bundles| {
            let i = bundles.iter().position(|(u, _)| *u == url)?;
            let (_, entry) = match &next {
                Load::Ready(c) => {
                    let entry = (url.clone(), Cached::Ready(c.clone()));
                    std::mem::replace(&mut bundles[i], entry)
                }
                _ => bundles.remove(i),
            };
            match entry {
                Cached::Pending(waiting) => Some(waiting),
                Cached::Ready(_) => None,
            }
        });
        for done in waiting.unwrap_or_default() {
            done(next.clone());
        }
    });
}

/// The consent flow of the agreements currently shown; `key` names them and the requirements,
/// so a change of provider, products or requirements starts a fresh flow.
#[derive(PartialEq, Default)]
struct Flow {
    key: String,
    state: Option<ConsentState>,
}

enum FlowMsg {
    Reset(String, ConsentState),
    Act(Act),
}

impl Reducible for Flow {
    type Action = FlowMsg;

    fn reduce(self: Rc<Self>, msg: FlowMsg) -> Rc<Self> {
        match msg {
            FlowMsg::Reset(key, _) if key == self.key => self,
            FlowMsg::Reset(key, state) => Rc::new(Flow {
                key,
                state: Some(state),
            }),
            FlowMsg::Act(act) => match &self.state {
                Some(state) => {
                    let next = state.apply(&act);
                    if &next == state {
                        self
                    } else {
                        Rc::new(Flow {
                            key: self.key.clone(),
                            state: Some(next),
                        })
                    }
                }
                None => self,
            },
        }
    }
}

/// What the widget shows.
enum View {
    Loading,
    Error {
        code: String,
        message: String,
    },
    AlreadyAccepted {
        titles: Vec<String>,
        silent: Vec<(String, AcceptedVersion)>,
    },
    Ready(Ready),
}

struct Ready {
    catalog: CatalogRef,
    indices: Vec<usize>,
    hashes: Vec<String>,
    precedence: Vec<Option<String>>,
    /// For agreements asked again: the version accepted before and what changed since.
    changes: Vec<Option<(String, Vec<crate::reconsent::Change>)>>,
    /// Newer versions recorded as accepted without asking (no re-acceptance required).
    silent: Vec<(String, AcceptedVersion)>,
    fresh: ConsentState,
    key: String,
}

fn precedence_sentence(lang: Lang, prevails: Prevails, base: &str) -> String {
    let key = match prevails {
        Prevails::Supplement => Key::PrecedenceSupplement,
        Prevails::Base => Key::PrecedenceBase,
        Prevails::Unstated => Key::PrecedenceTogether,
    };
    fill(lang, key, &[("base", base)])
}

fn view_of(
    props: &ConsentTermsProps,
    load: &Load,
    lang: Lang,
    accepted: &AcceptedVersions,
    crypto: bool,
) -> View {
    if props.provider.trim().is_empty() {
        return View::Error {
            code: "missing-attribute".into(),
            message: fill(lang, Key::MissingAttribute, &[("name", "provider")]),
        };
    }
    if !crypto {
        return View::Error {
            code: "webcrypto-unavailable".into(),
            message: text(lang, Key::WebCryptoUnavailable).into(),
        };
    }
    let catalog = match load {
        Load::Loading => return View::Loading,
        Load::Failed { code, message } => {
            return View::Error {
                code: code.to_string(),
                message: message.clone(),
            }
        }
        Load::Ready(c) => c.clone(),
    };
    let products: Vec<&str> = props.products.split_whitespace().collect();
    let applicable = match catalog.0.select(&props.provider, &products, &props.lang) {
        Ok(a) => a,
        Err(e) => {
            return View::Error {
                code: e.code().into(),
                message: e.to_string(),
            }
        }
    };
    let all = catalog.0.all();
    // Agreements whose current version was accepted here before are not asked again; newer
    // versions that do not require re-acceptance are recorded without asking.
    let mut silent = Vec::new();
    let mut already = Vec::new();
    let mut changes = Vec::new();
    let applicable: Vec<_> = applicable
        .into_iter()
        .filter(|a| match decide(a.agreement, &a.hash, accepted) {
            Decision::Ask => {
                changes.push(None);
                true
            }
            Decision::AskAgain { previous } => {
                let before = catalog.0.find(&a.agreement.meta.id, &previous);
                changes.push(before.map(|b| (previous.clone(), diff(b, a.agreement))));
                true
            }
            Decision::AlreadyAccepted => {
                already.push(a.agreement.meta.title.clone());
                false
            }
            Decision::RecordWithoutAsking { previous } => {
                let at = accepted
                    .get(&a.agreement.meta.id)
                    .map(|v| v.accepted_at.clone())
                    .unwrap_or_default();
                let _ = previous;
                silent.push((
                    a.agreement.meta.id.clone(),
                    AcceptedVersion {
                        version: a.agreement.meta.version.clone(),
                        sha256: a.hash.clone(),
                        accepted_at: at,
                    },
                ));
                already.push(a.agreement.meta.title.clone());
                false
            }
        })
        .collect();
    if applicable.is_empty() {
        return View::AlreadyAccepted {
            titles: already,
            silent,
        };
    }
    let indices: Vec<usize> = applicable
        .iter()
        .filter_map(|a| all.iter().position(|b| std::ptr::eq(b, a.agreement)))
        .collect();
    let progress: Vec<Progress> = applicable
        .iter()
        .map(|a| Progress {
            id: a.agreement.meta.id.clone(),
            version: a.agreement.meta.version.clone(),
            hash: a.hash.clone(),
            title: a.agreement.meta.title.clone(),
            highlights: a
                .agreement
                .highlights()
                .map(|(_, id, _, _)| id.to_string())
                .collect(),
            displayed_at: None,
            reached_end: false,
        })
        .collect();
    let r = props.requirements;
    let mut key = String::from(match r.mode {
        AssentMode::Checkbox => "checkbox",
        AssentMode::Button => "button",
    });
    for (flag, on) in [("|read", r.read_to_end), ("|ack", r.acknowledge_highlights)] {
        if on {
            key.push_str(flag);
        }
    }
    for p in &progress {
        key.extend(["|", &p.id, "@", &p.hash]);
    }
    Ready {
        hashes: applicable.iter().map(|a| a.hash.clone()).collect(),
        precedence: applicable
            .iter()
            .map(|a| {
                a.precedence
                    .as_ref()
                    .map(|p| precedence_sentence(lang, p.prevails, &p.base_title))
            })
            .collect(),
        fresh: ConsentState::new(props.requirements, progress),
        changes,
        silent,
        catalog,
        indices,
        key,
    }
    .into()
}

impl From<Ready> for View {
    fn from(r: Ready) -> View {
        View::Ready(r)
    }
}

fn phase_name(phase: &Phase) -> &'static str {
    match phase {
        Phase::Open => "open",
        Phase::Accepted { .. } => "accepted",
        Phase::Declined { .. } => "declined",
    }
}

fn agreements_json(state: &ConsentState) -> Json {
    Json::Array(
        state
            .agreements
            .iter()
            .map(|a| {
                Json::object([
                    ("id", a.id.as_str().into()),
                    ("version", a.version.as_str().into()),
                    ("hash", a.hash.as_str().into()),
                    ("title", a.title.as_str().into()),
                    ("highlights", a.highlights.len().into()),
                ])
            })
            .collect(),
    )
}

/// The detail of a `consent-error` event.
fn error_json(code: &str, message: &str, warning: bool) -> Json {
    let mut members = vec![("code", code.into()), ("message", message.into())];
    if warning {
        members.push(("severity", "warning".into()));
    }
    Json::object(members)
}

/// The consent widget.
#[component]
pub fn ConsentTerms(props: &ConsentTermsProps) -> Html {
    let lang = Lang::from_tag(&props.lang);
    let selected = use_state(|| 0usize);
    let load = use_state(|| Load::Loading);
    let flow = use_reducer(Flow::default);
    let pending_focus = use_state(|| None::<String>);
    let receipt = use_state(|| ReceiptStatus::None);
    let rendered_hashes = use_mut_ref(BTreeMap::<String, String>::new);
    let root = use_node_ref();
    let subject = props.subject.as_ref().map(|s| s.to_string());
    let accepted = use_memo(subject.clone(), |s| load_accepted(s.as_deref()));
    let crypto = *use_memo((), |_| web_crypto_available());

    {
        let load = load.clone();
        use_effect_with(props.bundle.clone(), move |url| {
            load.set(Load::Loading);
            load_catalog(url.to_string(), move |next| load.set(next));
        });
    }

    let empty = AcceptedVersions::new();
    let view = view_of(
        props,
        &load,
        lang,
        accepted.as_ref().as_ref().unwrap_or(&empty),
        crypto,
    );
    let emit = {
        let host = props.host.clone();
        let root = root.clone();
        move |name: &str, detail: Json| {
            let target: Option<web_sys::EventTarget> = host
                .clone()
                .or_else(|| root.cast::<web_sys::Element>())
                .map(Into::into);
            if let Some(t) = target {
                dispatch(&t, name, &detail);
            }
        }
    };

    // The flow for what is shown: the stored one if it is for these agreements, else fresh.
    let (state, key) = match &view {
        View::Ready(r) => (
            Some(match &flow.state {
                Some(s) if flow.key == r.key => s.clone(),
                _ => r.fresh.clone(),
            }),
            r.key.clone(),
        ),
        View::AlreadyAccepted { titles, .. } => (None, format!("already:{}", titles.join(","))),
        _ => (None, String::new()),
    };
    let current = (*selected).min(
        state
            .as_ref()
            .map_or(0, |s| s.agreements.len().saturating_sub(1)),
    );

    // Stable callbacks: a new one each render would make the agreement (130 KB of text) and
    // the clause list re-render on every tick of a checkbox.
    let onact = {
        let dispatcher = flow.dispatcher();
        use_callback((), move |act: Act, _| {
            dispatcher.dispatch(FlowMsg::Act(act))
        })
    };
    let onreachedend = {
        let dispatcher = flow.dispatcher();
        use_callback(current, move |(), current| {
            dispatcher.dispatch(FlowMsg::Act(Act::ReachedEnd { index: *current }))
        })
    };
    let onfollow = {
        let selected = selected.setter();
        let pending_focus = pending_focus.setter();
        use_callback((), move |(tab, dom_id): (usize, String), _| {
            selected.set(tab);
            pending_focus.set(Some(dom_id));
        })
    };

    // Storage that cannot be read is worth a warning; consent still works without it.
    {
        let emit = emit.clone();
        let failed = accepted.as_ref().as_ref().err().cloned();
        use_effect_with(failed, move |failed| {
            if let Some(why) = failed {
                let message = [text(lang, Key::StorageUnavailable), " (", why, ")"].concat();
                emit(
                    "consent-error",
                    error_json("storage-unavailable", &message, true),
                );
            }
        });
    }
    // A new set of agreements: a fresh flow, and the host learns what is shown.
    {
        let flow = flow.clone();
        let emit = emit.clone();
        let (fresh, silent) = match &view {
            View::Ready(r) => (Some(r.fresh.clone()), r.silent.clone()),
            View::AlreadyAccepted { silent, .. } => (None, silent.clone()),
            _ => (None, Vec::new()),
        };
        let already = matches!(view, View::AlreadyAccepted { .. });
        let provider = props.provider.to_string();
        let products = props.products.to_string();
        let subject = subject.clone();
        let accepted = accepted.clone();
        use_effect_with(key.clone(), move |key| {
            if !silent.is_empty() {
                if let Ok(before) = accepted.as_ref() {
                    let mut next = before.clone();
                    next.extend(silent);
                    let _ = save_accepted(subject.as_deref(), &next);
                }
            }
            if let Some(fresh) = fresh {
                // Make or load the signing key now, so that accepting only has to sign.
                wasm_bindgen_futures::spawn_local(async {
                    let _ = receipt_key().await;
                });
                emit(
                    "consent-ready",
                    Json::object([
                        ("provider", provider.into()),
                        (
                            "products",
                            products.split_whitespace().collect::<Vec<_>>().into(),
                        ),
                        ("lang", lang.tag().into()),
                        ("agreements", agreements_json(&fresh)),
                    ]),
                );
                flow.dispatch(FlowMsg::Reset(key.clone(), fresh));
            } else if already {
                emit(
                    "consent-change",
                    Json::object([
                        ("missing", Json::Array(Vec::new())),
                        ("canAccept", false.into()),
                        ("phase", "accepted".into()),
                        ("alreadyAccepted", true.into()),
                    ]),
                );
            }
        });
    }
    // Each agreement's first display is recorded, with the hash of the text as rendered.
    {
        let flow = flow.clone();
        let ready = state.is_some();
        let root = root.clone();
        let rendered_hashes = rendered_hashes.clone();
        use_effect_with((key.clone(), current, ready), move |(_, current, ready)| {
            if *ready {
                flow.dispatch(FlowMsg::Act(Act::Displayed {
                    index: *current,
                    at: now_rfc3339(),
                }));
                remember_rendered_hash(&root, rendered_hashes);
            }
        });
    }
    // What is still missing, whenever it changes.
    {
        let emit = emit.clone();
        let missing: Vec<String> = state
            .as_ref()
            .map(|s| s.missing().iter().map(Missing::code).collect())
            .unwrap_or_default();
        let phase = state
            .as_ref()
            .map(|s| phase_name(&s.phase))
            .unwrap_or("loading");
        let can_accept = state.as_ref().is_some_and(ConsentState::can_accept);
        let ready = state.is_some();
        use_effect_with((key.clone(), missing, phase), move |(_, missing, phase)| {
            if ready {
                emit(
                    "consent-change",
                    Json::object([
                        ("missing", missing.clone().into()),
                        ("canAccept", can_accept.into()),
                        ("phase", (*phase).into()),
                    ]),
                );
            }
        });
    }
    // The outcome: a decline is reported; an acceptance is signed into a receipt, once.
    {
        let emit = emit.clone();
        let outcome = state.clone().filter(|s| s.phase != Phase::Open);
        let signer = Signer {
            lang,
            subject: subject.clone(),
            nonce: props.nonce.as_ref().map(|n| n.to_string()),
            post_to: props.post_message_origin.as_ref().map(|o| o.to_string()),
            accepted: accepted.as_ref().as_ref().ok().cloned(),
            root: root.clone(),
            rendered_hashes: rendered_hashes.clone(),
            receipt: receipt.clone(),
        };
        use_effect_with(
            outcome.as_ref().map(|s| s.phase.clone()),
            move |phase| match (phase, outcome) {
                (Some(Phase::Declined { at }), Some(s)) => {
                    emit(
                        "consent-declined",
                        Json::object([
                            ("declinedAt", at.into()),
                            ("agreements", agreements_json(&s)),
                        ]),
                    );
                }
                (Some(Phase::Accepted { .. }), Some(s)) => {
                    wasm_bindgen_futures::spawn_local(signer.sign_and_send(s, emit));
                }
                _ => {}
            },
        );
    }
    // Errors reach the host with the same code the person sees.
    {
        let emit = emit.clone();
        let error = match &view {
            View::Error { code, message } => Some((code.clone(), message.clone())),
            _ => None,
        };
        use_effect_with(error, move |error| {
            if let Some((code, message)) = error {
                emit("consent-error", error_json(code, message, false));
            }
        });
    }
    // Move focus (and the scroll position) to a tab or clause once it is rendered.
    {
        let pending_focus = pending_focus.clone();
        let root = root.clone();
        use_effect_with((*pending_focus).clone(), move |id| {
            if let (Some(id), Some(root)) = (id, root.cast::<web_sys::Element>()) {
                if let Ok(Some(el)) = root.query_selector(&format!("#{id}")) {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Center);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
                pending_focus.set(None);
            }
        });
    }

    let ready = match view {
        View::Loading => {
            return styled(html! {
                <div class="ct-root ct-loading" role="status" ref={root} lang={lang.tag()}>{text(lang, Key::Loading)}</div>
            })
        }
        View::Error { code, message } => return error_box(root, lang, &code, &message),
        View::AlreadyAccepted { titles, .. } => {
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            return styled(html! {
                <section class="ct-root" aria-label={text(lang, Key::RegionLabel)} lang={lang.tag()} ref={root} data-phase="already-accepted">
                    <div class="ct-outcome" role="status">{fill(lang, Key::AlreadyAccepted, &[("titles", &title_list(lang, &titles))])}</div>
                </section>
            });
        }
        View::Ready(r) => r,
    };
    let Some(state) = state else {
        return Html::default();
    };

    let count = state.agreements.len();
    let onkeydown = {
        let selected = selected.clone();
        let pending_focus = pending_focus.clone();
        let ids: Vec<String> = state.agreements.iter().map(|a| a.id.clone()).collect();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (current + 1) % count,
                "ArrowLeft" | "ArrowUp" => (current + count - 1) % count,
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            e.prevent_default();
            selected.set(next);
            pending_focus.set(ids.get(next).map(|id| format!("ct-tab-{id}")));
        })
    };
    let tabs = state.agreements.iter().enumerate().map(|(i, a)| {
        let onclick = {
            let selected = selected.clone();
            Callback::from(move |_: MouseEvent| selected.set(i))
        };
        let read = if a.reached_end { Key::ReadToEndDone } else { Key::ReadToEndPending };
        html! {
            <button type="button" role="tab" id={format!("ct-tab-{}", a.id)} class="ct-tab"
                    aria-selected={(i == current).to_string()} aria-controls="ct-panel"
                    tabindex={if i == current { "0" } else { "-1" }}
                    data-agreement-id={a.id.clone()} data-read={a.reached_end.to_string()} {onclick}>
                <span lang="en">{a.title.clone()}</span>
                <span class="ct-read" aria-hidden="true">{if a.reached_end { " ✓" } else { "" }}</span>
                <span class="ct-sr-only">{format!(" ({})", text(lang, read))}</span>
            </button>
        }
    });
    let shown_id = state
        .agreements
        .get(current)
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let changes = ready.changes.get(current).cloned().flatten();
    let (receipt_note, receipt_error) = match &*receipt {
        ReceiptStatus::None => (None, None),
        ReceiptStatus::Signing => (Some(AttrValue::from(text(lang, Key::Signing))), None),
        ReceiptStatus::Signed(id) => (
            Some(AttrValue::from(fill(lang, Key::Signed, &[("id", id)]))),
            None,
        ),
        ReceiptStatus::Failed { code, message } => (None, Some((*code, message.clone()))),
    };
    styled(html! {
        <section class="ct-root" aria-label={text(lang, Key::RegionLabel)} lang={lang.tag()} ref={root}
                 data-phase={phase_name(&state.phase)}>
            <div role="tablist" aria-label={text(lang, Key::TabsLabel)} class="ct-tabs" {onkeydown}>{ for tabs }</div>
            <div role="tabpanel" id="ct-panel" class="ct-panel" tabindex="0" aria-labelledby={format!("ct-tab-{shown_id}")}>
                if let Some((previous, changes)) = changes {
                    <ChangesView previous={AttrValue::from(previous)} {changes} {lang} />
                }
                <AgreementView catalog={ready.catalog.clone()} index={ready.indices.get(current).copied().unwrap_or_default()}
                    hash={AttrValue::from(ready.hashes.get(current).cloned().unwrap_or_default())}
                    precedence={ready.precedence.get(current).cloned().flatten().map(AttrValue::from)}
                    {lang} {onreachedend} />
            </div>
            <HighlightsList catalog={ready.catalog.clone()} indices={ready.indices.clone()} {lang} {onfollow} />
            <AcceptPanel {state} {lang} {onact} {receipt_note} />
            if let Some((code, message)) = receipt_error {
                <div class="ct-error ct-receipt-error" role="alert" data-code={code}>
                    {message}<span class="ct-code">{format!(" ({code})")}</span>
                </div>
            }
        </section>
    })
}

/// Reads the agreement shown now back from the DOM and remembers the hash of that text.
fn remember_rendered_hash(root: &NodeRef, hashes: Rc<RefCell<BTreeMap<String, String>>>) {
    let Some(article) = root
        .cast::<web_sys::Element>()
        .and_then(|r| r.query_selector("article.ct-agreement").ok().flatten())
    else {
        return;
    };
    let id = article
        .get_attribute("data-agreement-id")
        .unwrap_or_default();
    let canonical = rendered_canonical(&article);
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(hash) = sha256_hex(&canonical).await {
            hashes.borrow_mut().insert(id, hash);
        }
    });
}

/// Everything the signing of a receipt needs, taken from one render.
struct Signer {
    lang: Lang,
    subject: Option<String>,
    nonce: Option<String>,
    post_to: Option<String>,
    accepted: Option<AcceptedVersions>,
    root: NodeRef,
    rendered_hashes: Rc<RefCell<BTreeMap<String, String>>>,
    receipt: UseStateHandle<ReceiptStatus>,
}

impl Signer {
    /// Checks that what was shown is the published text, signs the record with this origin's
    /// key, dispatches `consent-receipt` (and posts it to the parent frame if asked), then
    /// remembers the acceptance. Storage comes last: failing to remember never loses a receipt.
    async fn sign_and_send(self, state: ConsentState, emit: impl Fn(&str, Json) + 'static) {
        let lang = self.lang;
        let fail = |code: &'static str, message: String| {
            emit("consent-error", error_json(code, &message, false));
            self.receipt.set(ReceiptStatus::Failed { code, message });
        };
        self.receipt.set(ReceiptStatus::Signing);
        // The agreement on screen is read back once more, as it is at the moment of acceptance.
        if let Some(article) = self
            .root
            .cast::<web_sys::Element>()
            .and_then(|r| r.query_selector("article.ct-agreement").ok().flatten())
        {
            let id = article
                .get_attribute("data-agreement-id")
                .unwrap_or_default();
            match sha256_hex(&rendered_canonical(&article)).await {
                Ok(hash) => {
                    self.rendered_hashes.borrow_mut().insert(id, hash);
                }
                Err(e) => {
                    return fail(
                        "signing-failed",
                        fill(lang, Key::SigningFailed, &[("reason", &e.to_string())]),
                    )
                }
            }
        }
        for a in state.agreements.iter().filter(|a| a.displayed_at.is_some()) {
            if self.rendered_hashes.borrow().get(&a.id) != Some(&a.hash) {
                return fail(
                    "hash-mismatch",
                    fill(lang, Key::RenderedMismatch, &[("title", &a.title)]),
                );
            }
        }
        let key = match receipt_key().await {
            Ok(k) => k,
            Err(e) => {
                return fail(
                    "signing-failed",
                    fill(lang, Key::SigningFailed, &[("reason", &e.to_string())]),
                )
            }
        };
        if !key.persisted {
            emit(
                "consent-error",
                error_json("key-not-persisted", text(lang, Key::KeyNotPersisted), true),
            );
        }
        let receipt_id = match random_uuid() {
            Ok(id) => id,
            Err(e) => {
                return fail(
                    "signing-failed",
                    fill(lang, Key::SigningFailed, &[("reason", &e.to_string())]),
                )
            }
        };
        let context = RecordContext {
            receipt_id: receipt_id.clone(),
            subject: self.subject.clone(),
            audience: page_origin(),
            nonce: self.nonce.clone(),
            locale: lang.tag().to_string(),
            assent_wording: assent_wording(lang, &state),
        };
        let Some(record) = record_of(&state, context) else {
            return;
        };
        let input = signing_input(&record, &key.jwk);
        let signature = match sign(&key, &input).await {
            Ok(s) => s,
            Err(e) => {
                return fail(
                    "signing-failed",
                    fill(lang, Key::SigningFailed, &[("reason", &e.to_string())]),
                )
            }
        };
        let jws = compact_jws(&input, &signature);
        // The consent-receipt event: the JWS for the backend, the record for the page.
        emit(
            "consent-receipt",
            Json::object([
                ("jws", jws.as_str().into()),
                ("record", record.to_json()),
                ("keyThumbprint", jwk_thumbprint(&key.jwk).into()),
            ]),
        );
        if let Some(origin) = &self.post_to {
            post_to_parent(
                origin,
                &Json::object([
                    ("type", "consent-receipt".into()),
                    ("jws", jws.as_str().into()),
                    ("record", record.to_json()),
                ]),
            );
        }
        self.receipt.set(ReceiptStatus::Signed(receipt_id));
        let mut accepted = self.accepted.clone().unwrap_or_default();
        for a in &record.agreements {
            accepted.insert(
                a.id.clone(),
                AcceptedVersion {
                    version: a.version.clone(),
                    sha256: a.sha256.clone(),
                    accepted_at: record.accepted_at.clone(),
                },
            );
        }
        if let Err(why) = save_accepted(self.subject.as_deref(), &accepted) {
            let message = [text(lang, Key::StorageUnavailable), " (", &why, ")"].concat();
            emit(
                "consent-error",
                error_json("storage-unavailable", &message, true),
            );
        }
    }
}

/// Every state of the widget carries its styles, so an error is as legible as the agreements.
fn styled(content: Html) -> Html {
    html! { <><style>{STYLE}</style>{content}</> }
}

fn error_box(root: NodeRef, lang: Lang, code: &str, message: &str) -> Html {
    styled(html! {
        <div class="ct-root ct-error" role="alert" data-code={code.to_string()} ref={root} lang={lang.tag()}>
            <strong>{text(lang, Key::ErrorTitle)}</strong>{" "}{message.to_string()}
            <span class="ct-code">{format!(" ({code})")}</span>
        </div>
    })
}
