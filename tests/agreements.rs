//! Golden tests over the shipped agreements: structure, sample clauses, highlights, hashes,
//! the catalogue's choices, and that every word of every seed survives the conversion.

use consent_terms::agreement::{Agreement, BlockKind, HighlightKind, Prevails};
use consent_terms::canonical::{content_hash, content_hash_in, Form};
use consent_terms::catalog::{bundled_catalog, Catalog, SelectError};
use consent_terms::i18n::Lang;

fn catalog() -> &'static Catalog {
    bundled_catalog()
        .as_ref()
        .expect("the shipped agreements parse")
}

fn agreement(id: &str) -> &'static Agreement {
    catalog()
        .current(id, "en")
        .unwrap_or_else(|| panic!("{id} is shipped"))
}

fn clause_text(a: &Agreement, number: &str) -> String {
    a.clauses()
        .find(|b| b.number() == Some(number))
        .unwrap_or_else(|| panic!("{} has clause {number}", a.meta.id))
        .plain_text()
}

struct Golden {
    id: &'static str,
    version: &'static str,
    sections: usize,
    clauses: usize,
    highlights: usize,
    /// The content hash (canonical v2).
    hash: &'static str,
    /// The canonical v1 hash, which receipts made before v2 bind.
    hash_v1: &'static str,
}

const GOLDEN: &[Golden] = &[
    Golden {
        id: "kingsoft-general",
        version: "2020-04-14",
        sections: 14,
        clauses: 81,
        highlights: 23,
        hash: "8ccf9cdba574e84e30fd2de7cee379c4bfbe8d9de03bb93eed70fe878da809f7",
        hash_v1: "76b70b93440daf3816fc3f190f7ba26fb700ab56f6fb836eb17c3b118a53dfe9",
    },
    Golden {
        id: "kingsoft-cdn",
        version: "2020-11-26",
        sections: 14,
        clauses: 64,
        highlights: 21,
        hash: "71515776088b012c5f3e2de7796753da4d96996a41f331ca8cd3bafd1d51c6f7",
        hash_v1: "d5aa899417add2ff93ff03d1c8522fd02ef557745ae30585797796b49c402429",
    },
    Golden {
        id: "kingsoft-kmct",
        version: "2020-11-26",
        sections: 8,
        clauses: 52,
        highlights: 6,
        hash: "210672967da40825ff5d843123441f5511fa8428b95036146748226e5c0030c4",
        hash_v1: "a3e13fad626535a3ac49f99f1841fc3fbb2f5ac50236bd7840e42195add3a073",
    },
    Golden {
        id: "jdcloud-kubernetes",
        version: "2026-11-22",
        sections: 12,
        clauses: 86,
        highlights: 15,
        hash: "9045c7cc0c9f480627ddbab4eef5cd1165b0c2d0a208a4e360cbbada055d3afd",
        hash_v1: "295c8c67aac097d7361f657a652f0138230bb1e31a91773242d209e53a16fa91",
    },
    Golden {
        id: "alibaba-redis",
        version: "2026-11-22",
        sections: 12,
        clauses: 82,
        highlights: 21,
        hash: "177dbdb698b36519c2bf50a5c2860b55c68758606078504c18c58ba9b9766460",
        hash_v1: "8e1a98f179bdfc2ea49d539feeb5be9e8fb91e4a8a95642f15a71a6f1b01ff7d",
    },
];

#[test]
fn each_seed_has_its_sections_clauses_highlights_and_hash() {
    for g in GOLDEN {
        let a = catalog()
            .find(g.id, g.version)
            .unwrap_or_else(|| panic!("{} {} is shipped", g.id, g.version));
        assert_eq!(
            a.sections.len(),
            g.sections,
            "{}: top-level sections (with the preamble)",
            g.id
        );
        assert_eq!(a.clauses().count(), g.clauses, "{}: numbered clauses", g.id);
        assert_eq!(
            a.highlights().count(),
            g.highlights,
            "{}: highlighted clauses",
            g.id
        );
        assert_eq!(content_hash(a), g.hash, "{}: canonical hash", g.id);
        assert_eq!(
            content_hash_in(a, Form::V1),
            g.hash_v1,
            "{}: canonical v1 hash",
            g.id
        );
        assert_eq!(catalog().form_of(a, g.hash_v1), Some(Form::V1));
        assert_eq!(catalog().form_of(a, g.hash), Some(Form::V2));
    }
}

