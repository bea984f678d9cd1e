//! The subject of an English phrase: the party named nearest before it in its sentence, or
//! the one a sentence carries over from the ones before it.

use super::{Parties, Subject, Token, NOT_NAMES, PERSON, PROVIDER};

/// The nearest subject before word `at` of an English sentence; `names` holds the provider's
/// names from the header and the names the agreement gives the person (lower case). A
/// capitalised word that is not a common word, nor a name of the person, counts as a name of
/// the provider, unless the sentence is written in capitals throughout.
pub(super) fn english_subject(sentence: &[Token], at: usize, names: &Parties) -> Subject {
    let near = &sentence[at.saturating_sub(40)..(at + 40).min(sentence.len())];
    let shouting = near.iter().filter(|t| t.cap).count() * 2 > near.len() + 2;
    // At most 40 words back: a subject governs the words near it, and a long sentence then
    // costs no more per match.
    for t in sentence[at.saturating_sub(40)..at].iter().rev() {
        let w = t.norm.as_str();
        // `I` is the person; the `i` of `(i)` numbers a list.
        if PERSON.contains(&w) && (w != "i" || t.cap) {
            return Subject::Person;
        }
        if t.cap && names.person.iter().any(|n| n == w) {
            return Subject::Person;
        }
        if PROVIDER.contains(&w) || names.provider.iter().any(|n| n == w) {
            return Subject::Provider;
        }
        if t.cap && !shouting && !NOT_NAMES.contains(&w) && w.chars().any(char::is_alphabetic) {
            return Subject::Provider;
        }
    }
    Subject::Unknown
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
/// An item of a list run into a sentence (`(3) deny access`) has the subject its list began with.
pub(super) fn carried_subject(sentences: &[Vec<Token>], n: usize, names: &Parties) -> Subject {
    let listed = sentences[n].first().is_some_and(|t| t.enumerator);
    let mut i = n;
    while i > 0 && n - i < 4 && sentences[i].first().is_some_and(|t| t.continues) {
        i -= 1;
        let s = &sentences[i];
        let upto = if listed {
            s.iter().position(|t| t.enumerator).unwrap_or(s.len())
        } else {
            s.len()
        };
        match english_subject(s, upto, names) {
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
