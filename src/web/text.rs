//! The agreement text: written from its instructions (format: `read_blocks` in `text.js`) as
//! text nodes, read back, and checked for hidden highlights.

use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node};

#[wasm_bindgen(module = "/src/web/text.js")]
extern "C" {
    /// The instructions the blocks in `container` were written from, if they are exactly as
    /// [`write_blocks`] writes them (format: `text.js`); `None` if anything differs.
    #[wasm_bindgen(js_name = readBlocks)]
    pub fn read_blocks(container: &web_sys::Element) -> Option<String>;

    /// Whether a highlighted clause below `article` is not visible (display, visibility,
    /// opacity, or no box).
    #[wasm_bindgen(js_name = highlightHidden)]
    pub fn highlight_hidden(article: &web_sys::Element) -> bool;

    /// What a rendered agreement's article holds, in one call (format: `readArticle` in
    /// `text.js`), for [`rendered_canonical`](super::rendered_canonical).
    #[wasm_bindgen(js_name = readArticle)]
    pub fn read_article(article: &web_sys::Element) -> String;

    /// Whether `end`, in view within `panel`, is cut off by a box of the page around the panel
    /// (format and rule: `clippedAway` in `text.js`).
    #[wasm_bindgen(js_name = clippedAway)]
    pub fn clipped_away(end: &web_sys::Element, panel: &web_sys::Element) -> bool;
}

/// Replaces `container`'s children with the blocks `program` describes. Agreement text only
/// ever becomes text nodes.
///
/// Written with the same few DOM calls the rest of the widget is rendered with (a cached
/// element cloned, an attribute set, a node inserted, a text node made), not by a script of
/// its own: a page that mounts the widget again and again compiles no other code for its text.
pub fn write_blocks(container: &Element, program: &str) {
    let Some(doc) = container.owner_document() else {
        return;
    };
    while let Some(child) = container.first_child() {
        if container.remove_child(&child).is_err() {
            return;
        }
    }
    let root: &Node = container;
    let mut program = Program(program);
    let mut block = root.clone();
    let mut list: Option<Node> = None;
    // A DOM call here fails only for a node that cannot be where it is put, and none is put
    // anywhere but below the new nodes: what fails is left out, and the read-back tells.
    let element = |parent: &Node, tag: &'static str, class: &str| {
        let e: Element = TEMPLATES
            .with(|t| {
                let mut t = t.borrow_mut();
                let template = match t.iter().find(|(name, _)| *name == tag) {
                    Some((_, e)) => e.clone(),
                    None => {
                        let e: Node = doc.create_element(tag).ok()?.into();
                        t.push((tag, e.clone()));
                        e
                    }
                };
                template.clone_node().ok()
            })
            .map_or(JsValue::NULL, JsValue::from)
            .unchecked_into();
        if !class.is_empty() {
            let _ = e.set_attribute("class", class);
        }
        let _ = parent.insert_before(&e, None);
        e
    };
    let text = |parent: &Node, data: &str| {
        let _ = parent.insert_before(&doc.create_text_node(data), None);
    };
    while let Some(op) = program.op() {
        match op {
            't' => text(&block, program.field()),
            'b' => text(&element(&block, "b", ""), program.field()),
            's' => {
                let strong = element(&block, "strong", "ct-highlight");
                let _ = strong.set_attribute("id", program.field());
                let _ = strong.set_attribute("data-kind", program.field());
                let _ = strong.set_attribute("tabindex", "-1");
                text(&element(&strong, "span", "ct-sr-only"), program.field());
                text(&strong, program.field());
            }
            // Consecutive items share one list, so assistive technology announces it as a
            // list; the bullet is the list's own marker, never text (the read-back must see
            // only the item).
            'l' => {
                let ul = list
                    .take()
                    .unwrap_or_else(|| element(root, "ul", "ct-list").into());
                block = element(&ul, "li", "ct-item").into();
                list = Some(ul);
            }
            _ => {
                list = None;
                let (tag, class) = match op {
                    'h' => ("h4", "ct-heading"),
                    'H' => ("h5", "ct-heading"),
                    'c' => ("p", "ct-clause"),
                    _ => ("p", ""),
                };
                let p = element(root, tag, class);
                if op == 'c' {
                    let number = program.field();
                    let _ = p.set_attribute("data-number", number);
                    text(&element(&p, "span", "ct-number"), number);
                    text(&p, " ");
                }
                block = p.into();
            }
        }
    }
}

/// A program being read: its letters and `length:text` strings.
pub(super) struct Program<'a>(pub(super) &'a str);

impl<'a> Program<'a> {
    pub(super) fn op(&mut self) -> Option<char> {
        let mut chars = self.0.chars();
        let op = chars.next()?;
        self.0 = chars.as_str();
        Some(op)
    }

    /// The next string; its length is in UTF-16 code units: one for each character of UTF-8's
    /// one to three bytes, two for one of four. Empty where the program is not as written.
    pub(super) fn field(&mut self) -> &'a str {
        let bytes = self.0.as_bytes();
        let (mut units, mut at) = (0usize, 0);
        while let Some(&b) = bytes.get(at) {
            at += 1;
            if b == b':' {
                break;
            }
            units = units
                .wrapping_mul(10)
                .wrapping_add(usize::from(b.wrapping_sub(b'0')));
        }
        let start = at;
        while let Some(&b) = bytes.get(at) {
            let lead = b & 0xC0 != 0x80;
            if units == 0 && lead {
                break;
            }
            if lead {
                units = units.saturating_sub(if b >= 0xF0 { 2 } else { 1 });
            }
            at += 1;
        }
        let text = self.0.get(start..at).unwrap_or("");
        self.0 = self.0.get(at..).unwrap_or("");
        text
    }
}

thread_local! {
    /// One element of each tag, cloned for every element written (as Yew makes its own).
    static TEMPLATES: RefCell<Vec<(&'static str, Node)>> = const { RefCell::new(Vec::new()) };
}
