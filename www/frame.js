// The page of isolated mode (`frame.html`): the widget on the terms origin, inside the iframe
// of a host page's <consent-terms-frame>. The host's origin comes in the URL (`?origin=`); the
// page takes attributes only from its parent window and only when the browser reports that
// origin for the message, posts the widget's events to that origin alone (never `*`), and
// signs receipts whose audience is that origin. Its signing key lives in this origin's
// IndexedDB, out of reach of the host page's scripts.
import init from './consent-terms-widget.js';

// `contract::Event::ALL`; tests/contract.rs checks that the lists match.
const EVENTS = ['consent-ready', 'consent-change', 'consent-receipt', 'consent-copy',
  'consent-declined', 'consent-question', 'consent-error'];

const status = document.getElementById('frame-status');
const parentOrigin = (() => {
  try {
    const origin = new URL(new URLSearchParams(window.location.search).get('origin') || '').origin;
    return /^https?:\/\//.test(origin) ? origin : null;
  } catch {
    return null;
  }
})();

if (window.parent === window || !parentOrigin) {
  status.textContent = 'This page shows agreements inside a sign-up page, which opens it with its own origin (?origin=…). Opened on its own, it shows nothing.';
} else {
  document.documentElement.style.overflow = 'hidden';
  document.body.style.margin = '0';
  const post = (message) => window.parent.postMessage(message, parentOrigin);
  let element = null;
  const apply = (attributes) => {
    for (const [name, value] of Object.entries(attributes)) {
      // The audience and the parent to post to are this page's to set, from the checked origin.
      if (!/^[a-z][a-z-]*$/.test(name) || name === 'post-message-origin') continue;
      if (value === null || value === undefined) element.removeAttribute(name);
      else element.setAttribute(name, String(value));
    }
  };
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const m = event.data;
    if (!m || m.type !== 'consent-terms:attributes' || !m.attributes || typeof m.attributes !== 'object') return;
    if (element) {
      apply(m.attributes);
      return;
    }
    element = document.createElement('consent-terms');
    apply(m.attributes);
    element.setAttribute('post-message-origin', parentOrigin);
    for (const name of EVENTS) {
      element.addEventListener(name, (e) => post({ type: 'consent-terms:event', name, detail: e.detail }));
    }
    status.replaceWith(element);
  });
  new ResizeObserver(() => {
    post({ type: 'consent-terms:size', height: document.body.scrollHeight });
  }).observe(document.body);
  // The host sends the attributes as soon as it hears from this page; the element waits for
  // the wasm, which compiles meanwhile.
  post({ type: 'consent-terms:frame-ready' });
  init({ module_or_path: new URL('consent-terms-widget_bg.wasm', import.meta.url) }).catch(
    (e) => {
      status.textContent = `The widget did not start: ${e && e.message ? e.message : e}`;
      post({ type: 'consent-terms:frame-failed', reason: `the widget did not start: ${e && e.message ? e.message : e}` });
    },
  );
}
