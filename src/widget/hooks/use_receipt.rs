//! `use_receipt`: the outcome of a flow reaches the host. A decline is reported; an acceptance
//! is checked against the text that was shown, signed with this origin's key, dispatched as
//! `consent-receipt` (and posted to the parent frame if asked), then remembered. Storage comes
//! last: failing to remember never loses a receipt. The person's copy of what they accepted
//! is written in a later task and dispatched as `consent-copy`: the receipt does not wait for
//! it.

use super::use_effect_on::{nothing, use_effect_on};
use super::use_evidence::Evidence;
use super::use_flow_events::Reporting;
use super::use_host_events::{agreements_detail, HostEvents};
use crate::consent::{ConsentState, Phase};
use crate::contract::{CopyDetail, DeclinedDetail, ErrorCode, Event};
use crate::copy::{accepted_document, Document};
use crate::i18n::{fill, text, Key, Lang};
use crate::json::Json;
use crate::receipt::{
    compact_jws, jwk_thumbprint, record_of, signing_input, ConsentRecord, RecordContext,
};
use crate::reconsent::{AcceptedVersion, AcceptedVersions};
use crate::web::{
    audience, json_value, next_task, post_to_parent, random_uuid, receipt_key, save_accepted, sign,
    WebError,
};
use crate::widget::CatalogRef;
use crate::wording::{assent_of, authority_of};
use std::rc::Rc;
use yew::prelude::*;

/// Where the receipt of an acceptance stands.
#[derive(Clone, PartialEq)]
pub enum ReceiptStatus {
    /// Nothing accepted yet.
    None,
    /// Being signed.
    Signing,
    /// Signed: its receipt id, and the person's copy of what they accepted once written.
    Signed(String, Option<Rc<Document>>),
    /// No receipt: why.
    Failed(ErrorCode, String),
}

/// The detail of `consent-receipt`: the JWS for the backend, the record for the page.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ReceiptDetail {
    jws: String,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    record: wasm_bindgen::JsValue,
    key_thumbprint: String,
}

/// Where an agreement of the flow is in the catalogue: its text shown, and its announced
/// version's, if any.
pub type ShownTexts = (usize, Option<usize>);

/// What the receipt says besides the flow, taken from one render.
pub struct Signing {
    /// The host's nonce.
    pub nonce: Option<String>,
    /// The parent frame's origin, to post the receipt to.
    pub post_to: Option<String>,
    /// What was accepted before (to remember the new acceptance beside it).
    pub accepted: Option<AcceptedVersions>,
    /// The catalogue and the position in it of each agreement of the flow, in its order, with
    /// that of its announced version: the texts the copy holds.
    pub texts: Option<(CatalogRef, Vec<ShownTexts>)>,
}

/// Everything signing needs, taken from one render.
struct ReceiptContext {
    /// UI language.
    lang: Lang,
    /// The host's subject.
    subject: Option<String>,
    /// The host's nonce.
    nonce: Option<String>,
    /// The parent frame's origin, to post the receipt to.
    post_to: Option<String>,
    /// What was accepted before (to remember the new acceptance beside it).
    accepted: Option<AcceptedVersions>,
    /// The texts as rendered and the signing key loaded when the flow was shown.
    evidence: Evidence,
    /// The catalogue and the position in it of each agreement of the flow, in its order, with
    /// that of its announced version: the texts the copy holds.
    texts: Option<(CatalogRef, Vec<ShownTexts>)>,
    /// Where the host's events go.
    events: HostEvents,
}

/// How long signing may take before the person is told it is under way.
const SIGNING_NOTE_MS: u32 = 150;

