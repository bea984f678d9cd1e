//! Browser faults and hostile input, in headless Chromium and Firefox: storage and IndexedDB
//! that throw, WebCrypto missing, synthetic events, and agreement text full of markup that
//! must stay text. Expected each time: a clear code, no panic, no blank widget.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use consent_terms::bundle::build_bundle;
use consent_terms::catalog::Source;
use consent_terms::web::{receipt_key, sign};
use consent_terms::widget::ConsentTermsProps;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn run_js(code: &str) {
    js_sys::eval(code).expect("test set-up script runs");
}

/// Makes `target.name` throw on access, keeping the original to put back.
fn break_property(target: &str, name: &str) {
    run_js(&format!(
        "window.__ct_saved_{name} = Object.getOwnPropertyDescriptor({target}, '{name}'); \
         Object.defineProperty({target}, '{name}', {{ configurable: true, get() {{ throw new DOMException('denied', 'SecurityError'); }} }});"
    ));
}

/// Puts back what `break_property` replaced (on the global object these are own properties).
fn restore_property(target: &str, name: &str) {
    run_js(&format!(
        "if (window.__ct_saved_{name}) Object.defineProperty({target}, '{name}', window.__ct_saved_{name}); else delete {target}.{name};"
    ));
}

#[wasm_bindgen_test]
async fn storage_that_throws_is_a_warning_and_the_widget_still_works() {
    break_property("window", "localStorage");
    // A known person: what they accepted before is read from storage (without a subject
    // nothing is remembered, and storage is not touched).
    let mut p = props("kingsoft", "cdn");
    p.subject = Some("storage-fault".into());
    let (host, log) = widget(p).await;
    restore_property("window", "localStorage");
    wait_until("the storage warning", || {
        !log.details("consent-error").is_empty()
    })
    .await;
    let warning = &log.details("consent-error")[0];
    assert_eq!(warning["code"], "storage-unavailable");
    assert_eq!(warning["severity"], "warning");
    assert!(
        host.query_selector("#ct-accept")
            .expect("selector")
            .is_some(),
        "the person can still accept"
    );
    assert!(
        host.query_selector(".ct-error")
            .expect("selector")
            .is_none(),
        "a warning is not an error box"
    );
}

#[wasm_bindgen_test]
async fn without_indexeddb_the_key_is_for_this_page_and_still_signs() {
    break_property("window", "indexedDB");
    let first = receipt_key().await.expect("a key without IndexedDB");
    let second = receipt_key().await.expect("the same page key");
    restore_property("window", "indexedDB");
    assert!(!first.persisted, "reported as not kept");
    assert_eq!(first.jwk, second.jwk, "one key for the page");
    assert_eq!(first.jwk.crv, "P-256");
    assert_eq!(first.jwk.x.len(), 43, "32-byte coordinate in base64url");
    let signature = sign(&first, "header.payload").await.expect("signs");
    assert_eq!(signature.len(), 64, "r || s");
}

#[wasm_bindgen_test]
async fn with_indexeddb_the_key_is_kept_and_reused() {
    let first = receipt_key().await.expect("a key");
    let second = receipt_key().await.expect("the same key");
    assert!(first.persisted && second.persisted);
    assert_eq!(first.jwk, second.jwk, "the stored key is reused");
}

#[wasm_bindgen_test]
async fn without_webcrypto_the_widget_says_so() {
    break_property("crypto", "subtle");
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    restore_property("crypto", "subtle");
    let error = wait_for(&host, ".ct-error").await;
    assert_eq!(
        error.get_attribute("data-code").as_deref(),
        Some("webcrypto-unavailable")
    );
    assert!(error.text_content().unwrap_or_default().contains("HTTPS"));
    wait_until("consent-error", || !log.details("consent-error").is_empty()).await;
    assert_eq!(
        log.details("consent-error")[0]["code"],
        "webcrypto-unavailable"
    );
}

