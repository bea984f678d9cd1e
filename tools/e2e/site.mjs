// End-to-end checks of the legal center (`consent-terms site`) in headless Chromium, served
// under a strict Content-Security-Policy (no inline script or style): every page reached from
// the root, in English and in Chinese, has no axe-core violation, no console error and no CSP
// violation; every link and asset resolves (fragments included: the element must exist); each
// version page states the content hash `consent-terms bundle` gives for that text, and its
// canonical text hashes to it; the Atom feeds parse as Atom 1.0 with an id, title, updated and
// link for each entry; the lookup page, driven by pasting and by choosing files, finds each
// shipped version from its hash, from its saved copy (the download) and from a receipt, and
// says when a copy's text no longer matches its hash; without script it still lists every hash.
// usage: [SITE_SOURCES="agreements ..."] node tools/e2e/site.mjs SITE_DIR CHROMIUM_PATH CLI [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CHROMIUM_ARGS } from './serve.mjs';
import { serveSite } from '../preview/site.mjs';

const [site, executablePath, cli = 'target/debug/consent-terms', shots] = process.argv.slice(2);
if (!site || !executablePath) {
  console.error('usage: node tools/e2e/site.mjs SITE_DIR CHROMIUM_PATH CLI [SCREENSHOT_DIR]');
  process.exit(2);
}
if (shots) mkdirSync(shots, { recursive: true });
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
// axe-core from the test's own path on the same origin, since the policy refuses inline script.
// The site has no icon of its own (a provider's host has one): the browser's request for it is
// answered with no content rather than a 404 that would show as a console error.
const axeRoute = async (req, res) => {
  if (new URL(req.url, 'http://x').pathname === '/favicon.ico') {
    res.writeHead(204);
    res.end();
    return true;
  }
  if (new URL(req.url, 'http://x').pathname !== '/__axe.min.js') return false;
  res.writeHead(200, { 'content-type': 'text/javascript' });
  res.end(readFileSync(axePath));
  return true;
};
const server = await serveSite(site, 0, () => ({ 'content-security-policy': CSP }), axeRoute);
const origin = new URL(server.url).origin;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
};
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

