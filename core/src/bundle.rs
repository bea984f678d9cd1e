//! The agreements bundle: the catalogue compiled into one JSON document that a host serves and
//! the widget loads at run time (`bundle="..."`): every version already parsed, with its
//! content hashes and the clause changes between versions, so that the browser parses and
//! compares nothing. Its format (`consent-terms-bundle/2`) is documented in
//! `agreements/README.md`; `consent-terms bundle <dir>` writes one, [`crate::compiled`] reads
//! and writes its JSON.

use crate::agreement::{hiding_character, Agreement};
use crate::canonical::content_hash;
pub use crate::catalog::Changes;
use crate::catalog::{Catalog, CatalogError, Source};
use std::fmt;

/// The value of the bundle's `format` field.
pub const BUNDLE_FORMAT: &str = "consent-terms-bundle/2";

/// The earlier format, which carried each agreement's source for the browser to parse: refused,
/// with the command that writes the bundle again.
pub const BUNDLE_FORMAT_V1: &str = "consent-terms-bundle/1";

/// One agreement version in a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleEntry {
    /// Where the source came from (shown in messages).
    pub path: String,
    /// The declared content hash (canonical v2); the loader recomputes it from the version's
    /// metadata and blocks and rejects a mismatch.
    pub sha256: String,
    /// The canonical v1 hash, which an acceptance remembered before v2 may name.
    pub sha256_v1: String,
    /// The version, parsed: metadata and blocks as the widget shows them.
    pub agreement: Agreement,
}

/// A bundle as serialised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    /// Every agreement version.
    pub agreements: Vec<BundleEntry>,
    /// The clause changes between versions, by positions in `agreements`.
    pub changes: Vec<Changes>,
}

impl Bundle {
    /// The bundle's JSON text, as `consent-terms bundle` writes it.
    pub fn to_json(&self) -> String {
        crate::compiled::bundle_json(self)
    }
}

/// Why a bundle was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BundleError {
    /// Not JSON, or not of the bundle's shape.
    Malformed(String),
    /// The `format` field names another format.
    UnsupportedFormat(String),
    /// The bundle is of the earlier format ([`BUNDLE_FORMAT_V1`]) and must be written again.
    Outdated,
    /// An entry holds an invisible or direction-changing character, which no catalogue holds.
    Hidden {
        /// The entry's path.
        file: String,
        /// The line of the block (or of the header) that holds it.
        line: usize,
        /// The code point.
        code: u32,
    },
    /// An entry's text does not hash to its declared `sha256`.
    HashMismatch {
        /// The entry's path.
        path: String,
        /// What the bundle declares.
        declared: String,
        /// What its text hashes to.
        computed: String,
    },
}

impl BundleError {
    /// A stable code for hosts and events.
    pub fn error_code(&self) -> crate::contract::ErrorCode {
        use crate::contract::ErrorCode;
        match self {
            BundleError::Malformed(_)
            | BundleError::UnsupportedFormat(_)
            | BundleError::Outdated => ErrorCode::BundleMalformed,
            BundleError::Hidden { .. } => ErrorCode::BundleInvalid,
            BundleError::HashMismatch { .. } => ErrorCode::HashMismatch,
        }
    }

    /// The code's string (see [`BundleError::error_code`]).
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }
}

