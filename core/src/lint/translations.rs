//! A translation that marks other clauses than its original: the highlights of each text of a
//! version, counted by kind. A person reading the version in either language must be shown the
//! same clauses as conspicuous (PRC Civil Code art. 496 asks it of the text the person reads).

use crate::agreement::{Agreement, HighlightKind};
use crate::catalog::Catalog;
use std::fmt;

/// A translation whose highlights, by kind, are not its original's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranslationWarning {
    /// The translation's source file.
    pub file: String,
    /// Its `version` line.
    pub line: usize,
    /// The agreement id.
    pub id: String,
    /// The version.
    pub version: String,
    /// The translation's language and its highlights by kind.
    pub translation: (String, [usize; 3]),
    /// The original's language and its highlights by kind.
    pub original: (String, [usize; 3]),
}

const KINDS: [HighlightKind; 3] = [
    HighlightKind::Exemption,
    HighlightKind::Limitation,
    HighlightKind::Restriction,
];

fn counts(a: &Agreement) -> [usize; 3] {
    KINDS.map(|k| a.highlights().filter(|h| h.kind == k).count())
}

/// Each translation in `catalog` whose highlights by kind differ from its original's.
pub fn translation_warnings(catalog: &Catalog) -> Vec<TranslationWarning> {
    let all = catalog.all();
    all.iter()
        .filter_map(|t| {
            let of = t.meta.translation_of.as_deref()?;
            let original = all.iter().find(|o| {
                o.meta.id == t.meta.id
                    && o.meta.version == t.meta.version
                    && o.meta.language.eq_ignore_ascii_case(of)
            })?;
            let (mine, theirs) = (counts(t), counts(original));
            (mine != theirs).then(|| TranslationWarning {
                file: t.file.clone(),
                line: t.meta.version_line,
                id: t.meta.id.clone(),
                version: t.meta.version.clone(),
                translation: (t.meta.language.clone(), mine),
                original: (original.meta.language.clone(), theirs),
            })
        })
        .collect()
}

fn by_kind(counts: &[usize; 3]) -> String {
    let total: usize = counts.iter().sum();
    let parts: Vec<String> = KINDS
        .iter()
        .zip(counts)
        .map(|(k, n)| format!("{} {n}", k.as_str()))
        .collect();
    format!("{total} clause(s) ({})", parts.join(", "))
}

impl fmt::Display for TranslationWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: warning[translation-highlights]: the `{}` text of `{}` version {} highlights {}, its original in `{}` {}: a person reading either language must be shown the same clauses as conspicuous",
            self.file,
            self.line,
            self.translation.0,
            self.id,
            self.version,
            by_kind(&self.translation.1),
            self.original.0,
            by_kind(&self.original.1),
        )
    }
}
