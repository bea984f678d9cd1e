//! Every content hash (`hashes.json`) and the lookup page that finds one.

use super::*;

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

pub(super) fn hashes_json(catalog: &Catalog, langs: &[Lang], today: Date) -> String {
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
pub(super) fn lookup_page(view: &View<'_>, lang: Lang, langs: &[Lang]) -> String {
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
pub(super) const MESSAGES: &[(&str, &str, &str)] = &[
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
