//! The offline check of an export: every receipt against the catalogue, every witness against
//! the ledger's public key, and the hash chain; the first broken entry is named. Given where it
//! must start and the ledger's signed head, also that nothing was cut from either end.

use crate::chain::{entry_hash, sha256_hex, HeadClaims, LedgerPublicKey, GENESIS};
use consent_terms_core::catalog::Catalog;
use consent_terms_core::verify::{parse_rfc3339_utc_ms, verify_receipt, VerifyOptions};
use serde::Deserialize;
use std::fmt;

/// One export line.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportLine {
    /// Position in the chain.
    pub seq: i64,
    /// When the ledger received the receipt.
    pub received_at: String,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub entry_hash: String,
    /// The receipt's id (from its record).
    pub receipt_id: String,
    /// The receipt.
    pub receipt: String,
    /// The ledger's witness.
    pub witness: String,
}

/// A checked export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSummary {
    /// Entries checked.
    pub entries: usize,
    /// First and last seq, if any.
    pub range: Option<(i64, i64)>,
    /// The last entry's hash.
    pub head: String,
    /// Entries after the signed head's seq (chained to it, but not pinned by it); 0 without a
    /// head.
    pub after_head: usize,
}

/// Where an export must start and end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bounds {
    /// The `since` it was fetched with: its first entry must be `since + 1` (seq 1 for 0).
    pub since: i64,
    /// The ledger's signed head, already verified: the export must reach its seq with its hash.
    pub head: Option<HeadClaims>,
}

