//! The compact JWS: its three segments, the ES256-only header, the key it carries (a public
//! P-256 key whose thumbprint is its `kid`, or the pinned one) and the signature over the
//! payload; and native signing, for test vectors and servers that issue receipts.

use super::{VerifyError, MAX_RECEIPT_BYTES};
use crate::receipt::{b64url, b64url_decode, jwk_thumbprint, ConsentRecord, Jwk};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use serde::Deserialize;

/// A receipt whose signature verified: the payload it signs and the signing key's thumbprint.
pub(super) struct Opened {
    /// The payload's bytes, not yet parsed.
    pub(super) payload: Vec<u8>,
    /// The thumbprint of the key that signed it.
    pub(super) thumbprint: String,
}

/// Decodes a compact JWS and checks its header, its key (the one `pinned`, if any) and its
/// signature, in that order: the payload is not parsed before the signature verifies.
pub(super) fn open(jws: &str, pinned: Option<&str>) -> Result<Opened, VerifyError> {
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
    let payload = b64url_decode(payload_b64)
        .ok_or_else(|| VerifyError::Malformed("payload is not base64url".into()))?;
    let signature_bytes = b64url_decode(signature_b64)
        .ok_or_else(|| VerifyError::Malformed("signature is not base64url".into()))?;
    let header = read_header(&header_bytes)?;
    let (key, thumbprint) = header_key(header, pinned)?;
    let signature =
        Signature::from_slice(&signature_bytes).map_err(|_| VerifyError::BadSignature)?;
    let signing_input = format!("{header_b64}.{payload_b64}");
    key.verify(signing_input.as_bytes(), &signature)
        .map_err(|_| VerifyError::BadSignature)?;
    Ok(Opened {
        payload,
        thumbprint,
    })
}

/// The protected header: ES256 (read before anything else is trusted) and the receipt `typ`.
fn read_header(header_bytes: &[u8]) -> Result<RawHeader, VerifyError> {
    // The algorithm is read before anything else is trusted, and only ES256 is accepted.
    let alg = serde_json::from_slice::<serde_json::Value>(header_bytes)
        .ok()
        .and_then(|v| v.get("alg").and_then(|a| a.as_str()).map(str::to_string));
    match alg.as_deref() {
        Some("ES256") => {}
        Some(other) => return Err(VerifyError::AlgorithmNotAllowed(other.to_string())),
        None => return Err(VerifyError::BadHeader("no `alg`".into())),
    }
    let header: RawHeader =
        serde_json::from_slice(header_bytes).map_err(|e| VerifyError::BadHeader(e.to_string()))?;
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
    Ok(header)
}

/// The header's key and its thumbprint, which the `kid` must be, and the `pinned` one if any.
fn header_key(
    header: RawHeader,
    pinned: Option<&str>,
) -> Result<(VerifyingKey, String), VerifyError> {
    let raw_jwk = header
        .jwk
        .ok_or_else(|| VerifyError::BadKey("no `jwk` in the header".into()))?;
    let (key, jwk) = key_from_jwk(&raw_jwk)?;
    let thumbprint = jwk_thumbprint(&jwk);
    let kid = header.kid.unwrap_or_default();
    if kid != thumbprint {
        return Err(VerifyError::KidMismatch { kid, thumbprint });
    }
    if let Some(expected) = pinned {
        if expected != thumbprint {
            return Err(VerifyError::UnexpectedKey {
                expected: expected.to_string(),
                found: thumbprint,
            });
        }
    }
    Ok((key, thumbprint))
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
