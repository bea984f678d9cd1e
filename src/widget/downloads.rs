//! The person's files: an agreement's text to download, and the copy of what they accepted.

use super::CatalogRef;
use crate::copy::{agreement_document, Document};
use crate::i18n::Lang;
use crate::web::{now_rfc3339, page_origin, save_html, Element};
use std::rc::Rc;
use yew::prelude::*;

/// Offers a file to the person from the widget's root.
fn save(root: &NodeRef, filename: &str, html: &str) {
    if let Some(r) = root.cast::<Element>() {
        // A refused download leaves nothing to undo; the person can try again.
        let _ = save_html(&r, filename, html);
    }
}

/// "Download" for the text at `index` in the catalogue, of hash `hash`.
pub fn on_download(
    catalog: &CatalogRef,
    index: usize,
    hash: &str,
    lang: Lang,
    root: &NodeRef,
) -> Callback<MouseEvent> {
    let (catalog, hash, root) = (catalog.clone(), hash.to_string(), root.clone());
    Callback::from(move |_: MouseEvent| {
        if let Some(a) = catalog.0.all().get(index) {
            let doc = agreement_document(a, &hash, lang, &page_origin(), &now_rfc3339());
            save(&root, &doc.filename, &doc.html);
        }
    })
}

/// "Save a copy" of what the person accepted, once it is written.
pub fn on_save_copy(copy: &Rc<Document>, root: &NodeRef) -> Callback<MouseEvent> {
    let (copy, root) = (copy.clone(), root.clone());
    Callback::from(move |_: MouseEvent| save(&root, &copy.filename, &copy.html))
}
