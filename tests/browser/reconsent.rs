//! Re-consent: what was accepted before (this browser, the host's status URL), what changed, announced versions.

use super::*;

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
async fn without_a_subject_nothing_is_remembered_for_the_next_person() {
    // What an earlier version of the widget kept for "no subject" on this browser: someone
    // else's acceptance, which must not stand for whoever signs up now.
    seed_accepted(
        "",
        &[
            ("kingsoft-general", "2020-04-14"),
            ("kingsoft-cdn", "2021-06-01"),
        ],
    );
    let (host, log) = widget(props("kingsoft", "cdn")).await;
    assert_eq!(
        host.query_selector_all("[role=tab]")
            .expect("selector")
            .length(),
        2,
        "both agreements are asked"
    );
    assert_eq!(
        log.details("consent-ready")[0]["agreements"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert!(log
        .details("consent-change")
        .iter()
        .all(|d| d["alreadyAccepted"] != true));
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
