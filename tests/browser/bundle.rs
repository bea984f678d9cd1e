//! The bundle: errors shown with their codes, one fetch for many widgets, a bundle changed while loading, a rewritten bundle, a Chinese interface over a bilingual bundle.

use super::*;

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
    // The same with a combining grapheme joiner inside a word: it shows as nothing.
    let mut joiner = build_bundle(&bundled_sources()).expect("valid");
    assert!(edit_text(
        &mut joiner.agreements[1].agreement,
        "shall not",
        "shall n\u{034F}ot"
    ));
    let joiner = data_url(&joiner.to_json());
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
        (
            ConsentTermsProps {
                bundle: joiner.into(),
                ..props("kingsoft", "cdn")
            },
            "bundle-invalid",
            "U+034F is an invisible or direction-changing character",
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
    // A file saved with a byte order mark (as a Windows editor writes it), pinned by the hash
    // of its bytes as `openssl dgst` or a build tool computes it: it loads; pinned by the hash
    // without the mark, it does not (the pin is of the file, not of its text).
    let marked = ["\u{FEFF}", &original].concat();
    for (pin, loads) in [(sri_sha256(&marked), true), (sri_sha256(&original), false)] {
        let (host, log) = widget(ConsentTermsProps {
            bundle: data_url(&marked).into(),
            integrity: Some(pin.into()),
            ..props("kingsoft", "cdn")
        })
        .await;
        let errors = log.details("consent-error");
        assert_eq!(
            host.query_selector("[role=tab]")
                .expect("selector")
                .is_some(),
            loads,
            "{errors:?}"
        );
        assert_eq!(errors.is_empty(), loads, "{errors:?}");
    }
}
