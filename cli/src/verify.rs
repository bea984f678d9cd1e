//! `consent-terms verify`: a signed consent receipt checked against the agreements and the
//! sign-up's policy; each failed check has its own exit code.

use crate::{fail, load_catalog, Failure};
use clap::ArgGroup;
use consent_terms_core::catalog::Catalog;
use consent_terms_core::requirements::{Requirements, Window, DEFAULT_CLOCK_SKEW_SECONDS};
use consent_terms_core::verify::{
    now_ms, split_products, verify_receipt, SignUpPolicy, VerifyError, VerifyOptions,
    VersionPolicy, MAX_RECEIPT_BYTES,
};
use std::path::PathBuf;
use std::process::ExitCode;

/// `consent-terms verify`. Each of the replay and freshness checks is asked for or explicitly
/// declined: the verifier does not fail open because a flag was forgotten.
#[derive(clap::Args)]
#[command(after_help = VERIFY_EXIT_CODES)]
#[command(group = ArgGroup::new("nonce-check").required(true))]
#[command(group = ArgGroup::new("audience-check").required(true))]
#[command(group = ArgGroup::new("age-check").required(true))]
pub struct VerifyArgs {
    /// The receipt: a compact JWS, in a file
    receipt: PathBuf,
    /// The agreements the receipt is checked against (a directory of sources)
    #[arg(long, value_name = "DIR")]
    agreements: PathBuf,
    /// The nonce the host issued for this sign-up
    // A nonce is base64url: one in 64 starts with `-`, and is still the value.
    #[arg(
        long,
        group = "nonce-check",
        value_name = "N",
        allow_hyphen_values = true,
        value_parser = non_empty
    )]
    nonce: Option<String>,
    /// Check no nonce (the receipt can then be replayed)
    #[arg(long, group = "nonce-check")]
    no_nonce: bool,
    /// The page origin the receipt must name
    #[arg(long, group = "audience-check", value_name = "ORIGIN", value_parser = non_empty)]
    audience: Option<String>,
    /// Check no audience
    #[arg(long, group = "audience-check")]
    no_audience: bool,
    /// The oldest receipt accepted, in seconds
    #[arg(long, group = "age-check", value_name = "SECONDS", value_parser = clap::value_parser!(i64).range(0..))]
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
    /// An agreement the person accepted before, by your records (ID@VERSION, repeatable or
    /// separated by commas): the widget does not ask again what a person accepted, so the
    /// receipt of a returning person need not cover it
    #[arg(long, requires = "provider", value_parser = parse_pair, value_delimiter = ',', value_name = "ID@VERSION")]
    accepted_before: Vec<(String, String)>,
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

/// An expected nonce or audience: an empty one (an unset variable in `--nonce "$NONCE"`) would
/// match every receipt that carries an empty one, so it is a usage error, not a check.
fn non_empty(v: &str) -> Result<String, String> {
    if v.trim().is_empty() {
        return Err(
            "an empty value checks nothing; give the expected value, or --no-nonce / --no-audience"
                .into(),
        );
    }
    Ok(v.to_string())
}

fn parse_time(v: &str) -> Result<i64, String> {
    consent_terms_core::verify::parse_rfc3339_utc_ms(v)
        .ok_or_else(|| format!("`{v}` is not an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SS[.sss]Z)"))
}

const VERIFY_EXIT_CODES: &str = "Exit codes: 0 verified; 2 usage or I/O; 10 malformed, 11 bad header, \
12 algorithm not allowed, 13 bad key, 14 private key in header, 15 kid mismatch, 16 unexpected key, \
17 bad signature, 18 bad record, 19 nonce mismatch, 20 audience mismatch, 21 bad time, 22 stale, \
23 from the future, 24 unknown agreement, 25 hash mismatch, 26 unknown highlight, 27 a required \
agreement missing, 28 a version the policy does not accept, 29 a sign-up the catalogue does not know, \
30 an agreement the sign-up does not ask for; \
the sign-up's requirements (--require-read, --require-ack, --assent-mode or --policy; --issued-at, --expires-at): \
40 reading to the end not required, 41 acknowledging the highlighted clauses not required, 42 another \
assent mode, 43 accepted before the nonce was issued, 44 accepted after it expired.";

fn parse_pair(pair: &str) -> Result<(String, String), String> {
    match pair.split_once('@') {
        Some((id, version)) if !id.is_empty() && !version.is_empty() => {
            Ok((id.to_string(), version.to_string()))
        }
        _ => Err(format!("`{pair}` is not ID@VERSION")),
    }
}

