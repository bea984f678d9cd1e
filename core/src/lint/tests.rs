//! The lint's reading of negation, subjects and sentences, and its cost on a long block.

use super::{person_names, read, read_in, ClauseKind};

/// The kinds the lint reads in `text`, with Acme for the provider (the lint's tests share it).
pub(super) fn kinds(text: &str) -> Vec<ClauseKind> {
    read(text, &["acme", "Acme Cloud"])
        .into_iter()
        .map(|r| r.kind)
        .collect()
}

#[test]
fn a_contraction_keeps_its_subject() {
    // The `are` of `You're` is not a capitalised name of the provider.
    assert!(
        kinds("You’re solely responsible for your use of the Services.")
            .contains(&ClauseKind::Burden)
    );
    assert!(
        kinds("You're solely responsible for your use of the Services.")
            .contains(&ClauseKind::Burden)
    );
}

#[test]
fn a_phrase_is_read_wherever_it_stands_in_the_sentence() {
    // The first `responsible for … taxes` has the provider for subject; the second, the
    // person.
    let text = "If we are responsible for collecting taxes on your sales, you are responsible for those taxes.";
    assert!(kinds(text).contains(&ClauseKind::Fees));
}

#[test]
fn a_semicolon_carries_the_subject_over() {
    let text = "You agree that you: (i) will comply with the law; (ii) will not make any representation or warranty on our behalf.";
    assert!(!kinds(text).contains(&ClauseKind::Liability));
    let text = "We: (i) provide the Service as described; (ii) make no warranty that it is fit for your purpose.";
    assert!(kinds(text).contains(&ClauseKind::Liability));
}

#[test]
fn a_list_item_that_opens_with_a_verb_is_the_persons() {
    assert!(
        kinds("are responsible for all refunds and chargebacks that arise from your store.")
            .contains(&ClauseKind::Burden)
    );
}

#[test]
fn with_or_without_notice_does_not_negate_a_power() {
    let text = "Acme may, in its sole and absolute discretion, and with or without notice, suspend or terminate your account.";
    assert!(kinds(text).contains(&ClauseKind::Termination));
    assert!(!kinds("Acme will not suspend your account without notice.")
        .contains(&ClauseKind::Termination));
}

#[test]
fn not_limited_to_is_no_negation() {
    let text = "Such clauses include, but are not limited to, warranties and confidentiality.";
    assert!(!kinds(text).contains(&ClauseKind::Liability));
    assert!(kinds("We make no warranties of any kind.").contains(&ClauseKind::Liability));
}

#[test]
fn free_of_charge_is_no_negation_in_chinese() {
    assert!(
        kinds("您同意，我们能够以任何方式免费使用该反馈，没有限制条件。")
            .contains(&ClauseKind::Licence)
    );
}

#[test]
fn what_the_person_agrees_to_has_its_own_subject_in_chinese() {
    assert!(
        kinds("用户同意本项目组有权随时变更、中断或终止部分或全部的服务。")
            .contains(&ClauseKind::Termination)
    );
    assert!(!kinds("用户有权随时终止使用本服务。").contains(&ClauseKind::Termination));
}

#[test]
fn a_negated_chinese_exclusion_with_a_modal() {
    assert!(
        kinds("GitHub 不能也不会对您未能遵守此安全保护义务而造成的任何损失或损害承担责任。")
            .contains(&ClauseKind::Liability)
    );
}