#[wasm_bindgen_test]
async fn synthetic_keyboard_and_mouse_events_never_accept() {
    let (host, log) = widget(one_click_props("kingsoft", "cdn")).await;
    let accept = host
        .query_selector("#ct-accept")
        .expect("selector")
        .expect("accept");
    for init in [
        "new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })",
        "new KeyboardEvent('keyup', { key: ' ', bubbles: true })",
        "new MouseEvent('click', { bubbles: true })",
        "new PointerEvent('pointerup', { bubbles: true })",
    ] {
        let event: web_sys::Event = js_sys::eval(init).expect("event").unchecked_into();
        accept.dispatch_event(&event).expect("dispatch");
    }
    script_click(&host, "#ct-accept");
    script_click(&host, "#ct-accept");
    script_click(&host, "#ct-accept");
    yew::scheduler::flush().await;
    assert!(host
        .query_selector("[data-phase=accepted]")
        .expect("selector")
        .is_none());
    assert!(
        log.details("consent-receipt").is_empty(),
        "zero receipts for synthetic events"
    );
}

/// Markup, script and tricks that must render as text. Each line becomes one clause.
const HOSTILE: &[&str] = &[
    "<script>window.__ct_pwned=1</script>",
    "<img src=x onerror=\"window.__ct_pwned=1\">",
    "<svg onload=\"window.__ct_pwned=1\"></svg>",
    "<svg><script>window.__ct_pwned=1</script></svg>",
    "<a href=\"javascript:window.__ct_pwned=1\">terms</a>",
    "<iframe src=\"javascript:window.__ct_pwned=1\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__ct_pwned=1</script>\"></iframe>",
    "<body onload=\"window.__ct_pwned=1\">",
    "<details open ontoggle=\"window.__ct_pwned=1\">x</details>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__ct_pwned=1\">",
    "\"><img src=x onerror=window.__ct_pwned=1>",
    "'><svg/onload=window.__ct_pwned=1>",
    "&lt;script&gt;window.__ct_pwned=1&lt;/script&gt;",
    "&#60;img src=x onerror=window.__ct_pwned=1&#62;",
    "javascript:window.__ct_pwned=1",
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=\"data:text/css,body{display:none}\">",
    "<object data=\"javascript:window.__ct_pwned=1\"></object>",
    "<embed src=\"javascript:window.__ct_pwned=1\">",
    "<input autofocus onfocus=\"window.__ct_pwned=1\">",
    "<video><source onerror=\"window.__ct_pwned=1\"></video>",
    "<marquee onstart=\"window.__ct_pwned=1\">x</marquee>",
    "<form action=\"javascript:window.__ct_pwned=1\"><button>go</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__ct_pwned=1\">",
    "<template><script>window.__ct_pwned=1</script></template>",
    "<base href=\"javascript:/\">",
    "${window.__ct_pwned=1} \\{\\{constructor.constructor('window.__ct_pwned=1')()\\}\\}",
    // Invisible and direction-changing characters are refused when the catalogue is built
    // (tests/lint_and_bundle.rs, and the bundle-invalid case in tests/browser/).
];

