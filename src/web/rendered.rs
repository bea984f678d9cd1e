//! The canonical text of an agreement as the widget rendered it, read back from the DOM, so
//! the hash in a receipt is the hash of what the person was shown, not of what the widget
//! meant to show.

use crate::canonical::{
    emphasis_into, escape_into, highlight_into, mark_paragraph, sha256_hex, Header, Scope,
};
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

fn children(node: &Node) -> Vec<Node> {
    let list = node.child_nodes();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

fn has_class(e: &Element, class: &str) -> bool {
    e.class_list().contains(class)
}

/// The visible text of a highlight: its text without the screen-reader label.
fn highlight_text(e: &Element) -> String {
    children(e)
        .iter()
        .filter(|n| {
            n.dyn_ref::<Element>()
                .is_none_or(|c| !has_class(c, "ct-sr-only"))
        })
        .filter_map(|n| n.text_content())
        .collect()
}

fn inline(block: &Element, out: &mut String) {
    for node in children(block) {
        match node.dyn_ref::<Element>() {
            None => escape_into(out, &node.text_content().unwrap_or_default()),
            Some(e) if has_class(e, "ct-number") => {}
            Some(e) if e.tag_name().eq_ignore_ascii_case("b") => {
                emphasis_into(out, &e.text_content().unwrap_or_default())
            }
            Some(e) if has_class(e, "ct-highlight") => highlight_into(
                out,
                &e.get_attribute("data-kind").unwrap_or_default(),
                &highlight_text(e),
            ),
            Some(e) => escape_into(out, &e.text_content().unwrap_or_default()),
        }
    }
}

/// Rebuilds the canonical text from a rendered `<article class="ct-agreement">`.
pub fn rendered_canonical(article: &Element) -> String {
    let attr = |name: &str| article.get_attribute(name).unwrap_or_default();
    let title = super::dom::select_in(article, "h3")
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    let (provider, supplements, prevails) = (
        attr("data-provider"),
        article.get_attribute("data-supplements"),
        attr("data-prevails"),
    );
    let scope = Scope {
        provider: &provider,
        products: attr("data-products"),
        supplements: supplements.as_deref().map(|s| {
            (
                s,
                match prevails.as_str() {
                    "supplement" => "supplement",
                    "base" => "base",
                    _ => "unstated",
                },
            )
        }),
        reconsent: if attr("data-reconsent") == "required" {
            "required"
        } else {
            "not-required"
        },
    }
    .lines();
    let mut out = Header {
        id: &attr("data-agreement-id"),
        version: &attr("data-version"),
        title: &title,
        effective: &attr("data-effective"),
        updated: &attr("data-updated"),
        language: &attr("lang"),
        scope: Some(&scope),
    }
    .text();
    // The blocks sit in the article's `.ct-text`; anything else added to the article is read
    // as a block too, so that it makes the hash differ.
    let blocks = children(article)
        .into_iter()
        .flat_map(|child| match child.dyn_ref::<Element>() {
            Some(e) if has_class(e, "ct-text") => children(e)
                .into_iter()
                .flat_map(|block| match block.dyn_ref::<Element>() {
                    // A list groups consecutive items; each item is one block.
                    Some(list) if has_class(list, "ct-list") => children(list),
                    _ => vec![block],
                })
                .collect(),
            _ => vec![child],
        });
    for child in blocks {
        let Some(e) = child.dyn_ref::<Element>() else {
            continue;
        };
        let tag = e.tag_name().to_ascii_lowercase();
        if has_class(e, "ct-meta")
            || has_class(e, "ct-precedence")
            || has_class(e, "ct-end")
            || tag == "h3"
        {
            continue;
        }
        if has_class(e, "ct-heading") {
            out.push_str(if tag == "h4" { "# " } else { "## " });
        } else if has_class(e, "ct-clause") {
            out.push_str(&e.get_attribute("data-number").unwrap_or_default());
        } else if has_class(e, "ct-item") {
            out.push_str("- ");
        }
        let start = out.len();
        inline(e, &mut out);
        if !has_class(e, "ct-heading") && !has_class(e, "ct-clause") && !has_class(e, "ct-item") {
            mark_paragraph(&mut out, start);
        }
        out.push('\n');
    }
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
