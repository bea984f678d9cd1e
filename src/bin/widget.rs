//! The widget as a page script: starting the module registers `<consent-terms>`; hosts that
//! prefer code import `mount` from the same module. The preview page (`trunk serve`) loads it.

#[cfg(target_arch = "wasm32")]
fn main() {
    consent_terms::widget::define_element();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the preview runs in a browser: `bash tools/dev preview`");
    std::process::exit(2);
}
