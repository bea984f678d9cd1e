// The <consent-terms> custom element: a thin shell that hands its attributes to the Rust
// widget (mount), passes attribute changes on (update) and tears down when removed (destroy).
const ATTRIBUTES = ['provider', 'products', 'lang', 'subject', 'nonce', 'require-scroll',
  'require-acknowledgement', 'mode', 'bundle', 'post-message-origin'];

export function defineConsentTerms(mount) {
  if (customElements.get('consent-terms')) return;
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
    connectedCallback() { if (!this.handle) this.handle = mount(this, this.options()); }
    attributeChangedCallback() { if (this.handle) this.handle.update(this.options()); }
    disconnectedCallback() {
      if (this.handle) { this.handle.destroy(); this.handle = null; }
    }
  }
  customElements.define('consent-terms', ConsentTermsElement);
}
