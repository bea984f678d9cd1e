//! The consent record and its signed form, the receipt: a JWS compact serialization
//! (RFC 7515) with `alg: ES256`, the signer's public key as a JWK (RFC 7517) in the protected
//! header and its RFC 7638 thumbprint as `kid`. Pure: the browser signs the bytes this module
//! prepares; the native verifier (`crate::verify`) checks them.

use crate::json::{quote_into, Json};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The record's `schema` value; a verifier rejects any other.
pub const RECEIPT_SCHEMA: &str = "consent-terms/receipt/v1";

/// The protected header's `typ`.
pub const RECEIPT_TYP: &str = "consent-receipt+jws";

/// What the person accepted, for one agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementConsent {
    /// Agreement id.
    pub id: String,
    /// Version accepted.
    pub version: String,
    /// Content hash of that version (canonical SHA-256, lower-case hex).
    pub sha256: String,
    /// When the agreement was first shown (RFC 3339 UTC), if it was.
    pub displayed_at: Option<String>,
    /// Whether the person reached its end.
    pub reached_end: bool,
    /// Ids of the highlighted clauses the person acknowledged (`h1`, `h2`, ...).
    pub acknowledged_highlights: Vec<String>,
    /// The day this version took effect; written when the receipt also accepts a version
    /// ahead, so that it says which version applies from when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    /// Ids of the highlighted clauses the person asked about ("Ask about this clause"), in
    /// the order first asked. Absent when they asked about none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions_asked: Vec<String>,
}

/// A version accepted ahead: announced at the time of acceptance, taking effect later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AheadConsent {
    /// Agreement id (one of the record's `agreements`).
    pub id: String,
    /// The announced version accepted.
    pub version: String,
    /// Its content hash.
    pub sha256: String,
    /// The day it takes effect (`YYYY-MM-DD`).
    pub effective: String,
}

/// The organisation the person accepted for, and the words by which they said they may.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationConsent {
    /// Its legal name, as the host gave it.
    pub name: String,
    /// The host's identifier for it, if given.
    pub id: Option<String>,
    /// The authority statement the person ticked, in the words shown.
    pub authority: String,
}

/// How assent was given, in the words shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assent {
    /// `checkbox` (box plus button) or `button` (one "Agree and register" button).
    pub mode: String,
    /// The wording of the assent control the person used, as shown.
    pub wording: String,
}

/// What the host required before acceptance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredSteps {
    /// Each agreement had to be read to its end.
    pub read_to_end: bool,
    /// The highlighted clauses had to be acknowledged separately.
    pub acknowledge_highlights: bool,
}

/// The consent record: what a receipt signs. Field names and their ISO/IEC TS 27560 and
/// Kantara Consent Receipt counterparts are tabulated in `docs/receipts.md`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentRecord {
    /// Always [`RECEIPT_SCHEMA`].
    pub schema: String,
    /// Random id of this receipt (128 bits from the browser's CSPRNG, as a UUID).
    pub receipt_id: String,
    /// Who accepted, as the host names them, if the host said.
    pub subject: Option<String>,
    /// The origin of the page where consent was given.
    pub audience: String,
    /// The host server's nonce for this sign-up, if the host gave one.
    pub nonce: Option<String>,
    /// The language of the interface (BCP 47).
    pub locale: String,
    /// When the person accepted (RFC 3339 UTC, milliseconds).
    pub accepted_at: String,
    /// How assent was given.
    pub assent: Assent,
    /// What the host required.
    pub required: RequiredSteps,
    /// Every agreement accepted.
    pub agreements: Vec<AgreementConsent>,
    /// Announced versions accepted in the same act, ahead of their effective date; absent when
    /// none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_ahead: Vec<AheadConsent>,
    /// The organisation accepted for; absent when the person accepted for themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<OrganizationConsent>,
}

/// A P-256 public key as a JWK.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    /// Always `EC`.
    pub kty: String,
    /// Always `P-256`.
    pub crv: String,
    /// X coordinate, base64url.
    pub x: String,
    /// Y coordinate, base64url.
    pub y: String,
}

