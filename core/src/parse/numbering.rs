//! Printed clause numbers: `1.2`, `(a)`, `1)`, and the Chinese forms (`第一条`, `（一）`, `①`, `1）`).

/// Recognises a printed clause number at the start of a line, followed by white space (a
/// space, a tab, an ideographic space): `I.`–`XX.`, `1.`, `1.1` (or `1．1`, with the
/// full-width full stop), `3.1.3.6.1.`, `(1)`, `(a)`, `1)`, `a)`; or one of the Chinese forms
/// ([`chinese_clause_number`]), which the text may follow at once. Returns the number as
/// printed and the rest.
pub(crate) fn clause_number(line: &str) -> Option<(&str, &str)> {
    if let Some(found) = chinese_clause_number(line) {
        return Some(found);
    }
    let (head, rest) = line.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    // Groups of one to three digits, each but the last followed by `.` or `．`; the last may be.
    // At least one stop: a bare number (`30 days after…`, `5 GB…`) starts a sentence, not a
    // clause.
    let is_decimal = {
        let mut digits = 0;
        head.chars().all(|c| match c {
            '0'..='9' => {
                digits += 1;
                digits <= 3
            }
            '.' | '．' => std::mem::replace(&mut digits, 0) > 0,
            _ => false,
        }) && head.contains(['.', '．'])
    };
    let is_roman = head
        .strip_suffix('.')
        .is_some_and(|r| !r.is_empty() && r.len() <= 5 && r.bytes().all(|c| b"IVXL".contains(&c)));
    let is_paren = head
        .strip_prefix('(')
        .and_then(|h| h.strip_suffix(')'))
        .is_some_and(|inner| ascii_digits(inner) || ascii_letter(inner));
    let is_closed = head
        .strip_suffix(')')
        .is_some_and(|n| ascii_digits(n) || ascii_letter(n));
    (is_decimal || is_roman || is_paren || is_closed).then_some((head, rest))
}

/// One to three ASCII digits: the `1` of `1)`, `(1)`, `1）`.
pub(super) fn ascii_digits(n: &str) -> bool {
    (1..=3).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit())
}

/// One lower-case ASCII letter: the `a` of `a)`, `(a)`, `a）`.
pub(super) fn ascii_letter(n: &str) -> bool {
    n.len() == 1 && n.bytes().all(|c| c.is_ascii_lowercase())
}

/// A character that only Chinese text starts with: an ideograph, or CJK or full-width
/// punctuation (`、`, `《`, `（`, `：`). An ASCII number such as `a)` is a clause's when Chinese
/// text follows it at once (`a)受到…`); English text after one without a space stays a
/// paragraph.
pub(super) fn starts_chinese(c: char) -> bool {
    !c.is_whitespace()
        && matches!(c,
            '\u{3000}'..='\u{303F}'     // CJK symbols and punctuation
            | '\u{3400}'..='\u{4DBF}'   // CJK unified ideographs extension A
            | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
            | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
            | '\u{FF00}'..='\u{FFEF}'   // half-width and full-width forms
            | '\u{20000}'..='\u{3134F}' // CJK unified ideographs extensions B to G
        )
}

/// `①` to `⑳`.
pub(super) fn is_circled(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
}

/// The clause numbers of Chinese agreements, as printed: `第一条` … `第一百条` (or `第1条`),
/// `一、`, `1、`, `（一）`, `(一)`, `（1）`, `1）`, `a）`, `1)、`, `a)、`, `①` … `⑳`; and the ASCII
/// forms `1)`, `a)`, `(1)`, `(a)` followed at once by Chinese text (`a)受到…`). The text may
/// follow at once or after spaces (an ideographic space or a tab included); a line that is
/// only a number is not a clause, nor is one where another circled number follows the first
/// at once (`①②③` is a list of them, not clause ①).
pub(super) fn chinese_clause_number(line: &str) -> Option<(&str, &str)> {
    // Chinese numerals up to 一百零九 (four characters), or up to three ASCII digits.
    let numeral = |n: &str| {
        (1..=4).contains(&n.chars().count())
            && n.chars().all(|c| {
                matches!(
                    c,
                    '零' | '〇'
                        | '一'
                        | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                        | '百'
                        | '两'
                )
            })
    };
    // Where `c` ends a number of at most four characters: only the line's first five are
    // looked at, so a paragraph is not searched to its end.
    let find = |s: &str, c: char| {
        s.char_indices()
            .take(5)
            .find(|&(_, x)| x == c)
            .map(|(i, _)| i)
    };
    let end = if let Some(after) = line.strip_prefix('第') {
        let n = find(after, '条')?;
        let end = line.len() - after.len() + n + '条'.len_utf8();
        (numeral(&after[..n]) || ascii_digits(&after[..n])).then_some(end)?
    } else if let Some((after, close)) = line
        .strip_prefix('（')
        .map(|a| (a, '）'))
        .or_else(|| line.strip_prefix('(').map(|a| (a, ')')))
    {
        let n = find(after, close)?;
        let inner = &after[..n];
        let end = line.len() - after.len() + n + close.len_utf8();
        // `(1)` and `(a)` are ASCII forms: followed by a space they are read as such below.
        let ascii_before_chinese = close == ')'
            && (ascii_digits(inner) || ascii_letter(inner))
            && line[end..].starts_with(starts_chinese);
        (numeral(inner) || (close == '）' && ascii_digits(inner)) || ascii_before_chinese)
            .then_some(end)?
    } else if let Some(end) = closed_number(line) {
        end
    } else if line.starts_with(is_circled) {
        let rest = &line['①'.len_utf8()..];
        (!rest.starts_with(is_circled)).then_some('①'.len_utf8())?
    } else {
        let n = find(line, '、')?;
        (numeral(&line[..n]) || ascii_digits(&line[..n])).then_some(n + '、'.len_utf8())?
    };
    let (head, rest) = line.split_at(end);
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some((head, rest))
}

/// Where a number closed by a parenthesis ends, in its Chinese forms: `1）`, `a）`, `1)、`,
/// `a)、`, `1）、`, or `1)` and `a)` followed at once by Chinese text.
pub(super) fn closed_number(line: &str) -> Option<usize> {
    let digits = line.bytes().take(4).take_while(u8::is_ascii_digit).count();
    let len = match digits {
        1..=3 => digits,
        0 if line.starts_with(|c: char| c.is_ascii_lowercase()) => 1,
        _ => return None,
    };
    let after = &line[len..];
    let (full_width, after) = match after.strip_prefix('）') {
        Some(a) => (true, a),
        None => (false, after.strip_prefix(')')?),
    };
    // A `、` after the parenthesis is part of the number as printed, as in `1、`.
    let (after, enumerated) = match after.strip_prefix('、') {
        Some(a) => (a, true),
        None => (after, false),
    };
    // After a bare ASCII `1)` only Chinese text makes it a number here (`a)b` is no clause);
    // followed by a space it is the ASCII form, read by `clause_number`.
    (full_width || enumerated || after.starts_with(starts_chinese))
        .then_some(line.len() - after.len())
}
