//! Every string the widget shows, in one place per language. English is complete by
//! construction (its match has no fallback arm); another language falls back to English for a
//! string it lacks, never to a key name.

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Chooses from a BCP 47 tag: `zh`, `zh-CN`, `zh-Hans`… give Chinese; anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        let t = tag.trim().to_ascii_lowercase();
        let traditional = ["zh-hant", "zh-tw", "zh-hk", "zh-mo"]
            .iter()
            .any(|p| t.starts_with(p));
        if t == "zh" || (t.starts_with("zh-") && !traditional) {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    /// The tag to put in `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The name, in this language, of the language of an agreement text tagged `tag`.
    pub fn name_of(self, tag: &str) -> String {
        match (
            self,
            Lang::from_tag(tag),
            tag.to_ascii_lowercase().starts_with("en"),
        ) {
            (Lang::En, Lang::ZhCn, _) => "Chinese".into(),
            (Lang::ZhCn, Lang::ZhCn, _) => "中文".into(),
            (Lang::En, _, true) => "English".into(),
            (Lang::ZhCn, _, true) => "英文".into(),
            _ => tag.to_string(),
        }
    }
}

/// A string of the UI. `{name}` in a text is replaced by [`fill`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Key {
    RegionLabel,
    Loading,
    ErrorTitle,
    TabsLabel,
    VersionLine,
    PrecedenceSupplement,
    PrecedenceBase,
    PrecedenceTogether,
    ExemptionLabel,
    LimitationLabel,
    RestrictionLabel,
    HighlightsTitle,
    HighlightsIntro,
    ClauseInAgreement,
    AgreementTitle,
    EndOfAgreement,
    ReadToEndDone,
    ReadToEndPending,
    AcknowledgeLabel,
    AssentLabel,
    AcceptButton,
    AgreeAndRegisterButton,
    DeclineButton,
    StillNeeded,
    NeedReadToEnd,
    NeedAcknowledge,
    NeedAssent,
    ReadyToAccept,
    Accepted,
    Declined,
    ReviewAgain,
    MissingAttribute,
    ListSeparator,
    AlreadyAccepted,
    WhatChanged,
    ChangeAdded,
    ChangeRemoved,
    ChangeChanged,
    ChangeBefore,
    ChangeAfter,
    Signing,
    Signed,
    WebCryptoUnavailable,
    KeyNotPersisted,
    StorageUnavailable,
    StatusUnavailable,
    RenderedMismatch,
    SigningFailed,
    StylesUnavailable,
    TextLanguageOnly,
    Download,
    DownloadLabel,
    SaveCopy,
    AskAboutClause,
    AskLabel,
    AuthorityLabel,
    NeedAuthority,
    DocHash,
    DocSaved,
    DocCheckTitle,
    DocCheck,
    CopyTitle,
    CopySummary,
    CopyAssent,
    CopyOrganization,
    CopyAcknowledged,
    CopyAsked,
    CopyReceiptTitle,
    CopyVerify,
    CopyRecord,
    AnnouncedTitle,
    AnnouncedIntro,
    DownloadVersion,
    AcceptAheadLabel,
    CopyAhead,
    PrerenderMismatch,
}

