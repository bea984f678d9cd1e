//! The exemption lint: clauses that read like exemptions or limitations of liability but are
//! not highlighted, highlights that read like nothing of the kind, and characters that can
//! hide what a highlighted clause says.
//!
//! A finding the author has weighed is silenced by a comment on the line before the block:
//! `<!-- lint: allow unhighlighted: <reason> -->` (or `allow highlight-without-trigger`).
//! A silencing comment without a reason is itself an error.

use crate::agreement::{Agreement, BlockKind, Span};
use std::fmt;

/// Phrases that mark a clause as exempting, limiting or shifting liability.
pub const TRIGGERS: &[&str] = &[
    "not liable",
    "not be liable",
    "no liability",
    "not be held liable",
    "without liability",
    "not responsible",
    "not be responsible",
    "no responsibility",
    "not bear any responsibility",
    "not take responsibility",
    "not assume",
    "not undertake",
    "exempt",
    "exemption",
    "disclaim",
    "indirect",
    "consequential",
    "shall not exceed",
    "not exceed",
    "as is",
    "as available",
    "indemnif",
    "hold harmless",
    "cannot guarantee",
    "can not guarantee",
    "does not guarantee",
    "not guarantee",
    "cannot ensure",
    "does not warrant",
    "not warrant",
    "at your own risk",
    "at your own expense",
    "bear all",
    "assume all",
    "take full responsibility",
    "full responsibility",
    "shall be responsible for",
    "shall bear",
    "will not refund",
    "without giving you any prior notice",
    "not be liab",
    "shall be liable for",
    "in no case",
    "in no event",
    "any liabilit",
    "any responsibilit",
    "not bear",
    "bear the loss",
    "solely responsible",
    "borne by you",
    "responsible only for",
    "any guarantee",
    "all consequences",
    "not be deemed",
    "not regarded as",
    "not be involved",
];

/// The same for agreements written in Chinese. `…` stands for up to 30 characters of the same
/// sentence (no `。`, `；`, `！` or `？` in between), for the phrases contract drafting splits
/// around what is excluded or capped.
pub const TRIGGERS_ZH: &[&str] = &[
    // Exemption: the provider denies liability outright.
    "不承担",    // 不承担（任何）责任/赔偿责任: the usual words of an exemption
    "不负责",    // 不负责任, 概不负责: the same, less formal
    "不负任何",  // 不负任何责任/法律责任
    "免责",      // 免责, 免责条款, 免责事由: names the exemption itself
    "免除…责任", // 免除（平台的）责任
    "不对…负责", // 不对因…导致的损失负责: the excluded cause sits between
    "不对…承担", // 不对因…导致的服务中断承担责任
    "不保证",    // disclaims a warranty (service, accuracy, fitness)
    "不担保",    // the same, 担保 wording
    "不作…保证", // 不作任何明示或默示的保证
    "不承诺",    // 不承诺服务不中断
    // Limitation: damages excluded by kind, or capped.
    "间接损失", // indirect loss, excluded by kind
    "间接损害",
    "附带损失",    // incidental loss
    "预期利益",    // lost expected profits
    "最高…不超过", // a cap: 赔偿总额最高不超过…
    "累计…不超过", // a cap over all claims
    "赔偿…不超过", // a cap on compensation
    "以…为限",     // 以…已支付的费用为限: a cap by reference
    "责任上限",    // a cap named as such
    "赔偿上限",
    // Shifting: the loss or risk is put on the customer.
    "自行承担", // 由您/用户自行承担
    "自负",     // 风险自负, 后果自负
    "风险由…承担",
    "损失由…承担",
    "后果由…承担",
    "由您承担",
    "由用户承担",
    // Unilateral rights and deemed consent, which the seeds' English triggers also cover.
    "无需…通知", // changes or termination without notice
    "无须…通知",
    "不另行通知",
    "不经通知",
    "有权随时", // 有权随时修改/终止/暂停/删除
    "视为同意", // deemed consent to changes
    "视为接受",
    "视为您已同意",
    "不予退还", // no refund
    "不退款",
    "不予退款",
    "不退还",
];

/// The first of [`TRIGGERS_ZH`] found in `text`.
fn first_trigger_zh(text: &str) -> Option<&'static str> {
    TRIGGERS_ZH
        .iter()
        .copied()
        .find(|pattern| matches_zh(text, pattern))
}

/// Whether `text` holds `pattern`'s parts in order, each gap at most 30 characters of one
/// sentence.
fn matches_zh(text: &str, pattern: &str) -> bool {
    let mut parts = pattern.split('…');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    text.match_indices(first).any(|(at, _)| {
        let mut from = at + first.len();
        rest.iter().all(|part| {
            let window: String = text[from..]
                .chars()
                .take_while(|c| !"。；！？".contains(*c))
                .take(30 + part.chars().count())
                .collect();
            match window.find(part) {
                Some(i) => {
                    from += i + part.len();
                    true
                }
                None => false,
            }
        })
    })
}

