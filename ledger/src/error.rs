//! The service's errors: one variant per way a request is refused, each with its HTTP status
//! ([`ApiError::status`]) and stable code ([`ApiError::code`]), answered as the JSON body
//! `{ "code", "message" }`. Receipt failures reuse the verifier's and the catalogue's checks,
//! one code each.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use consent_terms_core::catalog::SelectError;
use consent_terms_core::requirements::RequirementError;
use consent_terms_core::verify::VerifyError;
use serde::Serialize;

use crate::server::MAX_BODY;

/// An error answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// 400 `bad-request`: a nonce request, path or query that is not as documented.
    BadRequest(String),
    /// 401 `unauthorized`: no bearer token, or not the service's.
    Unauthorized,
    /// 404 `not-found`: no such endpoint, or no such receipt.
    NotFound(String),
    /// 405 `method-not-allowed`: the endpoint is there, not for this method.
    MethodNotAllowed(String),
    /// 408 `request-timeout`: not read and answered within the request timeout.
    RequestTimeout,
    /// 409 `replayed`: the nonce or the receipt id is already used.
    Replayed(String),
    /// 413 `too-large`: a body over [`MAX_BODY`].
    TooLarge,
    /// 415 `bad-content-type`: a receipt not posted as `application/jose` (the type given).
    BadContentType(String),
    /// 422, the verifier's code for the receipt's failure.
    Receipt(VerifyError),
    /// 422, the catalogue's code: the sign-up selects nothing.
    SignUp(SelectError),
    /// 422, the receipt is weaker than, or outside the lifetime of, its nonce.
    Requirements(RequirementError),
    /// 422 `nonce-missing`: the receipt carries no nonce.
    NonceMissing,
    /// 422 `nonce-unknown`: not issued by this ledger (the nonce).
    NonceUnknown(String),
    /// 422 `nonce-expired`: posted after the nonce expired.
    NonceExpired(String),
    /// 422 `nonce-subject`: the receipt's subject is not the nonce's.
    NonceSubject(String),
    /// 422 `nonce-audience`: the receipt's audience is not the nonce's.
    NonceAudience(String),
    /// 500 `no-randomness`: the system's random source failed; no nonce was issued.
    NoRandomness(String),
    /// 500 `chain-rewound`: the chain's head is below one this ledger signed: entries were
    /// removed from its database; no head is signed.
    ChainRewound(String),
    /// 503 `storage`: the database failed; nothing was acknowledged (the message is for the
    /// log, not the client).
    Storage(String),
}

impl ApiError {
    /// Every code the service answers with, for the documentation's check.
    pub const ALL: &'static [&'static str] = &[
        "bad-request",
        "unauthorized",
        "not-found",
        "method-not-allowed",
        "request-timeout",
        "replayed",
        "too-large",
        "bad-content-type",
        // The verifier's (`VerifyError`).
        "malformed",
        "bad-header",
        "algorithm-not-allowed",
        "bad-key",
        "private-key-in-header",
        "kid-mismatch",
        "unexpected-key",
        "bad-signature",
        "bad-record",
        "nonce-mismatch",
        "audience-mismatch",
        "bad-time",
        "stale",
        "from-the-future",
        "unknown-agreement",
        "hash-mismatch",
        "unknown-highlight",
        "policy-missing-agreement",
        "policy-outdated-version",
        "policy-extra-agreement",
        // The catalogue's (`SelectError`, also the verifier's `BadSignUp`).
        "unknown-provider",
        "unknown-product",
        "no-agreement",
        // The requirements' (`RequirementError`; `bad-time` and `nonce-expired` shared).
        "requirements-weaker",
        "accepted-before-nonce",
        // The nonce's.
        "nonce-missing",
        "nonce-unknown",
        "nonce-expired",
        "nonce-subject",
        "nonce-audience",
        "no-randomness",
        "chain-rewound",
        "storage",
    ];

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::Replayed(_) => StatusCode::CONFLICT,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BadContentType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Receipt(_)
            | ApiError::SignUp(_)
            | ApiError::Requirements(_)
            | ApiError::NonceMissing
            | ApiError::NonceUnknown(_)
            | ApiError::NonceExpired(_)
            | ApiError::NonceSubject(_)
            | ApiError::NonceAudience(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NoRandomness(_) | ApiError::ChainRewound(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            ApiError::Storage(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The stable code, kebab-case (one of [`ApiError::ALL`]).
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad-request",
            ApiError::Unauthorized => "unauthorized",
            ApiError::NotFound(_) => "not-found",
            ApiError::MethodNotAllowed(_) => "method-not-allowed",
            ApiError::RequestTimeout => "request-timeout",
            ApiError::Replayed(_) => "replayed",
            ApiError::TooLarge => "too-large",
            ApiError::BadContentType(_) => "bad-content-type",
            ApiError::Receipt(e) => verify_code(e),
            ApiError::SignUp(e) => e.code(),
            ApiError::Requirements(e) => e.code(),
            ApiError::NonceMissing => "nonce-missing",
            ApiError::NonceUnknown(_) => "nonce-unknown",
            ApiError::NonceExpired(_) => "nonce-expired",
            ApiError::NonceSubject(_) => "nonce-subject",
            ApiError::NonceAudience(_) => "nonce-audience",
            ApiError::NoRandomness(_) => "no-randomness",
            ApiError::ChainRewound(_) => "chain-rewound",
            ApiError::Storage(_) => "storage",
        }
    }

    /// What went wrong, for a person.
    /// The message, as answered and logged: [`shown`].
    pub fn message(&self) -> String {
        shown(&self.raw_message())
    }

    fn raw_message(&self) -> String {
        match self {
            ApiError::BadRequest(m)
            | ApiError::NotFound(m)
            | ApiError::MethodNotAllowed(m)
            | ApiError::Replayed(m)
            | ApiError::NonceUnknown(m)
            | ApiError::NonceExpired(m)
            | ApiError::NonceSubject(m)
            | ApiError::NonceAudience(m)
            | ApiError::NoRandomness(m)
            | ApiError::ChainRewound(m) => m.clone(),
            ApiError::Unauthorized => {
                "an `Authorization: Bearer <token>` header with the service's token is required"
                    .into()
            }
            ApiError::RequestTimeout => "the request was not read and answered in time; whether a receipt was stored is not known: post it again (409 `replayed` says it was)".into(),
            ApiError::TooLarge => format!("the body is larger than {MAX_BODY} bytes"),
            ApiError::BadContentType(given) => format!(
                "a receipt is posted as `Content-Type: application/jose`, not `{given}`"
            ),
            ApiError::Receipt(e) => e.to_string(),
            ApiError::SignUp(e) => e.to_string(),
            ApiError::Requirements(e) => e.to_string(),
            ApiError::NonceMissing => {
                "the receipt has no nonce; ask POST /v1/nonces for one and give it to the widget"
                    .into()
            }
            ApiError::Storage(_) => {
                "the ledger's database is unavailable; nothing was stored, retry later".into()
            }
        }
    }
}