#[test]
fn section_headings_keep_their_printed_numbers() {
    let heading = |id: &str, i: usize| {
        agreement(id).sections[i]
            .heading
            .as_ref()
            .map(|h| h.plain_text())
    };
    assert_eq!(
        heading("kingsoft-general", 1).as_deref(),
        Some("I. General rules")
    );
    assert_eq!(
        heading("kingsoft-general", 13).as_deref(),
        Some("XIII. Miscellaneous")
    );
    assert_eq!(
        heading("kingsoft-cdn", 7).as_deref(),
        Some("7. Liability for breach")
    );
    assert_eq!(
        heading("kingsoft-kmct", 6).as_deref(),
        Some("VI. Force Majeure")
    );
    assert_eq!(
        heading("jdcloud-kubernetes", 8).as_deref(),
        Some("8. Liability for Breach of Contract")
    );
    assert_eq!(
        heading("alibaba-redis", 5).as_deref(),
        Some("5. Intellectual Property Rights (IPR)")
    );
}

#[test]
fn clause_numbers_of_every_printed_form_are_kept() {
    let a = agreement("kingsoft-general");
    assert!(clause_text(a, "(22)").starts_with("Having the contents prohibited by laws"));
    assert!(clause_text(a, "4.3")
        .contains("force majeure shall not discharge your payment obligations"));
    let cdn = agreement("kingsoft-cdn");
    assert!(clause_text(cdn, "a)").starts_with("The resource package service takes effect"));
    assert!(
        clause_text(cdn, "5.3").starts_with("The service period shall be terminated in advance")
    );
    let kmct = agreement("kingsoft-kmct");
    assert!(clause_text(kmct, "(7)").starts_with("Spreading obscenity, pornography"));
    let jd = agreement("jdcloud-kubernetes");
    assert_eq!(
        clause_text(jd, "3.1.3.6.1"),
        "Political propaganda and/or news information in violation of national regulations;"
    );
    assert_eq!(
        clause_text(jd, "1.2."),
        "The service provided by JD Cloud must comply with the provisions of the Service Terms."
    );
    let redis = agreement("alibaba-redis");
    assert!(
        clause_text(redis, "3.2.3.").starts_with("ali cloud is only responsible for the operation")
    );
    assert!(
        clause_text(redis, "4.3.").contains("within seven (7) natural days"),
        "escaped parentheses are plain"
    );
}

#[test]
fn exemption_and_limitation_clauses_are_highlighted_with_their_kind() {
    let kind_of = |id: &str, number: &str| {
        agreement(id)
            .clauses()
            .find(|b| b.number() == Some(number))
            .and_then(|b| b.highlights().next().map(|(_, k, _)| k))
    };
    assert_eq!(
        kind_of("kingsoft-cdn", "7.4"),
        Some(HighlightKind::Exemption)
    );
    assert_eq!(
        kind_of("kingsoft-cdn", "7.6"),
        Some(HighlightKind::Limitation)
    );
    assert_eq!(
        kind_of("kingsoft-general", "8.1"),
        Some(HighlightKind::Restriction)
    );
    assert_eq!(
        kind_of("jdcloud-kubernetes", "8.4."),
        Some(HighlightKind::Limitation)
    );
    assert_eq!(
        kind_of("alibaba-redis", "8.5."),
        Some(HighlightKind::Limitation)
    );
    assert_eq!(kind_of("kingsoft-cdn", "1.1"), None);
    // Ordinary bold stays ordinary: the JD Cloud notice is emphasis, not a highlight.
    let notice = &agreement("jdcloud-kubernetes").sections[0].blocks[0];
    assert_eq!(notice.kind, BlockKind::Paragraph);
    assert_eq!(notice.highlights().count(), 0);
    assert!(notice
        .plain_text()
        .starts_with("This service term is a valid agreement"));
}