/// Reports the outcome of the flow in `state` when its phase changes, to `reporting`; signs an
/// acceptance with the key and against the texts of `evidence`. Returns where the receipt
/// stands.
#[hook]
pub fn use_receipt(
    state: Option<ConsentState>,
    reporting: &Reporting,
    signing: Signing,
    evidence: &Evidence,
) -> ReceiptStatus {
    let context = ReceiptContext {
        lang: reporting.lang,
        subject: reporting.subject.clone(),
        nonce: signing.nonce,
        post_to: signing.post_to,
        accepted: signing.accepted,
        evidence: evidence.clone(),
        texts: signing.texts,
        events: reporting.events.clone(),
    };
    let receipt = use_state(|| ReceiptStatus::None);
    let outcome = state.filter(|s| s.phase != Phase::Open);
    {
        let receipt = receipt.setter();
        use_effect_on(outcome.as_ref().map(|s| s.phase.clone()), move |phase| {
            react(phase, outcome, context, receipt);
            nothing()
        });
    }
    (*receipt).clone()
}

/// What the outcome `phase` of the flow `outcome` makes happen: a decline is reported, an
/// acceptance signed.
fn react(
    phase: &Option<Phase>,
    outcome: Option<ConsentState>,
    context: ReceiptContext,
    receipt: UseStateSetter<ReceiptStatus>,
) {
    match (phase, outcome) {
        (Some(Phase::Declined { at }), Some(s)) => context.events.emit(
            Event::Declined,
            &DeclinedDetail {
                declined_at: at.clone(),
                agreements: agreements_detail(&s),
            },
        ),
        (Some(Phase::Accepted { .. }), Some(s)) => {
            // "Signing…" is shown only if signing is slow (a key still being made):
            // a render before the receipt would delay it by as much as signing takes.
            let done = Rc::new(std::cell::Cell::new(false));
            {
                let (done, receipt) = (done.clone(), receipt.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    gloo_timers::future::TimeoutFuture::new(SIGNING_NOTE_MS).await;
                    if !done.get() {
                        receipt.set(ReceiptStatus::Signing);
                    }
                });
            }
            wasm_bindgen_futures::spawn_local(async move {
                let result = sign_and_send(&context, &s).await;
                done.set(true);
                match result {
                    Ok((id, record, jws)) => {
                        receipt.set(ReceiptStatus::Signed(id.clone(), None));
                        // The copy is a document of some size: written after the
                        // receipt has gone, in a task of its own.
                        next_task().await;
                        let copy = person_copy(&context, &s, &record, &jws);
                        context.events.emit(
                            Event::Copy,
                            &CopyDetail {
                                receipt_id: id.clone(),
                                filename: copy.filename.clone(),
                                html: copy.html.clone(),
                            },
                        );
                        receipt.set(ReceiptStatus::Signed(id, Some(Rc::new(copy))));
                    }
                    Err((code, message)) => {
                        context.events.error(code, &message);
                        receipt.set(ReceiptStatus::Failed(code, message));
                    }
                }
            });
        }
        _ => {}
    }
}

fn signing_failed(lang: Lang, e: &WebError) -> (ErrorCode, String) {
    (
        ErrorCode::SigningFailed,
        fill(lang, Key::SigningFailed, &[("reason", &e.to_string())]),
    )
}

/// The person's copy of what `state` accepted, with its signed `record` and `jws`.
fn person_copy(
    c: &ReceiptContext,
    state: &ConsentState,
    record: &ConsentRecord,
    jws: &str,
) -> Document {
    let (mut texts, mut ahead) = (Vec::new(), Vec::new());
    if let Some((catalog, shown)) = &c.texts {
        let all = catalog.0.all();
        for (p, (index, next)) in state.agreements.iter().zip(shown) {
            if let Some(a) = all.get(*index) {
                texts.push((a, p.hash.as_str()));
            }
            if let (Some(n), Some(a)) = (
                p.ahead.as_ref().filter(|n| n.accepted),
                next.and_then(|i| all.get(i)),
            ) {
                ahead.push((a, n.hash.as_str()));
            }
        }
    }
    accepted_document(&texts, &ahead, record, jws, c.lang)
}

