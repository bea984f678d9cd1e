// The <consent-terms> custom element: a thin shell that hands its attributes to the Rust
// widget (mount), passes attribute changes on (update) and tears down when removed (destroy).
// It also fetches the agreements bundles: the elements already on the page when this module
// loads have theirs requested at once, while the wasm is still downloading and compiling.
// The attribute names come from the Rust side (`contract::ATTRIBUTES`), written once there.
export function defineConsentTerms(mount, attributes) {
  if (customElements.get('consent-terms')) return;
  const ATTRIBUTES = Array.from(attributes);
  class ConsentTermsElement extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }
    // The host server's nonce for this sign-up, reflected to the `challenge` attribute: a
    // framework that sets properties (React 19, Vue) and one that sets attributes reach the
    // same value.
    get challenge() { return this.getAttribute('challenge'); }
    set challenge(value) {
      if (value === null || value === undefined) this.removeAttribute('challenge');
      else this.setAttribute('challenge', String(value));
    }
    options() {
      const options = {};
      for (const name of ATTRIBUTES) {
        const value = this.getAttribute(name);
        if (value !== null) options[name] = value;
      }
      // The former name, read for one release: `nonce` is also HTML's attribute for CSP. A
      // CSP header empties the attribute once the element is connected and React sets only
      // the property; the property keeps the value in both cases.
      const nonce = options.nonce || this.nonce;
      if (nonce) options.nonce = nonce;
      else delete options.nonce;
      return options;
    }
    start() {
      // A value set as a property before this class upgraded the element is an own property
      // hiding the accessor: set it again through the accessor.
      if (Object.prototype.hasOwnProperty.call(this, 'challenge')) {
        const value = this.challenge;
        delete this.challenge;
        this.challenge = value;
      }
      this.handle = mount(this, this.options());
    }
    connectedCallback() {
      if (this.handle) return;
      // Still being parsed (the widget's script ran before the page finished loading): the
      // prerendered shadow root the host put inside it may not be attached yet. Start once the
      // document is parsed, or the widget's own root would take its place.
      if (document.readyState === 'loading' && !this.shadowRoot) {
        document.addEventListener('DOMContentLoaded', () => {
          if (this.isConnected && !this.handle) this.start();
        }, { once: true });
        return;
      }
      this.start();
    }
    attributeChangedCallback() { if (this.handle) this.handle.update(this.options()); }
    disconnectedCallback() {
      // Moved (removed and inserted again in the same task, its microtasks included, as a
      // modal, a layout or a framework's reconciliation does): the widget stays, with what the
      // person did. Removed for good: everything the mount made goes, in the next task, the
      // widget, then the handle, whose slot in the wasm's table of JavaScript values would
      // otherwise keep this element and its nodes alive.
      setTimeout(() => {
        if (this.isConnected) return;
        const handle = this.handle;
        this.handle = null;
        if (handle && typeof handle.free === 'function') { handle.destroy(); handle.free(); }
      }, 0);
    }
  }
  customElements.define('consent-terms', ConsentTermsElement);
}

// Puts `container` in `element`'s shadow root, as `place_container` in element.rs says: the
// root attached if there is none (the element itself where it cannot have one), emptied but
// for the host's prerendered root (of class `prerenderedClass`) and its stylesheets, the
// container hidden while that root is shown.
export function placeContainer(element, container, prerenderedClass) {
  let root = element.shadowRoot;
  if (!root) {
    try {
      root = element.attachShadow({ mode: 'open' });
    } catch {
      element.appendChild(container);
      return;
    }
  }
  const prerendered = root.querySelector(`.${prerenderedClass}`);
  for (let child = root.firstChild, next; child; child = next) {
    next = child.nextSibling;
    const keep = prerendered && (child === prerendered || (child.nodeType === 1 && child.tagName.toLowerCase() === 'link'));
    if (!keep) root.removeChild(child);
  }
  container.toggleAttribute('hidden', !!prerendered);
  root.appendChild(container);
}

// The handle of the widget mounted on each element: a second `mount` there takes the first
// widget down (its handle, destroyed or freed by the host meanwhile, may throw: nothing is left).
const handles = new WeakMap();
export function mounted(element, handle) {
  const before = handles.get(element);
  handles.set(element, handle);
  try {
    before?.destroy();
  } catch {}
}

// An event of the widget to the host: bubbling and composed, so that it leaves the shadow root.
// False if the browser refused it; never throws (see watchChanges in text.js).
export function dispatchTo(target, name, detail) {
  try {
    target.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
    return true;
  } catch {
    return false;
  }
}

// The page's clock now, as RFC 3339 UTC with milliseconds.
export function isoNow() {
  return new Date().toISOString();
}

// The item `key` of localStorage, or null; throws where localStorage is unavailable.
export function storedItem(key) {
  const storage = globalThis.localStorage;
  if (!storage) throw new Error('localStorage is unavailable');
  return storage.getItem(key);
}

// The host gave the deprecated `nonce` and no `challenge`: it still works, for this release.
export function warnNonce() {
  console.warn('<consent-terms>: `nonce` is deprecated: use `challenge` (a CSP header hides `nonce`, React 19 never writes it)');
}

// Bundle texts by absolute URL, each fetched once per page (a failed fetch is forgotten).
const bundles = new Map();

export function fetchText(url) {
  const key = new URL(url, document.baseURI).href;
  let text = bundles.get(key);
  if (!text) {
    // Decoded as UTF-8 keeping a byte order mark (response.text() drops it): the page's
    // `integrity` is the hash of the file's bytes, which this text encodes again exactly.
    text = fetchWithin(url, key, {}, (response) => response.arrayBuffer()
      .then((bytes) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)));
    text.catch(() => bundles.delete(key));
    bundles.set(key, text);
  }
  return text;
}

