//! The host contract, written once: the element's attributes, the events it dispatches and the
//! error codes a `consent-error` carries. The widget, the tests and the README table use these
//! names; `tests/contract.rs` checks that the README lists every one of them.

use std::fmt;

/// The attributes of `<consent-terms>` (and, in camel case, the `mount` options), in the order
/// the README lists them. `element.js` observes exactly these (it receives this list).
pub const ATTRIBUTES: [&str; 17] = [
    "provider",
    "products",
    "lang",
    "subject",
    "challenge",
    "nonce",
    "require-scroll",
    "require-acknowledgement",
    "mode",
    "bundle",
    "post-message-origin",
    "status-url",
    "organization",
    "organization-id",
    "help-url",
    "help-email",
    "integrity",
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
    /// The person's copy of what they accepted, after the receipt.
    Copy,
    /// The person declined.
    Declined,
    /// The person asked about a highlighted clause.
    Question,
    /// Something went wrong, or a warning ([`ErrorCode`]).
    Error,
}

impl Event {
    /// Every event, in the README's order.
    pub const ALL: [Event; 7] = [
        Event::Ready,
        Event::Change,
        Event::Receipt,
        Event::Copy,
        Event::Declined,
        Event::Question,
        Event::Error,
    ];

    /// The event's name as the host listens for it.
    pub fn name(self) -> &'static str {
        match self {
            Event::Ready => "consent-ready",
            Event::Change => "consent-change",
            Event::Receipt => "consent-receipt",
            Event::Copy => "consent-copy",
            Event::Declined => "consent-declined",
            Event::Question => "consent-question",
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
    /// The bundle file does not match the `integrity` the page pinned.
    IntegrityMismatch,
    /// The text rendered on the page differs from the published text: no receipt is signed.
    RenderedMismatch,
    /// The widget's stylesheet is not in effect (no scroll box), so reading to the end cannot
    /// be observed: no agreement counts as read.
    StylesUnavailable,
    /// The page is not a secure context with WebCrypto.
    WebCryptoUnavailable,
    /// WebCrypto failed while signing.
    SigningFailed,
    /// Isolated mode: the widget's frame did not load or did not answer from the origin of its
    /// `src`, so nothing can be shown or accepted (reported by `<consent-terms-frame>`).
    FrameUnavailable,
    /// The widget's code could not start (its wasm not found, or a CSP without
    /// `'wasm-unsafe-eval'`): reported by the module's `init()` (`src/web/start.js`), which
    /// defines an element that says so in its place.
    CodeUnavailable,
    /// Warning: the signing key is kept for this page only (IndexedDB unavailable).
    KeyNotPersisted,
    /// Warning: localStorage cannot be read or written; consent still works.
    StorageUnavailable,
    /// Warning: the `status-url` could not be read; what this browser remembers is used.
    StatusUnavailable,
    /// Warning: prerendered markup in the element's shadow root did not match the bundle's
    /// text; it was discarded and the widget rendered the published text itself.
    PrerenderMismatch,
    /// Warning, isolated mode: the frame did not set an attribute the host page sent it,
    /// because it is not one of the widget's or its value does not have that attribute's syntax
    /// (reported by `frame.js`, naming the attribute; the widget goes on with the others).
    AttributeRefused,
}

impl ErrorCode {
    /// Every code, in the README's order.
    pub const ALL: [ErrorCode; 20] = [
        ErrorCode::MissingAttribute,
        ErrorCode::UnknownProvider,
        ErrorCode::UnknownProduct,
        ErrorCode::NoAgreement,
        ErrorCode::BundleUnreachable,
        ErrorCode::BundleMalformed,
        ErrorCode::BundleInvalid,
        ErrorCode::HashMismatch,
        ErrorCode::IntegrityMismatch,
        ErrorCode::RenderedMismatch,
        ErrorCode::StylesUnavailable,
        ErrorCode::WebCryptoUnavailable,
        ErrorCode::SigningFailed,
        ErrorCode::FrameUnavailable,
        ErrorCode::CodeUnavailable,
        ErrorCode::KeyNotPersisted,
        ErrorCode::StorageUnavailable,
        ErrorCode::StatusUnavailable,
        ErrorCode::PrerenderMismatch,
        ErrorCode::AttributeRefused,
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
            ErrorCode::IntegrityMismatch => "integrity-mismatch",
            ErrorCode::RenderedMismatch => "rendered-mismatch",
            ErrorCode::StylesUnavailable => "styles-unavailable",
            ErrorCode::WebCryptoUnavailable => "webcrypto-unavailable",
            ErrorCode::SigningFailed => "signing-failed",
            ErrorCode::FrameUnavailable => "frame-unavailable",
            ErrorCode::CodeUnavailable => "code-unavailable",
            ErrorCode::KeyNotPersisted => "key-not-persisted",
            ErrorCode::StorageUnavailable => "storage-unavailable",
            ErrorCode::StatusUnavailable => "status-unavailable",
            ErrorCode::PrerenderMismatch => "prerender-mismatch",
            ErrorCode::AttributeRefused => "attribute-refused",
        }
    }

