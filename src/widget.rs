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
mod downloads;
mod highlights_list;
mod hooks;
mod plan_view;
mod questions;
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
use crate::web::{
    define_custom_element, new_container, place_container, remove, string_option, warn_nonce,
    Element,
};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::{AttrValue, Properties};

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// Keeps `handle` as the widget of `element`, taking down the one mounted there before.
    fn mounted(element: &Element, handle: &JsValue);
}

/// A shared catalogue, compared by identity: one load, one value.
#[derive(Clone, Debug)]
pub struct CatalogRef(pub Rc<Catalog>);

impl PartialEq for CatalogRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Host options (attributes or a `mount` options object): each option a string, or a boolean
/// from code.
fn host_options(options: &JsValue) -> HostOptions {
    HostOptions::read(|name| string_option(options, name))
}

/// The widget's properties from host options (attributes or a `mount` options object). The
/// receipt's `nonce` is the `challenge` option, else the deprecated `nonce`.
pub fn props_from_options(options: JsValue, host: Option<Element>) -> ConsentTermsProps {
    props_of(host_options(&options), host)
}

fn props_of(o: HostOptions, host: Option<Element>) -> ConsentTermsProps {
    let (organization, help) = (o.organization(), o.help());
    let nonce = o.receipt_nonce().0.map(|n| AttrValue::from(n.to_string()));
    ConsentTermsProps {
        requirements: o.requirements(),
        provider: o.provider.unwrap_or_default().into(),
        products: o.products.unwrap_or_default().into(),
        // An empty `lang` is not given (HTML's "unknown"): the page's language, as without it.
        lang: o
            .lang
            .filter(|l| !l.trim().is_empty())
            .or_else(crate::web::page_lang)
            .unwrap_or_else(|| "en".to_string())
            .into(),
        bundle: o
            .bundle
            .unwrap_or_else(|| "agreements.json".to_string())
            .into(),
        subject: o.subject.map(Into::into),
        nonce,
        post_message_origin: o.post_message_origin.map(Into::into),
        status_url: o.status_url.map(Into::into),
        integrity: o.integrity.map(Into::into),
        organization,
        help,
        today: None,
        host,
    }
}

/// The root of every Yew app `mount` starts: the widget of one mount (a new one for each
/// `mount`, by its key), or nothing while the app waits to be used again.
#[derive(Properties, PartialEq, Clone)]
struct RootProps {
    mount: u64,
    widget: Option<ConsentTermsProps>,
}

#[yew::component]
fn WidgetRoot(props: &RootProps) -> yew::Html {
    match &props.widget {
        Some(p) => yew::html! { <ConsentTerms key={props.mount} ..p.clone() /> },
        None => yew::Html::default(),
    }
}

/// At most this many apps wait to be used again; past it, a removed widget's app is destroyed.
const PARKED_APPS: usize = 8;

thread_local! {
    // Yew keeps each app's delegated event listeners, and through them the app's root element,
    // for the life of the page, even after the app is destroyed. So an app is not destroyed:
    // its widget is, and its emptied root leaves the page and waits here for the next mount.
    // Mounting and removing the element any number of times then makes no more apps than were
    // ever on the page at once, and a removed element keeps nothing of the page alive.
    static PARKED: RefCell<Vec<(yew::AppHandle<WidgetRoot>, Element)>> =
        const { RefCell::new(Vec::new()) };
    static MOUNTS: Cell<u64> = const { Cell::new(0) };
}

/// A mounted widget, returned to JavaScript by `mount`.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<yew::AppHandle<WidgetRoot>>,
    container: Option<Element>,
    host: Option<Element>,
    mount: u64,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Applies new options (an attribute changed, or the host calls it); nothing once
    /// destroyed.
    pub fn update(&mut self, options: JsValue) {
        if let (Some(app), Some(host)) = (self.app.as_mut(), self.host.as_ref()) {
            app.update(RootProps {
                mount: self.mount,
                widget: Some(props_from_options(options, Some(host.clone()))),
            });
        }
    }

    /// Removes the widget from its element and lets go of the element: a handle the host
    /// keeps (or never frees) no longer holds the element, its shadow root and the widget's
    /// nodes in memory.
    pub fn destroy(&mut self) {
        if let (Some(mut app), Some(container)) = (self.app.take(), self.container.take()) {
            app.update(RootProps {
                mount: self.mount,
                widget: None,
            });
            remove(&container);
            PARKED.with(|parked| {
                let mut parked = parked.borrow_mut();
                if parked.len() < PARKED_APPS {
                    parked.push((app, container));
                } else {
                    app.destroy();
                }
            });
        }
        self.host = None;
    }
}

/// Mounts the widget into `element`, inside a shadow root, with `options`
/// (`{ provider, products, lang, subject, challenge, requireScroll, requireAcknowledgement, mode,
/// bundle, postMessageOrigin, statusUrl, organization, organizationId, helpUrl, helpEmail }`).
/// Events are dispatched on `element`. A widget already mounted on `element` is replaced: it is
/// taken down, and its handle no longer does anything. Returns the [`WidgetHandle`].
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<JsValue, JsValue> {
    let parked = PARKED.with(|parked| parked.borrow_mut().pop());
    let container = match &parked {
        Some((_, container)) => container.clone(),
        None => new_container(&element)?,
    };
    place_container(&element, &container)?;
    let o = host_options(&options);
    if o.receipt_nonce().1 {
        warn_nonce();
    }
    let mount = MOUNTS.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let props = RootProps {
        mount,
        widget: Some(props_of(o, Some(element.clone()))),
    };
    let app = match parked {
        Some((mut app, _)) => {
            app.update(props);
            app
        }
        None => yew::Renderer::<WidgetRoot>::with_root_and_props(container.clone(), props).render(),
    };
    let handle = JsValue::from(WidgetHandle {
        app: Some(app),
        container: Some(container),
        host: Some(element.clone()),
        mount,
    });
    mounted(&element, &handle);
    Ok(handle)
}

/// Registers the `<consent-terms>` custom element (once; later calls do nothing).
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() {
    define_custom_element(
        |element, options| mount(element, options).unwrap_or_else(|e| e),
        &ATTRIBUTES,
    );
}
