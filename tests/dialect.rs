//! The dialect round trip in the browser: generated agreements (every block type and inline
//! construct of `agreements/README.md`, alone and mixed), the README's examples, the fixtures
//! and a long agreement are rendered by the real widget, read back from the page with
//! `rendered_canonical`, and must give the published canonical text and so the content hash.
//! A construct that renders as anything but its text (issue #12: a list bullet written as
//! text) makes the widget refuse to sign; here it fails with the case that shows it.
#![cfg(target_arch = "wasm32")]

mod common;
mod dialect_gen;

use common::*;
use consent_terms::bundle::build_bundle;
use consent_terms::canonical::{canonical_text, content_hash, sha256_hex};
use consent_terms::catalog::Source;
use consent_terms::parse::parse_agreement;
use consent_terms::web::rendered_canonical;
use dialect_gen::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Generated agreements rendered in the browser (the native test checks more, faster).
const CASES: usize = 300;
/// Agreements per widget: each mount shows one bundle, one tab per agreement.
const PER_MOUNT: usize = 25;

/// Mounts one widget on a bundle of `sources`, shows each agreement in turn and compares what
/// the page shows with the canonical text. Returns how many were checked.
async fn rendered_as_published(sources: &[Source]) -> usize {
    let bundle = build_bundle(sources).expect("the sources make a valid bundle");
    let mut p = props("example", "");
    p.bundle = data_url(&bundle.to_json()).into();
    let (host, _) = widget(p).await;
    if let Ok(Some(error)) = host.query_selector(".ct-error") {
        panic!(
            "the widget did not load the bundle: {}",
            error.text_content().unwrap_or_default()
        );
    }
    for source in sources {
        let a = parse_agreement(&source.path, &source.text).expect("valid");
        let id = &a.meta.id;
        script_click(&host, &format!("[role=tab][data-agreement-id=\"{id}\"]"));
        yew::scheduler::flush().await;
        let article = host
            .query_selector(&format!("article[data-agreement-id=\"{id}\"]"))
            .expect("selector")
            .unwrap_or_else(|| panic!("{id} is shown after its tab is clicked"));
        let rendered = rendered_canonical(&article);
        let published = canonical_text(&a);
        assert_eq!(
            rendered, published,
            "{}: the text read back from the page is the canonical text\nsource:\n{}",
            source.path, source.text
        );
        assert_eq!(sha256_hex(rendered.as_bytes()), content_hash(&a));
        assert_eq!(
            article.get_attribute("data-hash"),
            Some(content_hash(&a)),
            "{id}"
        );
    }
    host.remove();
    sources.len()
}

#[wasm_bindgen_test]
async fn generated_agreements_read_back_from_the_page_as_published() {
    let cases = cases(CASES);
    let mut checked = 0;
    for batch in cases.chunks(PER_MOUNT) {
        checked += rendered_as_published(batch).await;
    }
    assert_eq!(checked, CASES);
    console_log!("{checked} generated agreements read back from the page as published");
}

#[wasm_bindgen_test]
async fn lists_every_construct_readme_examples_and_a_long_agreement_read_back_as_published() {
    let sources = [
        lists_only(),
        every_construct(),
        readme_vector(),
        readme_source_example(),
        long_agreement(),
    ];
    let checked = rendered_as_published(&sources).await;
    console_log!("{checked} fixed agreements read back from the page as published");
}
