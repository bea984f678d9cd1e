//! The widget's first screen as static markup, written before any code runs: a declarative
//! shadow root (`<template shadowrootmode="open">`) that a host puts inside
//! `<consent-terms>`, from a static file or a server template. It holds every agreement the
//! sign-up asks for (each block as the widget writes it, agreement text escaped as text), the
//! list of highlighted clauses, and the accept control, unavailable, saying why. A person can
//! read the terms from it even if the widget's code never loads.
//!
//! When the widget starts it adopts the text of each agreement from this markup, after
//! checking that the canonical text read back from it hashes to the bundle's hash; anything
//! that does not match is discarded and reported (`prerender-mismatch`). Pure: `cargo test`
//! checks it for every seed sign-up; `consent-terms prerender` writes it.

use crate::agreement::{Agreement, Block, BlockKind, Highlight, Span};
use crate::canonical::Scope;
use crate::catalog::Catalog;
use crate::copy::escape_into;
use crate::i18n::{
    fill, highlight_label, text, title_list, version_line, waiting_for_code, Key, Lang,
};
use crate::plan::{plan, Plan, PlanError, Shown, SignUp};
use crate::reconsent::AcceptedVersions;
use crate::wording::accept_label;

/// The class of the prerendered root; the widget looks for it in its shadow root.
pub const PRERENDERED_CLASS: &str = "ct-prerendered";

/// The widget's stylesheet, as shipped in `consent-terms.css`.
pub const STYLE: &str = include_str!("../../src/widget/style.css");

/// How prerendered markup brings the widget's stylesheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stylesheet<'a> {
    /// A `<link>` to `consent-terms.css` at this URL: allowed by a strict Content-Security-Policy
    /// (`style-src 'self'`), at the cost of a request the first paint waits for.
    Linked(&'a str),
    /// The stylesheet inline, in a `<style>` element: nothing to wait for, but a
    /// Content-Security-Policy must allow it by its hash ([`inline_style_source`]).
    Inline,
}

/// The Content-Security-Policy source that allows the inline stylesheet, for `style-src`:
/// `'sha256-…'`.
pub fn inline_style_source() -> String {
    ["'", &crate::bundle::sri_sha256(STYLE), "'"].concat()
}

const EXCERPT_CHARS: usize = 110;

/// The DOM id of a highlighted clause (the list of highlighted clauses points at it).
pub fn highlight_dom_id(agreement_id: &str, highlight_id: &str) -> String {
    ["ct-", agreement_id, "-", highlight_id].concat()
}

/// A highlighted clause's text as the list of highlighted clauses shows it: at most 110
/// characters, cut with an ellipsis.
pub fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        text.to_string()
    } else {
        let cut: String = text.chars().take(EXCERPT_CHARS).collect();
        [cut.trim_end(), "…"].concat()
    }
}

/// A highlighted clause as the list of them names it: the agreement's title and the clause's
/// number (in Chinese a plain number reads 第 N 条; a number printed otherwise, 第一条 or （一）,
/// is kept as printed). A clause the agreement prints no number for is named by the title
/// alone: its excerpt follows, and its link leads to it.
pub fn clause_label(lang: Lang, title: &str, block: &Block) -> String {
    let Some(printed) = block.number() else {
        return fill(lang, Key::AgreementTitle, &[("agreement", title)]);
    };
    let number = if lang == Lang::ZhCn && printed.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        ["第 ", printed, " 条"].concat()
    } else {
        printed.to_string()
    };
    fill(
        lang,
        Key::ClauseInAgreement,
        &[("agreement", title), ("number", &number)],
    )
}

/// Appends `text` as a `length:text` field (length in UTF-16 code units, as JavaScript counts).
fn field(out: &mut String, text: &str) {
    crate::json::push_uint(out, text.encode_utf16().count() as u64);
    out.push(':');
    out.push_str(text);
}

/// The instructions `write_blocks` (`src/web/text.rs`) writes an agreement's blocks from, and `src/web/text.js` reads back from
/// blocks written (or prerendered) so: a letter per block (h: level-1 heading, H: other
/// heading, c: numbered clause with its number, l: list item, p: paragraph) or span (t: text,
/// b: bold, s: highlighted clause with DOM id, kind, spoken label and text); each string as
/// `length:text`, the length in UTF-16 code units. Adjacent text is one `t`, as it is one text
/// node once parsed.
pub fn blocks_program<'a>(
    lang: Lang,
    agreement_id: &str,
    blocks: impl Iterator<Item = &'a Block>,
) -> String {
    let mut out = String::new();
    for block in blocks {
        match &block.kind {
            BlockKind::Heading(1) => out.push('h'),
            BlockKind::Heading(_) => out.push('H'),
            BlockKind::Clause(number) => {
                out.push('c');
                field(&mut out, number);
            }
            BlockKind::ListItem => out.push('l'),
            BlockKind::Paragraph => out.push('p'),
        }
        let mut text = String::new();
        for span in &block.spans {
            if let Span::Text(t) = span {
                text.push_str(t);
                continue;
            }
            if !text.is_empty() {
                out.push('t');
                field(&mut out, &text);
                text.clear();
            }
            match span {
                Span::Emphasis(t) => {
                    out.push('b');
                    field(&mut out, t);
                }
                Span::Highlight { id, kind, text } => {
                    out.push('s');
                    field(&mut out, &highlight_dom_id(agreement_id, id));
                    field(&mut out, kind.as_str());
                    field(&mut out, highlight_label(lang, *kind));
                    field(&mut out, text);
                }
                Span::Text(_) => {}
            }
        }
        if !text.is_empty() {
            out.push('t');
            field(&mut out, &text);
        }
    }
    out
}

