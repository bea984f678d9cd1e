//! Building a catalogue from agreement sources: each parsed and checked, then the checks that
//! need every source, the canonical v1 hashes and the clause changes between versions. The
//! command line builds it; the widget reads what it computed from a compiled bundle.

use super::{Catalog, Changes};
use crate::agreement::Agreement;
use crate::canonical::{content_hash, content_hash_in, Form};
use crate::parse::{parse_agreement, ParseError};
use std::collections::BTreeSet;
use std::fmt;

/// Why a set of sources does not make a catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CatalogError {
    /// A source file does not parse.
    Parse(ParseError),
    /// Two files publish the same id and version in the same language.
    DuplicateVersion {
        /// The second file.
        file: String,
        /// Its `version` line.
        line: usize,
        /// The agreement id.
        id: String,
        /// The version both publish.
        version: String,
        /// The file that published it first.
        first: String,
    },
    /// `supplements:` names an agreement id the catalogue does not have.
    UnknownSupplementTarget {
        /// The supplement's file.
        file: String,
        /// Its `supplements` line.
        line: usize,
        /// The id named.
        target: String,
    },
    /// A block holds an invisible or direction-changing character.
    HiddenCharacter {
        /// The file.
        file: String,
        /// The block's line.
        line: usize,
        /// The code point.
        code: u32,
    },
    /// `translation-of:` names a language in which the same version has no text.
    UnknownTranslationSource {
        /// The translation's file.
        file: String,
        /// Its `version` line.
        line: usize,
        /// The agreement id.
        id: String,
        /// The version.
        version: String,
        /// The language named.
        language: String,
    },
    /// Two versions of one agreement take effect on the same day: which one is current would
    /// depend on the order the files are read in.
    SameEffectiveDate {
        /// The later file.
        file: String,
        /// Its `version` line.
        line: usize,
        /// The agreement id.
        id: String,
        /// Its version.
        version: String,
        /// The other version, and its file.
        other: (String, String),
        /// The day both take effect.
        effective: String,
    },
    /// A `supplements:` or `translation-of:` that no sign-up can follow: a supplement of
    /// itself, of another provider's agreement, or in a circle; a translation of its own
    /// language, or of a text that is itself a translation.
    Unfollowable {
        /// The file.
        file: String,
        /// The line that names it.
        line: usize,
        /// What is wrong.
        why: String,
    },
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::Parse(e) => e.fmt(f),
            CatalogError::DuplicateVersion { file, line, id, version, first } => write!(
                f,
                "{file}:{line}: agreement `{id}` version `{version}` is already published by {first}"
            ),
            CatalogError::UnknownSupplementTarget { file, line, target } => write!(
                f,
                "{file}:{line}: `supplements: {target}` names no agreement in the catalogue"
            ),
            CatalogError::HiddenCharacter { file, line, code } => write!(
                f,
                "{file}:{line}: U+{code:04X} is an invisible or direction-changing character, which can hide what the text says"
            ),
            CatalogError::UnknownTranslationSource { file, line, id, version, language } => write!(
                f,
                "{file}:{line}: `translation-of: {language}`: agreement `{id}` version `{version}` has no text in `{language}`"
            ),
            CatalogError::SameEffectiveDate { file, line, id, version, other, effective } => write!(
                f,
                "{file}:{line}: agreement `{id}` version `{version}` takes effect on {effective}, as version `{}` does ({}); give each version its own `effective` day",
                other.0, other.1
            ),
            CatalogError::Unfollowable { file, line, why } => write!(f, "{file}:{line}: {why}"),
        }
    }
}

impl std::error::Error for CatalogError {}

/// A catalogue built one source at a time ([`Catalog::from_sources`] in steps). Each source is parsed, checked on its own and hashed when added; what needs every
/// source (translations and supplements naming a version that exists) is checked by
/// [`CatalogBuilder::finish`].
#[derive(Default)]
pub struct CatalogBuilder {
    agreements: Vec<Agreement>,
    hashes: Vec<String>,
    errors: Vec<CatalogError>,
}

