//! `consent-terms`: the command line for authors and backends.
//!
//! ```text
//! consent-terms lint <dir>      the clauses to mark that are not highlighted, below <dir>
//! consent-terms import <file>   a draft agreement source from a published text, HTML or Markdown
//! consent-terms hash <file>     canonical SHA-256 of one agreement version
//! consent-terms bundle <dir>... [--provider P [--products A,B]]
//!                      the compiled agreements bundle (JSON) of each <dir>, on standard output
//! consent-terms text <dir>      the plain text a person reads of every source below <dir>
//! consent-terms prerender --provider P [--products "A B"] [--lang L] <dir>...
//!                      the widget's first screen as a declarative shadow root, on standard output
//! consent-terms site <dir>... --out <dir> [--lang en|zh-CN|both] [--date D] [--base-url URL]
//!                      the legal center: every version, its changes and hash, lookup, feed
//! consent-terms verify <receipt-file> --agreements <dir> (--nonce N | --no-nonce)
//!                      (--audience ORIGIN | --no-audience) (--max-age SECONDS | --no-max-age)
//!                      [--key-thumbprint T] [--provider P [--products "A B"] [--versions ...]]
//!                      [--require-read] [--require-ack] [--assent-mode MODE] | [--policy FILE]
//!                      [--issued-at T] [--expires-at T] [--clock-skew SECONDS]
//! consent-terms serve ...       the consent ledger service (runs `consent-terms-ledger serve`)
//! consent-terms ledger ...      the ledger's other commands, e.g. `ledger verify-export`
//! ```

#[cfg(not(target_arch = "wasm32"))]
use clap::ArgGroup;
use clap::{Parser, Subcommand};
use consent_terms_core::agreement::Date;
use consent_terms_core::bundle::{catalog_bundle, signup_bundle};
use consent_terms_core::canonical::content_hash;
use consent_terms_core::catalog::{Catalog, CatalogError, Source};
use consent_terms_core::contract::HostOptions;
#[cfg(not(target_arch = "wasm32"))]
use consent_terms_core::import::{import, Format, Options};
#[cfg(not(target_arch = "wasm32"))]
use consent_terms_core::lint::lint;
#[cfg(not(target_arch = "wasm32"))]
use consent_terms_core::notice::{self, NoticeSettings};
use consent_terms_core::parse::parse_agreement;
use consent_terms_core::plan::SignUp;
use consent_terms_core::prerender::{inline_style_source, prerender, Stylesheet};
#[cfg(not(target_arch = "wasm32"))]
use consent_terms_core::requirements::{Requirements, Window, DEFAULT_CLOCK_SKEW_SECONDS};
#[cfg(not(target_arch = "wasm32"))]
use consent_terms_core::verify::{verify_receipt, SignUpPolicy, VerifyOptions, VersionPolicy};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command line for agreement authors and backends.
#[derive(Parser)]
#[command(name = "consent-terms", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 success (lint warnings allowed), 1 invalid input found, \
2 usage or I/O error, 10-29 and 40-44 the receipt check that failed (`consent-terms verify --help`).";

#[derive(Subcommand)]
enum Command {
    /// Report the clauses a person must be shown that are not highlighted (liability, burdens,
    /// changes, termination, removal, contract by using, law, forum, licences, fees), and
    /// highlights that read as none of them
    #[cfg(not(target_arch = "wasm32"))]
    Lint {
        /// A directory of agreement sources (*.md)
        dir: PathBuf,
    },
    /// Write a draft agreement source from a text as published (plain text, HTML or
    /// Markdown): clause numbers, headings, lists; invisible characters removed and reported
    #[cfg(not(target_arch = "wasm32"))]
    Import(ImportArgs),
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
    Prerender(PrerenderArgs),
    /// Write the legal center: a static site of every agreement version, its changes, its
    /// content hash, a hash lookup and an Atom feed, in English and Chinese
    #[cfg(not(target_arch = "wasm32"))]
    Site(SiteArgs),
    /// Verify a signed consent receipt; exit 10-29 and 40-44 name the failed check
    #[cfg(not(target_arch = "wasm32"))]
    Verify(VerifyArgs),
    /// Run the consent ledger service (`consent-terms-ledger serve`; its options follow)
    #[cfg(not(target_arch = "wasm32"))]
    #[command(disable_help_flag = true)]
    Serve {
        /// Passed to `consent-terms-ledger serve`
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
        args: Vec<String>,
    },
    /// The ledger's other commands, e.g. `ledger verify-export` (`consent-terms ledger help`)
    #[cfg(not(target_arch = "wasm32"))]
    #[command(disable_help_flag = true)]
    Ledger {
        /// Passed to `consent-terms-ledger`
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
        args: Vec<String>,
    },
}

