//! One agreement, rendered as text: title, version and dates, precedence, numbered clauses,
//! highlighted clauses as `<strong>` with a marker that says what they are.

use super::CatalogRef;
use crate::agreement::{Block, BlockKind, HighlightKind, Span};
use yew::prelude::*;

/// Properties of [`AgreementView`].
#[derive(Properties, PartialEq)]
pub struct AgreementViewProps {
    /// The catalogue holding the agreement.
    pub catalog: CatalogRef,
    /// The agreement version's position in `catalog.all()`.
    pub index: usize,
    /// Its content hash, shown for the record.
    pub hash: AttrValue,
    /// The precedence sentence for a supplement.
    #[prop_or_default]
    pub precedence: Option<AttrValue>,
}

fn highlight_label(kind: HighlightKind) -> &'static str {
    match kind {
        HighlightKind::Exemption => "Exemption clause: ",
        HighlightKind::Limitation => "Limitation of liability clause: ",
        HighlightKind::Restriction => "Restriction clause: ",
    }
}

fn spans(agreement_id: &str, block: &Block) -> Html {
    block
        .spans
        .iter()
        .map(|span| match span {
            Span::Text(t) => html! { {t.clone()} },
            Span::Emphasis(t) => html! { <b>{t.clone()}</b> },
            Span::Highlight { id, kind, text } => html! {
                <strong class="ct-highlight" id={format!("{agreement_id}-{id}")} data-kind={kind.as_str()}>
                    <span class="ct-sr-only">{highlight_label(*kind)}</span>
                    {text.clone()}
                </strong>
            },
        })
        .collect()
}

fn block(agreement_id: &str, block: &Block) -> Html {
    match &block.kind {
        BlockKind::Heading(1) => html! { <h3 class="ct-heading">{spans(agreement_id, block)}</h3> },
        BlockKind::Heading(_) => html! { <h4 class="ct-heading">{spans(agreement_id, block)}</h4> },
        BlockKind::Clause(number) => html! {
            <p class="ct-clause" data-number={number.clone()}>
                <span class="ct-number">{number.clone()}</span>{" "}{spans(agreement_id, block)}
            </p>
        },
        BlockKind::ListItem => html! { <p class="ct-item">{"• "}{spans(agreement_id, block)}</p> },
        BlockKind::Paragraph => html! { <p>{spans(agreement_id, block)}</p> },
    }
}

/// Renders one agreement version. Agreement text only ever becomes text nodes.
#[component]
pub fn AgreementView(props: &AgreementViewProps) -> Html {
    let Some(a) = props.catalog.0.all().get(props.index) else {
        return Html::default();
    };
    let m = &a.meta;
    html! {
        <article class="ct-agreement" data-agreement-id={m.id.clone()} data-version={m.version.clone()}
                 data-hash={props.hash.clone()} aria-labelledby={format!("{}-title", m.id)}>
            <h2 id={format!("{}-title", m.id)}>{m.title.clone()}</h2>
            <p class="ct-meta">
                {format!("Version {} · effective {} · last updated {}", m.version, m.effective, m.updated)}
            </p>
            if let Some(p) = &props.precedence {
                <p class="ct-precedence">{p.clone()}</p>
            }
            { for a.blocks().map(|b| block(&m.id, b)) }
        </article>
    }
}
