//! What real hosts do: the challenge however it is set, mounting and removing, the page's height, the Tab path, a new interface language.

use super::*;

/// A `<consent-terms>` for the shipped agreements (not yet in the page), with `attributes`.
fn element_with(attributes: &[(&str, &str)]) -> web_sys::Element {
    use_test_stylesheet();
    consent_terms::widget::define_element();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let element = document.create_element("consent-terms").expect("element");
    for (name, value) in [("provider", "kingsoft"), ("lang", "en")]
        .iter()
        .chain(attributes)
    {
        element.set_attribute(name, value).expect("attr");
    }
    if element.get_attribute("bundle").is_none() {
        element
            .set_attribute("bundle", &bundle_url())
            .expect("attr");
    }
    element
}

/// The nonce the widget of `element` signs into its receipt: what the element hands `mount`
/// (its `options()`), read as `mount` reads it.
fn receipt_nonce_of(element: &web_sys::Element) -> Option<String> {
    let options: js_sys::Function = js_sys::Reflect::get(element, &"options".into())
        .expect("options")
        .dyn_into()
        .expect("the element is upgraded");
    let options = options.call0(element).expect("options()");
    consent_terms::widget::props_from_options(options, None)
        .nonce
        .map(|n| n.to_string())
}

#[wasm_bindgen_test]
async fn challenge_as_attribute_or_property_set_before_or_after_upgrade_is_the_nonce_signed() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let body = document.body().expect("body");
    let warnings = Warnings::catch();

    // As an attribute.
    let by_attribute = element_with(&[("challenge", "c-attribute")]);
    body.append_child(&by_attribute).expect("append");
    shown(&by_attribute).await;
    assert_eq!(
        receipt_nonce_of(&by_attribute).as_deref(),
        Some("c-attribute")
    );

    // As a property once the element is upgraded: reflected to the attribute, and the widget
    // follows it.
    js_sys::Reflect::set(&by_attribute, &"challenge".into(), &"c-property".into()).expect("set");
    assert_eq!(
        by_attribute.get_attribute("challenge").as_deref(),
        Some("c-property")
    );
    assert_eq!(
        js_sys::Reflect::get(&by_attribute, &"challenge".into())
            .ok()
            .and_then(|v| v.as_string())
            .as_deref(),
        Some("c-property")
    );
    assert_eq!(
        receipt_nonce_of(&by_attribute).as_deref(),
        Some("c-property")
    );

    // As a property before the element is upgraded (a framework rendering before the widget's
    // module ran): an element of a document without a browsing context is never upgraded there,
    // and is upgraded when it enters this page.
    let early: web_sys::Element = js_sys::Function::new_no_args(
        "return document.implementation.createHTMLDocument('').createElement('consent-terms');",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("an element of another document")
    .unchecked_into();
    for (name, value) in [("provider", "kingsoft"), ("lang", "en")] {
        early.set_attribute(name, value).expect("attr");
    }
    early.set_attribute("bundle", &bundle_url()).expect("attr");
    js_sys::Reflect::set(&early, &"challenge".into(), &"c-early".into()).expect("set");
    assert!(
        js_sys::Reflect::get(&early, &"options".into())
            .expect("get")
            .is_undefined(),
        "not upgraded yet"
    );
    body.append_child(&early).expect("append");
    shown(&early).await;
    assert_eq!(
        early.get_attribute("challenge").as_deref(),
        Some("c-early"),
        "the value set before the upgrade reaches the attribute"
    );
    assert!(
        js_sys::Object::get_own_property_descriptor(
            early.unchecked_ref::<js_sys::Object>(),
            &"challenge".into()
        )
        .is_undefined(),
        "and no longer hides the accessor"
    );
    assert_eq!(receipt_nonce_of(&early).as_deref(), Some("c-early"));
    assert!(
        warnings.all().iter().all(|w| !w.contains("`nonce`")),
        "no deprecation warning for `challenge`: {:?}",
        warnings.all()
    );
    by_attribute.remove();
    early.remove();
}

