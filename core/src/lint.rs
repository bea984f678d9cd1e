//! The lint: clauses of the kinds a person must be shown (exclusions and limits of the
//! provider's liability, burdens shifted to the person, the provider's powers to change, suspend
//! or delete, contract by using, the law and the forum, licences over the person's content,
//! fees and penalties) that are not highlighted; highlights that read like none of them; and
//! characters that can hide what a clause says.
//!
//! Each kind is read by phrases whose parts may stand apart within a sentence, with their
//! negation and their subject (`we may suspend` is a power over the person, `you may cancel` is
//! the person's right), in English and in the wordings Chinese agreements use
//! ([`patterns`]). A finding names the kind, what the clause does and the words that say it:
//! `clause 7.2 caps liability: "liability shall not exceed" (liability; highlight it as a
//! limitation)`.
//!
//! A finding the author has weighed is silenced by a comment on the line before the block:
//! `<!-- lint: allow unhighlighted: <reason> -->` (or `allow highlight-without-trigger`).
//! A silencing comment without a reason is itself an error.
//!
//! The lint is native code (the command line and the tests); the widget never links it.

mod allow;
mod engine;
mod lead;
mod patterns;
mod translations;

use crate::agreement::{Agreement, BlockKind, HighlightKind, Span};
use engine::{Compiled, Pattern};
pub use lead::Reader;
use std::fmt;
use std::sync::OnceLock;
pub use translations::{translation_warnings, TranslationWarning};

/// A kind of clause the person must be shown before accepting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClauseKind {
    /// The provider excludes or limits its liability or its warranties, or the person waives
    /// claims against it.
    Liability,
    /// The person bears a loss, a risk or a liability: indemnities, "at your own risk".
    Burden,
    /// The provider may change the terms or the service on its own.
    Change,
    /// The provider may suspend or end the person's account, access or service.
    Termination,
    /// The provider may remove or delete the person's content or data.
    Removal,
    /// Using the service (visiting, registering, clicking) is accepting the terms.
    ByUsing,
    /// The law that governs the agreement.
    Law,
    /// The courts or arbitration that decide disputes, waivers of class or jury actions.
    Forum,
    /// A licence over the person's content, feedback, name or likeness.
    Licence,
    /// Fees, charges, penalties, forfeiture, no refunds.
    Fees,
}

impl ClauseKind {
    /// Every kind, in the order findings list them.
    pub const ALL: [ClauseKind; 10] = [
        ClauseKind::Liability,
        ClauseKind::Burden,
        ClauseKind::Change,
        ClauseKind::Termination,
        ClauseKind::Removal,
        ClauseKind::ByUsing,
        ClauseKind::Law,
        ClauseKind::Forum,
        ClauseKind::Licence,
        ClauseKind::Fees,
    ];

    /// The kind's name, as the corpus labels and findings write it.
    pub fn name(self) -> &'static str {
        match self {
            ClauseKind::Liability => "liability",
            ClauseKind::Burden => "burden",
            ClauseKind::Change => "change",
            ClauseKind::Termination => "termination",
            ClauseKind::Removal => "removal",
            ClauseKind::ByUsing => "by-using",
            ClauseKind::Law => "law",
            ClauseKind::Forum => "forum",
            ClauseKind::Licence => "licence",
            ClauseKind::Fees => "fees",
        }
    }

    /// The inverse of [`ClauseKind::name`].
    pub fn from_name(name: &str) -> Option<ClauseKind> {
        ClauseKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl fmt::Display for ClauseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the lint read in a text: a kind, the highlight that marks it, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The kind of clause.
    pub kind: ClauseKind,
    /// The highlight kind that marks it in the dialect: liability is an `exemption` (excluded)
    /// or a `limitation` (capped, narrowed); every other kind is a `restriction`.
    pub highlight: HighlightKind,
    /// What the clause does, for an author: "caps liability".
    pub says: &'static str,
    /// The phrase that matched, in the lint's notation (`…` a gap within the sentence).
    pub phrase: &'static str,
    /// The words of the text it matched.
    pub matched: String,
}

struct Table {
    kind: ClauseKind,
    highlight: HighlightKind,
    en: &'static [Pattern],
    zh: &'static [Pattern],
    compiled: OnceLock<Compiled>,
}

