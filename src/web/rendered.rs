//! The canonical text of an agreement as the widget rendered it, read back from the DOM, so
//! the hash in a receipt is the hash of what the person was shown, not of what the widget
//! meant to show.

use super::text::{read_article, Program};
use crate::canonical::{
    emphasis_into, escape_into, highlight_into, mark_paragraph, sha256_hex, Header, Scope,
};
use web_sys::Element;

/// Rebuilds the canonical text from a rendered `<article class="ct-agreement">`, from what
/// `readArticle` (text.js) reads of it in one call.
pub fn rendered_canonical(article: &Element) -> String {
    let read = read_article(article);
    let mut p = Program(&read);
    let [id, version, title, effective, updated, language, provider, products] =
        [(); 8].map(|()| p.field());
    let supplements = match p.op() {
        Some('s') => Some(p.field()),
        _ => None,
    };
    let (prevails, reconsent) = (p.field(), p.field());
    let scope = Scope {
        provider,
        products: products.to_string(),
        supplements: supplements.map(|s| {
            (
                s,
                match prevails {
                    "supplement" => "supplement",
                    "base" => "base",
                    _ => "unstated",
                },
            )
        }),
        reconsent: if reconsent == "required" {
            "required"
        } else {
            "not-required"
        },
    }
    .lines();
    let mut out = Header {
        id,
        version,
        title,
        effective,
        updated,
        language,
        scope: Some(&scope),
    }
    .text();
    // The open block: where its text starts, if it is a paragraph (which is escaped where it
    // would read as another kind of block).
    let mut open: Option<Option<usize>> = None;
    let close = |out: &mut String, open: Option<Option<usize>>| {
        if let Some(paragraph) = open {
            if let Some(start) = paragraph {
                mark_paragraph(out, start);
            }
            out.push('\n');
        }
    };
    while let Some(op) = p.op() {
        match op {
            't' => escape_into(&mut out, p.field()),
            'b' => emphasis_into(&mut out, p.field()),
            's' => {
                let kind = p.field();
                highlight_into(&mut out, kind, p.field());
            }
            block => {
                close(&mut out, open.take());
                match block {
                    'h' => out.push_str("# "),
                    'H' => out.push_str("## "),
                    'c' => out.push_str(p.field()),
                    'l' => out.push_str("- "),
                    _ => {}
                }
                open = Some((block == 'p').then_some(out.len()));
            }
        }
    }
    close(&mut out, open);
    out
}

/// The content hash of the agreement rendered in `article`, as the person sees it: the
/// SHA-256 of [`rendered_canonical`], computed in the wasm (the page cannot substitute it).
pub fn rendered_hash(article: &Element) -> (String, String) {
    let id = article
        .get_attribute("data-agreement-id")
        .unwrap_or_default();
    (id, sha256_hex(rendered_canonical(article).as_bytes()))
}
