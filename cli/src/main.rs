//! `consent-terms`: the command line for authors and backends.
//!
//! ```text
//! consent-terms lint <dir>      the clauses to mark that are not highlighted, below <dir>
//! consent-terms import <file>   a draft agreement source from a published text, HTML or Markdown
//! consent-terms hash <file>     canonical SHA-256 of one agreement version
//! consent-terms bundle <dir>... [--provider P [--products A,B]]
//!                      the compiled agreements bundle (JSON) of each <dir>, on standard output
//! consent-terms text <dir>      the plain text a person reads of every source below <dir>
//! consent-terms prerender --provider P [--products "A B"] [--lang L] [--mode checkbox|button] <dir>...
//!                      the widget's first screen as a declarative shadow root, on standard output
//! consent-terms site <dir>... --out <dir> [--lang en|zh-CN|both] [--date D] [--base-url URL]
//!                      the legal center: every version, its changes and hash, lookup, feed
//! consent-terms verify <receipt-file> --agreements <dir> (--nonce N | --no-nonce)
//!                      (--audience ORIGIN | --no-audience) (--max-age SECONDS | --no-max-age)
//!                      [--key-thumbprint T] [--provider P [--products "A B"] [--versions ...]]
//!                      [--require-read] [--require-ack] [--assent-mode MODE] | [--policy FILE]
//!                      [--issued-at T] [--expires-at T] [--clock-skew SECONDS]
//! consent-terms serve ...       the consent ledger service (`consent_terms_ledger::cli`)
//! consent-terms ledger ...      the ledger's other commands, e.g. `ledger verify-export`
//! ```
//!
//! One parser for every subcommand, the ledger's included; each subcommand is a module whose
//! `run` returns its exit code or a [`Failure`], whose reason is already on standard error.

use clap::{Parser, Subcommand};
use consent_terms_core::agreement::Date;
use consent_terms_core::catalog::{Catalog, CatalogError, Source};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Why a command stopped early: the exit code, its reason already on standard error.
struct Failure(ExitCode);

fn fail(code: u8) -> Failure {
    Failure(ExitCode::from(code))
}

/// Writes to standard output, for every command. A reader that stopped reading early (`|
/// head`) wanted no more: the command stops there and exits 0, without a word.
fn write_out(text: std::fmt::Arguments) -> Result<(), Failure> {
    use std::io::Write;
    match std::io::stdout().lock().write_fmt(text) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure(ExitCode::SUCCESS)),
        Err(e) => {
            eprintln!("cannot write to standard output: {e}");
            Err(fail(2))
        }
    }
}

/// `print!` through [`write_out`].
macro_rules! out {
    ($($text:tt)*) => {
        $crate::write_out(format_args!($($text)*))
    };
}

/// `println!` through [`write_out`].
macro_rules! outln {
    ($($text:tt)*) => {
        $crate::write_out(format_args!("{}\n", format_args!($($text)*)))
    };
}

// One module per subcommand (after the macros above, which they use).
mod bundle;
mod hash;
mod import;
mod lint;
mod prerender;
mod site;
mod text;
mod verify;

/// The command line for agreement authors and backends.
#[derive(Parser)]
#[command(name = "consent-terms", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 success (lint warnings allowed), 1 invalid input found, \
2 usage or I/O error, 10-30 and 40-44 the receipt check that failed (`consent-terms verify --help`).";

