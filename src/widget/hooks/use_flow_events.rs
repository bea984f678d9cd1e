//! `use_flow_events`: what the host learns while the person reads, and the flow's bookkeeping
//! that goes with it: `consent-ready` and a fresh flow when new agreements are shown,
//! `consent-change` whenever what is missing changes, each agreement's first display with the
//! hash of its text as rendered, and `consent-error` for failures and warnings.

use super::use_flow::{Flow, FlowMsg};
use super::use_host_events::{agreements_detail, HostEvents};
use super::use_receipt::{remember, remember_rendered, warn_storage, RenderedHashes};
use crate::consent::{Act, ConsentState, Missing};
use crate::contract::{ChangeDetail, ErrorCode, Event, ReadyDetail};
use crate::i18n::{text, Key, Lang};
use crate::plan::{FlowKey, Plan};
use crate::reconsent::AcceptedVersions;
use crate::web::{now_rfc3339, receipt_key, WebError};
use yew::prelude::*;

/// What [`use_flow_events`] watches, taken from one render.
pub struct FlowEvents {
    /// UI language.
    pub lang: Lang,
    /// The sign-up's provider and products, as the host gave them.
    pub signup: (AttrValue, AttrValue),
    /// Where events go.
    pub events: HostEvents,
    /// The flow's dispatcher.
    pub flow: UseReducerDispatcher<Flow>,
    /// The flow shown.
    pub key: FlowKey,
    /// The plan, once the catalogue is loaded.
    pub plan: Option<Plan>,
    /// The flow's state, while agreements are asked.
    pub state: Option<ConsentState>,
    /// The tab shown.
    pub current: usize,
    /// The widget's root element.
    pub root: NodeRef,
    /// The rendered text's hashes.
    pub rendered: RenderedHashes,
    /// What was accepted before, or why storage could not be read.
    pub accepted: Result<AcceptedVersions, WebError>,
    /// The host's subject.
    pub subject: Option<String>,
    /// A failure to show.
    pub failure: Option<(ErrorCode, String)>,
    /// Reading to the end cannot be observed (the styles are not in effect).
    pub unobservable: bool,
}

/// Reports the flow to the host as it goes.
#[hook]
pub fn use_flow_events(f: FlowEvents) {
    let FlowEvents { lang, events, .. } = &f;
    let lang = *lang;
    // Storage that cannot be read is worth a warning; consent still works without it.
    {
        let events = events.clone();
        use_effect_with(f.accepted.as_ref().err().cloned(), move |failed| {
            if let Some(e) = failed {
                warn_storage(lang, &events, e);
            }
        });
    }
    // New agreements: a fresh flow, and the host learns what is shown.
    {
        let (events, flow, plan) = (events.clone(), f.flow.clone(), f.plan.clone());
        let signup = f.signup.clone();
        let (accepted, subject) = (f.accepted.as_ref().ok().cloned(), f.subject.clone());
        use_effect_with(f.key.clone(), move |key| match plan {
            Some(Plan::Ask(ask)) => {
                record_silently(lang, &events, subject.as_deref(), accepted, &ask.recorded);
                // Make or load the signing key now, so that accepting only has to sign.
                wasm_bindgen_futures::spawn_local(async {
                    let _ = receipt_key().await;
                });
                events.emit(Event::Ready, &ready_detail(lang, &signup, &ask.initial));
                flow.dispatch(FlowMsg::Start(key.clone(), ask.initial));
            }
            Some(Plan::AlreadyAccepted { recorded, .. }) => {
                record_silently(lang, &events, subject.as_deref(), accepted, &recorded);
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
        });
    }
    // Each agreement's first display is recorded, with the hash of the text as rendered.
    {
        let (flow, root, rendered) = (f.flow.clone(), f.root.clone(), f.rendered.clone());
        let ready = f.state.is_some();
        use_effect_with(
            (f.key.clone(), f.current, ready),
            move |(_, current, ready)| {
                if *ready {
                    flow.dispatch(FlowMsg::Act(Act::Displayed {
                        index: *current,
                        at: now_rfc3339(),
                    }));
                    remember_rendered(&root, &rendered);
                }
            },
        );
    }
    // What is still missing, whenever it changes.
    {
        let events = events.clone();
        let state = f.state.clone();
        let missing: Vec<String> = state
            .as_ref()
            .map(|s| s.missing().iter().map(Missing::code).collect())
            .unwrap_or_default();
        let phase = state.as_ref().map(|s| s.phase.name());
        use_effect_with(
            (f.key.clone(), missing, phase),
            move |(_, missing, phase)| {
                if let (Some(state), Some(phase)) = (state, phase) {
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
            },
        );
    }
    // Errors reach the host with the same code the person sees.
    {
        let events = events.clone();
        use_effect_with(f.failure.clone(), move |failure| {
            if let Some((code, message)) = failure {
                events.error(*code, message);
            }
        });
    }
    {
        let events = events.clone();
        use_effect_with(f.unobservable, move |unobservable| {
            if *unobservable {
                events.error(
                    ErrorCode::StylesUnavailable,
                    text(lang, Key::StylesUnavailable),
                );
            }
        });
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
