//! List items read with their lead-in, section names in a list, and the round-four wordings:
//! a sole obligation, money kept back, licences said without a licence word, 仲裁 as
//! arbitration only where it decides a dispute; and round five's: a table of contents's entries, a
//! provider named in Latin letters in a Chinese clause, laws that apply, grants and caps said
//! without the usual word.

use super::{lint, read, ClauseKind, Finding, Rule};
use crate::parse::parse_agreement;

fn lint_body(body: &str) -> Vec<Finding> {
    let source = format!(
        "---\nid: t\ntitle: T\nprovider: acme\nprovider-name: Acme Cloud\nversion: 1\neffective: 2026-01-01\nupdated: 2026-01-01\nlanguage: en\nproducts: *\nreconsent: not-required\n---\n{body}\n"
    );
    let agreement = parse_agreement("t.md", &source).expect("a valid source");
    lint(&agreement, &source)
        .into_iter()
        .filter(|f| matches!(f.rule, Rule::Unhighlighted { .. }))
        .collect()
}

/// The kinds reported on body line `n` (1-based, after the header's 12 lines).
fn at(findings: &[Finding], n: usize) -> Vec<ClauseKind> {
    findings
        .iter()
        .filter(|f| f.line == n + 12)
        .filter_map(|f| f.reading.as_ref().map(|r| r.kind))
        .collect()
}

#[test]
fn an_item_that_completes_its_lead_in_reads_with_it() {
    let f = lint_body(
        "# Payments\nAcme does not and cannot:\n- Guarantee the receipt of any payment\n- Recover funds from the bank\n\nThese are some of the ways we may respond:\n- Removing the offending content\n- Suspending a user account",
    );
    assert!(at(&f, 3).contains(&ClauseKind::Liability), "{f:#?}");
    assert!(at(&f, 7).contains(&ClauseKind::Removal), "{f:#?}");
    assert!(at(&f, 8).contains(&ClauseKind::Termination), "{f:#?}");
    // The finding names the item's line, the words read and the lead-in's line.
    let item = f
        .iter()
        .find(|f| f.line == 15)
        .expect("a finding on the item");
    assert_eq!(item.lead_in, Some(14));
    let shown = item.to_string();
    assert!(
        shown.starts_with("t.md:15: warning[unhighlighted]: text"),
        "{shown}"
    );
    assert!(
        shown.contains("(read with its lead-in at line 14)"),
        "{shown}"
    );
    assert!(shown.contains("Guarantee"), "{shown}");
    // Alone, the items say nothing.
    assert!(read("Guarantee the receipt of any payment", &["acme"]).is_empty());
    assert!(read("Removing the offending content", &["acme"]).is_empty());
}

#[test]
fn a_lead_in_carries_its_negation_and_subject() {
    // The item alone reads as a power of the provider's; after `You agree not to:` it is the
    // person's duty.
    assert!(!read("charge fees to other users", &["acme"]).is_empty());
    let f = lint_body("You agree not to:\n- charge fees to other users");
    assert!(at(&f, 2).is_empty(), "{f:#?}");
}

#[test]
fn a_lead_in_that_says_the_kind_is_the_clause_to_mark() {
    let f = lint_body(
        "Acme disclaims any liability regarding:\n- the processing of funds by the bank\n- any delay in payments",
    );
    assert!(at(&f, 1).contains(&ClauseKind::Liability), "{f:#?}");
    assert!(at(&f, 2).is_empty() && at(&f, 3).is_empty(), "{f:#?}");
}

#[test]
fn an_item_that_is_a_sentence_or_a_section_number_reads_alone() {
    // A full sentence says what it says; a clause numbered as a section is no list item.
    let f = lint_body(
        "Acme does not and cannot:\n- Guarantee the receipt of any payment.\n\n7.3 The service shall be terminated ahead of schedule:\n7.3.1 Both parties agree to terminate the terms of service ahead of schedule;",
    );
    assert!(at(&f, 2).is_empty(), "{f:#?}");
    assert!(at(&f, 5).is_empty(), "{f:#?}");
    // Lettered items complete their lead-in as list items do.
    let f = lint_body("Acme does not and cannot:\n(a) guarantee the receipt of any payment;");
    assert!(at(&f, 2).contains(&ClauseKind::Liability), "{f:#?}");
}

