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
    options() {
      const options = {};
      for (const name of ATTRIBUTES) {
        const value = this.getAttribute(name);
        if (value !== null) options[name] = value;
      }
      return options;
    }
    connectedCallback() {
      if (this.handle) return;
      // Still being parsed (the widget's script ran before the page finished loading): the
      // prerendered shadow root the host put inside it may not be attached yet. Start once the
      // document is parsed, or the widget's own root would take its place.
      if (document.readyState === 'loading' && !this.shadowRoot) {
        document.addEventListener('DOMContentLoaded', () => {
          if (this.isConnected && !this.handle) this.handle = mount(this, this.options());
        }, { once: true });
        return;
      }
      this.handle = mount(this, this.options());
    }
    attributeChangedCallback() { if (this.handle) this.handle.update(this.options()); }
    disconnectedCallback() {
      if (this.handle) { this.handle.destroy(); this.handle = null; }
    }
  }
  customElements.define('consent-terms', ConsentTermsElement);
}

// Bundle texts by absolute URL, each fetched once per page (a failed fetch is forgotten).
const bundles = new Map();

export function fetchText(url) {
  const key = new URL(url, document.baseURI).href;
  let text = bundles.get(key);
  if (!text) {
    text = fetch(key).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.text();
    });
    text.catch(() => bundles.delete(key));
    bundles.set(key, text);
  }
  return text;
}

// What the host's status endpoint says a subject accepted: never cached, sent with the
// page's cookies (the host knows who is signed in). Its `accepted` list is handed back as JSON
// in the form this browser remembers acceptances in: an object by agreement id.
export async function fetchStatus(url) {
  const response = await fetch(new URL(url, document.baseURI).href,
    { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const status = await response.json();
  if (!Array.isArray(status && status.accepted)) throw new Error('the answer has no `accepted` list');
  return JSON.stringify(Object.fromEntries(status.accepted
    .filter((a) => a && typeof a.id === 'string').map((a) => [a.id, a])));
}

for (const element of document.querySelectorAll('consent-terms')) {
  fetchText(element.getAttribute('bundle') || 'agreements.json').catch(() => {});
}

// One constructable stylesheet per page, adopted by each shadow root (or document) once. A
// strict CSP (style-src 'self') refuses inline <style> elements, not sheets made this way.
let sheet = null;
export function adoptStyles(root, css) {
  if (!root || !('adoptedStyleSheets' in root) || typeof CSSStyleSheet !== 'function') return false;
  if (!sheet) {
    const made = new CSSStyleSheet();
    made.replaceSync(css);
    sheet = made;
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return true;
}
