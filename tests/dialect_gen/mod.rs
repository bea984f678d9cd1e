//! Agreement sources in the dialect of `agreements/README.md`, made deterministically from a
//! seed, for the round-trip tests: natively (`tests/dialect_roundtrip.rs`) and in the browser
//! (`tests/dialect.rs`). Every block type and every inline construct appears, alone and mixed.
#![allow(dead_code)]

use consent_terms::catalog::Source;

/// The seed of every generated catalogue: a failure names its case, and the case is the same
/// on every run and in every browser.
pub const SEED: u64 = 0x5eed_0012_d1a1_ec75;

/// xorshift64*: small, fast and the same everywhere, wasm32 included.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value; zero is moved off the fixed point).
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Words and phrases of the kind the shipped agreements are made of.
const WORDS: &[&str] = &[
    "the Service",
    "Kingsoft Cloud",
    "the Customer",
    "shall",
    "not be liable for",
    "indirect losses",
    "within 30 days",
    "as is",
    "under this Agreement",
    "data",
    "3.1.3.6.1 of the Annex",
    "(a) and (b)",
    "fees",
    "Party",
];

/// Text that is not plain words: escapes, characters the markup uses, quotes, dashes, CJK,
/// emoji, what looks like HTML, backslashes before letters. None ends in a lone `\`.
const SPECIAL: &[&str] = &[
    "\\*",
    "\\{",
    "\\}",
    "\\\\",
    "5\\* SLA",
    "\\#",
    "\\(1\\)",
    "“Service”",
    "‘as is’",
    "Cloud’s",
    "2019–2020",
    "—",
    "服务协议",
    "金山云不承担责任。",
    "（一）",
    "🙂",
    "👩‍💻",
    "🇨🇳",
    "<b>&amp;",
    "<script>alert(1)</script>",
    "&lt;tag&gt;",
    "<!-- not a comment -->",
    "-->",
    "C:\\Users\\data",
    "a * b",
    "x { y } z",
    "Note: see 7.2",
    "\u{a0}",
    "e\u{301}",
];

/// White space between atoms: runs of spaces and tabs are folded to one space.
const GAPS: &[&str] = &[" ", " ", " ", "  ", "\t", " \t  ", "   "];

/// Printed clause numbers, one of each style the dialect reads.
const NUMBERS: &[&str] = &[
    "I.",
    "IV.",
    "XII.",
    "1.",
    "12.",
    "1.1",
    "2.10",
    "1.1.",
    "3.1.3.6.1",
    "3.1.3.6.1.",
    "(1)",
    "(12)",
    "(a)",
    "a)",
];

/// Paragraph openings that would read as another block without their leading `\`.
const ESCAPED_STARTS: &[&str] = &[
    "\\1. ",
    "\\2024 was",
    "\\IV. ",
    "\\a) ",
    "\\3.1.3.6.1 ",
    "\\# ",
    "\\## ",
    "\\- ",
    "\\<!-- ",
    "\\(a) ",
];

fn text_atom(rng: &mut Rng) -> &'static str {
    if rng.chance(35) {
        rng.pick(SPECIAL)
    } else {
        rng.pick(WORDS)
    }
}

/// Text for inside `**…**` or a highlight: no markup, escapes allowed.
fn span_text(rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.chance(15) {
        out.push_str(rng.pick(GAPS));
    }
    let n = 1 + rng.below(3);
    for i in 0..n {
        if i > 0 {
            out.push_str(rng.pick(GAPS));
        }
        out.push_str(if rng.chance(30) {
            rng.pick(&[
                "\\*",
                "\\{",
                "\\}",
                "\\\\",
                "“quoted”",
                "服务",
                "🙂",
                "<b>&amp;",
                "—",
                "a: b",
            ])
        } else {
            rng.pick(WORDS)
        });
    }
    if rng.chance(15) {
        out.push_str(rng.pick(GAPS));
    }
    out
}

fn bold(rng: &mut Rng) -> String {
    format!("**{}**", span_text(rng))
}

fn highlight(rng: &mut Rng) -> String {
    let kind = rng.pick(&["exemption", "limitation", "restriction"]);
    let open = rng.pick(&["{{", "{{", "{{ "]);
    let colon = rng.pick(&[": ", ":", " : ", ":\t"]);
    format!("{open}{kind}{colon}{}}}}}", span_text(rng))
}

/// One block's inline text: atoms, bold and highlights, joined by white space or glued.
/// It starts with a word so that the block is what its prefix says.
pub fn inline(rng: &mut Rng) -> String {
    let mut out = String::from(rng.pick(WORDS));
    let n = rng.below(7);
    for _ in 0..n {
        let glue = rng.chance(15);
        let piece = match rng.below(10) {
            0..=1 => bold(rng),
            2..=3 => highlight(rng),
            _ => text_atom(rng).to_string(),
        };
        // Markup may touch its neighbours; plain text atoms are always apart.
        if !(glue && (piece.starts_with("**") || piece.starts_with("{{"))) {
            out.push_str(rng.pick(GAPS));
        }
        out.push_str(&piece);
    }
    out
}