/// The receipt's protected header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Always `ES256`.
    pub alg: String,
    /// Always [`RECEIPT_TYP`].
    pub typ: String,
    /// RFC 7638 thumbprint of `jwk`.
    pub kid: String,
    /// The signer's public key.
    pub jwk: Jwk,
}

/// base64url without padding (RFC 4648 §5). Written out rather than taken from the `base64`
/// crate, whose general-purpose encoder costs the widget 2.3 KB of wasm for three calls;
/// `tests/receipts.rs` checks it against that crate.
pub fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        // One more character than bytes in the chunk: 3 bytes give 4, 2 give 3, 1 gives 2.
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url without padding, rejecting any other alphabet, padding or stray bits.
pub fn b64url_decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// The RFC 7638 thumbprint of a P-256 JWK: SHA-256 over `{"crv","kty","x","y"}` in that
/// order with no white space, base64url.
pub fn jwk_thumbprint(jwk: &Jwk) -> String {
    let mut canonical = String::from("{\"crv\":");
    for (value, next) in [
        (&jwk.crv, ",\"kty\":"),
        (&jwk.kty, ",\"x\":"),
        (&jwk.x, ",\"y\":"),
        (&jwk.y, "}"),
    ] {
        quote_into(&mut canonical, value);
        canonical.push_str(next);
    }
    b64url(&Sha256::digest(canonical.as_bytes()))
}

impl Jwk {
    /// The JWK as JSON, members in declaration order.
    pub fn to_json(&self) -> Json {
        Json::object([
            ("kty", self.kty.as_str().into()),
            ("crv", self.crv.as_str().into()),
            ("x", self.x.as_str().into()),
            ("y", self.y.as_str().into()),
        ])
    }
}

impl ConsentRecord {
    /// The record as JSON, members in declaration order: the bytes a receipt signs.
    pub fn to_json(&self) -> Json {
        let agreements = self
            .agreements
            .iter()
            .map(|a| {
                let mut fields = vec![
                    ("id", a.id.as_str().into()),
                    ("version", a.version.as_str().into()),
                    ("sha256", a.sha256.as_str().into()),
                    ("displayed_at", a.displayed_at.as_deref().into()),
                    ("reached_end", a.reached_end.into()),
                    (
                        "acknowledged_highlights",
                        a.acknowledged_highlights.clone().into(),
                    ),
                ];
                // Optional members come last and only when present, so a record without them
                // is byte for byte what it was before they existed.
                if let Some(effective) = &a.effective {
                    fields.push(("effective", effective.as_str().into()));
                }
                if !a.questions_asked.is_empty() {
                    fields.push(("questions_asked", a.questions_asked.clone().into()));
                }
                Json::object(fields)
            })
            .collect();
        let mut fields = vec![
            ("schema", self.schema.as_str().into()),
            ("receipt_id", self.receipt_id.as_str().into()),
            ("subject", self.subject.as_deref().into()),
            ("audience", self.audience.as_str().into()),
            ("nonce", self.nonce.as_deref().into()),
            ("locale", self.locale.as_str().into()),
            ("accepted_at", self.accepted_at.as_str().into()),
            (
                "assent",
                Json::object([
                    ("mode", self.assent.mode.as_str().into()),
                    ("wording", self.assent.wording.as_str().into()),
                ]),
            ),
            (
                "required",
                Json::object([
                    ("read_to_end", self.required.read_to_end.into()),
                    (
                        "acknowledge_highlights",
                        self.required.acknowledge_highlights.into(),
                    ),
                ]),
            ),
            ("agreements", Json::Array(agreements)),
        ];
        if !self.accepted_ahead.is_empty() {
            let ahead = self
                .accepted_ahead
                .iter()
                .map(|a| {
                    Json::object([
                        ("id", a.id.as_str().into()),
                        ("version", a.version.as_str().into()),
                        ("sha256", a.sha256.as_str().into()),
                        ("effective", a.effective.as_str().into()),
                    ])
                })
                .collect();
            fields.push(("accepted_ahead", Json::Array(ahead)));
        }
        if let Some(o) = &self.organization {
            fields.push((
                "organization",
                Json::object([
                    ("name", o.name.as_str().into()),
                    ("id", o.id.as_deref().into()),
                    ("authority", o.authority.as_str().into()),
                ]),
            ));
        }
        Json::object(fields)
    }
}

