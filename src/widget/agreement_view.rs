//! One agreement, rendered as text: title, version and dates, precedence, numbered clauses,
//! highlighted clauses as `<strong>` with a marker and an accessible label, and an end marker
//! whose coming into view counts as having read to the end.

use super::hooks::use_effect_on;
use super::CatalogRef;
use crate::canonical::Scope;
use crate::i18n::{fill, version_line, Key, Lang};
use crate::web::{
    adopt_styles, adopt_text, clipped_away, closest, highlight_hidden, parent, scroll_box_missing,
    scroll_to_top, styles_loaded, write_blocks, ChangeWatch, Element, ReadingWatch,
    VisibilityWatch,
};
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
    /// The flow's number ([`super::hooks::Flow::started`]): a fresh flow shows the text again
    /// from its beginning, to be read to its end again.
    pub flow: u32,
    /// Called with `false` when the text first comes into view within its panel (not before:
    /// a widget in a container the host has not shown yet, a closed dialog or a hidden step of
    /// a form, has shown nothing), with `true` when its end does.
    pub onseen: Callback<bool>,
    /// Called instead when reaching the end cannot be observed: the widget's styles are not
    /// in effect, so the panel has no scroll box and the end would be in view at once.
    pub onunobservable: Callback<bool>,
    /// Whether reading to the end cannot be observed now: once the stylesheet comes in late,
    /// the text is shown again, with its scroll box, to be read.
    pub unobservable: bool,
    /// Called with the agreement's id and title when anything changes the text once shown.
    pub onchanged: Callback<(String, String)>,
}

pub use crate::i18n::highlight_label;

pub use crate::prerender::{blocks_program, highlight_dom_id};

/// What an [`AgreementView`] shows: the catalogue, the version's position in it, the language,
/// in which flow.
type Shown = (CatalogRef, usize, Lang, u32, bool);

/// The watches on the agreement shown: its reading to the end, changes to its text and its
/// coming into view; `None` until one was shown in this view.
type Watches = (
    Shown,
    Option<ReadingWatch>,
    Option<ChangeWatch>,
    Option<VisibilityWatch>,
);

/// Stops the watches, keeping that an agreement was shown.
fn stop(watches: &mut Option<Watches>) {
    if let Some((_, reading, changes, seen)) = watches {
        (*reading, *changes, *seen) = (None, None, None);
    }
}

