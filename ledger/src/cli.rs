//! The ledger's commands, one clap parser for the `consent-terms-ledger` program and for the
//! `consent-terms` command line's `serve` and `ledger ...`, which call [`run`] (no second
//! program is started).

#[cfg(feature = "test-helpers")]
use crate::bench::{self, BenchConfig};
use crate::chain::{HeadClaims, LedgerKey, LedgerPublicKey};
use crate::export::{verify_export_bounded, Bounds, ExportError};
use crate::server::{
    load_catalog, start, Config, Limits, DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_NONCE_TTL_SECONDS,
};
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

/// The exit codes of the ledger's commands, for `--help`.
pub const EXIT_CODES: &str =
    "Exit codes: 0 success, 1 what was checked is not valid, 2 usage or I/O \
(a file or the database could not be used), 3-5 the export check that failed \
(`consent-terms-ledger verify-export --help`).";

/// The ledger's commands.
#[derive(Subcommand)]
pub enum Command {
    /// Run the service: nonces, verified receipts stored append-only with a signed witness
    /// and a hash chain, re-consent status, export
    Serve(ServeArgs),
    /// Check an export offline: every receipt, every witness, the hash chain, its start and,
    /// with --head, its end
    #[command(after_help = VERIFY_EXPORT_EXIT_CODES)]
    VerifyExport(VerifyExportArgs),
    /// Print the public JWK of a ledger key file
    PublicKey {
        /// The ledger key file (private JWK)
        #[arg(long, value_name = "FILE")]
        ledger_key: String,
    },
    /// Receipts verified and stored per second, p50/p99, and the verifier alone (a build with
    /// --features test-helpers, as tools/ledger.sh bench makes)
    Bench(BenchArgs),
}

/// `serve`: the service's settings.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// A directory of agreement sources: the catalogue receipts are verified against
    #[arg(long, value_name = "DIR")]
    agreements: PathBuf,
    /// The database: sqlite://FILE (created if missing) or postgres://USER@HOST[:PORT]/DB
    #[arg(long, value_name = "URL")]
    db: String,
    /// The file holding the bearer token the backend sends
    #[arg(long, value_name = "FILE")]
    token_file: PathBuf,
    /// The address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    listen: std::net::SocketAddr,
    /// The ledger key (private JWK, mode 0600), created on first start
    #[arg(long, value_name = "FILE", default_value = "ledger-key.jwk")]
    ledger_key: PathBuf,
    /// How long a nonce lives, in seconds (default 900)
    #[arg(long, value_name = "SECONDS", value_parser = whole_seconds)]
    nonce_ttl: Option<i64>,
    /// How far a receipt's accepted_at may lie outside its nonce's lifetime, in seconds
    /// (default 300)
    #[arg(long, value_name = "SECONDS", value_parser = whole_seconds)]
    clock_skew: Option<i64>,
    /// How long a connection may take to send its request head, in seconds (fractions
    /// allowed; default 10)
    #[arg(long, value_name = "SECONDS", value_parser = duration)]
    header_timeout: Option<std::time::Duration>,
    /// How long a request may take to be answered before 408, in seconds (fractions allowed;
    /// default 30)
    #[arg(long, value_name = "SECONDS", value_parser = duration)]
    request_timeout: Option<std::time::Duration>,
    /// The most connections open at once; more wait (default 512)
    #[arg(long, value_name = "N", value_parser = positive)]
    max_connections: Option<usize>,
}

/// `verify-export`.
#[derive(clap::Args)]
pub struct VerifyExportArgs {
    /// The export (JSON lines, GET /v1/export)
    file: String,
    /// A directory of agreement sources: the catalogue the receipts are checked against
    #[arg(long, value_name = "DIR")]
    agreements: PathBuf,
    /// The ledger's public JWK (GET /v1/ledger-key, or `public-key`)
    #[arg(long, value_name = "KEY")]
    ledger_key: String,
    /// The answer of GET /v1/head, fetched before the export: the export must reach it
    #[arg(long, value_name = "HEAD")]
    head: Option<String>,
    /// The `since` the export was fetched with: it must start at seq SEQ+1
    #[arg(long, value_name = "SEQ", default_value_t = 0, value_parser = sequence)]
    since: i64,
}

