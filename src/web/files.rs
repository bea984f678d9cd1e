//! Files the person keeps, and links the widget follows for them: a download is a `Blob` with
//! an object URL (`gloo-file`), given to a link with `download` that is clicked; a help page
//! opens in a new window, never in place of the sign-up page.

use super::WebError;
use gloo_file::{Blob, ObjectUrl};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    // The last file offered stays fetchable until the next one replaces it (dropping an
    // `ObjectUrl` revokes it): a browser may read a download after the click returns.
    static LAST_FILE: RefCell<Option<ObjectUrl>> = const { RefCell::new(None) };
}

/// Follows `href` from a link placed in `parent` and clicked: with `download`, the browser
/// saves the target under that name; a `mailto:` link is handed to the browser as is; any
/// other opens in a new window without access to this page (`noopener`), never in its place.
pub fn follow_link(
    parent: &web_sys::Element,
    href: &str,
    download: Option<&str>,
) -> Result<(), WebError> {
    let fail = |_| WebError::NoWindow;
    let document = parent.owner_document().ok_or(WebError::NoWindow)?;
    let link = document.create_element("a").map_err(fail)?;
    link.set_attribute("href", href).map_err(fail)?;
    if let Some(name) = download {
        link.set_attribute("download", name).map_err(fail)?;
    } else if !href.starts_with("mailto:") {
        link.set_attribute("target", "_blank").map_err(fail)?;
        link.set_attribute("rel", "noopener noreferrer")
            .map_err(fail)?;
    }
    link.set_attribute("hidden", "").map_err(fail)?;
    parent.append_child(&link).map_err(fail)?;
    if let Some(el) = link.dyn_ref::<web_sys::HtmlElement>() {
        el.click();
    }
    link.remove();
    Ok(())
}

/// Offers `html` to the person as a file named `filename` (`text/html`, UTF-8).
pub fn save_html(parent: &web_sys::Element, filename: &str, html: &str) -> Result<(), WebError> {
    let blob = Blob::new_with_options(html, Some("text/html;charset=utf-8"));
    let url = ObjectUrl::from(blob);
    let result = follow_link(parent, &url, Some(filename));
    LAST_FILE.with(|last| *last.borrow_mut() = Some(url));
    result
}