    /// Warnings come with `severity: "warning"`: the acceptance goes on and the receipt is
    /// still emitted.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            ErrorCode::KeyNotPersisted
                | ErrorCode::StorageUnavailable
                | ErrorCode::StatusUnavailable
                | ErrorCode::PrerenderMismatch
                | ErrorCode::AttributeRefused
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The host's options: the element's attributes, or the object given to `mount` (which may use
/// the camel-case names, `requireScroll`, and booleans). Anything unknown is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostOptions {
    /// `provider`.
    pub provider: Option<String>,
    /// `products`.
    pub products: Option<String>,
    /// `lang`.
    pub lang: Option<String>,
    /// `subject`.
    pub subject: Option<String>,
    /// `challenge`: the host server's nonce for this sign-up, signed into the receipt's `nonce`.
    pub challenge: Option<String>,
    /// `nonce`: the former name of `challenge`, read for one release. It is also HTML's global
    /// attribute for Content-Security-Policy, which React sets as a property only and a CSP
    /// header hides from the attribute once the element is connected.
    pub nonce: Option<String>,
    /// `require-scroll`: `false`, `no`, `off` or `0` turn it off.
    pub require_scroll: Option<String>,
    /// `require-acknowledgement`: the same.
    pub require_acknowledgement: Option<String>,
    /// `mode`: `checkbox` or `button`.
    pub mode: Option<String>,
    /// `bundle`.
    pub bundle: Option<String>,
    /// `post-message-origin`.
    pub post_message_origin: Option<String>,
    /// `status-url`.
    pub status_url: Option<String>,
    /// `organization`: the legal name of the organisation the person accepts for.
    pub organization: Option<String>,
    /// `organization-id`: the host's identifier for it.
    pub organization_id: Option<String>,
    /// `help-url`: where "Ask about this clause" opens, in a new window.
    pub help_url: Option<String>,
    /// `help-email`: the address "Ask about this clause" writes to, when there is no `help-url`.
    pub help_email: Option<String>,
    /// `integrity`: the bundle file's pinned SHA-256, as in Subresource Integrity.
    pub integrity: Option<String>,
}

/// An option's value, trimmed, when it is not blank.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// `require-scroll` as `requireScroll`.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        match (c, upper) {
            ('-', _) => upper = true,
            (c, true) => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            (c, false) => out.push(c),
        }
    }
    out
}

impl HostOptions {
    /// Reads the options through `get`, which gives an option's value as text (a boolean as
    /// `true` or `false`) by its name; each is asked by attribute name, then in camel case.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> HostOptions {
        let option = |name: &str| get(name).or_else(|| get(&camel_case(name)));
        HostOptions {
            provider: option(ATTRIBUTES[0]),
            products: option(ATTRIBUTES[1]),
            lang: option(ATTRIBUTES[2]),
            subject: option(ATTRIBUTES[3]),
            challenge: option(ATTRIBUTES[4]),
            nonce: option(ATTRIBUTES[5]),
            require_scroll: option(ATTRIBUTES[6]),
            require_acknowledgement: option(ATTRIBUTES[7]),
            mode: option(ATTRIBUTES[8]),
            bundle: option(ATTRIBUTES[9]),
            post_message_origin: option(ATTRIBUTES[10]),
            status_url: option(ATTRIBUTES[11]),
            organization: option(ATTRIBUTES[12]),
            organization_id: option(ATTRIBUTES[13]),
            help_url: option(ATTRIBUTES[14]),
            help_email: option(ATTRIBUTES[15]),
            integrity: option(ATTRIBUTES[16]),
        }
    }

    /// The host server's nonce the receipt signs: `challenge`, else the deprecated `nonce`
    /// (the second member says it came from there, so that the host can be warned).
    pub fn receipt_nonce(&self) -> (Option<&str>, bool) {
        match (&self.challenge, &self.nonce) {
            (Some(c), _) => (Some(c.as_str()), false),
            (None, Some(n)) => (Some(n.as_str()), true),
            (None, None) => (None, false),
        }
    }

    /// The organisation the person accepts for: `organization` when it is not blank, with
    /// `organization-id` when that is not blank either.
    pub fn organization(&self) -> Option<crate::consent::Organization> {
        Some(crate::consent::Organization {
            name: given(&self.organization)?.to_string(),
            id: given(&self.organization_id).map(str::to_string),
        })
    }

    /// Where "Ask about this clause" leads: the `help-url`, else a `mailto:` to `help-email`.
    pub fn help(&self) -> Option<Help> {
        given(&self.help_url)
            .map(|u| Help::Url(u.to_string()))
            .or_else(|| given(&self.help_email).map(|e| Help::Email(e.to_string())))
    }

    /// What acceptance requires: everything unless the host turns a requirement off.
    pub fn requirements(&self) -> crate::consent::Requirements {
        use crate::consent::{flag_attr, AssentMode, Requirements};
        Requirements {
            read_to_end: flag_attr(self.require_scroll.as_deref(), true),
            acknowledge_highlights: flag_attr(self.require_acknowledgement.as_deref(), true),
            mode: AssentMode::from_attr(self.mode.as_deref().unwrap_or("checkbox")),
        }
    }
}

