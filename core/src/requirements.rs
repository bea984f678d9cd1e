//! What a sign-up requires of an acceptance, in the words of the host's server rather than of
//! the page, and the check of a receipt's record against it.
//!
//! The widget is told by its page whether reading to the end and acknowledging the highlighted
//! clauses are required and how assent is given (`require-scroll`, `require-acknowledgement`,
//! `mode`), and the record says what it was told (`required`, `assent.mode`). A script of the
//! page can turn those attributes off, so the record's word alone proves nothing about what the
//! sign-up required. The host's server states the requirements itself (the ledger keeps them
//! with the nonce it issues; `consent-terms verify` takes them as flags or a policy file) and
//! refuses a record that says less, or that was accepted outside the nonce's lifetime.
//!
//! ```
//! use consent_terms_core::requirements::Requirements;
//!
//! // Members left out are the widget's defaults: everything required, a checkbox.
//! let required: Requirements = serde_json::from_str(r#"{ "mode": "button" }"#).expect("valid");
//! assert!(required.read_to_end && required.acknowledge_highlights);
//! assert_eq!(
//!     serde_json::to_string(&required).expect("json"),
//!     r#"{"read_to_end":true,"acknowledge_highlights":true,"mode":"button"}"#
//! );
//! ```

use crate::consent::AssentMode;
use crate::receipt::ConsentRecord;
use crate::verify::parse_rfc3339_utc_ms;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How far a record's `accepted_at` may lie outside the nonce's lifetime, in seconds, unless
/// told otherwise: the person's clock is their device's, and the verifier already allows it to
/// be this far ahead ([`crate::verify::MAX_CLOCK_SKEW_MS`]).
pub const DEFAULT_CLOCK_SKEW_SECONDS: i64 = crate::verify::MAX_CLOCK_SKEW_MS / 1000;

/// What a sign-up requires of an acceptance. As JSON (the ledger's `POST /v1/nonces` members,
/// `consent-terms verify --policy`): `{"read_to_end": bool, "acknowledge_highlights": bool,
/// "mode": "checkbox" | "button"}`, each member optional with the widget's default (true, true,
/// `checkbox`); any other member is refused, so that a misspelt requirement is not silently
/// dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// The record must say that reading each agreement to its end was required.
    #[serde(default = "required")]
    pub read_to_end: bool,
    /// The record must say that acknowledging the highlighted clauses was required.
    #[serde(default = "required")]
    pub acknowledge_highlights: bool,
    /// The record's assent mode must be this one; `None` (only from the command line, without
    /// `--assent-mode`) accepts either.
    #[serde(
        default = "checkbox",
        with = "mode_name",
        skip_serializing_if = "Option::is_none"
    )]
    pub mode: Option<AssentMode>,
}

fn required() -> bool {
    true
}

fn checkbox() -> Option<AssentMode> {
    Some(AssentMode::Checkbox)
}

impl Default for Requirements {
    /// The widget's defaults: everything required, a checkbox.
    fn default() -> Self {
        crate::consent::Requirements::default().into()
    }
}

impl From<crate::consent::Requirements> for Requirements {
    fn from(r: crate::consent::Requirements) -> Self {
        Requirements {
            read_to_end: r.read_to_end,
            acknowledge_highlights: r.acknowledge_highlights,
            mode: Some(r.mode),
        }
    }
}

/// The assent mode of its name: exactly `checkbox` or `button` (the server's word is not read
/// as leniently as an attribute).
pub fn parse_mode(name: &str) -> Option<AssentMode> {
    match name {
        "checkbox" => Some(AssentMode::Checkbox),
        "button" => Some(AssentMode::Button),
        _ => None,
    }
}

mod mode_name {
    use super::{parse_mode, AssentMode};
    use serde::de::{Error, Unexpected};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(mode: &Option<AssentMode>, s: S) -> Result<S::Ok, S::Error> {
        match mode {
            Some(m) => s.serialize_str(m.as_str()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<AssentMode>, D::Error> {
        let name = String::deserialize(d)?;
        parse_mode(&name).map(Some).ok_or_else(|| {
            D::Error::invalid_value(Unexpected::Str(&name), &"`checkbox` or `button`")
        })
    }
}

/// When the acceptance may have happened: from the nonce's issue to its expiry, each widened by
/// the clock skew. A bound that is `None` is not checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// When the nonce was issued, milliseconds since the Unix epoch.
    pub issued_at_ms: Option<i64>,
    /// When it expires, milliseconds since the Unix epoch.
    pub expires_at_ms: Option<i64>,
    /// How far outside `accepted_at` may be, milliseconds.
    pub clock_skew_ms: i64,
}

/// Why a record does not meet the sign-up's requirements. [`RequirementError::code`] is stable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequirementError {
    /// `required.read_to_end` is false where the sign-up requires reading to the end.
    ReadingNotRequired,
    /// `required.acknowledge_highlights` is false where the sign-up requires acknowledging.
    AcknowledgementNotRequired,
    /// `assent.mode` is not the sign-up's mode.
    OtherMode {
        /// The sign-up's mode.
        required: AssentMode,
        /// The record's.
        found: String,
    },
    /// `accepted_at` is not an RFC 3339 UTC time.
    BadTime(String),
    /// `accepted_at` is earlier than the nonce's issue, beyond the clock skew.
    AcceptedBeforeIssue {
        /// The record's `accepted_at`.
        accepted_at: String,
        /// When the nonce was issued, milliseconds since the Unix epoch.
        issued_at_ms: i64,
        /// The skew allowed, milliseconds.
        clock_skew_ms: i64,
    },
    /// `accepted_at` is later than the nonce's expiry, beyond the clock skew.
    AcceptedAfterExpiry {
        /// The record's `accepted_at`.
        accepted_at: String,
        /// When the nonce expired, milliseconds since the Unix epoch.
        expires_at_ms: i64,
        /// The skew allowed, milliseconds.
        clock_skew_ms: i64,
    },
}

impl RequirementError {
    /// The stable code (the ledger's 422 `code`): `requirements-weaker` (reading, acknowledging
    /// or the assent mode), `bad-time`, `accepted-before-nonce`, `nonce-expired`.
    pub fn code(&self) -> &'static str {
        match self {
            RequirementError::ReadingNotRequired
            | RequirementError::AcknowledgementNotRequired
            | RequirementError::OtherMode { .. } => "requirements-weaker",
            RequirementError::BadTime(_) => "bad-time",
            RequirementError::AcceptedBeforeIssue { .. } => "accepted-before-nonce",
            RequirementError::AcceptedAfterExpiry { .. } => "nonce-expired",
        }
    }

