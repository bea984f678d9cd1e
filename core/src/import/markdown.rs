//! Markdown as blocks.

use super::*;

/// Markdown: headings (`#` and underlined), list items, paragraphs (their lines joined),
/// table rows; inline bold kept, italics, code and link targets dropped, `\` escapes read.
pub(super) fn markdown_blocks(lines: &[String], notes: &mut Vec<(usize, String)>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut para: Vec<(usize, String)> = Vec::new();
    let mut kind = Raw::Para;
    let mut fenced = false;
    let mut start = 0;
    // Front matter (`---` … `---` at the top) is not text.
    if lines.first().map(|l| l.trim()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "---") {
            start = end + 2;
        }
    }
    let flush = |out: &mut Vec<Block>,
                 para: &mut Vec<(usize, String)>,
                 kind: Raw,
                 notes: &mut Vec<(usize, String)>| {
        if let Some((line, _)) = para.first() {
            let joined = para
                .iter()
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let runs = inline_markdown(&joined, *line, notes);
            out.push(Block {
                kind,
                runs,
                line: *line,
            });
        }
        para.clear();
    };
    let mut i = start;
    while i < lines.len() {
        let n = i + 1;
        let raw = lines[i].as_str();
        let t = raw.trim();
        i += 1;
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(&mut out, &mut para, kind, notes);
            fenced = !fenced;
            continue;
        }
        if fenced {
            if !t.is_empty() {
                out.push(Block {
                    kind: Raw::Para,
                    runs: vec![Run {
                        bold: false,
                        text: t.to_string(),
                    }],
                    line: n,
                });
            }
            continue;
        }
        // A page's counter is no text; a blank line inside a sentence (text taken out of a PDF
        // has one after each line) ends no paragraph.
        if super::text::page_counter(t)
            || (t.is_empty()
                && para.last().is_some_and(|(_, l)| {
                    super::text::ends_open(l)
                        && lines
                            .get(i)
                            .is_some_and(|next| super::text::resumes(l, next.trim()))
                }))
        {
            continue;
        }
        if t.is_empty()
            || (t.len() >= 3
                && t.chars()
                    .all(|c| c == '-' || c == '*' || c == '_' || c == ' ')
                && para.is_empty())
            || (t.starts_with("<!--") && t.ends_with("-->"))
        {
            flush(&mut out, &mut para, kind, notes);
            continue;
        }
        // An underlined heading: the paragraph line above it.
        if !para.is_empty()
            && para.len() == 1
            && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
            && t.len() >= 2
        {
            let level = if t.starts_with('=') { 1 } else { 2 };
            flush(&mut out, &mut para, Raw::Heading(level), notes);
            kind = Raw::Para;
            continue;
        }
        let t = t
            .strip_prefix("> ")
            .or_else(|| t.strip_prefix('>'))
            .unwrap_or(t)
            .trim();
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            flush(&mut out, &mut para, kind, notes);
            let text = strip_attributes(t[hashes..].trim().trim_end_matches('#').trim());
            out.push(Block {
                kind: Raw::Heading(u8::try_from(hashes).unwrap_or(6)),
                runs: inline_markdown(&text, n, notes),
                line: n,
            });
            kind = Raw::Para;
            continue;
        }
        if t.starts_with('|') {
            flush(&mut out, &mut para, kind, notes);
            if t.chars().all(|c| "|-: ".contains(c)) {
                continue;
            }
            let cells: Vec<String> = t
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            let row = cells.join(" | ");
            out.push(Block {
                kind: Raw::Para,
                runs: inline_markdown(&row, n, notes),
                line: n,
            });
            kind = Raw::Para;
            continue;
        }
        let bullet = ["- ", "* ", "+ "]
            .iter()
            .find_map(|b| t.strip_prefix(b))
            .filter(|_| !t.starts_with("**"));
        if let Some(rest) = bullet {
            flush(&mut out, &mut para, kind, notes);
            para.push((n, rest.trim().to_string()));
            kind = Raw::Item;
            continue;
        }
        // A numbered line starts a block of its own.
        if crate::parse::clause_number(t).is_some()
            || starts_with_number(t)
            || crate::parse::clause_number(t.trim_start_matches('*')).is_some()
        {
            flush(&mut out, &mut para, kind, notes);
            para.push((n, t.to_string()));
            kind = Raw::Para;
            continue;
        }
        // A line joins the paragraph above it only if that one was wrapped by hand (long,
        // not ending a sentence): agreements are often published one clause per line.
        let continues = |l: &str| {
            ends_open(l)
                || (t.starts_with(|c: char| c.is_lowercase())
                    && !l.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？']))
        };
        if para.last().is_some_and(|(_, l)| !continues(l)) {
            flush(&mut out, &mut para, kind, notes);
        }
        if para.is_empty() {
            kind = Raw::Para;
        }
        para.push((n, t.to_string()));
    }
    flush(&mut out, &mut para, kind, notes);
    out
}

