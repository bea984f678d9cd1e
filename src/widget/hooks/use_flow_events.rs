//! `use_flow_events`: what the host learns while the person reads, and the flow's bookkeeping
//! that goes with it: `consent-ready` and a fresh flow when new agreements are shown (and
//! `consent-ready` again when the interface language changes),
//! `consent-change` whenever what is missing changes, each agreement's first display with the
//! hash of its text as rendered, and `consent-error` for failures and warnings. The widget's
//! stylesheet is adopted at the first render, before any of that.

use super::super::plan_view::View;
use super::use_accepted::Accepted;
use super::use_effect_on::{nothing, use_effect_each};
use super::use_evidence::Evidence;
use super::use_flow::{Flow, FlowMsg};
use super::use_host_events::{agreements_detail, HostEvents};
use super::use_receipt::{remember, warn_storage};
use crate::consent::{ConsentState, Missing};
use crate::contract::{ChangeDetail, ErrorCode, Event, ReadyDetail};
use crate::i18n::{text, Key, Lang};
use crate::plan::{FlowKey, Plan};
use crate::reconsent::AcceptedVersions;
use crate::web::{adopt_styles, next_task, receipt_key, Element, WebError};
use yew::prelude::*;

/// Who the flow is reported to and for what sign-up, the same for the hooks of one render.
#[derive(Clone)]
pub struct Reporting {
    /// UI language.
    pub lang: Lang,
    /// Where events go.
    pub events: HostEvents,
    /// The host's subject.
    pub subject: Option<String>,
    /// The sign-up's provider and products, as the host gave them.
    pub signup: (AttrValue, AttrValue),
}

/// The flow as this render has it.
pub struct Flowing {
    /// The flow's dispatcher.
    pub flow: UseReducerDispatcher<Flow>,
    /// The flow's state, while agreements are asked.
    pub state: Option<ConsentState>,
    /// The tab shown.
    pub current: usize,
}

/// What [`use_flow_events`] watches, taken from one render.
struct FlowEvents {
    /// UI language.
    lang: Lang,
    /// The sign-up's provider and products, as the host gave them.
    signup: (AttrValue, AttrValue),
    /// Where events go.
    events: HostEvents,
    /// The flow's dispatcher.
    flow: UseReducerDispatcher<Flow>,
    /// The flow shown.
    key: FlowKey,
    /// The plan, once the catalogue is loaded.
    plan: Option<Plan>,
    /// The flow's state, while agreements are asked.
    state: Option<ConsentState>,
    /// The tab shown.
    current: usize,
    /// The texts as rendered and the signing key, in the widget's root element.
    evidence: Evidence,
    /// What was accepted before, and whether it could be read.
    accepted: Accepted,
    /// The host's subject.
    subject: Option<String>,
    /// A failure to show.
    failure: Option<(ErrorCode, String)>,
    /// Reading to the end cannot be observed (the styles are not in effect).
    unobservable: bool,
}

