//! The native receipt verifier: signature, algorithm, key thumbprint, nonce, audience, age,
//! every (id, version, hash) against the agreements catalogue (a canonical v1 hash only for a
//! receipt accepted before [`CANONICAL_V2_SINCE`]), and the words the person agreed by, which
//! must be the widget's own ([`crate::wording`]). Each failure is its own error, with its own
//! exit code in the CLI.
//!
//! ```
//! use consent_terms_core::catalog::{Catalog, Source};
//! use consent_terms_core::verify::{verify_receipt, SignUpPolicy, VerifyOptions, VersionPolicy};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../agreements");
//! # let jws = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/receipts.md"))?
//! #     .split("```").nth(7).unwrap_or_default().split_whitespace().collect::<String>();
//! # let expected_nonce = "n-0001".to_string();
//! # let now_ms = consent_terms_core::verify::parse_rfc3339_utc_ms("2026-11-22T10:01:00.000Z").unwrap_or_default();
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
//!         accepted_before: Vec::new(),
//!     }),
//! })?;
//! for clause in &verified.acknowledged {
//!     println!("{} {:?} {}", clause.agreement, clause.clause, clause.kind.as_str());
//! }
//! # assert_eq!(verified.record.nonce.as_deref(), Some("n-0001"));
//! # Ok(())
//! # }
//! ```

mod error;
mod jws;
mod policy;
mod record;

pub use error::VerifyError;
pub use jws::{public_jwk, sign_receipt};
pub use policy::{
    check_sign_up, split_products, version_unchanged_since, SignUpPolicy, VersionPolicy,
};
pub use record::parse_rfc3339_utc_ms;

use crate::agreement::{Date, HighlightKind};
use crate::canonical::Form;
use crate::catalog::Catalog;
use crate::receipt::ConsentRecord;

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

/// The largest receipt the verifier reads (64 KiB); anything longer is refused before decoding.
pub const MAX_RECEIPT_BYTES: usize = 64 * 1024;

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

/// Milliseconds since the Unix epoch, now, by the system clock: the `now_ms` of
/// [`VerifyOptions`] for a verifier that checks age as of now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// Verifies a compact JWS receipt against `catalog` and `options`. The checks run in this
/// order, and the first that fails is the error: the JWS and its key, the record's form, what
/// the host expects (nonce, audience, age), each agreement against the catalogue, the assent
/// wording, the versions accepted ahead, and the sign-up policy.
pub fn verify_receipt(
    jws: &str,
    catalog: &Catalog,
    options: &VerifyOptions,
) -> Result<VerifiedReceipt, VerifyError> {
    let opened = jws::open(jws, options.key_thumbprint.as_deref())?;
    let record = record::parse(&opened.payload)?;
    record::check_record_form(&record)?;
    record::check_expected(&record, options)?;
    let record::Bound {
        acknowledged,
        forms,
        titles,
    } = record::check_agreements(catalog, &record)?;
    record::check_assent_wording(&record, &titles)?;
    record::check_accepted_ahead(catalog, &record)?;
    if let Some(policy) = &options.sign_up {
        check_sign_up(catalog, policy, &record)?;
    }
    Ok(VerifiedReceipt {
        record,
        key_thumbprint: opened.thumbprint,
        acknowledged,
        forms,
    })
}
