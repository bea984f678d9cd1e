//! The sentences a receipt signs: the assent control's words and the authority statement,
//! built from the assent mode, the interface language, the agreements' titles and the
//! organisation's name. Written once, here: the widget shows them, `prerender` writes the
//! accept button with them, and the verifier requires a record's `assent.wording` and
//! `organization.authority` to be exactly these words, so that a record saying "I do NOT
//! agree." is refused rather than trusted. Pure.
//!
//! ```
//! use consent_terms_core::consent::AssentMode;
//! use consent_terms_core::i18n::Lang;
//! use consent_terms_core::wording::{assent_wording, authority_wording};
//!
//! let titles = ["Agreement of Kingsoft Cloud Service", "Kingsoft Cloud CDN Service Agreement"];
//! assert_eq!(
//!     assent_wording(AssentMode::Checkbox, Lang::En, &titles),
//!     "I have read and agree to the Agreement of Kingsoft Cloud Service and the Kingsoft Cloud CDN Service Agreement."
//! );
//! assert_eq!(
//!     authority_wording(Lang::En, "ACME Ltd"),
//!     "I am authorised to accept these terms on behalf of ACME Ltd."
//! );
//! ```

use crate::consent::{AssentMode, ConsentState};
use crate::i18n::{fill, text, title_list, Key, Lang};

/// The words of the assent control for agreements titled `titles`, in the order shown: the
/// checkbox's label ("I have read and agree to the …."), or the single button's ("Agree and
/// register: by clicking, I agree to the …").
pub fn assent_wording(mode: AssentMode, lang: Lang, titles: &[&str]) -> String {
    let titles = title_list(lang, titles);
    match mode {
        AssentMode::Checkbox => fill(lang, Key::AssentLabel, &[("titles", &titles)]),
        AssentMode::Button => fill(lang, Key::AgreeAndRegisterButton, &[("titles", &titles)]),
    }
}

/// The authority statement the person ticks to accept for `organization` (its name as the
/// host gave it).
pub fn authority_wording(lang: Lang, organization: &str) -> String {
    fill(lang, Key::AuthorityLabel, &[("organization", organization)])
}

/// [`assent_wording`] for the flow `state`: its mode and the titles of its agreements.
pub fn assent_of(lang: Lang, state: &ConsentState) -> String {
    let titles: Vec<&str> = state.agreements.iter().map(|a| a.title.as_str()).collect();
    assent_wording(state.requirements.mode, lang, &titles)
}

/// [`authority_wording`] for the flow's organisation, if it has one.
pub fn authority_of(lang: Lang, state: &ConsentState) -> Option<String> {
    let o = state.organization.as_ref()?;
    Some(authority_wording(lang, &o.name))
}

/// The accept button's label for the flow `state`: "Accept and continue" after the assent
/// checkbox, or, in button mode, the assent wording itself (the button is the assent).
pub fn accept_label(lang: Lang, state: &ConsentState) -> String {
    match state.requirements.mode {
        AssentMode::Checkbox => text(lang, Key::AcceptButton).to_string(),
        AssentMode::Button => assent_of(lang, state),
    }
}