// Written with `push_str`, not `write!`: the widget shows these, and core::fmt's machinery
// costs the wasm more than the strings.
impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            BundleError::Malformed(why) => {
                ["agreements bundle is not valid JSON of the bundle format: ", why].concat()
            }
            BundleError::UnsupportedFormat(v) => [
                "agreements bundle has format `",
                v,
                "`; this widget reads `",
                BUNDLE_FORMAT,
                "`",
            ]
            .concat(),
            BundleError::Outdated => [
                "agreements bundle has the format `",
                BUNDLE_FORMAT_V1,
                "`, which this widget no longer reads: write it again with `consent-terms bundle <agreements dir> > agreements.json` (format `",
                BUNDLE_FORMAT,
                "`)",
            ]
            .concat(),
            BundleError::Hidden { file, line, code } => {
                let mut out = String::from("agreements bundle has invalid agreements: ");
                out.push_str(file);
                out.push(':');
                crate::json::push_uint(&mut out, *line as u64);
                out.push_str(": U+");
                // `{code:04X}`: at least four digits, upper case.
                let mut shift = 20;
                while shift > 12 && (code >> shift) & 0xF == 0 {
                    shift -= 4;
                }
                loop {
                    let digit = crate::json::HEX_DIGITS[((code >> shift) & 0xF) as usize];
                    out.push(char::from(digit.to_ascii_uppercase()));
                    if shift == 0 {
                        break;
                    }
                    shift -= 4;
                }
                out.push_str(HIDDEN);
                out
            }
            BundleError::HashMismatch {
                path,
                declared,
                computed,
            } => [
                path,
                ": declared sha256 ",
                declared,
                " but its text hashes to ",
                computed,
            ]
            .concat(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for BundleError {}

/// The bundle of every version in `catalog`.
pub fn catalog_bundle(catalog: &Catalog) -> Bundle {
    let all: Vec<usize> = (0..catalog.all().len()).collect();
    bundle_of(catalog, &all)
}

/// The bundle of the versions at `kept` (positions in [`Catalog::all`], ascending), with the
/// changes between them.
fn bundle_of(catalog: &Catalog, kept: &[usize]) -> Bundle {
    let all = catalog.all();
    let agreements = kept
        .iter()
        .map(|&i| BundleEntry {
            path: all[i].file.clone(),
            sha256: catalog.hash_of(&all[i]),
            sha256_v1: catalog.v1_hash_of(&all[i]),
            agreement: all[i].clone(),
        })
        .collect();
    let changes = catalog
        .all_changes()
        .iter()
        .filter_map(|c| {
            Some(Changes {
                from: kept.iter().position(|&i| i == c.from)?,
                to: kept.iter().position(|&i| i == c.to)?,
                changes: c.changes.clone(),
            })
        })
        .collect();
    Bundle {
        format: BUNDLE_FORMAT.to_string(),
        agreements,
        changes,
    }
}

/// The bundle of one sign-up's agreements: every version, in every language, of each agreement
/// that applies to a sign-up with `provider` for `products` on any day (so versions announced
/// for later are included), with the agreements they supplement.
pub fn signup_bundle(
    catalog: &Catalog,
    provider: &str,
    products: &[&str],
) -> Result<Bundle, crate::catalog::SelectError> {
    catalog.select(provider, products, "en")?;
    let all = catalog.all();
    let mut ids: Vec<&str> = all
        .iter()
        .filter(|a| {
            a.meta.provider == provider
                && (a.meta.products.is_empty()
                    || a.meta
                        .products
                        .iter()
                        .any(|p| products.contains(&p.as_str())))
        })
        .map(|a| a.meta.id.as_str())
        .collect();
    // A supplement brings the agreements it supplements.
    let mut i = 0;
    while i < ids.len() {
        let id = ids[i];
        for a in all.iter().filter(|a| a.meta.id == id) {
            if let Some((base, _)) = &a.meta.supplements {
                if !ids.contains(&base.as_str()) {
                    ids.push(base);
                }
            }
        }
        i += 1;
    }
    let kept: Vec<usize> = (0..all.len())
        .filter(|&i| ids.contains(&all[i].meta.id.as_str()))
        .collect();
    Ok(bundle_of(catalog, &kept))
}

/// Builds the bundle of a set of sources (which must make a valid catalogue).
pub fn build_bundle(sources: &[Source]) -> Result<Bundle, Vec<CatalogError>> {
    Ok(catalog_bundle(&Catalog::from_sources(sources)?))
}

/// Reads a bundle's JSON (natively, with serde_json; the widget reads it with the browser's
/// parser), then checks it as [`load_parsed`] does.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_bundle(json: &str) -> Result<Catalog, BundleError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| BundleError::Malformed(e.to_string()))?;
    load_parsed(crate::compiled::read_bundle(&value)?)
}

/// Checks a read bundle: its format, and that every version hashes to its declared hash.
pub fn load_parsed(bundle: Bundle) -> Result<Catalog, BundleError> {
    let mut check = BundleCheck::start(bundle)?;
    while check.step() {}
    check.finish()
}

/// A read bundle checked one version at a time ([`load_parsed`] in steps), for a caller that
/// yields between steps. Each step hashes one version's canonical text, as the widget does
/// again with what it shows.
pub struct BundleCheck {
    entries: Vec<BundleEntry>,
    hashes: Vec<String>,
    changes: Vec<Changes>,
    error: Option<BundleError>,
}

