//! The dialect round trip, natively: for generated agreements (every block type and inline
//! construct of `agreements/README.md`, alone and mixed), the README's examples, the
//! fixtures and a long agreement, the canonical text read back as a source parses to the same
//! blocks, spans and highlights, and to the same canonical text and content hash; and the
//! canonical text keeps the README's rules (white space folded, none at a block's ends).

mod dialect_gen;

use consent_terms::agreement::{Agreement, BlockKind, Section, Span};
use consent_terms::bundle::build_bundle;
use consent_terms::canonical::{canonical_text, content_hash, sha256_hex};
use consent_terms::catalog::Source;
use consent_terms::parse::parse_agreement;
use dialect_gen::*;
use std::collections::BTreeSet;

/// How many generated agreements the round trip checks.
const CASES: usize = 400;

/// The body blocks of `canonical`, under a metadata header made from `a`'s metadata.
fn canonical_as_source(a: &Agreement, canonical: &str) -> String {
    let m = &a.meta;
    let (_, body) = canonical
        .split_once("\n\n")
        .expect("the canonical header ends with an empty line");
    let products = if m.products.is_empty() {
        "*".to_string()
    } else {
        m.products.join(" ")
    };
    format!(
        "---\nid: {}\ntitle: {}\nprovider: {}\nprovider-name: {}\nversion: {}\neffective: {}\nupdated: {}\nlanguage: {}\nproducts: {products}\nreconsent: {}\n---\n{body}",
        m.id,
        m.title,
        m.provider,
        m.provider_name,
        m.version,
        m.effective,
        m.updated,
        m.language,
        if m.reconsent { "required" } else { "not-required" },
    )
}

/// A block's kind (with its printed number) and spans (with highlight ids and kinds).
type BlockShape = (BlockKind, Vec<Span>);

/// The agreement's structure without source line numbers: sections, block kinds with their
/// printed numbers, and spans with their highlight ids, kinds and text.
fn shape(a: &Agreement) -> Vec<(Option<BlockShape>, Vec<BlockShape>)> {
    let block = |b: &consent_terms::agreement::Block| (b.kind.clone(), b.spans.clone());
    a.sections
        .iter()
        .map(|s: &Section| {
            (
                s.heading.as_ref().map(block),
                s.blocks.iter().map(block).collect(),
            )
        })
        .collect()
}

/// The README's rules for a canonical body line: one space for every run of white space,
/// none at either end of the block's text.
fn check_canonical_lines(name: &str, a: &Agreement, canonical: &str) {
    let body = canonical.split_once("\n\n").expect("header").1;
    let lines: Vec<&str> = body.lines().collect();
    let blocks: Vec<_> = a.blocks().collect();
    assert_eq!(lines.len(), blocks.len(), "{name}: one line per block");
    for (line, block) in lines.iter().zip(blocks) {
        let prefix = consent_terms::canonical::block_prefix(&block.kind);
        let text = line
            .strip_prefix(prefix.as_str())
            .unwrap_or_else(|| panic!("{name}: `{line}` starts with `{prefix}`"));
        assert!(
            !text.starts_with(char::is_whitespace) && !text.ends_with(char::is_whitespace),
            "{name} line {}: no space at either end of a block: `{line}`",
            block.line
        );
        assert!(
            !text.contains("  ") && !text.chars().any(|c| c.is_whitespace() && c != ' '),
            "{name} line {}: white space folded to one space: `{line}`",
            block.line
        );
    }
}

fn kind_name(kind: &BlockKind) -> String {
    match kind {
        BlockKind::Heading(l) => format!("heading {l}"),
        BlockKind::Clause(_) => "clause".into(),
        BlockKind::ListItem => "list item".into(),
        BlockKind::Paragraph => "paragraph".into(),
    }
}

/// Parses `source`, checks the round trip and returns the agreement.
fn round_trip(source: &Source) -> Agreement {
    let a = parse_agreement(&source.path, &source.text)
        .unwrap_or_else(|e| panic!("{e}\nsource:\n{}", source.text));
    let canonical = canonical_text(&a);
    check_canonical_lines(&source.path, &a, &canonical);
    let again_source = canonical_as_source(&a, &canonical);
    let again = parse_agreement(&source.path, &again_source).unwrap_or_else(|e| {
        panic!(
            "the canonical text of {} does not parse: {e}\n{again_source}",
            source.path
        )
    });
    assert_eq!(
        canonical_text(&again),
        canonical,
        "{}: canonical text, parsed again, is unchanged\nsource:\n{}",
        source.path,
        source.text
    );
    assert_eq!(content_hash(&again), content_hash(&a), "{}", source.path);
    assert_eq!(
        shape(&again),
        shape(&a),
        "{}: the same blocks, numbers, spans and highlights\nsource:\n{}\ncanonical:\n{canonical}",
        source.path,
        source.text
    );
    a
}