    /// The exit code of `consent-terms verify`: 40 reading not required, 41 acknowledging not
    /// required, 42 another assent mode, 43 accepted before the nonce was issued, 44 accepted
    /// after it expired; 21 (the verifier's `bad-time`) for a time that does not parse.
    pub fn exit_code(&self) -> u8 {
        match self {
            RequirementError::ReadingNotRequired => 40,
            RequirementError::AcknowledgementNotRequired => 41,
            RequirementError::OtherMode { .. } => 42,
            RequirementError::AcceptedBeforeIssue { .. } => 43,
            RequirementError::AcceptedAfterExpiry { .. } => 44,
            RequirementError::BadTime(_) => 21,
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
fn rfc3339(ms: i64) -> String {
    let rest = ms.rem_euclid(86_400_000);
    let (year, month, day) = crate::agreement::Date::civil(ms.div_euclid(86_400_000));
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

impl fmt::Display for RequirementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RequirementError::*;
        match self {
            ReadingNotRequired => write!(
                f,
                "`required.read_to_end` is false: the sign-up requires each agreement to be read to its end (the page turned `require-scroll` off)"
            ),
            AcknowledgementNotRequired => write!(
                f,
                "`required.acknowledge_highlights` is false: the sign-up requires the highlighted clauses to be acknowledged (the page turned `require-acknowledgement` off)"
            ),
            OtherMode { required, found } => write!(
                f,
                "`assent.mode` is `{found}`: the sign-up requires assent by `{}`",
                required.as_str()
            ),
            BadTime(t) => write!(f, "`accepted_at` `{t}` is not an RFC 3339 UTC time"),
            AcceptedBeforeIssue { accepted_at, issued_at_ms, clock_skew_ms } => write!(
                f,
                "`accepted_at` {accepted_at} is before the nonce was issued at {} (allowing {} s of clock skew)",
                rfc3339(*issued_at_ms),
                clock_skew_ms / 1000
            ),
            AcceptedAfterExpiry { accepted_at, expires_at_ms, clock_skew_ms } => write!(
                f,
                "`accepted_at` {accepted_at} is after the nonce expired at {} (allowing {} s of clock skew)",
                rfc3339(*expires_at_ms),
                clock_skew_ms / 1000
            ),
        }
    }
}

impl std::error::Error for RequirementError {}

impl Window {
    /// Whether the record's `accepted_at` lies in the window.
    pub fn check(&self, record: &ConsentRecord) -> Result<(), RequirementError> {
        let at = parse_rfc3339_utc_ms(&record.accepted_at)
            .ok_or_else(|| RequirementError::BadTime(record.accepted_at.clone()))?;
        if let Some(issued) = self.issued_at_ms {
            if at < issued.saturating_sub(self.clock_skew_ms) {
                return Err(RequirementError::AcceptedBeforeIssue {
                    accepted_at: record.accepted_at.clone(),
                    issued_at_ms: issued,
                    clock_skew_ms: self.clock_skew_ms,
                });
            }
        }
        if let Some(expires) = self.expires_at_ms {
            if at > expires.saturating_add(self.clock_skew_ms) {
                return Err(RequirementError::AcceptedAfterExpiry {
                    accepted_at: record.accepted_at.clone(),
                    expires_at_ms: expires,
                    clock_skew_ms: self.clock_skew_ms,
                });
            }
        }
        Ok(())
    }
}

impl Requirements {
    /// Reads the JSON object (a policy file): only an object, with no member but the three.
    pub fn from_json(text: &str) -> Result<Requirements, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !value.is_object() {
            return Err(format!(
                "expected a JSON object such as {{\"read_to_end\": true}}, not {value}"
            ));
        }
        // Read from the text, not the value: a member given twice is refused (`duplicate
        // field`), where a value would keep the last and drop a requirement without a word.
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Whether `record` says at least what these requirements say, and, given a window, was
    /// accepted within it. A record may say more (reading required where the sign-up did not
    /// require it); what it says was required the verifier checks was done.
    pub fn check(
        &self,
        record: &ConsentRecord,
        window: Option<&Window>,
    ) -> Result<(), RequirementError> {
        if self.read_to_end && !record.required.read_to_end {
            return Err(RequirementError::ReadingNotRequired);
        }
        if self.acknowledge_highlights && !record.required.acknowledge_highlights {
            return Err(RequirementError::AcknowledgementNotRequired);
        }
        if let Some(mode) = self.mode {
            if record.assent.mode != mode.as_str() {
                return Err(RequirementError::OtherMode {
                    required: mode,
                    found: record.assent.mode.clone(),
                });
            }
        }
        match window {
            Some(w) => w.check(record),
            None => Ok(()),
        }
    }
}
