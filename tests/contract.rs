//! The host contract is written once (`core/src/contract.rs`); the README's tables must list every
//! attribute, event and error code the widget uses, so the documented and the shipped contract
//! cannot drift apart.

use consent_terms::consent::AssentMode;
use consent_terms::contract::{
    camel_case, ChangeDetail, ErrorCode, ErrorDetail, Event, HostOptions, ATTRIBUTES,
};
use std::collections::HashMap;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README")
}

#[test]
fn the_readme_documents_every_attribute_event_and_error_code() {
    let readme = readme();
    for a in ATTRIBUTES {
        assert!(
            readme.contains(&format!("| `{a}` |")),
            "attribute {a} in README's table"
        );
    }
    for e in Event::ALL {
        assert!(
            readme.contains(&format!("| `{}` |", e.name())),
            "event {} in README",
            e.name()
        );
    }
    for c in ErrorCode::ALL {
        assert!(
            readme.contains(&format!("`{c}`")),
            "error code {c} in README"
        );
    }
}

#[test]
fn error_codes_are_distinct_and_only_key_storage_status_prerender_and_attribute_are_warnings() {
    let mut codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), ErrorCode::ALL.len());
    let warnings: Vec<&str> = ErrorCode::ALL
        .iter()
        .filter(|c| c.is_warning())
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "key-not-persisted",
            "storage-unavailable",
            "status-unavailable",
            "prerender-mismatch",
            "attribute-refused"
        ]
    );
    assert_ne!(
        ErrorCode::HashMismatch.as_str(),
        ErrorCode::RenderedMismatch.as_str()
    );
}

fn read(pairs: &[(&str, &str)]) -> HostOptions {
    let map: HashMap<&str, &str> = pairs.iter().copied().collect();
    HostOptions::read(|name| map.get(name).map(|v| v.to_string()))
}

#[test]
fn host_options_read_attributes_and_camel_case_mount_options() {
    assert_eq!(camel_case("post-message-origin"), "postMessageOrigin");
    let attrs = read(&[
        ("provider", "kingsoft"),
        ("products", "cdn"),
        ("require-scroll", "off"),
        ("mode", "button"),
        ("post-message-origin", "https://a.example"),
    ]);
    assert_eq!(attrs.provider.as_deref(), Some("kingsoft"));
    assert_eq!(
        attrs.post_message_origin.as_deref(),
        Some("https://a.example")
    );
    let r = attrs.requirements();
    assert!(!r.read_to_end && r.acknowledge_highlights);
    assert_eq!(r.mode, AssentMode::Button);
    // `mount` options in camel case, a boolean given as `false`.
    let code = read(&[
        ("provider", "jdcloud"),
        ("requireAcknowledgement", "false"),
        ("postMessageOrigin", "https://b.example"),
        ("statusUrl", "/api/consent/status"),
        ("unknown", "1"),
    ]);
    assert_eq!(code.status_url.as_deref(), Some("/api/consent/status"));
    assert_eq!(
        code.post_message_origin.as_deref(),
        Some("https://b.example")
    );
    let r = code.requirements();
    assert!(r.read_to_end && !r.acknowledge_highlights);
    assert_eq!(r.mode, AssentMode::Checkbox);
}

#[test]
fn event_details_have_the_documented_member_names() {
    let change = ChangeDetail {
        missing: vec!["assent".into()],
        can_accept: false,
        phase: "open",
        already_accepted: None,
    };
    assert_eq!(
        serde_json::to_string(&change).expect("json"),
        r#"{"missing":["assent"],"canAccept":false,"phase":"open"}"#
    );
    let warning = ErrorDetail::new(ErrorCode::StorageUnavailable, "no storage");
    assert_eq!(
        serde_json::to_string(&warning).expect("json"),
        r#"{"code":"storage-unavailable","message":"no storage","severity":"warning"}"#
    );
    let error = ErrorDetail::new(ErrorCode::RenderedMismatch, "differs");
    assert!(!serde_json::to_string(&error)
        .expect("json")
        .contains("severity"));
}

