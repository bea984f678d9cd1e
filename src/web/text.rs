//! The agreement text writer (`text.js`): one call writes an agreement's blocks as text nodes.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/web/text.js")]
extern "C" {
    /// Replaces `container`'s children with the blocks `program` describes (format: `text.js`).
    #[wasm_bindgen(js_name = writeBlocks)]
    pub fn write_blocks(container: &web_sys::Element, program: &str);
}