const fn table(
    kind: ClauseKind,
    highlight: HighlightKind,
    en: &'static [Pattern],
    zh: &'static [Pattern],
) -> Table {
    Table {
        kind,
        highlight,
        en,
        zh,
        compiled: OnceLock::new(),
    }
}

static TABLES: [Table; 11] = {
    use patterns::*;
    use ClauseKind::*;
    use HighlightKind::{Exemption, Limitation, Restriction};
    [
        table(Liability, Limitation, EN_LIMITATION, ZH_LIMITATION),
        table(Liability, Exemption, EN_EXEMPTION, ZH_EXEMPTION),
        table(Burden, Restriction, EN_BURDEN, ZH_BURDEN),
        table(Change, Restriction, EN_CHANGE, ZH_CHANGE),
        table(Termination, Restriction, EN_TERMINATION, ZH_TERMINATION),
        table(Removal, Restriction, EN_REMOVAL, ZH_REMOVAL),
        table(ByUsing, Restriction, EN_BY_USING, ZH_BY_USING),
        table(Law, Restriction, EN_LAW, ZH_LAW),
        table(Forum, Restriction, EN_FORUM, ZH_FORUM),
        table(Licence, Restriction, EN_LICENCE, ZH_LICENCE),
        table(Fees, Restriction, EN_FEES, ZH_FEES),
    ]
};

/// The kinds `text` reads as, one reading per kind (the first phrase of each that matches).
/// `names` are the provider's names (its key and display name), which count as the provider
/// when the lint looks for the subject of a phrase.
pub fn read(text: &str, names: &[&str]) -> Vec<Reading> {
    read_in(text, names, &[])
}

/// The names an agreement gives the person who accepts it (`"Developer" or "You" means …`,
/// `you ("Customer")`, `"Partner" means the entity or individual accepting this agreement`,
/// `“开发者”是指您`),
/// read from its whole `text`, lower case: a capitalised party so defined is the person, not a
/// name of the provider. `names` are the provider's names, which never count.
pub fn person_names(text: &str, names: &[&str]) -> Vec<String> {
    let mut out = engine::person_names(text, &provider_names(names));
    out.extend(engine::zh_person_names(text));
    out
}

fn provider_names(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .flat_map(|n| n.split_whitespace())
        .map(str::to_lowercase)
        .collect()
}

/// [`read`], in an agreement that names the person `person` (from [`person_names`]).
pub fn read_in(text: &str, names: &[&str], person: &[String]) -> Vec<Reading> {
    let names = engine::Parties {
        provider: provider_names(names),
        person: person.to_vec(),
    };
    let english = engine::read_english(text);
    let chinese = if text.chars().any(is_han) {
        engine::read_chinese(text)
    } else {
        engine::Chinese::default()
    };
    let mut out: Vec<Reading> = Vec::new();
    for t in &TABLES {
        if out.iter().any(|r| r.kind == t.kind) {
            continue;
        }
        let compiled = engine::compiled(&t.compiled, t.en, t.zh);
        if let Some((pattern, matched)) =
            engine::first_match(compiled, t.en, t.zh, text, &english, &chinese, &names)
        {
            out.push(Reading {
                kind: t.kind,
                highlight: t.highlight,
                says: pattern.says,
                phrase: pattern.spec,
                matched,
            });
        }
    }
    out
}

/// Whether a paragraph or numbered line is a title written as a line of text rather than a
/// clause: a few words with no sentence in them (`Limitation of Liability`, `9. No
/// Warranties.`, `总则`, `免责声明：`).
pub fn is_title_line(text: &str) -> bool {
    let t = text.trim();
    let han = t.chars().filter(|c| is_han(*c)).count();
    if han > 0 {
        let body = t.trim_end_matches(['：', ':']);
        return han <= 8 && !body.contains(['。', '；', '，', '！', '？', ',', ';']);
    }
    let words = t.split_whitespace().count();
    let ends = t.ends_with(['.', '!', '?', ';', ':']);
    (words <= 6 && !ends) || (words <= 3 && t.ends_with(['.', ':']))
}

fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

