//! The native receipt verifier: signature, algorithm, key thumbprint, nonce, audience, age,
//! every (id, version, hash) against the agreements catalogue (a canonical v1 hash only for a
//! receipt accepted before [`CANONICAL_V2_SINCE`]), and the words the person agreed by, which
//! must be the widget's own ([`crate::wording`]). Each failure is its own error, with its own
//! exit code in the CLI.
//!
//! ```
//! use consent_terms::catalog::{Catalog, Source};
//! use consent_terms::verify::{verify_receipt, SignUpPolicy, VerifyOptions, VersionPolicy};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements");
//! # let jws = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/receipts.md"))?
//! #     .split("```").nth(7).unwrap_or_default().split_whitespace().collect::<String>();
//! # let expected_nonce = "n-0001".to_string();
//! # let now_ms = consent_terms::verify::parse_rfc3339_utc_ms("2026-11-22T10:01:00.000Z").unwrap_or_default();
//! let catalog = Catalog::from_sources(&Source::read_dir(&dir)?).map_err(|e| e[0].clone())?;
//! let verified = verify_receipt(&jws, &catalog, &VerifyOptions {
//!     nonce: Some(expected_nonce),
//!     audience: Some("https://console.example.com".into()),
//!     max_age_seconds: Some(600),
//!     key_thumbprint: None,
//!     now_ms,
//!     // The sign-up it is for: Kingsoft CDN needs the general and the CDN agreements.
//!     sign_up: Some(SignUpPolicy {
//!         provider: "kingsoft".into(),
//!         products: vec!["cdn".into()],
//!         versions: VersionPolicy::Unchanged,
//!     }),
//! })?;
//! for clause in &verified.acknowledged {
//!     println!("{} {:?} {}", clause.agreement, clause.clause, clause.kind.as_str());
//! }
//! # assert_eq!(verified.record.nonce.as_deref(), Some("n-0001"));
//! # Ok(())
//! # }
//! ```

use crate::agreement::{Agreement, Date, Highlight, HighlightKind};
use crate::canonical::Form;
use crate::catalog::Catalog;
use crate::consent::AssentMode;
use crate::i18n::Lang;
use crate::receipt::{b64url, b64url_decode, jwk_thumbprint, ConsentRecord, Jwk, RECEIPT_SCHEMA};
use crate::wording::{assent_wording, authority_wording};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use serde::Deserialize;
use std::fmt;

/// How far in the future a receipt's `accepted_at` may be (clock skew), in milliseconds.
pub const MAX_CLOCK_SKEW_MS: i64 = 5 * 60 * 1000;

/// The day canonical v2 began: the release that added scope and precedence to the hash
/// (2026-11-26) made the widget sign v2 hashes only. A v1 hash is accepted for a receipt
/// accepted before this day (UTC), and refused for one accepted on or after it, which no
/// widget of that release or later signs. Nothing else records the date: the catalogue knows
/// both hashes of every version, not when the v1 form stopped being signed.
pub const CANONICAL_V2_SINCE: Date = Date {
    year: 2026,
    month: 11,
    day: 26,
};

