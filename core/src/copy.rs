//! The person's own copy, as one self-contained HTML file: an agreement version before
//! accepting ("Download"), or everything accepted with the signed receipt after ("Save a copy
//! of what you accepted"). Each holds every clause with its number, the highlighted clauses
//! marked and explained, the content hash and the canonical text it is the hash of, and a
//! print stylesheet. Agreement text is escaped as text: the file holds no markup of the
//! agreement's and no script. Pure: `cargo test` checks it for every seed; the widget saves it.

use crate::agreement::{Agreement, BlockKind, Highlight, Span};
use crate::canonical::canonical_text;
use crate::i18n::{fill, highlight_label, text, title_list, version_line, Key, Lang};
use crate::receipt::ConsentRecord;

/// A file for the person to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The file name offered: `<id>-<version>.html`, or `consent-<receipt id>.html`.
    pub filename: String,
    /// The whole file (UTF-8 HTML).
    pub html: String,
}

const STYLE: &str = "body{font:16px/1.6 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}\
:lang(zh){font-family:'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC',system-ui,sans-serif;line-height:1.8;line-break:strict}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1.05rem}\
.meta,.note{color:#444}.number{font-weight:600;margin-right:.4em}\
strong.highlight{background:#fff3cd;outline:1px solid #b58100}strong.highlight::before{content:'⚠ '}\
.item::before{content:'• '}\
.highlights{border:2px solid #b58100;padding:0 1rem;margin:1rem 0}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f5f5;padding:.75rem;font-size:.8rem}\
code{overflow-wrap:anywhere}article{border-top:1px solid #ccc;margin-top:2rem}\
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}\
strong.highlight{background:none;outline:none;text-decoration:underline}\
article,section.check{break-before:page}pre{background:none;border:1px solid #999}}";

/// Appends `text` escaped for HTML text and attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Appends `<tag attrs>text</tag>` with `text` escaped; `attrs` is written as given.
fn element(out: &mut String, tag: &str, attrs: &str, text: &str) {
    out.extend(["<", tag, attrs, ">"]);
    escape_into(out, text);
    out.extend(["</", tag, ">\n"]);
}

fn anchor(agreement: &Agreement, highlight: &str) -> String {
    ["hl-", &agreement.meta.id, "-", highlight].concat()
}