/// Invisible or direction-changing characters: they can make a clause read other than it is.
const HIDING: &[(char, &str)] = &[
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
    ('\u{00AD}', "SOFT HYPHEN"),
    ('\u{061C}', "ARABIC LETTER MARK"),
    ('\u{180E}', "MONGOLIAN VOWEL SEPARATOR"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2061}', "FUNCTION APPLICATION"),
    ('\u{2062}', "INVISIBLE TIMES"),
    ('\u{2063}', "INVISIBLE SEPARATOR"),
    ('\u{2064}', "INVISIBLE PLUS"),
    ('\u{E0001}', "LANGUAGE TAG"),
    ('\u{E007F}', "CANCEL TAG"),
    ('\u{034F}', "COMBINING GRAPHEME JOINER"),
    ('\u{115F}', "HANGUL CHOSEONG FILLER"),
    ('\u{1160}', "HANGUL JUNGSEONG FILLER"),
    ('\u{3164}', "HANGUL FILLER"),
    ('\u{FFA0}', "HALFWIDTH HANGUL FILLER"),
    ('\u{2800}', "BRAILLE PATTERN BLANK"),
    ('\u{17B4}', "KHMER VOWEL INHERENT AQ"),
    ('\u{17B5}', "KHMER VOWEL INHERENT AA"),
    ('\u{180B}', "MONGOLIAN FREE VARIATION SELECTOR ONE"),
    ('\u{180C}', "MONGOLIAN FREE VARIATION SELECTOR TWO"),
    ('\u{180D}', "MONGOLIAN FREE VARIATION SELECTOR THREE"),
    ('\u{180F}', "MONGOLIAN FREE VARIATION SELECTOR FOUR"),
    ('\u{206A}', "INHIBIT SYMMETRIC SWAPPING"),
    ('\u{206B}', "ACTIVATE SYMMETRIC SWAPPING"),
    ('\u{206C}', "INHIBIT ARABIC FORM SHAPING"),
    ('\u{206D}', "ACTIVATE ARABIC FORM SHAPING"),
    ('\u{206E}', "NATIONAL DIGIT SHAPES"),
    ('\u{206F}', "NOMINAL DIGIT SHAPES"),
    ('\u{1BCA0}', "SHORTHAND FORMAT LETTER OVERLAP"),
    ('\u{1BCA1}', "SHORTHAND FORMAT CONTINUING OVERLAP"),
    ('\u{1BCA2}', "SHORTHAND FORMAT DOWN STEP"),
    ('\u{1BCA3}', "SHORTHAND FORMAT UP STEP"),
    ('\u{1D173}', "MUSICAL SYMBOL BEGIN BEAM"),
    ('\u{1D174}', "MUSICAL SYMBOL END BEAM"),
    ('\u{1D175}', "MUSICAL SYMBOL BEGIN TIE"),
    ('\u{1D176}', "MUSICAL SYMBOL END TIE"),
    ('\u{1D177}', "MUSICAL SYMBOL BEGIN SLUR"),
    ('\u{1D178}', "MUSICAL SYMBOL END SLUR"),
    ('\u{1D179}', "MUSICAL SYMBOL BEGIN PHRASE"),
    ('\u{1D17A}', "MUSICAL SYMBOL END PHRASE"),
];

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// Text reads as one of the kinds a person must be shown, and is not highlighted; the
    /// finding's [`Finding::reading`] says which and why.
    Unhighlighted {
        /// The phrase that matched, in the lint's notation.
        phrase: &'static str,
    },
    /// A highlight reads as none of the kinds.
    HighlightWithoutTrigger,
    /// Invisible or direction-changing character in the text.
    HiddenCharacter {
        /// The code point.
        code: u32,
        /// Its Unicode name.
        name: &'static str,
    },
    /// A `lint: allow` comment that gives no reason or names no rule.
    BadAllow,
    /// A `lint: allow` comment that names a rule the lint does not have (a misspelling would
    /// silence nothing).
    UnknownAllow {
        /// The name as written.
        rule: String,
    },
    /// A `lint: allow` comment with no block directly below it (a blank line or the end of the
    /// file between), or written in capitals: it would silence nothing.
    StrayAllow,
}

