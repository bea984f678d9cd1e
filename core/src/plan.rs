//! What the widget shows for one sign-up, decided from plain values: which agreements apply,
//! which were accepted here already (and are not asked again), which are asked again and what
//! changed since, the precedence sentence of each supplement, and the consent flow to start.
//! Pure: `cargo test` checks it for every seed sign-up (`tests/plan.rs`); the widget renders it.

use crate::agreement::{Date, Highlight};
use crate::catalog::{language_matches, Catalog};
use crate::consent::{Ahead, ConsentState, Organization, Progress, Requirements};
use crate::contract::{ErrorCode, Help, QuestionDetail};
use crate::i18n::{fill, Key, Lang};
use crate::reconsent::{decide_among, AcceptedVersion, AcceptedVersions, Change, Decision};

/// One sign-up, as the host describes it.
#[derive(Clone, Copy, Debug)]
pub struct SignUp<'a> {
    /// Provider key.
    pub provider: &'a str,
    /// Product keys, separated by white space.
    pub products: &'a str,
    /// The language asked for (the agreements' language where published; the UI language).
    pub lang: &'a str,
    /// What acceptance requires.
    pub requirements: Requirements,
    /// The organisation the person accepts for, if the host named one.
    pub organization: Option<&'a Organization>,
    /// The day of the sign-up: versions effective later are announced, not current. Without
    /// it every published version is in effect.
    pub today: Option<Date>,
}

/// Names one consent flow: the agreements asked (id and hash) and the requirements. A new
/// value starts a fresh flow; the same value keeps the person's progress across renders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlowKey {
    requirements: Option<Requirements>,
    organization: Option<Organization>,
    agreements: Vec<(String, String)>,
    /// For "already accepted": the titles shown, so that a change is announced again.
    already: Vec<String>,
}

/// An agreement asked for again: the version accepted before and what changed since.
#[derive(Clone, Debug, PartialEq)]
pub struct Reconsent {
    /// The version accepted before.
    pub previous: String,
    /// The changes, clause by clause.
    pub changes: Vec<Change>,
}

/// The next version of an agreement shown, published but not yet in effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Announcement {
    /// Its position in [`Catalog::all`].
    pub index: usize,
    /// Its version.
    pub version: String,
    /// The day it takes effect (`YYYY-MM-DD`).
    pub effective: String,
    /// Its content hash.
    pub hash: String,
    /// What changes from the version shown, clause by clause.
    pub changes: Vec<Change>,
}

/// One agreement shown to the person.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// Its position in [`Catalog::all`].
    pub index: usize,
    /// Agreement id.
    pub id: String,
    /// Version shown.
    pub version: String,
    /// Title.
    pub title: String,
    /// Content hash of the version shown.
    pub hash: String,
    /// For a supplement: how it relates to the agreement it supplements, in the UI language.
    pub precedence: Option<String>,
    /// Set when an earlier version was accepted and this one requires accepting again.
    pub reconsent: Option<Reconsent>,
    /// Set when the text is not in the interface language (no text in it is published): which
    /// language it is in, said in the interface language.
    pub text_language: Option<String>,
    /// The next version, when one is announced.
    pub announced: Option<Announcement>,
}

impl Shown {
    /// The detail of `consent-question` when the person asks about `highlight` of this
    /// agreement: the clause, its kind and text, and the help address opened for it, if the
    /// host gave one.
    pub fn question(
        &self,
        highlight: &Highlight<'_>,
        lang: Lang,
        help: Option<&Help>,
    ) -> QuestionDetail {
        let mut detail = QuestionDetail {
            agreement: self.id.clone(),
            version: self.version.clone(),
            title: self.title.clone(),
            clause: highlight.block.number().map(str::to_string),
            highlight: highlight.id.to_string(),
            kind: highlight.kind.as_str(),
            text: highlight.text.to_string(),
            lang: lang.tag(),
            opened: None,
        };
        detail.opened = help.map(|h| detail.help_address(h));
        detail
    }
}

/// A newer version recorded as accepted without asking (it does not require re-acceptance).
pub type Recorded = (String, AcceptedVersion);

/// The agreements to ask for.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    /// In order: base agreements first, supplements after.
    pub shown: Vec<Shown>,
    /// Newer versions of other applicable agreements, recorded without asking.
    pub recorded: Vec<Recorded>,
    /// The flow this names.
    pub flow: FlowKey,
    /// The flow's starting state.
    pub initial: ConsentState,
}

/// What the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    /// Agreements to read and accept.
    Ask(Ask),
    /// Everything applicable was accepted here already: their titles, and newer versions
    /// recorded without asking.
    AlreadyAccepted {
        /// Titles of the applicable agreements.
        titles: Vec<String>,
        /// Newer versions recorded without asking.
        recorded: Vec<Recorded>,
        /// The flow this names.
        flow: FlowKey,
    },
}

/// Why nothing can be shown: the code the host receives and the message the person reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    /// The `consent-error` code.
    pub code: ErrorCode,
    /// The message, in the UI language where the widget words it, else the catalogue's.
    pub message: String,
}

