//! The preview page's entry point (`trunk serve`): it only mounts the widget.

#[cfg(target_arch = "wasm32")]
fn main() {
    consent_terms::widget::mount_preview();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the preview runs in a browser: `bash tools/dev preview`");
    std::process::exit(2);
}