#[test]
fn a_long_block_costs_what_its_length_does() {
    // Guards that fail at every place a phrase stands must not rescan the sentence each
    // time: the subject is looked for near the phrase only.
    // No subject anywhere: each place `responsible for … taxes` stands fails its guard.
    let clause = "then responsible for the taxes and then responsible for fees ";
    // The fastest of three runs of each: a run the machine's other work interrupts does not
    // decide the comparison.
    let time = |text: &str| {
        (0..3)
            .map(|_| {
                let start = std::time::Instant::now();
                let _ = read(text, &[]);
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let one = time(&clause.repeat(400));
    let four = time(&clause.repeat(1600));
    // Linear: four times the text costs about four times as much; quadratic would be
    // sixteen. Allow a wide margin for a loaded machine.
    assert!(
        four < one * 10 + std::time::Duration::from_millis(50),
        "{one:?} for 400 clauses, {four:?} for 1600"
    );
}

/// The kinds of `text` in an agreement whose whole text is `agreement`.
fn kinds_in(agreement: &str, text: &str) -> Vec<ClauseKind> {
    let names = ["acme", "Acme Cloud"];
    let person = person_names(agreement, &names);
    read_in(text, &names, &person)
        .into_iter()
        .map(|r| r.kind)
        .collect()
}

#[test]
fn a_party_the_agreement_defines_as_you_is_the_person() {
    let clause = "Developer agrees to defend, indemnify and hold harmless Acme from any claim.";
    for definition in [
        "\"Developer\" or \"You\" means the company or individual who created the application.",
        "This agreement is between you (\"Developer\") and Acme Cloud.",
        "“Developer” means the individual or entity accepting this agreement.",
    ] {
        assert_eq!(
            person_names(definition, &["acme", "Acme Cloud"]),
            vec!["developer".to_string()],
            "{definition}"
        );
        assert!(
            kinds_in(&format!("{definition}\n{clause}"), clause).contains(&ClauseKind::Burden),
            "{definition}"
        );
    }
    // A defined term that is not a party, and the provider's own name, are not the person.
    assert!(person_names(
        "the software (\"Software\") and \"Acme\" or \"You\"",
        &["acme"]
    )
    .is_empty());
    // Undefined, a capitalised word still reads as a name of the provider.
    assert!(!kinds_in(clause, clause).contains(&ClauseKind::Burden));
}

#[test]
fn a_party_a_chinese_agreement_defines_as_you_is_the_person() {
    let agreement =
        "“开发者”是指您，即创建应用程序的公司或个人。\n开发者应承担因此造成的全部损失。";
    assert_eq!(
        person_names(agreement, &["acme"]),
        vec!["开发者".to_string()]
    );
    let clause = "开发者应承担因此造成的损失。";
    assert!(kinds_in(agreement, clause).contains(&ClauseKind::Burden));
    assert!(!kinds_in(clause, clause).contains(&ClauseKind::Burden));
}

#[test]
fn a_right_but_not_an_obligation_is_still_a_power() {
    let text = "We reserve the right (but not the obligation) in our sole discretion to refuse or remove any content.";
    assert!(kinds(text).contains(&ClauseKind::Removal));
    assert!(!kinds("We will not remove your content.").contains(&ClauseKind::Removal));
}

#[test]
fn a_removal_named_as_a_noun_or_a_takedown() {
    assert!(kinds("Failure to provide support may result in reduced exposure, or in some cases removal from Marketplace.").contains(&ClauseKind::Removal));
    assert!(kinds(
        "We may need to block content if we receive a complete request from a government."
    )
    .contains(&ClauseKind::Removal));
}

#[test]
fn usage_based_billing_is_a_fee() {
    assert!(kinds("Actions is billed on a usage basis.").contains(&ClauseKind::Fees));
    assert!(
        kinds("After the trial period, you need to pay in advance to keep using the Service.")
            .contains(&ClauseKind::Fees)
    );
}

#[test]
fn the_penalty_for_a_false_statement_is_no_burden() {
    // The statements a takedown notice must hold: the law's penalty, not the agreement's.
    let text = "一份声明，保证您的通知中的信息是准确无误的，否则将承担作伪证的责任。";
    assert!(!kinds(text).contains(&ClauseKind::Burden));
    assert!(kinds("您应自行承担因此造成的全部损失。").contains(&ClauseKind::Burden));
}

#[test]
fn the_person_turning_a_feature_off_is_no_removal() {
    let text = "如果您不想使用其中的服务，可以在应用程序的选项、首选项中禁用。";
    assert!(!kinds(text).contains(&ClauseKind::Removal));
    let text = "我们将在收到反向通知后替换被删除的内容。";
    assert!(!kinds(text).contains(&ClauseKind::Removal));
    assert!(kinds("我们有权随时删除您的内容。").contains(&ClauseKind::Removal));
}

#[test]
fn giving_up_the_rights_in_a_work_is_a_licence() {
    let text = "Affirmer hereby overtly, fully, permanently, irrevocably and unconditionally waives, abandons, and surrenders all of Affirmer's Copyright and Related Rights.";
    assert!(kinds(text).contains(&ClauseKind::Licence));
    let text = "声明人在此公开地、完全地、永久地、不可撤销地并且无条件地放弃和让渡其对本作品的所有著作权。";
    assert!(kinds(text).contains(&ClauseKind::Licence));
    // Rights granted to the person by the licence are not the person's grant.
    let text = "通过行使本协议所授予的权利，您接受并同意受到本公共许可协议的约束。";
    assert!(!kinds(text).contains(&ClauseKind::Licence));
    assert!(kinds(text).contains(&ClauseKind::ByUsing));
}

#[test]
fn a_definition_of_taxes_charges_nothing() {
    let text = "“Taxes” means any tax, of any kind or sort regardless of origin, including interest or penalties thereon.";
    assert!(!kinds(text).contains(&ClauseKind::Fees));
    assert!(!kinds("“税收”是指任何类型的任何税，包括其利息或罚金。").contains(&ClauseKind::Fees));
    assert!(kinds("You will pay a penalty for late payment.").contains(&ClauseKind::Fees));
}

#[test]
fn a_licence_that_ends_on_a_breach_is_a_termination() {
    let text = "However, if You fail to comply with this Public License, then Your rights under this Public License terminate automatically.";
    assert!(kinds(text).contains(&ClauseKind::Termination));
    let text = "然而，如果您没有遵守此公共许可协议，则您依据此公共许可协议享有的权利自动终止。";
    assert!(kinds(text).contains(&ClauseKind::Termination));
}

#[test]
fn an_item_of_a_list_run_into_a_sentence_keeps_the_subject_the_list_began_with() {
    // `(2)` names a user last; `(3)` is still the provider's power.
    let text = "Acme reserves the right to: (1) review reports; (2) refer any user to the police; (3) terminate the account of anyone who breaks these terms.";
    assert!(kinds(text).contains(&ClauseKind::Termination));
    let text = "You agree to: (1) keep your password safe; (2) tell us of any breach; (3) terminate the account of any employee who leaves.";
    assert!(!kinds(text).contains(&ClauseKind::Termination));
}

#[test]
fn a_sanction_said_as_what_befalls_the_person_is_a_termination() {
    assert!(kinds("再次违反的用户将被踢出群组。").contains(&ClauseKind::Termination));
    assert!(kinds("屡次违规者将被取缔。").contains(&ClauseKind::Termination));
    assert!(kinds("我们会将违反本准则的人排除在讨论之外。").contains(&ClauseKind::Termination));
    assert!(!kinds("我们不会将任何人排除在讨论之外。").contains(&ClauseKind::Termination));
}

#[test]
fn a_grant_by_the_licensor_is_no_licence_from_the_person() {
    assert!(!kinds("授予许可。许可人在此授予您非独占的许可。").contains(&ClauseKind::Licence));
    assert!(!kinds("此处授予的许可在著作权保护期内有效。").contains(&ClauseKind::Licence));
    assert!(kinds("您授予我们使用您上传内容的许可。").contains(&ClauseKind::Licence));
    let text = "Waivable schemes. The Licensor waives the right to collect royalties for any exercise of the rights granted under this License.";
    assert!(!kinds(text).contains(&ClauseKind::Licence));
    // An act that shows acceptance binds.
    let text = "如您下载本软件，就表明您接受本协议的全部条款。";
    assert!(kinds(text).contains(&ClauseKind::ByUsing));
}

#[test]
fn a_revocable_licence_to_the_person_is_a_termination_and_an_irrevocable_one_is_not() {
    let text = "Acme grants you a limited, non-exclusive, revocable license to use the software.";
    assert!(kinds(text).contains(&ClauseKind::Termination));
    let text = "Acme grants you a perpetual, irrevocable license to use the software.";
    assert!(!kinds(text).contains(&ClauseKind::Termination));
    // A revocable licence the person grants the provider is the person's to revoke.
    let text = "You grant us a limited, revocable license to display your logo.";
    assert!(!kinds(text).contains(&ClauseKind::Termination));
    assert!(kinds("Acme 授予您一项不可转让、可撤销的使用许可。").contains(&ClauseKind::Termination));
    assert!(!kinds("Acme 授予您一项永久、不可撤销的使用许可。").contains(&ClauseKind::Termination));
}

#[test]
fn commercial_use_kept_for_a_written_licence_is_a_fee_clause() {
    let text = "If you wish to use the model for commercial purposes, you must first obtain a written license from Acme.";
    assert!(kinds(text).contains(&ClauseKind::Fees));
    assert!(
        kinds("如需将本软件用于商业用途，须事先取得作者的书面授权。").contains(&ClauseKind::Fees)
    );
    assert!(!kinds("本软件可免费用于商业用途，无需申请授权。").contains(&ClauseKind::Fees));
}

#[test]
fn a_ban_named_as_a_sanction_is_a_termination() {
    assert!(
        kinds("Consequence: a permanent ban from the project's forums.")
            .contains(&ClauseKind::Termination)
    );
    assert!(kinds("处理结果：暂时禁止在论坛内发言。").contains(&ClauseKind::Termination));
}

#[test]
fn terms_changed_without_notice_or_read_as_the_provider_chooses_are_a_change() {
    assert!(
        kinds("The terms may be updated, and you will not be notified of it.")
            .contains(&ClauseKind::Change)
    );
    assert!(kinds("These Terms may be modified at any time.").contains(&ClauseKind::Change));
    assert!(!kinds(
        "This Agreement may only be modified by a written amendment signed by both parties."
    )
    .contains(&ClauseKind::Change));
    assert!(kinds("本条款如有修改，恕不另行通知。").contains(&ClauseKind::Change));
    assert!(kinds("作者对本协议享有最终解释权。").contains(&ClauseKind::Change));
}

#[test]
fn an_exclusion_whose_verb_stands_far_from_its_object_is_read() {
    let text = "作者不对您因下载、安装、使用、复制或者传播本软件及其任何衍生作品而直接或间接产生的任何数据丢失、设备损坏、收入减少或者其他任何损失承担责任。";
    assert!(kinds(text).contains(&ClauseKind::Liability));
}

#[test]
fn a_dispute_and_a_court_in_one_sentence_name_the_forum_in_chinese() {
    assert!(kinds("因本协议产生的争议，由作者住所地的人民法院审理。").contains(&ClauseKind::Forum));
    assert!(
        !kinds("如本协议任何条款被法院裁定无效，其余条款继续有效。").contains(&ClauseKind::Forum)
    );
}

#[test]
fn an_account_ended_in_the_passive_is_a_termination() {
    assert!(
        kinds("Your membership may be revoked at the end of the term.")
            .contains(&ClauseKind::Termination)
    );
}

#[test]
fn a_survival_clause_that_names_the_disclaimer_disclaims_nothing() {
    let text = r#"Section 4, "Disclaimer of Warranty," remains in effect after the termination of this Agreement."#;
    assert!(!kinds(text).contains(&ClauseKind::Liability));
}

#[test]
fn a_disclaimer_said_as_what_the_provider_cannot_do_is_read() {
    assert!(
        kinds("Acme cannot verify the accuracy of content that other users post.")
            .contains(&ClauseKind::Liability)
    );
    assert!(kinds("本站无法核实第三方链接内容的真实性与合法性。").contains(&ClauseKind::Liability));
    // The person's inability is no disclaimer by the provider.
    assert!(
        !kinds("You cannot verify the accuracy of your own reports by this form.")
            .contains(&ClauseKind::Liability)
    );
}

#[test]
fn the_person_named_as_the_one_responsible_bears_it() {
    assert!(
        kinds("Backing up the data is the responsibility of users.").contains(&ClauseKind::Burden)
    );
}

#[test]
fn a_negation_opening_a_long_list_of_who_is_excused_and_a_waiver_of_warranties_are_read() {
    for text in [
        "FURTHER, NEITHER WE NOR ANY OF OUR AFFILIATES OR LICENSORS WILL BE RESPONSIBLE FOR ANY COMPENSATION, REIMBURSEMENT, OR DAMAGES.",
        "Neither we nor any of our affiliates will be responsible for any compensation arising from your inability to use the services.",
        "To the extent permitted by law, you waive any and all implied representations, warranties and undertakings.",
    ] {
        assert!(kinds(text).contains(&ClauseKind::Liability), "{text}");
    }
    // The person excused, or a list of what neither party does: no exclusion of the provider's.
    assert!(
        !kinds("Neither you nor your users will be responsible for our outages.")
            .contains(&ClauseKind::Liability)
    );
}

#[test]
fn the_providers_own_chinese_name_is_the_subject_after_a_condition_about_the_person() {
    use super::read;
    let text = "您有违反本协议的任何行为时，腾讯云有权依照本协议根据您违反情况随时单方采取限制、中止或终止向您提供服务等措施。";
    let with_name: Vec<ClauseKind> = read(text, &["tencent", "腾讯云"])
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert!(
        with_name.contains(&ClauseKind::Termination),
        "{with_name:?}"
    );
    // A use the provider did not authorise is no licence the person grants.
    let text = "您通过非腾讯云公司授权的方式使用腾讯云服务的，由此产生的损失由您承担。";
    let kinds: Vec<ClauseKind> = read(text, &["tencent", "腾讯云"])
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert!(!kinds.contains(&ClauseKind::Licence), "{kinds:?}");
    assert!(kinds.contains(&ClauseKind::Burden), "{kinds:?}");
}
