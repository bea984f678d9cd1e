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
    TRIGGERS.iter().copied().find(|t| lower.contains(t))
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
        let all = block.plain_text();
        if let Some((c, name)) = all
            .chars()
            .find_map(|ch| HIDING.iter().find(|(c, _)| *c == ch))
        {
            push(Rule::HiddenCharacter {
                code: *c as u32,
                name,
            });
        }
    }
    findings
}
