//! The agreements bundle: the catalogue as one JSON document that a host can serve and the
//! widget can load at run time (`bundle="..."`). Its format is documented in
//! `agreements/README.md`; `consent-terms bundle <dir>` writes one.

use crate::canonical::Form;
use crate::catalog::{Catalog, CatalogBuilder, CatalogError, Source};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The value of the bundle's `format` field.
pub const BUNDLE_FORMAT: &str = "consent-terms-bundle/1";

/// One agreement version in a bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleEntry {
    /// Where the source came from (shown in messages).
    pub path: String,
    /// The declared content hash; the loader recomputes it and rejects a mismatch.
    pub sha256: String,
    /// The agreement source, in the dialect of `agreements/README.md`.
    pub source: String,
}

/// A bundle as serialised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    /// Every agreement version.
    pub agreements: Vec<BundleEntry>,
}

/// Why a bundle was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BundleError {
    /// Not JSON, or not of the bundle's shape.
    Malformed(String),
    /// The `format` field names another format.
    UnsupportedFormat(String),
    /// An entry's text does not parse, or the entries do not make a catalogue.
    Catalog(Vec<CatalogError>),
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
            BundleError::Malformed(_) | BundleError::UnsupportedFormat(_) => {
                ErrorCode::BundleMalformed
            }
            BundleError::Catalog(_) => ErrorCode::BundleInvalid,
            BundleError::HashMismatch { .. } => ErrorCode::HashMismatch,
        }
    }

    /// The code's string (see [`BundleError::error_code`]).
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::Malformed(why) => write!(
                f,
                "agreements bundle is not valid JSON of the bundle format: {why}"
            ),
            BundleError::UnsupportedFormat(v) => {
                write!(
                    f,
                    "agreements bundle has format `{v}`; this widget reads `{BUNDLE_FORMAT}`"
                )
            }
            BundleError::Catalog(errors) => {
                write!(f, "agreements bundle has invalid agreements: ")?;
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            BundleError::HashMismatch {
                path,
                declared,
                computed,
            } => write!(
                f,
                "{path}: declared sha256 {declared} but its text hashes to {computed}"
            ),
        }
    }
}

impl std::error::Error for BundleError {}

/// A source without its author comments: they are neither shown nor hashed, so a bundle need
/// not carry them to the browser.
fn without_comments(text: &str) -> String {
    let mut out: String = text
        .lines()
        .filter(|l| !(l.trim_start().starts_with("<!--") && l.trim_end().ends_with("-->")))
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// Builds the bundle of a set of sources (which must make a valid catalogue).
pub fn build_bundle(sources: &[Source]) -> Result<Bundle, Vec<CatalogError>> {
    let catalog = Catalog::from_sources(sources)?;
    let agreements = sources
        .iter()
        .zip(catalog.all())
        .map(|(s, a)| BundleEntry {
            path: s.path.clone(),
            sha256: catalog.hash_of(a),
            source: without_comments(&s.text),
        })
        .collect();
    Ok(Bundle {
        format: BUNDLE_FORMAT.to_string(),
        agreements,
    })
}

/// Reads a bundle's JSON (natively, with serde_json; the widget reads it with the browser's
/// parser and calls [`load_parsed`]), then checks it as [`load_parsed`] does.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_bundle(json: &str) -> Result<Catalog, BundleError> {
    let bundle: Bundle =
        serde_json::from_str(json).map_err(|e| BundleError::Malformed(e.to_string()))?;
    load_parsed(bundle)
}

/// Checks a read bundle: its format, every agreement parses, and every declared hash.
pub fn load_parsed(bundle: Bundle) -> Result<Catalog, BundleError> {
    let mut check = BundleCheck::start(bundle)?;
    while check.step() {}
    check.finish()
}

/// A read bundle checked one agreement at a time ([`load_parsed`] in steps), for a caller that
/// yields between steps: the widget, which would otherwise parse and hash every agreement of
/// the bundle in one task. Each step takes one entry: parsed and hashed, a few milliseconds.
pub struct BundleCheck {
    entries: std::vec::IntoIter<BundleEntry>,
    declared: Vec<(String, String)>,
    builder: CatalogBuilder,
}

impl BundleCheck {
    /// Starts checking `bundle`, refusing it at once if it is of another format.
    pub fn start(bundle: Bundle) -> Result<BundleCheck, BundleError> {
        if bundle.format != BUNDLE_FORMAT {
            return Err(BundleError::UnsupportedFormat(bundle.format));
        }
        Ok(BundleCheck {
            entries: bundle.agreements.into_iter(),
            declared: Vec::new(),
            builder: CatalogBuilder::default(),
        })
    }

    /// Parses and hashes the next entry; false when none was left.
    pub fn step(&mut self) -> bool {
        let Some(entry) = self.entries.next() else {
            return false;
        };
        self.builder.add(&entry.path, &entry.source);
        self.declared.push((entry.path, entry.sha256));
        true
    }

    /// The catalogue, once every entry parses, the entries make a catalogue, and each hashes
    /// to what it declares.
    pub fn finish(mut self) -> Result<Catalog, BundleError> {
        while self.step() {}
        let catalog = self.builder.finish().map_err(BundleError::Catalog)?;
        for ((path, sha256), agreement) in self.declared.into_iter().zip(catalog.all()) {
            let computed = catalog.hash_of(agreement);
            if !computed.eq_ignore_ascii_case(&sha256) {
                // A v1 hash does not cover scope and precedence, so it is not enough: the
                // bundle was written before v2 and must be written again.
                let written_before_v2 =
                    catalog.form_of(agreement, &sha256.to_ascii_lowercase()) == Some(Form::V1);
                return Err(BundleError::HashMismatch {
                    declared: if written_before_v2 {
                        format!("{sha256} (its canonical v1 hash: write the bundle again with `consent-terms bundle`)")
                    } else {
                        sha256
                    },
                    path,
                    computed,
                });
            }
        }
        Ok(catalog)
    }
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
        return Err(format!(
            "the page's integrity `{pin}` names no sha256- hash, the one this widget checks"
        ));
    }
    let actual = sri_sha256(text);
    if pinned.contains(&actual.as_str()) {
        Ok(())
    } else {
        Err(format!(
            "the bundle hashes to {actual}, not to the {} the page pinned",
            pinned.join(" or ")
        ))
    }
}
