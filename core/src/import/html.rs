//! HTML as blocks.

use super::*;

/// HTML: the text of headings, paragraphs, list items, table rows and other block elements
/// in order; `<b>`/`<strong>` as bold; `<br>` as a space, or as the end of a block where a
/// clause number follows it ([`split_at_breaks`]); scripts, styles and comments
/// dropped; entities read.
pub(super) fn html_blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut kind = Raw::Para;
    let mut bold = 0usize;
    let mut line = 1usize;
    let mut block_line = 1usize;
    let mut skip: Option<String> = None;
    // The lists open around the text: for an ordered one, its next number and whether it
    // counts in letters (`type="a"`).
    let mut lists: Vec<Option<(u32, bool)>> = Vec::new();
    let mut i = 0;
    let bytes = html.as_bytes();
    let flush = |out: &mut Vec<Block>, runs: &mut Vec<Run>, kind: Raw, block_line: usize| {
        if runs.iter().any(|r| !r.text.trim().is_empty()) {
            out.push(Block {
                kind,
                runs: std::mem::take(runs),
                line: block_line,
            });
        }
        runs.clear();
    };
    while i < html.len() {
        if html[i..].starts_with("<!--") {
            let end = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            line += html[i..end].matches('\n').count();
            i = end;
            continue;
        }
        if bytes[i] == b'<' {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let tag = html[i + 1..end.saturating_sub(1)].trim();
            line += html[i..end].matches('\n').count();
            i = end;
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            if let Some(s) = &skip {
                if closing && &name == s {
                    skip = None;
                }
                continue;
            }
            match name.as_str() {
                "script" | "style" | "head" | "title" | "noscript" | "svg" if !closing => {
                    skip = Some(name)
                }
                "b" | "strong" => {
                    if closing {
                        bold = bold.saturating_sub(1);
                    } else {
                        bold += 1;
                    }
                }
                "br" => push_text(&mut runs, bold > 0, BREAK),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = if closing {
                        Raw::Para
                    } else {
                        Raw::Heading(name.as_bytes()[1] - b'0')
                    };
                    block_line = line;
                }
                "li" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = if closing { Raw::Para } else { Raw::Item };
                    block_line = line;
                    // An ordered list's item is numbered as the browser numbers it.
                    if let (false, Some(Some((next, letters)))) = (closing, lists.last_mut()) {
                        let number = match (*letters, char::from_u32(u32::from(b'a') + *next - 1)) {
                            (true, Some(c)) if *next <= 26 => format!("{c}) "),
                            _ => format!("{next}. "),
                        };
                        *next += 1;
                        push_text(
                            &mut runs,
                            false,
                            &[LIST_NUMBER, &number, LIST_NUMBER].concat(),
                        );
                    }
                }
                "ol" | "ul" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = Raw::Para;
                    block_line = line;
                    if closing {
                        lists.pop();
                    } else if name == "ol" {
                        let start = attribute(tag, "start").and_then(|v| v.trim().parse().ok());
                        let letters = attribute(tag, "type").is_some_and(|t| t == "a");
                        lists.push(Some((start.unwrap_or(1), letters)));
                    } else {
                        lists.push(None);
                    }
                }
                "p" | "div" | "tr" | "table" | "section" | "article" | "header" | "footer"
                | "blockquote" | "dd" | "dt" | "body" | "main" | "nav" | "pre" => {
                    flush(&mut out, &mut runs, kind, block_line);
                    kind = Raw::Para;
                    block_line = line;
                }
                "td" | "th" if !closing && !runs.is_empty() => {
                    push_text(&mut runs, bold > 0, " | ")
                }
                _ => {}
            }
            continue;
        }
        let end = html[i..].find('<').map_or(html.len(), |e| i + e);
        let text = &html[i..end];
        if skip.is_none() {
            if runs.is_empty() {
                block_line = line;
            }
            push_text(&mut runs, bold > 0, &entities(text));
        }
        line += text.matches('\n').count();
        i = end;
    }
    flush(&mut out, &mut runs, kind, block_line);
    out
}

/// The value of attribute `name` in a start tag's text (`ol start="3" type=a`), if given.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|i| from + i) {
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        let after = lower[from..].trim_start();
        if !before.is_some_and(char::is_whitespace) || !after.starts_with('=') {
            continue;
        }
        let value = after[1..].trim_start();
        let offset = tag.len() - value.len();
        let value = &tag[offset..];
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or(""),
        });
    }
    None
}

pub(super) fn push_text(runs: &mut Vec<Run>, bold: bool, text: &str) {
    match runs.last_mut() {
        Some(r) if r.bold == bold => r.text.push_str(text),
        _ => runs.push(Run {
            bold,
            text: text.to_string(),
        }),
    }
}

