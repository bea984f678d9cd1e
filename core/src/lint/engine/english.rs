//! English: words, contractions and sentences; the subject of a phrase; negation and its
//! scope; every place a phrase stands in a sentence.

use super::{Guard, Part, Parties, Pattern, Subject, Word};
use std::collections::HashSet;

mod subject;
use subject::{carried_subject, english_subject};

pub(super) const NEG: &[&str] = &[
    "not", "no", "never", "nor", "neither", "none", "without", "nobody",
];
const PERSON: &[&str] = &[
    "you",
    "user",
    "users",
    "customer",
    "customers",
    "client",
    "clients",
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

/// One word of an English sentence.
#[derive(Debug)]
pub(crate) struct Token {
    /// Lower case, quotes removed, contractions expanded.
    pub norm: String,
    /// Written with a capital.
    pub cap: bool,
    /// The first word of a sentence that a `;` began: the clause goes on, so does its subject.
    pub continues: bool,
    /// A number or letter in brackets that counts a list's items (`super::is_counter`).
    pub enumerator: bool,
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
            let bracketed = i > 0
                && chars[i - 1].1 == '('
                && chars.get(j).is_some_and(|c| c.1 == ')')
                && super::is_counter(raw);
            if let Some(sentence) = sentences.last_mut() {
                let first = sentence.is_empty();
                push_words(sentence, raw, at);
                if bracketed {
                    if let Some(t) = sentence.last_mut() {
                        t.enumerator = true;
                    }
                }
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
    // `not limited to`, `without limitation`: words of inclusion, not negations.
    for s in &mut sentences {
        for i in 0..s.len().saturating_sub(1) {
            if matches!(s[i].norm.as_str(), "not" | "without") && s[i + 1].norm.starts_with("limit")
            {
                s[i].norm = INCLUSIVE_NOT.to_string();
            }
        }
    }
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
        enumerator: false,
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
pub(super) fn english_match(
    pattern: &Pattern,
    compiled: &[Part],
    unless: &[Vec<Part>],
    english: &English,
    text: &str,
    names: &Parties,
) -> Option<String> {
    let sentences = &english.sentences;
    for (n, sentence) in sentences.iter().enumerate() {
        // Most phrases have a word that a given sentence lacks: then nothing more to look at.
        if !can_match(compiled, &english.vocabulary[n]) {
            continue;
        }
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

/// What `not` and `without` become before `limited`, `limitation`: words of inclusion.
const INCLUSIVE_NOT: &str = "not-limiting";

/// An English text read into sentences, with each sentence's words sorted for look-ups.
pub(crate) struct English {
    pub sentences: Vec<Vec<Token>>,
    vocabulary: Vec<Vocabulary>,
}

/// A sentence's words: a set for whole words, sorted for the ones a phrase names by their start.
struct Vocabulary {
    set: HashSet<String>,
    sorted: Vec<String>,
}

/// Reads `text` once for every pattern of every kind.
pub(crate) fn read_english(text: &str) -> English {
    let sentences = english_sentences(text);
    let vocabulary = sentences
        .iter()
        .map(|s| {
            let set: HashSet<String> = s.iter().map(|t| t.norm.clone()).collect();
            let mut sorted: Vec<String> = set.iter().cloned().collect();
            sorted.sort_unstable();
            Vocabulary { set, sorted }
        })
        .collect();
    English {
        sentences,
        vocabulary,
    }
}

/// Whether every part of a phrase has an alternative whose words all stand in `words`.
fn can_match(parts: &[Part], words: &Vocabulary) -> bool {
    let has = |w: &Word| {
        if !w.prefix {
            return words.set.contains(&w.text);
        }
        let at = words
            .sorted
            .partition_point(|x| x.as_str() < w.text.as_str());
        words.sorted.get(at).is_some_and(|x| x.starts_with(&w.text))
    };
    parts
        .iter()
        .all(|part| part.alts.iter().any(|alt| alt.iter().all(has)))
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
        // `including but not limited to suspending`: no phrase reads it as a negation, but a
        // power stays unread beside it, as beside any negation (the lint errs on the side of
        // not claiming a power).
        if w == INCLUSIVE_NOT {
            return true;
        }
        if !NEG.contains(&w) {
            return false;
        }
        let before = |k: usize| i.checked_sub(k).map(|j| sentence[j].norm.as_str());
        let after = sentence.get(i + 1).map(|t| t.norm.as_str());
        let qualifies = w == "without"
            && ((before(1) == Some("or") && before(2) == Some("with"))
                || after.is_some_and(|a| QUALIFIED.contains(&a)));
        // `the right (but not the obligation) to remove`: the power stands, only a duty is denied.
        let no_duty = w == "not"
            && matches!(
                (after, sentence.get(i + 2).map(|t| t.norm.as_str())),
                (Some("obligated" | "required"), _) | (Some("the" | "an"), Some("obligation"))
            );
        !qualifies && !no_duty
    })
}

/// The names an agreement gives the person who accepts it, lower case, each word of each name:
/// a quoted capitalised term set beside "You" (`"Developer" or "You" means`, `(“You” or
/// “Licensee”)`), put in brackets right after `you` (`you ("Customer")`), or defined as the
/// party that takes the agreement (`"Partner" means the entity or individual accepting this
/// agreement`, `"Sponsored Developer" means the individual or entity that …`). A name of the
/// provider (`provider`) is never one of them.
pub(crate) fn person_names(text: &str, provider: &[String]) -> Vec<String> {
    const PARTY: &[&str] = &[
        "individual",
        "entity",
        "company",
        "person",
        "organization",
        "organisation",
        "party",
        "legal",
        "business",
        "customer",
        "user",
    ];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Every quoted term that starts with a capital: (start of its opening quote, end of its
    // closing quote, the term).
    let mut terms: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i].1, '"' | '“') && chars.get(i + 1).is_some_and(|c| c.1.is_uppercase())
        {
            if let Some(k) =
                (i + 1..chars.len().min(i + 41)).find(|&k| matches!(chars[k].1, '"' | '”'))
            {
                let end = chars.get(k + 1).map_or(text.len(), |c| c.0);
                let inner = &text[chars[i + 1].0..chars[k].0];
                if inner
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
                {
                    terms.push((chars[i].0, end, inner.to_string()));
                }
                i = k + 1;
                continue;
            }
        }
        i += 1;
    }
    let is_you = |t: &str| t.eq_ignore_ascii_case("you");
    let mut out: Vec<String> = Vec::new();
    for (n, (start, end, term)) in terms.iter().enumerate() {
        if is_you(term) {
            continue;
        }
        let before = text[..*start].trim_end();
        let after = text[*end..].trim_start();
        let after_lower = after.to_lowercase();
        // Beside "You": the term before or after it, joined by `or`, `,`.
        let beside_you = |m: Option<&(usize, usize, String)>, gap: &str| {
            m.is_some_and(|(_, _, t)| is_you(t)) && gap.trim().trim_matches(',').trim().len() <= 3
        };
        let next = terms.get(n + 1);
        let prev = n.checked_sub(1).and_then(|k| terms.get(k));
        let by_you = beside_you(next, next.map_or("", |m| &text[*end..m.0]))
            || beside_you(prev, prev.map_or("", |m| &text[m.1..*start]));
        // In brackets right after `you`: `you ("Customer")`, `you (the "Customer")`.
        let opened = before
            .strip_suffix("(the")
            .or_else(|| before.strip_suffix('('))
            .map(str::trim_end);
        let after_you = opened.is_some_and(|b| {
            b.rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("you"))
        });
        // Defined as the party that takes the agreement.
        let defined = after_lower.strip_prefix("means ").is_some_and(|rest| {
            rest.starts_with("you")
                || rest
                    .strip_prefix("the ")
                    .is_some_and(|r| PARTY.iter().any(|p| r.starts_with(p)))
        });
        if by_you || after_you || defined {
            for w in term.split([' ', '-']).filter(|w| !w.is_empty()) {
                let w = w.to_lowercase();
                if !provider.contains(&w) && !NOT_NAMES.contains(&w.as_str()) && !out.contains(&w) {
                    out.push(w);
                }
            }
        }
    }
    out
}