/// All keys, for completeness checks.
pub const KEYS: &[Key] = &[
    Key::RegionLabel,
    Key::Loading,
    Key::ErrorTitle,
    Key::TabsLabel,
    Key::VersionLine,
    Key::PrecedenceSupplement,
    Key::PrecedenceBase,
    Key::PrecedenceTogether,
    Key::ExemptionLabel,
    Key::LimitationLabel,
    Key::RestrictionLabel,
    Key::HighlightsTitle,
    Key::HighlightsIntro,
    Key::ClauseInAgreement,
    Key::AgreementTitle,
    Key::EndOfAgreement,
    Key::ReadToEndDone,
    Key::ReadToEndPending,
    Key::AcknowledgeLabel,
    Key::AssentLabel,
    Key::AcceptButton,
    Key::AgreeAndRegisterButton,
    Key::DeclineButton,
    Key::StillNeeded,
    Key::NeedReadToEnd,
    Key::NeedAcknowledge,
    Key::NeedAssent,
    Key::ReadyToAccept,
    Key::Accepted,
    Key::Declined,
    Key::ReviewAgain,
    Key::MissingAttribute,
    Key::ListSeparator,
    Key::AlreadyAccepted,
    Key::WhatChanged,
    Key::ChangeAdded,
    Key::ChangeRemoved,
    Key::ChangeChanged,
    Key::ChangeBefore,
    Key::ChangeAfter,
    Key::Signing,
    Key::Signed,
    Key::WebCryptoUnavailable,
    Key::KeyNotPersisted,
    Key::StorageUnavailable,
    Key::StatusUnavailable,
    Key::RenderedMismatch,
    Key::SigningFailed,
    Key::StylesUnavailable,
    Key::TextLanguageOnly,
    Key::Download,
    Key::DownloadLabel,
    Key::SaveCopy,
    Key::AskAboutClause,
    Key::AskLabel,
    Key::AuthorityLabel,
    Key::NeedAuthority,
    Key::DocHash,
    Key::DocSaved,
    Key::DocCheckTitle,
    Key::DocCheck,
    Key::CopyTitle,
    Key::CopySummary,
    Key::CopyAssent,
    Key::CopyOrganization,
    Key::CopyAcknowledged,
    Key::CopyAsked,
    Key::CopyReceiptTitle,
    Key::CopyVerify,
    Key::CopyRecord,
    Key::AnnouncedTitle,
    Key::AnnouncedIntro,
    Key::DownloadVersion,
    Key::AcceptAheadLabel,
    Key::CopyAhead,
    Key::PrerenderMismatch,
];

