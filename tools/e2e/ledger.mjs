// The consent ledger end to end, in headless Chromium: the preview page beside the ledger
// service (SQLite) and the host's server that holds its token (tools/preview/host.mjs). A
// person accepts Kingsoft CDN; the receipt is posted and stored (201, seq, witness); the status
// then requires nothing; after localStorage is cleared, a reload with `status-url` does not ask
// again, while the same reload without it does. The same receipt posted twice is refused
// (409). The page set to button mode (as a host script could) makes a receipt the ledger
// refuses (422 requirements-weaker: the host's server asked for a checkbox). The ledger's
// export verifies offline with the CLI against its signed head, and an export cut at its end
// does not.
// usage: node tools/e2e/ledger.mjs DIST_DIR CHROMIUM_PATH CONSENT_TERMS_CLI [OUT_DIR]
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './serve.mjs';
import { startHost } from '../preview/host.mjs';
import { run } from './webdriver.mjs';

const [dist, executablePath, cli, out = 'target/e2e'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
};

// The ledger service on a free port, with a fresh SQLite file, token and ledger key.
const dir = mkdtempSync(join(tmpdir(), 'consent-ledger-e2e-'));
const token = randomBytes(24).toString('hex');
writeFileSync(join(dir, 'token'), token);
const ledger = spawn(cli, ['serve', '--agreements', 'agreements', '--db', `sqlite://${join(dir, 'consents.db')}`,
  '--listen', '127.0.0.1:0', '--token-file', join(dir, 'token'), '--ledger-key', join(dir, 'ledger-key.jwk')],
  { stdio: ['ignore', 'pipe', 'inherit'] });
const ledgerUrl = await new Promise((resolve, reject) => {
  let seen = '';
  ledger.stdout.on('data', (chunk) => {
    seen += chunk;
    const m = /listening on (\S+)/.exec(seen);
    if (m) resolve(`http://${m[1]}`);
  });
  ledger.on('exit', (code) => reject(new Error(`the ledger exited (${code}) before listening`)));
  setTimeout(() => reject(new Error('the ledger did not start within 60 s')), 60000);
});
const host = await startHost({ ledger: ledgerUrl, token, dir: dist });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const subject = `person-${randomBytes(4).toString('hex')}@example.com`;
const pageUrl = (extra = '') => `${host.url}?subject=${encodeURIComponent(subject)}${extra}`;

// Reads one agreement to its end: its tab, then End in the text.
async function readToEnd(page, id) {
  await page.locator(`consent-terms [role=tab][data-agreement-id=${id}]`).click();
  await page.locator('consent-terms #ct-panel').focus();
  await page.keyboard.press('End');
  await page.locator(`consent-terms [role=tab][data-agreement-id=${id}][data-read=true]`).waitFor({ timeout: 5000 });
}

const events = (page, name) => page.locator(`#event-log li[data-event=${name}]`).count();