/// Why a receipt was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// Not three base64url segments separated by dots.
    Malformed(String),
    /// The protected header is not valid JSON of the expected shape.
    BadHeader(String),
    /// `alg` is not `ES256` (`none`, `HS256`, `ES512`, ... are refused).
    AlgorithmNotAllowed(String),
    /// The JWK is not a P-256 public key.
    BadKey(String),
    /// The JWK carries a private key (`d`).
    PrivateKeyInHeader,
    /// `kid` is not the RFC 7638 thumbprint of the JWK.
    KidMismatch {
        /// The header's `kid`.
        kid: String,
        /// The JWK's thumbprint.
        thumbprint: String,
    },
    /// The key is not the one the verifier was told to expect.
    UnexpectedKey {
        /// Expected thumbprint.
        expected: String,
        /// The receipt's.
        found: String,
    },
    /// The signature does not verify with the header's key.
    BadSignature,
    /// The payload is not a consent record of this schema.
    BadRecord(String),
    /// The record's nonce is not the expected one.
    NonceMismatch {
        /// Expected.
        expected: String,
        /// Found (none if absent).
        found: Option<String>,
    },
    /// The record's audience (page origin) is not the expected one.
    AudienceMismatch {
        /// Expected.
        expected: String,
        /// Found.
        found: String,
    },
    /// `accepted_at` is not an RFC 3339 UTC time.
    BadTime(String),
    /// The receipt is older than allowed.
    Stale {
        /// Its age in seconds.
        age_seconds: i64,
        /// The allowed maximum.
        max_age_seconds: i64,
    },
    /// `accepted_at` is in the future beyond clock skew.
    FromTheFuture {
        /// Seconds ahead of now.
        ahead_seconds: i64,
    },
    /// An agreement version the catalogue does not have.
    UnknownAgreement {
        /// Its id.
        id: String,
        /// Its version.
        version: String,
    },
    /// The catalogue's text for this version hashes differently.
    HashMismatch {
        /// Agreement id.
        id: String,
        /// Version.
        version: String,
        /// What the catalogue's text hashes to.
        catalogue: String,
        /// What the receipt says.
        receipt: String,
    },
    /// An acknowledged (or asked-about) highlight id that the agreement version does not have.
    UnknownHighlight {
        /// Agreement id.
        id: String,
        /// The highlight id.
        highlight: String,
    },
    /// The sign-up requires an agreement the receipt does not cover.
    MissingAgreement {
        /// Agreement id.
        id: String,
        /// Its current version.
        version: String,
    },
    /// The receipt covers a version the version policy does not accept.
    OutdatedVersion {
        /// Agreement id.
        id: String,
        /// The version the receipt covers.
        version: String,
        /// The current version.
        current: String,
    },
    /// The sign-up the policy names selects nothing from the catalogue (unknown provider or
    /// product, nothing applies).
    BadSignUp {
        /// The catalogue's code: `unknown-provider`, `unknown-product` or `no-agreement`.
        code: &'static str,
        /// Why.
        message: String,
    },
}

