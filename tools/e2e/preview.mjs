// End-to-end checks of the built preview page in headless Chromium, with real (trusted)
// keyboard input: the widget loads with no console error, a person accepts Kingsoft CDN by
// keyboard alone, axe-core finds no accessibility violation in English or Chinese; under a
// strict Content-Security-Policy two widgets on one page are styled, read-to-end holds and no
// violation is reported; with the widget's styles blocked, nothing counts as read. In English
// and in Chinese, by keyboard: an agreement is downloaded (its text is what `consent-terms
// text` prints), a question about a clause opens the help page in a new window, the person
// accepts for an organisation, and saves a copy that holds the receipt.
// usage: node tools/e2e/preview.mjs DIST_DIR CHROMIUM_PATH [SCREENSHOT_DIR] [CLI]
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { serve, CHROMIUM_ARGS } from './serve.mjs';

const [dist, executablePath, shots = 'target/e2e', cli = 'target/debug/consent-terms'] = process.argv.slice(2);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
mkdirSync(shots, { recursive: true });
// Pages served with the strict policy security-conscious consoles send: no inline script or
// style at all. They load the widget from an external module, as a host under such a policy must.
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const strictPage = (boot, widgets) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Sign up</title><script type="module" src="/csp/${boot}"></script></head>
<body><main><h1>Create your account</h1><h2>Terms</h2>${widgets}</main></body></html>`;
const BOOT = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
window.consentErrors = [];
document.addEventListener('consent-error', (e) => window.consentErrors.push(e.detail.code));
import('/consent-terms-widget.js').then((m) => m.default());`;
// In a folder of their own: they are test pages, not part of what a host serves.
mkdirSync(`${dist}/csp`, { recursive: true });
writeFileSync(`${dist}/csp/csp-boot.js`, BOOT);
copyFileSync(axePath, `${dist}/csp/axe.min.js`);
// The same, with constructable stylesheets taken away: the widget's styles cannot apply.
writeFileSync(`${dist}/csp/csp-boot-unstyled.js`, `delete Document.prototype.adoptedStyleSheets;
delete ShadowRoot.prototype.adoptedStyleSheets;
${BOOT}`);
// The same, with the widget's module served from a folder without consent-terms.css beside it:
// the stylesheet cannot be fetched (404).
mkdirSync(`${dist}/csp/nocss`, { recursive: true });
for (const f of ['consent-terms-widget.js', 'consent-terms-widget_bg.wasm']) copyFileSync(`${dist}/${f}`, `${dist}/csp/nocss/${f}`);
writeFileSync(`${dist}/csp/csp-boot-nocss.js`, BOOT.replace("import('/consent-terms-widget.js')", "import('/csp/nocss/consent-terms-widget.js')"));
writeFileSync(`${dist}/csp/nocss.html`, strictPage('csp-boot-nocss.js', '<consent-terms provider="kingsoft" products="cdn" bundle="/agreements.json"></consent-terms>'));
// The first widget's terms prerendered into the page, as a host's server template would.
const prerendered = spawnSync(cli, ['prerender', '--provider', 'kingsoft', '--products', 'cdn', '--lang', 'en',
  '--stylesheet', '/consent-terms.css', 'agreements', 'www/samples'], { encoding: 'utf8' });
if (prerendered.status !== 0) throw new Error(`consent-terms prerender failed: ${prerendered.stderr}`);
writeFileSync(`${dist}/csp/strict.html`, strictPage('csp-boot.js',
  `<consent-terms provider="kingsoft" products="cdn" bundle="/agreements.json">${prerendered.stdout}</consent-terms><consent-terms provider="alibaba" products="redis" bundle="/agreements.json"></consent-terms>`));
writeFileSync(`${dist}/csp/unstyled.html`, strictPage('csp-boot-unstyled.js', '<consent-terms provider="kingsoft" products="cdn" bundle="/agreements.json"></consent-terms>'));
// The same terms with the stylesheet inline, under the strict policy plus the one source
// `consent-terms prerender --inline-style` says to allow.
const inlined = spawnSync(cli, ['prerender', '--provider', 'kingsoft', '--products', 'cdn', '--lang', 'en',
  '--inline-style', 'agreements', 'www/samples'], { encoding: 'utf8' });
