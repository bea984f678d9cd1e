//! The signed record's own checks: its form and times, the host's nonce, audience and age,
//! every (id, version, hash) against the catalogue, the highlights it acknowledges and asks
//! about, the versions it accepts ahead, and the words the person agreed by.

use super::{
    AcknowledgedClause, VerifyError, VerifyOptions, CANONICAL_V2_SINCE, MAX_CLOCK_SKEW_MS,
};
use crate::agreement::{Agreement, Date, Highlight};
use crate::canonical::Form;
use crate::catalog::Catalog;
use crate::consent::AssentMode;
use crate::i18n::Lang;
use crate::receipt::{AgreementConsent, ConsentRecord, RECEIPT_SCHEMA};
use crate::wording::{assent_wording, authority_wording};

/// The signed payload as a record of the schema this verifier reads.
pub(super) fn parse(payload: &[u8]) -> Result<ConsentRecord, VerifyError> {
    let record: ConsentRecord =
        serde_json::from_slice(payload).map_err(|e| VerifyError::BadRecord(e.to_string()))?;
    if record.schema != RECEIPT_SCHEMA {
        return Err(VerifyError::BadRecord(format!(
            "schema `{}`",
            record.schema
        )));
    }
    Ok(record)
}

/// What the host expects of this sign-up: its nonce, its origin, and an acceptance neither
/// ahead of `now_ms` (beyond the clock skew) nor older than the maximum age.
pub(super) fn check_expected(
    record: &ConsentRecord,
    options: &VerifyOptions,
) -> Result<(), VerifyError> {
    if let Some(expected) = &options.nonce {
        if record.nonce.as_ref() != Some(expected) {
            return Err(VerifyError::NonceMismatch {
                expected: expected.clone(),
                found: record.nonce.clone(),
            });
        }
    }
    if let Some(expected) = &options.audience {
        if &record.audience != expected {
            return Err(VerifyError::AudienceMismatch {
                expected: expected.clone(),
                found: record.audience.clone(),
            });
        }
    }
    let accepted = parse_rfc3339_utc_ms(&record.accepted_at)
        .ok_or_else(|| VerifyError::BadTime(record.accepted_at.clone()))?;
    if accepted - options.now_ms > MAX_CLOCK_SKEW_MS {
        return Err(VerifyError::FromTheFuture {
            ahead_seconds: (accepted - options.now_ms) / 1000,
        });
    }
    if let Some(max) = options.max_age_seconds {
        let age = (options.now_ms - accepted) / 1000;
        if age > max {
            return Err(VerifyError::Stale {
                age_seconds: age,
                max_age_seconds: max,
            });
        }
    }
    Ok(())
}

/// The agreements a record accepts, bound to the catalogue.
pub(super) struct Bound<'a> {
    /// Every acknowledged highlighted clause, in the record's order.
    pub(super) acknowledged: Vec<AcknowledgedClause>,
    /// The canonical form of each agreement's hash, in the record's order.
    pub(super) forms: Vec<Form>,
    /// Each agreement's title, in the record's order.
    pub(super) titles: Vec<&'a str>,
}

/// Each agreement of the record (at least one) against the catalogue: the text its hash binds,
/// its effective date, the reading and acknowledging the record says were required, and the
/// highlights it names.
pub(super) fn check_agreements<'a>(
    catalog: &'a Catalog,
    record: &'a ConsentRecord,
) -> Result<Bound<'a>, VerifyError> {
    if record.agreements.is_empty() {
        return Err(VerifyError::BadRecord("no agreement".into()));
    }
    let day = record.accepted_at.get(..10).and_then(Date::parse);
    let mut bound = Bound {
        acknowledged: Vec::new(),
        forms: Vec::new(),
        titles: Vec::new(),
    };
    for a in &record.agreements {
        let (agreement, form) = text_with_hash(catalog, &a.id, &a.version, &a.sha256, day)?;
        bound.forms.push(form);
        bound.titles.push(agreement.meta.title.as_str());
        check_agreement(record, a, agreement)?;
        bound
            .acknowledged
            .extend(acknowledged_clauses(a, agreement)?);
    }
    Ok(bound)
}

