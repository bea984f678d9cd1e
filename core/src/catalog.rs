//! The catalogue: every published agreement version, and which of them apply to a sign-up.

use crate::agreement::{Agreement, Date, Prevails};
use crate::canonical::{content_hash, content_hash_in, Form};
use crate::reconsent::Change;
use std::collections::BTreeSet;
use std::fmt;

mod build;
pub use build::{CatalogBuilder, CatalogError};

/// One agreement source file: its path (for messages) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Path as shown in messages, e.g. `agreements/kingsoft-cdn/2020-11-26.md`.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// Why no agreement list could be chosen for a sign-up.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SelectError {
    /// The provider has no agreement in the catalogue.
    UnknownProvider {
        /// The provider asked for.
        provider: String,
        /// The providers the catalogue knows.
        known: Vec<String>,
    },
    /// A product has no agreement with this provider.
    UnknownProduct {
        /// The provider.
        provider: String,
        /// The product asked for.
        product: String,
        /// The products the provider has agreements for.
        known: Vec<String>,
    },
    /// The provider has no agreement for a sign-up without products.
    NothingApplies {
        /// The provider.
        provider: String,
        /// The products the provider has agreements for.
        known: Vec<String>,
    },
}

impl SelectError {
    /// The code hosts receive in `consent-error`.
    pub fn error_code(&self) -> crate::contract::ErrorCode {
        use crate::contract::ErrorCode;
        match self {
            SelectError::UnknownProvider { .. } => ErrorCode::UnknownProvider,
            SelectError::UnknownProduct { .. } => ErrorCode::UnknownProduct,
            SelectError::NothingApplies { .. } => ErrorCode::NoAgreement,
        }
    }

    /// A stable code for hosts and events.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }
}

// Written with `concat`, not `write!`: the widget shows these, and core::fmt is code it would
// carry for them alone.
impl fmt::Display for SelectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SelectError::UnknownProvider { provider, known } => [
                "unknown provider `",
                provider,
                "`; known providers: ",
                &known.join(", "),
            ]
            .concat(),
            SelectError::UnknownProduct {
                provider,
                product,
                known,
            } => [
                "provider `",
                provider,
                "` has no product `",
                product,
                "`; its products: ",
                &known.join(", "),
            ]
            .concat(),
            SelectError::NothingApplies { provider, known } => [
                "provider `",
                provider,
                "` has no agreement for a sign-up without products; name one of: ",
                &known.join(", "),
            ]
            .concat(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SelectError {}

/// How a supplement relates to the agreement it supplements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Precedence {
    /// The supplemented agreement's id.
    pub base_id: String,
    /// Its title.
    pub base_title: String,
    /// Which prevails on conflict.
    pub prevails: Prevails,
}

impl Precedence {
    /// The precedence stated in a sentence in `lang`, as the widget shows it above the
    /// supplement's text.
    pub fn sentence(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{fill, Key};
        let key = match self.prevails {
            Prevails::Supplement => Key::PrecedenceSupplement,
            Prevails::Base => Key::PrecedenceBase,
            Prevails::Unstated => Key::PrecedenceTogether,
        };
        fill(lang, key, &[("base", &self.base_title)])
    }
}

/// One agreement that applies to a sign-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Applicable<'a> {
    /// The current version.
    pub agreement: &'a Agreement,
    /// Its content hash.
    pub hash: String,
    /// For a supplement, how it stands to its base.
    pub precedence: Option<Precedence>,
    /// The next version, published with an effective date after the sign-up's date, and its
    /// content hash ([`Catalog::select_at`]).
    pub announced: Option<(&'a Agreement, String)>,
}

/// Every published agreement version, validated.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    agreements: Vec<Agreement>,
    /// Content hashes, by position in `agreements`: computed once, since hashing every text
    /// again for each choice of agreements is the widget's most expensive step.
    hashes: Vec<String>,
    /// The canonical v1 hashes, by position: an acceptance remembered before v2 names one.
    v1: Vec<String>,
    /// The clause changes between the versions a person may compare, by positions.
    changes: Vec<Changes>,
}

/// The clause changes from one version's text to another's, by their positions in
/// [`Catalog::all`]: computed when the catalogue is built (natively, or by
/// `consent-terms bundle` for the widget).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    /// The earlier text's position.
    pub from: usize,
    /// The later text's position.
    pub to: usize,
    /// What changed, clause by clause ([`crate::reconsent::diff`]).
    pub changes: Vec<Change>,
}

