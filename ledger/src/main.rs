//! `consent-terms-ledger`: the consent ledger service and its offline export check, the same
//! commands as `consent-terms serve` and `consent-terms ledger ...` (one parser,
//! [`consent_terms_ledger::cli`]).

use clap::Parser;
use consent_terms_ledger::cli::{self, Command};
use std::process::ExitCode;

/// The consent ledger service and its offline export check.
#[derive(Parser)]
#[command(name = "consent-terms-ledger", version, after_help = cli::EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    // Usage errors exit 2 (clap's code); `--help` and `--version` exit 0.
    cli::run(Cli::parse().command)
}
