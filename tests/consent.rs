//! The consent rules and the UI strings, natively.

use consent_terms::consent::{
    flag_attr, Act, AssentMode, ConsentState, Missing, Phase, Progress, Requirements,
};
use consent_terms::i18n::{fill, text, title_list, Key, Lang, KEYS};

fn progress(id: &str, highlights: usize) -> Progress {
    Progress {
        id: id.to_string(),
        version: "1".to_string(),
        hash: "00".to_string(),
        effective: "2024-01-01".to_string(),
        title: format!("{id} agreement"),
        highlights: (1..=highlights).map(|i| format!("h{i}")).collect(),
        displayed_at: None,
        reached_end: false,
        questions_asked: Vec::new(),
        ahead: None,
    }
}

fn fresh(requirements: Requirements) -> ConsentState {
    ConsentState::new(
        requirements,
        vec![progress("general", 3), progress("cdn", 2)],
    )
}

const T: &str = "2026-11-22T10:00:00.000Z";

fn act(state: &ConsentState, acts: &[Act]) -> ConsentState {
    acts.iter().fold(state.clone(), |s, a| s.apply(a))
}

#[test]
fn by_default_everything_is_required_and_listed_in_order() {
    let s = fresh(Requirements::default());
    let codes: Vec<String> = s.missing().iter().map(Missing::code).collect();
    assert_eq!(
        codes,
        [
            "read-to-end:general",
            "read-to-end:cdn",
            "acknowledge-highlights",
            "assent"
        ]
    );
    assert!(!s.can_accept());
    let s = s.apply(&Act::Accept {
        trusted: true,
        at: T.into(),
    });
    assert_eq!(
        s.phase,
        Phase::Open,
        "accept does nothing while something is missing"
    );
}

#[test]
fn meeting_every_requirement_enables_accept_once() {
    let s = act(
        &fresh(Requirements::default()),
        &[
            Act::ReachedEnd { index: 0 },
            Act::ReachedEnd { index: 1 },
            Act::Acknowledge {
                checked: true,
                trusted: true,
            },
        ],
    );
    assert_eq!(s.missing(), [Missing::Assent]);
    let s = s.apply(&Act::Assent {
        checked: true,
        trusted: true,
    });
    assert!(s.can_accept());
    let accepted = s.apply(&Act::Accept {
        trusted: true,
        at: T.into(),
    });
    assert_eq!(accepted.phase, Phase::Accepted { at: T.into() });
    assert!(!accepted.can_accept(), "accepting again is not possible");
    let again = accepted.apply(&Act::Accept {
        trusted: true,
        at: "2026-11-22T10:00:01.000Z".into(),
    });
    assert_eq!(
        again, accepted,
        "a double click changes nothing: one acceptance, one receipt"
    );
    let declined = accepted.apply(&Act::Decline {
        trusted: true,
        at: T.into(),
    });
    assert_eq!(
        declined.phase, accepted.phase,
        "an acceptance cannot be turned into a decline"
    );
}

#[test]
fn untrusted_acts_change_nothing() {
    let ready = act(
        &fresh(Requirements::default()),
        &[Act::ReachedEnd { index: 0 }, Act::ReachedEnd { index: 1 }],
    );
    for untrusted in [
        Act::Acknowledge {
            checked: true,
            trusted: false,
        },
        Act::Assent {
            checked: true,
            trusted: false,
        },
    ] {
        assert_eq!(ready.apply(&untrusted), ready, "{untrusted:?}");
    }
    let all_set = act(
        &ready,
        &[
            Act::Acknowledge {
                checked: true,
                trusted: true,
            },
            Act::Assent {
                checked: true,
                trusted: true,
            },
        ],
    );
    assert_eq!(
        all_set
            .apply(&Act::Accept {
                trusted: false,
                at: T.into()
            })
            .phase,
        Phase::Open
    );
    // Declining records no consent: a host's own cancel button may do it by script.
    let declined = ready.apply(&Act::Decline {
        trusted: false,
        at: T.into(),
    });
    assert_eq!(declined.phase, Phase::Declined { at: T.into() });
}

#[test]
fn host_can_drop_scroll_and_acknowledgement_and_use_one_button() {
    let r = Requirements {
        read_to_end: false,
        acknowledge_highlights: false,
        mode: AssentMode::Button,
    };
    let s = fresh(r);
    assert!(s.missing().is_empty());
    assert!(s.can_accept());
    let r = Requirements {
        read_to_end: true,
        acknowledge_highlights: false,
        mode: AssentMode::Button,
    };
    assert_eq!(fresh(r).missing().len(), 2, "only the two reads remain");
}

#[test]
fn no_acknowledgement_is_asked_when_nothing_is_highlighted() {
    let s = ConsentState::new(Requirements::default(), vec![progress("plain", 0)]);
    assert!(!s.missing().contains(&Missing::Acknowledge));
}

