//! The widget's root: chooses the applicable agreements and lets the person move between them.

use super::AgreementView;
use crate::catalog::bundled_catalog;
use yew::prelude::*;

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
}

/// The consent widget.
#[component]
pub fn ConsentTerms(props: &ConsentTermsProps) -> Html {
    let selected = use_state(|| 0usize);
    let catalog = match bundled_catalog() {
        Ok(c) => c,
        Err(errors) => {
            let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return error_box("catalog-invalid", &text.join("; "));
        }
    };
    let products: Vec<&str> = props.products.split_whitespace().collect();
    let applicable = match catalog.select(&props.provider, &products, &props.lang) {
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
    let precedence = shown
        .precedence
        .as_ref()
        .map(|p| AttrValue::from(p.sentence(&shown.agreement.meta.title)));
    html! {
        <section class="ct-root" aria-label="Agreements" lang={props.lang.clone()}>
            <div role="tablist" aria-label="Agreements that apply" class="ct-tabs">{ for tabs }</div>
            <div role="tabpanel" id="ct-panel" class="ct-panel" tabindex="0"
                 aria-labelledby={format!("ct-tab-{}", shown.agreement.meta.id)}>
                <AgreementView agreement={shown.agreement} hash={AttrValue::from(shown.hash.clone())} {precedence} />
            </div>
        </section>
    }
}

fn error_box(code: &str, message: &str) -> Html {
    html! {
        <div class="ct-error" role="alert" data-code={code.to_string()}>
            <strong>{"The agreements cannot be shown."}</strong>{" "}{message.to_string()}
        </div>
    }
}
