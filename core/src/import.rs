//! From an agreement as a provider publishes it (plain text, Markdown or HTML) to a draft in
//! the source dialect (`agreements/README.md`): one block per line, clause numbers kept as
//! printed, section titles as headings, lists as list items, bold as ordinary bold, links as
//! their visible text; the title and the dates moved to the metadata header; invisible and
//! direction-changing characters removed, each reported with its line; and, on request, the
//! lint's findings proposed as highlights for the author to accept or remove.
//!
//! The draft is a starting point that loses no text: what the importer could not place (a
//! page's navigation, a bold marker that closes nothing) stays, or is reported, for the author
//! to decide, who records each decision as a `<!-- fix: … -->` comment.

use crate::agreement::BlockKind;
use crate::agreement::{hiding_character, hiding_characters, Date, HighlightKind};
use crate::lint::{character_name, is_title_line, person_names, Reader, Reading};

// One module per input format, and the header's and the lines' rules; each sees this
// module's imports and types.
mod header;
mod html;
mod markdown;
mod render;
mod runs;
mod text;

use header::*;
use html::*;
use markdown::*;
use render::*;
use runs::*;
use text::*;

/// How the published text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One block per line (long lines wrapped by hand are joined).
    Text,
    /// Markdown: `#` headings, lists, `**bold**`, links, tables.
    Markdown,
    /// An HTML page: headings, paragraphs, list items, table rows; `<b>`/`<strong>` as bold.
    Html,
}

impl Format {
    /// The format a file's name and content suggest: `.html`/`.htm` or markup such as `<p>`
    /// is HTML; `.md` or Markdown headings, bold or links is Markdown; the rest is text.
    pub fn guess(path: &str, text: &str) -> Format {
        let lower = path.to_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            return Format::Html;
        }
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            return Format::Markdown;
        }
        let sample: String = text.chars().take(20_000).collect::<String>().to_lowercase();
        if ["<p", "<div", "<html", "<br", "<li", "<h1", "<h2", "<body"]
            .iter()
            .any(|t| sample.contains(t))
        {
            return Format::Html;
        }
        let markdown = sample.lines().any(|l| {
            let t = l.trim_start();
            (t.starts_with('#') && t.trim_start_matches('#').starts_with(' ')) || t.contains("**")
        }) || (sample.contains("](") && sample.contains('['));
        if markdown {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

/// An invisible or direction-changing character the importer removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// 1-based line of the published file.
    pub line: usize,
    /// 1-based column (in characters) on that line.
    pub column: usize,
    /// The code point.
    pub code: u32,
    /// Its Unicode name.
    pub name: &'static str,
}

/// What the author tells the importer; the rest is read from the text.
#[derive(Clone, Debug)]
pub struct Options {
    /// The agreement's id (default: from the file name).
    pub id: Option<String>,
    /// Its title (default: the text's own title line, else the file name).
    pub title: Option<String>,
    /// The provider key (default `provider`, to be set).
    pub provider: Option<String>,
    /// The provider's display name (default `Provider`, to be set).
    pub provider_name: Option<String>,
    /// The text's language (default: `zh-CN` when most letters are Chinese, else `en`).
    pub language: Option<String>,
    /// Add the lint's findings as proposed highlights.
    pub propose: bool,
    /// Today, for dates the text does not state.
    pub today: Date,
}

/// A draft agreement source and what was done to make it.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The source in the dialect.
    pub text: String,
    /// The invisible characters removed, in order.
    pub removed: Vec<Removed>,
    /// Notes for the author, each with the line of the published file it concerns.
    pub notes: Vec<(usize, String)>,
    /// How many blocks were given a proposed highlight.
    pub proposed: usize,
}

/// How a block reads before it is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Raw {
    Heading(u8),
    Item,
    Para,
}

/// A run of inline text, bold or not.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Run {
    bold: bool,
    text: String,
}

#[derive(Clone, Debug)]
struct Block {
    kind: Raw,
    runs: Vec<Run>,
    line: usize,
}

