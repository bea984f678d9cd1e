//! The sign-up policy: the agreements a sign-up requires, and which of their versions a
//! receipt may cover.

use super::VerifyError;
use crate::agreement::Date;
use crate::catalog::Catalog;
use crate::receipt::ConsentRecord;

/// What a sign-up requires of a receipt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignUpPolicy {
    /// Provider key.
    pub provider: String,
    /// Product keys.
    pub products: Vec<String>,
    /// Which versions of each required agreement count.
    pub versions: VersionPolicy,
    /// (agreement id, version) pairs the person accepted before, by the backend's records: a
    /// required agreement one of them holds (at a version [`SignUpPolicy::versions`] accepts,
    /// or a later one, accepted ahead) need not be in the receipt, as the widget does not ask
    /// again what a person accepted.
    pub accepted_before: Vec<(String, String)>,
}

/// Splits a `products` value as the verifier and the ledger read it: white space or commas.
pub fn split_products(products: &str) -> Vec<&str> {
    products
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Which versions of a required agreement a receipt may cover.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum VersionPolicy {
    /// The current version only.
    Current,
    /// The current version, or an earlier one after which no version up to the current
    /// requires re-acceptance ([`crate::reconsent::must_accept_again`], the rule the widget
    /// applies to remembered consent and the ledger to a subject's status).
    #[default]
    Unchanged,
    /// The current version, or one of these (agreement id, version) pairs.
    CurrentOr(Vec<(String, String)>),
}

/// Whether a person who accepted `version` of `id` need not accept again to hold `current`
/// under the [`VersionPolicy::Unchanged`] rule: the re-consent rule of
/// [`crate::reconsent::must_accept_again`], the one the widget and the ledger apply.
pub fn version_unchanged_since(catalog: &Catalog, id: &str, version: &str, current: &str) -> bool {
    !crate::reconsent::must_accept_again(catalog, id, version, current)
}

/// Whether `record` covers every agreement the sign-up `policy` names requires (selected in
/// the record's locale, in effect on the day it was accepted), each at a version the policy
/// accepts, but those the person accepted before (`policy.accepted_before`), and nothing else.
pub fn check_sign_up(
    catalog: &Catalog,
    policy: &SignUpPolicy,
    record: &ConsentRecord,
) -> Result<(), VerifyError> {
    let products: Vec<&str> = policy.products.iter().map(String::as_str).collect();
    // The versions in effect on the day of acceptance: a version announced then was not yet
    // required.
    let day = record.accepted_at.get(..10).and_then(Date::parse);
    let applicable = catalog
        .select_at(&policy.provider, &products, &record.locale, day)
        .map_err(|e| VerifyError::BadSignUp {
            code: e.code(),
            message: e.to_string(),
        })?;
    for a in &applicable {
        let m = &a.agreement.meta;
        let holds = |version: &str| match &policy.versions {
            VersionPolicy::Current => version == m.version,
            VersionPolicy::Unchanged => {
                version_unchanged_since(catalog, &m.id, version, &m.version)
            }
            VersionPolicy::CurrentOr(allowed) => {
                version == m.version || allowed.iter().any(|(id, v)| *id == m.id && *v == version)
            }
        };
        let Some(covered) = record.agreements.iter().find(|c| c.id == m.id) else {
            let versions = catalog.versions(&m.id);
            let at = |v: &str| versions.iter().position(|a| a.meta.version == v);
            let before = policy.accepted_before.iter().any(|(id, v)| {
                *id == m.id
                    && (holds(v) || matches!((at(v), at(&m.version)), (Some(a), Some(b)) if a > b))
            });
            if before {
                continue;
            }
            return Err(VerifyError::MissingAgreement {
                id: m.id.clone(),
                version: m.version.clone(),
            });
        };
        if !holds(&covered.version) {
            return Err(VerifyError::OutdatedVersion {
                id: m.id.clone(),
                version: covered.version.clone(),
                current: m.version.clone(),
            });
        }
    }
    // Nothing more: an agreement of another sign-up in the record would be stored as consent
    // to terms this sign-up never showed.
    if let Some(extra) = record
        .agreements
        .iter()
        .find(|c| !applicable.iter().any(|a| a.agreement.meta.id == c.id))
    {
        return Err(VerifyError::ExtraAgreement {
            id: extra.id.clone(),
            version: extra.version.clone(),
        });
    }
    Ok(())
}
