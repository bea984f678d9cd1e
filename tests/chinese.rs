//! Agreements written in Chinese: the clause numbers Chinese agreements print, and the
//! exemption lint in Chinese, measured on a corpus of clauses written for these tests.

#![cfg(not(target_arch = "wasm32"))]

use consent_terms::agreement::{Agreement, BlockKind};
use consent_terms::canonical::canonical_text;
use consent_terms::lint::{lint, Rule};
use consent_terms::parse::parse_agreement;

const HEADER: &str = "---
id: demo-zh
title: 示例服务协议
provider: demo
provider-name: 示例云
version: 1
effective: 2024-01-31
updated: 2024-02-01
language: zh-CN
products: *
reconsent: required
---
";

fn parse(body: &str) -> Agreement {
    parse_agreement("agreements/demo-zh/1.md", &format!("{HEADER}{body}"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Each block's kind and first text, in order.
fn blocks(a: &Agreement) -> Vec<(BlockKind, String)> {
    a.blocks()
        .map(|b| (b.kind.clone(), b.plain_text().to_string()))
        .collect()
}

fn clause(number: &str, text: &str) -> (BlockKind, String) {
    (BlockKind::Clause(number.into()), text.into())
}

#[test]
fn every_chinese_numbering_style_is_a_clause_with_its_number_as_printed() {
    let a = parse(
        "# 第五条 免责声明\n\
         第一条 本协议适用于全部服务。\n\
         第十二条　平台应当提供服务。\n\
         第一百条 本协议自签署之日起生效。\n\
         第3条 用户应遵守法律。\n\
         一、总则\n\
         十一、附则\n\
         （一）用户应妥善保管账号。\n\
         (二)平台应保障数据安全。\n\
         （3）双方应友好协商。\n\
         1、发生争议时协商解决。\n\
         1．1 本协议适用中华人民共和国法律。\n\
         2．1．3 其他事项另行约定。\n",
    );
    assert_eq!(
        blocks(&a),
        [
            (BlockKind::Heading(1), "第五条 免责声明".to_string()),
            clause("第一条", "本协议适用于全部服务。"),
            clause("第十二条", "平台应当提供服务。"),
            clause("第一百条", "本协议自签署之日起生效。"),
            clause("第3条", "用户应遵守法律。"),
            clause("一、", "总则"),
            clause("十一、", "附则"),
            clause("（一）", "用户应妥善保管账号。"),
            clause("(二)", "平台应保障数据安全。"),
            clause("（3）", "双方应友好协商。"),
            clause("1、", "发生争议时协商解决。"),
            clause("1．1", "本协议适用中华人民共和国法律。"),
            clause("2．1．3", "其他事项另行约定。"),
        ]
    );
}

#[test]
fn text_that_only_starts_like_a_number_stays_a_paragraph() {
    let a = parse(
        "第三方服务由第三方提供。\n\
         一二三四五六、不是条款。\n\
         （甲）不是中文数字编号。\n\
         一、\n\
         2021、2022年度的费用另行结算。\n",
    );
    assert!(
        a.blocks().all(|b| b.kind == BlockKind::Paragraph),
        "{:?}",
        blocks(&a)
    );
}

#[test]
fn the_canonical_text_keeps_chinese_numbers_and_reads_back_the_same() {
    let source = "一、总则\n（一）用户应妥善保管账号。\n第二条 平台对服务负责。\n\\一、这是一个段落，不是条款。\n\\（二）这也是段落。\n";
    let a = parse(source);
    let text = canonical_text(&a);
    for line in [
        "一、 总则",
        "（一） 用户应妥善保管账号。",
        "第二条 平台对服务负责。",
        "\\一、这是一个段落，不是条款。",
        "\\（二）这也是段落。",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    // What the canonical text says is what the source says.
    let body = text.split_once("\n\n").map_or(&text[..], |(_, body)| body);
    let again = parse(body);
    assert_eq!(blocks(&again), blocks(&a));
}

/// The numberings of published Chinese agreements that the first parser read as paragraphs:
/// each line is a clause, its number as printed.
const AS_PRINTED: &str = "1）用户应妥善保管账号。\n\
     2） 平台应保障数据安全。\n\
     a)、受到不可抗力影响的一方应及时通知对方。\n\
     b)、 双方应友好协商。\n\
     1) 本协议适用中华人民共和国法律。\n\
     1)、用户应遵守法律。\n\
     12)、 其他事项另行约定。\n\
     a)受到不可抗力影响时，平台不承担责任。\n\
     (2)受到攻击时，平台应及时通知用户。\n\
     a）用户应按时付费。\n\
     1.\t服务内容\n\
     （1）\t云服务器\n\
     2.\u{3000}服务期限\n\
     ①用户注册时应提供真实信息；\n\
     ② 用户应妥善保管密码；\n\
     ⑩　平台有权暂停服务；\n\
     ⑳用户应遵守本协议。\n";

#[test]
fn chinese_numberings_as_published_are_clauses_with_their_numbers_as_printed() {
    assert_eq!(
        blocks(&parse(AS_PRINTED)),
        [
            clause("1）", "用户应妥善保管账号。"),
            clause("2）", "平台应保障数据安全。"),
            clause("a)、", "受到不可抗力影响的一方应及时通知对方。"),
            clause("b)、", "双方应友好协商。"),
            clause("1)", "本协议适用中华人民共和国法律。"),
            clause("1)、", "用户应遵守法律。"),
            clause("12)、", "其他事项另行约定。"),
            clause("a)", "受到不可抗力影响时，平台不承担责任。"),
            clause("(2)", "受到攻击时，平台应及时通知用户。"),
            clause("a）", "用户应按时付费。"),
            clause("1.", "服务内容"),
            clause("（1）", "云服务器"),
            clause("2.", "服务期限"),
            clause("①", "用户注册时应提供真实信息；"),
            clause("②", "用户应妥善保管密码；"),
            clause("⑩", "平台有权暂停服务；"),
            clause("⑳", "用户应遵守本协议。"),
        ]
    );
}

#[test]
fn each_circled_number_from_one_to_twenty_is_a_clause() {
    let circled: Vec<char> = ('①'..='⑳').collect();
    assert_eq!(circled.len(), 20);
    let body: String = circled.iter().map(|c| format!("{c}第{c}项。\n")).collect();
    let numbers: Vec<Option<String>> = parse(&body)
        .blocks()
        .map(|b| b.number().map(str::to_string))
        .collect();
    let printed: Vec<Option<String>> = circled.iter().map(|c| Some(c.to_string())).collect();
    assert_eq!(numbers, printed);
}

#[test]
fn what_only_looks_like_one_of_these_numbers_stays_text() {
    let a = parse(
        "1)\n\
         ①\n\
         a)、\n\
         1）\n\
         ①②③所列情形除外。\n\
         a)b) are read together.\n\
         1)the service.\n\
         1234) 不是条款编号。\n\
         1.5亿元以下的部分按年结算。\n\
         ab)、不是条款。\n\
         (ab)受到影响。\n\
         \\1) 这是段落。\n\
         \\a)受到影响的段落。\n\
         \\①这也是段落。\n\
         \\(2)受到影响的段落。\n\
         第②项另有约定。\n",
    );
    assert!(
        a.blocks().all(|b| b.kind == BlockKind::Paragraph),
        "{:?}",
        blocks(&a)
    );
    // A circled number inside a clause is the clause's text.
    assert_eq!(
        blocks(&parse("1. 见本条第①项。\n")),
        [clause("1.", "见本条第①项。")]
    );
    // English after `a)` without a space is a paragraph; with one, `a)` and `1)` are the
    // dialect's clause numbers, as before.
    assert_eq!(
        blocks(&parse(
            "a) The service is provided.\n1) The fees are due.\n"
        )),
        [
            clause("a)", "The service is provided."),
            clause("1)", "The fees are due.")
        ]
    );
}

#[test]
fn the_canonical_text_of_these_numberings_reads_back_the_same() {
    let paragraphs = "\\1) 这是段落。\n\\a)受到影响的段落。\n\\①这也是段落。\n\\1）这还是段落。\n";
    let a = parse(&format!("{AS_PRINTED}{paragraphs}"));
    let text = canonical_text(&a);
    for line in [
        "1） 用户应妥善保管账号。",
        "a)、 受到不可抗力影响的一方应及时通知对方。",
        "1)、 用户应遵守法律。",
        "a) 受到不可抗力影响时，平台不承担责任。",
        "1. 服务内容",
        "（1） 云服务器",
        "① 用户注册时应提供真实信息；",
        "\\1) 这是段落。",
        "\\a)受到影响的段落。",
        "\\①这也是段落。",
        "\\1）这还是段落。",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in {text}");
    }
    let body = text.split_once("\n\n").map_or(&text[..], |(_, body)| body);
    let again = parse(body);
    assert_eq!(blocks(&again), blocks(&a));
    assert_eq!(canonical_text(&again), text);
}

/// The corpus: (whether the lint must report it, the clause).
fn corpus() -> Vec<(bool, &'static str)> {
    include_str!("fixtures/lint_zh/corpus.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (label, clause) = l.split_once('\t').expect("label, tab, clause");
            (label == "flag", clause)
        })
        .collect()
}

/// The phrase the lint reports for `clause` written without a highlight, if any.
fn finding(clause: &str) -> Option<&'static str> {
    lint(&parse(&format!("{clause}\n")), clause)
        .into_iter()
        .find_map(|f| match f.rule {
            Rule::Unhighlighted { phrase } => Some(phrase),
            _ => None,
        })
}

#[test]
fn the_chinese_exemption_lint_on_its_corpus() {
    let corpus = corpus();
    assert!(corpus.len() >= 40, "{} clauses", corpus.len());
    let (mut found, mut missed, mut false_alarms) = (Vec::new(), Vec::new(), Vec::new());
    for (flag, clause) in &corpus {
        match (flag, finding(clause)) {
            (true, Some(_)) => found.push(*clause),
            (true, None) => missed.push(*clause),
            (false, Some(phrase)) => false_alarms.push(format!("{clause} ({phrase})")),
            (false, None) => {}
        }
    }
    let should = found.len() + missed.len();
    println!(
        "Chinese exemption lint: {} clauses; recall {}/{} ({:.0} %); false positives {}/{}",
        corpus.len(),
        found.len(),
        should,
        100.0 * found.len() as f64 / should as f64,
        false_alarms.len(),
        corpus.len() - should
    );
    for m in &missed {
        println!("  missed: {m}");
    }
    for f in &false_alarms {
        println!("  false positive: {f}");
    }
    // Measured when the phrases were chosen; a change that loses one fails here.
    assert!(missed.len() <= 2, "missed: {missed:#?}");
    assert!(
        false_alarms.is_empty(),
        "false positives: {false_alarms:#?}"
    );
}

#[test]
fn the_quoted_exemptions_are_flagged_and_a_plain_right_is_not() {
    for clause in [
        "5.1 平台不对因不可抗力、网络故障等原因导致的服务中断承担责任。",
        "5.2 平台不对用户因使用本服务而产生的间接损失承担责任。",
        "2.2 因用户保管不善导致的损失由用户自行承担。",
    ] {
        assert!(finding(clause).is_some(), "{clause}");
    }
    assert_eq!(
        finding("3.1 用户有权在遵守本协议的前提下使用平台提供的各项服务。"),
        None
    );
    // Highlighted, the same exemption is what the lint wants; and its clause number is the
    // printed one.
    let highlighted = "第五条 {{exemption: 平台不对因不可抗力导致的服务中断承担责任。}}\n";
    let a = parse(highlighted);
    assert!(lint(&a, &format!("{HEADER}{highlighted}")).is_empty());
    assert_eq!(a.blocks().next().and_then(|b| b.number()), Some("第五条"));
}

mod by_language {
    use consent_terms::catalog::{Catalog, Source};
    use consent_terms::consent::Requirements;
    use consent_terms::plan::{plan, Plan, SignUp};
    use consent_terms::reconsent::{AcceptedVersion, AcceptedVersions};

    /// A demo agreement's text of `version` in `language`, with extra header `fields`.
    pub fn source(language: &str, version: &str, fields: &str, body: &str) -> Source {
        Source {
            path: format!("agreements/demo/{version}-{language}.md"),
            text: format!(
                "---\nid: demo-terms\ntitle: {}\nprovider: demo\nprovider-name: Demo Cloud\nversion: {version}\neffective: 2024-0{version}-01\nupdated: 2024-0{version}-01\nlanguage: {language}\nproducts: *\nreconsent: required\n{fields}---\n{body}\n",
                if language == "en" { "Demo Terms" } else { "示例条款" }
            ),
        }
    }

    pub fn en(version: &str) -> Source {
        source(
            "en",
            version,
            "",
            "1.1 Demo Cloud provides the service as described.",
        )
    }

    pub fn zh(version: &str, fields: &str) -> Source {
        source("zh-CN", version, fields, "第一条 示例云按说明提供服务。")
    }

    fn catalog(sources: &[Source]) -> Catalog {
        Catalog::from_sources(sources).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn ask(catalog: &Catalog, lang: &str, accepted: &AcceptedVersions) -> Plan {
        let signup = SignUp {
            provider: "demo",
            products: "",
            lang,
            requirements: Requirements::default(),
            organization: None,
            today: None,
        };
        plan(catalog, &signup, accepted).expect("a plan")
    }

    fn shown(p: &Plan) -> (String, Option<String>) {
        match p {
            Plan::Ask(ask) => (
                ask.shown[0].hash.clone(),
                ask.shown[0].text_language.clone(),
            ),
            Plan::AlreadyAccepted { .. } => panic!("nothing asked"),
        }
    }

    #[test]
    fn a_translation_that_highlights_other_clauses_than_its_original_is_a_lint_warning() {
        use consent_terms::lint::translation_warnings;
        let original = source(
            "en",
            "1",
            "",
            "1.1 {{exemption: Demo Cloud is not liable for outages.}}\n1.2 {{limitation: Its liability is capped at the fees paid.}}",
        );
        let same = source(
            "zh-CN",
            "1",
            "translation-of: en\n",
            "第一条 {{exemption: 示例云不对服务中断负责。}}\n第二条 {{limitation: 其责任以已付费用为限。}}",
        );
        assert_eq!(
            translation_warnings(&catalog(&[original.clone(), same])),
            []
        );
        let fewer = source(
            "zh-CN",
            "1",
            "translation-of: en\n",
            "第一条 {{exemption: 示例云不对服务中断负责。}}\n第二条 其责任以已付费用为限。",
        );
        let warnings = translation_warnings(&catalog(&[original, fewer]));
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            "agreements/demo/1-zh-CN.md:6: warning[translation-highlights]: the `zh-CN` text of `demo-terms` version 1 highlights 1 clause(s) (exemption 1, limitation 0, restriction 0), its original in `en` 2 clause(s) (exemption 1, limitation 1, restriction 0): a person reading either language must be shown the same clauses as conspicuous"
        );
    }

    #[test]
    fn the_text_in_the_interface_language_is_shown_else_the_original_with_a_note() {
        let c = catalog(&[en("1"), zh("1", "translation-of: en\n")]);
        let [en_text, zh_text] = [0, 1].map(|i| &c.all()[i]);
        assert_eq!(
            c.current("demo-terms", "zh-CN").map(|a| &a.meta.language),
            Some(&zh_text.meta.language)
        );
        assert_eq!(
            c.current("demo-terms", "en").map(|a| &a.meta.language),
            Some(&en_text.meta.language)
        );
        // No French text: the original, not the translation.
        assert_eq!(
            c.current("demo-terms", "fr")
                .map(|a| a.meta.language.as_str()),
            Some("en")
        );
        let none = AcceptedVersions::new();
        assert_eq!(shown(&ask(&c, "zh-CN", &none)), (c.hash_of(zh_text), None));
        assert_eq!(shown(&ask(&c, "en", &none)), (c.hash_of(en_text), None));
        // Only English published: English is shown, and the note says so in Chinese.
        let only_en = catalog(&[en("1")]);
        let (hash, note) = shown(&ask(&only_en, "zh-CN", &none));
        assert_eq!(hash, only_en.hash_of(&only_en.all()[0]));
        assert_eq!(note.as_deref(), Some("本协议仅提供英文版本。"));
        let only_zh = catalog(&[zh("1", "")]);
        assert_eq!(
            shown(&ask(&only_zh, "en", &none)).1.as_deref(),
            Some("This agreement is available in Chinese only.")
        );
    }

    #[test]
    fn a_newer_version_in_another_language_is_current_not_an_older_translation() {
        // Version 2 exists in English only: a Chinese interface gets version 2 in English, not
        // the Chinese text of version 1.
        let c = catalog(&[en("1"), zh("1", "translation-of: en\n"), en("2")]);
        let current = c.current("demo-terms", "zh-CN").expect("current");
        assert_eq!(
            (
                current.meta.version.as_str(),
                current.meta.language.as_str()
            ),
            ("2", "en")
        );
    }

    fn accepted(hash: String) -> AcceptedVersions {
        [(
            "demo-terms".to_string(),
            AcceptedVersion {
                version: "1".into(),
                sha256: hash,
                accepted_at: "2024-03-01T00:00:00.000Z".into(),
            },
        )]
        .into()
    }

    #[test]
    fn translations_are_one_acceptance_only_when_the_author_says_so() {
        let declared = catalog(&[en("1"), zh("1", "translation-of: en\n")]);
        let en_hash = declared.hash_of(&declared.all()[0]);
        assert!(matches!(
            ask(&declared, "zh-CN", &accepted(en_hash)),
            Plan::AlreadyAccepted { .. }
        ));
        // Without `translation-of`, the Chinese text is a text of its own: asked.
        let separate = catalog(&[en("1"), zh("1", "")]);
        let en_hash = separate.hash_of(&separate.all()[0]);
        assert!(matches!(
            ask(&separate, "zh-CN", &accepted(en_hash)),
            Plan::Ask(_)
        ));
    }

    #[test]
    fn a_language_published_twice_or_a_translation_of_nothing_is_an_error_with_its_line() {
        let errors = Catalog::from_sources(&[zh("1", ""), zh("1", "")]).expect_err("duplicate");
        assert_eq!(
            errors[0].to_string(),
            "agreements/demo/1-zh-CN.md:6: agreement `demo-terms` version `1` is already published by agreements/demo/1-zh-CN.md"
        );
        let errors =
            Catalog::from_sources(&[zh("1", "translation-of: en\n")]).expect_err("no source");
        assert_eq!(
            errors[0].to_string(),
            "agreements/demo/1-zh-CN.md:6: `translation-of: en`: agreement `demo-terms` version `1` has no text in `en`"
        );
    }
}

#[test]
fn consent_terms_lint_on_a_chinese_agreement_names_each_exemption_and_not_the_right() {
    let dir = std::env::temp_dir().join(format!("consent-terms-zh-lint-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("demo-zh")).expect("temp dir");
    let body = "# 第五条 免责声明\n\
                5.1 平台不对因不可抗力、网络故障等原因导致的服务中断承担责任。\n\
                5.2 平台不对用户因使用本服务而产生的间接损失承担责任。\n\
                2.2 …因用户保管不善导致的损失由用户自行承担。\n\
                3.1 用户有权在遵守本协议的前提下使用平台提供的各项服务。\n";
    std::fs::write(dir.join("demo-zh/1.md"), format!("{HEADER}{body}")).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_consent-terms"))
        .arg("lint")
        .arg(&dir)
        .output()
        .expect("consent-terms runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "warnings do not fail the lint: {text}"
    );
    for (line, clause) in [(14, "5.1"), (15, "5.2"), (16, "2.2")] {
        assert!(
            text.contains(&format!(
                "1.md:{line}: warning[unhighlighted]: clause {clause} "
            )),
            "{clause} in {text}"
        );
    }
    assert!(!text.contains("clause 3.1"), "{text}");
    assert!(text.contains("0 error(s), 3 warning(s)"), "{text}");
}
