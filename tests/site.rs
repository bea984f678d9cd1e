//! The legal center (`consent-terms site`) and the notice period (`core/src/notice.rs`): every
//! shipped version on its page with the catalogue's hash, the download the widget offers, the
//! canonical text that hashes to the stated hash, every hash in the index, announced versions
//! first, agreement text escaped; a version published with less notice than its provider's
//! period warned about by the lint, with its file and line.

#![cfg(not(target_arch = "wasm32"))]

use consent_terms::agreement::{Date, Highlight};
use consent_terms::canonical::{canonical_text, content_hash_in, sha256_hex, Form};
use consent_terms::catalog::{bundled_sources, Catalog, Source};
use consent_terms::copy::agreement_document;
use consent_terms::i18n::Lang;
use consent_terms::notice::{check, days_between, notice_of, NoticeSettings};
use consent_terms::site::{build_site, by_path, SiteFile, SiteOptions, HASHES_FORMAT};
use std::process::Command;

fn date(s: &str) -> Date {
    Date::parse(s).expect("a date")
}

fn shipped() -> (Vec<Source>, Catalog) {
    let sources = bundled_sources();
    let catalog = Catalog::from_sources(&sources).expect("shipped agreements are valid");
    (sources, catalog)
}

fn shipped_settings() -> NoticeSettings {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../agreements/providers.txt");
    NoticeSettings::parse(
        "agreements/providers.txt",
        &std::fs::read_to_string(file).expect("agreements/providers.txt"),
    )
    .expect("the shipped provider settings read")
}

