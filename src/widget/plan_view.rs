//! What the widget shows, decided from the sign-up, the catalogue's load, what was accepted
//! before and whether WebCrypto is there: the pure [`crate::plan`] asked with this render's
//! values.

use super::hooks::{Accepted, Load};
use super::{CatalogRef, ConsentTermsProps};
use crate::contract::ErrorCode;
use crate::i18n::{text, Key, Lang};
use crate::plan::{check_signup, plan, Plan, SignUp};
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
}
