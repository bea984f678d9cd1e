//! The service's extractors: axum's, with their rejections answered as the documented
//! [`ApiError`]s (400 `bad-request`, 413 `too-large`, 415 `bad-content-type`) instead of axum's
//! plain-text ones. The body limit is axum's [`axum::extract::DefaultBodyLimit`], set on the
//! router.

use crate::error::ApiError;
use crate::server::MAX_BODY;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use consent_terms_core::verify::VerifyError;
use serde::de::DeserializeOwned;

/// What a JSON body must look like, said when it does not.
pub trait Expected {
    /// For instance `expected {"subject", "audience"}`.
    const EXPECTED: &'static str;
}

/// The body, within the router's [`axum::extract::DefaultBodyLimit`] (413 `too-large` past
/// it, chunked or not). A `Content-Length` over [`MAX_BODY`] is answered at once, without
/// waiting for a body that would be refused.
async fn body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ApiError> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(ApiError::TooLarge);
    }
    Bytes::from_request(request, state)
        .await
        .map_err(body_error)
}

fn body_error(rejection: BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge
    } else {
        ApiError::BadRequest(rejection.body_text())
    }
}

/// A JSON body read as `T`, whatever its `Content-Type`.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Expected> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let body = body(request, state).await?;
        serde_json::from_slice(&body)
            .map(JsonBody)
            .map_err(|e| ApiError::BadRequest(format!("{}: {e}", T::EXPECTED)))
    }
}

/// A compact JWS posted as `Content-Type: application/jose`, surrounding white space removed.
pub struct Jose(pub String);

impl<S: Send + Sync> FromRequest<S> for Jose {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        // A media type's name is case-insensitive (RFC 9110, 8.3.1).
        if !content_type
            .split(';')
            .next()
            .map(str::trim)
            .is_some_and(|t| t.eq_ignore_ascii_case("application/jose"))
        {
            return Err(ApiError::BadContentType(content_type.to_string()));
        }
        let body = body(request, state).await?;
        let jws = std::str::from_utf8(&body).map_err(|_| {
            ApiError::Receipt(VerifyError::Malformed("the body is not UTF-8".into()))
        })?;
        Ok(Jose(jws.trim().to_string()))
    }
}

/// Path parameters, a bad one answered 400 `bad-request`.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(t)| ApiPath(t))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}

/// The query string, a bad one answered 400 `bad-request`.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(t)| ApiQuery(t))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}
