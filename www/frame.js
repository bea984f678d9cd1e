// The page of isolated mode (`frame.html`): the widget on the terms origin, inside the iframe
// of a host page's <consent-terms-frame>. The host's origin comes in the URL (`?origin=`); the
// page takes attributes only from its parent window and only when the browser reports that
// origin for the message, posts the widget's events to that origin alone (never `*`), and
// signs receipts whose audience is that origin. Its signing key lives in this origin's
// IndexedDB, out of reach of the host page's scripts.
//
// What the host sends is data for the widget, never code on this origin: only the widget's
// own attributes are set, each only with a value of its syntax; anything else (an `on…`
// handler, `style`, a `javascript:` URL) is dropped and reported to the host as
// `consent-error` `attribute-refused`. frame.html's Content-Security-Policy refuses inline
// script and handlers too, and its server's `frame-ancestors` names the pages that may frame
// it; where the browser tells (`location.ancestorOrigins`), a parent that is not `?origin`
// gets nothing shown.
import init from './consent-terms-widget.js';

// `contract::ATTRIBUTES` (with `challenge`, the nonce's new name); the host element sends the
// same list, and tests/contract.rs checks that they match.
const ATTRIBUTES = ['provider', 'products', 'lang', 'subject', 'nonce', 'challenge', 'require-scroll',
  'require-acknowledgement', 'mode', 'bundle', 'post-message-origin', 'status-url',
  'organization', 'organization-id', 'help-url', 'help-email', 'integrity'];
// `contract::Event::ALL`; tests/contract.rs checks that the lists match.
const EVENTS = ['consent-ready', 'consent-change', 'consent-receipt', 'consent-copy',
  'consent-declined', 'consent-question', 'consent-error'];

// The syntax of each attribute's value: a test of the string, and what it must be, for the
// host's developer. No control characters anywhere; every value is bounded.
const printable = (max) => (v) => v.length <= max && !/[\u0000-\u001f\u007f]/.test(v);
const key = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const httpUrl = (v) => {
  if (!printable(2048)(v)) return false;
  try {
    return /^https?:$/.test(new URL(v, window.location.href).protocol);
  } catch {
    return false;
  }
};
// A flag as the element reads it (`consent::flag_attr`): one of its eight words in any ASCII
// case, with Unicode white space around (Rust's `trim`); `false`, `no`, `off` and `0` turn it off.
const space = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*';
const flagWords = new RegExp(`^${space}(true|false|yes|no|on|off|1|0)${space}$`, 'i');
const flag = (v) => flagWords.test(v);
const SYNTAX = {
  provider: [(v) => key.test(v), 'a provider key'],
  products: [(v) => v.length <= 512 && v.trim().split(/\s+/).every((p) => p === '' || key.test(p)), 'product keys separated by spaces'],
  lang: [(v) => v.length <= 35 && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(v), 'a language tag'],
  subject: [printable(256), 'at most 256 characters'],
  nonce: [(v) => /^[\x21-\x7e]{1,256}$/.test(v), 'up to 256 visible ASCII characters'],
  challenge: [(v) => /^[\x21-\x7e]{1,256}$/.test(v), 'up to 256 visible ASCII characters'],
  'require-scroll': [flag, 'true, false, yes, no, on, off, 1 or 0'],
  'require-acknowledgement': [flag, 'true, false, yes, no, on, off, 1 or 0'],
  mode: [(v) => v === 'checkbox' || v === 'button', 'checkbox or button'],
  bundle: [httpUrl, 'an http(s) URL'],
  // The audience and the parent to post to are this page's to set, from the checked origin.
  'post-message-origin': [() => false, null],
  'status-url': [httpUrl, 'an http(s) URL'],
  organization: [printable(256), 'at most 256 characters'],
  'organization-id': [printable(128), 'at most 128 characters'],
  'help-url': [httpUrl, 'an http(s) URL'],
  'help-email': [(v) => v.length <= 254 && /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+$/.test(v), 'an e-mail address'],
  integrity: [(v) => v.length <= 1024 && /^\s*sha(256|384|512)-[A-Za-z0-9+/_-]+={0,2}(\s+sha(256|384|512)-[A-Za-z0-9+/_-]+={0,2})*\s*$/.test(v), 'sha256-<base64> values separated by spaces'],
};

// Why `name` (given `value`) is not set on the widget, or null when it is taken.
function refusal(name, value) {
  if (!ATTRIBUTES.includes(name)) return 'it is not an attribute of the widget';
  if (value === null || value === undefined) return null;
  const [ok, expected] = SYNTAX[name];
  if (!expected) return 'the frame sets it itself, from the origin the browser reports';
  // Empty, as the widget takes it in plain mode (not given, or its own error).
  if (value === '') return null;
  return typeof value === 'string' && ok(value) ? null : `its value must be ${expected}`;
}

const status = document.getElementById('frame-status');
const parentOrigin = (() => {
  try {
    const origin = new URL(new URLSearchParams(window.location.search).get('origin') || '').origin;
    return /^https?:\/\//.test(origin) ? origin : null;
  } catch {
    return null;
  }
})();

// The page that framed this one, where the browser tells (Chromium and WebKit): it must be the
// origin the URL names, or a third site is claiming to be the host.
const ancestors = window.location.ancestorOrigins;
const claimed = parentOrigin && ancestors && ancestors.length > 0 && ancestors[0] !== parentOrigin;

if (window.parent === window || !parentOrigin) {
  status.textContent = 'This page shows agreements inside a sign-up page, which opens it with its own origin (?origin=…). Opened on its own, it shows nothing.';
} else if (claimed) {
  status.textContent = `This page was opened by ${ancestors[0]}, not by ${parentOrigin} as its address says: it shows nothing and signs nothing.`;
} else {
  document.documentElement.style.overflow = 'hidden';
  document.body.style.margin = '0';
  const post = (message) => window.parent.postMessage(message, parentOrigin);
  let element = null;
  const refuse = (name, why) => post({
    type: 'consent-terms:event',
    name: 'consent-error',
    detail: {
      code: 'attribute-refused',
      message: `The agreements' frame did not set the attribute "${name.slice(0, 64)}" the page sent: ${why}.`,
      severity: 'warning',
    },
  });
  const apply = (attributes) => {
    for (const [name, value] of Object.entries(attributes).slice(0, 512)) {
      // Never set by the host, and never removed: the frame sets it from the checked origin.
      if (name === 'post-message-origin' && (value === null || value === undefined)) continue;
      const why = refusal(name, value);
      if (why) refuse(name, why);
      else if (value === null || value === undefined) element.removeAttribute(name);
      else element.setAttribute(name, value);
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
    // Under a Content-Security-Policy header the browser empties a `nonce` attribute when its
    // element is put in the page ("nonce hiding"): it is set once the element is there.
    const { nonce, ...rest } = m.attributes;
    apply(rest);
    element.setAttribute('post-message-origin', parentOrigin);
    for (const name of EVENTS) {
      element.addEventListener(name, (e) => post({ type: 'consent-terms:event', name, detail: e.detail }));
    }
    status.replaceWith(element);
    if (nonce !== undefined) apply({ nonce });
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
