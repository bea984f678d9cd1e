//! What a sign-up requires: which agreements a receipt must cover for a nonce that names the
//! sign-up, and what a subject must (re-)accept.

use consent_terms_core::catalog::{Catalog, SelectError};
use consent_terms_core::receipt::ConsentRecord;
use consent_terms_core::verify::{SignUpPolicy, VerifyError, VersionPolicy};
use serde::Serialize;

/// Whether accepting `version` of `id` still holds for `current`: the one re-consent rule,
/// [`consent_terms_core::reconsent::must_accept_again`], that the widget and the verifier apply.
pub fn version_accepted(catalog: &Catalog, id: &str, version: &str, current: &str) -> bool {
    !consent_terms_core::reconsent::must_accept_again(catalog, id, version, current)
}

/// Whether `version` of `id` comes after `than` in the catalogue (by effective date).
pub fn later_version(catalog: &Catalog, id: &str, version: &str, than: &str) -> bool {
    let versions = catalog.versions(id);
    let at = |v: &str| versions.iter().position(|a| a.meta.version == v);
    matches!((at(version), at(than)), (Some(a), Some(b)) if a > b)
}

/// Splits a `products` value: white space or commas (the verifier's reading).
pub use consent_terms_core::verify::split_products;

/// Why a receipt does not satisfy the sign-up its nonce names, for a subject whose stored
/// acceptances are `accepted` (latest per id): the agreements the status would not list as
/// required need not be in it, as the widget does not ask them again. The check is the
/// verifier's ([`consent_terms_core::verify::check_sign_up`]).
pub fn check_sign_up(
    catalog: &Catalog,
    provider: &str,
    products: &[&str],
    record: &ConsentRecord,
    accepted: &[Accepted],
) -> Result<(), VerifyError> {
    let policy = SignUpPolicy {
        provider: provider.to_string(),
        products: products.iter().map(|p| p.to_string()).collect(),
        versions: VersionPolicy::Unchanged,
        accepted_before: accepted
            .iter()
            .map(|a| (a.id.clone(), a.version.clone()))
            .collect(),
    };
    consent_terms_core::verify::check_sign_up(catalog, &policy, record)
}

/// One agreement a subject accepted (the latest acceptance of its id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Accepted {
    /// Agreement id.
    pub id: String,
    /// Version accepted.
    pub version: String,
    /// The content hash of the text accepted (the receipt's, checked against the catalogue).
    pub sha256: String,
    /// When (the receipt's `accepted_at`).
    pub accepted_at: String,
    /// The receipt that says so.
    pub receipt_id: String,
}

/// The latest acceptance of each agreement id of `rows` (a subject's acceptances in the order
/// stored): the one accepted last (`accepted_at`), of two accepted at the same time the one
/// stored last; in the order first accepted. A receipt stored after another but accepted
/// before it (held back by the host's page, within its nonce's lifetime) does not take its place.
pub fn latest(mut rows: Vec<Accepted>) -> Vec<Accepted> {
    rows.sort_by_key(|r| {
        consent_terms_core::verify::parse_rfc3339_utc_ms(&r.accepted_at).unwrap_or(i64::MIN)
    });
    let mut accepted: Vec<Accepted> = Vec::new();
    for row in rows {
        match accepted.iter_mut().find(|a| a.id == row.id) {
            Some(a) => *a = row,
            None => accepted.push(row),
        }
    }
    accepted
}

/// One agreement a subject must accept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Required {
    /// Agreement id.
    pub id: String,
    /// The version to accept.
    pub version: String,
    /// `never-accepted`, `new-version-requires-reconsent` or `announced` (published ahead of
    /// its effective date: offered, not needed to sign up now).
    pub reason: &'static str,
    /// For `announced`: the day it takes effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
}

/// What `accepted` (latest per id) leaves to accept for a sign-up with `provider` for
/// `products`, in `language`.
pub fn required(
    catalog: &Catalog,
    provider: &str,
    products: &[&str],
    language: &str,
    accepted: &[Accepted],
) -> Result<Vec<Required>, SelectError> {
    // The versions in effect today (UTC): one announced for a later date is not required yet.
    let today = consent_terms_core::agreement::Date::parse(
        &crate::time::rfc3339_ms(crate::time::now_ms())[..10],
    );
    let applicable = catalog.select_at(provider, products, language, today)?;
    let mut out = Vec::new();
    for a in &applicable {
        let m = &a.agreement.meta;
        let reason = match accepted.iter().find(|x| x.id == m.id) {
            None => Some("never-accepted"),
            Some(x) if version_accepted(catalog, &m.id, &x.version, &m.version) => None,
            // Accepted ahead: a version later than the one in effect.
            Some(x) if later_version(catalog, &m.id, &x.version, &m.version) => None,
            Some(_) => Some("new-version-requires-reconsent"),
        };
        if let Some(reason) = reason {
            out.push(Required {
                id: m.id.clone(),
                version: m.version.clone(),
                reason,
                effective: None,
            });
        }
        // The next version, published ahead: listed so the host can offer it, never needed now.
        if let Some((next, _)) = &a.announced {
            let n = &next.meta;
            let has = accepted
                .iter()
                .any(|x| x.id == n.id && !later_version(catalog, &n.id, &n.version, &x.version));
            if !has {
                out.push(Required {
                    id: n.id.clone(),
                    version: n.version.clone(),
                    reason: "announced",
                    effective: Some(n.effective.to_string()),
                });
            }
        }
    }
    Ok(out)
}
