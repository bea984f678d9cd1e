//! The compiled bundle's JSON (`consent-terms-bundle/2`): every agreement version as the
//! widget shows it (metadata and blocks, already parsed), its content hashes, and the clause
//! changes between the versions a person may have accepted. `consent-terms bundle` writes it
//! ([`crate::bundle::Bundle::to_json`]); [`read_bundle`] reads it back from any parsed JSON
//! ([`Value`]): serde_json's natively, the browser's `JSON.parse` in the widget, so that both
//! run the same checks. The format is specified in `agreements/README.md`.

use crate::agreement::HighlightKind;
use crate::agreement::{Agreement, Block, BlockKind, Date, Meta, Prevails, Section, Span};
use crate::bundle::{Bundle, BundleEntry, BundleError, Changes, BUNDLE_FORMAT, BUNDLE_FORMAT_V1};
use crate::json::Json;
use crate::reconsent::Change;

/// A parsed JSON value, as the bundle reader needs it.
pub trait Value: Sized {
    /// The member `name` of an object (`None` if absent or not an object).
    fn member(&self, name: &str) -> Option<Self>;
    /// The value as a string.
    fn string(&self) -> Option<String>;
    /// The value as a boolean.
    fn boolean(&self) -> Option<bool>;
    /// The value as a non-negative integer.
    fn uint(&self) -> Option<usize>;
    /// The items of an array.
    fn items(&self) -> Option<Vec<Self>>;
}

#[cfg(not(target_arch = "wasm32"))]
impl Value for serde_json::Value {
    fn member(&self, name: &str) -> Option<Self> {
        self.get(name).cloned()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn uint(&self) -> Option<usize> {
        self.as_u64().and_then(|n| usize::try_from(n).ok())
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
}

/// Where a reader stands in the bundle, for messages: `agreements[2].sections[0]`.
struct At<'a> {
    parent: Option<&'a At<'a>>,
    name: &'a str,
    index: Option<usize>,
}

impl At<'_> {
    fn path(&self) -> String {
        let mut out = self.parent.map(At::path).unwrap_or_default();
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(self.name);
        if let Some(i) = self.index {
            out.push('[');
            crate::json::push_uint(&mut out, i as u64);
            out.push(']');
        }
        out
    }

    fn missing(&self, name: &str, what: &str) -> BundleError {
        let mut path = self.path();
        if !name.is_empty() {
            path.push('.');
            path.push_str(name);
        }
        BundleError::Malformed(["`", &path, "` is missing or not ", what].concat())
    }
}

fn string<V: Value>(v: &V, at: &At<'_>, name: &str) -> Result<String, BundleError> {
    v.member(name)
        .and_then(|m| m.string())
        .ok_or_else(|| at.missing(name, "a string"))
}

fn optional_string<V: Value>(v: &V, name: &str) -> Option<String> {
    v.member(name).and_then(|m| m.string())
}

fn list<V: Value>(v: &V, at: &At<'_>, name: &str) -> Result<Vec<V>, BundleError> {
    v.member(name)
        .and_then(|m| m.items())
        .ok_or_else(|| at.missing(name, "a list"))
}

fn uint<V: Value>(v: &V, at: &At<'_>, name: &str) -> Result<usize, BundleError> {
    v.member(name)
        .and_then(|m| m.uint())
        .ok_or_else(|| at.missing(name, "a number"))
}

fn date<V: Value>(v: &V, at: &At<'_>, name: &str) -> Result<Date, BundleError> {
    v.member(name)
        .and_then(|m| m.string())
        .and_then(|s| Date::parse(&s))
        .ok_or_else(|| at.missing(name, "a date"))
}

/// Reads a compiled bundle from its parsed JSON. A bundle of the earlier format is refused
/// with the command that writes it again.
pub fn read_bundle<V: Value>(root: &V) -> Result<Bundle, BundleError> {
    let top = At {
        parent: None,
        name: "",
        index: None,
    };
    let format = root
        .member("format")
        .and_then(|m| m.string())
        .ok_or_else(|| BundleError::Malformed("`format` is missing or not a string".into()))?;
    if format != BUNDLE_FORMAT {
        return Err(if format == BUNDLE_FORMAT_V1 {
            BundleError::Outdated
        } else {
            BundleError::UnsupportedFormat(format)
        });
    }
    let mut agreements = Vec::new();
    for (i, entry) in list(root, &top, "agreements")?.iter().enumerate() {
        let at = At {
            parent: None,
            name: "agreements",
            index: Some(i),
        };
        agreements.push(read_entry(entry, &at)?);
    }
    let mut changes = Vec::new();
    for (i, pair) in list(root, &top, "changes")?.iter().enumerate() {
        let at = At {
            parent: None,
            name: "changes",
            index: Some(i),
        };
        let mut list_of = Vec::new();
        for (j, c) in list(pair, &at, "changes")?.iter().enumerate() {
            let at = At {
                parent: Some(&at),
                name: "changes",
                index: Some(j),
            };
            list_of.push(read_change(c, &at)?);
        }
        changes.push(Changes {
            from: uint(pair, &at, "from")?,
            to: uint(pair, &at, "to")?,
            changes: list_of,
        });
    }
    Ok(Bundle {
        format,
        agreements,
        changes,
    })
}