impl VerifyError {
    /// The failure's stable code, its variant's name in kebab-case (the ledger answers it): the
    /// one place the names are written, so a new variant is a compile error here, not a silent
    /// default elsewhere.
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::Malformed(_) => "malformed",
            VerifyError::BadHeader(_) => "bad-header",
            VerifyError::AlgorithmNotAllowed(_) => "algorithm-not-allowed",
            VerifyError::BadKey(_) => "bad-key",
            VerifyError::PrivateKeyInHeader => "private-key-in-header",
            VerifyError::KidMismatch { .. } => "kid-mismatch",
            VerifyError::UnexpectedKey { .. } => "unexpected-key",
            VerifyError::BadSignature => "bad-signature",
            VerifyError::BadRecord(_) => "bad-record",
            VerifyError::NonceMismatch { .. } => "nonce-mismatch",
            VerifyError::AudienceMismatch { .. } => "audience-mismatch",
            VerifyError::BadTime(_) => "bad-time",
            VerifyError::Stale { .. } => "stale",
            VerifyError::FromTheFuture { .. } => "from-the-future",
            VerifyError::UnknownAgreement { .. } => "unknown-agreement",
            VerifyError::HashMismatch { .. } => "hash-mismatch",
            VerifyError::UnknownHighlight { .. } => "unknown-highlight",
            VerifyError::MissingAgreement { .. } => "policy-missing-agreement",
            VerifyError::OutdatedVersion { .. } => "policy-outdated-version",
            VerifyError::BadSignUp { code, .. } => code,
        }
    }

    /// The CLI's exit code for this failure (0 is success, 1 and 2 are usage and I/O).
    pub fn exit_code(&self) -> u8 {
        match self {
            VerifyError::Malformed(_) => 10,
            VerifyError::BadHeader(_) => 11,
            VerifyError::AlgorithmNotAllowed(_) => 12,
            VerifyError::BadKey(_) => 13,
            VerifyError::PrivateKeyInHeader => 14,
            VerifyError::KidMismatch { .. } => 15,
            VerifyError::UnexpectedKey { .. } => 16,
            VerifyError::BadSignature => 17,
            VerifyError::BadRecord(_) => 18,
            VerifyError::NonceMismatch { .. } => 19,
            VerifyError::AudienceMismatch { .. } => 20,
            VerifyError::BadTime(_) => 21,
            VerifyError::Stale { .. } => 22,
            VerifyError::FromTheFuture { .. } => 23,
            VerifyError::UnknownAgreement { .. } => 24,
            VerifyError::HashMismatch { .. } => 25,
            VerifyError::UnknownHighlight { .. } => 26,
            VerifyError::MissingAgreement { .. } => 27,
            VerifyError::OutdatedVersion { .. } => 28,
            VerifyError::BadSignUp { .. } => 29,
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use VerifyError::*;
        match self {
            Malformed(why) => write!(f, "not a compact JWS: {why}"),
            BadHeader(why) => write!(f, "protected header is invalid: {why}"),
            AlgorithmNotAllowed(alg) => write!(f, "algorithm `{alg}` is not allowed; receipts are signed with ES256 only"),
            BadKey(why) => write!(f, "header key is not a P-256 public JWK: {why}"),
            PrivateKeyInHeader => write!(f, "header JWK contains a private key (`d`)"),
            KidMismatch { kid, thumbprint } => {
                write!(f, "`kid` {kid} is not the RFC 7638 thumbprint of the header key ({thumbprint})")
            }
            UnexpectedKey { expected, found } => write!(f, "signed by key {found}, expected key {expected}"),
            BadSignature => write!(f, "signature does not verify with the header key"),
            BadRecord(why) => write!(f, "payload is not a {RECEIPT_SCHEMA} record: {why}"),
            NonceMismatch { expected, found } => match found {
                Some(n) => write!(f, "nonce `{n}` is not the expected `{expected}`"),
                None => write!(f, "receipt has no nonce; expected `{expected}`"),
            },
            AudienceMismatch { expected, found } => write!(f, "audience `{found}` is not the expected `{expected}`"),
            BadTime(t) => write!(f, "`{t}` is not an RFC 3339 UTC time (`YYYY-MM-DDTHH:MM:SS.sssZ`)"),
            Stale { age_seconds, max_age_seconds } => {
                write!(f, "receipt is {age_seconds} s old; at most {max_age_seconds} s is accepted")
            }
            FromTheFuture { ahead_seconds } => write!(f, "accepted_at is {ahead_seconds} s in the future"),
            UnknownAgreement { id, version } => write!(f, "agreement `{id}` version `{version}` is not in the catalogue"),
            HashMismatch { id, version, catalogue, receipt } => write!(
                f,
                "agreement `{id}` version `{version}`: receipt names hash {receipt}, the catalogue's text hashes to {catalogue}"
            ),
            UnknownHighlight { id, highlight } => {
                write!(f, "agreement `{id}` has no highlighted clause `{highlight}`")
            }
            MissingAgreement { id, version } => write!(
                f,
                "the sign-up requires agreement `{id}` (version {version}), which the receipt does not cover"
            ),
            OutdatedVersion { id, version, current } => write!(
                f,
                "agreement `{id}` version {version} is not accepted by the version policy; the current version is {current}"
            ),
            BadSignUp { message, .. } => write!(f, "the sign-up to check against: {message}"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// What the verifier must check beyond the signature and the catalogue.
#[derive(Clone, Debug, Default)]
pub struct VerifyOptions {
    /// The nonce the host issued for this sign-up.
    pub nonce: Option<String>,
    /// The expected page origin.
    pub audience: Option<String>,
    /// The oldest acceptable receipt, in seconds.
    pub max_age_seconds: Option<i64>,
    /// The thumbprint of the only key accepted (for hosts that pin the signing key).
    pub key_thumbprint: Option<String>,
    /// The current time, in milliseconds since the Unix epoch.
    pub now_ms: i64,
    /// The sign-up the receipt is for: every agreement it requires must be covered, at a
    /// version the policy accepts.
    pub sign_up: Option<SignUpPolicy>,
}

/// What a sign-up requires of a receipt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignUpPolicy {
    /// Provider key.
    pub provider: String,
    /// Product keys.
    pub products: Vec<String>,
    /// Which versions of each required agreement count.
    pub versions: VersionPolicy,
}

/// Which versions of a required agreement a receipt may cover.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum VersionPolicy {
    /// The current version only.
    Current,
    /// The current version, or an earlier one after which no version up to the current
    /// requires re-acceptance ([`crate::reconsent::must_accept_again`], the rule the widget
    /// applies to remembered consent and the ledger to a subject's status).
    #[default]
    Unchanged,
    /// The current version, or one of these (agreement id, version) pairs.
    CurrentOr(Vec<(String, String)>),
}

/// Whether a person who accepted `version` of `id` need not accept again to hold `current`
/// under the [`VersionPolicy::Unchanged`] rule: the re-consent rule of
/// [`crate::reconsent::must_accept_again`], the one the widget and the ledger apply.
pub fn version_unchanged_since(catalog: &Catalog, id: &str, version: &str, current: &str) -> bool {
    !crate::reconsent::must_accept_again(catalog, id, version, current)
}

/// The text of `version` of `id` whose content hash is `sha256`. A version may be published
/// in several languages: a receipt binds the text shown. A canonical v1 hash binds it only
/// for a receipt accepted (on `day`) before [`CANONICAL_V2_SINCE`].
fn text_with_hash<'a>(
    catalog: &'a Catalog,
    id: &'a str,
    version: &'a str,
    sha256: &str,
    day: Option<Date>,
) -> Result<(&'a Agreement, Form), VerifyError> {
    let texts: Vec<_> = catalog.texts(id, version).collect();
    let Some(first) = texts.first() else {
        return Err(VerifyError::UnknownAgreement {
            id: id.to_string(),
            version: version.to_string(),
        });
    };
    let (text, form) = texts
        .iter()
        .find_map(|t| Some((*t, catalog.form_of(t, sha256)?)))
        .ok_or_else(|| VerifyError::HashMismatch {
            id: id.to_string(),
            version: version.to_string(),
            catalogue: catalog.hash_of(first),
            receipt: sha256.to_string(),
        })?;
    if form == Form::V1 && day.is_none_or(|d| d >= CANONICAL_V2_SINCE) {
        return Err(VerifyError::BadRecord(format!(
            "agreement `{id}` version {version}: `sha256` {sha256} is the canonical v1 hash, which binds only receipts accepted before {CANONICAL_V2_SINCE}, when canonical v2 began; a receipt accepted on {} binds the v2 hash {}",
            day.map_or_else(|| "an unknown day".to_string(), |d| d.to_string()),
            catalog.hash_of(text)
        )));
    }
    Ok((text, form))
}

/// Each version accepted ahead: of an agreement the record accepts, in the catalogue with its
/// hash and effective date, and not yet in effect on the day of acceptance.
fn check_accepted_ahead(catalog: &Catalog, record: &ConsentRecord) -> Result<(), VerifyError> {
    let bad = |what: String| Err(VerifyError::BadRecord(what));
    let day = record.accepted_at.get(..10).and_then(Date::parse);
    for (i, n) in record.accepted_ahead.iter().enumerate() {
        if record.accepted_ahead[..i].iter().any(|m| m.id == n.id) {
            return bad(format!("agreement `{}` is accepted ahead twice", n.id));
        }
        let Some(current) = record.agreements.iter().find(|a| a.id == n.id) else {
            return bad(format!(
                "version {} of `{}` is accepted ahead, but no version of it is accepted",
                n.version, n.id
            ));
        };
        let (text, _) = text_with_hash(catalog, &n.id, &n.version, &n.sha256, day)?;
        let effective = text.meta.effective;
        if n.effective != effective.to_string() {
            return bad(format!(
                "version {} of `{}` takes effect on {effective}, not {}",
                n.version, n.id, n.effective
            ));
        }
        let current_effective = catalog
            .find(&current.id, &current.version)
            .map(|a| a.meta.effective);
        if day.is_none_or(|d| effective <= d) || current_effective.is_some_and(|c| effective <= c) {
            return bad(format!(
                "version {} of `{}` was not an announced version when the receipt was accepted: it took effect on {effective}",
                n.version, n.id
            ));
        }
    }
    Ok(())
}

/// Whether `record` covers every agreement the sign-up `policy` names requires (selected in
/// the record's locale, in effect on the day it was accepted), each at a version the policy
/// accepts.
pub fn check_sign_up(
    catalog: &Catalog,
    policy: &SignUpPolicy,
    record: &ConsentRecord,
) -> Result<(), VerifyError> {
    let products: Vec<&str> = policy.products.iter().map(String::as_str).collect();
    // The versions in effect on the day of acceptance: a version announced then was not yet
    // required.
    let day = record.accepted_at.get(..10).and_then(Date::parse);
    let applicable = catalog
        .select_at(&policy.provider, &products, &record.locale, day)
        .map_err(|e| VerifyError::BadSignUp {
            code: e.code(),
            message: e.to_string(),
        })?;
    for a in &applicable {
        let m = &a.agreement.meta;
        let Some(covered) = record.agreements.iter().find(|c| c.id == m.id) else {
            return Err(VerifyError::MissingAgreement {
                id: m.id.clone(),
                version: m.version.clone(),
            });
        };
        let accepted = match &policy.versions {
            VersionPolicy::Current => covered.version == m.version,
            VersionPolicy::Unchanged => {
                version_unchanged_since(catalog, &m.id, &covered.version, &m.version)
            }
            VersionPolicy::CurrentOr(allowed) => {
                covered.version == m.version
                    || allowed
                        .iter()
                        .any(|(id, v)| *id == m.id && *v == covered.version)
            }
        };
        if !accepted {
            return Err(VerifyError::OutdatedVersion {
                id: m.id.clone(),
                version: covered.version.clone(),
                current: m.version.clone(),
            });
        }
    }
    Ok(())
}

/// A highlighted clause the person acknowledged, resolved against the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcknowledgedClause {
    /// Agreement id.
    pub agreement: String,
    /// Highlight id.
    pub highlight: String,
    /// The clause's printed number, if it has one.
    pub clause: Option<String>,
    /// Exemption, limitation or restriction.
    pub kind: HighlightKind,
    /// The text acknowledged.
    pub text: String,
}

