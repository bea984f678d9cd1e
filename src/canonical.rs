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

/// The canonical text of `agreement`.
pub fn canonical_text(agreement: &Agreement) -> String {
    let m = &agreement.meta;
    let mut out = String::new();
    for line in [
        CANONICAL_MAGIC.to_string(),
        format!("id: {}", m.id),
        format!("version: {}", m.version),
        format!("title: {}", m.title),
        format!("effective: {}", m.effective),
        format!("updated: {}", m.updated),
        format!("language: {}", m.language),
        String::new(),
    ] {
        out.push_str(&line);
        out.push('\n');
    }
    for block in agreement.blocks() {
        push_block(&mut out, block);
        out.push('\n');
    }
    out
}

fn push_block(out: &mut String, block: &Block) {
    match &block.kind {
        BlockKind::Heading(level) => {
            for _ in 0..*level {
                out.push('#');
            }
            out.push(' ');
        }
        BlockKind::Clause(number) => {
            out.push_str(number);
            out.push(' ');
        }
        BlockKind::ListItem => out.push_str("- "),
        BlockKind::Paragraph => {}
    }
    for span in &block.spans {
        match span {
            Span::Text(t) => escape_into(out, t),
            Span::Emphasis(t) => {
                out.push_str("**");
                escape_into(out, t);
                out.push_str("**");
            }
            Span::Highlight { kind, text, .. } => {
                out.push_str("{{");
                out.push_str(kind.as_str());
                out.push_str(": ");
                escape_into(out, text);
                out.push_str("}}");
            }
        }
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// SHA-256 of `text`, lower-case hex.
pub fn sha256_hex(text: &[u8]) -> String {
    Sha256::digest(text)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The content hash of an agreement version: `sha256_hex(canonical_text(agreement))`.
pub fn content_hash(agreement: &Agreement) -> String {
    sha256_hex(canonical_text(agreement).as_bytes())
}
