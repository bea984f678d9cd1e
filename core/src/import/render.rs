//! The draft's lines: runs as dialect text, and proposed highlights with their reasons.

use super::*;

/// Dialect text for runs: special characters escaped, bold as `**…**`.
pub(super) fn render(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        if r.bold {
            let inner = collapse(&r.text);
            if inner.is_empty() {
                out.push(' ');
                continue;
            }
            if r.text.starts_with(char::is_whitespace) {
                out.push(' ');
            }
            out.push_str("**");
            out.push_str(&escape(&inner));
            out.push_str("**");
            if r.text.ends_with(char::is_whitespace) {
                out.push(' ');
            }
        } else {
            out.push_str(&escape(&r.text));
        }
    }
    collapse(&out)
}

pub(super) fn render_plain(text: &str) -> String {
    escape(&collapse(text))
}

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The kind of block a draft's line is, as the parser will read it.
pub(super) fn draft_kind(line: &str, heading: bool) -> BlockKind {
    if heading {
        BlockKind::Heading(1)
    } else if line.starts_with("- ") {
        BlockKind::ListItem
    } else if let Some((n, _)) = crate::parse::clause_number(line) {
        BlockKind::Clause(n.to_string())
    } else {
        BlockKind::Paragraph
    }
}

/// The block as a proposed highlight with the reasons in a comment above it, if the lint
/// reads it (`readings`, from [`Reader`], with its lead-in) as a kind of clause to mark.
pub(super) fn propose(line: &str, b: &Block, readings: &[Reading]) -> Option<String> {
    let plain = b.plain();
    let first = readings.first()?;
    // The number stays outside the highlight; markup inside it is dropped (a highlight holds
    // plain text).
    let parsed_number = crate::parse::clause_number(line).map(|(n, _)| n.to_string());
    let (prefix, text) = match (&parsed_number, b.kind) {
        (Some(n), _) => (
            format!("{n} "),
            plain[plain.find(n.as_str()).map_or(0, |i| i + n.len())..]
                .trim()
                .to_string(),
        ),
        (None, Raw::Item) => ("- ".to_string(), plain.clone()),
        (None, _) => (String::new(), plain.clone()),
    };
    if text.is_empty() {
        return None;
    }
    let why: Vec<String> = readings
        .iter()
        .map(|r| format!("{} ({}: \"{}\")", r.kind, r.says, short(&r.matched)))
        .collect();
    let kind = match first.highlight {
        HighlightKind::Exemption => "exemption",
        HighlightKind::Limitation => "limitation",
        HighlightKind::Restriction => "restriction",
    };
    Some(format!(
        "<!-- proposed: {} -->\n{prefix}{{{{{kind}: {}}}}}\n",
        comment_safe(&why.join("; ")),
        escape(&text)
    ))
}

pub(super) fn short(text: &str) -> String {
    let mut s: String = text.chars().take(50).collect();
    if text.chars().count() > 50 {
        s.push('…');
    }
    s
}

/// Text that can stand inside a one-line `<!-- … -->` comment.
pub(super) fn comment_safe(text: &str) -> String {
    collapse(&text.replace("-->", "- ->"))
}