/// HTML character references: the named ones agreements use, and numeric ones.
pub(super) fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        // An escaped `\&` of Markdown (marked by `inline_markdown`) starts no reference.
        if out.ends_with('\u{E000}') {
            out.push('&');
            rest = after;
            continue;
        }
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..end];
        let decoded = match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            _ => NAMED
                .binary_search_by(|(n, _)| (*n).cmp(name))
                .ok()
                .map(|i| NAMED[i].1)
                .or_else(|| {
                    name.strip_prefix("#x")
                        .or_else(|| name.strip_prefix("#X"))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The named character references of HTML 4 (as published terms use them: `&times;`, `&yen;`,
/// `&laquo;`, accented letters), by name; the spaces are read apart. A reference to an
/// invisible character (`&shy;`, `&zwj;`, `&lrm;`) is decoded as any other, then removed and
/// reported with the other hidden characters.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Alpha", 'Α'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Beta", 'Β'),
    ("Ccedil", 'Ç'),
    ("Chi", 'Χ'),
    ("Dagger", '‡'),
    ("Delta", 'Δ'),
    ("ETH", 'Ð'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Epsilon", 'Ε'),
    ("Eta", 'Η'),
    ("Euml", 'Ë'),
    ("Gamma", 'Γ'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Iota", 'Ι'),
    ("Iuml", 'Ï'),
    ("Kappa", 'Κ'),
    ("Lambda", 'Λ'),
    ("Mu", 'Μ'),
    ("Ntilde", 'Ñ'),
    ("Nu", 'Ν'),
    ("OElig", 'Œ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Omega", 'Ω'),
    ("Omicron", 'Ο'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Phi", 'Φ'),
    ("Pi", 'Π'),
    ("Prime", '″'),
    ("Psi", 'Ψ'),
    ("Rho", 'Ρ'),
    ("Scaron", 'Š'),
    ("Sigma", 'Σ'),
    ("THORN", 'Þ'),
    ("Tau", 'Τ'),
    ("Theta", 'Θ'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Upsilon", 'Υ'),
    ("Uuml", 'Ü'),
    ("Xi", 'Ξ'),
    ("Yacute", 'Ý'),
    ("Yuml", 'Ÿ'),
    ("Zeta", 'Ζ'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("acute", '´'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("alefsym", 'ℵ'),
    ("alpha", 'α'),
    ("amp", '&'),
    ("and", '∧'),
    ("ang", '∠'),
    ("aring", 'å'),
    ("asymp", '≈'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("beta", 'β'),
    ("brvbar", '¦'),
    ("bull", '•'),
    ("cap", '∩'),
    ("ccedil", 'ç'),
    ("cedil", '¸'),
    ("cent", '¢'),
    ("chi", 'χ'),
    ("circ", 'ˆ'),
    ("clubs", '♣'),
    ("cong", '≅'),
    ("copy", '©'),
    ("crarr", '↵'),
    ("cup", '∪'),
    ("curren", '¤'),
    ("dArr", '⇓'),
    ("dagger", '†'),
    ("darr", '↓'),
    ("deg", '°'),
    ("delta", 'δ'),
    ("diams", '♦'),
    ("divide", '÷'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("empty", '∅'),
    ("epsilon", 'ε'),
    ("equiv", '≡'),
    ("eta", 'η'),
    ("eth", 'ð'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("exist", '∃'),
    ("fnof", 'ƒ'),
    ("forall", '∀'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("frasl", '⁄'),
    ("gamma", 'γ'),
    ("ge", '≥'),
    ("gt", '>'),
    ("hArr", '⇔'),
    ("harr", '↔'),
    ("hearts", '♥'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("igrave", 'ì'),
    ("image", 'ℑ'),
    ("infin", '∞'),
    ("int", '∫'),
    ("iota", 'ι'),
    ("iquest", '¿'),
    ("isin", '∈'),
    ("iuml", 'ï'),
    ("kappa", 'κ'),
    ("lArr", '⇐'),
    ("lambda", 'λ'),
    ("lang", '〈'),
    ("laquo", '«'),
    ("larr", '←'),
    ("lceil", '⌈'),
    ("ldquo", '“'),
    ("le", '≤'),
    ("lfloor", '⌊'),
    ("lowast", '∗'),
    ("loz", '◊'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("macr", '¯'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("mu", 'μ'),
    ("nabla", '∇'),
    ("ndash", '–'),
    ("ne", '≠'),
    ("ni", '∋'),
    ("not", '¬'),
    ("notin", '∉'),
    ("nsub", '⊄'),
    ("ntilde", 'ñ'),
    ("nu", 'ν'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ograve", 'ò'),
    ("oline", '‾'),
    ("omega", 'ω'),
    ("omicron", 'ο'),
    ("oplus", '⊕'),
    ("or", '∨'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("otimes", '⊗'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("part", '∂'),
    ("permil", '‰'),
    ("perp", '⊥'),
    ("phi", 'φ'),
    ("pi", 'π'),
    ("piv", 'ϖ'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("prod", '∏'),
    ("prop", '∝'),
    ("psi", 'ψ'),
    ("quot", '"'),
    ("rArr", '⇒'),
    ("radic", '√'),
    ("rang", '〉'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rceil", '⌉'),
    ("rdquo", '”'),
    ("real", 'ℜ'),
    ("reg", '®'),
    ("rfloor", '⌋'),
    ("rho", 'ρ'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sdot", '⋅'),
    ("sect", '§'),
    ("shy", '\u{00AD}'),
    ("sigma", 'σ'),
    ("sigmaf", 'ς'),
    ("sim", '∼'),
    ("spades", '♠'),
    ("sub", '⊂'),
    ("sube", '⊆'),
    ("sum", '∑'),
    ("sup", '⊃'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("supe", '⊇'),
    ("szlig", 'ß'),
    ("tau", 'τ'),
    ("there4", '∴'),
    ("theta", 'θ'),
    ("thetasym", 'ϑ'),
    ("thorn", 'þ'),
    ("tilde", '˜'),
    ("times", '×'),
    ("trade", '™'),
    ("uArr", '⇑'),
    ("uacute", 'ú'),
    ("uarr", '↑'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uml", '¨'),
    ("upsih", 'ϒ'),
    ("upsilon", 'υ'),
    ("uuml", 'ü'),
    ("weierp", '℘'),
    ("xi", 'ξ'),
    ("yacute", 'ý'),
    ("yen", '¥'),
    ("yuml", 'ÿ'),
    ("zeta", 'ζ'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];