#[test]
fn a_table_of_contents_names_sections() {
    let f = lint_body(
        "This agreement includes the following provisions:\n- Disclaimer of Warranties\n- Indemnification\n- Governing Law",
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn a_sole_obligation_and_an_only_recourse_narrow_liability() {
    let kinds =
        |t: &str| -> Vec<ClauseKind> { read(t, &["acme"]).into_iter().map(|r| r.kind).collect() };
    assert!(kinds("If either party terminates, the bank's sole obligation will be to remit the payments accrued.").contains(&ClauseKind::Liability));
    assert!(kinds("If the modified terms are not acceptable to you, your only recourse is to cease using the service.").contains(&ClauseKind::Liability));
    assert!(
        kinds("如果任何一方终止协议，平台的唯一义务是支付终止日期之前累计的报酬。")
            .contains(&ClauseKind::Liability)
    );
    assert!(kinds(
        "Any disputes regarding payment processing must be resolved directly with the bank."
    )
    .contains(&ClauseKind::Liability));
}

#[test]
fn money_kept_back_from_the_person_is_a_fee() {
    let kinds =
        |t: &str| -> Vec<ClauseKind> { read(t, &["acme"]).into_iter().map(|r| r.kind).collect() };
    for t in [
        "Acme reserves the right to withhold or rescind matching fund money for any reason.",
        "The following amounts may be withheld by Acme, as applicable.",
        "A service fee of 3% per transaction will be deducted from the sponsor's account.",
        "We may convert USD to your local currency using our then-current conversion rates.",
        "We do not issue refunds for subscriptions paid through an app store.",
        "平台保留扣留该月应付报酬的权利。",
        "调查发现确实违反本政策的，可能撤销贡献给开发者的匹配资金。",
    ] {
        assert!(kinds(t).contains(&ClauseKind::Fees), "{t}");
    }
    // A deduction the person gains nothing from, or no deduction at all, is no fee.
    assert!(!kinds("The complimentary items cannot be converted into a value to be deducted from the standard price.").contains(&ClauseKind::Fees));
}

#[test]
fn a_licence_said_without_a_licence_word() {
    let kinds =
        |t: &str| -> Vec<ClauseKind> { read(t, &["acme"]).into_iter().map(|r| r.kind).collect() };
    assert!(
        kinds("Acme may fully exercise and exploit such Feedback.").contains(&ClauseKind::Licence)
    );
    assert!(
        kinds("Acme may issue press releases related to your participation in the program.")
            .contains(&ClauseKind::Licence)
    );
    assert!(
        !kinds("Acme may issue press releases related to your participation in the program.")
            .contains(&ClauseKind::Removal)
    );
    assert!(
        kinds("If you give Acme any feedback, you give Acme permission to use it for free.")
            .contains(&ClauseKind::Licence)
    );
    assert!(kinds("我们可以发布与您参与本计划相关的新闻稿。").contains(&ClauseKind::Licence));
    assert!(!kinds(
        "Implement access controls that limit use of such endpoints to authorized Acme systems."
    )
    .contains(&ClauseKind::Licence));
}

#[test]
fn zhongcai_is_arbitration_only_where_it_decides_a_dispute() {
    let kinds =
        |t: &str| -> Vec<ClauseKind> { read(t, &["acme"]).into_iter().map(|r| r.kind).collect() };
    assert!(
        kinds("因本协议引起的任何争议，双方应提交仲裁委员会仲裁解决。")
            .contains(&ClauseKind::Forum)
    );
    assert!(
        kinds("任何争议将通过具有约束力的仲裁解决，而非法院诉讼。").contains(&ClauseKind::Forum)
    );
    // 仲裁 for "moderate": a community's maintainers moderating comments.
    assert!(
        !kinds("仲裁评论 - 如果您对仓库拥有写入权限，则可以编辑或隐藏任何人的评论。")
            .contains(&ClauseKind::Forum)
    );
    assert!(!kinds("我们依靠社区成员传达期望、仲裁他们的项目。").contains(&ClauseKind::Forum));
    // A law named after arbitration is a law chosen.
    assert!(!kinds(
        "The Federal Arbitration Act and the laws of California will govern these terms."
    )
    .contains(&ClauseKind::Forum));
}

#[test]
fn a_section_named_is_not_a_clause_of_its_kind() {
    let kinds =
        |t: &str| -> Vec<ClauseKind> { read(t, &["acme"]).into_iter().map(|r| r.kind).collect() };
    assert!(!kinds("The provisions hereof concerning confidentiality, governing law, and dispute resolution shall survive the termination of this Agreement.").contains(&ClauseKind::Law));
    assert!(
        !kinds("Section 13 (Indemnification) survives indefinitely.").contains(&ClauseKind::Burden)
    );
    let defined =
        kinds("ACME AND THE INDEMNIFIED PARTIES WILL NOT BE LIABLE FOR ANY INDIRECT DAMAGES.");
    assert!(defined.contains(&ClauseKind::Liability) && !defined.contains(&ClauseKind::Burden));
    assert!(
        kinds("These terms are governed by the laws of the state of California.")
            .contains(&ClauseKind::Law)
    );
}

#[test]
fn a_licence_that_ends_by_itself_and_activity_under_an_account() {
    let kinds =
        |t: &str| -> Vec<ClauseKind> { read(t, &["acme"]).into_iter().map(|r| r.kind).collect() };
    assert!(kinds("This license automatically terminates if you fail to comply with the terms of this Agreement.").contains(&ClauseKind::Termination));
    assert!(kinds(
        "We retain the right, in our sole discretion, to suspend or terminate your user account."
    )
    .contains(&ClauseKind::Termination));
    assert!(kinds("You are responsible for keeping your password confidential and for the activity that happens through your account.").contains(&ClauseKind::Burden));
}

#[test]
fn a_list_item_that_repeats_a_heading_is_an_entry_of_a_table_of_contents() {
    let f = lint_body(
        "# 服务条款\n本条款包括以下内容：\n- 管辖法律\n- 自动续订、付款和退款\n# 管辖法律\n本条款受加州法律管辖。\n# 自动续订、付款和退款\n您的订阅将自动续订。",
    );
    assert!(at(&f, 3).is_empty(), "{f:#?}");
    assert!(at(&f, 4).is_empty(), "{f:#?}");
    assert!(at(&f, 6).contains(&ClauseKind::Law), "{f:#?}");
    assert!(at(&f, 8).contains(&ClauseKind::Fees), "{f:#?}");
}

#[test]
fn a_name_in_latin_letters_is_the_provider_in_a_chinese_clause() {
    let kinds = |t: &str| -> Vec<ClauseKind> {
        read(t, &["acme", "Acme Cloud"])
            .into_iter()
            .map(|r| r.kind)
            .collect()
    };
    // What the person agrees to has its own subject, named in Latin letters.
    let agreed =
        "您理解并同意 Mozilla 保留自行审查、修改或删除其认为令人反感的任何提交内容的权利。";
    assert!(kinds(agreed).contains(&ClauseKind::Removal));
    // A clause after a condition on the person.
    let after = "一经认定内容或用户违反上述条件，Mozilla 保留删除内容或暂停用户的权利。";
    assert!(kinds(after).contains(&ClauseKind::Removal));
    assert!(kinds(after).contains(&ClauseKind::Termination));
    // The person's own act stays the person's.
    assert!(!kinds("您可以随时删除您的内容。").contains(&ClauseKind::Removal));
}

#[test]
fn round_five_wordings_in_both_languages() {
    let kinds = |t: &str| -> Vec<ClauseKind> {
        read(t, &["acme", "Acme Cloud"])
            .into_iter()
            .map(|r| r.kind)
            .collect()
    };
    // A law that applies to the contract is the law chosen; not the arbitration law.
    assert!(kinds("本合同适用加州法律，但加州冲突法除外。").contains(&ClauseKind::Law));
    assert!(kinds("California law applies to these Terms.").contains(&ClauseKind::Law));
    assert!(!kinds(
        "The Federal Arbitration Act and federal arbitration law apply to this agreement."
    )
    .contains(&ClauseKind::Law));
    // Grants without a licence word, and contributions made public.
    assert!(
        kinds("您授予 Acme 和 HIBP 运营 Acme Monitor 所必需的一切权利，包括以下权利：")
            .contains(&ClauseKind::Licence)
    );
    assert!(kinds(
        "即使我们终止或暂停您的访问，您提交给 Acme 的贡献内容仍将作为项目的一部分公开提供。"
    )
    .contains(&ClauseKind::Licence));
    assert!(
        !kinds("您声明并保证，您拥有授予本协议所授予权利所需的权利。")
            .contains(&ClauseKind::Licence)
    );
    // A cap said as a limit, the person's responsibility said with 负有.
    assert!(
        kinds("根据这些条款，Acme 的任何责任限额为 500 美元。").contains(&ClauseKind::Liability)
    );
    assert!(kinds("您对于您帐户下的所有活动负有责任。").contains(&ClauseKind::Burden));
    // Participating binds; privileges revoked; renewal that stops is no charge.
    assert!(kinds("通过参与此社区，您同意遵守 Acme 的使用条款。").contains(&ClauseKind::ByUsing));
    assert!(kinds("持续提交毫无根据的报告将导致撤销报告特权。").contains(&ClauseKind::Termination));
    assert!(kinds("Persistent submission of unfounded reports will result in the revocation of reporting privileges.")
        .contains(&ClauseKind::Termination));
    assert!(!kinds("If you choose to cancel, auto-renewal will stop.").contains(&ClauseKind::Fees));
    assert!(
        !kinds("如果您选择取消，自动续订将停止，我们不会对任何未来付款期收取费用。")
            .contains(&ClauseKind::Fees)
    );
}
