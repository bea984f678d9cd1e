//! The catalogue as the site shows it, and what each version applies to and where it stands,
//! in words.

use super::*;

/// The catalogue as the site shows it: agreement ids by provider, in the widget's order
/// (agreements for every sign-up, then supplements after their base), with the versions of
/// each and where they stand.
pub(super) struct View<'a> {
    pub(super) catalog: &'a Catalog,
    pub(super) settings: &'a NoticeSettings,
    pub(super) today: Date,
    /// (provider key, provider name, agreement ids).
    pub(super) providers: Vec<(String, String, Vec<String>)>,
}

impl<'a> View<'a> {
    pub(super) fn new(catalog: &'a Catalog, settings: &'a NoticeSettings, today: Date) -> View<'a> {
        let mut providers = Vec::new();
        for provider in catalog.providers() {
            let mut ids: Vec<&str> = catalog
                .all()
                .iter()
                .filter(|a| a.meta.provider == provider)
                .map(|a| a.meta.id.as_str())
                .collect();
            ids.sort();
            ids.dedup();
            let depth = |id: &str| {
                let mut d = 0;
                let mut cur = id.to_string();
                while let Some((base, _)) = catalog
                    .versions(&cur)
                    .last()
                    .and_then(|a| a.meta.supplements.clone())
                {
                    if d >= 8 {
                        break;
                    }
                    d += 1;
                    cur = base;
                }
                d
            };
            ids.sort_by(|a, b| depth(a).cmp(&depth(b)).then(a.cmp(b)));
            let name = catalog
                .all()
                .iter()
                .find(|a| a.meta.provider == provider)
                .map(|a| a.meta.provider_name.clone())
                .unwrap_or_else(|| provider.clone());
            providers.push((
                provider,
                name,
                ids.into_iter().map(str::to_string).collect(),
            ));
        }
        View {
            catalog,
            settings,
            today,
            providers,
        }
    }

    /// The version labels of `id`, oldest first, once each.
    pub(super) fn version_labels(&self, id: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in self.catalog.versions(id) {
            if !out.contains(&a.meta.version) {
                out.push(a.meta.version.clone());
            }
        }
        out
    }

    /// The version of `id` in effect on the site's day.
    pub(super) fn in_effect(&self, id: &str) -> Option<String> {
        self.catalog
            .versions(id)
            .into_iter()
            .rev()
            .find(|a| a.meta.effective <= self.today)
            .map(|a| a.meta.version.clone())
    }

    pub(super) fn status(&self, a: &Agreement) -> Status {
        if a.meta.effective > self.today {
            Status::Announced
        } else if self.in_effect(&a.meta.id).as_deref() == Some(a.meta.version.as_str()) {
            Status::InEffect
        } else {
            Status::Superseded
        }
    }

    /// The text of `version` of `id` for the interface `lang`.
    pub(super) fn text(&self, id: &str, version: &str, lang: Lang) -> Option<&'a Agreement> {
        self.catalog.text_in(id, version, lang.tag())
    }

    /// The text shown for `id` in `lang`: the version in effect, else the first announced.
    pub(super) fn shown(&self, id: &str, lang: Lang) -> Option<&'a Agreement> {
        let version = self
            .in_effect(id)
            .or_else(|| self.version_labels(id).into_iter().next())?;
        self.text(id, &version, lang)
    }

    pub(super) fn notice(&self, a: &'a Agreement) -> VersionNotice<'a> {
        notice_of(self.catalog, self.settings, a)
    }

    pub(super) fn precedence(&self, a: &Agreement, lang: Lang) -> Option<String> {
        let (base, _) = a.meta.supplements.as_ref()?;
        let base_title = self
            .catalog
            .current(base, lang.tag())
            .map(|b| b.meta.title.clone())
            .unwrap_or_else(|| base.clone());
        Some(
            Precedence {
                base_id: base.clone(),
                base_title,
                prevails: a.meta.prevails,
            }
            .sentence(lang),
        )
    }
}

/// What an agreement applies to, in words.
pub(super) fn applies_to(lang: Lang, a: &Agreement) -> String {
    let m = &a.meta;
    if m.products.is_empty() {
        fill(
            tr(
                lang,
                "Applies to every sign-up with {provider}.",
                "适用于{provider}的所有注册。",
            ),
            &[("provider", &m.provider_name)],
        )
    } else {
        fill(
            tr(
                lang,
                "Applies to sign-ups with {provider} for the products: {products}.",
                "适用于{provider}以下产品的注册：{products}。",
            ),
            &[
                ("provider", &m.provider_name),
                ("products", &m.products.join(tr(lang, ", ", "、"))),
            ],
        )
    }
}

pub(super) fn status_words(lang: Lang, status: Status, a: &Agreement) -> String {
    let effective = a.meta.effective.to_string();
    match status {
        Status::Announced => fill(
            tr(
                lang,
                "Announced: this version takes effect on {date}.",
                "已公布：此版本将于 {date} 生效。",
            ),
            &[("date", &effective)],
        ),
        Status::InEffect => fill(
            tr(
                lang,
                "In effect since {date}: this is the current version.",
                "自 {date} 起生效：这是当前版本。",
            ),
            &[("date", &effective)],
        ),
        Status::Superseded => fill(
            tr(
                lang,
                "An earlier version: it took effect on {date} and has been replaced.",
                "历史版本：于 {date} 生效，已被替换。",
            ),
            &[("date", &effective)],
        ),
    }
}

pub(super) fn status_class(status: Status) -> &'static str {
    match status {
        Status::Announced => "site-status site-announced",
        Status::InEffect => "site-status site-in-effect",
        Status::Superseded => "site-status site-superseded",
    }
}

/// The notice a version gave, in words.
pub(super) fn notice_words(lang: Lang, n: &VersionNotice<'_>) -> String {
    let m = &n.agreement.meta;
    let (published, effective) = (m.updated.to_string(), m.effective.to_string());
    let Some(previous) = n.previous else {
        return fill(
            tr(
                lang,
                "Published {published}, effective {effective}. The first version in this catalogue: it replaces no earlier version, so no notice period applies.",
                "发布于 {published}，生效于 {effective}。这是本目录中的第一个版本：它不替换任何旧版本，因此不适用通知期。",
            ),
            &[("published", &published), ("effective", &effective)],
        );
    };
    let required = n.required.to_string();
    let basis = match n.setting.and_then(|s| s.source.as_deref()) {
        Some(source) => source.to_string(),
        None if n.setting.is_some() => {
            tr(lang, "the provider's setting", "服务提供方的设置").to_string()
        }
        None => tr(
            lang,
            "the default of 7 days (PRC E-Commerce Law, art. 34)",
            "默认 7 日（《中华人民共和国电子商务法》第三十四条）",
        )
        .to_string(),
    };
    let mut out = fill(
        tr(
            lang,
            "Published {published}, {days} days before it takes effect on {effective}, replacing version {previous}. The notice required is {required} days ({basis}).",
            "发布于 {published}，在 {effective} 生效前 {days} 日公布，替换版本 {previous}。要求的通知期为 {required} 日（{basis}）。",
        ),
        &[
            ("published", &published),
            ("days", &n.days.to_string()),
            ("effective", &effective),
            ("previous", &previous.meta.version),
            ("required", &required),
            ("basis", &basis),
        ],
    );
    if n.is_short() {
        out.push(' ');
        out.push_str(&fill(
            tr(
                lang,
                "This is less notice than the {required} days required.",
                "少于要求的 {required} 日通知期。",
            ),
            &[("required", &required)],
        ));
    }
    out
}