fn parse_versions(v: &str) -> Result<VersionPolicy, String> {
    Ok(match v {
        "current" => VersionPolicy::Current,
        "unchanged" => VersionPolicy::Unchanged,
        list => VersionPolicy::CurrentOr(
            list.split(',')
                .map(|pair| {
                    parse_pair(pair).map_err(|_| match pair.trim() {
                        "current" | "unchanged" => format!(
                            "`{pair}` cannot be one of a list: the list is ID@VERSION,... accepted besides the current version"
                        ),
                        _ => format!("`{pair}` is not `current`, `unchanged` or ID@VERSION"),
                    })
                })
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// The requirements and the window the flags ask for, or the exit code after saying why not.
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

/// Verifies the receipt `args` names and prints what it records.
pub fn run(args: VerifyArgs) -> Result<ExitCode, Failure> {
    let (requirements, window) = requirements_of(&args)?;
    let options = VerifyOptions {
        nonce: args.nonce,
        audience: args.audience,
        max_age_seconds: args.max_age,
        key_thumbprint: args.key_thumbprint,
        now_ms: now_ms(),
        sign_up: args.provider.map(|provider| SignUpPolicy {
            provider,
            products: split_products(&args.products.unwrap_or_default())
                .into_iter()
                .map(String::from)
                .collect(),
            versions: args.versions.unwrap_or_default(),
            accepted_before: args.accepted_before,
        }),
    };
    let (file, dir) = (args.receipt.display().to_string(), args.agreements);
    let jws = read_receipt(&file)?;
    let (_, catalog) = load_catalog(&dir)?;
    known_versions(&catalog, &options)?;
    let verified = match verify_receipt(&jws, &catalog, &options) {
        // What the receipt says is quoted in the reason: escaped, as on the success path.
        Err(e) => Err((shown(&e.to_string()), e.exit_code())),
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
                shown(&r.audience),
                shown(&r.locale)
            )?;
            outln!(
                "subject {}, nonce {}",
                shown(r.subject.as_deref().unwrap_or("(none)")),
                shown(r.nonce.as_deref().unwrap_or("(none)"))
            )?;
            outln!("assent ({}): {}", r.assent.mode, r.assent.wording)?;
            if let Some(o) = &r.organization {
                outln!(
                    "on behalf of {} (id {}): {}",
                    shown(&o.name),
                    shown(o.id.as_deref().unwrap_or("(none)")),
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

/// The receipt file, read no further than a receipt can be long: a larger one (or a device
/// that never ends) is refused without being held in memory.
fn read_receipt(file: &str) -> Result<String, Failure> {
    use std::io::Read;
    let limit = MAX_RECEIPT_BYTES + 1024;
    let mut bytes = Vec::new();
    let read =
        std::fs::File::open(file).and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        eprintln!("{file}: {e}");
        return Err(fail(2));
    }
    if bytes.len() > limit {
        let e = VerifyError::Malformed(format!(
            "more than {limit} bytes; a receipt is at most {MAX_RECEIPT_BYTES}"
        ));
        eprintln!("{file}: receipt refused: {e}");
        return Err(fail(e.exit_code()));
    }
    String::from_utf8(bytes).map_err(|_| {
        eprintln!("{file}: not UTF-8 text; a receipt is a compact JWS");
        fail(VerifyError::Malformed(String::new()).exit_code())
    })
}

/// Every ID@VERSION of `--versions` and `--accepted-before` must name a version the catalogue
/// has: a misspelt one would silently accept nothing, or excuse nothing.
fn known_versions(catalog: &Catalog, options: &VerifyOptions) -> Result<(), Failure> {
    let Some(sign_up) = &options.sign_up else {
        return Ok(());
    };
    let listed = match &sign_up.versions {
        VersionPolicy::CurrentOr(pairs) => pairs.iter().map(|p| ("--versions", p)).collect(),
        _ => Vec::new(),
    };
    let before = sign_up
        .accepted_before
        .iter()
        .map(|p| ("--accepted-before", p));
    for (flag, (id, version)) in listed.into_iter().chain(before) {
        if catalog.find(id, version).is_none() {
            eprintln!("{flag}: the agreements have no {id}@{version}");
            return Err(fail(2));
        }
    }
    Ok(())
}

/// What a receipt says as the host wrote it (a subject, a nonce, an organisation's name), with
/// control characters escaped: a line break or a terminal's escape in a subject must not make
/// the operator read another subject.
fn shown(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}
