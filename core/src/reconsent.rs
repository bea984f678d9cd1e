//! Re-consent: what a person has already accepted, which agreements must be asked again, and
//! what changed between the version they accepted and the current one. Pure.

use crate::agreement::{Agreement, Block, BlockKind};
use crate::canonical::block_line;
use crate::catalog::Catalog;
use crate::json::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One accepted agreement version, as remembered in the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedVersion {
    /// The version accepted.
    pub version: String,
    /// Its content hash.
    pub sha256: String,
    /// When (RFC 3339).
    pub accepted_at: String,
}

/// Everything one subject accepted on one origin, by agreement id.
pub type AcceptedVersions = BTreeMap<String, AcceptedVersion>;

/// What was accepted, as kept in the browser's storage: an object by agreement id.
pub fn accepted_json(accepted: &AcceptedVersions) -> Json {
    Json::Object(
        accepted
            .iter()
            .map(|(id, a)| {
                let entry = Json::object([
                    ("version", a.version.as_str().into()),
                    ("sha256", a.sha256.as_str().into()),
                    ("accepted_at", a.accepted_at.as_str().into()),
                ]);
                (id.clone(), entry)
            })
            .collect(),
    )
}

/// What to do with one applicable agreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Never accepted here: ask.
    Ask,
    /// An earlier version was accepted and this one, or one between them, requires
    /// re-acceptance ([`must_accept_again`]): ask, showing what changed since `previous`.
    AskAgain {
        /// The version accepted before.
        previous: String,
    },
    /// The current version is the one accepted: do not ask.
    AlreadyAccepted,
    /// An earlier version was accepted and no version after it, up to this one, requires
    /// re-acceptance: record this one as current without asking.
    RecordWithoutAsking {
        /// The version accepted before.
        previous: String,
    },
}

/// Whether a person who accepted `accepted` (a version of agreement `id`) must accept again
/// to hold `current`: the one re-consent rule, applied by the widget's plan, the verifier's
/// sign-up policy and the ledger's status alike.
///
/// Accepting `current` itself holds. An earlier version holds only if no version after it, up
/// to and including `current`, requires re-acceptance (`reconsent: required`): a change that
/// asked everyone to accept again is not skipped because a later, minor version does not ask.
/// A version the catalogue does not hold, or one later than `current`, is asked again (the
/// catalogue cannot say what came between).
///
/// ```
/// use consent_terms_core::catalog::bundled_catalog;
/// use consent_terms_core::reconsent::must_accept_again;
///
/// let catalog = bundled_catalog().as_ref().expect("shipped agreements are valid");
/// // The CDN agreement's 2021-06-01 version requires accepting again.
/// assert!(must_accept_again(catalog, "kingsoft-cdn", "2020-11-26", "2021-06-01"));
/// assert!(!must_accept_again(catalog, "kingsoft-cdn", "2021-06-01", "2021-06-01"));
/// ```
pub fn must_accept_again(catalog: &Catalog, id: &str, accepted: &str, current: &str) -> bool {
    if accepted == current {
        return false;
    }
    // Oldest first; once past the version accepted, whether any later one requires it. The
    // accepted version's texts in other languages are not later versions.
    let mut since: Option<bool> = None;
    for a in catalog.versions(id) {
        let version = a.meta.version.as_str();
        if version == accepted {
            since.get_or_insert(false);
        } else if let Some(asks) = &mut since {
            *asks |= a.meta.reconsent;
            if version == current {
                return *asks;
            }
        } else if version == current {
            // The version accepted is later than the current one.
            return true;
        }
    }
    // One of the two is not in the catalogue.
    true
}

/// Decides for `current` given what was accepted before, `current_hash` being its text's hash.
pub fn decide(
    catalog: &Catalog,
    current: &Agreement,
    current_hash: &str,
    accepted: &AcceptedVersions,
) -> Decision {
    decide_among(catalog, current, &[current_hash], accepted)
}

