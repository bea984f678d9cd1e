//! The person's copies (the download of each seed agreement) and questions about a clause.

use super::*;

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
