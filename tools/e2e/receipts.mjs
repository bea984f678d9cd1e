// Real acceptance in a real browser, by keyboard, through W3C WebDriver (chromedriver or
// geckodriver, so the events are trusted), then the receipt checked three independent ways:
// the crate's native verifier, Node's `jose`, Python's PyJWT. Also: a double Enter gives one
// receipt, a reload does not ask again, and the signing key survives the reload.
// usage: node tools/e2e/receipts.mjs DIST chromium|firefox DRIVER BROWSER OUT_DIR CLI PYTHON
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { serve, CHROMIUM_ARGS } from './serve.mjs';

const [dist, kind, driverPath, browserPath, out, cli, python] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   [${kind}] ${what}`); } else { failed++; console.log(`FAIL [${kind}] ${what}`); }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const KEY = { Tab: '\uE004', Shift: '\uE008', End: '\uE010', Space: '\uE00D', Enter: '\uE007', ArrowRight: '\uE014' };

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

class Driver {
  static async start() {
    const port = await freePort();
    const args = kind === 'firefox' ? ['--port', String(port), '--host', '127.0.0.1'] : [`--port=${port}`];
    const proc = spawn(driverPath, args, { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try { if ((await (await fetch(`${base}/status`)).json()).value.ready) break; } catch { /* not up yet */ }
      await sleep(100);
    }
    const caps = kind === 'firefox'
      ? { browserName: 'firefox', 'moz:firefoxOptions': { binary: browserPath, args: ['-headless'] } }
      : { browserName: 'chrome', 'goog:chromeOptions': { binary: browserPath, args: ['--headless=new', ...CHROMIUM_ARGS] } };
    const d = new Driver(base, proc);
    d.session = (await d.cmd('POST', '/session', { capabilities: { alwaysMatch: caps } })).sessionId;
    return d;
  }
  constructor(base, proc) { this.base = base; this.proc = proc; }
  async cmd(method, path, body) {
    const url = this.session && path !== '/session' ? `${this.base}/session/${this.session}${path}` : `${this.base}${path}`;
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const json = await res.json();
    if (json.value && json.value.error) throw new Error(`${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  }
  go(url) { return this.cmd('POST', '/url', { url }); }
  exec(script, args = []) { return this.cmd('POST', '/execute/sync', { script, args }); }
  async press(...keys) {
    const actions = [];
    for (const k of keys) actions.push({ type: 'keyDown', value: k });
    for (const k of [...keys].reverse()) actions.push({ type: 'keyUp', value: k });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }
  async quit() {
    try { await this.cmd('DELETE', ''); } catch { /* already gone */ }
    this.proc.kill();
  }
}

const inWidget = (selector) => `const r = document.querySelector('consent-terms'); return !!(r && r.shadowRoot && r.shadowRoot.querySelector(${JSON.stringify(selector)}));`;
const FOCUSED = `const a = document.activeElement; return a && a.shadowRoot && a.shadowRoot.activeElement ? a.shadowRoot.activeElement.id : (a && a.id);`;

