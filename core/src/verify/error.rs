//! Why a receipt was rejected: one variant per check, each with its stable code and exit code.

use crate::receipt::RECEIPT_SCHEMA;
use std::fmt;

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
    /// The receipt covers an agreement the sign-up does not ask for: a record the widget never
    /// writes for it, which would otherwise count as consent to terms that sign-up never showed.
    ExtraAgreement {
        /// Agreement id.
        id: String,
        /// The version the receipt covers.
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
            VerifyError::ExtraAgreement { .. } => "policy-extra-agreement",
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
            VerifyError::ExtraAgreement { .. } => 30,
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
            KidMismatch { kid, thumbprint } if kid.is_empty() => {
                write!(f, "the header has no `kid`; it must be the RFC 7638 thumbprint of the header key ({thumbprint})")
            }
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
            BadTime(t) => write!(f, "`{t}` is not an RFC 3339 UTC time (`YYYY-MM-DDTHH:MM:SS[.sss]Z`)"),
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
            ExtraAgreement { id, version } => write!(
                f,
                "the receipt covers agreement `{id}` (version {version}), which the sign-up does not ask for"
            ),
        }
    }
}

impl std::error::Error for VerifyError {}