#[wasm_bindgen_test]
async fn the_deprecated_nonce_still_is_the_nonce_signed_with_a_warning_naming_challenge() {
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .expect("body");
    let warnings = Warnings::catch();
    let warned = |warnings: &Warnings| {
        warnings
            .all()
            .iter()
            .filter(|w| w.contains("`nonce` is deprecated") && w.contains("`challenge`"))
            .count()
    };

    // The attribute, as pages wrote it so far.
    let attribute = element_with(&[("nonce", "n-attribute")]);
    body.append_child(&attribute).expect("append");
    shown(&attribute).await;
    assert_eq!(receipt_nonce_of(&attribute).as_deref(), Some("n-attribute"));
    assert_eq!(warned(&warnings), 1, "{:?}", warnings.all());

    // The property only, as React 19 sets `nonce`: no attribute is ever written.
    let property = element_with(&[]);
    js_sys::Reflect::set(&property, &"nonce".into(), &"n-property".into()).expect("set");
    assert_eq!(property.get_attribute("nonce"), None);
    body.append_child(&property).expect("append");
    shown(&property).await;
    assert_eq!(receipt_nonce_of(&property).as_deref(), Some("n-property"));
    assert_eq!(warned(&warnings), 2);

    // What a CSP header does once the element is connected: the attribute emptied, the
    // property keeping the value.
    let hidden = element_with(&[("nonce", "n-hidden")]);
    body.append_child(&hidden).expect("append");
    let value = js_sys::Reflect::get(&hidden, &"nonce".into()).expect("nonce");
    hidden.set_attribute("nonce", "").expect("emptied");
    js_sys::Reflect::set(&hidden, &"nonce".into(), &value).expect("kept");
    shown(&hidden).await;
    assert_eq!(receipt_nonce_of(&hidden).as_deref(), Some("n-hidden"));

    // Both: `challenge` wins, and nothing is deprecated.
    let before = warned(&warnings);
    let both = element_with(&[("challenge", "c-both"), ("nonce", "n-both")]);
    body.append_child(&both).expect("append");
    shown(&both).await;
    assert_eq!(receipt_nonce_of(&both).as_deref(), Some("c-both"));
    assert_eq!(warned(&warnings), before);
    for e in [attribute, property, hidden, both] {
        e.remove();
    }
}

/// The sign-up used where many widgets are mounted: one short agreement with a highlighted
/// clause, so that each mount is quick.
fn small_bundle() -> String {
    let sources = vec![Source {
        path: "demo/1.md".into(),
        text: "---\nid: demo-terms\ntitle: Demo Terms\nprovider: demo\nprovider-name: Demo Cloud\nversion: 1\neffective: 2024-01-01\nupdated: 2024-01-01\nlanguage: en\nproducts: *\nreconsent: required\n---\n1.1 Demo Cloud provides the service as described.\n\n1.2 **[exemption]** Demo Cloud is not liable for any loss of data.\n".into(),
    }];
    let bundle = build_bundle(&sources).expect("valid sources");
    data_url(&bundle.to_json())
}

