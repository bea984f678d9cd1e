//! A list item read with its lead-in: `GitHub does not and cannot:` → `- Guarantee the receipt
//! of any payment` says that GitHub does not guarantee it, while the item alone says nothing.
//!
//! The lead-in is the block just before a run of list items (or of numbered clauses), in the
//! same section, that ends with `:` or `：`. Each item of the run is read as the lead-in's last
//! sentence followed by the item, so that the lead-in's subject, negation and verb carry into it:
//! `We do not warrant that:` + `- the service will be uninterrupted` excludes a warranty, `You
//! agree not to:` + `- remove any notices` is no power of the provider's.

use super::{is_title_line, read_in, ClauseKind, Reading};
use crate::agreement::BlockKind;
use std::collections::BTreeSet;

/// The lead-in that governs a block: its line and the words the items complete.
#[derive(Clone, Debug)]
pub(super) struct LeadIn {
    /// The lead-in's line.
    pub line: usize,
    /// Its last sentence, without the colon.
    pub text: String,
}

/// Reads the blocks of an agreement in order as [`super::lint`] does: an item that completes the
/// lead-in above it is read with it, a heading, a title line and a table of contents' entry read
/// as nothing. `consent-terms import --propose` reads its draft's blocks so, that what it
/// proposes is what the lint then asks for.
pub struct Reader<'a> {
    names: &'a [&'a str],
    person: &'a [String],
    headings: BTreeSet<String>,
    leads: Leads,
    of_lead: Option<(usize, Vec<ClauseKind>)>,
}

impl<'a> Reader<'a> {
    /// `names` are the provider's names, `person` the names the agreement gives the person
    /// ([`super::person_names`]), `headings` the text of its headings: a list item that repeats
    /// one is an entry of a table of contents (`- 管辖法律`).
    pub fn new(
        names: &'a [&'a str],
        person: &'a [String],
        headings: impl IntoIterator<Item = String>,
    ) -> Self {
        Reader {
            names,
            person,
            headings: headings.into_iter().map(|h| h.trim().to_string()).collect(),
            leads: Leads::default(),
            of_lead: None,
        }
    }

    /// What the next block reads as: its `kind`, its `line`, its plain `text`, and `unmarked`,
    /// the same text without what is already highlighted. A reading read only with the
    /// lead-in comes with the lead-in's line.
    pub fn read(
        &mut self,
        kind: &BlockKind,
        line: usize,
        text: &str,
        unmarked: &str,
    ) -> Vec<(Reading, Option<usize>)> {
        let lead_in = self.leads.next(kind, line, text);
        let title = match kind {
            BlockKind::Heading(_) => true,
            BlockKind::ListItem => {
                names_a_section(unmarked) || self.headings.contains(unmarked.trim())
            }
            _ => is_title_line(text) || is_capital_title(text),
        };
        if title {
            return Vec::new();
        }
        let (names, person) = (self.names, self.person);
        let alone = read_in(unmarked, names, person);
        let read = &mut |t: &str| read_in(t, names, person);
        read_with_lead_in(alone, lead_in.as_ref(), unmarked, read, &mut self.of_lead)
    }
}

