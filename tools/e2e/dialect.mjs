// Issue #12 end to end: an agreement made only of list items and one with every construct of
// the dialect (tests/fixtures/dialect/) are accepted by keyboard through WebDriver (trusted
// input) in a real browser, and the receipt verifies with `consent-terms verify` against
// those agreements. A construct the page shows as anything but its text makes the widget
// refuse to sign (rendered-mismatch), and this check fail.
// usage: node tools/e2e/dialect.mjs DIST chromium|firefox|webkit DRIVER BROWSER OUT_DIR CLI
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { serve } from './serve.mjs';
import { Driver, acceptByKeyboard, inWidget, run, waitFor } from './webdriver.mjs';

const [dist, kind, driverPath, browserPath, out, cli] = process.argv.slice(2);
const AGREEMENTS = 'tests/fixtures/dialect';
const IDS = ['every-construct', 'lists-only'];
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   [${kind}] ${what}`); } else { failed++; console.log(`FAIL [${kind}] ${what}`); }
};

// The built widget and a page of its own: the fixtures' bundle, provider `example`.
const site = `${out}/dialect-site-${kind}`;
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync(dist, site, { recursive: true });
const wasm = readdirSync(dist).find((f) => f.endsWith('_bg.wasm'));
if (!wasm) throw new Error(`no *_bg.wasm in ${dist}: build the widget first`);
const glue = wasm.replace(/_bg\.wasm$/, '.js');
const bundle = run(cli, ['bundle', AGREEMENTS]);
if (bundle.code !== 0) throw new Error(`consent-terms bundle ${AGREEMENTS}: ${bundle.output}`);
writeFileSync(`${site}/dialect-agreements.json`, bundle.output);
writeFileSync(`${site}/dialect.html`, `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Dialect fixtures</title><link rel="icon" href="data:,"></head>
<body>
<consent-terms provider="example" products="" lang="en" subject="dana" challenge="n-dialect"
               bundle="dialect-agreements.json"></consent-terms>
<script>
  window.consentReceipts = [];
  window.consentErrors = [];
  document.addEventListener('consent-receipt', (e) => window.consentReceipts.push(e.detail));
  document.addEventListener('consent-error', (e) => window.consentErrors.push(e.detail));
</script>
<script type="module">
  import init from './${glue}';
  await init({ module_or_path: './${wasm}' });
</script>
</body>
</html>
`);

const server = await serve(site);
const origin = server.url.replace(/\/$/, '');
let d;
try {
  d = await Driver.start(kind, driverPath, browserPath);
  await d.go(`${server.url}dialect.html`);
  await waitFor(d, inWidget('[role=tab]'), 'the widget');
  const tabs = await d.exec(`return Array.from(document.querySelector('consent-terms').shadowRoot.querySelectorAll('[role=tab]'), (t) => t.getAttribute('data-agreement-id'));`);
  check(JSON.stringify(tabs) === JSON.stringify(IDS), `both fixtures are shown (${tabs.join(', ')})`);
  const receipts = await acceptByKeyboard(d, tabs);
  const errors = await d.exec('return window.consentErrors.map((e) => e.code)');
  check(errors.length === 0, `no consent-error while accepting${errors.length ? ': ' + errors.join(', ') : ''}`);
  check(receipts.length === 1, `keyboard acceptance gives exactly one consent-receipt (${receipts.length})`);
  const record = receipts[0].record;
  for (const id of IDS) {
    const a = record.agreements.find((x) => x.id === id);
    const hash = run(cli, ['hash', `${AGREEMENTS}/${id}/1.md`]).output.split(/\s+/)[0];
    check(a && a.sha256 === hash && a.reached_end, `the receipt binds ${id} at its content hash ${hash.slice(0, 12)}…, read to its end`);
  }
  const file = `${out}/receipt-dialect-${kind}.jws`;
  writeFileSync(file, receipts[0].jws);
  const verified = run(cli, ['verify', file, '--agreements', AGREEMENTS, '--nonce', 'n-dialect', '--audience', origin, '--max-age', '600']);
  check(verified.code === 0, `consent-terms verify accepts the receipt${verified.code ? ': ' + verified.output : ''}`);
  const elsewhere = run(cli, ['verify', file, '--agreements', 'agreements', '--nonce', 'n-dialect', '--audience', origin, '--max-age', '600']);
  check(elsewhere.code !== 0, `and rejects it against a catalogue without those agreements (exit ${elsewhere.code})`);
} catch (e) {
  const errors = d ? await d.exec('return window.consentErrors.map((x) => x.code)').catch(() => []) : [];
  check(false, `run: ${e.message}${errors.length ? ` (consent-error: ${errors.join(', ')})` : ''}`);
} finally {
  if (d) await d.quit();
  server.close();
}
console.log(`dialect receipts (${kind}): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