/// A receipt that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedReceipt {
    /// The signed record.
    pub record: ConsentRecord,
    /// The signing key's thumbprint.
    pub key_thumbprint: String,
    /// Every acknowledged highlighted clause, with its text from the catalogue.
    pub acknowledged: Vec<AcknowledgedClause>,
    /// The canonical form each agreement's `sha256` is the hash of, in the record's order:
    /// [`Form::V1`] for receipts made before scope and precedence were hashed.
    pub forms: Vec<Form>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    // Checked before the header is parsed into this struct.
    #[serde(rename = "alg")]
    _alg: String,
    #[serde(default)]
    typ: Option<String>,
    kid: Option<String>,
    jwk: Option<RawJwk>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJwk {
    kty: String,
    crv: String,
    x: String,
    y: String,
    #[serde(default)]
    d: Option<String>,
    // Members a JWK may carry that do not change the key.
    #[serde(default, rename = "use")]
    key_use: Option<String>,
    #[serde(default)]
    key_ops: Option<Vec<String>>,
    #[serde(default, rename = "ext")]
    _ext: Option<bool>,
    #[serde(default)]
    alg: Option<String>,
}

/// Milliseconds since the Unix epoch of an RFC 3339 UTC time `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
pub fn parse_rfc3339_utc_ms(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let date = crate::agreement::Date::parse(text.get(0..10)?)?;
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // No leap second: browsers and this crate never write `:60`.
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let rest = text.get(19..)?;
    let millis = match rest {
        "Z" => 0,
        _ => {
            let frac = rest.strip_prefix('.')?.strip_suffix('Z')?;
            if frac.is_empty() || frac.len() > 9 || !frac.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let padded = format!("{frac:0<3}");
            padded.get(0..3)?.parse::<i64>().ok()?
        }
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m, d) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
}

