//! The page of one text of one version.

use super::*;

/// The page of one text of one version.
pub(super) fn version_page(view: &View<'_>, a: &Agreement, lang: Lang, langs: &[Lang]) -> String {
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
    out.push_str(tr(lang, "</a>.</p>\n", "</a>。</p>\n"));
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
            let clause = clause_label(lang, &m.title, block);
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
