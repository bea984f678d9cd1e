//! The Atom feed (RFC 4287) of the versions published and announced.

use super::*;

/// The Atom feed (RFC 4287) of the versions published and announced, newest first.
pub(super) fn feed(view: &View<'_>, lang: Lang, base_url: Option<&str>) -> String {
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
