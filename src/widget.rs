//! The Yew widget: a thin layer over the pure core. Only compiled for wasm32.
//!
//! Hosts use it as a custom element, `<consent-terms provider="kingsoft" products="cdn">`
//! (registered by [`define_element`], which runs when the module starts), or from code with
//! `mount(element, options)`. Both take the same options and render into a shadow root, so the
//! widget's styles and the host page's styles do not reach each other.

mod accept_panel;
mod agreement_view;
mod changes_view;
mod consent_terms;
mod highlights_list;
mod hooks;
mod status_views;
mod tabs;

pub use accept_panel::accept_panel;
pub use agreement_view::{AgreementView, AgreementViewProps};
pub use changes_view::{announced_view, changes_view};
pub use consent_terms::{ConsentTerms, ConsentTermsProps};
pub use highlights_list::highlights_list;
pub use tabs::tabs;

use crate::catalog::Catalog;
use crate::contract::{HostOptions, ATTRIBUTES};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A shared catalogue, compared by identity: one load, one value.
#[derive(Clone, Debug)]
pub struct CatalogRef(pub Rc<Catalog>);

impl PartialEq for CatalogRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineConsentTerms)]
    fn define_consent_terms(mount: &js_sys::Function, attributes: Vec<JsValue>);
}

/// The widget's properties from host options (attributes or a `mount` options object): each
/// option a string, or a boolean from code.
pub fn props_from_options(options: JsValue, host: Option<web_sys::Element>) -> ConsentTermsProps {
    let o = HostOptions::read(|name| {
        let v = js_sys::Reflect::get(&options, &JsValue::from_str(name)).ok()?;
        v.as_bool().map(|b| b.to_string()).or_else(|| v.as_string())
    });
    let (organization, help) = (o.organization(), o.help());
    ConsentTermsProps {
        requirements: o.requirements(),
        provider: o.provider.unwrap_or_default().into(),
        products: o.products.unwrap_or_default().into(),
        lang: o
            .lang
            .or_else(crate::web::page_lang)
            .unwrap_or_else(|| "en".to_string())
            .into(),
        bundle: o
            .bundle
            .unwrap_or_else(|| "agreements.json".to_string())
            .into(),
        subject: o.subject.map(Into::into),
        nonce: o.nonce.map(Into::into),
        post_message_origin: o.post_message_origin.map(Into::into),
        status_url: o.status_url.map(Into::into),
        integrity: o.integrity.map(Into::into),
        organization,
        help,
        today: None,
        host,
    }
}

/// A mounted widget, returned to JavaScript by `mount`.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<yew::AppHandle<ConsentTerms>>,
    host: web_sys::Element,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Applies new options (an attribute changed, or the host calls it).
    pub fn update(&mut self, options: JsValue) {
        let props = props_from_options(options, Some(self.host.clone()));
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }

    /// Removes the widget from its element.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts the widget into `element`, inside a shadow root, with `options`
/// (`{ provider, products, lang, subject, nonce, requireScroll, requireAcknowledgement, mode,
/// bundle, postMessageOrigin, statusUrl, organization, organizationId, helpUrl, helpEmail }`).
/// Events are dispatched on `element`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<WidgetHandle, JsValue> {
    let document = element
        .owner_document()
        .ok_or_else(|| JsValue::from_str("element has no document"))?;
    let container = document.create_element("div")?;
    container.set_class_name("ct-host");
    // A shadow root keeps styles from leaking either way. An element that cannot have one gets
    // the widget directly; its class-scoped styles still apply.
    let shadow = match element.shadow_root() {
        Some(root) => Some(root),
        None => element
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .ok(),
    };
    match shadow {
        Some(root) => {
            // A re-added element keeps its shadow root: empty it before mounting again. Markup
            // prerendered by the host (`consent-terms prerender`) and its stylesheet stay shown
            // until the widget can take their place (`crate::web::retire_prerendered`).
            let prerendered = crate::web::prerendered_in(&root);
            let mut next = root.first_child();
            while let Some(child) = next {
                next = child.next_sibling();
                let keep = prerendered.as_ref().is_some_and(|p| {
                    p.is_same_node(Some(&child))
                        || child
                            .dyn_ref::<web_sys::Element>()
                            .is_some_and(|e| e.tag_name().eq_ignore_ascii_case("link"))
                });
                if !keep {
                    root.remove_child(&child)?;
                }
            }
            if prerendered.is_some() {
                container.set_attribute("hidden", "")?;
            }
            root.append_child(&container)?;
        }
        None => {
            element.append_child(&container)?;
        }
    }
    let props = props_from_options(options, Some(element.clone()));
    let app = yew::Renderer::<ConsentTerms>::with_root_and_props(container, props).render();
    Ok(WidgetHandle {
        app: Some(app),
        host: element,
    })
}

/// Registers the `<consent-terms>` custom element (once; later calls do nothing).
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() {
    let mount_fn = Closure::<dyn Fn(web_sys::Element, JsValue) -> JsValue>::new(
        |element: web_sys::Element, options| match mount(element, options) {
            Ok(handle) => JsValue::from(handle),
            Err(e) => e,
        },
    );
    let attributes = ATTRIBUTES.iter().map(|a| JsValue::from_str(a)).collect();
    define_consent_terms(mount_fn.as_ref().unchecked_ref(), attributes);
    // The element class keeps calling it for the page's lifetime.
    mount_fn.forget();
}
