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
use crate::prerender::{blocks_markup, clause_number, excerpt, highlight_dom_id, STYLE};
use crate::reconsent::{diff, Change};
use std::collections::BTreeMap;

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

/// A path segment from a token of the dialect (letters, digits, `-`, `.`, `_`): never `.` or
/// `..` or hidden.
fn segment(token: &str) -> String {
    if token.starts_with('.') || token.is_empty() {
        ["_", token].concat()
    } else {
        token.to_string()
    }
}

/// The folder of an interface language.
fn lang_dir(lang: Lang) -> &'static str {
    lang.tag()
}

/// A text's page, from its agreement's folder.
fn page_file(a: &Agreement) -> String {
    [
        &segment(&a.meta.version),
        ".",
        &segment(&a.meta.language),
        ".html",
    ]
    .concat()
}

/// A text's page, from its language folder.
fn page_path(a: &Agreement) -> String {
    [&segment(&a.meta.id), "/", &page_file(a)].concat()
}

/// A text's downloadable file (the widget's "Download"), from its language folder.
fn download_path(a: &Agreement) -> String {
    [
        &segment(&a.meta.id),
        "/",
        &segment(&a.meta.version),
        ".",
        &segment(&a.meta.language),
        ".download.html",
    ]
    .concat()
}

/// A text's canonical text, from the site's root.
fn canonical_path(a: &Agreement) -> String {
    [
        "canonical/",
        &segment(&a.meta.id),
        "/",
        &segment(&a.meta.version),
        ".",
        &segment(&a.meta.language),
        ".txt",
    ]
    .concat()
}

/// An agreement's history page, from its language folder.
fn history_path(id: &str) -> String {
    [&segment(id), "/index.html"].concat()
}

/// A UUID (RFC 9562, version 8) named by `name`, for the feed's ids: stable across builds.
fn uuid_urn(name: &str) -> String {
    let hex: Vec<char> = sha256_hex(name.as_bytes()).chars().take(32).collect();
    let mut h: String = hex.iter().collect();
    h.replace_range(12..13, "8");
    let variant = (u8::from_str_radix(&h[16..17], 16).unwrap_or(0) & 0x3) | 0x8;
    h.replace_range(16..17, &format!("{variant:x}"));
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The catalogue as the site shows it: agreement ids by provider, in the widget's order
/// (agreements for every sign-up, then supplements after their base), with the versions of
/// each and where they stand.
struct View<'a> {
    catalog: &'a Catalog,
    settings: &'a NoticeSettings,
    today: Date,
    /// (provider key, provider name, agreement ids).
    providers: Vec<(String, String, Vec<String>)>,
}

impl<'a> View<'a> {
    fn new(catalog: &'a Catalog, settings: &'a NoticeSettings, today: Date) -> View<'a> {
        let mut providers = Vec::new();
        for provider in catalog.providers() {
            let mut ids: Vec<&str> = catalog
                .all()
                .iter()
                .filter(|a| a.meta.provider == provider)
                .map(|a| a.meta.id.as_str())
                .collect();
            ids.sort();
            ids.dedup();
            let depth = |id: &str| {
                let mut d = 0;
                let mut cur = id.to_string();
                while let Some((base, _)) = catalog
                    .versions(&cur)
                    .last()
                    .and_then(|a| a.meta.supplements.clone())
                {
                    if d >= 8 {
                        break;
                    }
                    d += 1;
                    cur = base;
                }
                d
            };
            ids.sort_by(|a, b| depth(a).cmp(&depth(b)).then(a.cmp(b)));
            let name = catalog
                .all()
                .iter()
                .find(|a| a.meta.provider == provider)
                .map(|a| a.meta.provider_name.clone())
                .unwrap_or_else(|| provider.clone());
            providers.push((
                provider,
                name,
                ids.into_iter().map(str::to_string).collect(),
            ));
        }
        View {
            catalog,
            settings,
            today,
            providers,
        }
    }

    /// The version labels of `id`, oldest first, once each.
    fn version_labels(&self, id: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in self.catalog.versions(id) {
            if !out.contains(&a.meta.version) {
                out.push(a.meta.version.clone());
            }
        }
        out
    }

    /// The version of `id` in effect on the site's day.
    fn in_effect(&self, id: &str) -> Option<String> {
        self.catalog
            .versions(id)
            .into_iter()
            .rev()
            .find(|a| a.meta.effective <= self.today)
            .map(|a| a.meta.version.clone())
    }

    fn status(&self, a: &Agreement) -> Status {
        if a.meta.effective > self.today {
            Status::Announced
        } else if self.in_effect(&a.meta.id).as_deref() == Some(a.meta.version.as_str()) {
            Status::InEffect
        } else {
            Status::Superseded
        }
    }

    /// The text of `version` of `id` for the interface `lang`.
    fn text(&self, id: &str, version: &str, lang: Lang) -> Option<&'a Agreement> {
        self.catalog.text_in(id, version, lang.tag())
    }

    /// The text shown for `id` in `lang`: the version in effect, else the first announced.
    fn shown(&self, id: &str, lang: Lang) -> Option<&'a Agreement> {
        let version = self
            .in_effect(id)
            .or_else(|| self.version_labels(id).into_iter().next())?;
        self.text(id, &version, lang)
    }

    fn notice(&self, a: &'a Agreement) -> VersionNotice<'a> {
        notice_of(self.catalog, self.settings, a)
    }

    fn precedence(&self, a: &Agreement, lang: Lang) -> Option<String> {
        let (base, _) = a.meta.supplements.as_ref()?;
        let base_title = self
            .catalog
            .current(base, lang.tag())
            .map(|b| b.meta.title.clone())
            .unwrap_or_else(|| base.clone());
        Some(
            Precedence {
                base_id: base.clone(),
                base_title,
                prevails: a.meta.prevails,
            }
            .sentence(lang),
        )
    }
}

/// What an agreement applies to, in words.
fn applies_to(lang: Lang, a: &Agreement) -> String {
    let m = &a.meta;
    if m.products.is_empty() {
        fill(
            tr(
                lang,
                "Applies to every sign-up with {provider}.",
                "适用于{provider}的所有注册。",
            ),
            &[("provider", &m.provider_name)],
        )
    } else {
        fill(
            tr(
                lang,
                "Applies to sign-ups with {provider} for the products: {products}.",
                "适用于{provider}以下产品的注册：{products}。",
            ),
            &[
                ("provider", &m.provider_name),
                ("products", &m.products.join(tr(lang, ", ", "、"))),
            ],
        )
    }
}

