//! The agreement source dialect: a metadata header between `---` lines, then one block per
//! line. `agreements/README.md` documents it for authors; this parser rejects anything it
//! does not define with `file:line: message` instead of guessing.

use crate::agreement::{
    Agreement, Block, BlockKind, Date, HighlightKind, Meta, Prevails, Section, Span,
};
use std::fmt;

/// Why a source file was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The file does not start with a `---` line.
    MissingHeader,
    /// The header's closing `---` line is missing.
    UnterminatedHeader,
    /// A header line is not `key: value`.
    BadHeaderLine,
    /// A header key the dialect does not define.
    UnknownField(String),
    /// A header key given twice.
    DuplicateField(String),
    /// A required header key is absent.
    MissingField(&'static str),
    /// A header value is empty or not of the field's form.
    BadField {
        /// The field.
        field: &'static str,
        /// What the field takes.
        expected: &'static str,
    },
    /// A date is not an existing `YYYY-MM-DD` day.
    BadDate {
        /// The field.
        field: &'static str,
        /// The value as written.
        value: String,
    },
    /// `**` or `{{` opened and not closed on the same line.
    Unterminated(&'static str),
    /// A `}}` or `**` with no opening, or markup nested inside a highlight.
    StrayMarker(&'static str),
    /// `{{kind: ...}}` with a kind other than exemption, limitation, restriction.
    UnknownHighlightKind(String),
    /// A highlight or emphasis with no text.
    EmptySpan,
    /// An HTML-style comment not closed on its line.
    UnterminatedComment,
    /// A heading, clause or list item with no text.
    EmptyBlock,
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ParseErrorKind::*;
        match self {
            MissingHeader => write!(f, "expected a metadata header starting with a `---` line"),
            UnterminatedHeader => write!(f, "metadata header is not closed by a `---` line"),
            BadHeaderLine => write!(f, "metadata line must be `key: value`"),
            UnknownField(k) => write!(f, "unknown metadata field `{k}`"),
            DuplicateField(k) => write!(f, "metadata field `{k}` is given twice"),
            MissingField(k) => write!(f, "missing metadata field `{k}`"),
            BadField { field, expected } => {
                write!(f, "metadata field `{field}`: expected {expected}")
            }
            BadDate { field, value } => {
                write!(
                    f,
                    "metadata field `{field}`: `{value}` is not a date of the form YYYY-MM-DD"
                )
            }
            Unterminated(m) => write!(f, "`{m}` is opened but not closed on this line"),
            StrayMarker(m) => write!(
                f,
                "`{m}` closes nothing (escape it as `\\` + character to print it)"
            ),
            UnknownHighlightKind(k) => write!(
                f,
                "unknown highlight kind `{k}`: use exemption, limitation or restriction"
            ),
            EmptySpan => write!(f, "highlight or emphasis with no text"),
            UnterminatedComment => {
                write!(f, "`<!--` comment must close with `-->` on the same line")
            }
            EmptyBlock => write!(f, "heading, clause or list item with no text"),
        }
    }
}

/// A source file rejected at a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The file as named to the parser.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.kind)
    }
}

impl std::error::Error for ParseError {}

const FIELDS: &[&str] = &[
    "id",
    "title",
    "provider",
    "provider-name",
    "version",
    "effective",
    "updated",
    "language",
    "products",
    "supplements",
    "prevails",
    "reconsent",
    "source",
    "translation-of",
];

