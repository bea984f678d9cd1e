//! Nonces: what a nonce request may ask ([`NonceRequest::issue`]) and what a receipt posted
//! with a nonce must be to use it ([`Nonce::admit`]): the nonce's subject and audience, within
//! its lifetime, at least the requirements it keeps, covering the sign-up it names.

use crate::error::ApiError;
use crate::policy::{check_sign_up, split_products, Accepted};
use crate::time::rfc3339_ms;
use consent_terms_core::catalog::Catalog;
use consent_terms_core::receipt::ConsentRecord;
use consent_terms_core::requirements::{parse_mode, Requirements, Window};
use serde::Deserialize;

/// A nonce as issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nonce {
    /// The nonce.
    pub nonce: String,
    /// The subject it was issued for.
    pub subject: String,
    /// The audience (page origin) it was issued for.
    pub audience: String,
    /// The sign-up's provider, if named.
    pub provider: Option<String>,
    /// The sign-up's products, space-separated, if named.
    pub products: Option<String>,
    /// Issued, ms since the epoch.
    pub issued_at_ms: i64,
    /// Expires, ms since the epoch.
    pub expires_at_ms: i64,
    /// What the sign-up requires of the acceptance (the host's server's word).
    pub requirements: Requirements,
    /// The entry that used it, once used.
    pub used_seq: Option<i64>,
}

/// The body of `POST /v1/nonces`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonceRequest {
    subject: String,
    audience: String,
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    products: Option<ProductList>,
    #[serde(default, deserialize_with = "present")]
    read_to_end: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    acknowledge_highlights: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    mode: Option<String>,
}

impl crate::extract::Expected for NonceRequest {
    const EXPECTED: &'static str = "expected {\"subject\", \"audience\"[, \"provider\", \"products\", \"read_to_end\", \"acknowledge_highlights\", \"mode\"]}";
}

/// A member that may be left out but, when given, is a value: `null` is refused rather than
/// read as "the default".
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ProductList {
    Text(String),
    List(Vec<String>),
}

/// Whether `audience` is an origin as a browser serialises it (`location.origin`): `https://`
/// or `http://`, a host in lower case, a port only where it is not the scheme's own, nothing
/// after it. Any other spelling would never match a receipt's audience.
fn valid_origin(audience: &str) -> bool {
    let (rest, default_port) = match audience.strip_prefix("https://") {
        Some(rest) => (Some(rest), ":443"),
        None => (audience.strip_prefix("http://"), ":80"),
    };
    rest.is_some_and(|origin| {
        // A host name, or an IPv6 address in brackets; then, optionally, a port.
        let (host, port) = match origin.strip_prefix('[') {
            Some(v6) => match v6.split_once(']') {
                Some((address, port)) => (address, port),
                None => return false,
            },
            None => origin
                .find(':')
                .map_or((origin, ""), |i| origin.split_at(i)),
        };
        let port_ok = port.is_empty()
            || (port != default_port
                && port.len() > 1
                && port.starts_with(':')
                && port[1..].bytes().all(|c| c.is_ascii_digit())
                && !port[1..].starts_with('0')
                && port[1..].parse::<u16>().is_ok());
        !host.is_empty()
            && port_ok
            && host
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b".-:".contains(&c))
            && (origin.starts_with('[') || !host.contains(':'))
    })
}

/// A subject as the ledger keeps it: 1 to 256 bytes, no white space around it, no control
/// character and none that hides or reorders text (a bidirectional override, a zero-width
/// space): a subject shown in a console or an audit must read as what it is. 400
/// `bad-request` otherwise, naming the character.
pub fn check_subject(subject: &str) -> Result<(), ApiError> {
    let odd = consent_terms_core::agreement::hiding_character(subject)
        .or_else(|| subject.chars().find(|c| c.is_control()));
    if subject.is_empty() || subject.len() > 256 || subject.trim() != subject || odd.is_some() {
        let why = odd.map_or(String::new(), |c| {
            [" (it holds U+", &format!("{:04X}", u32::from(c)), ")"].concat()
        });
        return Err(ApiError::BadRequest(
            [
                "`subject` must be 1 to 256 bytes without surrounding white space, control ",
                "characters or characters that hide or reorder text",
                &why,
            ]
            .concat(),
        ));
    }
    Ok(())
}