fn en(key: Key) -> &'static str {
    match key {
        Key::RegionLabel => "Terms of service",
        Key::Loading => "Loading the agreements…",
        Key::ErrorTitle => "The agreements cannot be shown.",
        Key::TabsLabel => "Agreements that apply",
        Key::VersionLine => "Version {version} · effective {effective} · last updated {updated}",
        Key::PrecedenceSupplement => "This agreement supplements the {base}; where they conflict, this agreement prevails.",
        Key::PrecedenceBase => "This agreement supplements the {base}; where they conflict, the {base} prevails.",
        Key::PrecedenceTogether => "This agreement applies together with the {base}.",
        Key::ExemptionLabel => "Exemption clause: ",
        Key::LimitationLabel => "Limitation of liability clause: ",
        Key::RestrictionLabel => "Restriction clause: ",
        Key::HighlightsTitle => "Clauses that limit liability ({count})",
        Key::HighlightsIntro => "These clauses exempt or limit the provider's liability, or restrict your rights. They are marked ⚠ in the text.",
        Key::ClauseInAgreement => "{agreement}, clause {number}",
        Key::AgreementTitle => "{agreement}",
        Key::EndOfAgreement => "End of the {title}.",
        Key::ReadToEndDone => "read to the end",
        Key::ReadToEndPending => "not yet read to the end",
        Key::AcknowledgeLabel => "I have read the {count} highlighted clauses that exempt or limit the provider's liability or restrict my rights.",
        Key::AssentLabel => "I have read and agree to the {titles}.",
        Key::AcceptButton => "Accept and continue",
        Key::AgreeAndRegisterButton => "Agree and register: by clicking, I agree to the {titles}",
        Key::DeclineButton => "Decline",
        Key::StillNeeded => "Before you can accept: {items}.",
        Key::NeedReadToEnd => "scroll to the end of the {title}",
        Key::NeedAcknowledge => "tick the box for the highlighted clauses",
        Key::NeedAssent => "tick the box to agree",
        Key::ReadyToAccept => "You can now accept.",
        Key::Accepted => "You accepted the agreements.",
        Key::Declined => "You declined the agreements. You can review them again at any time.",
        Key::ReviewAgain => "Review the agreements again",
        Key::MissingAttribute => "the `{name}` attribute is required",
        Key::ListSeparator => "; ",
        Key::AlreadyAccepted => "You have already accepted the current versions of the {titles}.",
        Key::WhatChanged => "What changed since version {version}, which you accepted",
        Key::ChangeAdded => "Added",
        Key::ChangeRemoved => "Removed",
        Key::ChangeChanged => "Changed",
        Key::ChangeBefore => "Before: ",
        Key::ChangeAfter => "Now: ",
        Key::Signing => "Signing your consent receipt…",
        Key::Signed => "Consent receipt {id} signed and sent to the page.",
        Key::WebCryptoUnavailable => "This page cannot sign consent receipts because it is not served securely (HTTPS): WebCrypto is unavailable.",
        Key::KeyNotPersisted => "The signing key could not be kept in this browser; this receipt is signed with a key for this page only.",
        Key::StylesUnavailable => "The widget's stylesheet is not in effect on this page, so reading each agreement to its end cannot be confirmed; no agreement counts as read.",
        Key::TextLanguageOnly => "This agreement is available in {language} only.",
        Key::StorageUnavailable => "Your acceptance could not be remembered in this browser; the receipt was still sent.",
        Key::StatusUnavailable => "The server could not say what you accepted before; what this browser remembers is used.",
        Key::RenderedMismatch => "The {title} is not shown as published: its text was changed, or made hard to see; no receipt was signed.",
        Key::PrerenderMismatch => "The text shown while this page loaded was not the published text of the {title}; the published text is shown now.",
        Key::SigningFailed => "The consent receipt could not be signed: {reason}",
        Key::Download => "Download",
        Key::DownloadLabel => "Download the {title} (version {version}) as a file to keep",
        Key::SaveCopy => "Save a copy of what you accepted",
        Key::AskAboutClause => "Ask about this clause",
        Key::AskLabel => "Ask about this clause: {clause}",
        Key::AuthorityLabel => "I am authorised to accept these terms on behalf of {organization}.",
        Key::NeedAuthority => "tick the box to confirm you may accept for {organization}",
        Key::DocHash => "Content hash (SHA-256): ",
        Key::DocSaved => "Saved from {origin} at {time} (UTC).",
        Key::DocCheckTitle => "How to check this text",
        Key::DocCheck => "The content hash {hash} is the SHA-256 of the canonical text below, encoded as UTF-8. Consent receipts name an agreement by its id, version and this hash. To check it, save the canonical text exactly as shown (from its first line to the end, with its final line break) and compute its SHA-256, for example with sha256sum.",
        Key::CopyTitle => "Copy of what you accepted",
        Key::CopySummary => "You accepted the {titles} on {origin} at {time} (UTC). Receipt {id}.",
        Key::CopyAssent => "You agreed by: “{wording}”",
        Key::CopyOrganization => "You accepted on behalf of an organisation, stating: “{authority}”",
        Key::CopyAcknowledged => "You acknowledged the {count} highlighted clauses of this agreement.",
        Key::CopyAsked => "You asked about clauses: {clauses}.",
        Key::CopyReceiptTitle => "Your signed consent receipt",
        Key::CopyVerify => "The receipt below is a JSON Web Signature (RFC 7515, ES256) signed in your browser; its header carries the public key. Anyone can check it with a JOSE library or with the consent-terms verifier: the signature must verify, and the id, version and sha256 of each agreement in its record must match the texts above.",
        Key::CopyRecord => "What the receipt records",
        Key::AnnouncedTitle => "A new version ({version}) takes effect on {date}",
        Key::AnnouncedIntro => "You are accepting the version in effect now. Above is what the new version changes; you may accept it too, below, or be asked when it takes effect if it requires that.",
        Key::DownloadVersion => "Download version {version}",
        Key::AcceptAheadLabel => "Also accept version {version} of the {title}, which takes effect on {date}.",
        Key::CopyAhead => "Accepted ahead: this version takes effect on {date}.",
    }
}