fn site(catalog: &Catalog, today: &str) -> Vec<SiteFile> {
    build_site(
        catalog,
        &shipped_settings(),
        &SiteOptions {
            langs: vec![Lang::En, Lang::ZhCn],
            today: date(today),
            base_url: None,
        },
    )
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

#[test]
fn every_shipped_version_has_its_page_hash_download_and_canonical_text_in_both_languages() {
    let (_, catalog) = shipped();
    let files = site(&catalog, "2026-12-01");
    let by_path = by_path(&files);
    for a in catalog.all() {
        let m = &a.meta;
        let hash = catalog.hash_of(a);
        let canonical =
            by_path[format!("canonical/{}/{}.{}.txt", m.id, m.version, m.language).as_str()];
        assert_eq!(canonical, canonical_text(a));
        assert_eq!(sha256_hex(canonical.as_bytes()), hash, "{}", m.id);
        for (lang, dir) in [(Lang::En, "en"), (Lang::ZhCn, "zh-CN")] {
            let path = format!("{dir}/{}/{}.{}.html", m.id, m.version, m.language);
            let page = by_path
                .get(path.as_str())
                .unwrap_or_else(|| panic!("{path}"));
            assert_eq!(
                between(page, "<code id=\"content-hash\">", "</code>"),
                Some(hash.as_str()),
                "{path} states the catalogue's hash"
            );
            assert!(page.contains(&format!("<html lang=\"{}\">", lang.tag())));
            // Every highlighted clause marked in <strong>, and listed with a link to it.
            let count = a.highlights().count();
            assert_eq!(
                page.matches("<strong class=\"ct-highlight\"").count(),
                count,
                "{path}"
            );
            for Highlight { id, .. } in a.highlights() {
                let anchor = format!("ct-{}-{id}", m.id);
                assert!(
                    page.contains(&format!("href=\"#{anchor}\"")),
                    "{path}: link to {anchor}"
                );
                assert!(
                    page.contains(&format!("id=\"{anchor}\"")),
                    "{path}: {anchor} in the text"
                );
            }
            // The download is the widget's file, as the widget writes it.
            let download = by_path
                [format!("{dir}/{}/{}.{}.download.html", m.id, m.version, m.language).as_str()];
            let widget =
                agreement_document(a, &hash, lang, "the legal center", "2026-12-01T00:00:00Z");
            let widget = if lang == Lang::ZhCn {
                agreement_document(a, &hash, lang, "法律中心", "2026-12-01T00:00:00Z")
            } else {
                widget
            };
            assert_eq!(download, widget.html, "{path}: the download");
            assert!(page.contains(&format!("download=\"{}\"", widget.filename)));
            // The page links its counterpart in the other language.
            let other = if lang == Lang::En { "zh-CN" } else { "en" };
            assert!(page.contains(&format!(
                "href=\"../../{other}/{}/{}.{}.html\"",
                m.id, m.version, m.language
            )));
        }
    }
}

#[test]
fn the_hash_index_names_every_version_by_its_v2_and_v1_hash() {
    let (_, catalog) = shipped();
    let files = site(&catalog, "2026-12-01");
    let json: serde_json::Value =
        serde_json::from_str(by_path(&files)["hashes.json"]).expect("hashes.json is JSON");
    assert_eq!(json["format"], HASHES_FORMAT);
    let hashes = json["hashes"].as_object().expect("hashes");
    assert_eq!(hashes.len(), 2 * catalog.all().len());
    let lookup = by_path(&files)["en/lookup.html"];
    for a in catalog.all() {
        for (hash, form) in [
            (catalog.hash_of(a), "v2"),
            (content_hash_in(a, Form::V1), "v1"),
        ] {
            let e = &hashes[&hash];
            assert_eq!(e["id"], a.meta.id.as_str());
            assert_eq!(e["version"], a.meta.version.as_str());
            assert_eq!(e["form"], form);
            let page = e["pages"]["zh-CN"].as_str().expect("a page");
            assert!(by_path(&files).contains_key(page), "{page}");
            // The lookup page lists it for reading without script.
            assert!(lookup.contains(&format!("<tr data-sha256=\"{hash}\"")));
        }
    }
    assert!(lookup.contains("<script src=\"../lookup.js\" defer></script>"));
    assert!(!lookup.contains("<script>"), "no inline script");
}

#[test]
fn announced_versions_come_first_with_their_date_and_changes() {
    let (_, catalog) = shipped();
    // On 2021-01-15 the CDN version of 2021-06-01 was published, not yet in effect.
    let files = site(&catalog, "2021-01-15");
    let by_path = by_path(&files);
    let index = by_path["en/index.html"];
    let announced = between(
        index,
        "<section class=\"site-announced-list\"",
        "</section>",
    )
    .expect("announced");
    assert!(
        announced.contains("version 2021-06-01 takes effect on 2021-06-01 (published 2021-05-01)."),
        "{announced}"
    );
    assert!(
        index.find("site-announced-list") < index.find("data-agreement-id=\"kingsoft-general\"")
    );
    // The index shows the version in effect, and what it applies to in words.
    let cdn = between(index, "data-agreement-id=\"kingsoft-cdn\"", "</article>").expect("cdn");
    assert!(cdn.contains("Version 2020-11-26"), "{cdn}");
    assert!(cdn.contains("Applies to sign-ups with Kingsoft Cloud for the products: cdn."));
    assert!(cdn
        .contains("This agreement applies together with the Agreement of Kingsoft Cloud Service."));

    let history = by_path["en/kingsoft-cdn/index.html"];
    let first = history.find("id=\"v-2021-06-01\"").expect("2021-06-01");
    assert!(first < history.find("id=\"v-2020-11-26\"").expect("2020-11-26"));
    let entry = between(history, "id=\"v-2021-06-01\"", "</article>").expect("entry");
    assert!(entry.contains("Announced: this version takes effect on 2021-06-01."));
    assert!(entry.contains("Published 2021-05-01, 31 days before it takes effect on 2021-06-01, replacing version 2020-11-26. The notice required is 30 days (Kingsoft Cloud CDN Service Agreement, clause 13.1"));
    // Clause by clause: 7.6 and 5.5 changed, 7.7 added and highlighted.
    assert!(
        entry.contains(
            "<li data-change=\"changed\" data-highlighted=\"true\"><strong>Changed 7.6: </strong>"
        ),
        "{entry}"
    );
    assert!(entry.contains(
        "<li data-change=\"added\" data-highlighted=\"true\"><strong>Added 7.7: </strong>"
    ));
    assert!(entry.contains("<li data-change=\"changed\"><strong>Changed 5.5: </strong>"));
    assert!(entry.contains("60 days in advance"));
    // In Chinese too.
    let zh = by_path["zh-CN/kingsoft-cdn/index.html"];
    assert!(zh.contains("已公布：此版本将于 2021-06-01 生效。"));
    assert!(zh.contains("<strong>新增 7.7: </strong>"));

    // Today it is in effect, and nothing is announced.
    let files = site(&catalog, "2026-12-01");
    let index = by_path_owned(&files, "en/index.html");
    assert!(index.contains("No change is announced"));
    assert!(by_path_owned(&files, "en/kingsoft-cdn/2020-11-26.en.html")
        .contains("An earlier version: it took effect on 2019-07-02 and has been replaced."));
}

fn by_path_owned(files: &[SiteFile], path: &str) -> String {
    files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.clone())
        .unwrap_or_else(|| panic!("{path}"))
}