fn read_entry<V: Value>(e: &V, at: &At<'_>) -> Result<BundleEntry, BundleError> {
    let path = string(e, at, "path")?;
    let sha256 = string(e, at, "sha256")?;
    let sha256_v1 = string(e, at, "sha256_v1")?;
    let prevails = match optional_string(e, "prevails").as_deref() {
        Some("supplement") => Prevails::Supplement,
        Some("base") => Prevails::Base,
        _ => Prevails::Unstated,
    };
    let mut products = Vec::new();
    for p in list(e, at, "products")? {
        products.push(
            p.string()
                .ok_or_else(|| at.missing("products", "a list of strings"))?,
        );
    }
    let meta = Meta {
        id: string(e, at, "id")?,
        title: string(e, at, "title")?,
        provider: string(e, at, "provider")?,
        provider_name: string(e, at, "provider_name")?,
        version: string(e, at, "version")?,
        version_line: uint(e, at, "version_line")?,
        effective: date(e, at, "effective")?,
        updated: date(e, at, "updated")?,
        language: string(e, at, "language")?,
        products,
        supplements: optional_string(e, "supplements").map(|s| {
            (
                s,
                e.member("supplements_line")
                    .and_then(|l| l.uint())
                    .unwrap_or(0),
            )
        }),
        prevails,
        reconsent: e
            .member("reconsent")
            .and_then(|r| r.boolean())
            .ok_or_else(|| at.missing("reconsent", "true or false"))?,
        source: optional_string(e, "taken_from"),
        translation_of: optional_string(e, "translation_of"),
    };
    let mut sections = Vec::new();
    let mut highlights = 0;
    for (i, s) in list(e, at, "sections")?.iter().enumerate() {
        let at = At {
            parent: Some(at),
            name: "sections",
            index: Some(i),
        };
        let heading = match s.member("heading") {
            Some(h) if h.member("kind").is_some() => Some(read_block(&h, &at, &mut highlights)?),
            _ => None,
        };
        let mut blocks = Vec::new();
        for (j, b) in list(s, &at, "blocks")?.iter().enumerate() {
            let at = At {
                parent: Some(&at),
                name: "blocks",
                index: Some(j),
            };
            blocks.push(read_block(b, &at, &mut highlights)?);
        }
        sections.push(Section { heading, blocks });
    }
    Ok(BundleEntry {
        sha256,
        sha256_v1,
        agreement: Agreement {
            meta,
            sections,
            file: path.clone(),
        },
        path,
    })
}

// The message of a highlight out of order or past the last says the highest id, written
// without `format!`.
const _: () = assert!(crate::agreement::MAX_HIGHLIGHTS == 500);

/// One block; `highlights` counts the highlights read so far in the version, in reading order.
/// A highlight's id is its place in that order (`h1`, `h2`, …), as the command line numbers
/// them: the receipt names highlights by id, and no hash covers ids, so a bundle that numbers
/// them otherwise would have a receipt name other clauses than those acknowledged.
fn read_block<V: Value>(b: &V, at: &At<'_>, highlights: &mut usize) -> Result<Block, BundleError> {
    let kind = match string(b, at, "kind")?.as_str() {
        "heading" => BlockKind::Heading(
            u8::try_from(uint(b, at, "level")?).map_err(|_| at.missing("level", "1 or 2"))?,
        ),
        "clause" => BlockKind::Clause(string(b, at, "number")?),
        "paragraph" => BlockKind::Paragraph,
        "item" => BlockKind::ListItem,
        _ => return Err(at.missing("kind", "a block kind")),
    };
    let mut spans = Vec::new();
    for s in list(b, at, "spans")? {
        let text = string(&s, at, "text")?;
        spans.push(match optional_string(&s, "highlight") {
            Some(id) => Span::Highlight {
                id: {
                    *highlights += 1;
                    let n = id
                        .strip_prefix('h')
                        .filter(|n| !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()));
                    if *highlights > crate::agreement::MAX_HIGHLIGHTS
                        || n.and_then(|n| n.parse::<usize>().ok()) != Some(*highlights)
                    {
                        return Err(at.missing(
                            "spans.highlight",
                            "the next highlight id in reading order, `h1` to `h500`",
                        ));
                    }
                    id
                },
                kind: optional_string(&s, "kind")
                    .as_deref()
                    .and_then(HighlightKind::from_word)
                    .ok_or_else(|| at.missing("spans.kind", "a highlight kind"))?,
                text,
            },
            None if s.member("emphasis").and_then(|e| e.boolean()) == Some(true) => {
                Span::Emphasis(text)
            }
            None => Span::Text(text),
        });
    }
    Ok(Block {
        kind,
        spans,
        line: uint(b, at, "line")?,
    })
}

