//! `consent-terms text`: the plain text a person reads of every source below a directory.

use crate::{load_catalog, Failure};
use std::path::Path;
use std::process::ExitCode;

/// The text a person reads, without markup: the measure the bundle's size is compared with.
pub fn run(dir: &Path) -> Result<ExitCode, Failure> {
    let (_, catalog) = load_catalog(dir)?;
    for a in catalog.all() {
        let m = &a.meta;
        outln!(
            "{}\nVersion {} · effective {} · last updated {}",
            m.title,
            m.version,
            m.effective,
            m.updated
        )?;
        for block in a.blocks() {
            match block.number() {
                Some(n) => outln!("{n} {}", block.plain_text())?,
                None => outln!("{}", block.plain_text())?,
            }
        }
        outln!("")?;
    }
    Ok(ExitCode::SUCCESS)
}