#[test]
fn the_feed_has_an_entry_per_version_with_id_updated_and_link() {
    let (_, catalog) = shipped();
    let files = site(&catalog, "2021-01-15");
    let feed = by_path_owned(&files, "en/feed.atom");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert_eq!(feed.matches("<entry>").count(), catalog.all().len());
    assert_eq!(
        feed.matches("<entry>").count(),
        feed.matches("</entry>").count()
    );
    // Newest publication first: JD Cloud and Alibaba (2026-11-22), then the announced CDN
    // version, published 2021-05-01.
    let titles: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .filter_map(|e| between(e, "<title>", "</title>"))
        .collect();
    assert!(
        titles[0].starts_with("JD Cloud") || titles[0].starts_with("Terms of Service"),
        "{titles:?}"
    );
    assert!(
        titles[2].starts_with("Kingsoft Cloud CDN Service Agreement: version 2021-06-01"),
        "{titles:?}"
    );
    let first = feed.split("<entry>").nth(3).expect("the CDN entry");
    assert!(
        first.contains("version 2021-06-01 announced, taking effect on 2021-06-01"),
        "{first}"
    );
    assert!(first.contains("<updated>2021-05-01T00:00:00Z</updated>"));
    assert!(first.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"kingsoft-cdn/2021-06-01.en.html\"/>"
    ));
    assert!(first.contains("2 changed, 1 added, 0 removed"), "{first}");
    let ids: Vec<&str> = feed
        .split("<id>")
        .skip(1)
        .map(|s| &s[..s.find("</id>").unwrap_or(0)])
        .collect();
    assert_eq!(ids.len(), catalog.all().len() + 1);
    for id in &ids {
        assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{id}");
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    // The feed's own updated is its newest entry's.
    assert!(feed.contains("</subtitle>\n<updated>2026-11-22T00:00:00Z</updated>"));
    // With a base URL, links are absolute.
    let files = build_site(
        &catalog,
        &shipped_settings(),
        &SiteOptions {
            langs: vec![Lang::En],
            today: date("2026-12-01"),
            base_url: Some("https://legal.example.com/"),
        },
    );
    let feed = by_path_owned(&files, "en/feed.atom");
    assert!(feed.contains("href=\"https://legal.example.com/en/kingsoft-cdn/2021-06-01.en.html\""));
    assert!(!files.iter().any(|f| f.path.starts_with("zh-CN/")));
}

const HOSTILE: &str = "---
id: hostile
title: <script>alert(1)</script> & \"Terms\"
provider: evil
provider-name: Evil <b>Cloud</b>
version: 1
effective: 2024-01-01
updated: 2024-01-01
language: en
products: *
reconsent: required
---
# <img src=x onerror=alert(1)>
1.1 A clause with <a href=\"javascript:alert(1)\">a link</a> and {{exemption: we are not liable for <iframe>.}}
";

#[test]
fn agreement_text_is_escaped_everywhere() {
    let catalog = Catalog::from_sources(&[Source {
        path: "hostile/1.md".into(),
        text: HOSTILE.into(),
    }])
    .expect("the source parses");
    let files = site(&catalog, "2026-12-01");
    // HTML and Atom: the text is escaped. (hashes.json and the canonical .txt hold it as data,
    // JSON-quoted and as is.)
    for f in files
        .iter()
        .filter(|f| f.path.ends_with(".html") || f.path.ends_with(".atom"))
    {
        for bad in [
            "<script>alert",
            "<img",
            "<iframe",
            "<a href=\"javascript",
            "<b>Cloud",
        ] {
            assert!(!f.contents.contains(bad), "{}: {bad}", f.path);
        }
    }
    let page = by_path_owned(&files, "en/hostile/1.en.html");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Terms&quot;"));
    assert!(page.contains("&lt;iframe&gt;"));
    let feed = by_path_owned(&files, "en/feed.atom");
    assert!(feed.contains("Evil &lt;b&gt;Cloud&lt;/b&gt;"));
    let json: serde_json::Value =
        serde_json::from_str(&by_path_owned(&files, "hashes.json")).expect("JSON");
    let (_, entry) = json["hashes"]
        .as_object()
        .and_then(|h| h.iter().next())
        .expect("an entry");
    assert_eq!(entry["title"], "<script>alert(1)</script> & \"Terms\"");
}

