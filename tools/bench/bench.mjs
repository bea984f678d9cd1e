// Size and speed of the release widget, side by side with a hand-written vanilla-DOM page
// showing the same agreements with the same structure, a static page holding their text, and
// two peers a host would compare it with (Klaro and vanilla-cookieconsent, from tools/package.json,
// showing the same text: peers.mjs). Cold loads, interleaved page by page, at 1x, 4x CPU and on a
// slow-4G network, every response brotli-compressed. Prints one line per figure, then the
// Kingsoft CDN sign-up's figures as a Markdown table; asserts nothing (times are noisy): budgets
// are printed beside the figures.
// usage: node tools/bench/bench.mjs DIST CHROMIUM CLI [RUNS]
import { chromium } from 'playwright-core';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { existsSync, readFileSync, readdirSync, mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { serve, CHROMIUM_ARGS } from '../e2e/serve.mjs';
import { waitFor } from './wait.mjs';
import { brotliHandler } from './brotli.mjs';
import { agreementsText, writePeerPages, PEER_VERSIONS } from './peers.mjs';

const [dist, executablePath, cli, runsArg = '11'] = process.argv.slice(2);
const RUNS = Number(runsArg);
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gzip = (b) => gzipSync(b, { level: 9 }).length;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (n) => (n / 1024).toFixed(1);
const line = (s) => console.log(s);

// ---- sizes ------------------------------------------------------------------------------
let codeBrotli = 0;
for (const f of readdirSync(dist).filter((f) => /^consent-terms-widget.*\.(wasm|js)$/.test(f)).sort()) {
  const b = readFileSync(`${dist}/${f}`);
  codeBrotli += brotli(b);
  line(`code ${f.padEnd(32)} raw ${String(b.length).padStart(8)} B  gzip ${String(gzip(b)).padStart(7)} B  brotli ${String(brotli(b)).padStart(7)} B`);
}
// Snippets, if the glue was not folded into one module.
const snippetFiles = existsSync(`${dist}/snippets`) ? readdirSync(`${dist}/snippets`, { recursive: true }).filter((f) => String(f).endsWith('.js')) : [];
for (const f of snippetFiles) {
  const b = readFileSync(`${dist}/snippets/${f}`);
  codeBrotli += brotli(b);
  line(`code snippets/${String(f).padEnd(23).slice(-23)} raw ${String(b.length).padStart(8)} B  gzip ${String(gzip(b)).padStart(7)} B  brotli ${String(brotli(b)).padStart(7)} B`);
}
line(`code total brotli ${kb(codeBrotli)} KB (budget 50 KB)`);
const bundle = readFileSync(`${dist}/agreements.json`);
const plain = Buffer.concat(['agreements', 'www/samples'].map((dir) => execFileSync(cli, ['text', dir])));
line(`payload agreements.json brotli ${brotli(bundle)} B, same agreements as plain text brotli ${brotli(plain)} B, ratio ${(brotli(bundle) / brotli(plain)).toFixed(3)} (budget 1.1)`);
// The Kingsoft CDN pages read the bundle of that one sign-up, as docs/embedding.md has a host
// write it (every version of its agreements, in every language); the all-five pages the whole
// catalogue's.
mkdirSync(`${dist}/bench`, { recursive: true });
const signupBundle = execFileSync(cli, ['bundle', 'agreements', '--provider', 'kingsoft', '--products', 'cdn']);
writeFileSync(`${dist}/bench/kingsoft-cdn.json`, signupBundle);
line(`payload kingsoft-cdn.json (consent-terms bundle agreements --provider kingsoft --products cdn) brotli ${brotli(signupBundle)} B`);
const BUNDLES = { cdn: 'kingsoft-cdn.json', all: '../agreements.json' };

// ---- speed ------------------------------------------------------------------------------
// Every page gets the same text probe (probe.js), inline in its head.
const TEXT_PROBE = `<script>\n${readFileSync('tools/bench/probe.js', 'utf8')}</script>`;
const withProbe = (html) => html.replace('</head>', `${TEXT_PROBE}\n</head>`);
for (const f of ['widget.html', 'baseline.html']) writeFileSync(`${dist}/bench/${f}`, withProbe(readFileSync(`tools/bench/${f}`, 'utf8')));
copyFileSync('tools/bench/baseline.js', `${dist}/bench/baseline.js`);
// The same page with the hints a host copies into its <head> (docs/embedding.md, "Loading in parallel"):
// every module and the wasm requested at once, before the glue runs.
const snippets = snippetFiles;
const hintsFor = (set) => ['<link rel="modulepreload" href="../consent-terms-widget.js">',
  ...snippets.map((f) => `<link rel="modulepreload" href="../snippets/${f}">`),
  '<link rel="preload" href="../consent-terms-widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>',
  `<link rel="preload" href="${BUNDLES[set]}" as="fetch" type="application/json" crossorigin>`].join('\n');
for (const set of Object.keys(BUNDLES)) {
  writeFileSync(`${dist}/bench/widget-hinted-${set}.html`,
    withProbe(readFileSync('tools/bench/widget.html', 'utf8')).replace('<link rel="icon" href="data:,">', `<link rel="icon" href="data:,">\n${hintsFor(set)}`));
}
// The same sign-ups with their first screen prerendered into the page (`consent-terms
// prerender`), with the hints: what the README recommends. And the physical limit for text
// on screen: a static page holding the same agreements' text and nothing else.
const SETS = { cdn: [['kingsoft', 'cdn']], all: [['kingsoft', 'cdn kmct'], ['jdcloud', 'kubernetes'], ['alibaba', 'redis']] };
const prerender = (provider, products, inline) => execFileSync(cli, ['prerender', '--provider', provider, '--products', products,
  '--lang', 'en', ...(inline ? ['--inline-style'] : ['--stylesheet', '../consent-terms.css']), 'agreements', 'www/samples'],
{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const widgetPage = withProbe(readFileSync('tools/bench/widget.html', 'utf8'));
const LONG_TASKS = widgetPage.match(/<script>\n  performance.mark[\s\S]*?<\/script>/)[0];
for (const [set, signups] of Object.entries(SETS)) {
  let markup;
  // The stylesheet linked (what a strict policy allows as it is) or inline (allowed by its hash).
  for (const inline of [false, true]) {
    markup = signups.map(([provider, products]) => prerender(provider, products, inline));
    const elements = signups.map(([provider, products], i) => `<consent-terms provider="${provider}" products="${products}" lang="en" bundle="${BUNDLES[set]}" subject="bench" challenge="bench">${markup[i]}</consent-terms>`).join('\n');
    writeFileSync(`${dist}/bench/widget-prerendered${inline ? '-inline' : ''}-${set}.html`, widgetPage
      .replace('<link rel="icon" href="data:,">', `<link rel="icon" href="data:,">\n${hintsFor(set)}`)
      .replace('<body>', `<body>\n${elements}`)
      // The elements are in the page already: the script only starts the widget.
      .replace(/  for \(const \[provider, products\][\s\S]*?\n  }\n/, '')
      .replace('e.shadowRoot.querySelector(\'#ct-accept\')', '!e.shadowRoot.querySelector(\'.ct-prerendered\') && e.shadowRoot.querySelector(\'#ct-accept\')'));
  }
  const articles = markup.join('').match(/<article[\s\S]*?<\/article>/g).join('\n');
  writeFileSync(`${dist}/bench/static-${set}.html`, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>consent-terms benchmark: static HTML</title><link rel="icon" href="data:,">
${LONG_TASKS}
${TEXT_PROBE}
</head><body>
${articles}
<script>addEventListener('load', () => { window.__interactive = performance.now(); });</script>
</body></html>`);
}
// The peers, on pages of their own, showing the text the widget shows for the Kingsoft CDN
// sign-up: the agreements of its prerendered first screen, as `consent-terms text` prints them.
const cdnMarkup = prerender('kingsoft', 'cdn', false);
const shown = [...cdnMarkup.matchAll(/<article [^>]*data-agreement-id="([^"]+)"[\s\S]*?<\/article>/g)].map(([article, id]) => ({
  title: article.match(new RegExp(`id="ct-title-${id}"[^>]*>([^<]*)<`))[1],
  versionLine: article.match(/(Version [^<]*)</)[1],
}));
const text = ['agreements', 'www/samples'].map((dir) => execFileSync(cli, ['text', dir], { encoding: 'utf8' })).join('\n');
writePeerPages(`${dist}/bench`, agreementsText(text, shown), LONG_TASKS);

// Every response brotli-compressed, as a real host's would be; wire bytes are what CDP counts.
const server = await serve(dist, () => ({}), brotliHandler(dist));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
line(`machine ${cpus().length} cores, ${cpus()[0].model}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; browser Chromium ${browser.version()}; ${RUNS} cold loads per figure, interleaved page by page`);

// Profiles: CPU throttling rate, and network conditions (CDP Network.emulateNetworkConditions).
const PROFILES = {
  '1x': { cpu: 1 },
  '4x CPU': { cpu: 4 },
  'slow 4G': { cpu: 1, network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, connectionType: 'cellular4g' } },
};
line(`profiles: 1x; 4x CPU (CDP Emulation.setCPUThrottlingRate 4); slow 4G (CDP Network.emulateNetworkConditions: ${PROFILES['slow 4G'].network.latency} ms round trip, ${PROFILES['slow 4G'].network.downloadThroughput * 8 / 1e6} Mbps down, ${PROFILES['slow 4G'].network.uploadThroughput * 8 / 1e3} Kbps up, CPU 1x); every response brotli-compressed (quality 11); wire bytes are CDP's encodedDataLength, headers included`);

// One cold load (a new browser context: no cache, no storage). Everything is counted from
// navigation: first paint (the paint timing entry), usable (the page's own __interactive), text
// visible (the probe, where the page has it), long tasks (the page's observer) up to usable, and
// the wire bytes of every response (CDP encodedDataLength), the page's own apart.
async function coldLoad(page, profile, query, probe = true) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => { if (!e.redirectResponse) requests.set(e.requestId, { url: e.request.url, document: e.type === 'Document', bytes: 0, done: e.request.url.startsWith('data:') }); });
  cdp.on('Network.responseReceived', (e) => { const r = requests.get(e.requestId); if (r) r.encoding = e.response.headers['content-encoding'] || e.response.headers['Content-Encoding']; });
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) { r.bytes = e.encodedDataLength; r.done = true; } });
  cdp.on('Network.loadingFailed', (e) => { const r = requests.get(e.requestId); if (r) r.done = true; });
  await cdp.send('Network.enable');
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  await tab.goto(`${server.url}bench/${page}?${query}`);
  // The paint timing entry is queued after the frame it times: it may come after usable.
  await waitFor(cdp, `window.__interactive !== undefined && performance.getEntriesByType('paint').length > 0${probe ? ' && window.__textVisible !== undefined' : ''}`, 30000)
    .catch(async (e) => { await context.close(); throw new Error(`${page}: ${e.message}`); });
  const r = await tab.evaluate(() => ({
    t: window.__interactive, text: window.__textVisible, tasks: window.__longTasks || [],
    paint: (performance.getEntriesByName('first-paint')[0] || performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
  }));
  // The responses still under way when the page became usable are counted when they end.
  for (const end = Date.now() + 30000; [...requests.values()].some((x) => !x.done) && Date.now() < end;) await new Promise((ok) => setTimeout(ok, 25));
  const all = [...requests.values()];
  const pageBytes = all.filter((x) => x.document).reduce((s, x) => s + x.bytes, 0);
  const wire = all.reduce((s, x) => s + x.bytes, 0);
  const during = r.tasks.filter((x) => x.start < r.t + 1);
  return {
    context, tab, cdp, ...r, wire, wireWithoutPage: wire - pageBytes,
    longest: Math.max(0, ...during.map((x) => x.duration)),
    blocking: during.reduce((s, x) => s + Math.max(0, x.duration - 50), 0),
    brotli: all.filter((x) => x.bytes > 0 && x.encoding === 'br').length, responses: all.filter((x) => x.bytes > 0).length,
  };
}

// A cold load that never gets its measurements (headless Chromium now and then leaves one
// context's page without a paint entry) is thrown away and made again, at most twice, and
// counted: the count is printed at the end, so a run that needed it says so.
let retried = 0;
async function measuredLoad(page, profile, query, probe) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await coldLoad(page, profile, query, probe);
    } catch (e) {
      if (attempt === 2) throw e;
      retried++;
      console.error(`again: ${e.message}`);
    }
  }
}

