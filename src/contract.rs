//! The host contract, written once: the element's attributes, the events it dispatches and the
//! error codes a `consent-error` carries. The widget, the tests and the README table use these
//! names; `tests/contract.rs` checks that the README lists every one of them.

use std::fmt;

/// The attributes of `<consent-terms>` (and, in camel case, the `mount` options), in the order
/// the README lists them. `element.js` observes exactly these (it receives this list).
pub const ATTRIBUTES: [&str; 10] = [
    "provider",
    "products",
    "lang",
    "subject",
    "nonce",
    "require-scroll",
    "require-acknowledgement",
    "mode",
    "bundle",
    "post-message-origin",
];

/// An event the widget dispatches on its element (bubbling, composed `CustomEvent`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The agreements to accept are shown.
    Ready,
    /// What is missing, whether acceptance is possible, or the phase changed.
    Change,
    /// A signed receipt, once per acceptance.
    Receipt,
    /// The person declined.
    Declined,
    /// Something went wrong, or a warning ([`ErrorCode`]).
    Error,
}

impl Event {
    /// Every event, in the README's order.
    pub const ALL: [Event; 5] = [
        Event::Ready,
        Event::Change,
        Event::Receipt,
        Event::Declined,
        Event::Error,
    ];

    /// The event's name as the host listens for it.
    pub fn name(self) -> &'static str {
        match self {
            Event::Ready => "consent-ready",
            Event::Change => "consent-change",
            Event::Receipt => "consent-receipt",
            Event::Declined => "consent-declined",
            Event::Error => "consent-error",
        }
    }
}

/// The code of a `consent-error`: the same code is shown to the person beside the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorCode {
    /// A required attribute (`provider`) is missing.
    MissingAttribute,
    /// The bundle names no agreement of this provider.
    UnknownProvider,
    /// A product key is not in the bundle.
    UnknownProduct,
    /// Nothing in the bundle applies to this sign-up.
    NoAgreement,
    /// The bundle could not be fetched.
    BundleUnreachable,
    /// The bundle is not JSON of the bundle format.
    BundleMalformed,
    /// The bundle's agreements do not parse or do not form a catalogue.
    BundleInvalid,
    /// An agreement's text in the bundle does not hash to the `sha256` the bundle declares.
    HashMismatch,
    /// The text rendered on the page differs from the published text: no receipt is signed.
    RenderedMismatch,
    /// The widget's stylesheet is not in effect (no scroll box), so reading to the end cannot
    /// be observed: no agreement counts as read.
    StylesUnavailable,
    /// The page is not a secure context with WebCrypto.
    WebCryptoUnavailable,
    /// WebCrypto failed while signing.
    SigningFailed,
    /// Warning: the signing key is kept for this page only (IndexedDB unavailable).
    KeyNotPersisted,
    /// Warning: localStorage cannot be read or written; consent still works.
    StorageUnavailable,
}

impl ErrorCode {
    /// Every code, in the README's order.
    pub const ALL: [ErrorCode; 14] = [
        ErrorCode::MissingAttribute,
        ErrorCode::UnknownProvider,
        ErrorCode::UnknownProduct,
        ErrorCode::NoAgreement,
        ErrorCode::BundleUnreachable,
        ErrorCode::BundleMalformed,
        ErrorCode::BundleInvalid,
        ErrorCode::HashMismatch,
        ErrorCode::RenderedMismatch,
        ErrorCode::StylesUnavailable,
        ErrorCode::WebCryptoUnavailable,
        ErrorCode::SigningFailed,
        ErrorCode::KeyNotPersisted,
        ErrorCode::StorageUnavailable,
    ];

    /// The code's string, as the host receives it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MissingAttribute => "missing-attribute",
            ErrorCode::UnknownProvider => "unknown-provider",
            ErrorCode::UnknownProduct => "unknown-product",
            ErrorCode::NoAgreement => "no-agreement",
            ErrorCode::BundleUnreachable => "bundle-unreachable",
            ErrorCode::BundleMalformed => "bundle-malformed",
            ErrorCode::BundleInvalid => "bundle-invalid",
            ErrorCode::HashMismatch => "hash-mismatch",
            ErrorCode::RenderedMismatch => "rendered-mismatch",
            ErrorCode::StylesUnavailable => "styles-unavailable",
            ErrorCode::WebCryptoUnavailable => "webcrypto-unavailable",
            ErrorCode::SigningFailed => "signing-failed",
            ErrorCode::KeyNotPersisted => "key-not-persisted",
            ErrorCode::StorageUnavailable => "storage-unavailable",
        }
    }

    /// Warnings come with `severity: "warning"`: the acceptance goes on and the receipt is
    /// still emitted.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            ErrorCode::KeyNotPersisted | ErrorCode::StorageUnavailable
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The host's options: the element's attributes, or the object given to `mount` (which may use
/// the camel-case names, `requireScroll`, and booleans). Read from JavaScript with
/// serde-wasm-bindgen; anything unknown is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct HostOptions {
    /// `provider`.
    pub provider: Option<String>,
    /// `products`.
    pub products: Option<String>,
    /// `lang`.
    pub lang: Option<String>,
    /// `subject`.
    pub subject: Option<String>,
    /// `nonce`.
    pub nonce: Option<String>,
    /// `require-scroll`.
    #[serde(rename = "require-scroll", alias = "requireScroll")]
    pub require_scroll: Option<Flag>,
    /// `require-acknowledgement`.
    #[serde(rename = "require-acknowledgement", alias = "requireAcknowledgement")]
    pub require_acknowledgement: Option<Flag>,
    /// `mode`.
    pub mode: Option<String>,
    /// `bundle`.
    pub bundle: Option<String>,
    /// `post-message-origin`.
    #[serde(rename = "post-message-origin", alias = "postMessageOrigin")]
    pub post_message_origin: Option<String>,
}

/// A boolean option: an attribute's text or a `mount` option's boolean.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum Flag {
    /// `true` / `false` from code.
    Bool(bool),
    /// An attribute's text (`false`, `no`, `off` and `0` are false).
    Text(String),
}

impl HostOptions {
    /// What acceptance requires: everything unless the host turns a requirement off.
    pub fn requirements(&self) -> crate::consent::Requirements {
        use crate::consent::{flag_attr, AssentMode, Requirements};
        let flag = |f: &Option<Flag>| match f {
            None => true,
            Some(Flag::Bool(b)) => *b,
            Some(Flag::Text(t)) => flag_attr(Some(t), true),
        };
        Requirements {
            read_to_end: flag(&self.require_scroll),
            acknowledge_highlights: flag(&self.require_acknowledgement),
            mode: AssentMode::from_attr(self.mode.as_deref().unwrap_or("checkbox")),
        }
    }
}
