//! `consent-terms hash`: the canonical SHA-256 of one agreement version.

use crate::{fail, Failure};
use consent_terms_core::agreement::hidden_in_source;
use consent_terms_core::canonical::content_hash;
use consent_terms_core::catalog::CatalogError;
use consent_terms_core::parse::parse_agreement;
use std::path::Path;
use std::process::ExitCode;

/// Prints the hash, the id and the version of the source in `file`.
pub fn run(file: &Path) -> Result<ExitCode, Failure> {
    let text = match consent_terms_core::catalog::read_text(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return Err(fail(2));
        }
    };
    match (
        parse_agreement(&file.display().to_string(), &text),
        hidden_in_source(&text),
    ) {
        // What every catalogue refuses gets no hash either: it could never be accepted.
        (Ok(a), Some((line, c))) => {
            let e = CatalogError::HiddenCharacter {
                file: a.file,
                line,
                code: u32::from(c),
            };
            eprintln!("{e}");
            Err(fail(1))
        }
        (Ok(a), None) => {
            outln!("{}  {} {}", content_hash(&a), a.meta.id, a.meta.version)?;
            Ok(ExitCode::SUCCESS)
        }
        (Err(e), _) => {
            eprintln!("{e}");
            Err(fail(1))
        }
    }
}
