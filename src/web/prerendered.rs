//! Adopting the prerendered first screen ([`crate::prerender`]) that a host put in the
//! element's shadow root. Each agreement's text is taken from it instead of being written
//! again, once the canonical text read back from it hashes to the bundle's hash; anything
//! that does not match is discarded, and the caller reports it (`prerender-mismatch`).

use super::rendered::rendered_hash;
use crate::catalog::Catalog;
use crate::prerender::PRERENDERED_CLASS;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, ShadowRoot};

/// Set on a prerendered article once checked: `adopted`, or `mismatch`.
const CHECKED: &str = "data-checked";

thread_local! {
    /// Prerendered articles checked when the prerendered root was retired, with their hash,
    /// kept for when their agreement is shown (only those in the widget's language).
    static KEPT: RefCell<Vec<(Element, String)>> = const { RefCell::new(Vec::new()) };
}

fn selector() -> String {
    [".", PRERENDERED_CLASS].concat()
}

/// The prerendered root in `shadow`, if the host put one there.
pub fn prerendered_in(shadow: &ShadowRoot) -> Option<Element> {
    shadow.query_selector(&selector()).ok().flatten()
}

fn articles(root: &Element) -> Vec<Element> {
    let Ok(list) = root.query_selector_all("article.ct-agreement") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn is_version(article: &Element, id: &str, version: &str) -> bool {
    article.get_attribute("data-agreement-id").as_deref() == Some(id)
        && article.get_attribute("data-version").as_deref() == Some(version)
}

/// Moves the blocks of `article`'s text into `body`, in place of what it held (the text of
/// the agreement shown before, when the same view shows another).
fn move_text(article: &Element, body: &Element) -> bool {
    let Ok(Some(text)) = article.query_selector(".ct-text") else {
        return false;
    };
    body.set_text_content(None);
    while let Some(child) = text.first_child() {
        if body.append_child(&child).is_err() {
            return false;
        }
    }
    true
}

/// Fills `body` (an agreement's empty `.ct-text`) with the prerendered text of agreement
/// `id` at `version`, if there is one and its canonical text hashes to `hash`. False when
/// there is none, or it does not match (it is then marked for [`retire`] to report). Only a
/// prerendered root in the widget's language `lang` is taken from: its spoken labels are in it.
pub fn adopt_text(body: &Element, lang: &str, id: &str, version: &str, hash: &str) -> bool {
    let root: Node = body.get_root_node();
    let live = root
        .dyn_ref::<ShadowRoot>()
        .and_then(prerendered_in)
        .filter(|p| p.get_attribute("lang").as_deref() == Some(lang));
    if let Some(article) = live
        .iter()
        .flat_map(articles)
        .find(|a| is_version(a, id, version) && a.get_attribute(CHECKED).is_none())
    {
        let matches = rendered_hash(&article).1 == hash;
        let _ = article.set_attribute(CHECKED, if matches { "adopted" } else { "mismatch" });
        return matches && move_text(&article, body);
    }
    let kept = KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let i = k
            .iter()
            .position(|(a, h)| h == hash && is_version(a, id, version))?;
        Some(k.swap_remove(i).0)
    });
    kept.is_some_and(|article| move_text(&article, body))
}

/// Removes the prerendered root from `shadow` and shows the widget in its place. With the
/// catalogue, every article not yet adopted is checked first: one that matches is kept for
/// when its agreement is shown. Returns the titles of those that did not match the bundle's
/// text (the catalogue's title where it knows the id). `lang` is the widget's language.
pub fn retire(shadow: &ShadowRoot, lang: &str, catalog: Option<&Catalog>) -> Vec<String> {
    let Some(prerendered) = prerendered_in(shadow) else {
        return Vec::new();
    };
    let same_lang = prerendered.get_attribute("lang").as_deref() == Some(lang);
    let mut mismatched = Vec::new();
    if let Some(catalog) = catalog {
        for article in articles(&prerendered) {
            let attr = |name: &str| article.get_attribute(name).unwrap_or_default();
            let (id, version) = (attr("data-agreement-id"), attr("data-version"));
            let published = catalog.find(&id, &version);
            let matches = match article.get_attribute(CHECKED).as_deref() {
                Some(checked) => checked == "adopted",
                None => {
                    let hash = rendered_hash(&article).1;
                    let matches = published.is_some_and(|a| catalog.hash_of(a) == hash);
                    if matches && same_lang {
                        KEPT.with(|k| k.borrow_mut().push((article.clone(), hash)));
                    }
                    matches
                }
            };
            if !matches {
                mismatched.push(published.map_or(id, |a| a.meta.title.clone()));
            }
        }
    }
    prerendered.remove();
    if let Ok(Some(host)) = shadow.query_selector(".ct-host[hidden]") {
        let _ = host.remove_attribute("hidden");
    }
    mismatched
}