impl BundleCheck {
    /// Starts checking `bundle`, refusing it at once if it is of another format.
    pub fn start(bundle: Bundle) -> Result<BundleCheck, BundleError> {
        match bundle.format.as_str() {
            BUNDLE_FORMAT => Ok(BundleCheck {
                entries: bundle.agreements,
                hashes: Vec::new(),
                changes: bundle.changes,
                error: None,
            }),
            BUNDLE_FORMAT_V1 => Err(BundleError::Outdated),
            _ => Err(BundleError::UnsupportedFormat(bundle.format)),
        }
    }

    /// Checks the next version; false when none was left or one was refused.
    pub fn step(&mut self) -> bool {
        let Some(entry) = self.entries.get(self.hashes.len()) else {
            return false;
        };
        if self.error.is_some() {
            return false;
        }
        if let Some(error) = hidden_in(entry) {
            self.error = Some(error);
            return false;
        }
        let computed = content_hash(&entry.agreement);
        if !computed.eq_ignore_ascii_case(&entry.sha256) {
            // A v1 hash does not cover scope and precedence, so it is not enough: the bundle
            // was written before v2 and must be written again.
            let declared = if entry.sha256.eq_ignore_ascii_case(&entry.sha256_v1) {
                [
                    &entry.sha256,
                    " (its canonical v1 hash: write the bundle again with `consent-terms bundle`)",
                ]
                .concat()
            } else {
                entry.sha256.clone()
            };
            self.error = Some(BundleError::HashMismatch {
                path: entry.path.clone(),
                declared,
                computed,
            });
            return false;
        }
        self.hashes.push(computed);
        true
    }

    /// The catalogue, once every version hashes to what it declares.
    pub fn finish(mut self) -> Result<Catalog, BundleError> {
        while self.step() {}
        if let Some(error) = self.error {
            return Err(error);
        }
        let (agreements, v1) = self
            .entries
            .into_iter()
            .map(|e| (e.agreement, e.sha256_v1))
            .unzip();
        Ok(Catalog::from_compiled(
            agreements,
            self.hashes,
            v1,
            self.changes,
        ))
    }
}

/// What [`CatalogError::HiddenCharacter`] says after the code point.
const HIDDEN: &str =
    " is an invisible or direction-changing character, which can hide what the text says";

/// The first invisible or direction-changing character in what an entry shows (its title,
/// provider name, clause numbers and text), with its line: no catalogue holds one, whatever
/// hash the bundle declares.
fn hidden_in(entry: &BundleEntry) -> Option<BundleError> {
    let a = &entry.agreement;
    let header = [&a.meta.title, &a.meta.provider_name]
        .into_iter()
        .find_map(|t| hiding_character(t))
        .map(|c| (a.meta.version_line, c));
    let body = || {
        a.blocks().find_map(|b| {
            b.number()
                .and_then(hiding_character)
                .or_else(|| b.spans.iter().find_map(|s| hiding_character(s.text())))
                .map(|c| (b.line, c))
        })
    };
    let (line, c) = header.or_else(body)?;
    Some(BundleError::Hidden {
        file: entry.path.clone(),
        line,
        code: u32::from(c),
    })
}

/// The SHA-256 of `text` (UTF-8) as Subresource Integrity writes it: `sha256-` and standard
/// base64 with padding.
pub fn sri_sha256(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut out = String::from("sha256-");
    for c in crate::receipt::b64url(&Sha256::digest(text.as_bytes())).chars() {
        out.push(match c {
            '-' => '+',
            '_' => '/',
            c => c,
        });
    }
    // 32 bytes are 43 characters of base64, padded to 44.
    out.push('=');
    out
}

/// Checks the bundle file's text against the page's pin, an `integrity` value as in SRI: one
/// or more space-separated `sha256-<base64>` hashes (other algorithms are not checked). The
/// error says what was expected and what the file hashes to.
pub fn check_integrity(pin: &str, text: &str) -> Result<(), String> {
    let pinned: Vec<&str> = pin
        .split_whitespace()
        .filter(|t| t.starts_with("sha256-"))
        .map(|t| t.split('?').next().unwrap_or(t))
        .collect();
    if pinned.is_empty() {
        return Err([
            "the page's integrity `",
            pin,
            "` names no sha256- hash, the one this widget checks",
        ]
        .concat());
    }
    let actual = sri_sha256(text);
    if pinned.contains(&actual.as_str()) {
        Ok(())
    } else {
        Err([
            "the bundle hashes to ",
            &actual,
            ", not to the ",
            &pinned.join(" or "),
            " the page pinned",
        ]
        .concat())
    }
}