impl NonceRequest {
    /// The nonce this request asks for, named `nonce`, issued at `issued_at_ms` and living
    /// `ttl_ms`: 400 `bad-request` for a subject, audience or mode that is not as documented,
    /// the catalogue's 422 for a sign-up that selects nothing.
    pub fn issue(
        self,
        catalog: &Catalog,
        nonce: String,
        issued_at_ms: i64,
        ttl_ms: i64,
    ) -> Result<Nonce, ApiError> {
        check_subject(&self.subject)?;
        if !valid_origin(&self.audience) {
            return Err(ApiError::BadRequest(format!(
                "`audience` `{}` is not an origin such as https://console.example.com",
                self.audience
            )));
        }
        let products: Vec<String> = match self.products {
            None => Vec::new(),
            Some(ProductList::Text(t)) => {
                split_products(&t).into_iter().map(str::to_string).collect()
            }
            Some(ProductList::List(l)) => l,
        };
        let defaults = Requirements::default();
        let requirements = Requirements {
            read_to_end: self.read_to_end.unwrap_or(defaults.read_to_end),
            acknowledge_highlights: self
                .acknowledge_highlights
                .unwrap_or(defaults.acknowledge_highlights),
            mode: match self.mode.as_deref() {
                None => defaults.mode,
                Some(name) => Some(parse_mode(name).ok_or_else(|| {
                    ApiError::BadRequest(format!("`mode` {name:?} is not `checkbox` or `button`"))
                })?),
            },
        };
        match &self.provider {
            None if !products.is_empty() => {
                return Err(ApiError::BadRequest("`products` needs `provider`".into()))
            }
            None => {}
            Some(provider) => {
                let refs: Vec<&str> = products.iter().map(String::as_str).collect();
                catalog.select(provider, &refs, "en")?;
            }
        }
        Ok(Nonce {
            nonce,
            subject: self.subject,
            audience: self.audience,
            provider: self.provider,
            products: (!products.is_empty()).then(|| products.join(" ")),
            issued_at_ms,
            expires_at_ms: issued_at_ms + ttl_ms,
            requirements,
            used_seq: None,
        })
    }
}

