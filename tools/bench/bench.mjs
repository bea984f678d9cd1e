// Size and speed of the release widget, side by side with a hand-written vanilla-DOM page
// showing the same agreements with the same structure. Prints one line per figure; asserts
// nothing (times are noisy): budgets are printed beside the figures.
// usage: node tools/bench/bench.mjs DIST CHROMIUM CLI [RUNS]
import { chromium } from 'playwright-core';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { existsSync, readFileSync, readdirSync, mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { serve, CHROMIUM_ARGS } from '../e2e/serve.mjs';
import { waitFor } from './wait.mjs';

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

// ---- speed ------------------------------------------------------------------------------
mkdirSync(`${dist}/bench`, { recursive: true });
// Every page gets the same text probe (probe.js), inline in its head.
const TEXT_PROBE = `<script>\n${readFileSync('tools/bench/probe.js', 'utf8')}</script>`;
const withProbe = (html) => html.replace('</head>', `${TEXT_PROBE}\n</head>`);
for (const f of ['widget.html', 'baseline.html']) writeFileSync(`${dist}/bench/${f}`, withProbe(readFileSync(`tools/bench/${f}`, 'utf8')));
copyFileSync('tools/bench/baseline.js', `${dist}/bench/baseline.js`);
// The same page with the hints a host copies into its <head> (docs/embedding.md, "Loading in parallel"):
// every module and the wasm requested at once, before the glue runs.
const snippets = snippetFiles;
const hints = ['<link rel="modulepreload" href="../consent-terms-widget.js">',
  ...snippets.map((f) => `<link rel="modulepreload" href="../snippets/${f}">`),
  '<link rel="preload" href="../consent-terms-widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>',
  '<link rel="preload" href="../agreements.json" as="fetch" type="application/json" crossorigin>'].join('\n');
writeFileSync(`${dist}/bench/widget-hinted.html`,
  withProbe(readFileSync('tools/bench/widget.html', 'utf8')).replace('<link rel="icon" href="data:,">', `<link rel="icon" href="data:,">\n${hints}`));
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
    const elements = signups.map(([provider, products], i) => `<consent-terms provider="${provider}" products="${products}" lang="en" bundle="../agreements.json" subject="bench" challenge="bench">${markup[i]}</consent-terms>`).join('\n');
    writeFileSync(`${dist}/bench/widget-prerendered${inline ? '-inline' : ''}-${set}.html`, widgetPage
      .replace('<link rel="icon" href="data:,">', `<link rel="icon" href="data:,">\n${hints}`)
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
const server = await serve(dist);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
line(`machine ${cpus().length} cores, ${cpus()[0].model}; browser Chromium ${browser.version()}; ${RUNS} cold loads per figure`);

async function coldLoad(page, throttle, query) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await tab.goto(`${server.url}bench/${page}?${query}`);
  // The baseline draws into a shadow root of its own, which the text probe does not look in.
  await waitFor(cdp, page.startsWith('baseline') ? 'window.__interactive !== undefined'
    : 'window.__interactive !== undefined && window.__textVisible !== undefined');
  const r = await tab.evaluate(() => ({ t: window.__interactive, text: window.__textVisible, tasks: window.__longTasks || [] }));
  return { context, tab, cdp, ...r };
}

async function loads(throttle, set) {
  const result = {};
  for (const page of ['widget.html', 'widget-hinted.html', `widget-prerendered-${set}.html`, `widget-prerendered-inline-${set}.html`, `static-${set}.html`, 'baseline.html']) {
    const times = [], texts = [];
    let longest = 0;
    for (let i = 0; i < RUNS; i++) {
      const { context, t, text, tasks } = await coldLoad(page, throttle, `set=${set}`);
      times.push(t);
      texts.push(text);
      longest = Math.max(longest, ...tasks.filter((x) => x.start < t + 1).map((x) => x.duration), 0);
      await context.close();
    }
    result[page] = { median: median(times), text: median(texts), longest };
  }
  const w = result['widget.html'], h = result['widget-hinted.html'], p = result[`widget-prerendered-${set}.html`];
  const st = result[`static-${set}.html`], b = result['baseline.html'], pi = result[`widget-prerendered-inline-${set}.html`];
  const label = `${set === 'cdn' ? 'kingsoft-cdn' : 'all-five  '}${throttle > 1 ? ` ${throttle}x CPU` : '      '}`;
  line(`text visible ${label}: static HTML median ${st.text.toFixed(1)} ms; prerendered widget, stylesheet inline ${pi.text.toFixed(1)} ms, ratio ${(pi.text / st.text).toFixed(2)} (budget 1.1); stylesheet linked ${p.text.toFixed(1)} ms, ratio ${(p.text / st.text).toFixed(2)}; without prerendering ${w.text.toFixed(1)} ms, ratio ${(w.text / st.text).toFixed(2)}; longest task of the static page ${st.longest.toFixed(0)} ms`);
  line(`load ${label}: prerendered widget (stylesheet inline) with hints interactive median ${pi.median.toFixed(1)} ms, ratio ${(pi.median / b.median).toFixed(2)}; longest task ${pi.longest.toFixed(0)} ms`);
  line(`load ${label}: prerendered widget with hints interactive median ${p.median.toFixed(1)} ms, baseline median ${b.median.toFixed(1)} ms, ratio ${(p.median / b.median).toFixed(2)} (goal 2.0, budget 1.3); longest task ${p.longest.toFixed(0)} ms (budget 50 ms)`);
  line(`load ${label} without prerendering: widget median ${w.median.toFixed(1)} ms, ratio ${(w.median / b.median).toFixed(2)}; longest task widget ${w.longest.toFixed(0)} ms, baseline ${b.longest.toFixed(0)} ms`);
  line(`load ${label} without prerendering, with preload hints: widget median ${h.median.toFixed(1)} ms, ratio ${(h.median / b.median).toFixed(2)}; longest task ${h.longest.toFixed(0)} ms`);
}

try {
  // BENCH_ONLY=accept measures accepting alone (a quicker run while working on it).
  if (process.env.BENCH_ONLY !== 'accept') for (const throttle of [1, 4]) for (const set of ['cdn', 'all']) await loads(throttle, set);
  const latencies = [];
  let longestAccept = 0;
  for (let i = 0; i < RUNS; i++) {
    const { context, tab, cdp } = await coldLoad('widget.html', 1, `set=cdn&accept=1&subject=bench-${Date.now()}-${i}`);
    await tab.locator('consent-terms #ct-accept').click();
    await waitFor(cdp, 'window.__receiptAt !== undefined', 30000);
    const r = await tab.evaluate(() => ({ click: window.__clickAt, receipt: window.__receiptAt, tasks: window.__longTasks || [] }));
    latencies.push(r.receipt - r.click);
    longestAccept = Math.max(longestAccept, ...r.tasks.filter((x) => x.start >= r.click - 1).map((x) => x.duration), 0);
    await context.close();
  }
  line(`accept click -> consent-receipt: median ${median(latencies).toFixed(1)} ms, worst ${Math.max(...latencies).toFixed(1)} ms (budget 16 ms median); longest task during accept ${longestAccept.toFixed(0)} ms (budget 50 ms)`);
} finally {
  await browser.close();
  server.close();
}