/// `consent-terms import`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(clap::Args)]
struct ImportArgs {
    /// The published text: plain text, HTML or Markdown
    file: PathBuf,
    /// Add the lint's findings as proposed highlights, each with its reasons in a comment
    #[arg(long)]
    propose: bool,
    /// Write the draft here instead of on standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// How the file is written (default: from its name and content)
    #[arg(long, value_parser = ["text", "markdown", "html"])]
    format: Option<String>,
    /// The agreement's id (default: from the file name)
    #[arg(long)]
    id: Option<String>,
    /// The title (default: the text's title line)
    #[arg(long)]
    title: Option<String>,
    /// The provider key
    #[arg(long, value_name = "P")]
    provider: Option<String>,
    /// The provider's display name
    #[arg(long, value_name = "NAME")]
    provider_name: Option<String>,
    /// The text's language (default: `zh-CN` when it is mostly Chinese, else `en`)
    #[arg(long, value_name = "L")]
    language: Option<String>,
}

/// `consent-terms prerender`: the same sign-up as the element's attributes.
#[derive(clap::Args)]
struct PrerenderArgs {
    /// Directories of agreement sources: the same agreements as the bundle the widget loads
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// The provider key (`provider` attribute)
    #[arg(long, value_name = "P")]
    provider: String,
    /// The product keys, separated by spaces (`products` attribute)
    #[arg(long, value_name = "\"A B\"", default_value = "")]
    products: String,
    /// The language (`lang` attribute)
    #[arg(long, value_name = "L", default_value = "en")]
    lang: String,
    /// `checkbox` or `button` (`mode` attribute): the accept control's words
    #[arg(long, value_name = "MODE", default_value = "checkbox")]
    mode: String,
    /// The URL of the widget's stylesheet (consent-terms.css), as the page will load it
    #[arg(long, value_name = "URL", default_value = "consent-terms.css")]
    stylesheet: String,
    /// Put the stylesheet in the markup instead of linking it: the terms show without waiting
    /// for it. Prints the source a Content-Security-Policy's style-src must allow
    #[arg(long, conflicts_with = "stylesheet")]
    inline_style: bool,
    /// The day of the sign-up (YYYY-MM-DD; default today, UTC): versions effective later are
    /// announced, not current
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<Date>,
}

