//! How the lint reads a clause: sentences, words, negation, and phrases whose parts may stand
//! apart within one sentence.
//!
//! A pattern is written as parts separated by `…` (or `…N`): each part is one or more
//! alternatives separated by `|`, and the next part must start within N words (English, default
//! 6) or N characters (Chinese, default 30) of the sentence after the previous one ends. In
//! English an alternative is a phrase of words, a word ending in `*` matches any word it begins;
//! `NEG` stands for the negations (`not`, `no`, `never`, `without`, …, with `n't` and `cannot`
//! read as `not`). In Chinese an alternative is a run of characters.

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

/// A compiled part: its alternatives and the gap allowed before it.
struct Part {
    gap: usize,
    alts: Vec<Vec<Word>>,
}

struct Word {
    text: String,
    prefix: bool,
}

const NEG: &[&str] = &[
    "not", "no", "never", "nor", "neither", "none", "without", "nobody",
];
const PERSON: &[&str] = &[
    "you",
    "user",
    "users",
    "customer",
    "customers",
    "participant",
    "participants",
    "licensee",
    "member",
    "members",
    "subscriber",
    "subscribers",
    "i",
];
const PROVIDER: &[&str] = &[
    "we", "us", "company", "provider", "platform", "operator", "licensor", "site", "website",
];
/// Capitalised words that are not names of a party.
const NOT_NAMES: &[&str] = &[
    "you",
    "your",
    "if",
    "the",
    "this",
    "these",
    "that",
    "those",
    "any",
    "all",
    "each",
    "in",
    "when",
    "upon",
    "for",
    "to",
    "as",
    "our",
    "a",
    "an",
    "by",
    "and",
    "or",
    "of",
    "on",
    "at",
    "with",
    "without",
    "except",
    "unless",
    "notwithstanding",
    "such",
    "it",
    "its",
    "no",
    "not",
    "after",
    "before",
    "where",
    "while",
    "subject",
    "under",
    "nothing",
    "neither",
    "there",
    "please",
    "once",
    "also",
    "however",
    "further",
    "because",
    "since",
    "although",
    "even",
    "only",
    "agreement",
    "terms",
    "service",
    "services",
    "content",
    "software",
    "account",
    "section",
    "user",
    "users",
    "customer",
    "customers",
    "i",
    "following",
    "short",
    "version",
];

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

/// One word of an English sentence.
#[derive(Debug)]
pub(crate) struct Token {
    /// Lower case, quotes removed, contractions expanded.
    pub norm: String,
    /// Written with a capital.
    pub cap: bool,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
}

/// The words of each English sentence of `text`. Sentences end at `.`, `!`, `?` or `;` before
/// a space and a capital, digit, quote or bracket (or the end), except after an abbreviation or
/// a single letter (`e.g.`, `U.S.`, `Inc.`, `(a).`).
pub(crate) fn english_sentences(text: &str) -> Vec<Vec<Token>> {
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "etc", "inc", "ltd", "co", "no", "vs", "cal", "st", "mr", "ms", "dr", "u.s",
        "corp", "llc", "et", "al", "seq", "art", "sec", "para",
    ];
    let mut sentences = vec![Vec::new()];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_alphanumeric() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].1.is_alphanumeric()
                    || (matches!(chars[j].1, '\'' | '’' | '.')
                        && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric())
                        && (chars[j].1 != '.' || j > i && chars[j - 1].1.is_alphabetic())))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            let raw = &text[at..end];
            if let Some(sentence) = sentences.last_mut() {
                push_words(sentence, raw, at);
            }
            i = j;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | ';' | '。' | '！' | '？' | '；') {
            let next = chars[i + 1..].iter().find(|c| !c.1.is_whitespace());
            let spaced = chars.get(i + 1).is_none_or(|c| c.1.is_whitespace());
            let starts = next.is_none_or(|c| {
                c.1.is_uppercase()
                    || c.1.is_ascii_digit()
                    || matches!(c.1, '"' | '“' | '(' | '[' | '‘' | '\'')
                    || !c.1.is_ascii()
            });
            let prev_word = sentences
                .last()
                .and_then(|s| s.last())
                .map(|t| t.norm.as_str())
                .unwrap_or("");
            let abbreviation = c == '.'
                && (ABBREVIATIONS.contains(&prev_word)
                    || (prev_word.chars().count() == 1
                        && prev_word.chars().all(|c| c.is_alphabetic())));
            if (c == ';' || (spaced && starts && !abbreviation))
                && sentences.last().is_some_and(|s| !s.is_empty())
            {
                sentences.push(Vec::new());
            }
        }
        i += 1;
    }
    sentences.retain(|s| !s.is_empty());
    sentences
}

