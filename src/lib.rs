//! consent-terms: the agreements that apply to a sign-up, with the clauses that exempt or
//! limit the provider's liability made conspicuous, click-to-accept consent, and the evidence
//! of it.
//!
//! The crate is split by purity. The agreement model, the source [`parse`]r, the
//! [`canonical`] hash, the [`catalog`], the lint and the [`bundle`] format are the core's
//! (`consent-terms-core`, in `core/`), which imports no browser API and runs under plain
//! `cargo test`; this crate re-exports them, and the Yew widget (`widget`, wasm32 only) is a
//! thin layer over them.
//!
//! ```
//! use consent_terms::catalog::{bundled_sources, Catalog};
//!
//! let catalog = Catalog::from_sources(&bundled_sources()).expect("shipped agreements are valid");
//! let applicable = catalog.select("kingsoft", &["cdn"], "en").expect("known provider and product");
//! let ids: Vec<&str> = applicable.iter().map(|a| a.agreement.meta.id.as_str()).collect();
//! assert_eq!(ids, ["kingsoft-general", "kingsoft-cdn"]);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The pure modules are the core's (`core/`), re-exported so that `consent_terms::parse` and
// the rest name the same items for the widget, its tests and the documentation.
pub use consent_terms_core::{
    agreement, bundle, canonical, catalog, compiled, consent, contract, copy, i18n, json, parse,
    plan, prerender, receipt, reconsent, wording,
};
// The author's and the verifier's tools: native only, never in the widget's wasm.
#[cfg(not(target_arch = "wasm32"))]
pub use consent_terms_core::{import, lint, notice, requirements, site, verify};

#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
pub mod widget;
