//! Consent records as the widget makes them, signed natively: for the tests and the benchmark.

use consent_terms_core::catalog::Catalog;
use consent_terms_core::consent::AssentMode;
use consent_terms_core::i18n::{fill, title_list, Key, Lang};
use consent_terms_core::receipt::{
    AgreementConsent, Assent, ConsentRecord, RequiredSteps, RECEIPT_SCHEMA,
};
use p256::ecdsa::SigningKey;

/// A signing key from a seed (not secret: the person's browser key in tests).
pub fn browser_key(seed: u8) -> SigningKey {
    let mut bytes = [seed.max(1); 32];
    bytes[0] = 0x11;
    SigningKey::from_slice(&bytes).unwrap_or_else(|_| {
        SigningKey::from_slice(&[0x42; 32]).unwrap_or_else(|_| unreachable!("a valid scalar"))
    })
}

/// A random (version 4) UUID, as the browser's `crypto.randomUUID()` makes a receipt id.
pub fn receipt_id() -> String {
    let mut b = [0u8; 16];
    getrandom::getrandom(&mut b).unwrap_or_default();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The words of the widget's assent control in English for agreements titled `titles`: the
/// checkbox's label, or the single button's.
pub fn assent_wording(mode: AssentMode, titles: &[&str]) -> String {
    let titles = title_list(Lang::En, titles);
    let key = match mode {
        AssentMode::Checkbox => Key::AssentLabel,
        AssentMode::Button => Key::AgreeAndRegisterButton,
    };
    fill(Lang::En, key, &[("titles", &titles)])
}

/// The record of a person who accepted, at `accepted_at`, the given agreement versions (every
/// highlighted clause acknowledged), with the checkbox, in the widget's words.
pub fn record(
    catalog: &Catalog,
    agreements: &[(&str, &str)],
    subject: &str,
    audience: &str,
    nonce: &str,
    accepted_at: &str,
) -> ConsentRecord {
    let found: Vec<_> = agreements
        .iter()
        .filter_map(|(id, version)| catalog.find(id, version))
        .collect();
    let titles: Vec<&str> = found.iter().map(|a| a.meta.title.as_str()).collect();
    let wording = assent_wording(AssentMode::Checkbox, &titles);
    let agreements = found
        .iter()
        .map(|a| AgreementConsent {
            id: a.meta.id.clone(),
            version: a.meta.version.clone(),
            sha256: catalog.hash_of(a),
            displayed_at: Some(accepted_at.to_string()),
            reached_end: true,
            acknowledged_highlights: a.highlights().map(|h| h.id.to_string()).collect(),
            effective: None,
            questions_asked: Vec::new(),
        })
        .collect();
    ConsentRecord {
        schema: RECEIPT_SCHEMA.into(),
        receipt_id: receipt_id(),
        subject: Some(subject.to_string()),
        audience: audience.to_string(),
        nonce: Some(nonce.to_string()),
        locale: "en".into(),
        accepted_at: accepted_at.to_string(),
        assent: Assent {
            mode: "checkbox".into(),
            wording,
        },
        required: RequiredSteps {
            read_to_end: true,
            acknowledge_highlights: true,
        },
        agreements,
        accepted_ahead: Vec::new(),
        organization: None,
    }
}