/// Renders one agreement version. Agreement text only ever becomes text nodes.
#[component]
pub fn AgreementView(props: &AgreementViewProps) -> Html {
    let end = use_node_ref();
    let body = use_node_ref();
    // The watches on the text shown. They stop in the render that changes the article for
    // another agreement (its attributes and title), not in that render's effects: Yew may let
    // the browser paint between a long render and its effects, and the watch would then
    // report the widget's own change as the text changed once shown.
    let watches = use_mut_ref(|| None::<Watches>);
    let shown = (
        props.catalog.clone(),
        props.index,
        props.lang,
        props.flow,
        props.unobservable,
    );
    if watches.borrow().as_ref().is_some_and(|w| w.0 != shown) {
        stop(&mut watches.borrow_mut());
    }
    {
        let end = end.clone();
        let body = body.clone();
        let watches = watches.clone();
        let onseen = props.onseen.clone();
        let onunobservable = props.onunobservable.clone();
        let onchanged = props.onchanged.clone();
        use_effect_on(shown, move |shown| {
            let (catalog, index, lang, _, _) = shown;
            // Whether an agreement was shown in this view before: the first is shown in a
            // panel made for it, already at its beginning.
            let switched = watches.borrow().is_some();
            // The panel's scroll box is asked for before the text is in it: its computed
            // style, asked after, would work out the style of every block of the text in this
            // task, where the next frame does it anyway.
            let panel = end
                .cast::<Element>()
                .and_then(|el| closest(&el, ".ct-panel"));
            let no_box = panel.as_ref().is_some_and(|panel| {
                adopt_styles(panel);
                scroll_box_missing(panel)
            });
            // The text is written in one call, not through the virtual DOM: it is most of the
            // widget's nodes, and it never changes while shown.
            // Written, the text is watched: from then on nothing may change it.
            let agreement = catalog
                .0
                .all()
                .get(*index)
                .map(|a| (a.meta.id.clone(), a.meta.title.clone()));
            let changes = catalog
                .0
                .all()
                .get(*index)
                .zip(body.cast::<Element>())
                .zip(agreement.clone())
                .and_then(|((a, body), agreement)| {
                    // Text prerendered by the host is taken as it is, if it is exactly
                    // what would be written.
                    let program = blocks_program(*lang, &a.meta.id, a.blocks());
                    if !adopt_text(&body, lang.tag(), &a.meta.id, &a.meta.version, &program) {
                        write_blocks(&body, &program);
                    }
                    let article = parent(&body)?;
                    // No element of the text, nor any around it, may host a shadow root the
                    // widget did not give it: one would show other words than the DOM holds,
                    // and attaching it leaves no record the watch could see.
                    if !ChangeWatch::seal(&article, true) {
                        onchanged.emit(agreement.clone());
                    }
                    let onchanged = onchanged.clone();
                    ChangeWatch::start(&article, move || onchanged.emit(agreement.clone()))
                });
            // Reaching the end is about the agreement's own scrolling box, wherever the page is.
            let mut shown_watch = None;
            let watch = end.cast::<Element>().zip(panel).and_then(|(el, panel)| {
                // Each agreement is shown from its beginning, not where the last one was left.
                // Not the first: setting the scroll position lays the page out at once, in the
                // task that writes the text, where the next frame would lay it out anyway.
                if switched {
                    scroll_to_top(&panel);
                }
                // Displayed once some of its text is in its panel and the panel has a box.
                let article = el.parent_element()?;
                let (seen, once) = (onseen.clone(), std::cell::Cell::new(false));
                shown_watch = VisibilityWatch::start(&article, Some(&panel), move |visible, _| {
                    if visible && !once.replace(true) {
                        seen.emit(false);
                    }
                });
                if shown_watch.is_none() {
                    onseen.emit(false);
                }
                if no_box {
                    onunobservable.emit(true);
                    // A stylesheet that comes after the widget gave up on it still counts.
                    let (late, panel) = (onunobservable.clone(), panel.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        if styles_loaded().await && !scroll_box_missing(&panel) {
                            late.emit(false);
                        }
                    });
                    return None;
                }
                // Read to the end with a highlighted clause hidden (a page's stylesheet changes
                // no node) is not reading it: the text is not what was published.
                let (end_el, end_panel) = (el.clone(), panel.clone());
                ReadingWatch::start(
                    &el,
                    &panel,
                    move || match (highlight_hidden(&article), &agreement) {
                        (true, Some(agreement)) => {
                            onchanged.emit(agreement.clone());
                            false
                        }
                        _ => true,
                    },
                    // The end counts once the person can see it: not where a box of the
                    // page around the panel (`overflow: hidden`, a fixed height) cuts it off.
                    move || {
                        let shown = !clipped_away(&end_el, &end_panel);
                        if shown {
                            onseen.emit(true);
                        }
                        shown
                    },
                )
            });
            *watches.borrow_mut() = Some((shown.clone(), watch, changes, shown_watch));
            Box::new(move || stop(&mut watches.borrow_mut()))
        });
    }
    let Some(a) = props.catalog.0.all().get(props.index) else {
        return Html::default();
    };
    let m = &a.meta;
    let lang = props.lang;
    let effective = m.effective.to_string();
    let updated = m.updated.to_string();
    // The scope and precedence are in the canonical text (v2): the read-back takes them from here.
    let scope = Scope::of(m);
    html! {
        <article class="ct-agreement" data-agreement-id={m.id.clone()} data-version={m.version.clone()}
                 data-hash={props.hash.clone()} data-effective={effective.clone()} data-updated={updated.clone()} lang={m.language.clone()} aria-labelledby={["ct-title-", &m.id].concat()}
                 data-provider={m.provider.clone()} data-products={scope.products} data-supplements={scope.supplements.map(|(t, _)| t.to_string())}
                 data-prevails={scope.supplements.map(|(_, p)| p)} data-reconsent={scope.reconsent}>
            <h3 id={["ct-title-", &m.id].concat()}>{m.title.clone()}</h3>
            <p class="ct-meta" lang={lang.tag()}>
                {version_line(lang, m)}
            </p>
            if let Some(p) = &props.precedence {
                <p class="ct-precedence" lang={lang.tag()}>{p.clone()}</p>
            }
            <div class="ct-text" ref={body}></div>
            <p class="ct-end" ref={end} lang={lang.tag()}>{fill(lang, Key::EndOfAgreement, &[("title", &m.title)])}</p>
        </article>
    }
}
