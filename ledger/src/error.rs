//! The service's errors: an HTTP status and a JSON body `{ "code", "message" }`. Receipt
//! failures reuse the verifier's checks, one code each.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use consent_terms::verify::VerifyError;

/// An error answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable code, kebab-case.
    pub code: &'static str,
    /// What went wrong, for a person.
    pub message: String,
}

impl ApiError {
    /// An error with this status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400 `bad-request`.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad-request", message)
    }

    /// 422 with `code`: the receipt was read but is not acceptable.
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// 409 `replayed`.
    pub fn replayed(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, "replayed", message)
    }

    /// 503 `storage`: the database failed; nothing was acknowledged.
    pub fn storage(e: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(error = ?e.to_string(), "database error");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage",
            "the ledger's database is unavailable; nothing was stored, retry later",
        )
    }
}

impl From<VerifyError> for ApiError {
    fn from(e: VerifyError) -> ApiError {
        ApiError::unprocessable(verify_code(&e), e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "code": self.code, "message": self.message });
        (self.status, axum::Json(body)).into_response()
    }
}

/// The code of a verifier failure: the variant's name in kebab-case (its CLI exit code is
/// [`VerifyError::exit_code`]).
pub fn verify_code(e: &VerifyError) -> &'static str {
    match e {
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
        _ => "invalid-receipt",
    }
}