/// Whether a line of text is a section title written in capitals (`DISCLAIMERS OF WARRANTY AND
/// LIMITATIONS OF LIABILITY.`, `GOVERNING LAW AND JURISDICTION.`): a few words in capitals, one
/// sentence at most, and no verb that would make it a clause (`THE SERVICE IS PROVIDED AS IS.`
/// is one).
fn is_capital_title(text: &str) -> bool {
    const VERBS: &[&str] = &[
        "IS", "ARE", "WAS", "BE", "BEEN", "SHALL", "WILL", "MAY", "MUST", "CAN", "CANNOT", "DO",
        "DOES", "NOT", "HAVE", "HAS", "AGREE", "ACCEPT", "WAIVE", "PROVIDE", "PROVIDED",
    ];
    let t = text.trim().trim_end_matches(['.', ':']);
    let words: Vec<&str> = t.split_whitespace().collect();
    let letters = || t.chars().filter(|c| c.is_alphabetic());
    (2..=10).contains(&words.len())
        && letters().all(|c| c.is_uppercase())
        && !t.contains(['.', ';', ',', '!', '?'])
        && !words
            .iter()
            .any(|w| VERBS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
}

/// What an item that completes its lead-in ([`completes`]: it does not end as a
/// sentence does) reads as, from what it reads as `alone`: the kinds the two
/// read as together, an item's own reading kept where the lead-in does not undo it (`You agree
/// not to:` → `- remove any notices` is no removal), and a kind read only together (with the
/// lead-in's line) where the lead-in alone does not say it. A lead-in that says a kind itself
/// (`GitHub disclaims any liability regarding:`) is the clause to mark; its items only name what
/// it covers.
fn read_with_lead_in(
    alone: Vec<Reading>,
    lead: Option<&LeadIn>,
    item: &str,
    read: &mut dyn FnMut(&str) -> Vec<Reading>,
    of_lead: &mut Option<(usize, Vec<ClauseKind>)>,
) -> Vec<(Reading, Option<usize>)> {
    let Some(lead) = lead.filter(|_| completes(item)) else {
        return alone.into_iter().map(|r| (r, None)).collect();
    };
    let together = read(&with_lead_in(lead, item));
    // What the lead-in alone reads as, once per lead-in for all its items.
    if of_lead.as_ref().is_none_or(|(line, _)| *line != lead.line) {
        let kinds = read(&lead.text).into_iter().map(|r| r.kind).collect();
        *of_lead = Some((lead.line, kinds));
    }
    let of_lead: &[ClauseKind] = of_lead.as_ref().map_or(&[], |(_, k)| k);
    let mut out: Vec<(Reading, Option<usize>)> = alone
        .into_iter()
        .filter(|a| together.iter().any(|t| t.kind == a.kind))
        .map(|a| (a, None))
        .collect();
    for t in together {
        let new = !out.iter().any(|(a, _)| a.kind == t.kind);
        if new && !of_lead.contains(&t.kind) {
            out.push((t, Some(lead.line)));
        }
    }
    out
}

/// Follows the blocks of an agreement in order and says which lead-in governs each.
#[derive(Default)]
pub(super) struct Leads {
    /// The open lead-in, and the kind of block its run is made of once the run has begun.
    open: Option<(LeadIn, Option<Run>)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Items,
    Clauses,
}

/// The run a block can belong to: list items, or clauses numbered as the items of a list are
/// (`(a)`, `(ii)`, `1)`, `（1）`, `①`). A clause numbered as a section is (`7.3.1`, `2.`) says
/// what it says on its own.
fn run_of(kind: &BlockKind) -> Option<Run> {
    match kind {
        BlockKind::ListItem => Some(Run::Items),
        BlockKind::Clause(n) if lettered(n) => Some(Run::Clauses),
        _ => None,
    }
}

fn lettered(number: &str) -> bool {
    let n = number.trim_end_matches('、');
    n.starts_with(['(', '（'])
        || n.ends_with([')', '）'])
        || n.chars().all(|c| ('\u{2460}'..='\u{2473}').contains(&c))
}

impl Leads {
    /// The lead-in that governs `block` (`text` is its plain text), then `block` itself
    /// becomes the lead-in of what follows if it ends with a colon.
    pub fn next(&mut self, kind: &BlockKind, line: usize, text: &str) -> Option<LeadIn> {
        let run = run_of(kind);
        let governing = match (self.open.take(), run) {
            (Some((lead, None)), Some(r)) => {
                self.open = Some((lead.clone(), Some(r)));
                Some(lead)
            }
            (Some((lead, Some(open))), Some(r)) if open == r => {
                self.open = Some((lead.clone(), Some(r)));
                Some(lead)
            }
            _ => None,
        };
        if matches!(kind, BlockKind::Heading(_)) {
            self.open = None;
        } else if let Some(words) = text.trim_end().strip_suffix([':', '：']) {
            let words = last_sentence(words).trim();
            if !words.is_empty() {
                // A nested list: an item ending with a colon leads the items below it; the
                // outer run resumes with no lead-in of its own.
                self.open = Some((
                    LeadIn {
                        line,
                        text: words.to_string(),
                    },
                    None,
                ));
            }
        } else if run.is_none() {
            self.open = None;
        }
        governing
    }
}

/// The last sentence of `text` (English or Chinese sentence ends).
fn last_sentence(text: &str) -> &str {
    let mut from = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|n| n.1);
        let ends = match c {
            '。' | '！' | '？' | '；' | ';' => true,
            '.' | '!' | '?' => {
                next.is_some_and(char::is_whitespace)
                    && chars[k + 1..]
                        .iter()
                        .find(|n| !n.1.is_whitespace())
                        .is_some_and(|n| n.1.is_uppercase() || !n.1.is_ascii())
                    && !single_letter_before(text, at)
            }
            _ => false,
        };
        if ends {
            from = at + c.len_utf8();
        }
    }
    &text[from..]
}

/// Whether the word before byte `at` is one letter (`(a).`, `U.S.`), which ends no sentence.
fn single_letter_before(text: &str, at: usize) -> bool {
    let word: Vec<char> = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    word.len() == 1 && word[0].is_alphabetic()
}

/// Whether an item only completes its lead-in: it does not end as a sentence does (`-
/// Guarantee the receipt of any payment`, `- 帐户暂停`, `- (ii) the disabling of repositories;`).
/// An item that ends with a full stop says what it says on its own (`酱茄有权对违反上述承诺的内容予以删除。`).
pub(super) fn completes(item: &str) -> bool {
    !item
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', '）', '」'])
        .ends_with(['.', '!', '?', '。', '！', '？'])
}

/// The text an item reads as with its lead-in: the lead-in's words, then the item's.
pub(super) fn with_lead_in(lead: &LeadIn, item: &str) -> String {
    let han = |c: Option<char>| c.is_some_and(|c| u32::from(c) >= 0x2E80);
    if han(lead.text.chars().last()) || han(item.trim_start().chars().next()) {
        format!("{}{}", lead.text, item.trim_start())
    } else {
        format!("{} {}", lead.text, item.trim_start())
    }
}

/// Whether a list item names a section rather than saying anything: a table of contents'
/// entry, a few words in title case with no sentence in them (`- Limitation of Liability`,
/// `- Governing Law`), while `- Suspending a user account or organization` completes its
/// lead-in.
pub(super) fn names_a_section(item: &str) -> bool {
    let t = item.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && !t.ends_with(['.', '!', '?', ';', ':', ','])
        && t.chars().all(|c| c.is_ascii() || c.is_alphabetic())
        && words.iter().all(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() < 4 || letters[0].is_uppercase()
        })
}