impl CatalogBuilder {
    /// Parses the source `text` read from `path` and adds it, or records why it cannot be.
    pub fn add(&mut self, path: &str, text: &str) {
        let a = match parse_agreement(path, text) {
            Ok(a) => a,
            Err(e) => return self.errors.push(CatalogError::Parse(e)),
        };
        // Header and body: a title or provider name is read as much as a clause.
        if let Some((line, c)) = crate::agreement::hidden_in_source(text) {
            return self.errors.push(CatalogError::HiddenCharacter {
                file: a.file.clone(),
                line,
                code: u32::from(c),
            });
        }
        if let Some(first) = self.agreements.iter().find(|b| {
            b.meta.id == a.meta.id
                && b.meta.version == a.meta.version
                && b.meta.language.eq_ignore_ascii_case(&a.meta.language)
        }) {
            self.errors.push(CatalogError::DuplicateVersion {
                file: a.file.clone(),
                line: a.meta.version_line,
                id: a.meta.id.clone(),
                version: a.meta.version.clone(),
                first: first.file.clone(),
            });
        } else {
            // Hashed now, while this source is the step's only work.
            self.hashes.push(content_hash(&a));
            self.agreements.push(a);
        }
    }

    /// The catalogue of every source added, or every error found.
    pub fn finish(self) -> Result<Catalog, Vec<CatalogError>> {
        let CatalogBuilder {
            agreements,
            hashes,
            mut errors,
        } = self;
        for a in &agreements {
            if let Some(language) = &a.meta.translation_of {
                if !agreements.iter().any(|b| {
                    b.meta.id == a.meta.id
                        && b.meta.version == a.meta.version
                        && b.meta.language.eq_ignore_ascii_case(language)
                }) {
                    errors.push(CatalogError::UnknownTranslationSource {
                        file: a.file.clone(),
                        line: a.meta.version_line,
                        id: a.meta.id.clone(),
                        version: a.meta.version.clone(),
                        language: language.clone(),
                    });
                }
            }
            if let Some((target, line)) = &a.meta.supplements {
                if !agreements.iter().any(|b| &b.meta.id == target) {
                    errors.push(CatalogError::UnknownSupplementTarget {
                        file: a.file.clone(),
                        line: *line,
                        target: target.clone(),
                    });
                }
            }
        }
        errors.extend(same_effective_dates(&agreements));
        errors.extend(unfollowable(&agreements));
        if !errors.is_empty() {
            return Err(errors);
        }
        let v1 = agreements
            .iter()
            .map(|a| content_hash_in(a, Form::V1))
            .collect();
        let mut catalog = Catalog {
            agreements,
            hashes,
            v1,
            changes: Vec::new(),
        };
        catalog.changes = changes_of(&catalog);
        Ok(catalog)
    }
}

/// Versions of one agreement that take effect on the same day (texts of one version in several
/// languages share theirs, and are not compared).
fn same_effective_dates(agreements: &[Agreement]) -> Vec<CatalogError> {
    let mut errors = Vec::new();
    for (i, a) in agreements.iter().enumerate() {
        let earlier = agreements[..i].iter().find(|b| {
            b.meta.id == a.meta.id
                && b.meta.version != a.meta.version
                && b.meta.effective == a.meta.effective
        });
        if let Some(b) = earlier {
            // One error for each pair of versions, not for each language of them.
            let reported = agreements[..i].iter().any(|c| {
                c.meta.id == a.meta.id
                    && c.meta.version == a.meta.version
                    && c.meta.effective == a.meta.effective
            });
            if !reported {
                errors.push(CatalogError::SameEffectiveDate {
                    file: a.file.clone(),
                    line: a.meta.version_line,
                    id: a.meta.id.clone(),
                    version: a.meta.version.clone(),
                    other: (b.meta.version.clone(), b.file.clone()),
                    effective: a.meta.effective.to_string(),
                });
            }
        }
    }
    errors
}

