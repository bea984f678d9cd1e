// Isolated mode across two origins (two ports of one server are two origins): the host page
// holds only <consent-terms-frame>; the widget, its key and what the person read live in the
// frame's origin. The person accepts by real key presses (WebDriver); the receipt reaches the
// host as a consent-receipt event naming the host's origin, and verifies. A script of the host
// page cannot read the frame's DOM, storage or key, and a page of a third origin that frames
// the widget claiming to be the host gets nothing shown. What a host script sends the frame is
// data, never code on the terms origin: every event handler attribute of the HTML standard and
// a `style` starting a transition are refused and reported, and none runs. The terms origin
// serves frame.html with `frame-ancestors` naming the host, so a third origin framing
// `frame.html?origin=<itself>` is refused by the browser.
// usage: node tools/e2e/isolated.mjs DIST chromium|firefox|webkit DRIVER BROWSER OUT_DIR CLI
import { mkdirSync, writeFileSync } from 'node:fs';
import { frameHeaders, serve } from './serve.mjs';
import { injectFrameAttributes } from './attacks.mjs';
import { Driver, acceptByKeyboard, inWidget, run, sleep, waitFor } from './webdriver.mjs';

const [dist, kind, driverPath, browserPath, out, cli] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   [${kind}] ${what}`); } else { failed++; console.log(`FAIL [${kind}] ${what}`); }
};

// A host page in Chinese whose element names no `lang`: the widget speaks the page's language.
let termsForPage = '';
const chinesePage = () => `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>创建账号</title><script type="module" src="/consent-terms-frame.js"></script></head>
<body>
  <consent-terms-frame src="${termsForPage}/frame.html" provider="kingsoft" products="cdn" challenge="n-iso-zh"></consent-terms-frame>
  <script>
    window.consentEvents = [];
    for (const name of ['consent-ready', 'consent-change', 'consent-error']) {
      document.querySelector('consent-terms-frame').addEventListener(name, (e) => window.consentEvents.push({ name, detail: e.detail }));
    }
  </script>
