//! What the widget shows instead of the agreements: loading, an error with its code, or that
//! everything was accepted already. Each keeps the root's `ref`, so events and styles still
//! find the widget. Plain functions rather than components: they hold no state, and each
//! component costs the wasm its own copy of Yew's lifecycle.

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

/// The bundle is loading.
pub fn loading_view(root: NodeRef, lang: Lang) -> Html {
    html! {
        <div class="ct-root ct-loading" role="status" ref={root} lang={lang.tag()}>{text(lang, Key::Loading)}</div>
    }
}

/// Nothing can be shown: why, with the code.
pub fn error_view(root: NodeRef, lang: Lang, code: ErrorCode, message: &str) -> Html {
    let code = code.as_str();
    html! {
        <div class="ct-root ct-error" role="alert" data-code={code} ref={root} lang={lang.tag()}>
            <strong>{text(lang, Key::ErrorTitle)}</strong>{" "}{message.to_string()}
            <span class="ct-code">{[" (", code, ")"].concat()}</span>
        </div>
    }
}

/// Everything applicable was accepted here before.
pub fn already_accepted_view(root: NodeRef, lang: Lang, titles: &[String]) -> Html {
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let titles = title_list(lang, &titles);
    html! {
        <section class="ct-root" aria-label={region_label(lang, &titles)} lang={lang.tag()} ref={root} data-phase="already-accepted">
            <div class="ct-outcome" role="status">{fill(lang, Key::AlreadyAccepted, &[("titles", &titles)])}</div>
        </section>
    }
}