// The catalogue's hashes, as the bundle the widget loads states them: id/version/language -> hash.
// (SITE_SOURCES: the directories the site was built from, `agreements` unless said.)
const sources = (process.env.SITE_SOURCES || 'agreements').split(/\s+/).filter(Boolean);
const bundle = spawnSync(cli, ['bundle', ...sources], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (bundle.status !== 0) throw new Error(`consent-terms bundle failed: ${bundle.stderr}`);
const expected = new Map();
for (const e of JSON.parse(bundle.stdout).agreements) {
  expected.set(`${e.id}/${e.version}/${e.language}`, e.sha256);
}

// --- every page, every link ------------------------------------------------------------------
const context = await browser.newContext({ viewport: { width: 1100, height: 1300 } });
const pages = new Map(); // path -> { ids: Set of element ids }
const files = new Map(); // path -> status
const fragments = []; // [from, path, id]
const external = [];
const queue = ['/index.html'];
const versionPages = [];
let violations = 0;

async function axe(page, label) {
  await page.addScriptTag({ url: '/__axe.min.js' });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`);
  });
  violations += result.length;
  check(result.length === 0, `axe-core: no violations on ${label}${result.length ? '\n     ' + result.join('\n     ') : ''}`);
}

while (queue.length) {
  const path = queue.shift();
  if (pages.has(path)) continue;
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  const status = response ? response.status() : 0;
  check(status === 200, `${path} is served (${status})`);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const info = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    ids: Array.from(document.querySelectorAll('[id]'), (e) => e.id),
    links: Array.from(document.querySelectorAll('a[href], link[href], script[src]'), (e) => ({
      url: e.href || e.src, download: e.hasAttribute('download'), tag: e.tagName, rel: e.getAttribute('rel'),
    })),
    version: (() => {
      const v = document.querySelector('.site-version');
      const hash = document.getElementById('content-hash');
      const canonical = document.querySelector('a.site-canonical');
      return v && { id: v.dataset.agreementId, version: v.dataset.version, language: v.dataset.language,
        hash: hash && hash.textContent, canonical: canonical && canonical.href,
        strong: document.querySelectorAll('strong.ct-highlight').length,
        listed: document.querySelectorAll('.ct-highlights li a[href^="#"]').length };
    })(),
    styled: getComputedStyle(document.querySelector('main')).maxWidth,
  }));
  pages.set(path, { ids: new Set(info.ids) });
  check(info.lang === 'en' || info.lang === 'zh-CN', `${path}: <html lang="${info.lang}">`);
  check(info.styled !== 'none', `${path}: the stylesheets apply under the strict policy`);
  await axe(page, `${path} [${info.lang}]`);
  check(problems.length === 0, `${path}: no console error, warning or CSP violation${problems.length ? '\n     ' + problems.join('\n     ') : ''}`);
  if (info.version) versionPages.push({ path, ...info.version });
  for (const link of info.links) {
    const url = new URL(link.url);
    if (url.origin !== origin) { external.push(`${path} -> ${link.url}`); continue; }
    if (url.hash.length > 1) fragments.push([path, url.pathname, decodeURIComponent(url.hash.slice(1))]);
    const target = url.pathname;
    // Pages (links and their counterparts in the other language) are visited; downloads and
    // every other file are fetched.
    if (target.endsWith('.html') && !link.download) {
      if (!pages.has(target)) queue.push(target);
    } else if (!files.has(target)) {
      files.set(target, (await fetch(`${origin}${target}`)).status);
    }
  }
  if (shots && path === '/en/index.html') await page.screenshot({ path: `${shots}/site-index-en.png` });
  if (shots && path === '/zh-CN/index.html') await page.screenshot({ path: `${shots}/site-index-zh-CN.png` });
  await page.close();
}
for (const [path, status] of files) check(status === 200, `asset or download ${path} resolves (${status})`);
let brokenFragments = 0;
for (const [from, path, id] of fragments) {
  const target = pages.get(path);
  if (!target) continue; // a file: fetched above
  if (!target.ids.has(id)) { brokenFragments++; check(false, `${from}: link to ${path}#${id}: no element has that id`); }
}
check(brokenFragments === 0, `every fragment link names an element of its page (${fragments.length} links)`);
check(external.length === 0, `no link leaves the site${external.length ? '\n     ' + external.join('\n     ') : ''}`);
const htmlPages = [...pages.keys()];
check(htmlPages.some((p) => p.startsWith('/en/')) && htmlPages.some((p) => p.startsWith('/zh-CN/')), 'pages in both interface languages');

// --- each version page states the catalogue's hash -----------------------------------------
check(versionPages.length === expected.size * 2, `a page per text per language (${versionPages.length} = ${expected.size} × 2)`);
for (const v of versionPages) {
  const want = expected.get(`${v.id}/${v.version}/${v.language}`);
  check(want && v.hash === want, `${v.path} states the bundle's hash for ${v.id} ${v.version} (${v.hash})`);
  const text = await (await fetch(v.canonical)).text();
  check(sha256(text) === want, `${v.path}: its canonical text (.txt) hashes to it`);
  check(v.strong > 0 ? v.listed === v.strong : true, `${v.path}: ${v.strong} highlighted clauses, each listed with a link`);
}

// --- the feeds are Atom 1.0 ----------------------------------------------------------------
for (const lang of ['en', 'zh-CN']) {
  const url = `${origin}/${lang}/feed.atom`;
  const response = await fetch(url);
  check(response.status === 200 && (response.headers.get('content-type') || '').startsWith('application/atom+xml'), `${lang}/feed.atom is served as Atom`);
  const xml = await response.text();
  const page = await context.newPage();
  await page.goto(`${origin}/${lang}/index.html`);
  const feed = await page.evaluate((xml) => {
    const NS = 'http://www.w3.org/2005/Atom';
    const d = new DOMParser().parseFromString(xml, 'application/xml');
    if (d.getElementsByTagName('parsererror').length) return { error: d.getElementsByTagName('parsererror')[0].textContent };
    const root = d.documentElement;
    const child = (e, name) => Array.from(e.children).filter((c) => c.namespaceURI === NS && c.localName === name);
    const problems = [];
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
    if (root.namespaceURI !== NS || root.localName !== 'feed') problems.push('root is not atom:feed');
    for (const name of ['id', 'title', 'updated']) if (child(root, name).length !== 1) problems.push(`feed has ${child(root, name).length} ${name}`);
    if (!iso.test((child(root, 'updated')[0] || {}).textContent || '')) problems.push('feed updated is not a date-time');
    if (!child(root, 'author').length) problems.push('feed has no author');
    if (!child(root, 'link').some((l) => l.getAttribute('rel') === 'self')) problems.push('no self link');
    const entries = child(root, 'entry');
    const links = [];
    for (const e of entries) {
      for (const name of ['id', 'title', 'updated']) if (child(e, name).length !== 1) problems.push(`entry has ${child(e, name).length} ${name}`);
      if (!/^urn:uuid:[0-9a-f-]{36}$/.test(child(e, 'id')[0].textContent)) problems.push(`entry id ${child(e, 'id')[0].textContent}`);
      if (!iso.test(child(e, 'updated')[0].textContent)) problems.push('entry updated is not a date-time');
      const alternate = child(e, 'link').find((l) => (l.getAttribute('rel') || 'alternate') === 'alternate');
      if (!alternate) problems.push('entry has no alternate link'); else links.push(alternate.getAttribute('href'));
    }
    return { problems, entries: entries.length, links };
  }, xml);
  await page.close();
  check(!feed.error && feed.problems.length === 0, `${lang}/feed.atom is Atom 1.0 with ${feed.entries} entries${feed.error ? ': ' + feed.error : ''}${feed.problems && feed.problems.length ? ': ' + feed.problems.join('; ') : ''}`);
  check(feed.entries === expected.size, `${lang}/feed.atom: an entry per version (${feed.entries})`);
  for (const href of feed.links || []) {
    const target = new URL(href, url);
    check(pages.has(target.pathname), `${lang}/feed.atom links ${target.pathname}, a page of the site`);
  }
}

// --- the lookup, driven by pasting and choosing files ----------------------------------------
const receiptFile = 'tests/fixtures/receipt-v1.jws';
const receipt = readFileSync(receiptFile, 'utf8').trim();
const receiptRecord = JSON.parse(Buffer.from(receipt.split('.')[1], 'base64url').toString('utf8'));
for (const lang of ['en', 'zh-CN']) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${origin}/${lang}/lookup.html`, { waitUntil: 'load' });
  check(await page.locator('#lookup-noscript').isHidden(), `[${lang}] with script, the no-script advice is hidden`);
  const result = page.locator('#lookup-result');
  const found = (id, version) => result.locator(`li[data-found=true][data-agreement-id="${id}"][data-version="${version}"]`);
  for (const v of versionPages.filter((p) => p.path.startsWith(`/${lang}/`))) {
    await page.fill('#lookup-input', v.hash);
    await page.click('#lookup-submit');
    const item = found(v.id, v.version);
    await item.waitFor({ timeout: 5000 }).catch(() => {});
    const href = await item.locator('a').getAttribute('href').catch(() => null);
    check(href && new URL(href, page.url()).pathname === v.path, `[${lang}] the pasted hash of ${v.id} ${v.version} finds ${v.path}`);
    // Its saved copy: the file "Download" gives, chosen in the file input.
    const copyPath = v.path.replace(/\.html$/, '.download.html');
    const copy = await (await fetch(`${origin}${copyPath}`)).text();
    await page.setInputFiles('#lookup-file', { name: `${v.id}-${v.version}.html`, mimeType: 'text/html', buffer: Buffer.from(copy) });
    await item.waitFor({ timeout: 5000 }).catch(() => {});
    const fromCopy = await item.count();
    const copyText = await result.textContent();
    check(fromCopy === 1 && copyText.includes(lang === 'en' ? 'hashes to the hash it states' : '与其所述哈希一致'),
      `[${lang}] the saved copy of ${v.id} ${v.version} finds it, and its text matches its hash`);
    await page.setInputFiles('#lookup-file', []);
  }
  if (shots) {
    const v = versionPages.find((p) => p.path === `/${lang}/kingsoft-cdn/2021-06-01.en.html`);
    await page.fill('#lookup-input', v.hash);
    await page.click('#lookup-submit');
    await found(v.id, v.version).waitFor({ timeout: 5000 });
    await page.screenshot({ path: `${shots}/site-lookup-${lang}.png` });
  }
  // A copy whose text was changed after it was saved.
  const general = versionPages.find((p) => p.path.startsWith(`/${lang}/kingsoft-general/`));
  const copy = await (await fetch(`${origin}${general.path.replace(/\.html$/, '.download.html')}`)).text();
  const tampered = copy.replace(/(<pre class="canonical"[^>]*>[\s\S]*?)Kingsoft Cloud/, '$1Kingsoft Clouds');
  check(tampered !== copy, `[${lang}] a copy changed in its canonical text`);
  await page.setInputFiles('#lookup-file', { name: 'changed.html', mimeType: 'text/html', buffer: Buffer.from(tampered) });
  await result.locator('.site-bad').first().waitFor({ timeout: 5000 }).catch(() => {});
  check((await result.textContent()).includes(lang === 'en' ? 'does NOT hash to the hash it states' : '不一致'), `[${lang}] is reported as changed`);
  await page.setInputFiles('#lookup-file', []);
  // A receipt: as a file, and pasted.
  for (const how of ['file', 'paste']) {
    if (how === 'file') {
      await page.setInputFiles('#lookup-file', { name: 'receipt.jws', mimeType: 'application/jose', buffer: Buffer.from(receipt) });
    } else {
      await page.fill('#lookup-input', receipt);
      await page.click('#lookup-submit');
    }
    const first = receiptRecord.agreements[0];
    await found(first.id, first.version).waitFor({ timeout: 5000 }).catch(() => {});
    const items = await result.locator('li[data-found=true]').evaluateAll((els) => els.map((e) => `${e.dataset.agreementId}/${e.dataset.version}/${e.dataset.sha256}`));
    const want = receiptRecord.agreements.map((a) => `${a.id}/${a.version}/${a.sha256}`);
    check(JSON.stringify(items) === JSON.stringify(want), `[${lang}] a receipt (${how}) lists each agreement it names, found: ${items.join(', ')}`);
    await page.setInputFiles('#lookup-file', []);
  }
  // A canonical text file is hashed in the page.
  const v = versionPages.find((p) => p.path.startsWith(`/${lang}/kingsoft-cdn/2020-11-26`));
  const text = await (await fetch(v.canonical)).text();
  await page.setInputFiles('#lookup-file', { name: 'canonical.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await found(v.id, v.version).waitFor({ timeout: 5000 }).catch(() => {});
  check(await found(v.id, v.version).count() === 1, `[${lang}] a canonical text file is hashed and found`);
  await page.fill('#lookup-input', '0'.repeat(64));
  await page.click('#lookup-submit');
  await result.locator('li[data-found=false]').waitFor({ timeout: 5000 }).catch(() => {});
  check(await result.locator('li[data-found=false]').count() === 1, `[${lang}] an unknown hash is said to be unknown`);
  await axe(page, `/${lang}/lookup.html with a result`);
  check(problems.length === 0, `[${lang}] the lookup logs no error${problems.length ? '\n     ' + problems.join('\n     ') : ''}`);
  await page.close();
}

// --- without script -----------------------------------------------------------------------
const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 1300 } });
for (const lang of ['en', 'zh-CN']) {
  const page = await noScript.newPage();
  await page.goto(`${origin}/${lang}/lookup.html`);
  const rows = await page.locator('table.site-hashes tbody tr').count();
  check(await page.locator('#lookup-noscript').isVisible() && rows === expected.size * 2,
    `[${lang}] without script the lookup page says what to do and lists every hash (${rows} rows)`);
  await page.goto(`${origin}/${lang}/kingsoft-cdn/2021-06-01.en.html`);
  check(await page.locator('article.ct-agreement .ct-clause').count() > 50, `[${lang}] without script a version page shows its text`);
  if (shots) {
    await page.screenshot({ path: `${shots}/site-version-${lang}.png` });
    await page.goto(`${origin}/${lang}/kingsoft-cdn/index.html`);
    await page.locator('.ct-changes').first().scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('.ct-changes').scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${shots}/site-history-cdn-${lang}.png` });
  }
  await page.close();
}

await browser.close();
server.close();
console.log(`site: ${pages.size} pages (${htmlPages.filter((p) => p.startsWith('/en/')).length} English, ${htmlPages.filter((p) => p.startsWith('/zh-CN/')).length} Chinese, ${htmlPages.length - htmlPages.filter((p) => p.startsWith('/en/') || p.startsWith('/zh-CN/')).length} root), ${files.size} other files, ${fragments.length} fragment links, ${violations} axe violations`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
