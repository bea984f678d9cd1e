//! The notice period: a changed agreement must be published some days before it takes effect
//! (the PRC E-Commerce Law, art. 34, asks for at least seven; providers often promise more,
//! Kingsoft Cloud thirty). A version is published on its `updated` date and takes effect on
//! its `effective` date; a version that follows an earlier one of the same agreement with
//! fewer days between the two than its provider's period is warned about.
//!
//! The period is set per provider in `providers.txt` beside the agreement sources (format in
//! `agreements/README.md`), else [`DEFAULT_NOTICE_DAYS`]. The first version of an agreement in
//! the catalogue changes nothing anyone accepted, so it owes no notice. Pure: `consent-terms
//! lint` prints the warnings, `consent-terms site` states the notice given for each version.

use crate::agreement::{Agreement, Date};
use crate::catalog::{Catalog, Source};
use std::fmt;

/// The notice period, in days, of a provider that sets none.
pub const DEFAULT_NOTICE_DAYS: u32 = 7;

/// The name of the provider settings file in a directory of agreement sources.
pub const PROVIDERS_FILE: &str = "providers.txt";

/// The longest notice period a provider may set (ten years).
const MAX_NOTICE_DAYS: u32 = 3650;

/// One provider's notice period, as its settings file states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderNotice {
    /// The provider key (`provider:` of its agreements).
    pub provider: String,
    /// The days a version must be published before it takes effect.
    pub days: u32,
    /// Where the provider promises it (informative), e.g. the clause that says so.
    pub source: Option<String>,
    /// The settings file.
    pub file: String,
    /// The line of its `notice-days` field.
    pub line: usize,
}

/// Every provider's notice period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoticeSettings {
    /// One entry per provider.
    pub providers: Vec<ProviderNotice>,
}

