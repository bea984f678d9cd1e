//! The runs of a block as the importer places them: a clause number printed against its text
//! or set in bold, an ordered list's numbers, and the line breaks a clause number follows.

use super::*;

/// The runs with a space after a clause number that runs into its text (`18.2IN NO EVENT`,
/// as a provider printed it): a number of two or more parts (`18.2`, `3.1.4.`) followed at once
/// by a capital letter, which no number of the dialect is.
pub(super) fn spaced_number(runs: &[Run]) -> Vec<Run> {
    let mut out = runs.to_vec();
    if let Some(first) = out.iter_mut().find(|r| !r.text.trim().is_empty()) {
        let t = first.text.trim_start();
        let lead = first.text.len() - t.len();
        let number = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|&end| {
                let n = &t[..end];
                let word: String = t[end..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                n.starts_with(|c: char| c.is_ascii_digit())
                    && n.trim_end_matches('.').contains('.')
                    && word.starts_with(|c: char| c.is_ascii_uppercase())
                    // A quantity (`1.5GB`, `2.4GHz`) is no clause.
                    && !UNITS.contains(&word.as_str())
            });
        if let Some(end) = number {
            first.text.insert(lead + end, ' ');
        }
    }
    out
}

/// Units a decimal number is written against without a space.
const UNITS: &[&str] = &[
    "B", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "Hz", "KHz", "MHz", "GHz",
    "Kbps", "Mbps", "Gbps", "V", "W", "KW", "KWh", "M", "K", "X",
];

/// Around the number an ordered list gives its item (HTML's `<ol>`).
pub(super) const LIST_NUMBER: &str = "\u{E002}";

/// Each list item's number as the list gives it, unless the item prints its own
/// (`<ol><li>1.1 …`, a list whose numbers the page's style hides).
pub(super) fn list_numbers(mut blocks: Vec<Block>) -> Vec<Block> {
    for b in &mut blocks {
        let Some(first) = b.runs.first_mut() else {
            continue;
        };
        let Some(rest) = first.text.strip_prefix(LIST_NUMBER) else {
            continue;
        };
        let Some((number, after)) = rest.split_once(LIST_NUMBER) else {
            continue;
        };
        let (number, after) = (number.to_string(), after.to_string());
        let text: String = std::iter::once(after.as_str())
            .chain(b.runs[1..].iter().map(|r| r.text.as_str()))
            .collect();
        let printed = crate::parse::clause_number(text.trim_start()).is_some();
        b.runs[0].text = if printed { after } else { number + &after };
    }
    blocks
}

/// Where a line break (`<br>`) stood in a block's text.
pub(super) const BREAK: &str = "\u{E001}";

/// Each block split at the line breaks a clause number follows (`5.3.1 …<br>5.3.2 …`: two
/// clauses printed in one paragraph); any other line break is a space.
pub(super) fn split_at_breaks(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        if !block.runs.iter().any(|r| r.text.contains(BREAK)) {
            out.push(block);
            continue;
        }
        // The runs of each piece between breaks.
        let mut pieces: Vec<Vec<Run>> = vec![Vec::new()];
        for run in block.runs {
            for (i, part) in run.text.split(BREAK).enumerate() {
                if i > 0 {
                    pieces.push(Vec::new());
                }
                if !part.is_empty() {
                    if let Some(p) = pieces.last_mut() {
                        p.push(Run {
                            bold: run.bold,
                            text: part.to_string(),
                        });
                    }
                }
            }
        }
        let mut current = Block {
            kind: block.kind,
            runs: Vec::new(),
            line: block.line,
        };
        for (i, piece) in pieces.into_iter().enumerate() {
            let text: String = piece.iter().map(|r| r.text.as_str()).collect();
            let numbered = crate::parse::clause_number(text.trim_start()).is_some();
            if i > 0 && numbered && current.runs.iter().any(|r| !r.text.trim().is_empty()) {
                let kind = current.kind;
                out.push(std::mem::replace(
                    &mut current,
                    Block {
                        kind,
                        runs: Vec::new(),
                        line: block.line,
                    },
                ));
            } else if i > 0 {
                current.runs.push(Run {
                    bold: false,
                    text: " ".to_string(),
                });
            }
            current.runs.extend(piece);
        }
        out.push(current);
    }
    out
}

/// `**3.1 Text.**` as `3.1 **Text.**`: the number is not part of the bold.
pub(super) fn number_out_of_bold(runs: &[Run]) -> Vec<Run> {
    // White space before the bold (an indent, `&emsp;`) is no text of the clause.
    let start = runs
        .iter()
        .position(|r| !r.text.trim().is_empty())
        .unwrap_or(runs.len());
    let Some(first) = runs.get(start).filter(|r| r.bold) else {
        return runs.to_vec();
    };
    let t = first.text.trim_start();
    // The number as the parser reads one (`2.6.1`, `第五条`, `（一）`, a tab after it), or
    // digits and stops.
    // The text after the bold counts too: `**（一）**用户…` is numbered as `（一）用户…` is.
    let joined: String = std::iter::once(t)
        .chain(runs[start + 1..].iter().map(|r| r.text.as_str()))
        .collect();
    let split = crate::parse::clause_number(&joined)
        .filter(|(head, _)| head.len() <= t.len())
        .map(|(head, _)| {
            let after = &t[head.len()..];
            let rest = after.trim_start();
            (head, &after[..after.len() - rest.len()], rest)
        })
        .or_else(|| {
            let (head, rest) = t.split_once(' ')?;
            let number = head.chars().any(|c| c.is_ascii_digit())
                && head
                    .chars()
                    .all(|c| c.is_ascii_digit() || ".()".contains(c));
            number.then_some((head, " ", rest))
        });
    let Some((head, between, rest)) = split else {
        return runs.to_vec();
    };
    let mut out = vec![Run {
        bold: false,
        text: [head, if between.is_empty() { "" } else { " " }].concat(),
    }];
    if !rest.is_empty() {
        out.push(Run {
            bold: true,
            text: rest.to_string(),
        });
    }
    out.extend(runs[start + 1..].iter().cloned());
    out
}
