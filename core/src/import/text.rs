//! Plain text as blocks.

use super::*;

/// Plain text: one block per line; a long line that ends mid-sentence and is followed by one
/// that continues it (lower case, no number) is joined to it. Lines starting `•`, `·`, `●`,
/// `▪` or `* ` are list items.
pub(super) fn text_blocks(lines: &[String]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        let continues = open
            && !starts_with_number(t)
            && crate::parse::clause_number(t).is_none()
            && t.chars().next().is_some_and(|c| c.is_lowercase());
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

/// A hand-wrapped line: long, and not ending a sentence.
pub(super) fn ends_open(t: &str) -> bool {
    t.chars().count() >= 60 && !t.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？'])
}