/// `consent-terms site`: the public legal center, as static files.
#[cfg(not(target_arch = "wasm32"))]
#[derive(clap::Args)]
struct SiteArgs {
    /// Directories of agreement sources (each may hold a providers.txt of notice periods)
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// The folder to write the site into (created if missing; files of the same name are
    /// replaced, others left)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The interface languages: `en`, `zh-CN` or `both`
    #[arg(long, value_name = "L", default_value = "both", value_parser = ["en", "zh-CN", "both"])]
    lang: String,
    /// The day the site is built for (YYYY-MM-DD; default today, UTC): versions effective
    /// later are announced
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<Date>,
    /// The URL the site is served from, for the feed's links and the downloads' note
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
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

/// `consent-terms verify`. Each of the replay and freshness checks is asked for or explicitly
/// declined: the verifier does not fail open because a flag was forgotten.
#[cfg(not(target_arch = "wasm32"))]
#[derive(clap::Args)]
#[command(after_help = VERIFY_EXIT_CODES)]
#[command(group = ArgGroup::new("nonce-check").required(true))]
#[command(group = ArgGroup::new("audience-check").required(true))]
#[command(group = ArgGroup::new("age-check").required(true))]
struct VerifyArgs {
    /// The receipt: a compact JWS, in a file
    receipt: PathBuf,
    /// The agreements the receipt is checked against (a directory of sources)
    #[arg(long, value_name = "DIR")]
    agreements: PathBuf,
    /// The nonce the host issued for this sign-up
    #[arg(long, group = "nonce-check", value_name = "N")]
    nonce: Option<String>,
    /// Check no nonce (the receipt can then be replayed)
    #[arg(long, group = "nonce-check")]
    no_nonce: bool,
    /// The page origin the receipt must name
    #[arg(long, group = "audience-check", value_name = "ORIGIN")]
    audience: Option<String>,
    /// Check no audience
    #[arg(long, group = "audience-check")]
    no_audience: bool,
    /// The oldest receipt accepted, in seconds
    #[arg(long, group = "age-check", value_name = "SECONDS")]
    max_age: Option<i64>,
    /// Accept a receipt of any age
    #[arg(long, group = "age-check")]
    no_max_age: bool,
    /// The thumbprint of the only signing key accepted
    #[arg(long, value_name = "T")]
    key_thumbprint: Option<String>,
    /// The sign-up the receipt is for: its provider (every agreement it requires must be covered)
    #[arg(long, value_name = "P")]
    provider: Option<String>,
    /// The sign-up's products, separated by spaces or commas
    #[arg(long, requires = "provider", value_name = "\"A B\"")]
    products: Option<String>,
    /// The versions accepted: `unchanged` (default: current, or earlier with no re-acceptance
    /// since), `current`, or the current one plus ID@VERSION,...
    #[arg(long, requires = "provider", value_parser = parse_versions, value_name = "POLICY")]
    versions: Option<VersionPolicy>,
    /// The sign-up required reading each agreement to its end: the record must say so
    /// (`required.read_to_end`), whatever the page set
    #[arg(long, conflicts_with = "policy")]
    require_read: bool,
    /// The sign-up required acknowledging the highlighted clauses: the record must say so
    /// (`required.acknowledge_highlights`)
    #[arg(long, conflicts_with = "policy")]
    require_ack: bool,
    /// The sign-up's assent mode, `checkbox` or `button`: the record's `assent.mode` must be it
    #[arg(long, value_name = "MODE", value_parser = ["checkbox", "button"], conflicts_with = "policy")]
    assent_mode: Option<String>,
    /// The sign-up's requirements as JSON, the members of the ledger's nonce request:
    /// {"read_to_end", "acknowledge_highlights", "mode"}, each absent one the widget's default
    /// (true, true, "checkbox")
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// When the nonce was issued (RFC 3339 UTC): a receipt accepted earlier, beyond the clock
    /// skew, is refused
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    issued_at: Option<i64>,
    /// When the nonce expired (RFC 3339 UTC): a receipt accepted later, beyond the clock skew,
    /// is refused
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    expires_at: Option<i64>,
    /// How far accepted_at may lie outside --issued-at and --expires-at, seconds (default 300)
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32))]
    clock_skew: Option<u32>,
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_time(v: &str) -> Result<i64, String> {
    consent_terms_core::verify::parse_rfc3339_utc_ms(v)
        .ok_or_else(|| format!("`{v}` is not an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SS[.sss]Z)"))
}

#[cfg(not(target_arch = "wasm32"))]
const VERIFY_EXIT_CODES: &str = "Exit codes: 0 verified; 2 usage or I/O; 10 malformed, 11 bad header, \
12 algorithm not allowed, 13 bad key, 14 private key in header, 15 kid mismatch, 16 unexpected key, \
17 bad signature, 18 bad record, 19 nonce mismatch, 20 audience mismatch, 21 bad time, 22 stale, \
23 from the future, 24 unknown agreement, 25 hash mismatch, 26 unknown highlight, 27 a required \
agreement missing, 28 a version the policy does not accept, 29 a sign-up the catalogue does not know; \
the sign-up's requirements (--require-read, --require-ack, --assent-mode or --policy; --issued-at, --expires-at): \
40 reading to the end not required, 41 acknowledging the highlighted clauses not required, 42 another \
assent mode, 43 accepted before the nonce was issued, 44 accepted after it expired.";

#[cfg(not(target_arch = "wasm32"))]
fn parse_versions(v: &str) -> Result<VersionPolicy, String> {
    Ok(match v {
        "current" => VersionPolicy::Current,
        "unchanged" => VersionPolicy::Unchanged,
        list => VersionPolicy::CurrentOr(
            list.split(',')
                .map(|pair| match pair.split_once('@') {
                    Some((id, version)) if !id.is_empty() && !version.is_empty() => {
                        Ok((id.to_string(), version.to_string()))
                    }
                    _ => Err(format!(
                        "`{pair}` is not `current`, `unchanged` or ID@VERSION"
                    )),
                })
                .collect::<Result<_, _>>()?,
        ),
    })
}