// A bundle's JSON, past the byte order mark its file may start with.
export function parseBundle(text) {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

// A request for `key` (written `url`) and its whole body (`read`), given up after 30 s: a
// server that answers and then stalls must not leave the widget loading for ever. The error
// names the URL fetched where it is not the one written (a `<base href>` elsewhere).
const FETCH_LIMIT_MS = 30000;
function fetchWithin(url, key, init, read) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), FETCH_LIMIT_MS);
  return fetch(key, { ...init, signal: abort.signal }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return read(response);
  }).catch((e) => {
    // A request the browser refused before any answer (`Failed to fetch`, `NetworkError…`,
    // `Load failed`) looks the same offline as under a policy: name both.
    const refused = e instanceof TypeError ? ' (no answer: offline, or refused by CORS or by the page\'s connect-src)' : '';
    const why = abort.signal.aborted ? `no whole answer within ${FETCH_LIMIT_MS / 1000} s` : ((e && e.message) || String(e)) + refused;
    throw new Error(key === url ? why : `${why} (from ${key})`);
  }).finally(() => clearTimeout(timer));
}

// The widget's stylesheet, consent-terms.css, is not in the wasm: it is fetched once per page,
// from beside this module unless useStylesheet named another URL first, into one
// constructable stylesheet that each shadow root (or document) adopts. A strict CSP
// (style-src 'self') refuses inline <style> elements, not sheets made this way. Its `ready`
// settles once the text is in (true) or could not be had (false): the widget shows no
// agreement before, and without it no agreement counts as read (styles-unavailable).
let sheet = null;
let stylesheetUrl = new URL('consent-terms.css', import.meta.url).href;
export function useStylesheet(url) {
  if (!sheet) stylesheetUrl = new URL(url, document.baseURI).href;
}
function pageSheet() {
  return sheet || makeSheet();
}
// Once per page: apart from pageSheet, which every mount calls, so that it stays small.
function makeSheet() {
  if (typeof CSSStyleSheet !== 'function') return null;
  sheet = new CSSStyleSheet();
  sheet.loaded = fetch(stylesheetUrl).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  }).then((css) => sheet.replace(css)).then(() => true, () => false);
  // A request that never answers must not leave the widget blank: after 10 s it shows
  // unstyled and says so, as when the file is missing (and takes the sheet if it comes later).
  sheet.ready = Promise.race([sheet.loaded, new Promise((done) => setTimeout(done, 10000, false))]);
  return sheet;
}
export function stylesReady() {
  return pageSheet() ? sheet.ready : Promise.resolve(false);
}
// Settles once the stylesheet is in (true), however late, or could not be had (false).
export function stylesLoaded() {
  return pageSheet() ? sheet.loaded : Promise.resolve(false);
}
// False where the browser could not; never throws (see watchChanges in text.js).
export function adoptStyles(root) {
  try {
    if (root && !roving.has(root)) {
      roving.add(root);
      root.addEventListener('keydown', rove);
    }
    if (!root || !('adoptedStyleSheets' in root) || !pageSheet()) return false;
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return true;
  } catch {
    return false;
  }
}

// `root.querySelector(selector)` and `element.closest(selector)`, null for a selector that is
// not valid: never throw (see watchChanges in text.js).
export function selectIn(root, selector) {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}
export function closestTo(element, selector) {
  try {
    return element.closest(selector);
  } catch {
    return null;
  }
}

// Whether some of `element` is within the window's viewport (see reading.rs); true where
// that cannot be told; never throws.
export function onScreen(element) {
  try {
    const r = element.getBoundingClientRect();
    return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  } catch {
    return true;
  }
}

// Whether the agreement panel `panel` lacks its scroll box (see style.rs); never throws.
export function scrollBoxMissing(panel) {
  try {
    const overflow = getComputedStyle(panel).getPropertyValue('overflow-y');
    return !(overflow === 'auto' || overflow === 'scroll') || !(panel instanceof HTMLElement);
  } catch {
    return true;
  }
}

// What the host's status endpoint says a subject accepted: never cached, sent with the
// page's cookies (the host knows who is signed in). Its `accepted` list is handed back as JSON
// in the form this browser remembers acceptances in: an object by agreement id.
export async function fetchStatus(url) {
  const status = await fetchWithin(url, new URL(url, document.baseURI).href,
    { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } },
    (response) => response.json());
  if (!Array.isArray(status && status.accepted)) throw new Error('the answer has no `accepted` list');
  return JSON.stringify(Object.fromEntries(status.accepted
    .filter((a) => a && typeof a.id === 'string').map((a) => [a.id, a])));
}

for (const element of document.querySelectorAll('consent-terms')) {
  fetchText(element.getAttribute('bundle') || 'agreements.json').catch(() => {});
  pageSheet();
}

// One Tab stop per listed clause: ArrowRight and ArrowLeft move between its link and its
// question (wrapping), and the one reached becomes the clause's stop, a roving tabindex as the
// ARIA practices' toolbar pattern has it. Listened for once per root the widget renders in.
const roving = new WeakSet();
function rove(e) {
  const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
  const item = step && e.target.closest && e.target.closest('.ct-highlights li');
  if (!item) return;
  const controls = [...item.querySelectorAll('a, button')];
  const at = controls.indexOf(e.target);
  if (at < 0) return;
  const next = controls[(at + step + controls.length) % controls.length];
  for (const c of controls) c.tabIndex = c === next ? 0 : -1;
  e.preventDefault();
  next.focus();
}
