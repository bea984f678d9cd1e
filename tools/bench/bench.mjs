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
for (const f of ['widget.html', 'baseline.html', 'baseline.js']) copyFileSync(`tools/bench/${f}`, `${dist}/bench/${f}`);
// The same page with the hints a host copies into its <head> (README, "Loading in parallel"):
// every module and the wasm requested at once, before the glue runs.
const snippets = snippetFiles;
const hints = ['<link rel="modulepreload" href="../consent-terms-widget.js">',
  ...snippets.map((f) => `<link rel="modulepreload" href="../snippets/${f}">`),
  '<link rel="preload" href="../consent-terms-widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>',
  '<link rel="preload" href="../agreements.json" as="fetch" type="application/json" crossorigin>'].join('\n');
writeFileSync(`${dist}/bench/widget-hinted.html`,
  readFileSync('tools/bench/widget.html', 'utf8').replace('<link rel="icon" href="data:,">', `<link rel="icon" href="data:,">\n${hints}`));
const server = await serve(dist);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
line(`machine ${cpus().length} cores, ${cpus()[0].model}; browser Chromium ${browser.version()}; ${RUNS} cold loads per figure`);

async function coldLoad(page, throttle, query) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await tab.goto(`${server.url}bench/${page}?${query}`);
  await tab.waitForFunction(() => window.__interactive !== undefined, null, { timeout: 60000 });
  const r = await tab.evaluate(() => ({ t: window.__interactive, tasks: window.__longTasks || [] }));
  return { context, tab, ...r };
}

async function loads(throttle, set) {
  const result = {};
  for (const page of ['widget.html', 'widget-hinted.html', 'baseline.html']) {
    const times = [];
    let longest = 0;
    for (let i = 0; i < RUNS; i++) {
      const { context, t, tasks } = await coldLoad(page, throttle, `set=${set}`);
      times.push(t);
      longest = Math.max(longest, ...tasks.filter((x) => x.start < t + 1).map((x) => x.duration), 0);
      await context.close();
    }
    result[page] = { median: median(times), longest };
  }
  const w = result['widget.html'], h = result['widget-hinted.html'], b = result['baseline.html'];
  const label = `${set === 'cdn' ? 'kingsoft-cdn' : 'all-five  '}${throttle > 1 ? ` ${throttle}x CPU` : '      '}`;
  line(`load ${label}: widget median ${w.median.toFixed(1)} ms, baseline median ${b.median.toFixed(1)} ms, ratio ${(w.median / b.median).toFixed(2)} (budget 1.3); longest task widget ${w.longest.toFixed(0)} ms, baseline ${b.longest.toFixed(0)} ms (budget 50 ms)`);
  line(`load ${label} with preload hints: widget median ${h.median.toFixed(1)} ms, ratio ${(h.median / b.median).toFixed(2)}; longest task ${h.longest.toFixed(0)} ms`);
}

try {
  // BENCH_ONLY=accept measures accepting alone (a quicker run while working on it).
  if (process.env.BENCH_ONLY !== 'accept') for (const throttle of [1, 4]) for (const set of ['cdn', 'all']) await loads(throttle, set);
  const latencies = [];
  let longestAccept = 0;
  for (let i = 0; i < RUNS; i++) {
    const { context, tab } = await coldLoad('widget.html', 1, `set=cdn&accept=1&subject=bench-${Date.now()}-${i}`);
    await tab.locator('consent-terms #ct-accept').click();
    await tab.waitForFunction(() => window.__receiptAt !== undefined, null, { timeout: 30000 });
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
