//! Browser tests of the widget, in headless Chromium and Firefox: each rule the person or the
//! host relies on. Acceptance by real (trusted) input is covered end to end by
//! `tools/e2e/preview.mjs` and `tools/e2e/receipts.mjs`, since a page script cannot produce
//! trusted events.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use consent_terms::bundle::build_bundle;
use consent_terms::canonical::content_hash;
use consent_terms::catalog::{bundled_catalog, bundled_sources, Source};
use consent_terms::widget::ConsentTermsProps;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn attr(root: &web_sys::Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute(name))
}

#[wasm_bindgen_test]
async fn shows_the_base_agreement_first_and_switches_on_tab_click() {
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    assert_eq!(
        text_of(&host, "article h3"),
        "Agreement of Kingsoft Cloud Service"
    );
    assert_eq!(
        host.query_selector_all("[role=tab]")
            .expect("selector")
            .length(),
        2
    );
    script_click(&host, "[role=tab][data-agreement-id=kingsoft-cdn]");
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&host, "article h3"),
        "Kingsoft Cloud CDN Service Agreement"
    );
    assert_eq!(
        attr(
            &host,
            "[data-agreement-id=kingsoft-cdn][role=tab]",
            "aria-selected"
        )
        .as_deref(),
        Some("true")
    );
    assert!(text_of(&host, ".ct-precedence")
        .contains("applies together with the Agreement of Kingsoft Cloud Service"));
    let ready = log.details("consent-ready");
    assert_eq!(ready.len(), 1);
    assert_eq!(ready[0]["agreements"][1]["id"], "kingsoft-cdn");
    let cdn = bundled_catalog()
        .as_ref()
        .expect("valid")
        .current("kingsoft-cdn", "en")
        .expect("shipped");
    assert_eq!(
        ready[0]["agreements"][1]["version"],
        cdn.meta.version.as_str()
    );
    assert_eq!(
        ready[0]["agreements"][1]["hash"],
        content_hash(cdn).as_str()
    );
}

#[wasm_bindgen_test]
async fn switching_tabs_on_a_slow_device_is_not_reported_as_a_changed_text() {
    // A slow device: setting an article's agreement id takes 30 ms, so the render of a tab
    // switch outlasts Yew's 16 ms slice and the browser runs its microtasks, a watch's records
    // among them, before that render's effects. The watch on the agreement shown before must
    // not take the widget's own change for a change to the text.
    let slow = js_sys::Function::new_no_args(
        "const set = Element.prototype.setAttribute;
         Element.prototype.setAttribute = function (name, value) {
           if (this.localName === 'article' && name === 'data-agreement-id') {
             const end = performance.now() + 30;
             while (performance.now() < end) {}
           }
           return set.call(this, name, value);
         };
         return () => { Element.prototype.setAttribute = set; };",
    );
    let restore: js_sys::Function = slow
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("slowed")
        .into();
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    // Left to the widget's own scheduler, which yields to the browser as it does on a page
    // (`yew::scheduler::flush` would run it to the end at once).
    script_click(&host, "[role=tab][data-agreement-id=kingsoft-cdn]");
    for _ in 0..3 {
        next_frame().await;
    }
    restore
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("restored");
    assert_eq!(
        text_of(&host, "article h3"),
        "Kingsoft Cloud CDN Service Agreement"
    );
    assert!(
        log.details("consent-error").is_empty(),
        "{:?}",
        log.details("consent-error")
    );
}

#[wasm_bindgen_test]
async fn highlighted_clauses_in_the_dom_match_the_catalogue() {
    let catalog = bundled_catalog().as_ref().expect("valid");
    let (host, _) = widget(props("kingsoft", "cdn kmct")).await;
    let mut total = 0;
    for id in ["kingsoft-general", "kingsoft-cdn", "kingsoft-kmct"] {
        script_click(&host, &format!("[role=tab][data-agreement-id={id}]"));
        yew::scheduler::flush().await;
        let expected = catalog
            .current(id, "en")
            .expect("shipped")
            .highlights()
            .count();
        let strong = host
            .query_selector_all("article strong.ct-highlight")
            .expect("selector");
        assert_eq!(strong.length() as usize, expected, "{id}");
        let first = text_of(&host, "article strong.ct-highlight .ct-sr-only");
        assert!(
            first.ends_with("clause: "),
            "announced as a kind of clause: {first}"
        );
        total += expected;
    }
    let listed = host
        .query_selector_all(".ct-highlights li a")
        .expect("selector");
    assert_eq!(
        listed.length() as usize,
        total,
        "every highlighted clause is listed with a link"
    );
    assert!(text_of(&host, ".ct-highlights h3").contains(&format!("({total})")));
}

#[wasm_bindgen_test]
async fn a_listed_clause_link_shows_its_agreement_and_focuses_the_clause() {
    let (host, _) = widget(props("kingsoft", "cdn")).await;
    let link = host
        .query_selector(".ct-highlights a[href^='#ct-kingsoft-cdn-']")
        .expect("selector")
        .expect("a link to a CDN clause");
    let target = link
        .get_attribute("href")
        .expect("href")
        .trim_start_matches('#')
        .to_string();
    link.unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the clause has focus", || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|a| a.id() == target)
    })
    .await;
    assert_eq!(
        text_of(&host, "article h3"),
        "Kingsoft Cloud CDN Service Agreement"
    );
}

#[wasm_bindgen_test]
async fn accept_stays_disabled_and_says_what_is_missing_until_each_requirement_is_met() {
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    assert_eq!(
        attr(&host, "#ct-accept", "aria-disabled").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&host, "#ct-accept", "aria-describedby").as_deref(),
        Some("ct-status")
    );
    let status = text_of(&host, "#ct-status");
    assert!(
        status.contains("scroll to the end of the Agreement of Kingsoft Cloud Service"),
        "{status}"
    );
    assert!(
        status.contains("scroll to the end of the Kingsoft Cloud CDN Service Agreement"),
        "{status}"
    );
    assert!(
        status.contains("tick the box for the highlighted clauses"),
        "{status}"
    );
    assert!(status.contains("tick the box to agree"), "{status}");
    // Both checkboxes start unticked.
    for id in ["#ct-ack", "#ct-assent"] {
        let input: web_sys::HtmlInputElement = host
            .query_selector(id)
            .expect("selector")
            .expect(id)
            .unchecked_into();
        assert!(!input.checked(), "{id} starts unticked");
    }

    // A script scrolling the panel to its end is not the person reading: nothing counts. (The
    // person's own scrolling, by keyboard, is covered end to end in both browsers.)
    scroll_panel_to_end(&host);
    script_click(&host, "[role=tab][data-agreement-id=kingsoft-cdn]");
    yew::scheduler::flush().await;
    scroll_panel_to_end(&host);
    // Time for the visibility observer to have reported the end.
    for _ in 0..20 {
        next_frame().await;
    }
    for id in ["kingsoft-general", "kingsoft-cdn"] {
        assert_eq!(
            attr(
                &host,
                &format!("[role=tab][data-agreement-id={id}]"),
                "data-read"
            )
            .as_deref(),
            Some("false"),
            "{id}: a script's scrollTop does not count as read"
        );
    }
    assert!(text_of(&host, "#ct-status").contains("scroll to the end"));
    assert_eq!(
        attr(&host, "#ct-accept", "aria-disabled").as_deref(),
        Some("true")
    );
    let changes = log.details("consent-change");
    let last = changes.last().expect("consent-change events");
    assert_eq!(
        last["missing"],
        serde_json::json!([
            "read-to-end:kingsoft-general",
            "read-to-end:kingsoft-cdn",
            "acknowledge-highlights",
            "assent"
        ])
    );
    assert_eq!(last["canAccept"], false);
}

#[wasm_bindgen_test]
async fn script_clicks_and_ticks_do_not_count() {
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    script_click(&host, "#ct-ack");
    script_click(&host, "#ct-assent");
    yew::scheduler::flush().await;
    let ack: web_sys::HtmlInputElement = host
        .query_selector("#ct-ack")
        .expect("selector")
        .expect("ack")
        .unchecked_into();
    assert!(!ack.checked(), "a script cannot tick the acknowledgement");
    assert!(text_of(&host, "#ct-status").contains("tick the box to agree"));
    // A click made as not cancelable cannot be cancelled: the boxes must still not show a tick
    // that the flow does not count.
    page_script(
        &host,
        "for (const id of ['#ct-ack', '#ct-assent']) \
           host.querySelector(id).dispatchEvent(new MouseEvent('click', { bubbles: true }));",
    );
    yew::scheduler::flush().await;
    for id in ["#ct-ack", "#ct-assent"] {
        let input: web_sys::HtmlInputElement = host
            .query_selector(id)
            .expect("selector")
            .expect("box")
            .unchecked_into();
        assert!(
            !input.checked(),
            "a non-cancelable script click leaves {id} unticked"
        );
    }

    // With nothing else required, a script click on accept still does not accept.
    let (host, log2) = widget(one_click_props("kingsoft", "cdn")).await;
    assert_eq!(
        attr(&host, "#ct-accept", "aria-disabled").as_deref(),
        Some("false")
    );
    let label = text_of(&host, "#ct-accept");
    assert!(
        label.starts_with(
            "Agree and register: by clicking, I agree to the Agreement of Kingsoft Cloud Service"
        ),
        "{label}"
    );
    script_click(&host, "#ct-accept");
    script_click(&host, "#ct-accept");
    yew::scheduler::flush().await;
    assert!(host
        .query_selector("[data-phase=accepted]")
        .expect("selector")
        .is_none());
    for l in [&log, &log2] {
        assert!(l
            .details("consent-change")
            .iter()
            .all(|d| d["phase"] != "accepted"));
        assert!(l.details("consent-receipt").is_empty());
    }
}

