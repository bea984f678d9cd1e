//! Plain text as blocks.

use super::*;

/// Plain text: one block per line; a long line that ends mid-sentence and is followed by one
/// that continues it (lower case, no number) is joined to it, across one blank line too (text
/// taken out of a PDF has one after each line). A page's counter (`3/18`) is no text. Lines
/// starting `•`, `·`, `●`, `▪` or `* ` are list items.
pub(super) fn text_blocks(lines: &[String]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if page_counter(t) {
            continue;
        }
        if t.is_empty() {
            open = open
                && lines.get(i + 1).is_some_and(|next| {
                    out.last()
                        .is_some_and(|b| resumes(&b.runs[0].text, next.trim()))
                });
            continue;
        }
        let continues = open && out.last().is_some_and(|b| resumes(&b.runs[0].text, t));
        if continues {
            if let Some(last) = out.last_mut() {
                last.runs[0].text.push(' ');
                last.runs[0].text.push_str(t);
                open = ends_open(t);
                continue;
            }
        }
        let (kind, text) = match t.strip_prefix(['•', '·', '●', '▪']) {
            Some(rest) => (Raw::Item, rest.trim()),
            None => match t.strip_prefix("* ") {
                Some(rest) => (Raw::Item, rest.trim()),
                None => (Raw::Para, t),
            },
        };
        out.push(Block {
            kind,
            runs: vec![Run {
                bold: false,
                text: text.to_string(),
            }],
            line: i + 1,
        });
        open = ends_open(t);
    }
    out
}

/// Whether `t` goes on with the sentence of `before`, a line that [`ends_open`]: it has no
/// number, and it starts in lower case or `before` ends on a word in lower case (`…provided to
/// the` + `Client`; a heading ends on a capital).
pub(super) fn resumes(before: &str, t: &str) -> bool {
    let lower = |s: Option<char>| s.is_some_and(|c| c.is_lowercase());
    // Markdown's emphasis and escapes around the words are not the words.
    let t = t.trim_start_matches(['*', '_', '\\']);
    !starts_with_number(t)
        && crate::parse::clause_number(t).is_none()
        && (lower(t.chars().next())
            || lower(
                before
                    .split_whitespace()
                    .last()
                    .and_then(|w| w.chars().next()),
            ))
}

/// A page's counter as a PDF's text has it on a line of its own: `3/18`, `Page 3 of 18`.
pub(super) fn page_counter(t: &str) -> bool {
    let t = t.strip_prefix("Page ").unwrap_or(t);
    let Some((a, b)) = t.split_once('/').or_else(|| t.split_once(" of ")) else {
        return false;
    };
    let number = |s: &str| {
        let s = s.trim();
        (1..=4).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit())
    };
    number(a) && number(b)
}

/// A hand-wrapped line: long, and not ending a sentence (before any closing bracket, quote or
/// Markdown emphasis: `…shall prevail.**`, `…flawless.)`).
pub(super) fn ends_open(t: &str) -> bool {
    let end = t.trim_end_matches(['*', '_', ')', '"', '\'', '”', '’', '）', '」', '』']);
    t.chars().count() >= 60
        && !end.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？'])
}
