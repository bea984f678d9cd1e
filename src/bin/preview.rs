//! The preview page's entry point (`trunk serve`): it only registers the widget's element.

#[cfg(target_arch = "wasm32")]
fn main() {
    consent_terms::widget::define_element();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the preview runs in a browser: `bash tools/dev preview`");
    std::process::exit(2);
}