#[wasm_bindgen_test]
async fn a_corpus_of_hostile_text_renders_as_text_and_runs_nothing() {
    let mut source = String::from("---\nid: hostile\ntitle: Hostile <b>Terms</b> <img src=x onerror=\"window.__ct_pwned=1\">\nprovider: evil\nprovider-name: Evil Cloud\nversion: 1\neffective: 2024-01-01\nupdated: 2024-01-01\nlanguage: en\nproducts: *\nreconsent: required\n---\n# 1. <h1>Heading</h1>\n");
    for (i, payload) in HOSTILE.iter().enumerate() {
        source.push_str(&format!("1.{} {payload}\n", i + 1));
        source.push_str(&format!(
            "2.{} {{{{exemption: not liable for {payload}}}}}\n",
            i + 1
        ));
    }
    source.push_str(&format!("3.1 {}\n", "A very long line. ".repeat(2000)));
    for i in 0..400 {
        source.push_str(&format!(
            "- list item {i} <li><ul><li>nested</li></ul></li>\n"
        ));
    }
    let bundle = build_bundle(&[Source {
        path: "hostile/1.md".into(),
        text: source,
    }])
    .expect("the hostile source parses");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let children_before = document.body().expect("body").child_element_count();
    let title_before = document.title();
    let (host, _) = widget(ConsentTermsProps {
        bundle: data_url(&bundle.to_json()).into(),
        ..props("evil", "")
    })
    .await;
    let article = host
        .query_selector("article")
        .expect("selector")
        .expect("the agreement renders");
    for tag in [
        "script", "img", "svg", "a", "iframe", "style", "link", "object", "embed", "input",
        "video", "marquee", "form", "meta", "template", "base", "math", "details", "h1",
    ] {
        assert!(
            article.query_selector(tag).expect("selector").is_none(),
            "no <{tag}> from agreement text"
        );
    }
    // The only list is the widget's own, one item per list item, nothing else inside an item.
    for selector in [
        "ul:not(.ct-list)",
        "li:not(.ct-item)",
        ".ct-item *:not(.ct-highlight, .ct-sr-only, b)",
    ] {
        assert!(
            article
                .query_selector(selector)
                .expect("selector")
                .is_none(),
            "nothing matches {selector}: no list from agreement text"
        );
    }
    assert_eq!(
        article
            .query_selector_all(".ct-list > .ct-item")
            .expect("selector")
            .length(),
        400
    );
    let shown = article.text_content().unwrap_or_default();
    for payload in HOSTILE {
        let literal = payload.replace("\\{", "{").replace("\\}", "}");
        assert!(shown.contains(&literal), "shown as text: {literal}");
    }
    assert_eq!(
        host.query_selector_all("article strong.ct-highlight")
            .expect("selector")
            .length() as usize,
        HOSTILE.len()
    );
    let window = web_sys::window().expect("window");
    assert!(
        js_sys::Reflect::get(&window, &"__ct_pwned".into())
            .expect("get")
            .is_undefined(),
        "nothing from the agreement ran"
    );
    assert_eq!(
        document.body().expect("body").child_element_count(),
        children_before + 1,
        "only the host was added to the page"
    );
    assert_eq!(document.title(), title_before);
}

#[wasm_bindgen_test]
async fn the_text_hash_is_the_wasms_own_not_the_pages_digest() {
    use consent_terms::canonical::content_hash;
    use consent_terms::web::rendered_hash;
    // A page that replaces `crypto.subtle.digest` with a liar changes nothing: the read-back
    // hashes in the wasm.
    run_js(
        "window.__ct_digest = crypto.subtle.digest; \
         crypto.subtle.digest = () => Promise.resolve(new Uint8Array(32).buffer);",
    );
    let (host, _log) = widget(props("kingsoft", "cdn")).await;
    let article = host
        .query_selector("article.ct-agreement")
        .ok()
        .flatten()
        .expect("an agreement is shown");
    let (id, hash) = rendered_hash(&article);
    run_js("crypto.subtle.digest = window.__ct_digest;");
    let catalog =
        consent_terms::catalog::Catalog::from_sources(&consent_terms::catalog::bundled_sources())
            .expect("the shipped catalogue");
    let agreement = catalog
        .find(&id, "2020-04-14")
        .expect("the general agreement is shown first");
    assert_eq!(hash, content_hash(agreement));
}

#[wasm_bindgen_test]
async fn the_signing_key_cannot_be_exported_by_a_page_script() {
    let key = receipt_key().await.expect("a key");
    let private = key.private_key();
    let extractable = js_sys::Reflect::get(&private, &"extractable".into()).expect("a CryptoKey");
    assert_eq!(extractable.as_bool(), Some(false));
    let subtle = js_sys::eval("crypto.subtle").expect("WebCrypto");
    let export = js_sys::Reflect::get(&subtle, &"exportKey".into())
        .expect("exportKey")
        .dyn_into::<js_sys::Function>()
        .expect("a function");
    let promise = export
        .call2(&subtle, &"jwk".into(), &private)
        .expect("exportKey returns a promise");
    let result = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
    assert!(result.is_err(), "exporting the private key is refused");
}
