//! An agreement's history: its versions, announced first, each with what it changed.

use super::*;

/// The changes from `old` to `new`, clause by clause, as a list (as the widget shows them).
pub(super) fn changes_markup(out: &mut String, lang: Lang, text_lang: &str, changes: &[Change]) {
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

/// An agreement's versions, announced first, each with what it changed.
pub(super) fn history_page(view: &View<'_>, id: &str, lang: Lang, langs: &[Lang]) -> String {
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