fn main() -> ExitCode {
    // Usage errors exit 2 (clap's code); `--help` and `--version` exit 0.
    run(Cli::parse()).unwrap_or_else(|Failure(code)| code)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        #[cfg(not(target_arch = "wasm32"))]
        Command::Lint { dir } => run_lint(&dir),
        #[cfg(not(target_arch = "wasm32"))]
        Command::Import(args) => run_import(args),
        Command::Hash { file } => run_hash(&file),
        Command::Bundle {
            dirs,
            provider,
            products,
        } => run_bundle(
            &dirs,
            provider.as_deref(),
            products.as_deref().unwrap_or_default(),
        ),
        Command::Text { dir } => run_text(&dir),
        Command::Prerender(args) => run_prerender(args),
        #[cfg(not(target_arch = "wasm32"))]
        Command::Site(args) => run_site(args),
        #[cfg(not(target_arch = "wasm32"))]
        Command::Verify(args) => run_verify(args),
        #[cfg(not(target_arch = "wasm32"))]
        Command::Serve { args } => Ok(run_ledger(&[&["serve".to_string()][..], &args].concat())),
        #[cfg(not(target_arch = "wasm32"))]
        Command::Ledger { args } => Ok(run_ledger(&args)),
    }
}

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
        write_out(format_args!($($text)*))
    };
}

/// `println!` through [`write_out`].
macro_rules! outln {
    ($($text:tt)*) => {
        write_out(format_args!("{}\n", format_args!($($text)*)))
    };
}

fn read_sources(dir: &Path) -> Result<Vec<Source>, Failure> {
    match Source::read_dir(dir) {
        Ok(s) if s.is_empty() => {
            eprintln!("{}: no agreement sources (*.md) found", dir.display());
            Err(fail(2))
        }
        Ok(s) => Ok(s),
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            Err(fail(2))
        }
    }
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

#[cfg(not(target_arch = "wasm32"))]
fn run_lint(dir: &Path) -> Result<ExitCode, Failure> {
    let (sources, catalog) = load_catalog(dir)?;
    let (mut errors, mut warnings, mut allowed) = (0, 0, 0);
    let mut by_kind = std::collections::BTreeMap::new();
    for (source, agreement) in sources.iter().zip(catalog.all()) {
        for finding in lint(agreement, &source.text) {
            if finding.allowed.is_some() {
                allowed += 1;
                continue;
            }
            if finding.rule.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            if let Some(r) = &finding.reading {
                *by_kind.entry(r.kind).or_insert(0) += 1;
            }
            outln!("{finding}")?;
        }
    }
    // The notice period of each changed version (src/notice.rs), set in DIR/providers.txt.
    let (notice_errors, notice_warnings) = lint_notice(dir, &catalog, &sources)?;
    errors += notice_errors;
    warnings += notice_warnings;
    if !by_kind.is_empty() {
        let counts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        outln!("not highlighted, by kind: {}", counts.join(", "))?;
    }
    outln!(
        "{} agreement version(s): {errors} error(s), {warnings} warning(s), {allowed} finding(s) allowed by the author with a reason",
        sources.len()
    )?;
    if errors > 0 {
        Err(fail(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Prints the notice-period findings of `catalog` (and errors in `dir`'s providers.txt):
/// (errors, warnings).
#[cfg(not(target_arch = "wasm32"))]
fn lint_notice(
    dir: &Path,
    catalog: &Catalog,
    sources: &[Source],
) -> Result<(usize, usize), Failure> {
    let settings = match NoticeSettings::read_dir(dir) {
        Ok(settings) => settings,
        Err(list) => {
            for e in &list {
                outln!(
                    "{}:{}: error[provider-settings]: {}",
                    e.file,
                    e.line,
                    e.message
                )?;
            }
            return Ok((list.len(), 0));
        }
    };
    let unknown = settings.unknown_providers(catalog);
    for e in &unknown {
        outln!(
            "{}:{}: error[provider-settings]: {}",
            e.file,
            e.line,
            e.message
        )?;
    }
    let warnings = notice::check(catalog, &settings, sources);
    for w in &warnings {
        outln!("{w}")?;
    }
    Ok((unknown.len(), warnings.len()))
}

/// `consent-terms import`: the draft on standard output (or `--output`), each removed
/// character and each note on standard error with its line, and a summary.
#[cfg(not(target_arch = "wasm32"))]
fn run_import(args: ImportArgs) -> Result<ExitCode, Failure> {
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", args.file.display());
            return Err(fail(2));
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!(
            "{}: not UTF-8 text (convert it first, e.g. `iconv -f GB18030 -t UTF-8`)",
            args.file.display()
        );
        return Err(fail(1));
    };
    let name = args.file.display().to_string();
    let format = match args.format.as_deref() {
        Some("text") => Format::Text,
        Some("markdown") => Format::Markdown,
        Some("html") => Format::Html,
        _ => Format::guess(&name, &text),
    };
    let Some(today) = today_utc() else {
        eprintln!("the system clock is before 1970");
        return Err(fail(2));
    };
    let options = Options {
        id: args.id,
        title: args.title,
        provider: args.provider,
        provider_name: args.provider_name,
        language: args.language,
        propose: args.propose,
        today,
    };
    let draft = import(&name, &text, format, &options);
    for r in &draft.removed {
        eprintln!(
            "{name}:{}:{}: removed U+{:04X} {}",
            r.line, r.column, r.code, r.name
        );
    }
    for (line, note) in &draft.notes {
        eprintln!("{name}:{line}: {note}");
    }
    // What the draft says must be a valid source: parse it before writing it.
    if let Err(e) = parse_agreement(&name, &draft.text) {
        eprintln!(
            "the draft does not parse ({e}); this is a fault of the importer, please report it"
        );
        return Err(fail(1));
    }
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &draft.text) {
                eprintln!("{}: {e}", path.display());
                return Err(fail(2));
            }
        }
        None => out!("{}", draft.text)?,
    }
    eprintln!(
        "{name}: {} invisible character(s) removed, {} proposed highlight(s)",
        draft.removed.len(),
        draft.proposed
    );
    Ok(ExitCode::SUCCESS)
}

fn run_hash(file: &Path) -> Result<ExitCode, Failure> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return Err(fail(2));
        }
    };
    match parse_agreement(&file.display().to_string(), &text) {
        Ok(a) => {
            outln!("{}  {} {}", content_hash(&a), a.meta.id, a.meta.version)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{e}");
            Err(fail(1))
        }
    }
}