/// The rules a `lint: allow` comment can name.
pub const ALLOWABLE: [&str; 2] = ["unhighlighted", "highlight-without-trigger"];

impl Rule {
    /// The rule's name as used in `lint: allow` comments.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Unhighlighted { .. } => "unhighlighted",
            Rule::HighlightWithoutTrigger => "highlight-without-trigger",
            Rule::HiddenCharacter { .. } => "hidden-character",
            Rule::BadAllow | Rule::UnknownAllow { .. } | Rule::StrayAllow => "bad-allow",
        }
    }

    /// Errors fail the lint; warnings do not.
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Rule::HiddenCharacter { .. }
                | Rule::BadAllow
                | Rule::UnknownAllow { .. }
                | Rule::StrayAllow
        )
    }
}

/// One finding, at a source line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The clause number, if the block is a clause.
    pub clause: Option<String>,
    /// What was found.
    pub rule: Rule,
    /// Silenced by an author's `lint: allow` comment, with its reason.
    pub allowed: Option<String>,
    /// For an unhighlighted clause: the kind it reads as and why.
    pub reading: Option<Reading>,
    /// For a list item that reads as its kind only with its lead-in (`GitHub does not and
    /// cannot:` → `- Guarantee the receipt of any payment`): the lead-in's line.
    pub lead_in: Option<usize>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = if self.rule.is_error() {
            "error"
        } else {
            "warning"
        };
        write!(
            f,
            "{}:{}: {level}[{}]: ",
            self.file,
            self.line,
            self.rule.name()
        )?;
        let what = match &self.clause {
            Some(n) => format!("clause {n}"),
            None => "text".to_string(),
        };
        match (&self.rule, &self.reading) {
            (Rule::Unhighlighted { .. }, Some(r)) => {
                write!(f, "{what} {}", r.says)?;
                if let Some(lead) = self.lead_in {
                    write!(f, " (read with its lead-in at line {lead})")?;
                }
                write!(
                    f,
                    ": \"{}\" ({}; not highlighted: mark it as {} {})",
                    excerpt(&r.matched),
                    r.kind,
                    match r.highlight {
                        HighlightKind::Exemption => "an",
                        _ => "a",
                    },
                    r.highlight.as_str()
                )?
            }
            (Rule::Unhighlighted { phrase }, None) => write!(
                f,
                "{what} reads as a clause to mark (\"{phrase}\") but is not highlighted"
            )?,
            (Rule::HighlightWithoutTrigger, _) => write!(
                f,
                "highlight in {what} reads as none of the kinds of clause to mark (liability, burden, change, termination, removal, by-using, law, forum, licence, fees)"
            )?,
            (Rule::HiddenCharacter { code, name }, _) => {
                write!(f, "{what} contains U+{code:04X} {name}, which can hide what it says")?
            }
            (Rule::BadAllow, _) => write!(f, "`lint: allow` needs a rule name and a reason: `<!-- lint: allow RULE: why -->`")?,
            (Rule::UnknownAllow { rule }, _) => write!(
                f,
                "`lint: allow` names `{rule}`, which silences nothing: the rules it can name are `{}`",
                ALLOWABLE.join("`, `")
            )?,
            (Rule::StrayAllow, _) => write!(
                f,
                "`lint: allow` silences only the block on the line right below it, and none is there: write `<!-- lint: allow RULE: why -->` (lower case) directly above the block"
            )?,
        }
        if let Some(reason) = &self.allowed {
            write!(f, " (allowed: {reason})")?;
        }
        Ok(())
    }
}

