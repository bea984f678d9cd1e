//! The command line as a whole: `--help` for every command, the ledger's too (through
//! `consent-terms serve` and `consent-terms ledger`, which call the ledger's library), and
//! output into a reader that stops early (`| head`) ending without a panic.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const CLI: &str = env!("CARGO_BIN_EXE_consent-terms");

fn agreements() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../agreements")
}

fn run(args: &[&str]) -> Output {
    Command::new(CLI).args(args).output().expect("the CLI runs")
}

/// Exits 0 and prints each of `names` on standard output.
fn assert_help(args: &[&str], names: &[&str]) {
    let out = run(args);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "consent-terms {}: {stderr}",
        args.join(" ")
    );
    for name in names {
        assert!(
            stdout.contains(name),
            "consent-terms {} does not name {name}:\n{stdout}",
            args.join(" ")
        );
    }
}

#[test]
fn serve_help_exits_0_and_names_its_flags() {
    assert_help(
        &["serve", "--help"],
        &[
            "--agreements",
            "--db",
            "--token-file",
            "--listen",
            "--ledger-key",
            "--nonce-ttl",
            "--clock-skew",
            "--header-timeout",
            "--request-timeout",
            "--max-connections",
        ],
    );
    assert_help(&["serve", "-h"], &["--db", "--token-file"]);
}

#[test]
fn ledger_help_exits_0_and_names_its_commands() {
    for args in [&["ledger", "--help"][..], &["ledger", "help"][..]] {
        assert_help(args, &["serve", "verify-export", "public-key", "bench"]);
    }
}

#[test]
fn ledger_subcommand_help_exits_0_and_names_its_flags() {
    assert_help(
        &["ledger", "verify-export", "--help"],
        &[
            "--agreements",
            "--ledger-key",
            "--head",
            "--since",
            "<FILE>",
        ],
    );
    assert_help(&["ledger", "public-key", "--help"], &["--ledger-key"]);
    assert_help(
        &["ledger", "bench", "--help"],
        &["--agreements", "--db", "--receipts", "--clients"],
    );
}

