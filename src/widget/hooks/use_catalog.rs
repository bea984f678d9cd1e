//! `use_catalog`: the catalogue of the bundle at a URL. Widgets on one page that name the same
//! bundle fetch, parse and check it once; an answer for a URL the widget no longer shows is
//! dropped, as Yew's own `use_future_with` drops stale answers with a latest id.

use crate::bundle::{check_integrity, BundleCheck, BundleError};
use crate::catalog::Catalog;
use crate::contract::ErrorCode;
use crate::web::{fetch_text, next_task, read_json_bundle, styles_ready};
use crate::widget::CatalogRef;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Where the catalogue stands.
#[derive(Clone, PartialEq)]
pub enum Load {
    /// Being fetched or checked.
    Loading,
    /// Loaded and checked.
    Loaded(CatalogRef),
    /// The bundle could not be used: the code and message the person and the host get.
    Failed(ErrorCode, String),
}

/// A bundle being fetched (with who waits for it) or loaded.
enum Cached {
    Pending(Vec<Box<dyn FnOnce(Load)>>),
    Loaded(CatalogRef),
}

/// A bundle's URL and the integrity the page pinned it to, if any.
type BundleKey = (String, Option<String>);

thread_local! {
    /// Bundles by URL and pin. Failures are not kept, so a later widget tries again.
    static BUNDLES: RefCell<Vec<(BundleKey, Cached)>> = const { RefCell::new(Vec::new()) };
}

/// Calls `done` with the catalogue of the bundle at `url` (checked against the page's pin,
/// if any, which is part of the key): at once if it is loaded, else when the one fetch of it
/// completes.
fn load_catalog(url: String, pin: Option<String>, done: Box<dyn FnOnce(Load)>) {
    let key = (url.clone(), pin.clone());
    let loaded = BUNDLES.with_borrow(|bundles| {
        bundles
            .iter()
            .find(|(u, _)| *u == key)
            .map(|(_, c)| match c {
                Cached::Loaded(catalog) => Some(catalog.clone()),
                Cached::Pending(_) => None,
            })
    });
    match loaded {
        Some(Some(catalog)) => done(Load::Loaded(catalog)),
        Some(None) => BUNDLES.with_borrow_mut(|bundles| {
            if let Some((_, Cached::Pending(waiting))) = bundles.iter_mut().find(|(u, _)| *u == key)
            {
                waiting.push(done);
            }
        }),
        None => {
            BUNDLES.with_borrow_mut(|bundles| {
                bundles.push((key.clone(), Cached::Pending(vec![done])))
            });
            wasm_bindgen_futures::spawn_local(fetch_catalog(url, pin, key));
        }
    }
}

/// How long checking a bundle may hold the page before it lets other work in: a task each
/// few agreements, well under the 50 ms at which the browser counts a task as long.
const SLICE_MS: f64 = 12.0;

/// Reads and checks the bundle's JSON ([`crate::bundle::load_parsed`]), an agreement at a
/// time, starting a new task whenever a slice of [`SLICE_MS`] is used up.
async fn check_bundle(json: &wasm_bindgen::JsValue) -> Result<Catalog, BundleError> {
    let mut check = BundleCheck::start(read_json_bundle(json)?)?;
    let mut since = crate::web::now_ms();
    while check.step() {
        if crate::web::now_ms() - since > SLICE_MS {
            next_task().await;
            since = crate::web::now_ms();
        }
    }
    check.finish()
}

/// Fetches the bundle at `url`, checks it against `pin`, parses and checks it, then answers
/// everyone waiting for it under `key`.
async fn fetch_catalog(url: String, pin: Option<String>, key: BundleKey) {
    let fetched = fetch_text(&url).await;
    // A bundle fetched before the wasm ran is there at once, and reading it would run on in
    // the task that started the wasm and mounted the widget: it gets a task of its own.
    next_task().await;
    let next = match fetched {
        Err(e) => Load::Failed(e.code(), e.to_string()),
        Ok(json) => match pin
            .as_deref()
            .map(|p| check_integrity(p, &json.as_string().unwrap_or_default()))
        {
            Some(Err(why)) => Load::Failed(ErrorCode::IntegrityMismatch, why),
            _ => match check_bundle(&json).await {
                Ok(catalog) => Load::Loaded(CatalogRef(Rc::new(catalog))),
                Err(e) => Load::Failed(e.error_code(), e.to_string()),
            },
        },
    };
    // The agreements are shown once the page's stylesheet is in effect (or could not be had):
    // their scroll boxes must be there when they are shown. It was asked for with the bundle.
    styles_ready().await;
    // Checking the bundle and rendering it are separate tasks: neither blocks the page long.
    next_task().await;
    let waiting = BUNDLES.with_borrow_mut(|bundles| {
        let i = bundles.iter().position(|(u, _)| *u == key)?;
        let (_, entry) = match &next {
            Load::Loaded(c) => {
                std::mem::replace(&mut bundles[i], (key.clone(), Cached::Loaded(c.clone())))
            }
            _ => bundles.remove(i),
        };
        match entry {
            Cached::Pending(waiting) => Some(waiting),
            Cached::Loaded(_) => None,
        }
    });
    for done in waiting.unwrap_or_default() {
        done(next.clone());
    }
}

/// The catalogue of the bundle at `url`, checked against `integrity` when the page pinned
/// it, loading it when either changes. Only the answer for the latest request is kept.
#[hook]
pub fn use_catalog(url: AttrValue, integrity: Option<AttrValue>) -> UseStateHandle<Load> {
    let load = use_state(|| Load::Loading);
    // The latest request: an answer that arrives for an earlier one is dropped.
    let latest = use_mut_ref(|| 0u32);
    {
        let load = load.clone();
        use_effect_with((url, integrity), move |(url, integrity)| {
            let id = latest.borrow().wrapping_add(1);
            *latest.borrow_mut() = id;
            load.set(Load::Loading);
            load_catalog(
                url.to_string(),
                integrity.as_ref().map(|i| i.to_string()),
                Box::new(move |next| {
                    if *latest.borrow() == id {
                        load.set(next);
                    }
                }),
            );
        });
    }
    load
}
