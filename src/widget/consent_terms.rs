//! The widget's root: loads the agreements bundle, chooses the applicable agreements and lets
//! the person move between them.

use super::{AgreementView, CatalogRef};
use crate::browser::fetch_text;
use crate::bundle::load_bundle;
use std::rc::Rc;
use yew::prelude::*;

/// The widget's own styles; hosts theme it through the `--ct-*` custom properties.
const STYLE: &str = include_str!("style.css");

/// Properties of [`ConsentTerms`].
#[derive(Properties, PartialEq, Clone)]
pub struct ConsentTermsProps {
    /// Provider key, e.g. `kingsoft`.
    pub provider: AttrValue,
    /// Product keys, space separated; empty for a plain sign-up.
    #[prop_or_default]
    pub products: AttrValue,
    /// UI language (BCP 47).
    #[prop_or(AttrValue::Static("en"))]
    pub lang: AttrValue,
    /// URL of the agreements bundle (format: `agreements/README.md`).
    #[prop_or(AttrValue::Static("agreements.json"))]
    pub bundle: AttrValue,
}

/// Where the catalogue stands.
#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready(CatalogRef),
    Failed { code: &'static str, message: String },
}

/// The consent widget.
#[component]
pub fn ConsentTerms(props: &ConsentTermsProps) -> Html {
    let selected = use_state(|| 0usize);
    let load = use_state(|| Load::Loading);
    {
        let load = load.clone();
        use_effect_with(props.bundle.clone(), move |url| {
            load.set(Load::Loading);
            let url = url.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let next = match fetch_text(&url).await {
                    Err(e) => Load::Failed {
                        code: "bundle-unreachable",
                        message: e.to_string(),
                    },
                    Ok(json) => match load_bundle(&json) {
                        Ok(catalog) => Load::Ready(CatalogRef(Rc::new(catalog))),
                        Err(e) => Load::Failed {
                            code: e.code(),
                            message: e.to_string(),
                        },
                    },
                };
                load.set(next);
            });
        });
    }
    let catalog = match &*load {
        Load::Loading => {
            return styled(html! {
                <div class="ct-loading" role="status">{"Loading the agreements…"}</div>
            })
        }
        Load::Failed { code, message } => return error_box(code, message),
        Load::Ready(c) => c.clone(),
    };
    let products: Vec<&str> = props.products.split_whitespace().collect();
    let applicable = match catalog.0.select(&props.provider, &products, &props.lang) {
        Ok(a) => a,
        Err(e) => return error_box(e.code(), &e.to_string()),
    };
    let current = (*selected).min(applicable.len().saturating_sub(1));
    let tabs = applicable.iter().enumerate().map(|(i, a)| {
        let onclick = {
            let selected = selected.clone();
            Callback::from(move |_: MouseEvent| selected.set(i))
        };
        let id = &a.agreement.meta.id;
        html! {
            <button type="button" role="tab" id={format!("ct-tab-{id}")} class="ct-tab"
                    aria-selected={(i == current).to_string()} aria-controls="ct-panel"
                    data-agreement-id={id.clone()} {onclick}>
                {a.agreement.meta.title.clone()}
            </button>
        }
    });
    let shown = &applicable[current];
    let index = catalog
        .0
        .all()
        .iter()
        .position(|a| std::ptr::eq(a, shown.agreement))
        .unwrap_or_default();
    let precedence = shown
        .precedence
        .as_ref()
        .map(|p| AttrValue::from(p.sentence(&shown.agreement.meta.title)));
    styled(html! {
        <section class="ct-root" aria-label="Agreements" lang={props.lang.clone()}>
            <div role="tablist" aria-label="Agreements that apply" class="ct-tabs">{ for tabs }</div>
            <div role="tabpanel" id="ct-panel" class="ct-panel" tabindex="0"
                 aria-labelledby={format!("ct-tab-{}", shown.agreement.meta.id)}>
                <AgreementView catalog={catalog.clone()} {index} hash={AttrValue::from(shown.hash.clone())} {precedence} />
            </div>
        </section>
    })
}

/// Every state of the widget carries its styles, so an error is as legible as the agreements.
fn styled(content: Html) -> Html {
    html! { <><style>{STYLE}</style>{content}</> }
}

fn error_box(code: &str, message: &str) -> Html {
    styled(html! {
        <div class="ct-error" role="alert" data-code={code.to_string()}>
            <strong>{"The agreements cannot be shown."}</strong>{" "}{message.to_string()}
        </div>
    })
}