// Every page of `pages` (label -> [file, has the text probe]) under every profile of `profiles`,
// RUNS cold loads each, interleaved page by page so that the machine's noise hits all alike.
async function matrix(pages, profiles, set) {
  const result = {};
  // One load of every page first, not counted: the server compresses each file on its first
  // request, which must not land in the first measured load.
  for (const [file, probe] of Object.values(pages)) (await measuredLoad(file, PROFILES['1x'], `set=${set}`, probe)).context.close();
  for (const name of profiles) {
    const runs = Object.fromEntries(Object.keys(pages).map((label) => [label, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const [label, [file, probe]] of Object.entries(pages)) {
        const { context, tab, cdp, ...r } = await measuredLoad(file, PROFILES[name], `set=${set}`, probe);
        runs[label].push(r);
        await context.close();
      }
    }
    result[name] = Object.fromEntries(Object.entries(runs).map(([label, rs]) => {
      const m = (k) => median(rs.map((x) => x[k]));
      return [label, {
        wire: m('wire'), wireWithoutPage: m('wireWithoutPage'), paint: m('paint'), usable: m('t'),
        text: rs[0].text === undefined ? undefined : m('text'), longest: m('longest'), worst: Math.max(...rs.map((x) => x.longest)),
        blocking: m('blocking'), brotli: Math.min(...rs.map((x) => x.brotli)), responses: Math.max(...rs.map((x) => x.responses)),
      }];
    }));
  }
  return result;
}

const BASE = 'vanilla baseline';
const ms = (x) => `${Math.round(x).toLocaleString('en-US')} ms`;
const ratio = (x, b) => (b > 0 ? ` (${(x / b).toFixed(2)})` : '');
// One line per figure and profile, every page on it, with its ratio to the vanilla page.
function figures(result, setLabel) {
  for (const [name, pages] of Object.entries(result)) {
    const b = pages[BASE];
    const each = (f) => Object.entries(pages).map(([label, p]) => `${label} ${f(p, label)}`).join('; ');
    const tag = `${setLabel} ${name}`;
    // The bytes are the same under every profile: printed for the first.
    if (name === Object.keys(result)[0]) line(`wire bytes ${tag}, without the page: ${each((p) => `${kb(p.wireWithoutPage)} KB${ratio(p.wireWithoutPage, b.wireWithoutPage)}`)} (budget 115 KB for the widget)`);
    if (name === Object.keys(result)[0]) line(`wire bytes ${tag}, with the page: ${each((p) => `${kb(p.wire)} KB${ratio(p.wire, b.wire)} (${p.brotli} of ${p.responses} responses brotli)`)}`);
    line(`first paint ${tag}: ${each((p) => `${p.paint.toFixed(1)} ms${ratio(p.paint, b.paint)}`)}`);
    line(`usable ${tag}: ${each((p) => `${p.usable.toFixed(1)} ms${ratio(p.usable, b.usable)}`)}${name === 'slow 4G' ? '' : ' (budget 1.5 for the widget)'}`);
    line(`longest task ${tag} (median of loads, worst): ${each((p) => `${p.longest.toFixed(0)} ms${ratio(p.longest, b.longest)}, worst ${p.worst.toFixed(0)} ms`)}${name === '4x CPU' ? ' (budget 100 ms for the widget)' : ''}`);
    line(`total blocking time ${tag}: ${each((p) => `${p.blocking.toFixed(0)} ms${b.blocking >= 10 ? ratio(p.blocking, b.blocking) : ''}`)}${b.blocking >= 10 ? '' : ' (no ratios: the vanilla page blocks under 10 ms)'}`);
    const st = pages['static page'];
    line(`text visible ${tag}: ${Object.entries(pages).filter(([, p]) => p.text !== undefined).map(([label, p]) => `${label} ${p.text.toFixed(1)} ms${ratio(p.text, st.text)}`).join('; ')} (ratios to the static page, budget 1.1)`);
  }
}

function table(result) {
  const [one, four, slow] = ['1x', '4x CPU', 'slow 4G'].map((n) => result[n]);
  const b1 = one[BASE], b4 = four[BASE], bs = slow[BASE];
  line('');
  line('| page | wire, page excluded / included | first paint 1x | usable 1x (ratio) | usable 4x CPU (ratio) | longest task 4x | blocking 4x | slow 4G first paint | slow 4G usable (ratio) |');
  line('|---|---|---|---|---|---|---|---|---|');
  for (const label of Object.keys(one)) {
    const p1 = one[label], p4 = four[label], ps = slow[label];
    const r = (p, b) => (label === BASE ? '' : ratio(p, b));
    line(`| ${label} | ${kb(p1.wireWithoutPage)} / ${kb(p1.wire)} KB | ${ms(p1.paint)} | ${ms(p1.usable)}${r(p1.usable, b1.usable)} | ${ms(p4.usable)}${r(p4.usable, b4.usable)} | ${ms(p4.longest)} | ${ms(p4.blocking)} | ${ms(ps.paint)} | ${ms(ps.usable)}${r(ps.usable, bs.usable)} |`);
  }
  line('');
}

try {
  // BENCH_ONLY=accept measures accepting alone, BENCH_ONLY=peers the Kingsoft CDN sign-up beside
  // its peers alone (quicker runs while working on either).
  const only = process.env.BENCH_ONLY;
  let cdn;
  if (!only || only === 'peers') {
    cdn = await matrix({
      'widget, prerendered': ['widget-prerendered-cdn.html', true],
      'widget, prerendered, style inline': ['widget-prerendered-inline-cdn.html', true],
      'widget, plain + preload hints': ['widget-hinted-cdn.html', true],
      'widget, plain': ['widget.html', true],
      [BASE]: ['baseline.html', false],
      'static page': ['static-cdn.html', true],
      [`Klaro ${PEER_VERSIONS.klaro}`]: ['klaro.html', false],
      [`cookieconsent ${PEER_VERSIONS['vanilla-cookieconsent']}`]: ['cookieconsent.html', false],
    }, Object.keys(PROFILES), 'cdn');
    figures(cdn, 'kingsoft-cdn');
  }
  if (!only) {
    figures(await matrix({
      'widget, prerendered': ['widget-prerendered-all.html', true],
      'widget, prerendered, style inline': ['widget-prerendered-inline-all.html', true],
      'widget, plain + preload hints': ['widget-hinted-all.html', true],
      [BASE]: ['baseline.html', false],
      'static page': ['static-all.html', true],
    }, ['1x', '4x CPU'], 'all'), 'all-five');
  }
  if (!only || only === 'accept') {
    const latencies = [];
    let longestAccept = 0;
    for (let i = 0; i < RUNS; i++) {
      const { context, tab, cdp } = await coldLoad('widget.html', PROFILES['1x'], `set=cdn&accept=1&subject=bench-${Date.now()}-${i}`);
      await tab.locator('consent-terms #ct-accept').click();
      await waitFor(cdp, 'window.__receiptAt !== undefined', 30000);
      const r = await tab.evaluate(() => ({ click: window.__clickAt, receipt: window.__receiptAt, tasks: window.__longTasks || [] }));
      latencies.push(r.receipt - r.click);
      longestAccept = Math.max(longestAccept, ...r.tasks.filter((x) => x.start >= r.click - 1).map((x) => x.duration), 0);
      await context.close();
    }
    line(`accept click -> consent-receipt: median ${median(latencies).toFixed(1)} ms, worst ${Math.max(...latencies).toFixed(1)} ms (budget 16 ms median); longest task during accept ${longestAccept.toFixed(0)} ms (budget 50 ms)`);
  }
  if (cdn) table(cdn);
  line(`cold loads made again after no measurement within 30 s: ${retried}`);
} finally {
  await browser.close();
  server.close();
}