/// A settings file that does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// The file.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl NoticeSettings {
    /// Reads a settings file: blocks between `---` lines, each naming a `provider:` and its
    /// `notice-days:`, optionally `notice-source:`; `#` starts a comment line. Reports every
    /// error with its line.
    pub fn parse(file: &str, text: &str) -> Result<NoticeSettings, Vec<SettingsError>> {
        let mut settings = NoticeSettings::default();
        let mut errors = Vec::new();
        let mut error = |line: usize, message: String| {
            errors.push(SettingsError {
                file: file.to_string(),
                line,
                message,
            })
        };
        // The line that opened the block being read, and its fields.
        let mut block: Option<(usize, Vec<Field>)> = None;
        // A byte order mark is skipped, as in an agreement source.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line == "---" {
                match block.take() {
                    None => block = Some((n, Vec::new())),
                    Some((start, fields)) => match provider_block(file, start, &fields) {
                        Ok(p) => {
                            if let Some(first) =
                                settings.providers.iter().find(|q| q.provider == p.provider)
                            {
                                error(
                                    p.line,
                                    format!(
                                        "provider `{}` already has its notice period at line {}",
                                        p.provider, first.line
                                    ),
                                );
                            } else {
                                settings.providers.push(p);
                            }
                        }
                        Err((line, message)) => error(line, message),
                    },
                }
                continue;
            }
            let Some((_, fields)) = block.as_mut() else {
                error(
                    n,
                    "settings go between `---` lines: `provider: KEY` and `notice-days: N`"
                        .to_string(),
                );
                continue;
            };
            match line.split_once(':') {
                Some((key, value)) => {
                    let key = key.trim();
                    if !["provider", "notice-days", "notice-source"].contains(&key) {
                        error(
                            n,
                            format!("unknown field `{key}` (provider, notice-days, notice-source)"),
                        );
                    } else if let Some((_, _, first)) = fields.iter().find(|(k, _, _)| k == key) {
                        error(n, format!("`{key}` is already set at line {first}"));
                    } else {
                        fields.push((key.to_string(), value.trim().to_string(), n));
                    }
                }
                None => error(n, format!("`{line}` is not `field: value`")),
            }
        }
        if let Some((start, _)) = block {
            error(
                start,
                "this block is not closed by a `---` line".to_string(),
            );
        }
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(errors)
        }
    }

    /// The settings of `dir`'s `providers.txt`; none when there is no such file.
    pub fn read_dir(dir: &std::path::Path) -> Result<NoticeSettings, Vec<SettingsError>> {
        let path = dir.join(PROVIDERS_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => NoticeSettings::parse(&path.display().to_string(), &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(NoticeSettings::default()),
            Err(e) => Err(vec![SettingsError {
                file: path.display().to_string(),
                line: 0,
                message: e.to_string(),
            }]),
        }
    }

    /// The settings of several directories together; a provider set in two is an error.
    pub fn merge(parts: Vec<NoticeSettings>) -> Result<NoticeSettings, Vec<SettingsError>> {
        let mut out = NoticeSettings::default();
        let mut errors = Vec::new();
        for p in parts.into_iter().flat_map(|s| s.providers) {
            match out.providers.iter().find(|q| q.provider == p.provider) {
                Some(first) => errors.push(SettingsError {
                    file: p.file.clone(),
                    line: p.line,
                    message: format!(
                        "provider `{}` already has its notice period in {}:{}",
                        p.provider, first.file, first.line
                    ),
                }),
                None => out.providers.push(p),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The setting of `provider`, if it has one.
    pub fn provider(&self, provider: &str) -> Option<&ProviderNotice> {
        self.providers.iter().find(|p| p.provider == provider)
    }

    /// The notice period of `provider`, in days.
    pub fn days_for(&self, provider: &str) -> u32 {
        self.provider(provider)
            .map_or(DEFAULT_NOTICE_DAYS, |p| p.days)
    }

    /// Settings naming a provider no agreement of `catalog` has: probably a typing error.
    pub fn unknown_providers(&self, catalog: &Catalog) -> Vec<SettingsError> {
        let known = catalog.providers();
        self.providers
            .iter()
            .filter(|p| !known.contains(&p.provider))
            .map(|p| SettingsError {
                file: p.file.clone(),
                line: p.line,
                message: format!(
                    "provider `{}` has no agreement in the catalogue (known: {})",
                    p.provider,
                    known.join(", ")
                ),
            })
            .collect()
    }
}

/// A field of a settings block: name, value, line.
type Field = (String, String, usize);

fn provider_block(
    file: &str,
    start: usize,
    fields: &[Field],
) -> Result<ProviderNotice, (usize, String)> {
    let get = |key: &str| fields.iter().find(|(k, _, _)| k == key);
    let provider = match get("provider") {
        Some((_, v, n))
            if v.is_empty()
                || !v
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"-._".contains(&c)) =>
        {
            return Err((
                *n,
                format!("`provider: {v}` is not a provider key (letters, digits, `-`, `.` or `_`)"),
            ))
        }
        Some((_, v, _)) => v.clone(),
        None => return Err((start, "this block names no `provider:`".to_string())),
    };
    let (days, line) = match get("notice-days") {
        Some((_, v, n)) => match v.parse::<u32>() {
            Ok(d) if d <= MAX_NOTICE_DAYS => (d, *n),
            _ => {
                return Err((
                    *n,
                    format!(
                        "`notice-days: {v}` is not a number of days from 0 to {MAX_NOTICE_DAYS}"
                    ),
                ))
            }
        },
        None => {
            return Err((
                start,
                format!("provider `{provider}` has no `notice-days:`"),
            ))
        }
    };
    let source = get("notice-source")
        .map(|(_, v, _)| v.clone())
        .filter(|v| !v.is_empty());
    Ok(ProviderNotice {
        provider,
        days,
        source,
        file: file.to_string(),
        line,
    })
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    to.unix_days() - from.unix_days()
}

/// The notice one text of a version gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionNotice<'a> {
    /// The text.
    pub agreement: &'a Agreement,
    /// The version it follows (the latest with an earlier effective date), `None` for the
    /// first version in the catalogue.
    pub previous: Option<&'a Agreement>,
    /// Days from its publication (`updated`) to its effective date.
    pub days: i64,
    /// Its provider's notice period.
    pub required: u32,
    /// The provider's setting, when it has one (else the period is the default).
    pub setting: Option<&'a ProviderNotice>,
}

impl VersionNotice<'_> {
    /// Whether it follows an earlier version with less notice than its provider's period.
    pub fn is_short(&self) -> bool {
        self.previous.is_some() && self.days < i64::from(self.required)
    }
}