const styleSource = (inlined.stderr.match(/style-src ('sha256-[^']+')/) || [])[1];
if (inlined.status !== 0 || !styleSource) throw new Error(`consent-terms prerender --inline-style failed: ${inlined.stderr}`);
mkdirSync(`${dist}/csp-inline`, { recursive: true });
writeFileSync(`${dist}/csp-inline/index.html`, strictPage('csp-boot.js',
  `<consent-terms provider="kingsoft" products="cdn" bundle="/agreements.json">${inlined.stdout}</consent-terms>`));
// A page that arrives slowly, cut inside the element, with the widget's script loaded async
// from its head: the script runs while the element is still being parsed.
const slowHead = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign up</title>
<script type="module" async src="/csp/csp-boot.js"></script></head><body><main><h1>Create your account</h1>
<consent-terms provider="kingsoft" products="cdn" bundle="/agreements.json">`;
const slowPage = async (req, res) => {
  if (!req.url.startsWith('/slow.html')) return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.write(slowHead);
  await new Promise((ok) => setTimeout(ok, 1500));
  res.end(`${prerendered.stdout}</consent-terms></main></body></html>`);
  return true;
};
const server = await serve(dist, (path) => (path.startsWith('/csp-inline') ? { 'content-security-policy': STRICT_CSP.replace("style-src 'self'", `style-src 'self' ${styleSource}`) }
  : path.startsWith('/csp') ? { 'content-security-policy': STRICT_CSP } : {}), slowPage);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
};

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // The page alone, as a static server serves it (the ledger end to end is tools/e2e/ledger.mjs).
  await page.goto(`${server.url}?ledger=none`, { waitUntil: 'load' });
  await page.locator('consent-terms [role=tab]').first().waitFor({ timeout: 15000 });
  return { page, problems };
}

// The id of the element that has focus, looking into the widget's shadow root.
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a && a.shadowRoot && a.shadowRoot.activeElement ? a.shadowRoot.activeElement.id || a.shadowRoot.activeElement.className : a && a.id;
});

async function tabUntil(page, wanted, limit = 120, key = 'Tab') {
  for (let i = 0; i < limit; i++) {
    if ((await focused(page)) === wanted) return true;
    await page.keyboard.press(key);
  }
  return (await focused(page)) === wanted;
}

// Under a strict CSP an injected inline script is refused: axe is then served from the page's
// own origin (`url`).
async function axe(page, label, url) {
  await page.addScriptTag(url ? { url } : { path: axePath });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`);
  });
  check(result.length === 0, `axe-core: no violations (${label})${result.length ? '\n     ' + result.join('\n     ') : ''}`);
}

// The readable lines of a downloaded agreement: title, version line (English only: the CLI
// writes it in English) and each block, without the accessible labels of highlighted clauses.
const documentLines = (page, html, withMeta) => page.evaluate(([html, withMeta]) => {
  const d = new DOMParser().parseFromString(html, 'text/html');
  d.querySelectorAll('.label').forEach((l) => l.remove());
  const lines = Array.from(d.querySelectorAll('article > .text > *'), (e) => e.textContent);
  return withMeta ? [d.querySelector('article h1').textContent, d.querySelector('article .meta').textContent, ...lines] : lines;
}, [html, withMeta]);

// How a saved file looks when opened: its first screen.
async function fileShot(html, path) {
  const file = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  await file.setContent(html, { waitUntil: 'load' });
  await file.screenshot({ path });
  await file.close();
}