/// One body line (a block, a comment, or white space).
pub fn line(rng: &mut Rng) -> String {
    let indent = if rng.chance(8) { rng.pick(GAPS) } else { "" };
    let trail = if rng.chance(8) { rng.pick(GAPS) } else { "" };
    let body = match rng.below(20) {
        0 => format!("{}{}", rng.pick(&["# ", "# ", "#  ", "# \t"]), inline(rng)),
        1 => format!(
            "{}{}",
            rng.pick(&["## ", "## ", "##   ", "## \t"]),
            inline(rng)
        ),
        2..=8 => format!(
            "{}{}{}",
            rng.pick(NUMBERS),
            rng.pick(&[" ", " ", "  "]),
            inline(rng)
        ),
        9..=12 => list(rng),
        13..=15 => inline(rng),
        16 => format!("{}{}", rng.pick(ESCAPED_STARTS), inline(rng)),
        17 => (rng.pick(&[
            "<!-- an author's note -->",
            "<!-- lint: allow unhighlighted: a waiver, not an exemption -->",
            "<!---->",
        ]))
        .to_string(),
        _ => String::new(),
    };
    format!("{indent}{body}{trail}")
}

/// A run of one to four list items.
fn list(rng: &mut Rng) -> String {
    let n = 1 + rng.below(4);
    (0..n)
        .map(|_| {
            format!(
                "{}{}",
                rng.pick(&["- ", "- ", "- ", "-  ", "- \t"]),
                inline(rng)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The metadata header of a generated agreement for provider `example`, every sign-up.
pub fn header(id: &str, title: &str, language: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: {title}\nprovider: example\nprovider-name: Example Cloud\nversion: 1\neffective: 2024-01-31\nupdated: 2024-02-01\nlanguage: {language}\nproducts: *\nreconsent: required\n---\n"
    )
}

/// Generated case `n`: a header and 1 to 24 body lines, lists at the start and the end in
/// some cases, some files with CRLF line ends.
pub fn case(rng: &mut Rng, n: usize) -> Source {
    let title = format!(
        "Generated Agreement {n} {}",
        rng.pick(&["", "— 服务协议", "<b>&amp;", "“quoted”"])
    );
    let language = rng.pick(&["en", "en", "zh-CN"]);
    let mut body = Vec::new();
    if rng.chance(25) {
        body.push(list(rng));
    }
    for _ in 0..1 + rng.below(24) {
        body.push(line(rng));
    }
    if rng.chance(25) {
        body.push(list(rng));
    }
    // At least one block, so the agreement has text.
    body.push(format!("{} {}", rng.pick(NUMBERS), inline(rng)));
    let mut text = header(&format!("gen-{n:03}"), title.trim_end(), language);
    text.push_str(&body.join("\n"));
    text.push('\n');
    if rng.chance(10) {
        text = text.replace('\n', "\r\n");
    }
    Source {
        path: format!("gen-{n:03}/1.md"),
        text,
    }
}

/// `count` generated cases from [`SEED`].
pub fn cases(count: usize) -> Vec<Source> {
    let mut rng = Rng::new(SEED);
    (0..count).map(|n| case(&mut rng, n)).collect()
}

/// An agreement made only of list items.
pub fn lists_only() -> Source {
    fixture(
        "lists-only",
        include_str!("../fixtures/dialect/lists-only/1.md"),
    )
}

/// An agreement with every block type and every inline construct.
pub fn every_construct() -> Source {
    fixture(
        "every-construct",
        include_str!("../fixtures/dialect/every-construct/1.md"),
    )
}

fn fixture(id: &str, text: &str) -> Source {
    Source {
        path: format!("tests/fixtures/dialect/{id}/1.md"),
        text: text.to_string(),
    }
}

/// The source shown in a code block of `agreements/README.md` whose header has `id_line`.
fn readme_block(id_line: &str) -> &'static str {
    let readme = include_str!("../../agreements/README.md");
    let start = readme
        .find(&format!("```\n---\n{id_line}\n"))
        .unwrap_or_else(|| panic!("the README shows a source with {id_line}"))
        + 4;
    let end = start + readme[start..].find("```").expect("closed");
    &readme[start..end]
}

/// The test vector of `agreements/README.md`, with provider `example`.
pub fn readme_vector() -> Source {
    Source {
        path: "demo/1.0.md".into(),
        text: readme_block("id: demo").to_string(),
    }
}

/// The source example of `agreements/README.md` (its header and first blocks).
pub fn readme_source_example() -> Source {
    let text = readme_block("id: kingsoft-kmct")
        .replace("id: kingsoft-kmct", "id: readme-example")
        .replace("provider: kingsoft", "provider: example")
        .replace("products: kmct", "products: *")
        .replace("supplements: kingsoft-general\n", "")
        .replace("prevails: supplement\n", "")
        .replace(" ...", " … within 30 days.");
    Source {
        path: "readme-example/2020-11-26.md".into(),
        text,
    }
}

/// A long agreement: ten sections, each with subsections, numbered clauses of every depth and
/// lists between them, as the longest shipped agreements are laid out.
pub fn long_agreement() -> Source {
    let mut rng = Rng::new(SEED ^ 0x1096);
    let mut text = header("long", "Long Generated Agreement", "en");
    for s in 1..=10 {
        text.push_str(&format!("# {s}. {}\n", inline(&mut rng)));
        for sub in 1..=3 {
            text.push_str(&format!("## {s}.{sub} {}\n", inline(&mut rng)));
            for c in 1..=4 {
                text.push_str(&format!("{s}.{sub}.{c}. {}\n", inline(&mut rng)));
                if rng.chance(40) {
                    text.push_str(&list(&mut rng));
                    text.push('\n');
                }
                if rng.chance(30) {
                    text.push_str(&format!("({c}) {}\n", inline(&mut rng)));
                    text.push_str(&format!("a) {}\n", inline(&mut rng)));
                }
            }
            text.push_str(&list(&mut rng));
            text.push('\n');
            text.push_str(&format!("{}\n\n", inline(&mut rng)));
        }
    }
    Source {
        path: "long/1.md".into(),
        text,
    }
}