fn status_words(lang: Lang, status: Status, a: &Agreement) -> String {
    let effective = a.meta.effective.to_string();
    match status {
        Status::Announced => fill(
            tr(
                lang,
                "Announced: this version takes effect on {date}.",
                "已公布：此版本将于 {date} 生效。",
            ),
            &[("date", &effective)],
        ),
        Status::InEffect => fill(
            tr(
                lang,
                "In effect since {date}: this is the current version.",
                "自 {date} 起生效：这是当前版本。",
            ),
            &[("date", &effective)],
        ),
        Status::Superseded => fill(
            tr(
                lang,
                "An earlier version: it took effect on {date} and has been replaced.",
                "历史版本：于 {date} 生效，已被替换。",
            ),
            &[("date", &effective)],
        ),
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Announced => "site-status site-announced",
        Status::InEffect => "site-status site-in-effect",
        Status::Superseded => "site-status site-superseded",
    }
}

/// The notice a version gave, in words.
fn notice_words(lang: Lang, n: &VersionNotice<'_>) -> String {
    let m = &n.agreement.meta;
    let (published, effective) = (m.updated.to_string(), m.effective.to_string());
    let Some(previous) = n.previous else {
        return fill(
            tr(
                lang,
                "Published {published}, effective {effective}. The first version in this catalogue: it replaces no earlier version, so no notice period applies.",
                "发布于 {published}，生效于 {effective}。这是本目录中的第一个版本：它不替换任何旧版本，因此不适用通知期。",
            ),
            &[("published", &published), ("effective", &effective)],
        );
    };
    let required = n.required.to_string();
    let basis = match n.setting.and_then(|s| s.source.as_deref()) {
        Some(source) => source.to_string(),
        None if n.setting.is_some() => {
            tr(lang, "the provider's setting", "服务提供方的设置").to_string()
        }
        None => tr(
            lang,
            "the default of 7 days (PRC E-Commerce Law, art. 34)",
            "默认 7 日（《中华人民共和国电子商务法》第三十四条）",
        )
        .to_string(),
    };
    let mut out = fill(
        tr(
            lang,
            "Published {published}, {days} days before it takes effect on {effective}, replacing version {previous}. The notice required is {required} days ({basis}).",
            "发布于 {published}，在 {effective} 生效前 {days} 日公布，替换版本 {previous}。要求的通知期为 {required} 日（{basis}）。",
        ),
        &[
            ("published", &published),
            ("days", &n.days.to_string()),
            ("effective", &effective),
            ("previous", &previous.meta.version),
            ("required", &required),
            ("basis", &basis),
        ],
    );
    if n.is_short() {
        out.push(' ');
        out.push_str(&fill(
            tr(
                lang,
                "This is less notice than the {required} days required.",
                "少于要求的 {required} 日通知期。",
            ),
            &[("required", &required)],
        ));
    }
    out
}

