//! What the widget shows instead of the agreements: loading, an error with its code, or that
//! everything was accepted already. Each keeps the root's `ref`, so events and styles still
//! find the widget.

use crate::contract::ErrorCode;
use crate::i18n::{fill, text, title_list, Key, Lang};
use yew::prelude::*;

/// The region's accessible name says what it shows, so two widgets on a page differ.
pub fn region_label(lang: Lang, titles: &str) -> String {
    [text(lang, Key::RegionLabel), ": ", titles].concat()
}

/// A visible error with the code the host receives.
pub fn notice(code: ErrorCode, message: &str) -> Html {
    html! {
        <div class="ct-error" role="alert" data-code={code.as_str()}>
            {message.to_string()}<span class="ct-code">{[" (", code.as_str(), ")"].concat()}</span>
        </div>
    }
}

/// Properties shared by the status views.
#[derive(Properties, PartialEq)]
pub struct StatusProps {
    /// The widget's root element.
    pub root: NodeRef,
    /// UI language.
    pub lang: Lang,
}

/// The bundle is loading.
#[component]
pub fn LoadingView(props: &StatusProps) -> Html {
    html! {
        <div class="ct-root ct-loading" role="status" ref={props.root.clone()} lang={props.lang.tag()}>{text(props.lang, Key::Loading)}</div>
    }
}

/// Properties of [`ErrorView`].
#[derive(Properties, PartialEq)]
pub struct ErrorViewProps {
    /// The widget's root element.
    pub root: NodeRef,
    /// UI language.
    pub lang: Lang,
    /// The code the host receives.
    pub code: ErrorCode,
    /// What went wrong.
    pub message: String,
}

/// Nothing can be shown: why, with the code.
#[component]
pub fn ErrorView(props: &ErrorViewProps) -> Html {
    let code = props.code.as_str();
    html! {
        <div class="ct-root ct-error" role="alert" data-code={code} ref={props.root.clone()} lang={props.lang.tag()}>
            <strong>{text(props.lang, Key::ErrorTitle)}</strong>{" "}{props.message.clone()}
            <span class="ct-code">{[" (", code, ")"].concat()}</span>
        </div>
    }
}

/// Properties of [`AlreadyAcceptedView`].
#[derive(Properties, PartialEq)]
pub struct AlreadyAcceptedProps {
    /// The widget's root element.
    pub root: NodeRef,
    /// UI language.
    pub lang: Lang,
    /// Titles of the agreements accepted before.
    pub titles: Vec<String>,
}

/// Everything applicable was accepted here before.
#[component]
pub fn AlreadyAcceptedView(props: &AlreadyAcceptedProps) -> Html {
    let lang = props.lang;
    let titles: Vec<&str> = props.titles.iter().map(String::as_str).collect();
    let titles = title_list(lang, &titles);
    html! {
        <section class="ct-root" aria-label={region_label(lang, &titles)} lang={lang.tag()} ref={props.root.clone()} data-phase="already-accepted">
            <div class="ct-outcome" role="status">{fill(lang, Key::AlreadyAccepted, &[("titles", &titles)])}</div>
        </section>
    }
}
