//! The canonical text of an agreement version and its SHA-256: what a receipt binds to.
//!
//! The canonical form is the text the person sees, one line per block, with the markup that
//! changes how it is shown (emphasis, highlights and their kind) written back in a fixed way.
//! `agreements/README.md` specifies it byte for byte, with a test vector; the widget rebuilds
//! the same form from what it rendered and refuses to sign if the two differ.

use crate::agreement::{Agreement, Block, BlockKind, Span};
use sha2::{Digest, Sha256};

/// The first line of every canonical form; it changes if the form ever does.
pub const CANONICAL_MAGIC: &str = "consent-terms canonical v1";

/// The metadata lines that open the canonical form, ending with the empty line.
pub fn header_text(
    id: &str,
    version: &str,
    title: &str,
    effective: &str,
    updated: &str,
    language: &str,
) -> String {
    format!(
        "{CANONICAL_MAGIC}\nid: {id}\nversion: {version}\ntitle: {title}\neffective: {effective}\nupdated: {updated}\nlanguage: {language}\n\n"
    )
}

/// The canonical text of `agreement`.
pub fn canonical_text(agreement: &Agreement) -> String {
    let m = &agreement.meta;
    let mut out = header_text(
        &m.id,
        &m.version,
        &m.title,
        &m.effective.to_string(),
        &m.updated.to_string(),
        &m.language,
    );
    for block in agreement.blocks() {
        out.push_str(&block_line(block));
        out.push('\n');
    }
    out
}

/// The prefix that marks a block's kind in the canonical form (`# `, `1.1 `, `- `, nothing).
pub fn block_prefix(kind: &BlockKind) -> String {
    match kind {
        BlockKind::Heading(level) => "#".repeat(usize::from(*level)) + " ",
        BlockKind::Clause(number) => number.clone() + " ",
        BlockKind::ListItem => "- ".to_string(),
        BlockKind::Paragraph => String::new(),
    }
}

/// One block's canonical line, without the line break.
pub fn block_line(block: &Block) -> String {
    let mut out = block_prefix(&block.kind);
    for span in &block.spans {
        match span {
            Span::Text(t) => escape_into(&mut out, t),
            Span::Emphasis(t) => emphasis_into(&mut out, t),
            Span::Highlight { kind, text, .. } => highlight_into(&mut out, kind.as_str(), text),
        }
    }
    if block.kind == BlockKind::Paragraph {
        mark_paragraph(&mut out, 0);
    }
    out
}

/// Puts a `\` before the paragraph line that starts at `start` in `out` if it would otherwise
/// read as a heading, a clause, a list item or a comment, as its source must: without it a
/// paragraph `\1. text` and a clause `1.` with `text` would have the same canonical text.
pub fn mark_paragraph(out: &mut String, start: usize) {
    let line = &out[start..];
    if ["# ", "## ", "- ", "<!--"]
        .iter()
        .any(|p| line.starts_with(p))
        || crate::parse::clause_number(line).is_some()
    {
        out.insert(start, '\\');
    }
}

/// Appends `text` with `\`, `*`, `{` and `}` escaped.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Appends ordinary bold text in canonical form.
pub fn emphasis_into(out: &mut String, text: &str) {
    out.push_str("**");
    escape_into(out, text);
    out.push_str("**");
}

/// Appends a highlighted span of `kind` in canonical form.
pub fn highlight_into(out: &mut String, kind: &str, text: &str) {
    out.push_str("{{");
    out.push_str(kind);
    out.push_str(": ");
    escape_into(out, text);
    out.push_str("}}");
}

/// SHA-256 of `text`, lower-case hex.
// Not inlined: the bundle check and the read-back both call it, and one copy of SHA-256 is
// enough for the wasm.
#[inline(never)]
pub fn sha256_hex(text: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    crate::json::push_hex(&mut out, &Sha256::digest(text));
    out
}

/// The content hash of an agreement version: `sha256_hex(canonical_text(agreement))`.
pub fn content_hash(agreement: &Agreement) -> String {
    sha256_hex(canonical_text(agreement).as_bytes())
}
