//! `consent-terms lint`: the clauses a person must be shown that are not highlighted, and the
//! notice period of each changed version.

use crate::{fail, load_catalog, Failure};
use consent_terms_core::agreement::{without_bom, Agreement};
use consent_terms_core::catalog::{Catalog, Source};
use consent_terms_core::lint::{lint, translation_warnings};
use consent_terms_core::notice::{self, NoticeSettings};
use consent_terms_core::parse::parse_agreement;
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path) -> Result<ExitCode, Failure> {
    if dir.is_file() {
        return run_file(dir);
    }
    let (sources, catalog) = load_catalog(dir)?;
    let mut counts = Counts::default();
    for (source, agreement) in sources.iter().zip(catalog.all()) {
        counts.findings(agreement, &source.text)?;
    }
    // The notice period of each changed version (core/src/notice.rs), set in DIR/providers.txt.
    let (notice_errors, notice_warnings) = lint_notice(dir, &catalog, &sources)?;
    counts.errors += notice_errors;
    counts.warnings += notice_warnings;
    // Each translation marks the clauses its original marks.
    for w in translation_warnings(&catalog) {
        outln!("{w}")?;
        counts.warnings += 1;
    }
    counts.summary(sources.len())
}

/// One source on its own, as an author checks a draft before it joins a catalogue: the rules
/// of each clause, without the catalogue's checks (a base it
/// supplements, other versions) or notice periods.
fn run_file(file: &Path) -> Result<ExitCode, Failure> {
    let text = consent_terms_core::catalog::read_text(file).map_err(|e| {
        eprintln!("{}: {e}", file.display());
        fail(2)
    })?;
    let agreement = parse_agreement(&file.display().to_string(), &text).map_err(|e| {
        eprintln!("{e}");
        fail(1)
    })?;
    let mut counts = Counts::default();
    counts.findings(&agreement, without_bom(&text))?;
    counts.summary(1)
}

/// What the findings came to, for the summary line.
#[derive(Default)]
struct Counts {
    errors: usize,
    warnings: usize,
    allowed: usize,
    by_kind: std::collections::BTreeMap<consent_terms_core::lint::ClauseKind, usize>,
}

impl Counts {
    /// Prints the findings of `agreement` (from `text`), counting them.
    fn findings(&mut self, agreement: &Agreement, text: &str) -> Result<(), Failure> {
        for finding in lint(agreement, text) {
            if finding.allowed.is_some() {
                self.allowed += 1;
                continue;
            }
            if finding.rule.is_error() {
                self.errors += 1;
            } else {
                self.warnings += 1;
            }
            if let Some(r) = &finding.reading {
                *self.by_kind.entry(r.kind).or_insert(0) += 1;
            }
            outln!("{finding}")?;
        }
        Ok(())
    }

    /// Prints the summary of `versions` agreement versions; exit 1 if there was an error.
    fn summary(&self, versions: usize) -> Result<ExitCode, Failure> {
        let Counts {
            errors,
            warnings,
            allowed,
            by_kind,
        } = self;
        if !by_kind.is_empty() {
            let counts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
            outln!("not highlighted, by kind: {}", counts.join(", "))?;
        }
        outln!(
            "{versions} agreement version(s): {errors} error(s), {warnings} warning(s), {allowed} finding(s) allowed by the author with a reason"
        )?;
        if *errors > 0 {
            Err(fail(1))
        } else {
            Ok(ExitCode::SUCCESS)
        }
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