/// The JWS signing input for `record` signed by `jwk`: `b64url(header) "." b64url(payload)`.
pub fn signing_input(record: &ConsentRecord, jwk: &Jwk) -> String {
    let header = Json::object([
        ("alg", "ES256".into()),
        ("typ", RECEIPT_TYP.into()),
        ("kid", jwk_thumbprint(jwk).into()),
        ("jwk", jwk.to_json()),
    ]);
    let mut input = b64url(header.to_text().as_bytes());
    input.push('.');
    input.push_str(&b64url(record.to_json().to_text().as_bytes()));
    input
}

/// The compact JWS: the signing input, `.`, and the 64-byte `r || s` ES256 signature.
pub fn compact_jws(signing_input: &str, signature: &[u8]) -> String {
    let mut jws = signing_input.to_string();
    jws.push('.');
    jws.push_str(&b64url(signature));
    jws
}

/// What the widget knows about the page and the person, for the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordContext {
    /// Random receipt id.
    pub receipt_id: String,
    /// Host-supplied subject.
    pub subject: Option<String>,
    /// Page origin.
    pub audience: String,
    /// Host-supplied nonce.
    pub nonce: Option<String>,
    /// UI language.
    pub locale: String,
    /// The words of the assent control the person used.
    pub assent_wording: String,
    /// The words of the authority statement, when the person accepted for an organisation.
    pub authority_wording: Option<String>,
}

/// The record of an accepted flow; `None` unless the flow is accepted.
pub fn record_of(
    state: &crate::consent::ConsentState,
    ctx: RecordContext,
) -> Option<ConsentRecord> {
    use crate::consent::Phase;
    let Phase::Accepted { at } = &state.phase else {
        return None;
    };
    let ahead = state
        .agreements
        .iter()
        .any(|a| a.ahead.as_ref().is_some_and(|n| n.accepted));
    Some(ConsentRecord {
        schema: RECEIPT_SCHEMA.to_string(),
        receipt_id: ctx.receipt_id,
        subject: ctx.subject,
        audience: ctx.audience,
        nonce: ctx.nonce,
        locale: ctx.locale,
        accepted_at: at.clone(),
        assent: Assent {
            mode: state.requirements.mode.as_str().to_string(),
            wording: ctx.assent_wording,
        },
        required: RequiredSteps {
            read_to_end: state.requirements.read_to_end,
            acknowledge_highlights: state.requirements.acknowledge_highlights,
        },
        agreements: state
            .agreements
            .iter()
            .map(|a| AgreementConsent {
                id: a.id.clone(),
                version: a.version.clone(),
                sha256: a.hash.clone(),
                displayed_at: a.displayed_at.clone(),
                reached_end: a.reached_end,
                // Acknowledgement is recorded only when the person ticked the box for it.
                acknowledged_highlights: if state.acknowledged {
                    a.highlights.clone()
                } else {
                    Vec::new()
                },
                effective: ahead.then(|| a.effective.clone()),
                questions_asked: a.questions_asked.clone(),
            })
            .collect(),
        accepted_ahead: state
            .agreements
            .iter()
            .filter_map(|a| {
                let ahead = a.ahead.as_ref().filter(|n| n.accepted)?;
                Some(AheadConsent {
                    id: a.id.clone(),
                    version: ahead.version.clone(),
                    sha256: ahead.hash.clone(),
                    effective: ahead.effective.clone(),
                })
            })
            .collect(),
        organization: state
            .organization
            .as_ref()
            .filter(|_| state.authorized)
            .map(|o| OrganizationConsent {
                name: o.name.clone(),
                id: o.id.clone(),
                authority: ctx.authority_wording.unwrap_or_default(),
            }),
    })
}