fn open_document(out: &mut String, lang: Lang, title: &str) {
    out.extend([
        "<!DOCTYPE html>\n<html lang=\"",
        lang.tag(),
        "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    ]);
    element(out, "title", "", title);
    out.extend(["<style>", STYLE, "</style>\n</head>\n<body>\n"]);
}

/// One agreement version: title, version and dates, its hash, the list of its highlighted
/// clauses with what highlighting means, every block, and the canonical text. `note` is
/// written under the hash (in the copy: what the person did with this agreement).
fn article(
    out: &mut String,
    a: &Agreement,
    hash: &str,
    lang: Lang,
    heading: &str,
    note: &[String],
) {
    let m = &a.meta;
    out.push_str("<article data-agreement-id=\"");
    escape_into(out, &m.id);
    out.push_str("\" data-version=\"");
    escape_into(out, &m.version);
    out.push_str("\" data-sha256=\"");
    out.push_str(hash);
    out.push_str("\">\n");
    let mut lang_attr = String::from(" lang=\"");
    escape_into(&mut lang_attr, &m.language);
    lang_attr.push('"');
    element(out, heading, &lang_attr, &m.title);
    element(out, "p", " class=\"meta\"", &version_line(lang, m));
    out.push_str("<p class=\"hash\">");
    escape_into(out, text(lang, Key::DocHash));
    out.extend(["<code>", hash, "</code></p>\n"]);
    for line in note {
        element(out, "p", " class=\"note\"", line);
    }
    let highlights: Vec<_> = a.highlights().collect();
    if !highlights.is_empty() {
        out.push_str("<section class=\"highlights\">\n");
        element(
            out,
            "h3",
            "",
            &fill(
                lang,
                Key::HighlightsTitle,
                &[("count", &highlights.len().to_string())],
            ),
        );
        element(out, "p", "", text(lang, Key::HighlightsIntro));
        out.push_str("<ol>\n");
        for Highlight {
            block,
            id,
            kind,
            text: clause,
        } in highlights
        {
            out.extend(["<li data-highlight=\"", id, "\"><a href=\"#"]);
            escape_into(out, &anchor(a, id));
            out.push_str("\">");
            escape_into(out, block.number().unwrap_or("—"));
            out.push_str("</a> ");
            escape_into(out, highlight_label(lang, kind));
            out.push_str("<span");
            out.push_str(&lang_attr);
            out.push('>');
            escape_into(out, clause);
            out.push_str("</span></li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("<div class=\"text\"");
    out.push_str(&lang_attr);
    out.push_str(">\n");
    for block in a.blocks() {
        let (tag, class) = match &block.kind {
            BlockKind::Heading(1) => ("h2", ""),
            BlockKind::Heading(_) => ("h3", ""),
            BlockKind::ListItem => ("p", " class=\"item\""),
            _ => ("p", ""),
        };
        out.extend(["<", tag, class, ">"]);
        if let BlockKind::Clause(number) = &block.kind {
            out.push_str("<span class=\"number\">");
            escape_into(out, number);
            out.push_str("</span> ");
        }
        for span in &block.spans {
            match span {
                Span::Text(t) => escape_into(out, t),
                Span::Emphasis(t) => {
                    out.push_str("<b>");
                    escape_into(out, t);
                    out.push_str("</b>");
                }
                Span::Highlight { id, kind, text: t } => {
                    out.push_str("<strong class=\"highlight\" id=\"");
                    escape_into(out, &anchor(a, id));
                    out.extend([
                        "\" data-kind=\"",
                        kind.as_str(),
                        "\"><span class=\"label\">",
                    ]);
                    escape_into(out, highlight_label(lang, *kind));
                    out.push_str("</span>");
                    escape_into(out, t);
                    out.push_str("</strong>");
                }
            }
        }
        out.extend(["</", tag, ">\n"]);
    }
    out.push_str("</div>\n<section class=\"check\">\n");
    element(out, "h3", "", text(lang, Key::DocCheckTitle));
    element(out, "p", "", &fill(lang, Key::DocCheck, &[("hash", hash)]));
    // The parser drops the newline right after <pre>: the element's text is the canonical
    // text exactly.
    out.push_str("<pre class=\"canonical\" id=\"canonical-");
    escape_into(out, &m.id);
    out.push_str("\">\n");
    escape_into(out, &canonical_text(a));
    out.push_str("</pre>\n</section>\n</article>\n");
}

/// The file offered by "Download": agreement version `a` (content hash `hash`), with the UI
/// strings in `lang`, saved at `saved_at` (RFC 3339) from `origin`.
pub fn agreement_document(
    a: &Agreement,
    hash: &str,
    lang: Lang,
    origin: &str,
    saved_at: &str,
) -> Document {
    let m = &a.meta;
    let mut html = String::with_capacity(canonical_text(a).len() * 3);
    open_document(&mut html, lang, &[&m.title, " — ", &m.version].concat());
    element(
        &mut html,
        "p",
        " class=\"note\"",
        &fill(
            lang,
            Key::DocSaved,
            &[("origin", origin), ("time", saved_at)],
        ),
    );
    article(&mut html, a, hash, lang, "h1", &[]);
    html.push_str("</body>\n</html>\n");
    Document {
        filename: [&m.id, "-", &m.version, ".html"].concat(),
        html,
    }
}

/// The file offered by "Save a copy of what you accepted", and carried by `consent-receipt`:
/// every text accepted (`texts`, in the record's order, with their hashes, then the versions
/// accepted ahead, `ahead`), what the person did with each, the organisation, the time, the receipt id, the signed receipt `jws` and its
/// record, and how to verify them.
pub fn accepted_document(
    texts: &[(&Agreement, &str)],
    ahead: &[(&Agreement, &str)],
    record: &ConsentRecord,
    jws: &str,
    lang: Lang,
) -> Document {
    let titles: Vec<&str> = texts.iter().map(|(a, _)| a.meta.title.as_str()).collect();
    let mut html = String::new();
    open_document(&mut html, lang, text(lang, Key::CopyTitle));
    element(&mut html, "h1", "", text(lang, Key::CopyTitle));
    element(
        &mut html,
        "p",
        " class=\"summary\"",
        &fill(
            lang,
            Key::CopySummary,
            &[
                ("titles", &title_list(lang, &titles)),
                ("time", &record.accepted_at),
                ("id", &record.receipt_id),
                ("origin", &record.audience),
            ],
        ),
    );
    if let Some(o) = &record.organization {
        element(
            &mut html,
            "p",
            " class=\"organization\"",
            &fill(lang, Key::CopyOrganization, &[("authority", &o.authority)]),
        );
    }
    element(
        &mut html,
        "p",
        " class=\"assent\"",
        &fill(
            lang,
            Key::CopyAssent,
            &[("wording", &record.assent.wording)],
        ),
    );
    for ((a, hash), consent) in texts.iter().zip(&record.agreements) {
        let mut note = Vec::new();
        if !consent.acknowledged_highlights.is_empty() {
            note.push(fill(
                lang,
                Key::CopyAcknowledged,
                &[("count", &consent.acknowledged_highlights.len().to_string())],
            ));
        }
        if !consent.questions_asked.is_empty() {
            let clauses: Vec<&str> = consent
                .questions_asked
                .iter()
                .filter_map(|h| a.highlights().find(|x| x.id == h))
                .map(|x| x.block.number().unwrap_or("—"))
                .collect();
            note.push(fill(
                lang,
                Key::CopyAsked,
                &[("clauses", &clauses.join(text(lang, Key::ListSeparator)))],
            ));
        }
        article(&mut html, a, hash, lang, "h2", &note);
    }
    for (a, hash) in ahead {
        let note = [fill(
            lang,
            Key::CopyAhead,
            &[("date", &a.meta.effective.to_string())],
        )];
        article(&mut html, a, hash, lang, "h2", &note);
    }
    html.push_str("<section class=\"receipt\">\n");
    element(&mut html, "h2", "", text(lang, Key::CopyReceiptTitle));
    element(&mut html, "p", "", text(lang, Key::CopyVerify));
    element(&mut html, "pre", " id=\"receipt-jws\"", jws);
    element(&mut html, "h3", "", text(lang, Key::CopyRecord));
    element(
        &mut html,
        "pre",
        " id=\"receipt-record\"",
        &record.to_json().to_text(),
    );
    html.push_str("</section>\n</body>\n</html>\n");
    Document {
        filename: ["consent-", &record.receipt_id, ".html"].concat(),
        html,
    }
}