impl Catalog {
    /// Parses and validates `sources`, reporting every error found, not just the first.
    pub fn from_sources(sources: &[Source]) -> Result<Catalog, Vec<CatalogError>> {
        let mut builder = CatalogBuilder::default();
        for s in sources {
            builder.add(&s.path, &s.text);
        }
        builder.finish()
    }

    /// A catalogue of versions whose hashes, v1 hashes and changes were computed when it was
    /// compiled: what the widget reads from a bundle once each text hashes to its `hashes`
    /// entry ([`crate::bundle::BundleCheck`]).
    pub fn from_compiled(
        agreements: Vec<Agreement>,
        hashes: Vec<String>,
        v1: Vec<String>,
        changes: Vec<Changes>,
    ) -> Catalog {
        Catalog {
            agreements,
            hashes,
            v1,
            changes,
        }
    }

    fn position(&self, agreement: &Agreement) -> Option<usize> {
        self.agreements
            .iter()
            .position(|a| std::ptr::eq(a, agreement))
    }

    /// The content hash of a version held by this catalogue (computed when it was built).
    pub fn hash_of(&self, agreement: &Agreement) -> String {
        self.position(agreement)
            .and_then(|i| self.hashes.get(i).cloned())
            .unwrap_or_else(|| content_hash(agreement))
    }

    /// The canonical v1 hash of a version held by this catalogue.
    pub fn v1_hash_of(&self, agreement: &Agreement) -> String {
        self.position(agreement)
            .and_then(|i| self.v1.get(i).cloned())
            .unwrap_or_else(|| content_hash_in(agreement, Form::V1))
    }

    /// The clause changes from the text `old` to the text `new`, both held by this catalogue
    /// (computed when it was built; none for texts it did not compare).
    pub fn changes(&self, old: &Agreement, new: &Agreement) -> Vec<Change> {
        let (Some(from), Some(to)) = (self.position(old), self.position(new)) else {
            return Vec::new();
        };
        self.changes
            .iter()
            .find(|c| c.from == from && c.to == to)
            .map(|c| c.changes.clone())
            .unwrap_or_default()
    }

    /// Every pair of texts whose changes were computed.
    pub fn all_changes(&self) -> &[Changes] {
        &self.changes
    }

    /// Every version, in source order.
    pub fn all(&self) -> &[Agreement] {
        &self.agreements
    }

    /// A given version of an agreement.
    pub fn find(&self, id: &str, version: &str) -> Option<&Agreement> {
        self.agreements
            .iter()
            .find(|a| a.meta.id == id && a.meta.version == version)
    }

    /// Every version of `id`, oldest first (by effective date, then last update).
    pub fn versions(&self, id: &str) -> Vec<&Agreement> {
        let mut v: Vec<&Agreement> = self.agreements.iter().filter(|a| a.meta.id == id).collect();
        v.sort_by_key(|a| (a.meta.effective, a.meta.updated));
        v
    }

    /// The text of the current version of `id` (the latest by effective date) in `language`;
    /// where that version has no text in `language`, its original (the text no other
    /// translates), else its first.
    pub fn current(&self, id: &str, language: &str) -> Option<&Agreement> {
        let versions = self.versions(id);
        self.text_in(id, &versions.last()?.meta.version, language)
    }

    /// The text in `language` of the version of `id` in effect on `today`: the latest whose
    /// effective date is not after it (the earliest, if none is in effect yet). Without a date,
    /// every published version counts as in effect: the latest, as [`Catalog::current`].
    pub fn current_at(&self, id: &str, language: &str, today: Option<Date>) -> Option<&Agreement> {
        let versions = self.versions(id);
        let version = match today {
            None => versions.last()?,
            Some(t) => versions
                .iter()
                .rev()
                .find(|a| a.meta.effective <= t)
                .or(versions.first())?,
        };
        self.text_in(id, &version.meta.version, language)
    }

    /// The text in `language` of the next version of `id` announced on `today`: published,
    /// with an effective date after it. `None` when no version is announced.
    pub fn announced_at(&self, id: &str, language: &str, today: Date) -> Option<&Agreement> {
        let current = self.current_at(id, language, Some(today))?;
        let next = self
            .versions(id)
            .into_iter()
            .find(|a| a.meta.effective > today && a.meta.effective > current.meta.effective)?;
        self.text_in(id, &next.meta.version, language)
    }