#[wasm_bindgen_test]
async fn decline_is_reported_and_can_be_reviewed_again() {
    let (host, log) = widget(props("alibaba", "redis")).await;
    let accept_class = attr(&host, "#ct-accept", "class").unwrap_or_default();
    let decline_class = attr(&host, "#ct-decline", "class").unwrap_or_default();
    assert!(
        accept_class.contains("ct-button") && decline_class.contains("ct-button"),
        "same kind of control"
    );
    script_click(&host, "#ct-decline");
    yew::scheduler::flush().await;
    let declined = log.details("consent-declined");
    assert_eq!(declined.len(), 1);
    assert_eq!(declined[0]["agreements"][0]["id"], "alibaba-redis");
    assert!(declined[0]["declinedAt"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    wait_for(&host, ".ct-outcome[data-phase=declined] button").await;
    script_click(&host, ".ct-outcome[data-phase=declined] button");
    yew::scheduler::flush().await;
    wait_for(&host, "#ct-accept").await;
}

/// An agreement whose text is all markup and script, to be shown as text.
const HOSTILE: &str = "---\nid: hostile\ntitle: <img src=x onerror=\"window.__ct_pwned=1\">Terms\nprovider: evil\nprovider-name: Evil <b>Cloud</b>\nversion: 1\neffective: 2024-01-01\nupdated: 2024-01-01\nlanguage: en\nproducts: *\nreconsent: required\n---\n# 1. <script>window.__ct_pwned=1</script>\n1.1 Click <a href=\"javascript:window.__ct_pwned=1\">here</a> &amp; <svg onload=\"window.__ct_pwned=1\"></svg>\n1.2 {{exemption: <img src=x onerror=\"window.__ct_pwned=1\"> is not liable}}\n";

#[wasm_bindgen_test]
async fn agreement_text_is_never_markup() {
    let hostile = HOSTILE;
    let bundle = build_bundle(&[Source {
        path: "hostile/1.md".into(),
        text: hostile.into(),
    }])
    .expect("valid source");
    let mut p = props("evil", "");
    p.bundle = data_url(&bundle.to_json()).into();
    let (host, _) = widget(p).await;
    let article = host
        .query_selector("article")
        .expect("selector")
        .expect("article");
    for tag in ["script", "img", "svg", "a"] {
        assert!(
            article.query_selector(tag).expect("selector").is_none(),
            "no <{tag}> from agreement text"
        );
    }
    let shown = article.text_content().unwrap_or_default();
    assert!(
        shown.contains("<script>window.__ct_pwned=1</script>"),
        "shown as text"
    );
    assert!(
        shown.contains("<a href=\"javascript:window.__ct_pwned=1\">here</a> &amp;"),
        "entities stay literal"
    );
    assert!(text_of(&host, "article h3").starts_with("<img src=x"));
    let window = web_sys::window().expect("window");
    let pwned = js_sys::Reflect::get(&window, &"__ct_pwned".into()).expect("get");
    assert!(pwned.is_undefined(), "nothing from the agreement ran");
}

#[wasm_bindgen_test]
async fn chinese_and_english_interfaces() {
    let mut p = props("kingsoft", "kmct");
    p.lang = "zh-CN".into();
    let (host, _) = widget(p).await;
    assert_eq!(text_of(&host, "#ct-decline"), "不同意");
    assert_eq!(attr(&host, ".ct-root", "lang").as_deref(), Some("zh-CN"));
    assert!(text_of(&host, ".ct-highlights h3").starts_with("免除或限制责任的条款"));
    script_click(&host, "[role=tab][data-agreement-id=kingsoft-kmct]");
    yew::scheduler::flush().await;
    assert!(
        text_of(&host, ".ct-precedence").contains("以本协议为准"),
        "precedence in Chinese"
    );
    assert_eq!(
        attr(&host, "article", "lang").as_deref(),
        Some("en"),
        "the English text is marked as English"
    );
}

async fn error_of(p: ConsentTermsProps) -> (String, String, Vec<serde_json::Value>) {
    let (host, log) = widget(p).await;
    let error = wait_for(&host, ".ct-error").await;
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    wait_until("consent-error is dispatched", || {
        !log.details("consent-error").is_empty()
    })
    .await;
    let code = error.get_attribute("data-code").unwrap_or_default();
    (
        code,
        error.text_content().unwrap_or_default(),
        log.details("consent-error"),
    )
}

#[wasm_bindgen_test]
async fn each_error_is_shown_with_the_code_the_host_receives() {
    // A compiled bundle whose blocks were edited afterwards: the text no longer hashes to the
    // hash it declares.
    let mut tampered = build_bundle(&bundled_sources()).expect("valid");
    assert!(edit_text(
        &mut tampered.agreements[1].agreement,
        "shall not",
        "shall"
    ));
    let tampered = data_url(&tampered.to_json());
    // A host's bundle with a right-to-left override in a clause: no catalogue holds it, and the
    // refusal comes before the declared hashes are compared, so rewriting them does not help.
    let mut hidden = build_bundle(&bundled_sources()).expect("valid");
    assert!(edit_text(
        &mut hidden.agreements[1].agreement,
        "shall not",
        "shall \u{202E}ton\u{202C}"
    ));
    let hidden = data_url(&hidden.to_json());
    let cases: Vec<(ConsentTermsProps, &str, &str)> = vec![
        (
            props("aws", ""),
            "unknown-provider",
            "known providers: alibaba, jdcloud, kingsoft",
        ),
        (
            props("kingsoft", "dns"),
            "unknown-product",
            "its products: cdn, kmct",
        ),
        (props("", ""), "missing-attribute", "`provider`"),
        (
            ConsentTermsProps {
                bundle: "/no-such-bundle.json".into(),
                ..props("kingsoft", "")
            },
            "bundle-unreachable",
            "404",
        ),
        (
            ConsentTermsProps {
                bundle: data_url("<!doctype html><p>Not found").into(),
                ..props("kingsoft", "")
            },
            "bundle-malformed",
            "not valid JSON",
        ),
        (
            ConsentTermsProps {
                bundle: data_url(
                    "{\"format\":\"consent-terms-bundle/2\",\"agreements\":[{\"path\":\"x",
                )
                .into(),
                ..props("kingsoft", "")
            },
            "bundle-malformed",
            "not valid JSON",
        ),
        (
            ConsentTermsProps {
                bundle: data_url(
                    "{\"format\":\"consent-terms-bundle/2\",\"agreements\":[{\"path\":\"x.md\"}]}",
                )
                .into(),
                ..props("kingsoft", "")
            },
            "bundle-malformed",
            "`agreements[0].sha256` is missing",
        ),
        // The earlier format, which carried sources for the browser to parse: refused, saying
        // how to write it again.
        (
            ConsentTermsProps {
                bundle: data_url(
                    "{\"format\":\"consent-terms-bundle/1\",\"agreements\":[{\"path\":\"x.md\",\"sha256\":\"00\",\"source\":\"---\"}]}",
                )
                .into(),
                ..props("kingsoft", "")
            },
            "bundle-malformed",
            "write it again with `consent-terms bundle",
        ),
        (
            ConsentTermsProps {
                bundle: tampered.into(),
                ..props("kingsoft", "cdn")
            },
            "hash-mismatch",
            "declared sha256",
        ),
        (
            ConsentTermsProps {
                bundle: hidden.into(),
                ..props("kingsoft", "cdn")
            },
            "bundle-invalid",
            "U+202E is an invisible or direction-changing character",
        ),
    ];
    for (p, code, words) in cases {
        let (shown_code, text, events) = error_of(p).await;
        assert_eq!(shown_code, code);
        assert!(text.contains(words), "{code}: {text}");
        assert!(text.contains(code), "the person sees the code too: {text}");
        assert_eq!(events.len(), 1, "{code}: one consent-error");
        assert_eq!(events[0]["code"], code);
        assert!(
            events[0]["message"]
                .as_str()
                .is_some_and(|m| text.contains(m)),
            "{code}: same message"
        );
    }
}

#[wasm_bindgen_test]
async fn a_compiled_bundle_whose_blocks_were_edited_is_refused_with_hash_mismatch() {
    // The bundle is compiled, then one clause of the CDN agreement is edited in it, its
    // declared hash kept: the widget hashes what it would show, and it is not what was
    // declared.
    let mut bundle = build_bundle(&bundled_sources()).expect("valid");
    let entry = bundle
        .agreements
        .iter_mut()
        .find(|e| e.agreement.meta.id == "kingsoft-cdn")
        .expect("the CDN agreement");
    let path = entry.path.clone();
    assert!(edit_text(&mut entry.agreement, "shall not", "shall"));
    let (code, text, events) = error_of(ConsentTermsProps {
        bundle: data_url(&bundle.to_json()).into(),
        ..props("kingsoft", "cdn")
    })
    .await;
    assert_eq!(code, "hash-mismatch");
    assert!(
        text.contains(&path) && text.contains("declared sha256"),
        "{text}"
    );
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["code"], "hash-mismatch");
}

#[wasm_bindgen_test]
async fn the_custom_element_renders_in_a_shadow_root_and_follows_its_attributes() {
    use_test_stylesheet();
    consent_terms::widget::define_element();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let log = EventLog::listen(&document);
    let element = document.create_element("consent-terms").expect("element");
    element.set_attribute("provider", "kingsoft").expect("attr");
    element
        .set_attribute("bundle", &bundle_url())
        .expect("attr");
    element.set_attribute("lang", "en").expect("attr");
    document
        .body()
        .expect("body")
        .append_child(&element)
        .expect("append");
    let shadow = element.shadow_root().expect("a shadow root");
    let inner = || shadow.query_selector(".ct-root").ok().flatten();
    wait_until("the element renders", || {
        inner().is_some_and(|r| r.query_selector("[role=tab]").ok().flatten().is_some())
    })
    .await;
    assert_eq!(
        element.children().length(),
        0,
        "nothing is added to the page's DOM: the widget lives in the shadow root"
    );
    let tabs = || {
        shadow
            .query_selector_all("[role=tab]")
            .map(|l| l.length())
            .unwrap_or(0)
    };
    assert_eq!(tabs(), 1);

    element.set_attribute("products", "cdn kmct").expect("attr");
    wait_until("products change the agreements", || tabs() == 3).await;
    element.set_attribute("lang", "zh-CN").expect("attr");
    wait_until("lang changes the language", || {
        shadow
            .query_selector("#ct-decline")
            .ok()
            .flatten()
            .and_then(|b| b.text_content())
            .as_deref()
            == Some("不同意")
    })
    .await;
    assert!(
        log.names().iter().any(|n| n == "consent-ready"),
        "events are composed and bubble to the document"
    );

    // Page styles do not reach inside: a page rule on the widget's class changes nothing.
    let style = document.create_element("style").expect("style");
    style.set_text_content(Some(".ct-tab { display: none !important; }"));
    document
        .head()
        .expect("head")
        .append_child(&style)
        .expect("append");
    let tab = shadow
        .query_selector("[role=tab]")
        .expect("selector")
        .expect("tab");
    let shown = web_sys::window()
        .expect("window")
        .get_computed_style(&tab)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("display").ok());
    assert_ne!(shown.as_deref(), Some("none"));
    style.remove();

    element.remove();
    document
        .body()
        .expect("body")
        .append_child(&element)
        .expect("re-append");
    wait_until("the element renders again when re-added", || {
        inner().is_some()
    })
    .await;
    element.remove();
}

