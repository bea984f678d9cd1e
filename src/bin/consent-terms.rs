//! `consent-terms`: the command line for authors and backends.
//!
//! ```text
//! consent-terms lint <dir>      exemption lint over every agreement source below <dir>
//! consent-terms hash <file>     canonical SHA-256 of one agreement version
//! consent-terms bundle <dir>    the agreements bundle (JSON) of <dir>, on standard output
//! ```

use consent_terms::bundle::build_bundle;
use consent_terms::canonical::content_hash;
use consent_terms::catalog::{Catalog, CatalogError, Source};
use consent_terms::lint::lint;
use consent_terms::parse::parse_agreement;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  consent-terms lint <dir>      report exemption clauses that are not highlighted (and the reverse)
  consent-terms hash <file>     print the canonical SHA-256 of one agreement version
  consent-terms bundle <dir>    print the agreements bundle (JSON) of every source below <dir>";

/// Exit codes: 0 success (warnings allowed), 1 invalid input found, 2 usage or I/O error.
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    match refs.as_slice() {
        ["lint", dir] => run_lint(Path::new(dir)),
        ["hash", file] => run_hash(Path::new(file)),
        ["bundle", dir] => run_bundle(Path::new(dir)),
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_sources(dir: &Path) -> Result<Vec<Source>, ExitCode> {
    match Source::read_dir(dir) {
        Ok(s) if s.is_empty() => {
            eprintln!("{}: no agreement sources (*.md) found", dir.display());
            Err(ExitCode::from(2))
        }
        Ok(s) => Ok(s),
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            Err(ExitCode::from(2))
        }
    }
}

fn report(errors: &[CatalogError]) -> ExitCode {
    for e in errors {
        eprintln!("{e}");
    }
    eprintln!("{} error(s)", errors.len());
    ExitCode::from(1)
}

fn run_lint(dir: &Path) -> ExitCode {
    let sources = match read_sources(dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let catalog = match Catalog::from_sources(&sources) {
        Ok(c) => c,
        Err(errors) => return report(&errors),
    };
    let (mut errors, mut warnings, mut allowed) = (0, 0, 0);
    for (source, agreement) in sources.iter().zip(catalog.all()) {
        for finding in lint(agreement, &source.text) {
            if finding.allowed.is_some() {
                allowed += 1;
                continue;
            }
            if finding.rule.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            println!("{finding}");
        }
    }
    println!(
        "{} agreement version(s): {errors} error(s), {warnings} warning(s), {allowed} finding(s) allowed by the author with a reason",
        sources.len()
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_hash(file: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match parse_agreement(&file.display().to_string(), &text) {
        Ok(a) => {
            println!("{}  {} {}", content_hash(&a), a.meta.id, a.meta.version);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn run_bundle(dir: &Path) -> ExitCode {
    let sources = match read_sources(dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match build_bundle(&sources) {
        Ok(bundle) => match serde_json::to_string_pretty(&bundle) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cannot serialise the bundle: {e}");
                ExitCode::from(2)
            }
        },
        Err(errors) => report(&errors),
    }
}