/// Parses one agreement source. `file` names it in error messages.
pub fn parse_agreement(file: &str, source: &str) -> Result<Agreement, ParseError> {
    let err = |line: usize, kind| ParseError {
        file: file.to_string(),
        line,
        kind,
    };
    let mut lines = source
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));

    match lines.next() {
        Some((_, "---")) => {}
        _ => return Err(err(1, ParseErrorKind::MissingHeader)),
    }
    let mut fields: Vec<(&str, &str, usize)> = Vec::new();
    let mut closed = false;
    for (n, line) in lines.by_ref() {
        if line == "---" {
            closed = true;
            break;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| err(n, ParseErrorKind::BadHeaderLine))?;
        let key = key.trim();
        if !FIELDS.contains(&key) {
            return Err(err(n, ParseErrorKind::UnknownField(key.to_string())));
        }
        if fields.iter().any(|(k, _, _)| *k == key) {
            return Err(err(n, ParseErrorKind::DuplicateField(key.to_string())));
        }
        fields.push((key, value.trim(), n));
    }
    if !closed {
        return Err(err(
            source.lines().count().max(1),
            ParseErrorKind::UnterminatedHeader,
        ));
    }
    let header_end = fields.iter().map(|f| f.2).max().unwrap_or(1) + 1;
    let meta = meta_from_fields(&fields, header_end).map_err(|(line, kind)| err(line, kind))?;

    let mut body = Body::default();
    for (n, line) in lines {
        body.line(n, line).map_err(|kind| err(n, kind))?;
    }
    Ok(Agreement {
        meta,
        sections: body.finish(),
        file: file.to_string(),
    })
}

fn meta_from_fields(
    fields: &[(&str, &str, usize)],
    header_end: usize,
) -> Result<Meta, (usize, ParseErrorKind)> {
    let get = |key: &'static str| {
        fields
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, v, n)| (*v, *n))
    };
    let required = |key: &'static str| -> Result<(&str, usize), (usize, ParseErrorKind)> {
        match get(key) {
            None => Err((header_end, ParseErrorKind::MissingField(key))),
            Some(("", n)) => Err((
                n,
                ParseErrorKind::BadField {
                    field: key,
                    expected: "a value",
                },
            )),
            Some(v) => Ok(v),
        }
    };
    let token = |key: &'static str| -> Result<String, (usize, ParseErrorKind)> {
        let (v, n) = required(key)?;
        if v.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-._".contains(&c))
        {
            Ok(v.to_string())
        } else {
            Err((
                n,
                ParseErrorKind::BadField {
                    field: key,
                    expected: "letters, digits, `-`, `.` or `_`",
                },
            ))
        }
    };
    let date = |key: &'static str| -> Result<Date, (usize, ParseErrorKind)> {
        let (v, n) = required(key)?;
        Date::parse(v).ok_or((
            n,
            ParseErrorKind::BadDate {
                field: key,
                value: v.to_string(),
            },
        ))
    };

    let products = match required("products")? {
        ("*", _) => Vec::new(),
        (v, n) => {
            let list: Vec<String> = v.split_whitespace().map(str::to_string).collect();
            if list
                .iter()
                .any(|p| p == "*" || !p.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
            {
                return Err((
                    n,
                    ParseErrorKind::BadField {
                        field: "products",
                        expected: "`*` or product keys separated by spaces",
                    },
                ));
            }
            list
        }
    };
    let supplements = match get("supplements") {
        None | Some(("", _)) => None,
        Some((v, n)) => Some((v.to_string(), n)),
    };
    let prevails = match (get("prevails"), &supplements) {
        (None, _) => Prevails::Unstated,
        (Some(("supplement", _)), Some(_)) => Prevails::Supplement,
        (Some(("base", _)), Some(_)) => Prevails::Base,
        (Some(("unstated", _)), _) => Prevails::Unstated,
        (Some((_, n)), _) => {
            return Err((
                n,
                ParseErrorKind::BadField {
                    field: "prevails",
                    expected: "`supplement`, `base` or `unstated`, and `supplements` set",
                },
            ))
        }
    };
    let reconsent = match required("reconsent")? {
        ("required", _) => true,
        ("not-required", _) => false,
        (_, n) => {
            return Err((
                n,
                ParseErrorKind::BadField {
                    field: "reconsent",
                    expected: "`required` or `not-required`",
                },
            ))
        }
    };
    let language = token("language")?;
    let effective = date("effective")?;
    let updated = date("updated")?;
    Ok(Meta {
        id: token("id")?,
        title: required("title")?.0.to_string(),
        provider: token("provider")?,
        provider_name: required("provider-name")?.0.to_string(),
        version: token("version")?,
        version_line: required("version")?.1,
        effective,
        updated,
        language,
        products,
        supplements,
        prevails,
        reconsent,
        source: get("source").map(|(v, _)| v.to_string()),
        translation_of: match get("translation-of") {
            None => None,
            Some(_) => Some(token("translation-of")?),
        },
    })
}

