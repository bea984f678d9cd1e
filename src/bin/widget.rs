//! The widget as a page script: starting the module registers `<consent-terms>`; hosts that
//! prefer code import `mount` from the same module. The preview page (`trunk serve`) loads it.

// lol_alloc's free list instead of the default dlmalloc: the smallest of the three measured
// (docs/performance.md), and it merges adjacent freed blocks, so a page open for hours does not
// fragment its heap away.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

#[cfg(target_arch = "wasm32")]
fn main() {
    consent_terms::widget::define_element();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the preview runs in a browser: `bash tools/dev preview`");
    std::process::exit(2);
}
