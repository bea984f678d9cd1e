//! The workspace's shape, checked by Cargo's own answers: the core depends on neither the
//! browser nor the server, and every test file of tests/ is declared by one of the packages
//! that run them (the widget's Cargo.toml or cli/Cargo.toml), so none is silently left out.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Crates of the browser (the widget's) and of the server (the ledger's).
const NOT_IN_THE_CORE: &[&str] = &[
    "yew",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "gloo-timers",
    "gloo-file",
    "gloo-events",
    "gloo-utils",
    "serde-wasm-bindgen",
    "axum",
    "tokio",
    "hyper",
    "hyper-util",
    "tower",
    "sqlx",
];

/// The names of the packages `cargo tree -p PACKAGE -e normal` lists, on every target.
fn normal_dependencies(package: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "-e", "normal", "--target", "all"])
        .args(["--prefix", "none", "--format", "{p}", "-p", package])
        .current_dir(ROOT)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree -p {package} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(String::from)
        .collect()
}

#[test]
fn the_core_depends_on_neither_the_browser_nor_the_server() {
    let deps = normal_dependencies("consent-terms-core");
    assert!(
        deps.iter().any(|d| d == "sha2"),
        "the tree is read: {deps:?}"
    );
    let found: Vec<&String> = deps
        .iter()
        .filter(|d| NOT_IN_THE_CORE.contains(&d.as_str()) || d.starts_with("gloo"))
        .collect();
    assert!(
        found.is_empty(),
        "consent-terms-core depends on {found:?}: they belong to the widget or the ledger"
    );
}

#[test]
fn the_widget_and_the_ledger_do_depend_on_their_own() {
    // The check above can fail: the same query finds them where they are.
    let widget = normal_dependencies("consent-terms");
    assert!(widget.iter().any(|d| d == "yew"), "{widget:?}");
    let ledger = normal_dependencies("consent-terms-ledger");
    assert!(ledger.iter().any(|d| d == "sqlx"), "{ledger:?}");
    assert!(!ledger.iter().any(|d| d == "yew"), "{ledger:?}");
}

/// The `path = "…"` of every `[[test]]` in a manifest, relative to the workspace's root.
fn declared_tests(manifest: &str, dir: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(ROOT).join(manifest)).expect("the manifest");
    let mut paths = Vec::new();
    let mut in_test = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_test = line == "[[test]]";
        } else if let Some(path) = line.strip_prefix("path = \"") {
            if in_test {
                let path = path.trim_end_matches('"');
                let joined = Path::new(dir).join(path);
                let normal: std::path::PathBuf =
                    joined
                        .components()
                        .fold(std::path::PathBuf::new(), |mut p, c| {
                            match c {
                                std::path::Component::ParentDir => {
                                    p.pop();
                                }
                                std::path::Component::CurDir => {}
                                c => p.push(c),
                            }
                            p
                        });
                paths.push(normal.display().to_string());
            }
        }
    }
    paths
}

#[test]
fn every_test_file_is_declared_by_exactly_one_package() {
    let mut declared = declared_tests("Cargo.toml", "");
    declared.extend(declared_tests("cli/Cargo.toml", "cli"));
    let mut files: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("tests"))
        .expect("tests/")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            // A test of several files is a folder with its main.rs.
            if e.path().join("main.rs").is_file() {
                Some(format!("tests/{name}/main.rs"))
            } else {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "rs")
                    .then(|| format!("tests/{name}"))
            }
        })
        .collect();
    files.sort();
    assert!(files.len() > 10, "{files:?}");
    for file in &files {
        let n = declared.iter().filter(|d| *d == file).count();
        assert_eq!(
            n, 1,
            "{file} is declared {n} times: add a [[test]] for it to Cargo.toml (or to cli/Cargo.toml if it runs the command line)"
        );
    }
    for d in &declared {
        assert!(files.contains(d), "{d} is declared but is not a file");
    }
}

/// The most lines a source file of the widget, the core or the command line may have.
const MAX_LINES: usize = 600;

/// Files still over [`MAX_LINES`], each with the count it may not grow past, until it is split
/// at its seams; an entry must go once its file is within the limit.
const NOT_YET_SPLIT: &[(&str, usize)] = &[];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut files = Vec::new();
    for dir in ["src", "core/src", "cli/src"] {
        rust_files(&Path::new(ROOT).join(dir), &mut files);
    }
    assert!(files.len() > 50, "{files:?}");
    let mut over = Vec::new();
    for path in &files {
        let lines = std::fs::read_to_string(path)
            .expect("UTF-8")
            .lines()
            .count();
        let name = path
            .strip_prefix(ROOT)
            .expect("below the root")
            .display()
            .to_string();
        match NOT_YET_SPLIT.iter().find(|(n, _)| *n == name) {
            Some((_, ceiling)) => {
                assert!(
                    lines > MAX_LINES,
                    "{name} has {lines} lines: remove it from NOT_YET_SPLIT"
                );
                assert!(lines <= *ceiling, "{name} grew to {lines} lines: split it");
            }
            None if lines > MAX_LINES => over.push(format!("{name}: {lines} lines")),
            None => {}
        }
    }
    assert!(
        over.is_empty(),
        "over {MAX_LINES} lines, to split at their seams: {over:?}"
    );
}

/// The README is for the person who arrives: what it is, the two commands, embedding,
/// verifying, links. Details go to `docs/`, so that it stays short enough to read.
const README_MAX_BYTES: u64 = 15 * 1024;

#[test]
fn the_readme_stays_within_15_kb() {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let bytes = std::fs::metadata(&readme).expect("README.md").len();
    assert!(
        bytes <= README_MAX_BYTES,
        "README.md is {bytes} B, over {README_MAX_BYTES} B: move details to docs/"
    );
}

/// The browser layer (`src/web/`) is the only caller of `web_sys` and `js_sys`: the components
/// and hooks of `src/widget/` reach the page through its functions.
#[test]
fn only_the_browser_layer_calls_web_sys_and_js_sys() {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src/widget"), &mut files);
    files.push(Path::new(ROOT).join("src/widget.rs"));
    assert!(files.len() > 5, "{files:?}");
    let mut callers = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a source file");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if code.contains("web_sys") || code.contains("js_sys") {
                callers.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(callers.is_empty(), "{callers:#?}");
}
