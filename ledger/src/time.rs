//! Wall-clock time as milliseconds since the Unix epoch and as RFC 3339 UTC text.

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for milliseconds since the Unix epoch.
pub fn rfc3339_ms(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let (year, month, day) = consent_terms_core::agreement::Date::civil(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use consent_terms_core::verify::parse_rfc3339_utc_ms;

    #[test]
    fn formats_and_parses_back() {
        for ms in [0, 951_782_400_000, 1_795_341_600_123, 4_107_542_399_999] {
            let text = rfc3339_ms(ms);
            assert_eq!(parse_rfc3339_utc_ms(&text), Some(ms), "{text}");
        }
        assert_eq!(rfc3339_ms(1_795_341_600_123), "2026-11-22T10:00:00.123Z");
    }
}
