//! Round nine's readings: a notice to the person is not the subject of the provider's power, `可`
//! alone before the verb, a power kept without notice, risk said as the capacity to bear it, a
//! licence that ends when the person sues or forfeits it, terms subject to update, definitions
//! that name modifications, a dispute and a court in one sentence, the person's second verb,
//! section titles written in capitals; and a cloud provider's Chinese subscription terms
//! (Azure China's): a warranty `不做出`, refunds, prepaid money lost, prices changed, a sole
//! remedy, a duty to defend, joint liability, the laws that apply anyway, a third party's licence
//! to the provider; and English ones
//! (Cloudflare's, OVHcloud's): in force on use, the client's risks, no claim to reimbursement.

use super::tests::kinds;
use super::{lint, ClauseKind, Rule};
use crate::parse::parse_agreement;

#[test]
fn a_notice_to_the_person_is_not_the_subject_of_the_providers_power() {
    assert!(kinds("请注意，许可证可能会更新到更全面的版本。").contains(&ClauseKind::Change));
    assert!(kinds("您理解并同意，本工具可随时修改本协议。").contains(&ClauseKind::Change));
    // The person's own power stays theirs.
    assert!(!kinds("请注意，您可以随时修改您的昵称。").contains(&ClauseKind::Change));
}

#[test]
fn ke_alone_before_the_verb_is_a_power() {
    assert!(
        kinds("如果您违反本协议的任何条款，我们可终止本协议。").contains(&ClauseKind::Termination)
    );
    assert!(!kinds("本协议不可终止。").contains(&ClauseKind::Termination));
    assert!(!kinds("您可终止本协议。").contains(&ClauseKind::Termination));
}

#[test]
fn a_power_kept_without_notice_is_no_negated_power() {
    let text = "为保证安全，本工具有权不向您特别通知而对软件进行更新。";
    assert!(kinds(text).contains(&ClauseKind::Change));
}

#[test]
fn risk_said_as_the_capacity_to_bear_it_is_the_persons() {
    let text = "您在使用此类服务时，必须明确并确保自身具备足够的风险识别和承受能力。";
    assert!(kinds(text).contains(&ClauseKind::Burden));
}

#[test]
fn a_licence_that_ends_when_the_person_sues_or_forfeits_it() {
    let text = "If You commence a lawsuit against Us alleging that the Model infringes your rights, then all licenses granted to You under this Agreement shall terminate as of the date such lawsuit is filed.";
    assert!(kinds(text).contains(&ClauseKind::Termination));
    let text = "如果您对我们提起诉讼，声称本模型侵犯您的权利，则根据本协议授予您的所有许可应于提起诉讼之日起终止。";
    assert!(kinds(text).contains(&ClauseKind::Termination));
    let text = "If a user is found to engage in such behavior, it will be considered an automatic forfeiture of all licenses under this agreement.";
    let k = kinds(text);
    assert!(k.contains(&ClauseKind::Termination), "{k:?}");
    assert!(!k.contains(&ClauseKind::Fees), "{k:?}");
    assert!(
        kinds("如被认定从事上述行为，将视为自动放弃本协议下的所有权利。")
            .contains(&ClauseKind::Termination)
    );
    // Rights that outlive the agreement end nothing.
    assert!(
        !kinds("Your rights under this Agreement will survive any termination.")
            .contains(&ClauseKind::Termination)
    );
}

#[test]
fn terms_subject_to_update_change() {
    let text = "Note that the license is subject to update to a more comprehensive version.";
    assert!(kinds(text).contains(&ClauseKind::Change));
}

#[test]
fn a_definition_that_names_modifications_gives_no_power() {
    let text = "“Model Derivatives” shall mean all: (i) modifications to the Model; (ii) works based on the Model.";
    assert!(!kinds(text).contains(&ClauseKind::Change));
    assert!(kinds("Acme may modify the Model at any time.").contains(&ClauseKind::Change));
}