/// The exit codes of `verify-export`, for its `--help`.
pub const VERIFY_EXPORT_EXIT_CODES: &str =
    "Exit codes: 0 verified, 1 a broken entry, 2 usage or I/O, \
3 entries missing at the start, 4 entries missing at the end (or not the signed chain), 5 the head \
is not the ledger's.";

/// `bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// A directory of agreement sources
    #[arg(long, value_name = "DIR")]
    agreements: String,
    /// The database: sqlite://FILE or postgres://USER@HOST[:PORT]/DB
    #[arg(long, value_name = "URL")]
    db: String,
    /// How many receipts to store
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = positive)]
    receipts: usize,
    /// How many clients post at once
    #[arg(long, value_name = "C", default_value_t = 8, value_parser = positive)]
    clients: usize,
}

/// SECONDS, a whole number.
fn whole_seconds(t: &str) -> Result<i64, String> {
    t.parse()
        .map_err(|_| format!("`{t}` is not a number of seconds"))
}

/// SECONDS as a duration (fractions allowed, e.g. 0.5).
fn duration(t: &str) -> Result<std::time::Duration, String> {
    t.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0 && *s < 1e9)
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| format!("`{t}` is not a positive number of seconds"))
}

fn positive(n: &str) -> Result<usize, String> {
    n.parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{n}` is not a positive number"))
}

fn sequence(s: &str) -> Result<i64, String> {
    s.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| format!("`{s}` is not a sequence number"))
}

/// Runs one of the ledger's commands: its exit code, the reason of a failure on standard error.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Serve(args) => serve(args),
        Command::VerifyExport(args) => run_verify_export(args),
        Command::PublicKey { ledger_key } => public_key(&ledger_key),
        Command::Bench(args) => run_bench(args),
    };
    match result {
        Ok(()) | Err(Failure::Stopped) => ExitCode::SUCCESS,
        Err(Failure::Io(why)) => {
            eprintln!("{why}");
            ExitCode::from(2)
        }
        Err(Failure::Invalid(why)) => {
            eprintln!("{why}");
            ExitCode::from(1)
        }
        Err(Failure::Exit(code, why)) => {
            eprintln!("{why}");
            ExitCode::from(code)
        }
    }
}

enum Failure {
    /// A file or the database could not be used: exit 2.
    Io(String),
    /// What was checked is not valid: exit 1.
    Invalid(String),
    /// What was checked is not valid in a way with its own exit code.
    Exit(u8, String),
    /// The reader of standard output stopped reading (`| head`): it wanted no more; exit 0.
    Stopped,
}

/// Writes a line to standard output; a reader that has gone stops the command (exit 0).
fn outln(text: std::fmt::Arguments) -> Result<(), Failure> {
    use std::io::Write;
    match writeln!(std::io::stdout().lock(), "{text}") {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::Stopped),
        Err(e) => Err(Failure::Io(format!("cannot write to standard output: {e}"))),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Io(format!("cannot start the runtime: {e}")))
}

fn serve(args: ServeArgs) -> Result<(), Failure> {
    let defaults = Limits::default();
    let config = Config {
        agreements: args.agreements,
        db: args.db,
        token_file: args.token_file,
        listen: args.listen,
        ledger_key: args.ledger_key,
        nonce_ttl_seconds: args.nonce_ttl.unwrap_or(DEFAULT_NONCE_TTL_SECONDS),
        clock_skew_seconds: args.clock_skew.unwrap_or(DEFAULT_CLOCK_SKEW_SECONDS),
        limits: Limits {
            header_timeout: args.header_timeout.unwrap_or(defaults.header_timeout),
            request_timeout: args.request_timeout.unwrap_or(defaults.request_timeout),
            max_connections: args.max_connections.unwrap_or(defaults.max_connections),
            ..defaults
        },
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    runtime()?.block_on(async {
        let running = start(&config).await.map_err(Failure::Io)?;
        // One line on standard output, for scripts (and tests) that start the service; the
        // service goes on if no one reads it.
        let _ = outln(format_args!("listening on {}", running.addr));
        tokio::select! {
            result = running.task => match result {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(Failure::Io(format!("server failed: {e}"))),
                Err(e) => Err(Failure::Io(format!("server failed: {e}"))),
            },
            _ = shutdown_signal() => {
                tracing::info!("shutting down");
                Ok(())
            }
        }
    })
}

async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match term.as_mut() {
                Some(t) => { t.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
}

fn run_verify_export(args: VerifyExportArgs) -> Result<(), Failure> {
    let (file, since) = (&args.file, args.since);
    let catalog = load_catalog(&args.agreements).map_err(Failure::Io)?;
    let key_file = &args.ledger_key;
    let key_text =
        std::fs::read_to_string(key_file).map_err(|e| Failure::Io(format!("{key_file}: {e}")))?;
    let key = LedgerPublicKey::from_jwk(&key_text)
        .map_err(|e| Failure::Io(format!("{key_file}: {e}")))?;
    let head = match &args.head {
        None => None,
        Some(head_file) => {
            let text = std::fs::read_to_string(head_file)
                .map_err(|e| Failure::Io(format!("{head_file}: {e}")))?;
            Some(
                read_head(&text, &key)
                    .map_err(|why| Failure::Exit(5, format!("{head_file}: {why}")))?,
            )
        }
    };
    let text = std::fs::read_to_string(file).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    let pinned = head.is_some();
    let bounds = Bounds { since, head };
    match verify_export_bounded(&text, &catalog, &key, &bounds) {
        Ok(summary) => {
            match summary.range {
                Some((first, last)) => outln(format_args!(
                    "{file}: {} entries verified (seq {first}..{last}): every receipt, every witness by ledger key {}, the hash chain; head {}",
                    summary.entries, key.kid, summary.head
                ))?,
                None => outln(format_args!("{file}: no entries after seq {since}"))?,
            }
            match &bounds.head {
                Some(h) if summary.after_head > 0 => outln(format_args!(
                    "the export reaches the signed head (seq {}, signed at {}); {} entries after it are chained to it but not pinned by a head",
                    h.seq, h.signed_at, summary.after_head
                ))?,
                Some(h) => outln(format_args!(
                    "the export ends at the signed head (seq {}, signed at {})",
                    h.seq, h.signed_at
                ))?,
                None => {}
            }
            if !pinned {
                eprintln!(
                    "{file}: its end is not pinned: give --head (GET /v1/head, fetched before the export) to check that no entry was cut from the end"
                );
            }
            Ok(())
        }
        Err(e @ ExportError::Broken(_)) => Err(Failure::Invalid(format!("{file}: {e}"))),
        Err(e @ ExportError::Start(_)) => Err(Failure::Exit(3, format!("{file}: {e}"))),
        Err(e @ ExportError::End(_)) => Err(Failure::Exit(4, format!("{file}: {e}"))),
    }
}

/// The signed head in a file: the JSON answer of `GET /v1/head` (its `head` member, whose
/// claims the other members must repeat), or the compact JWS alone.
fn read_head(text: &str, key: &LedgerPublicKey) -> Result<HeadClaims, String> {
    let text = text.trim();
    if !text.starts_with('{') {
        return key.verify_head(text);
    }
    let answer: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not the answer of GET /v1/head: {e}"))?;
    let jws = answer
        .get("head")
        .and_then(|h| h.as_str())
        .ok_or("no `head` member: not the answer of GET /v1/head")?;
    let claims = key.verify_head(jws)?;
    let signed = serde_json::to_value(&claims).map_err(|e| e.to_string())?;
    for name in ["seq", "entry_hash", "signed_at"] {
        if answer.get(name) != signed.get(name) {
            return Err(format!(
                "`{name}` {} is not the signed head's {}",
                answer.get(name).unwrap_or(&serde_json::Value::Null),
                signed.get(name).unwrap_or(&serde_json::Value::Null)
            ));
        }
    }
    Ok(claims)
}

fn public_key(file: &str) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    let key =
        LedgerKey::from_private_jwk(&text).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    outln(format_args!("{}", key.public_jwk_json()))
}

#[cfg(not(feature = "test-helpers"))]
fn run_bench(_: BenchArgs) -> Result<(), Failure> {
    Err(Failure::Io(
        "this build has no benchmark: build with `--features test-helpers` (tools/ledger.sh bench does)".into(),
    ))
}

#[cfg(feature = "test-helpers")]
fn run_bench(args: BenchArgs) -> Result<(), Failure> {
    let config = BenchConfig {
        agreements: args.agreements.into(),
        db: args.db,
        receipts: args.receipts,
        clients: args.clients,
    };
    let lines = runtime()?
        .block_on(bench::run(&config))
        .map_err(Failure::Io)?;
    for line in lines {
        outln(format_args!("{line}"))?;
    }
    Ok(())
}
