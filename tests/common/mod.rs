//! Helpers shared by the browser tests.
#![allow(dead_code)]

use consent_terms::bundle::build_bundle;
use consent_terms::catalog::bundled_sources;
use consent_terms::consent::{AssentMode, Requirements};
use consent_terms::widget::{ConsentTerms, ConsentTermsProps};
use web_sys::Element;
use yew::BaseComponent;

/// Names the widget's stylesheet for the test page as a `data:` URL, as an application that
/// serves `consent-terms.css` elsewhere than beside the widget's module names its URL: the test
/// runner serves no such file. Only the first call of a page counts.
pub fn use_test_stylesheet() {
    const CSS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/widget/style.css"));
    let url = String::from("data:text/css;charset=utf-8,")
        + &String::from(js_sys::encode_uri_component(CSS));
    consent_terms::web::use_stylesheet(&url);
}

/// A fresh `<div>` appended to the body: each test mounts into its own.
pub fn fresh_host() -> Element {
    use_test_stylesheet();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let host = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("append the host");
    host
}

/// Renders `C` into a fresh host and waits for the first render.
pub async fn mount<C: BaseComponent>(props: C::Properties) -> Element {
    let host = fresh_host();
    yew::Renderer::<C>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    host
}

/// The shipped agreements as a bundle in a `data:` URL: the widget fetches it like any other.
pub fn bundle_url() -> String {
    let bundle = build_bundle(&bundled_sources()).expect("shipped agreements are valid");
    let json = bundle.to_json();
    format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&json))
    )
}

/// A bundle URL for arbitrary JSON text (for the error tests).
pub fn data_url(text: &str) -> String {
    format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}

/// Waits until `selector` matches below `root` (the bundle loads asynchronously), then returns
/// the element. Gives up after about five seconds of animation frames.
pub async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..300 {
        if let Ok(Some(e)) = root.query_selector(selector) {
            return e;
        }
        next_frame().await;
        yew::scheduler::flush().await;
    }
    panic!(
        "nothing matched {selector} within five seconds: {}",
        root.inner_html()
    );
}

/// About one frame later (observers have run, the browser has painted).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 16);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The text of the first element matching `selector` below `root` (panics if none).
pub fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// Records the widget's events dispatched on (or bubbling through) an element.
pub struct EventLog {
    events: std::rc::Rc<std::cell::RefCell<Vec<(String, String)>>>,
    _listeners: Vec<wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>>,
}

impl EventLog {
    /// Listens for every `consent-*` event on `target`.
    pub fn listen(target: &web_sys::EventTarget) -> EventLog {
        use wasm_bindgen::JsCast;
        let events = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let mut listeners = Vec::new();
        for name in [
            "consent-ready",
            "consent-change",
            "consent-receipt",
            "consent-copy",
            "consent-declined",
            "consent-question",
            "consent-error",
        ] {
            let events = events.clone();
            let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
                move |e: web_sys::Event| {
                    let detail = e
                        .dyn_ref::<web_sys::CustomEvent>()
                        .and_then(|c| js_sys::JSON::stringify(&c.detail()).ok())
                        .map(String::from)
                        .unwrap_or_default();
                    events.borrow_mut().push((e.type_(), detail));
                },
            );
            target
                .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .expect("listen");
            listeners.push(listener);
        }
        EventLog {
            events,
            _listeners: listeners,
        }
    }

    /// The details of every event named `name`, parsed, in order.
    pub fn details(&self, name: &str) -> Vec<serde_json::Value> {
        self.events
            .borrow()
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, d)| serde_json::from_str(d).expect("event detail is JSON"))
            .collect()
    }

    /// Every event name, in order.
    pub fn names(&self) -> Vec<String> {
        self.events
            .borrow()
            .iter()
            .map(|(n, _)| n.clone())
            .collect()
    }
}

/// Waits (by animation-frame-sized steps, at most about five seconds) until `check` holds.
pub async fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..300 {
        if check() {
            return;
        }
        next_frame().await;
        yew::scheduler::flush().await;
    }
    panic!("timed out waiting until {what}");
}

/// Scrolls the agreement panel to its end, as a person would with the scroll bar or keyboard.
pub fn scroll_panel_to_end(root: &Element) {
    let panel = root
        .query_selector(".ct-panel")
        .expect("valid selector")
        .expect("an agreement panel");
    // The test page holds every earlier test's widget: the page is scrolled to this one
    // first, since an end off the screen is not in view.
    panel.scroll_into_view();
    panel.set_scroll_top(panel.scroll_height());
}

