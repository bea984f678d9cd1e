//! Where each file of the site is: path segments, folders, pages, downloads, canonical texts,
//! histories, and the feed's stable ids.

use super::*;

/// A path segment from a token of the dialect (letters, digits, `-`, `.`, `_`): never `.` or
/// `..` or hidden.
pub(super) fn segment(token: &str) -> String {
    if token.starts_with('.') || token.is_empty() {
        ["_", token].concat()
    } else {
        token.to_string()
    }
}

/// The folder of an interface language.
pub(super) fn lang_dir(lang: Lang) -> &'static str {
    lang.tag()
}

/// A text's page, from its agreement's folder.
pub(super) fn page_file(a: &Agreement) -> String {
    [
        &segment(&a.meta.version),
        ".",
        &segment(&a.meta.language),
        ".html",
    ]
    .concat()
}

/// A text's page, from its language folder.
pub(super) fn page_path(a: &Agreement) -> String {
    [&segment(&a.meta.id), "/", &page_file(a)].concat()
}

/// A text's downloadable file (the widget's "Download"), from its language folder.
pub(super) fn download_path(a: &Agreement) -> String {
    [
        &segment(&a.meta.id),
        "/",
        &segment(&a.meta.version),
        ".",
        &segment(&a.meta.language),
        ".download.html",
    ]
    .concat()
}

/// A text's canonical text, from the site's root.
pub(super) fn canonical_path(a: &Agreement) -> String {
    [
        "canonical/",
        &segment(&a.meta.id),
        "/",
        &segment(&a.meta.version),
        ".",
        &segment(&a.meta.language),
        ".txt",
    ]
    .concat()
}

/// An agreement's history page, from its language folder.
pub(super) fn history_path(id: &str) -> String {
    [&segment(id), "/index.html"].concat()
}

/// A UUID (RFC 9562, version 8) named by `name`, for the feed's ids: stable across builds.
pub(super) fn uuid_urn(name: &str) -> String {
    let hex: Vec<char> = sha256_hex(name.as_bytes()).chars().take(32).collect();
    let mut h: String = hex.iter().collect();
    h.replace_range(12..13, "8");
    let variant = (u8::from_str_radix(&h[16..17], 16).unwrap_or(0) & 0x3) | 0x8;
    h.replace_range(16..17, &format!("{variant:x}"));
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}