impl From<VerifyError> for ApiError {
    fn from(e: VerifyError) -> ApiError {
        ApiError::Receipt(e)
    }
}

impl From<SelectError> for ApiError {
    fn from(e: SelectError) -> ApiError {
        ApiError::SignUp(e)
    }
}

impl From<RequirementError> for ApiError {
    fn from(e: RequirementError) -> ApiError {
        ApiError::Requirements(e)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        tracing::error!(error = ?e.to_string(), "database error");
        ApiError::Storage(e.to_string())
    }
}

impl From<crate::store::AppendError> for ApiError {
    fn from(e: crate::store::AppendError) -> ApiError {
        match e {
            crate::store::AppendError::Replayed(why) => ApiError::Replayed(why),
            crate::store::AppendError::Db(e) => {
                tracing::error!(error = ?e, "database error");
                ApiError::Storage(e)
            }
        }
    }
}

/// The longest a message may quote of what a client sent, in characters, and the longest
/// message.
const QUOTED_MAX: usize = 80;
const MESSAGE_MAX: usize = 1024;

/// `message` as a client or a log may show it: each quoted part (between backquotes) longer
/// than [`QUOTED_MAX`] characters cut, with its length said; every control character and every
/// character that hides or reorders text (a bidirectional override, a zero-width space) written
/// as its code point, `\u{202E}`, so that a quoted subject reads as what it is.
pub fn shown(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MESSAGE_MAX));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let n = part.chars().count();
        let keep = if i % 2 == 1 && n > QUOTED_MAX {
            QUOTED_MAX - 16
        } else {
            n
        };
        for c in part.chars().take(keep) {
            let mut one = [0u8; 4];
            if c.is_control()
                || consent_terms_core::agreement::hiding_character(c.encode_utf8(&mut one))
                    .is_some()
            {
                out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
            } else {
                out.push(c);
            }
        }
        if keep < n {
            out.push_str(&format!("… ({n} characters)"));
        }
    }
    if out.chars().count() > MESSAGE_MAX {
        out = out.chars().take(MESSAGE_MAX - 1).collect::<String>() + "…";
    }
    out
}

/// The body of an error answer.
#[derive(Serialize)]
struct ErrorBody {
    code: &'static str,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code(),
            message: self.message(),
        };
        (self.status(), Json(body)).into_response()
    }
}

/// The code of a verifier failure ([`VerifyError::code`], written once in the verifier).
pub fn verify_code(e: &VerifyError) -> &'static str {
    e.code()
}

#[cfg(test)]
mod tests {
    use super::*;
    use consent_terms_core::consent::AssentMode;