/// One agreement of the record against its text: the effective date, read to the end and
/// every highlight acknowledged if the record says that was required, and only its own
/// highlights asked about.
fn check_agreement(
    record: &ConsentRecord,
    a: &AgreementConsent,
    agreement: &Agreement,
) -> Result<(), VerifyError> {
    if let Some(effective) = &a.effective {
        if *effective != agreement.meta.effective.to_string() {
            return Err(VerifyError::BadRecord(format!(
                "agreement `{}` version {} took effect on {}, not {effective}",
                a.id, a.version, agreement.meta.effective
            )));
        }
    }
    // Reaching the end of a text is reading it, and a text read was shown.
    if a.reached_end && a.displayed_at.is_none() {
        return Err(VerifyError::BadRecord(format!(
            "agreement `{}` says it was read to its end but was never displayed (`displayed_at` is null)",
            a.id
        )));
    }
    if record.required.read_to_end && !a.reached_end {
        return Err(VerifyError::BadRecord(format!(
            "agreement `{}` was not read to its end, which the receipt says was required",
            a.id
        )));
    }
    if record.required.acknowledge_highlights {
        if let Some(missing) = agreement
            .highlights()
            .map(|h| h.id)
            .find(|id| !a.acknowledged_highlights.iter().any(|h| h == id))
        {
            return Err(VerifyError::BadRecord(format!(
                "agreement `{}`: highlighted clause `{missing}` is not acknowledged, which the receipt says was required",
                a.id
            )));
        }
    }
    if let Some(h) = a
        .questions_asked
        .iter()
        .find(|h| !agreement.highlights().any(|x| x.id == h.as_str()))
    {
        return Err(VerifyError::UnknownHighlight {
            id: a.id.clone(),
            highlight: h.clone(),
        });
    }
    Ok(())
}

/// The highlighted clauses of `agreement` the record acknowledges, with their text.
fn acknowledged_clauses(
    a: &AgreementConsent,
    agreement: &Agreement,
) -> Result<Vec<AcknowledgedClause>, VerifyError> {
    a.acknowledged_highlights
        .iter()
        .map(|h| {
            let Highlight {
                block, kind, text, ..
            } = agreement.highlights().find(|x| x.id == h).ok_or_else(|| {
                VerifyError::UnknownHighlight {
                    id: a.id.clone(),
                    highlight: h.clone(),
                }
            })?;
            Ok(AcknowledgedClause {
                agreement: a.id.clone(),
                highlight: h.clone(),
                clause: block.number().map(str::to_string),
                kind,
                text: text.to_string(),
            })
        })
        .collect()
}

/// The text of `version` of `id` whose content hash is `sha256`. A version may be published
/// in several languages: a receipt binds the text shown. A canonical v1 hash binds it only
/// for a receipt accepted (on `day`) before [`CANONICAL_V2_SINCE`].
pub(super) fn text_with_hash<'a>(
    catalog: &'a Catalog,
    id: &'a str,
    version: &'a str,
    sha256: &str,
    day: Option<Date>,
) -> Result<(&'a Agreement, Form), VerifyError> {
    let texts: Vec<_> = catalog.texts(id, version).collect();
    let Some(first) = texts.first() else {
        return Err(VerifyError::UnknownAgreement {
            id: id.to_string(),
            version: version.to_string(),
        });
    };
    let (text, form) = texts
        .iter()
        .find_map(|t| Some((*t, catalog.form_of(t, sha256)?)))
        .ok_or_else(|| VerifyError::HashMismatch {
            id: id.to_string(),
            version: version.to_string(),
            catalogue: catalog.hash_of(first),
            receipt: sha256.to_string(),
        })?;
    if form == Form::V1 && day.is_none_or(|d| d >= CANONICAL_V2_SINCE) {
        return Err(VerifyError::BadRecord(format!(
            "agreement `{id}` version {version}: `sha256` {sha256} is the canonical v1 hash, which binds only receipts accepted before {CANONICAL_V2_SINCE}, when canonical v2 began; a receipt accepted on {} binds the v2 hash {}",
            day.map_or_else(|| "an unknown day".to_string(), |d| d.to_string()),
            catalog.hash_of(text)
        )));
    }
    Ok((text, form))
}

/// Each version accepted ahead: of an agreement the record accepts, in the catalogue with its
/// hash and effective date, and not yet in effect on the day of acceptance.
pub(super) fn check_accepted_ahead(
    catalog: &Catalog,
    record: &ConsentRecord,
) -> Result<(), VerifyError> {
    let bad = |what: String| Err(VerifyError::BadRecord(what));
    let day = record.accepted_at.get(..10).and_then(Date::parse);
    for (i, n) in record.accepted_ahead.iter().enumerate() {
        if record.accepted_ahead[..i].iter().any(|m| m.id == n.id) {
            return bad(format!("agreement `{}` is accepted ahead twice", n.id));
        }
        let Some(current) = record.agreements.iter().find(|a| a.id == n.id) else {
            return bad(format!(
                "version {} of `{}` is accepted ahead, but no version of it is accepted",
                n.version, n.id
            ));
        };
        let (text, _) = text_with_hash(catalog, &n.id, &n.version, &n.sha256, day)?;
        let effective = text.meta.effective;
        if n.effective != effective.to_string() {
            return bad(format!(
                "version {} of `{}` takes effect on {effective}, not {}",
                n.version, n.id, n.effective
            ));
        }
        let current_effective = catalog
            .find(&current.id, &current.version)
            .map(|a| a.meta.effective);
        if day.is_none_or(|d| effective <= d) || current_effective.is_some_and(|c| effective <= c) {
            return bad(format!(
                "version {} of `{}` was not an announced version when the receipt was accepted: it took effect on {effective}",
                n.version, n.id
            ));
        }
    }
    Ok(())
}