#[test]
fn the_later_cdn_version_is_current_and_requires_reconsent() {
    let versions: Vec<&str> = catalog()
        .versions("kingsoft-cdn")
        .iter()
        .map(|a| a.meta.version.as_str())
        .collect();
    assert_eq!(
        versions,
        ["2020-11-26", "2021-06-01"],
        "old versions stay, oldest first"
    );
    let current = agreement("kingsoft-cdn");
    assert_eq!(current.meta.version, "2021-06-01");
    assert!(current.meta.reconsent);
    assert_eq!(
        current.highlights().count(),
        22,
        "one more highlighted clause (7.7)"
    );
    assert!(clause_text(current, "7.6").contains("three (3) months"));
}

#[test]
fn supplements_name_their_base_and_precedence() {
    let kmct = agreement("kingsoft-kmct");
    assert_eq!(
        kmct.meta.supplements.as_ref().map(|s| s.0.as_str()),
        Some("kingsoft-general")
    );
    assert_eq!(kmct.meta.prevails, Prevails::Supplement);
    assert_eq!(agreement("kingsoft-cdn").meta.prevails, Prevails::Unstated);
    assert!(
        agreement("kingsoft-general").meta.products.is_empty(),
        "applies to every Kingsoft sign-up"
    );
}

fn chosen(provider: &str, products: &[&str]) -> Vec<String> {
    catalog()
        .select(provider, products, "en")
        .expect("a known combination")
        .iter()
        .map(|a| a.agreement.meta.id.clone())
        .collect()
}

#[test]
fn catalogue_chooses_base_first_then_supplements() {
    assert_eq!(chosen("kingsoft", &[]), ["kingsoft-general"]);
    assert_eq!(
        chosen("kingsoft", &["cdn"]),
        ["kingsoft-general", "kingsoft-cdn"]
    );
    assert_eq!(
        chosen("kingsoft", &["kmct"]),
        ["kingsoft-general", "kingsoft-kmct"]
    );
    assert_eq!(
        chosen("kingsoft", &["cdn", "kmct"]),
        ["kingsoft-general", "kingsoft-cdn", "kingsoft-kmct"]
    );
    assert_eq!(chosen("jdcloud", &["kubernetes"]), ["jdcloud-kubernetes"]);
    assert_eq!(chosen("alibaba", &["redis"]), ["alibaba-redis"]);
}

#[test]
fn catalogue_states_precedence_in_words() {
    let list = catalog()
        .select("kingsoft", &["kmct"], "en")
        .expect("known");
    assert!(list[0].precedence.is_none());
    let p = list[1].precedence.as_ref().expect("KMCT is a supplement");
    // The sentence the widget shows, in both interface languages.
    assert_eq!(
        p.sentence(Lang::En),
        "This agreement supplements the Agreement of Kingsoft Cloud Service; where they conflict, \
         this agreement prevails."
    );
    assert_eq!(
        p.sentence(Lang::ZhCn),
        "本协议是对《Agreement of Kingsoft Cloud Service》的补充；两者冲突时，以本协议为准。"
    );
    let cdn = catalog().select("kingsoft", &["cdn"], "en").expect("known");
    let together = cdn[1].precedence.as_ref().expect("CDN is a supplement");
    assert_eq!(
        together.sentence(Lang::En),
        "This agreement applies together with the Agreement of Kingsoft Cloud Service."
    );
    assert_eq!(list[1].hash, content_hash(list[1].agreement));
}

