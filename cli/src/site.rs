//! `consent-terms site`: the legal center, a static site of every agreement version.

use crate::{fail, parse_date, read_sources, refuse_placeholders, report, today_utc, Failure};
use consent_terms_core::agreement::Date;
use consent_terms_core::catalog::Catalog;
use consent_terms_core::i18n::Lang;
use consent_terms_core::notice::{self, NoticeSettings};
use consent_terms_core::site::{build_site, SiteOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// `consent-terms site`: the public legal center, as static files.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// Directories of agreement sources (each may hold a providers.txt of notice periods)
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// The folder to write the site into (created if missing; files of the same name are
    /// replaced, others left)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The interface languages: `en`, `zh-CN` or `both`
    #[arg(long, value_name = "L", default_value = "both", value_parser = ["en", "zh-CN", "both"])]
    lang: String,
    /// The day the site is built for (YYYY-MM-DD; default today, UTC): versions effective
    /// later are announced
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<Date>,
    /// The URL the site is served from, for the feed's links and the downloads' note
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

/// Writes the legal center for the catalogue of `args.dirs` into `args.out`.
pub fn run(args: SiteArgs) -> Result<ExitCode, Failure> {
    let mut sources = Vec::new();
    let mut settings = Vec::new();
    let mut bad = Vec::new();
    for dir in &args.dirs {
        sources.extend(read_sources(dir)?);
        match NoticeSettings::read_dir(dir) {
            Ok(s) => settings.push(s),
            Err(e) => bad.extend(e),
        }
    }
    let catalog = Catalog::from_sources(&sources).map_err(|errors| report(&errors))?;
    refuse_placeholders(&sources)?;
    let settings = match NoticeSettings::merge(settings) {
        Ok(s) if bad.is_empty() => s,
        Ok(_) => NoticeSettings::default(),
        Err(e) => {
            bad.extend(e);
            NoticeSettings::default()
        }
    };
    bad.extend(settings.unknown_providers(&catalog));
    if !bad.is_empty() {
        for e in &bad {
            eprintln!("{e}");
        }
        eprintln!("{} error(s)", bad.len());
        return Err(fail(1));
    }
    let Some(today) = args.date.or_else(today_utc) else {
        eprintln!("the system clock gives no date: pass --date YYYY-MM-DD");
        return Err(fail(2));
    };
    let langs = match args.lang.as_str() {
        "en" => vec![Lang::En],
        "zh-CN" => vec![Lang::ZhCn],
        _ => vec![Lang::En, Lang::ZhCn],
    };
    let base_url = args
        .base_url
        .map(|b| if b.ends_with('/') { b } else { b + "/" });
    let files = build_site(
        &catalog,
        &settings,
        &SiteOptions {
            langs,
            today,
            base_url: base_url.as_deref(),
        },
    );
    for file in &files {
        let path = args.out.join(&file.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.contents));
        if let Err(e) = written {
            eprintln!("{}: {e}", path.display());
            return Err(fail(2));
        }
    }
    for w in notice::check(&catalog, &settings, &sources) {
        eprintln!("{w}");
    }
    outln!(
        "{}: {} file(s), {} page(s), {} agreement version(s) as on {today}",
        args.out.display(),
        files.len(),
        files
            .iter()
            .filter(|f| f.path.ends_with(".html") && !f.path.ends_with(".download.html"))
            .count(),
        catalog.all().len()
    )?;
    Ok(ExitCode::SUCCESS)
}
