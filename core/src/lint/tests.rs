//! The lint's reading of negation, subjects and sentences, and its cost on a long block.

use super::{read, ClauseKind};

fn kinds(text: &str) -> Vec<ClauseKind> {
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
    let long: String = clause.repeat(400);
    let start = std::time::Instant::now();
    let _ = read(&long, &[]);
    let one = start.elapsed();
    let longer: String = clause.repeat(1600);
    let start = std::time::Instant::now();
    let _ = read(&longer, &[]);
    let four = start.elapsed();
    // Linear: four times the text costs about four times as much; quadratic would be
    // sixteen. Allow a wide margin for a loaded machine.
    assert!(
        four < one * 10 + std::time::Duration::from_millis(50),
        "{one:?} for 400 clauses, {four:?} for 1600"
    );
}