/// Invisible or direction-changing characters: they can make a clause read other than it is.
const HIDING: &[(char, &str)] = &[
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
    ('\u{00AD}', "SOFT HYPHEN"),
    ('\u{061C}', "ARABIC LETTER MARK"),
    ('\u{180E}', "MONGOLIAN VOWEL SEPARATOR"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2061}', "FUNCTION APPLICATION"),
    ('\u{2062}', "INVISIBLE TIMES"),
    ('\u{2063}', "INVISIBLE SEPARATOR"),
    ('\u{2064}', "INVISIBLE PLUS"),
    ('\u{E0001}', "LANGUAGE TAG"),
];

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// Text reads like an exemption or limitation and is not highlighted.
    Unhighlighted {
        /// The phrase that matched.
        phrase: &'static str,
    },
    /// A highlight contains none of the trigger phrases.
    HighlightWithoutTrigger,
    /// Invisible or direction-changing character in the text.
    HiddenCharacter {
        /// The code point.
        code: u32,
        /// Its Unicode name.
        name: &'static str,
    },
    /// A `lint: allow` comment that gives no reason or names no rule.
    BadAllow,
}

impl Rule {
    /// The rule's name as used in `lint: allow` comments.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Unhighlighted { .. } => "unhighlighted",
            Rule::HighlightWithoutTrigger => "highlight-without-trigger",
            Rule::HiddenCharacter { .. } => "hidden-character",
            Rule::BadAllow => "bad-allow",
        }
    }

    /// Errors fail the lint; warnings do not.
    pub fn is_error(&self) -> bool {
        matches!(self, Rule::HiddenCharacter { .. } | Rule::BadAllow)
    }
}

/// One finding, at a source line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The clause number, if the block is a clause.
    pub clause: Option<String>,
    /// What was found.
    pub rule: Rule,
    /// Silenced by an author's `lint: allow` comment, with its reason.
    pub allowed: Option<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = if self.rule.is_error() {
            "error"
        } else {
            "warning"
        };
        write!(
            f,
            "{}:{}: {level}[{}]: ",
            self.file,
            self.line,
            self.rule.name()
        )?;
        let what = match &self.clause {
            Some(n) => format!("clause {n}"),
            None => "text".to_string(),
        };
        match &self.rule {
            Rule::Unhighlighted { phrase } => write!(
                f,
                "{what} reads like an exemption or limitation of liability (\"{phrase}\") but is not highlighted"
            )?,
            Rule::HighlightWithoutTrigger => write!(
                f,
                "highlight in {what} reads like no exemption, limitation or restriction"
            )?,
            Rule::HiddenCharacter { code, name } => {
                write!(f, "{what} contains U+{code:04X} {name}, which can hide what it says")?
            },
            Rule::BadAllow => write!(f, "`lint: allow` needs a rule name and a reason: `<!-- lint: allow RULE: why -->`")?,
        }
        if let Some(reason) = &self.allowed {
            write!(f, " (allowed: {reason})")?;
        }
        Ok(())
    }
}

fn first_trigger(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    TRIGGERS
        .iter()
        .copied()
        .find(|t| lower.contains(t))
        .or_else(|| first_trigger_zh(text))
}

/// The author's `lint: allow` comments directly above `line`, as (rule, reason) pairs.
fn allows_above(source_lines: &[&str], line: usize) -> Vec<Result<(String, String), ()>> {
    let mut out = Vec::new();
    let mut i = line.saturating_sub(1);
    while i > 0 {
        let l = source_lines.get(i - 1).map(|l| l.trim()).unwrap_or("");
        let Some(inner) = l.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) else {
            break;
        };
        if let Some(rest) = inner.trim().strip_prefix("lint: allow") {
            out.push(match rest.split_once(':') {
                Some((rule, why)) if !rule.trim().is_empty() && !why.trim().is_empty() => {
                    Ok((rule.trim().to_string(), why.trim().to_string()))
                }
                _ => Err(()),
            });
        }
        i -= 1;
    }
    out
}

/// Lints one parsed agreement against its source text.
pub fn lint(agreement: &Agreement, source: &str) -> Vec<Finding> {
    let lines: Vec<&str> = source.lines().collect();
    let mut findings = Vec::new();
    for block in agreement.blocks() {
        if matches!(block.kind, BlockKind::Heading(_)) {
            continue;
        }
        let clause = block.number().map(str::to_string);
        let allows = allows_above(&lines, block.line);
        let mut push = |rule: Rule| {
            let allowed = allows
                .iter()
                .filter_map(|a| a.as_ref().ok())
                .find(|(r, _)| r == rule.name())
                .map(|(_, why)| why.clone());
            findings.push(Finding {
                file: agreement.file.clone(),
                line: block.line,
                clause: clause.clone(),
                rule,
                allowed,
            });
        };
        if allows.iter().any(Result::is_err) {
            push(Rule::BadAllow);
        }
        let plain: String = block
            .spans
            .iter()
            .filter(|s| !matches!(s, Span::Highlight { .. }))
            .map(Span::text)
            .collect();
        if let Some(phrase) = first_trigger(&plain) {
            push(Rule::Unhighlighted { phrase });
        }
        for (_, _, text) in block.highlights() {
            if first_trigger(text).is_none() {
                push(Rule::HighlightWithoutTrigger);
            }
        }
    }
    // Hidden characters, line by line, header and headings included: the catalogue refuses
    // the same lines.
    for (n, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("<!--") {
            continue;
        }
        if let Some(ch) = crate::agreement::hiding_character(line) {
            let name = HIDING
                .iter()
                .find(|(c, _)| *c == ch)
                .map_or("TAG CHARACTER", |(_, name)| name);
            findings.push(Finding {
                file: agreement.file.clone(),
                line: n + 1,
                clause: agreement
                    .blocks()
                    .find(|b| b.line == n + 1)
                    .and_then(|b| b.number().map(str::to_string)),
                rule: Rule::HiddenCharacter {
                    code: u32::from(ch),
                    name,
                },
                allowed: None,
            });
        }
    }
    findings
}
