//! The widget as a page script: starting the module registers `<consent-terms>`; hosts that
//! prefer code import `mount` from the same module. The preview page (`trunk serve`) loads it.

// Talc instead of the default dlmalloc: smaller in the wasm (see README, size), and made for
// a heap that lives as long as the page.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    consent_terms::widget::define_element();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the preview runs in a browser: `bash tools/dev preview`");
    std::process::exit(2);
}
