// Calls `callback` with the records of every change below `element` (a node added, removed or
// edited, an attribute set); the observer is returned, to be disconnected (null where the
// browser has none). These functions never throw: the widget calls them at every mount, and a
// call that may throw costs a second function of the glue for each.
export function watchChanges(element, callback) {
  try {
    const observer = new MutationObserver(callback);
    observer.observe(element, { subtree: true, childList: true, attributes: true, characterData: true });
    return observer;
  } catch {
    return null;
  }
}

// Calls `callback` with whether `element` is in view within its scrolling box `root` (the
// viewport if null), each time that changes; the observer is returned, to be disconnected
// (null where the browser has none).
export function watchVisible(element, root, callback) {
  try {
    // The last entry is the element's state now, and when the browser saw it so.
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) callback(last.isIntersecting, last.time);
    }, { root });
    observer.observe(element);
    return observer;
  } catch {
    return null;
  }
}

// Whether the text of `article`, or one of its highlighted clauses, is not shown legibly and
// conspicuously to the person, whatever made it so (a page's stylesheet, a theme's custom
// properties, a sheet adopted into the shadow root: none changes a node): not displayed or
// visible; faded (the opacity of it and every box around it, the host's included, below
// one half); in a colour that barely differs from what lies behind it (contrast under 3:1, the
// least WCAG asks of large or bold text); smaller than 9 px, or drawn smaller by a transform;
// blurred by a filter; or, for a highlighted clause, not bold.
export function highlightHidden(article) {
  const text = article.querySelector('.ct-text');
  if (text && !legible(text, false)) return true;
  for (const strong of article.querySelectorAll('strong.ct-highlight')) {
    if (!legible(strong, true)) return true;
  }
  return false;
}

// Whether `end`, in view within its scrolling `panel`, is cut off by a box around the panel
// that clips what overflows it (`overflow: hidden`, `clip`, `auto`, `scroll`), the host page's
// included: none of it shows through that box. The viewport is not such a box (a page scrolled
// away from the panel is the person's to scroll back). Never throws.
export function clippedAway(end, panel) {
  try {
    const r = end.getBoundingClientRect();
    let [top, bottom, left, right] = [r.top, r.bottom, r.left, r.right];
    const root = document.documentElement;
    for (let e = up(panel); e && e !== root && e !== document.body; e = up(e)) {
      const s = getComputedStyle(e);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const b = e.getBoundingClientRect();
      [top, bottom, left, right] = [Math.max(top, b.top), Math.min(bottom, b.bottom), Math.max(left, b.left), Math.min(right, b.right)];
      if (bottom <= top || right <= left) return true;
    }
    return false;
  } catch {
    return false;
  }
}

// The element `e`, or the host of the shadow root it is in (crossing into the page).
const up = (e) => e.parentElement || (e.parentNode && e.parentNode.host) || null;

