//! A page's surroundings: its head, its language links, its footer.

use super::*;

/// A page's surroundings: where it is (`depth` folders below the site's root), its title,
/// and its counterparts in the other interface languages (`path` from the language folder).
pub(super) struct Frame<'a> {
    pub(super) lang: Lang,
    pub(super) langs: &'a [Lang],
    pub(super) depth: usize,
    pub(super) path: &'a str,
    pub(super) title: &'a str,
}

impl Frame<'_> {
    pub(super) fn root(&self) -> String {
        "../".repeat(self.depth)
    }

    pub(super) fn open(&self, out: &mut String) {
        let root = self.root();
        out.extend([
            "<!DOCTYPE html>\n<html lang=\"",
            self.lang.tag(),
            "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        ]);
        element(
            out,
            "title",
            "",
            &[self.title, " · ", tr(self.lang, "Legal center", "法律中心")].concat(),
        );
        out.extend([
            "\n<link rel=\"stylesheet\" href=\"",
            &root,
            "consent-terms.css\">\n<link rel=\"stylesheet\" href=\"",
            &root,
            "site.css\">\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"",
            &root,
            lang_dir(self.lang),
            "/feed.atom\" title=\"",
            &esc(tr(self.lang, "Agreement changes", "协议变更")),
            "\">\n",
        ]);
        for other in self.langs.iter().filter(|l| **l != self.lang) {
            out.extend([
                "<link rel=\"alternate\" hreflang=\"",
                other.tag(),
                "\" href=\"",
                &root,
                lang_dir(*other),
                "/",
                self.path,
                "\">\n",
            ]);
        }
        out.push_str("</head>\n<body>\n<header class=\"site-header\">\n");
        let home = [&root, lang_dir(self.lang), "/index.html"].concat();
        out.extend(["<p class=\"site-name\"><a href=\"", &home, "\">"]);
        escape_into(out, tr(self.lang, "Legal center", "法律中心"));
        out.push_str("</a></p>\n<nav aria-label=\"");
        escape_into(out, tr(self.lang, "Site", "网站"));
        out.push_str("\"><ul>\n");
        for (href, words) in [
            (home.clone(), tr(self.lang, "Agreements", "协议")),
            (
                [&root, lang_dir(self.lang), "/lookup.html"].concat(),
                tr(self.lang, "Look up a content hash", "查找内容哈希"),
            ),
            (
                [&root, lang_dir(self.lang), "/feed.atom"].concat(),
                tr(self.lang, "Changes (Atom feed)", "变更（Atom 订阅）"),
            ),
        ] {
            out.extend(["<li><a href=\"", &href, "\">"]);
            escape_into(out, words);
            out.push_str("</a></li>\n");
        }
        for other in self.langs.iter().filter(|l| **l != self.lang) {
            out.extend([
                "<li><a class=\"site-lang\" href=\"",
                &root,
                lang_dir(*other),
                "/",
                self.path,
                "\" lang=\"",
                other.tag(),
                "\" hreflang=\"",
                other.tag(),
                "\">",
                tr(*other, "English", "中文"),
                "</a></li>\n",
            ]);
        }
        out.push_str("</ul></nav>\n</header>\n<main class=\"ct-root site\">\n");
    }

    pub(super) fn close(&self, out: &mut String, today: Date) {
        out.push_str("</main>\n<footer class=\"site-footer\">\n");
        element(
            out,
            "p",
            "",
            &fill(
                tr(
                    self.lang,
                    "Built from the agreement catalogue as on {date}. Every version stays published here; receipts name a version by its content hash.",
                    "根据 {date} 的协议目录生成。每个版本都在此持续公布；同意回执以内容哈希指明版本。",
                ),
                &[("date", &today.to_string())],
            ),
        );
        out.push_str("\n</footer>\n</body>\n</html>\n");
    }
}
