//! The controls of assent: acknowledgement of the highlighted clauses, the authority to accept
//! for an organisation, the assent checkbox or the single "Agree and register" button,
//! decline, and what is still missing, in words; once accepted, "Save a copy".

use crate::consent::{Act, AssentMode, ConsentState, Missing, Phase};
use crate::i18n::{fill, text, Key, Lang};
use crate::web::{checkbox_checked, set_checkbox};
use crate::wording::{accept_label, assent_of, authority_of};
use yew::prelude::*;

/// What is still missing, as one sentence.
pub fn missing_sentence(lang: Lang, state: &ConsentState, missing: &[Missing]) -> String {
    if missing.is_empty() {
        return text(lang, Key::ReadyToAccept).to_string();
    }
    let items: Vec<String> = missing
        .iter()
        .map(|m| match m {
            Missing::ReadToEnd { title, .. } => fill(lang, Key::NeedReadToEnd, &[("title", title)]),
            Missing::Acknowledge => text(lang, Key::NeedAcknowledge).to_string(),
            Missing::Assent => text(lang, Key::NeedAssent).to_string(),
            Missing::Authority => fill(
                lang,
                Key::NeedAuthority,
                &[(
                    "organization",
                    state.organization.as_ref().map_or("", |o| o.name.as_str()),
                )],
            ),
        })
        .collect();
    fill(
        lang,
        Key::StillNeeded,
        &[("items", &items.join(text(lang, Key::ListSeparator)))],
    )
}

/// A checkbox's click as the flow's act: `make` gets (`index`, checked, trusted). One function
/// for every checkbox, not one copy per kind of act.
fn checkbox_act(
    make: fn(usize, bool, bool) -> Act,
    index: usize,
    onact: &Callback<Act>,
) -> Callback<MouseEvent> {
    let onact = onact.clone();
    Callback::from(move |e: MouseEvent| {
        let trusted = e.is_trusted();
        let Some(checked) = checkbox_checked(&e) else {
            return;
        };
        if !trusted {
            // A script ticked it: cancelling the click makes the browser undo the tick. A click
            // made as not cancelable (`new MouseEvent('click')`) cannot be cancelled, so the tick
            // is undone by hand: the box must never show a tick the flow does not count.
            if e.cancelable() {
                e.prevent_default();
            } else {
                set_checkbox(&e, !checked);
            }
            return;
        }
        onact.emit(make(index, checked, trusted));
    })
}

/// A button's click as the flow's act: `make` gets whether the browser marked it as a user
/// gesture.
fn button_act(make: fn(bool) -> Act, onact: &Callback<Act>) -> Callback<MouseEvent> {
    let onact = onact.clone();
    Callback::from(move |e: MouseEvent| onact.emit(make(e.is_trusted())))
}

/// The assent controls for the flow `state`; `onact` gets every act of the person, with
/// whether the browser marked it as a user gesture; `receipt_note` says what the receipt is
/// doing once accepted (signing, signed, failed); `onsavecopy`, once the receipt is signed,
/// saves the person's copy of what they accepted.
pub fn accept_panel(
    state: &ConsentState,
    lang: Lang,
    onact: &Callback<Act>,
    receipt_note: Option<String>,
    onsavecopy: Option<Callback<MouseEvent>>,
) -> Html {
    match &state.phase {
        Phase::Accepted { .. } => {
            return html! {
                <div class="ct-outcome" role="status" data-phase="accepted">
                    <p>{text(lang, Key::Accepted)}</p>
                    if let Some(note) = receipt_note { <p class="ct-receipt-note">{note}</p> }
                    if let Some(onclick) = onsavecopy {
                        <button type="button" id="ct-save-copy" class="ct-button" {onclick}>{text(lang, Key::SaveCopy)}</button>
                    }
                </div>
            };
        }
        Phase::Declined { .. } => {
            let onclick = button_act(|trusted| Act::Reopen { trusted }, onact);
            return html! {
                <div class="ct-outcome" role="status" data-phase="declined">
                    <p>{text(lang, Key::Declined)}</p>
                    <button type="button" class="ct-button" {onclick}>{text(lang, Key::ReviewAgain)}</button>
                </div>
            };
        }
        Phase::Open => {}
    }
    let missing = state.missing();
    let can_accept = state.can_accept();
    let highlight_count: usize = state.agreements.iter().map(|a| a.highlights.len()).sum();
    let ack = (state.requirements.acknowledge_highlights && state.has_highlights()).then(|| {
        let onclick = checkbox_act(
            |_, checked, trusted| Act::Acknowledge { checked, trusted },
            0,
            onact,
        );
        html! {
            <label class="ct-check">
                <input type="checkbox" id="ct-ack" checked={state.acknowledged} {onclick} />
                <span>{fill(lang, Key::AcknowledgeLabel, &[("count", &highlight_count.to_string())])}</span>
            </label>
        }
    });
    // Accepting an announced version ahead is offered, never required.
    let ahead = state.agreements.iter().enumerate().filter_map(|(index, a)| {
        let n = a.ahead.as_ref()?;
        let onclick = checkbox_act(
            |index, checked, trusted| Act::AcceptAhead { index, checked, trusted },
            index,
            onact,
        );
        Some(html! {
            <label class="ct-check">
                <input type="checkbox" id={["ct-ahead-", &a.id].concat()} checked={n.accepted} {onclick} />
                <span>{fill(lang, Key::AcceptAheadLabel, &[("title", &a.title), ("version", &n.version), ("date", &n.effective)])}</span>
            </label>
        })
    });
    let authority = authority_of(lang, state).map(|wording| {
        let onclick = checkbox_act(
            |_, checked, trusted| Act::Authorize { checked, trusted },
            0,
            onact,
        );
        html! {
            <label class="ct-check">
                <input type="checkbox" id="ct-authority" checked={state.authorized} {onclick} />
                <span>{wording}</span>
            </label>
        }
    });
    let assent = (state.requirements.mode == AssentMode::Checkbox).then(|| {
        let onclick = checkbox_act(
            |_, checked, trusted| Act::Assent { checked, trusted },
            0,
            onact,
        );
        html! {
            <label class="ct-check">
                <input type="checkbox" id="ct-assent" checked={state.assented} {onclick} />
                <span>{assent_of(lang, state)}</span>
            </label>
        }
    });
    let accept_text = accept_label(lang, state);
    let onaccept = button_act(
        |trusted| Act::Accept {
            trusted,
            at: crate::web::now_rfc3339(),
        },
        onact,
    );
    let ondecline = button_act(
        |trusted| Act::Decline {
            trusted,
            at: crate::web::now_rfc3339(),
        },
        onact,
    );
    // aria-disabled rather than disabled: the button stays focusable, so keyboard and screen
    // reader users reach it and hear, through aria-describedby, what is still missing.
    html! {
        <div class="ct-accept">
            { for ack }
            { for ahead }
            { for authority }
            { for assent }
            <p id="ct-status" class="ct-status" aria-live="polite" data-ready={can_accept.to_string()}>
                {missing_sentence(lang, state, &missing)}
            </p>
            <div class="ct-actions">
                <button type="button" id="ct-accept" class="ct-button ct-primary"
                        aria-disabled={(!can_accept).to_string()} aria-describedby="ct-status"
                        onclick={onaccept}>{accept_text}</button>
                <button type="button" id="ct-decline" class="ct-button" onclick={ondecline}>
                    {text(lang, Key::DeclineButton)}
                </button>
            </div>
        </div>
    }
}