impl Nonce {
    /// Whether `record`, posted at `now_ms` with this nonce, may use it: not used yet (409
    /// `replayed`), not expired, the nonce's subject and audience, accepted within its lifetime
    /// widened by `clock_skew_ms` and at least its requirements (the nonce's word on what the
    /// sign-up required, not the page's), and covering the sign-up it names but for what the
    /// subject accepted before (`accepted`, latest per id).
    pub fn admit(
        &self,
        record: &ConsentRecord,
        catalog: &Catalog,
        accepted: &[Accepted],
        now_ms: i64,
        clock_skew_ms: i64,
    ) -> Result<(), ApiError> {
        if let Some(seq) = self.used_seq {
            return Err(ApiError::Replayed(format!(
                "nonce `{}` is already used by entry {seq}",
                self.nonce
            )));
        }
        if now_ms > self.expires_at_ms {
            return Err(ApiError::NonceExpired(format!(
                "nonce `{}` expired at {}",
                self.nonce,
                rfc3339_ms(self.expires_at_ms)
            )));
        }
        if record.subject.as_deref() != Some(self.subject.as_str()) {
            return Err(ApiError::NonceSubject(format!(
                "the receipt's subject `{}` is not the subject `{}` the nonce was issued for",
                record.subject.as_deref().unwrap_or("(none)"),
                self.subject
            )));
        }
        if record.audience != self.audience {
            return Err(ApiError::NonceAudience(format!(
                "the receipt's audience `{}` is not the audience `{}` the nonce was issued for",
                record.audience, self.audience
            )));
        }
        self.requirements.check(
            record,
            Some(&Window {
                issued_at_ms: Some(self.issued_at_ms),
                expires_at_ms: Some(self.expires_at_ms),
                clock_skew_ms,
            }),
        )?;
        if let Some(provider) = &self.provider {
            let products = self
                .products
                .as_deref()
                .map(split_products)
                .unwrap_or_default();
            check_sign_up(catalog, provider, &products, record, accepted)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::valid_origin;

    #[test]
    fn an_audience_is_an_origin_as_a_browser_writes_it() {
        for ok in [
            "https://console.example.com",
            "http://127.0.0.1:8080",
            "https://console.example.com:8443",
            "http://[::1]:3000",
            "https://xn--fsq.example",
        ] {
            assert!(valid_origin(ok), "{ok}");
        }
        for bad in [
            "https://Console.example.com",
            "https://console.example.com:443",
            "http://console.example.com:80",
            "https://:::",
            "https://console.example.com/",
            "https://console.example.com:",
            "https://console.example.com:08443",
            "https://console.example.com:99999",
            "http://[::1",
            "ftp://console.example.com",
            "https://",
        ] {
            assert!(!valid_origin(bad), "{bad}");
        }
    }

    use super::*;
    use crate::sample::record;

    const AUDIENCE: &str = "https://console.example.com";
    const CDN: &[(&str, &str)] = &[
        ("kingsoft-general", "2020-04-14"),
        ("kingsoft-cdn", "2021-06-01"),
    ];
    const ISSUED: i64 = 1_800_000_000_000;
    const TTL: i64 = 900_000;

    fn catalog() -> Catalog {
        crate::server::load_catalog(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../agreements"),
        )
        .expect("the shipped agreements")
    }

    fn request(json: serde_json::Value) -> NonceRequest {
        serde_json::from_value(json).expect("a nonce request")
    }

    fn issue(json: serde_json::Value) -> Result<Nonce, ApiError> {
        request(json).issue(&catalog(), "n1".into(), ISSUED, TTL)
    }

    #[test]
    fn a_request_is_issued_with_its_sign_up_and_the_widgets_defaults() {
        let nonce = issue(serde_json::json!({
            "subject": "alice", "audience": AUDIENCE, "provider": "kingsoft", "products": "cdn, kmct"
        }))
        .expect("issued");
        assert_eq!(nonce.products.as_deref(), Some("cdn kmct"));
        assert_eq!(nonce.expires_at_ms, ISSUED + TTL);
        assert_eq!(nonce.requirements, Requirements::default());
        assert_eq!(nonce.used_seq, None);
    }

    #[test]
    fn a_request_not_as_documented_is_refused_with_its_code() {
        let long = "a".repeat(257);
        for (json, code) in [
            (
                serde_json::json!({ "subject": " alice", "audience": AUDIENCE }),
                "bad-request",
            ),
            (
                serde_json::json!({ "subject": "", "audience": AUDIENCE }),
                "bad-request",
            ),
            (
                serde_json::json!({ "subject": long, "audience": AUDIENCE }),
                "bad-request",
            ),
            (
                serde_json::json!({ "subject": "a", "audience": "https://a.example/path" }),
                "bad-request",
            ),
            (
                serde_json::json!({ "subject": "a", "audience": "ftp://a.example" }),
                "bad-request",
            ),
            (
                serde_json::json!({ "subject": "a", "audience": AUDIENCE, "mode": "telepathy" }),
                "bad-request",
            ),
            (
                serde_json::json!({ "subject": "a", "audience": AUDIENCE, "products": ["cdn"] }),
                "bad-request",
            ),
            (
                serde_json::json!({ "subject": "a", "audience": AUDIENCE, "provider": "nobody" }),
                "unknown-provider",
            ),
            (
                serde_json::json!({ "subject": "a", "audience": AUDIENCE, "provider": "kingsoft", "products": ["nope"] }),
                "unknown-product",
            ),
        ] {
            let e = issue(json.clone()).expect_err("refused");
            assert_eq!(e.code(), code, "{json}: {e:?}");
        }
        // `null` is not "the default".
        assert!(serde_json::from_value::<NonceRequest>(
            serde_json::json!({ "subject": "a", "audience": AUDIENCE, "read_to_end": null })
        )
        .is_err());
    }

    #[test]
    fn a_receipt_uses_its_nonce_only_as_issued_and_checked_in_this_order() {
        let catalog = catalog();
        let nonce = issue(serde_json::json!({
            "subject": "alice", "audience": AUDIENCE, "provider": "kingsoft", "products": ["cdn"]
        }))
        .expect("issued");
        let at = crate::time::rfc3339_ms(ISSUED + 1000);
        let honest = record(&catalog, CDN, "alice", AUDIENCE, "n1", &at);
        let now = ISSUED + 2000;
        assert_eq!(nonce.admit(&honest, &catalog, &[], now, 0), Ok(()));

        let code = |n: &Nonce, r: &ConsentRecord, now: i64| {
            n.admit(r, &catalog, &[], now, 0)
                .expect_err("refused")
                .code()
        };
        let used = Nonce {
            used_seq: Some(7),
            ..nonce.clone()
        };
        // A used nonce is a replay, expired or not.
        assert_eq!(code(&used, &honest, ISSUED + TTL + 1), "replayed");
        assert_eq!(code(&nonce, &honest, ISSUED + TTL + 1), "nonce-expired");
        let bob = record(&catalog, CDN, "bob", AUDIENCE, "n1", &at);
        assert_eq!(code(&nonce, &bob, now), "nonce-subject");
        let elsewhere = record(&catalog, CDN, "alice", "https://evil.example", "n1", &at);
        assert_eq!(code(&nonce, &elsewhere, now), "nonce-audience");
        let mut skimmed = honest.clone();
        skimmed.required.read_to_end = false;
        assert_eq!(code(&nonce, &skimmed, now), "requirements-weaker");
        let early = record(
            &catalog,
            CDN,
            "alice",
            AUDIENCE,
            "n1",
            &crate::time::rfc3339_ms(ISSUED - 1000),
        );
        assert_eq!(code(&nonce, &early, now), "accepted-before-nonce");
        let general_only = record(&catalog, &CDN[..1], "alice", AUDIENCE, "n1", &at);
        assert_eq!(code(&nonce, &general_only, now), "policy-missing-agreement");
    }
}