    /// The texts of `version` of `id`, one per language.
    pub fn texts<'a>(
        &'a self,
        id: &'a str,
        version: &'a str,
    ) -> impl Iterator<Item = &'a Agreement> + 'a {
        self.agreements
            .iter()
            .filter(move |a| a.meta.id == id && a.meta.version == version)
    }

    /// The text of `version` of `id` in `language`, else its original, else its first.
    pub fn text_in(&self, id: &str, version: &str, language: &str) -> Option<&Agreement> {
        let mut texts = self
            .agreements
            .iter()
            .filter(|a| a.meta.id == id && a.meta.version == version);
        let first = texts.clone().next();
        texts
            .clone()
            .find(|a| language_matches(&a.meta.language, language))
            .or_else(|| texts.find(|a| a.meta.translation_of.is_none()))
            .or(first)
    }

    /// The hashes of the texts that count as `agreement` for remembered consent: itself, and
    /// the other texts of its version that its author declared translations of one another
    /// (`translation-of`).
    pub fn equivalent_hashes(&self, agreement: &Agreement) -> Vec<String> {
        let root = |a: &'_ Agreement| -> String {
            a.meta
                .translation_of
                .as_deref()
                .unwrap_or(&a.meta.language)
                .to_ascii_lowercase()
        };
        let mine = root(agreement);
        self.texts(&agreement.meta.id, &agreement.meta.version)
            .filter(|a| root(a) == mine)
            .map(|a| self.hash_of(a))
            .collect()
    }

    /// [`Catalog::equivalent_hashes`], and also their canonical v1 hashes when `remembered`
    /// (the hash a person accepted this version with) is none of them: an acceptance kept
    /// before the v2 form is still an acceptance of this version. The v1 hashes are computed
    /// only then.
    pub fn equivalent_hashes_for(
        &self,
        agreement: &Agreement,
        remembered: Option<&str>,
    ) -> Vec<String> {
        let mut hashes = self.equivalent_hashes(agreement);
        if remembered.is_some_and(|r| !hashes.iter().any(|h| h == r)) {
            let v1: Vec<String> = self
                .texts(&agreement.meta.id, &agreement.meta.version)
                .filter(|a| hashes.contains(&self.hash_of(a)))
                .map(|a| self.v1_hash_of(a))
                .collect();
            hashes.extend(v1);
        }
        hashes
    }

    /// The canonical form in which `sha256` is the content hash of `agreement`, if it is:
    /// [`Form::V2`] for the hash receipts bind today, [`Form::V1`] for the earlier form.
    pub fn form_of(&self, agreement: &Agreement, sha256: &str) -> Option<Form> {
        if self.hash_of(agreement) == sha256 {
            Some(Form::V2)
        } else if self.v1_hash_of(agreement) == sha256 {
            Some(Form::V1)
        } else {
            None
        }
    }

    /// The providers known to the catalogue, sorted.
    pub fn providers(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .agreements
            .iter()
            .map(|a| a.meta.provider.as_str())
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// The products a provider has agreements for, sorted.
    pub fn products(&self, provider: &str) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .agreements
            .iter()
            .filter(|a| a.meta.provider == provider)
            .flat_map(|a| a.meta.products.iter().map(String::as_str))
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// The agreements that apply to a sign-up with `provider` for `products`, current versions
    /// in `language` where published: agreements for every sign-up first, supplements after
    /// the agreement they supplement.
    pub fn select(
        &self,
        provider: &str,
        products: &[&str],
        language: &str,
    ) -> Result<Vec<Applicable<'_>>, SelectError> {
        self.select_at(provider, products, language, None)
    }

    /// [`Catalog::select`] on the date `today`: the versions in effect that day, each with the
    /// next version announced, if any. Without a date, every published version is in effect.
    pub fn select_at(
        &self,
        provider: &str,
        products: &[&str],
        language: &str,
        today: Option<Date>,
    ) -> Result<Vec<Applicable<'_>>, SelectError> {
        if !self.agreements.iter().any(|a| a.meta.provider == provider) {
            return Err(SelectError::UnknownProvider {
                provider: provider.to_string(),
                known: self.providers(),
            });
        }
        let known = self.products(provider);
        if let Some(p) = products.iter().find(|p| !known.iter().any(|k| k == *p)) {
            return Err(SelectError::UnknownProduct {
                provider: provider.to_string(),
                product: p.to_string(),
                known,
            });
        }
        let ids: BTreeSet<&str> = self
            .agreements
            .iter()
            .filter(|a| a.meta.provider == provider)
            .map(|a| a.meta.id.as_str())
            .collect();
        let mut chosen: Vec<&Agreement> = ids
            .into_iter()
            .filter_map(|id| self.current_at(id, language, today))
            .filter(|a| {
                a.meta.products.is_empty()
                    || a.meta
                        .products
                        .iter()
                        .any(|p| products.contains(&p.as_str()))
            })
            .collect();
        if chosen.is_empty() {
            return Err(SelectError::NothingApplies {
                provider: provider.to_string(),
                known,
            });
        }
        // A supplement brings its base along even if the base names products of its own.
        let mut i = 0;
        while i < chosen.len() {
            if let Some((base, _)) = &chosen[i].meta.supplements {
                if !chosen.iter().any(|a| &a.meta.id == base) {
                    if let Some(b) = self.current_at(base, language, today) {
                        chosen.push(b);
                    }
                }
            }
            i += 1;
        }
        let depth = |a: &Agreement| {
            let mut d = 0;
            let mut cur = a;
            while let Some((base, _)) = &cur.meta.supplements {
                match self.current_at(base, language, today) {
                    Some(b) if d < 8 => {
                        d += 1;
                        cur = b;
                    }
                    _ => break,
                }
            }
            d
        };
        chosen.sort_by(|a, b| depth(a).cmp(&depth(b)).then(a.meta.id.cmp(&b.meta.id)));
        Ok(chosen
            .into_iter()
            .map(|a| Applicable {
                agreement: a,
                hash: self.hash_of(a),
                announced: today
                    .and_then(|t| self.announced_at(&a.meta.id, language, t))
                    .map(|n| (n, self.hash_of(n))),
                precedence: a.meta.supplements.as_ref().map(|(base, _)| Precedence {
                    base_id: base.clone(),
                    base_title: self
                        .current(base, language)
                        .map(|b| b.meta.title.clone())
                        .unwrap_or_else(|| base.clone()),
                    prevails: a.meta.prevails,
                }),
            })
            .collect())
    }
}