/// The text a person reads, without markup: the measure the bundle's size is compared with.
fn run_text(dir: &Path) -> Result<ExitCode, Failure> {
    let (_, catalog) = load_catalog(dir)?;
    for a in catalog.all() {
        let m = &a.meta;
        outln!(
            "{}\nVersion {} · effective {} · last updated {}",
            m.title,
            m.version,
            m.effective,
            m.updated
        )?;
        for block in a.blocks() {
            match block.number() {
                Some(n) => outln!("{n} {}", block.plain_text())?,
                None => outln!("{}", block.plain_text())?,
            }
        }
        outln!("")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_prerender(args: PrerenderArgs) -> Result<ExitCode, Failure> {
    let mut sources = Vec::new();
    for dir in &args.dirs {
        sources.extend(read_sources(dir)?);
    }
    let catalog = Catalog::from_sources(&sources).map_err(|errors| report(&errors))?;
    let requirements = HostOptions {
        mode: Some(args.mode),
        ..HostOptions::default()
    }
    .requirements();
    let signup = SignUp {
        provider: &args.provider,
        products: &args.products,
        lang: &args.lang,
        requirements,
        organization: None,
        today: args.date.or_else(today_utc),
    };
    let stylesheet = if args.inline_style {
        eprintln!(
            "the stylesheet is inline: a Content-Security-Policy must allow it with style-src {}",
            inline_style_source()
        );
        Stylesheet::Inline
    } else {
        Stylesheet::Linked(&args.stylesheet)
    };
    match prerender(&catalog, &signup, stylesheet) {
        Ok(markup) => {
            out!("{markup}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{}: {}", e.code, e.message);
            Err(fail(1))
        }
    }
}

fn run_bundle(
    dirs: &[PathBuf],
    provider: Option<&str>,
    products: &str,
) -> Result<ExitCode, Failure> {
    let mut sources = Vec::new();
    for dir in dirs {
        sources.extend(read_sources(dir)?);
    }
    let catalog = Catalog::from_sources(&sources).map_err(|errors| report(&errors))?;
    let bundle = match provider {
        None => catalog_bundle(&catalog),
        Some(provider) => {
            let products: Vec<&str> = products
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .collect();
            signup_bundle(&catalog, provider, &products).map_err(|e| {
                eprintln!("{}: {e}", e.code());
                fail(1)
            })?
        }
    };
    out!("{}", bundle.to_json())?;
    Ok(ExitCode::SUCCESS)
}

/// The requirements and the window the flags ask for, or the exit code after saying why not.
#[cfg(not(target_arch = "wasm32"))]
fn requirements_of(args: &VerifyArgs) -> Result<(Requirements, Option<Window>), Failure> {
    let requirements = match &args.policy {
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|e| {
                eprintln!("{}: {e}", file.display());
                fail(2)
            })?;
            Requirements::from_json(&text).map_err(|e| {
                eprintln!("{}: not a sign-up policy: {e}", file.display());
                fail(2)
            })?
        }
        None => Requirements {
            read_to_end: args.require_read,
            acknowledge_highlights: args.require_ack,
            mode: args
                .assent_mode
                .as_deref()
                .and_then(consent_terms_core::requirements::parse_mode),
        },
    };
    if args.clock_skew.is_some() && args.issued_at.is_none() && args.expires_at.is_none() {
        eprintln!("--clock-skew needs --issued-at or --expires-at");
        return Err(fail(2));
    }
    let window = (args.issued_at.is_some() || args.expires_at.is_some()).then(|| Window {
        issued_at_ms: args.issued_at,
        expires_at_ms: args.expires_at,
        clock_skew_ms: args
            .clock_skew
            .map_or(DEFAULT_CLOCK_SKEW_SECONDS, i64::from)
            * 1000,
    });
    Ok((requirements, window))
}