#[test]
fn days_are_counted_between_civil_dates() {
    assert_eq!(date("1970-01-01").unix_days(), 0);
    assert_eq!(date("2000-03-01").unix_days(), 11_017);
    for days in [-1_000, 0, 59, 60, 11_016, 18_000, 20_000, 40_000] {
        let d = Date::from_unix_days(days).expect("a date");
        assert_eq!(d.unix_days(), days, "{d}");
    }
    assert_eq!(days_between(date("2021-05-01"), date("2021-06-01")), 31);
    assert_eq!(days_between(date("2020-11-26"), date("2019-07-02")), -513);
}

/// The shipped CDN versions, with the later one's `updated` date moved to `updated`.
fn cdn_published_on(updated: &str) -> Vec<Source> {
    bundled_sources()
        .into_iter()
        .filter(|s| s.path.contains("kingsoft-"))
        .map(|mut s| {
            if s.path.ends_with("kingsoft-cdn/2021-06-01.md") {
                s.text = s
                    .text
                    .replace("updated: 2021-05-01", &format!("updated: {updated}"));
            }
            s
        })
        .collect()
}

#[test]
fn a_version_published_with_less_than_the_notice_period_is_warned_about() {
    // The shipped catalogue: the one changed version, CDN 2021-06-01, was published 31 days
    // ahead, and Kingsoft Cloud promises 30: no warning. First versions owe no notice.
    let (sources, catalog) = shipped();
    assert_eq!(check(&catalog, &shipped_settings(), &sources), []);
    let settings = shipped_settings();
    for a in catalog.all() {
        let n = notice_of(&catalog, &settings, a);
        assert_eq!(
            n.previous.is_some(),
            a.meta.id == "kingsoft-cdn" && a.meta.version == "2021-06-01"
        );
    }

    // Published twelve days ahead: short of Kingsoft's 30, not of the default 7.
    let sources = cdn_published_on("2021-05-20");
    let catalog = Catalog::from_sources(&sources).expect("valid");
    let warnings = check(&catalog, &shipped_settings(), &sources);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!(
        (w.id.as_str(), w.version.as_str(), w.days, w.required),
        ("kingsoft-cdn", "2021-06-01", 12, 30)
    );
    assert_eq!(w.line, 7, "the line of `effective:`");
    assert_eq!(
        w.to_string(),
        "agreements/kingsoft-cdn/2021-06-01.md:7: warning[notice-period]: version 2021-06-01 of `kingsoft-cdn` takes effect on 2021-06-01, 12 day(s) after it was published on 2021-05-20 (its `updated` date), replacing version 2020-11-26; provider `kingsoft` must give at least 30 days' notice (set in agreements/providers.txt:7)"
    );
    assert_eq!(check(&catalog, &NoticeSettings::default(), &sources), []);

    // Five days ahead: short of the default too; published after it took effect, negative.
    for (updated, days) in [("2021-05-27", 5), ("2021-06-03", -2)] {
        let sources = cdn_published_on(updated);
        let catalog = Catalog::from_sources(&sources).expect("valid");
        let warnings = check(&catalog, &NoticeSettings::default(), &sources);
        assert_eq!(warnings.iter().map(|w| w.days).collect::<Vec<_>>(), [days]);
        assert!(warnings[0]
            .to_string()
            .ends_with("at least 7 days' notice (the default; set another in providers.txt)"));
    }

    // The site says so beside the version.
    let sources = cdn_published_on("2021-05-20");
    let catalog = Catalog::from_sources(&sources).expect("valid");
    let files = site(&catalog, "2026-12-01");
    let page = by_path_owned(&files, "en/kingsoft-cdn/2021-06-01.en.html");
    assert!(page.contains("<dd class=\"site-notice site-warning\">Published 2021-05-20, 12 days before it takes effect on 2021-06-01"), "{page}");
    assert!(page.contains("This is less notice than the 30 days required."));
}