#[wasm_bindgen_test]
async fn the_text_read_back_from_the_page_is_the_published_canonical_text() {
    use consent_terms::canonical::canonical_text;
    use consent_terms::web::rendered_canonical;
    let catalog = bundled_catalog().as_ref().expect("valid");
    for (provider, products) in [
        ("kingsoft", "cdn kmct"),
        ("jdcloud", "kubernetes"),
        ("alibaba", "redis"),
    ] {
        let (host, _) = widget(props(provider, products)).await;
        let ids: Vec<String> = {
            let tabs = host.query_selector_all("[role=tab]").expect("selector");
            (0..tabs.length())
                .filter_map(|i| tabs.item(i))
                .filter_map(|t| t.dyn_into::<web_sys::Element>().ok())
                .filter_map(|t| t.get_attribute("data-agreement-id"))
                .collect()
        };
        for id in ids {
            script_click(&host, &format!("[role=tab][data-agreement-id={id}]"));
            yew::scheduler::flush().await;
            let article = host
                .query_selector("article")
                .expect("selector")
                .expect("article");
            let agreement = catalog.current(&id, "en").expect("shipped");
            assert_eq!(
                rendered_canonical(&article),
                canonical_text(agreement),
                "{id}: what is rendered is what is published"
            );
        }
    }
}

/// Shipped agreement versions as accepted on 2021-01-01, by id.
fn accepted_entries(versions: &[(&str, &str)]) -> serde_json::Map<String, serde_json::Value> {
    let catalog = bundled_catalog().as_ref().expect("valid");
    versions
        .iter()
        .map(|(id, v)| {
            let a = catalog.find(id, v).expect("shipped");
            (id.to_string(), serde_json::json!({ "version": v, "sha256": content_hash(a), "accepted_at": "2021-01-01T00:00:00.000Z" }))
        })
        .collect()
}

fn seed_accepted(subject: &str, versions: &[(&str, &str)]) {
    let map = accepted_entries(versions);
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage");
    storage
        .set_item(
            &format!("consent-terms/v1/accepted/{subject}"),
            &serde_json::Value::Object(map).to_string(),
        )
        .expect("store");
}

#[wasm_bindgen_test]
async fn reconsent_asks_only_the_changed_agreement_and_shows_what_changed() {
    seed_accepted(
        "carol",
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2020-11-26"),
        ],
    );
    let mut p = props("kingsoft", "cdn");
    p.subject = Some("carol".into());
    let (host, log) = widget(p).await;
    let tabs = host.query_selector_all("[role=tab]").expect("selector");
    assert_eq!(
        tabs.length(),
        1,
        "the general agreement is current and not asked again"
    );
    assert_eq!(
        attr(&host, "[role=tab]", "data-agreement-id").as_deref(),
        Some("kingsoft-cdn")
    );
    assert!(text_of(&host, ".ct-changes h3").contains("2020-11-26"));
    let changes = host.query_selector_all(".ct-changes li").expect("selector");
    assert_eq!(changes.length(), 3);
    assert_eq!(
        attr(&host, ".ct-changes li:nth-child(2)", "data-change").as_deref(),
        Some("changed")
    );
    assert!(text_of(&host, ".ct-changes li:nth-child(2)").contains("three (3) months"));
    assert_eq!(
        attr(&host, ".ct-changes li:nth-child(3)", "data-change").as_deref(),
        Some("added")
    );
    assert!(text_of(&host, ".ct-changes li:nth-child(3)").contains("7.7"));
    assert_eq!(
        log.details("consent-ready")[0]["agreements"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[wasm_bindgen_test]
async fn current_versions_already_accepted_are_not_asked_again() {
    seed_accepted(
        "dave",
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2021-06-01"),
        ],
    );
    let mut p = props("kingsoft", "cdn");
    p.subject = Some("dave".into());
    let (host, log) = widget(p).await;
    wait_for(&host, "[data-phase=already-accepted]").await;
    assert!(
        host.query_selector("#ct-accept")
            .expect("selector")
            .is_none(),
        "nothing to accept"
    );
    assert!(text_of(&host, ".ct-outcome").contains("already accepted"));
    wait_until("the host is told", || {
        !log.details("consent-change").is_empty()
    })
    .await;
    assert_eq!(log.details("consent-change")[0]["alreadyAccepted"], true);
}

#[wasm_bindgen_test]
async fn a_v1_acceptance_is_asked_again_when_v2_required_it_though_v3_does_not() {
    // The shipped agreements and a third CDN version made from the second: a typo fixed,
    // `reconsent: not-required`. v2 (2021-06-01) requires accepting again.
    let mut sources = bundled_sources();
    let v2 = sources
        .iter()
        .find(|s| s.path.ends_with("kingsoft-cdn/2021-06-01.md"))
        .expect("shipped")
        .text
        .clone();
    let v3 = v2
        .replacen("version: 2021-06-01", "version: 2022-03-01", 1)
        .replacen("effective: 2021-06-01", "effective: 2022-03-01", 1)
        .replacen("updated: 2021-05-01", "updated: 2022-02-01", 1)
        .replacen("reconsent: required", "reconsent: not-required", 1)
        .replacen("videoon-demand", "video-on-demand", 1);
    assert!(v3.contains("reconsent: not-required") && v3.contains("video-on-demand"));
    sources.push(Source {
        path: "agreements/kingsoft-cdn/2022-03-01.md".into(),
        text: v3,
    });
    let bundle = build_bundle(&sources).expect("three CDN versions make a valid bundle");
    // This browser remembers v1 of the CDN agreement (and the current general agreement).
    seed_accepted(
        "yuki",
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2020-11-26"),
        ],
    );
    let mut p = props("kingsoft", "cdn");
    p.subject = Some("yuki".into());
    p.bundle = data_url(&bundle.to_json()).into();
    let (host, log) = widget(p).await;
    // v3 is asked, as accepting again since v1, not recorded without asking.
    let tabs = host.query_selector_all("[role=tab]").expect("selector");
    assert_eq!(tabs.length(), 1, "only the CDN agreement is asked");
    assert_eq!(
        attr(&host, "[role=tab]", "data-agreement-id").as_deref(),
        Some("kingsoft-cdn")
    );
    assert!(text_of(&host, ".ct-changes h3").contains("2020-11-26"));
    assert!(host
        .query_selector("#ct-accept")
        .expect("selector")
        .is_some());
    let ready = log.details("consent-ready");
    assert_eq!(ready[0]["agreements"][0]["id"], "kingsoft-cdn");
    assert_eq!(ready[0]["agreements"][0]["version"], "2022-03-01");
    assert!(
        log.details("consent-change")
            .iter()
            .all(|d| d["alreadyAccepted"] != true),
        "nothing is taken as accepted"
    );
}

/// A status endpoint's answer (the ledger's `GET /v1/subjects/{subject}/status`) saying these
/// versions were accepted, as a URL the widget can fetch.
fn status_url(versions: &[(&str, &str)]) -> String {
    let accepted: Vec<serde_json::Value> = accepted_entries(versions)
        .into_iter()
        .map(|(id, mut entry)| {
            entry["id"] = id.into();
            entry["receipt_id"] = "5f0c6f1e-0000-4000-8000-000000000001".into();
            entry
        })
        .collect();
    data_url(
        &serde_json::json!({ "subject": "s", "accepted": accepted, "required": [] }).to_string(),
    )
}

const KINGSOFT_CDN_CURRENT: [(&str, &str); 2] = [
    ("kingsoft-general", "2020-04-14"),
    ("kingsoft-cdn", "2021-06-01"),
];

#[wasm_bindgen_test]
async fn the_status_url_is_trusted_over_what_this_browser_remembers() {
    // Storage cleared, or another device: the server's record says everything is accepted.
    let mut p = props("kingsoft", "cdn");
    p.subject = Some("erin".into());
    p.status_url = Some(status_url(&KINGSOFT_CDN_CURRENT).into());
    let (host, log) = widget(p).await;
    wait_for(&host, "[data-phase=already-accepted]").await;
    wait_until("the host is told", || {
        !log.details("consent-change").is_empty()
    })
    .await;
    assert_eq!(log.details("consent-change")[0]["alreadyAccepted"], true);
    assert!(log.details("consent-ready").is_empty(), "nothing is asked");
    // This browser remembers an acceptance the server has no record of: ask.
    seed_accepted("frank", &KINGSOFT_CDN_CURRENT);
    let mut p = props("kingsoft", "cdn");
    p.subject = Some("frank".into());
    p.status_url = Some(status_url(&[]).into());
    let (host, _) = widget(p).await;
    wait_for(&host, "#ct-accept").await;
    let tabs = host.query_selector_all("[role=tab]").expect("selector");
    assert_eq!(tabs.length(), 2, "both agreements are asked");
}

