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

use crate::agreement::{hiding_character, Date, HighlightKind};
use crate::lint::{character_name, is_title_line, read};

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
    let clean: Vec<String> = input
        .lines()
        .enumerate()
        .map(|(i, line)| clean_line(i + 1, line, &mut removed))
        .collect();
    let mut blocks = match format {
        Format::Text => text_blocks(&clean),
        Format::Markdown => markdown_blocks(&clean, &mut notes),
        Format::Html => html_blocks(&clean.join("\n")),
    };
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
    let mut proposed = 0;
    let mut first = true;
    for b in &blocks {
        let (line, heading) = place(b);
        if heading && !first {
            out.push('\n');
        }
        first = false;
        if options.propose && !heading {
            if let Some(with) = propose(&line, b, &names) {
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

/// The line a block becomes, and whether it is a heading.
fn place(b: &Block) -> (String, bool) {
    let plain = b.plain();
    match b.kind {
        Raw::Heading(level) => {
            let marks = if level <= 2 { "#" } else { "##" };
            (format!("{marks} {}", render_plain(&plain)), true)
        }
        Raw::Item => {
            let runs = render(&b.runs);
            if starts_with_number(&plain) {
                (runs, false)
            } else {
                (format!("- {runs}"), false)
            }
        }
        Raw::Para => {
            if let Some(title) = section_title(&plain) {
                return (format!("# {}", render_plain(title)), true);
            }
            let text = number_out_of_bold(&b.runs);
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
    let words = rest.split_whitespace().count();
    let han = rest.chars().filter(|c| is_han(*c)).count();
    let sentence = rest.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？', ','])
        || rest.contains(['。', '；', '，']);
    let short = if han > 0 { han <= 16 } else { words <= 10 };
    (short && !sentence).then_some(plain)
}

fn starts_with_number(plain: &str) -> bool {
    let first = plain.split(' ').next().unwrap_or("");
    let inner = first
        .trim_matches(|c| "()（）".contains(c))
        .trim_end_matches(['.', ')', '）', '、']);
    !inner.is_empty()
        && inner.len() <= 8
        && inner.chars().all(|c| c.is_ascii_digit() || c == '.')
        && first != inner
}

/// `**3.1 Text.**` as `3.1 **Text.**`: the number is not part of the bold.
fn number_out_of_bold(runs: &[Run]) -> Vec<Run> {
    let Some(first) = runs.first() else {
        return Vec::new();
    };
    if !first.bold {
        return runs.to_vec();
    }
    let t = first.text.trim_start();
    let Some((head, rest)) = t.split_once(' ') else {
        return runs.to_vec();
    };
    let number = head.chars().any(|c| c.is_ascii_digit())
        && head
            .chars()
            .all(|c| c.is_ascii_digit() || ".()".contains(c));
    if !number {
        return runs.to_vec();
    }
    let mut out = vec![
        Run {
            bold: false,
            text: format!("{head} "),
        },
        Run {
            bold: true,
            text: rest.to_string(),
        },
    ];
    out.extend(runs[1..].iter().cloned());
    out
}

/// Dialect text for runs: special characters escaped, bold as `**…**`.
fn render(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        if r.bold {
            let inner = collapse(&r.text);
            if inner.is_empty() {
                out.push(' ');
                continue;
            }
            if r.text.starts_with(char::is_whitespace) {
                out.push(' ');
            }
            out.push_str("**");
            out.push_str(&escape(&inner));
            out.push_str("**");
            if r.text.ends_with(char::is_whitespace) {
                out.push(' ');
            }
        } else {
            out.push_str(&escape(&r.text));
        }
    }
    collapse(&out)
}

fn render_plain(text: &str) -> String {
    escape(&collapse(text))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The block as a proposed highlight with the reasons in a comment above it, if the lint
/// reads it as a kind of clause to mark.
fn propose(line: &str, b: &Block, names: &[&str]) -> Option<String> {
    let plain = b.plain();
    if is_title_line(&plain) {
        return None;
    }
    let readings = read(&plain, names);
    let first = readings.first()?;
    // The number stays outside the highlight; markup inside it is dropped (a highlight holds
    // plain text).
    let parsed_number = crate::parse::clause_number(line).map(|(n, _)| n.to_string());
    let (prefix, text) = match (&parsed_number, b.kind) {
        (Some(n), _) => (
            format!("{n} "),
            plain[plain.find(n.as_str()).map_or(0, |i| i + n.len())..]
                .trim()
                .to_string(),
        ),
        (None, Raw::Item) => ("- ".to_string(), plain.clone()),
        (None, _) => (String::new(), plain.clone()),
    };
    if text.is_empty() {
        return None;
    }
    let why: Vec<String> = readings
        .iter()
        .map(|r| format!("{} ({}: \"{}\")", r.kind, r.says, short(&r.matched)))
        .collect();
    let kind = match first.highlight {
        HighlightKind::Exemption => "exemption",
        HighlightKind::Limitation => "limitation",
        HighlightKind::Restriction => "restriction",
    };
    Some(format!(
        "<!-- proposed: {} -->\n{prefix}{{{{{kind}: {}}}}}\n",
        comment_safe(&why.join("; ")),
        escape(&text)
    ))
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(50).collect();
    if text.chars().count() > 50 {
        s.push('…');
    }
    s
}

/// Text that can stand inside a one-line `<!-- … -->` comment.
fn comment_safe(text: &str) -> String {
    collapse(&text.replace("-->", "- ->"))
}

/// The line without the characters that hide what a text says, each recorded; tabs,
/// no-break and ideographic spaces become spaces.
fn clean_line(n: usize, line: &str, removed: &mut Vec<Removed>) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]).filter(|p| {
            let mut b = [0; 4];
            hiding_character(p.encode_utf8(&mut b)).is_none()
        });
        let mut window = String::new();
        window.extend(prev);
        window.push(c);
        window.extend(chars.get(i + 1));
        if hiding_character(&window) == Some(c) {
            removed.push(Removed {
                line: n,
                column: i + 1,
                code: u32::from(c),
                name: character_name(c),
            });
            continue;
        }
        match c {
            '\t' | '\u{00A0}' | '\u{3000}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => out.push(' '),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

/// A title line: a first-level Markdown or HTML heading, or a short line with no sentence in
/// it that names itself an agreement, terms, a policy, …
fn is_title(b: &Block, plain: &str) -> bool {
    const WORDS: &[&str] = &[
        "agreement",
        "terms",
        "policy",
        "conditions",
        "contract",
        "statement",
        "notice",
        "协议",
        "条款",
        "政策",
        "声明",
        "须知",
        "规则",
        "合同",
    ];
    let lower = plain.to_lowercase();
    match b.kind {
        Raw::Heading(1) => true,
        Raw::Para | Raw::Heading(_) => {
            is_title_line(plain)
                && !starts_with_number(plain)
                && section_title(plain).is_none()
                && WORDS.iter().any(|w| lower.contains(w))
        }
        Raw::Item => false,
    }
}

/// `Terms of service {#concept .concept}` as `Terms of service`.
fn strip_attributes(title: &str) -> String {
    match title.rfind(" {#") {
        Some(i) if title.ends_with('}') => title[..i].trim().to_string(),
        _ => title.to_string(),
    }
}

fn slug(stem: &str) -> String {
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "agreement".to_string()
    } else {
        s
    }
}

enum DateField {
    Updated,
    Effective,
}

/// A line that only states a date: `Last updated: 2020-04-14 13:39:04`, `(Effective date of
/// the version: October 1, 2019)`, `July 2, 2019`, `更新日期：2024年1月21日`.
fn date_line(plain: &str) -> Option<(DateField, Date)> {
    let t = plain.trim_matches(|c| "()（）".contains(c)).trim();
    if t.chars().count() > 80 {
        return None;
    }
    let lower = t.to_lowercase();
    let (field, rest) = match lower.split_once([':', '：']) {
        Some((label, _)) if label.contains("updated") || label.contains("更新") => {
            (DateField::Updated, &t[t.find([':', '：'])?..])
        }
        Some((label, _)) if label.contains("effective") || label.contains("生效") => {
            (DateField::Effective, &t[t.find([':', '：'])?..])
        }
        Some(_) => return None,
        None => (DateField::Effective, t),
    };
    let rest = rest.trim_start_matches([':', '：']).trim();
    let date = parse_date(rest)?;
    Some((field, date))
}

/// `2020-04-14`, `2020-04-14 13:39:04`, `October 1, 2019`, `2024年1月21日`.
fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim().trim_end_matches(['.', '。']);
    if let Some(d) = t.get(..10).and_then(Date::parse) {
        let rest = &t[10..];
        if rest.is_empty() || rest.starts_with(' ') {
            return Some(d);
        }
    }
    if let Some((y, rest)) = t.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日')?;
        return Date::parse(&format!(
            "{:04}-{:02}-{:02}",
            y.trim().parse::<u16>().ok()?,
            m.trim().parse::<u8>().ok()?,
            d.trim().parse::<u8>().ok()?
        ));
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if let [m, d, y] = words[..] {
        let month = MONTHS.iter().position(|x| *x == m.to_lowercase())? + 1;
        return Date::parse(&format!(
            "{:04}-{month:02}-{:02}",
            y.parse::<u16>().ok()?,
            d.parse::<u8>().ok()?
        ));
    }
    None
}

/// Plain text: one block per line; a long line that ends mid-sentence and is followed by one
/// that continues it (lower case, no number) is joined to it. Lines starting `•`, `·`, `●`,
/// `▪` or `* ` are list items.
fn text_blocks(lines: &[String]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        let continues = open
            && !starts_with_number(t)
            && crate::parse::clause_number(t).is_none()
            && t.chars().next().is_some_and(|c| c.is_lowercase());
        if continues {
            if let Some(last) = out.last_mut() {
                last.runs[0].text.push(' ');
                last.runs[0].text.push_str(t);
                open = ends_open(t);
                continue;
            }
        }
        let (kind, text) = match t.strip_prefix(['•', '·', '●', '▪']) {
            Some(rest) => (Raw::Item, rest.trim()),
            None => match t.strip_prefix("* ") {
                Some(rest) => (Raw::Item, rest.trim()),
                None => (Raw::Para, t),
            },
        };
        out.push(Block {
            kind,
            runs: vec![Run {
                bold: false,
                text: text.to_string(),
            }],
            line: i + 1,
        });
        open = ends_open(t);
    }
    out
}

/// A hand-wrapped line: long, and not ending a sentence.
fn ends_open(t: &str) -> bool {
    t.chars().count() >= 60 && !t.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？'])
}

/// Markdown: headings (`#` and underlined), list items, paragraphs (their lines joined),
/// table rows; inline bold kept, italics, code and link targets dropped, `\` escapes read.
fn markdown_blocks(lines: &[String], notes: &mut Vec<(usize, String)>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut para: Vec<(usize, String)> = Vec::new();
    let mut kind = Raw::Para;
    let mut fenced = false;
    let mut start = 0;
    // Front matter (`---` … `---` at the top) is not text.
    if lines.first().map(|l| l.trim()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "---") {
            start = end + 2;
        }
    }
    let flush = |out: &mut Vec<Block>,
                 para: &mut Vec<(usize, String)>,
                 kind: Raw,
                 notes: &mut Vec<(usize, String)>| {
        if let Some((line, _)) = para.first() {
            let joined = para
                .iter()
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let runs = inline_markdown(&joined, *line, notes);
            out.push(Block {
                kind,
                runs,
                line: *line,
            });
        }
        para.clear();
    };
    let mut i = start;
    while i < lines.len() {
        let n = i + 1;
        let raw = lines[i].as_str();
        let t = raw.trim();
        i += 1;
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(&mut out, &mut para, kind, notes);
            fenced = !fenced;
            continue;
        }
        if fenced {
            if !t.is_empty() {
                out.push(Block {
                    kind: Raw::Para,
                    runs: vec![Run {
                        bold: false,
                        text: t.to_string(),
                    }],
                    line: n,
                });
            }
            continue;
        }
        if t.is_empty()
            || (t.len() >= 3
                && t.chars()
                    .all(|c| c == '-' || c == '*' || c == '_' || c == ' ')
                && para.is_empty())
            || (t.starts_with("<!--") && t.ends_with("-->"))
        {
            flush(&mut out, &mut para, kind, notes);
            continue;
        }
        // An underlined heading: the paragraph line above it.
        if !para.is_empty()
            && para.len() == 1
            && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
            && t.len() >= 2
        {
            let level = if t.starts_with('=') { 1 } else { 2 };
            flush(&mut out, &mut para, Raw::Heading(level), notes);
            kind = Raw::Para;
            continue;
        }
        let t = t
            .strip_prefix("> ")
            .or_else(|| t.strip_prefix('>'))
            .unwrap_or(t)
            .trim();
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            flush(&mut out, &mut para, kind, notes);
            let text = strip_attributes(t[hashes..].trim().trim_end_matches('#').trim());
            out.push(Block {
                kind: Raw::Heading(u8::try_from(hashes).unwrap_or(6)),
                runs: inline_markdown(&text, n, notes),
                line: n,
            });
            kind = Raw::Para;
            continue;
        }
        if t.starts_with('|') {
            flush(&mut out, &mut para, kind, notes);
            if t.chars().all(|c| "|-: ".contains(c)) {
                continue;
            }
            let cells: Vec<String> = t
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            let row = cells.join(" | ");
            out.push(Block {
                kind: Raw::Para,
                runs: inline_markdown(&row, n, notes),
                line: n,
            });
            kind = Raw::Para;
            continue;
        }
        let bullet = ["- ", "* ", "+ "]
            .iter()
            .find_map(|b| t.strip_prefix(b))
            .filter(|_| !t.starts_with("**"));
        if let Some(rest) = bullet {
            flush(&mut out, &mut para, kind, notes);
            para.push((n, rest.trim().to_string()));
            kind = Raw::Item;
            continue;
        }
        // A numbered line starts a block of its own.
        if crate::parse::clause_number(t).is_some()
            || starts_with_number(t)
            || crate::parse::clause_number(t.trim_start_matches('*')).is_some()
        {
            flush(&mut out, &mut para, kind, notes);
            para.push((n, t.to_string()));
            kind = Raw::Para;
            continue;
        }
        // A line joins the paragraph above it only if that one was wrapped by hand (long,
        // not ending a sentence): agreements are often published one clause per line.
        let continues = |l: &str| {
            ends_open(l)
                || (t.starts_with(|c: char| c.is_lowercase())
                    && !l.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？']))
        };
        if para.last().is_some_and(|(_, l)| !continues(l)) {
            flush(&mut out, &mut para, kind, notes);
        }
        if para.is_empty() {
            kind = Raw::Para;
        }
        para.push((n, t.to_string()));
    }
    flush(&mut out, &mut para, kind, notes);
    out
}