fn zh(key: Key) -> Option<&'static str> {
    Some(match key {
        Key::RegionLabel => "服务条款",
        Key::Loading => "正在加载协议…",
        Key::ErrorTitle => "无法显示协议。",
        Key::TabsLabel => "适用的协议",
        Key::VersionLine => "版本 {version} · 生效日期 {effective} · 最后更新 {updated}",
        Key::PrecedenceSupplement => "本协议是对《{base}》的补充；两者冲突时，以本协议为准。",
        Key::PrecedenceBase => "本协议是对《{base}》的补充；两者冲突时，以《{base}》为准。",
        Key::PrecedenceTogether => "本协议与《{base}》一并适用。",
        Key::ExemptionLabel => "免责条款：",
        Key::LimitationLabel => "责任限制条款：",
        Key::RestrictionLabel => "限制性条款：",
        Key::HighlightsTitle => "免除或限制责任的条款（{count}）",
        Key::HighlightsIntro => {
            "以下条款免除或限制服务提供方的责任，或限制您的权利，在正文中以 ⚠ 标出。"
        }
        Key::ClauseInAgreement => "《{agreement}》{number}",
        Key::AgreementTitle => "《{agreement}》",
        Key::EndOfAgreement => "《{title}》全文结束。",
        Key::ReadToEndDone => "已读至末尾",
        Key::ReadToEndPending => "尚未读至末尾",
        Key::AcknowledgeLabel => {
            "我已阅读 {count} 条加粗标示的免除或限制服务提供方责任、限制我的权利的条款。"
        }
        Key::AssentLabel => "我已阅读并同意{titles}。",
        Key::AcceptButton => "接受并继续",
        Key::AgreeAndRegisterButton => "同意并注册：点击即表示我同意{titles}",
        Key::DeclineButton => "不同意",
        Key::StillNeeded => "接受前还需：{items}。",
        Key::NeedReadToEnd => "滚动至《{title}》末尾",
        Key::NeedAcknowledge => "勾选确认已阅读加粗条款",
        Key::NeedAssent => "勾选同意框",
        Key::ReadyToAccept => "现在可以接受。",
        Key::Accepted => "您已接受上述协议。",
        Key::Declined => "您已拒绝上述协议，可随时重新查看。",
        Key::ReviewAgain => "重新查看协议",
        Key::MissingAttribute => "缺少必需的属性 `{name}`",
        Key::ListSeparator => "；",
        Key::AlreadyAccepted => "您已接受{titles}的当前版本。",
        Key::WhatChanged => "自您接受的版本 {version} 以来的变更",
        Key::ChangeAdded => "新增",
        Key::ChangeRemoved => "删除",
        Key::ChangeChanged => "修改",
        Key::ChangeBefore => "原文：",
        Key::ChangeAfter => "现文：",
        Key::Signing => "正在签署您的同意回执…",
        Key::Signed => "同意回执 {id} 已签署并发送给页面。",
        Key::WebCryptoUnavailable => {
            "此页面未通过安全连接（HTTPS）提供，无法使用 WebCrypto 签署同意回执。"
        }
        Key::KeyNotPersisted => "签名密钥无法保存在此浏览器中；本回执使用仅限本页面的密钥签署。",
        Key::StylesUnavailable => {
            "本页面未能应用组件的样式表，无法确认是否已阅读各协议至末尾；所有协议均不计为已阅读。"
        }
        Key::TextLanguageOnly => "本协议仅提供{language}版本。",
        Key::StorageUnavailable => "无法在此浏览器中记住您的接受记录；回执仍已发送。",
        Key::StatusUnavailable => "服务器无法告知您此前接受的协议；将使用此浏览器中的记录。",
        Key::RenderedMismatch => "《{title}》未按发布的样子显示：文本被改动，或被设置得难以看清；未签署回执。",
        Key::PrerenderMismatch => "页面加载时显示的文本并非《{title}》的发布文本；现已显示发布文本。",
        Key::SigningFailed => "无法签署同意回执：{reason}",
        Key::Download => "下载",
        Key::DownloadLabel => "下载《{title}》（版本 {version}）并保存",
        Key::SaveCopy => "保存您所接受内容的副本",
        Key::AskAboutClause => "询问此条款",
        Key::AskLabel => "询问此条款：{clause}",
        Key::AuthorityLabel => "我确认已获授权代表{organization}接受上述条款。",
        Key::NeedAuthority => "勾选确认您有权代表{organization}接受",
        Key::DocHash => "内容哈希（SHA-256）：",
        Key::DocSaved => "于 {time}（UTC）从 {origin} 保存。",
        Key::DocCheckTitle => "如何核验本文本",
        Key::DocCheck => "内容哈希 {hash} 是下方规范文本（UTF-8 编码）的 SHA-256 值。同意回执以协议的标识、版本和此哈希指明协议。核验方法：将规范文本按原样（从第一行到末尾，含最后的换行）保存为文件，计算其 SHA-256，例如使用 sha256sum。",
        Key::CopyTitle => "您所接受内容的副本",
        Key::CopySummary => "您于 {time}（UTC）在 {origin} 接受了{titles}。回执编号 {id}。",
        Key::CopyAssent => "您以如下方式表示同意：“{wording}”",
        Key::CopyOrganization => "您代表组织接受，并声明：“{authority}”",
        Key::CopyAcknowledged => "您已确认本协议中 {count} 条加粗标示的条款。",
        Key::CopyAsked => "您询问过的条款：{clauses}。",
        Key::CopyReceiptTitle => "您的已签名同意回执",
        Key::CopyVerify => "下方回执是在您的浏览器中签名的 JSON Web Signature（RFC 7515，ES256），其头部含有公钥。任何人都可以用 JOSE 库或 consent-terms 校验程序核验：签名必须有效，记录中每份协议的标识、版本和 sha256 必须与上文一致。",
        Key::CopyRecord => "回执所记录的内容",
        Key::AnnouncedTitle => "新版本（{version}）将于 {date} 生效",
        Key::AnnouncedIntro => "您现在接受的是当前生效的版本。上方列出新版本的变更；您可以在下方一并接受新版本，否则在其生效时如需重新同意会再次询问您。",
        Key::DownloadVersion => "下载版本 {version}",
        Key::AcceptAheadLabel => "同时接受《{title}》将于 {date} 生效的版本 {version}。",
        Key::CopyAhead => "已提前接受：此版本将于 {date} 生效。",

        // A key added without its translation lands here and shows in English.
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

/// The label announced before (and printed on) a highlighted clause of `kind`.
pub fn highlight_label(lang: Lang, kind: crate::agreement::HighlightKind) -> &'static str {
    use crate::agreement::HighlightKind;
    text(
        lang,
        match kind {
            HighlightKind::Exemption => Key::ExemptionLabel,
            HighlightKind::Limitation => Key::LimitationLabel,
            HighlightKind::Restriction => Key::RestrictionLabel,
        },
    )
}

/// What prerendered markup says in place of the accept control until the widget's code runs
/// (only in the markup `crate::prerender` writes, so kept out of [`text`], whose every string
/// is in the widget's code).
pub fn waiting_for_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "You can read the terms now. Accepting them needs this page's script, which has not finished loading; if this message stays, reload the page.",
        Lang::ZhCn => "您现在可以阅读条款。接受条款需要本页面的脚本，脚本尚未加载完成；如果此提示一直存在，请刷新页面。",
    }
}

