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