async function duties(lang) {
  const zh = lang === 'zh-CN';
  const label = `[${lang}]`;
  const page = await browser.newPage({ viewport: { width: 1100, height: 1300 }, acceptDownloads: true });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const nonce = `n-org-${lang}`;
  await page.goto(`${server.url}?ledger=none&subject=org-${lang}&nonce=${nonce}`, { waitUntil: 'load' });
  await page.locator('consent-terms [role=tab]').first().waitFor({ timeout: 15000 });
  if (zh) {
    await page.selectOption('#lang', 'zh-CN');
    await page.locator('consent-terms #ct-decline', { hasText: '不同意' }).waitFor({ timeout: 5000 });
  }
  await page.selectOption('#account', { index: 1 });
  await page.locator('consent-terms #ct-authority').waitFor({ timeout: 5000 });
  const authority = await page.locator('consent-terms label:has(#ct-authority)').textContent();
  check(authority === (zh ? '我确认已获授权代表Example Holdings Ltd接受上述条款。' : 'I am authorised to accept these terms on behalf of Example Holdings Ltd.'),
    `${label} an organisation's sign-up asks for the person's authority (${authority})`);
  await axe(page, `organisation sign-up, ${lang}`);

  // Read the general agreement, then download it from the button after the text.
  check(await tabUntil(page, 'ct-tab-kingsoft-general'), `${label} Tab reaches the first agreement tab`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  await page.locator('consent-terms [role=tab][data-agreement-id=kingsoft-general][data-read=true]').waitFor({ timeout: 5000 });
  await page.keyboard.press('Tab');
  check((await focused(page)) === 'ct-button ct-download', `${label} Tab from the text reaches its Download button`);
  const version = await page.locator('consent-terms article').getAttribute('data-version');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  check(download.suggestedFilename() === `kingsoft-general-${version}.html`, `${label} Enter downloads ${download.suggestedFilename()}`);
  const html = readFileSync(await download.path(), 'utf8');
  const lines = await documentLines(page, html, !zh);
  const text = spawnSync(cli, ['text', 'agreements/kingsoft-general'], { encoding: 'utf8' }).stdout;
  check(lines.length > 90 && text.includes(lines.join('\n')), `${label} the downloaded file reads line for line as \`consent-terms text\` (${lines.length} lines)`);
  await fileShot(html, `${shots}/file-agreement-${lang}.png`);
  const hash = await page.locator('consent-terms article').getAttribute('data-hash');
  check(html.includes(`<code>${hash}</code>`), `${label} and states the content hash the receipt binds`);

  // Read the CDN agreement.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  check((await focused(page)) === 'ct-tab-kingsoft-cdn', `${label} back to the tabs, ArrowRight to the CDN agreement`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  await page.locator('consent-terms [role=tab][data-agreement-id=kingsoft-cdn][data-read=true]').waitFor({ timeout: 5000 });

  // Ask about the first highlighted clause: the help page opens in a new window.
  // One Tab stop per listed clause: its link; ArrowRight moves on to its question.
  check(await tabUntil(page, 'ct-clause-link'), `${label} Tab reaches the first listed clause`);
  await page.keyboard.press('ArrowRight');
  check((await focused(page)) === 'ct-ask', `${label} ArrowRight reaches its "Ask about this clause"`);
  const askLabel = await page.evaluate(() => document.querySelector('consent-terms').shadowRoot.activeElement.textContent);
  check(askLabel === (zh ? '询问此条款' : 'Ask about this clause'), `${label} the button says what it does (${askLabel})`);
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Enter')]);
  await popup.waitForLoadState();
  const help = new URL(popup.url());
  check(help.pathname.endsWith('/help.html') && help.searchParams.get('agreement') === 'kingsoft-general' && help.searchParams.get('lang') === lang
    && help.searchParams.get('clause') && help.searchParams.get('text'), `${label} Enter opens the help page in a new window with the clause (${help.search.slice(0, 80)}…)`);
  check(!page.url().includes('help.html'), `${label} the sign-up page stays where it is`);
  await popup.close();
  const asked = await page.evaluate(() => Array.from(document.querySelectorAll('#event-log li[data-event=consent-question]'), (li) => li.textContent));
  check(asked.length === 1 && asked[0].includes('"agreement":"kingsoft-general"'), `${label} the host received consent-question`);

  // Acknowledge, state the authority, agree, accept.
  check(await tabUntil(page, 'ct-ack'), `${label} Tab reaches the acknowledgement checkbox`);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  check((await focused(page)) === 'ct-authority', `${label} Tab reaches the authority checkbox`);
  check((await page.locator('consent-terms #ct-status').textContent()).includes(zh ? '有权代表' : 'accept for Example Holdings Ltd'), `${label} what is missing names the authority`);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.screenshot({ path: `${shots}/widget-organization-${lang}.png` });
  await page.keyboard.press('Tab');
  check((await focused(page)) === 'ct-accept', `${label} Tab reaches the accept button`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.consentReceipts.length > 0, null, { timeout: 10000 });
  const receipt = await page.evaluate(() => window.consentReceipts[0]);
  const r = receipt.record;
  check(r.organization && r.organization.name === 'Example Holdings Ltd' && r.organization.id === '91110000MA01EXAMPLE' && r.organization.authority === authority,
    `${label} the receipt names the organisation and the authority statement's exact words`);
  const general = r.agreements.find((a) => a.id === 'kingsoft-general');
  check(general.questions_asked && general.questions_asked.length === 1 && help.searchParams.get('highlight') === general.questions_asked[0],
    `${label} and the clause asked about (${general.questions_asked})`);
  const jwsFile = `${tmpdir()}/receipt-organization-${lang}.jws`;
  writeFileSync(jwsFile, receipt.jws);
  const verified = spawnSync(cli, ['verify', jwsFile, '--agreements', 'agreements',
    '--nonce', nonce, '--audience', server.url.replace(/\/$/, ''), '--max-age', '600'], { encoding: 'utf8' });
  check(verified.status === 0, `${label} the native verifier accepts it${verified.status ? ': ' + verified.stdout + verified.stderr : ''}`);

  // Save the copy of what was accepted.
  await page.locator('consent-terms #ct-save-copy').waitFor({ timeout: 5000 });
  check(await tabUntil(page, 'ct-save-copy', 200), `${label} Tab reaches "Save a copy of what you accepted"`);
  const [copy] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const saved = readFileSync(await copy.path(), 'utf8');
  const copies = await page.evaluate(() => window.consentCopies);
  check(copies.length === 1 && copy.suggestedFilename() === `consent-${r.receipt_id}.html` && saved === copies[0].html
    && copies[0].filename === copy.suggestedFilename() && copies[0].receiptId === r.receipt_id,
    `${label} Enter saves ${copy.suggestedFilename()}, the same file the consent-copy event carried`);
  const held = await page.evaluate((html) => {
    const d = new DOMParser().parseFromString(html, 'text/html');
    return { jws: d.querySelector('#receipt-jws').textContent, texts: d.querySelectorAll('article').length, scripts: d.querySelectorAll('script').length };
  }, saved);
  await fileShot(saved, `${shots}/file-accepted-copy-${lang}.png`);
  check(held.jws === receipt.jws && held.texts === 2 && held.scripts === 0, `${label} it holds the signed receipt and both texts accepted`);
  await axe(page, `accepted for an organisation, ${lang}`);
  await page.screenshot({ path: `${shots}/widget-accepted-copy-${lang}.png` });
  check(problems.length === 0, `${label} no console error or warning${problems.length ? ': ' + problems.join(' | ') : ''}`);
  await page.close();
}

async function announced(lang) {
  const zh = lang === 'zh-CN';
  const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  await page.goto(`${server.url}?ledger=none&as-of=2021-01-15`, { waitUntil: 'load' });
  await page.locator('consent-terms [role=tab]').first().waitFor({ timeout: 15000 });
  if (zh) {
    await page.selectOption('#lang', 'zh-CN');
    await page.locator('consent-terms #ct-decline', { hasText: '不同意' }).waitFor({ timeout: 5000 });
  }
  check(await tabUntil(page, 'ct-tab-kingsoft-general'), `[${lang}] as on 2021-01-15: Tab reaches the tabs`);
  await page.keyboard.press('ArrowRight');
  await page.locator('consent-terms .ct-announced').waitFor({ timeout: 5000 });
  const title = await page.locator('consent-terms .ct-announced h3').textContent();
  check(title === (zh ? '新版本（2021-06-01）将于 2021-06-01 生效' : 'A new version (2021-06-01) takes effect on 2021-06-01'), `[${lang}] the CDN agreement announces its next version (${title})`);
  check((await page.locator('consent-terms .ct-announced li').count()) === 3, `[${lang}] with the three clauses it changes`);
  await axe(page, `announced version, ${lang}`);
  await page.screenshot({ path: `${shots}/widget-announced-${lang}.png` });
  check(problems.length === 0, `[${lang}] no console error or warning with a shifted clock${problems.length ? ': ' + problems.join(' | ') : ''}`);
  await page.close();
}

try {
  // 1. The page loads cleanly and shows Kingsoft general + CDN.
  const { page, problems } = await openPage();
  const title = await page.locator('consent-terms article h3').textContent();
  check(title === 'Agreement of Kingsoft Cloud Service', 'widget shows the base agreement first');
  check((await page.locator('consent-terms [role=tab]').count()) === 2, 'widget offers the general and CDN agreements');
  check((await page.locator('consent-terms article strong.ct-highlight').count()) === 23, 'the 23 highlighted clauses of the general agreement are <strong>');
  await axe(page, 'en');

  // 2. Keyboard only: read both agreements, acknowledge, agree, accept.
  check(await tabUntil(page, 'ct-tab-kingsoft-general'), 'Tab reaches the first agreement tab');
  await page.keyboard.press('Tab');
  check((await focused(page)) === 'ct-panel', 'Tab moves into the agreement text');
  await page.keyboard.press('End');
  await page.locator('consent-terms [role=tab][data-agreement-id=kingsoft-general][data-read=true]').waitFor({ timeout: 5000 });
  check(true, 'End scrolls the general agreement to its end, and the tab says it was read');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  check((await focused(page)) === 'ct-tab-kingsoft-cdn', 'ArrowRight moves to the CDN agreement tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  await page.locator('consent-terms [role=tab][data-agreement-id=kingsoft-cdn][data-read=true]').waitFor({ timeout: 5000 });
  check(true, 'End scrolls the CDN agreement to its end');
  check((await page.locator('consent-terms #ct-accept').getAttribute('aria-disabled')) === 'true', 'accept is still disabled before the boxes are ticked');
  check(await tabUntil(page, 'ct-ack'), 'Tab reaches the acknowledgement checkbox');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  check((await focused(page)) === 'ct-assent', 'Tab reaches the assent checkbox');
  await page.keyboard.press('Space');
  check((await page.locator('consent-terms #ct-accept').getAttribute('aria-disabled')) === 'false', 'accept is enabled once every requirement is met');
  await page.screenshot({ path: `${shots}/widget-en.png` });
  await page.keyboard.press('Tab');
  check((await focused(page)) === 'ct-accept', 'Tab reaches the accept button');
  await page.keyboard.press('Enter');
  await page.locator('consent-terms .ct-outcome[data-phase=accepted]').waitFor({ timeout: 5000 });
  const log = await page.locator('#event-log').textContent();
  check(/consent-change\s+\{[^}]*"phase":"accepted"/.test(log), 'the host page received consent-change with phase accepted');
  check((await page.locator('#outcome').textContent()).startsWith('Accepted'), 'the host page shows the acceptance');
  check(problems.length === 0, `no console error or warning${problems.length ? ': ' + problems.join(' | ') : ''}`);

  // 3. Chinese, after the language switch.
  const zh = await openPage();
  await zh.page.selectOption('#lang', 'zh-CN');
  await zh.page.locator('consent-terms #ct-decline', { hasText: '不同意' }).waitFor({ timeout: 5000 });
  check(true, 'the language switch shows the widget in Chinese');
  const firstZh = await zh.page.locator('consent-terms .ct-highlights li a').first().textContent();
  check(/^《.+》第 \d[\d.]* 条$/.test(firstZh), `in Chinese a plain clause number reads 第 N 条 (${firstZh})`);
  await axe(zh.page, 'zh-CN');
  await zh.page.screenshot({ path: `${shots}/widget-zh-CN.png` });
  check(zh.problems.length === 0, `no console error or warning in Chinese${zh.problems.length ? ': ' + zh.problems.join(' | ') : ''}`);

  // 3b. The Chinese sample agreement written for the preview: its numbering, its highlights,
  // the note that it exists in Chinese only, axe-core in both interface languages, and a
  // keyboard acceptance whose receipt binds the Chinese text's hash.
  const sample = await openPage();
  await sample.page.selectOption('#offer', 'sample|');
  await sample.page.locator('consent-terms article[data-agreement-id=sample-zh-terms]').waitFor({ timeout: 5000 });
  const note = await sample.page.locator('consent-terms .ct-text-language').textContent();
  check(note === 'This agreement is available in Chinese only.', `an English interface says the text is Chinese only (${note})`);
  const numbers = await sample.page.locator('consent-terms article [data-number]').evaluateAll((els) => els.map((e) => e.dataset.number));
  check(['第一条', '（一）', '一、', '5．1', '第九条'].every((n) => numbers.includes(n)), `Chinese clause numbers are clauses (${numbers.join(' ')})`);
  check((await sample.page.locator('consent-terms article strong.ct-highlight').count()) === 4, 'its 4 highlighted clauses are <strong>');
  const listed = await sample.page.locator('consent-terms .ct-highlights li a').allTextContents();
  check(listed.length === 4 && listed[1].includes('5．1'), `the clause list names them by their printed numbers (${listed.join(' | ')})`);
  await axe(sample.page, 'Chinese agreement, English interface');
  await sample.page.screenshot({ path: `${shots}/widget-zh-agreement-en.png` });
  await sample.page.selectOption('#lang', 'zh-CN');
  await sample.page.locator('consent-terms #ct-decline', { hasText: '不同意' }).waitFor({ timeout: 5000 });
  check((await sample.page.locator('consent-terms .ct-text-language').count()) === 0, 'a Chinese interface shows no language note');
  const listedZh = await sample.page.locator('consent-terms .ct-highlights li a').allTextContents();
  check(listedZh[1] === '《示例云服务协议（演示样本）》5．1', `in Chinese a printed number is not wrapped in 第…条 again (${listedZh[1]})`);
  const font = await sample.page.locator('consent-terms article').evaluate((a) => getComputedStyle(a).fontFamily);
  check(/PingFang SC|Noto Sans CJK SC|WenQuanYi/.test(font), `the Chinese text gets the CJK font stack (${font.slice(0, 60)}…)`);
  await axe(sample.page, 'Chinese agreement, Chinese interface');
  check(await tabUntil(sample.page, 'ct-panel'), 'Tab reaches the Chinese agreement text');
  await sample.page.keyboard.press('End');
  await sample.page.locator('consent-terms [role=tab][data-read=true]').waitFor({ timeout: 5000 });
  check(await tabUntil(sample.page, 'ct-ack'), 'Tab reaches the acknowledgement checkbox');
  await sample.page.keyboard.press('Space');
  await sample.page.keyboard.press('Tab');
  await sample.page.keyboard.press('Space');
  await sample.page.keyboard.press('Tab');
  await sample.page.keyboard.press('Enter');
  await sample.page.waitForFunction(() => window.consentReceipts.length > 0, null, { timeout: 10000 });
  const receipt = await sample.page.evaluate(() => window.consentReceipts[0].record);
  const shownHash = await sample.page.locator('consent-terms article').getAttribute('data-hash');
  check(receipt.agreements.length === 1 && receipt.agreements[0].sha256 === shownHash && receipt.locale === 'zh-CN',
    'accepted by keyboard, the receipt binds the Chinese text\'s hash');
  await sample.page.screenshot({ path: `${shots}/widget-zh-agreement-zh.png` });
  check(sample.problems.length === 0, `no console error or warning with the Chinese agreement${sample.problems.length ? ': ' + sample.problems.join(' | ') : ''}`);

  // 4. A strict CSP with two widgets: styled (a scroll box), read-to-end holds, no violation,
  // and two region landmarks with different names (axe-core: landmark-unique).
  const strict = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await strict.goto(`${server.url}csp/strict.html`, { waitUntil: 'load' });
  await strict.locator('consent-terms >> nth=1 >> [role=tab]').first().waitFor({ timeout: 15000 });
  // The first widget has taken over its prerendered terms (until then both panels are there).
  await strict.waitForFunction(() => !document.querySelector('consent-terms').shadowRoot.querySelector('.ct-prerendered'), null, { timeout: 15000 });
  const panel = strict.locator('consent-terms >> nth=0 >> .ct-panel');
  const box = await panel.evaluate((p) => ({ overflow: getComputedStyle(p).overflowY, height: p.clientHeight, full: p.scrollHeight }));
  check(box.overflow === 'auto' && box.height < 600 && box.full > box.height, `under a strict CSP the widget is styled: the agreement scrolls in its own box (${JSON.stringify(box)})`);
  const first = strict.locator('consent-terms >> nth=0 >> [role=tab][data-agreement-id=kingsoft-general]');
  check((await first.getAttribute('data-read')) === 'false', 'under a strict CSP the first agreement is not read before it is scrolled');
  // A script's scrollTop is not the person reading; the person's mouse wheel is.
  await panel.evaluate((p) => { p.scrollTop = p.scrollHeight; });
  await strict.waitForTimeout(800);
  check((await first.getAttribute('data-read')) === 'false', 'a script scrolling the panel to its end does not count as read');
  // Nor does the person's click on the text it scrolled to: a click scrolls nothing.
  await panel.locator('.ct-end').click();
  await strict.waitForTimeout(800);
  check((await first.getAttribute('data-read')) === 'false', 'nor does a real click on the text at the end the script scrolled to');
  await panel.evaluate((p) => { p.scrollTop = 0; });
  await panel.hover();
  for (let i = 0; i < 40 && (await first.getAttribute('data-read')) !== 'true'; i++) {
    await strict.mouse.wheel(0, 2000);
    await strict.waitForTimeout(50);
  }
  await strict.locator('consent-terms >> nth=0 >> [role=tab][data-agreement-id=kingsoft-general][data-read=true]').waitFor({ timeout: 5000 });
  check(true, 'under a strict CSP scrolling to the end with the mouse wheel counts as read');
  check((await strict.evaluate(() => window.cspViolations)).length === 0, `no CSP violation is reported (${await strict.evaluate(() => window.cspViolations.join(', '))})`);
  const names = await strict.evaluate(() => Array.from(document.querySelectorAll('consent-terms'), (e) => e.shadowRoot.querySelector('section').getAttribute('aria-label')));
  check(names.length === 2 && names[0] !== names[1], `two widgets have regions named by what they show (${names.join(' | ')})`);
  await axe(strict, 'two widgets under a strict CSP', '/csp/axe.min.js');

  // The prerendered terms with their stylesheet inline, allowed by its hash: styled at once,
  // nothing refused, then taken over by the widget.
  const inline = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await inline.route('**/*.wasm', (route) => route.abort());
  await inline.goto(`${server.url}csp-inline/`, { waitUntil: 'load' });
  const inlineBox = await inline.evaluate(() => getComputedStyle(document.querySelector('consent-terms').shadowRoot.querySelector('.ct-prerendered .ct-panel')).overflowY);
  check(inlineBox === 'auto', `prerendered with --inline-style, under a strict CSP allowing its hash, the terms are styled before any code (${inlineBox})`);
  await inline.unroute('**/*.wasm');
  await inline.goto(`${server.url}csp-inline/`, { waitUntil: 'load' });
  await inline.locator('consent-terms [role=tab]').first().waitFor({ timeout: 15000 });
  const inlineState = await inline.evaluate(() => ({ violations: window.cspViolations, errors: window.consentErrors,
    prerendered: !!document.querySelector('consent-terms').shadowRoot.querySelector('.ct-prerendered') }));
  check(inlineState.violations.length === 0 && inlineState.errors.length === 0 && !inlineState.prerendered,
    `and the widget takes over with no CSP violation and no error (${inlineState.violations.concat(inlineState.errors).join(', ')})`);
  await inline.close();

  // 5. The widget's styles blocked on purpose: no scroll box, so nothing may count as read.
  const unstyled = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await unstyled.goto(`${server.url}csp/unstyled.html`, { waitUntil: 'load' });
  await unstyled.locator('consent-terms [data-code=styles-unavailable]').waitFor({ timeout: 15000 });
  check(true, 'without its styles the widget says so visibly (styles-unavailable)');
  await unstyled.waitForTimeout(500);
  check((await unstyled.locator('consent-terms [role=tab][data-read=true]').count()) === 0, 'without its styles no agreement counts as read');
  check((await unstyled.evaluate(() => window.consentErrors)).includes('styles-unavailable'), 'and the host receives consent-error styles-unavailable');

  // 5b. The stylesheet unreachable: the widget still shows the terms and the accept control,
  // unstyled, and says so.
  const nocss = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await nocss.goto(`${server.url}csp/nocss.html`, { waitUntil: 'load' });
  await nocss.locator('consent-terms [data-code=styles-unavailable]').waitFor({ timeout: 15000 });
  const nocssState = await nocss.evaluate(() => {
    const root = document.querySelector('consent-terms').shadowRoot;
    return { tabs: root.querySelectorAll('[role=tab]').length, clauses: root.querySelectorAll('article .ct-clause').length,
      accept: !!root.querySelector('#ct-accept'), errors: window.consentErrors, violations: window.cspViolations };
  });
  check(nocssState.tabs === 2 && nocssState.clauses > 50 && nocssState.accept && nocssState.violations.length === 0,
    `with consent-terms.css unreachable the terms and the accept control are still shown (${nocssState.tabs} tabs, ${nocssState.clauses} clauses, no CSP violation)`);
  check(nocssState.errors.includes('styles-unavailable'), `and the host receives consent-error styles-unavailable (${nocssState.errors.join(', ')})`);
  await nocss.close();

  // 6. The person's copy, a question, an organisation: by keyboard, in both languages.
  for (const lang of ['en', 'zh-CN']) await duties(lang);

  // 7. An announced version: the page as on 2021-01-15, in both languages.
  for (const lang of ['en', 'zh-CN']) await announced(lang);

  // 8. Text before code: the preview page's terms are prerendered into it. With the wasm
  // blocked they can still be read, and the accept control says why it is unavailable.
  const blocked = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await blocked.route('**/*.wasm', (route) => route.abort());
  await blocked.goto(`${server.url}?ledger=none`, { waitUntil: 'load' });
  await blocked.waitForTimeout(1000);
  const pre = await blocked.evaluate(() => {
    const shadow = document.querySelector('consent-terms').shadowRoot;
    const root = shadow && shadow.querySelector('.ct-prerendered');
    if (!root) return null;
    const button = root.querySelector('button.ct-primary');
    return {
      agreements: Array.from(root.querySelectorAll('article'), (a) => a.getAttribute('data-agreement-id')),
      clauses: root.querySelectorAll('.ct-clause').length,
      highlights: root.querySelectorAll('strong.ct-highlight').length,
      listed: root.querySelectorAll('.ct-highlights li').length,
      disabled: button.disabled,
      why: shadow.getElementById(button.getAttribute('aria-describedby')).textContent,
      scrolls: getComputedStyle(root.querySelector('.ct-panel')).overflowY,
    };
  });
  check(pre && pre.agreements.join() === 'kingsoft-general,kingsoft-cdn' && pre.clauses > 100,
    `with the wasm blocked the prerendered terms are on the page (${pre && pre.agreements.join(', ')}; ${pre && pre.clauses} clauses)`);
  check(pre && pre.highlights > 0 && pre.highlights === pre.listed,
    `with the wasm blocked every highlighted clause is marked and listed (${pre && pre.highlights})`);
  check(await blocked.locator('consent-terms .ct-prerendered .ct-clause').first().isVisible(), 'and the first clause is visible');
  check(pre && pre.scrolls === 'auto', 'the prerendered terms are styled by the linked stylesheet (their own scroll box)');
  check(pre && pre.disabled && pre.why.includes('has not finished loading'),
    `the accept control is unavailable and says why (${pre && pre.why})`);
  await blocked.screenshot({ path: `${shots}/prerendered-wasm-blocked.png` });
  await axe(blocked, 'prerendered terms, the wasm blocked');
  await blocked.close();
  // The widget's script running while the element is still being parsed waits for the
  // prerendered root, then takes it over.
  const slow = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await slow.goto(`${server.url}slow.html`, { waitUntil: 'load' });
  await slow.locator('consent-terms [role=tab]').first().waitFor({ timeout: 15000 });
  const slowState = await slow.evaluate(() => ({ errors: window.consentErrors,
    templates: document.querySelectorAll('consent-terms template').length,
    prerendered: !!document.querySelector('consent-terms').shadowRoot.querySelector('.ct-prerendered') }));
  check(slowState.templates === 0 && !slowState.prerendered && slowState.errors.length === 0,
    `a script that runs before the element is parsed still takes its prerendered root over (${JSON.stringify(slowState)})`);
  await slow.close();
  // Loaded normally, the widget takes the prerendered text over: nothing reported.
  const adopted = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await adopted.addInitScript(() => {
    window.prerenderErrors = [];
    document.addEventListener('consent-error', (e) => window.prerenderErrors.push(e.detail.code));
  });
  await adopted.goto(`${server.url}?ledger=none`, { waitUntil: 'load' });
  await adopted.locator('consent-terms [role=tab]').first().waitFor({ timeout: 15000 });
  const after = await adopted.evaluate(() => ({
    prerendered: !!document.querySelector('consent-terms').shadowRoot.querySelector('.ct-prerendered'),
    errors: window.prerenderErrors,
  }));
  check(!after.prerendered && after.errors.length === 0,
    `once loaded the widget replaces the prerendered root with no error (${after.errors.join(', ')})`);
  await adopted.close();
} catch (e) {
  check(false, `end-to-end run: ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`preview: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