#[wasm_bindgen_test]
async fn mounting_and_removing_the_element_200_times_leaves_nothing_behind() {
    use std::cell::Cell;
    use std::rc::Rc;
    use_test_stylesheet();
    consent_terms::widget::define_element();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let body = document.body().expect("body");
    let bundle = small_bundle();
    // Listeners added to the page itself and not removed: a widget gone must leave none.
    let count = js_sys::Function::new_no_args(
        "const targets = [window, document, document.documentElement, document.body];
         const live = new Map();
         const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
         EventTarget.prototype.addEventListener = function (type, f, o) {
           if (targets.includes(this)) live.set(f, (live.get(f) || 0) + 1);
           return add.call(this, type, f, o);
         };
         EventTarget.prototype.removeEventListener = function (type, f, o) {
           if (targets.includes(this) && live.has(f)) live.set(f, live.get(f) - 1);
           return remove.call(this, type, f, o);
         };
         return {
           listeners: () => Array.from(live.values()).reduce((a, b) => a + b, 0),
           restore: () => { EventTarget.prototype.addEventListener = add; EventTarget.prototype.removeEventListener = remove; },
         };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("counting");
    let listeners = || {
        js_sys::Reflect::get(&count, &"listeners".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&wasm_bindgen::JsValue::NULL).ok())
            .and_then(|n| n.as_f64())
            .unwrap_or(f64::NAN)
    };
    let once = |bundle: String| {
        let (document, body) = (document.clone(), body.clone());
        async move {
            let element = document.create_element("consent-terms").expect("element");
            for (name, value) in [
                ("provider", "demo"),
                ("lang", "en"),
                ("bundle", bundle.as_str()),
                ("challenge", "c-mount"),
            ] {
                element.set_attribute(name, value).expect("attr");
            }
            let ready = Rc::new(Cell::new(false));
            let on_ready = {
                let ready = ready.clone();
                gloo_events_listener(&element, "consent-ready", move || ready.set(true))
            };
            body.append_child(&element).expect("append");
            wait_until("consent-ready", || ready.get()).await;
            element.remove();
            drop(on_ready);
            // The effects' cleanups and the tasks the widget left run.
            next_frame().await;
            yew::scheduler::flush().await;
        }
    };
    once(bundle.clone()).await;
    let (live0, listeners0) = (wasm_bindgen::externref_heap_live_count(), listeners());
    for _ in 1..200 {
        once(bundle.clone()).await;
    }
    let (live, listening) = (wasm_bindgen::externref_heap_live_count(), listeners());
    let _ = js_sys::Reflect::get(&count, &"restore".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|f| f.call0(&wasm_bindgen::JsValue::NULL));
    console_log!(
        "200 mounts: JS values held by the wasm {live0} after the first, {live} after the last; page listeners {listeners0} and {listening}"
    );
    assert!(
        live <= live0 + 8,
        "the wasm holds {live} JS values after 200 mounts, {live0} after the first: each removed element is kept"
    );
    assert!(
        listening <= listeners0 + 2.0,
        "{listening} listeners on the page after 200 mounts, {listeners0} after the first"
    );
}

/// Calls `f` on each `name` event on `target` until dropped.
fn gloo_events_listener(
    target: &web_sys::Element,
    name: &'static str,
    f: impl Fn() + 'static,
) -> wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)> {
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
        move |_: web_sys::Event| f(),
    );
    target
        .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
        .expect("listen");
    listener
}

/// The page's own height: `document.documentElement.scrollHeight`.
fn page_height() -> i32 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map_or(0, |e| e.scroll_height())
}

