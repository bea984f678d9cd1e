//! The agreement text writer (`text.js`): one call writes an agreement's blocks as text nodes.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/web/text.js")]
extern "C" {
    /// Replaces `container`'s children with the blocks `program` describes (format: `text.js`).
    #[wasm_bindgen(js_name = writeBlocks)]
    pub fn write_blocks(container: &web_sys::Element, program: &str);

    /// The instructions the blocks in `container` were written from, if they are exactly as
    /// `writeBlocks` writes them (format: `text.js`); `None` if anything differs.
    #[wasm_bindgen(js_name = readBlocks)]
    pub fn read_blocks(container: &web_sys::Element) -> Option<String>;

    /// Whether a highlighted clause below `article` is not visible (display, visibility,
    /// opacity, or no box).
    #[wasm_bindgen(js_name = highlightHidden)]
    pub fn highlight_hidden(article: &web_sys::Element) -> bool;
}
