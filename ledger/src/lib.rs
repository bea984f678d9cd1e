//! The consent ledger: a service that issues single-use nonces, verifies consent receipts with
//! the crate's verifier, stores them append-only in SQLite or PostgreSQL with the ledger's own
//! signed witness and a hash chain, answers what a subject must (re-)accept, and exports
//! evidence that [`export::verify_export`] checks offline.
//!
//! Formats (witness, entry hash, export lines) are specified in this crate's README.md
//! ("Evidence formats") and implemented in [`chain`].
#![forbid(unsafe_code)]

#[cfg(feature = "test-helpers")]
pub mod bench;
pub mod chain;
pub mod cli;
#[cfg(feature = "test-helpers")]
pub mod client;
pub mod error;
pub mod export;
pub mod extract;
pub mod nonce;
pub mod policy;
#[cfg(feature = "test-helpers")]
pub mod sample;
pub mod server;
pub mod store;
pub mod time;
