//! One agreement, rendered as text: title, version and dates, precedence, numbered clauses,
//! highlighted clauses as `<strong>` with a marker and an accessible label, and an end marker
//! whose coming into view counts as having read to the end.

use super::CatalogRef;
use crate::agreement::{Block, BlockKind, HighlightKind, Span};
use crate::browser::VisibilityWatch;
use crate::i18n::{fill, text, Key, Lang};
use yew::prelude::*;

/// Properties of [`AgreementView`].
#[derive(Properties, PartialEq)]
pub struct AgreementViewProps {
    /// The catalogue holding the agreement.
    pub catalog: CatalogRef,
    /// The agreement version's position in `catalog.all()`.
    pub index: usize,
    /// Its content hash, kept on the element for the record.
    pub hash: AttrValue,
    /// The precedence sentence for a supplement, already in the UI language.
    #[prop_or_default]
    pub precedence: Option<AttrValue>,
    /// UI language.
    pub lang: Lang,
    /// Called when the end of the text comes into view.
    pub onreachedend: Callback<()>,
}

/// The accessible label announced before a highlighted clause.
pub fn highlight_label(lang: Lang, kind: HighlightKind) -> &'static str {
    text(
        lang,
        match kind {
            HighlightKind::Exemption => Key::ExemptionLabel,
            HighlightKind::Limitation => Key::LimitationLabel,
            HighlightKind::Restriction => Key::RestrictionLabel,
        },
    )
}

/// The DOM id of a highlighted clause (used by the list of highlighted clauses).
pub fn highlight_dom_id(agreement_id: &str, highlight_id: &str) -> String {
    format!("ct-{agreement_id}-{highlight_id}")
}

fn spans(lang: Lang, agreement_id: &str, block: &Block) -> Html {
    block
        .spans
        .iter()
        .map(|span| match span {
            Span::Text(t) => html! { {t.clone()} },
            Span::Emphasis(t) => html! { <b>{t.clone()}</b> },
            Span::Highlight { id, kind, text } => html! {
                <strong class="ct-highlight" id={highlight_dom_id(agreement_id, id)} data-kind={kind.as_str()} tabindex="-1">
                    <span class="ct-sr-only">{highlight_label(lang, *kind)}</span>
                    {text.clone()}
                </strong>
            },
        })
        .collect()
}

fn block(lang: Lang, agreement_id: &str, block: &Block) -> Html {
    match &block.kind {
        BlockKind::Heading(1) => {
            html! { <h4 class="ct-heading">{spans(lang, agreement_id, block)}</h4> }
        }
        BlockKind::Heading(_) => {
            html! { <h5 class="ct-heading">{spans(lang, agreement_id, block)}</h5> }
        }
        BlockKind::Clause(number) => html! {
            <p class="ct-clause" data-number={number.clone()}>
                <span class="ct-number">{number.clone()}</span>{" "}{spans(lang, agreement_id, block)}
            </p>
        },
        BlockKind::ListItem => {
            html! { <p class="ct-item">{"• "}{spans(lang, agreement_id, block)}</p> }
        }
        BlockKind::Paragraph => html! { <p>{spans(lang, agreement_id, block)}</p> },
    }
}

/// Renders one agreement version. Agreement text only ever becomes text nodes.
#[component]
pub fn AgreementView(props: &AgreementViewProps) -> Html {
    let end = use_node_ref();
    {
        let end = end.clone();
        let onreachedend = props.onreachedend.clone();
        use_effect_with((props.catalog.clone(), props.index), move |_| {
            // Reaching the end is about the agreement's own scrolling box, wherever the page is.
            let watch = end.cast::<web_sys::Element>().and_then(|el| {
                let panel = el.closest(".ct-panel").ok().flatten();
                VisibilityWatch::start(&el, panel.as_ref(), move || onreachedend.emit(()))
            });
            move || drop(watch)
        });
    }
    let Some(a) = props.catalog.0.all().get(props.index) else {
        return Html::default();
    };
    let m = &a.meta;
    let lang = props.lang;
    let effective = m.effective.to_string();
    let updated = m.updated.to_string();
    html! {
        <article class="ct-agreement" data-agreement-id={m.id.clone()} data-version={m.version.clone()}
                 data-hash={props.hash.clone()} data-effective={effective.clone()} data-updated={updated.clone()} lang={m.language.clone()} aria-labelledby={format!("ct-title-{}", m.id)}>
            <h3 id={format!("ct-title-{}", m.id)}>{m.title.clone()}</h3>
            <p class="ct-meta" lang={lang.tag()}>
                {fill(lang, Key::VersionLine, &[("version", &m.version), ("effective", &effective), ("updated", &updated)])}
            </p>
            if let Some(p) = &props.precedence {
                <p class="ct-precedence" lang={lang.tag()}>{p.clone()}</p>
            }
            { for a.blocks().map(|b| block(lang, &m.id, b)) }
            <p class="ct-end" ref={end} lang={lang.tag()}>{fill(lang, Key::EndOfAgreement, &[("title", &m.title)])}</p>
        </article>
    }
}