#[derive(Default)]
struct Body {
    sections: Vec<Section>,
    current: Option<Section>,
    highlights: usize,
}

impl Body {
    fn line(&mut self, n: usize, line: &str) -> Result<(), ParseErrorKind> {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(());
        }
        if let Some(rest) = trimmed.strip_prefix("<!--") {
            return if rest.ends_with("-->") {
                Ok(())
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

    fn finish(mut self) -> Vec<Section> {
        self.sections.extend(self.current.take());
        self.sections
    }

    /// Splits a line into spans: `**emphasis**`, `{{kind: highlight}}`, `\` escapes.
    fn inline(&mut self, text: &str) -> Result<Vec<Span>, ParseErrorKind> {
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

fn push_text(spans: &mut Vec<Span>, buf: &mut String) {
    if !buf.is_empty() {
        spans.push(Span::Text(collapse_keep_edges(buf)));
        buf.clear();
    }
}

fn take_span(buf: &mut String) -> Result<String, ParseErrorKind> {
    let text = collapse(buf);
    buf.clear();
    if text.is_empty() {
        Err(ParseErrorKind::EmptySpan)
    } else {
        Ok(text)
    }
}

/// Folds white-space runs to one space and trims.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    join_words(&mut out, text);
    out
}

/// Appends the words of `text` to `out`, one space between them.
fn join_words(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Folds white-space runs to one space, keeping one space at either edge if there was one.
fn collapse_keep_edges(text: &str) -> String {
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

/// Recognises a printed clause number at the start of a line, followed by white space (a
/// space, a tab, an ideographic space): `I.`–`XX.`, `1.`, `1.1` (or `1．1`, with the
/// full-width full stop), `3.1.3.6.1.`, `(1)`, `(a)`, `1)`, `a)`; or one of the Chinese forms
/// ([`chinese_clause_number`]), which the text may follow at once. Returns the number as
/// printed and the rest.
pub(crate) fn clause_number(line: &str) -> Option<(&str, &str)> {
    if let Some(found) = chinese_clause_number(line) {
        return Some(found);
    }
    let (head, rest) = line.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    // Groups of one to three digits, each but the last followed by `.` or `．`; the last may be.
    let is_decimal = {
        let mut digits = 0;
        head.chars().all(|c| match c {
            '0'..='9' => {
                digits += 1;
                digits <= 3
            }
            '.' | '．' => std::mem::replace(&mut digits, 0) > 0,
            _ => false,
        })
    };
    let is_roman = head
        .strip_suffix('.')
        .is_some_and(|r| !r.is_empty() && r.len() <= 5 && r.bytes().all(|c| b"IVXL".contains(&c)));
    let is_paren = head
        .strip_prefix('(')
        .and_then(|h| h.strip_suffix(')'))
        .is_some_and(|inner| ascii_digits(inner) || ascii_letter(inner));
    let is_closed = head
        .strip_suffix(')')
        .is_some_and(|n| ascii_digits(n) || ascii_letter(n));
    (is_decimal || is_roman || is_paren || is_closed).then_some((head, rest))
}

/// One to three ASCII digits: the `1` of `1)`, `(1)`, `1）`.
fn ascii_digits(n: &str) -> bool {
    (1..=3).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit())
}

/// One lower-case ASCII letter: the `a` of `a)`, `(a)`, `a）`.
fn ascii_letter(n: &str) -> bool {
    n.len() == 1 && n.bytes().all(|c| c.is_ascii_lowercase())
}

/// A character that only Chinese text starts with: an ideograph, or CJK or full-width
/// punctuation (`、`, `《`, `（`, `：`). An ASCII number such as `a)` is a clause's when Chinese
/// text follows it at once (`a)受到…`); English text after one without a space stays a
/// paragraph.
fn starts_chinese(c: char) -> bool {
    !c.is_whitespace()
        && matches!(c,
            '\u{3000}'..='\u{303F}'     // CJK symbols and punctuation
            | '\u{3400}'..='\u{4DBF}'   // CJK unified ideographs extension A
            | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
            | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
            | '\u{FF00}'..='\u{FFEF}'   // half-width and full-width forms
            | '\u{20000}'..='\u{3134F}' // CJK unified ideographs extensions B to G
        )
}

/// `①` to `⑳`.
fn is_circled(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
}

/// The clause numbers of Chinese agreements, as printed: `第一条` … `第一百条` (or `第1条`),
/// `一、`, `1、`, `（一）`, `(一)`, `（1）`, `1）`, `a）`, `1)、`, `a)、`, `①` … `⑳`; and the ASCII
/// forms `1)`, `a)`, `(1)`, `(a)` followed at once by Chinese text (`a)受到…`). The text may
/// follow at once or after spaces (an ideographic space or a tab included); a line that is
/// only a number is not a clause, nor is one where another circled number follows the first
/// at once (`①②③` is a list of them, not clause ①).
fn chinese_clause_number(line: &str) -> Option<(&str, &str)> {
    // Chinese numerals up to 一百零九 (four characters), or up to three ASCII digits.
    let numeral = |n: &str| {
        (1..=4).contains(&n.chars().count())
            && n.chars().all(|c| {
                matches!(
                    c,
                    '零' | '〇'
                        | '一'
                        | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                        | '百'
                        | '两'
                )
            })
    };
    // Where `c` ends a number of at most four characters: only the line's first five are
    // looked at, so a paragraph is not searched to its end.
    let find = |s: &str, c: char| {
        s.char_indices()
            .take(5)
            .find(|&(_, x)| x == c)
            .map(|(i, _)| i)
    };
    let end = if let Some(after) = line.strip_prefix('第') {
        let n = find(after, '条')?;
        let end = line.len() - after.len() + n + '条'.len_utf8();
        (numeral(&after[..n]) || ascii_digits(&after[..n])).then_some(end)?
    } else if let Some((after, close)) = line
        .strip_prefix('（')
        .map(|a| (a, '）'))
        .or_else(|| line.strip_prefix('(').map(|a| (a, ')')))
    {
        let n = find(after, close)?;
        let inner = &after[..n];
        let end = line.len() - after.len() + n + close.len_utf8();
        // `(1)` and `(a)` are ASCII forms: followed by a space they are read as such below.
        let ascii_before_chinese = close == ')'
            && (ascii_digits(inner) || ascii_letter(inner))
            && line[end..].starts_with(starts_chinese);
        (numeral(inner) || (close == '）' && ascii_digits(inner)) || ascii_before_chinese)
            .then_some(end)?
    } else if let Some(end) = closed_number(line) {
        end
    } else if line.starts_with(is_circled) {
        let rest = &line['①'.len_utf8()..];
        (!rest.starts_with(is_circled)).then_some('①'.len_utf8())?
    } else {
        let n = find(line, '、')?;
        (numeral(&line[..n]) || ascii_digits(&line[..n])).then_some(n + '、'.len_utf8())?
    };
    let (head, rest) = line.split_at(end);
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some((head, rest))
}

/// Where a number closed by a parenthesis ends, in its Chinese forms: `1）`, `a）`, `1)、`,
/// `a)、`, `1）、`, or `1)` and `a)` followed at once by Chinese text.
fn closed_number(line: &str) -> Option<usize> {
    let digits = line.bytes().take(4).take_while(u8::is_ascii_digit).count();
    let len = match digits {
        1..=3 => digits,
        0 if line.starts_with(|c: char| c.is_ascii_lowercase()) => 1,
        _ => return None,
    };
    let after = &line[len..];
    let (full_width, after) = match after.strip_prefix('）') {
        Some(a) => (true, a),
        None => (false, after.strip_prefix(')')?),
    };
    // A `、` after the parenthesis is part of the number as printed, as in `1、`.
    let (after, enumerated) = match after.strip_prefix('、') {
        Some(a) => (a, true),
        None => (after, false),
    };
    // After a bare ASCII `1)` only Chinese text makes it a number here (`a)b` is no clause);
    // followed by a space it is the ASCII form, read by `clause_number`.
    (full_width || enumerated || after.starts_with(starts_chinese))
        .then_some(line.len() - after.len())
}