#[wasm_bindgen_test]
async fn nothing_of_the_widget_stretches_the_page_below_its_host() {
    // A host that gives the widget a box of fixed height: the page is as tall with the widget
    // in it as without (the visually hidden labels of the highlighted clauses, absolutely
    // positioned, must stay in the agreement's scroll box).
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let container = document.create_element("div").expect("div");
    container
        .set_attribute("style", "height: 600px; overflow: hidden")
        .expect("style");
    document
        .body()
        .expect("body")
        .append_child(&container)
        .expect("append");
    next_frame().await;
    let without = page_height();
    let element = element_with(&[("products", "cdn kmct")]);
    container.append_child(&element).expect("append");
    shown(&element).await;
    let shadow = element.shadow_root().expect("shadow root");
    wait_until("the agreement's highlighted clauses are laid out", || {
        shadow
            .query_selector("article strong.ct-highlight .ct-sr-only")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    next_frame().await;
    let with = page_height();
    assert!(
        (with - without).abs() <= 4,
        "the page is {with} px tall with the widget, {without} px without"
    );
    container.remove();
}

/// The elements Tab stops at below `root`, in order: what is focusable by Tab (tabIndex 0 or
/// more, not disabled, rendered).
fn tab_stops(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let all = root
        .query_selector_all("a[href], button, input, [tabindex]")
        .expect("selector");
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|e| {
            e.tab_index() >= 0
                && !e.has_attribute("disabled")
                && (e.offset_width() > 0 || e.offset_height() > 0)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn each_listed_clause_is_one_tab_stop_whose_link_and_question_the_arrow_keys_join() {
    let (host, _) = widget(props("kingsoft", "cdn")).await;
    let clauses = host
        .query_selector_all(".ct-highlights li")
        .expect("selector")
        .length() as usize;
    assert!(clauses > 10, "{clauses} clauses listed");
    let list = host
        .query_selector(".ct-highlights")
        .expect("selector")
        .expect("the list");
    assert_eq!(tab_stops(&list).len(), clauses, "one Tab stop per clause");
    // From the agreement's text to Accept: the Download button, one stop per clause, the
    // acknowledgement box, the assent box, Accept.
    let stops = tab_stops(&host);
    let at = |id: &str| {
        stops
            .iter()
            .position(|e| e.id() == id)
            .unwrap_or_else(|| panic!("{id} is a Tab stop"))
    };
    let presses = at("ct-accept") - at("ct-panel");
    console_log!(
        "Tab presses from the agreement's text to Accept: {presses} ({clauses} clauses listed)"
    );
    assert_eq!(
        presses,
        1 + clauses + 3,
        "Tab presses from the text to Accept"
    );

    // ArrowRight moves from a clause's link to its question, which becomes the clause's stop;
    // ArrowLeft goes back.
    let first = list
        .query_selector("li")
        .expect("selector")
        .expect("a clause");
    let link: web_sys::HtmlElement = first
        .query_selector("a")
        .expect("selector")
        .expect("link")
        .unchecked_into();
    let ask: web_sys::HtmlElement = first
        .query_selector(".ct-ask")
        .expect("selector")
        .expect("question")
        .unchecked_into();
    let keydown = js_sys::Function::new_with_args(
        "target, key",
        "const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
         target.dispatchEvent(e);
         return e.defaultPrevented;",
    );
    let press = |target: &web_sys::HtmlElement, key: &str| {
        keydown
            .call2(&wasm_bindgen::JsValue::NULL, target, &key.into())
            .expect("dispatched")
            .as_bool()
            .unwrap_or(false)
    };
    let active = || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
    };
    link.focus().expect("focus");
    assert!(press(&link, "ArrowRight"), "the arrow key is taken");
    let (link_node, ask_node): (&web_sys::Node, &web_sys::Node) = (&link, &ask);
    assert!(active().is_some_and(|a| a.is_same_node(Some(ask_node))));
    assert_eq!((link.tab_index(), ask.tab_index()), (-1, 0));
    assert_eq!(tab_stops(&list).len(), clauses, "still one stop per clause");
    assert!(press(&ask, "ArrowLeft"));
    assert!(active().is_some_and(|a| a.is_same_node(Some(link_node))));
    assert_eq!((link.tab_index(), ask.tab_index()), (0, -1));
    assert!(
        !press(&link, "ArrowDown"),
        "other keys are left to the browser"
    );
}

#[wasm_bindgen_test]
async fn a_new_interface_language_sends_a_new_consent_ready_with_it() {
    let element = element_with(&[("products", "cdn")]);
    let log = EventLog::listen(&element);
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .expect("body")
        .append_child(&element)
        .expect("append");
    wait_until("consent-ready", || !log.details("consent-ready").is_empty()).await;
    let first = log.details("consent-ready");
    assert_eq!(first.len(), 1);
    assert_eq!(first[0]["lang"], "en");
    element.set_attribute("lang", "zh-CN").expect("attr");
    wait_until("a second consent-ready", || {
        log.details("consent-ready").len() == 2
    })
    .await;
    let ready = log.details("consent-ready");
    assert_eq!(ready[1]["lang"], "zh-CN");
    assert_eq!(ready[1]["agreements"], {
        let mut a = first[0]["agreements"].clone();
        // The same agreements, each titled as the interface now shows it.
        for (i, agreement) in ready[1]["agreements"]
            .as_array()
            .expect("a list")
            .iter()
            .enumerate()
        {
            a[i]["title"] = agreement["title"].clone();
        }
        a
    });
    // Another attribute changes nothing the host must hear again.
    element.set_attribute("subject", "someone").expect("attr");
    for _ in 0..5 {
        next_frame().await;
    }
    assert_eq!(log.details("consent-ready").len(), 2);
    element.remove();
}

#[wasm_bindgen_test]
async fn moving_the_element_elsewhere_in_the_page_keeps_the_widget_and_what_the_person_did() {
    use std::cell::Cell;
    use std::rc::Rc;
    // A modal or a responsive layout moves the element to another parent: removed and
    // inserted in one task. The person's place (the tab they chose) and the widget stay; only
    // an element that stays out of the page is taken down.
    let element = element_with(&[("products", "cdn"), ("challenge", "c-move")]);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let body = document.body().expect("body");
    let (first, second) = (
        document.create_element("div").expect("div"),
        document.create_element("div").expect("div"),
    );
    body.append_child(&first).expect("append");
    body.append_child(&second).expect("append");
    let readies = Rc::new(Cell::new(0));
    let _on_ready = {
        let readies = readies.clone();
        gloo_events_listener(&element, "consent-ready", move || {
            readies.set(readies.get() + 1)
        })
    };
    first.append_child(&element).expect("append");
    shown(&element).await;
    let root = || {
        element
            .shadow_root()
            .and_then(|s| s.query_selector(".ct-root").ok().flatten())
            .expect("the widget's root")
    };
    let before = root();
    script_click(&before, "[role=tab][data-agreement-id=kingsoft-cdn]");
    yew::scheduler::flush().await;
    second.append_child(&element).expect("moved");
    next_frame().await;
    yew::scheduler::flush().await;
    next_frame().await;
    assert!(
        root().is_same_node(Some(&before)),
        "the widget was rebuilt when its element moved"
    );
    assert_eq!(
        attr(
            &root(),
            "[data-agreement-id=kingsoft-cdn][role=tab]",
            "aria-selected"
        )
        .as_deref(),
        Some("true"),
        "the tab the person chose is no longer selected after the move"
    );
    assert_eq!(readies.get(), 1, "a moved widget announced itself again");
    // Out of the page for good: taken down.
    element.remove();
    next_frame().await;
    yew::scheduler::flush().await;
    let handle = js_sys::Reflect::get(&element, &"handle".into()).expect("handle");
    assert!(
        handle.is_null() || handle.is_undefined(),
        "a removed element keeps its widget"
    );
    first.remove();
    second.remove();
}

/// The page's `<html lang>` set to a value until dropped, then as it was.
struct PageLang(Option<String>);

impl PageLang {
    fn set(lang: &str) -> PageLang {
        let html = page_html();
        let before = html.get_attribute("lang");
        html.set_attribute("lang", lang).expect("lang");
        PageLang(before)
    }
}

impl Drop for PageLang {
    fn drop(&mut self) {
        let html = page_html();
        let _ = match &self.0 {
            Some(lang) => html.set_attribute("lang", lang),
            None => html.remove_attribute("lang"),
        };
    }
}

fn page_html() -> web_sys::Element {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .expect("the page's <html>")
}

#[wasm_bindgen_test]
async fn an_empty_lang_is_not_given_the_pages_language_is_shown() {
    let _page = PageLang::set("zh-CN");
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .expect("body");
    let empty = element_with(&[("lang", "")]);
    let absent = element_with(&[]);
    absent.remove_attribute("lang").expect("attr");
    for (what, element) in [("lang=\"\"", &empty), ("no lang", &absent)] {
        let log = EventLog::listen(element);
        body.append_child(element).expect("append");
        wait_until("consent-ready", || !log.details("consent-ready").is_empty()).await;
        shown(element).await;
        assert_eq!(
            log.details("consent-ready")[0]["lang"],
            "zh-CN",
            "{what} under <html lang=\"zh-CN\">"
        );
        let decline = element
            .shadow_root()
            .and_then(|s| s.query_selector("#ct-decline").ok().flatten())
            .and_then(|b| b.text_content());
        assert_eq!(
            decline.as_deref(),
            Some("不同意"),
            "{what}: the interface is not Chinese"
        );
        element.remove();
    }
}

/// A `mount` options object for the shipped agreements.
fn shipped_options(lang: &str) -> wasm_bindgen::JsValue {
    let options = js_sys::Object::new();
    for (name, value) in [
        ("provider", "kingsoft"),
        ("products", "cdn"),
        ("lang", lang),
        ("bundle", bundle_url().as_str()),
    ] {
        js_sys::Reflect::set(&options, &name.into(), &value.into()).expect("set");
    }
    options.into()
}

/// What `mount` returns, as the page's scripts hold it.
fn handle(mounted: impl Into<wasm_bindgen::JsValue>) -> wasm_bindgen::JsValue {
    mounted.into()
}

/// Calls the method `name` of a `mount` handle as a host script does, with `options` if given.
fn call(handle: &wasm_bindgen::JsValue, name: &str, options: Option<wasm_bindgen::JsValue>) {
    let method: js_sys::Function = js_sys::Reflect::get(handle, &name.into())
        .expect("a method")
        .dyn_into()
        .expect("a function");
    match options {
        Some(options) => method.call1(handle, &options),
        None => method.call0(handle),
    }
    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
}

#[wasm_bindgen_test]
async fn a_second_mount_on_one_element_replaces_the_first_widget() {
    use consent_terms::widget::mount;
    let host = fresh_host();
    let log = EventLog::listen(&host);
    let readies = || log.details("consent-ready").len();
    let settle = || async {
        for _ in 0..10 {
            next_frame().await;
            yew::scheduler::flush().await;
        }
    };
    let roots = || {
        host.shadow_root()
            .and_then(|s| s.query_selector_all(".ct-root").ok())
            .map(|l| l.length())
            .unwrap_or(0)
    };
    // Twice in a row, before the first widget has shown anything.
    let first = handle(mount(host.clone(), shipped_options("en")).expect("mount"));
    let second = handle(mount(host.clone(), shipped_options("en")).expect("mount"));
    wait_until("consent-ready", || readies() > 0).await;
    settle().await;
    assert_eq!(
        readies(),
        1,
        "two widgets announced themselves for one element"
    );
    assert_eq!(roots(), 1);
    // Again once the widget is shown: one more consent-ready, from the new one.
    let third = handle(mount(host.clone(), shipped_options("en")).expect("mount"));
    wait_until("a second consent-ready", || readies() > 1).await;
    settle().await;
    assert_eq!(readies(), 2, "the replaced widget announced itself again");
    assert_eq!(roots(), 1);
    // The replaced widgets' handles no longer reach anything.
    call(&first, "update", Some(shipped_options("zh-CN")));
    call(&second, "update", Some(shipped_options("zh-CN")));
    settle().await;
    assert_eq!(readies(), 2, "a replaced handle still updates a widget");
    // Destroying the last one leaves nothing: no widget, and no events from a hidden one.
    call(&third, "destroy", None);
    settle().await;
    assert_eq!(roots(), 0, "a widget is left in the element");
    for handle in [&first, &second] {
        call(handle, "update", Some(shipped_options("en")));
        call(handle, "destroy", None);
    }
    settle().await;
    assert_eq!(readies(), 2, "a widget no longer shown still sends events");
    // A handle destroyed and freed by the host does not stop the next mount there.
    call(&third, "free", None);
    let fourth = handle(mount(host.clone(), shipped_options("en")).expect("mount"));
    wait_until("a third consent-ready", || readies() > 2).await;
    settle().await;
    assert_eq!((readies(), roots()), (3, 1));
    call(&fourth, "destroy", None);
    settle().await;
    assert_eq!(roots(), 0, "a widget is left in the element");
    assert!(
        log.details("consent-error").is_empty(),
        "{:?}",
        log.details("consent-error")
    );
    host.remove();
}
