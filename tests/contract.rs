//! The host contract is written once (`src/contract.rs`); the README's tables must list every
//! attribute, event and error code the widget uses, so the documented and the shipped contract
//! cannot drift apart.

use consent_terms::consent::AssentMode;
use consent_terms::contract::{ErrorCode, Event, Flag, HostOptions, ATTRIBUTES};

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
fn error_codes_are_distinct_and_only_storage_and_key_are_warnings() {
    let mut codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), ErrorCode::ALL.len());
    let warnings: Vec<&str> = ErrorCode::ALL
        .iter()
        .filter(|c| c.is_warning())
        .map(|c| c.as_str())
        .collect();
    assert_eq!(warnings, ["key-not-persisted", "storage-unavailable"]);
    assert_ne!(
        ErrorCode::HashMismatch.as_str(),
        ErrorCode::RenderedMismatch.as_str()
    );
}

#[test]
fn host_options_read_attributes_and_camel_case_mount_options() {
    let attrs: HostOptions = serde_json::from_str(
        r#"{"provider":"kingsoft","products":"cdn","require-scroll":"off","mode":"button","post-message-origin":"https://a.example"}"#,
    )
    .expect("attributes");
    assert_eq!(attrs.provider.as_deref(), Some("kingsoft"));
    assert_eq!(
        attrs.post_message_origin.as_deref(),
        Some("https://a.example")
    );
    let r = attrs.requirements();
    assert!(!r.read_to_end && r.acknowledge_highlights);
    assert_eq!(r.mode, AssentMode::Button);
    let code: HostOptions = serde_json::from_str(
        r#"{"provider":"jdcloud","requireAcknowledgement":false,"postMessageOrigin":"https://b.example","unknown":1}"#,
    )
    .expect("mount options");
    assert_eq!(code.require_acknowledgement, Some(Flag::Bool(false)));
    assert_eq!(
        code.post_message_origin.as_deref(),
        Some("https://b.example")
    );
    let r = code.requirements();
    assert!(r.read_to_end && !r.acknowledge_highlights);
    assert_eq!(r.mode, AssentMode::Checkbox);
}