fn push_words(out: &mut Vec<Token>, raw: &str, at: usize) {
    let cap = raw.chars().next().is_some_and(char::is_uppercase);
    let lower = raw.to_lowercase().replace('’', "'");
    let token = |norm: &str| Token {
        norm: norm.to_string(),
        cap,
        start: at,
        end: at + raw.len(),
    };
    if lower == "cannot" {
        out.push(token("can"));
        out.push(token("not"));
        return;
    }
    if let Some(stem) = lower.strip_suffix("n't") {
        let stem = match stem {
            "won" => "will",
            "can" | "ca" => "can",
            "shan" => "shall",
            other => other,
        };
        out.push(token(stem));
        out.push(token("not"));
        return;
    }
    for (suffix, word) in [
        ("'ll", "will"),
        ("'re", "are"),
        ("'ve", "have"),
        ("'d", "would"),
    ] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            out.push(token(stem));
            out.push(token(word));
            return;
        }
    }
    let lower = lower.strip_suffix("'s").unwrap_or(&lower);
    out.push(token(lower.trim_matches('\'')));
}

/// The nearest subject before word `at` of an English sentence; `names` are the provider's
/// names (lower case). A capitalised word that is not a common word counts as a name, unless
/// the sentence is written in capitals throughout.
fn english_subject(sentence: &[Token], at: usize, names: &[String]) -> Subject {
    let shouting = sentence.iter().filter(|t| t.cap).count() * 2 > sentence.len() + 2;
    for t in sentence[..at].iter().rev() {
        let w = t.norm.as_str();
        if PERSON.contains(&w) {
            return Subject::Person;
        }
        if PROVIDER.contains(&w) || names.iter().any(|n| n == w) {
            return Subject::Provider;
        }
        if t.cap && !shouting && !NOT_NAMES.contains(&w) && w.chars().any(char::is_alphabetic) {
            return Subject::Provider;
        }
    }
    Subject::Unknown
}

fn english_word_matches(w: &Word, token: &str) -> bool {
    if w.prefix {
        token.starts_with(&w.text)
    } else {
        token == w.text
    }
}

/// Where `parts` match in `sentence`: (first word, word after the last).
fn english_find(parts: &[Part], sentence: &[Token]) -> Option<(usize, usize)> {
    fn alt_at(alt: &[Word], sentence: &[Token], i: usize) -> Option<usize> {
        (i + alt.len() <= sentence.len()
            && alt
                .iter()
                .zip(&sentence[i..])
                .all(|(w, t)| english_word_matches(w, &t.norm)))
        .then_some(i + alt.len())
    }
    fn rest(parts: &[Part], sentence: &[Token], from: usize) -> Option<usize> {
        let Some((part, others)) = parts.split_first() else {
            return Some(from);
        };
        for i in from..=(from + part.gap).min(sentence.len()) {
            for alt in &part.alts {
                if let Some(end) = alt_at(alt, sentence, i) {
                    if let Some(done) = rest(others, sentence, end) {
                        return Some(done);
                    }
                }
            }
        }
        None
    }
    let (first, others) = parts.split_first()?;
    for i in 0..sentence.len() {
        for alt in &first.alts {
            if let Some(end) = alt_at(alt, sentence, i) {
                if let Some(done) = rest(others, sentence, end) {
                    return Some((i, done));
                }
            }
        }
    }
    None
}

/// The first sentence of `sentences` that `pattern` matches under its guards, as the words it
/// matched.
fn english_match(
    pattern: &Pattern,
    compiled: &[Part],
    unless: &[Vec<Part>],
    sentences: &[Vec<Token>],
    text: &str,
    names: &[String],
) -> Option<String> {
    for sentence in sentences {
        let Some((start, end)) = english_find(compiled, sentence) else {
            continue;
        };
        if unless.iter().any(|u| english_find(u, sentence).is_some()) {
            continue;
        }
        if pattern.affirmative
            && sentence[start.saturating_sub(3)..end]
                .iter()
                .any(|t| NEG.contains(&t.norm.as_str()))
        {
            continue;
        }
        let subject = english_subject(sentence, start, names);
        // `… will end when you remove your content`: the person acts inside the phrase.
        let person_inside = sentence[start..end - 1].iter().any(|t| t.norm == "you");
        let ok = match pattern.guard {
            Guard::None => true,
            Guard::NotPerson => subject != Subject::Person && !person_inside,
            Guard::Person => subject == Subject::Person,
            Guard::NotProvider => subject != Subject::Provider,
        };
        if ok {
            return Some(text[sentence[start].start..sentence[end - 1].end].to_string());
        }
    }
    None
}

/// The sentences of a Chinese text as characters: they end at `。`, `！`, `？`, `；` (and their
/// ASCII forms before a space or the end).
pub(crate) fn chinese_sentences(text: &str) -> Vec<Vec<char>> {
    let mut out = vec![Vec::new()];
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let ascii_end =
            matches!(c, '!' | '?' | ';') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if matches!(c, '。' | '！' | '？' | '；') || ascii_end {
            out.push(Vec::new());
        } else if let Some(sentence) = out.last_mut() {
            sentence.push(c);
        }
    }
    out.retain(|s| s.iter().any(|c| !c.is_whitespace()));
    out
}

struct ZhPart {
    gap: usize,
    alts: Vec<Vec<char>>,
}

