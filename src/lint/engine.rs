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
    /// The first word of a sentence that a `;` began: the clause goes on, so does its subject.
    pub continues: bool,
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
    let mut semicolon = false;
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
                let first = sentence.is_empty();
                push_words(sentence, raw, at);
                if first {
                    if let Some(t) = sentence.first_mut() {
                        t.continues = semicolon;
                    }
                }
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
                semicolon = c == ';' || c == '；';
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
    // Only the first word of a contraction carries its capital: the `are` of `You're` is not
    // a name.
    let token = |norm: &str, first: bool| Token {
        norm: norm.to_string(),
        cap: cap && first,
        continues: false,
        start: at,
        end: at + raw.len(),
    };
    if lower == "cannot" {
        out.push(token("can", true));
        out.push(token("not", false));
        return;
    }
    if let Some(stem) = lower.strip_suffix("n't") {
        let stem = match stem {
            "won" => "will",
            "can" | "ca" => "can",
            "shan" => "shall",
            other => other,
        };
        out.push(token(stem, true));
        out.push(token("not", false));
        return;
    }
    for (suffix, word) in [
        ("'ll", "will"),
        ("'re", "are"),
        ("'ve", "have"),
        ("'d", "would"),
        ("'m", "am"),
    ] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            out.push(token(stem, true));
            out.push(token(word, false));
            return;
        }
    }
    let lower = lower.strip_suffix("'s").unwrap_or(&lower);
    out.push(token(lower.trim_matches('\''), true));
}

/// The nearest subject before word `at` of an English sentence; `names` are the provider's
/// names (lower case). A capitalised word that is not a common word counts as a name, unless
/// the sentence is written in capitals throughout.
fn english_subject(sentence: &[Token], at: usize, names: &[String]) -> Subject {
    let near = &sentence[at.saturating_sub(40)..(at + 40).min(sentence.len())];
    let shouting = near.iter().filter(|t| t.cap).count() * 2 > near.len() + 2;
    // At most 40 words back: a subject governs the words near it, and a long sentence then
    // costs no more per match.
    for t in sentence[at.saturating_sub(40)..at].iter().rev() {
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

/// Where `parts` first match in `sentence` at or after word `from`: (first word, word after
/// the last).
fn english_find(parts: &[Part], sentence: &[Token], from: usize) -> Option<(usize, usize)> {
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
    for i in from..sentence.len() {
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
    for (n, sentence) in sentences.iter().enumerate() {
        if unless
            .iter()
            .any(|u| english_find(u, sentence, 0).is_some())
        {
            continue;
        }
        // Every place the phrase stands, until one passes the guards.
        let mut from = 0;
        while let Some((start, end)) = english_find(compiled, sentence, from) {
            from = start + 1;
            if pattern.affirmative && negated(sentence, start.saturating_sub(3), end) {
                continue;
            }
            let subject = match english_subject(sentence, start, names) {
                Subject::Unknown => carried_subject(sentences, n, names),
                known => known,
            };
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
    }
    None
}

/// Whether a negation stands among words `from..to` of `sentence`. `with or without` and
/// `without notice` (`cause`, `limitation`, …) qualify how a power is used; they do not negate it.
fn negated(sentence: &[Token], from: usize, to: usize) -> bool {
    const QUALIFIED: &[&str] = &[
        "notice",
        "prior",
        "cause",
        "further",
        "limitation",
        "charge",
        "liability",
        "delay",
        "reason",
        "warning",
    ];
    (from..to).any(|i| {
        let w = sentence[i].norm.as_str();
        if !NEG.contains(&w) {
            return false;
        }
        let before = |k: usize| i.checked_sub(k).map(|j| sentence[j].norm.as_str());
        let after = sentence.get(i + 1).map(|t| t.norm.as_str());
        let qualifies = w == "without"
            && ((before(1) == Some("or") && before(2) == Some("with"))
                || after.is_some_and(|a| QUALIFIED.contains(&a)));
        !qualifies
    })
}

/// Words that open a list item or a clause whose subject was named before it (`are
/// responsible for all taxes`, after `you:`).
const ELIDED_SUBJECT: &[&str] = &[
    "are",
    "must",
    "shall",
    "agree",
    "acknowledge",
    "bear",
    "assume",
    "remain",
];

/// The subject of sentence `n` when it names none: the one a `;` carries over from the
/// sentences before it (at most four back), or the person for a clause that opens with a verb.
fn carried_subject(sentences: &[Vec<Token>], n: usize, names: &[String]) -> Subject {
    let mut i = n;
    while i > 0 && n - i < 4 && sentences[i].first().is_some_and(|t| t.continues) {
        i -= 1;
        let s = &sentences[i];
        match english_subject(s, s.len(), names) {
            Subject::Unknown => {}
            known => return known,
        }
    }
    let opens = sentences[i]
        .first()
        .is_some_and(|t| ELIDED_SUBJECT.contains(&t.norm.as_str()));
    if i == 0 && opens {
        Subject::Person
    } else {
        Subject::Unknown
    }
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

/// Where `parts` first match in `s` at or after character `from`: (first character, first
/// character of the last part, the character after the match).
fn zh_find(parts: &[ZhPart], s: &[char], from: usize) -> Option<(usize, usize, usize)> {
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
    for i in from..s.len() {
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
    // The clause a subject governs is near: at most 120 characters back, so that a long
    // sentence costs no more per match.
    let before: String = s[at.saturating_sub(120)..at].iter().collect();
    for segment in before.rsplit(['，', ',', '：', ':']) {
        // `用户同意本项目组有权…`: what the person agrees to has its own subject.
        let segment = ["同意", "承认", "理解", "确认", "知悉"]
            .iter()
            .filter_map(|v| segment.rfind(v).map(|i| i + v.len()))
            .max()
            .map(|i| &segment[i..])
            .filter(|rest| {
                ZH_PERSON
                    .iter()
                    .chain(ZH_PROVIDER)
                    .any(|w| rest.contains(w))
            })
            .unwrap_or(segment);
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
        if unless.iter().any(|u| zh_find(u, s, 0).is_some()) {
            continue;
        }
        let mut from = 0;
        while let Some((start, last, end)) = zh_find(compiled, s, from) {
            from = start + 1;
            if pattern.affirmative {
                // A negation just before the phrase or its verb (`不会删除`); `不时`, `不断`,
                // `不另行` qualify the time or the notice, they do not negate.
                let window = |from: usize, to: usize| -> String { s[from..to].iter().collect() };
                let near =
                    window(start.saturating_sub(2), start) + &window(last.saturating_sub(2), last);
                let near = ["不时", "不断", "不定期", "不另行", "免费"]
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