</body>
</html>`;
const hostServer = await serve(dist, () => ({}), (req, res) => {
  if (new URL(req.url, 'http://x').pathname !== '/zh-CN.html') return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(chinesePage());
  return true;
});
const host = hostServer.url.replace(/\/$/, '');
// The terms origin's operator names the sign-up pages that may frame it.
const termsServer = await serve(dist, frameHeaders(() => [host]));
const thirdServer = await serve(dist);
// A terms origin that sends no frame-ancestors: the frame's own check of its parent.
const openServer = await serve(dist);
const terms = termsServer.url.replace(/\/$/, '');
termsForPage = terms;
const third = thirdServer.url.replace(/\/$/, '');
// What this origin's IndexedDB holds of the widget's signing key: 'no database', 'no key' or
// 'key'. Opened by name, not listed: WebKit lists no database to a frame of another site
// (indexedDB.databases() is empty there) though it keeps them. A database that did not exist is
// not left created.
const SIGNING_KEY = `return new Promise((ok) => {
  const r = indexedDB.open('consent-terms');
  r.onupgradeneeded = () => { r.transaction.abort(); ok('no database'); };
  r.onerror = () => ok(r.error && r.error.name === 'AbortError' ? 'no database' : 'error ' + r.error);
  r.onsuccess = () => {
    const db = r.result;
    const get = db.transaction('keys', 'readonly').objectStore('keys').get('receipt-signing-key-v1');
    get.onsuccess = () => { db.close(); ok(get.result && get.result.privateKey ? 'key' : 'no key'); };
    get.onerror = () => { db.close(); ok('error ' + get.error); };
  };
});`;
const IFRAME = `return document.querySelector('consent-terms-frame').shadowRoot.querySelector('iframe');`;
let d;
try {
  d = await Driver.start(kind, driverPath, browserPath);
  await d.go(`${host}/isolated.html?frame=${encodeURIComponent(`${terms}/frame.html`)}&subject=iso&challenge=n-iso`);
  await waitFor(d, `return window.consentEvents.some((e) => e.name === 'consent-ready');`, 'consent-ready from the frame');
  check(true, `the host page (${host}) received consent-ready from the frame (${terms})`);
  check(await d.exec(`return !customElements.get('consent-terms') && !document.querySelector('script[src*="consent-terms-widget"]');`),
    'the host page loads no widget code: only the host element');

  // What a script of the host page can reach.
  const reach = await d.exec(`
    const frame = document.querySelector('consent-terms-frame').shadowRoot.querySelector('iframe');
    const out = { contentDocument: frame.contentDocument === null };
    try { frame.contentWindow.document.body; out.document = 'readable'; } catch (e) { out.document = e.name; }
    try { frame.contentWindow.localStorage; out.storage = 'readable'; } catch (e) { out.storage = e.name; }
    return out;`);
  check(reach.contentDocument && reach.document === 'SecurityError' && reach.storage === 'SecurityError',
    `a host script cannot read the frame's DOM or storage (${JSON.stringify(reach)})`);
  const hostKey = await d.exec(SIGNING_KEY);

  await d.frame(IFRAME);
  await waitFor(d, inWidget('[role=tab]'), 'the widget inside the frame');
  const frameOrigin = await d.exec('return location.origin;');
  check(frameOrigin === terms, `the widget runs on the terms origin (${frameOrigin})`);
  await acceptByKeyboard(d, ['kingsoft-general', 'kingsoft-cdn'], { collect: false });
  await sleep(300);
  const frameKey = await d.exec(SIGNING_KEY);
  await d.top();
  await waitFor(d, 'return window.consentReceipts.length > 0', 'a consent-receipt on the host page');
  await sleep(500);
  const receipts = await d.exec('return window.consentReceipts;');
  check(receipts.length === 1, `accepted by key presses in the frame: exactly one consent-receipt on the host page (${receipts.length})`);
  const r = receipts[0];
  check(r.record.audience === host && r.record.nonce === 'n-iso' && r.record.subject === 'iso',
    `the receipt is for the host's origin, nonce and subject (${r.record.audience})`);
  check(frameKey === 'key' && hostKey === 'no database',
    `the signing key is kept in the frame's origin only (frame: ${frameKey}, host: ${hostKey})`);
  const copies = await d.exec(`return window.consentEvents.filter((e) => e.name === 'consent-copy').length;`);
  check(copies === 1, 'the consent-copy event crossed too');
  const file = `${out}/receipt-isolated-${kind}.jws`;
  writeFileSync(file, r.jws);
  const verified = run(cli, ['verify', file, '--agreements', 'agreements', '--nonce', 'n-iso', '--audience', host, '--max-age', '600', '--provider', 'kingsoft', '--products', 'cdn']);
  check(verified.code === 0, `the native verifier accepts it for the host's origin${verified.code ? ': ' + verified.output : ''}`);
  const wrong = run(cli, ['verify', file, '--agreements', 'agreements', '--nonce', 'n-iso', '--audience', terms, '--max-age', '600']);
  check(wrong.code === 20, `and refuses it for the frame's own origin (exit ${wrong.code}, audience mismatch)`);

  // A page of a third origin frames the widget and claims to be the host: the frame takes
  // attributes only from the origin the browser reports, so nothing is shown or signed there.
  await d.go(`${thirdServer.url}help.html`);
  await d.exec(`
    const f = document.createElement('iframe');
    f.id = 'claim';
    f.src = ${JSON.stringify(`${terms}/frame.html?origin=${encodeURIComponent(host)}`)};
    f.onload = () => { for (let i = 0; i < 5; i++) setTimeout(() => f.contentWindow.postMessage({ type: 'consent-terms:attributes', attributes: { provider: 'kingsoft', products: 'cdn', nonce: 'stolen' } }, ${JSON.stringify(terms)}), i * 300); };
    document.body.append(f);`);
  await sleep(3000);
  let shown;
  try {
    // The browser refuses it (frame-ancestors): an error page, which a driver may not enter.
    await d.frame(`return document.getElementById('claim');`);
    shown = await d.exec(`return { widget: !!document.querySelector('consent-terms'), text: (document.body && document.body.innerText) || '' };`);
  } catch (e) {
    shown = { widget: false, text: `not reachable: ${e.message}` };
  }
  await d.top();
  check(!shown.widget, `a third origin claiming to be the host gets no widget (${JSON.stringify(shown.text.slice(0, 80))})`);

  // A third origin framing the widget under its own name: the terms origin's frame-ancestors
  // names only the host, so the browser does not load it, and it says and signs nothing.
  await d.go(`${third}/help.html`);
  await d.exec(`
    window.fromFrame = [];
    addEventListener('message', (e) => window.fromFrame.push(e.data && e.data.type));
    const f = document.createElement('iframe');
    f.id = 'own';
    f.src = ${JSON.stringify(`${terms}/frame.html?origin=${encodeURIComponent(third)}`)};
    f.onload = () => { for (let i = 0; i < 5; i++) setTimeout(() => f.contentWindow.postMessage({ type: 'consent-terms:attributes', attributes: { provider: 'kingsoft', products: 'cdn', nonce: 'stolen' } }, '*'), i * 300); };
    document.body.append(f);`);
  await sleep(3000);
  const heard = await d.exec('return window.fromFrame;');
  let inside;
  try {
    await d.frame(`return document.getElementById('own');`);
    inside = await d.exec(`return { widget: !!document.querySelector('consent-terms'), text: (document.body && document.body.innerText || '').slice(0, 60) };`);
  } catch (e) {
    inside = { widget: false, text: `not reachable: ${e.message.slice(0, 60)}` };
  }
  await d.top();
  check(heard.length === 0 && !inside.widget,
    `a third origin framing frame.html?origin=<itself> is refused by frame-ancestors: no message, no widget (${JSON.stringify(heard)}, ${JSON.stringify(inside.text)})`);

  // Without frame-ancestors, where the browser names the frame's parent, the frame itself
  // refuses a parent that is not the origin its URL claims.
  await d.go(`${third}/help.html`);
  await d.exec(`
    const f = document.createElement('iframe');
    f.id = 'claim2';
    f.src = ${JSON.stringify(`${openServer.url}frame.html?origin=${encodeURIComponent(host)}`)};
    document.body.append(f);`);
  await sleep(1500);
  await d.frame(`return document.getElementById('claim2');`);
  const told = await d.exec(`return { ancestors: !!location.ancestorOrigins, widget: !!document.querySelector('consent-terms'), text: document.body.innerText };`);
  await d.top();
  if (told.ancestors) {
    check(!told.widget && /shows nothing and signs nothing/.test(told.text),
      `a parent other than ?origin, named by location.ancestorOrigins, is shown nothing (${JSON.stringify(told.text.slice(0, 90))})`);
  } else {
    console.log(`note [${kind}] this browser has no location.ancestorOrigins: the frame-ancestors header alone refuses other parents`);
  }

  // Every event handler attribute and a transition's style, posted by a host script to the
  // frame: refused one by one, reported, and no code runs on the terms origin.
  await d.go(`${host}/isolated.html?frame=${encodeURIComponent(`${terms}/frame.html`)}&subject=iso-attributes&challenge=n-iso-2`);
  await waitFor(d, `return window.consentEvents.some((e) => e.name === 'consent-ready');`, 'consent-ready from the frame');
  const injected = await injectFrameAttributes(d, terms, IFRAME);
  const refused = new Set(injected.heard.refused);
  const missing = injected.names.filter((n) => !refused.has(n));
  check(missing.length === 0, `each of the ${injected.names.length} attributes (every on… handler, style, javascript: URLs) is refused and reported as attribute-refused${missing.length ? `; not reported: ${missing.join(' ')}` : ''}`);
  const applied = (injected.inFrame.attributes || []).filter((n) => /^on|^style$/.test(n));
  check(injected.inFrame.attributes && applied.length === 0, `none is set on the widget in the frame (${JSON.stringify(injected.inFrame.attributes)})`);
  check(injected.heard.pwned.length === 0 && !injected.inFrame.pwned,
    `no code of the host's ran in the frame after clicks and key presses there (${JSON.stringify(injected.heard.pwned.slice(0, 5))})`);

  // A host page in Chinese (`<html lang="zh-CN">`) whose element has no `lang`: the widget in the
  // frame is Chinese, as <consent-terms> is on such a page, and follows the page's language.
  await d.go(`${host}/zh-CN.html`);
  await waitFor(d, `return window.consentEvents.some((e) => e.name === 'consent-ready');`, 'consent-ready from the frame');
  const READIES = `return window.consentEvents.filter((e) => e.name === 'consent-ready').map((e) => e.detail.lang);`;
  const zhReady = await d.exec(READIES);
  const zhTitle = await d.exec(`return document.querySelector('consent-terms-frame').shadowRoot.querySelector('iframe').title;`);
  await d.frame(IFRAME);
  await waitFor(d, inWidget('#ct-decline'), 'the widget inside the frame');
  const decline = await d.exec(`return document.querySelector('consent-terms').shadowRoot.querySelector('#ct-decline').textContent;`);
  await d.top();
  check(zhReady.length === 1 && zhReady[0] === 'zh-CN' && decline === '不同意' && zhTitle === '服务协议',
    `a host page with <html lang="zh-CN"> and no lang attribute: consent-ready says ${JSON.stringify(zhReady)}, the frame's widget says ${JSON.stringify(decline)}, the frame is titled ${JSON.stringify(zhTitle)}`);
  await d.exec(`document.documentElement.lang = 'en';`);
  await waitFor(d, `return window.consentEvents.filter((e) => e.name === 'consent-ready').length > 1;`, 'consent-ready after the page changed its language');
  const enReady = await d.exec(READIES);
  check(enReady[1] === 'en', `the page's <html lang> changed to en: the widget follows (${JSON.stringify(enReady)})`);
  await d.exec(`document.querySelector('consent-terms-frame').setAttribute('lang', 'en'); document.documentElement.lang = 'zh-CN';`);
  await sleep(1500);
  const ownReady = await d.exec(READIES);
  const errors = await d.exec(`return window.consentEvents.filter((e) => e.name === 'consent-error').map((e) => e.detail.code);`);
  check(ownReady.length === 2 && errors.length === 0,
    `with a lang of its own, the page's <html lang> changing back to zh-CN changes nothing (${JSON.stringify(ownReady)}; errors ${JSON.stringify(errors)})`);

  // A flag takes the values the element reads (the types allow them): `no` turns the requirement
  // off inside the frame, `YES` back on; a value that is no flag is refused and reported.
  await d.go(`${host}/isolated.html?frame=${encodeURIComponent(`${terms}/frame.html`)}&subject=iso-flags&challenge=n-iso-3`);
  await waitFor(d, `return window.consentEvents.some((e) => e.name === 'consent-change');`, 'consent-change from the frame');
  const readsToEnd = (missing) => Array.isArray(missing) && missing.some((m) => m.startsWith('read-to-end:'));
  const LAST_CHANGE = `const changes = window.consentEvents.filter((e) => e.name === 'consent-change');
    return changes[changes.length - 1].detail.missing;`;
  const before = await d.exec(LAST_CHANGE);
  const flagged = async (value) => {
    const from = await d.exec('return window.consentEvents.length;');
    await d.exec(`document.querySelector('consent-terms-frame').setAttribute('require-scroll', arguments[0]);`, [value]);
    // A new flow's consent-change, or the refusal; then whatever follows it.
    await waitFor(d, `return window.consentEvents.slice(${from}).some((e) => e.name === 'consent-change' || e.name === 'consent-error');`,
      `an answer to require-scroll="${value}"`);
    await sleep(500);
    return d.exec(`const later = window.consentEvents.slice(arguments[0]);
      const changes = later.filter((e) => e.name === 'consent-change');
      return { missing: changes.length ? changes[changes.length - 1].detail.missing : null,
        refused: later.filter((e) => e.name === 'consent-error' && e.detail.code === 'attribute-refused').map((e) => e.detail.message) };`, [from]);
  };
  const off = await flagged('no');
  check(readsToEnd(before) && off.missing && !readsToEnd(off.missing) && off.refused.length === 0,
    `require-scroll="no" on the host element turns reading to the end off in the frame (missing ${JSON.stringify(before)} -> ${JSON.stringify(off.missing)}; refused ${JSON.stringify(off.refused)})`);
  const on = await flagged('YES');
  check(readsToEnd(on.missing) && on.refused.length === 0,
    `require-scroll="YES" turns it on again (missing ${JSON.stringify(on.missing)}; refused ${JSON.stringify(on.refused)})`);
  const bad = await flagged('maybe');
  check(bad.refused.length === 1 && /"require-scroll"/.test(bad.refused[0]) && bad.missing === null,
    `require-scroll="maybe" is refused and reported, the widget unchanged (${JSON.stringify(bad.refused)})`);

  // A frame that never answers: the host element says so, and the host hears frame-unavailable.
  await d.go(`${host}/isolated.html?frame=${encodeURIComponent(`${thirdServer.url}help.html`)}&lang=en`);
  await waitFor(d, `return window.consentEvents.some((e) => e.name === 'consent-error');`, 'frame-unavailable', 20000);
  const error = await d.exec(`return [window.consentEvents.find((e) => e.name === 'consent-error').detail, document.querySelector('consent-terms-frame').shadowRoot.querySelector('[role=status]').textContent];`);
  check(error[0].code === 'frame-unavailable' && error[1] === error[0].message && /could not be loaded from/.test(error[1]),
    `a frame that is not the widget: frame-unavailable, shown in its place (${error[1].slice(0, 90)}…)`);
} catch (e) {
  check(false, `run: ${e.message}`);
} finally {
  if (d) await d.quit();
  hostServer.close();
  termsServer.close();
  thirdServer.close();
  openServer.close();
}
console.log(`isolated mode [${kind}]: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
