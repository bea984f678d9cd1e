//! The author's `lint: allow` comments: which a block reads, and those none reads.

/// An author's `lint: allow` comment: its line, and its (rule, reason), or `Err` if it lacks one.
pub(super) type Allow = (usize, Result<(String, String), ()>);

/// The author's `lint: allow` comments directly above `line`.
pub(super) fn allows_above(source_lines: &[&str], line: usize) -> Vec<Allow> {
    let mut out = Vec::new();
    let mut i = line.saturating_sub(1);
    while i > 0 {
        let l = source_lines.get(i - 1).map(|l| l.trim()).unwrap_or("");
        let Some(inner) = l.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) else {
            break;
        };
        if let Some(rest) = inner.trim().strip_prefix("lint: allow") {
            out.push((
                i,
                match rest.split_once(':') {
                    Some((rule, why)) if !rule.trim().is_empty() && !why.trim().is_empty() => {
                        Ok((rule.trim().to_string(), why.trim().to_string()))
                    }
                    _ => Err(()),
                },
            ));
        }
        i -= 1;
    }
    out
}

/// The lines (from 1) of the allow comments in `lines` that no block read (`read`): with a blank
/// line or the end of the file below them, or written in capitals.
pub(super) fn unread(lines: &[&str], read: &[usize]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(n, line)| {
            let inner = line
                .trim()
                .strip_prefix("<!--")
                .and_then(|r| r.strip_suffix("-->"))
                .map(str::trim);
            let is_allow = inner.is_some_and(|i| {
                i.get(..11)
                    .is_some_and(|head| head.eq_ignore_ascii_case("lint: allow"))
            });
            is_allow && !read.contains(&(n + 1))
        })
        .map(|(n, _)| n + 1)
        .collect()
}
