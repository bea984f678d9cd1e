//! The Yew widget: a thin layer over the pure core. Only compiled for wasm32.

mod agreement_view;
mod consent_terms;

pub use agreement_view::{AgreementView, AgreementViewProps};
pub use consent_terms::{ConsentTerms, ConsentTermsProps};

use crate::catalog::Catalog;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// A shared catalogue, compared by identity: one load, one value.
#[derive(Clone, Debug)]
pub struct CatalogRef(pub Rc<Catalog>);

impl PartialEq for CatalogRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Mounts the widget into the preview page's `#consent-terms` element (or `<body>`), with the
/// provider and products named by that element's `data-provider` / `data-products`.
pub fn mount_preview() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let host = document
        .get_element_by_id("consent-terms")
        .or_else(|| document.body().map(|b| b.unchecked_into()));
    let Some(host) = host else { return };
    let attr = |name: &str, default: &str| {
        host.get_attribute(name)
            .unwrap_or_else(|| default.to_string())
    };
    let props = ConsentTermsProps {
        provider: attr("data-provider", "kingsoft").into(),
        products: attr("data-products", "cdn").into(),
        lang: attr("data-lang", "en").into(),
        bundle: attr("data-bundle", "agreements.json").into(),
    };
    yew::Renderer::<ConsentTerms>::with_root_and_props(host, props).render();
}