async function waitFor(d, script, what, ms = 15000) {
  for (let t = 0; t < ms; t += 100) {
    if (await d.exec(script)) return true;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function tabTo(d, id, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if ((await d.exec(FOCUSED)) === id) return true;
    await d.press(KEY.Tab);
  }
  return false;
}

// Reads both agreements to the end, ticks both boxes and accepts, by keyboard alone.
async function acceptByKeyboard(d) {
  if (!(await tabTo(d, 'ct-tab-kingsoft-general'))) throw new Error('Tab never reached the first agreement tab');
  await d.press(KEY.Tab);
  await d.press(KEY.End);
  await waitFor(d, inWidget('[data-agreement-id=kingsoft-general][data-read=true]'), 'the general agreement read');
  await d.press(KEY.Shift, KEY.Tab);
  await d.press(KEY.ArrowRight);
  await d.press(KEY.Tab);
  await d.press(KEY.End);
  await waitFor(d, inWidget('[data-agreement-id=kingsoft-cdn][data-read=true]'), 'the CDN agreement read');
  if (!(await tabTo(d, 'ct-ack'))) throw new Error('Tab never reached the acknowledgement box');
  await d.press(KEY.Space);
  await d.press(KEY.Tab);
  await d.press(KEY.Space);
  await d.press(KEY.Tab);
  if ((await d.exec(FOCUSED)) !== 'ct-accept') throw new Error('accept button not focused');
  // Twice, as an impatient person would: one acceptance, one receipt.
  await d.press(KEY.Enter);
  await d.press(KEY.Enter);
  await waitFor(d, 'return window.consentReceipts.length > 0', 'a consent-receipt event');
  await sleep(500);
  return d.exec('return window.consentReceipts');
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

const server = await serve(dist);
const origin = server.url.replace(/\/$/, '');
let d;
try {
  d = await Driver.start();
  await d.go(`${server.url}?subject=alice&nonce=n-alice`);
  await waitFor(d, inWidget('[role=tab]'), 'the widget');
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
  check(run(cli, ['verify', tampered, '--agreements', 'agreements']).code === 17, 'the native verifier rejects a tampered copy (bad signature, exit 17)');
  const jose = run('node', ['tools/verify-examples/verify.mjs', file, 'n-alice', origin]);
  check(jose.code === 0, `jose (Node) accepts it${jose.code ? ': ' + jose.output : ''}`);
  check(run('node', ['tools/verify-examples/verify.mjs', tampered, 'n-alice', origin]).code !== 0, 'jose rejects the tampered copy');
  const py = run(python, ['tools/verify-examples/verify.py', file, 'n-alice', origin]);
  check(py.code === 0, `PyJWT (Python) accepts it${py.code ? ': ' + py.output : ''}`);
  check(run(python, ['tools/verify-examples/verify.py', tampered, 'n-alice', origin]).code !== 0, 'PyJWT rejects the tampered copy');

  await d.go(`${server.url}?subject=alice&nonce=n-alice-2`);
  await waitFor(d, inWidget('[data-phase=already-accepted]'), 'the already-accepted state');
  check(true, 'after a reload the same person is not asked again');
  await d.go(`${server.url}?subject=bob&nonce=n-bob`);
  await waitFor(d, inWidget('[role=tab]'), 'the widget for another person');
  const second = await acceptByKeyboard(d);
  check(second.length === 1 && second[0].keyThumbprint === kid, `the signing key survives the reload (same kid ${kid})`);

  // Faults: localStorage and IndexedDB throw (private mode, quota), and the element is removed
  // and replaced mid-page. The acceptance must still give exactly one receipt that verifies.
  await d.go(`${server.url}?subject=carol&nonce=n-carol`);
  await waitFor(d, inWidget('[role=tab]'), 'the widget for a third person');
  await d.exec(`for (const name of ['localStorage', 'indexedDB']) {
      Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });
    }
    const old = document.querySelector('consent-terms');
    const fresh = old.cloneNode(false);
    old.replaceWith(fresh);`);
  await waitFor(d, inWidget('[role=tab]'), 'the re-added widget');
  const third = await acceptByKeyboard(d);
  const errors = await d.exec(`return Array.from(document.querySelectorAll('#event-log li[data-event=consent-error]'), (li) => li.textContent).join(' ');`);
  check(third.length === 1, 'with storage and IndexedDB failing, the acceptance still gives one receipt');
  check(/storage-unavailable/.test(errors) && /key-not-persisted/.test(errors), 'and the host is warned: storage-unavailable, key-not-persisted');
  check(third[0].keyThumbprint !== kid, 'a key for this page only is used');
  writeFileSync(`${out}/receipt-${kind}-faults.jws`, third[0].jws);
  const faulty = run(cli, ['verify', `${out}/receipt-${kind}-faults.jws`, '--agreements', 'agreements', '--nonce', 'n-carol', '--audience', origin]);
  check(faulty.code === 0, `that receipt verifies${faulty.code ? ': ' + faulty.output : ''}`);
} catch (e) {
  check(false, `run: ${e.message}`);
} finally {
  if (d) await d.quit();
  server.close();
}
console.log(`receipts (${kind}): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
