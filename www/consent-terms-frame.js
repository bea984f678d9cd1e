// <consent-terms-frame>: isolated mode's host element. The widget runs in an iframe on its
// own origin (`src`, the `frame.html` this crate ships, served from that origin), so a
// script of the host page cannot reach its signing key, its DOM or what the person read.
// This element holds no widget code: it takes the same attributes as <consent-terms>, hands
// them to the frame by postMessage (to the frame's origin only), and dispatches the frame's
// events on itself with the same names and details. Messages are taken only from the frame's
// window and only from the origin of `src`. Without a `lang` of its own (or with an empty one)
// it sends this page's `<html lang>`, again when that changes, as <consent-terms> takes it.
// The two lists are `contract::ATTRIBUTES` (with `challenge`, the nonce's new name) and
// `contract::Event::ALL`; tests/contract.rs checks that they match. Only these are sent; the
// frame checks each value's syntax again and reports what it refuses (`attribute-refused`).
const ATTRIBUTES = ['provider', 'products', 'lang', 'subject', 'nonce', 'challenge', 'require-scroll',
  'require-acknowledgement', 'mode', 'bundle', 'post-message-origin', 'status-url',
  'organization', 'organization-id', 'help-url', 'help-email', 'integrity'];
const EVENTS = ['consent-ready', 'consent-change', 'consent-receipt', 'consent-copy',
  'consent-declined', 'consent-question', 'consent-error'];
// How long the frame has to say it is there before the host is told it is unavailable.
const ANSWER_MS = 15000;
// How long a loaded frame page has to say it is the widget's.
const AFTER_LOAD_MS = 3000;

const WORDS = {
  en: (origin, why) => `The agreements could not be loaded from ${origin} (${why}). Reload the page to try again; the account cannot be created until they are accepted.`,
  zh: (origin, why) => `无法从 ${origin} 加载协议（${why}）。请刷新页面重试；接受协议之前无法创建账号。`,
};

class ConsentTermsFrame extends HTMLElement {
  static get observedAttributes() { return ['src', ...ATTRIBUTES]; }

  // The host server's nonce, as on <consent-terms>: a property reflected to the `challenge`
  // attribute, which React 19 and Vue set, and which a CSP header does not hide.
  get challenge() { return this.getAttribute('challenge'); }
  set challenge(value) {
    if (value === null || value === undefined) this.removeAttribute('challenge');
    else this.setAttribute('challenge', String(value));
  }

  connectedCallback() {
    // A value set as a property before this element was defined is taken through the setter.
    if (Object.prototype.hasOwnProperty.call(this, 'challenge')) {
      const value = this.challenge;
      delete this.challenge;
      this.challenge = value;
    }
    if (this.frame) return;
    const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    this.status = document.createElement('p');
    this.status.setAttribute('role', 'status');
    this.frame = document.createElement('iframe');
    // Set through the CSSOM, which a strict style-src policy allows.
    Object.assign(this.frame.style, { display: 'block', width: '100%', height: '36em', border: '0' });
    this.titled();
    root.append(this.status, this.frame);
    this.onmessage = (event) => this.received(event);
    window.addEventListener('message', this.onmessage);
    this.pageLang = new MutationObserver(() => this.getAttribute('lang') || this.send());
    this.pageLang.observe(document.documentElement, { attributeFilter: ['lang'] });
    this.load();
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onmessage);
    this.pageLang.disconnect();
    clearTimeout(this.timer);
    this.frame?.remove();
    this.status?.remove();
    this.frame = null;
  }

  attributeChangedCallback(name) {
    if (!this.frame) return;
    if (name === 'src') this.load(); else this.send();
  }

  // The frame's URL carries this page's origin; the frame checks it against the origin the
  // browser reports for every message it receives, and signs receipts for it.
  load() {
    let url;
    try {
      url = new URL(this.getAttribute('src') || '', document.baseURI);
    } catch {
      url = null;
    }
    this.answered = false;
    clearTimeout(this.timer);
    if (!url || !/^https?:$/.test(url.protocol)) {
      this.origin = null;
      this.fail(this.getAttribute('src') || '(no src)', 'the src attribute is not an http(s) URL');
      return;
    }
    this.origin = url.origin;
    url.searchParams.set('origin', window.location.origin);
    this.status.textContent = '';
    this.status.hidden = true;
    this.frame.hidden = false;
    this.frame.src = url.href;
    this.timer = setTimeout(() => {
      if (!this.answered) this.fail(this.origin, `no answer within ${ANSWER_MS / 1000} s`);
    }, ANSWER_MS);
    // A page that loaded and said nothing (an error page, another site) is not the widget.
    this.frame.onload = () => setTimeout(() => {
      if (!this.answered && this.frame) this.fail(this.origin, `${url.pathname} loaded but is not the consent-terms frame`);
    }, AFTER_LOAD_MS);
  }

  received(event) {
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== this.origin) return;
    const m = event.data;
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
    if (m.type === 'consent-terms:frame-ready') {
      this.answered = true;
      clearTimeout(this.timer);
      this.send();
    } else if (m.type === 'consent-terms:frame-failed') {
      this.answered = true;
      clearTimeout(this.timer);
      this.fail(this.origin, String(m.reason || 'the widget did not start'));
    } else if (m.type === 'consent-terms:size' && Number.isFinite(m.height) && m.height > 0) {
      this.frame.style.height = `${Math.ceil(m.height)}px`;
    } else if (m.type === 'consent-terms:event' && EVENTS.includes(m.name)) {
      this.dispatchEvent(new CustomEvent(m.name, { detail: m.detail, bubbles: true, composed: true }));
    }
  }

  // The widget's language: its own `lang`, else this page's (the frame checks it as any `lang`).
  language() {
    return this.getAttribute('lang') || document.documentElement.lang.trim() || null;
  }

  titled() {
    this.frame.title = this.language()?.startsWith('zh') ? '服务协议' : 'Terms of service';
  }

  // Every attribute, with null for those not set, so a removed one is removed in the frame.
  send() {
    if (this.frame) this.titled();
    if (!this.answered || !this.frame?.contentWindow) return;
    const attributes = {};
    for (const name of ATTRIBUTES) attributes[name] = this.getAttribute(name);
    attributes.lang = this.language();
    this.frame.contentWindow.postMessage({ type: 'consent-terms:attributes', attributes }, this.origin);
  }

  fail(origin, why) {
    const words = this.language()?.startsWith('zh') ? WORDS.zh : WORDS.en;
    const message = words(origin, why);
    this.status.textContent = message;
    this.status.hidden = false;
    if (this.frame) this.frame.hidden = true;
    this.dispatchEvent(new CustomEvent('consent-error', {
      detail: { code: 'frame-unavailable', message }, bubbles: true, composed: true,
    }));
  }
}

if (!customElements.get('consent-terms-frame')) customElements.define('consent-terms-frame', ConsentTermsFrame);
