//! The offline check of an export: every receipt against the catalogue, every witness against
//! the ledger's public key, and the hash chain; the first broken entry is named.

use crate::chain::{entry_hash, sha256_hex, LedgerPublicKey, GENESIS};
use consent_terms::catalog::Catalog;
use consent_terms::verify::{parse_rfc3339_utc_ms, verify_receipt, VerifyOptions};
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
    let mut previous: Option<(i64, String)> = None;
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
        first.get_or_insert(e.seq);
        previous = Some((e.seq, hash));
        count += 1;
    }
    Ok(ExportSummary {
        entries: count,
        range: first.zip(previous.as_ref().map(|(s, _)| *s)),
        head: previous
            .map(|(_, h)| h)
            .unwrap_or_else(|| GENESIS.to_string()),
    })
}
