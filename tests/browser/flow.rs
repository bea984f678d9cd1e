//! The flow a person goes through: tabs, highlights, the accept control and what it waits for, decline, the text as text, both interface languages, the element and its attributes, the text read back.

use super::*;

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
async fn a_highlight_hidden_by_a_stylesheet_is_not_read_to_the_end() {
    // Each a page's stylesheet changing no node: hidden, faded (the host's opacity included),
    // the theme's colours made transparent or alike, a font too small to read, drawn small by
    // a transform, blurred, a highlighted clause no longer bold.
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    for css in [
        "strong.ct-highlight { opacity: 0 }",
        ".ct-widget-under-test { opacity: .02 }",
        ".ct-widget-under-test { --ct-text: transparent; --ct-muted: transparent }",
        ".ct-widget-under-test { --ct-text: #fff; --ct-background: #fff; --ct-highlight-bg: #fff }",
        ".ct-widget-under-test .ct-text { font-size: 0.1px }",
        ".ct-widget-under-test .ct-text { transform: scale(.05); transform-origin: 0 0 }",
        ".ct-widget-under-test .ct-text { filter: blur(12px) }",
        "strong.ct-highlight { font-weight: 400 }",
    ] {
        let (host, log) = widget(props("kingsoft", "cdn")).await;
        host.set_class_name("ct-widget-under-test");
        let style = document.create_element("style").expect("style");
        style.set_text_content(Some(css));
        document
            .head()
            .expect("head")
            .append_child(&style)
            .expect("append");
        scroll_panel_to_end(&host);
        wait_until(&format!("the hidden text is reported ({css})"), || {
            !log.details("consent-error").is_empty()
        })
        .await;
        style.remove();
        host.set_class_name("");
        assert_eq!(
            log.details("consent-error")[0]["code"],
            "rendered-mismatch",
            "{css}"
        );
        assert_eq!(
            attr(
                &host,
                "[role=tab][data-agreement-id=kingsoft-general]",
                "data-read"
            )
            .as_deref(),
            Some("false"),
            "not counted as read: {css}"
        );
        host.remove();
    }
}
