//! consent-terms-core: the agreements that apply to a sign-up, with the clauses that exempt or
//! limit the provider's liability made conspicuous, the consent to them, and the evidence of it,
//! without a browser or a server.
//!
//! The agreement model, the source [`parse`]r, the [`canonical`] hash, the [`catalog`], the
//! [`lint`], the [`bundle`] format and the receipt's [`verify`]er import no browser API and run
//! under plain `cargo test`. The widget (the `consent-terms` package), the command line
//! (`cli/`) and the consent ledger (`ledger/`) are layers over them; none of their dependencies
//! is this crate's.
//!
//! ```
//! use consent_terms_core::catalog::{bundled_sources, Catalog};
//!
//! let catalog = Catalog::from_sources(&bundled_sources()).expect("shipped agreements are valid");
//! let applicable = catalog.select("kingsoft", &["cdn"], "en").expect("known provider and product");
//! let ids: Vec<&str> = applicable.iter().map(|a| a.agreement.meta.id.as_str()).collect();
//! assert_eq!(ids, ["kingsoft-general", "kingsoft-cdn"]);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod agreement;
pub mod bundle;
pub mod canonical;
pub mod catalog;
pub mod compiled;
pub mod consent;
pub mod contract;
pub mod copy;
pub mod i18n;
pub mod json;
// The lint and the importer are the author's tools: native only, never in the widget's wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod lint;
#[cfg(not(target_arch = "wasm32"))]
pub mod notice;
pub mod parse;
pub mod plan;
pub mod prerender;
pub mod receipt;
pub mod reconsent;
#[cfg(not(target_arch = "wasm32"))]
pub mod requirements;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
#[cfg(not(target_arch = "wasm32"))]
pub mod verify;
pub mod wording;
