//! Prints, for every shipped agreement version, the figures the golden tests pin.
use consent_terms::canonical::content_hash;
use consent_terms::catalog::bundled_catalog;

fn main() {
    let catalog = match bundled_catalog() {
        Ok(c) => c,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    };
    for a in catalog.all() {
        let headed = a.sections.iter().filter(|s| s.heading.is_some()).count();
        println!(
            "{} {}: {} sections ({} headed), {} clauses, {} highlights, {}",
            a.meta.id,
            a.meta.version,
            a.sections.len(),
            headed,
            a.clauses().count(),
            a.highlights().count(),
            content_hash(a)
        );
    }
}
