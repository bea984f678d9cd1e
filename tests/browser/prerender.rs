//! Prerendered terms: adopted when they match, refused when altered, hidden, restyled or given a shadow root.

use super::*;

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

#[wasm_bindgen_test]
async fn the_prerendered_accept_button_looks_as_unavailable_as_the_widgets() {
    let host = prerendered_host(shipped(), "kingsoft", "cdn", |shadow| {
        // The stylesheet a page links, in effect in the shadow root.
        let style = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("style").ok())
            .expect("style");
        style.set_text_content(Some(include_str!("../../src/widget/style.css")));
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
