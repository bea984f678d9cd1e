//! Chinese: sentences as characters, phrases whose parts stand apart by a number of
//! characters, the subject of a clause, negation before a phrase or its verb.

use super::{compile, Guard, Pattern, Subject};

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

pub(super) struct ZhPart {
    gap: usize,
    alts: Vec<Vec<char>>,
    /// The alternatives as strings, to look them up in a sentence at once.
    strs: Vec<String>,
}

/// A Chinese text read into sentences, as characters and as strings.
#[derive(Default)]
pub(crate) struct Chinese {
    pub sentences: Vec<Vec<char>>,
    joined: Vec<String>,
}

/// Reads `text` once for every pattern of every kind.
pub(crate) fn read_chinese(text: &str) -> Chinese {
    let sentences = chinese_sentences(text);
    let joined = sentences.iter().map(|s| s.iter().collect()).collect();
    Chinese { sentences, joined }
}

pub(super) fn compile_zh(spec: &str) -> Vec<ZhPart> {
    compile(spec, 30)
        .into_iter()
        .map(|p| {
            let strs: Vec<String> = p
                .alts
                .iter()
                .map(|a| {
                    a.iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            ZhPart {
                gap: p.gap,
                alts: strs.iter().map(|a| a.chars().collect()).collect(),
                strs,
            }
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
/// The provider's own names (`腾讯云`, from its header) name it as its generic words do.
fn zh_subject(s: &[char], at: usize, person: &[String], provider: &[String]) -> Subject {
    // The clause a subject governs is near: at most 120 characters back, so that a long
    // sentence costs no more per match.
    let before: String = s[at.saturating_sub(120)..at].iter().collect();
    for segment in before.rsplit(['，', ',', '：', ':']) {
        // A notice to the person (`请注意，`, `您理解并同意，`) opens the clause after it and is
        // not its subject: what follows says whose act it is.
        let notice = segment.trim();
        if notice.chars().count() <= 8
            && [
                "注意", "知悉", "悉知", "理解", "同意", "确认", "承认", "留意", "了解", "明白",
            ]
            .iter()
            .any(|v| notice.ends_with(v))
        {
            continue;
        }
        // `用户同意本项目组有权…`: what the person agrees to has its own subject.
        let segment = ["同意", "承认", "理解", "确认", "知悉"]
            .iter()
            .filter_map(|v| segment.rfind(v).map(|i| i + v.len()))
            .max()
            .map(|i| &segment[i..])
            .filter(|rest| {
                latin_name_first(rest)
                    || ZH_PERSON
                        .iter()
                        .chain(ZH_PROVIDER)
                        .any(|w| rest.contains(w))
            })
            .unwrap_or(segment);
        // A name the agreement gives the person (`“开发者”是指您`) is the person, even where
        // it would name the provider elsewhere.
        let named = person.iter().filter_map(|w| segment.find(w.as_str())).min();
        let masked = person.iter().fold(segment.to_string(), |m, w| {
            m.replace(w.as_str(), &"\u{3000}".repeat(w.chars().count()))
        });
        if latin_name_first(&masked) {
            return Subject::Provider;
        }
        let first = |words: &[&str]| words.iter().filter_map(|w| masked.find(w)).min();
        let person_at = match (first(ZH_PERSON), named) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let own = provider
            .iter()
            .filter(|n| n.chars().any(super::super::is_han))
            .filter_map(|n| masked.find(n.as_str()))
            .min();
        let provider_at = match (first(ZH_PROVIDER), own) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (person_at, provider_at) {
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

/// Whether a clause starts with a name in Latin letters (`Mozilla 保留…`, `您同意 Mozilla
/// 可以…`): in a Chinese agreement such a name is the provider or its service, whatever the
/// header calls it.
fn latin_name_first(clause: &str) -> bool {
    let mut c = clause.trim_start().chars();
    c.next().is_some_and(|c| c.is_ascii_uppercase())
        && c.next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// As [`english_match`], for Chinese.
pub(super) fn zh_match(
    pattern: &Pattern,
    compiled: &[ZhPart],
    unless: &[Vec<ZhPart>],
    chinese: &Chinese,
    person: &[String],
    provider: &[String],
) -> Option<String> {
    for (s, joined) in chinese.sentences.iter().zip(&chinese.joined) {
        // A phrase with a part none of whose alternatives the sentence holds cannot match.
        if !compiled
            .iter()
            .all(|part| part.strs.iter().any(|a| joined.contains(a.as_str())))
        {
            continue;
        }
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
            let subject = zh_subject(s, start, person, provider);
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

/// The names a Chinese agreement gives the person who accepts it: a quoted term said to be
/// `您` (`“开发者”是指您`, `“开发者”或“您”`, `您（“开发者”）`, `您（以下简称“用户方”）`).
pub(crate) fn zh_person_names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let after_open = &rest[open + '“'.len_utf8()..];
        let Some(close) = after_open.find('”') else {
            break;
        };
        let term = &after_open[..close];
        let before = rest[..open].trim_end();
        let after = after_open[close + '”'.len_utf8()..].trim_start();
        let short =
            term.chars().count() <= 8 && term.chars().all(|c| matches!(c, '\u{4e00}'..='\u{9fff}'));
        let defined = ["是指您", "指您", "系指您", "或“您”", "或者“您”"]
            .iter()
            .any(|w| after.starts_with(w));
        let after_you = ["您（", "您(", "您（以下简称", "您(以下简称", "您（下称"]
            .iter()
            .any(|w| before.ends_with(w));
        let beside_you = before.ends_with("“您”或");
        if short
            && term != "您"
            && (defined || after_you || beside_you)
            && !out.iter().any(|o| o == term)
        {
            out.push(term.to_string());
        }
        rest = &after_open[close + '”'.len_utf8()..];
    }
    out
}
