//! The person's copies (`core/src/copy.rs`): the downloaded agreement and the copy of what was
//! accepted hold every clause, the hash and the text it is the hash of, escaped as text.

use consent_terms::canonical::{canonical_text, content_hash};
use consent_terms::catalog::{bundled_catalog, Catalog, Source};
use consent_terms::copy::{accepted_document, agreement_document, escape_into};
use consent_terms::i18n::Lang;
use consent_terms::receipt::{
    AgreementConsent, Assent, ConsentRecord, OrganizationConsent, RequiredSteps, RECEIPT_SCHEMA,
};

fn escaped(text: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, text);
    out
}

fn catalog() -> &'static Catalog {
    bundled_catalog()
        .as_ref()
        .expect("the shipped agreements are valid")
}

#[test]
fn the_download_of_every_shipped_version_holds_each_clause_its_hash_and_its_canonical_text() {
    for lang in [Lang::En, Lang::ZhCn] {
        for a in catalog().all() {
            let hash = content_hash(a);
            let doc = agreement_document(
                a,
                &hash,
                lang,
                "https://console.example.com",
                "2026-11-26T08:00:00.000Z",
            );
            let m = &a.meta;
            assert_eq!(doc.filename, format!("{}-{}.html", m.id, m.version));
            let html = &doc.html;
            assert!(html.starts_with("<!DOCTYPE html>"), "{}", m.id);
            assert!(
                html.contains(&format!("data-sha256=\"{hash}\"")),
                "{}",
                m.id
            );
            assert!(html.contains(&format!("<code>{hash}</code>")), "{}", m.id);
            // The canonical text, exactly: the element's text after the dropped first newline.
            let pre = format!(
                "<pre class=\"canonical\" id=\"canonical-{}\">\n{}</pre>",
                m.id,
                escaped(&canonical_text(a))
            );
            assert!(html.contains(&pre), "{} has its canonical text", m.id);
            for clause in a.clauses() {
                let number = clause.number().expect("a clause");
                assert!(
                    html.contains(&format!(
                        "<span class=\"number\">{}</span>",
                        escaped(number)
                    )),
                    "{} clause {number}",
                    m.id
                );
                for piece in clause.spans.iter().map(|s| s.text()) {
                    assert!(
                        html.contains(&escaped(piece)),
                        "{} clause {number}: {piece}",
                        m.id
                    );
                }
            }
            let highlights = a.highlights().count();
            assert_eq!(
                html.matches("<strong class=\"highlight\"").count(),
                highlights,
                "{}: every highlighted clause is marked",
                m.id
            );
            assert_eq!(
                html.matches("<li data-highlight=").count(),
                highlights,
                "{}: and listed with what it is",
                m.id
            );
            assert!(
                !html.to_ascii_lowercase().contains("<script"),
                "no script in {}",
                m.id
            );
            assert!(html.contains("@media print"), "a print stylesheet");
        }
    }
}

fn demo(body: &str) -> Catalog {
    Catalog::from_sources(&[Source {
        path: "agreements/demo/1.md".into(),
        text: format!("---\nid: demo-terms\ntitle: Demo <Terms> & \"Co\"\nprovider: demo\nprovider-name: Demo Cloud\nversion: 1\neffective: 2024-01-01\nupdated: 2024-01-01\nlanguage: en\nproducts: *\nreconsent: required\n---\n{body}\n"),
    }])
    .expect("valid")
}

#[test]
fn agreement_text_that_looks_like_markup_stays_text() {
    let catalog = demo("1.1 <script>alert(1)</script> & <img src=x onerror=alert(2)>\n1.2 {{exemption: We are not liable for </pre><b>anything</b>.}}");
    let a = &catalog.all()[0];
    let doc = agreement_document(
        a,
        &content_hash(a),
        Lang::En,
        "https://x.example",
        "2026-11-26T08:00:00.000Z",
    );
    let html = doc.html.to_ascii_lowercase();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        !html.contains("</pre><b>"),
        "a clause cannot close the canonical text early"
    );
    assert!(doc
        .html
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img"));
    assert!(doc
        .html
        .contains("<title>Demo &lt;Terms&gt; &amp; &quot;Co&quot; — 1</title>"));
}

fn record(catalog: &Catalog) -> ConsentRecord {
    let a = catalog.find("kingsoft-cdn", "2021-06-01").expect("shipped");
    let highlights: Vec<String> = a.highlights().map(|h| h.id.to_string()).collect();
    ConsentRecord {
        schema: RECEIPT_SCHEMA.into(),
        receipt_id: "5f0c6a1e-8d2b-4c3f-9a7e-1b2c3d4e5f60".into(),
        subject: Some("user-4711".into()),
        audience: "https://console.example.com".into(),
        nonce: Some("n-1".into()),
        locale: "en".into(),
        accepted_at: "2026-11-26T08:00:00.000Z".into(),
        assent: Assent {
            mode: "checkbox".into(),
            wording: "I have read and agree to the Kingsoft Cloud CDN Service Agreement.".into(),
        },
        required: RequiredSteps {
            read_to_end: true,
            acknowledge_highlights: true,
        },
        agreements: vec![AgreementConsent {
            id: a.meta.id.clone(),
            version: a.meta.version.clone(),
            sha256: content_hash(a),
            displayed_at: Some("2026-11-26T07:58:00.000Z".into()),
            reached_end: true,
            acknowledged_highlights: highlights.clone(),
            effective: None,
            questions_asked: vec![highlights[1].clone()],
        }],
        accepted_ahead: Vec::new(),
        organization: Some(OrganizationConsent {
            name: "Example <Holdings> Ltd".into(),
            id: Some("91110000".into()),
            authority: "I am authorised to accept these terms on behalf of Example <Holdings> Ltd."
                .into(),
        }),
    }
}

#[test]
fn the_copy_of_what_was_accepted_holds_the_texts_the_receipt_and_what_the_person_did() {
    let a = catalog()
        .find("kingsoft-cdn", "2021-06-01")
        .expect("shipped");
    let r = record(catalog());
    let jws = "eyJhbGciOiJFUzI1NiJ9.eyJ4IjoxfQ.c2ln";
    let doc = accepted_document(&[(a, &content_hash(a))], &[], &r, jws, Lang::En);
    assert_eq!(
        doc.filename,
        "consent-5f0c6a1e-8d2b-4c3f-9a7e-1b2c3d4e5f60.html"
    );
    let html = &doc.html;
    assert!(html.contains(&format!("<pre id=\"receipt-jws\">{jws}</pre>")));
    assert!(html.contains(&format!(
        "<pre id=\"receipt-record\">{}</pre>",
        escaped(&r.to_json().to_text())
    )));
    assert!(html.contains(&escaped(&canonical_text(a))));
    assert!(html.contains("2026-11-26T08:00:00.000Z") && html.contains(&r.receipt_id));
    assert!(
        html.contains("on behalf of Example &lt;Holdings&gt; Ltd."),
        "the authority statement, escaped"
    );
    let asked = a
        .highlights()
        .nth(1)
        .and_then(|h| h.block.number())
        .expect("numbered");
    assert!(
        html.contains(&format!("You asked about clauses: {asked}.")),
        "the clauses asked about"
    );
    assert!(html.contains(&format!(
        "You acknowledged the {} highlighted clauses",
        a.highlights().count()
    )));
    let zh = accepted_document(&[(a, &content_hash(a))], &[], &r, jws, Lang::ZhCn);
    assert!(zh.html.contains("您所接受内容的副本") && zh.html.contains("<html lang=\"zh-CN\">"));
}
