//! The canonical text of an agreement version and its SHA-256: what a receipt binds to.
//!
//! The canonical form is the text the person sees, one line per block, with the markup that
//! changes how it is shown (emphasis, highlights and their kind) written back in a fixed way.
//! Since v2 it also holds the agreement's scope and precedence (which sign-ups it applies to,
//! what it supplements and which text wins), since the person reads those too.
//! `agreements/README.md` specifies it byte for byte, with a test vector; the widget rebuilds
//! the same form from what it rendered and refuses to sign if the two differ.

use crate::agreement::{Agreement, Block, BlockKind, Meta, Prevails, Span};
use sha2::{Digest, Sha256};

/// The first line of the canonical form a receipt binds to today; it changes if the form does.
pub const CANONICAL_MAGIC: &str = "consent-terms canonical v2";

/// The first line of the earlier form, which left out what the person reads about scope and
/// precedence. Receipts that bind a v1 hash keep verifying against it.
pub const CANONICAL_MAGIC_V1: &str = "consent-terms canonical v1";

/// A version of the canonical form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The metadata lines and the body (receipts made before v2).
    V1,
    /// v1 plus the agreement's scope and precedence: `provider`, `products`, `supplements`,
    /// `prevails` and `reconsent`, which decide when it applies and which text wins.
    V2,
}

impl Form {
    /// `v1` or `v2`, as the first line of the form names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::V1 => "v1",
            Form::V2 => "v2",
        }
    }
}

/// The metadata lines that open the canonical form, ending with the empty line: the seven v1
/// lines, then in v2 the scope lines of [`Scope::lines`].
pub struct Header<'a> {
    /// `id`.
    pub id: &'a str,
    /// `version`.
    pub version: &'a str,
    /// `title`.
    pub title: &'a str,
    /// `effective`, `YYYY-MM-DD`.
    pub effective: &'a str,
    /// `updated`, `YYYY-MM-DD`.
    pub updated: &'a str,
    /// `language`.
    pub language: &'a str,
    /// The v2 scope lines ([`Scope::lines`]); `None` writes the v1 form.
    pub scope: Option<&'a str>,
}

impl Header<'_> {
    /// The header's text.
    pub fn text(&self) -> String {
        let magic = if self.scope.is_some() {
            CANONICAL_MAGIC
        } else {
            CANONICAL_MAGIC_V1
        };
        // `concat`, not `format!`: the widget hashes with this, and carries no core::fmt for it.
        [
            magic,
            "\nid: ",
            self.id,
            "\nversion: ",
            self.version,
            "\ntitle: ",
            self.title,
            "\neffective: ",
            self.effective,
            "\nupdated: ",
            self.updated,
            "\nlanguage: ",
            self.language,
            "\n",
            self.scope.unwrap_or_default(),
            "\n",
        ]
        .concat()
    }
}

/// What the v2 scope lines say, as the metadata values are written in a source file.
pub struct Scope<'a> {
    /// `provider`.
    pub provider: &'a str,
    /// `products`: keys separated by one space, or `*`.
    pub products: String,
    /// `supplements` and `prevails`, when the agreement supplements another.
    pub supplements: Option<(&'a str, &'static str)>,
    /// `reconsent`: `required` or `not-required`.
    pub reconsent: &'static str,
}

impl<'a> Scope<'a> {
    /// The scope of a parsed agreement.
    pub fn of(meta: &'a Meta) -> Scope<'a> {
        Scope {
            provider: &meta.provider,
            products: if meta.products.is_empty() {
                "*".to_string()
            } else {
                meta.products.join(" ")
            },
            supplements: meta.supplements.as_ref().map(|(target, _)| {
                let prevails = match meta.prevails {
                    Prevails::Supplement => "supplement",
                    Prevails::Base => "base",
                    Prevails::Unstated => "unstated",
                };
                (target.as_str(), prevails)
            }),
            reconsent: if meta.reconsent {
                "required"
            } else {
                "not-required"
            },
        }
    }

    /// The v2 lines, each ending in `\n`: `provider`, `products`, `supplements` and `prevails`
    /// when the agreement supplements another, and `reconsent`.
    pub fn lines(&self) -> String {
        let mut out = [
            "provider: ",
            self.provider,
            "\nproducts: ",
            &self.products,
            "\n",
        ]
        .concat();
        if let Some((target, prevails)) = self.supplements {
            out.extend(["supplements: ", target, "\nprevails: ", prevails, "\n"]);
        }
        out.extend(["reconsent: ", self.reconsent, "\n"]);
        out
    }
}

/// The canonical text of `agreement` in the form receipts bind to today (v2).
pub fn canonical_text(agreement: &Agreement) -> String {
    canonical_text_in(agreement, Form::V2)
}

/// The canonical text of `agreement` in `form`.
pub fn canonical_text_in(agreement: &Agreement, form: Form) -> String {
    let m = &agreement.meta;
    let scope = (form == Form::V2).then(|| Scope::of(m).lines());
    let mut out = Header {
        id: &m.id,
        version: &m.version,
        title: &m.title,
        effective: &m.effective.to_string(),
        updated: &m.updated.to_string(),
        language: &m.language,
        scope: scope.as_deref(),
    }
    .text();
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
    // The escaped characters are ASCII: the text between them is copied a run at a time.
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        if matches!(b, b'\\' | b'*' | b'{' | b'}') {
            out.push_str(&text[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&text[run..]);
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
    content_hash_in(agreement, Form::V2)
}

/// The content hash of an agreement version in `form`; receipts made before v2 bind the v1 one.
// Not inlined: one copy serves both forms in the wasm.
#[inline(never)]
pub fn content_hash_in(agreement: &Agreement, form: Form) -> String {
    sha256_hex(canonical_text_in(agreement, form).as_bytes())
}