#[cfg(not(target_arch = "wasm32"))]
fn run_verify(args: VerifyArgs) -> Result<ExitCode, Failure> {
    let (requirements, window) = requirements_of(&args)?;
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default();
    let options = VerifyOptions {
        nonce: args.nonce,
        audience: args.audience,
        max_age_seconds: args.max_age,
        key_thumbprint: args.key_thumbprint,
        now_ms,
        sign_up: args.provider.map(|provider| SignUpPolicy {
            provider,
            products: args
                .products
                .unwrap_or_default()
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect(),
            versions: args.versions.unwrap_or_default(),
        }),
    };
    let (file, dir) = (args.receipt.display().to_string(), args.agreements);
    let jws = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return Err(fail(2));
        }
    };
    let (_, catalog) = load_catalog(&dir)?;
    let verified = match verify_receipt(&jws, &catalog, &options) {
        Err(e) => Err((e.to_string(), e.exit_code())),
        // The sign-up's requirements, once the record is known to be the signer's.
        Ok(v) => match requirements.check(&v.record, window.as_ref()) {
            Err(e) => Err((format!("{e} ({})", e.code()), e.exit_code())),
            Ok(()) => Ok(v),
        },
    };
    match verified {
        Ok(v) => {
            let r = &v.record;
            outln!(
                "receipt verified: {} signed by key {}",
                r.receipt_id,
                v.key_thumbprint
            )?;
            outln!(
                "accepted at {} on {} (locale {})",
                r.accepted_at,
                r.audience,
                r.locale
            )?;
            outln!(
                "subject {}, nonce {}",
                r.subject.as_deref().unwrap_or("(none)"),
                r.nonce.as_deref().unwrap_or("(none)")
            )?;
            outln!("assent ({}): {}", r.assent.mode, r.assent.wording)?;
            if let Some(o) = &r.organization {
                outln!(
                    "on behalf of {} (id {}): {}",
                    o.name,
                    o.id.as_deref().unwrap_or("(none)"),
                    o.authority
                )?;
            }
            for (a, form) in r.agreements.iter().zip(&v.forms) {
                outln!(
                    "agreement {} {} sha256 {} (canonical {}{}; displayed {}, read to the end: {})",
                    a.id,
                    a.version,
                    a.sha256,
                    form.as_str(),
                    if *form == consent_terms_core::canonical::Form::V1 {
                        ", which does not cover scope and precedence"
                    } else {
                        ""
                    },
                    a.displayed_at.as_deref().unwrap_or("never"),
                    if a.reached_end { "yes" } else { "no" }
                )?;
                if !a.questions_asked.is_empty() {
                    outln!("  asked about: {}", a.questions_asked.join(", "))?;
                }
            }
            outln!(
                "{} highlighted clause(s) acknowledged:",
                v.acknowledged.len()
            )?;
            for c in &v.acknowledged {
                let excerpt: String = c.text.chars().take(100).collect();
                outln!(
                    "  {} {} [{}] {excerpt}",
                    c.agreement,
                    c.clause.as_deref().unwrap_or(&c.highlight),
                    c.kind.as_str()
                )?;
            }
            match serde_json::to_string_pretty(r) {
                Ok(json) => outln!("{json}")?,
                Err(e) => eprintln!("cannot print the record: {e}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Err((why, code)) => {
            eprintln!("receipt rejected: {why}");
            Err(fail(code))
        }
    }
}

/// The ledger service is its own program (`consent-terms-ledger`, the `ledger/` workspace
/// member): it depends on this crate, so this crate cannot depend on it. `serve` and `ledger
/// ...` run it with the same arguments, from beside this program or else from PATH.
#[cfg(not(target_arch = "wasm32"))]
fn run_ledger<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> ExitCode {
    const LEDGER: &str = "consent-terms-ledger";
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(LEDGER)))
        .filter(|path| path.is_file());
    let program = beside.unwrap_or_else(|| LEDGER.into());
    let mut command = std::process::Command::new(&program);
    command.args(args);
    #[cfg(unix)]
    let error = std::os::unix::process::CommandExt::exec(&mut command);
    #[cfg(not(unix))]
    let error = match command.status() {
        Ok(status) => {
            return ExitCode::from(
                status
                    .code()
                    .and_then(|c| u8::try_from(c).ok())
                    .unwrap_or(2),
            )
        }
        Err(e) => e,
    };
    if error.kind() == std::io::ErrorKind::NotFound {
        eprintln!(
            "{LEDGER} is not built: run `cargo build -p consent-terms-ledger` (it is looked for next to this program, then on PATH)"
        );
    } else {
        eprintln!("cannot run {}: {error}", program.display());
    }
    ExitCode::from(2)
}