/// The text of `key` in `lang`, falling back to English.
pub fn text(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::En => en(key),
        Lang::ZhCn => zh(key).unwrap_or_else(|| en(key)),
    }
}

/// `text(lang, key)` with each `{name}` replaced by its value, in one pass: a value is never
/// read as a template (an organisation called "{title}" stays that). A value that already
/// carries the punctuation around its place is not given it twice: "Example Ltd." before the
/// template's full stop, a title already in 《》 inside the template's 《》.
pub fn fill(lang: Lang, key: Key, values: &[(&str, &str)]) -> String {
    let template = text(lang, key);
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some((open, close)) = rest
        .find('{')
        .and_then(|o| Some((o, o + rest[o..].find('}')?)))
    {
        let name = &rest[open + 1..close];
        let Some(&(_, value)) = values.iter().find(|(n, _)| *n == name) else {
            out.push_str(&rest[..=close]);
            rest = &rest[close + 1..];
            continue;
        };
        let (mut before, mut after) = (&rest[..open], &rest[close + 1..]);
        if is_booked(value) && before.ends_with('《') && after.starts_with('》') {
            before = &before[..before.len() - '《'.len_utf8()];
            after = &after['》'.len_utf8()..];
        }
        if value.ends_with('.') && after.starts_with('.') {
            after = &after[1..];
        }
        out.push_str(before);
        out.push_str(value);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether a title is already in 《》.
fn is_booked(title: &str) -> bool {
    title.starts_with('《') && title.ends_with('》') && title.len() > '《'.len_utf8()
}

/// A title in 《》, unless it is already.
fn booked(title: &str) -> String {
    if is_booked(title) {
        title.to_string()
    } else {
        ["《", title, "》"].concat()
    }
}

/// "Version V · effective E · last updated U" for an agreement version, in `lang`.
pub fn version_line(lang: Lang, meta: &crate::agreement::Meta) -> String {
    fill(
        lang,
        Key::VersionLine,
        &[
            ("version", &meta.version),
            ("effective", &meta.effective.to_string()),
            ("updated", &meta.updated.to_string()),
        ],
    )
}

/// Titles joined as a list in `lang`: `the A and the B` in English, `《A》和《B》` in Chinese.
pub fn title_list(lang: Lang, titles: &[&str]) -> String {
    match lang {
        Lang::En => match titles {
            [] => String::new(),
            [one] => one.to_string(),
            [init @ .., last] => [&init.join(", the "), " and the ", last].concat(),
        },
        Lang::ZhCn => titles
            .iter()
            .map(|t| booked(t))
            .collect::<Vec<_>>()
            .join("和"),
    }
}
