//! `consent-terms import`: a draft agreement source from a text as published.

use crate::{fail, today_utc, Failure};
use consent_terms_core::import::{import, Format, Options};
use consent_terms_core::parse::{parse_agreement, ParseError, ParseErrorKind};
use std::path::PathBuf;
use std::process::ExitCode;

/// `consent-terms import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The published text: plain text, HTML or Markdown
    file: PathBuf,
    /// Add the lint's findings as proposed highlights, each with its reasons in a comment
    #[arg(long)]
    propose: bool,
    /// Write the draft here instead of on standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// How the file is written (default: from its name and content)
    #[arg(long, value_parser = ["text", "markdown", "html"])]
    format: Option<String>,
    /// The agreement's id (default: from the file name)
    #[arg(long)]
    id: Option<String>,
    /// The title (default: the text's title line)
    #[arg(long)]
    title: Option<String>,
    /// The provider key
    #[arg(long, value_name = "P")]
    provider: Option<String>,
    /// The provider's display name
    #[arg(long, value_name = "NAME")]
    provider_name: Option<String>,
    /// The text's language (default: `zh-CN` when it is mostly Chinese, else `en`)
    #[arg(long, value_name = "L")]
    language: Option<String>,
}

/// `consent-terms import`: the draft on standard output (or `--output`), each removed
/// character and each note on standard error with its line, and a summary.
pub fn run(args: ImportArgs) -> Result<ExitCode, Failure> {
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", args.file.display());
            return Err(fail(2));
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!(
            "{}: not UTF-8 text (convert it first, e.g. `iconv -f GB18030 -t UTF-8`)",
            args.file.display()
        );
        return Err(fail(1));
    };
    let name = args.file.display().to_string();
    let format = match args.format.as_deref() {
        Some("text") => Format::Text,
        Some("markdown") => Format::Markdown,
        Some("html") => Format::Html,
        _ => Format::guess(&name, &text),
    };
    let Some(today) = today_utc() else {
        eprintln!("the system clock is before 1970");
        return Err(fail(2));
    };
    let options = Options {
        id: args.id,
        title: args.title,
        provider: args.provider,
        provider_name: args.provider_name,
        language: args.language,
        propose: args.propose,
        today,
    };
    let draft = import(&name, &text, format, &options);
    for r in &draft.removed {
        eprintln!(
            "{name}:{}:{}: removed U+{:04X} {}",
            r.line, r.column, r.code, r.name
        );
    }
    for (line, note) in &draft.notes {
        eprintln!("{name}:{line}: {note}");
    }
    // What the draft says must be a valid source: parse it before writing it.
    let parsed = parse_agreement(&name, &draft.text);
    if let Err(ParseError {
        kind: ParseErrorKind::NoText,
        ..
    }) = parsed
    {
        eprintln!(
            "{name}: no agreement text found in it (a page whose text a script writes holds none in its HTML: save the page as the browser shows it, or copy its text into a .txt file)"
        );
        return Err(fail(1));
    }
    if let Err(e) = parsed {
        eprintln!(
            "the draft does not parse ({e}); this is a fault of the importer, please report it"
        );
        return Err(fail(1));
    }
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &draft.text) {
                eprintln!("{}: {e}", path.display());
                return Err(fail(2));
            }
        }
        None => out!("{}", draft.text)?,
    }
    eprintln!(
        "{name}: {} invisible character(s) removed, {} proposed highlight(s)",
        draft.removed.len(),
        draft.proposed
    );
    Ok(ExitCode::SUCCESS)
}
