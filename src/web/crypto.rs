//! WebCrypto through `keystore.js`: this origin's receipt signing key, kept in IndexedDB, and
//! signing with it. Hashing is done in the wasm (`sha2`), one SHA-256 for the whole widget.

use super::{describe, WebError};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(module = "/src/web/keystore.js")]
extern "C" {
    #[wasm_bindgen(js_name = webCryptoAvailable)]
    fn web_crypto_available_js() -> bool;
    #[wasm_bindgen(catch, js_name = signingKey)]
    async fn signing_key_js() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = signText)]
    async fn sign_text_js(key: &JsValue, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = randomUuid)]
    fn random_uuid_js() -> Result<String, JsValue>;
}

/// Whether this page can sign: a secure context with WebCrypto.
pub fn web_crypto_available() -> bool {
    web_crypto_available_js()
}

/// The receipt signing key of this origin.
#[derive(Clone)]
pub struct ReceiptKey {
    private: JsValue,
    /// Its public half.
    pub jwk: crate::receipt::Jwk,
    /// Whether it is kept in IndexedDB (false: this page only).
    pub persisted: bool,
}

impl ReceiptKey {
    /// The private key, a non-extractable `CryptoKey`: it signs, and cannot be exported.
    pub fn private_key(&self) -> JsValue {
        self.private.clone()
    }
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Loads this origin's key from IndexedDB, or makes one (non-extractable) and keeps it there.
pub async fn receipt_key() -> Result<ReceiptKey, WebError> {
    let v = signing_key_js()
        .await
        .map_err(|e| WebError::Crypto(describe(&e)))?;
    let jwk = field(&v, "jwk");
    let s = |n: &str| field(&jwk, n).as_string().unwrap_or_default();
    Ok(ReceiptKey {
        private: field(&v, "privateKey"),
        jwk: crate::receipt::Jwk {
            kty: s("kty"),
            crv: s("crv"),
            x: s("x"),
            y: s("y"),
        },
        persisted: field(&v, "persisted").as_bool().unwrap_or(false),
    })
}

/// Signs `text` with ECDSA P-256 / SHA-256; the 64-byte `r || s` signature.
pub async fn sign(key: &ReceiptKey, text: &str) -> Result<Vec<u8>, WebError> {
    let v = sign_text_js(&key.private, text)
        .await
        .map_err(|e| WebError::Crypto(describe(&e)))?;
    Ok(js_sys::Uint8Array::new(&v).to_vec())
}

/// A random (version 4) UUID from the browser's CSPRNG.
pub fn random_uuid() -> Result<String, WebError> {
    random_uuid_js().map_err(|e| WebError::Crypto(describe(&e)))
}