/// The changes from `old` to `new`, clause by clause, as a list (as the widget shows them).
fn changes_markup(out: &mut String, lang: Lang, text_lang: &str, changes: &[Change]) {
    if changes.is_empty() {
        element(
            out,
            "p",
            "",
            tr(
                lang,
                "The text is the same; only its metadata changed.",
                "正文未变，仅元数据有变化。",
            ),
        );
        out.push('\n');
        return;
    }
    let text_attr = [" lang=\"", &esc(text_lang), "\""].concat();
    let label = |out: &mut String, word: &str, number: Option<&str>| {
        out.push_str("<strong>");
        escape_into(out, word);
        if let Some(n) = number {
            out.push(' ');
            escape_into(out, n);
        }
        out.push_str(": </strong>");
    };
    let tag = |out: &mut String, highlighted: bool| {
        if highlighted {
            element(
                out,
                "span",
                " class=\"site-tag\"",
                tr(lang, "highlighted clause", "加粗标示条款"),
            );
            out.push(' ');
        }
    };
    out.push_str("<ul class=\"site-changes\">\n");
    for c in changes {
        match c {
            Change::Added {
                number,
                text,
                highlighted,
            } => {
                out.push_str("<li data-change=\"added\"");
                if *highlighted {
                    out.push_str(" data-highlighted=\"true\"");
                }
                out.push('>');
                label(out, tr(lang, "Added", "新增"), number.as_deref());
                tag(out, *highlighted);
                element(out, "ins", &text_attr, text);
            }
            Change::Removed { number, text } => {
                out.push_str("<li data-change=\"removed\">");
                label(out, tr(lang, "Removed", "删除"), number.as_deref());
                element(out, "del", &text_attr, text);
            }
            Change::Changed {
                number,
                before,
                after,
                highlighted,
            } => {
                out.push_str("<li data-change=\"changed\"");
                if *highlighted {
                    out.push_str(" data-highlighted=\"true\"");
                }
                out.push('>');
                label(out, tr(lang, "Changed", "修改"), Some(number));
                tag(out, *highlighted);
                out.push_str("<div>");
                escape_into(out, tr(lang, "Before: ", "原文："));
                element(out, "del", &text_attr, before);
                out.push_str("</div><div>");
                escape_into(out, tr(lang, "Now: ", "现文："));
                element(out, "ins", &text_attr, after);
                out.push_str("</div>");
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// A page's surroundings: where it is (`depth` folders below the site's root), its title,
/// and its counterparts in the other interface languages (`path` from the language folder).
struct Frame<'a> {
    lang: Lang,
    langs: &'a [Lang],
    depth: usize,
    path: &'a str,
    title: &'a str,
}

impl Frame<'_> {
    fn root(&self) -> String {
        "../".repeat(self.depth)
    }

    fn open(&self, out: &mut String) {
        let root = self.root();
        out.extend([
            "<!DOCTYPE html>\n<html lang=\"",
            self.lang.tag(),
            "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        ]);
        element(
            out,
            "title",
            "",
            &[self.title, " · ", tr(self.lang, "Legal center", "法律中心")].concat(),
        );
        out.extend([
            "\n<link rel=\"stylesheet\" href=\"",
            &root,
            "consent-terms.css\">\n<link rel=\"stylesheet\" href=\"",
            &root,
            "site.css\">\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"",
            &root,
            lang_dir(self.lang),
            "/feed.atom\" title=\"",
            &esc(tr(self.lang, "Agreement changes", "协议变更")),
            "\">\n",
        ]);
        for other in self.langs.iter().filter(|l| **l != self.lang) {
            out.extend([
                "<link rel=\"alternate\" hreflang=\"",
                other.tag(),
                "\" href=\"",
                &root,
                lang_dir(*other),
                "/",
                self.path,
                "\">\n",
            ]);
        }
        out.push_str("</head>\n<body>\n<header class=\"site-header\">\n");
        let home = [&root, lang_dir(self.lang), "/index.html"].concat();
        out.extend(["<p class=\"site-name\"><a href=\"", &home, "\">"]);
        escape_into(out, tr(self.lang, "Legal center", "法律中心"));
        out.push_str("</a></p>\n<nav aria-label=\"");
        escape_into(out, tr(self.lang, "Site", "网站"));
        out.push_str("\"><ul>\n");
        for (href, words) in [
            (home.clone(), tr(self.lang, "Agreements", "协议")),
            (
                [&root, lang_dir(self.lang), "/lookup.html"].concat(),
                tr(self.lang, "Look up a content hash", "查找内容哈希"),
            ),
            (
                [&root, lang_dir(self.lang), "/feed.atom"].concat(),
                tr(self.lang, "Changes (Atom feed)", "变更（Atom 订阅）"),
            ),
        ] {
            out.extend(["<li><a href=\"", &href, "\">"]);
            escape_into(out, words);
            out.push_str("</a></li>\n");
        }
        for other in self.langs.iter().filter(|l| **l != self.lang) {
            out.extend([
                "<li><a class=\"site-lang\" href=\"",
                &root,
                lang_dir(*other),
                "/",
                self.path,
                "\" lang=\"",
                other.tag(),
                "\" hreflang=\"",
                other.tag(),
                "\">",
                tr(*other, "English", "中文"),
                "</a></li>\n",
            ]);
        }
        out.push_str("</ul></nav>\n</header>\n<main class=\"ct-root site\">\n");
    }

    fn close(&self, out: &mut String, today: Date) {
        out.push_str("</main>\n<footer class=\"site-footer\">\n");
        element(
            out,
            "p",
            "",
            &fill(
                tr(
                    self.lang,
                    "Built from the agreement catalogue as on {date}. Every version stays published here; receipts name a version by its content hash.",
                    "根据 {date} 的协议目录生成。每个版本都在此持续公布；同意回执以内容哈希指明版本。",
                ),
                &[("date", &today.to_string())],
            ),
        );
        out.push_str("\n</footer>\n</body>\n</html>\n");
    }
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

/// The site's root: the interface languages to choose from.
fn language_page(langs: &[Lang], today: Date) -> String {
    let first = langs.first().copied().unwrap_or(Lang::En);
    let mut out = String::new();
    out.extend([
        "<!DOCTYPE html>\n<html lang=\"",
        first.tag(),
        "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    ]);
    let names: Vec<&str> = langs
        .iter()
        .map(|l| tr(*l, "Legal center", "法律中心"))
        .collect();
    escape_into(&mut out, &names.join(" · "));
    out.push_str("</title>\n<link rel=\"stylesheet\" href=\"consent-terms.css\">\n<link rel=\"stylesheet\" href=\"site.css\">\n</head>\n<body>\n<main class=\"ct-root site\">\n");
    for (i, l) in langs.iter().enumerate() {
        let (tag, attrs) = if i == 0 {
            ("h1", String::new())
        } else {
            (
                "p",
                [" class=\"site-title-other\" lang=\"", l.tag(), "\""].concat(),
            )
        };
        element(&mut out, tag, &attrs, tr(*l, "Legal center", "法律中心"));
        out.push('\n');
    }
    out.push_str("<ul class=\"site-languages\">\n");
    for l in langs {
        out.extend([
            "<li><a href=\"",
            lang_dir(*l),
            "/index.html\" lang=\"",
            l.tag(),
            "\" hreflang=\"",
            l.tag(),
            "\">",
        ]);
        escape_into(
            &mut out,
            tr(*l, "The agreements, in English", "协议（中文界面）"),
        );
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul>\n");
    for l in langs {
        element(
            &mut out,
            "p",
            &[" class=\"ct-meta\" lang=\"", l.tag(), "\""].concat(),
            &fill(
                tr(
                    *l,
                    "Built from the agreement catalogue as on {date}.",
                    "根据 {date} 的协议目录生成。",
                ),
                &[("date", &today.to_string())],
            ),
        );
        out.push('\n');
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The index of every agreement, announced changes first.
fn index_page(view: &View<'_>, lang: Lang, langs: &[Lang]) -> String {
    let title = tr(lang, "Agreements", "协议");
    let frame = Frame {
        lang,
        langs,
        depth: 1,
        path: "index.html",
        title,
    };
    let mut out = String::new();
    frame.open(&mut out);
    element(&mut out, "h1", "", title);
    out.push('\n');
    element(
        &mut out,
        "p",
        " class=\"site-intro\"",
        tr(
            lang,
            "Every agreement a sign-up may ask you to accept, in full, with every earlier version and every change announced before it takes effect. Each text can be downloaded, and its content hash checked against a consent receipt.",
            "注册时可能要求您接受的每一份协议的全文，以及每个历史版本和每项在生效前公布的变更。每份文本都可以下载，其内容哈希可与同意回执核对。",
        ),
    );
    out.push('\n');
    // Announced versions, soonest first.
    let mut announced: Vec<&Agreement> = Vec::new();
    for (_, _, ids) in &view.providers {
        for id in ids {
            for version in view.version_labels(id) {
                if let Some(a) = view.text(id, &version, lang) {
                    if view.status(a) == Status::Announced {
                        announced.push(a);
                    }
                }
            }
        }
    }
    announced.sort_by_key(|a| (a.meta.effective, a.meta.id.clone()));
    out.push_str("<section class=\"site-announced-list\" aria-labelledby=\"announced\">\n");
    element(
        &mut out,
        "h2",
        " id=\"announced\"",
        tr(lang, "Announced changes", "已公布的变更"),
    );
    out.push('\n');
    if announced.is_empty() {
        element(
            &mut out,
            "p",
            "",
            &fill(
                tr(
                    lang,
                    "No change is announced: every version published has taken effect by {date}.",
                    "暂无已公布待生效的变更：截至 {date}，所有已发布的版本均已生效。",
                ),
                &[("date", &view.today.to_string())],
            ),
        );
        out.push('\n');
    } else {
        out.push_str("<ul>\n");
        for a in announced {
            out.extend([
                "<li><a href=\"",
                &esc(&[&history_path(&a.meta.id), "#v-", &segment(&a.meta.version)].concat()),
                "\">",
            ]);
            out.extend(["<span lang=\"", &esc(&a.meta.language), "\">"]);
            escape_into(&mut out, &a.meta.title);
            out.push_str("</span></a>: ");
            escape_into(
                &mut out,
                &fill(
                    tr(
                        lang,
                        "version {version} takes effect on {date} (published {published}).",
                        "版本 {version} 将于 {date} 生效（发布于 {published}）。",
                    ),
                    &[
                        ("version", &a.meta.version),
                        ("date", &a.meta.effective.to_string()),
                        ("published", &a.meta.updated.to_string()),
                    ],
                ),
            );
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<p><a href=\"feed.atom\">");
    escape_into(
        &mut out,
        tr(
            lang,
            "Follow the changes with the Atom feed",
            "通过 Atom 订阅关注变更",
        ),
    );
    out.push_str("</a></p>\n</section>\n");
    for (_, provider_name, ids) in &view.providers {
        let section_id = [
            "provider-",
            &esc(&segment(ids.first().map_or("", String::as_str))),
        ]
        .concat();
        out.extend(["<section aria-labelledby=\"", &section_id, "\">\n"]);
        element(
            &mut out,
            "h2",
            &[" id=\"", &section_id, "\""].concat(),
            provider_name,
        );
        out.push('\n');
        for id in ids {
            let Some(a) = view.shown(id, lang) else {
                continue;
            };
            let m = &a.meta;
            out.extend([
                "<article class=\"site-entry\" data-agreement-id=\"",
                &esc(&m.id),
                "\">\n<h3 lang=\"",
                &esc(&m.language),
                "\"><a href=\"",
                &esc(&page_path(a)),
                "\">",
            ]);
            escape_into(&mut out, &m.title);
            out.push_str("</a></h3>\n");
            element(&mut out, "p", " class=\"ct-meta\"", &version_line(lang, m));
            out.push('\n');
            element(
                &mut out,
                "p",
                &[" class=\"", status_class(view.status(a)), "\""].concat(),
                &status_words(lang, view.status(a), a),
            );
            out.push('\n');
            element(&mut out, "p", "", &applies_to(lang, a));
            out.push('\n');
            if let Some(p) = view.precedence(a, lang) {
                element(&mut out, "p", " class=\"ct-precedence\"", &p);
                out.push('\n');
            }
            let count = view.version_labels(id).len();
            out.extend(["<p><a href=\"", &esc(&history_path(id)), "\">"]);
            escape_into(
                &mut out,
                &fill(
                    tr(
                        lang,
                        "Versions and changes ({count})",
                        "版本与变更（{count}）",
                    ),
                    &[("count", &count.to_string())],
                ),
            );
            out.push_str("</a></p>\n</article>\n");
        }
        out.push_str("</section>\n");
    }
    frame.close(&mut out, view.today);
    out
}

/// One version's texts in other languages, as links.
fn other_texts(out: &mut String, view: &View<'_>, a: &Agreement, lang: Lang) {
    let others: Vec<&Agreement> = view
        .catalog
        .texts(&a.meta.id, &a.meta.version)
        .filter(|t| !std::ptr::eq(*t, a))
        .collect();
    if others.is_empty() {
        return;
    }
    out.push_str("<p>");
    escape_into(out, tr(lang, "Also published in: ", "其他语言文本："));
    for (i, t) in others.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.extend(["<a href=\"../", &esc(&page_path(t)), "\">"]);
        escape_into(out, &lang.name_of(&t.meta.language));
        out.push_str("</a>");
    }
    out.push_str("</p>\n");
}

/// The page of one text of one version.
fn version_page(view: &View<'_>, a: &Agreement, lang: Lang, langs: &[Lang]) -> String {
    let m = &a.meta;
    let hash = view.catalog.hash_of(a);
    let status = view.status(a);
    let path = page_path(a);
    let title = [&m.title, " — ", &m.version].concat();
    let frame = Frame {
        lang,
        langs,
        depth: 2,
        path: &path,
        title: &title,
    };
    let mut out = String::new();
    frame.open(&mut out);
    out.extend([
        "<div class=\"site-version\" data-agreement-id=\"",
        &esc(&m.id),
        "\" data-version=\"",
        &esc(&m.version),
        "\" data-language=\"",
        &esc(&m.language),
        "\" data-status=\"",
        match status {
            Status::Announced => "announced",
            Status::InEffect => "in-effect",
            Status::Superseded => "superseded",
        },
        "\">\n<p class=\"site-crumbs\"><a href=\"../index.html\">",
    ]);
    escape_into(&mut out, tr(lang, "Agreements", "协议"));
    out.extend([
        "</a> › <a href=\"index.html\" lang=\"",
        &esc(&m.language),
        "\">",
    ]);
    escape_into(&mut out, &m.title);
    out.push_str("</a></p>\n");
    out.extend(["<h1 lang=\"", &esc(&m.language), "\">"]);
    escape_into(&mut out, &m.title);
    out.push_str("</h1>\n");
    element(&mut out, "p", " class=\"ct-meta\"", &version_line(lang, m));
    out.push('\n');
    element(
        &mut out,
        "p",
        &[" class=\"", status_class(status), "\""].concat(),
        &status_words(lang, status, a),
    );
    out.push('\n');
    if status != Status::InEffect {
        if let Some(current) = view
            .in_effect(&m.id)
            .and_then(|v| view.text(&m.id, &v, lang))
        {
            out.extend(["<p><a href=\"../", &esc(&page_path(current)), "\">"]);
            escape_into(
                &mut out,
                &fill(
                    tr(
                        lang,
                        "The version in effect is {version}",
                        "当前生效的版本是 {version}",
                    ),
                    &[("version", &current.meta.version)],
                ),
            );
            out.push_str("</a></p>\n");
        }
    }

    // About this version.
    out.push_str("<section aria-labelledby=\"about\">\n");
    element(
        &mut out,
        "h2",
        " id=\"about\"",
        tr(lang, "About this version", "关于此版本"),
    );
    out.push_str("\n<dl class=\"site-facts\">\n");
    let fact = |out: &mut String, term: &str, value: &str, class: &str| {
        element(out, "dt", "", term);
        element(out, "dd", class, value);
        out.push('\n');
    };
    fact(
        &mut out,
        tr(lang, "Provider", "服务提供方"),
        &m.provider_name,
        "",
    );
    fact(
        &mut out,
        tr(lang, "Applies to", "适用范围"),
        &applies_to(lang, a),
        "",
    );
    if let Some(p) = view.precedence(a, lang) {
        fact(&mut out, tr(lang, "Precedence", "效力优先"), &p, "");
    }
    fact(
        &mut out,
        tr(lang, "Re-acceptance", "重新同意"),
        if m.reconsent {
            tr(
                lang,
                "A person who accepted an earlier version is asked to accept this one again.",
                "已接受旧版本的用户需要重新接受此版本。",
            )
        } else {
            tr(
                lang,
                "A person who accepted an earlier version is not asked again.",
                "已接受旧版本的用户无需再次接受。",
            )
        },
        "",
    );
    let notice = view.notice(a);
    fact(
        &mut out,
        tr(lang, "Notice given", "通知期"),
        &notice_words(lang, &notice),
        if notice.is_short() {
            " class=\"site-notice site-warning\""
        } else {
            " class=\"site-notice\""
        },
    );
    element(
        &mut out,
        "dt",
        "",
        tr(lang, "Language of the text", "文本语言"),
    );
    element(&mut out, "dd", "", &lang.name_of(&m.language));
    out.push_str("\n</dl>\n");
    other_texts(&mut out, view, a, lang);
    out.push_str("</section>\n");

    // Download and check.
    out.push_str("<section aria-labelledby=\"check\">\n");
    element(
        &mut out,
        "h2",
        " id=\"check\"",
        tr(lang, "Download and check", "下载与核验"),
    );
    let download = agreement_document(a, &hash, lang, "", "").filename;
    out.extend([
        "\n<p><a class=\"ct-button site-download\" href=\"../",
        &esc(&download_path(a)),
        "\" download=\"",
        &esc(&download),
        "\">",
    ]);
    escape_into(
        &mut out,
        &fill(
            tr(
                lang,
                "Download version {version} as a file to keep",
                "下载版本 {version} 并保存",
            ),
            &[("version", &m.version)],
        ),
    );
    out.push_str("</a></p>\n<p>");
    escape_into(
        &mut out,
        tr(lang, "Content hash (SHA-256): ", "内容哈希（SHA-256）："),
    );
    out.extend(["<code id=\"content-hash\">", &hash, "</code></p>\n<p>"]);
    let canonical = frame.root() + &canonical_path(a);
    escape_into(
        &mut out,
        tr(
            lang,
            "The content hash is the SHA-256 of the canonical text, encoded as UTF-8: the text as a person reads it, one line per block, with the highlighted clauses and the agreement's scope written in a fixed way. Consent receipts name this version by it. To check it, download the canonical text and compute its SHA-256 (for example with sha256sum): ",
            "内容哈希是规范文本（UTF-8 编码）的 SHA-256 值：规范文本即用户阅读的文本，每个段落一行，加粗标示条款和协议的适用范围以固定方式写出。同意回执以此哈希指明此版本。核验方法：下载规范文本并计算其 SHA-256（例如使用 sha256sum）：",
        ),
    );
    out.extend([
        "<a class=\"site-canonical\" href=\"",
        &esc(&canonical),
        "\" download=\"",
        &esc(&[&m.id, "-", &m.version, ".", &m.language, ".canonical.txt"].concat()),
        "\">",
    ]);
    escape_into(
        &mut out,
        tr(lang, "the canonical text (.txt)", "规范文本（.txt）"),
    );
    out.push_str("</a>.</p>\n");
    let v1 = content_hash_in(a, Form::V1);
    element(
        &mut out,
        "p",
        " class=\"ct-meta\"",
        &fill(
            tr(
                lang,
                "Receipts made before the canonical form v2 name this version by its v1 hash: {hash}",
                "规范格式 v2 之前签署的回执以其 v1 哈希指明此版本：{hash}",
            ),
            &[("hash", &v1)],
        ),
    );
    out.push_str("\n<details>\n");
    element(
        &mut out,
        "summary",
        "",
        tr(lang, "Show the canonical text", "显示规范文本"),
    );
    // The parser drops the newline right after <pre>: the element's text is the canonical
    // text exactly.
    out.extend([
        "\n<pre class=\"site-pre\" lang=\"",
        &esc(&m.language),
        "\">\n",
    ]);
    escape_into(&mut out, &canonical_text(a));
    out.push_str("</pre>\n</details>\n</section>\n");

    // What this version changes.
    if let Some(previous) = notice.previous {
        out.push_str("<section class=\"ct-changes\" aria-labelledby=\"changes\">\n");
        element(
            &mut out,
            "h2",
            " id=\"changes\"",
            &fill(
                tr(
                    lang,
                    "What changed from version {version}",
                    "相对于版本 {version} 的变更",
                ),
                &[("version", &previous.meta.version)],
            ),
        );
        out.push('\n');
        changes_markup(&mut out, lang, &m.language, &diff(previous, a));
        out.push_str("</section>\n");
    }

    // The highlighted clauses, each a link to the clause in the text below.
    let highlights: Vec<_> = a.highlights().collect();
    if !highlights.is_empty() {
        out.push_str("<section class=\"ct-highlights\" aria-labelledby=\"ct-highlights-title\">\n");
        element(
            &mut out,
            "h2",
            " id=\"ct-highlights-title\"",
            &crate::i18n::fill(
                lang,
                crate::i18n::Key::HighlightsTitle,
                &[("count", &highlights.len().to_string())],
            ),
        );
        out.push('\n');
        element(
            &mut out,
            "p",
            "",
            crate::i18n::text(lang, crate::i18n::Key::HighlightsIntro),
        );
        out.push_str("\n<ul>\n");
        for Highlight {
            block,
            id,
            kind,
            text: clause_text,
        } in highlights
        {
            let clause = crate::i18n::fill(
                lang,
                crate::i18n::Key::ClauseInAgreement,
                &[
                    ("agreement", &m.title),
                    ("number", &clause_number(lang, block)),
                ],
            );
            out.extend([
                "<li data-kind=\"",
                kind.as_str(),
                "\" data-highlight=\"",
                &esc(id),
                "\"><a href=\"#",
                &esc(&highlight_dom_id(&m.id, id)),
                "\">",
            ]);
            escape_into(&mut out, &clause);
            out.push_str("</a> — ");
            element(
                &mut out,
                "span",
                " class=\"ct-kind\"",
                highlight_label(lang, kind),
            );
            element(
                &mut out,
                "span",
                &[" lang=\"", &esc(&m.language), "\""].concat(),
                &excerpt(clause_text),
            );
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }

    // The full text, as the widget writes it.
    out.push_str("<section aria-labelledby=\"text\">\n");
    element(
        &mut out,
        "h2",
        " id=\"text\"",
        tr(lang, "Full text", "全文"),
    );
    out.extend([
        "\n<article class=\"ct-agreement\" lang=\"",
        &esc(&m.language),
        "\" aria-labelledby=\"ct-title-",
        &esc(&m.id),
        "\">\n",
    ]);
    element(
        &mut out,
        "h3",
        &[" id=\"ct-title-", &esc(&m.id), "\""].concat(),
        &m.title,
    );
    out.push('\n');
    let ui = [" lang=\"", lang.tag(), "\""].concat();
    if let Some(p) = view.precedence(a, lang) {
        element(
            &mut out,
            "p",
            &[" class=\"ct-precedence\"", &ui].concat(),
            &p,
        );
        out.push('\n');
    }
    out.push_str("<div class=\"ct-text\">\n");
    out.push_str(&blocks_markup(lang, &m.id, a.blocks()));
    out.push_str("</div>\n");
    element(
        &mut out,
        "p",
        &[" class=\"ct-end\"", &ui].concat(),
        &crate::i18n::fill(
            lang,
            crate::i18n::Key::EndOfAgreement,
            &[("title", &m.title)],
        ),
    );
    out.push_str("\n</article>\n</section>\n");
    out.push_str("<p><a href=\"index.html\">");
    escape_into(
        &mut out,
        tr(
            lang,
            "Every version of this agreement and what changed",
            "此协议的所有版本及变更",
        ),
    );
    out.push_str("</a></p>\n</div>\n");
    frame.close(&mut out, view.today);
    out
}

/// An agreement's versions, announced first, each with what it changed.
fn history_page(view: &View<'_>, id: &str, lang: Lang, langs: &[Lang]) -> String {
    let Some(shown) = view.shown(id, lang) else {
        return String::new();
    };
    let path = history_path(id);
    let title = fill(
        tr(
            lang,
            "{title}: versions and changes",
            "《{title}》：版本与变更",
        ),
        &[("title", &shown.meta.title)],
    );
    let frame = Frame {
        lang,
        langs,
        depth: 2,
        path: &path,
        title: &title,
    };
    let mut out = String::new();
    frame.open(&mut out);
    out.push_str("<p class=\"site-crumbs\"><a href=\"../index.html\">");
    escape_into(&mut out, tr(lang, "Agreements", "协议"));
    out.push_str("</a></p>\n");
    element(&mut out, "h1", "", &title);
    out.push('\n');
    element(&mut out, "p", "", &applies_to(lang, shown));
    out.push('\n');
    if let Some(p) = view.precedence(shown, lang) {
        element(&mut out, "p", " class=\"ct-precedence\"", &p);
        out.push('\n');
    }
    let mut groups: [(Status, Vec<&Agreement>); 3] = [
        (Status::Announced, Vec::new()),
        (Status::InEffect, Vec::new()),
        (Status::Superseded, Vec::new()),
    ];
    for version in view.version_labels(id).iter().rev() {
        if let Some(a) = view.text(id, version, lang) {
            let status = view.status(a);
            if let Some((_, list)) = groups.iter_mut().find(|(s, _)| *s == status) {
                list.push(a);
            }
        }
    }
    // Announced versions read soonest first; the others newest first.
    groups[0].1.reverse();
    for (status, list) in &groups {
        if list.is_empty() {
            continue;
        }
        let (section_id, heading) = match status {
            Status::Announced => ("announced", tr(lang, "Announced", "已公布，尚未生效")),
            Status::InEffect => ("in-effect", tr(lang, "In effect", "当前生效")),
            Status::Superseded => ("earlier", tr(lang, "Earlier versions", "历史版本")),
        };
        out.extend(["<section aria-labelledby=\"", section_id, "\">\n"]);
        element(
            &mut out,
            "h2",
            &[" id=\"", section_id, "\""].concat(),
            heading,
        );
        out.push('\n');
        for a in list {
            let m = &a.meta;
            let notice = view.notice(a);
            out.extend([
                "<article class=\"site-history-version\" id=\"v-",
                &esc(&segment(&m.version)),
                "\" data-version=\"",
                &esc(&m.version),
                "\">\n<h3><a href=\"",
                &esc(&page_file(a)),
                "\">",
            ]);
            escape_into(
                &mut out,
                &fill(
                    tr(lang, "Version {version}", "版本 {version}"),
                    &[("version", &m.version)],
                ),
            );
            out.push_str("</a></h3>\n");
            element(&mut out, "p", " class=\"ct-meta\"", &version_line(lang, m));
            out.push('\n');
            element(
                &mut out,
                "p",
                &[" class=\"", status_class(*status), "\""].concat(),
                &status_words(lang, *status, a),
            );
            out.push('\n');
            element(
                &mut out,
                "p",
                if notice.is_short() {
                    " class=\"site-notice site-warning\""
                } else {
                    " class=\"site-notice\""
                },
                &notice_words(lang, &notice),
            );
            out.push_str("\n<p>");
            escape_into(
                &mut out,
                tr(lang, "Content hash (SHA-256): ", "内容哈希（SHA-256）："),
            );
            out.extend(["<code>", &view.catalog.hash_of(a), "</code></p>\n"]);
            if let Some(previous) = notice.previous {
                out.push_str("<div class=\"ct-changes\">\n");
                element(
                    &mut out,
                    "h4",
                    "",
                    &fill(
                        tr(
                            lang,
                            "What changed from version {version}",
                            "相对于版本 {version} 的变更",
                        ),
                        &[("version", &previous.meta.version)],
                    ),
                );
                out.push('\n');
                changes_markup(&mut out, lang, &m.language, &diff(previous, a));
                out.push_str("</div>\n");
            }
            out.push_str("</article>\n");
        }
        out.push_str("</section>\n");
    }
    frame.close(&mut out, view.today);
    out
}

/// Every content hash the catalogue's texts have (canonical v2, and v1 for receipts made
/// before it), with the version each names and its pages.
pub fn hash_index(catalog: &Catalog) -> Vec<(String, Form, &Agreement)> {
    let mut out = Vec::new();
    for a in catalog.all() {
        out.push((catalog.hash_of(a), Form::V2, a));
        out.push((content_hash_in(a, Form::V1), Form::V1, a));
    }
    out
}

fn hashes_json(catalog: &Catalog, langs: &[Lang], today: Date) -> String {
    use serde_json::{json, Map, Value};
    let mut hashes = Map::new();
    for (hash, form, a) in hash_index(catalog) {
        let m = &a.meta;
        let pages: Map<String, Value> = langs
            .iter()
            .map(|l| {
                (
                    l.tag().to_string(),
                    Value::String([lang_dir(*l), "/", &page_path(a)].concat()),
                )
            })
            .collect();
        hashes.insert(
            hash,
            json!({
                "id": m.id,
                "version": m.version,
                "language": m.language,
                "title": m.title,
                "provider": m.provider,
                "effective": m.effective.to_string(),
                "updated": m.updated.to_string(),
                "form": form.as_str(),
                "canonical": canonical_path(a),
                "pages": pages,
            }),
        );
    }
    let doc = json!({
        "format": HASHES_FORMAT,
        "date": today.to_string(),
        "hashes": hashes,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// The lookup page: a form the script answers, and every hash in a table for reading without it.
fn lookup_page(view: &View<'_>, lang: Lang, langs: &[Lang]) -> String {
    let title = tr(lang, "Look up a content hash", "查找内容哈希");
    let frame = Frame {
        lang,
        langs,
        depth: 1,
        path: "lookup.html",
        title,
    };
    let mut out = String::new();
    frame.open(&mut out);
    element(&mut out, "h1", "", title);
    out.push('\n');
    element(
        &mut out,
        "p",
        "",
        tr(
            lang,
            "A consent receipt, and the copy saved after accepting, name each agreement accepted by its content hash: the SHA-256 of the exact text. Paste a hash or a whole receipt here, or choose a saved copy, a receipt file or a canonical text, to see which version of which agreement it is.",
            "同意回执以及接受后保存的副本以内容哈希（确切文本的 SHA-256）指明所接受的每份协议。在此粘贴哈希或完整的回执，或选择保存的副本、回执文件或规范文本，即可查看它对应哪份协议的哪个版本。",
        ),
    );
    out.push_str("\n<form id=\"lookup-form\" class=\"site-lookup\" action=\"#lookup-result\">\n");
    out.push_str("<p><label for=\"lookup-input\">");
    escape_into(
        &mut out,
        tr(
            lang,
            "Content hash (64 hexadecimal characters) or receipt (JWS)",
            "内容哈希（64 位十六进制字符）或回执（JWS）",
        ),
    );
    out.push_str("</label><br>\n<textarea id=\"lookup-input\" name=\"q\" rows=\"3\" spellcheck=\"false\" autocomplete=\"off\"></textarea></p>\n<p><button type=\"submit\" class=\"ct-button ct-primary\" id=\"lookup-submit\">");
    escape_into(&mut out, tr(lang, "Look up", "查找"));
    out.push_str("</button></p>\n<p><label for=\"lookup-file\">");
    escape_into(
        &mut out,
        tr(
            lang,
            "Or choose (or drop here) a saved copy (.html), a receipt (.jws) or a canonical text (.txt)",
            "或选择（或拖放到此处）保存的副本（.html）、回执（.jws）或规范文本（.txt）",
        ),
    );
    out.push_str("</label><br>\n<input type=\"file\" id=\"lookup-file\" accept=\".html,.htm,.jws,.txt,text/html,text/plain\"></p>\n</form>\n");
    out.push_str("<div id=\"lookup-result\" class=\"site-result\" role=\"status\" aria-live=\"polite\"></div>\n");
    element(
        &mut out,
        "p",
        " id=\"lookup-noscript\" class=\"site-noscript\"",
        tr(
            lang,
            "The form needs this page's script. Without it, look for the hash in the table below (your browser's Find in page searches it): each row links to the version it names.",
            "此表单需要本页面的脚本。若脚本不可用，请在下表中查找该哈希（可使用浏览器的“在页面中查找”）：每一行都链接到它所指明的版本。",
        ),
    );
    // The script's words, in this page's language.
    out.push_str("\n<div id=\"lookup-messages\" hidden>\n");
    for &(key, en, zh) in MESSAGES {
        element(
            &mut out,
            "p",
            &[" data-msg=\"", key, "\""].concat(),
            tr(lang, en, zh),
        );
        out.push('\n');
    }
    out.push_str("</div>\n<section aria-labelledby=\"all-hashes\">\n");
    element(
        &mut out,
        "h2",
        " id=\"all-hashes\"",
        tr(lang, "Every content hash", "所有内容哈希"),
    );
    out.push_str("\n<p>");
    escape_into(
        &mut out,
        tr(
            lang,
            "The same list for programs: ",
            "供程序使用的同一列表：",
        ),
    );
    out.push_str("<a href=\"../hashes.json\" id=\"hashes-json\">hashes.json</a></p>\n<table class=\"site-hashes\">\n<thead><tr>");
    for h in [
        tr(lang, "Content hash", "内容哈希"),
        tr(lang, "Agreement", "协议"),
        tr(lang, "Version", "版本"),
        tr(lang, "Form", "格式"),
    ] {
        element(&mut out, "th", " scope=\"col\"", h);
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (hash, form, a) in hash_index(view.catalog) {
        let m = &a.meta;
        out.extend([
            "<tr data-sha256=\"",
            &hash,
            "\" data-agreement-id=\"",
            &esc(&m.id),
            "\" data-version=\"",
            &esc(&m.version),
            "\" data-form=\"",
            form.as_str(),
            "\"><td><code>",
            &hash,
            "</code></td><td><a href=\"",
            &esc(&page_path(a)),
            "\" lang=\"",
            &esc(&m.language),
            "\">",
        ]);
        escape_into(&mut out, &m.title);
        out.push_str("</a></td><td>");
        escape_into(&mut out, &m.version);
        out.extend(["</td><td>", form.as_str(), "</td></tr>\n"]);
    }
    out.push_str("</tbody>\n</table>\n</section>\n<script src=\"../lookup.js\" defer></script>\n");
    frame.close(&mut out, view.today);
    out
}

/// The lookup script's words: (key, English, Chinese); `{…}` are filled in by the script.
const MESSAGES: &[(&str, &str, &str)] = &[
    ("found", "This is {title}, version {version} ({form}).", "这是《{title}》版本 {version}（{form}）。"),
    ("form-v2", "canonical form v2", "规范格式 v2"),
    ("form-v1", "canonical form v1, as receipts made before v2 bind it", "规范格式 v1，即 v2 之前签署的回执所用的哈希"),
    ("not-found", "No version in this catalogue has the content hash {hash}.", "本目录中没有内容哈希为 {hash} 的版本。"),
    ("not-a-hash", "This is neither a content hash (64 hexadecimal characters) nor a receipt (three parts separated by dots).", "这既不是内容哈希（64 位十六进制字符），也不是回执（以点分隔的三部分）。"),
    ("receipt", "A receipt, {id}, accepted at {time} on {origin}, names these agreements:", "回执 {id}，于 {time} 在 {origin} 接受，指明了以下协议："),
    ("receipt-bad", "This receipt cannot be read: its middle part is not a consent record.", "无法读取此回执：其中间部分不是同意记录。"),
    ("receipt-unsigned", "This page reads the receipt without checking its signature: to check it, use consent-terms verify or a JOSE library.", "本页面读取回执但不核验其签名：请使用 consent-terms verify 或 JOSE 库核验。"),
    ("ahead", "accepted ahead, taking effect on {date}", "提前接受，将于 {date} 生效"),
    ("copy", "A saved copy naming these agreements:", "保存的副本，指明了以下协议："),
    ("copy-text-ok", "The canonical text in the file hashes to the hash it states.", "文件中的规范文本与其所述哈希一致。"),
    ("copy-text-bad", "The canonical text in the file does NOT hash to the hash it states: the file was changed.", "文件中的规范文本与其所述哈希不一致：文件已被修改。"),
    ("copy-empty", "This file holds no agreement with a content hash.", "此文件中没有带内容哈希的协议。"),
    ("text", "A canonical text with the content hash {hash}.", "内容哈希为 {hash} 的规范文本。"),
    ("no-digest", "This browser cannot compute a SHA-256 on this page (it is not served securely); compute it with sha256sum and paste the hash.", "此浏览器无法在本页面计算 SHA-256（页面未通过安全连接提供）；请使用 sha256sum 计算后粘贴哈希。"),
    ("unreadable", "The file could not be read.", "无法读取该文件。"),
];

/// The site's own layout, over the widget's stylesheet (`consent-terms.css`).
pub const SITE_STYLE: &str = include_str!("site/site.css");

/// The lookup page's script: no inline script, so a strict Content-Security-Policy serves it.
pub const LOOKUP_SCRIPT: &str = include_str!("site/lookup.js");

/// The Atom feed (RFC 4287) of the versions published and announced, newest first.
fn feed(view: &View<'_>, lang: Lang, base_url: Option<&str>) -> String {
    let base = |path: &str| match base_url {
        Some(b) => [b.trim_end_matches('/'), "/", lang_dir(lang), "/", path].concat(),
        None => path.to_string(),
    };
    let mut entries: Vec<&Agreement> = Vec::new();
    for (_, _, ids) in &view.providers {
        for id in ids {
            for version in view.version_labels(id) {
                if let Some(a) = view.text(id, &version, lang) {
                    entries.push(a);
                }
            }
        }
    }
    entries.sort_by(|a, b| {
        (b.meta.updated, b.meta.effective, &b.meta.id).cmp(&(
            a.meta.updated,
            a.meta.effective,
            &a.meta.id,
        ))
    });
    let stamp = |d: Date| [&d.to_string(), "T00:00:00Z"].concat();
    let updated = entries
        .iter()
        .map(|a| a.meta.updated)
        .max()
        .unwrap_or(view.today);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.extend([
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"",
        lang.tag(),
        "\">\n<id>",
        &uuid_urn(&["consent-terms legal center feed ", lang.tag()].concat()),
        "</id>\n",
    ]);
    element(
        &mut out,
        "title",
        "",
        tr(lang, "Agreement changes", "协议变更"),
    );
    out.push('\n');
    element(
        &mut out,
        "subtitle",
        "",
        tr(
            lang,
            "Each agreement version as it is published, with the day it takes effect and what it changes.",
            "每个协议版本在发布时的信息，包括生效日期和变更内容。",
        ),
    );
    out.extend(["\n<updated>", &stamp(updated), "</updated>\n"]);
    out.extend([
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"",
        &esc(&base("feed.atom")),
        "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"",
        &esc(&base("index.html")),
        "\"/>\n<author><name>",
    ]);
    escape_into(&mut out, tr(lang, "Legal center", "法律中心"));
    out.push_str("</name></author>\n");
    for a in entries {
        let m = &a.meta;
        let status = view.status(a);
        let notice = view.notice(a);
        let title = match status {
            Status::Announced => fill(
                tr(
                    lang,
                    "{title}: version {version} announced, taking effect on {date}",
                    "《{title}》：已公布版本 {version}，将于 {date} 生效",
                ),
                &[
                    ("title", &m.title),
                    ("version", &m.version),
                    ("date", &m.effective.to_string()),
                ],
            ),
            _ => fill(
                tr(
                    lang,
                    "{title}: version {version}, effective {date}",
                    "《{title}》：版本 {version}，生效日期 {date}",
                ),
                &[
                    ("title", &m.title),
                    ("version", &m.version),
                    ("date", &m.effective.to_string()),
                ],
            ),
        };
        let mut summary = [status_words(lang, status, a), notice_words(lang, &notice)].join(" ");
        if let Some(previous) = notice.previous {
            let changes = diff(previous, a);
            let count = |pick: fn(&Change) -> bool| changes.iter().filter(|c| pick(c)).count();
            summary.push(' ');
            summary.push_str(&fill(
                tr(
                    lang,
                    "Changes from version {previous}: {changed} changed, {added} added, {removed} removed.",
                    "相对于版本 {previous}：修改 {changed} 处，新增 {added} 处，删除 {removed} 处。",
                ),
                &[
                    ("previous", &previous.meta.version),
                    ("changed", &count(|c| matches!(c, Change::Changed { .. })).to_string()),
                    ("added", &count(|c| matches!(c, Change::Added { .. })).to_string()),
                    ("removed", &count(|c| matches!(c, Change::Removed { .. })).to_string()),
                ],
            ));
        }
        summary.push(' ');
        summary.push_str(&fill(
            tr(
                lang,
                "Content hash (SHA-256): {hash}",
                "内容哈希（SHA-256）：{hash}",
            ),
            &[("hash", &view.catalog.hash_of(a))],
        ));
        out.extend([
            "<entry>\n<id>",
            &uuid_urn(
                &[
                    "consent-terms version ",
                    &m.id,
                    " ",
                    &m.version,
                    " ",
                    &m.language,
                ]
                .concat(),
            ),
            "</id>\n",
        ]);
        element(&mut out, "title", "", &title);
        out.extend([
            "\n<updated>",
            &stamp(m.updated),
            "</updated>\n<published>",
            &stamp(m.updated),
            "</published>\n<author><name>",
        ]);
        escape_into(&mut out, &m.provider_name);
        out.extend([
            "</name></author>\n<link rel=\"alternate\" type=\"text/html\" href=\"",
            &esc(&base(&page_path(a))),
            "\"/>\n",
        ]);
        element(&mut out, "summary", "", &summary);
        out.push_str("\n</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// Every file of the site by path, for looking one up.
pub fn by_path(files: &[SiteFile]) -> BTreeMap<&str, &str> {
    files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect()
}