/// What the effects react to, from one render; each part is acted on when it differs from the
/// previous render's (every part on the first).
#[derive(Clone, PartialEq)]
struct Watched {
    lang: Lang,
    storage_failure: Option<WebError>,
    status_failure: Option<WebError>,
    key: FlowKey,
    displayed: (usize, bool),
    missing: (Vec<String>, Option<&'static str>),
    failure: Option<(ErrorCode, String)>,
    unobservable: bool,
}

/// Reports the flow to the host as it goes, for what `view` shows. One effect compares what
/// it watches with the previous render's values, in the order the host should learn of them.
#[hook]
pub fn use_flow_events(
    reporting: &Reporting,
    view: &View,
    flowing: Flowing,
    evidence: &Evidence,
    accepted: &Accepted,
) {
    let f = FlowEvents {
        lang: reporting.lang,
        signup: reporting.signup.clone(),
        events: reporting.events.clone(),
        flow: flowing.flow,
        key: view.flow_key(),
        plan: view.plan(),
        state: flowing.state,
        current: flowing.current,
        evidence: evidence.clone(),
        accepted: accepted.clone(),
        subject: reporting.subject.clone(),
        failure: view.failure(),
        unobservable: evidence.unobservable,
    };
    let previous = use_mut_ref(|| None::<Watched>);
    let state = f.state.clone();
    let now = Watched {
        lang: f.lang,
        storage_failure: f.accepted.storage_failure.clone(),
        status_failure: f.accepted.status_failure.clone(),
        key: f.key.clone(),
        displayed: (f.current, state.is_some()),
        missing: (
            state
                .as_ref()
                .map(|s| s.missing().iter().map(Missing::code).collect())
                .unwrap_or_default(),
            state.as_ref().map(|s| s.phase.name()),
        ),
        failure: f.failure.clone(),
        unobservable: f.unobservable,
    };
    use_effect_each(move || {
        let was = previous.borrow_mut().replace(now.clone());
        let changed =
            |same: fn(&Watched, &Watched) -> bool| was.as_ref().is_none_or(|was| !same(was, &now));
        let (lang, events) = (f.lang, &f.events);
        // The stylesheet is attached to the widget's shadow root once, whatever it shows first.
        if was.is_none() {
            if let Some(el) = f.evidence.root().cast::<Element>() {
                adopt_styles(&el);
            }
        }
        // Storage that cannot be read is worth a warning; consent still works without it.
        if changed(|a, b| a.storage_failure == b.storage_failure) {
            if let Some(e) = &now.storage_failure {
                warn_storage(lang, events, e);
            }
        }
        if changed(|a, b| a.status_failure == b.status_failure) {
            if let Some(e) = &now.status_failure {
                let message = [
                    text(lang, Key::StatusUnavailable),
                    " (",
                    &e.to_string(),
                    ")",
                ];
                events.error(ErrorCode::StatusUnavailable, &message.concat());
            }
        }
        // New agreements: a fresh flow, and the host learns what is shown. The same agreements
        // in another interface language: the flow goes on, and the host learns the new `lang`
        // (and the titles in it) from a new `consent-ready`, while they are still asked (once
        // accepted or declined, nothing is: a host that starts its sign-up over on
        // `consent-ready` would lock out the person who accepted).
        let asked = state
            .as_ref()
            .is_none_or(|s| s.phase == crate::consent::Phase::Open);
        if changed(|a, b| a.key == b.key) {
            new_flow(&f);
        } else if changed(|a, b| a.lang == b.lang) && asked {
            if let Some(Plan::Ask(ask)) = &f.plan {
                events.emit(Event::Ready, &ready_detail(lang, &f.signup, &ask.initial));
            }
        }
        // Each agreement shown is read back, for the hash of the text as rendered (its first
        // display, once it comes into view, is recorded by the agreement view).
        if changed(|a, b| a.key == b.key && a.displayed == b.displayed) && now.displayed.1 {
            // A tab the person switched to is read back at once: another switch must not come
            // before it. When the flow first shows, reading the text back waits for the next
            // task, out of the load's longest one (the text is watched for changes from the
            // moment it is shown, so nothing escapes in between).
            let switched = was
                .as_ref()
                .is_some_and(|was| was.key == now.key && was.displayed.1);
            if switched {
                f.evidence.read_back();
            } else {
                let evidence = f.evidence.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    next_task().await;
                    evidence.read_back();
                });
            }
        }
        // What is still missing, whenever it changes.
        if changed(|a, b| a.key == b.key && a.missing == b.missing) {
            if let (Some(state), (missing, Some(phase))) = (&state, &now.missing) {
                events.emit(
                    Event::Change,
                    &ChangeDetail {
                        missing: missing.clone(),
                        can_accept: state.can_accept(),
                        phase,
                        already_accepted: None,
                    },
                );
            }
        }
        // Errors reach the host with the same code the person sees.
        if changed(|a, b| a.failure == b.failure) {
            if let Some((code, message)) = &now.failure {
                events.error(*code, message);
            }
        }
        if changed(|a, b| a.unobservable == b.unobservable) && now.unobservable {
            events.error(
                ErrorCode::StylesUnavailable,
                text(lang, Key::StylesUnavailable),
            );
        }
        nothing()
    });
}

/// A new flow is shown: agreements to ask start a fresh flow and `consent-ready`; agreements
/// already accepted give a final `consent-change`. Newer versions that need no re-acceptance
/// are remembered either way.
fn new_flow(f: &FlowEvents) {
    let (lang, events) = (f.lang, &f.events);
    let accepted = f.accepted.versions.clone();
    match &f.plan {
        Some(Plan::Ask(ask)) => {
            record_silently(lang, events, f.subject.as_deref(), accepted, &ask.recorded);
            // Make or load the signing key now, so that accepting only has to sign.
            let evidence = f.evidence.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(key) = receipt_key().await {
                    evidence.keep_key(key);
                }
            });
            events.emit(Event::Ready, &ready_detail(lang, &f.signup, &ask.initial));
            f.flow
                .dispatch(FlowMsg::Start(f.key.clone(), ask.initial.clone()));
        }
        Some(Plan::AlreadyAccepted { recorded, .. }) => {
            record_silently(lang, events, f.subject.as_deref(), accepted, recorded);
            events.emit(
                Event::Change,
                &ChangeDetail {
                    missing: Vec::new(),
                    can_accept: false,
                    phase: "accepted",
                    already_accepted: Some(true),
                },
            );
        }
        None => {}
    }
}

fn ready_detail(
    lang: Lang,
    (provider, products): &(AttrValue, AttrValue),
    state: &ConsentState,
) -> ReadyDetail {
    ReadyDetail {
        provider: provider.to_string(),
        products: products.split_whitespace().map(String::from).collect(),
        lang: lang.tag(),
        agreements: agreements_detail(state),
    }
}

/// Newer versions that need no re-acceptance are remembered as accepted, without asking.
fn record_silently(
    lang: Lang,
    events: &HostEvents,
    subject: Option<&str>,
    accepted: Option<AcceptedVersions>,
    recorded: &[crate::plan::Recorded],
) {
    if let (false, Some(mut next)) = (recorded.is_empty(), accepted) {
        next.extend(recorded.iter().cloned());
        remember(lang, events, subject, &next);
    }
}