/// `en` matches `en`, `en-US`; `zh-CN` matches `zh-CN` and `zh`.
pub fn language_matches(text_lang: &str, wanted: &str) -> bool {
    let primary = |l: &str| l.split('-').next().unwrap_or("").to_ascii_lowercase();
    text_lang.eq_ignore_ascii_case(wanted) || primary(text_lang) == primary(wanted)
}

impl Source {
    /// Reads every agreement source (`*.md` other than `README.md`) below `dir`, sorted by path.
    pub fn read_dir(dir: &std::path::Path) -> std::io::Result<Vec<Source>> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        // Each directory once, however many links lead to it: a link back up is no loop.
        let mut seen = std::collections::HashSet::new();
        let named = |path: &std::path::Path, e: std::io::Error| {
            std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
        };
        while let Some(d) = stack.pop() {
            if !seen.insert(std::fs::canonicalize(&d).map_err(|e| named(&d, e))?) {
                continue;
            }
            for entry in std::fs::read_dir(&d).map_err(|e| named(&d, e))? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md")
                    && path.file_name().is_some_and(|n| n != "README.md")
                {
                    let mut text = read_text(&path).map_err(|e| named(&path, e))?;
                    if text.starts_with('\u{FEFF}') {
                        text.drain(..'\u{FEFF}'.len_utf8());
                    }
                    out.push(Source {
                        path: path.display().to_string(),
                        text,
                    });
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

/// The catalogue of the agreements shipped with the crate, parsed once.
pub fn bundled_catalog() -> &'static Result<Catalog, Vec<CatalogError>> {
    static CATALOG: std::sync::OnceLock<Result<Catalog, Vec<CatalogError>>> =
        std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::from_sources(&bundled_sources()))
}

/// The agreements shipped with the crate (`agreements/`), compiled in by `build.rs`.
pub fn bundled_sources() -> Vec<Source> {
    const BUNDLED: &[(&str, &str)] = &include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
    BUNDLED
        .iter()
        .map(|(path, text)| Source {
            path: path.to_string(),
            text: text.to_string(),
        })
        .collect()
}

/// A source file's text; a file that is not UTF-8 (a Chinese text saved as GBK, say) is an
/// error that names the line of its first byte that is not, and how to convert it.
pub fn read_text(path: &std::path::Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "line {line}: not UTF-8 text (byte {at}); sources are UTF-8: convert it, e.g. `iconv -f GBK -t UTF-8` for a Chinese text saved as GBK"
            ),
        )
    })
}