#[derive(Subcommand)]
enum Command {
    /// Report the clauses a person must be shown that are not highlighted (liability, burdens,
    /// changes, termination, removal, contract by using, law, forum, licences, fees), and
    /// highlights that read as none of them
    Lint {
        /// A directory of agreement sources (*.md), or one source file (checked on its own:
        /// without the catalogue's checks and notice periods)
        dir: PathBuf,
    },
    /// Write a draft agreement source from a text as published (plain text, HTML or
    /// Markdown): clause numbers, headings, lists; invisible characters removed and reported
    Import(import::ImportArgs),
    /// Print the canonical SHA-256 of one agreement version
    Hash {
        /// One agreement source file
        file: PathBuf,
    },
    /// Print the compiled agreements bundle (JSON) of every source below each directory, or of
    /// one sign-up's agreements
    Bundle {
        /// Directories of agreement sources
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Only the agreements of a sign-up with this provider (every version, announced ones
        /// included, in every language)
        #[arg(long, value_name = "P")]
        provider: Option<String>,
        /// With --provider: the sign-up's product keys, separated by commas or spaces
        #[arg(long, value_name = "A,B", requires = "provider")]
        products: Option<String>,
    },
    /// Print the plain text a person reads of every source below a directory
    Text {
        /// A directory of agreement sources
        dir: PathBuf,
    },
    /// Print the widget's first screen for a sign-up as a declarative shadow root, to put
    /// inside <consent-terms>: the terms are readable before (or without) the widget's code
    Prerender(prerender::PrerenderArgs),
    /// Write the legal center: a static site of every agreement version, its changes, its
    /// content hash, a hash lookup and an Atom feed, in English and Chinese
    Site(site::SiteArgs),
    /// Verify a signed consent receipt; exit 10-30 and 40-44 name the failed check
    Verify(verify::VerifyArgs),
    /// Run the consent ledger service: nonces, verified receipts stored append-only with a
    /// signed witness and a hash chain, re-consent status, export (`consent-terms-ledger serve`)
    Serve(consent_terms_ledger::cli::ServeArgs),
    /// The ledger's other commands, e.g. `ledger verify-export` (`consent-terms-ledger`)
    #[command(after_help = consent_terms_ledger::cli::EXIT_CODES)]
    Ledger {
        #[command(subcommand)]
        command: consent_terms_ledger::cli::Command,
    },
}

fn main() -> ExitCode {
    // Usage errors exit 2 (clap's code); `--help` and `--version` exit 0.
    run(Cli::parse()).unwrap_or_else(|Failure(code)| code)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Lint { dir } => lint::run(&dir),
        Command::Import(args) => import::run(args),
        Command::Hash { file } => hash::run(&file),
        Command::Bundle {
            dirs,
            provider,
            products,
        } => bundle::run(
            &dirs,
            provider.as_deref(),
            products.as_deref().unwrap_or_default(),
        ),
        Command::Text { dir } => text::run(&dir),
        Command::Prerender(args) => prerender::run(args),
        Command::Site(args) => site::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Serve(args) => Ok(consent_terms_ledger::cli::run(
            consent_terms_ledger::cli::Command::Serve(args),
        )),
        Command::Ledger { command } => Ok(consent_terms_ledger::cli::run(command)),
    }
}

fn read_sources(dir: &Path) -> Result<Vec<Source>, Failure> {
    if dir.is_file() {
        eprintln!(
            "{}: is a file, not a directory of agreement sources (one file: `consent-terms lint FILE`, `consent-terms hash FILE`)",
            dir.display()
        );
        return Err(fail(2));
    }
    match Source::read_dir(dir) {
        Ok(s) if s.is_empty() => {
            eprintln!("{}: no agreement sources (*.md) found", dir.display());
            Err(fail(2))
        }
        Ok(s) => Ok(s),
        // The error names the path that failed.
        Err(e) => {
            eprintln!("{e}");
            Err(fail(2))
        }
    }
}

/// Refuses to publish (`bundle`, `prerender`, `site`) a source whose header still holds what
/// `consent-terms import` writes until its author sets it, `provider: provider` or
/// `provider-name: Provider`: each such line is reported with its file and line, exit 1. The
/// lint and the other commands read drafts as they are.
fn refuse_placeholders(sources: &[Source]) -> Result<(), Failure> {
    let mut found = 0;
    for source in sources {
        let header = source.text.lines().enumerate().skip(1);
        for (i, line) in header.take_while(|(_, l)| l.trim() != "---") {
            if matches!(
                line.trim(),
                "provider: provider" | "provider-name: Provider"
            ) {
                found += 1;
                eprintln!(
                    "{}:{}: `{}` is what `consent-terms import` writes until it is set: set the provider before publishing",
                    source.path,
                    i + 1,
                    line.trim()
                );
            }
        }
    }
    if found > 0 {
        eprintln!("{found} error(s)");
        return Err(fail(1));
    }
    Ok(())
}

/// The sources below `dir` and the catalogue they make, or the exit code after reporting why not.
fn load_catalog(dir: &Path) -> Result<(Vec<Source>, Catalog), Failure> {
    let sources = read_sources(dir)?;
    match Catalog::from_sources(&sources) {
        Ok(catalog) => Ok((sources, catalog)),
        Err(errors) => Err(report(&errors)),
    }
}

fn report(errors: &[CatalogError]) -> Failure {
    for e in errors {
        eprintln!("{e}");
    }
    eprintln!("{} error(s)", errors.len());
    fail(1)
}

fn parse_date(v: &str) -> Result<Date, String> {
    Date::parse(v).ok_or_else(|| format!("`{v}` is not a date of the form YYYY-MM-DD"))
}

/// Today's date in UTC, from the system clock.
fn today_utc() -> Option<Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_unix_days(i64::try_from(secs / 86_400).ok()?)
}
