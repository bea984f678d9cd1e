//! The public legal center: a static site built from the catalogue, which a provider serves
//! so that its agreements are on display at all times, readable and downloadable in full, with
//! every earlier version, changes announced ahead of their effective date, and the content
//! hash of each text with the canonical text it is the SHA-256 of.
//!
//! Every page reads without script, in English and in Chinese (one folder per interface
//! language, each page linking to its counterpart). The agreement text is written by the same
//! functions as the widget's prerendered markup ([`crate::prerender::blocks_markup`]) and styled
//! by the widget's stylesheet; the download is the widget's file ([`crate::copy`]); changes are
//! [`crate::reconsent::diff`]; the notice given is [`crate::notice`]. Agreement text is data:
//! every string is escaped ([`crate::copy::escape_into`]).
//!
//! Besides the pages: `hashes.json`, every content hash (canonical v2 and v1) with the version
//! it names and its pages; a lookup page whose small script (`lookup.js`, no inline script)
//! finds a pasted hash, a saved copy or a receipt there; and an Atom feed of the versions
//! published and announced. `docs/legal-center.md` describes the layout.

use crate::agreement::{Agreement, Date, Highlight};
use crate::canonical::{canonical_text, content_hash_in, sha256_hex, Form};
use crate::catalog::{Catalog, Precedence};
use crate::copy::{agreement_document, escape_into};
use crate::i18n::{highlight_label, version_line, Lang};
use crate::notice::{notice_of, NoticeSettings, VersionNotice};
use crate::prerender::{blocks_markup, clause_label, excerpt, highlight_dom_id, STYLE};
use crate::reconsent::{diff, Change};
use std::collections::BTreeMap;

// One module per part of the site; each sees this module's imports and helpers, and they
// see each other's through these imports.
mod feed;
mod frame;
mod history;
mod index;
mod lookup;
mod paths;
mod version;
mod view;

use feed::*;
use frame::*;
use history::*;
use index::*;
pub use lookup::hash_index;
use lookup::*;
use paths::*;
use version::*;
use view::*;

/// The value of `hashes.json`'s `format` field.
pub const HASHES_FORMAT: &str = "consent-terms-hashes/1";

/// What to build.
#[derive(Clone, Debug)]
pub struct SiteOptions<'a> {
    /// The interface languages, one folder each.
    pub langs: Vec<Lang>,
    /// The day the site is built for: versions effective later are announced.
    pub today: Date,
    /// The URL the site is served from (ending in `/`), for the feed's links and the
    /// downloaded files' note; without it the feed's links are relative to the feed.
    pub base_url: Option<&'a str>,
}

/// One file of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    /// Its path below the site's folder, `/`-separated.
    pub path: String,
    /// Its contents (UTF-8).
    pub contents: String,
}

/// Where a version's text stands on the site's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Published, taking effect after the site's day.
    Announced,
    /// The version in effect.
    InEffect,
    /// An earlier version, replaced by a later one.
    Superseded,
}

/// The site's strings: `tr(lang, english, chinese)`.
fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::ZhCn => zh,
    }
}

/// `template` with each `{name}` replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&["{", name, "}"].concat(), value);
    }
    out
}

/// The same with an escaped result.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// `<tag attrs>text</tag>` with `text` escaped; `attrs` written as given.
fn element(out: &mut String, tag: &str, attrs: &str, text: &str) {
    out.extend(["<", tag, attrs, ">"]);
    escape_into(out, text);
    out.extend(["</", tag, ">"]);
}

/// Builds the site for `catalog` as on `options.today`.
pub fn build_site(
    catalog: &Catalog,
    settings: &NoticeSettings,
    options: &SiteOptions<'_>,
) -> Vec<SiteFile> {
    let view = View::new(catalog, settings, options.today);
    let langs: Vec<Lang> = if options.langs.is_empty() {
        vec![Lang::En, Lang::ZhCn]
    } else {
        options.langs.clone()
    };
    let mut files = vec![
        SiteFile {
            path: "consent-terms.css".into(),
            contents: STYLE.to_string(),
        },
        SiteFile {
            path: "site.css".into(),
            contents: SITE_STYLE.to_string(),
        },
        SiteFile {
            path: "lookup.js".into(),
            contents: LOOKUP_SCRIPT.to_string(),
        },
        SiteFile {
            path: "index.html".into(),
            contents: language_page(&langs, options.today),
        },
        SiteFile {
            path: "hashes.json".into(),
            contents: hashes_json(catalog, &langs, options.today),
        },
    ];
    for a in catalog.all() {
        files.push(SiteFile {
            path: canonical_path(a),
            contents: canonical_text(a),
        });
    }
    for &lang in &langs {
        let dir = lang_dir(lang);
        let mut add = |path: String, contents: String| {
            files.push(SiteFile {
                path: [dir, "/", &path].concat(),
                contents,
            })
        };
        add("index.html".into(), index_page(&view, lang, &langs));
        add("lookup.html".into(), lookup_page(&view, lang, &langs));
        add("feed.atom".into(), feed(&view, lang, options.base_url));
        for (_, _, ids) in &view.providers {
            for id in ids {
                add(history_path(id), history_page(&view, id, lang, &langs));
            }
        }
        let origin = options
            .base_url
            .map(|b| b.trim_end_matches('/').to_string())
            .unwrap_or_else(|| tr(lang, "the legal center", "法律中心").to_string());
        let saved_at = [&options.today.to_string(), "T00:00:00Z"].concat();
        for a in catalog.all() {
            add(page_path(a), version_page(&view, a, lang, &langs));
            let doc = agreement_document(a, &catalog.hash_of(a), lang, &origin, &saved_at);
            add(download_path(a), doc.html);
        }
    }
    files
}

/// The site's own layout, over the widget's stylesheet (`consent-terms.css`).
pub const SITE_STYLE: &str = include_str!("site/site.css");

/// The lookup page's script: no inline script, so a strict Content-Security-Policy serves it.
pub const LOOKUP_SCRIPT: &str = include_str!("site/lookup.js");

/// Every file of the site by path, for looking one up.
pub fn by_path(files: &[SiteFile]) -> BTreeMap<&str, &str> {
    files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect()
}
