//! `consent-terms bundle`: the agreements bundle (JSON) the widget loads.

use crate::{fail, read_sources, report, Failure};
use consent_terms_core::bundle::build_bundle;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints the bundle of every source below `dirs`.
pub fn run(dirs: &[PathBuf]) -> Result<ExitCode, Failure> {
    let mut sources = Vec::new();
    for dir in dirs {
        sources.extend(read_sources(dir)?);
    }
    match build_bundle(&sources) {
        Ok(bundle) => match serde_json::to_string_pretty(&bundle) {
            Ok(json) => {
                outln!("{json}")?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("cannot serialise the bundle: {e}");
                Err(fail(2))
            }
        },
        Err(errors) => Err(report(&errors)),
    }
}