fn key_from_jwk(jwk: &RawJwk) -> Result<(VerifyingKey, Jwk), VerifyError> {
    if jwk.d.is_some() {
        return Err(VerifyError::PrivateKeyInHeader);
    }
    // Members that say what the key is for must say it verifies ES256 signatures.
    if let Some(u) = jwk.key_use.as_deref().filter(|u| *u != "sig") {
        return Err(VerifyError::BadKey(format!(
            "`use` is `{u}`; expected `sig`"
        )));
    }
    if let Some(ops) = &jwk.key_ops {
        if !ops.iter().any(|o| o == "verify") || ops.iter().any(|o| o != "verify" && o != "sign") {
            return Err(VerifyError::BadKey(format!(
                "`key_ops` is {ops:?}; expected `verify`"
            )));
        }
    }
    if let Some(a) = jwk.alg.as_deref().filter(|a| *a != "ES256") {
        return Err(VerifyError::BadKey(format!(
            "`alg` is `{a}`; expected `ES256`"
        )));
    }
    if jwk.kty != "EC" || jwk.crv != "P-256" {
        return Err(VerifyError::BadKey(format!(
            "kty `{}` crv `{}`; expected EC P-256",
            jwk.kty, jwk.crv
        )));
    }
    let coordinate = |name: &str, v: &str| -> Result<Vec<u8>, VerifyError> {
        match b64url_decode(v) {
            Some(bytes) if bytes.len() == 32 => Ok(bytes),
            _ => Err(VerifyError::BadKey(format!(
                "`{name}` is not 32 bytes of base64url"
            ))),
        }
    };
    let mut point = vec![0x04];
    point.extend(coordinate("x", &jwk.x)?);
    point.extend(coordinate("y", &jwk.y)?);
    let key = VerifyingKey::from_sec1_bytes(&point)
        .map_err(|_| VerifyError::BadKey("not a point on P-256".into()))?;
    Ok((
        key,
        Jwk {
            kty: jwk.kty.clone(),
            crv: jwk.crv.clone(),
            x: jwk.x.clone(),
            y: jwk.y.clone(),
        },
    ))
}