/// Decides for `current`, given `hashes`: its own text's and those of the texts of this
/// version its author declared translations of one another; accepting any of them is
/// accepting this version. An earlier version accepted is asked again by
/// [`must_accept_again`].
pub fn decide_among(
    catalog: &Catalog,
    current: &Agreement,
    hashes: &[&str],
    accepted: &AcceptedVersions,
) -> Decision {
    let m = &current.meta;
    match accepted.get(&m.id) {
        None => Decision::Ask,
        Some(a) if a.version == m.version && hashes.contains(&a.sha256.as_str()) => {
            Decision::AlreadyAccepted
        }
        // Same version label but other text: the text changed under the person; ask afresh.
        Some(a) if a.version == m.version => Decision::Ask,
        Some(a) if must_accept_again(catalog, &m.id, &a.version, &m.version) => {
            Decision::AskAgain {
                previous: a.version.clone(),
            }
        }
        Some(a) => Decision::RecordWithoutAsking {
            previous: a.version.clone(),
        },
    }
}

/// A change between two versions of an agreement, clause by clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A block only the new version has.
    Added {
        /// Printed clause number, if any.
        number: Option<String>,
        /// Its text.
        text: String,
        /// Whether it is (or holds) a highlighted clause.
        highlighted: bool,
    },
    /// A block only the old version has.
    Removed {
        /// Printed clause number, if any.
        number: Option<String>,
        /// Its text.
        text: String,
    },
    /// A clause with the same number whose text or highlighting changed.
    Changed {
        /// Printed clause number.
        number: String,
        /// The old text.
        before: String,
        /// The new text.
        after: String,
        /// Whether the new text is highlighted.
        highlighted: bool,
    },
}

fn number(b: &Block) -> Option<String> {
    match &b.kind {
        BlockKind::Clause(n) => Some(n.clone()),
        _ => None,
    }
}

/// The clause-level changes from `old` to `new`, in the new version's reading order.
pub fn diff(old: &Agreement, new: &Agreement) -> Vec<Change> {
    let a: Vec<&Block> = old.blocks().collect();
    let b: Vec<&Block> = new.blocks().collect();
    let la: Vec<String> = a.iter().map(|x| block_line(x)).collect();
    let lb: Vec<String> = b.iter().map(|x| block_line(x)).collect();
    // Longest common subsequence of the canonical lines, then a walk that emits the rest.
    let (n, m) = (la.len(), lb.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if la[i] == lb[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut removed: Vec<&Block> = Vec::new();
    let mut added: Vec<&Block> = Vec::new();
    let mut out = Vec::new();
    let flush = |removed: &mut Vec<&Block>, added: &mut Vec<&Block>, out: &mut Vec<Change>| {
        // A removed and an added clause with the same number are one changed clause.
        for r in removed.iter() {
            let paired = number(r).is_some() && added.iter().any(|x| number(x) == number(r));
            if !paired {
                out.push(Change::Removed {
                    number: number(r),
                    text: r.plain_text(),
                });
            }
        }
        for x in added.iter() {
            let before = removed
                .iter()
                .find(|r| number(r).is_some() && number(r) == number(x));
            let highlighted = x.highlights().next().is_some();
            out.push(match (before, number(x)) {
                (Some(r), Some(num)) => Change::Changed {
                    number: num,
                    before: r.plain_text(),
                    after: x.plain_text(),
                    highlighted,
                },
                _ => Change::Added {
                    number: number(x),
                    text: x.plain_text(),
                    highlighted,
                },
            });
        }
        removed.clear();
        added.clear();
    };
    while i < n || j < m {
        if i < n && j < m && la[i] == lb[j] {
            flush(&mut removed, &mut added, &mut out);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(b[j]);
            j += 1;
        } else {
            removed.push(a[i]);
            i += 1;
        }
    }
    flush(&mut removed, &mut added, &mut out);
    out
}