#[test]
fn unticking_takes_the_permission_back_and_decline_can_be_reviewed() {
    let s = act(
        &fresh(Requirements {
            read_to_end: false,
            ..Requirements::default()
        }),
        &[
            Act::Acknowledge {
                checked: true,
                trusted: true,
            },
            Act::Assent {
                checked: true,
                trusted: true,
            },
            Act::Assent {
                checked: false,
                trusted: true,
            },
        ],
    );
    assert_eq!(s.missing(), [Missing::Assent]);
    let declined = s.apply(&Act::Decline {
        trusted: true,
        at: T.into(),
    });
    assert_eq!(declined.phase, Phase::Declined { at: T.into() });
    assert_eq!(
        declined.apply(&Act::Reopen { trusted: true }).phase,
        Phase::Open
    );
}

#[test]
fn displayed_at_keeps_the_first_display() {
    let s = act(
        &fresh(Requirements::default()),
        &[
            Act::Displayed {
                index: 1,
                at: T.into(),
            },
            Act::Displayed {
                index: 1,
                at: "2026-11-22T11:00:00.000Z".into(),
            },
        ],
    );
    assert_eq!(s.agreements[1].displayed_at.as_deref(), Some(T));
    assert_eq!(s.agreements[0].displayed_at, None);
}

#[test]
fn attributes_read_as_people_write_them() {
    assert_eq!(AssentMode::from_attr("button"), AssentMode::Button);
    assert_eq!(AssentMode::from_attr(" Button "), AssentMode::Button);
    assert_eq!(AssentMode::from_attr("checkbox"), AssentMode::Checkbox);
    assert!(flag_attr(None, true));
    assert!(
        flag_attr(Some(""), true),
        "a bare boolean attribute means true"
    );
    assert!(!flag_attr(Some("false"), true));
    assert!(!flag_attr(Some("0"), true));
}

#[test]
fn every_string_exists_in_both_languages_and_chinese_is_chinese() {
    for key in KEYS {
        let en = text(Lang::En, *key);
        let zh = text(Lang::ZhCn, *key);
        assert!(!en.is_empty(), "{key:?}");
        assert!(!zh.is_empty(), "{key:?}");
        if *key != Key::ListSeparator {
            assert_ne!(en, zh, "{key:?} is translated");
        }
    }
}

#[test]
fn language_tags_choose_the_language() {
    assert_eq!(Lang::from_tag("zh-CN"), Lang::ZhCn);
    assert_eq!(Lang::from_tag("zh"), Lang::ZhCn);
    assert_eq!(Lang::from_tag("zh-Hans-CN"), Lang::ZhCn);
    assert_eq!(
        Lang::from_tag("zh-TW"),
        Lang::En,
        "Traditional Chinese is not offered; English is"
    );
    assert_eq!(Lang::from_tag("fr"), Lang::En);
    assert_eq!(Lang::from_tag(""), Lang::En);
}

#[test]
fn placeholders_and_title_lists_read_naturally() {
    assert_eq!(
        fill(
            Lang::En,
            Key::AssentLabel,
            &[(
                "titles",
                &title_list(Lang::En, &["General Agreement", "CDN Agreement"])
            )]
        ),
        "I have read and agree to the General Agreement and the CDN Agreement."
    );
    assert_eq!(
        fill(
            Lang::ZhCn,
            Key::AssentLabel,
            &[("titles", &title_list(Lang::ZhCn, &["通用协议", "CDN 协议"]))]
        ),
        "我已阅读并同意《通用协议》和《CDN 协议》。"
    );
    assert_eq!(title_list(Lang::En, &["A", "B", "C"]), "A, the B and the C");
}

#[test]
fn a_value_is_not_a_template_and_brings_no_punctuation_twice() {
    // What the person signs for an organisation whose name ends in a full stop.
    assert_eq!(
        fill(
            Lang::En,
            Key::AuthorityLabel,
            &[("organization", "Example Ltd.")]
        ),
        "I am authorised to accept these terms on behalf of Example Ltd."
    );
    // A title an agreement already writes in 《》.
    assert_eq!(
        title_list(Lang::ZhCn, &["《通用协议》", "CDN 协议"]),
        "《通用协议》和《CDN 协议》"
    );
    assert_eq!(
        fill(
            Lang::ZhCn,
            Key::EndOfAgreement,
            &[("title", "《通用协议》")]
        ),
        "《通用协议》全文结束。"
    );
    // A name that looks like a placeholder is written as it is, once.
    assert_eq!(
        fill(
            Lang::ZhCn,
            Key::ClauseInAgreement,
            &[("agreement", "{number}"), ("number", "1.2")]
        ),
        "《{number}》1.2"
    );
    assert_eq!(
        fill(Lang::En, Key::AuthorityLabel, &[]),
        text(Lang::En, Key::AuthorityLabel)
    );
}