#[test]
fn unknown_provider_or_product_names_the_known_ones() {
    let err = catalog()
        .select("aws", &[], "en")
        .expect_err("unknown provider");
    assert_eq!(err.code(), "unknown-provider");
    assert_eq!(
        err.to_string(),
        "unknown provider `aws`; known providers: alibaba, jdcloud, kingsoft"
    );
    let err = catalog()
        .select("kingsoft", &["cdn", "dns"], "en")
        .expect_err("unknown product");
    assert!(matches!(&err, SelectError::UnknownProduct { product, .. } if product == "dns"));
    assert_eq!(
        err.to_string(),
        "provider `kingsoft` has no product `dns`; its products: cdn, kmct"
    );
    let err = catalog()
        .select("jdcloud", &[], "en")
        .expect_err("JD Cloud has no general agreement");
    assert_eq!(err.code(), "no-agreement");
    assert!(err.to_string().contains("kubernetes"));
}

// ---- every word of every seed survives the conversion -----------------------------------

/// Lines of a seed that are page chrome or that became metadata (see the `fix:` comments).
const DROPPED: &[&str] = &[
    "All Documents",
    "Current Document",
    "Content is empty",
    "If you don't find the content you expect, please try another search term",
    "On this page",
    "Pure ModeNormal Mode",
    "Pure Mode",
    "Click to preview the document content in full screen",
    "Start your cloud journey with Kingsoft Cloud",
    "Sign up",
    "Agreement of Kingsoft Cloud Service",
    "Kingsoft Cloud CDN Service Agreement",
    "July 2, 2019",
    "Service Agreement",
    "Kingsoft Cloud Media Cloud Transcoder (KMCT) Service Agreement",
    "# Terms of service {#concept_dc2_x45_ydb .concept}",
];

/// Character-level repairs, each recorded in the agreement file's `fix:` comments.
const REPAIRS: &[(&str, &str)] = &[
    ("揜egulation", "“Regulation"),
    ("Cloud抯", "Cloud’s"),
    ("Ough .3.", "3.2.3."),
];

fn seed_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for line in text.lines().map(str::trim) {
        if DROPPED.contains(&line)
            || line.starts_with("Last updated:")
            || line.starts_with("(Effective date of the version")
        {
            continue;
        }
        let mut l = line
            .replace("\\*\\*", "")
            .replace("**", "")
            .replace("\\(", "(")
            .replace("\\)", ")");
        while let Some(start) = l.find("](http") {
            let end = l[start..].find(')').map_or(l.len(), |e| start + e + 1);
            l.replace_range(start..end, "");
        }
        l = l.replace('[', "");
        for (from, to) in REPAIRS {
            l = l.replace(from, to);
        }
        words.extend(l.split_whitespace().map(str::to_string));
    }
    words
}

fn agreement_words(a: &Agreement) -> Vec<String> {
    let mut words = Vec::new();
    for block in a.blocks() {
        if let Some(n) = block.number() {
            words.push(n.to_string());
        }
        words.extend(block.plain_text().split_whitespace().map(str::to_string));
    }
    words
}

#[test]
fn every_word_of_every_seed_is_kept_in_order() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let converted: Vec<_> = catalog()
        .all()
        .iter()
        .filter(|a| {
            a.meta
                .source
                .as_deref()
                .is_some_and(|s| s.starts_with("seeds/"))
        })
        .collect();
    assert_eq!(
        converted.len(),
        5,
        "each of the five seeds is converted once"
    );
    for a in converted {
        let source = a.meta.source.as_deref().unwrap_or_default();
        let file = dir.join(source.trim_start_matches("seeds/"));
        let seed =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let (want, got) = (seed_words(&seed), agreement_words(a));
        if let Some(i) = want.iter().zip(&got).position(|(w, g)| w != g) {
            panic!(
                "{}: word {i} differs: seed has `{}`, agreement has `{}` (context: {:?})",
                a.meta.id,
                want[i],
                got[i],
                &want[i.saturating_sub(5)..(i + 5).min(want.len())]
            );
        }
        assert_eq!(want.len(), got.len(), "{}: word counts", a.meta.id);
    }
}
