//! The ledger's evidence: its signing key, the witness it signs for every entry, and the hash
//! chain that links the entries.
//!
//! * `receipt_sha256`: SHA-256 of the receipt's compact JWS (ASCII, no surrounding white
//!   space), lower-case hex.
//! * witness: a compact JWS, ES256, protected header
//!   `{"alg":"ES256","kid":<RFC 7638 thumbprint of the ledger key>,"typ":"ledger-witness+jws"}`,
//!   payload [`WitnessClaims`] as JSON.
//! * `entry_hash`: SHA-256, lower-case hex, of the UTF-8 text
//!   `consent-terms/ledger/v1\n<seq>\n<received_at>\n<prev_hash>\n<receipt_sha256>\n<witness>`
//!   (decimal `seq`, no trailing newline). `prev_hash` of entry 1 is [`GENESIS`].
//! * head: a compact JWS like the witness, with `typ` `ledger-head+jws` and payload
//!   [`HeadClaims`]: the chain's last seq and entry hash when the ledger signed it, so that an
//!   export can be checked to reach it (nothing cut from its end).

use consent_terms_core::receipt::{b64url, b64url_decode, jwk_thumbprint, Jwk};
use consent_terms_core::verify::public_jwk;
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// `prev_hash` of the first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The witness's protected-header `typ`.
pub const WITNESS_TYP: &str = "ledger-witness+jws";

/// The signed head's protected-header `typ`.
pub const HEAD_TYP: &str = "ledger-head+jws";

/// The first line of the text an entry hash is taken over.
pub const ENTRY_HASH_DOMAIN: &str = "consent-terms/ledger/v1";

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash of one ledger entry (see the module documentation).
pub fn entry_hash(
    seq: i64,
    received_at: &str,
    prev_hash: &str,
    receipt_sha256: &str,
    witness: &str,
) -> String {
    sha256_hex(
        format!(
            "{ENTRY_HASH_DOMAIN}\n{seq}\n{received_at}\n{prev_hash}\n{receipt_sha256}\n{witness}"
        )
        .as_bytes(),
    )
}

/// What the ledger states in its witness: it received the receipt with this hash at this time
/// as entry `seq`, after the entry whose hash is `prev_hash`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WitnessClaims {
    /// SHA-256 of the receipt's compact JWS, hex.
    pub receipt_sha256: String,
    /// When the ledger received it (RFC 3339 UTC, milliseconds).
    pub received_at: String,
    /// The entry's position in the chain, from 1.
    pub seq: i64,
    /// The previous entry's hash ([`GENESIS`] for entry 1).
    pub prev_hash: String,
}

/// What the ledger states in its signed head: at `signed_at` its chain ended at entry `seq`,
/// whose hash is `entry_hash` (seq 0 and [`GENESIS`] before the first entry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadClaims {
    /// The last entry's seq.
    pub seq: i64,
    /// Its entry hash.
    pub entry_hash: String,
    /// When the ledger signed this (RFC 3339 UTC, milliseconds).
    pub signed_at: String,
}

/// The ledger's ES256 key.
#[derive(Clone, Debug)]
pub struct LedgerKey {
    signing: SigningKey,
    kid: String,
}

#[derive(Serialize, Deserialize)]
struct PrivateJwk {
    kty: String,
    crv: String,
    x: String,
    y: String,
    d: String,
}

impl LedgerKey {
    /// The key with this 32-byte scalar.
    pub fn from_scalar(bytes: &[u8]) -> Result<LedgerKey, String> {
        let signing =
            SigningKey::from_slice(bytes).map_err(|_| "not a P-256 scalar".to_string())?;
        let kid = jwk_thumbprint(&public_jwk(&signing));
        Ok(LedgerKey { signing, kid })
    }