/// `supplements:` and `translation-of:` lines that name something a sign-up cannot follow.
fn unfollowable(agreements: &[Agreement]) -> Vec<CatalogError> {
    let mut errors = Vec::new();
    let error = |a: &Agreement, line: usize, why: String| CatalogError::Unfollowable {
        file: a.file.clone(),
        line,
        why,
    };
    // The agreement each one supplements (the first version that names one).
    let base_of = |id: &str| -> Option<&str> {
        agreements
            .iter()
            .find(|b| b.meta.id == id)
            .and_then(|b| b.meta.supplements.as_ref())
            .map(|(target, _)| target.as_str())
    };
    for a in agreements {
        if let Some((target, line)) = &a.meta.supplements {
            let targets: Vec<&Agreement> =
                agreements.iter().filter(|b| &b.meta.id == target).collect();
            if target == &a.meta.id {
                errors.push(error(
                    a,
                    *line,
                    format!("`supplements: {target}` names this agreement itself"),
                ));
            } else if let Some(b) = targets.iter().find(|b| b.meta.provider != a.meta.provider) {
                errors.push(error(
                    a,
                    *line,
                    format!(
                        "`supplements: {target}` names an agreement of provider `{}`; a supplement is of its own provider's (`{}`)",
                        b.meta.provider, a.meta.provider
                    ),
                ));
            } else {
                // Follow the chain of bases: it must end, not come back here.
                let mut seen = vec![a.meta.id.as_str()];
                let mut next = Some(target.as_str());
                while let Some(id) = next {
                    if seen.contains(&id) {
                        errors.push(error(
                            a,
                            *line,
                            format!(
                                "`supplements: {target}` makes a circle: {} → {id}",
                                seen.join(" → ")
                            ),
                        ));
                        break;
                    }
                    seen.push(id);
                    next = base_of(id);
                }
            }
        }
        if let Some(language) = &a.meta.translation_of {
            let line = a.meta.version_line;
            if language.eq_ignore_ascii_case(&a.meta.language) {
                errors.push(error(
                    a,
                    line,
                    format!("`translation-of: {language}` names this text's own language"),
                ));
            } else if agreements.iter().any(|b| {
                b.meta.id == a.meta.id
                    && b.meta.version == a.meta.version
                    && b.meta.language.eq_ignore_ascii_case(language)
                    && b.meta.translation_of.is_some()
            }) {
                errors.push(error(
                    a,
                    line,
                    format!("`translation-of: {language}`: that text is itself a translation; name the language it was written in"),
                ));
            }
        }
    }
    errors
}

/// The clause changes between the texts a person may be shown one after the other: for each
/// pair of versions of an agreement, the texts [`Catalog::text_in`] picks for each language
/// (what an announcement compares), and each text against the earlier and later versions in
/// its own language (what asking again compares).
fn changes_of(catalog: &Catalog) -> Vec<Changes> {
    let all = catalog.all();
    let position = |a: &Agreement| all.iter().position(|b| std::ptr::eq(a, b));
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let ids: BTreeSet<&str> = all.iter().map(|a| a.meta.id.as_str()).collect();
    for id in ids {
        let mut versions: Vec<&str> = Vec::new();
        let mut languages: Vec<&str> = vec![""];
        for a in all.iter().filter(|a| a.meta.id == id) {
            if !versions.contains(&a.meta.version.as_str()) {
                versions.push(&a.meta.version);
            }
            languages.push(&a.meta.language);
        }
        for from in &versions {
            for to in versions.iter().filter(|v| *v != from) {
                for language in &languages {
                    let old = catalog.text_in(id, from, language).and_then(position);
                    let new = catalog.text_in(id, to, language).and_then(position);
                    if let (Some(old), Some(new)) = (old, new) {
                        pairs.insert((old, new));
                    }
                }
            }
        }
        for (new, text) in all.iter().enumerate().filter(|(_, a)| a.meta.id == id) {
            for from in versions.iter().filter(|v| **v != text.meta.version) {
                if let Some(old) = catalog
                    .text_in(id, from, &text.meta.language)
                    .and_then(position)
                {
                    pairs.insert((old, new));
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|(from, to)| Changes {
            from,
            to,
            changes: crate::reconsent::diff(&all[from], &all[to]),
        })
        .collect()
}