#[test]
fn ledger_usage_errors_still_exit_2_and_name_the_flag() {
    let out = run(&[
        "serve",
        "--agreements",
        agreements(),
        "--db",
        "sqlite://unused.db",
        "--token-file",
        "unused",
        "--max-connections",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-connections"));
    let out = run(&["ledger", "verify-export", "--agreements", agreements()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--ledger-key"));
}

/// Runs the CLI with its standard output a pipe whose reader has already gone, as `| head`
/// does after its first line: the command must end as if it had written everything.
fn into_closed_pipe(args: &[&str]) {
    let mut child = Command::new(CLI)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("the CLI ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "consent-terms {}: {stderr}",
        args.join(" ")
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "consent-terms {}: {stderr}",
        args.join(" ")
    );
}

#[test]
fn verify_into_a_closed_pipe_ends_without_a_panic() {
    into_closed_pipe(&[
        "verify",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/receipt-v1.jws"
        ),
        "--agreements",
        agreements(),
        "--no-nonce",
        "--no-audience",
        "--no-max-age",
    ]);
}

#[test]
fn bundle_into_a_closed_pipe_ends_without_a_panic() {
    into_closed_pipe(&["bundle", agreements()]);
}

#[test]
fn lint_text_and_hash_into_a_closed_pipe_end_without_a_panic() {
    into_closed_pipe(&["lint", agreements()]);
    into_closed_pipe(&["text", agreements()]);
    let source = std::fs::read_dir(agreements())
        .expect("agreements/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.is_dir())
        .and_then(|d| {
            std::fs::read_dir(d)
                .ok()?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.extension().is_some_and(|x| x == "md"))
        })
        .expect("an agreement source");
    into_closed_pipe(&["hash", source.to_str().expect("utf-8 path")]);
}

/// A copy of the command line alone in a folder, with no ledger program beside it or on PATH.
fn alone() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("consent-terms-alone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let copy = dir.join("consent-terms");
    std::fs::copy(CLI, &copy).expect("the binary copied");
    copy
}

#[test]
fn serve_and_ledger_are_the_command_lines_own_with_no_second_program() {
    let cli = alone();
    for args in [
        &["serve", "--help"][..],
        &["ledger", "verify-export", "--help"][..],
    ] {
        let out = Command::new(&cli)
            .args(args)
            .env("PATH", "/nonexistent")
            .output()
            .expect("the CLI runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "consent-terms {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("--agreements"), "{stdout}");
    }
    let _ = std::fs::remove_dir_all(cli.parent().expect("its folder"));
}

#[test]
fn ledger_public_key_into_a_closed_pipe_ends_without_a_panic() {
    let dir = std::env::temp_dir().join(format!("consent-terms-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let key = dir.join("ledger-key.jwk");
    let jwk = consent_terms_ledger::chain::LedgerKey::generate()
        .expect("a key")
        .private_jwk();
    std::fs::write(&key, jwk).expect("the key written");
    let key = key.to_str().expect("utf-8 path");
    let out = run(&["ledger", "public-key", "--ledger-key", key]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"kty\""));
    into_closed_pipe(&["ledger", "public-key", "--ledger-key", key]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bundle_with_provider_and_products_writes_only_that_signups_agreements() {
    let out = run(&[
        "bundle",
        agreements(),
        "--provider",
        "kingsoft",
        "--products",
        "cdn",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bundle: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(bundle["format"], "consent-terms-bundle/2");
    let mut held: Vec<String> = bundle["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .map(|a| {
            format!(
                "{}/{}",
                a["id"].as_str().unwrap_or(""),
                a["version"].as_str().unwrap_or("")
            )
        })
        .collect();
    held.sort();
    assert_eq!(
        held,
        [
            "kingsoft-cdn/2020-11-26",
            "kingsoft-cdn/2021-06-01",
            "kingsoft-general/2020-04-14"
        ]
    );
    let whole = run(&["bundle", agreements()]);
    assert!(
        whole.stdout.len() > out.stdout.len(),
        "the whole catalogue is larger"
    );
    let unknown = run(&[
        "bundle",
        agreements(),
        "--provider",
        "kingsoft",
        "--products",
        "dns",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown-product"));
    let without = run(&["bundle", agreements(), "--products", "cdn"]);
    assert_eq!(
        without.status.code(),
        Some(2),
        "--products needs --provider"
    );
}

/// Copies `from` into `to`, each agreement source (`*.md` but README.md) with a byte order mark
/// written at its start, as editors on Windows save a file.
fn copy_with_byte_order_marks(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("temp dir");
    for entry in std::fs::read_dir(from).expect("agreements") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_with_byte_order_marks(&path, &target);
        } else {
            let text = std::fs::read_to_string(&path).expect("read");
            let md = path.extension().is_some_and(|e| e == "md")
                && path.file_name().is_some_and(|n| n != "README.md");
            let text = if md { format!("\u{FEFF}{text}") } else { text };
            std::fs::write(&target, text).expect("write");
        }
    }
}

#[test]
fn sources_saved_with_a_byte_order_mark_bundle_lint_and_hash_as_without_it() {
    let dir = std::env::temp_dir().join(format!("consent-terms-bom-{}", std::process::id()));
    copy_with_byte_order_marks(std::path::Path::new(agreements()), &dir);
    let copy = dir.display().to_string();
    let bundle = run(&["bundle", &copy]);
    let expected = run(&["bundle", agreements()]);
    assert!(
        bundle.status.success(),
        "{}",
        String::from_utf8_lossy(&bundle.stderr)
    );
    // The same bundle but for the directory its paths name (from the directory's own name:
    // a bundle carries no path of the machine that built it).
    let name = format!(
        "\"{}/",
        dir.file_name().and_then(|n| n.to_str()).unwrap_or("")
    );
    let built = String::from_utf8_lossy(&bundle.stdout).into_owned();
    assert!(
        !built.contains(&copy),
        "a bundle names the machine's directory"
    );
    assert!(
        built.replace(&name, "\"DIR/")
            == String::from_utf8_lossy(&expected.stdout).replace("\"agreements/", "\"DIR/"),
        "a bundle of sources with byte order marks differs"
    );
    let lint = run(&["lint", &copy]);
    let expected = run(&["lint", agreements()]);
    assert_eq!(lint.status.code(), expected.status.code());
    assert_eq!(
        String::from_utf8_lossy(&lint.stdout).replace(&copy, "DIR"),
        String::from_utf8_lossy(&expected.stdout).replace(agreements(), "DIR")
    );
    let file = "kingsoft-cdn/2021-06-01.md";
    let hash = run(&["hash", &format!("{copy}/{file}")]);
    let expected = run(&["hash", &format!("{}/{file}", agreements())]);
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        hash.status.success(),
        "{}",
        String::from_utf8_lossy(&hash.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&hash.stdout).replace(&copy, "DIR"),
        String::from_utf8_lossy(&expected.stdout).replace(agreements(), "DIR")
    );
}

#[test]
fn a_flag_of_a_few_values_refuses_any_other_naming_the_flag_and_the_values() {
    let receipt = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/receipts.md");
    let verify_checks = ["--no-nonce", "--no-audience", "--no-max-age"];
    let cases: [(Vec<&str>, &str, &str); 4] = [
        (
            vec![
                "prerender",
                agreements(),
                "--provider",
                "kingsoft",
                "--mode",
                "bogus",
            ],
            "'--mode <MODE>'",
            "[possible values: checkbox, button]",
        ),
        (
            vec!["site", agreements(), "--out", "unused", "--lang", "bogus"],
            "'--lang <L>'",
            "[possible values: en, zh-CN, both]",
        ),
        (
            vec!["import", receipt, "--format", "bogus"],
            "'--format <FORMAT>'",
            "[possible values: text, markdown, html]",
        ),
        (
            [
                &["verify", receipt, "--agreements", agreements()][..],
                &verify_checks,
                &["--assent-mode", "bogus"],
            ]
            .concat(),
            "'--assent-mode <MODE>'",
            "[possible values: checkbox, button]",
        ),
    ];
    for (args, flag, values) in cases {
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            stderr.contains(&format!("invalid value 'bogus' for {flag}"))
                && stderr.contains(values),
            "{args:?}: {stderr}"
        );
    }
    // The values it takes are taken.
    for mode in ["checkbox", "button"] {
        let out = run(&[
            "prerender",
            agreements(),
            "--provider",
            "kingsoft",
            "--mode",
            mode,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn prerender_takes_products_separated_by_commas_as_bundle_and_verify_do() {
    let spaces = run(&[
        "prerender",
        agreements(),
        "--provider",
        "kingsoft",
        "--products",
        "cdn kmct",
    ]);
    assert!(
        spaces.status.success(),
        "{}",
        String::from_utf8_lossy(&spaces.stderr)
    );
    for products in ["cdn,kmct", "cdn, kmct", " cdn ,kmct "] {
        let out = run(&[
            "prerender",
            agreements(),
            "--provider",
            "kingsoft",
            "--products",
            products,
        ]);
        assert!(
            out.status.success(),
            "{products:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, spaces.stdout, "{products:?}");
    }
    // And bundle, the same sign-up either way.
    let spaces = run(&[
        "bundle",
        agreements(),
        "--provider",
        "kingsoft",
        "--products",
        "cdn kmct",
    ]);
    let commas = run(&[
        "bundle",
        agreements(),
        "--provider",
        "kingsoft",
        "--products",
        "cdn,kmct",
    ]);
    assert!(spaces.status.success() && commas.status.success());
    assert_eq!(spaces.stdout, commas.stdout);
}

#[test]
fn hash_refuses_a_source_that_every_catalogue_refuses_for_a_hidden_character() {
    let dir =
        std::env::temp_dir().join(format!("consent-terms-hash-hidden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let source = std::fs::read_to_string(format!("{}/kingsoft-cdn/2021-06-01.md", agreements()))
        .expect("a shipped source");
    let file = dir.join("hidden.md");
    std::fs::write(&file, source.replacen("Kingsoft", "King\u{202E}soft", 1)).expect("write");
    let out = run(&["hash", file.to_str().expect("utf-8 path")]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no hash printed");
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("U+202E is an invisible or direction-changing character"));
}

#[test]
fn lint_checks_one_source_file_on_its_own_and_a_file_given_for_a_directory_is_named_so() {
    // A supplement alone: its base is not there, and the file's own clauses are still checked.
    let file = format!("{}/kingsoft-cdn/2020-11-26.md", agreements());
    let out = run(&["lint", &file]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("1 agreement version(s): 0 error(s), 0 warning(s)"),
        "{stdout}"
    );
    // A draft with an exemption clause left unhighlighted: found at its line.
    let dir = std::env::temp_dir().join(format!("consent-terms-lint-one-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let source = std::fs::read_to_string(&file).expect("a shipped source");
    let draft = dir.join("draft.md");
    std::fs::write(
        &draft,
        [
            &source,
            "99. The provider is not liable for any loss of data.\n",
        ]
        .concat(),
    )
    .expect("write");
    let out = run(&["lint", draft.to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = source.lines().count() + 1;
    assert!(
        stdout.contains(&format!(
            "draft.md:{line}: warning[unhighlighted]: clause 99."
        )),
        "{stdout}"
    );
    // `bundle` wants the directory, and says so rather than "Not a directory".
    let out = run(&["bundle", draft.to_str().expect("utf-8 path")]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is a file, not a directory of agreement sources")
            && !stderr.contains("os error"),
        "{stderr}"
    );
}

#[test]
fn importing_a_page_whose_text_a_script_writes_says_there_is_no_text_and_writes_no_draft() {
    let dir =
        std::env::temp_dir().join(format!("consent-terms-import-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = dir.join("terms.html");
    std::fs::write(
        &page,
        "<html><head><title>Acme Terms</title></head><body><div id=\"root\"></div><script src=\"app.js\"></script></body></html>",
    )
    .expect("write");
    let out = run(&["import", page.to_str().expect("utf-8 path")]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no draft written");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no agreement text found in it")
            && !stderr.contains("fault of the importer"),
        "{stderr}"
    );
}

#[test]
fn a_source_saved_as_gbk_is_named_with_its_line_and_how_to_convert_it() {
    let dir = std::env::temp_dir().join(format!("consent-terms-gbk-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("demo")).expect("temp dir");
    let header = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/demo-header.md"
    ))
    .expect("the fixture");
    let lines = header.iter().filter(|&&b| b == b'\n').count();
    // 1. 平台不负责 in GBK.
    let gbk = [
        header,
        b"1. \xc6\xbd\xcc\xa8\xb2\xbb\xb8\xba\xd4\xf0\n".to_vec(),
    ]
    .concat();
    let file = dir.join("demo/1.md");
    std::fs::write(&file, gbk).expect("write");
    for args in [
        vec!["lint", dir.to_str().expect("utf-8 path")],
        vec!["hash", file.to_str().expect("utf-8 path")],
    ] {
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("line {}: not UTF-8 text", lines + 1))
                && stderr.contains("iconv -f GBK -t UTF-8"),
            "{args:?}: {stderr}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_draft_whose_provider_import_left_unset_is_linted_but_not_published() {
    let dir =
        std::env::temp_dir().join(format!("consent-terms-placeholder-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("drafts")).expect("temp dir");
    let text = dir.join("terms.txt");
    std::fs::write(
        &text,
        "Terms of Service\n\n1. We may end the service at any time.\n",
    )
    .expect("write");
    let draft = dir.join("drafts/terms.md");
    let out = run(&[
        "import",
        text.to_str().expect("utf-8"),
        "-o",
        draft.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let drafts = dir.join("drafts");
    let drafts = drafts.to_str().expect("utf-8");
    let lint = run(&["lint", drafts]);
    let bundle = run(&["bundle", drafts]);
    let site = run(&[
        "site",
        drafts,
        "--out",
        dir.join("site").to_str().expect("utf-8"),
    ]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
    for (out, what) in [(bundle, "bundle"), (site, "site")] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
        assert!(out.stdout.is_empty(), "{what} wrote nothing");
        assert!(
            stderr.contains("terms.md:4: `provider: provider`")
                && stderr.contains("terms.md:5: `provider-name: Provider`"),
            "{what}: {stderr}"
        );
    }
}