    /// A new random key.
    pub fn generate() -> Result<LedgerKey, String> {
        loop {
            let mut bytes = [0u8; 32];
            getrandom::getrandom(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
            // A scalar outside 1..n-1 is rejected; about one draw in 2^32 is.
            if let Ok(key) = LedgerKey::from_scalar(&bytes) {
                return Ok(key);
            }
        }
    }

    /// Reads the private JWK at `path`, or, if there is no file, makes a key and writes it there
    /// with mode 0600 (never replacing a file another process wrote first).
    pub fn load_or_create(path: &Path) -> Result<LedgerKey, String> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        match std::fs::read_to_string(path) {
            Ok(text) => {
                return LedgerKey::from_private_jwk(&text)
                    .map_err(|e| format!("{}: {e}", path.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
        let key = LedgerKey::generate()?;
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path);
        let mut file = match created {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return LedgerKey::load_or_create(path)
            }
            Err(e) => return Err(format!("cannot create {}: {e}", path.display())),
        };
        file.write_all(key.private_jwk().as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        tracing::info!(path = %path.display(), kid = %key.kid, "created the ledger key");
        Ok(key)
    }

    /// Parses a private JWK (`kty` EC, `crv` P-256, `x`, `y`, `d`).
    pub fn from_private_jwk(text: &str) -> Result<LedgerKey, String> {
        let jwk: PrivateJwk =
            serde_json::from_str(text).map_err(|e| format!("not a private P-256 JWK: {e}"))?;
        if jwk.kty != "EC" || jwk.crv != "P-256" {
            return Err("not a P-256 key".into());
        }
        let d = b64url_decode(&jwk.d).ok_or("`d` is not base64url")?;
        let key = LedgerKey::from_scalar(&d)?;
        let public = key.public();
        if public.x != jwk.x || public.y != jwk.y {
            return Err("`x`/`y` do not match `d`".into());
        }
        Ok(key)
    }

    /// The private JWK, as stored in the key file.
    pub fn private_jwk(&self) -> String {
        let public = self.public();
        let jwk = PrivateJwk {
            kty: public.kty,
            crv: public.crv,
            x: public.x,
            y: public.y,
            d: b64url(&self.signing.to_bytes()),
        };
        serde_json::to_string(&jwk).unwrap_or_default()
    }

    /// The public key.
    pub fn public(&self) -> Jwk {
        public_jwk(&self.signing)
    }

    /// The public JWK with `kid`, `alg` and `use`, as published and as `verify-export` reads it.
    pub fn public_jwk_json(&self) -> serde_json::Value {
        let p = self.public();
        serde_json::json!({
            "kty": p.kty, "crv": p.crv, "x": p.x, "y": p.y,
            "kid": self.kid, "alg": "ES256", "use": "sig",
        })
    }

    /// The key's RFC 7638 thumbprint.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Signs a witness.
    pub fn witness(&self, claims: &WitnessClaims) -> String {
        self.sign(WITNESS_TYP, &serde_json::to_vec(claims).unwrap_or_default())
    }

    /// Signs a head.
    pub fn head(&self, claims: &HeadClaims) -> String {
        self.sign(HEAD_TYP, &serde_json::to_vec(claims).unwrap_or_default())
    }

    /// A compact JWS of `payload` with this key and `typ`.
    fn sign(&self, typ: &str, payload: &[u8]) -> String {
        let header = serde_json::json!({ "alg": "ES256", "kid": self.kid, "typ": typ });
        let input = format!(
            "{}.{}",
            b64url(header.to_string().as_bytes()),
            b64url(payload)
        );
        let signature: Signature = self.signing.sign(input.as_bytes());
        format!("{input}.{}", b64url(&signature.to_bytes()))
    }
}

/// A ledger's public key, as `verify-export` uses it.
#[derive(Clone, Debug)]
pub struct LedgerPublicKey {
    key: VerifyingKey,
    /// RFC 7638 thumbprint.
    pub kid: String,
}

impl LedgerPublicKey {
    /// Parses a JWK (public; a private one's `d` is ignored).
    pub fn from_jwk(text: &str) -> Result<LedgerPublicKey, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not a JWK: {e}"))?;
        let member = |name: &str| {
            v.get(name)
                .and_then(|m| m.as_str())
                .map(str::to_string)
                .ok_or(format!("JWK has no `{name}`"))
        };
        let jwk = Jwk {
            kty: member("kty")?,
            crv: member("crv")?,
            x: member("x")?,
            y: member("y")?,
        };
        if jwk.kty != "EC" || jwk.crv != "P-256" {
            return Err("not a P-256 key".into());
        }
        let mut point = vec![0x04];
        for c in [&jwk.x, &jwk.y] {
            match b64url_decode(c) {
                Some(b) if b.len() == 32 => point.extend(b),
                _ => return Err("`x`/`y` are not 32 bytes of base64url".into()),
            }
        }
        let key = VerifyingKey::from_sec1_bytes(&point).map_err(|_| "not a point on P-256")?;
        Ok(LedgerPublicKey {
            key,
            kid: jwk_thumbprint(&jwk),
        })
    }

    /// Checks a witness's signature, header and payload shape, and returns its claims.
    pub fn verify_witness(&self, witness: &str) -> Result<WitnessClaims, String> {
        let payload = self.verify("witness", WITNESS_TYP, witness)?;
        serde_json::from_slice(&payload).map_err(|e| format!("witness payload: {e}"))
    }

    /// Checks a signed head's signature, header and payload shape, and returns its claims.
    pub fn verify_head(&self, head: &str) -> Result<HeadClaims, String> {
        let payload = self.verify("head", HEAD_TYP, head.trim())?;
        serde_json::from_slice(&payload).map_err(|e| format!("head payload: {e}"))
    }

    /// The payload of a compact JWS of `typ` signed with this key; `what` names it in errors.
    fn verify(&self, what: &str, typ: &str, jws: &str) -> Result<Vec<u8>, String> {
        let parts: Vec<&str> = jws.split('.').collect();
        let [h, p, s] = parts.as_slice() else {
            return Err(format!("{what} is not a compact JWS"));
        };
        let header: serde_json::Value = b64url_decode(h)
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or(format!("{what} header is not base64url JSON"))?;
        if header.get("alg").and_then(|a| a.as_str()) != Some("ES256") {
            return Err(format!("{what} `alg` is not ES256"));
        }
        if header.get("typ").and_then(|a| a.as_str()) != Some(typ) {
            return Err(format!("{what} `typ` is not {typ}"));
        }
        let kid = header.get("kid").and_then(|a| a.as_str()).unwrap_or("");
        if kid != self.kid {
            return Err(format!(
                "{what} signed by key `{kid}`, not the ledger key `{}`",
                self.kid
            ));
        }
        let signature = b64url_decode(s)
            .and_then(|b| Signature::from_slice(&b).ok())
            .ok_or(format!("{what} signature is not 64 bytes of base64url"))?;
        self.key
            .verify(format!("{h}.{p}").as_bytes(), &signature)
            .map_err(|_| format!("{what} signature does not verify with the ledger key"))?;
        b64url_decode(p).ok_or(format!("{what} payload is not base64url"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_key_file_is_created_private_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("ledger-key-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("ledger-key.jwk");
        let _ = std::fs::remove_file(&path);
        let first = LedgerKey::load_or_create(&path).expect("created");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let again = LedgerKey::load_or_create(&path).expect("read back");
        assert_eq!(first.kid(), again.kid());

        let public =
            LedgerPublicKey::from_jwk(&first.public_jwk_json().to_string()).expect("public");
        let claims = WitnessClaims {
            receipt_sha256: sha256_hex(b"r"),
            received_at: "2026-11-22T10:00:00.000Z".into(),
            seq: 1,
            prev_hash: GENESIS.into(),
        };
        let witness = again.witness(&claims);
        assert_eq!(public.verify_witness(&witness), Ok(claims));
        let other = LedgerPublicKey::from_jwk(
            &LedgerKey::generate()
                .expect("key")
                .public_jwk_json()
                .to_string(),
        )
        .expect("public");
        assert!(other.verify_witness(&witness).is_err());

        std::fs::write(&path, "{\"kty\":\"EC\"}").expect("write");
        assert!(
            LedgerKey::load_or_create(&path).is_err(),
            "a damaged key file is an error, not replaced"
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn entry_hash_is_over_the_documented_text() {
        let text =
            format!("consent-terms/ledger/v1\n7\n2026-11-22T10:00:00.000Z\n{GENESIS}\nabc\nw.x.y");
        assert_eq!(
            entry_hash(7, "2026-11-22T10:00:00.000Z", GENESIS, "abc", "w.x.y"),
            sha256_hex(text.as_bytes())
        );
    }
}