#[test]
fn a_dispute_and_a_court_in_one_sentence_name_the_forum() {
    let text = "Any disputes arising from or related to this Agreement shall be under the jurisdiction of the People's Court where the Licensor is located.";
    assert!(kinds(text).contains(&ClauseKind::Forum));
    let text = "If any provision is held invalid by a court, the remainder of the dispute resolution section stays in force.";
    assert!(!kinds(text).contains(&ClauseKind::Forum));
}

#[test]
fn the_persons_second_verb_keeps_the_person_for_subject() {
    let text = "You must comply with the law when processing any Personal Information contained in the Acme Models and assume the associated legal responsibilities.";
    assert!(kinds(text).contains(&ClauseKind::Burden));
}

fn unhighlighted(body: &str) -> usize {
    let source = format!(
        "---\nid: t\ntitle: T\nprovider: acme\nprovider-name: Acme Cloud\nversion: 1\neffective: 2026-01-01\nupdated: 2026-01-01\nlanguage: en\nproducts: *\nreconsent: not-required\n---\n{body}\n"
    );
    let agreement = parse_agreement("t.md", &source).expect("a valid source");
    lint(&agreement, &source)
        .into_iter()
        .filter(|f| matches!(f.rule, Rule::Unhighlighted { .. }))
        .count()
}

#[test]
fn a_section_title_written_in_capitals_is_no_clause() {
    assert_eq!(
        unhighlighted("DISCLAIMERS OF WARRANTY AND LIMITATIONS OF LIABILITY."),
        0
    );
    assert_eq!(unhighlighted("GOVERNING LAW AND JURISDICTION."), 0);
    // A clause in capitals has a verb.
    assert_eq!(
        unhighlighted("THE MODEL IS PROVIDED AS IS, WITHOUT WARRANTY."),
        1
    );
}

#[test]
fn a_cloud_providers_chinese_subscription_terms() {
    use ClauseKind::*;
    for (text, kind) in [
        (
            "我们和/或我们的关联公司不做出任何明示或默示的保证，包括针对适销性的保证。",
            Liability,
        ),
        ("如您取消订阅，而我们不会提供退款。", Fees),
        ("截至协议期结束仍未使用的预付资金都将不能再使用。", Fees),
        (
            "我们可能会随时改变价格，并会在价格变动前至少三十天时通知您。",
            Fees,
        ),
        (
            "您因数据持久性问题所能获得的唯一补偿就是提交服务费抵扣索赔。",
            Liability,
        ),
        (
            "如果第三方提出索赔，则您应为我们和我们的关联公司提供辩护。",
            Burden,
        ),
        (
            "您同意对这些关联公司的任何与使用服务相关的行为负有连带责任。",
            Burden,
        ),
    ] {
        assert!(kinds(text).contains(&kind), "{kind:?} in {text}");
    }
    // The laws that apply anyway are no law chosen; a law chosen still is.
    let anyway =
        "除非经您指示、根据本协议的授权或依据适用的法律和法规，否则我们不会向第三方披露客户数据。";
    assert!(!kinds(anyway).contains(&Law));
    assert!(kinds("本协议适用中华人民共和国法律。").contains(&Law));
    // A licence a third party gives the provider is none the person gives.
    assert!(!kinds("本服务包含由微软公司许可我们使用的 Azure 技术。").contains(&Licence));
    assert!(kinds("您授予我们使用您的内容的许可。").contains(&Licence));
}

#[test]
fn a_cloud_providers_english_terms() {
    use ClauseKind::*;
    for (text, kind) in [
        ("This Agreement is effective when you click to accept it, use or access the Services.", ByUsing),
        ("The Client bears the risks related to its activities and is sole responsible for its use of the Services.", Burden),
        ("The Client shall have no claim to any reimbursement.", Fees),
        ("OVHcloud reserves the right invoice or correct the invoicing at any time.", Fees),
    ] {
        assert!(kinds(text).contains(&kind), "{kind:?} in {text}");
    }
    // What a law elsewhere may do ends nothing.
    let elsewhere =
        "Some jurisdictions may prohibit a disclaimer of warranties and you may have other rights.";
    assert!(!kinds(elsewhere).contains(&Termination));
}
