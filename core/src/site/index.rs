//! The site's root (the interface languages) and each language's index of every agreement.

use super::*;

/// The site's root: the interface languages to choose from.
pub(super) fn language_page(langs: &[Lang], today: Date) -> String {
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
pub(super) fn index_page(view: &View<'_>, lang: Lang, langs: &[Lang]) -> String {
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
pub(super) fn other_texts(out: &mut String, view: &View<'_>, a: &Agreement, lang: Lang) {
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