/// Why a bounded export is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// An entry is broken (exit 1).
    Broken(Broken),
    /// The export does not start where it must: entries cut from its start (exit 3).
    Start(String),
    /// The export does not reach the signed head: entries cut from its end, or another
    /// chain (exit 4).
    End(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Broken(b) => write!(f, "first broken entry: {b}"),
            ExportError::Start(why) | ExportError::End(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ExportError {}

/// Checks an export (as [`verify_export`]) and that it starts at `bounds.since + 1` and, given
/// a head, reaches the head's seq with the head's entry hash. Entries after the head (appended
/// after it was signed: fetch the head first, then the export) are checked as a chain and
/// counted in [`ExportSummary::after_head`].
pub fn verify_export_bounded(
    text: &str,
    catalog: &Catalog,
    key: &LedgerPublicKey,
    bounds: &Bounds,
) -> Result<ExportSummary, ExportError> {
    let since = bounds.since;
    if let Some(head) = &bounds.head {
        if head.seq < since {
            return Err(ExportError::End(format!(
                "the head (seq {}) is before the export's start (--since {since}): it pins nothing of it; fetch the head after the entries you check",
                head.seq
            )));
        }
    }
    let (mut summary, chain) = check_lines(text, catalog, key).map_err(ExportError::Broken)?;
    let Some(first) = chain.first() else {
        return match &bounds.head {
            Some(head) if head.seq > since => Err(ExportError::End(format!(
                "the export has no entries after seq {since}, but the head is at seq {} (entry hash {}): entries {}..{} are missing",
                head.seq,
                head.entry_hash,
                since + 1,
                head.seq
            ))),
            _ => Ok(summary),
        };
    };
    if first.seq != since + 1 {
        return Err(ExportError::Start(format!(
            "the export starts at seq {} (line {}), not at seq {}: {}",
            first.seq,
            first.line,
            since + 1,
            if first.seq > since + 1 {
                format!(
                    "entries {}..{} are missing from its start (or give --since {})",
                    since + 1,
                    first.seq - 1,
                    first.seq - 1
                )
            } else {
                format!("it holds entries before seq {}", since + 1)
            }
        )));
    }
    let Some(head) = &bounds.head else {
        return Ok(summary);
    };
    let last = chain.last().map_or(since, |e| e.seq);
    // The head's hash is that of entry head.seq: in the export, or (head.seq == since) the
    // first entry's prev_hash.
    let at_head = if head.seq == since {
        Some((
            first.line,
            first.prev_hash.as_str(),
            "prev_hash of the first entry",
        ))
    } else {
        chain
            .iter()
            .find(|e| e.seq == head.seq)
            .map(|e| (e.line, e.entry_hash.as_str(), "entry_hash"))
    };
    match at_head {
        None => Err(ExportError::End(format!(
            "the export ends at seq {last}, but the head is at seq {} (entry hash {}): entries {}..{} are missing from its end",
            head.seq,
            head.entry_hash,
            last + 1,
            head.seq
        ))),
        Some((line, hash, what)) if hash != head.entry_hash => Err(ExportError::End(format!(
            "line {line}: the {what} at seq {} is {hash}, not the head's entry hash {}: the export is not the chain the ledger signed",
            head.seq, head.entry_hash
        ))),
        Some(_) => {
            summary.after_head = usize::try_from(last - head.seq).unwrap_or(0);
            Ok(summary)
        }
    }
}

/// One checked entry's place in the chain.
struct Link {
    line: usize,
    seq: i64,
    prev_hash: String,
    entry_hash: String,
}

/// The first broken entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// Line number in the file, from 1.
    pub line: usize,
    /// The entry's seq, if it could be read.
    pub seq: Option<i64>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.seq {
            Some(seq) => write!(f, "line {}: entry {seq}: {}", self.line, self.reason),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}

impl std::error::Error for Broken {}

/// Checks an export (JSON lines). An export that starts after entry 1 (`since`) is checked
/// from its first entry's `prev_hash` on.
pub fn verify_export(
    text: &str,
    catalog: &Catalog,
    key: &LedgerPublicKey,
) -> Result<ExportSummary, Broken> {
    check_lines(text, catalog, key).map(|(summary, _)| summary)
}

fn check_lines(
    text: &str,
    catalog: &Catalog,
    key: &LedgerPublicKey,
) -> Result<(ExportSummary, Vec<Link>), Broken> {
    let mut chain = Vec::new();
    let mut previous: Option<(i64, String)> = None;
    // The ledger stores a receipt once and consumes each nonce once, in the order received:
    // an export that holds one twice, or goes back in time, is not what it wrote.
    let mut receipts: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    let mut nonces: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    let mut last_received: Option<(i64, i64)> = None;
    let mut first = None;
    let mut count = 0;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let broken = |seq: Option<i64>, reason: String| Broken { line, seq, reason };
        let e: ExportLine = serde_json::from_str(raw)
            .map_err(|err| broken(None, format!("not an export entry: {err}")))?;
        let seq = Some(e.seq);
        match &previous {
            None if e.seq < 1 => return Err(broken(seq, "seq starts at 1".into())),
            None if e.seq == 1 && e.prev_hash != GENESIS => {
                return Err(broken(
                    seq,
                    format!("entry 1 must have prev_hash {GENESIS}"),
                ))
            }
            None => {}
            Some((prev_seq, prev_hash)) => {
                if e.seq != prev_seq + 1 {
                    return Err(broken(
                        seq,
                        format!("seq follows {prev_seq}: an entry is missing or out of order"),
                    ));
                }
                if &e.prev_hash != prev_hash {
                    return Err(broken(
                        seq,
                        format!(
                            "prev_hash {} is not entry {prev_seq}'s hash {prev_hash}",
                            e.prev_hash
                        ),
                    ));
                }
            }
        }
        let receipt_sha256 = sha256_hex(e.receipt.as_bytes());
        let claims = key
            .verify_witness(&e.witness)
            .map_err(|why| broken(seq, why))?;
        let stated = [
            ("seq", claims.seq.to_string(), e.seq.to_string()),
            (
                "received_at",
                claims.received_at.clone(),
                e.received_at.clone(),
            ),
            ("prev_hash", claims.prev_hash.clone(), e.prev_hash.clone()),
            (
                "receipt_sha256",
                claims.receipt_sha256.clone(),
                receipt_sha256.clone(),
            ),
        ];
        for (name, witnessed, actual) in stated {
            if witnessed != actual {
                return Err(broken(
                    seq,
                    format!("the witness states {name} {witnessed}, the entry has {actual}"),
                ));
            }
        }
        let hash = entry_hash(
            e.seq,
            &e.received_at,
            &e.prev_hash,
            &receipt_sha256,
            &e.witness,
        );
        if hash != e.entry_hash {
            return Err(broken(
                seq,
                format!(
                    "entry_hash {} is not the hash of the entry ({hash})",
                    e.entry_hash
                ),
            ));
        }
        let received_ms = parse_rfc3339_utc_ms(&e.received_at).ok_or_else(|| {
            broken(
                seq,
                format!("received_at `{}` is not RFC 3339 UTC", e.received_at),
            )
        })?;
        // The receipt is checked as at the time the ledger received it.
        let verified = verify_receipt(
            &e.receipt,
            catalog,
            &VerifyOptions {
                now_ms: received_ms,
                ..VerifyOptions::default()
            },
        )
        .map_err(|err| {
            broken(
                seq,
                format!(
                    "receipt rejected ({}): {err}",
                    crate::error::verify_code(&err)
                ),
            )
        })?;
        if verified.record.receipt_id != e.receipt_id {
            return Err(broken(
                seq,
                format!(
                    "receipt_id {} is not the receipt's own id {}",
                    e.receipt_id, verified.record.receipt_id
                ),
            ));
        }
        if let Some(earlier) = receipts.insert(e.receipt_id.clone(), e.seq) {
            return Err(broken(
                seq,
                format!("receipt {} is stored already, at entry {earlier}: the ledger stores a receipt once", e.receipt_id),
            ));
        }
        if let Some(nonce) = &verified.record.nonce {
            if let Some(earlier) = nonces.insert(nonce.clone(), e.seq) {
                return Err(broken(
                    seq,
                    format!(
                        "nonce `{}` was used already, by entry {earlier}: a nonce is used once",
                        nonce.escape_debug()
                    ),
                ));
            }
        }
        if let Some((prev_seq, prev_ms)) = last_received {
            if received_ms < prev_ms {
                return Err(broken(
                    seq,
                    format!("received_at {} is before entry {prev_seq}'s: entries are appended in the order received", e.received_at),
                ));
            }
        }
        last_received = Some((e.seq, received_ms));
        first.get_or_insert(e.seq);
        chain.push(Link {
            line,
            seq: e.seq,
            prev_hash: e.prev_hash,
            entry_hash: hash.clone(),
        });
        previous = Some((e.seq, hash));
        count += 1;
    }
    let summary = ExportSummary {
        entries: count,
        range: first.zip(previous.as_ref().map(|(s, _)| *s)),
        head: previous
            .map(|(_, h)| h)
            .unwrap_or_else(|| GENESIS.to_string()),
        after_head: 0,
    };
    Ok((summary, chain))
}
