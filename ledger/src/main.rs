//! `consent-terms-ledger`: the consent ledger service and its offline export check. The
//! `consent-terms` CLI's `serve` and `ledger ...` subcommands run this program.

#[cfg(feature = "test-helpers")]
use consent_terms_ledger::bench::{self, BenchConfig};
use consent_terms_ledger::chain::{HeadClaims, LedgerKey, LedgerPublicKey};
use consent_terms_ledger::export::{verify_export_bounded, Bounds, ExportError};
use consent_terms_ledger::server::{
    load_catalog, start, Config, Limits, DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_NONCE_TTL_SECONDS,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  consent-terms-ledger serve --agreements DIR --db URL --token-file FILE [--listen ADDR]
                       [--ledger-key FILE] [--nonce-ttl SECONDS] [--clock-skew SECONDS]
                       [--header-timeout SECONDS] [--request-timeout SECONDS]
                       [--max-connections N]
        URL: sqlite://FILE (created if missing) or postgres://USER@HOST[:PORT]/DB
        ADDR defaults to 127.0.0.1:8787; the ledger key (private JWK, mode 0600) defaults to
        ledger-key.jwk and is created on first start; nonces live 900 s unless told; a
        receipt's accepted_at may lie 300 s outside its nonce's lifetime; a connection must
        send its request head within 10 s, a request is answered within 30 s (else 408), and
        at most 512 connections are open at once
  consent-terms-ledger verify-export FILE --agreements DIR --ledger-key KEY [--head HEAD]
                       [--since SEQ]
        check an export offline: every receipt, every witness, the hash chain, that it starts
        at seq SEQ+1 (SEQ: the `since` it was fetched with, default 0) and, with HEAD (the
        answer of GET /v1/head, fetched before the export), that it reaches the signed head;
        KEY is the ledger's public JWK (GET /v1/ledger-key, or `public-key`);
        exit 0 verified, 1 a broken entry, 2 usage or I/O, 3 entries missing at the start,
        4 entries missing at the end (or not the signed chain), 5 the head is not the ledger's
  consent-terms-ledger public-key --ledger-key FILE
        print the public JWK of a ledger key file
  consent-terms-ledger bench --agreements DIR --db URL [--receipts N] [--clients C]
        receipts verified and stored per second, p50/p99, and the verifier alone (a build
        with --features test-helpers, as tools/ledger.sh bench makes)";

/// Parses `--name value` pairs after the positional arguments.
fn options(
    args: &[String],
    allowed: &[&str],
) -> Result<(Vec<String>, HashMap<String, String>), String> {
    let mut positional = Vec::new();
    let mut named = HashMap::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(name) = a.strip_prefix("--") {
            if !allowed.contains(&name) {
                return Err(format!("unknown option --{name}"));
            }
            let value = it.next().ok_or(format!("--{name} needs a value"))?;
            named.insert(name.to_string(), value.clone());
        } else {
            positional.push(a.clone());
        }
    }
    Ok((positional, named))
}

fn required<'a>(named: &'a HashMap<String, String>, name: &str) -> Result<&'a String, String> {
    named.get(name).ok_or(format!("--{name} is required"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "serve" => serve(rest),
        "verify-export" => run_verify_export(rest),
        "public-key" => public_key(rest),
        "bench" => run_bench(rest),
        "--help" | "-h" | "help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => Err(Failure::Usage(format!("unknown command `{other}`"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(why)) => {
            eprintln!("{why}\n{USAGE}");
            ExitCode::from(2)
        }
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
    /// Bad arguments: exit 2 with the usage.
    Usage(String),
    /// A file or the database could not be used: exit 2.
    Io(String),
    /// What was checked is not valid: exit 1.
    Invalid(String),
    /// What was checked is not valid in a way with its own exit code.
    Exit(u8, String),
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Io(format!("cannot start the runtime: {e}")))
}

