//! A subject's status follows the one re-consent rule the widget and the verifier apply: with
//! three versions of the Kingsoft CDN agreement (v1 2020-11-26; v2 2021-06-01, which requires
//! accepting again; v3 2022-03-01, which does not), whoever accepted v1 must accept again, and
//! whoever accepted v2 need not. On a real SQLite file and a real PostgreSQL server.

#[macro_use]
mod common;

use common::*;
use consent_terms_core::consent::AssentMode;
use consent_terms_core::i18n::Lang;
use consent_terms_core::wording::assent_wording;

on_both_backends!(a_subject_who_accepted_v1_must_accept_again_though_v3_does_not_ask);

/// The shipped Kingsoft agreements in a new directory, with a third CDN version made from the
/// second: a typo fixed, `reconsent: not-required`, in effect from 2022-03-01.
fn three_cdn_versions() -> TempDir {
    let dir = TempDir::new("three-versions");
    for (id, file) in [
        ("kingsoft-general", "2020-04-14.md"),
        ("kingsoft-cdn", "2020-11-26.md"),
        ("kingsoft-cdn", "2021-06-01.md"),
    ] {
        let text = std::fs::read_to_string(agreements_dir().join(id).join(file)).expect("shipped");
        std::fs::create_dir_all(dir.0.join(id)).expect("dir");
        std::fs::write(dir.0.join(id).join(file), text).expect("write");
    }
    let v2 = std::fs::read_to_string(agreements_dir().join("kingsoft-cdn/2021-06-01.md"))
        .expect("shipped");
    let v3 = v2
        .replacen("version: 2021-06-01", "version: 2022-03-01", 1)
        .replacen("effective: 2021-06-01", "effective: 2022-03-01", 1)
        .replacen("updated: 2021-05-01", "updated: 2022-02-01", 1)
        .replacen("reconsent: required", "reconsent: not-required", 1)
        .replacen("videoon-demand", "video-on-demand", 1);
    assert!(v3.contains("reconsent: not-required") && v3.contains("video-on-demand"));
    std::fs::write(dir.0.join("kingsoft-cdn/2022-03-01.md"), v3).expect("write v3");
    dir
}

/// `id version reason` of each agreement the status says is still required.
fn required_of(status: &serde_json::Value) -> Vec<String> {
    status["required"]
        .as_array()
        .expect("required")
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r["id"].as_str().unwrap_or(""),
                r["version"].as_str().unwrap_or(""),
                r["reason"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The subject's status for the Kingsoft CDN sign-up.
async fn status(s: &TestServer, subject: &str) -> serde_json::Value {
    let r = s
        .get(&format!(
            "/v1/subjects/{subject}/status?provider=kingsoft&products=cdn"
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

async fn a_subject_who_accepted_v1_must_accept_again_though_v3_does_not_ask(backend: Backend) {
    let agreements = three_cdn_versions();
    let Some(s) = TestServer::start_with_agreements(backend, agreements.0.clone()).await else {
        return;
    };
    assert_eq!(s.catalog.versions("kingsoft-cdn").len(), 3);
    for (subject, cdn) in [
        ("vera", "2020-11-26"),
        ("wim", "2021-06-01"),
        ("xia", "2022-03-01"),
    ] {
        // A receipt for the general agreement and that CDN version, as the widget signs it; the
        // nonce names no sign-up, so the ledger stores it whichever version it covers.
        let versions = [("kingsoft-general", "2020-04-14"), ("kingsoft-cdn", cdn)];
        let nonce = s.nonce(subject, false).await;
        let mut record = record_now(&s.catalog, &versions, subject, &nonce);
        let titles: Vec<&str> = versions
            .iter()
            .map(|(id, v)| {
                s.catalog
                    .find(id, v)
                    .expect("in the catalogue")
                    .meta
                    .title
                    .as_str()
            })
            .collect();
        record.assent.wording = assent_wording(AssentMode::Checkbox, Lang::En, &titles);
        let r = s.post_receipt(&sign(&record)).await;
        assert_eq!(r.status, 201, "{subject}: {}", r.text());
    }
    // v1 accepted: v2 required accepting again, and v3 not asking does not undo that.
    let vera = status(&s, "vera").await;
    assert_eq!(
        required_of(&vera),
        ["kingsoft-cdn 2022-03-01 new-version-requires-reconsent"]
    );
    assert_eq!(vera["accepted"][1]["version"], "2020-11-26");
    // v2 accepted: v3 does not ask again. v3 accepted: current.
    assert_eq!(required_of(&status(&s, "wim").await), Vec::<String>::new());
    assert_eq!(required_of(&status(&s, "xia").await), Vec::<String>::new());
}