function legible(element, bold) {
  const shown = element.checkVisibility
    ? element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    : element.getClientRects().length > 0;
  if (!shown) return false;
  const style = getComputedStyle(element);
  // The size drawn: a page's CSS `zoom` scales the boxes, not the computed font size.
  const size = parseFloat(style.fontSize) * (element.currentCSSZoom || 1);
  if (!(size >= 9)) return false;
  if (bold && !(parseInt(style.fontWeight, 10) >= 600)) return false;
  const box = element.getClientRects()[0];
  if (box && box.height > 0 && box.height < size * 0.75) return false;
  let opacity = 1;
  let behind = null;
  for (let e = element; e; e = up(e)) {
    const s = e === element ? style : getComputedStyle(e);
    opacity *= parseFloat(s.opacity);
    if (/blur\(\s*[1-9]|blur\(\s*0?\.[5-9]/.test(s.filter)) return false;
    if (!behind) {
      const bg = rgba(s.backgroundColor);
      if (bg && bg[3] >= 0.5) behind = bg;
    }
  }
  if (opacity < 0.5) return false;
  const fg = rgba(style.color);
  if (!fg) return true;
  if (fg[3] * opacity < 0.5) return false;
  const back = behind || [255, 255, 255, 1];
  return contrast(fg, back) >= 3;
}

// `rgb(…)` / `rgba(…)` as computed, as [r, g, b, a]; null for any other form (left unchecked).
function rgba(color) {
  const m = /^rgba?\(([^)]+)\)$/.exec(color || '');
  if (!m) return null;
  const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  if (parts.length < 3 || parts.some((x) => Number.isNaN(x))) return null;
  return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
}

// WCAG 2 contrast ratio of `fg` over `bg` (fg blended by its alpha).
function contrast(fg, bg) {
  const mix = fg.slice(0, 3).map((c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((c) => {
      const x = c / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(mix), lum(bg.slice(0, 3))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

// Reads back blocks written as `write_blocks` in text.rs writes them (or prerendered the same
// way, see core/src/prerender.rs): the instructions they were written from, with adjacent text
// merged into one `t`. Instructions: a letter per block (h: level-1 heading, H: other heading,
// c: numbered clause with its number, l: list item, p: paragraph) or span (t: text, b: bold,
// s: highlighted clause with DOM id, kind, spoken label and text); each string as
// `length:text`, the length in UTF-16 code units. Null when anything differs from what
// `write_blocks` makes: another element, class or attribute, or text outside a block. Only
// then can the nodes be taken as they are.
export function readBlocks(container) {
  let out = '';
  const field = (text) => { out += `${text.length}:${text}`; };
  // An element `tag` of class `cls` with no attribute but its class and `attributes`.
  // A shadow root (a declarative `<template shadowrootmode>` parsed into one, or one a script
  // attached) would show something else in the element's place: an element hosting one is
  // never as written. A closed one is not visible here; `sealShadowHosts` finds it.
  const only = (e, tag, cls, attributes = []) => {
    if (e.nodeType !== 1 || e.localName !== tag || e.shadowRoot) return false;
    const c = e.getAttribute('class');
    if ((c || '') !== cls) return false;
    let count = c === null ? 0 : 1;
    for (const a of attributes) if (e.hasAttribute(a)) count++;
    return e.attributes.length === count;
  };
  const blank = (n) => n.nodeType === 8 || (n.nodeType === 3 && n.data.trim() === '');
  const textOf = (e) => (e.shadowRoot ? null : e.childNodes.length === Array.from(e.childNodes).filter((n) => n.nodeType === 3).length
    ? e.textContent : null);
  // The spans of a block from its child `from` on; false if one is not as written.
  const spans = (block, from, lead) => {
    let text = lead;
    const flush = () => { if (text) { out += 't'; field(text); } text = ''; };
    for (let n = from; n; n = n.nextSibling) {
      if (n.nodeType === 3) { text += n.data; continue; }
      if (n.nodeType === 8) continue;
      flush();
      if (only(n, 'b', '')) {
        const t = textOf(n);
        if (t === null) return false;
        out += 'b'; field(t);
      } else if (only(n, 'strong', 'ct-highlight', ['id', 'data-kind', 'tabindex'])
        && n.getAttribute('tabindex') === '-1' && n.childNodes.length === 2
        && only(n.firstChild, 'span', 'ct-sr-only') && n.lastChild.nodeType === 3) {
        const label = textOf(n.firstChild);
        if (label === null) return false;
        out += 's'; field(n.id); field(n.getAttribute('data-kind') || ''); field(label); field(n.lastChild.data);
      } else {
        return false;
      }
    }
    flush();
    return true;
  };
  for (let b = container.firstChild; b; b = b.nextSibling) {
    if (blank(b)) continue;
    if (only(b, 'ul', 'ct-list')) {
      for (let li = b.firstChild; li; li = li.nextSibling) {
        if (blank(li)) continue;
        if (!only(li, 'li', 'ct-item')) return null;
        out += 'l';
        if (!spans(li, li.firstChild, '')) return null;
      }
    } else if (only(b, 'h4', 'ct-heading') || only(b, 'h5', 'ct-heading') || only(b, 'p', '')) {
      out += b.localName === 'h4' ? 'h' : b.localName === 'h5' ? 'H' : 'p';
      if (!spans(b, b.firstChild, '')) return null;
    } else if (only(b, 'p', 'ct-clause', ['data-number'])) {
      // The number, then one space, then the clause's spans.
      const number = b.getAttribute('data-number') || '';
      const first = b.firstChild;
      if (!first || !only(first, 'span', 'ct-number') || textOf(first) !== number) return null;
      const after = first.nextSibling;
      if (!after || after.nodeType !== 3 || !after.data.startsWith(' ')) return null;
      out += 'c'; field(number);
      if (!spans(b, after.nextSibling, after.data.slice(1))) return null;
    } else {
      return null;
    }
  }
  return out;
}

// What a rendered `<article class="ct-agreement">` holds, for `rendered_canonical` (rendered.rs)
// to rebuild its canonical text from, read in one call: its header (the attributes
// `data-agreement-id`, `data-version`, the first h3's text, `data-effective`, `data-updated`,
// `lang`, `data-provider`, `data-products`, `n` or `s` and `data-supplements`, `data-prevails`,
// `data-reconsent`), then each block as readBlocks writes instructions (h, H, c and its number,
// l, p), each with its spans: `t` text as it stands (a clause's space after its number
// included), `b` bold text, `s` a highlight's kind and its text without the spoken label.
// Whatever else is in the article or its text is read as a block or a span, so that it makes
// the hash differ. Strings as `length:text`; empty if the article could not be read.
export function readArticle(article) {
  try {
    let out = '';
    const field = (text) => { out += `${text.length}:${text}`; };
    const attr = (name) => field(article.getAttribute(name) || '');
    const title = article.querySelector('h3');
    attr('data-agreement-id'); attr('data-version'); field(title ? title.textContent : '');
    attr('data-effective'); attr('data-updated'); attr('lang'); attr('data-provider'); attr('data-products');
    const supplements = article.getAttribute('data-supplements');
    if (supplements === null) out += 'n';
    else { out += 's'; field(supplements); }
    attr('data-prevails'); attr('data-reconsent');
    // Sibling links and node types rather than iterators and `instanceof`: this runs at every
    // mount, and the engine's optimised code for it is smaller so.
    const has = (e, cls) => e.nodeType === 1 && e.classList.contains(cls);
    const spans = (e) => {
      for (let n = e.firstChild; n; n = n.nextSibling) {
        if (n.nodeType !== 1) { out += 't'; field(n.textContent || ''); }
        else if (has(n, 'ct-number')) continue;
        else if (n.localName === 'b') { out += 'b'; field(n.textContent); }
        else if (has(n, 'ct-highlight')) {
          let text = '';
          for (let c = n.firstChild; c; c = c.nextSibling) if (!has(c, 'ct-sr-only')) text += c.textContent || '';
          out += 's'; field(n.getAttribute('data-kind') || ''); field(text);
        } else { out += 't'; field(n.textContent); }
      }
    };
    const block = (e) => {
      if (e.nodeType !== 1) return;
      const tag = e.localName;
      if (tag === 'h3' || has(e, 'ct-meta') || has(e, 'ct-precedence') || has(e, 'ct-end')) return;
      if (has(e, 'ct-heading')) out += tag === 'h4' ? 'h' : 'H';
      else if (has(e, 'ct-clause')) { out += 'c'; field(e.getAttribute('data-number') || ''); }
      else out += has(e, 'ct-item') ? 'l' : 'p';
      spans(e);
    };
    // A list groups consecutive items; each item is one block.
    for (let child = article.firstChild; child; child = child.nextSibling) {
      if (!has(child, 'ct-text')) { block(child); continue; }
      for (let b = child.firstChild; b; b = b.nextSibling) {
        if (!has(b, 'ct-list')) { block(b); continue; }
        for (let item = b.firstChild; item; item = item.nextSibling) block(item);
      }
    }
    return out;
  } catch {
    return '';
  }
}

// The elements the widget writes that could host a shadow root (of the DOM's valid shadow
// host names: an element of another name put in the text is a change the watch reports).
const HOSTS = 'article,div,h3,h4,h5,p,section,span';
// The widget's mark on each element it sealed: a private name is this module's alone, so no
// page script can forge it, and it goes with the element (a WeakSet's table would keep the size
// of the most elements ever sealed between two collections: 64 KB after 200 mounts).
class Stamp { constructor(o) { return o; } }
class Sealed extends Stamp {
  #sealed = true;
  // Seals `e` if it could host a shadow root and is not sealed yet; false if it already hosts
  // one that is not the widget's.
  static seal(e) {
    if (!e.matches(HOSTS) || #sealed in e) return true;
    try {
      e.attachShadow({ mode: 'closed' }).append(document.createElement('slot'));
      new Sealed(e);
      return true;
    } catch {
      return false;
    }
  }
}

// Seals `element`, every element below it that could host a shadow root and, with `climb`,
// those around it up to the widget's root (`.ct-root`, or the `.ct-host` holding it in the
// element's shadow root): each gets a closed shadow root of the widget's holding one slot, so
// that it shows its children as they are and no other root can be attached: a page script's
// `attachShadow` on it throws from then on (attaching one leaves no record a MutationObserver
// would see). False if one already hosts a shadow root that is not the widget's, open or
// attached by a script: what it shows is not the text the DOM holds. A closed declarative root
// is emptied by `attachShadow` and taken over.
export function sealShadowHosts(element, climb) {
  let ok = true;
  const seal = (e) => { if (!Sealed.seal(e)) ok = false; };
  seal(element);
  element.querySelectorAll(HOSTS).forEach(seal);
  const top = climb && (element.closest('.ct-host') || element.closest('.ct-root'));
  for (let a = element; top && a !== top;) seal((a = a.parentElement));
  return ok;
}
