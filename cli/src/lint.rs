//! `consent-terms lint`: the clauses a person must be shown that are not highlighted, and the
//! notice period of each changed version.

use crate::{fail, load_catalog, Failure};
use consent_terms_core::catalog::{Catalog, Source};
use consent_terms_core::lint::lint;
use consent_terms_core::notice::{self, NoticeSettings};
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path) -> Result<ExitCode, Failure> {
    let (sources, catalog) = load_catalog(dir)?;
    let (mut errors, mut warnings, mut allowed) = (0, 0, 0);
    let mut by_kind = std::collections::BTreeMap::new();
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
            if let Some(r) = &finding.reading {
                *by_kind.entry(r.kind).or_insert(0) += 1;
            }
            outln!("{finding}")?;
        }
    }
    // The notice period of each changed version (core/src/notice.rs), set in DIR/providers.txt.
    let (notice_errors, notice_warnings) = lint_notice(dir, &catalog, &sources)?;
    errors += notice_errors;
    warnings += notice_warnings;
    if !by_kind.is_empty() {
        let counts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        outln!("not highlighted, by kind: {}", counts.join(", "))?;
    }
    outln!(
        "{} agreement version(s): {errors} error(s), {warnings} warning(s), {allowed} finding(s) allowed by the author with a reason",
        sources.len()
    )?;
    if errors > 0 {
        Err(fail(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Prints the notice-period findings of `catalog` (and errors in `dir`'s providers.txt):
/// (errors, warnings).
fn lint_notice(
    dir: &Path,
    catalog: &Catalog,
    sources: &[Source],
) -> Result<(usize, usize), Failure> {
    let settings = match NoticeSettings::read_dir(dir) {
        Ok(settings) => settings,
        Err(list) => {
            for e in &list {
                outln!(
                    "{}:{}: error[provider-settings]: {}",
                    e.file,
                    e.line,
                    e.message
                )?;
            }
            return Ok((list.len(), 0));
        }
    };
    let unknown = settings.unknown_providers(catalog);
    for e in &unknown {
        outln!(
            "{}:{}: error[provider-settings]: {}",
            e.file,
            e.line,
            e.message
        )?;
    }
    let warnings = notice::check(catalog, &settings, sources);
    for w in &warnings {
        outln!("{w}")?;
    }
    Ok((unknown.len(), warnings.len()))
}