/// The largest receipt the verifier reads (64 KiB); anything longer is refused before decoding.
pub const MAX_RECEIPT_BYTES: usize = 64 * 1024;

/// The record's own form: ids and times as the widget writes them, a known assent mode, no id
/// twice.
fn check_record_form(record: &ConsentRecord) -> Result<(), VerifyError> {
    let bad = |what: String| Err(VerifyError::BadRecord(what));
    let is_uuid = |s: &str| {
        s.len() == 36
            && s.bytes().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == b'-',
                _ => c.is_ascii_hexdigit(),
            })
    };
    if !is_uuid(&record.receipt_id) {
        return bad(format!(
            "`receipt_id` `{}` is not a UUID",
            record.receipt_id
        ));
    }
    if !matches!(record.assent.mode.as_str(), "checkbox" | "button") {
        return bad(format!(
            "assent mode `{}`; expected `checkbox` or `button`",
            record.assent.mode
        ));
    }
    let accepted = parse_rfc3339_utc_ms(&record.accepted_at)
        .ok_or_else(|| VerifyError::BadTime(record.accepted_at.clone()))?;
    for (i, a) in record.agreements.iter().enumerate() {
        if record.agreements[..i].iter().any(|b| b.id == a.id) {
            return bad(format!("agreement `{}` is named twice", a.id));
        }
        if let Some((_, h)) = a
            .acknowledged_highlights
            .iter()
            .enumerate()
            .find(|(j, h)| a.acknowledged_highlights[..*j].contains(h))
        {
            return bad(format!(
                "agreement `{}`: highlight `{h}` is acknowledged twice",
                a.id
            ));
        }
        if let Some((_, h)) = a
            .questions_asked
            .iter()
            .enumerate()
            .find(|(j, h)| a.questions_asked[..*j].contains(h))
        {
            return bad(format!(
                "agreement `{}`: highlight `{h}` is listed twice as asked about",
                a.id
            ));
        }
        if let Some(shown) = &a.displayed_at {
            match parse_rfc3339_utc_ms(shown) {
                Some(t) if t <= accepted => {}
                Some(_) => {
                    return bad(format!(
                        "agreement `{}` was displayed at {shown}, after the acceptance",
                        a.id
                    ))
                }
                None => return Err(VerifyError::BadTime(shown.clone())),
            }
        }
    }
    if let Some(o) = &record.organization {
        if o.name.trim().is_empty() || o.id.as_deref().is_some_and(|id| id.trim().is_empty()) {
            return bad("the organisation's `name` or `id` is empty".into());
        }
        // The statement the person ticked is the widget's, for the organisation named.
        let lang = Lang::from_tag(&record.locale);
        let expected = authority_wording(lang, &o.name);
        if o.authority != expected {
            return bad(format!(
                "`organization.authority` is “{}”, not the widget's authority statement for `{}` in `{}`: “{expected}”",
                o.authority,
                o.name,
                lang.tag()
            ));
        }
    }
    Ok(())
}