#[test]
fn a_question_opens_the_help_page_with_the_clause_in_its_query_or_writes_to_the_help_address() {
    use consent_terms::contract::{Help, QuestionDetail, HELP_TEXT_CHARS};
    let q = QuestionDetail {
        agreement: "kingsoft-cdn".into(),
        version: "2021-06-01".into(),
        title: "Kingsoft Cloud CDN Service Agreement".into(),
        clause: Some("5.5".into()),
        highlight: "h4".into(),
        kind: "exemption",
        text: "不承担 & liability?".repeat(40),
        lang: "zh-CN",
        opened: None,
    };
    let url = q.help_address(&Help::Url(
        "https://help.example.com/ask?from=signup#form".into(),
    ));
    assert!(url.starts_with("https://help.example.com/ask?from=signup&agreement=kingsoft-cdn&version=2021-06-01&clause=5.5&highlight=h4&lang=zh-CN&text=%E4%B8%8D%E6%89%BF%E6%8B%85%20%26%20liability%3F"), "{url}");
    assert!(
        url.ends_with("%E2%80%A6#form"),
        "cut, marked, fragment kept: {url}"
    );
    let cut = url
        .split("&text=")
        .nth(1)
        .expect("text")
        .matches("%E4%B8%8D")
        .count();
    assert_eq!(
        cut,
        HELP_TEXT_CHARS.div_ceil(16),
        "{HELP_TEXT_CHARS} characters of the clause"
    );
    let mail = q.help_address(&Help::Email("legal@example.com".into()));
    assert!(mail.starts_with("mailto:legal@example.com?subject=Kingsoft%20Cloud%20CDN%20Service%20Agreement%205.5%20%28kingsoft-cdn%202021-06-01%2C%20h4%29&body="), "{mail}");
}

#[test]
fn organization_and_help_are_read_from_the_options_and_blank_means_absent() {
    use consent_terms::contract::{Help, HostOptions};
    let o = HostOptions::read(|name| match name {
        "organization" => Some(" Example Ltd ".into()),
        "organizationId" => Some("  ".into()),
        "help-url" => Some("".into()),
        "helpEmail" => Some("legal@example.com".into()),
        _ => None,
    });
    let org = o.organization().expect("named");
    assert_eq!((org.name.as_str(), org.id), ("Example Ltd", None));
    assert_eq!(o.help(), Some(Help::Email("legal@example.com".into())));
    assert_eq!(HostOptions::default().organization(), None);
}

#[test]
fn the_packages_declarations_and_manifest_name_every_attribute_event_and_error_code() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/");
    let types = std::fs::read_to_string(format!("{dir}consent-terms.d.ts")).expect("d.ts");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}custom-elements.json")).expect("manifest"),
    )
    .expect("the manifest is JSON");
    let element = &manifest["modules"][0]["declarations"][0];
    assert_eq!(element["tagName"], "consent-terms");
    let names = |list: &str| -> Vec<String> {
        element[list]
            .as_array()
            .expect("a list")
            .iter()
            .map(|a| a["name"].as_str().expect("a name").to_string())
            .collect()
    };
    assert_eq!(
        names("attributes"),
        ATTRIBUTES,
        "the manifest's attributes, in order"
    );
    for a in ATTRIBUTES {
        let option = camel_case(a);
        assert!(
            types.contains(&format!("  {option}?: ")) || types.contains(&format!("  {option}: ")),
            "option {option} in the declarations"
        );
    }
    let events: Vec<&str> = Event::ALL.iter().map(|e| e.name()).collect();
    assert_eq!(names("events"), events, "the manifest's events, in order");
    for e in events {
        assert!(
            types.contains(&format!("'{e}': CustomEvent<")),
            "event {e} in the declarations"
        );
    }
    let codes = types
        .split("export type ErrorCode =")
        .nth(1)
        .and_then(|t| t.split(';').next())
        .expect("the ErrorCode type");
    let declared: Vec<&str> = codes.split('\'').skip(1).step_by(2).collect();
    let all: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(declared, all, "the declared error codes, in order");
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}package.json")).expect("package.json"),
    )
    .expect("JSON");
    assert_eq!(package["exports"]["."]["types"], "./consent-terms.d.ts");
    assert_eq!(package["customElements"], "custom-elements.json");
    assert_eq!(
        package["version"],
        env!("CARGO_PKG_VERSION"),
        "the package's version is the crate's"
    );
}