impl Block {
    fn plain(&self) -> String {
        let s: String = self.runs.iter().map(|r| r.text.as_str()).collect();
        collapse(&s)
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Converts `input` (named `file` for the header and messages) into a draft.
pub fn import(file: &str, input: &str, format: Format, options: &Options) -> Imported {
    let mut removed = Vec::new();
    let mut notes = Vec::new();
    // Every system's line breaks: a carriage return alone (text from old Mac systems) ends a
    // line as a line feed does.
    let clean: Vec<String> = input
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .enumerate()
        .map(|(i, line)| clean_line(i + 1, line, &mut removed))
        .collect();
    let blocks = match format {
        Format::Text => text_blocks(&clean),
        Format::Markdown => markdown_blocks(&clean, &mut notes),
        Format::Html => html_blocks(&clean.join("\n")),
    };
    let mut blocks = split_at_breaks(list_numbers(blocks));
    // Characters written as HTML references (`&#8203;`) are read only now.
    for b in &mut blocks {
        for r in &mut b.runs {
            if hiding_character(&r.text).is_some() {
                r.text = clean_line(b.line, &r.text, &mut removed);
            }
        }
    }
    blocks.retain(|b| !b.plain().is_empty());

    // The title and the dates, from the first blocks.
    let mut title = options.title.clone();
    let (mut effective, mut updated) = (None, None);
    let mut i = 0;
    while i < blocks.len() && i < 12 {
        let b = &blocks[i];
        let plain = b.plain();
        if let Some((field, date)) = date_line(&plain) {
            match field {
                DateField::Updated if updated.is_none() => updated = Some(date),
                _ if effective.is_none() => effective = Some(date),
                _ => {
                    i += 1;
                    continue;
                }
            }
            notes.push((b.line, format!("\"{plain}\" moved to the metadata")));
            blocks.remove(i);
            continue;
        }
        if title.is_none() && is_title(b, &plain) {
            notes.push((b.line, format!("\"{plain}\" is the metadata title")));
            title = Some(strip_attributes(&plain));
            blocks.remove(i);
            continue;
        }
        i += 1;
    }
    let stem = file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file)
        .split('.')
        .next()
        .unwrap_or("agreement");
    let title = title.unwrap_or_else(|| stem.to_string());
    let body: String = blocks.iter().map(Block::plain).collect();
    let han = body.chars().filter(|c| is_han(*c)).count();
    let letters = body.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let language = options.language.clone().unwrap_or_else(|| {
        if han * 3 >= letters {
            "zh-CN".to_string()
        } else {
            "en".to_string()
        }
    });
    let effective = effective.or(updated).unwrap_or(options.today);
    let updated = updated.unwrap_or(effective);
    let id = options.id.clone().unwrap_or_else(|| slug(stem));
    let provider = options
        .provider
        .clone()
        .unwrap_or_else(|| "provider".to_string());
    let provider_name = options
        .provider_name
        .clone()
        .unwrap_or_else(|| "Provider".to_string());

    let mut out = String::new();
    out.push_str("---\n");
    out.push_str(&format!("id: {id}\n"));
    out.push_str(&format!("title: {}\n", collapse(&title)));
    out.push_str(&format!("provider: {provider}\n"));
    out.push_str(&format!("provider-name: {provider_name}\n"));
    out.push_str(&format!("version: {updated}\n"));
    out.push_str(&format!("effective: {effective}\n"));
    out.push_str(&format!("updated: {updated}\n"));
    out.push_str(&format!("language: {language}\n"));
    out.push_str("# Set the provider, its name, the products and reconsent before publishing.\n");
    out.push_str("products: *\n");
    out.push_str("reconsent: required\n");
    out.push_str(&format!("source: {file}\n"));
    out.push_str("---\n");
    for r in &removed {
        out.push_str(&format!(
            "<!-- fix: U+{:04X} {} removed (line {}, column {} of the published text). -->\n",
            r.code, r.name, r.line, r.column
        ));
    }
    for (line, note) in &notes {
        out.push_str(&format!(
            "<!-- fix: {} (line {line} of the published text). -->\n",
            comment_safe(note)
        ));
    }

    let names = [provider.as_str(), provider_name.as_str()];
    // The draft's blocks are read in order as the lint reads them: an item with its lead-in.
    let whole: Vec<String> = blocks.iter().map(Block::plain).collect();
    let person = person_names(&whole.join("\n"), &names);
    let headings = blocks.iter().filter_map(|b| match b.kind {
        Raw::Heading(_) => Some(b.plain()),
        Raw::Para => section_title(&b.plain()).map(str::to_string),
        Raw::Item => None,
    });
    let mut reader = Reader::new(&names, &person, headings);
    let mut proposed = 0;
    let mut first = true;
    // The number a list's next item would have: 1 after a lead-in (a paragraph ending with a
    // colon), then one more after each of its items.
    let mut next_item: Option<u32> = None;
    for (at, b) in blocks.iter().enumerate() {
        let plain = b.plain();
        let number = list_number(&plain);
        let in_list = next_item.is_some() && number == next_item;
        let (line, heading) = place(b, in_list);
        next_item = if in_list {
            number.map(|n| n + 1)
        } else if !heading && plain.trim_end().ends_with([':', '：']) {
            Some(1)
        } else {
            None
        };
        if heading && !first {
            out.push('\n');
        }
        first = false;
        let readings: Vec<Reading> = if options.propose {
            let kind = draft_kind(&line, heading);
            let read = reader.read(&kind, at + 1, &plain, &plain);
            read.into_iter().map(|(r, _)| r).collect()
        } else {
            Vec::new()
        };
        if options.propose && !heading {
            if let Some(with) = propose(&line, b, &readings) {
                out.push_str(&with);
                proposed += 1;
                continue;
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    Imported {
        text: out,
        removed,
        notes,
        proposed,
    }
}

/// The line a block becomes, and whether it is a heading. A numbered short line is a section
/// title, except `in_list`, where it is an item of the list its lead-in opened.
fn place(b: &Block, in_list: bool) -> (String, bool) {
    let plain = b.plain();
    match b.kind {
        Raw::Heading(level) => {
            let marks = if level <= 2 { "#" } else { "##" };
            (format!("{marks} {}", render_plain(&plain)), true)
        }
        Raw::Item => {
            let runs = render(&b.runs);
            // `(i)`, `(v)`, `(x)` open a run of roman numerals (`(ii)`, `(iii)`), which the
            // dialect does not read as clause numbers: the item stays an item, as its next ones.
            let roman = crate::parse::clause_number(&plain).is_some_and(|(n, _)| {
                matches!(
                    n.trim_start_matches('(').trim_end_matches(')'),
                    "i" | "v" | "x"
                )
            });
            if starts_with_number(&plain)
                || (crate::parse::clause_number(&plain).is_some() && !roman)
            {
                (runs, false)
            } else {
                (format!("- {runs}"), false)
            }
        }
        Raw::Para => {
            if let Some(title) = section_title(&plain).filter(|_| !in_list) {
                return (format!("# {}", render_plain(title)), true);
            }
            let text = number_out_of_bold(&spaced_number(&b.runs));
            let rendered = render(&text);
            // A paragraph the parser would read as another kind of block keeps its kind.
            let t = rendered.as_str();
            if t.starts_with("# ")
                || t.starts_with("## ")
                || t.starts_with("- ")
                || t.starts_with("<!--")
            {
                (format!("\\{t}"), false)
            } else {
                (rendered, false)
            }
        }
    }
}

/// A heading written as a numbered line: a top-level number (`I.`, `1.`, `1`, `一、`,
/// `第一章`) and a short title with no sentence in it.
fn section_title(plain: &str) -> Option<&str> {
    let (number, rest) = if let Some(i) = plain.find('、') {
        let n = &plain[..i];
        (
            n.chars().all(|c| "一二三四五六七八九十百".contains(c)) && !n.is_empty(),
            plain[i + '、'.len_utf8()..].trim(),
        )
    } else if plain.starts_with('第') && plain.chars().take(6).any(|c| c == '章' || c == '部') {
        let i = plain.find(['章', '部']).unwrap_or(0);
        let end = plain[i..]
            .char_indices()
            .nth(1)
            .map_or(plain.len(), |(j, _)| i + j);
        (true, plain[end..].trim_start_matches('分').trim())
    } else {
        let (head, rest) = plain.split_once(' ')?;
        let digits = head.trim_end_matches('.');
        let arabic =
            !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|c| c.is_ascii_digit());
        let roman = head.ends_with('.')
            && !digits.is_empty()
            && digits.len() <= 5
            && digits.bytes().all(|c| b"IVXL".contains(&c));
        (arabic || roman, rest.trim())
    };
    if !number || rest.is_empty() {
        return None;
    }
    // A table's row (cells joined by ` | `) is no title.
    if rest.contains(" | ") {
        return None;
    }
    let words = rest.split_whitespace().count();
    let han = rest.chars().filter(|c| is_han(*c)).count();
    // A sentence may end inside its closing quotes or before a footnote mark: `"as is".[^1]`.
    let mut end = rest;
    loop {
        let trimmed = end.trim_end_matches(['"', '\'', '”', '’', '»', ')', '）', '」', '』']);
        let trimmed = match trimmed.rfind("[^") {
            Some(i) if trimmed.ends_with(']') => &trimmed[..i],
            _ => trimmed,
        };
        if trimmed.len() == end.len() {
            break;
        }
        end = trimmed.trim_end();
    }
    let sentence = end.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？', ','])
        || rest.contains(['。', '；', '，']);
    let short = if han > 0 { han <= 16 } else { words <= 10 };
    (short && !sentence).then_some(plain)
}

/// The number of a line that starts `1.` or `1)`, as an ordered list's items do.
fn list_number(plain: &str) -> Option<u32> {
    let digits = plain.len() - plain.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = plain[digits..].chars().next()?;
    (digits > 0 && digits <= 3 && matches!(after, '.' | ')'))
        .then(|| plain[..digits].parse().ok())
        .flatten()
}

fn starts_with_number(plain: &str) -> bool {
    let first = plain.split(' ').next().unwrap_or("");
    // `a)`, as an ordered list counted in letters numbers its items.
    if first.len() == 2 && first.ends_with(')') && first.as_bytes()[0].is_ascii_lowercase() {
        return true;
    }
    let inner = first
        .trim_matches(|c| "()（）".contains(c))
        .trim_end_matches(['.', ')', '）', '、']);
    !inner.is_empty()
        && inner.len() <= 8
        && inner.chars().all(|c| c.is_ascii_digit() || c == '.')
        && first != inner
}
