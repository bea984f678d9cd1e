//! `consent-terms prerender`: the widget's first screen as a declarative shadow root.

use crate::{fail, parse_date, read_sources, refuse_placeholders, report, today_utc, Failure};
use consent_terms_core::agreement::Date;
use consent_terms_core::catalog::Catalog;
use consent_terms_core::contract::HostOptions;
use consent_terms_core::plan::SignUp;
use consent_terms_core::prerender::{inline_style_source, prerender, Stylesheet};
use consent_terms_core::verify::split_products;
use std::path::PathBuf;
use std::process::ExitCode;

/// `consent-terms prerender`: the same sign-up as the element's attributes.
#[derive(clap::Args)]
pub struct PrerenderArgs {
    /// Directories of agreement sources: the same agreements as the bundle the widget loads
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// The provider key (`provider` attribute)
    #[arg(long, value_name = "P")]
    provider: String,
    /// The product keys, separated by spaces or commas (`products` attribute)
    #[arg(long, value_name = "\"A B\"", default_value = "")]
    products: String,
    /// The language (`lang` attribute)
    #[arg(long, value_name = "L", default_value = "en")]
    lang: String,
    /// `checkbox` or `button` (`mode` attribute): the accept control's words
    #[arg(long, value_name = "MODE", default_value = "checkbox", value_parser = ["checkbox", "button"])]
    mode: String,
    /// The URL of the widget's stylesheet (consent-terms.css), as the page will load it
    #[arg(long, value_name = "URL", default_value = "consent-terms.css")]
    stylesheet: String,
    /// Put the stylesheet in the markup instead of linking it: the terms show without waiting
    /// for it. Prints the source a Content-Security-Policy's style-src must allow
    #[arg(long, conflicts_with = "stylesheet")]
    inline_style: bool,
    /// The day of the sign-up (YYYY-MM-DD; default today, UTC): versions effective later are
    /// announced, not current
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<Date>,
}

/// Prints the markup of the sign-up `args` describes.
pub fn run(args: PrerenderArgs) -> Result<ExitCode, Failure> {
    let mut sources = Vec::new();
    for dir in &args.dirs {
        sources.extend(read_sources(dir)?);
    }
    let catalog = Catalog::from_sources(&sources).map_err(|errors| report(&errors))?;
    refuse_placeholders(&sources)?;
    let requirements = HostOptions {
        mode: Some(args.mode),
        ..HostOptions::default()
    }
    .requirements();
    // Commas or spaces, as `bundle` and `verify` take them; the attribute's form is spaces.
    let products = split_products(&args.products).join(" ");
    let signup = SignUp {
        provider: &args.provider,
        products: &products,
        lang: &args.lang,
        requirements,
        organization: None,
        today: args.date.or_else(today_utc),
    };
    let stylesheet = if args.inline_style {
        eprintln!(
            "the stylesheet is inline: a Content-Security-Policy must allow it with style-src {}",
            inline_style_source()
        );
        Stylesheet::Inline
    } else {
        Stylesheet::Linked(&args.stylesheet)
    };
    match prerender(&catalog, &signup, stylesheet) {
        Ok(markup) => {
            out!("{markup}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{}: {}", e.code, e.message);
            Err(fail(1))
        }
    }
}
