//! HTML as blocks.

use super::*;

/// HTML: the text of headings, paragraphs, list items, table rows and other block elements
/// in order; `<b>`/`<strong>` as bold; `<br>` as a space; scripts, styles and comments
/// dropped; entities read.
pub(super) fn html_blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut kind = Raw::Para;
    let mut bold = 0usize;
    let mut line = 1usize;
    let mut block_line = 1usize;
    let mut skip: Option<String> = None;
    let mut i = 0;
    let bytes = html.as_bytes();
    let flush = |out: &mut Vec<Block>, runs: &mut Vec<Run>, kind: Raw, block_line: usize| {
        if runs.iter().any(|r| !r.text.trim().is_empty()) {
            out.push(Block {
                kind,
                runs: std::mem::take(runs),
                line: block_line,
            });
        }
        runs.clear();
    };
    while i < html.len() {
        if html[i..].starts_with("<!--") {
            let end = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            line += html[i..end].matches('\n').count();
            i = end;
            continue;
        }
        if bytes[i] == b'<' {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let tag = html[i + 1..end.saturating_sub(1)].trim();
            line += html[i..end].matches('\n').count();
            i = end;
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            if let Some(s) = &skip {
                if closing && &name == s {
                    skip = None;
                }
                continue;
            }
            match name.as_str() {
                "script" | "style" | "head" | "title" | "noscript" | "svg" if !closing => {
                    skip = Some(name)
                }
                "b" | "strong" => {
                    if closing {
                        bold = bold.saturating_sub(1);
                    } else {
                        bold += 1;
                    }
                }
                "br" => push_text(&mut runs, bold > 0, " "),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = if closing {
                        Raw::Para
                    } else {
                        Raw::Heading(name.as_bytes()[1] - b'0')
                    };
                    block_line = line;
                }
                "li" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = if closing { Raw::Para } else { Raw::Item };
                    block_line = line;
                }
                "p" | "div" | "tr" | "ul" | "ol" | "table" | "section" | "article" | "header"
                | "footer" | "blockquote" | "dd" | "dt" | "body" | "main" | "nav" | "pre" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = Raw::Para;
                    block_line = line;
                }
                "td" | "th" if !closing && !runs.is_empty() => {
                    push_text(&mut runs, bold > 0, " | ")
                }
                _ => {}
            }
            continue;
        }
        let end = html[i..].find('<').map_or(html.len(), |e| i + e);
        let text = &html[i..end];
        if skip.is_none() {
            if runs.is_empty() {
                block_line = line;
            }
            push_text(&mut runs, bold > 0, &entities(text));
        }
        line += text.matches('\n').count();
        i = end;
    }
    flush(&mut out, &mut runs, kind, block_line);
    out
}

pub(super) fn push_text(runs: &mut Vec<Run>, bold: bool, text: &str) {
    match runs.last_mut() {
        Some(r) if r.bold == bold => r.text.push_str(text),
        _ => runs.push(Run {
            bold,
            text: text.to_string(),
        }),
    }
}

/// HTML character references: the named ones agreements use, and numeric ones.
pub(super) fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        // An escaped `\&` of Markdown (marked by `inline_markdown`) starts no reference.
        if out.ends_with('\u{E000}') {
            out.push('&');
            rest = after;
            continue;
        }
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "hellip" => Some('…'),
            "middot" => Some('·'),
            "copy" => Some('©'),
            "reg" => Some('®'),
            "trade" => Some('™'),
            "sect" => Some('§'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
