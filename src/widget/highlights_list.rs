//! The list of every highlighted clause across the applicable agreements, each a link that
//! shows the agreement and moves focus to the clause, and a button to ask about it. Each
//! clause is one stop of the Tab key: its link and its button are a pair reached from each
//! other by the arrow keys (a roving tabindex, as the ARIA practices' toolbar pattern has it),
//! so that the keyboard path from the text to the accept control does not pass every button.
//! The arrow keys are handled in `src/web/element.js` (`rove`), for every root the widget
//! renders in.

use super::agreement_view::{highlight_dom_id, highlight_label};
use super::CatalogRef;
use crate::agreement::Highlight;
use crate::i18n::{fill, text, Key, Lang};
use crate::prerender::{clause_label, excerpt};
use yew::prelude::*;

/// The "Clauses that limit liability" list of the agreements at `indices` in the catalogue
/// (in tab order); `onfollow` is called with (tab position, DOM id of the clause) when a link
/// is followed, `onask` with (tab position, highlight id) when the person asks about one. A
/// view function, rendered with the rest of the widget: a list of a few dozen
/// links is cheap to render again, and a component of its own cost 1.3 KB of wasm.
pub fn highlights_list(
    catalog: &CatalogRef,
    indices: &[usize],
    lang: Lang,
    onfollow: &Callback<(usize, String)>,
    onask: &Callback<(usize, String, bool)>,
) -> Html {
    let mut items = Vec::new();
    for (tab, &index) in indices.iter().enumerate() {
        let Some(a) = catalog.0.all().get(index) else {
            continue;
        };
        for Highlight {
            block,
            id,
            kind,
            text: clause_text,
        } in a.highlights()
        {
            let dom_id = highlight_dom_id(&a.meta.id, id);

            let onclick = {
                let onfollow = onfollow.clone();
                let dom_id = dom_id.clone();
                Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    onfollow.emit((tab, dom_id.clone()));
                })
            };
            let onask = {
                let onask = onask.clone();
                let id = id.to_string();
                Callback::from(move |e: MouseEvent| onask.emit((tab, id.clone(), e.is_trusted())))
            };
            let clause = clause_label(lang, &a.meta.title, block);
            items.push(html! {
                <li data-kind={kind.as_str()} data-agreement-id={a.meta.id.clone()} data-highlight={id.to_string()}>
                    <a href={["#", &dom_id].concat()} class="ct-clause-link" aria-keyshortcuts="ArrowRight" {onclick}>{clause.clone()}</a>
                    {" — "}<span class="ct-kind">{highlight_label(lang, kind)}</span>
                    <span lang={a.meta.language.clone()}>{excerpt(clause_text)}</span>
                    {" "}<button type="button" class="ct-ask" tabindex="-1" aria-keyshortcuts="ArrowLeft" onclick={onask}
                        aria-label={fill(lang, Key::AskLabel, &[("clause", &clause)])}>{text(lang, Key::AskAboutClause)}</button>
                </li>
            });
        }
    }
    if items.is_empty() {
        return Html::default();
    }
    let count = items.len().to_string();
    html! {
        <section class="ct-highlights" aria-labelledby="ct-highlights-title">
            <h3 id="ct-highlights-title">{fill(lang, Key::HighlightsTitle, &[("count", &count)])}</h3>
            <p>{text(lang, Key::HighlightsIntro)}</p>
            <ul>{ for items }</ul>
        </section>
    }
}