/// The quoted names in the JavaScript array `const NAME = [...]` of `source`.
fn js_list(source: &str, name: &str) -> Vec<String> {
    let start = source
        .find(&format!("const {name} = ["))
        .unwrap_or_else(|| panic!("{name} is declared"));
    let body = &source[start..];
    let body = &body[..body.find("];").expect("closed")];
    body.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn isolated_modes_host_element_and_frame_name_every_attribute_and_event() {
    let www = concat!(env!("CARGO_MANIFEST_DIR"), "/www/");
    let host = std::fs::read_to_string(format!("{www}consent-terms-frame.js")).expect("host");
    let frame = std::fs::read_to_string(format!("{www}frame.js")).expect("frame");
    let events: Vec<String> = Event::ALL.iter().map(|e| e.name().to_string()).collect();
    // The same names (the order of the frame's list is its own).
    let mut passed = js_list(&host, "ATTRIBUTES");
    passed.sort_unstable();
    let mut attributes = ATTRIBUTES.to_vec();
    attributes.sort_unstable();
    assert_eq!(passed, attributes);
    // The frame sets exactly these (its filter's list), and nothing else.
    let mut set = js_list(&frame, "ATTRIBUTES");
    set.sort_unstable();
    assert_eq!(set, attributes);
    assert_eq!(js_list(&host, "EVENTS"), events);
    assert_eq!(js_list(&frame, "EVENTS"), events);
    // Messages go to one origin, never `*`, and are taken from one window and origin only.
    for source in [&host, &frame] {
        assert!(!source.contains("'*'") && !source.contains("\"*\""));
        assert!(source.contains("event.origin !=="));
        assert!(source.contains("event.source !=="));
    }
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/embedding.md"))
        .expect("docs/embedding.md");
    assert!(guide.contains("<consent-terms-frame"));
    assert!(guide.contains("frame-unavailable"));
}

#[test]
fn the_receipts_nonce_is_the_challenge_and_the_deprecated_nonce_only_without_one() {
    assert_eq!(
        read(&[("challenge", "c-1"), ("nonce", "n-1")]).receipt_nonce(),
        (Some("c-1"), false),
        "challenge wins"
    );
    assert_eq!(
        read(&[("nonce", "n-1")]).receipt_nonce(),
        (Some("n-1"), true),
        "nonce still works, and says it is the deprecated one"
    );
    assert_eq!(
        read(&[("provider", "kingsoft")]).receipt_nonce(),
        (None, false)
    );
    // `challenge` is an attribute the element observes and the frame passes on; the README
    // and the declarations call `nonce` deprecated.
    assert!(ATTRIBUTES.contains(&"challenge") && ATTRIBUTES.contains(&"nonce"));
    let readme = readme();
    let row = readme
        .lines()
        .find(|l| l.starts_with("| `nonce` |"))
        .expect("nonce row");
    assert!(
        row.contains("deprecated") && row.contains("`challenge`"),
        "{row}"
    );
    let types = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/web/consent-terms.d.ts"
    ))
    .expect("d.ts");
    assert!(
        types.contains("  challenge: string | null;"),
        "the property"
    );
    let nonce = types.find("  nonce?: string;").expect("the nonce option");
    assert!(types[..nonce].rfind("@deprecated") > types[..nonce].rfind("challenge?: string;"));
}

#[test]
fn the_react_and_vue_declarations_name_every_attribute_and_event_and_the_package_exports_them() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/");
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}package.json")).expect("package.json"),
    )
    .expect("JSON");
    let files: Vec<&str> = package["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    for (entry, file, module, augmented) in [
        (
            "./react",
            "consent-terms-react.d.ts",
            "declare module 'react'",
            "interface IntrinsicElements",
        ),
        (
            "./vue",
            "consent-terms-vue.d.ts",
            "declare module 'vue'",
            "interface GlobalComponents",
        ),
    ] {
        assert_eq!(package["exports"][entry]["types"], format!("./{file}"));
        assert!(files.contains(&file), "{file} is packed");
        let types = std::fs::read_to_string(format!("{dir}{file}")).expect(file);
        assert!(
            types.contains(module) && types.contains(augmented),
            "{file}"
        );
        for element in ["'consent-terms'", "'consent-terms-frame'"] {
            assert!(
                types.contains(&format!("    {element}: ")),
                "{file}: {element}"
            );
        }
        for a in ATTRIBUTES {
            let key = if a.contains('-') {
                format!("  '{a}'?: ")
            } else if a == "provider" {
                format!("  {a}: ")
            } else {
                format!("  {a}?: ")
            };
            assert!(types.contains(&key), "{file}: attribute {a}");
        }
        // The events come from the element's event map, which names every one.
        assert!(types.contains("ConsentTermsEventMap"), "{file}: the events");
    }
}
