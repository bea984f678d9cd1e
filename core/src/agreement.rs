//! The typed model of one published agreement version.
//!
//! An [`Agreement`] is what the parser produces from one source file under `agreements/`:
//! metadata, then sections of blocks (headings, numbered clauses, paragraphs, list items),
//! each block a run of inline [`Span`]s. Highlighted spans are the clauses that exempt, limit
//! or restrict the provider's liability; they are what the widget lists and asks the person
//! to acknowledge.

use std::fmt;

/// A calendar date, `YYYY-MM-DD`, as printed in agreement metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, four digits.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to the month's length.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists in that month.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let s = text.get(r)?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let year = num(0..4)?;
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1900 && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// The civil date of `days` since 1970-01-01 (Howard Hinnant's algorithm), as year, month
    /// and day, for any year.
    pub fn civil(days: i64) -> (i64, i64, i64) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(month <= 2), month, day)
    }

    /// The date of `days` since 1970-01-01; `None` before 1900 or after 9999.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let (year, month, day) = Date::civil(days);
        Some(Date {
            year: u16::try_from(year)
                .ok()
                .filter(|y| (1900..=9999).contains(y))?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_unix_days`]; Howard Hinnant's
    /// days-from-civil).
    pub fn unix_days(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What a highlighted span does to the provider's liability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HighlightKind {
    /// The provider is exempt from liability in the stated case.
    Exemption,
    /// The provider's liability is capped or narrowed.
    Limitation,
    /// The person's rights or use are restricted, or burdens are shifted to them.
    Restriction,
}

impl HighlightKind {
    /// The word used in the source dialect and in the canonical form.
    pub fn as_str(self) -> &'static str {
        match self {
            HighlightKind::Exemption => "exemption",
            HighlightKind::Limitation => "limitation",
            HighlightKind::Restriction => "restriction",
        }
    }

    /// The inverse of [`HighlightKind::as_str`].
    pub fn from_word(word: &str) -> Option<HighlightKind> {
        match word {
            "exemption" => Some(HighlightKind::Exemption),
            "limitation" => Some(HighlightKind::Limitation),
            "restriction" => Some(HighlightKind::Restriction),
            _ => None,
        }
    }
}

/// A run of inline text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    /// Ordinary text.
    Text(String),
    /// Ordinary bold: emphasis with no legal meaning (some agreements bold their headings).
    Emphasis(String),
    /// A clause that exempts, limits or restricts: shown conspicuously, listed and acknowledged.
    Highlight {
        /// Stable within one agreement version: `h1`, `h2`, ... in reading order.
        id: String,
        /// What the clause does.
        kind: HighlightKind,
        /// The text exactly as shown.
        text: String,
    },
}

impl Span {
    /// The text the person reads, without markup.
    pub fn text(&self) -> &str {
        match self {
            Span::Text(t) | Span::Emphasis(t) => t,
            Span::Highlight { text, .. } => text,
        }
    }
}

/// What a block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of the given level (1 = section, 2 = subsection).
    Heading(u8),
    /// A clause with its number as printed (`1.1`, `3.1.3.6.1.`, `(1)`, `a)`, `I.`).
    Clause(String),
    /// An unnumbered paragraph.
    Paragraph,
    /// An unnumbered list item.
    ListItem,
}

/// One line of the agreement as the person sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its inline content.
    pub spans: Vec<Span>,
    /// The 1-based line of the source file it comes from.
    pub line: usize,
}

impl Block {
    /// The block's plain text, without its number or markup.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(Span::text).collect()
    }

    /// The printed clause number, if the block is a clause.
    pub fn number(&self) -> Option<&str> {
        match &self.kind {
            BlockKind::Clause(n) => Some(n),
            _ => None,
        }
    }

    /// The highlighted spans of this block.
    pub fn highlights(&self) -> impl Iterator<Item = (&str, HighlightKind, &str)> {
        self.spans.iter().filter_map(|s| match s {
            Span::Highlight { id, kind, text } => Some((id.as_str(), *kind, text.as_str())),
            _ => None,
        })
    }
}

/// The most highlights one version may have. A receipt names each highlight acknowledged
/// (and each asked about): at 500 a version's ids take under 7 KB of it, and a sign-up of
/// several versions stays well within the 64 KiB a verifier reads.
pub const MAX_HIGHLIGHTS: usize = 500;

/// A highlighted span of an agreement, with the block that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight<'a> {
    /// The block (a clause or a paragraph) the span is in.
    pub block: &'a Block,
    /// The highlight's id, unique within the agreement.
    pub id: &'a str,
    /// What the clause does to the provider's liability.
    pub kind: HighlightKind,
    /// The highlighted text.
    pub text: &'a str,
}

/// A top-level section: a level-1 heading and the blocks up to the next one. The blocks before
/// the first heading form a preamble section with no heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The level-1 heading, `None` for the preamble.
    pub heading: Option<Block>,
    /// The section's blocks after its heading.
    pub blocks: Vec<Block>,
}

/// Which agreement wins where a supplement and its base conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prevails {
    /// The supplement prevails over the agreement it supplements.
    Supplement,
    /// The base agreement prevails.
    Base,
    /// The agreements say nothing; they apply together.
    Unstated,
}

/// Metadata of one published version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// Stable identifier shared by all versions, e.g. `kingsoft-cdn`.
    pub id: String,
    /// The agreement's title as published.
    pub title: String,
    /// Provider key, e.g. `kingsoft`.
    pub provider: String,
    /// Provider's display name, e.g. `Kingsoft Cloud`.
    pub provider_name: String,
    /// Version label; unique per id.
    pub version: String,
    /// The source line of the `version` field (for messages about this version).
    pub version_line: usize,
    /// Date from which this version applies.
    pub effective: Date,
    /// Date the text was last updated.
    pub updated: Date,
    /// BCP 47 language tag of the text.
    pub language: String,
    /// Product keys this agreement applies to; empty means every sign-up with the provider.
    pub products: Vec<String>,
    /// Id of the agreement this one supplements, with the line that names it.
    pub supplements: Option<(String, usize)>,
    /// Precedence on conflict with the supplemented agreement.
    pub prevails: Prevails,
    /// Whether a person who accepted an earlier version must accept this one again.
    pub reconsent: bool,
    /// Where the text was taken from (informative).
    pub source: Option<String>,
    /// The language of the text of the same version that this one translates: the author's
    /// statement that accepting either is accepting that version. Without it, texts of one
    /// version in several languages are separate texts.
    pub translation_of: Option<String>,
}

/// One published agreement version, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    /// Metadata.
    pub meta: Meta,
    /// The body, in reading order.
    pub sections: Vec<Section>,
    /// The file it was parsed from, as given to the parser (for messages).
    pub file: String,
}

impl Agreement {
    /// Every block in reading order, section headings included.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.sections
            .iter()
            .flat_map(|s| s.heading.iter().chain(s.blocks.iter()))
    }

    /// Every numbered clause.
    pub fn clauses(&self) -> impl Iterator<Item = &Block> {
        self.blocks()
            .filter(|b| matches!(b.kind, BlockKind::Clause(_)))
    }

    /// Every highlighted span with the block that holds it.
    pub fn highlights(&self) -> impl Iterator<Item = Highlight<'_>> {
        self.blocks().flat_map(|block| {
            block.highlights().map(move |(id, kind, text)| Highlight {
                block,
                id,
                kind,
                text,
            })
        })
    }
}

/// The first invisible or direction-changing character in `text`: a zero-width space, a
/// direction mark (the Arabic letter mark too), embedding, override or isolate, a byte order
/// mark, a soft hyphen, a word joiner or invisible operator, the Mongolian vowel separator and
/// free variation selectors, the combining grapheme joiner, the Hangul fillers, the braille
/// blank, the Khmer inherent vowels, the musical beam, tie, slur and phrase controls, the
/// shorthand format controls, any other default-ignorable code point (the deprecated format
/// characters, the reserved ones), a variation selector but the emoji and text presentation
/// selectors after a pictograph (`❤️`) or in a keycap (`1️⃣`), a tag character outside a flag,
/// or a zero-width (non-)joiner anywhere but inside an emoji sequence (`👩‍💻`), or a control
/// character other than a tab or a line break (U+0000, which HTML cannot carry, a bell, an
/// escape, DEL, the C1 controls, a carriage return but before a line feed: HTML reads a lone
/// one as a line feed, so a title holding one reads back other than it was hashed). They can
/// make a text read other than it is (and hide a phrase from the exemption lint), so no
/// catalogue holds them.
pub fn hiding_character(text: &str) -> Option<char> {
    hiding_characters(text).next().map(|(_, c)| c)
}

/// Every character of `text` that [`hiding_character`] refuses, with its index among the
/// characters (0-based), each judged after the last character before it that is not one
/// (what removing them leaves: `👩‍❤️‍👨` keeps its joiners and selector).
pub fn hiding_characters(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let pictographic =
        |c: char| matches!(u32::from(c), 0x2600..=0x27BF | 0xFE0F | 0x1F000..=0x1FAFF);
    // What an emoji or text presentation selector may follow: a pictograph, or one of the
    // older symbols that have an emoji form (©, ®, ‼, ™, arrows, ⌚, ▪, ⬅, 〰, ㊗).
    let presentable = move |c: char| {
        (pictographic(c) && c != '\u{FE0F}')
            || matches!(
                u32::from(c),
                0xA9 | 0xAE
                    | 0x203C
                    | 0x2049
                    | 0x2122
                    | 0x2139
                    | 0x2194..=0x21AA
                    | 0x231A..=0x23FF
                    | 0x24C2
                    | 0x25AA..=0x25FE
                    | 0x2B05..=0x2B55
                    | 0x3030
                    | 0x303D
                    | 0x3297
                    | 0x3299
            )
    };
    let mut prev = None;
    let mut chars = text.chars().enumerate().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let hiding = match c {
                '\u{200C}' | '\u{200D}' => {
                    !(prev.is_some_and(pictographic) && next.is_some_and(pictographic))
                }
                // Tag characters spell out a flag after a pictograph (🏴 and a region), and
                // nothing anywhere else.
                '\u{E0020}'..='\u{E007F}' => !prev
                    .is_some_and(|p| pictographic(p) || ('\u{E0020}'..='\u{E007F}').contains(&p)),
                // The presentation selectors belong to the emoji they follow (`❤️`, `1️⃣`).
                '\u{FE0E}' | '\u{FE0F}' => {
                    let keycap = prev.is_some_and(|p| matches!(p, '#' | '*' | '0'..='9'))
                        && next == Some('\u{20E3}');
                    !(prev.is_some_and(presentable) || keycap)
                }
                // The default-ignorable code points, and the blanks that show as nothing.
                '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}' => true,
                '\t' | '\n' => false,
                '\r' => next != Some('\n'),
                c => c.is_control(),
            };
            if hiding {
                return Some((i, c));
            }
            prev = Some(c);
        }
        None
    })
}

/// `source` without the byte order mark an editor may write at its start (as Windows editors
/// do): an encoding mark, not text, so a source with one reads, hashes and lints as the same
/// source without it. A byte order mark anywhere else is a hidden character.
pub fn without_bom(source: &str) -> &str {
    source.strip_prefix('\u{FEFF}').unwrap_or(source)
}

/// The first line of an agreement source (1-based) that holds a character
/// [`hiding_character`] refuses, header and body alike, with that character. Author's
/// comments (`<!-- … -->`) are never shown and are not checked.
pub fn hidden_in_source(source: &str) -> Option<(usize, char)> {
    without_bom(source)
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("<!--"))
        .find_map(|(i, line)| hiding_character(line).map(|c| (i + 1, c)))
}
