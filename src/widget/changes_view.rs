//! "What changed since the version you accepted": the clause-level differences shown above an
//! agreement that asks for re-acceptance.

use crate::i18n::{fill, text, Key, Lang};
use crate::reconsent::Change;
use yew::prelude::*;

fn label(lang: Lang, key: Key, number: Option<&str>) -> Html {
    html! { <strong>{text(lang, key)}{number.map(|n| format!(" {n}")).unwrap_or_default()}{": "}</strong> }
}

/// The list of `changes` from the version the person accepted before, `previous`, to the one
/// shown.
pub fn changes_view(previous: &str, changes: &[Change], lang: Lang) -> Html {
    let items = changes.iter().map(|c| match c {
        Change::Added { number, text: t, highlighted } => html! {
            <li data-change="added" data-highlighted={highlighted.then_some("true")}>
                {label(lang, Key::ChangeAdded, number.as_deref())}<span lang="en">{t.clone()}</span>
            </li>
        },
        Change::Removed { number, text: t } => html! {
            <li data-change="removed">{label(lang, Key::ChangeRemoved, number.as_deref())}<del lang="en">{t.clone()}</del></li>
        },
        Change::Changed { number, before, after, highlighted } => html! {
            <li data-change="changed" data-highlighted={highlighted.then_some("true")}>
                {label(lang, Key::ChangeChanged, Some(number))}
                <div>{text(lang, Key::ChangeBefore)}<del lang="en">{before.clone()}</del></div>
                <div>{text(lang, Key::ChangeAfter)}<ins lang="en">{after.clone()}</ins></div>
            </li>
        },
    });
    html! {
        <section class="ct-changes" aria-labelledby="ct-changes-title">
            <h4 id="ct-changes-title">{fill(lang, Key::WhatChanged, &[("version", previous)])}</h4>
            <ul>{ for items }</ul>
        </section>
    }
}