/// Signs and sends the receipt of `state`; its receipt id, record and JWS, or the error code
/// and message.
async fn sign_and_send(
    c: &ReceiptContext,
    state: &ConsentState,
) -> Result<(String, ConsentRecord, String), (ErrorCode, String)> {
    let lang = c.lang;
    // Each agreement was read back from the page in the task after it was rendered, and
    // watched from then on (a change is kept as such): accepting only compares, with no walk of
    // the DOM, unless it comes before that task (the agreement shown is read back now). One
    // rendered and not yet in view is compared too.
    let shown = state
        .agreements
        .iter()
        .filter(|a| a.displayed_at.is_some() || c.evidence.knows(&a.id));
    if shown.clone().any(|a| !c.evidence.knows(&a.id)) {
        c.evidence.read_back();
    }
    for a in shown {
        if !c.evidence.shows(&a.id, &a.hash) {
            return Err((
                ErrorCode::RenderedMismatch,
                fill(lang, Key::RenderedMismatch, &[("title", &a.title)]),
            ));
        }
    }
    let cached = c.evidence.key();
    let key = match cached {
        Some(key) => key,
        None => receipt_key().await.map_err(|e| signing_failed(lang, &e))?,
    };
    if !key.persisted {
        c.events
            .error(ErrorCode::KeyNotPersisted, text(lang, Key::KeyNotPersisted));
    }
    let receipt_id = random_uuid().map_err(|e| signing_failed(lang, &e))?;
    let context = RecordContext {
        receipt_id: receipt_id.clone(),
        subject: c.subject.clone(),
        audience: audience(c.post_to.as_deref()),
        nonce: c.nonce.clone(),
        locale: lang.tag().to_string(),
        assent_wording: assent_of(lang, state),
        authority_wording: authority_of(lang, state),
    };
    let Some(record) = record_of(state, context) else {
        return Err((
            ErrorCode::SigningFailed,
            fill(
                lang,
                Key::SigningFailed,
                &[("reason", "the flow is not accepted")],
            ),
        ));
    };
    let input = signing_input(&record, &key.jwk);
    let signature = sign(&key, &input)
        .await
        .map_err(|e| signing_failed(lang, &e))?;
    let jws = compact_jws(&input, &signature);
    // The consent-receipt event: the JWS for the backend, the record for the page.
    c.events.emit(
        Event::Receipt,
        &ReceiptDetail {
            jws: jws.clone(),
            record: json_value(&record.to_json()),
            key_thumbprint: jwk_thumbprint(&key.jwk),
        },
    );
    if let Some(origin) = &c.post_to {
        post_to_parent(
            origin,
            &Json::object([
                ("type", Event::Receipt.name().into()),
                ("jws", jws.as_str().into()),
                ("record", record.to_json()),
            ]),
        );
    }
    let mut accepted = c.accepted.clone().unwrap_or_default();
    // A version accepted ahead is remembered: it is current on its effective date, and until
    // then the version in effect is not asked again either.
    for (id, version, sha256) in record
        .agreements
        .iter()
        .map(|a| (&a.id, &a.version, &a.sha256))
        .chain(
            record
                .accepted_ahead
                .iter()
                .map(|a| (&a.id, &a.version, &a.sha256)),
        )
    {
        accepted.insert(
            id.clone(),
            AcceptedVersion {
                version: version.clone(),
                sha256: sha256.clone(),
                accepted_at: record.accepted_at.clone(),
            },
        );
    }
    remember(c.lang, &c.events, c.subject.as_deref(), &accepted);
    Ok((receipt_id, record, jws))
}

/// Saves what was accepted; a storage failure is a warning to the host, never an error.
pub fn remember(
    lang: Lang,
    events: &HostEvents,
    subject: Option<&str>,
    accepted: &AcceptedVersions,
) {
    if let Err(e) = save_accepted(subject, accepted) {
        warn_storage(lang, events, &e);
    }
}

/// The storage warning, worded once.
pub fn warn_storage(lang: Lang, events: &HostEvents, e: &WebError) {
    let message = [
        text(lang, Key::StorageUnavailable),
        " (",
        &e.to_string(),
        ")",
    ]
    .concat();
    events.error(ErrorCode::StorageUnavailable, &message);
}