/// Appends ` name="value"` with the value escaped.
fn attr(out: &mut String, name: &str, value: &str) {
    out.extend([" ", name, "=\""]);
    escape_into(out, value);
    out.push('"');
}

/// Appends `<tag attrs>text</tag>`; `attrs` is written as given.
fn element(out: &mut String, tag: &str, attrs: &str, text: &str) {
    out.extend(["<", tag, attrs, ">"]);
    escape_into(out, text);
    out.extend(["</", tag, ">"]);
}

/// An agreement's blocks, the same elements `write_blocks` (`src/web/text.rs`) writes (and `src/web/text.js` reads back the same
/// canonical text): headings, numbered clauses, list items grouped in one list, paragraphs,
/// emphasis and highlighted clauses. One block per line.
pub fn blocks_markup<'a>(
    lang: Lang,
    agreement_id: &str,
    blocks: impl Iterator<Item = &'a Block>,
) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for block in blocks {
        let is_item = block.kind == BlockKind::ListItem;
        if in_list && !is_item {
            out.push_str("</ul>\n");
        }
        let close = match &block.kind {
            BlockKind::Heading(1) => {
                out.push_str("<h4 class=\"ct-heading\">");
                "</h4>"
            }
            BlockKind::Heading(_) => {
                out.push_str("<h5 class=\"ct-heading\">");
                "</h5>"
            }
            BlockKind::Clause(number) => {
                out.push_str("<p class=\"ct-clause\"");
                attr(&mut out, "data-number", number);
                out.push('>');
                element(&mut out, "span", " class=\"ct-number\"", number);
                out.push(' ');
                "</p>"
            }
            BlockKind::ListItem => {
                if !in_list {
                    out.push_str("<ul class=\"ct-list\">");
                }
                out.push_str("<li class=\"ct-item\">");
                "</li>"
            }
            BlockKind::Paragraph => {
                out.push_str("<p>");
                "</p>"
            }
        };
        in_list = is_item;
        for span in &block.spans {
            match span {
                Span::Text(t) => escape_into(&mut out, t),
                Span::Emphasis(t) => element(&mut out, "b", "", t),
                Span::Highlight { id, kind, text } => {
                    out.push_str("<strong class=\"ct-highlight\"");
                    attr(&mut out, "id", &highlight_dom_id(agreement_id, id));
                    attr(&mut out, "data-kind", kind.as_str());
                    out.push_str(" tabindex=\"-1\">");
                    element(
                        &mut out,
                        "span",
                        " class=\"ct-sr-only\"",
                        highlight_label(lang, *kind),
                    );
                    escape_into(&mut out, text);
                    out.push_str("</strong>");
                }
            }
        }
        out.push_str(close);
        if !is_item {
            out.push('\n');
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    out
}

/// One agreement as the widget's `<article>`: the attributes its canonical text is read back
/// from, the title, the version line, the precedence sentence, the blocks and the end line.
fn article(out: &mut String, a: &Agreement, shown: &Shown, lang: Lang) {
    let m = &a.meta;
    let (effective, updated) = (m.effective.to_string(), m.updated.to_string());
    let scope = Scope::of(m);
    out.push_str("<article class=\"ct-agreement\"");
    for (name, value) in [
        ("data-agreement-id", m.id.as_str()),
        ("data-version", &m.version),
        ("data-hash", &shown.hash),
        ("data-effective", &effective),
        ("data-updated", &updated),
        ("lang", &m.language),
        ("aria-labelledby", &["ct-title-", &m.id].concat()),
        ("data-provider", &m.provider),
        ("data-products", &scope.products),
    ] {
        attr(out, name, value);
    }
    if let Some((target, prevails)) = scope.supplements {
        attr(out, "data-supplements", target);
        attr(out, "data-prevails", prevails);
    }
    attr(out, "data-reconsent", scope.reconsent);
    out.push_str(">\n");
    let ui = [" lang=\"", lang.tag(), "\""].concat();
    element(
        out,
        "h3",
        &[" id=\"ct-title-", &m.id, "\""].concat(),
        &m.title,
    );
    out.push('\n');
    element(
        out,
        "p",
        &[" class=\"ct-meta\"", &ui].concat(),
        &version_line(lang, m),
    );
    out.push('\n');
    if let Some(p) = &shown.precedence {
        element(out, "p", &[" class=\"ct-precedence\"", &ui].concat(), p);
        out.push('\n');
    }
    out.push_str("<div class=\"ct-text\">\n");
    out.push_str(&blocks_markup(lang, &m.id, a.blocks()));
    out.push_str("</div>\n");
    element(
        out,
        "p",
        &[" class=\"ct-end\"", &ui].concat(),
        &fill(lang, Key::EndOfAgreement, &[("title", &m.title)]),
    );
    out.push_str("\n</article>\n");
}

/// The list of highlighted clauses, without the controls that need the widget's code.
fn highlights(out: &mut String, catalog: &Catalog, shown: &[Shown], lang: Lang) {
    let mut items = String::new();
    let mut count = 0;
    for s in shown {
        let Some(a) = catalog.all().get(s.index) else {
            continue;
        };
        for Highlight {
            block,
            id,
            kind,
            text: clause_text,
        } in a.highlights()
        {
            count += 1;
            items.push_str("<li");
            attr(&mut items, "data-kind", kind.as_str());
            attr(&mut items, "data-agreement-id", &a.meta.id);
            attr(&mut items, "data-highlight", id);
            items.push('>');
            let clause = clause_label(lang, &a.meta.title, block);
            escape_into(&mut items, &clause);
            items.push_str(" — ");
            element(
                &mut items,
                "span",
                " class=\"ct-kind\"",
                highlight_label(lang, kind),
            );
            element(
                &mut items,
                "span",
                &[" lang=\"", &a.meta.language, "\""].concat(),
                &excerpt(clause_text),
            );
            items.push_str("</li>\n");
        }
    }
    if count == 0 {
        return;
    }
    out.push_str("<section class=\"ct-highlights\" aria-labelledby=\"ct-highlights-title\">\n");
    element(
        out,
        "h3",
        " id=\"ct-highlights-title\"",
        &fill(lang, Key::HighlightsTitle, &[("count", &count.to_string())]),
    );
    out.push('\n');
    element(out, "p", "", text(lang, Key::HighlightsIntro));
    // The list scrolls in its own box; without the widget's links in it, the list itself
    // takes focus so that keyboard users can scroll it.
    out.push_str("\n<ul tabindex=\"0\" aria-labelledby=\"ct-highlights-title\">\n");
    out.push_str(&items);
    out.push_str("</ul>\n</section>\n");
}

/// The prerendered markup for `signup` over `catalog`: a `<template shadowrootmode="open">`
/// to put inside the `<consent-terms>` element with the same `provider`, `products` and `lang`.
/// `stylesheet` says how the widget's stylesheet comes with it. Nothing remembered is assumed:
/// every agreement the sign-up asks for is written, in order.
pub fn prerender(
    catalog: &Catalog,
    signup: &SignUp<'_>,
    stylesheet: Stylesheet<'_>,
) -> Result<String, PlanError> {
    let lang = Lang::from_tag(signup.lang);
    let ask = match plan(catalog, signup, &AcceptedVersions::new())? {
        Plan::Ask(ask) => ask,
        // With nothing remembered every applicable agreement is asked.
        Plan::AlreadyAccepted { .. } => return Ok(String::new()),
    };
    let titles: Vec<&str> = ask.shown.iter().map(|s| s.title.as_str()).collect();
    let mut out = String::from("<template shadowrootmode=\"open\">\n");
    match stylesheet {
        Stylesheet::Linked(url) => {
            out.push_str("<link rel=\"stylesheet\"");
            attr(&mut out, "href", url);
            out.push('>');
        }
        Stylesheet::Inline => out.extend(["<style>", STYLE, "</style>"]),
    }
    out.push_str("\n<section");
    attr(&mut out, "class", &["ct-root ", PRERENDERED_CLASS].concat());
    attr(
        &mut out,
        "aria-label",
        &[
            text(lang, Key::RegionLabel),
            ": ",
            &title_list(lang, &titles),
        ]
        .concat(),
    );
    attr(&mut out, "lang", lang.tag());
    out.push_str(" data-phase=\"loading\">\n<div class=\"ct-panel\" tabindex=\"0\">\n");
    for s in &ask.shown {
        let Some(a) = catalog.all().get(s.index) else {
            continue;
        };
        if let Some(note) = &s.text_language {
            element(&mut out, "p", " class=\"ct-text-language\"", note);
            out.push('\n');
        }
        article(&mut out, a, s, lang);
    }
    out.push_str("</div>\n");
    highlights(&mut out, catalog, &ask.shown, lang);
    // The accept control, unavailable until the widget runs, and why, in words.
    out.push_str("<div class=\"ct-accept\">\n");
    element(
        &mut out,
        "p",
        " id=\"ct-prerendered-status\" class=\"ct-status\" data-ready=\"false\"",
        waiting_for_code(lang),
    );
    out.push_str("\n<div class=\"ct-actions\">");
    let label = accept_label(lang, &ask.initial);
    element(
        &mut out,
        "button",
        " type=\"button\" class=\"ct-button ct-primary\" disabled aria-describedby=\"ct-prerendered-status\"",
        &label,
    );
    out.push_str("</div>\n</div>\n</section>\n</template>\n");
    Ok(out)
}