/// Writes the legal center for the catalogue of `args.dirs` into `args.out`.
#[cfg(not(target_arch = "wasm32"))]
fn run_site(args: SiteArgs) -> Result<ExitCode, Failure> {
    use consent_terms_core::i18n::Lang;
    use consent_terms_core::site::{build_site, SiteOptions};
    let mut sources = Vec::new();
    let mut settings = Vec::new();
    let mut bad = Vec::new();
    for dir in &args.dirs {
        sources.extend(read_sources(dir)?);
        match NoticeSettings::read_dir(dir) {
            Ok(s) => settings.push(s),
            Err(e) => bad.extend(e),
        }
    }
    let catalog = Catalog::from_sources(&sources).map_err(|errors| report(&errors))?;
    let settings = match NoticeSettings::merge(settings) {
        Ok(s) if bad.is_empty() => s,
        Ok(_) => NoticeSettings::default(),
        Err(e) => {
            bad.extend(e);
            NoticeSettings::default()
        }
    };
    bad.extend(settings.unknown_providers(&catalog));
    if !bad.is_empty() {
        for e in &bad {
            eprintln!("{e}");
        }
        eprintln!("{} error(s)", bad.len());
        return Err(fail(1));
    }
    let Some(today) = args.date.or_else(today_utc) else {
        eprintln!("the system clock gives no date: pass --date YYYY-MM-DD");
        return Err(fail(2));
    };
    let langs = match args.lang.as_str() {
        "en" => vec![Lang::En],
        "zh-CN" => vec![Lang::ZhCn],
        _ => vec![Lang::En, Lang::ZhCn],
    };
    let base_url = args
        .base_url
        .map(|b| if b.ends_with('/') { b } else { b + "/" });
    let files = build_site(
        &catalog,
        &settings,
        &SiteOptions {
            langs,
            today,
            base_url: base_url.as_deref(),
        },
    );
    for file in &files {
        let path = args.out.join(&file.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.contents));
        if let Err(e) = written {
            eprintln!("{}: {e}", path.display());
            return Err(fail(2));
        }
    }
    for w in notice::check(&catalog, &settings, &sources) {
        eprintln!("{w}");
    }
    outln!(
        "{}: {} file(s), {} page(s), {} agreement version(s) as on {today}",
        args.out.display(),
        files.len(),
        files
            .iter()
            .filter(|f| f.path.ends_with(".html") && !f.path.ends_with(".download.html"))
            .count(),
        catalog.all().len()
    )?;
    Ok(ExitCode::SUCCESS)
}