/// Checks what can be checked before any agreement is loaded: a provider is named.
pub fn check_signup(signup: &SignUp<'_>) -> Result<(), PlanError> {
    if signup.provider.trim().is_empty() {
        return Err(PlanError {
            code: ErrorCode::MissingAttribute,
            message: fill(
                Lang::from_tag(signup.lang),
                Key::MissingAttribute,
                &[("name", "provider")],
            ),
        });
    }
    Ok(())
}

/// Decides what to show for `signup` from `catalog`, given what was `accepted` here before.
pub fn plan(
    catalog: &Catalog,
    signup: &SignUp<'_>,
    accepted: &AcceptedVersions,
) -> Result<Plan, PlanError> {
    check_signup(signup)?;
    let ui = Lang::from_tag(signup.lang);
    let products: Vec<&str> = signup.products.split_whitespace().collect();
    let applicable = catalog
        .select_at(signup.provider, &products, signup.lang, signup.today)
        .map_err(|e| PlanError {
            code: e.error_code(),
            message: e.to_string(),
        })?;
    let all = catalog.all();
    let mut shown = Vec::new();
    let mut recorded = Vec::new();
    let mut titles = Vec::new();
    for a in &applicable {
        let meta = &a.agreement.meta;
        titles.push(meta.title.clone());
        // Its own hash and those of the texts declared translations of it.
        let before = accepted.get(&meta.id);
        let remembered = |version: &str| {
            before
                .filter(|b| b.version == version)
                .map(|b| b.sha256.as_str())
        };
        let equivalent = catalog.equivalent_hashes_for(a.agreement, remembered(&meta.version));
        let hashes: Vec<&str> = equivalent.iter().map(String::as_str).collect();
        // Accepted ahead: the announced version was accepted with the current one before.
        if let (Some((next, _)), Some(before)) = (&a.announced, before) {
            if before.version == next.meta.version
                && catalog
                    .equivalent_hashes_for(next, Some(&before.sha256))
                    .contains(&before.sha256)
            {
                continue;
            }
        }
        let reconsent = match decide_among(catalog, a.agreement, &hashes, accepted) {
            Decision::Ask => None,
            Decision::AskAgain { previous } => {
                let changes = catalog
                    .text_in(&meta.id, &previous, &meta.language)
                    .map(|before| catalog.changes(before, a.agreement))
                    .unwrap_or_default();
                Some(Reconsent { previous, changes })
            }
            Decision::AlreadyAccepted => continue,
            Decision::RecordWithoutAsking { .. } => {
                let accepted_at = accepted
                    .get(&meta.id)
                    .map(|v| v.accepted_at.clone())
                    .unwrap_or_default();
                recorded.push((
                    meta.id.clone(),
                    AcceptedVersion {
                        version: meta.version.clone(),
                        sha256: a.hash.clone(),
                        accepted_at,
                    },
                ));
                continue;
            }
        };
        let Some(index) = all.iter().position(|b| std::ptr::eq(b, a.agreement)) else {
            continue;
        };
        shown.push(Shown {
            index,
            id: meta.id.clone(),
            version: meta.version.clone(),
            title: meta.title.clone(),
            hash: a.hash.clone(),
            precedence: a.precedence.as_ref().map(|p| p.sentence(ui)),
            reconsent,
            text_language: (!language_matches(&meta.language, ui.tag())).then(|| {
                fill(
                    ui,
                    Key::TextLanguageOnly,
                    &[("language", &ui.name_of(&meta.language))],
                )
            }),
            announced: a.announced.as_ref().and_then(|(next, hash)| {
                Some(Announcement {
                    index: all.iter().position(|b| std::ptr::eq(b, *next))?,
                    version: next.meta.version.clone(),
                    effective: next.meta.effective.to_string(),
                    hash: hash.clone(),
                    changes: catalog.changes(a.agreement, next),
                })
            }),
        });
    }
    if shown.is_empty() {
        return Ok(Plan::AlreadyAccepted {
            flow: FlowKey {
                already: titles.clone(),
                ..FlowKey::default()
            },
            titles,
            recorded,
        });
    }
    let progress = shown
        .iter()
        .map(|s| Progress {
            id: s.id.clone(),
            version: s.version.clone(),
            hash: s.hash.clone(),
            effective: all[s.index].meta.effective.to_string(),
            title: s.title.clone(),
            highlights: all[s.index]
                .highlights()
                .map(|h| h.id.to_string())
                .collect(),
            displayed_at: None,
            reached_end: false,
            questions_asked: Vec::new(),
            ahead: s.announced.as_ref().map(|n| Ahead {
                version: n.version.clone(),
                hash: n.hash.clone(),
                effective: n.effective.clone(),
                accepted: false,
            }),
        })
        .collect();
    let flow = FlowKey {
        requirements: Some(signup.requirements),
        organization: signup.organization.cloned(),
        agreements: shown
            .iter()
            .map(|s| (s.id.clone(), s.hash.clone()))
            .collect(),
        already: Vec::new(),
    };
    Ok(Plan::Ask(Ask {
        initial: ConsentState::new(signup.requirements, progress)
            .for_organization(signup.organization.cloned()),
        shown,
        recorded,
        flow,
    }))
}
