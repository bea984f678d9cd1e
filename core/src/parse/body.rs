//! The body: headings, clauses, list items and paragraphs, with their highlighted spans.

use super::*;

#[derive(Default)]
pub(super) struct Body {
    pub(super) sections: Vec<Section>,
    pub(super) current: Option<Section>,
    pub(super) highlights: usize,
}

impl Body {
    pub(super) fn line(&mut self, n: usize, line: &str) -> Result<(), ParseErrorKind> {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(());
        }
        if let Some(rest) = trimmed.strip_prefix("<!--") {
            return if rest.ends_with("-->") {
                Ok(())
            } else if rest.contains("-->") {
                Err(ParseErrorKind::TextAfterComment)
            } else {
                Err(ParseErrorKind::UnterminatedComment)
            };
        }
        // A leading `\` before a digit or letter (or a full-width parenthesis, which inline
        // escapes do not cover) keeps a paragraph from reading as a clause.
        let escaped_start = trimmed
            .strip_prefix('\\')
            .filter(|r| r.starts_with(|c: char| c.is_alphanumeric() || c == '（'));
        let (kind, text) = if let Some(rest) = escaped_start {
            (BlockKind::Paragraph, rest)
        } else if let Some(rest) = trimmed.strip_prefix("## ") {
            (BlockKind::Heading(2), rest)
        } else if let Some(rest) = trimmed.strip_prefix("# ") {
            (BlockKind::Heading(1), rest)
        } else if let Some(rest) = trimmed.strip_prefix("- ") {
            (BlockKind::ListItem, rest)
        } else if let Some((number, rest)) = clause_number(trimmed) {
            (BlockKind::Clause(number.to_string()), rest)
        } else {
            (BlockKind::Paragraph, trimmed)
        };
        // `#  Title` and `-   item` are `# Title` and `- item`: no block starts with a space.
        let spans = self.inline(text.trim_start())?;
        if spans.is_empty() {
            return Err(ParseErrorKind::EmptyBlock);
        }
        let block = Block {
            kind,
            spans,
            line: n,
        };
        if block.kind == BlockKind::Heading(1) {
            if let Some(done) = self.current.take() {
                self.sections.push(done);
            }
            self.current = Some(Section {
                heading: Some(block),
                blocks: Vec::new(),
            });
        } else {
            self.current
                .get_or_insert_with(|| Section {
                    heading: None,
                    blocks: Vec::new(),
                })
                .blocks
                .push(block);
        }
        Ok(())
    }

    pub(super) fn finish(mut self) -> Vec<Section> {
        self.sections.extend(self.current.take());
        self.sections
    }

    /// Splits a line into spans: `**emphasis**`, `{{kind: highlight}}`, `\` escapes.
    pub(super) fn inline(&mut self, text: &str) -> Result<Vec<Span>, ParseErrorKind> {
        #[derive(PartialEq)]
        enum Mode {
            Text,
            Emphasis,
            Highlight,
        }
        let mut spans = Vec::new();
        let mut buf = String::new();
        let mut mode = Mode::Text;
        // Every marker is ASCII, so the text between markers is copied a run at a time.
        let bytes = text.as_bytes();
        let (mut i, mut run) = (0, 0);
        while i < bytes.len() {
            let next = bytes.get(i + 1).copied();
            let marker = match bytes[i] {
                b'\\' | b'*' | b'{' | b'}' => bytes[i],
                _ => {
                    i += 1;
                    continue;
                }
            };
            buf.push_str(&text[run..i]);
            i += 1;
            match marker {
                b'\\' => {
                    if let Some(p) = next.filter(u8::is_ascii_punctuation) {
                        buf.push(char::from(p));
                        i += 1;
                    } else {
                        buf.push('\\');
                    }
                }
                b'*' if next == Some(b'*') => {
                    i += 1;
                    match mode {
                        Mode::Text => {
                            push_text(&mut spans, &mut buf);
                            mode = Mode::Emphasis;
                        }
                        Mode::Emphasis => {
                            spans.push(Span::Emphasis(take_span(&mut buf)?));
                            mode = Mode::Text;
                        }
                        Mode::Highlight => return Err(ParseErrorKind::StrayMarker("**")),
                    }
                }
                b'{' if next == Some(b'{') => {
                    i += 1;
                    if mode != Mode::Text {
                        return Err(ParseErrorKind::StrayMarker("{{"));
                    }
                    push_text(&mut spans, &mut buf);
                    mode = Mode::Highlight;
                }
                b'}' if next == Some(b'}') => {
                    i += 1;
                    if mode != Mode::Highlight {
                        return Err(ParseErrorKind::StrayMarker("}}"));
                    }
                    let raw = take_span(&mut buf)?;
                    let (word, rest) = raw.split_once(':').unwrap_or((raw.as_str(), ""));
                    let kind = HighlightKind::from_word(word.trim()).ok_or_else(|| {
                        ParseErrorKind::UnknownHighlightKind(word.trim().to_string())
                    })?;
                    let text = collapse(rest);
                    if text.is_empty() {
                        return Err(ParseErrorKind::EmptySpan);
                    }
                    self.highlights += 1;
                    if self.highlights > crate::agreement::MAX_HIGHLIGHTS {
                        return Err(ParseErrorKind::TooManyHighlights);
                    }
                    spans.push(Span::Highlight {
                        id: format!("h{}", self.highlights),
                        kind,
                        text,
                    });
                    mode = Mode::Text;
                }
                // A single `*`, `{` or `}` is text.
                other => buf.push(char::from(other)),
            }
            run = i;
        }
        buf.push_str(&text[run..]);
        match mode {
            Mode::Text => push_text(&mut spans, &mut buf),
            Mode::Emphasis => return Err(ParseErrorKind::Unterminated("**")),
            Mode::Highlight => return Err(ParseErrorKind::Unterminated("{{")),
        }
        // Spaces at span edges are kept inside the text spans, so the plain text of a block
        // reads exactly as written; only runs of white space are folded.
        Ok(spans)
    }
}

pub(super) fn push_text(spans: &mut Vec<Span>, buf: &mut String) {
    if !buf.is_empty() {
        spans.push(Span::Text(collapse_keep_edges(buf)));
        buf.clear();
    }
}

pub(super) fn take_span(buf: &mut String) -> Result<String, ParseErrorKind> {
    let text = collapse(buf);
    buf.clear();
    if text.is_empty() {
        Err(ParseErrorKind::EmptySpan)
    } else {
        Ok(text)
    }
}

/// Folds white-space runs to one space and trims.
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    join_words(&mut out, text);
    out
}

/// Appends the words of `text` to `out`, one space between them.
pub(super) fn join_words(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Folds white-space runs to one space, keeping one space at either edge if there was one.
pub(super) fn collapse_keep_edges(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.trim_start().is_empty() {
        // Only white space (or nothing): one space, or nothing.
        if !text.is_empty() {
            out.push(' ');
        }
        return out;
    }
    if text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    join_words(&mut out, text);
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out
}
