//! What the draft's header is guessed from (the title line, the dates, the id), and each line
//! cleaned of the characters that hide what a text says.

use super::*;

/// The line without the characters that hide what a text says, each recorded; tabs,
/// no-break and ideographic spaces become spaces.
pub(super) fn clean_line(n: usize, line: &str, removed: &mut Vec<Removed>) -> String {
    let hidden: Vec<usize> = hiding_characters(line).map(|(i, _)| i).collect();
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.chars().enumerate() {
        if hidden.contains(&i) {
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

pub(super) fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

/// A title line: a first-level Markdown or HTML heading, or a short line with no sentence in
/// it that names itself an agreement, terms, a policy, …
pub(super) fn is_title(b: &Block, plain: &str) -> bool {
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
pub(super) fn strip_attributes(title: &str) -> String {
    match title.rfind(" {#") {
        Some(i) if title.ends_with('}') => title[..i].trim().to_string(),
        _ => title.to_string(),
    }
}

pub(super) fn slug(stem: &str) -> String {
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

pub(super) enum DateField {
    Updated,
    Effective,
}

/// A line that only states a date: `Last updated: 2020-04-14 13:39:04`, `(Effective date of
/// the version: October 1, 2019)`, `July 2, 2019`, `更新日期：2024年1月21日`.
pub(super) fn date_line(plain: &str) -> Option<(DateField, Date)> {
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
pub(super) fn parse_date(text: &str) -> Option<Date> {
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
