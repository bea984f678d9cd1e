//! `consent-terms bundle`: the compiled agreements bundle (JSON) the widget loads, of the whole
//! catalogue or of one sign-up.

use crate::{fail, read_sources, refuse_placeholders, report, Failure};
use consent_terms_core::bundle::{catalog_bundle, signup_bundle};
use consent_terms_core::catalog::Catalog;
use consent_terms_core::verify::split_products;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints the bundle of every source below `dirs`, or, given a provider, of its sign-up for
/// `products` (separated by commas or spaces).
pub fn run(dirs: &[PathBuf], provider: Option<&str>, products: &str) -> Result<ExitCode, Failure> {
    let mut sources = Vec::new();
    for dir in dirs {
        let mut found = read_sources(dir)?;
        let below_here = dir.is_relative()
            && dir
                .components()
                .all(|c| !matches!(c, std::path::Component::ParentDir));
        // A bundle is published, and its paths show in the widget's messages: each starts at
        // the directory's own name (`agreements/…`), not at the root of the machine that built
        // it or at `..`; a path below the current directory stays as written.
        let name = dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(PathBuf::from))
            .unwrap_or_default();
        for source in found.iter_mut().filter(|_| !below_here) {
            if let Ok(within) = Path::new(&source.path).strip_prefix(dir) {
                source.path = name.join(within).display().to_string();
            }
        }
        sources.extend(found);
    }
    let catalog = Catalog::from_sources(&sources).map_err(|errors| report(&errors))?;
    refuse_placeholders(&sources)?;
    let bundle = match provider {
        None => catalog_bundle(&catalog),
        Some(provider) => {
            signup_bundle(&catalog, provider, &split_products(products)).map_err(|e| {
                eprintln!("{}: {e}", e.code());
                fail(1)
            })?
        }
    };
    out!("{}", bundle.to_json())?;
    Ok(ExitCode::SUCCESS)
}