/// Inline Markdown: `**`/`__` bold (a marker that closes nothing is dropped and noted),
/// `*`/`_` italics and `` ` `` code as their text, links and images as their visible text,
/// `\` escapes read, HTML tags dropped.
fn inline_markdown(text: &str, line: usize, notes: &mut Vec<(usize, String)>) -> Vec<Run> {
    // Links and images first: `[text](url)` as `text`, `![alt](url)` dropped.
    let mut s = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() {
            // Kept escaped for the bold pass: marked with a private-use character.
            s.push('\u{E000}');
            s.push(chars[i + 1]);
            i += 2;
            continue;
        }
        let image = c == '!' && chars.get(i + 1) == Some(&'[');
        if c == '[' || image {
            let open = if image { i + 1 } else { i };
            if let Some(close) = (open + 1..chars.len()).find(|&j| chars[j] == ']') {
                if chars.get(close + 1) == Some(&'(') {
                    if let Some(end) = (close + 2..chars.len()).find(|&j| chars[j] == ')') {
                        if !image {
                            s.extend(&chars[open + 1..close]);
                        }
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        if c == '<' {
            if let Some(end) = (i + 1..chars.len()).find(|&j| chars[j] == '>') {
                let tag: String = chars[i + 1..end].iter().collect();
                if tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
                    let name = tag.trim_start_matches('/').to_lowercase();
                    if name.starts_with('b')
                        && (name == "b" || name == "strong" || name.starts_with("b "))
                        || name.starts_with("strong")
                    {
                        s.push_str("**");
                    } else if name.starts_with("br") {
                        s.push(' ');
                    }
                    i = end + 1;
                    continue;
                }
            }
        }
        if c == '`' {
            i += 1;
            continue;
        }
        s.push(c);
        i += 1;
    }
    let s = s.replace("__", "**");
    // Bold: pairs of `**`; an odd last one closes nothing.
    let pieces: Vec<&str> = s.split("**").collect();
    let markers = pieces.len() - 1;
    let mut runs = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        let bold = k % 2 == 1 && (k < markers || markers % 2 == 0);
        let bold = bold && !(markers % 2 == 1 && k == markers);
        let text = unescape(&strip_italics(piece));
        if text.is_empty() {
            continue;
        }
        match runs.last_mut() {
            Some(Run { bold: b, text: t }) if *b == bold => t.push_str(&text),
            _ => runs.push(Run { bold, text }),
        }
    }
    if markers % 2 == 1 {
        notes.push((line, "a `**` that closes nothing is dropped".to_string()));
    }
    runs
}

fn strip_italics(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '*' || c == '_' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let inner_word =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            let opens = next.is_some_and(|n| !n.is_whitespace())
                && !prev.is_some_and(char::is_alphanumeric);
            let closes = prev.is_some_and(|p| !p.is_whitespace())
                && !next.is_some_and(char::is_alphanumeric);
            if !inner_word && (opens || closes) && chars.iter().filter(|x| **x == c).count() >= 2 {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace('\u{E000}', "")
}

/// HTML: the text of headings, paragraphs, list items, table rows and other block elements
/// in order; `<b>`/`<strong>` as bold; `<br>` as a space; scripts, styles and comments
/// dropped; entities read.
fn html_blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut kind = Raw::Para;
    let mut bold = 0usize;
    let mut line = 1usize;
    let mut block_line = 1usize;
    let mut skip: Option<String> = None;
    let mut i = 0;
    let bytes = html.as_bytes();
    let flush = |out: &mut Vec<Block>, runs: &mut Vec<Run>, kind: Raw, block_line: usize| {
        if runs.iter().any(|r| !r.text.trim().is_empty()) {
            out.push(Block {
                kind,
                runs: std::mem::take(runs),
                line: block_line,
            });
        }
        runs.clear();
    };
    while i < html.len() {
        if html[i..].starts_with("<!--") {
            let end = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            line += html[i..end].matches('\n').count();
            i = end;
            continue;
        }
        if bytes[i] == b'<' {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let tag = html[i + 1..end.saturating_sub(1)].trim();
            line += html[i..end].matches('\n').count();
            i = end;
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            if let Some(s) = &skip {
                if closing && &name == s {
                    skip = None;
                }
                continue;
            }
            match name.as_str() {
                "script" | "style" | "head" | "title" | "noscript" | "svg" if !closing => {
                    skip = Some(name)
                }
                "b" | "strong" => {
                    if closing {
                        bold = bold.saturating_sub(1);
                    } else {
                        bold += 1;
                    }
                }
                "br" => push_text(&mut runs, bold > 0, " "),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = if closing {
                        Raw::Para
                    } else {
                        Raw::Heading(name.as_bytes()[1] - b'0')
                    };
                    block_line = line;
                }
                "li" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = if closing { Raw::Para } else { Raw::Item };
                    block_line = line;
                }
                "p" | "div" | "tr" | "ul" | "ol" | "table" | "section" | "article" | "header"
                | "footer" | "blockquote" | "dd" | "dt" | "body" | "main" | "nav" | "pre" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = Raw::Para;
                    block_line = line;
                }
                "td" | "th" if !closing && !runs.is_empty() => {
                    push_text(&mut runs, bold > 0, " | ")
                }
                _ => {}
            }
            continue;
        }
        let end = html[i..].find('<').map_or(html.len(), |e| i + e);
        let text = &html[i..end];
        if skip.is_none() {
            if runs.is_empty() {
                block_line = line;
            }
            push_text(&mut runs, bold > 0, &entities(text));
        }
        line += text.matches('\n').count();
        i = end;
    }
    flush(&mut out, &mut runs, kind, block_line);
    out
}

fn push_text(runs: &mut Vec<Run>, bold: bool, text: &str) {
    match runs.last_mut() {
        Some(r) if r.bold == bold => r.text.push_str(text),
        _ => runs.push(Run {
            bold,
            text: text.to_string(),
        }),
    }
}

/// HTML character references: the named ones agreements use, and numeric ones.
fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "hellip" => Some('…'),
            "middot" => Some('·'),
            "copy" => Some('©'),
            "reg" => Some('®'),
            "trade" => Some('™'),
            "sect" => Some('§'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