fn compile_zh(spec: &str) -> Vec<ZhPart> {
    compile(spec, 30)
        .into_iter()
        .map(|p| ZhPart {
            gap: p.gap,
            alts: p
                .alts
                .into_iter()
                .map(|a| {
                    a.iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                        .chars()
                        .collect()
                })
                .collect(),
        })
        .collect()
}

/// Where `parts` match in `s`: (first character, first character of the last part, the
/// character after the match).
fn zh_find(parts: &[ZhPart], s: &[char]) -> Option<(usize, usize, usize)> {
    fn at(alt: &[char], s: &[char], i: usize) -> Option<usize> {
        (i + alt.len() <= s.len() && s[i..i + alt.len()] == *alt).then_some(i + alt.len())
    }
    fn rest(parts: &[ZhPart], s: &[char], last: usize, from: usize) -> Option<(usize, usize)> {
        let Some((part, others)) = parts.split_first() else {
            return Some((last, from));
        };
        for i in from..=(from + part.gap).min(s.len()) {
            for alt in &part.alts {
                if let Some(end) = at(alt, s, i) {
                    if let Some(done) = rest(others, s, i, end) {
                        return Some(done);
                    }
                }
            }
        }
        None
    }
    let (first, others) = parts.split_first()?;
    for i in 0..s.len() {
        for alt in &first.alts {
            if let Some(end) = at(alt, s, i) {
                if let Some((last, done)) = rest(others, s, i, end) {
                    return Some((i, last, done));
                }
            }
        }
    }
    None
}

const ZH_PERSON: &[&str] = &[
    "您",
    "你",
    "用户",
    "使用者",
    "参与者",
    "客户",
    "请",
    "会员",
    "乙方",
    "被许可人",
];
const ZH_PROVIDER: &[&str] = &[
    "我们",
    "平台",
    "本站",
    "网站",
    "公司",
    "本应用",
    "应用",
    "作者",
    "开发者",
    "本项目",
    "项目",
    "组织者",
    "运营",
    "甲方",
    "授权人",
    "本软件",
    "本服务",
    "GitHub",
    "维护者",
    "贡献者",
];
const ZH_NEG: &[&str] = &["不", "无", "没有", "非", "免", "未"];

/// The subject of the clause a Chinese phrase stands in: the first party named in the part of
/// the sentence since the last comma or colon before it, or else in the parts before that.
fn zh_subject(s: &[char], at: usize) -> Subject {
    let before: String = s[..at].iter().collect();
    for segment in before.rsplit(['，', ',', '：', ':']) {
        let first = |words: &[&str]| words.iter().filter_map(|w| segment.find(w)).min();
        match (first(ZH_PERSON), first(ZH_PROVIDER)) {
            (Some(p), Some(q)) => {
                return if p < q {
                    Subject::Person
                } else {
                    Subject::Provider
                }
            }
            (Some(_), None) => return Subject::Person,
            (None, Some(_)) => return Subject::Provider,
            (None, None) => {}
        }
    }
    Subject::Unknown
}

/// As [`english_match`], for Chinese.
fn zh_match(
    pattern: &Pattern,
    compiled: &[ZhPart],
    unless: &[Vec<ZhPart>],
    sentences: &[Vec<char>],
) -> Option<String> {
    for s in sentences {
        let Some((start, last, end)) = zh_find(compiled, s) else {
            continue;
        };
        if unless.iter().any(|u| zh_find(u, s).is_some()) {
            continue;
        }
        if pattern.affirmative {
            // A negation just before the phrase or its verb (`不会删除`); `不时`, `不断`,
            // `不另行` qualify the time or the notice, they do not negate.
            let window = |from: usize, to: usize| -> String { s[from..to].iter().collect() };
            let near =
                window(start.saturating_sub(2), start) + &window(last.saturating_sub(2), last);
            let near = ["不时", "不断", "不定期", "不另行"]
                .iter()
                .fold(near, |n, q| n.replace(q, ""));
            if ZH_NEG.iter().any(|n| near.contains(n)) {
                continue;
            }
        }
        let subject = zh_subject(s, start);
        let ok = match pattern.guard {
            Guard::None => true,
            Guard::NotPerson => subject != Subject::Person,
            Guard::Person => subject == Subject::Person,
            Guard::NotProvider => subject != Subject::Provider,
        };
        if ok {
            return Some(s[start..end].iter().collect());
        }
    }
    None
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
    sentences: &[Vec<Token>],
    zh_sentences: &[Vec<char>],
    names: &[String],
) -> Option<(&'a Pattern, String)> {
    if !sentences.is_empty() {
        for (p, (parts, unless)) in en.iter().zip(&table.en) {
            if let Some(m) = english_match(p, parts, unless, sentences, text, names) {
                return Some((p, m));
            }
        }
    }
    if zh_sentences.is_empty() {
        return None;
    }
    for (p, (parts, unless)) in zh.iter().zip(&table.zh) {
        if let Some(m) = zh_match(p, parts, unless, zh_sentences) {
            return Some((p, m));
        }
    }
    None
}