/// Where a person's question about a clause goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Help {
    /// A page of the host, opened in a new window with the question in its query.
    Url(String),
    /// An address, written to through a `mailto:` link.
    Email(String),
}

/// The detail of `consent-copy`: the person's copy of what they accepted, one self-contained
/// HTML file, for the host to send them (an email attachment is a durable medium).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CopyDetail {
    /// The receipt the copy holds.
    pub receipt_id: String,
    /// `consent-<receipt id>.html`.
    pub filename: String,
    /// The file.
    pub html: String,
}

/// The detail of `consent-question`: which clause the person asked about.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct QuestionDetail {
    /// Agreement id.
    pub agreement: String,
    /// Its version shown.
    pub version: String,
    /// The agreement's title.
    pub title: String,
    /// The clause's number as printed (`5.5`, `第三条`), if it has one.
    pub clause: Option<String>,
    /// The highlight's id (`h3`).
    pub highlight: String,
    /// Exemption, limitation or restriction.
    pub kind: &'static str,
    /// The highlighted text.
    pub text: String,
    /// The UI language tag.
    pub lang: &'static str,
    /// What the widget opened for it (the `help-url` or `mailto:` address with the question),
    /// if the host gave one.
    pub opened: Option<String>,
}

/// At most this many characters of the clause go into a help address, whose length browsers
/// and mail programs limit; the event's `text` has all of it.
pub const HELP_TEXT_CHARS: usize = 300;

fn push_query(out: &mut String, name: &str, value: &str) {
    out.push(if out.contains('?') { '&' } else { '?' });
    out.push_str(name);
    out.push('=');
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
}

impl QuestionDetail {
    /// The address to open for this question: `help` with `agreement`, `version`, `clause`,
    /// `highlight`, `lang` and the clause `text` (cut at [`HELP_TEXT_CHARS`]) in its query;
    /// for an address, a `mailto:` whose subject names the clause and whose body quotes it.
    pub fn help_address(&self, help: &Help) -> String {
        let clause = self.clause.as_deref().unwrap_or("");
        let mut text: String = self.text.chars().take(HELP_TEXT_CHARS).collect();
        if text.len() < self.text.len() {
            text.push('…');
        }
        match help {
            Help::Url(url) => {
                // A fragment stays at the end.
                let (base, fragment) = url
                    .split_once('#')
                    .map_or((url.as_str(), ""), |(b, f)| (b, f));
                let mut out = base.to_string();
                for (name, value) in [
                    ("agreement", self.agreement.as_str()),
                    ("version", &self.version),
                    ("clause", clause),
                    ("highlight", &self.highlight),
                    ("lang", self.lang),
                    ("text", &text),
                ] {
                    push_query(&mut out, name, value);
                }
                if !fragment.is_empty() {
                    out.push('#');
                    out.push_str(fragment);
                }
                out
            }
            Help::Email(address) => {
                let mut out = ["mailto:", address].concat();
                let subject = [
                    &self.title,
                    " ",
                    clause,
                    " (",
                    &self.agreement,
                    " ",
                    &self.version,
                    ", ",
                    &self.highlight,
                    ")",
                ]
                .concat();
                push_query(&mut out, "subject", &subject);
                push_query(&mut out, "body", &text);
                out
            }
        }
    }
}

/// One agreement as events describe it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AgreementDetail {
    /// Agreement id.
    pub id: String,
    /// Version shown.
    pub version: String,
    /// Its content hash.
    pub hash: String,
    /// Its title.
    pub title: String,
    /// How many highlighted clauses it has.
    pub highlights: usize,
}

/// The detail of `consent-ready`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ReadyDetail {
    /// Provider key.
    pub provider: String,
    /// Product keys.
    pub products: Vec<String>,
    /// UI language tag.
    pub lang: &'static str,
    /// The agreements asked, in order.
    pub agreements: Vec<AgreementDetail>,
}

/// The detail of `consent-change`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeDetail {
    /// What is still missing (`read-to-end:ID`, `acknowledge-highlights`, `assent`).
    pub missing: Vec<String>,
    /// Whether accepting is possible now.
    pub can_accept: bool,
    /// `open`, `accepted` or `declined`.
    pub phase: &'static str,
    /// Present and true when everything was accepted here before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub already_accepted: Option<bool>,
}

/// The detail of `consent-declined`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeclinedDetail {
    /// When (RFC 3339).
    pub declined_at: String,
    /// The agreements declined.
    pub agreements: Vec<AgreementDetail>,
}

/// The detail of `consent-error`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ErrorDetail {
    /// The code.
    pub code: &'static str,
    /// What happened, in the UI language.
    pub message: String,
    /// `warning` for the codes that are warnings (the receipt is still emitted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<&'static str>,
}

impl ErrorDetail {
    /// The detail of an error `code` with `message`.
    pub fn new(code: ErrorCode, message: &str) -> ErrorDetail {
        ErrorDetail {
            code: code.as_str(),
            message: message.to_string(),
            severity: code.is_warning().then_some("warning"),
        }
    }
}