/// The notice `agreement` (a text in `catalog`) gave.
pub fn notice_of<'a>(
    catalog: &'a Catalog,
    settings: &'a NoticeSettings,
    agreement: &'a Agreement,
) -> VersionNotice<'a> {
    let m = &agreement.meta;
    let versions = catalog.versions(&m.id);
    let previous = versions
        .iter()
        .rev()
        .find(|v| v.meta.version != m.version && v.meta.effective < m.effective)
        .copied()
        .map(|v| {
            // The same language's text of that version, where it has one.
            catalog
                .text_in(&m.id, &v.meta.version, &m.language)
                .unwrap_or(v)
        });
    VersionNotice {
        agreement,
        previous,
        days: days_between(m.updated, m.effective),
        required: settings.days_for(&m.provider),
        setting: settings.provider(&m.provider),
    }
}

/// A version published with less notice than its provider's period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeWarning {
    /// The text's source file.
    pub file: String,
    /// The line of its `effective` field (else of its `version` field).
    pub line: usize,
    /// The agreement id.
    pub id: String,
    /// The version.
    pub version: String,
    /// The version it follows.
    pub previous: String,
    /// Its `updated` date: when it was published.
    pub published: Date,
    /// Its `effective` date.
    pub effective: Date,
    /// Days between the two.
    pub days: i64,
    /// The provider's notice period.
    pub required: u32,
    /// The provider key.
    pub provider: String,
    /// Where the period is set: `file:line`, or `None` for the default.
    pub set_at: Option<String>,
}

impl fmt::Display for NoticeWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: warning[notice-period]: version {} of `{}` takes effect on {}, {} day(s) {} it was published on {} (its `updated` date), replacing version {}; provider `{}` must give at least {} days' notice ({})",
            self.file,
            self.line,
            self.version,
            self.id,
            self.effective,
            self.days.abs(),
            if self.days < 0 { "before" } else { "after" },
            self.published,
            self.previous,
            self.provider,
            self.required,
            match &self.set_at {
                Some(at) => format!("set in {at}"),
                None => format!("the default; set another in {PROVIDERS_FILE}"),
            }
        )
    }
}

/// The line of the `effective:` field in an agreement source's header.
pub fn effective_line(source: &str) -> Option<usize> {
    source
        .lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim() != "---")
        .find(|(_, l)| l.trim_start().starts_with("effective:"))
        .map(|(i, _)| i + 1)
}

/// Every text of `catalog` that follows an earlier version with less notice than its
/// provider's period. `sources` (the catalogue's, in its order) give the warnings their line.
pub fn check(
    catalog: &Catalog,
    settings: &NoticeSettings,
    sources: &[Source],
) -> Vec<NoticeWarning> {
    catalog
        .all()
        .iter()
        .map(|a| notice_of(catalog, settings, a))
        .filter(VersionNotice::is_short)
        .map(|n| {
            let m = &n.agreement.meta;
            let line = sources
                .iter()
                .find(|s| s.path == n.agreement.file)
                .and_then(|s| effective_line(&s.text))
                .unwrap_or(m.version_line);
            NoticeWarning {
                file: n.agreement.file.clone(),
                line,
                id: m.id.clone(),
                version: m.version.clone(),
                previous: n
                    .previous
                    .map(|p| p.meta.version.clone())
                    .unwrap_or_default(),
                published: m.updated,
                effective: m.effective,
                days: n.days,
                required: n.required,
                provider: m.provider.clone(),
                set_at: n.setting.map(|s| format!("{}:{}", s.file, s.line)),
            }
        })
        .collect()
}