/// The record's `assent.wording` is exactly the widget's words for its assent mode, in its
/// locale, for the agreements it names (`titles`, in the record's order): a record that says
/// it was accepted by other words ("I do NOT agree.") is not the widget's.
fn check_assent_wording(record: &ConsentRecord, titles: &[&str]) -> Result<(), VerifyError> {
    let lang = Lang::from_tag(&record.locale);
    let mode = AssentMode::from_attr(&record.assent.mode);
    let expected = assent_wording(mode, lang, titles);
    if record.assent.wording != expected {
        return Err(VerifyError::BadRecord(format!(
            "`assent.wording` is “{}”, not the widget's words for the `{}` control in `{}` for these agreements: “{expected}”",
            record.assent.wording,
            mode.as_str(),
            lang.tag()
        )));
    }
    Ok(())
}

/// Verifies a compact JWS receipt against `catalog` and `options`.
pub fn verify_receipt(
    jws: &str,
    catalog: &Catalog,
    options: &VerifyOptions,
) -> Result<VerifiedReceipt, VerifyError> {
    let jws = jws.trim();
    if jws.len() > MAX_RECEIPT_BYTES {
        return Err(VerifyError::Malformed(format!(
            "{} bytes; a receipt is at most {MAX_RECEIPT_BYTES}",
            jws.len()
        )));
    }
    let parts: Vec<&str> = jws.split('.').collect();
    let [header_b64, payload_b64, signature_b64] = parts.as_slice() else {
        return Err(VerifyError::Malformed(format!(
            "{} segments; a compact JWS has 3",
            parts.len()
        )));
    };
    let header_bytes = b64url_decode(header_b64)
        .ok_or_else(|| VerifyError::Malformed("header is not base64url".into()))?;
    let payload_bytes = b64url_decode(payload_b64)
        .ok_or_else(|| VerifyError::Malformed("payload is not base64url".into()))?;
    let signature_bytes = b64url_decode(signature_b64)
        .ok_or_else(|| VerifyError::Malformed("signature is not base64url".into()))?;

    // The algorithm is read before anything else is trusted, and only ES256 is accepted.
    let alg = serde_json::from_slice::<serde_json::Value>(&header_bytes)
        .ok()
        .and_then(|v| v.get("alg").and_then(|a| a.as_str()).map(str::to_string));
    match alg.as_deref() {
        Some("ES256") => {}
        Some(other) => return Err(VerifyError::AlgorithmNotAllowed(other.to_string())),
        None => return Err(VerifyError::BadHeader("no `alg`".into())),
    }
    let header: RawHeader =
        serde_json::from_slice(&header_bytes).map_err(|e| VerifyError::BadHeader(e.to_string()))?;
    match header.typ.as_deref() {
        Some(crate::receipt::RECEIPT_TYP) => {}
        Some(other) => return Err(VerifyError::BadHeader(format!("`typ` is `{other}`"))),
        None => {
            return Err(VerifyError::BadHeader(format!(
                "no `typ`; a receipt has `{}`",
                crate::receipt::RECEIPT_TYP
            )))
        }
    }
    let raw_jwk = header
        .jwk
        .ok_or_else(|| VerifyError::BadKey("no `jwk` in the header".into()))?;
    let (key, jwk) = key_from_jwk(&raw_jwk)?;
    let thumbprint = jwk_thumbprint(&jwk);
    let kid = header.kid.unwrap_or_default();
    if kid != thumbprint {
        return Err(VerifyError::KidMismatch { kid, thumbprint });
    }
    if let Some(expected) = &options.key_thumbprint {
        if expected != &thumbprint {
            return Err(VerifyError::UnexpectedKey {
                expected: expected.clone(),
                found: thumbprint,
            });
        }
    }
    let signature =
        Signature::from_slice(&signature_bytes).map_err(|_| VerifyError::BadSignature)?;
    let signing_input = format!("{header_b64}.{payload_b64}");
    key.verify(signing_input.as_bytes(), &signature)
        .map_err(|_| VerifyError::BadSignature)?;

    let record: ConsentRecord = serde_json::from_slice(&payload_bytes)
        .map_err(|e| VerifyError::BadRecord(e.to_string()))?;
    if record.schema != RECEIPT_SCHEMA {
        return Err(VerifyError::BadRecord(format!(
            "schema `{}`",
            record.schema
        )));
    }
    check_record_form(&record)?;
    if let Some(expected) = &options.nonce {
        if record.nonce.as_ref() != Some(expected) {
            return Err(VerifyError::NonceMismatch {
                expected: expected.clone(),
                found: record.nonce.clone(),
            });
        }
    }
    if let Some(expected) = &options.audience {
        if &record.audience != expected {
            return Err(VerifyError::AudienceMismatch {
                expected: expected.clone(),
                found: record.audience.clone(),
            });
        }
    }
    let accepted = parse_rfc3339_utc_ms(&record.accepted_at)
        .ok_or_else(|| VerifyError::BadTime(record.accepted_at.clone()))?;
    if accepted - options.now_ms > MAX_CLOCK_SKEW_MS {
        return Err(VerifyError::FromTheFuture {
            ahead_seconds: (accepted - options.now_ms) / 1000,
        });
    }
    if let Some(max) = options.max_age_seconds {
        let age = (options.now_ms - accepted) / 1000;
        if age > max {
            return Err(VerifyError::Stale {
                age_seconds: age,
                max_age_seconds: max,
            });
        }
    }
    if record.agreements.is_empty() {
        return Err(VerifyError::BadRecord("no agreement".into()));
    }
    let day = record.accepted_at.get(..10).and_then(Date::parse);
    let mut acknowledged = Vec::new();
    let mut forms = Vec::new();
    let mut titles = Vec::new();
    for a in &record.agreements {
        let (agreement, form) = text_with_hash(catalog, &a.id, &a.version, &a.sha256, day)?;
        forms.push(form);
        titles.push(agreement.meta.title.as_str());
        if let Some(effective) = &a.effective {
            if *effective != agreement.meta.effective.to_string() {
                return Err(VerifyError::BadRecord(format!(
                    "agreement `{}` version {} took effect on {}, not {effective}",
                    a.id, a.version, agreement.meta.effective
                )));
            }
        }
        if record.required.read_to_end && !a.reached_end {
            return Err(VerifyError::BadRecord(format!(
                "agreement `{}` was not read to its end, which the receipt says was required",
                a.id
            )));
        }
        if record.required.acknowledge_highlights {
            if let Some(missing) = agreement
                .highlights()
                .map(|h| h.id)
                .find(|id| !a.acknowledged_highlights.iter().any(|h| h == id))
            {
                return Err(VerifyError::BadRecord(format!(
                    "agreement `{}`: highlighted clause `{missing}` is not acknowledged, which the receipt says was required",
                    a.id
                )));
            }
        }
        if let Some(h) = a
            .questions_asked
            .iter()
            .find(|h| !agreement.highlights().any(|x| x.id == h.as_str()))
        {
            return Err(VerifyError::UnknownHighlight {
                id: a.id.clone(),
                highlight: h.clone(),
            });
        }
        for h in &a.acknowledged_highlights {
            let Highlight {
                block, kind, text, ..
            } = agreement.highlights().find(|x| x.id == h).ok_or_else(|| {
                VerifyError::UnknownHighlight {
                    id: a.id.clone(),
                    highlight: h.clone(),
                }
            })?;
            acknowledged.push(AcknowledgedClause {
                agreement: a.id.clone(),
                highlight: h.clone(),
                clause: block.number().map(str::to_string),
                kind,
                text: text.to_string(),
            });
        }
    }
    check_assent_wording(&record, &titles)?;
    check_accepted_ahead(catalog, &record)?;
    if let Some(policy) = &options.sign_up {
        check_sign_up(catalog, policy, &record)?;
    }
    Ok(VerifiedReceipt {
        record,
        key_thumbprint: thumbprint,
        acknowledged,
        forms,
    })
}

/// The public JWK of a P-256 signing key.
pub fn public_jwk(key: &SigningKey) -> Jwk {
    let point = key.verifying_key().to_encoded_point(false);
    Jwk {
        kty: "EC".into(),
        crv: "P-256".into(),
        x: point.x().map(|x| b64url(x)).unwrap_or_default(),
        y: point.y().map(|y| b64url(y)).unwrap_or_default(),
    }
}

/// Signs a record natively (deterministic ECDSA, RFC 6979): for test vectors and for servers
/// that issue receipts themselves. The widget signs with WebCrypto instead.
pub fn sign_receipt(record: &ConsentRecord, key: &SigningKey) -> String {
    let input = crate::receipt::signing_input(record, &public_jwk(key));
    let signature: Signature = key.sign(input.as_bytes());
    crate::receipt::compact_jws(&input, &signature.to_bytes())
}