    /// One error of each variant, and of each variant of the errors they carry.
    fn examples() -> Vec<ApiError> {
        let s = || String::from("x");
        let verify = [
            VerifyError::Malformed(s()),
            VerifyError::BadHeader(s()),
            VerifyError::AlgorithmNotAllowed(s()),
            VerifyError::BadKey(s()),
            VerifyError::PrivateKeyInHeader,
            VerifyError::KidMismatch {
                kid: s(),
                thumbprint: s(),
            },
            VerifyError::UnexpectedKey {
                expected: s(),
                found: s(),
            },
            VerifyError::BadSignature,
            VerifyError::BadRecord(s()),
            VerifyError::NonceMismatch {
                expected: s(),
                found: None,
            },
            VerifyError::AudienceMismatch {
                expected: s(),
                found: s(),
            },
            VerifyError::BadTime(s()),
            VerifyError::Stale {
                age_seconds: 2,
                max_age_seconds: 1,
            },
            VerifyError::FromTheFuture { ahead_seconds: 1 },
            VerifyError::UnknownAgreement {
                id: s(),
                version: s(),
            },
            VerifyError::HashMismatch {
                id: s(),
                version: s(),
                catalogue: s(),
                receipt: s(),
            },
            VerifyError::UnknownHighlight {
                id: s(),
                highlight: s(),
            },
            VerifyError::MissingAgreement {
                id: s(),
                version: s(),
            },
            VerifyError::OutdatedVersion {
                id: s(),
                version: s(),
                current: s(),
            },
            VerifyError::ExtraAgreement {
                id: s(),
                version: s(),
            },
            VerifyError::BadSignUp {
                code: "unknown-provider",
                message: s(),
            },
        ];
        let select = [
            SelectError::UnknownProvider {
                provider: s(),
                known: vec![],
            },
            SelectError::UnknownProduct {
                provider: s(),
                product: s(),
                known: vec![],
            },
            SelectError::NothingApplies {
                provider: s(),
                known: vec![],
            },
        ];
        let requirements = [
            RequirementError::ReadingNotRequired,
            RequirementError::AcknowledgementNotRequired,
            RequirementError::OtherMode {
                required: AssentMode::Checkbox,
                found: s(),
            },
            RequirementError::BadTime(s()),
            RequirementError::AcceptedBeforeIssue {
                accepted_at: s(),
                issued_at_ms: 0,
                clock_skew_ms: 0,
            },
            RequirementError::AcceptedAfterExpiry {
                accepted_at: s(),
                expires_at_ms: 0,
                clock_skew_ms: 0,
            },
        ];
        let mut all = vec![
            ApiError::BadRequest(s()),
            ApiError::Unauthorized,
            ApiError::NotFound(s()),
            ApiError::MethodNotAllowed(s()),
            ApiError::RequestTimeout,
            ApiError::Replayed(s()),
            ApiError::TooLarge,
            ApiError::BadContentType(s()),
            ApiError::NonceMissing,
            ApiError::NonceUnknown(s()),
            ApiError::NonceExpired(s()),
            ApiError::NonceSubject(s()),
            ApiError::NonceAudience(s()),
            ApiError::NoRandomness(s()),
            ApiError::ChainRewound(s()),
            ApiError::Storage(s()),
        ];
        all.extend(verify.into_iter().map(ApiError::from));
        all.extend(select.into_iter().map(ApiError::from));
        all.extend(requirements.into_iter().map(ApiError::from));
        // A new variant of ApiError must be added above: this match has no last arm.
        for e in &all {
            match e {
                ApiError::BadRequest(_)
                | ApiError::Unauthorized
                | ApiError::NotFound(_)
                | ApiError::MethodNotAllowed(_)
                | ApiError::RequestTimeout
                | ApiError::Replayed(_)
                | ApiError::TooLarge
                | ApiError::BadContentType(_)
                | ApiError::Receipt(_)
                | ApiError::SignUp(_)
                | ApiError::Requirements(_)
                | ApiError::NonceMissing
                | ApiError::NonceUnknown(_)
                | ApiError::NonceExpired(_)
                | ApiError::NonceSubject(_)
                | ApiError::NonceAudience(_)
                | ApiError::NoRandomness(_)
                | ApiError::ChainRewound(_)
                | ApiError::Storage(_) => {}
            }
        }
        all
    }

    #[test]
    fn all_is_every_code_an_error_can_have_and_no_other() {
        let examples = examples();
        for e in &examples {
            assert!(ApiError::ALL.contains(&e.code()), "{e:?}: {}", e.code());
        }
        for code in ApiError::ALL {
            assert!(
                examples.iter().any(|e| e.code() == *code),
                "`{code}` is in ALL but no error has it"
            );
            assert_eq!(
                ApiError::ALL.iter().filter(|c| *c == code).count(),
                1,
                "`{code}` twice"
            );
        }
    }

    #[test]
    fn each_code_has_one_status_and_the_receipts_are_422() {
        for e in examples() {
            let same = examples()
                .into_iter()
                .filter(|o| o.code() == e.code())
                .all(|o| o.status() == e.status());
            assert!(same, "`{}` answered with two statuses", e.code());
            if matches!(
                e,
                ApiError::Receipt(_) | ApiError::SignUp(_) | ApiError::Requirements(_)
            ) {
                assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY, "{e:?}");
            }
        }
    }
}
