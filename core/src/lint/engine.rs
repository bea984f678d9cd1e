//! How the lint reads a clause: sentences, words, negation, and phrases whose parts may stand
//! apart within one sentence.
//!
//! A pattern is written as parts separated by `…` (or `…N`): each part is one or more
//! alternatives separated by `|`, and the next part must start within N words (English, default
//! 6) or N characters (Chinese, default 30) of the sentence after the previous one ends. In
//! English an alternative is a phrase of words, a word ending in `*` matches any word it begins;
//! `NEG` stands for the negations (`not`, `no`, `never`, `without`, …, with `n't` and `cannot`
//! read as `not`). In Chinese an alternative is a run of characters.

mod chinese;
mod english;

use chinese::{compile_zh, zh_match, ZhPart};
pub(crate) use chinese::{read_chinese, zh_person_names, Chinese};
use english::{english_match, NEG};
pub(crate) use english::{person_names, read_english, English};
use std::sync::OnceLock;

/// Whose act a phrase describes, from the nearest subject before it in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subject {
    /// The person who accepts (`you`, `users`, `您`, `用户`; an imperative `请`).
    Person,
    /// The provider (`we`, `us`, a name, `平台`, `本站`, `作者`, …).
    Provider,
    /// No subject before the phrase in its sentence.
    Unknown,
}

/// Who the parties are, by name (lower case): the provider's names from the header, and the
/// names the agreement gives the person who accepts it (`Developer`, `Partner`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Parties {
    pub provider: Vec<String>,
    pub person: Vec<String>,
}

/// What must hold around a match for it to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Guard {
    /// Nothing.
    None,
    /// The subject is not the person (`you may cancel` is the person's right, not a power over them).
    NotPerson,
    /// The subject is the person (`you bear`, `由您承担` need no guard).
    Person,
    /// The subject is not the provider (`we waive` is a gift to the person).
    NotProvider,
}

/// One pattern of a kind, with the reason it gives.
pub(crate) struct Pattern {
    /// The pattern in the notation above.
    pub spec: &'static str,
    /// What a clause that matches does, in the words a finding uses.
    pub says: &'static str,
    /// Who must (not) be the subject.
    pub guard: Guard,
    /// No negation may stand in the match or just before it (`we will not delete`).
    pub affirmative: bool,
    /// Patterns that, found in the same sentence, mean this one does not apply.
    pub unless: &'static [&'static str],
}

/// Whether a word in brackets counts the items of a list run into a sentence (`to: (1) monitor
/// …; (2) take …; (3) deny …`): `1`, `12`, `a`, `iv`.
fn is_counter(raw: &str) -> bool {
    let n = raw.chars().count();
    (n <= 2 && raw.chars().all(|c| c.is_ascii_digit()))
        || (n == 1 && raw.chars().all(|c| c.is_ascii_lowercase()))
        || (n <= 4 && raw.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// A compiled part: its alternatives and the gap allowed before it.
struct Part {
    gap: usize,
    alts: Vec<Vec<Word>>,
}

struct Word {
    text: String,
    prefix: bool,
}

fn compile(spec: &str, default_gap: usize) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut gap = 0;
    for (i, piece) in spec.split('…').enumerate() {
        let mut piece = piece;
        if i > 0 {
            let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
            gap = digits.parse().unwrap_or(default_gap);
            piece = &piece[digits.len()..];
        }
        let alts = piece
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .flat_map(|alt| {
                if alt == "NEG" {
                    NEG.iter().map(|w| vec![word(w)]).collect::<Vec<_>>()
                } else {
                    vec![alt.split(' ').filter(|w| !w.is_empty()).map(word).collect()]
                }
            })
            .collect();
        parts.push(Part { gap, alts });
    }
    parts
}

fn word(w: &str) -> Word {
    match w.strip_suffix('*') {
        Some(stem) => Word {
            text: stem.to_string(),
            prefix: true,
        },
        None => Word {
            text: w.to_string(),
            prefix: false,
        },
    }
}

/// A table of patterns compiled once.
pub(crate) struct Compiled {
    en: Vec<(Vec<Part>, Vec<Vec<Part>>)>,
    zh: Vec<(Vec<ZhPart>, Vec<Vec<ZhPart>>)>,
}

/// Compiles the English and Chinese tables (once per process).
pub(crate) fn compiled(
    cell: &'static OnceLock<Compiled>,
    en: &'static [Pattern],
    zh: &'static [Pattern],
) -> &'static Compiled {
    cell.get_or_init(|| Compiled {
        en: en
            .iter()
            .map(|p| {
                (
                    compile(p.spec, 6),
                    p.unless.iter().map(|u| compile(u, 6)).collect(),
                )
            })
            .collect(),
        zh: zh
            .iter()
            .map(|p| {
                (
                    compile_zh(p.spec),
                    p.unless.iter().map(|u| compile_zh(u)).collect(),
                )
            })
            .collect(),
    })
}

/// The first pattern of `en` (on `sentences`) or `zh` (on `zh_sentences`) that matches, with
/// the text it matched.
pub(crate) fn first_match<'a>(
    table: &Compiled,
    en: &'a [Pattern],
    zh: &'a [Pattern],
    text: &str,
    english: &English,
    chinese: &Chinese,
    names: &Parties,
) -> Option<(&'a Pattern, String)> {
    if !english.sentences.is_empty() {
        for (p, (parts, unless)) in en.iter().zip(&table.en) {
            if let Some(m) = english_match(p, parts, unless, english, text, names) {
                return Some((p, m));
            }
        }
    }
    if chinese.sentences.is_empty() {
        return None;
    }
    for (p, (parts, unless)) in zh.iter().zip(&table.zh) {
        if let Some(m) = zh_match(p, parts, unless, chinese, &names.person, &names.provider) {
            return Some((p, m));
        }
    }
    None
}
