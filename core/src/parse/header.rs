//! The header: its fields (`id: …` lines between the two `---`), checked and read into the
//! agreement's metadata.

use super::*;

pub(super) const FIELDS: &[&str] = &[
    "id",
    "title",
    "provider",
    "provider-name",
    "version",
    "effective",
    "updated",
    "language",
    "products",
    "supplements",
    "prevails",
    "reconsent",
    "source",
    "translation-of",
];

pub(super) fn meta_from_fields(
    fields: &[(&str, &str, usize)],
    header_end: usize,
) -> Result<Meta, (usize, ParseErrorKind)> {
    let get = |key: &'static str| {
        fields
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, v, n)| (*v, *n))
    };
    let required = |key: &'static str| -> Result<(&str, usize), (usize, ParseErrorKind)> {
        match get(key) {
            None => Err((header_end, ParseErrorKind::MissingField(key))),
            Some(("", n)) => Err((
                n,
                ParseErrorKind::BadField {
                    field: key,
                    expected: "a value",
                },
            )),
            Some(v) => Ok(v),
        }
    };
    let token = |key: &'static str| -> Result<String, (usize, ParseErrorKind)> {
        let (v, n) = required(key)?;
        if v.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-._".contains(&c))
        {
            Ok(v.to_string())
        } else {
            Err((
                n,
                ParseErrorKind::BadField {
                    field: key,
                    expected: "letters, digits, `-`, `.` or `_`",
                },
            ))
        }
    };
    let date = |key: &'static str| -> Result<Date, (usize, ParseErrorKind)> {
        let (v, n) = required(key)?;
        Date::parse(v).ok_or((
            n,
            ParseErrorKind::BadDate {
                field: key,
                value: v.to_string(),
            },
        ))
    };

    let products = match required("products")? {
        ("*", _) => Vec::new(),
        (v, n) => {
            let list: Vec<String> = v.split_whitespace().map(str::to_string).collect();
            if list
                .iter()
                .any(|p| p == "*" || !p.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
            {
                return Err((
                    n,
                    ParseErrorKind::BadField {
                        field: "products",
                        expected: "`*` or product keys separated by spaces",
                    },
                ));
            }
            list
        }
    };
    let supplements = match get("supplements") {
        None | Some(("", _)) => None,
        Some((v, n)) => Some((v.to_string(), n)),
    };
    let prevails = match (get("prevails"), &supplements) {
        (None, _) => Prevails::Unstated,
        (Some(("supplement", _)), Some(_)) => Prevails::Supplement,
        (Some(("base", _)), Some(_)) => Prevails::Base,
        (Some(("unstated", _)), _) => Prevails::Unstated,
        (Some((_, n)), _) => {
            return Err((
                n,
                ParseErrorKind::BadField {
                    field: "prevails",
                    expected: "`supplement`, `base` or `unstated`, and `supplements` set",
                },
            ))
        }
    };
    let reconsent = match required("reconsent")? {
        ("required", _) => true,
        ("not-required", _) => false,
        (_, n) => {
            return Err((
                n,
                ParseErrorKind::BadField {
                    field: "reconsent",
                    expected: "`required` or `not-required`",
                },
            ))
        }
    };
    let language = token("language")?;
    let effective = date("effective")?;
    let updated = date("updated")?;
    Ok(Meta {
        id: token("id")?,
        title: required("title")?.0.to_string(),
        provider: token("provider")?,
        provider_name: required("provider-name")?.0.to_string(),
        version: token("version")?,
        version_line: required("version")?.1,
        effective,
        updated,
        language,
        products,
        supplements,
        prevails,
        reconsent,
        source: get("source").map(|(v, _)| v.to_string()),
        translation_of: match get("translation-of") {
            None => None,
            Some(_) => Some(token("translation-of")?),
        },
    })
}