#[wasm_bindgen_test]
async fn a_status_url_that_fails_leaves_this_browsers_record_and_a_warning() {
    seed_accepted("gina", &KINGSOFT_CDN_CURRENT);
    let mut p = props("kingsoft", "cdn");
    p.subject = Some("gina".into());
    p.status_url = Some("/no-such-status-endpoint".into());
    let (host, log) = widget(p).await;
    wait_for(&host, "[data-phase=already-accepted]").await;
    wait_until("the warning", || !log.details("consent-error").is_empty()).await;
    let warning = &log.details("consent-error")[0];
    assert_eq!(warning["code"], "status-unavailable");
    assert_eq!(warning["severity"], "warning");
    assert!(
        warning["message"]
            .as_str()
            .is_some_and(|m| m.contains("HTTP 404")),
        "{warning}"
    );
}

#[wasm_bindgen_test]
async fn widgets_naming_one_bundle_fetch_and_check_it_once() {
    // A URL no other test uses, and a fetch that counts what it is asked for.
    let bundle = build_bundle(&bundled_sources()).expect("shipped agreements are valid");
    let url = data_url(&(bundle.to_json() + "\n"));
    js_sys::Function::new_no_args(
        "const f = window.fetch; window.__fetched = [];
         window.fetch = function (u, o) { window.__fetched.push(String(u)); return f.call(this, u, o); };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("wrap fetch");
    let fetched = || -> usize {
        let list = js_sys::Reflect::get(&js_sys::global(), &"__fetched".into()).expect("list");
        js_sys::Array::from(&list)
            .iter()
            .filter(|u| u.as_string().as_deref() == Some(url.as_str()))
            .count()
    };
    // Two widgets mounted together (the second asks while the first fetch is in flight) ...
    let hosts: Vec<_> = [("kingsoft", "cdn"), ("alibaba", "redis")]
        .iter()
        .map(|(provider, products)| {
            let host = fresh_host();
            let mut p = props(provider, products);
            p.bundle = url.clone().into();
            yew::Renderer::<consent_terms::widget::ConsentTerms>::with_root_and_props(
                host.clone(),
                p,
            )
            .render();
            host
        })
        .collect();
    for host in &hosts {
        wait_for(host, "#ct-accept").await;
    }
    assert_eq!(fetched(), 1, "one fetch for two widgets");
    // ... and one mounted later reuses the loaded catalogue.
    let mut p = props("jdcloud", "kubernetes");
    p.bundle = url.clone().into();
    let (host, _) = widget(p).await;
    wait_for(&host, "#ct-accept").await;
    assert_eq!(fetched(), 1, "no fetch for a third widget");
    assert!(text_of(&hosts[1], ".ct-tab").contains("Redis"));
}

#[wasm_bindgen_test]
async fn a_bundle_changed_while_the_first_is_loading_is_the_one_shown() {
    let bundle_of = |title: &str| {
        let source = format!(
            "---\nid: demo-terms\ntitle: {title}\nprovider: demo\nprovider-name: Demo Cloud\nversion: 1\neffective: 2024-01-01\nupdated: 2024-01-01\nlanguage: en\nproducts: *\nreconsent: required\n---\n1.1 The service is provided as described.\n"
        );
        let bundle = build_bundle(&[Source {
            path: "demo/1.md".into(),
            text: source,
        }])
        .expect("valid source");
        data_url(&bundle.to_json())
    };
    // The first bundle answers late: the answer for a bundle no longer wanted must not win.
    js_sys::Function::new_no_args(
        "const f = window.fetch;
         window.fetch = function (u, o) {
           const answer = f.call(this, u, o);
           if (!decodeURIComponent(String(u)).includes('Slow Terms')) return answer;
           return new Promise((resolve) => setTimeout(() => resolve(answer), 600));
         };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("wrap fetch");
    let host = fresh_host();
    let mut p = props("demo", "");
    p.bundle = bundle_of("Slow Terms").into();
    let mut app = yew::Renderer::<consent_terms::widget::ConsentTerms>::with_root_and_props(
        host.clone(),
        p.clone(),
    )
    .render();
    yew::scheduler::flush().await;
    p.bundle = bundle_of("Fast Terms").into();
    app.update(p);
    wait_for(&host, "article h3").await;
    assert_eq!(text_of(&host, "article h3"), "Fast Terms");
    // After the slow answer has arrived, the newer bundle is still the one shown.
    let late = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 900);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(late).await;
    yew::scheduler::flush().await;
    assert_eq!(text_of(&host, "article h3"), "Fast Terms");
}

/// A bundle of a demo agreement's version 1 in the given languages (Chinese as a declared
/// translation of the English).
fn bilingual_bundle(languages: &[&str]) -> (String, Vec<(String, String)>) {
    let sources: Vec<Source> = languages
        .iter()
        .map(|language| {
            let (title, extra, body) = match *language {
                "en" => ("Demo Terms", "", "1.1 Demo Cloud provides the service as described."),
                _ => ("示例条款", "translation-of: en\n", "第一条 示例云按说明提供服务。"),
            };
            Source {
                path: format!("demo/1-{language}.md"),
                text: format!("---\nid: demo-terms\ntitle: {title}\nprovider: demo\nprovider-name: Demo Cloud\nversion: 1\neffective: 2024-01-01\nupdated: 2024-01-01\nlanguage: {language}\nproducts: *\nreconsent: required\n{extra}---\n{body}\n"),
            }
        })
        .collect();
    let catalog = consent_terms::catalog::Catalog::from_sources(&sources).expect("valid");
    let hashes = catalog
        .all()
        .iter()
        .map(|a| (a.meta.language.clone(), content_hash(a)))
        .collect();
    let bundle = build_bundle(&sources).expect("valid sources");
    (data_url(&bundle.to_json()), hashes)
}

#[wasm_bindgen_test]
async fn a_chinese_interface_shows_the_chinese_text_and_says_when_there_is_none() {
    let (url, hashes) = bilingual_bundle(&["en", "zh-CN"]);
    let mut p = props("demo", "");
    p.lang = "zh-CN".into();
    p.bundle = url.into();
    let (host, log) = widget(p).await;
    wait_for(&host, "article").await;
    assert_eq!(attr(&host, "article", "lang").as_deref(), Some("zh-CN"));
    assert!(text_of(&host, "article").contains("示例云按说明提供服务"));
    assert_eq!(
        attr(&host, "article [data-number]", "data-number").as_deref(),
        Some("第一条")
    );
    assert!(host
        .query_selector(".ct-text-language")
        .expect("selector")
        .is_none());
    // The hash the flow (and so the receipt) binds is the Chinese text's.
    wait_until("consent-ready", || !log.details("consent-ready").is_empty()).await;
    let zh_hash = &hashes.iter().find(|(l, _)| l == "zh-CN").expect("zh").1;
    assert_eq!(
        log.details("consent-ready")[0]["agreements"][0]["hash"],
        zh_hash.as_str()
    );
    assert_eq!(
        attr(&host, "article", "data-hash").as_deref(),
        Some(zh_hash.as_str())
    );

    // Only English is published: English is shown, and the widget says so in Chinese.
    let (url, _) = bilingual_bundle(&["en"]);
    let mut p = props("demo", "");
    p.lang = "zh-CN".into();
    p.bundle = url.into();
    let (host, _) = widget(p).await;
    wait_for(&host, ".ct-text-language").await;
    assert_eq!(
        text_of(&host, ".ct-text-language"),
        "本协议仅提供英文版本。"
    );
    assert_eq!(attr(&host, "article", "lang").as_deref(), Some("en"));
}

/// The agreement version shown in `host`'s widget, from the catalogue.
fn shown_agreement(host: &web_sys::Element) -> &'static consent_terms::agreement::Agreement {
    let article = host
        .query_selector("article.ct-agreement")
        .expect("selector")
        .expect("an agreement");
    let id = article.get_attribute("data-agreement-id").expect("id");
    let version = article.get_attribute("data-version").expect("version");
    bundled_catalog()
        .as_ref()
        .expect("valid")
        .find(&id, &version)
        .expect("shipped")
}