fn serve(args: &[String]) -> Result<(), Failure> {
    let (positional, named) = options(
        args,
        &[
            "agreements",
            "db",
            "listen",
            "token-file",
            "ledger-key",
            "nonce-ttl",
            "clock-skew",
            "header-timeout",
            "request-timeout",
            "max-connections",
        ],
    )
    .map_err(Failure::Usage)?;
    if let Some(extra) = positional.first() {
        return Err(Failure::Usage(format!("unexpected argument `{extra}`")));
    }
    let defaults = Limits::default();
    let config = Config {
        agreements: required(&named, "agreements")
            .map_err(Failure::Usage)?
            .into(),
        db: required(&named, "db").map_err(Failure::Usage)?.clone(),
        token_file: required(&named, "token-file")
            .map_err(Failure::Usage)?
            .into(),
        listen: named
            .get("listen")
            .map(String::as_str)
            .unwrap_or("127.0.0.1:8787")
            .parse()
            .map_err(|e| Failure::Usage(format!("--listen: {e}")))?,
        ledger_key: named
            .get("ledger-key")
            .map(PathBuf::from)
            .unwrap_or_else(|| "ledger-key.jwk".into()),
        nonce_ttl_seconds: seconds(&named, "nonce-ttl", DEFAULT_NONCE_TTL_SECONDS)?,
        clock_skew_seconds: seconds(&named, "clock-skew", DEFAULT_CLOCK_SKEW_SECONDS)?,
        limits: Limits {
            header_timeout: duration(&named, "header-timeout", defaults.header_timeout)?,
            request_timeout: duration(&named, "request-timeout", defaults.request_timeout)?,
            max_connections: match named.get("max-connections") {
                Some(n) => n.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    Failure::Usage(format!("--max-connections `{n}` is not a positive number"))
                })?,
                None => defaults.max_connections,
            },
        },
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    runtime()?.block_on(async {
        let running = start(&config).await.map_err(Failure::Io)?;
        // One line on standard output, for scripts (and tests) that start the service.
        println!("listening on {}", running.addr);
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

/// `--name SECONDS`, a whole number, or `default`.
fn seconds(named: &HashMap<String, String>, name: &str, default: i64) -> Result<i64, Failure> {
    match named.get(name) {
        Some(t) => t
            .parse()
            .map_err(|_| Failure::Usage(format!("--{name} `{t}` is not a number of seconds"))),
        None => Ok(default),
    }
}

/// `--name SECONDS` as a duration (fractions allowed, e.g. 0.5), or `default`.
fn duration(
    named: &HashMap<String, String>,
    name: &str,
    default: std::time::Duration,
) -> Result<std::time::Duration, Failure> {
    match named.get(name) {
        Some(t) => t
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s > 0.0 && *s < 1e9)
            .map(std::time::Duration::from_secs_f64)
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "--{name} `{t}` is not a positive number of seconds"
                ))
            }),
        None => Ok(default),
    }
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

fn run_verify_export(args: &[String]) -> Result<(), Failure> {
    let (positional, named) =
        options(args, &["agreements", "ledger-key", "head", "since"]).map_err(Failure::Usage)?;
    let [file] = positional.as_slice() else {
        return Err(Failure::Usage("verify-export needs one export file".into()));
    };
    let catalog = load_catalog(
        required(&named, "agreements")
            .map_err(Failure::Usage)?
            .as_ref(),
    )
    .map_err(Failure::Io)?;
    let key_file = required(&named, "ledger-key").map_err(Failure::Usage)?;
    let key_text =
        std::fs::read_to_string(key_file).map_err(|e| Failure::Io(format!("{key_file}: {e}")))?;
    let key = LedgerPublicKey::from_jwk(&key_text)
        .map_err(|e| Failure::Io(format!("{key_file}: {e}")))?;
    let since = match named.get("since") {
        None => 0,
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| Failure::Usage(format!("--since `{s}` is not a sequence number")))?,
    };
    let head = match named.get("head") {
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
                Some((first, last)) => println!(
                    "{file}: {} entries verified (seq {first}..{last}): every receipt, every witness by ledger key {}, the hash chain; head {}",
                    summary.entries, key.kid, summary.head
                ),
                None => println!("{file}: no entries after seq {since}"),
            }
            match &bounds.head {
                Some(h) if summary.after_head > 0 => println!(
                    "the export reaches the signed head (seq {}, signed at {}); {} entries after it are chained to it but not pinned by a head",
                    h.seq, h.signed_at, summary.after_head
                ),
                Some(h) => println!(
                    "the export ends at the signed head (seq {}, signed at {})",
                    h.seq, h.signed_at
                ),
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

fn public_key(args: &[String]) -> Result<(), Failure> {
    let (_, named) = options(args, &["ledger-key"]).map_err(Failure::Usage)?;
    let file = required(&named, "ledger-key").map_err(Failure::Usage)?;
    let text = std::fs::read_to_string(file).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    let key =
        LedgerKey::from_private_jwk(&text).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    println!("{}", key.public_jwk_json());
    Ok(())
}

#[cfg(not(feature = "test-helpers"))]
fn run_bench(_: &[String]) -> Result<(), Failure> {
    Err(Failure::Usage(
        "this build has no benchmark: build with `--features test-helpers` (tools/ledger.sh bench does)".into(),
    ))
}

#[cfg(feature = "test-helpers")]
fn run_bench(args: &[String]) -> Result<(), Failure> {
    let (_, named) =
        options(args, &["agreements", "db", "receipts", "clients"]).map_err(Failure::Usage)?;
    let number = |name: &str, default: usize| -> Result<usize, Failure> {
        named.get(name).map_or(Ok(default), |v| {
            v.parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(Failure::Usage(format!(
                    "--{name} `{v}` is not a positive number"
                )))
        })
    };
    let config = BenchConfig {
        agreements: required(&named, "agreements")
            .map_err(Failure::Usage)?
            .into(),
        db: required(&named, "db").map_err(Failure::Usage)?.clone(),
        receipts: number("receipts", 2000)?,
        clients: number("clients", 8)?,
    };
    let lines = runtime()?
        .block_on(bench::run(&config))
        .map_err(Failure::Io)?;
    for line in lines {
        println!("{line}");
    }
    Ok(())
}