/// Clicks `selector` below `root` from script: an untrusted event.
pub fn script_click(root: &Element, selector: &str) {
    use wasm_bindgen::JsCast;
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into();
    el.click();
}

/// The widget's properties for a sign-up with `provider` and `products`, loading the shipped
/// agreements, in English, with every requirement.
pub fn props(provider: &str, products: &str) -> ConsentTermsProps {
    ConsentTermsProps {
        provider: provider.to_string().into(),
        products: products.to_string().into(),
        lang: "en".into(),
        bundle: bundle_url().into(),
        subject: None,
        nonce: None,
        requirements: Requirements::default(),
        post_message_origin: None,
        status_url: None,
        integrity: None,
        organization: None,
        help: None,
        today: None,
        host: None,
    }
}

/// Mounts the widget with its events dispatched on a fresh host, and waits until it has loaded.
pub async fn widget(mut p: ConsentTermsProps) -> (Element, EventLog) {
    let host = fresh_host();
    let log = EventLog::listen(&host);
    p.host = Some(host.clone());
    yew::Renderer::<ConsentTerms>::with_root_and_props(host.clone(), p).render();
    yew::scheduler::flush().await;
    wait_for(&host, ".ct-root:not(.ct-loading)").await;
    (host, log)
}

/// Like [`props`], with nothing required but one "Agree and register" click.
pub fn one_click_props(provider: &str, products: &str) -> ConsentTermsProps {
    ConsentTermsProps {
        requirements: Requirements {
            read_to_end: false,
            acknowledge_highlights: false,
            mode: AssentMode::Button,
        },
        ..props(provider, products)
    }
}

/// Links the widget follows (downloads, help pages), caught before the browser acts on them.
pub struct FollowedLinks {
    links: std::rc::Rc<std::cell::RefCell<Vec<Element>>>,
    _listener: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

impl FollowedLinks {
    /// Catches every click on a link below `root`: the browser neither downloads nor opens it.
    pub fn catch(root: &Element) -> FollowedLinks {
        use wasm_bindgen::JsCast;
        let links = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let seen = links.clone();
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            move |e: web_sys::Event| {
                if let Some(a) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    if a.tag_name().eq_ignore_ascii_case("a") && a.has_attribute("hidden") {
                        e.prevent_default();
                        seen.borrow_mut().push(a);
                    }
                }
            },
        );
        root.add_event_listener_with_callback_and_bool(
            "click",
            listener.as_ref().unchecked_ref(),
            true,
        )
        .expect("listen");
        FollowedLinks {
            links,
            _listener: listener,
        }
    }

    /// The links followed so far, in order.
    pub fn all(&self) -> Vec<Element> {
        self.links.borrow().clone()
    }
}

/// The text at `url` (an object URL of a download, say), fetched by the page.
pub async fn fetch_text(url: &str) -> String {
    let f = js_sys::Function::new_with_args("url", "return fetch(url).then((r) => r.text())");
    let promise: js_sys::Promise = f
        .call1(&wasm_bindgen::JsValue::NULL, &url.into())
        .expect("fetch")
        .into();
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("fetched")
        .as_string()
        .expect("text")
}

/// What a browser reads in an HTML file: the text of each element matching each selector.
pub fn parsed(html: &str, selectors: &[&str]) -> Vec<Vec<String>> {
    let f = js_sys::Function::new_with_args(
        "html, selectors",
        "const d = new DOMParser().parseFromString(html, 'text/html'); return JSON.stringify(selectors.map((s) => Array.from(d.querySelectorAll(s), (e) => e.textContent)));",
    );
    let selectors: js_sys::Array = selectors
        .iter()
        .map(|s| wasm_bindgen::JsValue::from_str(s))
        .collect();
    let json = f
        .call2(&wasm_bindgen::JsValue::NULL, &html.into(), &selectors)
        .expect("parse")
        .as_string()
        .expect("JSON");
    serde_json::from_str(&json).expect("JSON")
}

/// Replaces the first `from` in the agreement's shown text with `to`, as a bundle edited after
/// it was compiled would: true if it was there.
pub fn edit_text(a: &mut consent_terms::agreement::Agreement, from: &str, to: &str) -> bool {
    use consent_terms::agreement::Span;
    for s in a.sections.iter_mut() {
        for b in s.heading.iter_mut().chain(s.blocks.iter_mut()) {
            for span in b.spans.iter_mut() {
                let (Span::Text(t) | Span::Emphasis(t) | Span::Highlight { text: t, .. }) = span;
                if t.contains(from) {
                    *t = t.replacen(from, to, 1);
                    return true;
                }
            }
        }
    }
    false
}