/// Milliseconds since the Unix epoch of an RFC 3339 UTC time `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
pub fn parse_rfc3339_utc_ms(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let date = crate::agreement::Date::parse(text.get(0..10)?)?;
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // No leap second: browsers and this crate never write `:60`.
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let rest = text.get(19..)?;
    let millis = match rest {
        "Z" => 0,
        _ => {
            let frac = rest.strip_prefix('.')?.strip_suffix('Z')?;
            if frac.is_empty() || frac.len() > 9 || !frac.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let padded = format!("{frac:0<3}");
            padded.get(0..3)?.parse::<i64>().ok()?
        }
    };
    let days = date.unix_days();
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
}

/// The record's own form: ids and times as the widget writes them, a known assent mode, no id
/// twice.
pub(super) fn check_record_form(record: &ConsentRecord) -> Result<(), VerifyError> {
    let bad = |what: String| Err(VerifyError::BadRecord(what));
    // A random UUID (version 4, RFC 9562's variant), as `crypto.randomUUID()` makes it: never
    // the nil UUID or one a host could count up.
    let is_uuid = |s: &str| {
        s.len() == 36
            && s.bytes().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == b'-',
                14 => c == b'4',
                19 => matches!(c, b'8' | b'9' | b'a' | b'b'),
                // Lower case, as the widget writes it: one receipt has one id, for replay
                // checks and lookups alike.
                _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
            })
    };
    // A language tag (BCP 47's form: letters, digits, hyphens; at most 35 characters, the
    // longest tag a registry subtag makes), never text a receipt could be padded with.
    let locale = &record.locale;
    if locale.is_empty()
        || locale.len() > 35
        || !locale
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-')
    {
        let shown: String = locale.chars().take(40).collect();
        return bad(format!("`locale` {shown:?} is not a language tag"));
    }
    if !is_uuid(&record.receipt_id) {
        return bad(format!(
            "`receipt_id` `{}` is not a random (version 4) UUID in lower case",
            record.receipt_id
        ));
    }
    if !matches!(record.assent.mode.as_str(), "checkbox" | "button") {
        return bad(format!(
            "assent mode `{}`; expected `checkbox` or `button`",
            record.assent.mode
        ));
    }
    let accepted = parse_rfc3339_utc_ms(&record.accepted_at)
        .ok_or_else(|| VerifyError::BadTime(record.accepted_at.clone()))?;
    for (i, a) in record.agreements.iter().enumerate() {
        if record.agreements[..i].iter().any(|b| b.id == a.id) {
            return bad(format!("agreement `{}` is named twice", a.id));
        }
        if let Some((_, h)) = a
            .acknowledged_highlights
            .iter()
            .enumerate()
            .find(|(j, h)| a.acknowledged_highlights[..*j].contains(h))
        {
            return bad(format!(
                "agreement `{}`: highlight `{h}` is acknowledged twice",
                a.id
            ));
        }
        if let Some((_, h)) = a
            .questions_asked
            .iter()
            .enumerate()
            .find(|(j, h)| a.questions_asked[..*j].contains(h))
        {
            return bad(format!(
                "agreement `{}`: highlight `{h}` is listed twice as asked about",
                a.id
            ));
        }
        if let Some(shown) = &a.displayed_at {
            match parse_rfc3339_utc_ms(shown) {
                Some(t) if t <= accepted => {}
                Some(_) => {
                    return bad(format!(
                        "agreement `{}` was displayed at {shown}, after the acceptance",
                        a.id
                    ))
                }
                None => return Err(VerifyError::BadTime(shown.clone())),
            }
        }
    }
    if let Some(o) = &record.organization {
        if o.name.trim().is_empty() || o.id.as_deref().is_some_and(|id| id.trim().is_empty()) {
            return bad("the organisation's `name` or `id` is empty".into());
        }
        // The statement the person ticked is the widget's, for the organisation named.
        let lang = Lang::from_tag(&record.locale);
        let expected = authority_wording(lang, &o.name);
        if o.authority != expected {
            return bad(format!(
                "`organization.authority` is “{}”, not the widget's authority statement for `{}` in `{}`: “{expected}”",
                o.authority,
                o.name,
                lang.tag()
            ));
        }
    }
    Ok(())
}

/// The record's `assent.wording` is exactly the widget's words for its assent mode, in its
/// locale, for the agreements it names (`titles`, in the record's order): a record that says
/// it was accepted by other words ("I do NOT agree.") is not the widget's.
pub(super) fn check_assent_wording(
    record: &ConsentRecord,
    titles: &[&str],
) -> Result<(), VerifyError> {
    let lang = Lang::from_tag(&record.locale);
    let mode = AssentMode::from_attr(&record.assent.mode);
    let expected = assent_wording(mode, lang, titles);
    if record.assent.wording != expected {
        return Err(VerifyError::BadRecord(format!(
            "`assent.wording` is “{}”, not the widget's words for the `{}` control in `{}` for these agreements: “{expected}”",
            record.assent.wording,
            mode.as_str(),
            lang.tag()
        )));
    }
    Ok(())
}
