// Writes an agreement's blocks into the page from the instructions agreement_view.rs prepares
// (one call instead of one per node). Agreement text only ever becomes text nodes.
//
// Instructions: a letter per block (h: level-1 heading, H: other heading, c: numbered clause
// with its number, l: list item, p: paragraph) or span (t: text, b: bold, s: highlighted
// clause with DOM id, kind, spoken label and text); each string as `length:text`, the length
// in UTF-16 code units.
export function writeBlocks(container, program) {
  const doc = container.ownerDocument;
  const el = (tag, cls) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    return e;
  };
  let i = 0;
  const field = () => {
    const colon = program.indexOf(':', i);
    i = colon + 1 + Number(program.slice(i, colon));
    return program.slice(colon + 1, i);
  };
  const out = doc.createDocumentFragment();
  let block = out;
  let list = null;
  while (i < program.length) {
    const op = program[i++];
    if (op === 't') {
      block.append(field());
    } else if (op === 'b') {
      const b = el('b');
      b.append(field());
      block.append(b);
    } else if (op === 's') {
      const strong = el('strong', 'ct-highlight');
      strong.id = field();
      strong.dataset.kind = field();
      strong.tabIndex = -1;
      const label = el('span', 'ct-sr-only');
      label.append(field());
      strong.append(label, field());
      block.append(strong);
    } else if (op === 'l') {
      // Consecutive items share one list, so assistive technology announces it as a list; the
      // bullet is the list's own marker, never text (the read-back must see only the item).
      if (!list) {
        list = el('ul', 'ct-list');
        out.append(list);
      }
      block = el('li', 'ct-item');
      list.append(block);
    } else {
      list = null;
      block = op === 'h' ? el('h4', 'ct-heading') : op === 'H' ? el('h5', 'ct-heading')
        : el('p', op === 'c' ? 'ct-clause' : '');
      if (op === 'c') {
        const number = field();
        const span = el('span', 'ct-number');
        span.append(number);
        block.dataset.number = number;
        block.append(span, ' ');
      }
      out.append(block);
    }
  }
  container.replaceChildren(out);
}

// Whether a highlighted clause of `article` is not visible to the person (display, visibility,
// opacity, or no box at all), whatever made it so: a page's stylesheet changes no node.
export function highlightHidden(article) {
  for (const strong of article.querySelectorAll('strong.ct-highlight')) {
    const shown = strong.checkVisibility
      ? strong.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      : strong.getClientRects().length > 0;
    if (!shown) return true;
  }
  return false;
}