try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1300 } });
  const page = await context.newPage();
  await page.goto(pageUrl(), { waitUntil: 'load' });
  await page.locator('consent-terms [role=tab]').first().waitFor({ timeout: 15000 });
  await page.locator('[data-ledger=nonce]', { hasText: 'expires' }).waitFor({ timeout: 10000 });
  const nonce = (await page.locator('consent-terms').getAttribute('challenge')) ?? '';
  check(nonce.length >= 16, `the page got a nonce from the ledger for this sign-up (${nonce})`);
  // The page asks for the status after the nonce: wait for its answer, not the placeholder.
  await page.locator('[data-ledger=status]', { hasText: '"required"' }).waitFor({ timeout: 10000 });
  const before = JSON.parse(await page.locator('[data-ledger=status]').textContent());
  check(before.required.map((r) => `${r.id}:${r.reason}`).join(' ') === 'kingsoft-general:never-accepted kingsoft-cdn:never-accepted',
    'before accepting, the status requires both agreements (never-accepted)');

  // A real acceptance: trusted clicks and keys.
  await readToEnd(page, 'kingsoft-general');
  await readToEnd(page, 'kingsoft-cdn');
  await page.locator('consent-terms #ct-ack').click();
  await page.locator('consent-terms #ct-assent').click();
  await page.locator('consent-terms #ct-accept').click();
  await page.locator('[data-ledger=post]', { hasText: /^(201|\d{3} )/ }).waitFor({ timeout: 15000 });
  const post = await page.locator('[data-ledger=post]').textContent();
  check(post.startsWith('201 seq 1,'), `the receipt is stored: ${post}`);
  const witness = await page.locator('[data-ledger=witness]').textContent();
  check(witness.split('.').length === 3, 'the page shows the ledger\'s witness, a compact JWS');
  await page.locator('[data-ledger=entry]', { hasText: 'entry_hash' }).waitFor({ timeout: 10000 });
  const entry = JSON.parse(await page.locator('[data-ledger=entry]').textContent());
  check(entry.seq === 1 && /^[0-9a-f]{64}$/.test(entry.entry_hash), 'and the stored entry, with its place in the hash chain');
  await page.locator('[data-ledger=status]', { hasText: '"required": []' }).waitFor({ timeout: 10000 });
  const after = JSON.parse(await page.locator('[data-ledger=status]').textContent());
  check(after.required.length === 0 && after.accepted.map((a) => a.id).sort().join(' ') === 'kingsoft-cdn kingsoft-general',
    'the status then requires nothing and lists both agreements as accepted');
  check(after.accepted.every((a) => /^[0-9a-f]{64}$/.test(a.sha256)), 'each accepted entry gives the hash of the text accepted');

  // The same receipt again: refused.
  const jws = (await page.locator('#receipt-jws').textContent()).trim();
  const replay = await page.evaluate((body) => fetch('api/receipts', { method: 'POST', headers: { 'content-type': 'application/jose' }, body })
    .then((r) => r.json().then((b) => `${r.status} ${b.code}`)), jws);
  check(replay === '409 replayed', `the same receipt posted again is refused: ${replay}`);

  // Storage cleared (or another device): the server's record is trusted.
  check((await page.evaluate(() => localStorage.length)) > 0, 'this browser remembered the acceptance, which is now cleared');
  await page.evaluate(() => localStorage.clear());
  await page.reload({ waitUntil: 'load' });
  await page.locator('consent-terms [data-phase=already-accepted]').waitFor({ timeout: 15000 });
  check(true, 'after localStorage is cleared, a reload with status-url shows the agreements as already accepted');
  check((await page.locator('consent-terms #ct-accept').count()) === 0 && (await events(page, 'consent-ready')) === 0,
    'and asks nothing (no accept button, no consent-ready)');
  check(/"alreadyAccepted":true/.test(await page.locator('#event-log').textContent()), 'the host is told: consent-change alreadyAccepted');

  // The control: the same reload without the server's status asks again.
  const alone = await context.newPage();
  await alone.goto(pageUrl('&ledger=none'), { waitUntil: 'load' });
  await alone.evaluate(() => localStorage.clear());
  await alone.reload({ waitUntil: 'load' });
  await alone.locator('consent-terms #ct-accept').waitFor({ timeout: 15000 });
  check((await alone.locator('consent-terms [role=tab]').count()) === 2, 'without status-url and with storage cleared, both agreements are asked again');

  // Another person on the same browser: the server's status for them requires everything.
  const other = await context.newPage();
  await other.goto(`${host.url}?subject=someone-else@example.com`, { waitUntil: 'load' });
  await other.locator('consent-terms #ct-accept').waitFor({ timeout: 15000 });
  check((await other.locator('consent-terms [role=tab]').count()) === 2, 'another subject is asked both agreements');

  // The page told to accept by one button, as a host script could: the widget signs it, the
  // ledger refuses it, since the host's server asked for a checkbox with the nonce.
  const weak = await context.newPage();
  await weak.goto(`${host.url}?subject=button-person@example.com&mode=button`, { waitUntil: 'load' });
  await weak.locator('consent-terms [role=tab]').first().waitFor({ timeout: 15000 });
  await weak.locator('[data-ledger=nonce]', { hasText: 'expires' }).waitFor({ timeout: 10000 });
  await readToEnd(weak, 'kingsoft-general');
  await readToEnd(weak, 'kingsoft-cdn');
  await weak.locator('consent-terms #ct-ack').click();
  await weak.locator('consent-terms #ct-accept').click();
  await weak.locator('[data-ledger=post]', { hasText: /^\d{3} / }).waitFor({ timeout: 15000 });
  const refused = await weak.locator('[data-ledger=post]').textContent();
  check(refused.startsWith('422 requirements-weaker') && refused.includes('assent.mode'),
    `a receipt in button mode for a checkbox sign-up is refused: ${refused}`);

  // The export verifies offline: every receipt, every witness, the chain, up to the head the
  // ledger signs (fetched first); cut at its end, it does not.
  const ask = (path) => fetch(`${ledgerUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
  writeFileSync(join(out, 'ledger-head.json'), await ask('/v1/head'));
  const exported = await ask('/v1/export?since=0');
  writeFileSync(join(out, 'ledger-export.jsonl'), exported);
  const key = run(cli, ['ledger', 'public-key', '--ledger-key', join(dir, 'ledger-key.jwk')]);
  writeFileSync(join(out, 'ledger-key.pub.jwk'), key.output);
  const verifyExport = (file) => run(cli, ['ledger', 'verify-export', file, '--agreements', 'agreements',
    '--ledger-key', join(out, 'ledger-key.pub.jwk'), '--head', join(out, 'ledger-head.json')]);
  const verified = verifyExport(join(out, 'ledger-export.jsonl'));
  check(verified.code === 0 && exported.trim().split('\n').length === 1, `the export (1 entry) verifies offline against the signed head: ${verified.output.trim()}`);
  writeFileSync(join(out, 'ledger-export-cut.jsonl'), '');
  const cut = verifyExport(join(out, 'ledger-export-cut.jsonl'));
  check(cut.code === 4, `the same export with its entry cut is refused against the head (exit ${cut.code}): ${cut.output.trim()}`);
  await page.screenshot({ path: `${out}/preview-ledger.png`, fullPage: true });
} catch (e) {
  failed++;
  console.log(`FAIL ${e.stack ?? e}`);
} finally {
  await browser.close();
  host.close();
  ledger.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(`ledger end to end: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