/// Inline Markdown: `**`/`__` bold (a marker that closes nothing is dropped and noted),
/// `*`/`_` italics and `` ` `` code as their text, links and images as their visible text,
/// `\` escapes read, HTML tags dropped, character references (`&quot;`, `&#39;`) read as the
/// characters they name, as Markdown renders them.
pub(super) fn inline_markdown(
    text: &str,
    line: usize,
    notes: &mut Vec<(usize, String)>,
) -> Vec<Run> {
    // Links and images first: `[text](url)` as `text`, `![alt](url)` dropped.
    let mut s = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() {
            // Kept escaped for the bold pass: marked with a private-use character.
            s.push('\u{E000}');
            s.push(chars[i + 1]);
            i += 2;
            continue;
        }
        let image = c == '!' && chars.get(i + 1) == Some(&'[');
        if c == '[' || image {
            let open = if image { i + 1 } else { i };
            if let Some(close) = (open + 1..chars.len()).find(|&j| chars[j] == ']') {
                if chars.get(close + 1) == Some(&'(') {
                    if let Some(end) = (close + 2..chars.len()).find(|&j| chars[j] == ')') {
                        if !image {
                            s.extend(&chars[open + 1..close]);
                        }
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        if c == '<' {
            if let Some(end) = (i + 1..chars.len()).find(|&j| chars[j] == '>') {
                let tag: String = chars[i + 1..end].iter().collect();
                if tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
                    let name = tag.trim_start_matches('/').to_lowercase();
                    if name.starts_with('b')
                        && (name == "b" || name == "strong" || name.starts_with("b "))
                        || name.starts_with("strong")
                    {
                        s.push_str("**");
                    } else if name.starts_with("br") {
                        s.push_str(BREAK);
                    }
                    i = end + 1;
                    continue;
                }
            }
        }
        if c == '`' {
            i += 1;
            continue;
        }
        s.push(c);
        i += 1;
    }
    let s = s.replace("__", "**");
    // Bold: pairs of `**`; an odd last one closes nothing.
    let pieces: Vec<&str> = s.split("**").collect();
    let markers = pieces.len() - 1;
    let mut runs = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        let bold = k % 2 == 1 && (k < markers || markers % 2 == 0);
        let bold = bold && !(markers % 2 == 1 && k == markers);
        let text = unescape(&super::html::entities(&strip_italics(piece)));
        if text.is_empty() {
            continue;
        }
        match runs.last_mut() {
            Some(Run { bold: b, text: t }) if *b == bold => t.push_str(&text),
            _ => runs.push(Run { bold, text }),
        }
    }
    if markers % 2 == 1 {
        notes.push((line, "a `**` that closes nothing is dropped".to_string()));
    }
    runs
}

pub(super) fn strip_italics(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '*' || c == '_' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let inner_word =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            let opens = next.is_some_and(|n| !n.is_whitespace())
                && !prev.is_some_and(char::is_alphanumeric);
            let closes = prev.is_some_and(|p| !p.is_whitespace())
                && !next.is_some_and(char::is_alphanumeric);
            if !inner_word && (opens || closes) && chars.iter().filter(|x| **x == c).count() >= 2 {
                continue;
            }
        }
        out.push(c);
    }
    out
}

pub(super) fn unescape(text: &str) -> String {
    text.replace('\u{E000}', "")
}
