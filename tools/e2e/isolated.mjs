// Isolated mode across two origins (two ports of one server are two origins): the host page
// holds only <consent-terms-frame>; the widget, its key and what the person read live in the
// frame's origin. The person accepts by real key presses (WebDriver); the receipt reaches the
// host as a consent-receipt event naming the host's origin, and verifies. A script of the host
// page cannot read the frame's DOM, storage or key, and a page of a third origin that frames
// the widget claiming to be the host gets nothing shown.
// usage: node tools/e2e/isolated.mjs DIST chromium|firefox DRIVER BROWSER OUT_DIR CLI
import { mkdirSync, writeFileSync } from 'node:fs';
import { serve } from './serve.mjs';
import { Driver, acceptByKeyboard, inWidget, run, sleep, waitFor } from './webdriver.mjs';

const [dist, kind, driverPath, browserPath, out, cli] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   [${kind}] ${what}`); } else { failed++; console.log(`FAIL [${kind}] ${what}`); }
};

const hostServer = await serve(dist);
const termsServer = await serve(dist);
const thirdServer = await serve(dist);
const host = hostServer.url.replace(/\/$/, '');
const terms = termsServer.url.replace(/\/$/, '');
const IFRAME = `return document.querySelector('consent-terms-frame').shadowRoot.querySelector('iframe');`;
let d;
try {
  d = await Driver.start(kind, driverPath, browserPath);
  await d.go(`${host}/isolated.html?frame=${encodeURIComponent(`${terms}/frame.html`)}&subject=iso&nonce=n-iso`);
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
  const hostDatabases = await d.exec(`return indexedDB.databases ? indexedDB.databases().then((l) => l.map((x) => x.name)) : [];`);

  await d.frame(IFRAME);
  await waitFor(d, inWidget('[role=tab]'), 'the widget inside the frame');
  const frameOrigin = await d.exec('return location.origin;');
  check(frameOrigin === terms, `the widget runs on the terms origin (${frameOrigin})`);
  await acceptByKeyboard(d, ['kingsoft-general', 'kingsoft-cdn'], { collect: false });
  await sleep(300);
  const frameDatabases = await d.exec(`return indexedDB.databases ? indexedDB.databases().then((l) => l.map((x) => x.name)) : [];`);
  await d.top();
  await waitFor(d, 'return window.consentReceipts.length > 0', 'a consent-receipt on the host page');
  await sleep(500);
  const receipts = await d.exec('return window.consentReceipts;');
  check(receipts.length === 1, `accepted by key presses in the frame: exactly one consent-receipt on the host page (${receipts.length})`);
  const r = receipts[0];
  check(r.record.audience === host && r.record.nonce === 'n-iso' && r.record.subject === 'iso',
    `the receipt is for the host's origin, nonce and subject (${r.record.audience})`);
  check(frameDatabases.includes('consent-terms') && !hostDatabases.includes('consent-terms'),
    `the signing key's database is in the frame's origin only (frame: ${JSON.stringify(frameDatabases)}, host: ${JSON.stringify(hostDatabases)})`);
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
  await d.frame(`return document.getElementById('claim');`);
  const shown = await d.exec(`return { widget: !!document.querySelector('consent-terms'), text: document.body.innerText };`);
  await d.top();
  check(!shown.widget, `a third origin claiming to be the host gets no widget (${JSON.stringify(shown.text.slice(0, 80))})`);

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
}
console.log(`isolated mode [${kind}]: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
