// The module's `init()`: the wasm-bindgen start (`start`), and where the widget's code cannot
// run (its wasm not found, or a CSP without 'wasm-unsafe-eval' refusing to compile it), a
// <consent-terms> that says so in its place and dispatches `consent-error` `code-unavailable`,
// instead of an element left blank. The promise still rejects, with the browser's reason.
// `tools/dev` folds this file and the glue into consent-terms-widget.js (fold_glue).
export function guarded(start) {
  return (options) => Promise.resolve().then(() => start(options)).catch((error) => {
    unavailable(error);
    throw error;
  });
}

const WORDS = {
  en: (why) => `The terms cannot be shown: the page could not start their code (${why}). Nothing can be accepted here.`,
  zh: (why) => `无法显示条款：页面未能启动条款的代码（${why}）。此处无法接受任何条款。`,
};

function unavailable(error) {
  if (!globalThis.customElements || customElements.get('consent-terms')) return;
  const why = String((error && error.message) || error || 'unknown error').slice(0, 300);
  customElements.define('consent-terms', class extends HTMLElement {
    connectedCallback() {
      if (this.said) return;
      this.said = true;
      const lang = this.getAttribute('lang') || document.documentElement.lang || '';
      const message = (lang.trim().toLowerCase().startsWith('zh') ? WORDS.zh : WORDS.en)(why);
      let root = this.shadowRoot;
      if (!root) {
        try {
          root = this.attachShadow({ mode: 'open' });
        } catch {
          root = this;
        }
      }
      // Above prerendered terms, which stay readable but cannot be accepted.
      const note = document.createElement('p');
      note.setAttribute('role', 'alert');
      note.className = 'ct-unavailable';
      note.textContent = message;
      root.prepend(note);
      this.dispatchEvent(new CustomEvent('consent-error', {
        detail: { code: 'code-unavailable', message }, bubbles: true, composed: true,
      }));
    }
  });
}