#[test]
fn the_signed_sentences_are_built_from_the_flow_in_each_mode_and_language() {
    use consent_terms::consent::Organization;
    use consent_terms::wording::{accept_label, assent_of, authority_of};
    let state = fresh(Requirements::default());
    assert_eq!(
        assent_of(Lang::En, &state),
        "I have read and agree to the general agreement and the cdn agreement."
    );
    assert_eq!(
        assent_of(Lang::ZhCn, &state),
        "我已阅读并同意《general agreement》和《cdn agreement》。"
    );
    assert_eq!(authority_of(Lang::En, &state), None);
    let button = fresh(Requirements {
        mode: AssentMode::Button,
        ..Requirements::default()
    })
    .for_organization(Some(Organization {
        name: "ACME Ltd".into(),
        id: None,
    }));
    assert_eq!(
        assent_of(Lang::En, &button),
        "Agree and register: by clicking, I agree to the general agreement and the cdn agreement"
    );
    // In button mode the button is the assent: its label is the signed sentence.
    assert_eq!(
        accept_label(Lang::En, &button),
        assent_of(Lang::En, &button)
    );
    assert_eq!(accept_label(Lang::En, &state), "Accept and continue");
    assert_eq!(
        authority_of(Lang::En, &button).as_deref(),
        Some("I am authorised to accept these terms on behalf of ACME Ltd.")
    );
    assert_eq!(
        authority_of(Lang::ZhCn, &button).as_deref(),
        Some("我确认已获授权代表ACME Ltd接受上述条款。")
    );
}

mod reconsent {
    use consent_terms::canonical::content_hash;
    use consent_terms::catalog::{bundled_catalog, bundled_sources, Catalog, Source};
    use consent_terms::reconsent::{
        decide, diff, AcceptedVersion, AcceptedVersions, Change, Decision,
    };

    fn catalog() -> &'static Catalog {
        bundled_catalog().as_ref().expect("valid")
    }

    fn accepted(id: &str, version: &str) -> AcceptedVersions {
        let a = catalog().find(id, version).expect("shipped");
        let mut m = AcceptedVersions::new();
        m.insert(
            id.into(),
            AcceptedVersion {
                version: version.into(),
                sha256: content_hash(a),
                accepted_at: "2021-01-01T00:00:00.000Z".into(),
            },
        );
        m
    }

    /// The shipped agreements with the CDN agreement's 2021-06-01 version saying it does not
    /// require accepting again.
    fn quiet_catalog() -> Catalog {
        let sources: Vec<Source> = bundled_sources()
            .into_iter()
            .map(|mut s| {
                if s.path.ends_with("kingsoft-cdn/2021-06-01.md") {
                    s.text = s
                        .text
                        .replacen("reconsent: required", "reconsent: not-required", 1);
                }
                s
            })
            .collect();
        Catalog::from_sources(&sources).expect("valid")
    }

    #[test]
    fn current_versions_are_not_asked_again_and_required_reconsent_is() {
        let cdn = catalog().current("kingsoft-cdn", "en").expect("shipped");
        let hash = content_hash(cdn);
        let decide = |accepted: &AcceptedVersions| decide(catalog(), cdn, &hash, accepted);
        assert_eq!(decide(&AcceptedVersions::new()), Decision::Ask);
        assert_eq!(
            decide(&accepted("kingsoft-cdn", "2021-06-01")),
            Decision::AlreadyAccepted
        );
        assert_eq!(
            decide(&accepted("kingsoft-cdn", "2020-11-26")),
            Decision::AskAgain {
                previous: "2020-11-26".into()
            }
        );
        // A version that does not require re-acceptance is recorded without asking.
        let quiet = quiet_catalog();
        let quiet_cdn = quiet.current("kingsoft-cdn", "en").expect("shipped");
        assert_eq!(
            consent_terms::reconsent::decide(
                &quiet,
                quiet_cdn,
                &content_hash(quiet_cdn),
                &accepted("kingsoft-cdn", "2020-11-26")
            ),
            Decision::RecordWithoutAsking {
                previous: "2020-11-26".into()
            }
        );
        // The same version label with another text is asked afresh.
        let mut stored = accepted("kingsoft-cdn", "2021-06-01");
        stored.get_mut("kingsoft-cdn").expect("present").sha256 = "0".repeat(64);
        assert_eq!(decide(&stored), Decision::Ask);
        // A version the catalogue does not hold is asked again: nothing says what came between.
        let mut unknown = accepted("kingsoft-cdn", "2020-11-26");
        unknown.get_mut("kingsoft-cdn").expect("present").version = "2019-01-01".into();
        assert_eq!(
            decide(&unknown),
            Decision::AskAgain {
                previous: "2019-01-01".into()
            }
        );
    }

    #[test]
    fn the_cdn_diff_shows_exactly_the_three_changes() {
        let old = catalog()
            .find("kingsoft-cdn", "2020-11-26")
            .expect("shipped");
        let new = catalog()
            .find("kingsoft-cdn", "2021-06-01")
            .expect("shipped");
        let changes = diff(old, new);
        assert_eq!(changes.len(), 3, "{changes:#?}");
        assert!(
            matches!(&changes[0], Change::Changed { number, after, highlighted: false, .. } if number == "5.5" && after.contains("60 days"))
        );
        assert!(
            matches!(&changes[1], Change::Changed { number, before, after, highlighted: true } if number == "7.6" && before.contains("12 months") && after.contains("three (3) months"))
        );
        assert!(
            matches!(&changes[2], Change::Added { number: Some(n), highlighted: true, .. } if n == "7.7")
        );
        assert!(diff(new, new).is_empty());
        let back = diff(new, old);
        assert!(back
            .iter()
            .any(|c| matches!(c, Change::Removed { number: Some(n), .. } if n == "7.7")));
    }
}

