//! "What changed since the version you accepted": the clause-level differences shown above an
//! agreement that asks for re-acceptance; and "A new version takes effect on …": those of the
//! next version, announced but not yet in effect.

use crate::i18n::{fill, text, Key, Lang};
use crate::reconsent::Change;
use yew::prelude::*;

fn label(lang: Lang, key: Key, number: Option<&str>) -> Html {
    html! { <strong>{text(lang, key)}{number.map(|n| [" ", n].concat()).unwrap_or_default()}{": "}</strong> }
}

/// The list of `changes` from the version the person accepted before, `previous`, to the one
/// shown.
pub fn changes_view(previous: &str, changes: &[Change], lang: Lang) -> Html {
    changes_section(
        "ct-changes",
        fill(lang, Key::WhatChanged, &[("version", previous)]),
        changes,
        lang,
        Html::default(),
    )
}

/// The notice of the next version of the agreement shown, `version`, effective on `effective`:
/// what changes from the one shown, and a button that downloads it (`ondownload`).
pub fn announced_view(
    version: &str,
    effective: &str,
    changes: &[Change],
    lang: Lang,
    ondownload: Callback<MouseEvent>,
) -> Html {
    let values = [("version", version), ("date", effective)];
    changes_section(
        "ct-announced",
        fill(lang, Key::AnnouncedTitle, &values),
        changes,
        lang,
        html! {
            <>
                <p>{text(lang, Key::AnnouncedIntro)}</p>
                <button type="button" class="ct-button ct-download-next" data-version={version.to_string()} onclick={ondownload}>
                    {fill(lang, Key::DownloadVersion, &values)}
                </button>
            </>
        },
    )
}

fn changes_section(
    id: &'static str,
    title: String,
    changes: &[Change],
    lang: Lang,
    after: Html,
) -> Html {
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
    let heading = [id, "-title"].concat();
    html! {
        <section class={["ct-changes ", id].concat()} aria-labelledby={heading.clone()}>
            <h3 id={heading}>{title}</h3>
            <ul>{ for items }</ul>
            {after}
        </section>
    }
}
