//! Adopting the prerendered first screen ([`crate::prerender`]) that a host put in the
//! element's shadow root. Each agreement's text is taken from it instead of being written
//! again, but only when its blocks read back (`readBlocks` in `text.js`) as exactly those the
//! widget would write for the bundle's text, which the bundle's hashes were checked against:
//! the same text, the same elements, no attribute or node more, no shadow root in any of them.
//! Anything else is discarded, and the caller reports it (`prerender-mismatch`).

use super::text::read_blocks;
use super::watch::ChangeWatch;
use crate::catalog::Catalog;
use crate::i18n::Lang;
use crate::prerender::{blocks_program, PRERENDERED_CLASS};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, ShadowRoot};

/// Set on a prerendered article once checked: `adopted`, or `mismatch`.
const CHECKED: &str = "data-checked";

thread_local! {
    /// Prerendered roots taken out of the page, not yet checked.
    static RETIRED: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// Prerendered texts checked after their root was taken out, by agreement id, version and
    /// the language of the root they were written in, kept for when their agreement is shown.
    static KEPT: RefCell<Vec<([String; 3], Element)>> = const { RefCell::new(Vec::new()) };
}

/// The prerendered root in `shadow`, if the host put one there.
pub fn prerendered_in(shadow: &ShadowRoot) -> Option<Element> {
    super::dom::select_in(shadow, &[".", PRERENDERED_CLASS].concat())
}

fn articles(root: &Element) -> Vec<Element> {
    let Ok(list) = root.query_selector_all("article.ct-agreement") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn attr(e: &Element, name: &str) -> String {
    e.get_attribute(name).unwrap_or_default()
}

/// The `.ct-text` of a prerendered article, if its blocks read back as `program` and none of
/// them hosts a shadow root (a declarative `<template shadowrootmode>` in the markup, or one a
/// script attached before the widget started): it would show other words than the DOM holds.
/// Taken, the blocks are sealed (see [`ChangeWatch::seal`]), so none can be given one later.
fn text_as_written(article: &Element, program: &str) -> Option<Element> {
    let text = super::dom::select_in(article, ":scope > .ct-text")?;
    (read_blocks(&text).as_deref() == Some(program) && ChangeWatch::seal(&text, false))
        .then_some(text)
}

/// Moves the blocks of `text` into `body`, in place of what it held (the text of the agreement
/// shown before, when the same view shows another).
fn move_text(text: &Element, body: &Element) {
    body.set_text_content(None);
    while let Some(child) = text.first_child() {
        if body.append_child(&child).is_err() {
            return;
        }
    }
}

/// Fills `body` (an agreement's `.ct-text`) with the prerendered text of agreement `id` at
/// `version`, if there is one and its blocks are exactly `program`, the instructions the widget
/// would write them from. False when there is none, or it is not (it is then marked for
/// [`retire`] to report). Only a prerendered root in the widget's language `lang` is taken
/// from: the highlights' spoken labels are in it.
pub fn adopt_text(body: &Element, lang: &str, id: &str, version: &str, program: &str) -> bool {
    let root: Node = body.get_root_node();
    let mut roots: Vec<Element> = root
        .dyn_ref::<ShadowRoot>()
        .and_then(prerendered_in)
        .into_iter()
        .collect();
    RETIRED.with_borrow(|r| roots.extend(r.iter().cloned()));
    roots.retain(|p| p.get_attribute("lang").as_deref() == Some(lang));
    let article = roots.iter().flat_map(articles).find(|a| {
        attr(a, "data-agreement-id") == id
            && attr(a, "data-version") == version
            && a.get_attribute(CHECKED).is_none()
    });
    let text = match article {
        Some(article) => {
            let text = text_as_written(&article, program);
            let checked = if text.is_some() {
                "adopted"
            } else {
                "mismatch"
            };
            let _ = article.set_attribute(CHECKED, checked);
            text
        }
        None => KEPT.with(|k| {
            let mut k = k.borrow_mut();
            let i = k.iter().position(|(key, _)| *key == [id, version, lang])?;
            Some(k.swap_remove(i).1)
        }),
    };
    text.map(|text| move_text(&text, body)).is_some()
}

/// Takes the prerendered root out of `shadow` and shows the widget in its place. The root is
/// returned for [`check_retired`]; until then its articles stay available to [`adopt_text`].
pub fn retire(shadow: &ShadowRoot) -> Option<Element> {
    let prerendered = prerendered_in(shadow)?;
    prerendered.remove();
    RETIRED.with_borrow_mut(|r| r.push(prerendered.clone()));
    if let Some(host) = super::dom::select_in(shadow, ".ct-host[hidden]") {
        let _ = host.remove_attribute("hidden");
    }
    Some(prerendered)
}

/// Checks every article of a retired prerendered root not yet adopted, against `catalog` (the
/// bundle of the widget it was in) and in the language it was written in; one that is as the
/// widget would write it is kept for when its agreement is shown. Returns the titles of those
/// that are not (the catalogue's title where it knows the agreement).
pub fn check_retired(prerendered: &Element, catalog: &Catalog) -> Vec<String> {
    RETIRED.with_borrow_mut(|r| r.retain(|p| !p.is_same_node(Some(prerendered))));
    let written_in = attr(prerendered, "lang");
    let mut mismatched = Vec::new();
    for article in articles(prerendered) {
        let (id, version) = (
            attr(&article, "data-agreement-id"),
            attr(&article, "data-version"),
        );
        let published = catalog.find(&id, &version);
        let matches = match article.get_attribute(CHECKED).as_deref() {
            Some(checked) => checked == "adopted",
            None => {
                let program = published
                    .map(|a| blocks_program(Lang::from_tag(&written_in), &a.meta.id, a.blocks()));
                let text = program.and_then(|p| text_as_written(&article, &p));
                let matches = text.is_some();
                if let Some(text) = text {
                    let key = [id.clone(), version, written_in.clone()];
                    KEPT.with(|k| k.borrow_mut().push((key, text)));
                }
                matches
            }
        };
        if !matches {
            mismatched.push(published.map_or(id, |a| a.meta.title.clone()));
        }
    }
    mismatched
}