#[test]
fn provider_settings_errors_name_their_line() {
    let text = "# comment\n---\nprovider: kingsoft\nnotice-days: thirty\n---\n---\nprovider: x\nnotice-days: 3\ncolour: blue\n---\nstray: line\n---\nnotice-days: 3\n";
    let errors = NoticeSettings::parse("p.txt", text).expect_err("errors");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "p.txt:4: `notice-days: thirty` is not a number of days from 0 to 3650",
            "p.txt:9: unknown field `colour` (provider, notice-days, notice-source)",
            "p.txt:11: settings go between `---` lines: `provider: KEY` and `notice-days: N`",
            "p.txt:12: this block is not closed by a `---` line",
        ]
    );
    let two = "---\nprovider: a\nnotice-days: 1\n---\n---\nprovider: a\nnotice-days: 2\n---\n";
    assert_eq!(
        NoticeSettings::parse("p.txt", two).expect_err("twice")[0].to_string(),
        "p.txt:7: provider `a` already has its notice period at line 3"
    );
    let settings = NoticeSettings::parse("p.txt", "---\nprovider: nobody\nnotice-days: 9\n---\n")
        .expect("reads");
    let (_, catalog) = shipped();
    assert_eq!(
        settings.unknown_providers(&catalog)[0].to_string(),
        "p.txt:3: provider `nobody` has no agreement in the catalogue (known: alibaba, jdcloud, kingsoft)"
    );
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_consent-terms"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("consent-terms runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn lint_warns_of_a_short_notice_with_file_and_line_and_the_site_command_writes_the_site() {
    let dir = std::env::temp_dir().join(format!("consent-terms-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let agreements = dir.join("agreements");
    for s in cdn_published_on("2021-05-20") {
        let path = agreements.join(s.path.trim_start_matches("agreements/"));
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(&path, &s.text).expect("write");
    }
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../agreements/providers.txt"),
        agreements.join("providers.txt"),
    )
    .expect("copy providers.txt");
    let dir_arg = agreements.display().to_string();
    let (code, out, err) = cli(&["lint", &dir_arg]);
    assert_eq!(code, 0, "a warning does not fail the lint: {out}{err}");
    let cdn = agreements
        .join("kingsoft-cdn/2021-06-01.md")
        .display()
        .to_string();
    assert!(
        out.contains(&format!(
            "{cdn}:7: warning[notice-period]: version 2021-06-01 of `kingsoft-cdn`"
        )),
        "{out}"
    );
    assert!(out.contains("0 error(s), 1 warning(s)"), "{out}");

    // A settings file that does not read fails the lint, naming its line.
    std::fs::write(
        agreements.join("providers.txt"),
        "---\nprovider: kingsoft\nnotice-days: -1\n---\n",
    )
    .expect("write");
    let (code, out, _) = cli(&["lint", &dir_arg]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("providers.txt:3: error[provider-settings]: `notice-days: -1`"),
        "{out}"
    );

    // The shipped catalogue: no notice warning.
    let (code, out, _) = cli(&["lint", "agreements"]);
    assert_eq!(code, 0);
    assert!(!out.contains("notice-period"), "{out}");

    let site = dir.join("site");
    let site_arg = site.display().to_string();
    let (code, out, err) = cli(&[
        "site",
        "agreements",
        "--out",
        &site_arg,
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("6 agreement version(s) as on 2026-12-01"),
        "{out}"
    );
    let (_, catalog) = shipped();
    for a in catalog.all() {
        let page = std::fs::read_to_string(site.join(format!(
            "zh-CN/{}/{}.{}.html",
            a.meta.id, a.meta.version, a.meta.language
        )))
        .expect("the page");
        assert!(page.contains(&catalog.hash_of(a)));
    }
    assert!(site.join("consent-terms.css").is_file() && site.join("hashes.json").is_file());
    let (code, _, err) = cli(&["site", "agreements", "--out", &site_arg, "--lang", "fr"]);
    assert_eq!(code, 2, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