#[wasm_bindgen_test]
async fn the_download_of_each_seed_agreement_holds_every_clause_and_its_hash() {
    use consent_terms::canonical::{canonical_text, sha256_hex};
    let mut seen = Vec::new();
    for (provider, products) in [
        ("kingsoft", "cdn kmct"),
        ("jdcloud", "kubernetes"),
        ("alibaba", "redis"),
    ] {
        let (host, _) = widget(props(provider, products)).await;
        let links = FollowedLinks::catch(&host);
        let tabs = host
            .query_selector_all("[role=tab]")
            .expect("selector")
            .length();
        for tab in 0..tabs {
            let t: web_sys::HtmlElement = host
                .query_selector_all("[role=tab]")
                .expect("selector")
                .item(tab)
                .expect("tab")
                .unchecked_into();
            t.click();
            yew::scheduler::flush().await;
            let a = shown_agreement(&host);
            let (id, version) = (a.meta.id.clone(), a.meta.version.clone());
            let button = host
                .query_selector(".ct-download")
                .expect("selector")
                .expect("a download button");
            assert_eq!(button.text_content().unwrap_or_default().trim(), "Download");
            assert_eq!(
                button.get_attribute("data-agreement-id").as_deref(),
                Some(id.as_str())
            );
            script_click(&host, ".ct-download");
            let link = links.all().pop().expect("a download was offered");
            assert_eq!(
                link.get_attribute("download"),
                Some(format!("{id}-{version}.html"))
            );
            let href = link.get_attribute("href").expect("href");
            assert!(href.starts_with("blob:"), "{href}");
            let html = fetch_text(&href).await;
            let found = parsed(
                &html,
                &[
                    "pre.canonical",
                    "p.hash code",
                    ".text .number",
                    "strong.highlight",
                    "script",
                    "title",
                ],
            );
            let hash = content_hash(a);
            let canonical = canonical_text(a);
            assert_eq!(
                found[0],
                [canonical.as_str()],
                "{id}: the canonical text, exactly"
            );
            assert_eq!(
                sha256_hex(found[0][0].as_bytes()),
                hash,
                "{id}: which hashes to the content hash"
            );
            assert_eq!(found[1], [hash.as_str()], "{id}: the hash is stated");
            let numbers: Vec<String> = a
                .clauses()
                .filter_map(|c| c.number())
                .map(str::to_string)
                .collect();
            assert_eq!(found[2], numbers, "{id}: every clause, numbered as printed");
            assert_eq!(
                found[3].len(),
                a.highlights().count(),
                "{id}: every highlighted clause marked"
            );
            assert!(found[4].is_empty(), "{id}: no script");
            assert!(found[5][0].contains(&a.meta.title));
            seen.push(id);
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5, "each of the five seed agreements: {seen:?}");
}

#[wasm_bindgen_test]
async fn asking_about_a_clause_tells_the_host_and_opens_its_help_page_in_a_new_window() {
    use consent_terms::contract::Help;
    let (host, log) = widget(ConsentTermsProps {
        help: Some(Help::Url("https://help.example.com/ask".into())),
        ..props("kingsoft", "cdn")
    })
    .await;
    let links = FollowedLinks::catch(&host);
    let item = host
        .query_selector(".ct-highlights li[data-agreement-id=kingsoft-cdn]")
        .expect("selector")
        .expect("a CDN clause in the list");
    let highlight = item.get_attribute("data-highlight").expect("highlight id");
    let button = item
        .query_selector(".ct-ask")
        .expect("selector")
        .expect("an ask button");
    assert_eq!(
        button.text_content().unwrap_or_default(),
        "Ask about this clause"
    );
    assert!(button
        .get_attribute("aria-label")
        .unwrap_or_default()
        .starts_with("Ask about this clause: Kingsoft Cloud CDN Service Agreement, clause "));
    button.unchecked_ref::<web_sys::HtmlElement>().click();
    yew::scheduler::flush().await;
    let cdn = bundled_catalog()
        .as_ref()
        .expect("valid")
        .current("kingsoft-cdn", "en")
        .expect("shipped");
    let consent_terms::agreement::Highlight {
        block, kind, text, ..
    } = cdn
        .highlights()
        .find(|h| h.id == highlight)
        .expect("the highlight");
    let q = log.details("consent-question");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["agreement"], "kingsoft-cdn");
    assert_eq!(q[0]["version"], cdn.meta.version.as_str());
    assert_eq!(q[0]["clause"], block.number().expect("numbered"));
    assert_eq!(q[0]["highlight"], highlight.as_str());
    assert_eq!(q[0]["kind"], kind.as_str());
    assert_eq!(q[0]["text"], text);
    let link = links.all().pop().expect("the help page was opened");
    let href = link.get_attribute("href").expect("href");
    assert_eq!(q[0]["opened"], href.as_str());
    assert!(href.starts_with(&format!("https://help.example.com/ask?agreement=kingsoft-cdn&version={}&clause={}&highlight={highlight}&lang=en&text=", cdn.meta.version, block.number().expect("numbered"))), "{href}");
    assert_eq!(
        link.get_attribute("target").as_deref(),
        Some("_blank"),
        "never in place of the sign-up page"
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    // Asking does not change what acceptance needs.
    assert_eq!(
        attr(&host, "#ct-accept", "aria-disabled").as_deref(),
        Some("true")
    );
    assert_eq!(
        log.details("consent-change").last().expect("a change")["missing"]
            .as_array()
            .expect("list")
            .len(),
        4
    );
}

#[wasm_bindgen_test]
async fn for_an_organisation_the_authority_box_is_required_and_a_script_cannot_tick_it() {
    use consent_terms::consent::Organization;
    let (host, log) = widget(ConsentTermsProps {
        organization: Some(Organization {
            name: "Example Holdings Ltd".into(),
            id: Some("91110000".into()),
        }),
        lang: "zh-CN".into(),
        ..props("kingsoft", "cdn")
    })
    .await;
    let label = text_of(&host, "label:has(#ct-authority)");
    assert_eq!(
        label,
        "我确认已获授权代表Example Holdings Ltd接受上述条款。"
    );
    let missing = log.details("consent-change").last().expect("a change")["missing"].clone();
    assert!(
        missing
            .as_array()
            .expect("list")
            .iter()
            .any(|m| m == "authority"),
        "{missing}"
    );
    assert!(text_of(&host, "#ct-status").contains("勾选确认您有权代表Example Holdings Ltd接受"));
    script_click(&host, "#ct-authority");
    yew::scheduler::flush().await;
    let input: web_sys::HtmlInputElement = host
        .query_selector("#ct-authority")
        .expect("selector")
        .expect("box")
        .unchecked_into();
    assert!(!input.checked(), "a script's click does not tick it");
    assert_eq!(text_of(&host, ".ct-download"), "下载");
    assert_eq!(text_of(&host, ".ct-ask"), "询问此条款");
    // Without the attribute there is no such box.
    let (plain, _) = widget(props("kingsoft", "cdn")).await;
    assert!(plain
        .query_selector("#ct-authority")
        .expect("selector")
        .is_none());
}

#[wasm_bindgen_test]
async fn an_announced_cdn_version_shows_its_notice_with_the_changed_clauses_and_can_be_downloaded()
{
    use consent_terms::agreement::Date;
    let (host, log) = widget(ConsentTermsProps {
        today: Date::parse("2021-01-15"),
        ..props("kingsoft", "cdn")
    })
    .await;
    let links = FollowedLinks::catch(&host);
    assert!(
        host.query_selector(".ct-announced")
            .expect("selector")
            .is_none(),
        "nothing is announced for the general agreement"
    );
    script_click(&host, "[role=tab][data-agreement-id=kingsoft-cdn]");
    yew::scheduler::flush().await;
    assert_eq!(
        attr(&host, "article", "data-version").as_deref(),
        Some("2020-11-26"),
        "the version in effect is shown"
    );
    assert_eq!(
        text_of(&host, ".ct-announced h3"),
        "A new version (2021-06-01) takes effect on 2021-06-01"
    );
    let changes: Vec<(String, String)> = {
        let items = host
            .query_selector_all(".ct-announced li")
            .expect("selector");
        (0..items.length())
            .filter_map(|i| items.item(i))
            .map(|n| {
                let el: web_sys::Element = n.unchecked_into();
                let label = el
                    .query_selector("strong")
                    .ok()
                    .flatten()
                    .and_then(|s| s.text_content())
                    .unwrap_or_default();
                (el.get_attribute("data-change").unwrap_or_default(), label)
            })
            .collect()
    };
    assert_eq!(
        changes,
        [
            ("changed".to_string(), "Changed 5.5: ".to_string()),
            ("changed".to_string(), "Changed 7.6: ".to_string()),
            ("added".to_string(), "Added 7.7: ".to_string()),
        ]
    );
    script_click(&host, ".ct-download-next");
    let link = links.all().pop().expect("the announced version is offered");
    assert_eq!(
        link.get_attribute("download").as_deref(),
        Some("kingsoft-cdn-2021-06-01.html")
    );
    let html = fetch_text(&link.get_attribute("href").expect("href")).await;
    let next = bundled_catalog()
        .as_ref()
        .expect("valid")
        .find("kingsoft-cdn", "2021-06-01")
        .expect("shipped");
    assert_eq!(parsed(&html, &["p.hash code"])[0], [content_hash(next)]);
    // Accepting ahead is offered beside the assent and never required; a script cannot tick it.
    let label = text_of(&host, "label:has(#ct-ahead-kingsoft-cdn)");
    assert_eq!(label, "Also accept version 2021-06-01 of the Kingsoft Cloud CDN Service Agreement, which takes effect on 2021-06-01.");
    script_click(&host, "#ct-ahead-kingsoft-cdn");
    yew::scheduler::flush().await;
    let input: web_sys::HtmlInputElement = host
        .query_selector("#ct-ahead-kingsoft-cdn")
        .expect("selector")
        .expect("box")
        .unchecked_into();
    assert!(!input.checked());
    let missing = log.details("consent-change").last().expect("a change")["missing"].clone();
    assert!(!missing.to_string().contains("ahead"), "{missing}");
    let ready = log.details("consent-ready");
    assert_eq!(ready[0]["agreements"][1]["version"], "2020-11-26");
}

#[wasm_bindgen_test]
async fn text_changed_once_shown_is_reported_at_once_and_never_signed() {
    // A page script inserts words into a clause under a class the read-back skips, and another
    // hides a highlighted clause with `style`: each is caught when it happens.
    for (what, script) in [
        (
            "an inserted span",
            "const c = host.querySelector('article .ct-text p'); const s = document.createElement('span'); s.className = 'ct-number'; s.textContent = 'Kingsoft is liable without limit'; c.append(s);",
        ),
        (
            "a hidden highlight",
            "host.querySelector('article strong.ct-highlight').setAttribute('style', 'display:none');",
        ),
        (
            "a removed clause",
            "host.querySelector('article .ct-text .ct-clause').remove();",
        ),
        (
            "an edited word",
            "const w = document.createTreeWalker(host.querySelector('article .ct-text'), NodeFilter.SHOW_TEXT); w.nextNode(); w.currentNode.data += ' unless Kingsoft decides otherwise';",
        ),
        (
            "a highlight's class removed",
            "host.querySelector('article strong.ct-highlight').className = '';",
        ),
        (
            "a paragraph's text replaced",
            "host.querySelector('article .ct-text p').textContent = 'The general agreement prevails over every other.';",
        ),
    ] {
        let (host, log) = widget(props("kingsoft", "cdn")).await;
        assert!(log.details("consent-error").is_empty());
        let run = js_sys::Function::new_with_args("host", script);
        run.call1(&wasm_bindgen::JsValue::NULL, &host).expect("the page script runs");
        wait_until(&format!("{what} is reported"), || !log.details("consent-error").is_empty()).await;
        let errors = log.details("consent-error");
        assert_eq!(errors[0]["code"], "rendered-mismatch", "{what}");
        assert!(errors[0]["message"].as_str().unwrap_or("").contains("Agreement of Kingsoft Cloud Service"), "{what}: {}", errors[0]);
        assert!(text_of(&host, ".ct-root").contains("rendered-mismatch"), "{what}: shown to the person with its code");
    }
    // The widget's own re-rendering (another language, another tab) is not a change.
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    script_click(&host, "[role=tab][data-agreement-id=kingsoft-cdn]");
    yew::scheduler::flush().await;
    script_click(&host, "[role=tab][data-agreement-id=kingsoft-general]");
    yew::scheduler::flush().await;
    wait_until("the general agreement is shown again", || {
        text_of(&host, "article h3") == "Agreement of Kingsoft Cloud Service"
    })
    .await;
    assert!(
        log.details("consent-error").is_empty(),
        "{:?}",
        log.details("consent-error")
    );
}

#[wasm_bindgen_test]
async fn a_bundle_whose_text_and_declared_hash_were_rewritten_is_refused_when_the_host_pinned_it() {
    use consent_terms::bundle::sri_sha256;
    let original = build_bundle(&bundled_sources()).expect("valid").to_json();
    // "shall not" made "shall" throughout the CDN agreement, and its declared hash rewritten to
    // match: the bundle is consistent with itself.
    let altered: Vec<Source> = bundled_sources()
        .into_iter()
        .map(|s| Source {
            text: if s.path.contains("kingsoft-cdn") {
                s.text.replace("shall not", "shall")
            } else {
                s.text
            },
            path: s.path,
        })
        .collect();
    let rewritten = build_bundle(&altered).expect("valid").to_json();
    assert_ne!(original, rewritten);
    let pinned = |bundle: &str| ConsentTermsProps {
        bundle: data_url(bundle).into(),
        integrity: Some(sri_sha256(&original).into()),
        ..props("kingsoft", "cdn")
    };
    // Without a pin it loads: the bundle's own hashes only catch accidents.
    let (host, log) = widget(ConsentTermsProps {
        bundle: data_url(&rewritten).into(),
        ..props("kingsoft", "cdn")
    })
    .await;
    assert!(host
        .query_selector("[role=tab]")
        .expect("selector")
        .is_some());
    assert!(log.details("consent-error").is_empty());
    // Pinned, it is refused, with both hashes in the message.
    let (host, log) = widget(pinned(&rewritten)).await;
    let errors = log.details("consent-error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["code"], "integrity-mismatch");
    let message = errors[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains(&sri_sha256(&rewritten)) && message.contains(&sri_sha256(&original)),
        "{message}"
    );
    assert!(
        host.query_selector("[role=tab]")
            .expect("selector")
            .is_none(),
        "nothing of it is shown"
    );
    assert!(text_of(&host, ".ct-root").contains("integrity-mismatch"));
    // The pinned original loads.
    let (host, log) = widget(pinned(&original)).await;
    assert!(host
        .query_selector("[role=tab]")
        .expect("selector")
        .is_some());
    assert!(log.details("consent-error").is_empty());
}

#[wasm_bindgen_test]
async fn a_highlight_hidden_by_a_stylesheet_is_not_read_to_the_end() {
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let style = document.create_element("style").expect("style");
    style.set_text_content(Some("strong.ct-highlight { opacity: 0 }"));
    document
        .head()
        .expect("head")
        .append_child(&style)
        .expect("append");
    scroll_panel_to_end(&host);
    wait_until("the hidden highlight is reported", || {
        !log.details("consent-error").is_empty()
    })
    .await;
    style.remove();
    assert_eq!(log.details("consent-error")[0]["code"], "rendered-mismatch");
    assert_eq!(
        attr(
            &host,
            "[role=tab][data-agreement-id=kingsoft-general]",
            "data-read"
        )
        .as_deref(),
        Some("false"),
        "not counted as read"
    );
}

/// A host holding what `consent-terms prerender` writes for a sign-up, parsed as a page's HTML
/// is (a declarative shadow root), with `edit` applied to it before the widget starts.
fn prerendered_host(
    catalog: &consent_terms::catalog::Catalog,
    provider: &str,
    products: &str,
    edit: impl FnOnce(&web_sys::ShadowRoot),
) -> web_sys::Element {
    prerendered_host_in(catalog, provider, products, "en", edit)
}

fn prerendered_host_in(
    catalog: &consent_terms::catalog::Catalog,
    provider: &str,
    products: &str,
    lang: &str,
    edit: impl FnOnce(&web_sys::ShadowRoot),
) -> web_sys::Element {
    use consent_terms::consent::Requirements;
    use consent_terms::plan::SignUp;
    let markup = consent_terms::prerender::prerender(
        catalog,
        &SignUp {
            provider,
            products,
            lang,
            requirements: Requirements::default(),
            organization: None,
            today: None,
        },
        consent_terms::prerender::Stylesheet::Linked("consent-terms.css"),
    )
    .expect("a known sign-up");
    let page = fresh_host();
    // setHTMLUnsafe parses declarative shadow roots, as the HTML parser does for a page: the
    // template becomes the shadow root of the element it is in.
    let set_html: js_sys::Function = js_sys::Reflect::get(&page, &"setHTMLUnsafe".into())
        .expect("setHTMLUnsafe")
        .dyn_into()
        .expect("this browser parses declarative shadow roots");
    set_html
        .call1(&page, &["<div>", &markup, "</div>"].concat().into())
        .expect("the markup parses");
    let host = page.first_element_child().expect("the host element");
    let shadow = host
        .shadow_root()
        .expect("the template became a shadow root");
    edit(&shadow);
    host
}

fn shipped() -> &'static consent_terms::catalog::Catalog {
    bundled_catalog()
        .as_ref()
        .expect("shipped agreements are valid")
}

fn mount_options(products: &str) -> wasm_bindgen::JsValue {
    options_for("kingsoft", products, &bundle_url())
}

fn options_for(provider: &str, products: &str, bundle: &str) -> wasm_bindgen::JsValue {
    options_in(provider, products, bundle, "en")
}

fn options_in(provider: &str, products: &str, bundle: &str, lang: &str) -> wasm_bindgen::JsValue {
    let options = js_sys::Object::new();
    for (name, value) in [
        ("provider", provider),
        ("products", products),
        ("lang", lang),
        ("bundle", bundle),
    ] {
        js_sys::Reflect::set(&options, &name.into(), &value.into()).expect("set");
    }
    options.into()
}

async fn widget_took_over(shadow: &web_sys::ShadowRoot) {
    wait_until("the widget takes the prerendered root's place", || {
        shadow
            .query_selector(".ct-prerendered")
            .ok()
            .flatten()
            .is_none()
            && shadow
                .query_selector("section.ct-root article .ct-clause")
                .ok()
                .flatten()
                .is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn prerendered_text_that_matches_the_bundle_is_adopted_not_written_again() {
    let host = prerendered_host(shipped(), "kingsoft", "cdn", |shadow| {
        let first = shadow
            .query_selector(".ct-clause")
            .expect("selector")
            .expect("the terms are readable before the widget runs");
        js_sys::Reflect::set(&first, &"prerenderedNode".into(), &true.into()).expect("mark");
        assert!(
            shadow
                .query_selector("button[disabled][aria-describedby=ct-prerendered-status]")
                .expect("selector")
                .is_some(),
            "the accept control is unavailable, and says why"
        );
    });
    let log = EventLog::listen(&host);
    let shadow = host.shadow_root().expect("shadow root");
    let handle = consent_terms::widget::mount(host.clone(), mount_options("cdn")).expect("mount");
    widget_took_over(&shadow).await;
    let first = shadow
        .query_selector("section.ct-root article .ct-clause")
        .expect("selector")
        .expect("clause");
    assert_eq!(
        js_sys::Reflect::get(&first, &"prerenderedNode".into()).ok(),
        Some(true.into()),
        "the first clause shown is the prerendered node"
    );
    let catalog = bundled_catalog().as_ref().expect("valid");
    let general = catalog
        .current("kingsoft-general", "en")
        .expect("the general agreement");
    assert_eq!(
        shadow
            .query_selector("article")
            .ok()
            .flatten()
            .and_then(|a| a.get_attribute("data-hash")),
        Some(content_hash(general))
    );
    assert!(
        log.details("consent-error").is_empty(),
        "{:?}",
        log.details("consent-error")
    );
    assert!(shadow
        .query_selector("#ct-accept")
        .expect("selector")
        .is_some());
    // The second agreement's text, checked when the prerendered root was retired, is taken
    // when its tab is shown, in place of the first's.
    let cdn_clause = || {
        shadow
            .query_selector("section.ct-root article[data-agreement-id=kingsoft-cdn] .ct-clause")
            .ok()
            .flatten()
    };
    script_click(
        &shadow
            .query_selector("section.ct-root")
            .expect("selector")
            .expect("the widget"),
        "[role=tab][data-agreement-id=kingsoft-cdn]",
    );
    wait_until("the CDN agreement is shown", || cdn_clause().is_some()).await;
    let article = shadow
        .query_selector("section.ct-root article")
        .expect("selector")
        .expect("article");
    let cdn = catalog
        .current("kingsoft-cdn", "en")
        .expect("the CDN agreement");
    assert_eq!(
        consent_terms::web::rendered_canonical(&article),
        consent_terms::canonical::canonical_text(cdn),
        "the text shown is the CDN agreement's alone"
    );
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_prerendered_root_whose_text_was_altered_is_discarded_with_the_mismatch_code() {
    const ADDED: &str = " You waive every claim against the provider.";
    let host = prerendered_host(shipped(), "kingsoft", "cdn", |shadow| {
        // The shown agreement's first clause, and the second agreement's last.
        let clauses = shadow.query_selector_all(".ct-clause").expect("clauses");
        for i in [0, clauses.length() - 1] {
            let clause = clauses.item(i).expect("a clause");
            let text = clause.last_child().expect("its text");
            text.set_text_content(Some(&(text.text_content().unwrap_or_default() + ADDED)));
        }
    });
    let log = EventLog::listen(&host);
    let shadow = host.shadow_root().expect("shadow root");
    let _handle = consent_terms::widget::mount(host.clone(), mount_options("cdn")).expect("mount");
    widget_took_over(&shadow).await;
    wait_until("the mismatch is reported", || {
        !log.details("consent-error").is_empty()
    })
    .await;
    let errors = log.details("consent-error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["code"], "prerender-mismatch");
    assert_eq!(errors[0]["severity"], "warning");
    let message = errors[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("Agreement of Kingsoft Cloud Service")
            && message.contains("Kingsoft Cloud CDN Service Agreement"),
        "both altered agreements are named: {message}"
    );
    let text = shadow.text_content().unwrap_or_default();
    assert!(!text.contains(ADDED.trim()), "the altered text is gone");
    assert_eq!(
        attr(
            &shadow
                .query_selector(".ct-root")
                .expect("selector")
                .expect("root"),
            ".ct-error[data-code=prerender-mismatch]",
            "role"
        )
        .as_deref(),
        Some("alert"),
        "the person is told too"
    );
    // The published text is shown, and the widget goes on: its accept control is there.
    let general = bundled_catalog()
        .as_ref()
        .expect("valid")
        .current("kingsoft-general", "en")
        .expect("general");
    assert_eq!(
        shadow
            .query_selector("article")
            .ok()
            .flatten()
            .and_then(|a| a.get_attribute("data-hash")),
        Some(content_hash(general))
    );
    assert!(shadow
        .query_selector("#ct-accept")
        .expect("selector")
        .is_some());
    host.remove();
}

#[wasm_bindgen_test]
async fn a_prerendered_root_for_another_sign_up_is_replaced_without_an_error() {
    // Prerendered for Kingsoft CDN; the element asks for the plain Kingsoft sign-up.
    let host = prerendered_host(shipped(), "kingsoft", "cdn", |_| {});
    let log = EventLog::listen(&host);
    let shadow = host.shadow_root().expect("shadow root");
    let _handle = consent_terms::widget::mount(host.clone(), mount_options("")).expect("mount");
    widget_took_over(&shadow).await;
    assert_eq!(
        shadow
            .query_selector_all("article")
            .map(|l| l.length())
            .ok(),
        Some(1),
        "only the agreement asked is shown"
    );
    assert!(
        log.details("consent-error").is_empty(),
        "{:?}",
        log.details("consent-error")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn prerendered_markup_and_script_in_agreement_text_stay_text_and_are_adopted() {
    let sources = [Source {
        path: "hostile/1.md".into(),
        text: HOSTILE.into(),
    }];
    let catalog = consent_terms::catalog::Catalog::from_sources(&sources).expect("valid source");
    let bundle = build_bundle(&sources).expect("valid source");
    let host = prerendered_host(&catalog, "evil", "", |shadow| {
        for tag in ["script", "img", "svg", "a"] {
            assert!(
                shadow.query_selector(tag).expect("selector").is_none(),
                "no <{tag}> from agreement text in the prerendered markup"
            );
        }
        let shown = shadow.text_content().unwrap_or_default();
        assert!(
            shown.contains("<script>window.__ct_pwned=1</script>"),
            "shown as text"
        );
        let first = shadow
            .query_selector(".ct-clause")
            .expect("selector")
            .expect("clause");
        js_sys::Reflect::set(&first, &"prerenderedNode".into(), &true.into()).expect("mark");
    });
    let log = EventLog::listen(&host);
    let shadow = host.shadow_root().expect("shadow root");
    let bundle = data_url(&bundle.to_json());
    let _handle = consent_terms::widget::mount(host.clone(), options_for("evil", "", &bundle))
        .expect("mount");
    widget_took_over(&shadow).await;
    let first = shadow
        .query_selector("section.ct-root article .ct-clause")
        .expect("selector")
        .expect("clause");
    assert_eq!(
        js_sys::Reflect::get(&first, &"prerenderedNode".into()).ok(),
        Some(true.into()),
        "the escaped text reads back as the published text, so it is adopted"
    );
    assert!(
        log.details("consent-error").is_empty(),
        "{:?}",
        log.details("consent-error")
    );
    let window = web_sys::window().expect("window");
    let pwned = js_sys::Reflect::get(&window, &"__ct_pwned".into()).expect("get");
    assert!(pwned.is_undefined(), "nothing from the agreement ran");
    host.remove();
}

#[wasm_bindgen_test]
async fn prerendered_text_hidden_padded_or_restyled_is_not_adopted() {
    type Edit = fn(&web_sys::ShadowRoot);
    let edits: [(&str, Edit); 4] = [
        ("a clause hidden by a style attribute", |shadow| {
            let clause = shadow
                .query_selector(".ct-clause")
                .ok()
                .flatten()
                .expect("clause");
            clause
                .set_attribute("style", "display:none")
                .expect("style");
        }),
        (
            "a paragraph the read-back would skip, inside the text",
            |shadow| {
                let text = shadow
                    .query_selector(".ct-text")
                    .ok()
                    .flatten()
                    .expect("text");
                let extra = text
                    .owner_document()
                    .expect("doc")
                    .create_element("p")
                    .expect("p");
                extra.set_class_name("ct-end");
                extra.set_text_content(Some("You waive every claim."));
                text.append_child(&extra).expect("append");
            },
        ),
        ("text between blocks", |shadow| {
            let text = shadow
                .query_selector(".ct-text")
                .ok()
                .flatten()
                .expect("text");
            let doc = text.owner_document().expect("doc");
            text.append_child(&doc.create_text_node("You waive every claim."))
                .expect("append");
        }),
        ("an element inside a clause", |shadow| {
            let clause = shadow
                .query_selector(".ct-clause")
                .ok()
                .flatten()
                .expect("clause");
            let doc = clause.owner_document().expect("doc");
            let i = doc.create_element("i").expect("i");
            i.set_text_content(Some("and more"));
            clause.append_child(&i).expect("append");
        }),
    ];
    for (what, edit) in edits {
        let host = prerendered_host(shipped(), "kingsoft", "", edit);
        let log = EventLog::listen(&host);
        let shadow = host.shadow_root().expect("shadow root");
        let _handle = consent_terms::widget::mount(host.clone(), mount_options("")).expect("mount");
        widget_took_over(&shadow).await;
        wait_until("the mismatch is reported", || {
            !log.details("consent-error").is_empty()
        })
        .await;
        let codes: Vec<String> = log
            .details("consent-error")
            .iter()
            .map(|e| e["code"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(codes, ["prerender-mismatch"], "{what}");
        let article = shadow
            .query_selector("section.ct-root article")
            .expect("selector")
            .expect("article");
        let general = shipped()
            .current("kingsoft-general", "en")
            .expect("general");
        assert_eq!(
            consent_terms::web::rendered_canonical(&article),
            consent_terms::canonical::canonical_text(general),
            "{what}: the published text is shown"
        );
        assert!(
            article
                .query_selector("[style], i")
                .expect("selector")
                .is_none(),
            "{what}: nothing of the prerendered text is kept"
        );
        host.remove();
    }
}

#[wasm_bindgen_test]
fn every_seed_agreement_written_reads_back_as_the_instructions_it_was_written_from() {
    use consent_terms::i18n::Lang;
    use consent_terms::prerender::blocks_program;
    use consent_terms::web::{read_blocks, write_blocks};
    let body = fresh_host();
    for a in shipped().all() {
        for lang in [Lang::En, Lang::ZhCn] {
            let program = blocks_program(lang, &a.meta.id, a.blocks());
            write_blocks(&body, &program);
            assert_eq!(
                read_blocks(&body).as_deref(),
                Some(program.as_str()),
                "{} {}",
                a.meta.id,
                a.meta.version
            );
        }
    }
    body.remove();
}

#[wasm_bindgen_test]
async fn two_prerendered_widgets_on_one_page_each_keep_their_own_texts() {
    // One in English, one in Chinese (whose agreements fall back to English texts, with
    // Chinese spoken labels): each takes its second tab's text from its own prerendered root.
    let hosts: Vec<(web_sys::Element, &str)> = ["en", "zh-CN"]
        .into_iter()
        .map(|lang| {
            let host = prerendered_host_in(shipped(), "kingsoft", "cdn", lang, |shadow| {
                let cdn = shadow
                    .query_selector("article[data-agreement-id=kingsoft-cdn] .ct-clause")
                    .ok()
                    .flatten()
                    .expect("the CDN agreement is prerendered");
                js_sys::Reflect::set(&cdn, &"prerenderedNode".into(), &true.into()).expect("mark");
            });
            (host, lang)
        })
        .collect();
    let logs: Vec<EventLog> = hosts.iter().map(|(h, _)| EventLog::listen(h)).collect();
    let _handles: Vec<_> = hosts
        .iter()
        .map(|(host, lang)| {
            consent_terms::widget::mount(
                host.clone(),
                options_in("kingsoft", "cdn", &bundle_url(), lang),
            )
            .expect("mount")
        })
        .collect();
    for (host, lang) in &hosts {
        let shadow = host.shadow_root().expect("shadow root");
        widget_took_over(&shadow).await;
        script_click(
            &shadow
                .query_selector("section.ct-root")
                .expect("selector")
                .expect("the widget"),
            "[role=tab][data-agreement-id=kingsoft-cdn]",
        );
        wait_until("the CDN agreement is shown", || {
            shadow
                .query_selector("section.ct-root article[data-agreement-id=kingsoft-cdn]")
                .ok()
                .flatten()
                .is_some()
        })
        .await;
        let clause = shadow
            .query_selector("section.ct-root article .ct-clause")
            .expect("selector")
            .expect("clause");
        assert_eq!(
            js_sys::Reflect::get(&clause, &"prerenderedNode".into()).ok(),
            Some(true.into()),
            "{lang}: the second tab's text is the one prerendered in this widget"
        );
    }
    for log in &logs {
        assert!(
            log.details("consent-error").is_empty(),
            "{:?}",
            log.details("consent-error")
        );
    }
    for (host, _) in hosts {
        host.remove();
    }
}

/// Runs `script` with `host` bound, as a page script would; what it returns.
fn page_script(host: &web_sys::Element, script: &str) -> wasm_bindgen::JsValue {
    js_sys::Function::new_with_args("host", script)
        .call1(&wasm_bindgen::JsValue::NULL, host)
        .expect("the page script runs")
}

/// A host holding what `consent-terms prerender` writes for the Kingsoft CDN sign-up, with
/// `inside` put into the markup of its first clause (the general agreement's) before the page
/// parses it, as a host's template or a server in the middle could.
fn prerendered_host_with_first_clause(inside: &str) -> web_sys::Element {
    use consent_terms::consent::Requirements;
    use consent_terms::plan::SignUp;
    let mut markup = consent_terms::prerender::prerender(
        shipped(),
        &SignUp {
            provider: "kingsoft",
            products: "cdn",
            lang: "en",
            requirements: Requirements::default(),
            organization: None,
            today: None,
        },
        consent_terms::prerender::Stylesheet::Linked("consent-terms.css"),
    )
    .expect("a known sign-up");
    let clause = markup.find("class=\"ct-clause\"").expect("a clause");
    let open = clause + markup[clause..].find('>').expect("its tag ends");
    markup.insert_str(open + 1, inside);
    let page = fresh_host();
    let set_html: js_sys::Function = js_sys::Reflect::get(&page, &"setHTMLUnsafe".into())
        .expect("setHTMLUnsafe")
        .dyn_into()
        .expect("this browser parses declarative shadow roots");
    set_html
        .call1(&page, &["<div>", &markup, "</div>"].concat().into())
        .expect("the markup parses");
    page.first_element_child().expect("the host element")
}

#[wasm_bindgen_test]
async fn a_declarative_shadow_root_in_a_prerendered_clause_is_not_adopted() {
    // Markup only, so a strict CSP does not stop it: the clause's own words stay in the light
    // DOM, where the read-back looks, and the shadow root shows others in their place.
    let host = prerendered_host_with_first_clause(
        "<template shadowrootmode=\"open\"><b>You waive every right to a refund.</b></template>",
    );
    let shadow = host.shadow_root().expect("shadow root");
    let parsed = shadow
        .query_selector(".ct-clause")
        .expect("selector")
        .expect("clause");
    assert!(
        parsed.shadow_root().is_some(),
        "the template became the clause's shadow root"
    );
    let log = EventLog::listen(&host);
    let _handle = consent_terms::widget::mount(host.clone(), mount_options("cdn")).expect("mount");
    widget_took_over(&shadow).await;
    wait_until("the mismatch is reported", || {
        !log.details("consent-error").is_empty()
    })
    .await;
    let errors = log.details("consent-error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["code"], "prerender-mismatch");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Agreement of Kingsoft Cloud Service"),
        "{}",
        errors[0]
    );
    // Nothing adopted: the clause shown is the widget's own, with no open shadow root.
    let shown = shadow
        .query_selector("section.ct-root article .ct-clause")
        .expect("selector")
        .expect("clause");
    assert!(
        !shown.is_same_node(Some(&parsed)),
        "the clause was written again"
    );
    let clauses = shadow.query_selector_all(".ct-clause").expect("selector");
    for i in 0..clauses.length() {
        let clause: web_sys::Element = clauses.item(i).expect("clause").unchecked_into();
        assert!(
            clause.shadow_root().is_none(),
            "clause {i} hosts a shadow root"
        );
    }
    host.remove();
}

#[wasm_bindgen_test]
async fn a_prerendered_clause_given_a_shadow_root_by_script_or_a_closed_template_shows_its_own_text(
) {
    // A script before the widget started attached a closed shadow root (invisible to the
    // read-back): the widget's seal cannot be attached, so the text is not adopted.
    let host = prerendered_host(shipped(), "kingsoft", "cdn", |shadow| {
        let clause = shadow
            .query_selector(".ct-clause")
            .ok()
            .flatten()
            .expect("clause");
        page_script(
            &clause,
            "host.attachShadow({ mode: 'closed' }).append('You waive every right to a refund.');",
        );
    });
    let shadow = host.shadow_root().expect("shadow root");
    let log = EventLog::listen(&host);
    let _handle = consent_terms::widget::mount(host.clone(), mount_options("cdn")).expect("mount");
    widget_took_over(&shadow).await;
    wait_until("the mismatch is reported", || {
        !log.details("consent-error").is_empty()
    })
    .await;
    let errors = log.details("consent-error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["code"], "prerender-mismatch");
    host.remove();

    // A closed declarative root is emptied when the widget seals the clause: the clause then
    // shows its own words (with the root as the markup made it, they have no box at all).
    let host = prerendered_host_with_first_clause(
        "<template shadowrootmode=\"closed\">You waive every right to a refund.</template>",
    );
    let shadow = host.shadow_root().expect("shadow root");
    let hidden = "return !host.querySelector('.ct-clause .ct-number').checkVisibility();";
    assert_eq!(
        page_script(&host.shadow_root().expect("root").unchecked_into(), hidden).as_bool(),
        Some(true),
        "as parsed, the clause's own words are not shown"
    );
    let _handle = consent_terms::widget::mount(host.clone(), mount_options("cdn")).expect("mount");
    widget_took_over(&shadow).await;
    let root: web_sys::Element = shadow
        .query_selector("section.ct-root")
        .expect("selector")
        .expect("root");
    assert_eq!(
        page_script(&root, hidden).as_bool(),
        Some(false),
        "the first clause shows its own words"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_shadow_root_cannot_be_attached_to_the_text_once_shown() {
    // attachShadow leaves no MutationObserver record: every element of the text that could
    // host a shadow root, and every one around it, already hosts the widget's own.
    const TRY: &str = "const out = new Set();
        for (const selector of ['article .ct-text .ct-clause', 'article .ct-text p:not(.ct-clause)', 'article .ct-text h4',
            'article .ct-number', 'article .ct-sr-only', 'article h3', 'article .ct-meta', 'article .ct-end', 'article .ct-text',
            'article', '.ct-panel', '.ct-root']) {
          const all = host.querySelectorAll(selector);
          // Every agreement has clauses; not every one has headings or plain paragraphs.
          if (!all.length && /ct-clause|ct-number|h3|article$|panel|root/.test(selector)) out.add(selector + ': none');
          for (const e of all) for (const mode of ['open', 'closed']) {
            try { e.attachShadow({ mode }).append('You waive every right to a refund.'); out.add(selector + ' ' + mode + ': attached'); }
            catch (err) { if (err.name !== 'NotSupportedError') out.add(selector + ': ' + err.name); }
          }
        }
        return [...out].join('; ');";
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    assert_eq!(
        page_script(&host, TRY).as_string().as_deref(),
        Some(""),
        "the general agreement"
    );
    script_click(&host, "[role=tab][data-agreement-id=kingsoft-cdn]");
    yew::scheduler::flush().await;
    wait_until("the CDN agreement is shown", || {
        text_of(&host, "article h3") == "Kingsoft Cloud CDN Service Agreement"
    })
    .await;
    assert_eq!(
        page_script(&host, TRY).as_string().as_deref(),
        Some(""),
        "the CDN agreement"
    );
    // Sealed, the text is still the published text, read back as it is shown.
    let article = host
        .query_selector("article")
        .expect("selector")
        .expect("article");
    let cdn = shipped().current("kingsoft-cdn", "en").expect("cdn");
    assert_eq!(
        consent_terms::web::rendered_canonical(&article),
        consent_terms::canonical::canonical_text(cdn)
    );
    assert!(
        log.details("consent-error").is_empty(),
        "{:?}",
        log.details("consent-error")
    );
    host.remove();
}

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

/// Records what the page's `console.warn` is given until dropped, and lets it through.
struct Warnings {
    restore: js_sys::Function,
    seen: js_sys::Array,
}

impl Warnings {
    fn catch() -> Warnings {
        let seen = js_sys::Array::new();
        let hook = js_sys::Function::new_with_args(
            "seen",
            "const warn = console.warn;
             console.warn = function (...args) { seen.push(args.join(' ')); return warn.apply(this, args); };
             return () => { console.warn = warn; };",
        );
        let restore = hook
            .call1(&wasm_bindgen::JsValue::NULL, &seen)
            .expect("hooked")
            .into();
        Warnings { restore, seen }
    }

    fn all(&self) -> Vec<String> {
        self.seen.iter().filter_map(|w| w.as_string()).collect()
    }
}

impl Drop for Warnings {
    fn drop(&mut self) {
        let _ = self.restore.call0(&wasm_bindgen::JsValue::NULL);
    }
}

async fn shown(element: &web_sys::Element) {
    wait_until("the element shows its agreements", || {
        element
            .shadow_root()
            .and_then(|s| s.query_selector(".ct-root [role=tab]").ok().flatten())
            .is_some()
    })
    .await;
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
async fn the_prerendered_accept_button_looks_as_unavailable_as_the_widgets() {
    let host = prerendered_host(shipped(), "kingsoft", "cdn", |shadow| {
        // The stylesheet a page links, in effect in the shadow root.
        let style = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("style").ok())
            .expect("style");
        style.set_text_content(Some(include_str!("../src/widget/style.css")));
        shadow.append_child(&style).expect("append");
    });
    let shadow = host.shadow_root().expect("shadow root");
    let background = |selector: &str| {
        let e = shadow
            .query_selector(selector)
            .expect("selector")
            .unwrap_or_else(|| panic!("{selector}"));
        web_sys::window()
            .and_then(|w| w.get_computed_style(&e).ok().flatten())
            .and_then(|s| s.get_property_value("background-color").ok())
            .unwrap_or_default()
    };
    let disabled = background(".ct-prerendered button.ct-primary[disabled]");
    // A live button for comparison, beside it.
    let actions = shadow
        .query_selector(".ct-prerendered .ct-actions")
        .expect("selector")
        .expect("actions");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    for (id, aria) in [("live", "false"), ("unavailable", "true")] {
        let b = document.create_element("button").expect("button");
        b.set_class_name("ct-button ct-primary");
        b.set_id(id);
        b.set_attribute("aria-disabled", aria).expect("attr");
        actions.append_child(&b).expect("append");
    }
    assert_eq!(
        disabled,
        background("#unavailable"),
        "greyed as the widget's own"
    );
    assert_ne!(
        disabled,
        background("#live"),
        "not the live button's colour"
    );
    host.parent_element().expect("page").remove();
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
