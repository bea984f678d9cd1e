//! What a sign-up requires: which agreements a receipt must cover for a nonce that names the
//! sign-up, and what a subject must (re-)accept.

use consent_terms::catalog::Catalog;
use consent_terms::receipt::ConsentRecord;
use serde::Serialize;

/// Whether a person who accepted `version` of `id` need not accept again: it is the current
/// version `current`, or an earlier one and no version after it, up to `current`, requires
/// re-acceptance.
pub fn version_accepted(catalog: &Catalog, id: &str, version: &str, current: &str) -> bool {
    if version == current {
        return true;
    }
    let versions = catalog.versions(id);
    let (Some(from), Some(to)) = (
        versions.iter().position(|a| a.meta.version == version),
        versions.iter().position(|a| a.meta.version == current),
    ) else {
        return false;
    };
    from < to && !versions[from + 1..=to].iter().any(|a| a.meta.reconsent)
}

/// Splits a `products` value: white space or commas.
pub fn split_products(products: &str) -> Vec<&str> {
    products
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Why a receipt does not satisfy the sign-up its nonce names: `(code, message)`.
pub fn check_sign_up(
    catalog: &Catalog,
    provider: &str,
    products: &[&str],
    record: &ConsentRecord,
) -> Result<(), (&'static str, String)> {
    let applicable = catalog
        .select(provider, products, &record.locale)
        .map_err(|e| (e.code(), e.to_string()))?;
    for a in &applicable {
        let m = &a.agreement.meta;
        let Some(covered) = record.agreements.iter().find(|c| c.id == m.id) else {
            return Err((
                "policy-missing-agreement",
                format!(
                    "the sign-up requires agreement `{}` (version {}), which the receipt does not cover",
                    m.id, m.version
                ),
            ));
        };
        if !version_accepted(catalog, &m.id, &covered.version, &m.version) {
            return Err((
                "policy-outdated-version",
                format!(
                    "agreement `{}` version {} requires re-acceptance; the current version is {}",
                    m.id, covered.version, m.version
                ),
            ));
        }
    }
    Ok(())
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

/// One agreement a subject must accept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Required {
    /// Agreement id.
    pub id: String,
    /// The version to accept.
    pub version: String,
    /// `never-accepted`, `new-version-requires-reconsent` or `announced`.
    pub reason: &'static str,
}

/// What `accepted` (latest per id) leaves to accept for a sign-up with `provider` for
/// `products`, in `language`.
pub fn required(
    catalog: &Catalog,
    provider: &str,
    products: &[&str],
    language: &str,
    accepted: &[Accepted],
) -> Result<Vec<Required>, (&'static str, String)> {
    let applicable = catalog
        .select(provider, products, language)
        .map_err(|e| (e.code(), e.to_string()))?;
    let mut out = Vec::new();
    for a in &applicable {
        let m = &a.agreement.meta;
        let reason = match accepted.iter().find(|x| x.id == m.id) {
            None => Some("never-accepted"),
            Some(x) if version_accepted(catalog, &m.id, &x.version, &m.version) => None,
            Some(_) => Some("new-version-requires-reconsent"),
        };
        if let Some(reason) = reason {
            out.push(Required {
                id: m.id.clone(),
                version: m.version.clone(),
                reason,
            });
        }
    }
    Ok(out)
}