fn read_change<V: Value>(c: &V, at: &At<'_>) -> Result<Change, BundleError> {
    let highlighted = c.member("highlighted").and_then(|h| h.boolean()) == Some(true);
    Ok(match string(c, at, "change")?.as_str() {
        "added" => Change::Added {
            number: optional_string(c, "number"),
            text: string(c, at, "text")?,
            highlighted,
        },
        "removed" => Change::Removed {
            number: optional_string(c, "number"),
            text: string(c, at, "text")?,
        },
        "changed" => Change::Changed {
            number: string(c, at, "number")?,
            before: string(c, at, "before")?,
            after: string(c, at, "after")?,
            highlighted,
        },
        _ => return Err(at.missing("change", "added, removed or changed")),
    })
}

fn block_json(b: &Block) -> Json {
    let mut members: Vec<(&str, Json)> = match &b.kind {
        BlockKind::Heading(level) => vec![
            ("kind", "heading".into()),
            ("level", Json::Int(u64::from(*level))),
        ],
        BlockKind::Clause(n) => vec![("kind", "clause".into()), ("number", n.into())],
        BlockKind::Paragraph => vec![("kind", "paragraph".into())],
        BlockKind::ListItem => vec![("kind", "item".into())],
    };
    members.push(("line", b.line.into()));
    let spans = b
        .spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => Json::object([("text", t.into())]),
            Span::Emphasis(t) => Json::object([("text", t.into()), ("emphasis", true.into())]),
            Span::Highlight { id, kind, text } => Json::object([
                ("text", text.into()),
                ("highlight", id.into()),
                ("kind", kind.as_str().into()),
            ]),
        })
        .collect::<Vec<_>>();
    members.push(("spans", Json::Array(spans)));
    Json::object(members)
}

fn entry_json(e: &BundleEntry) -> Json {
    let m = &e.agreement.meta;
    let mut members: Vec<(&str, Json)> = vec![
        ("path", e.path.as_str().into()),
        ("sha256", e.sha256.as_str().into()),
        ("sha256_v1", e.sha256_v1.as_str().into()),
        ("id", m.id.as_str().into()),
        ("version", m.version.as_str().into()),
        ("version_line", m.version_line.into()),
        ("language", m.language.as_str().into()),
        ("title", m.title.as_str().into()),
        ("provider", m.provider.as_str().into()),
        ("provider_name", m.provider_name.as_str().into()),
        ("products", m.products.clone().into()),
        ("effective", m.effective.to_string().into()),
        ("updated", m.updated.to_string().into()),
        ("reconsent", m.reconsent.into()),
    ];
    if let Some((target, line)) = &m.supplements {
        let prevails = match m.prevails {
            Prevails::Supplement => "supplement",
            Prevails::Base => "base",
            Prevails::Unstated => "unstated",
        };
        members.push(("supplements", target.as_str().into()));
        members.push(("supplements_line", (*line).into()));
        members.push(("prevails", prevails.into()));
    }
    if let Some(l) = &m.translation_of {
        members.push(("translation_of", l.as_str().into()));
    }
    if let Some(s) = &m.source {
        members.push(("taken_from", s.as_str().into()));
    }
    let sections = e
        .agreement
        .sections
        .iter()
        .map(|s| {
            Json::object([
                (
                    "heading",
                    s.heading.as_ref().map(block_json).unwrap_or(Json::Null),
                ),
                (
                    "blocks",
                    Json::Array(s.blocks.iter().map(block_json).collect()),
                ),
            ])
        })
        .collect();
    members.push(("sections", Json::Array(sections)));
    Json::object(members)
}

fn change_json(c: &Change) -> Json {
    match c {
        Change::Added {
            number,
            text,
            highlighted,
        } => Json::object([
            ("change", "added".into()),
            ("number", number.clone().into()),
            ("text", text.into()),
            ("highlighted", (*highlighted).into()),
        ]),
        Change::Removed { number, text } => Json::object([
            ("change", "removed".into()),
            ("number", number.clone().into()),
            ("text", text.into()),
        ]),
        Change::Changed {
            number,
            before,
            after,
            highlighted,
        } => Json::object([
            ("change", "changed".into()),
            ("number", number.into()),
            ("before", before.into()),
            ("after", after.into()),
            ("highlighted", (*highlighted).into()),
        ]),
    }
}

/// The bundle's JSON text, one agreement version a line.
pub fn bundle_json(bundle: &Bundle) -> String {
    let mut out = String::from("{\"format\":");
    crate::json::quote_into(&mut out, &bundle.format);
    out.push_str(",\n\"agreements\":[");
    for (i, e) in bundle.agreements.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        entry_json(e).write(&mut out);
    }
    out.push_str("],\n\"changes\":[");
    for (i, c) in bundle.changes.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        Json::object([
            ("from", c.from.into()),
            ("to", c.to.into()),
            (
                "changes",
                Json::Array(c.changes.iter().map(change_json).collect()),
            ),
        ])
        .write(&mut out);
    }
    out.push_str("]}\n");
    out
}
