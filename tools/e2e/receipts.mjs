// Real acceptance in a real browser, by keyboard, through W3C WebDriver (chromedriver,
// geckodriver or WebKitWebDriver, so the events are trusted), then the receipt checked three independent ways:
// the crate's native verifier, Node's `jose`, Python's PyJWT. Also: a double Enter gives one
// receipt, a reload does not ask again, and the signing key survives the reload.
// usage: node tools/e2e/receipts.mjs DIST chromium|firefox|webkit DRIVER BROWSER OUT_DIR CLI PYTHON
import { mkdirSync, writeFileSync } from 'node:fs';
import { serve } from './serve.mjs';
import { Driver, LIVE, acceptByKeyboard as accept, inWidget, run, sleep, waitFor } from './webdriver.mjs';

const [dist, kind, driverPath, browserPath, out, cli, python] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   [${kind}] ${what}`); } else { failed++; console.log(`FAIL [${kind}] ${what}`); }
};
// Reads both agreements to the end, ticks both boxes and accepts, by keyboard alone.
const acceptByKeyboard = (d) => accept(d, ['kingsoft-general', 'kingsoft-cdn']);

const server = await serve(dist);
const origin = server.url.replace(/\/$/, '');
let d;
try {
  d = await Driver.start(kind, driverPath, browserPath);
  await d.go(`${server.url}?ledger=none&subject=alice&nonce=n-alice`);
  await waitFor(d, LIVE, 'the widget');
  // Nothing of the widget escapes it to stretch the page: the document is as tall as its content
  // (or the window), within 4 px. The visually hidden labels once made it about 7,000 px taller.
  const height = await d.exec(`const html = document.documentElement;
    return [html.scrollHeight, Math.max(Math.ceil(html.getBoundingClientRect().height), innerHeight)];`);
  check(height[0] - height[1] <= 4, `the page is as tall as its content with the widget in it (scroll height ${height[0]} px, content ${height[1]} px)`);
  const first = await acceptByKeyboard(d);
  check(first.length === 1, `keyboard acceptance (Enter pressed twice) gives exactly one consent-receipt (${first.length})`);
  const jws = first[0].jws;
  const kid = first[0].keyThumbprint;
  check(first[0].record.nonce === 'n-alice' && first[0].record.audience === origin, 'the record carries the nonce and the page origin');
  check(first[0].record.agreements.every((a) => a.reached_end && a.acknowledged_highlights.length > 0), 'the record says both agreements were read and their highlights acknowledged');
  const file = `${out}/receipt-${kind}.jws`;
  writeFileSync(file, jws);
  const tampered = `${out}/receipt-${kind}-tampered.jws`;
  const [h, p, s] = jws.split('.');
  const flipped = p.slice(0, 40) + (p[40] === 'A' ? 'B' : 'A') + p.slice(41);
  writeFileSync(tampered, `${h}.${flipped}.${s}`);

  const native = run(cli, ['verify', file, '--agreements', 'agreements', '--nonce', 'n-alice', '--audience', origin, '--max-age', '600']);
  check(native.code === 0, `the native verifier accepts the browser's receipt${native.code ? ': ' + native.output : ''}`);
  check(run(cli, ['verify', tampered, '--agreements', 'agreements', '--nonce', 'n-alice', '--audience', origin, '--max-age', '600']).code === 17, 'the native verifier rejects a tampered copy (bad signature, exit 17)');
  const jose = run('node', ['tools/verify-examples/verify.mjs', file, 'n-alice', origin]);
  check(jose.code === 0, `jose (Node) accepts it${jose.code ? ': ' + jose.output : ''}`);
  check(run('node', ['tools/verify-examples/verify.mjs', tampered, 'n-alice', origin]).code !== 0, 'jose rejects the tampered copy');
  const py = run(python, ['tools/verify-examples/verify.py', file, 'n-alice', origin]);
  check(py.code === 0, `PyJWT (Python) accepts it${py.code ? ': ' + py.output : ''}`);
  check(run(python, ['tools/verify-examples/verify.py', tampered, 'n-alice', origin]).code !== 0, 'PyJWT rejects the tampered copy');

  await d.go(`${server.url}?ledger=none&subject=alice&nonce=n-alice-2`);
  await waitFor(d, inWidget('[data-phase=already-accepted]'), 'the already-accepted state');
  check(true, 'after a reload the same person is not asked again');
  await d.go(`${server.url}?ledger=none&subject=bob&nonce=n-bob`);
  await waitFor(d, inWidget('[role=tab]'), 'the widget for another person');
  const second = await acceptByKeyboard(d);
  check(second.length === 1 && second[0].keyThumbprint === kid, `the signing key survives the reload (same kid ${kid})`);

  // Faults: localStorage and IndexedDB throw (private mode, quota), and the element is removed
  // and replaced mid-page. The acceptance must still give exactly one receipt that verifies.
  await d.go(`${server.url}?ledger=none&subject=carol&nonce=n-carol`);
  await waitFor(d, inWidget('[role=tab]'), 'the widget for a third person');
  await d.exec(`for (const name of ['localStorage', 'indexedDB']) {
      Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });
    }`);
  // The widget shown asked for its key from IndexedDB while it could; concurrent asks share one
  // request, so let that one end before the re-added widget asks with storage failing.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await d.exec(`const old = document.querySelector('consent-terms');
    const fresh = old.cloneNode(false);
    old.replaceWith(fresh);`);
  await waitFor(d, inWidget('[role=tab]'), 'the re-added widget');
  const third = await acceptByKeyboard(d);
  // The warnings may come a moment after the receipt (the acceptance is saved after it).
  let errors = '';
  for (let i = 0; i < 50 && !(/storage-unavailable/.test(errors) && /key-not-persisted/.test(errors)); i++) {
    if (i) await new Promise((resolve) => setTimeout(resolve, 100));
    errors = await d.exec(`return Array.from(document.querySelectorAll('#event-log li[data-event=consent-error]'), (li) => li.textContent).join(' ');`);
  }
  check(third.length === 1, 'with storage and IndexedDB failing, the acceptance still gives one receipt');
  check(/storage-unavailable/.test(errors) && /key-not-persisted/.test(errors), 'and the host is warned: storage-unavailable, key-not-persisted');
  check(third[0].keyThumbprint !== kid, 'a key for this page only is used');
  writeFileSync(`${out}/receipt-${kind}-faults.jws`, third[0].jws);
  const faulty = run(cli, ['verify', `${out}/receipt-${kind}-faults.jws`, '--agreements', 'agreements', '--nonce', 'n-carol', '--audience', origin, '--max-age', '600']);
  check(faulty.code === 0, `that receipt verifies${faulty.code ? ': ' + faulty.output : ''}`);
  const uncaught = await d.exec('return window.pageErrors;');
  check(uncaught.length === 0, `and nothing went uncaught on the page: no panic, no unhandled rejection (${JSON.stringify(uncaught)})`);

  // Text changed once shown: a span a page script inserts into a clause, dressed as a clause
  // number (which the read-back once skipped). The person then reads, ticks and presses Enter
  // as before: no receipt is signed, and the host hears rendered-mismatch.
  await d.go(`${server.url}?ledger=none&subject=erin&nonce=n-erin`);
  // The widget's own text, not the prerendered markup the tabs are already in (WebKit starts
  // the widget later than the other engines): it has said it is ready.
  await waitFor(d, `return !!document.querySelector('#event-log li[data-event=consent-ready]');`, 'consent-ready for a fifth person');
  await d.exec(`const clause = document.querySelector('consent-terms').shadowRoot.querySelector('.ct-clause');
    const span = document.createElement('span');
    span.className = 'ct-number';
    span.textContent = 'Kingsoft Cloud is liable without limit. ';
    clause.prepend(span);`);
  await accept(d, ['kingsoft-general', 'kingsoft-cdn'], { collect: false });
  await sleep(1500);
  const altered = await d.exec(`return [window.consentReceipts.length, Array.from(document.querySelectorAll('#event-log li[data-event=consent-error]'), (li) => li.textContent).join(' ')];`);
  check(altered[0] === 0 && /rendered-mismatch/.test(altered[1]),
    `text altered on the page after it was shown: Enter on accept signs nothing, and the host hears rendered-mismatch (${altered[0]} receipts)`);
  check((await d.exec('return window.pageErrors.length;')) === 0, 'and the refusal is no panic: nothing uncaught on the page');

  // For an organisation: accept waits for the authority box, ticked by a key press; the
  // receipt names the organisation, and the native verifier accepts it.
  await d.go(`${server.url}?ledger=none&subject=dave&nonce=n-dave&organization=${encodeURIComponent('Example Holdings Ltd')}&organization-id=91110000`);
  await waitFor(d, inWidget('#ct-authority'), 'the authority box');
  const org = await accept(d, ['kingsoft-general', 'kingsoft-cdn'], { organization: true });
  check(org.length === 1, 'accepted for an organisation by keyboard: accept stayed disabled until the authority box was ticked');
  const o = org[0].record.organization;
  check(o && o.name === 'Example Holdings Ltd' && o.id === '91110000' && o.authority === 'I am authorised to accept these terms on behalf of Example Holdings Ltd.',
    `the receipt names the organisation and the statement's words (${JSON.stringify(o)})`);
  await waitFor(d, 'return window.consentCopies.length > 0', 'a consent-copy event');
  const copies = await d.exec('return window.consentCopies');
  check(copies.length === 1 && copies[0].receiptId === org[0].record.receipt_id && copies[0].html.includes(org[0].jws),
    'consent-copy carries the person\'s copy, which holds the receipt');
  writeFileSync(`${out}/receipt-${kind}-organization.jws`, org[0].jws);
  const orgVerified = run(cli, ['verify', `${out}/receipt-${kind}-organization.jws`, '--agreements', 'agreements', '--nonce', 'n-dave', '--audience', origin, '--max-age', '600']);
  check(orgVerified.code === 0, `that receipt verifies${orgVerified.code ? ': ' + orgVerified.output : ''}`);

  // On 2021-01-15 (the preview page's shifted clock) the later CDN version is announced: its
  // notice lists what changes; accepted ahead by a key press, it is in the receipt with its
  // effective date, and the native verifier accepts the receipt.
  await d.go(`${server.url}?ledger=none&as-of=2021-01-15&subject=erin&nonce=n-erin`);
  await waitFor(d, inWidget('#ct-ahead-kingsoft-cdn'), 'the box to accept the announced version ahead');
  await d.exec(`document.querySelector('consent-terms').shadowRoot.querySelector('[role=tab][data-agreement-id=kingsoft-cdn]').click();`);
  await waitFor(d, inWidget('.ct-announced'), 'the notice of the announced version');
  const notice = await d.exec(`return Array.from(document.querySelector('consent-terms').shadowRoot.querySelectorAll('.ct-announced li'), (li) => li.dataset.change + ' ' + li.querySelector('strong').textContent.trim());`);
  check(notice.join(', ') === 'changed Changed 5.5:, changed Changed 7.6:, added Added 7.7:', `the notice lists the changed clauses (${notice.join(', ')})`);
  await d.exec(`document.querySelector('consent-terms').shadowRoot.querySelector('[role=tab][data-agreement-id=kingsoft-general]').click();`);
  const early = await accept(d, ['kingsoft-general', 'kingsoft-cdn'], { ahead: ['kingsoft-cdn'] });
  const ahead = early.length === 1 && early[0].record.accepted_ahead;
  check(Array.isArray(ahead) && ahead.length === 1 && ahead[0].id === 'kingsoft-cdn' && ahead[0].version === '2021-06-01' && ahead[0].effective === '2021-06-01'
    && early[0].record.agreements.find((a) => a.id === 'kingsoft-cdn').version === '2020-11-26'
    && early[0].record.agreements.every((a) => /^\d{4}-\d{2}-\d{2}$/.test(a.effective)),
    `accepted ahead by keyboard, the receipt lists the announced version with its effective date (${JSON.stringify(ahead)})`);
  writeFileSync(`${out}/receipt-${kind}-ahead.jws`, early[0].jws);
  const aheadVerified = run(cli, ['verify', `${out}/receipt-${kind}-ahead.jws`, '--agreements', 'agreements', '--nonce', 'n-erin', '--audience', origin, '--no-max-age', '--provider', 'kingsoft', '--products', 'cdn', '--versions', 'current']);
  check(aheadVerified.code === 0, `that receipt verifies, with the sign-up's versions of its day${aheadVerified.code ? ': ' + aheadVerified.output : ''}`);
} catch (e) {
  check(false, `run: ${e.message}`);
} finally {
  if (d) await d.quit();
  server.close();
}
console.log(`receipts (${kind}): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
