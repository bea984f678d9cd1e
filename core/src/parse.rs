//! The agreement source dialect: a metadata header between `---` lines, then one block per
//! line. `agreements/README.md` documents it for authors; this parser rejects anything it
//! does not define with `file:line: message` instead of guessing.

use crate::agreement::{
    Agreement, Block, BlockKind, Date, HighlightKind, Meta, Prevails, Section, Span,
};
use std::fmt;

// The header, the body and the clause numbers, each a module that sees this one's imports
// and error types.
mod body;
mod header;
mod numbering;

use body::*;
use header::*;
pub(crate) use numbering::clause_number;

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
    /// Text after the `-->` that closes a comment: a comment takes its line.
    TextAfterComment,
    /// A heading, clause or list item with no text.
    EmptyBlock,
    /// More highlights in one version than [`crate::agreement::MAX_HIGHLIGHTS`].
    TooManyHighlights,
    /// No heading, clause, item or paragraph below the header.
    NoText,
    /// The file's lines end with a carriage return alone.
    CarriageReturnLines,
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
            UnknownHighlightKind(k) => match crate::agreement::hiding_character(k) {
                Some(c) => write!(
                    f,
                    "unknown highlight kind `{}`: it holds U+{:04X}, an invisible character; use exemption, limitation or restriction",
                    k.replace(c, &format!("<U+{:04X}>", u32::from(c))),
                    u32::from(c)
                ),
                None => write!(
                    f,
                    "unknown highlight kind `{k}`: use exemption, limitation or restriction"
                ),
            },
            EmptySpan => write!(f, "highlight or emphasis with no text"),
            UnterminatedComment => {
                write!(f, "`<!--` comment must close with `-->` on the same line")
            }
            TextAfterComment => write!(
                f,
                "text after the `-->` that closes a comment: a comment takes its whole line, so put the text on a line of its own"
            ),
            EmptyBlock => write!(f, "heading, clause or list item with no text"),
            CarriageReturnLines => write!(
                f,
                "the lines end with a carriage return alone (as old Mac systems wrote them): end them with a line feed, e.g. `tr '\\r' '\\n'`"
            ),
            NoText => write!(
                f,
                "no text below the metadata header: nothing a person could read and accept (a page whose text a script writes imports as none)"
            ),
            TooManyHighlights => write!(
                f,
                "highlight number {} of this version: a receipt names each highlight acknowledged, and more than {} would make it larger than the 64 KiB a verifier reads",
                crate::agreement::MAX_HIGHLIGHTS + 1,
                crate::agreement::MAX_HIGHLIGHTS
            ),
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

/// Parses one agreement source. `file` names it in error messages.
pub fn parse_agreement(file: &str, source: &str) -> Result<Agreement, ParseError> {
    let err = |line: usize, kind| ParseError {
        file: file.to_string(),
        line,
        kind,
    };
    let mut lines = crate::agreement::without_bom(source)
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));

    match lines.next() {
        Some((_, "---")) => {}
        Some((_, first)) if first.contains('\r') => {
            return Err(err(1, ParseErrorKind::CarriageReturnLines))
        }
        _ => return Err(err(1, ParseErrorKind::MissingHeader)),
    }
    let mut fields: Vec<(&str, &str, usize)> = Vec::new();
    let mut closed = None;
    for (n, line) in lines.by_ref() {
        if line == "---" {
            closed = Some(n);
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
    let Some(closed) = closed else {
        return Err(err(
            source.lines().count().max(1),
            ParseErrorKind::UnterminatedHeader,
        ));
    };
    let header_end = fields.iter().map(|f| f.2).max().unwrap_or(1) + 1;
    let meta = meta_from_fields(&fields, header_end).map_err(|(line, kind)| err(line, kind))?;

    let mut body = Body::default();
    for (n, line) in lines {
        body.line(n, line).map_err(|kind| err(n, kind))?;
    }
    let agreement = Agreement {
        meta,
        sections: body.finish(),
        file: file.to_string(),
    };
    if agreement.blocks().next().is_none() {
        return Err(err(closed + 1, ParseErrorKind::NoText));
    }
    Ok(agreement)
}