#[test]
fn remembered_versions_are_stored_as_json_that_reads_back() {
    use consent_terms::reconsent::{accepted_json, AcceptedVersion, AcceptedVersions};
    let mut accepted = AcceptedVersions::new();
    for (id, version) in [
        ("kingsoft-general", "2020-04-14"),
        ("kingsoft-cdn", "2021-06-01"),
    ] {
        accepted.insert(
            id.to_string(),
            AcceptedVersion {
                version: version.to_string(),
                sha256: "ab".repeat(32),
                accepted_at: "2026-11-22T10:00:00.123Z".to_string(),
            },
        );
    }
    let text = accepted_json(&accepted).to_text();
    assert_eq!(
        text,
        serde_json::to_string(&accepted).expect("serialisable")
    );
    let back: AcceptedVersions = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back, accepted);
}

/// The acts that meet every default requirement of [`fresh`]'s two agreements.
fn every_requirement() -> Vec<Act> {
    vec![
        Act::ReachedEnd { index: 0 },
        Act::ReachedEnd { index: 1 },
        Act::Acknowledge {
            checked: true,
            trusted: true,
        },
        Act::Assent {
            checked: true,
            trusted: true,
        },
    ]
}

#[test]
fn accepting_for_an_organisation_also_needs_the_authority_box_ticked_by_the_person() {
    use consent_terms::consent::Organization;
    let org = Organization {
        name: "Example Ltd".into(),
        id: None,
    };
    let s = fresh(Requirements::default()).for_organization(Some(org));
    let read = act(&s, &every_requirement());
    let codes: Vec<String> = read.missing().iter().map(Missing::code).collect();
    assert_eq!(codes, ["authority"]);
    assert!(!read.can_accept());
    // A script's tick does nothing.
    assert!(!act(
        &read,
        &[Act::Authorize {
            checked: true,
            trusted: false
        }]
    )
    .can_accept());
    let ticked = act(
        &read,
        &[Act::Authorize {
            checked: true,
            trusted: true,
        }],
    );
    assert!(ticked.can_accept());
    assert!(!act(
        &ticked,
        &[Act::Authorize {
            checked: false,
            trusted: true
        }]
    )
    .can_accept());
    // Without an organisation there is no such requirement, and the act changes nothing.
    let plain = fresh(Requirements::default());
    assert!(!plain.missing().contains(&Missing::Authority));
    assert!(
        !act(
            &plain,
            &[Act::Authorize {
                checked: true,
                trusted: true
            }]
        )
        .authorized
    );
}

#[test]
fn questions_are_recorded_once_each_by_a_real_gesture_before_the_flow_is_final() {
    let ask = |index, h: &str, trusted| Act::Ask {
        index,
        highlight: h.into(),
        trusted,
    };
    let s = act(
        &fresh(Requirements::default()),
        &[
            ask(0, "h2", true),
            ask(0, "h2", true),
            ask(1, "h1", true),
            ask(0, "h9", true),
            ask(0, "h1", false),
        ],
    );
    assert_eq!(
        s.agreements[0].questions_asked,
        ["h2"],
        "once, a real gesture, a highlight it has"
    );
    assert_eq!(s.agreements[1].questions_asked, ["h1"]);
    // Asking never stands in the way of accepting.
    assert_eq!(s.missing(), fresh(Requirements::default()).missing());
    let accepted = act(
        &act(&s, &every_requirement()),
        &[
            Act::Accept {
                trusted: true,
                at: T.into(),
            },
            ask(0, "h3", true),
        ],
    );
    assert_eq!(
        accepted.agreements[0].questions_asked,
        ["h2"],
        "nothing changes after acceptance"
    );
}
