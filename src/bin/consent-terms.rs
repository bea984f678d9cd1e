//! `consent-terms`: the command line for authors and backends.
//!
//! ```text
//! consent-terms lint <dir>      exemption lint over every agreement source below <dir>
//! consent-terms hash <file>     canonical SHA-256 of one agreement version
//! consent-terms bundle <dir>... the agreements bundle (JSON) of each <dir>, on standard output
//! consent-terms text <dir>      the plain text a person reads of every source below <dir>
//! consent-terms verify <receipt-file> --agreements <dir> (--nonce N | --no-nonce)
//!                      (--audience ORIGIN | --no-audience) (--max-age SECONDS | --no-max-age)
//!                      [--key-thumbprint T] [--provider P [--products "A B"] [--versions ...]]
//! consent-terms serve ...       the consent ledger service (runs `consent-terms-ledger serve`)
//! consent-terms ledger ...      the ledger's other commands, e.g. `ledger verify-export`
//! ```

use consent_terms::bundle::build_bundle;
use consent_terms::canonical::content_hash;
use consent_terms::catalog::{Catalog, CatalogError, Source};
use consent_terms::lint::lint;
use consent_terms::parse::parse_agreement;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  consent-terms lint <dir>      report exemption clauses that are not highlighted (and the reverse)
  consent-terms hash <file>     print the canonical SHA-256 of one agreement version
  consent-terms bundle <dir>... print the agreements bundle (JSON) of every source below each <dir>
  consent-terms text <dir>      print the plain text a person reads of every source below <dir>
  consent-terms verify <receipt-file> --agreements <dir> (--nonce N | --no-nonce)
                       (--audience ORIGIN | --no-audience) (--max-age SECONDS | --no-max-age)
                       [--key-thumbprint T] [--provider P [--products \"A B\"]
                       [--versions current|unchanged|ID@VERSION,...]]
                                verify a signed consent receipt; exit 10-29 name the failed check
  consent-terms serve --agreements <dir> --db <url> --token-file <file> [--listen ADDR] ...
                                run the consent ledger service (`consent-terms-ledger serve`)
  consent-terms ledger verify-export <file> --agreements <dir> --ledger-key <public-jwk>
                                check a ledger export offline (`consent-terms ledger help`: all)";

/// Exit codes: 0 success (warnings allowed), 1 invalid input found, 2 usage or I/O error,
/// 10 and above: the receipt check that failed (`VerifyError::exit_code`).
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    match refs.as_slice() {
        ["lint", dir] => run_lint(Path::new(dir)),
        ["hash", file] => run_hash(Path::new(file)),
        ["bundle", dirs @ ..] if !dirs.is_empty() => run_bundle(dirs),
        ["text", dir] => run_text(Path::new(dir)),
        #[cfg(not(target_arch = "wasm32"))]
        ["verify", rest @ ..] => run_verify(rest),
        #[cfg(not(target_arch = "wasm32"))]
        ["serve", ..] => run_ledger(&args),
        #[cfg(not(target_arch = "wasm32"))]
        ["ledger", rest @ ..] => run_ledger(rest),
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_sources(dir: &Path) -> Result<Vec<Source>, ExitCode> {
    match Source::read_dir(dir) {
        Ok(s) if s.is_empty() => {
            eprintln!("{}: no agreement sources (*.md) found", dir.display());
            Err(ExitCode::from(2))
        }
        Ok(s) => Ok(s),
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            Err(ExitCode::from(2))
        }
    }
}

/// The sources below `dir` and the catalogue they make, or the exit code after reporting why not.
fn load_catalog(dir: &Path) -> Result<(Vec<Source>, Catalog), ExitCode> {
    let sources = read_sources(dir)?;
    match Catalog::from_sources(&sources) {
        Ok(catalog) => Ok((sources, catalog)),
        Err(errors) => Err(report(&errors)),
    }
}

fn report(errors: &[CatalogError]) -> ExitCode {
    for e in errors {
        eprintln!("{e}");
    }
    eprintln!("{} error(s)", errors.len());
    ExitCode::from(1)
}

fn run_lint(dir: &Path) -> ExitCode {
    let (sources, catalog) = match load_catalog(dir) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let (mut errors, mut warnings, mut allowed) = (0, 0, 0);
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
            println!("{finding}");
        }
    }
    println!(
        "{} agreement version(s): {errors} error(s), {warnings} warning(s), {allowed} finding(s) allowed by the author with a reason",
        sources.len()
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_hash(file: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match parse_agreement(&file.display().to_string(), &text) {
        Ok(a) => {
            println!("{}  {} {}", content_hash(&a), a.meta.id, a.meta.version);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// The text a person reads, without markup: the measure the bundle's size is compared with.
fn run_text(dir: &Path) -> ExitCode {
    let (_, catalog) = match load_catalog(dir) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    for a in catalog.all() {
        let m = &a.meta;
        println!(
            "{}\nVersion {} · effective {} · last updated {}",
            m.title, m.version, m.effective, m.updated
        );
        for block in a.blocks() {
            match block.number() {
                Some(n) => println!("{n} {}", block.plain_text()),
                None => println!("{}", block.plain_text()),
            }
        }
        println!();
    }
    ExitCode::SUCCESS
}

fn run_bundle(dirs: &[&str]) -> ExitCode {
    let mut sources = Vec::new();
    for dir in dirs {
        match read_sources(Path::new(dir)) {
            Ok(s) => sources.extend(s),
            Err(code) => return code,
        }
    }
    match build_bundle(&sources) {
        Ok(bundle) => match serde_json::to_string_pretty(&bundle) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cannot serialise the bundle: {e}");
                ExitCode::from(2)
            }
        },
        Err(errors) => report(&errors),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run_verify(args: &[&str]) -> ExitCode {
    use consent_terms::verify::{verify_receipt, SignUpPolicy, VerifyOptions, VersionPolicy};
    let mut file = None;
    let mut dir = None;
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default();
    let mut options = VerifyOptions {
        now_ms,
        ..VerifyOptions::default()
    };
    // Each of the three replay and freshness checks is asked for, or explicitly declined: the
    // verifier does not fail open because a flag was forgotten.
    let mut declined = [false; 3];
    let mut sign_up = SignUpPolicy::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| match it.next() {
            Some(v) => Ok(v.to_string()),
            None => Err(format!("{name} needs a value")),
        };
        let result = match *arg {
            "--agreements" => value("--agreements").map(|v| dir = Some(v)),
            "--nonce" => value("--nonce").map(|v| options.nonce = Some(v)),
            "--audience" => value("--audience").map(|v| options.audience = Some(v)),
            "--key-thumbprint" => {
                value("--key-thumbprint").map(|v| options.key_thumbprint = Some(v))
            }
            "--max-age" => value("--max-age").and_then(|v| {
                v.parse()
                    .map(|n| options.max_age_seconds = Some(n))
                    .map_err(|_| format!("--max-age `{v}` is not a number of seconds"))
            }),
            "--provider" => value("--provider").map(|v| sign_up.provider = v),
            "--products" => value("--products").map(|v| {
                sign_up.products = v
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|p| !p.is_empty())
                    .map(String::from)
                    .collect()
            }),
            "--versions" => value("--versions").and_then(|v| {
                sign_up.versions = match v.as_str() {
                    "current" => VersionPolicy::Current,
                    "unchanged" => VersionPolicy::Unchanged,
                    list => VersionPolicy::CurrentOr(
                        list.split(',')
                            .map(|pair| match pair.split_once('@') {
                                Some((id, version)) if !id.is_empty() && !version.is_empty() => {
                                    Ok((id.to_string(), version.to_string()))
                                }
                                _ => Err(format!(
                                    "--versions: `{pair}` is not `current`, `unchanged` or ID@VERSION"
                                )),
                            })
                            .collect::<Result<_, _>>()?,
                    ),
                };
                Ok(())
            }),
            flag @ ("--no-nonce" | "--no-audience" | "--no-max-age") => {
                let i = ["--no-nonce", "--no-audience", "--no-max-age"]
                    .iter()
                    .position(|f| *f == flag)
                    .unwrap_or_default();
                declined[i] = true;
                Ok(())
            }
            other if !other.starts_with("--") && file.is_none() => {
                file = Some(other.to_string());
                Ok(())
            }
            other => Err(format!("unexpected argument `{other}`")),
        };
        if let Err(why) = result {
            eprintln!("{why}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let (Some(file), Some(dir)) = (file, dir) else {
        eprintln!("verify needs a receipt file and --agreements <dir>\n{USAGE}");
        return ExitCode::from(2);
    };
    if !sign_up.provider.is_empty() {
        options.sign_up = Some(sign_up);
    } else if sign_up != SignUpPolicy::default() {
        eprintln!("verify: --products and --versions need --provider\n{USAGE}");
        return ExitCode::from(2);
    }
    for (given, declined, flag) in [
        (
            options.nonce.is_some(),
            declined[0],
            "--nonce N or --no-nonce",
        ),
        (
            options.audience.is_some(),
            declined[1],
            "--audience ORIGIN or --no-audience",
        ),
        (
            options.max_age_seconds.is_some(),
            declined[2],
            "--max-age SECONDS or --no-max-age",
        ),
    ] {
        if given == declined {
            let why = if given {
                "not both"
            } else {
                "one of them is required"
            };
            eprintln!("verify: {flag} ({why}): a receipt checked without it can be replayed or stale\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let jws = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let (_, catalog) = match load_catalog(Path::new(&dir)) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    match verify_receipt(&jws, &catalog, &options) {
        Ok(v) => {
            let r = &v.record;
            println!(
                "receipt verified: {} signed by key {}",
                r.receipt_id, v.key_thumbprint
            );
            println!(
                "accepted at {} on {} (locale {})",
                r.accepted_at, r.audience, r.locale
            );
            println!(
                "subject {}, nonce {}",
                r.subject.as_deref().unwrap_or("(none)"),
                r.nonce.as_deref().unwrap_or("(none)")
            );
            println!("assent ({}): {}", r.assent.mode, r.assent.wording);
            for a in &r.agreements {
                println!(
                    "agreement {} {} sha256 {} (displayed {}, read to the end: {})",
                    a.id,
                    a.version,
                    a.sha256,
                    a.displayed_at.as_deref().unwrap_or("never"),
                    if a.reached_end { "yes" } else { "no" }
                );
            }
            println!(
                "{} highlighted clause(s) acknowledged:",
                v.acknowledged.len()
            );
            for c in &v.acknowledged {
                let excerpt: String = c.text.chars().take(100).collect();
                println!(
                    "  {} {} [{}] {excerpt}",
                    c.agreement,
                    c.clause.as_deref().unwrap_or(&c.highlight),
                    c.kind.as_str()
                );
            }
            match serde_json::to_string_pretty(r) {
                Ok(json) => println!("{json}"),
                Err(e) => eprintln!("cannot print the record: {e}"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("receipt rejected: {e}");
            ExitCode::from(e.exit_code())
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
