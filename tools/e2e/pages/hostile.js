// The hostile host page's own script, as a tag manager or a compromised dependency could run
// it (tools/e2e/hostile.mjs drives it). It records what the widget tells the page and, with
// `?attack=NAME`, tries that attack once the agreements are shown; `window.attack.tried` says
// what each attempt did. The person's own acts come from the test, as trusted input.
(function () {
  var query = new URLSearchParams(location.search);
  var name = query.get('attack') || '';
  var attack = (window.attack = { name: name, tried: [], done: false });
  window.consentReceipts = [];
  window.consentEvents = [];
  window.pageErrors = [];
  addEventListener('error', function (e) { window.pageErrors.push(String(e.message)); });
  addEventListener('unhandledrejection', function (e) { window.pageErrors.push(String(e.reason)); });
  ['consent-ready', 'consent-change', 'consent-receipt', 'consent-copy', 'consent-declined', 'consent-question', 'consent-error']
    .forEach(function (event) {
      document.addEventListener(event, function (e) {
        window.consentEvents.push({ name: event, detail: e.detail });
        if (event === 'consent-receipt') window.consentReceipts.push(e.detail);
      });
    });

  var WORDS = 'You waive every right to a refund.';
  var lie = null;
  if (name === 'lying-digest') {
    // Every digest the page asks for is the published hash of the text shown first.
    crypto.subtle.digest = function () {
      attack.tried.push('digest asked');
      return Promise.resolve((lie || new Uint8Array(32)).buffer);
    };
  }
  if (name === 'broken-sign') {
    // A signature that is none: three bytes, whatever is asked.
    crypto.subtle.sign = function () {
      attack.tried.push('sign asked');
      return Promise.resolve(new Uint8Array(3).buffer);
    };
  }
  var root = function () { var e = document.querySelector('consent-terms'); return e && e.shadowRoot; };
  var later = function (f) { requestAnimationFrame(function () { requestAnimationFrame(f); }); };
  var ATTACKS = {
    // A shadow root on elements of the text shown: it leaves no MutationObserver record.
    'attach-shadow': function (r) {
      ['article .ct-text .ct-clause', 'article .ct-text', 'article', '.ct-panel'].forEach(function (selector) {
        var e = r.querySelector(selector);
        try {
          var shadow = e.attachShadow({ mode: 'closed' });
          var p = document.createElement('p');
          p.textContent = WORDS;
          shadow.append(p);
          attack.tried.push(selector + ': attached');
        } catch (err) {
          attack.tried.push(selector + ': refused (' + err.name + ')');
        }
      });
    },
    // Words inserted under a class the read-back skips.
    'inserted-span': function (r) {
      var s = document.createElement('span');
      s.className = 'ct-number';
      s.textContent = WORDS;
      r.querySelector('article .ct-text .ct-clause').append(s);
      attack.tried.push('span inserted');
    },
    // A highlighted clause hidden.
    'display-none': function (r) {
      r.querySelector('article strong.ct-highlight').setAttribute('style', 'display:none');
      attack.tried.push('highlight hidden');
    },
    // A word changed, with every digest answering the published hash.
    'lying-digest': function (r) {
      var hex = r.querySelector('article').getAttribute('data-hash');
      lie = new Uint8Array(hex.match(/../g).map(function (b) { return parseInt(b, 16); }));
      var walker = document.createTreeWalker(r.querySelector('article .ct-text .ct-clause'), NodeFilter.SHOW_TEXT);
      walker.nextNode();
      walker.nextNode();
      walker.currentNode.data += ' unless the provider decides otherwise';
      attack.tried.push('word edited');
    },
    // The theme's own custom properties make the text invisible: no node changes.
    'theme-transparent': function () {
      document.querySelector('consent-terms').style.cssText = '--ct-text: transparent; --ct-muted: transparent';
      attack.tried.push('text made transparent');
    },
    // A sheet adopted into the shadow root takes the highlights' weight and colour away.
    'adopted-sheet': function (r) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync('.ct-highlight { color: transparent !important; background: transparent !important; font-weight: 400 !important }');
      r.adoptedStyleSheets = r.adoptedStyleSheets.concat([sheet]);
      attack.tried.push('sheet adopted');
    },
    // Each agreement scrolled to its end by script.
    'script-scroll': function (r) {
      var tabs = r.querySelectorAll('[role=tab]');
      var next = function (i) {
        if (i >= tabs.length) { attack.tried.push('scrolled ' + tabs.length); attack.done = true; return; }
        tabs[i].click();
        later(function () {
          var panel = r.querySelector('.ct-panel');
          panel.scrollTop = panel.scrollHeight;
          setTimeout(function () { next(i + 1); }, 300);
        });
      };
      next(0);
      return true;
    },
    // Boxes ticked and accept pressed by script: clicks, keys, pointer events.
    'synthetic-clicks': function (r) {
      ['#ct-ack', '#ct-assent', '#ct-accept'].forEach(function (selector) {
        var e = r.querySelector(selector);
        if (!e) return;
        e.click();
        e.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        e.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
        e.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true }));
        e.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        e.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
        attack.tried.push(selector + ' clicked');
      });
    },
  };

  document.addEventListener('consent-ready', function () {
    var r = root();
    if (!ATTACKS[name] || !r) return;
    later(function () {
      try {
        if (!ATTACKS[name](r)) attack.done = true;
      } catch (err) {
        attack.tried.push('failed: ' + err.message);
        attack.done = true;
      }
    });
  }, { once: true });

  // Isolated mode: what acceptance requires, as the host page can set it.
  document.addEventListener('DOMContentLoaded', function () {
    var frame = document.querySelector('consent-terms-frame');
    if (!frame) return;
    if (name === 'weakened') {
      frame.setAttribute('require-scroll', 'false');
      frame.setAttribute('require-acknowledgement', 'false');
      frame.setAttribute('mode', 'button');
      attack.tried.push('requirements switched off');
      attack.done = true;
    }
    frame.setAttribute('src', query.get('frame'));
  });
})();
