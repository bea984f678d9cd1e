//! What the widget shows, decided from the sign-up, the catalogue's load, what was accepted
//! before and whether WebCrypto is there: the pure [`crate::plan`] asked with this render's
//! values.

use super::hooks::{Accepted, Load, ShownTexts};
use super::{CatalogRef, ConsentTermsProps};
use crate::contract::ErrorCode;
use crate::i18n::{text, Key, Lang};
use crate::plan::{check_signup, plan, FlowKey, Plan, SignUp};
use crate::reconsent::AcceptedVersions;
use crate::web::today_utc;

/// What the widget shows.
pub enum View {
    /// The catalogue or what was accepted is not known yet.
    Loading,
    /// Nothing can be asked: the code and message shown and reported.
    Failed(ErrorCode, String),
    /// The plan for the catalogue loaded.
    Planned(CatalogRef, Plan),
}

/// What the widget shows for `props`.
pub fn view_of(props: &ConsentTermsProps, load: &Load, accepted: &Accepted, crypto: bool) -> View {
    let signup = SignUp {
        provider: &props.provider,
        products: &props.products,
        lang: &props.lang,
        requirements: props.requirements,
        organization: props.organization.as_ref(),
        today: props.today.or_else(today_utc),
    };
    if let Err(e) = check_signup(&signup) {
        return View::Failed(e.code, e.message);
    }
    if !crypto {
        let lang = Lang::from_tag(&props.lang);
        return View::Failed(
            ErrorCode::WebCryptoUnavailable,
            text(lang, Key::WebCryptoUnavailable).into(),
        );
    }
    match load {
        Load::Failed(code, message) => View::Failed(*code, message.clone()),
        Load::Loading => View::Loading,
        Load::Loaded(_) if accepted.pending => View::Loading,
        Load::Loaded(catalog) => match plan(
            &catalog.0,
            &signup,
            accepted
                .versions
                .as_ref()
                .unwrap_or(&AcceptedVersions::new()),
        ) {
            Ok(p) => View::Planned(catalog.clone(), p),
            Err(e) => View::Failed(e.code, e.message),
        },
    }
}

impl View {
    /// The failure shown, if it is one.
    pub fn failure(&self) -> Option<(ErrorCode, String)> {
        match self {
            View::Failed(code, message) => Some((*code, message.clone())),
            _ => None,
        }
    }

    /// The plan, once there is one.
    pub fn plan(&self) -> Option<Plan> {
        match self {
            View::Planned(_, p) => Some(p.clone()),
            _ => None,
        }
    }

    /// The flow shown: a new one starts when it changes.
    pub fn flow_key(&self) -> FlowKey {
        match self {
            View::Planned(_, Plan::Ask(ask)) => ask.flow.clone(),
            View::Planned(_, Plan::AlreadyAccepted { flow, .. }) => flow.clone(),
            _ => FlowKey::default(),
        }
    }

    /// The catalogue and, for each agreement asked, where its text and its announced
    /// version's are in it: the texts the person's copy holds.
    pub fn texts(&self) -> Option<(CatalogRef, Vec<ShownTexts>)> {
        match self {
            View::Planned(catalog, Plan::Ask(ask)) => Some((
                catalog.clone(),
                ask.shown
                    .iter()
                    .map(|s| (s.index, s.announced.as_ref().map(|n| n.index)))
                    .collect(),
            )),
            _ => None,
        }
    }
}