#[test]
fn generated_agreements_round_trip_through_their_canonical_text() {
    let cases = cases(CASES);
    let mut kinds = BTreeSet::new();
    let mut numbers = BTreeSet::new();
    let mut highlight_kinds = BTreeSet::new();
    let (mut blocks, mut lists, mut runs, mut bold, mut escaped_paragraphs) = (0, 0, 0, 0, 0);
    for source in &cases {
        let a = round_trip(source);
        let mut previous_item = false;
        for b in a.blocks() {
            blocks += 1;
            kinds.insert(kind_name(&b.kind));
            if let BlockKind::Clause(n) = &b.kind {
                numbers.insert(n.clone());
            }
            let item = b.kind == BlockKind::ListItem;
            if item && !previous_item {
                lists += 1;
            }
            if item && previous_item {
                runs += 1;
            }
            previous_item = item;
            bold += b
                .spans
                .iter()
                .filter(|s| matches!(s, Span::Emphasis(_)))
                .count();
            highlight_kinds.extend(b.highlights().map(|(_, k, _)| k.as_str()));
        }
        escaped_paragraphs += source
            .text
            .lines()
            .filter(|l| l.trim_start().starts_with('\\'))
            .count();
    }
    let all: String = cases.iter().map(|s| s.text.as_str()).collect();
    for construct in [
        "\\*",
        "\\{",
        "\\}",
        "\\\\",
        "“",
        "–",
        "服务",
        "🙂",
        "👩‍💻",
        "<b>&amp;",
        "\t",
        "  ",
        "<!--",
        "\r\n",
    ] {
        assert!(all.contains(construct), "the cases use {construct:?}");
    }
    println!(
        "{} generated agreements, {blocks} blocks ({} lists, {runs} items after another item, {bold} bold runs, {escaped_paragraphs} lines opening with `\\`), block kinds {:?}, clause numbers {:?}, highlight kinds {:?}: each round-trips",
        cases.len(),
        lists,
        kinds.len(),
        numbers,
        highlight_kinds
    );
    assert_eq!(kinds.len(), 5, "every block kind: {kinds:?}");
    assert!(
        numbers.len() >= 14,
        "every clause number style: {numbers:?}"
    );
    assert_eq!(highlight_kinds.len(), 3);
    assert!(lists > 50 && runs > 50 && bold > 50 && escaped_paragraphs > 20);
    build_bundle(&cases).expect("the generated agreements make a valid bundle");
}

#[test]
fn the_readme_examples_round_trip_and_the_test_vector_keeps_its_hash() {
    let readme = include_str!("../agreements/README.md");
    let vector = readme_vector();
    let a = round_trip(&vector);
    let published = readme
        .split("the content hash `")
        .nth(1)
        .and_then(|r| r.split('`').next())
        .expect("the README states the test vector's hash");
    assert_eq!(content_hash(&a), published);
    let canonical_block = readme
        .split("has the canonical text\n\n```\n")
        .nth(1)
        .and_then(|r| r.split("```").next())
        .expect("the README shows the canonical text");
    assert_eq!(canonical_text(&a), canonical_block);
    assert_eq!(sha256_hex(canonical_block.as_bytes()), published);
    round_trip(&readme_source_example());
}

#[test]
fn the_fixtures_and_a_long_agreement_round_trip() {
    let lists = round_trip(&lists_only());
    assert!(
        lists.blocks().all(|b| b.kind == BlockKind::ListItem),
        "only list items"
    );
    assert_eq!(lists.blocks().count(), 6);
    assert!(canonical_text(&lists).contains("\n- hello world\n"));

    let every = round_trip(&every_construct());
    let kinds: BTreeSet<String> = every.blocks().map(|b| kind_name(&b.kind)).collect();
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    assert_eq!(every.clauses().count(), 13);
    let highlight_kinds: BTreeSet<_> = every.highlights().map(|h| h.kind.as_str()).collect();
    assert_eq!(highlight_kinds.len(), 3);
    build_bundle(&[lists_only(), every_construct()]).expect("the fixtures make a valid bundle");

    let long = round_trip(&long_agreement());
    assert!(long.blocks().count() > 200, "{}", long.blocks().count());
    assert_eq!(long.sections.len(), 10);
}