/// At most 60 characters of `text`, cut at a character.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Lints one parsed agreement against its source text.
pub fn lint(agreement: &Agreement, source: &str) -> Vec<Finding> {
    let lines: Vec<&str> = crate::agreement::without_bom(source).lines().collect();
    let names = [
        agreement.meta.provider.as_str(),
        agreement.meta.provider_name.as_str(),
    ];
    let whole: Vec<String> = agreement.blocks().map(|b| b.plain_text()).collect();
    let person = person_names(&whole.join("\n"), &names);
    let mut findings = Vec::new();
    let headings = agreement
        .blocks()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .map(|b| b.plain_text());
    let mut reader = Reader::new(&names, &person, headings);
    // The lines of the allow comments some block reads.
    let mut used: Vec<usize> = Vec::new();
    for block in agreement.blocks() {
        let plain: String = block
            .spans
            .iter()
            .filter(|s| !matches!(s, Span::Highlight { .. }))
            .map(Span::text)
            .collect();
        let readings = reader.read(&block.kind, block.line, &block.plain_text(), &plain);
        if matches!(block.kind, BlockKind::Heading(_)) {
            continue;
        }
        let clause = block.number().map(str::to_string);
        let allows = allow::allows_above(&lines, block.line);
        used.extend(allows.iter().map(|(n, _)| *n));
        // A rule the lint does not have, at the comment's own line.
        for (n, a) in &allows {
            if let Ok((rule, _)) = a {
                if !ALLOWABLE.contains(&rule.as_str()) {
                    findings.push(Finding {
                        file: agreement.file.clone(),
                        line: *n,
                        clause: clause.clone(),
                        rule: Rule::UnknownAllow { rule: rule.clone() },
                        allowed: None,
                        reading: None,
                        lead_in: None,
                    });
                }
            }
        }
        for (n, _) in allows.iter().filter(|(_, a)| a.is_err()) {
            findings.push(Finding {
                file: agreement.file.clone(),
                line: *n,
                clause: clause.clone(),
                rule: Rule::BadAllow,
                allowed: None,
                reading: None,
                lead_in: None,
            });
        }
        let mut push = |rule: Rule, reading: Option<Reading>, lead_in: Option<usize>| {
            let allowed = allows
                .iter()
                .filter_map(|(_, a)| a.as_ref().ok())
                .find(|(r, _)| r == rule.name())
                .map(|(_, why)| why.clone());
            findings.push(Finding {
                file: agreement.file.clone(),
                line: block.line,
                clause: clause.clone(),
                rule,
                allowed,
                reading,
                lead_in,
            });
        };
        for (reading, by_lead) in readings {
            push(
                Rule::Unhighlighted {
                    phrase: reading.phrase,
                },
                Some(reading),
                by_lead,
            );
        }
        for (_, _, text) in block.highlights() {
            if read_in(text, &names, &person).is_empty() {
                push(Rule::HighlightWithoutTrigger, None, None);
            }
        }
    }
    // An allow comment no block reads would silence nothing, and say it did.
    for n in allow::unread(&lines, &used) {
        findings.push(Finding {
            file: agreement.file.clone(),
            line: n,
            clause: None,
            rule: Rule::StrayAllow,
            allowed: None,
            reading: None,
            lead_in: None,
        });
    }
    // Hidden characters, line by line, header and headings included: the catalogue refuses
    // the same lines.
    for (n, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("<!--") {
            continue;
        }
        if let Some(ch) = crate::agreement::hiding_character(line) {
            findings.push(Finding {
                file: agreement.file.clone(),
                line: n + 1,
                clause: agreement
                    .blocks()
                    .find(|b| b.line == n + 1)
                    .and_then(|b| b.number().map(str::to_string)),
                rule: Rule::HiddenCharacter {
                    code: u32::from(ch),
                    name: character_name(ch),
                },
                allowed: None,
                reading: None,
                lead_in: None,
            });
        }
    }
    findings
}

/// The Unicode name of an invisible or direction-changing character (`TAG CHARACTER` for the
/// tags and `VARIATION SELECTOR` for the selectors, which are not listed one by one, and
/// `RESERVED INVISIBLE CHARACTER` for the default-ignorable code points not yet assigned).
pub fn character_name(ch: char) -> &'static str {
    if ch.is_control() {
        return "CONTROL CHARACTER";
    }
    if let Some((_, name)) = HIDING.iter().find(|(c, _)| *c == ch) {
        return name;
    }
    match ch {
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "VARIATION SELECTOR",
        '\u{E0020}'..='\u{E007E}' => "TAG CHARACTER",
        _ => "RESERVED INVISIBLE CHARACTER",
    }
}

#[cfg(test)]
mod lead_tests;
#[cfg(test)]
mod round_nine_tests;
#[cfg(test)]
mod tests;
